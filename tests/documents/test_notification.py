"""The signed and sealed Annex 4 notification, checked by pyHanko, poppler's pdfsig and zbar."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from PIL import Image, ImageEnhance, ImageFilter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from desktop.documents.issuing import IssuedNotification, NotificationIssuer
from desktop.documents.notification import render_notification
from desktop.documents.seal import verify_seal
from desktop.documents.signing import SEAL_ATTACHMENT, PdfSigner
from desktop.documents.trust import TrustAnchors
from desktop.documents.verify import Failure, verify_pdf
from tests.documents import fixtures
from tests.documents.conftest import flat, need, pdftotext
from tests.documents.pki import Pki, issue_signer, make_ca


def test_pyhanko_validates_intact_and_trusted(issued: IssuedNotification, pki: Pki) -> None:
    reader = PdfFileReader(io.BytesIO(issued.pdf))
    [sig] = reader.embedded_signatures
    ca = asn1_x509.Certificate.load(pki.ca_cert.public_bytes(serialization.Encoding.DER))
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[ca]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    assert "PAdES" in str(sig.sig_object["/SubFilter"]) or "ETSI.CAdES.detached" in str(
        sig.sig_object["/SubFilter"]
    )


@pytest.fixture(scope="module")
def nss_db(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Path:
    """An NSS database trusting only the test Department CA, for pdfsig."""
    db = tmp_path_factory.mktemp("nss")
    ca = db / "ca.pem"
    ca.write_bytes(pki.ca_cert.public_bytes(serialization.Encoding.PEM))
    certutil = need("certutil")
    subprocess.run(
        [certutil, "-N", "-d", f"sql:{db}", "--empty-password"], check=True, capture_output=True
    )
    subprocess.run(
        [certutil, "-A", "-d", f"sql:{db}", "-n", "qonys-test-ca", "-t", "CT,C,C", "-i", str(ca)],
        check=True,
        capture_output=True,
    )
    return db


def pdfsig(pdf: Path, nss_db: Path) -> str:
    # pdfsig exits 0 even on "Digest Mismatch": only its text tells (FIELD-NOTES).
    return subprocess.run(
        [need("pdfsig"), "-nssdir", f"sql:{nss_db}", str(pdf)], capture_output=True, text=True
    ).stdout


def test_pdfsig_reports_valid_and_trusted(issued_pdf: Path, nss_db: Path) -> None:
    out = pdfsig(issued_pdf, nss_db)
    assert "Signature Validation: Signature is Valid." in out, out
    assert "Certificate Validation: Certificate is Trusted." in out, out
    assert "Total document signed" in out, out


def test_pdfsig_reports_a_changed_byte(
    issued: IssuedNotification, nss_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "altered.pdf"
    path.write_bytes(_flip_in_page_stream(issued.pdf))
    out = pdfsig(path, nss_db)
    assert "Signature is Valid." not in out
    assert "Digest Mismatch" in out or "Signature is Invalid" in out, out


def test_the_seal_text_is_attached(
    issued_pdf: Path, issued: IssuedNotification, tmp_path: Path
) -> None:
    out = subprocess.run(
        [need("pdfdetach"), "-list", str(issued_pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert SEAL_ATTACHMENT in out
    subprocess.run(
        ["pdfdetach", "-save", "1", "-o", str(tmp_path / "seal.txt"), str(issued_pdf)], check=True
    )
    assert (tmp_path / "seal.txt").read_text() == issued.seal_text


def _zbar(png: Path) -> str:
    return subprocess.run(
        [need("zbarimg"), "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_qr_scans_at_300_dpi_and_after_a_photocopy(
    issued_pdf: Path, tmp_path: Path, issued: IssuedNotification, trust: TrustAnchors
) -> None:
    need("pdftoppm")
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", str(issued_pdf), str(tmp_path / "page")],
        check=True,
    )
    page = tmp_path / "page-1.png"
    text = _zbar(page)
    assert text == issued.seal_text
    assert verify_seal(text, trust.seal_keys).ok

    # A photocopy: slightly rotated, blurred, washed-out contrast, grey background.
    img = Image.open(page).convert("L")
    img = img.rotate(1.5, expand=True, fillcolor=235)
    img = img.filter(ImageFilter.GaussianBlur(1.6))
    img = ImageEnhance.Contrast(img).enhance(0.55)
    img = ImageEnhance.Brightness(img).enhance(1.1)
    copy = tmp_path / "copy.png"
    img.save(copy)
    img.close()
    assert _zbar(copy) == issued.seal_text


def test_verify_pdf_accepts_the_genuine_notification(
    issued: IssuedNotification, trust: TrustAnchors
) -> None:
    result = verify_pdf(issued.pdf, trust)
    assert result.ok, [p.message for p in result.problems]
    assert result.claims is not None
    assert result.claims.person_full_name == fixtures.PERSON
    assert result.signer.startswith("Тұңғышбаев")


def _flip_in_page_stream(pdf: bytes) -> bytes:
    """Change one byte inside the page's compressed content stream (signed range)."""
    start = pdf.index(b"stream", pdf.index(b"/Filter"))
    data = bytearray(pdf)
    data[start + 40] ^= 0x01
    return bytes(data)


