"""Offline verification of an Annex 4 notification PDF: the PAdES signature and the seal.

Anyone holding the mission trust list (the Department CA, the revoked serials, the seal
keys) can check a notification without a network: the signature with pyHanko against the
Department CA only, the seal with Ed25519, and the seal's claims against the text printed on
the page. Every failure is reported with its own code and one clear line.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathError, ValidationError

from desktop.documents.notification import page_fragments
from desktop.documents.seal import SealCheck, SealClaims, verify_seal
from desktop.documents.signing import SEAL_ATTACHMENT
from desktop.documents.trust import TrustAnchors
from desktop.sync.cms import is_canonical as _cms_is_canonical

# What the parsers of untrusted bytes (pyHanko, asn1crypto, zlib, pdfium) raise on a damaged
# file: a changed byte can surface as any of these, and each means "damaged", never a crash.
# Programming errors (NameError, AssertionError, OSError, …) are not among them and escape.
DAMAGED: tuple[type[Exception], ...] = (
    PdfError,  # pyHanko's reader
    ValueError,  # asn1crypto, pyHanko's ValueErrorWithMessage family, decoding
    TypeError,  # a PDF object or ASN.1 value of another type than the structure needs
    LookupError,  # KeyError, IndexError: a missing dictionary entry or array element
    AttributeError,  # pyHanko walking an object that turned out to be another kind
    ArithmeticError,  # OverflowError on absurd lengths and offsets
    zlib.error,
    struct.error,
    RecursionError,  # self-referencing objects
    NotImplementedError,  # a filter or algorithm the libraries do not implement
    EOFError,
)
# Validating the signature adds the certificate validator's refusals.
SIGNATURE_DAMAGED: tuple[type[Exception], ...] = (
    *DAMAGED,
    PathError,
    ValidationError,
    InvalidSignature,
)

# Bytes that only a signed PDF contains: a file that has them but will not parse was signed.
SIGNATURE_MARKERS = (b"/ByteRange", b"ETSI.CAdES.detached", b"/QonysSignature")


class Failure(Enum):
    NOT_A_PDF = "not a readable PDF file"
    NOT_SIGNED = "not signed: the PDF carries no digital signature"
    ALTERED = "altered after signing: the signed bytes do not match the signature"
    UNKNOWN_SIGNER = "unknown signer: the certificate does not chain to a trusted CA"
    REVOKED_SIGNER = "revoked signer: the signing certificate is on the revocation list"
    SEAL_MISSING = "no seal: the PDF carries no digital seal"
    SEAL_INVALID = "seal invalid"
    SEAL_MISMATCH = "seal does not match the page"


@dataclass(frozen=True)
class Problem:
    failure: Failure
    detail: str = ""

    @property
    def message(self) -> str:
        return self.failure.value + (f": {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class PdfVerification:
    """All that was found: `ok` only when the signature and the seal are both genuine."""

    problems: tuple[Problem, ...]
    signer: str = ""
    signer_serial: int | None = None
    claims: SealClaims | None = None
    seal: SealCheck | None = None
    details: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def failures(self) -> tuple[Failure, ...]:
        return tuple(p.failure for p in self.problems)


def _validation_context(trust: TrustAnchors) -> ValidationContext:
    def conv(certs: Iterable[x509.Certificate]) -> list[asn1_x509.Certificate]:
        return [
            asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certs
        ]

    # Offline by design: no fetching of CRLs/OCSP; revocation is the trust list's serials.
    return ValidationContext(
        trust_roots=conv(trust.roots),
        other_certs=conv(trust.intermediates),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def embedded_seal_text(reader: PdfFileReader) -> str | None:
    """The seal text attached as `qonys-seal.txt` (signing.PdfSigner), if any."""
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except (KeyError, TypeError):
        return None
    for i in range(0, len(names) - 1, 2):
        if str(names[i]) != SEAL_ATTACHMENT:
            continue
        spec = names[i + 1]
        if isinstance(spec, generic.IndirectObject):
            spec = spec.get_object()  # type: ignore[no-untyped-call]
        stream = spec["/EF"]["/F"]
        if isinstance(stream, generic.IndirectObject):
            stream = stream.get_object()  # type: ignore[no-untyped-call]
        return bytes(stream.data).decode("ascii")
    return None


def page_text(pdf: bytes) -> str:
    """The text printed on every page, whitespace collapsed (pdfium reads the ToUnicode maps)."""
    import pypdfium2 as pdfium  # local import: only this check needs pdfium

    parts: list[str] = []
    try:
        doc = pdfium.PdfDocument(pdf)
        try:
            for index in range(len(doc)):
                page = doc[index]
                textpage = page.get_textpage()
                try:
                    parts.append(textpage.get_text_range())
                finally:
                    textpage.close()
                    page.close()
        finally:
            doc.close()
    except pdfium.PdfiumError as exc:  # a damaged file: reported as one of the DAMAGED errors
        raise ValueError(f"pdfium cannot read it: {exc}") from exc
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _contents_padding_ok(pdf: bytes, byte_range: list[int], signer_cert: Any) -> bool:
    """The unsigned gap holds only the CMS blob in hex, then zero padding.

    The gap of /ByteRange is the one part of the file the signature cannot cover. pyHanko
    reads only the DER object from it, so a changed padding byte would go unnoticed; a
    genuine notification has nothing there but "<HEX DER, then 00…>" exactly as the signer
    wrote it (upper-case hex: a case flip would decode the same, but is still a changed byte).
    """
    if len(byte_range) != 4:
        return False
    start, length, gap_end = byte_range[0] + byte_range[1], byte_range[1], byte_range[2]
    if byte_range[0] != 0 or length <= 0 or gap_end <= start:
        return False
    gap = pdf[start:gap_end]
    if not (gap.startswith(b"<") and gap.endswith(b">")):
        return False
    try:
        blob = bytes.fromhex(gap[1:-1].decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return False
    if gap[1:-1] != blob.hex().upper().encode("ascii"):
        return False
    if len(blob) < 2 or blob[0] != 0x30:
        return False
    if blob[1] < 0x80:
        der_len = 2 + blob[1]
    else:
        n = blob[1] & 0x7F
        der_len = 2 + n + int.from_bytes(blob[2 : 2 + n], "big")
    if der_len > len(blob) or any(blob[der_len:]):
        return False
    return _cms_is_canonical(blob[:der_len], signer_cert)


def _certificates_untouched(sig: Any, trust: TrustAnchors, path: list[bytes]) -> bool:
    """Every certificate carried in the CMS is on the validated path or in the trust list.

    The CMS certificate bag is not covered by the signature (RFC 5652 §5.1): a changed byte
    in a carried copy of the CA certificate would still validate, since the verifier uses its
    own copy. A genuine notification carries nothing else, so anything else is a changed file.
    """
    known = {c.public_bytes(serialization.Encoding.DER) for c in trust.roots}
    known |= {c.public_bytes(serialization.Encoding.DER) for c in trust.intermediates}
    known |= set(path)
    try:
        known.add(sig.signer_cert.dump())
        carried = sig.signed_data["certificates"]
        if carried.native is None:
            return True
        return all(choice.chosen.dump() in known for choice in carried)
    except DAMAGED:  # asn1crypto parses lazily: a damaged bag raises here
        return False


def _signature_problems(
    status: PdfSignatureStatus, trust: TrustAnchors, serial: int
) -> list[Problem]:
    problems: list[Problem] = []
    if not status.intact or not status.valid:
        # pyHanko does not judge the signer of a broken signature: report only the breakage.
        return [Problem(Failure.ALTERED, "the document digest or the signature fails")]
    if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
        problems.append(Problem(Failure.ALTERED, "bytes were added after the signature"))
    if not status.trusted:
        problems.append(Problem(Failure.UNKNOWN_SIGNER))
    elif serial in trust.revoked_serials:
        problems.append(Problem(Failure.REVOKED_SIGNER, f"serial {serial:X}"))
    return problems


def verify_pdf(pdf: bytes, trust: TrustAnchors) -> PdfVerification:
    """Check a notification PDF offline: PAdES signature, seal, and seal against the page."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except DAMAGED as exc:
        # A changed byte can break the file's structure. If it was signed, say it was
        # altered; otherwise it is simply not a readable PDF.
        if any(marker in pdf for marker in SIGNATURE_MARKERS):
            return PdfVerification((Problem(Failure.ALTERED, f"the file is damaged ({exc})"),))
        return PdfVerification((Problem(Failure.NOT_A_PDF, str(exc)),))
    if not signatures and any(marker in pdf for marker in SIGNATURE_MARKERS):
        # The signature dictionary is there but unreadable: a changed byte, not a draft.
        return PdfVerification((Problem(Failure.ALTERED, "the signature dictionary is damaged"),))
    problems: list[Problem] = []
    signer, serial = "", None
    if not signatures:
        problems.append(Problem(Failure.NOT_SIGNED))
    else:
        try:
            cert = signatures[-1].signer_cert
            serial = int(cert.serial_number)
            signer = str(cert.subject.native.get("common_name", cert.subject.human_friendly))
        except DAMAGED as exc:  # a damaged CMS blob
            return PdfVerification((Problem(Failure.ALTERED, f"the signature is damaged ({exc})"),))
        problems.extend(_signature_check(pdf, signatures[-1], cert, serial, trust))
    seal, claims = _seal_check(reader, trust, problems)
    # After an alteration the page text proves nothing either way: report the alteration.
    if claims is not None and Failure.ALTERED not in [p.failure for p in problems]:
        problems.extend(_page_check(pdf, claims))
    return PdfVerification(tuple(problems), signer, serial, claims, seal)


