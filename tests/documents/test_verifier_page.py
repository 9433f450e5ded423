"""Issue 18: the offline verifier page (resources/verifier) in real headless Chromium.

Debian's `chromium` is driven by Playwright for Python (`executable_path`); the page is opened
from the file system in an offline browser context, the way a border post opens a copy from a
USB stick. The notification is really printed (PDF), rasterised at 300 dpi and decoded with
zbar, so what the page checks is what a phone's camera reads off the paper.
"""

from __future__ import annotations

import base64
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from PIL import Image
from playwright.sync_api import Browser, Playwright, Route

from desktop.documents import notification as layout
from desktop.documents.issuing import NotificationIssuer
from desktop.documents.seal import (
    ALG_EDDSA,
    COSE_SIGN1_TAG,
    HEADER_ALG,
    HEADER_KID,
    PREFIX,
    _sig_structure,
    seal_key_id,
    verify_seal,
)
from desktop.documents.verifier_site import SITE_FILES, SIZE_LIMIT, trust_script
from tests.documents import fixtures
from tests.documents.pki import Pki
from tests.documents.verifier_env import (
    BASE_URL,
    Keys,
    Watched,
    build_site,
    launch,
    make_keys,
    open_page,
    pdf_to_png,
    playwright,
    zbar,
)

REASONS = {
    "altered",
    "unknown_key",
    "revoked_key",
    "wrong_mission",
    "not_qonys",
    "damaged",
    "unsupported",
    "empty",
}


@dataclass(frozen=True)
class Printed:
    pdf: Path
    png: Path  # the whole page at 300 dpi
    scanned: str  # what zbarimg read from the QR
    seal_text: str


@pytest.fixture(scope="module")
def keys(seal_key: Ed25519PrivateKey) -> Keys:
    return make_keys(seal_key)  # the conftest issuer seals with seal_key: mission BER


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, keys: Keys, pki: Pki) -> Path:
    out = tmp_path_factory.mktemp("verifier") / "site"
    build_site(out, keys, pki)
    return out


@pytest.fixture(scope="module")
def printed(issuer: NotificationIssuer, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    issued = issuer.issue(fixtures.notification(), BASE_URL)
    folder = tmp_path_factory.mktemp("printed")
    pdf = folder / "notification.pdf"
    pdf.write_bytes(issued.pdf)
    png = pdf_to_png(pdf, folder / "page")
    return Printed(pdf, png, zbar(png), issued.seal_text)


@pytest.fixture(scope="module")
def chromium(printed: Printed, site: Path) -> Iterator[Playwright]:
    # Printing (pyHanko runs its own asyncio loop) must happen before Playwright's loop runs.
    with playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(chromium: Playwright) -> Iterator[Browser]:
    b = launch(chromium)
    yield b
    b.close()


def _page_url(site: Path, scanned: str) -> str:
    """The printed URL's fragment on the site's own index.html (a copy opened from a file)."""
    return (site / "index.html").as_uri() + "#" + scanned.split("#", 1)[1]


def _only_site_files(watched: Watched, site: Path) -> None:
    base = site.resolve().as_uri() + "/"
    outside = [u for u in watched.requests if not u.startswith(base)]
    assert outside == [], outside
    assert watched.errors == []


def test_site_files_and_size(site: Path, keys: Keys) -> None:
    names = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert names == sorted([*SITE_FILES, "trust.js"])
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"\nverifier site: {total} bytes ({total / 1024:.0f} KB) of {SIZE_LIMIT // 1024} KB")
    assert total <= SIZE_LIMIT
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "QONYS-DEPARTMENT-KEY" not in html
    assert "connect-src 'none'" in html


def test_printed_qr_is_a_url_that_qonys_verify_accepts(printed: Printed, keys: Keys) -> None:
    assert printed.scanned.startswith(BASE_URL + "#" + PREFIX)
    anchors = {seal_key_id(keys.ber.public_key()): keys.ber.public_key()}
    check = verify_seal(printed.scanned, anchors)
    assert check.ok, check.message
    assert check.claims is not None
    assert check.claims.person_full_name == fixtures.PERSON
    assert verify_seal(printed.seal_text, anchors).ok  # the old QNS1: text still verifies


