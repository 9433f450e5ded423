"""The offline verifier page: size, and the time a check takes in the browser after decoding.

    .venv/bin/python -m bench.verifier [--runs 200]

Writes a site (`write_site`, keys generated now), opens it from the file system in Debian's
headless Chromium (Playwright) and times `check()` of a genuine seal and of an altered one with
the page's own `performance.now()`. Targets (issue 18): ≤ 50 ms a check, ≤ 300 KB the site.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from playwright.sync_api import sync_playwright

from bench.common import verdict
from desktop.department import ca
from desktop.documents.data import NotificationData, PoliceDecision
from desktop.documents.seal import SealClaims, SealSigner
from desktop.documents.verifier_site import SIZE_LIMIT, write_site
from desktop.sync.trust import MissionEntry, SealKey, seal_key_id, sign_verifier_list

TARGET_MS = 50.0


def _seal(key: ed25519.Ed25519PrivateKey) -> str:
    data = NotificationData(
        notification_id="BER-2026-000123",
        mission_code="BER",
        mission_name="Қазақстан Республикасының Германия Федеративтік Республикасындағы Елшілігі",
        person_full_name="ӘБДІРАХМАНОВА Гүлнұр Сағындыққызы",
        birth_date=date(1990, 3, 4),
        destination_country="Германия",
        destination_settlement="Берлин",
        decision=PoliceDecision("Алматы қаласы", "12-34/567", date(2026, 11, 10)),
        consular_official="ТҰҢҒЫШБАЕВ Өмірзақ Жиһанұлы",
        issue_date=date(2026, 11, 20),
    )
    return SealSigner(key).sign(SealClaims.from_notification(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium is missing: run scripts/system-deps.sh")

    department = ec.generate_private_key(ec.SECP256R1())
    cert = ca.new_ca().cert
    seal_key = ed25519.Ed25519PrivateKey.generate()
    # A realistic list: 90 missions with two keys each, one of them the mission under test.
    entries = []
    for i in range(90):
        keys = [ed25519.Ed25519PrivateKey.generate() for _ in range(2)]
        if i == 0:
            keys[1] = seal_key
        entries.append(
            MissionEntry(
                "BER" if i == 0 else f"M{i:02d}",
                f"Mission {i}",
                cert,
                cert,
                tuple(SealKey(seal_key_id(k.public_key()), k.public_key()) for k in keys),
            )
        )
    listed = sign_verifier_list(
        1, datetime(2026, 12, 1, tzinfo=UTC), "https://verify.example/", entries, department
    )
    genuine = _seal(seal_key)
    altered = genuine[:-20] + ("A" if genuine[-20] != "A" else "B") + genuine[-19:]
    with tempfile.TemporaryDirectory() as tmp:
        site = write_site(
            Path(tmp) / "site", department.public_key(), listed.data, listed.signature
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_context(offline=True).new_page()
            page.goto((site.directory / "index.html").as_uri())
            page.wait_for_selector("body[data-ready=ok]")
            timings = page.evaluate(
                """async ([texts, runs]) => {
                    const out = {};
                    for (const [name, text] of Object.entries(texts)) {
                        const ms = [];
                        for (let i = 0; i < runs; i++) {
                            const o = await window.qonysVerifier.check(text);
                            if (name === "genuine" && o.verdict !== "genuine") throw new Error(o.reason);
                            ms.push(o.ms);
                        }
                        out[name] = ms;
                    }
                    return out;
                }""",
                [{"genuine": genuine, "altered": altered}, args.runs],
            )
            browser.close()
    print(
        f"verifier site: {site.size / 1024:.0f} KB (target ≤ {SIZE_LIMIT // 1024} KB: "
        f"{verdict(site.size, SIZE_LIMIT)}); trust list of 90 missions, 180 keys"
    )
    for name, ms in timings.items():
        median = statistics.median(ms)
        print(
            f"check {name:8}: median {median:.2f} ms, max {max(ms):.2f} ms over {len(ms)} runs "
            f"in Chromium (target ≤ {TARGET_MS:.0f} ms: {verdict(max(ms), TARGET_MS)})"
        )


if __name__ == "__main__":
    main()
