"""Write the offline verifier page (resources/verifier) as a ready static site.

The page checks an Annex 4 seal in the browser, with no network request. What it trusts
comes in two parts that only fit together if the Department made both:

* ``index.html`` carries the Department signing certificate's public key (SubjectPublicKeyInfo,
  base64) in ``<meta name="qonys-department-key">``;
* ``trust.js`` carries the verifier list (the missions' seal keys, revocations, the list's
  date) and the Department's ECDSA P-256 signature over it (`desktop.sync.trust.VerifierList`).

The page refuses a list whose signature does not verify with that key. The writer checks the
signature first too, so it never writes a site the page would refuse. The key itself comes
from the signed trust list, whose signer chains to the Department CA (docs/verification.md).
"""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from desktop.resources import resource_path

KEY_PLACEHOLDER = "QONYS-DEPARTMENT-KEY"
# The files of the site, as kept in resources/verifier (trust.js is written, not copied).
SITE_FILES = (
    "index.html",
    "verifier.js",
    "style.css",
    "sw.js",
    "vendor/jsQR.min.js",
    "vendor/LICENSE-jsQR.txt",
)
SIZE_LIMIT = 300 * 1024  # issue 18: the page with its assets


class SiteError(ValueError):
    """The site cannot be written: the list's signature fails, or the folder is unusable."""


@dataclass(frozen=True)
class WrittenSite:
    directory: Path
    files: tuple[str, ...]
    size: int


def _check_signature(key: ec.EllipticCurvePublicKey, data: bytes, signature: bytes) -> None:
    if len(signature) != 64:
        raise SiteError("the verifier list signature is not an ECDSA P-256 signature")
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    try:
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise SiteError("the verifier list is not signed by the Department's key") from None


def trust_script(data: bytes, signature: bytes) -> str:
    """``trust.js``: the list and its signature, both base64 (a script, not JSON: a page
    opened from a file may not fetch, but it may load a script beside it)."""
    doc = {
        "list": base64.b64encode(data).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
    }
    return "window.QONYS_TRUST = " + json.dumps(doc, sort_keys=True) + ";\n"


def write_site(
    out: Path,
    department_key: CertificatePublicKeyTypes,
    data: bytes,
    signature: bytes,
) -> WrittenSite:
    """Write the page, its assets and the signed list into `out` (created if missing)."""
    if not isinstance(department_key, ec.EllipticCurvePublicKey) or not isinstance(
        department_key.curve, ec.SECP256R1
    ):
        raise SiteError("the Department signing key is not ECDSA P-256")
    _check_signature(department_key, data, signature)
    spki = department_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} exists and is not a folder")
    source = resource_path("verifier")
    out.mkdir(parents=True, exist_ok=True)
    size = 0
    for name in SITE_FILES:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name == "index.html":
            html = (source / name).read_text(encoding="utf-8")
            if html.count(KEY_PLACEHOLDER) != 1:
                raise SiteError("resources/verifier/index.html has no key placeholder")
            html = html.replace(KEY_PLACEHOLDER, base64.b64encode(spki).decode("ascii"))
            target.write_text(html, encoding="utf-8")
        else:
            shutil.copyfile(source / name, target)
        size += target.stat().st_size
    trust = out / "trust.js"
    trust.write_text(trust_script(data, signature), encoding="utf-8")
    size += trust.stat().st_size
    return WrittenSite(out, (*SITE_FILES, "trust.js"), size)