def test_genuine_notification_reads_genuine_in_kazakh_and_russian(
    browser: Browser, site: Path, printed: Printed
) -> None:
    watched = open_page(browser, _page_url(site, printed.scanned), locale="kk-KZ")
    page = watched.page
    page.wait_for_selector("#result[data-verdict]")
    assert watched.verdict() == ("genuine", "ok")
    assert page.get_attribute("html", "lang") == "kk"
    text = page.inner_text("#result")
    assert "ТҮПНҰСҚА" in text
    assert "Мына мәліметтерді қағаздағымен салыстырыңыз" in text
    for value in (
        fixtures.PERSON,
        "04.03.1990",
        "BER-2026-000123",
        "Германия, Берлин",
        "20.11.2026",
        "12-34/567",
        "10.11.2026",
        fixtures.MISSION,
    ):
        assert value in text
    assert "Туған күні" in text
    assert page.inner_text("#trust") == "Сенім тізімі: 01.12.2026 (нұсқа 7)"
    ms = float(page.get_attribute("body", "data-verify-ms") or "nan")
    print(f"\nverification in Chromium after decoding: {ms:.2f} ms")

    page.click("button[data-lang=ru]")
    text = page.inner_text("#result")
    assert "ПОДЛИННОЕ" in text
    assert "Сравните эти сведения с бумагой" in text
    assert "Дата рождения" in text and "04.03.1990" in text and fixtures.PERSON in text
    assert page.inner_text("#trust") == "Список доверия от 01.12.2026 (версия 7)"
    _only_site_files(watched, site)
    page.context.close()


