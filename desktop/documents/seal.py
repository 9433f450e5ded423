"""The visible digital seal of the Annex 4 notification: a signed QR code.

In the spirit of ICAO Visible Digital Seals and the EU Digital COVID Certificate, built only
from standards:

* the claims are a CBOR map (RFC 8949) with small integer keys (see `SealClaims`);
* they are signed as a COSE_Sign1 message (RFC 9052 §4.2, tag 18) with EdDSA/Ed25519
  (RFC 9053 §2.2, alg -8); the key id (header label 4) sits in the protected header so it is
  signed too;
* the COSE bytes are Base45-encoded (RFC 9285) behind the prefix ``QNS1:`` so the whole text
  fits the QR alphanumeric mode;
* the QR is drawn with ECC level M;
* where the Department has set the verifier's address (trust list), the QR holds a URL whose
  fragment is the seal (`seal_url`): ``https://…/#QNS1:…`` with only ``%`` and space
  percent-encoded, so a phone's camera opens the offline verifier page at once, and the
  fragment never leaves the phone. `verify_seal` accepts both forms.

`pycose` 1.1 cannot decode its own messages with cbor2 6.x (which returns tuples and
frozendicts inside tags, where pycose expects a list), so the COSE_Sign1
structure and its Sig_structure are encoded with cbor2 exactly as RFC 9052 §4.4 defines them.
Verification needs only the trust list's seal public keys: it works offline.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

import base45
import cbor2
import segno
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from segno import consts as qr_consts

from desktop.documents.data import NotificationData

PREFIX = "QNS1:"
COSE_SIGN1_TAG = 18  # RFC 9052 §4.2
HEADER_ALG = 1  # RFC 9052 §3.1
HEADER_KID = 4
ALG_EDDSA = -8  # RFC 9053 §2.2
CLAIMS_VERSION = 1

# Claim keys of the CBOR map (kept small: every byte makes the QR denser).
K_VERSION = 0
K_ID = 1
K_MISSION = 2
K_PERSON = 3
K_BIRTH = 4
K_COUNTRY = 5
K_SETTLEMENT = 6
K_DECISION = 7  # [police department, decision number, decision date]
K_ISSUED = 8


@dataclass(frozen=True)
class SealClaims:
    """What the seal vouches for: the facts a border or police officer compares with the page."""

    notification_id: str
    mission_code: str
    person_full_name: str
    birth_date: date
    destination_country: str
    destination_settlement: str
    police_department: str
    decision_number: str
    decision_date: date
    issue_date: date

    @classmethod
    def from_notification(cls, data: NotificationData) -> SealClaims:
        return cls(
            notification_id=data.notification_id,
            mission_code=data.mission_code,
            person_full_name=data.person_full_name,
            birth_date=data.birth_date,
            destination_country=data.destination_country,
            destination_settlement=data.destination_settlement,
            police_department=data.decision.department,
            decision_number=data.decision.number,
            decision_date=data.decision.date,
            issue_date=data.issue_date,
        )

    def to_cbor(self) -> bytes:
        return cbor2.dumps(
            {
                K_VERSION: CLAIMS_VERSION,
                K_ID: self.notification_id,
                K_MISSION: self.mission_code,
                K_PERSON: self.person_full_name,
                K_BIRTH: self.birth_date.isoformat(),
                K_COUNTRY: self.destination_country,
                K_SETTLEMENT: self.destination_settlement,
                K_DECISION: [
                    self.police_department,
                    self.decision_number,
                    self.decision_date.isoformat(),
                ],
                K_ISSUED: self.issue_date.isoformat(),
            },
            canonical=True,
        )

    @classmethod
    def from_cbor(cls, payload: bytes) -> SealClaims:
        """Parse the claims strictly; raises ValueError on anything unexpected."""
        raw = cbor2.loads(payload)
        if not isinstance(raw, Mapping):
            raise ValueError("claims are not a CBOR map")
        if raw.get(K_VERSION) != CLAIMS_VERSION:
            raise ValueError(f"unsupported claims version {raw.get(K_VERSION)!r}")

        def text(key: int) -> str:
            value = raw.get(key)
            if not isinstance(value, str):
                raise ValueError(f"claim {key} missing or not text")
            return value

        def day(value: object) -> date:
            if not isinstance(value, str):
                raise ValueError("a date claim is not text")
            return date.fromisoformat(value)

        decision = raw.get(K_DECISION)
        if (
            not isinstance(decision, list | tuple)
            or len(decision) != 3
            or not all(isinstance(v, str) for v in decision)
        ):
            raise ValueError("decision claim malformed")
        return cls(
            notification_id=text(K_ID),
            mission_code=text(K_MISSION),
            person_full_name=text(K_PERSON),
            birth_date=day(raw.get(K_BIRTH)),
            destination_country=text(K_COUNTRY),
            destination_settlement=text(K_SETTLEMENT),
            police_department=decision[0],
            decision_number=decision[1],
            decision_date=day(decision[2]),
            issue_date=day(raw.get(K_ISSUED)),
        )


def seal_key_id(public_key: Ed25519PublicKey) -> bytes:
    """The key id of a seal key: the first 8 bytes of SHA-256 over the raw public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:8]


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    # RFC 9052 §4.4: Sig_structure = ["Signature1", body_protected, external_aad, payload]
    return cbor2.dumps(["Signature1", protected, b"", payload], canonical=True)


