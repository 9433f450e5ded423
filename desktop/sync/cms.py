"""CMS (RFC 5652) signing, verification and encryption, from well-kept libraries only.

* signing and encryption: ``cryptography``'s PKCS#7 builders, always with
  ``PKCS7Options.Binary`` (FIELD-NOTES: otherwise LF becomes CRLF and ``openssl`` disagrees);
* signature verification: pyHanko's generic CMS validation (``cryptography`` cannot verify CMS)
  against an explicit trust anchor, never the operating system's store;
* decryption: ``cryptography``'s ``pkcs7_decrypt_der``.

The same bytes verify with ``openssl cms -verify -binary`` and decrypt with
``openssl cms -decrypt`` (see docs/package-format.md); a test runs those commands.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from asn1crypto import cms as asn1_cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from desktop.sync.der import reencode
from desktop.sync.errors import (
    DecryptionError,
    NonCanonicalSignatureError,
    SignatureError,
    UntrustedSignerError,
)

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

_SIGN_OPTIONS_DETACHED = [pkcs7.PKCS7Options.Binary, pkcs7.PKCS7Options.DetachedSignature]
_SIGN_OPTIONS_ATTACHED = [pkcs7.PKCS7Options.Binary]


def sign_detached(data: bytes, cert: x509.Certificate, key: SigningKey) -> bytes:
    """A detached CMS SignedData (DER) over ``data``, carrying the signer's certificate."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, _SIGN_OPTIONS_DETACHED)
    )


