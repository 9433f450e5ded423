"""A verifier site, seals and a Chromium page for the verifier tests (and the screenshot).

Keys are generated here at run time; the site is written by the real `write_site` from a list
signed by the real `sign_verifier_list`, exactly as `qonys-department verifier` does.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    sync_playwright,
)

from desktop.documents.seal import SealClaims, SealSigner
from desktop.documents.verifier_site import WrittenSite, write_site
from desktop.sync.trust import MissionEntry, SealKey, seal_key_id, sign_verifier_list
from tests.documents import fixtures
from tests.documents.pki import Pki

BASE_URL = "https://verify.qonys.example/check/"
# The list's own date: shown on the page as "trust list of 01.12.2026" (not today's date).
LIST_ISSUED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
LIST_VERSION = 7
REVOKED_AT = datetime(2026, 11, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Keys:
    department: ec.EllipticCurvePrivateKey
    ber: ed25519.Ed25519PrivateKey  # the mission that printed the notification
    ast: ed25519.Ed25519PrivateKey  # another mission
    revoked: ed25519.Ed25519PrivateKey  # BER's old key, revoked
    unknown: ed25519.Ed25519PrivateKey  # in no trust list

    def seal(self, key: ed25519.Ed25519PrivateKey, mission: str = "BER") -> str:
        data = fixtures.notification()
        claims = SealClaims.from_notification(data)
        claims = SealClaims(**{**claims.__dict__, "mission_code": mission})
        return SealSigner(key).sign(claims)


def make_keys(ber: ed25519.Ed25519PrivateKey) -> Keys:
    return Keys(
        ec.generate_private_key(ec.SECP256R1()),
        ber,
        ed25519.Ed25519PrivateKey.generate(),
        ed25519.Ed25519PrivateKey.generate(),
        ed25519.Ed25519PrivateKey.generate(),
    )


def _seal_key(key: ed25519.Ed25519PrivateKey, revoked: datetime | None = None) -> SealKey:
    return SealKey(seal_key_id(key.public_key()), key.public_key(), revoked)


def build_site(out: Path, keys: Keys, pki: Pki) -> WrittenSite:
    missions = [
        MissionEntry(
            "AST",
            "Қазақстан Республикасының Австриядағы Елшілігі",
            pki.ca_cert,
            pki.ca_cert,
            (_seal_key(keys.ast),),
        ),
        MissionEntry(
            "BER",
            fixtures.MISSION,
            pki.ca_cert,
            pki.ca_cert,
            (_seal_key(keys.revoked, REVOKED_AT), _seal_key(keys.ber)),
        ),
    ]
    listed = sign_verifier_list(LIST_VERSION, LIST_ISSUED, BASE_URL, missions, keys.department)
    return write_site(out, keys.department.public_key(), listed.data, listed.signature)


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("chromium is missing: run scripts/system-deps.sh")
    return path


@contextmanager
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


def launch(p: Playwright, *extra_args: str) -> Browser:
    """Debian's Chromium, headless, driven by Playwright (no browser of Playwright's own)."""
    return p.chromium.launch(executable_path=chromium(), args=["--no-sandbox", *extra_args])


@dataclass
class Watched:
    """A page with everything it asked for and every error it logged."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def verdict(self) -> tuple[str, str]:
        box = self.page.locator("#result")
        return box.get_attribute("data-verdict") or "", box.get_attribute("data-reason") or ""

    def check(self, text: str) -> tuple[str, str]:
        """Paste a text and press Check, as a person would."""
        self.page.evaluate("document.getElementById('result').removeAttribute('data-verdict')")
        self.page.fill("#text", text)
        self.page.click("#check")
        self.page.wait_for_selector("#result[data-verdict]")
        return self.verdict()


def open_page(
    browser: Browser, url: str, locale: str = "en-GB", *, offline: bool = True
) -> Watched:
    context = browser.new_context(locale=locale, offline=offline)
    page = context.new_page()
    watched = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            watched.errors.append(f"console {message.type}: {message.text}")

    def on_request(request: Request) -> None:
        watched.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: watched.errors.append(f"page error: {exc}"))
    page.on("request", on_request)
    page.goto(url)
    page.wait_for_selector("body[data-ready]")
    return watched


def pdf_to_png(pdf: Path, out_stem: Path, dpi: int = 300) -> Path:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(out_stem)],
        check=True,
    )
    return out_stem.with_suffix(".png")


def zbar(png: Path) -> str:
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()