class SealSigner:
    """Signs seals with one mission seal key (kept loaded: Ed25519 signs in ~20 µs)."""

    def __init__(self, private_key: Ed25519PrivateKey, key_id: bytes | None = None) -> None:
        self._key = private_key
        self.key_id = key_id if key_id is not None else seal_key_id(private_key.public_key())

    def sign(self, claims: SealClaims) -> str:
        """The seal text (``QNS1:`` + Base45 of a tagged COSE_Sign1)."""
        protected = cbor2.dumps({HEADER_ALG: ALG_EDDSA, HEADER_KID: self.key_id}, canonical=True)
        payload = claims.to_cbor()
        signature = self._key.sign(_sig_structure(protected, payload))
        message = cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature])
        encoded: bytes = base45.b45encode(cbor2.dumps(message))
        return PREFIX + encoded.decode("ascii")


class SealFailure(Enum):
    NOT_A_SEAL = "not a Qonys seal (the text does not start with QNS1:)"
    BAD_ENCODING = "the seal text is damaged (not valid Base45)"
    BAD_STRUCTURE = "the seal is damaged (not a COSE_Sign1 message)"
    UNSUPPORTED_ALGORITHM = "the seal uses an unsupported signature algorithm"
    UNKNOWN_KEY = "the seal was signed by a key not in the trust list"
    BAD_SIGNATURE = "the seal's signature does not verify (altered or forged)"
    BAD_CLAIMS = "the seal's contents are malformed"
    WRONG_MISSION = "the seal names another mission than the one its key belongs to"


@dataclass(frozen=True)
class SealCheck:
    """Result of `verify_seal`: `claims` only when the seal is genuine."""

    claims: SealClaims | None
    failure: SealFailure | None = None
    detail: str = ""
    key_id: bytes | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None and self.claims is not None

    @property
    def message(self) -> str:
        if self.failure is None:
            return "seal genuine"
        return self.failure.value + (f": {self.detail}" if self.detail else "")


def seal_url(base_url: str, seal_text: str) -> str:
    """The URL a phone's camera opens: the verifier page, the seal in the fragment.

    Base45 uses two characters a URL cannot carry as they are: the space and ``%``. They are
    percent-encoded (``%20``, ``%25``); every other Base45 character is allowed in a fragment
    (RFC 3986 §3.5), and the result still fits the QR alphanumeric mode.
    """
    if not seal_text.startswith(PREFIX):
        raise ValueError("not a seal text")
    base = base_url.split("#", 1)[0]
    return base + "#" + seal_text.replace("%", "%25").replace(" ", "%20")


def scanned_seal_text(text: str) -> str:
    """The ``QNS1:`` text inside what a scanner read: the seal itself, or a verifier URL."""
    text = text.strip()
    if text.startswith(PREFIX) or "#" not in text:
        return text
    fragment = text.split("#", 1)[1]
    return urllib.parse.unquote(fragment, errors="strict") if "%" in fragment else fragment


_Sign1 = tuple[bytes, Mapping[Any, Any], Mapping[Any, Any], bytes, bytes]