def _changed_character(seal: str, anchors: dict[bytes, object]) -> str:
    """One Base45 character changed so that the text still decodes: the signature fails."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    for pos in range(len(seal) // 2, len(seal)):
        for ch in alphabet:
            if ch == seal[pos]:
                continue
            candidate = seal[:pos] + ch + seal[pos + 1 :]
            check = verify_seal(candidate, anchors)  # type: ignore[arg-type]
            if check.failure is not None and check.failure.name == "BAD_SIGNATURE":
                return candidate
    raise AssertionError("no one-character change found")


def test_forgeries_read_not_genuine_with_their_reason(
    browser: Browser, site: Path, keys: Keys, printed: Printed
) -> None:
    watched = open_page(browser, (site / "index.html").as_uri(), locale="en-US")
    anchors = {seal_key_id(keys.ber.public_key()): keys.ber.public_key()}
    changed = _changed_character(printed.seal_text, anchors)
    cases = {
        "altered": (changed, "altered or forged"),
        "unknown_key": (keys.seal(keys.unknown), "not in the trust list"),
        "revoked_key": (keys.seal(keys.revoked), "revoked key (invalid since 01.11.2026)"),
        "not_qonys": ("https://example.org/menu", "not a Qonys seal"),
        "wrong_mission": (keys.seal(keys.ast, "BER"), "names mission BER but"),
        "damaged": (printed.seal_text[:-7], "damaged"),
    }
    for reason, (text, words) in cases.items():
        assert watched.check(text) == ("not_genuine", reason), reason
        shown = watched.page.inner_text("#result")
        assert "NOT GENUINE" in shown and words in shown, shown
        assert not watched.page.is_visible("#claims")
    # A changed character inside the URL form, too.
    url = BASE_URL + "#" + changed.replace("%", "%25").replace(" ", "%20")
    assert watched.check(url) == ("not_genuine", "altered")
    # The same mission's other key, genuine, is accepted: the binding is by mission.
    assert watched.check(keys.seal(keys.ast, "AST"))[0] == "genuine"
    assert watched.check(printed.scanned) == ("genuine", "ok")
    _only_site_files(watched, site)
    watched.page.context.close()


def test_page_refuses_a_trust_list_the_department_did_not_sign(
    browser: Browser, site: Path, keys: Keys, printed: Printed, tmp_path: Path
) -> None:
    carried = json.loads(
        (site / "trust.js").read_text(encoding="utf-8").split("=", 1)[1].strip().rstrip(";")
    )
    data = base64.b64decode(carried["list"])
    signature = base64.b64decode(carried["signature"])
    doc = json.loads(data)
    doc["missions"][0]["seal_keys"].append(
        {
            "kid": seal_key_id(keys.unknown.public_key()).hex(),
            "public_key": base64.b64encode(keys.unknown.public_key().public_bytes_raw()).decode(),
            "revoked_at": None,
        }
    )
    forged = json.dumps(doc).encode()
    other = ec.generate_private_key(ec.SECP256R1())
    r, s = decode_dss_signature(other.sign(forged, ec.ECDSA(hashes.SHA256())))
    variants = {
        "added key, old signature": trust_script(forged, signature),
        "signed by another key": trust_script(
            forged, r.to_bytes(32, "big") + s.to_bytes(32, "big")
        ),
        "no trust list": "window.QONYS_TRUST = null;\n",
    }
    for name, script in variants.items():
        copy = tmp_path / name.replace(" ", "-")
        shutil.copytree(site, copy)
        (copy / "trust.js").write_text(script, encoding="utf-8")
        watched = open_page(browser, _page_url(copy, printed.scanned))
        assert watched.page.get_attribute("body", "data-ready") == "refused", name
        watched.page.wait_for_selector("#result[data-verdict]")
        assert watched.verdict() == ("cannot", "no_trust"), name
        assert "no trust list signed by the Department" in watched.page.inner_text("#trust")
        # A seal made with the key the forged list added is not accepted either.
        assert watched.check(keys.seal(keys.unknown))[0] == "cannot"
        watched.page.context.close()


def test_no_request_leaves_the_page(browser: Browser, site: Path, printed: Printed) -> None:
    """Offline context; every request is a file of the site itself; fetch is forbidden."""
    watched = open_page(browser, _page_url(site, printed.scanned), offline=True)
    watched.page.wait_for_selector("#result[data-verdict]")
    assert watched.verdict() == ("genuine", "ok")
    _only_site_files(watched, site)
    assert len(watched.requests) == 5  # index.html, style.css, jsQR, trust.js, verifier.js
    # The page's own policy forbids any connection, whatever a script tried.
    before = len(watched.requests)
    outcome = watched.page.evaluate(
        "fetch('https://example.org/leak').then(() => 'sent', () => 'blocked')"
    )
    assert outcome == "blocked"
    assert [u for u in watched.requests[before:] if u.startswith("http")] == []
    watched.page.context.close()


def test_the_printed_url_opens_the_hosted_page(
    browser: Browser, site: Path, printed: Printed
) -> None:
    """The exact URL zbar read, served by a static host (here: the site folder, intercepted)."""
    context = browser.new_context(locale="ru-RU")
    served: list[str] = []

    def host(route: Route) -> None:
        url = route.request.url
        if not url.startswith(BASE_URL):
            route.abort()
            served.append("ABORTED " + url)
            return
        name = url[len(BASE_URL) :].split("#", 1)[0] or "index.html"
        served.append(name)
        route.fulfill(path=str(site / name))

    context.route("**/*", host)
    page = context.new_page()
    page.goto(printed.scanned)
    page.wait_for_selector("#result[data-verdict]")
    assert page.get_attribute("#result", "data-verdict") == "genuine"
    assert "ПОДЛИННОЕ" in page.inner_text("#result")
    assert not [s for s in served if s.startswith("ABORTED")], served
    assert all(PREFIX not in s for s in served)  # the fragment (the seal) was never sent
    context.close()


def test_photo_of_the_printed_page(browser: Browser, site: Path, printed: Printed) -> None:
    watched = open_page(browser, (site / "index.html").as_uri(), locale="kk-KZ")
    watched.page.set_input_files("#photo", str(printed.png))
    watched.page.wait_for_selector("#result[data-verdict]", timeout=30_000)
    assert watched.verdict() == ("genuine", "ok")
    assert fixtures.PERSON in watched.page.inner_text("#result")
    _only_site_files(watched, site)
    watched.page.context.close()


def _qr_crop(png: Path) -> Image.Image:
    """The QR area of the 300 dpi page (layout constants of notification.py), with margin."""
    scale = 300 / 72
    mm = layout.mm
    left = (layout.LEFT - 7 * mm) * scale
    top = (layout.PAGE_H - 22 * mm - layout.QR_SIZE - 5 * mm) * scale
    size = (layout.QR_SIZE + 10 * mm) * scale
    with Image.open(png) as page:
        return page.convert("L").crop((int(left), int(top), int(left + size), int(top + size)))


def write_y4m(image: Image.Image, path: Path, frames: int = 20) -> None:
    """A short 640x480 video of the printed QR (YUV 4:2:0), for Chromium's fake camera."""
    frame = Image.new("L", (640, 480), 255)
    qr = image.resize((440, 440), Image.Resampling.LANCZOS)
    frame.paste(qr, (100, 20))
    luma = frame.tobytes()
    chroma = bytes([128]) * (320 * 240)
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(frames):
            out.write(b"FRAME\n" + luma + chroma + chroma)


