"""Issue 18, "Done when": the Department writes the verifier site, a notification printed with
`qonys print notification` carries a URL QR, and the site opened from the file system in
headless Chromium, offline, reads its seal GENUINE with the person's name; one changed
character reads NOT GENUINE. A mission writes the same page with `qonys verifier --out`."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.department.demo import DEMO_VERIFIER_URL
from desktop.documents.verifier_site import SITE_FILES
from tests.cli.test_cli import ROOT, qonys
from tests.documents.verifier_env import launch, open_page, pdf_to_png, playwright, zbar

PASSWORD = "verifier-cli-password"


def _as(login: str) -> dict[str, str]:
    return {"QONYS_OFFICER": login, "QONYS_PASSWORD": PASSWORD}


def department(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QONYS_")}
    env.update(PYTHONPATH=str(ROOT), **_as("admin"))
    return subprocess.run(
        [sys.executable, "-m", "desktop.department.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("verifier") / "demo-store"
    result = qonys(
        "--data-dir",
        str(data_dir),
        "demo",
        "--cases",
        "20",
        "--seed",
        "4",
        env={"QONYS_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    return data_dir


def _print_notification(store: Path, out: Path) -> str:
    listed = qonys("--data-dir", str(store), "cases", "--json", env=_as("officer"))
    case = next(r for r in json.loads(listed.stdout) if r["stage"] == "permitted")
    printed = qonys(
        "--data-dir",
        str(store),
        "print",
        "notification",
        case["number"],
        "--out",
        str(out),
        env=_as("consul"),
    )
    assert printed.returncode == 0, printed.stderr
    return str(case["surname"])


def test_department_site_verifies_a_printed_notification(store: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    written = department("--data-dir", str(store / "department"), "verifier", "--out", str(site))
    assert written.returncode == 0, written.stderr
    assert DEMO_VERIFIER_URL in written.stdout
    assert all((site / name).is_file() for name in (*SITE_FILES, "trust.js"))

    pdf = tmp_path / "notification.pdf"
    surname = _print_notification(store, pdf)
    scanned = zbar(pdf_to_png(pdf, tmp_path / "page"))
    assert scanned.startswith(DEMO_VERIFIER_URL + "#QNS1:")
    accepted = qonys("--data-dir", str(store), "verify", "--seal", scanned, env=_as("officer"))
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert accepted.stdout.startswith("GENUINE")

    seal = scanned.split("#", 1)[1].replace("%20", " ").replace("%25", "%")
    changed = seal[:200] + ("A" if seal[200] != "A" else "B") + seal[201:]
    with playwright() as p:
        browser = launch(p)
        try:
            watched = open_page(browser, (site / "index.html").as_uri(), locale="kk-KZ")
            assert watched.check(seal) == ("genuine", "ok")
            assert surname in watched.page.inner_text("#claim-list")
            assert watched.check(changed)[0] == "not_genuine"
            assert "ТҮПНҰСҚА ЕМЕС" in watched.page.inner_text("#verdict")
            base = site.resolve().as_uri() + "/"
            assert [u for u in watched.requests if not u.startswith(base)] == []
            assert watched.errors == []
        finally:
            browser.close()


def test_mission_writes_the_same_page_from_its_trust_list(store: Path, tmp_path: Path) -> None:
    mine = tmp_path / "laptop"
    result = qonys("--data-dir", str(store), "verifier", "--out", str(mine), env=_as("officer"))
    assert result.returncode == 0, result.stderr
    theirs = tmp_path / "department-site"
    assert (
        department(
            "--data-dir", str(store / "department"), "verifier", "--out", str(theirs)
        ).returncode
        == 0
    )
    # The same Department key in the page; the mission's list may be an older version (the
    # Department published more since the enrolment), but lists the same seal keys.
    assert (mine / "index.html").read_bytes() == (theirs / "index.html").read_bytes()

    def listed(site: Path) -> dict[str, object]:
        script = (site / "trust.js").read_text(encoding="utf-8")
        carried = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
        return dict(json.loads(base64.b64decode(carried["list"])))

    assert listed(mine)["missions"] == listed(theirs)["missions"]
    assert listed(mine)["base_url"] == DEMO_VERIFIER_URL


def test_verifier_address_must_be_https(store: Path) -> None:
    bad = department(
        "--data-dir", str(store / "department"), "verifier", "--base-url", "http://x.example/"
    )
    assert bad.returncode == 1
    assert "https://" in bad.stderr and "Traceback" not in bad.stderr