def test_one_changed_byte_is_altered_after_signing(
    issued: IssuedNotification, trust: TrustAnchors
) -> None:
    result = verify_pdf(_flip_in_page_stream(issued.pdf), trust)
    assert result.failures == (Failure.ALTERED,)
    assert result.problems[0].message.startswith("altered after signing")


def test_changed_bytes_anywhere_are_never_genuine(
    issued: IssuedNotification, trust: TrustAnchors
) -> None:
    step = max(1, len(issued.pdf) // 100)
    for where in range(7, len(issued.pdf), step):
        data = bytearray(issued.pdf)
        data[where] ^= 0x20
        result = verify_pdf(bytes(data), trust)
        assert not result.ok, where


def test_an_appended_update_is_altered_after_signing(
    issued: IssuedNotification, trust: TrustAnchors
) -> None:
    result = verify_pdf(issued.pdf + b"\n% an incremental update\n", trust)
    assert Failure.ALTERED in result.failures
    assert "added after the signature" in result.problems[0].message


def test_unsigned_is_not_signed(issued: IssuedNotification, trust: TrustAnchors) -> None:
    pdf = render_notification(fixtures.notification(), issued.seal_text)
    result = verify_pdf(pdf, trust)
    assert Failure.NOT_SIGNED in result.failures
    assert result.problems[0].message == "not signed: the PDF carries no digital signature"


def test_unknown_signer(issued: IssuedNotification, seal_key: object) -> None:
    _key, other_ca = make_ca("Some Other CA")
    trust = TrustAnchors.build(roots=[other_ca], missions=[("BER", seal_key.public_key())])  # type: ignore[attr-defined]
    result = verify_pdf(issued.pdf, trust)
    assert result.failures == (Failure.UNKNOWN_SIGNER,)


def test_a_self_made_certificate_with_the_same_names_is_unknown(
    pki: Pki, seal_key: object, trust: TrustAnchors
) -> None:
    # A forger makes their own "Department CA" with the same name and signs with it.
    fake_ca_key, fake_ca = make_ca("Qonys Test Department CA")
    key, cert = issue_signer(fake_ca_key, fake_ca)
    from desktop.documents.seal import SealSigner

    forged = NotificationIssuer(SealSigner(seal_key), PdfSigner(key, cert, [fake_ca]))  # type: ignore[arg-type]
    result = verify_pdf(forged.issue(fixtures.notification()).pdf, trust)
    assert result.failures == (Failure.UNKNOWN_SIGNER,)


def test_revoked_signer(issued: IssuedNotification, pki: Pki, trust: TrustAnchors) -> None:
    revoked = replace(trust, revoked_serials=frozenset({pki.signer_cert.serial_number}))
    result = verify_pdf(issued.pdf, revoked)
    assert result.failures == (Failure.REVOKED_SIGNER,)
    assert f"{pki.signer_cert.serial_number:X}" in result.problems[0].message


def test_seal_key_not_trusted_is_seal_invalid(issued: IssuedNotification, pki: Pki) -> None:
    result = verify_pdf(issued.pdf, TrustAnchors.build(roots=[pki.ca_cert]))
    assert result.failures == (Failure.SEAL_INVALID,)
    assert "not in the trust list" in result.problems[0].message


def test_a_genuine_seal_on_another_page_does_not_match(
    issuer: NotificationIssuer, issued: IssuedNotification, trust: TrustAnchors
) -> None:
    # A trusted signer (or a bug) puts Gülnur's seal on a notification naming someone else.
    other = replace(fixtures.notification(), person_full_name="БАСҚА Адам Ұлы")
    pdf = render_notification(other, issued.seal_text, issuer.pdf_signer.info)
    signed = issuer.pdf_signer.sign(pdf, issued.seal_text)
    result = verify_pdf(signed, trust)
    assert result.failures == (Failure.SEAL_MISMATCH,)
    assert result.problems[0].message == "seal does not match the page: not on the page: person"


def test_duplicate_is_marked_and_still_verifies(
    issuer: NotificationIssuer, trust: TrustAnchors, tmp_path: Path
) -> None:
    dup = issuer.issue(fixtures.notification(duplicate=True))
    path = tmp_path / "dup.pdf"
    path.write_bytes(dup.pdf)
    assert "ТЕЛНҰСҚА / ДУБЛИКАТ" in flat(pdftotext(path))
    assert verify_pdf(dup.pdf, trust).ok


def test_rsa_signer_works_too(seal_key: object, pki: Pki) -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    from desktop.documents.seal import SealSigner

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "RSA official")]))
        .issuer_name(pki.ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(pki.ca_key, hashes.SHA256())
    )
    issuer = NotificationIssuer(SealSigner(seal_key), PdfSigner(key, cert, [pki.ca_cert]))  # type: ignore[arg-type]
    trust = TrustAnchors.build([pki.ca_cert], missions=[("BER", seal_key.public_key())])  # type: ignore[attr-defined]
    assert verify_pdf(issuer.issue(fixtures.notification()).pdf, trust).ok