def test_camera_reads_the_printed_qr(
    chromium: Playwright, site: Path, printed: Printed, tmp_path: Path
) -> None:
    video = tmp_path / "qr.y4m"
    write_y4m(_qr_crop(printed.png), video)
    fake = (
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    camera_browser = launch(chromium, *fake)
    try:
        watched = open_page(camera_browser, (site / "index.html").as_uri(), locale="kk-KZ")
        watched.page.click("#camera-start")
        watched.page.wait_for_selector("#result[data-verdict]", timeout=30_000)
        assert watched.verdict() == ("genuine", "ok")
        assert fixtures.PERSON in watched.page.inner_text("#result")
        assert watched.page.is_hidden("#video")  # the camera was stopped after the read
        _only_site_files(watched, site)
    finally:
        camera_browser.close()


def _fuzz_inputs(keys: Keys, seal: str) -> list[str]:
    rng = random.Random(18)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    body = seal[len(PREFIX) :]
    out: list[str] = []
    for _ in range(120):  # one character changed anywhere
        pos = rng.randrange(len(body))
        out.append(PREFIX + body[:pos] + rng.choice(alphabet) + body[pos + 1 :])
    for _ in range(40):  # cut short, or cut in the middle
        a = rng.randrange(len(body))
        b = rng.randrange(a, len(body) + 1)
        out.append(PREFIX + body[:a] + body[b:])
    for _ in range(40):  # characters inserted
        pos = rng.randrange(len(body))
        extra = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
        out.append(PREFIX + body[:pos] + extra + body[pos:])
    for _ in range(30):  # any printable text, any Unicode
        n = rng.randint(0, 300)
        out.append("".join(chr(rng.randint(32, 126)) for _ in range(n)))
        out.append("".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 40))))
    for _ in range(20):  # valid Base45 of random bytes
        raw = bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
        out.append(PREFIX + base45.b45encode(raw).decode())
    structures: list[object] = [
        [],
        {},
        cbor2.CBORTag(18, "text"),
        cbor2.CBORTag(18, [b"", {}, b"", b""]),
        cbor2.CBORTag(99, [b"", {}, b"", b"x" * 64]),
        [b"\xa1\x01\x26", {}, b"payload", b"s" * 64],  # ES256, not EdDSA
        [cbor2.dumps({HEADER_ALG: ALG_EDDSA}), {}, b"p", b"s" * 64],  # no key id
        [cbor2.dumps({HEADER_ALG: ALG_EDDSA, HEADER_KID: "text"}), {}, b"p", b"s" * 64],
        1.5,
        -(2**63),
        2**64 - 1,
        "x" * 5000,
    ]
    nested: object = []
    for _ in range(200):
        nested = [nested]
    structures.append(nested)
    out.extend(PREFIX + base45.b45encode(cbor2.dumps(s)).decode() for s in structures)
    # Signed by the mission's own key, but not the claims layout.
    kid = seal_key_id(keys.ber.public_key())
    protected = cbor2.dumps({HEADER_ALG: ALG_EDDSA, HEADER_KID: kid}, canonical=True)
    for payload in (
        cbor2.dumps({0: 1}),
        cbor2.dumps({0: 2, 1: "x"}),
        cbor2.dumps([1, 2, 3]),
        cbor2.dumps(
            {
                0: 1,
                1: "A",
                2: "BER",
                3: "P",
                4: "2026-02-30",
                5: "C",
                6: "S",
                7: ["D", "1", "2026-01-01"],
                8: "2026-01-02",
            }
        ),
        cbor2.dumps(
            {
                0: 1,
                1: "A",
                2: "BER",
                3: "P",
                4: "1990-03-04",
                5: "C",
                6: "S",
                7: ["D", "1"],
                8: "2026-01-02",
            }
        ),
        b"\xff\xff",
    ):
        signature = keys.ber.sign(_sig_structure(protected, payload))
        message = cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature])
        out.append(PREFIX + base45.b45encode(cbor2.dumps(message)).decode())
    out += [
        "",
        "   ",
        PREFIX,
        PREFIX + "A" * 200_000,
        "x" * 100_000,
        BASE_URL + "#%E0%A4%A",
        BASE_URL + "#QNS1:%ZZ",
        BASE_URL + "#" + "%20" * 50,
        "WIFI:S:guest;T:WPA;P:secret;;",
        "\u0000" * 10,
    ]
    return out


def test_fuzzed_inputs_end_in_a_clear_not_genuine(
    browser: Browser, site: Path, keys: Keys, printed: Printed
) -> None:
    inputs = _fuzz_inputs(keys, printed.seal_text)
    assert len(inputs) >= 300
    watched = open_page(browser, (site / "index.html").as_uri())
    outcomes = watched.page.evaluate(
        """async (inputs) => {
            const out = [];
            for (const text of inputs) {
                const o = await window.qonysVerifier.check(text);
                out.push([o.verdict, o.reason]);
            }
            return out;
        }""",
        inputs,
    )
    anchors = {seal_key_id(keys.ber.public_key()): keys.ber.public_key()}
    for text, (verdict, reason) in zip(inputs, outcomes, strict=True):
        python_ok = verify_seal(text, anchors).ok
        if python_ok:  # a change the signature does not cover (none expected, but judge alike)
            assert verdict == "genuine", text[:80]
        else:
            assert verdict == "not_genuine", (text[:80], verdict, reason)
            assert reason in REASONS, (text[:80], reason)
    assert sum(1 for v, _ in outcomes if v == "not_genuine") >= 300
    # Each ended with a verdict on the page itself, never a blank page or an error.
    assert watched.page.inner_text("#verdict") in ("NOT GENUINE", "GENUINE")
    assert watched.errors == []
    watched.page.context.close()
