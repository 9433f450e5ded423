"""Shared fixtures: a Department CA, a signing official, a seal key, issued notifications."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.documents.issuing import IssuedNotification, NotificationIssuer
from desktop.documents.seal import SealSigner
from desktop.documents.signing import PdfSigner
from desktop.documents.trust import TrustAnchors
from tests.documents import fixtures
from tests.documents.pki import Pki, make_pki


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run scripts/system-deps.sh")
    return path


def pdftotext(pdf: Path, *, raw: bool = True) -> str:
    """poppler's text; `-raw` keeps content-stream order, so a table cell reads contiguously."""
    argv = [need("pdftotext"), "-enc", "UTF-8"]
    if raw:
        argv.append("-raw")
    return subprocess.run([*argv, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Whitespace collapsed: wrapped lines compare equal to the one-line wording."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="session")
def seal_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="session")
def issuer(pki: Pki, seal_key: Ed25519PrivateKey) -> NotificationIssuer:
    return NotificationIssuer(
        SealSigner(seal_key),
        PdfSigner(pki.signer_key, pki.signer_cert, [pki.ca_cert], location="Berlin"),
    )


@pytest.fixture(scope="session")
def trust(pki: Pki, seal_key: Ed25519PrivateKey) -> TrustAnchors:
    return TrustAnchors.build(roots=[pki.ca_cert], missions=[("BER", seal_key.public_key())])


@pytest.fixture(scope="session")
def issued(issuer: NotificationIssuer) -> IssuedNotification:
    return issuer.issue(fixtures.notification())


@pytest.fixture
def issued_pdf(issued: IssuedNotification, tmp_path: Path) -> Path:
    path = tmp_path / "notification.pdf"
    path.write_bytes(issued.pdf)
    return path