def sign_attached(data: bytes, cert: x509.Certificate, key: SigningKey) -> bytes:
    """A CMS SignedData (DER) that encapsulates ``data`` (used for the trust list)."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, _SIGN_OPTIONS_ATTACHED)
    )


def encrypt(data: bytes, recipient: x509.Certificate) -> bytes:
    """A CMS EnvelopedData (DER), AES-256-CBC, key transported to ``recipient`` (RSA)."""
    return (
        pkcs7.PKCS7EnvelopeBuilder()
        .set_data(data)
        .set_content_encryption_algorithm(algorithms.AES256)
        .add_recipient(recipient)
        .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )


def _der_header(tag: int, length: int) -> bytes:
    """Identifier and definite length octets (X.690 8.1.2-8.1.3, DER 10.1)."""
    if length < 0x80:
        return bytes((tag, length))
    octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(octets))) + octets


def _der_header_len(length: int) -> int:
    """``len(_der_header(tag, length))``."""
    return 2 if length < 0x80 else 2 + (length.bit_length() + 7) // 8


def _ct_len(plain_len: int) -> int:
    """AES-CBC ciphertext length with PKCS #7 padding (always at least one byte of padding)."""
    return (plain_len // 16 + 1) * 16


class Envelope:
    """``encrypt`` for large members, streamed: the same EnvelopedData, written into a buffer.

    ``cryptography``'s builder holds the plaintext, its ciphertext and the DER in three fresh
    buffers per member; this writes DER header and ciphertext straight into one buffer the
    caller reuses (bench.exchange: fresh megabyte buffers cost as much as the cipher). The
    structure is what ``encrypt`` produces, field for field (RFC 5652 section 6: version 0, one
    KeyTransRecipientInfo by issuer and serial, RSA PKCS #1 v1.5 key transport, id-data
    encrypted with AES-256-CBC, the IV as parameter, PKCS #7 padding), so ``decrypt`` and
    ``openssl cms -decrypt`` open it (tests/sync/test_package.py). The DER of every field but
    the bulk octet strings' lengths is asn1crypto's.
    """

    def __init__(self, recipient: x509.Certificate) -> None:
        from cryptography.hazmat.primitives.asymmetric import padding

        public = recipient.public_key()
        if not isinstance(public, rsa.RSAPublicKey):
            raise TypeError("the recipient's certificate must hold an RSA key")
        self._public = public
        self._padding = padding.PKCS1v15()
        cert = asn1_x509.Certificate.load(recipient.public_bytes(serialization.Encoding.DER))
        rid = asn1_cms.RecipientIdentifier(
            name="issuer_and_serial_number",
            value=asn1_cms.IssuerAndSerialNumber(
                {"issuer": cert.issuer, "serial_number": cert.serial_number}
            ),
        )

        # The DER of the fields around the two that change per member (the encrypted key and
        # the IV, both of fixed length) is built once, by asn1crypto, and the two spliced in.
        self._key_len = public.key_size // 8
        recipients = asn1_cms.RecipientInfos(
            [
                asn1_cms.RecipientInfo(
                    name="ktri",
                    value=asn1_cms.KeyTransRecipientInfo(
                        {
                            "version": "v0",
                            "rid": rid,
                            "key_encryption_algorithm": {"algorithm": "rsaes_pkcs1v15"},
                            "encrypted_key": b"\0" * self._key_len,
                        }
                    ),
                )
            ]
        ).dump()
        algorithm = asn1_cms.EncryptionAlgorithm(
            {"algorithm": "aes256_cbc", "parameters": b"\0" * 16}
        ).dump()
        self._recipients_head: bytes = recipients[: -self._key_len]
        self._algorithm_head: bytes = asn1_cms.ContentType("data").dump() + algorithm[:-16]
        self._version: bytes = asn1_cms.CMSVersion(0).dump()
        self._enveloped_oid: bytes = asn1_cms.ContentType("enveloped_data").dump()
        # What ``size`` counts around the lengths that change with the member's.
        self._eci_fixed = len(self._algorithm_head) + 16
        self._enveloped_fixed = len(self._version) + len(self._recipients_head) + self._key_len
        self._drawn = b""
        self._drawn_at = 0
        self._drawing = threading.Lock()  # members are encrypted on several threads at once

    _KEYS_PER_DRAW = 64

    def _fresh_key_and_iv(self) -> tuple[bytes, bytes]:
        """A new AES-256 key and IV from the operating system's CSPRNG (``os.urandom``).

        Drawn for 64 members at a time: every ``os.urandom`` call lets go of the GIL, and on a
        busy machine the export's encrypting thread then waited ~1 ms to get it back, once
        per member (bench.exchange, cProfile). The bytes are the same CSPRNG's either way.
        """
        with self._drawing:
            if self._drawn_at >= len(self._drawn):
                self._drawn = os.urandom(48 * self._KEYS_PER_DRAW)
                self._drawn_at = 0
            at = self._drawn_at
            self._drawn_at = at + 48
            drawn = self._drawn
        return drawn[at : at + 32], drawn[at + 32 : at + 48]

    def size(self, plain_len: int) -> int:
        """Bytes of the DER for ``plain_len`` bytes of plaintext: ``_header``'s length, counted
        rather than built (asked once per member, on the thread that feeds the package)."""
        ct_len = _ct_len(plain_len)
        eci = self._eci_fixed + _der_header_len(ct_len) + ct_len
        enveloped = self._enveloped_fixed + _der_header_len(eci) + eci
        explicit = _der_header_len(enveloped) + enveloped
        info = len(self._enveloped_oid) + _der_header_len(explicit) + explicit
        return _der_header_len(info) + info

    def _header(self, plain_len: int, encrypted_key: bytes, iv: bytes) -> bytes:
        ct_len = _ct_len(plain_len)
        content = _der_header(0x80, ct_len)  # encryptedContent [0] IMPLICIT OCTET STRING
        eci_head = self._algorithm_head + iv + content
        eci = _der_header(0x30, len(eci_head) + ct_len) + eci_head
        enveloped_head = self._version + self._recipients_head + encrypted_key + eci
        enveloped = _der_header(0x30, len(enveloped_head) + ct_len) + enveloped_head
        explicit = _der_header(0xA0, len(enveloped) + ct_len) + enveloped
        info_head = self._enveloped_oid + explicit
        return _der_header(0x30, len(info_head) + ct_len) + info_head

    # Encrypted and shown to ``observe`` 128 KiB at a time: a member's hashes then read
    # ciphertext still in the core's cache, not a megabyte evicted by the cipher's own writes
    # (bench.exchange: 8% less CPU per member).
    _CHUNK = 128 * 1024

    def encrypt_into(
        self,
        data: bytes | memoryview,
        out: bytearray,
        observe: Callable[[memoryview], None] | None = None,
    ) -> int:
        """Write the EnvelopedData of ``data`` at the start of ``out``; return its length.

        ``out`` must hold ``size(len(data))`` bytes. A fresh key and IV every call. Safe to
        call from several threads at once, each with its own ``out``. ``observe``, if given,
        is shown the DER as it is written, in consecutive pieces that together are all of it
        (to hash it on the way).
        """
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        key, iv = self._fresh_key_and_iv()
        encrypted_key = self._public.encrypt(key, self._padding)
        if len(encrypted_key) != self._key_len:  # RSA's output is the modulus' length
            raise ValueError("unexpected RSA output length")
        header = self._header(len(data), encrypted_key, iv)
        plain = memoryview(data)
        whole = len(plain) // 16 * 16
        end = len(header) + whole + 16
        if len(out) < end:
            raise ValueError("the buffer is too small for this member")
        view = memoryview(out)
        at = len(header)
        view[:at] = header
        if observe is not None:
            observe(view[:at])
        encryptor = Cipher(algorithms.AES256(key), modes.CBC(iv)).encryptor()
        # update_into wants room for one more block than it writes: there is always room,
        # the last 16 bytes being the padded block's, written after.
        for start in range(0, whole, self._CHUNK):
            done = encryptor.update_into(
                plain[start : min(start + self._CHUNK, whole)], view[at:end]
            )
            if observe is not None:
                observe(view[at : at + done])
            at += done
        pad = 16 - (len(plain) - whole)
        last = encryptor.update(bytes(plain[whole:]) + bytes((pad,)) * pad) + encryptor.finalize()
        view[at:end] = last
        if observe is not None:
            observe(view[at:end])
        return end


def decrypt(der: bytes, cert: x509.Certificate, key: rsa.RSAPrivateKey) -> bytes:
    """Open a CMS EnvelopedData addressed to ``cert``; a clear error if it is not ours."""
    try:
        return pkcs7.pkcs7_decrypt_der(der, cert, key, [])
    except ValueError as exc:
        raise DecryptionError(f"a member cannot be decrypted with this key ({exc})") from exc


@dataclass(frozen=True)
class VerifiedSignature:
    """The outcome of a valid signature: who signed, and the content it covers."""

    signer: x509.Certificate
    content: bytes
    signing_time: datetime | None


# What asn1crypto raises on damaged DER, found by fuzzing signatures (it parses lazily, so a
# damaged part can raise far from the load): a failed length or tag check, a value of another
# type, an unknown OID or missing field, undecodable text, an absurd length.
ASN1_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, LookupError, ArithmeticError)


