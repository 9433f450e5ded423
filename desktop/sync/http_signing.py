"""Mission requests to the Department's sync server, signed with the enrolment key (RFC 9421).

Why signed requests and not mutual TLS (docs/exchange.md, "Online"): the mission already holds
an ECDSA signing key and certificate from its enrolment, kept inside its encrypted store; a TLS
client certificate would have to be handed to the TLS library as a file, and a reverse proxy
that terminates TLS would have to pass the client certificate on in a header of its own.
An HTTP Message Signature (RFC 9421, ``ecdsa-p256-sha256``, the ``http-message-signatures``
library) travels with the request through any proxy and is checked by the application itself.

Each request carries:

* ``Qonys-Certificate``: the mission's signing certificate (base64 DER). The server checks it
  was issued by its CA — in memory, without the database — and that the signature's
  ``keyid`` is its SHA-256 fingerprint;
* ``Signature-Input``/``Signature``: covering the method, path, query, the certificate header
  and every protocol header present (``Upload-Offset``, ``Upload-Length``, ``Upload-Metadata``,
  ``Range``), with ``created`` and ``expires`` (a captured request cannot be used for long;
  re-sending one changes nothing anyway: uploads are idempotent by offset, downloads are
  encrypted to the mission).

The body is not covered: its integrity is the TLS channel's and, end to end, the package's own
signed manifest and the SHA-256 announced in the signed ``Upload-Metadata``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature as CryptoInvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException

from desktop.sync.trust import fingerprint

CERT_HEADER = "Qonys-Certificate"
# Headers that change what a request does: covered by the signature whenever present.
PROTOCOL_HEADERS = ("upload-offset", "upload-length", "upload-metadata", "range")
BASE_COMPONENTS = ("@method", "@path", "@query", CERT_HEADER.lower())
TAG = "qonys-sync"  # the signed application tag: a signature made for this protocol
LIFETIME = timedelta(minutes=10)
# Missions' clocks drift; the Department's server allows this much either way.
CLOCK_SKEW = timedelta(minutes=15)
_MAX_CERT_B64 = 8192


class AuthError(Exception):
    """The request does not prove a mission's identity; ``code`` names why (stable)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Message:
    """The request as the signature library reads it (method, absolute URL, headers)."""

    method: str
    url: str
    headers: MutableMapping[str, str] = field(default_factory=dict)


class _OneKey(HTTPSignatureKeyResolver):
    def __init__(self, key_id: str, public: Any = None, private: Any = None) -> None:
        self.key_id, self.public, self.private = key_id, public, private

    def resolve_public_key(self, key_id: str) -> Any:
        if key_id != self.key_id:
            raise AuthError("bad-signature", "the signature names another key than its certificate")
        return self.public

    def resolve_private_key(self, key_id: str) -> Any:  # noqa: ARG002 - the library's interface
        return self.private


def _covered(headers: Mapping[str, str]) -> tuple[str, ...]:
    present = {k.lower() for k in headers}
    return BASE_COMPONENTS + tuple(h for h in PROTOCOL_HEADERS if h in present)


def sign(
    method: str,
    url: str,
    headers: MutableMapping[str, str],
    cert: x509.Certificate,
    key: ec.EllipticCurvePrivateKey,
    *,
    now: datetime | None = None,
) -> None:
    """Add the certificate and signature headers to ``headers`` (in place)."""
    from cryptography.hazmat.primitives import serialization

    headers[CERT_HEADER] = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
    key_id = fingerprint(cert)
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    message = Message(method.upper(), url, headers)
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.ECDSA_P256_SHA256,
        key_resolver=_OneKey(key_id, private=key),
    )
    signer.sign(
        message,
        key_id=key_id,
        created=created,
        expires=created + LIFETIME,
        label="qonys",
        tag=TAG,
        covered_component_ids=_covered(headers),
    )


class _Verifier(HTTPMessageVerifier):
    max_clock_skew = CLOCK_SKEW


def verify(
    method: str, url: str, headers: Mapping[str, str], ca: x509.Certificate
) -> x509.Certificate:
    """The certificate of the mission that signed this request, or ``AuthError``.

    Reads nothing but the request and the CA certificate: a request that is not signed by a
    certificate of this CA is refused without touching the database.
    """
    raw = headers.get(CERT_HEADER.lower()) or headers.get(CERT_HEADER)
    if not raw or "signature" not in {k.lower() for k in headers}:
        raise AuthError("not-signed", "the request is not signed by a mission")
    if len(raw) > _MAX_CERT_B64:
        raise AuthError("bad-certificate", "the certificate header is too long")
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode(raw, validate=True))
    except (ValueError, binascii.Error) as exc:
        raise AuthError("bad-certificate", "the certificate header is not a certificate") from exc
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, CryptoInvalidSignature) as exc:
        raise AuthError("unknown-sender", "the certificate was not issued by this CA") from exc
    now = datetime.now(UTC)
    if not cert.not_valid_before_utc - CLOCK_SKEW <= now <= cert.not_valid_after_utc + CLOCK_SKEW:
        raise AuthError("expired-certificate", "the certificate is not valid now")
    public = cert.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey) or not isinstance(
        public.curve, ec.SECP256R1
    ):
        raise AuthError("bad-certificate", "not a mission's signing certificate")
    message = Message(method.upper(), url, dict(headers))
    verifier = _Verifier(
        signature_algorithm=algorithms.ECDSA_P256_SHA256,
        key_resolver=_OneKey(fingerprint(cert), public=public),
    )
    try:
        verifier.verify(
            message,
            max_age=LIFETIME + CLOCK_SKEW,
            expect_tag=TAG,
            require_components=_covered(headers),
        )
    except AuthError:
        raise
    except (HTTPMessageSignaturesException, CryptoInvalidSignature, ValueError, KeyError) as exc:
        raise AuthError("bad-signature", f"the request's signature does not verify: {exc}") from exc
    return cert
