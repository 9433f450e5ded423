"""The verifier page in Kazakh, as a phone shows it after reading a genuine notification's QR.

    .venv/bin/python scripts/verifier_screenshot.py [OUT_DIR]     (default docs/screenshots)

Writes verifier-kk.png: a test site (keys generated now, test data only) opened from the file
system in Debian's headless Chromium, at the URL a phone's camera opens.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from desktop.documents.seal import seal_url  # noqa: E402
from tests.documents.pki import make_pki  # noqa: E402
from tests.documents.verifier_env import (  # noqa: E402
    BASE_URL,
    build_site,
    launch,
    make_keys,
    open_page,
    playwright,
)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    keys = make_keys(Ed25519PrivateKey.generate())
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, keys, make_pki())
        fragment = seal_url(BASE_URL, keys.seal(keys.ber)).split("#", 1)[1]
        with playwright() as p:
            browser = launch(p)
            try:
                url = (site / "index.html").as_uri() + "#" + fragment
                page = open_page(browser, url, locale="kk-KZ").page
                page.set_viewport_size({"width": 412, "height": 1010})
                page.wait_for_selector("#result[data-verdict=genuine]")
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(out / "verifier-kk.png"))
            finally:
                browser.close()
    print(out / "verifier-kk.png")


if __name__ == "__main__":
    main()