def _signed_data(der: bytes) -> asn1_cms.SignedData:
    try:
        info = asn1_cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise SignatureError("the signature file is not a CMS SignedData")
        signed = info["content"]
        # Touch the structure now, so a malformed signature fails here with a clear class.
        signed.native  # noqa: B018 - parsing is the point
    except SignatureError:
        raise
    except ASN1_ERRORS as exc:
        raise SignatureError(f"the signature is not valid DER ({exc.__class__.__name__})") from exc
    assert isinstance(signed, asn1_cms.SignedData)
    return signed


def is_canonical(
    der: bytes, signer_cert: asn1_x509.Certificate, *, digest: str | None = None
) -> bool:
    """The CMS blob is exactly what a signer writes (packages, trust lists, PDF signatures).

    Several fields of SignedData are outside the signature (RFC 5652 §5): the
    digestAlgorithms set, the version numbers, the signer identifier. pyHanko tolerates
    variations there (an issuer name compared case-insensitively, say), so a changed byte
    would pass unnoticed. Require DER that re-encodes to itself, digestAlgorithms naming only
    the SignerInfo's digest (and that digest ``digest`` when given), the signer identified
    exactly, and the versions RFC 5652 fixes.
    """
    try:
        info = asn1_cms.ContentInfo.load(der, strict=True)
        if reencode(info) != der:
            return False
        signed = info["content"]
        [signer] = list(signed["signer_infos"])
        if digest is not None and signer["digest_algorithm"]["algorithm"].native != digest:
            return False
        expected_algos = asn1_cms.DigestAlgorithms(
            [asn1_cms.DigestAlgorithm.load(signer["digest_algorithm"].dump())]
        )
        if signed["digest_algorithms"].dump() != expected_algos.dump(force=True):
            return False
        sid = signer["sid"]
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            exact = (
                ias["issuer"].dump() == signer_cert.issuer.dump()
                and ias["serial_number"].native == signer_cert.serial_number
            )
            versions = (signer["version"].native, signed["version"].native) == ("v1", "v1")
        else:
            exact = sid.chosen.native == signer_cert.key_identifier
            versions = (signer["version"].native, signed["version"].native) == ("v3", "v3")
        return bool(exact and versions)
    except ASN1_ERRORS:  # not parseable as one SignedData with one signer: not ours
        return False


def _signer_asn1(signed: asn1_cms.SignedData) -> asn1_x509.Certificate:
    infos = signed["signer_infos"]
    if len(infos) != 1:
        raise SignatureError("exactly one signer is expected")
    sid = infos[0]["sid"]
    for choice in signed["certificates"] or []:
        cert = choice.chosen
        if not isinstance(cert, asn1_x509.Certificate):
            continue
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            if cert.issuer == ias["issuer"] and cert.serial_number == ias["serial_number"].native:
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    raise SignatureError("the signature does not carry the signer's certificate")