def _signature_check(
    pdf: bytes, sig: Any, cert: Any, serial: int, trust: TrustAnchors
) -> list[Problem]:
    """The PAdES signature: intact, covering the whole file, by a trusted and unrevoked signer,
    its unsigned container untouched."""
    problems: list[Problem] = []
    # The certificates of the validated path, when the signer is trusted.
    path: list[bytes] | None = None
    try:
        status = validate_pdf_signature(sig, _validation_context(trust))
    except SIGNATURE_DAMAGED as exc:
        problems.append(Problem(Failure.ALTERED, f"the signature cannot be checked ({exc})"))
    else:
        problems.extend(_signature_problems(status, trust, serial))
        if status.trusted and status.validation_path is not None:
            path = [c.dump() for c in status.validation_path.iter_certs(include_root=True)]
    byte_range = [int(x) for x in sig.sig_object["/ByteRange"]]
    if Failure.ALTERED not in [p.failure for p in problems] and not (
        _contents_padding_ok(pdf, byte_range, cert)
        and (path is None or _certificates_untouched(sig, trust, path))
    ):
        problems.insert(0, Problem(Failure.ALTERED, "the signature container was changed"))
    return problems


def _seal_check(
    reader: PdfFileReader, trust: TrustAnchors, problems: list[Problem]
) -> tuple[SealCheck | None, SealClaims | None]:
    """The attached seal, verified; its problems go into ``problems``."""
    try:
        seal_text = embedded_seal_text(reader)
    except DAMAGED as exc:  # a damaged stream raises zlib, pyHanko or decoding errors
        problems.append(Problem(Failure.SEAL_MISSING, f"the attached seal is unreadable ({exc})"))
        return None, None
    if seal_text is None:
        problems.append(Problem(Failure.SEAL_MISSING))
        return None, None
    seal = verify_seal(seal_text, trust.seal_keys, trust.seal_missions)
    if not seal.ok:
        problems.append(Problem(Failure.SEAL_INVALID, seal.message))
        return seal, None
    return seal, seal.claims


def _page_check(pdf: bytes, claims: SealClaims) -> list[Problem]:
    """The seal's claims against the text printed on the page."""
    try:
        text = page_text(pdf)
    except DAMAGED as exc:  # pdfium raises its own error type on damaged files
        return [Problem(Failure.SEAL_MISMATCH, f"the page cannot be read ({exc})")]
    missing = [
        name
        for name, accepted in page_fragments(claims)
        if not any(re.sub(r"\s+", " ", fragment) in text for fragment in accepted)
    ]
    if missing:
        return [Problem(Failure.SEAL_MISMATCH, "not on the page: " + ", ".join(missing))]
    return []
