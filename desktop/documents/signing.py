"""PAdES B-B signature of the Annex 4 notification, with pyHanko.

§10: the notification is certified by the consular official's signature and seal. On paper
that is the wet signature and the seal stamp; digitally it is a PAdES baseline signature by
the signing official's certificate (issued by the Department CA, DESIGN "Trust model"), and the
visible digital seal (seal.py), whose text is also embedded in the PDF as `qonys-seal.txt` so
a verifier can compare it with the page without scanning.

The signature field is invisible: the signature block on the page is drawn by reportlab
(notification.py), which keeps Kazakh text in our embedded font and costs nothing extra.
The private key is parsed once and kept loaded (FIELD-NOTES: re-parsing an RSA key per PDF
costs ~200 ms).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from desktop.documents.data import SignatureInfo

SEAL_ATTACHMENT = "qonys-seal.txt"
SIGNATURE_FIELD = "QonysSignature"
# Room for the CMS blob, fixed in advance (pyHanko's own estimate is a dry-run signature: one
# private-key operation more): the certificates it carries plus this much for the signed
# attributes, the signer's identifier and the signature itself (~1.3 KB with RSA-4096 and long
# names). The room is written as two hex digits a byte, which a verifier reads one token at a
# time, so it follows the chain (6 KiB of hex for a P-256 chain) instead of a flat 16 KiB
# (issue 19).
BYTES_FOR_SIGNATURE = 2048


def hex_digits_reserved(certificates: Sequence[x509.Certificate]) -> int:
    """pyHanko's ``bytes_reserved`` (hex digits) for a CMS blob carrying ``certificates``."""
    size = BYTES_FOR_SIGNATURE + sum(
        len(c.public_bytes(serialization.Encoding.DER)) for c in certificates
    )
    return 2 * (-(-size // 1024) * 1024)


PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def _to_asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, but signing with an already loaded `cryptography` key.

    SimpleSigner re-parses the DER private key for every signature; the algorithms and
    encodings are unchanged (ECDSA DER signatures, RSA PKCS#1 v1.5), only the key is cached.
    """

    def __init__(self, key: PrivateKey, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._loaded_key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        algo = mechanism["algorithm"].native
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        key = self._loaded_key
        if isinstance(key, ec.EllipticCurvePrivateKey) and algo.endswith("ecdsa"):
            return key.sign(data, ec.ECDSA(hash_algo))
        if isinstance(key, rsa.RSAPrivateKey) and algo.endswith("rsa") and "pss" not in algo:
            return key.sign(data, padding.PKCS1v15(), hash_algo)
        return bytes(super().sign_raw(data, digest_algorithm))


class PdfSigner:
    """Signs notification PDFs as one consular official (key and chain loaded once)."""

    def __init__(
        self,
        private_key: PrivateKey,
        certificate: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
        *,
        location: str = "",
    ) -> None:
        if not isinstance(private_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise TypeError("the signing key must be ECDSA or RSA")
        self.certificate = certificate
        self._reserved = hex_digits_reserved([certificate, *chain])
        key_info = asn1_keys.PrivateKeyInfo.load(
            private_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        self._signer = _LoadedKeySigner(
            private_key,
            signing_cert=_to_asn1_cert(certificate),
            signing_key=key_info,
            cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
                [_to_asn1_cert(c) for c in chain]
            ),
        )
        self._meta = signers.PdfSignatureMetadata(
            field_name=SIGNATURE_FIELD,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            location=location or None,
        )

    @property
    def info(self) -> SignatureInfo:
        """What the drawn signature block prints about this signer."""
        return signature_info(self.certificate)

    def sign(self, pdf: bytes, seal_text: str | None = None) -> bytes:
        """Return `pdf` with the seal text attached and a PAdES B-B signature over everything."""
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        if seal_text is not None:
            data = seal_text.encode("ascii")
            embed.embed_file(
                writer,
                embed.FileSpec(
                    file_spec_string=SEAL_ATTACHMENT,
                    file_name=SEAL_ATTACHMENT,
                    embedded_data=embed.EmbeddedFileObject.from_file_data(
                        writer,
                        data=data,
                        mime_type="text/plain",
                        params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=False),
                    ),
                    description="Visible digital seal (COSE_Sign1, Base45) of this notification",
                ),
            )
        pdf_signer = signers.PdfSigner(
            self._meta,
            signer=self._signer,
            new_field_spec=fields.SigFieldSpec(sig_field_name=SIGNATURE_FIELD),
        )
        out = pdf_signer.sign_pdf(writer, bytes_reserved=self._reserved)
        return bytes(out.getvalue())


def _name_attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    attrs = name.get_attributes_for_oid(oid)
    return str(attrs[0].value) if attrs else ""


def signature_info(certificate: x509.Certificate) -> SignatureInfo:
    subject = certificate.subject
    issuer = certificate.issuer
    return SignatureInfo(
        signer_name=_name_attr(subject, x509.NameOID.COMMON_NAME) or subject.rfc4514_string(),
        certificate_serial=format(certificate.serial_number, "X"),
        issuer=_name_attr(issuer, x509.NameOID.COMMON_NAME) or issuer.rfc4514_string(),
    )