def test_a_changed_copy_of_the_ca_certificate_inside_the_signature_is_caught(
    issued: IssuedNotification, pki: Pki, trust: TrustAnchors
) -> None:
    # The CMS certificate bag is outside the signed attributes: pyHanko alone would accept a
    # tampered copy of the CA certificate, because it validates with the trust list's copy.
    ca_hex = pki.ca_cert.public_bytes(serialization.Encoding.DER).hex().upper().encode()
    where = issued.pdf.index(ca_hex) + len(ca_hex) - 20  # inside the CA's own signature
    data = bytearray(issued.pdf)
    data[where] = ord("A") if data[where] != ord("A") else ord("B")
    result = verify_pdf(bytes(data), trust)
    assert result.failures == (Failure.ALTERED,)
    assert result.problems[0].message.endswith("the signature container was changed")


@pytest.mark.parametrize("what", ["issuer name case in the signer id", "digest algorithm set"])
def test_unsigned_fields_of_the_cms_are_not_malleable(
    issued: IssuedNotification, pki: Pki, trust: TrustAnchors, what: str
) -> None:
    # Found by flipping every byte of the signature container: pyHanko compares the signer's
    # issuer name case-insensitively and ignores the SignedData digestAlgorithms set.
    data = bytearray(issued.pdf)
    if what.startswith("issuer"):
        issuer_hex = pki.ca_cert.subject.public_bytes().hex().upper().encode()
        where = issued.pdf.rindex(issuer_hex)  # the last copy sits in the SignerInfo
        q = issued.pdf.index(b"516F6E7973", where)  # "Qonys"
        data[q : q + 2] = b"71"  # "qonys"
    else:
        where = issued.pdf.index(
            b"310F300D0609608648016503040201", issued.pdf.index(b"/Contents <")
        )
        data[where : where + 2] = b"33"
    assert bytes(data) != issued.pdf
    result = verify_pdf(bytes(data), trust)
    assert result.failures == (Failure.ALTERED,)


def test_long_names_fit_one_page_and_still_verify(
    issuer: NotificationIssuer, trust: TrustAnchors, tmp_path: Path
) -> None:
    from datetime import date

    from desktop.documents.data import PoliceDecision

    data = replace(
        fixtures.notification(duplicate=True),
        mission_name="Қазақстан Республикасының Ұлыбритания және Солтүстік Ирландия Құрама "
        "Корольдігіндегі Елшілігінің Консулдық бөлімі (Лондон қаласы)",
        person_full_name="ӘБДІРАХМАНОВА-ТҰҢҒЫШБАЕВА Гүлнұр-Жансая Сағындыққызы Нұрсұлтанқызы",
        decision=PoliceDecision(
            "Шығыс Қазақстан облысы Полиция департаментінің Өскемен қалалық полиция басқармасы",
            "12-34/567-ҚР",
            date(2026, 11, 10),
        ),
        destination_settlement="Frankfurt am Main",
    )
    issued = issuer.issue(data)
    path = tmp_path / "long.pdf"
    path.write_bytes(issued.pdf)
    info = subprocess.run(
        [need("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    assert verify_pdf(issued.pdf, trust).ok
    text = flat(pdftotext(path))
    assert "(қол мен мөрдің орны)" in text and "Frankfurt am Main" in text
