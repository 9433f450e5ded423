"""The signed trust list and the enrolment bundle, as both sides read them.

The trust list is a JSON document encapsulated in a CMS SignedData made by the Department's
signing certificate, which chains to the Department CA. It names every mission's certificates
and seal keys, the consular officials' certificates, and every revocation; it is versioned, and
a mission keeps the newest one it has seen (an older list never replaces a newer one).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from desktop.sync import cms
from desktop.sync.errors import TrustError, UnsupportedVersionError

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey

TRUST_LIST_FORMAT = "qonys.trust-list"
TRUST_LIST_VERSION = 1
VERIFIER_LIST_FORMAT = "qonys.verifier-trust"
VERIFIER_LIST_VERSION = 1
BUNDLE_FORMAT = "qonys.enrolment"
BUNDLE_VERSION = 1


def cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def cert_b64(cert: x509.Certificate) -> str:
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")


def load_cert_b64(text: str) -> x509.Certificate:
    return x509.load_der_x509_certificate(base64.b64decode(text))


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER certificate, lower-case hex."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def seal_key_id(public: ed25519.Ed25519PublicKey) -> str:
    """Key id of a seal key: the first 8 bytes of SHA-256 of the raw public key, hex."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def encrypt_key(key: PrivateKey, password: bytes) -> str:
    """Encrypted PKCS#8 PEM (PBES2/AES-256): the only way a private key is written."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    ).decode("ascii")


def load_key(pem: str | bytes, password: bytes) -> PrivateKey:
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    try:
        key = serialization.load_pem_private_key(data, password)
    except (ValueError, TypeError) as exc:
        raise TrustError("the key cannot be opened: wrong password or damaged file") from exc
    if not isinstance(
        key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
    ):
        raise TrustError("unsupported key type")
    return key


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SealKey:
    kid: str
    public_key: ed25519.Ed25519PublicKey
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class MissionEntry:
    code: str
    name: str
    signing_cert: x509.Certificate
    encryption_cert: x509.Certificate
    seal_keys: tuple[SealKey, ...] = ()
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class OfficialEntry:
    mission: str
    name: str
    cert: x509.Certificate
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class Revocation:
    serial: int
    fingerprint: str
    subject: str
    revoked_at: datetime
    reason: str


@dataclass(frozen=True)
class VerifierList:
    """What the offline verifier page trusts (resources/verifier, docs/verification.md).

    `data` is a small JSON document (the missions' seal keys, revocations, the date and the
    verifier's address); `signature` is the Department signing key's ECDSA P-256/SHA-256
    signature over exactly those bytes, as IEEE P1363 ``r || s`` (what WebCrypto verifies).
    The Department makes it with every trust list and carries it inside the signed trust
    list, so a mission can publish the page without holding the Department's key.
    """

    base_url: str
    data: bytes
    signature: bytes

    def verify(self, signer: x509.Certificate) -> None:
        """Raise TrustError unless `signer` (the Department signing certificate) signed it."""
        key = signer.public_key()
        if not isinstance(key, ec.EllipticCurvePublicKey) or len(self.signature) != 64:
            raise TrustError("the verifier list is not signed with an ECDSA P-256 key")
        r = int.from_bytes(self.signature[:32], "big")
        s = int.from_bytes(self.signature[32:], "big")
        try:
            key.verify(encode_dss_signature(r, s), self.data, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise TrustError("the verifier list's signature is not valid") from None


def verifier_list_json(
    version: int, issued_at: datetime, base_url: str, missions: Sequence[MissionEntry]
) -> bytes:
    """The verifier page's trust list: seal keys by mission, revocations, date, address."""

    def key(k: SealKey, mission: MissionEntry) -> dict[str, Any]:
        raw = k.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        revoked = k.revoked_at or mission.revoked_at
        return {
            "kid": k.kid,
            "public_key": base64.b64encode(raw).decode("ascii"),
            "revoked_at": _iso(revoked) if revoked else None,
        }

    doc = {
        "format": VERIFIER_LIST_FORMAT,
        "format_version": VERIFIER_LIST_VERSION,
        "version": version,
        "issued_at": _iso(issued_at),
        "base_url": base_url,
        "missions": [
            {"code": m.code, "name": m.name, "seal_keys": [key(k, m) for k in m.seal_keys]}
            for m in missions
        ],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def sign_verifier_list(
    version: int,
    issued_at: datetime,
    base_url: str,
    missions: Sequence[MissionEntry],
    key: ec.EllipticCurvePrivateKey,
) -> VerifierList:
    """Build and sign the verifier page's trust list with the Department signing key."""
    data = verifier_list_json(version, issued_at, base_url, missions)
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return VerifierList(base_url, data, r.to_bytes(32, "big") + s.to_bytes(32, "big"))


@dataclass(frozen=True)
class TrustList:
    """The Department's current word on whom to trust (DESIGN: trust model)."""

    version: int
    issued_at: datetime
    department_signing: x509.Certificate
    department_encryption: x509.Certificate
    missions: tuple[MissionEntry, ...] = ()
    officials: tuple[OfficialEntry, ...] = ()
    revocations: tuple[Revocation, ...] = field(default=())
    # The verifier page's own list and address (lists made before it exist carry none).
    verifier: VerifierList | None = None

    # -- queries ---------------------------------------------------------------------------
    def revoked_fingerprints(self) -> set[str]:
        return {r.fingerprint for r in self.revocations}

    def is_revoked(self, cert: x509.Certificate) -> bool:
        return fingerprint(cert) in self.revoked_fingerprints()

    def mission(self, code: str) -> MissionEntry | None:
        return next((m for m in self.missions if m.code == code), None)

    def seal_key(self, kid: str) -> SealKey | None:
        for m in self.missions:
            for k in m.seal_keys:
                if k.kid == kid:
                    return k
        return None

    def age(self, now: datetime | None = None) -> float:
        """Age of the list in days (``qonys verify`` says how old its list is)."""
        return ((now or datetime.now(UTC)) - self.issued_at).total_seconds() / 86400

    # -- serialisation ---------------------------------------------------------------------
    def to_json(self) -> bytes:
        def seal(k: SealKey) -> dict[str, Any]:
            raw = k.public_key.public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            )
            return {
                "kid": k.kid,
                "public_key": base64.b64encode(raw).decode("ascii"),
                "revoked_at": _iso(k.revoked_at) if k.revoked_at else None,
            }

        doc = {
            "format": TRUST_LIST_FORMAT,
            "format_version": TRUST_LIST_VERSION,
            "version": self.version,
            "issued_at": _iso(self.issued_at),
            "department": {
                "signing": cert_b64(self.department_signing),
                "encryption": cert_b64(self.department_encryption),
            },
            "missions": [
                {
                    "code": m.code,
                    "name": m.name,
                    "signing_cert": cert_b64(m.signing_cert),
                    "encryption_cert": cert_b64(m.encryption_cert),
                    "seal_keys": [seal(k) for k in m.seal_keys],
                    "revoked_at": _iso(m.revoked_at) if m.revoked_at else None,
                }
                for m in self.missions
            ],
            "officials": [
                {
                    "mission": o.mission,
                    "name": o.name,
                    "cert": cert_b64(o.cert),
                    "revoked_at": _iso(o.revoked_at) if o.revoked_at else None,
                }
                for o in self.officials
            ],
            "revocations": [
                {
                    "serial": format(r.serial, "x"),
                    "fingerprint": r.fingerprint,
                    "subject": r.subject,
                    "revoked_at": _iso(r.revoked_at),
                    "reason": r.reason,
                }
                for r in self.revocations
            ],
        }
        if self.verifier is not None:
            doc["verifier"] = {
                "base_url": self.verifier.base_url,
                "list": base64.b64encode(self.verifier.data).decode("ascii"),
                "signature": base64.b64encode(self.verifier.signature).decode("ascii"),
            }
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> TrustList:
        try:
            doc = json.loads(data)
            if doc.get("format") != TRUST_LIST_FORMAT:
                raise TrustError("not a Qonys trust list")
            if doc.get("format_version") != TRUST_LIST_VERSION:
                raise UnsupportedVersionError(
                    f"trust list format version {doc.get('format_version')} is not supported"
                )

            def when(text: str | None) -> datetime | None:
                return datetime.fromisoformat(text) if text else None

            def seal(d: dict[str, Any]) -> SealKey:
                pub = ed25519.Ed25519PublicKey.from_public_bytes(base64.b64decode(d["public_key"]))
                if seal_key_id(pub) != d["kid"]:
                    raise TrustError("a seal key id does not match its key")
                return SealKey(d["kid"], pub, when(d.get("revoked_at")))

            return cls(
                version=int(doc["version"]),
                issued_at=datetime.fromisoformat(doc["issued_at"]),
                department_signing=load_cert_b64(doc["department"]["signing"]),
                department_encryption=load_cert_b64(doc["department"]["encryption"]),
                missions=tuple(
                    MissionEntry(
                        code=m["code"],
                        name=m["name"],
                        signing_cert=load_cert_b64(m["signing_cert"]),
                        encryption_cert=load_cert_b64(m["encryption_cert"]),
                        seal_keys=tuple(seal(k) for k in m["seal_keys"]),
                        revoked_at=when(m.get("revoked_at")),
                    )
                    for m in doc["missions"]
                ),
                officials=tuple(
                    OfficialEntry(
                        o["mission"], o["name"], load_cert_b64(o["cert"]), when(o.get("revoked_at"))
                    )
                    for o in doc["officials"]
                ),
                revocations=tuple(
                    Revocation(
                        int(r["serial"], 16),
                        r["fingerprint"],
                        r["subject"],
                        datetime.fromisoformat(r["revoked_at"]),
                        r["reason"],
                    )
                    for r in doc["revocations"]
                ),
                verifier=(
                    VerifierList(
                        str(doc["verifier"]["base_url"]),
                        base64.b64decode(doc["verifier"]["list"]),
                        base64.b64decode(doc["verifier"]["signature"]),
                    )
                    if doc.get("verifier")
                    else None
                ),
            )
        except (TrustError, UnsupportedVersionError):
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise TrustError(f"the trust list is malformed ({exc.__class__.__name__})") from exc

    def sign(
        self, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    ) -> bytes:
        """The trust list as a CMS SignedData (DER) with the JSON encapsulated."""
        return cms.sign_attached(self.to_json(), cert, key)


def verify_trust_list(der: bytes, anchors: Sequence[x509.Certificate]) -> TrustList:
    """Verify a signed trust list against the Department CA and parse it.

    The signer must be the Department signing certificate the list itself names, so a mission
    certificate (issued by the same CA) cannot publish a trust list.
    """
    try:
        verified = cms.verify_attached(der, anchors)
    except Exception as exc:
        raise TrustError(f"the trust list signature is not valid: {exc}") from exc
    tl = TrustList.from_json(verified.content)
    if fingerprint(verified.signer) != fingerprint(tl.department_signing):
        raise TrustError("the trust list is not signed by the Department's signing certificate")
    return tl


@dataclass(frozen=True)
class Enrolment:
    """What a mission installs from its enrolment bundle."""

    code: str
    name: str
    department_code: str
    ca: x509.Certificate
    department_signing: x509.Certificate
    department_encryption: x509.Certificate
    signing_cert: x509.Certificate
    signing_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    encryption_cert: x509.Certificate
    encryption_key: rsa.RSAPrivateKey
    seal_kid: str
    seal_key: ed25519.Ed25519PrivateKey
    trust_list_der: bytes
    trust_list: TrustList


def read_bundle(data: bytes, password: str) -> Enrolment:
    """Open an enrolment bundle: decrypt the keys, verify the trust list and the certificates."""
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise TrustError("not an enrolment bundle (not JSON)") from exc
    if not isinstance(doc, dict) or doc.get("format") != BUNDLE_FORMAT:
        raise TrustError("not a Qonys enrolment bundle")
    if doc.get("version") != BUNDLE_VERSION:
        raise UnsupportedVersionError(
            f"enrolment bundle version {doc.get('version')} is not supported"
        )
    secret = password.encode()
    try:
        ca = x509.load_pem_x509_certificate(doc["ca"].encode())
        signing_cert = x509.load_pem_x509_certificate(doc["signing"]["cert"].encode())
        encryption_cert = x509.load_pem_x509_certificate(doc["encryption"]["cert"].encode())
        dep_sign = x509.load_pem_x509_certificate(doc["department_signing"].encode())
        dep_enc = x509.load_pem_x509_certificate(doc["department_encryption"].encode())
        trust_der = base64.b64decode(doc["trust_list"])
        code, mission_name = doc["mission"]["code"], doc["mission"]["name"]
        department_code = str(doc["department_code"])
        seal_kid = doc["seal"]["kid"]
    except (KeyError, TypeError, ValueError) as exc:
        raise TrustError(f"the enrolment bundle is damaged ({exc.__class__.__name__})") from exc
    signing_key = load_key(doc["signing"]["key"], secret)
    encryption_key = load_key(doc["encryption"]["key"], secret)
    seal_key = load_key(doc["seal"]["key"], secret)
    if not isinstance(signing_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise TrustError("the signing key has an unsupported type")
    if not isinstance(encryption_key, rsa.RSAPrivateKey):
        raise TrustError("the encryption key must be RSA")
    if not isinstance(seal_key, ed25519.Ed25519PrivateKey):
        raise TrustError("the seal key must be Ed25519")
    trust = verify_trust_list(trust_der, [ca])
    entry = trust.mission(code)
    if entry is None or fingerprint(entry.signing_cert) != fingerprint(signing_cert):
        raise TrustError(f"the trust list in the bundle does not list mission {code}")
    if fingerprint(trust.department_encryption) != fingerprint(dep_enc):
        raise TrustError("the bundle's Department certificate differs from the trust list's")
    for cert, key in ((signing_cert, signing_key), (encryption_cert, encryption_key)):
        if cert.public_key() != key.public_key():
            raise TrustError("a key in the bundle does not match its certificate")
    if seal_key_id(seal_key.public_key()) != seal_kid:
        raise TrustError("the seal key does not match its key id")
    return Enrolment(
        code=code,
        name=mission_name,
        department_code=department_code,
        ca=ca,
        department_signing=dep_sign,
        department_encryption=dep_enc,
        signing_cert=signing_cert,
        signing_key=signing_key,
        encryption_cert=encryption_cert,
        encryption_key=encryption_key,
        seal_kid=seal_kid,
        seal_key=seal_key,
        trust_list_der=trust_der,
        trust_list=trust,
    )
