"""Issue 19: the canonical-DER check of a notification's CMS is fast and exactly as strict.

asn1crypto's forced re-encoding (``dump(force=True)``) took ~0.2 s on a 1 KB signature: the
hash algorithm of ESSCertIDv2 is a DEFAULT field, filled in as a "changed" value, which makes
every ancestor re-encode again and again. ``desktop.sync.der.reencode`` gives the same bytes
in one pass; these tests hold it to asn1crypto's own answer on genuine and re-spelled blobs.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from asn1crypto import algos, tsp
from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader

from desktop.documents.issuing import IssuedNotification, NotificationIssuer
from desktop.documents.seal import SealSigner
from desktop.documents.signing import PdfSigner, hex_digits_reserved
from desktop.documents.trust import TrustAnchors
from desktop.documents.verify import verify_pdf
from desktop.sync.cms import is_canonical
from desktop.sync.der import reencode
from tests.documents import fixtures
from tests.documents.pki import Pki


def cms_of(pdf: bytes) -> bytes:
    """The CMS blob of the PDF's signature, without the zero padding of the reserved room."""
    [signature] = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    blob = bytes(signature.pkcs7_content)
    info = asn1_cms.ContentInfo.load(blob)
    return blob[: len(info.dump())]


def signer_of(pki: Pki) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(pki.signer_cert.public_bytes(serialization.Encoding.DER))


def respelled(der: bytes, how: str) -> bytes:
    """The blob with one signed attribute spelled in BER that is not DER, lengths fixed up."""
    info = asn1_cms.ContentInfo.load(der)
    attrs = info["content"]["signer_infos"][0]["signed_attrs"]
    if how == "attributes out of order":
        # A SET OF must be sorted by encoding in DER; put the first attribute last.
        first = asn1_cms.CMSAttribute.load(attrs[0].dump())
        rest = [asn1_cms.CMSAttribute.load(a.dump()) for a in list(attrs)[1:]]
        body = b"".join(a.dump() for a in [*rest, first])
        info["content"]["signer_infos"][0]["signed_attrs"] = asn1_cms.CMSAttributes.load(
            b"\x31" + _length(len(body)) + body
        )
        return bytes(info.dump())
    [ess] = [a for a in attrs if a["type"].native == "signing_certificate_v2"]
    cert_id = ess["values"][0]["certs"][0]
    if how == "default hash algorithm spelled out":
        # ESSCertIDv2's hashAlgorithm DEFAULT sha256 must be left out in DER.
        body = algos.DigestAlgorithm({"algorithm": "sha256"}).dump() + cert_id["cert_hash"].dump()
        if cert_id["issuer_serial"].native is not None:
            body += cert_id["issuer_serial"].dump()
    else:  # long-form length of the certificate hash
        digest = cert_id["cert_hash"].native
        body = b"\x04\x81" + bytes([len(digest)]) + digest
        if cert_id["issuer_serial"].native is not None:
            body += cert_id["issuer_serial"].dump()
    new_id = b"\x30" + _length(len(body)) + body
    certs = b"\x30" + _length(len(new_id)) + new_id  # SEQUENCE OF ESSCertIDv2
    value = b"\x30" + _length(len(certs)) + certs  # SigningCertificateV2
    ess["values"] = tsp.SetOfSigningCertificatesV2.load(b"\x31" + _length(len(value)) + value)
    return bytes(info.dump())


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def test_reencode_of_a_genuine_signature_is_its_bytes(issued: IssuedNotification, pki: Pki) -> None:
    der = cms_of(issued.pdf)
    assert reencode(asn1_cms.ContentInfo.load(der, strict=True)) == der
    assert asn1_cms.ContentInfo.load(der, strict=True).dump(force=True) == der
    assert is_canonical(der, signer_of(pki))


@pytest.mark.parametrize(
    "how",
    [
        "default hash algorithm spelled out",
        "long-form length inside a signed attribute",
        "attributes out of order",
    ],
)
def test_a_respelled_signature_reencodes_as_asn1crypto_does_and_is_refused(
    issued: IssuedNotification, pki: Pki, how: str
) -> None:
    der = cms_of(issued.pdf)
    changed = respelled(der, how)
    assert changed != der
    # Still the same value: only its spelling is not DER.
    parsed = asn1_cms.ContentInfo.load(changed, strict=True)
    fast = reencode(parsed)
    slow = asn1_cms.ContentInfo.load(changed, strict=True).dump(force=True)
    assert fast == slow
    assert fast != changed
    assert not is_canonical(changed, signer_of(pki))


def test_a_long_rsa_4096_chain_fits_the_room_reserved_for_it() -> None:
    # The room for the CMS follows the chain: the largest keys and long names still fit.
    long_name = "Қазақстан Республикасы Сыртқы істер министрлігінің Консулдық қызмет департаменті"

    def name(cn: str) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
                # 64 bytes at most each: 32 Cyrillic letters in UTF-8.
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, long_name[:32]),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, long_name[32:64]),
                x509.NameAttribute(NameOID.LOCALITY_NAME, long_name[-32:]),
                x509.NameAttribute(NameOID.COMMON_NAME, cn[:32]),
            ]
        )

    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(name("Department CA " + long_name))
        .issuer_name(name("Department CA " + long_name))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA512())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("ТҰҢҒЫШБАЕВ Өмірзақ Жиһанұлы, консул " + long_name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=9))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA512())
    )
    seal_key = Ed25519PrivateKey.generate()
    signer = PdfSigner(key, cert, [ca_cert])
    issued = NotificationIssuer(SealSigner(seal_key), signer).issue(fixtures.notification())
    trust = TrustAnchors.build([ca_cert], missions=[("BER", seal_key.public_key())])
    assert verify_pdf(issued.pdf, trust).ok
    used = 2 * len(cms_of(issued.pdf))
    assert used < hex_digits_reserved([cert, ca_cert]) < used + 2 * 4096