def _cose_sign1(text: str) -> _Sign1 | SealCheck:
    """The COSE_Sign1 parts of a seal text (protected header raw and parsed, unprotected
    header, payload, signature), or the check that says why it is not one."""
    try:
        text = scanned_seal_text(text)
    except UnicodeDecodeError:
        return SealCheck(None, SealFailure.NOT_A_SEAL)
    if not text.startswith(PREFIX):
        return SealCheck(None, SealFailure.NOT_A_SEAL)
    try:
        cose = base45.b45decode(text[len(PREFIX) :])
    except (ValueError, KeyError) as exc:
        return SealCheck(None, SealFailure.BAD_ENCODING, str(exc))
    try:
        message: Any = cbor2.loads(cose)
    except cbor2.CBORDecodeError as exc:  # cbor2 wraps every decoding failure in it
        return SealCheck(None, SealFailure.BAD_STRUCTURE, type(exc).__name__)
    if isinstance(message, cbor2.CBORTag):
        if message.tag != COSE_SIGN1_TAG:
            return SealCheck(None, SealFailure.BAD_STRUCTURE, f"CBOR tag {message.tag}")
        message = message.value
    if (
        not isinstance(message, list | tuple)
        or len(message) != 4
        or not isinstance(message[0], bytes)
        or not isinstance(message[1], Mapping)
        or not isinstance(message[2], bytes)
        or not isinstance(message[3], bytes)
    ):
        return SealCheck(None, SealFailure.BAD_STRUCTURE, "wrong COSE_Sign1 layout")
    protected_bytes, unprotected, payload, signature = message
    try:
        protected = cbor2.loads(protected_bytes) if protected_bytes else {}
    except cbor2.CBORDecodeError as exc:  # damaged protected header
        return SealCheck(None, SealFailure.BAD_STRUCTURE, type(exc).__name__)
    if not isinstance(protected, Mapping):
        return SealCheck(None, SealFailure.BAD_STRUCTURE, "protected header is not a map")
    if protected.get(HEADER_ALG) != ALG_EDDSA:
        return SealCheck(None, SealFailure.UNSUPPORTED_ALGORITHM, repr(protected.get(HEADER_ALG)))
    return protected_bytes, protected, unprotected, payload, signature


def verify_seal(
    text: str,
    seal_keys: Mapping[bytes, Ed25519PublicKey],
    missions: Mapping[bytes, str] | None = None,
) -> SealCheck:
    """Check a scanned seal text (or a verifier URL holding one) against the trusted seal keys
    (by key id), offline.

    ``missions`` names each key's mission (the trust list's entry that carries it): a seal is
    genuine only if the mission it names is its key's. Every verifier passes it
    (``TrustAnchors.seal_missions``); without it only the signature is checked.
    """
    sign1 = _cose_sign1(text)
    if isinstance(sign1, SealCheck):
        return sign1
    protected_bytes, protected, unprotected, payload, signature = sign1
    kid = protected.get(HEADER_KID, unprotected.get(HEADER_KID))
    if not isinstance(kid, bytes):
        return SealCheck(None, SealFailure.UNKNOWN_KEY, "no key id")
    key = seal_keys.get(kid)
    if key is None:
        return SealCheck(None, SealFailure.UNKNOWN_KEY, f"key id {kid.hex()}", kid)
    try:
        key.verify(signature, _sig_structure(protected_bytes, payload))
    except InvalidSignature:
        return SealCheck(None, SealFailure.BAD_SIGNATURE, key_id=kid)
    try:
        claims = SealClaims.from_cbor(payload)
    except (ValueError, cbor2.CBORDecodeError) as exc:  # signed but not our claims layout
        return SealCheck(None, SealFailure.BAD_CLAIMS, str(exc), kid)
    if missions is not None and missions.get(kid) != claims.mission_code:
        owner = missions.get(kid)
        detail = (
            f"it claims {claims.mission_code}, its key is {owner}'s"
            if owner
            else f"the trust list names no mission for key id {kid.hex()}"
        )
        return SealCheck(None, SealFailure.WRONG_MISSION, detail, kid)
    return SealCheck(claims, key_id=kid)


def seal_qr(text: str) -> segno.QRCode:
    """The QR of a seal text or a seal URL: ECC level M, never a Micro QR.

    The seal (Base45) is one alphanumeric segment; a URL's address part before it, with its
    ``#``, is a byte segment (lower-case letters and ``#`` are not alphanumeric).
    """
    start = text.find("#" + PREFIX)
    if start < 0:
        return segno.make_qr(text, error="m", mode="alphanumeric", boost_error=False)
    segments = [
        (text[: start + 1], qr_consts.MODE_BYTE),
        (text[start + 1 :], qr_consts.MODE_ALPHANUMERIC),
    ]
    return segno.make_qr(segments, error="m", boost_error=False)  # type: ignore[arg-type]