def _signer_certificate(signed: asn1_cms.SignedData) -> x509.Certificate:
    return x509.load_der_x509_certificate(_signer_asn1(signed).dump())


def _require_canonical(der: bytes, signed: asn1_cms.SignedData) -> None:
    """Only the exact bytes our signer writes: no second spelling of the same signature."""
    if not is_canonical(der, _signer_asn1(signed), digest="sha256"):
        raise NonCanonicalSignatureError(
            "the signature file is not exactly as signed: a field outside the signature "
            "(a version, the digest algorithms, the encoding) was changed"
        )


# What `_validate` imports from pyHanko (about a second, the first time in a process).
_PYHANKO = (
    "pyhanko.sign.validation.generic_cms",
    "pyhanko.sign.validation.settings",
    "pyhanko_certvalidator",
)


def warm_up() -> None:
    """Import pyHanko's validation now, so that the first signature checked does not wait for
    it (the Department's server does this on a thread of its own when it starts)."""
    import importlib

    for name in _PYHANKO:
        importlib.import_module(name)


def _validate(
    signed: asn1_cms.SignedData,
    content: bytes | None,
    anchors: Sequence[x509.Certificate],
    moment: datetime | None,
) -> None:
    # Imported here (_PYHANKO): heavy, and only needed when a signature is checked.
    from pyhanko.sign.validation.generic_cms import (
        async_validate_cms_signature,
        async_validate_detached_cms,
    )
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    roots = [
        asn1_x509.Certificate.load(a.public_bytes(serialization.Encoding.DER)) for a in anchors
    ]
    context = ValidationContext(
        trust_roots=roots,
        allow_fetching=False,
        # Revocation is decided by the signed trust list (DESIGN: trust model), not by CRL
        # fetching: missions are offline for days.
        revocation_mode="soft-fail",
        moment=moment or datetime.now(UTC),
    )
    usage = KeyUsageConstraints(key_usage={"digital_signature"}, match_all_key_usages=False)
    try:
        if content is None:  # attached: pyHanko hashes the encapsulated content itself
            status: Any = asyncio.run(
                async_validate_cms_signature(
                    signed, validation_context=context, key_usage_settings=usage
                )
            )
        else:
            status = asyncio.run(
                async_validate_detached_cms(
                    content, signed, signer_validation_context=context, key_usage_settings=usage
                )
            )
    except Exception as exc:  # pyHanko raises its own errors on malformed input
        raise SignatureError(f"the signature cannot be validated ({exc})") from exc
    if not status.intact:
        raise SignatureError("the signature does not match the signed content (altered)")
    if not status.valid:
        raise SignatureError("the signature is cryptographically invalid")
    if not status.trusted:
        raise UntrustedSignerError(
            "the signer's certificate does not chain to the trusted authority"
        )


def verify_detached(
    content: bytes,
    signature_der: bytes,
    anchors: Sequence[x509.Certificate],
    *,
    moment: datetime | None = None,
) -> VerifiedSignature:
    """Verify a detached CMS signature over ``content`` against ``anchors``."""
    signed = _signed_data(signature_der)
    if signed["encap_content_info"]["content"].native is not None:
        raise SignatureError("a detached signature was expected")
    _require_canonical(signature_der, signed)
    _validate(signed, content, anchors, moment)
    return VerifiedSignature(_signer_certificate(signed), content, _signing_time(signed))


def verify_attached(
    signature_der: bytes,
    anchors: Sequence[x509.Certificate],
    *,
    moment: datetime | None = None,
) -> VerifiedSignature:
    """Verify a CMS SignedData that encapsulates its content; return the content."""
    signed = _signed_data(signature_der)
    content = signed["encap_content_info"]["content"].native
    if not isinstance(content, bytes):
        raise SignatureError("the signed file carries no content")
    _require_canonical(signature_der, signed)
    _validate(signed, None, anchors, moment)
    return VerifiedSignature(_signer_certificate(signed), content, _signing_time(signed))


def _signing_time(signed: asn1_cms.SignedData) -> datetime | None:
    for attr in signed["signer_infos"][0]["signed_attrs"] or []:
        if attr["type"].native == "signing_time":
            value = attr["values"][0].native
            return value if isinstance(value, datetime) else None
    return None
