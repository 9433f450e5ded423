"""The Department's small certification authority (DESIGN: trust model).

It issues, with ``cryptography``'s x509 builders:

* the Department CA (ECDSA P-256, the only anchor a mission trusts);
* the Department's signing certificate (signs decision packages and the trust list) and its
  encryption certificate (RSA-3072: ``cryptography``'s CMS envelope builder only supports RSA
  key transport);
* per mission: a signing certificate (ECDSA P-256), an encryption certificate (RSA-3072, for
  decision packages coming back) and an Ed25519 seal key listed in the trust list;
* certificates of the consular officials who sign Annex 4 notifications (PAdES:
  keyUsage digitalSignature + nonRepudiation).

Private keys leave this module only as encrypted PKCS#8 (``encrypt_key``).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.sync.trust import (
    BUNDLE_FORMAT,
    BUNDLE_VERSION,
    PrivateKey,
    cert_pem,
    encrypt_key,
    seal_key_id,
)

Usage = Literal["ca", "sign", "encrypt", "official"]

COUNTRY = "KZ"
ORGANISATION = "Ministry of Foreign Affairs of the Republic of Kazakhstan"
DEPARTMENT = "Consular Service Department"

CA_YEARS = 20
LEAF_YEARS = 5


@dataclass(frozen=True)
class Credential:
    """A private key with its certificate."""

    key: PrivateKey
    cert: x509.Certificate


def _fit(text: str, suffix: str = "") -> str:
    """CN and OU have an upper bound of 64 (RFC 5280), which ``cryptography`` counts in UTF-8
    bytes: a Kazakh mission name is cut (whole letters) so the suffix still fits."""
    room = 64 - len(suffix.encode())
    while len(text.encode()) > room:
        text = text[:-1]
    return text.rstrip() + suffix


def name(common_name: str, unit: str = DEPARTMENT) -> x509.Name:
    """A subject name under the Ministry."""
    common_name, unit = _fit(common_name), _fit(unit)
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def mission_unit(code: str) -> str:
    """The organisational unit naming a mission in its certificates."""
    return f"Mission {code}"


def _key_usage(usage: Usage) -> x509.KeyUsage:
    flags = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
        ),
        False,
    )
    if usage == "ca":
        flags.update(key_cert_sign=True, crl_sign=True, digital_signature=True)
    elif usage == "sign":
        flags.update(digital_signature=True, content_commitment=True)
    elif usage == "official":
        # PAdES signatures of Annex 4 (§10): digitalSignature + nonRepudiation.
        flags.update(digital_signature=True, content_commitment=True)
    else:
        flags.update(key_encipherment=True)
    return x509.KeyUsage(**flags, encipher_only=False, decipher_only=False)


def issue_certificate(
    issuer: Credential | None,
    subject: x509.Name,
    public_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
    usage: Usage,
    *,
    now: datetime | None = None,
    years: int = LEAF_YEARS,
    signer_key: PrivateKey | None = None,
) -> x509.Certificate:
    """Issue one certificate; ``issuer=None`` makes a self-signed CA with ``signer_key``."""
    now = now or datetime.now(UTC)
    issuer_name = issuer.cert.subject if issuer else subject
    key = issuer.key if issuer else signer_key
    if key is None or isinstance(key, ed25519.Ed25519PrivateKey):
        raise ValueError("an issuing key (ECDSA or RSA) is required")
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        # A little back-dating absorbs clock drift between a mission and the Department.
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(
            x509.BasicConstraints(ca=usage == "ca", path_length=0 if usage == "ca" else None),
            critical=True,
        )
        .add_extension(_key_usage(usage), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                issuer.cert.public_key()  # type: ignore[arg-type]
            ),
            critical=False,
        )
    if usage == "official":
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
    return builder.sign(key, hashes.SHA256())


def new_ca(now: datetime | None = None) -> Credential:
    """The Department's root: ECDSA P-256, self-signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issue_certificate(
        None,
        name(f"Qonys {DEPARTMENT} CA"),
        key.public_key(),
        "ca",
        now=now,
        years=CA_YEARS,
        signer_key=key,
    )
    return Credential(key, cert)


def new_signing(ca: Credential, subject: x509.Name, now: datetime | None = None) -> Credential:
    """An ECDSA P-256 signing credential issued by ``ca``."""
    key = ec.generate_private_key(ec.SECP256R1())
    return Credential(key, issue_certificate(ca, subject, key.public_key(), "sign", now=now))


def new_encryption(ca: Credential, subject: x509.Name, now: datetime | None = None) -> Credential:
    """An RSA-3072 key-transport credential issued by ``ca`` (CMS recipients must be RSA)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return Credential(key, issue_certificate(ca, subject, key.public_key(), "encrypt", now=now))


def new_official(
    ca: Credential,
    full_name: str,
    mission_code: str,
    *,
    now: datetime | None = None,
) -> Credential:
    """A consular official's signing certificate (Annex 4, §10), ECDSA P-256."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = name(full_name, mission_unit(mission_code))
    return Credential(key, issue_certificate(ca, subject, key.public_key(), "official", now=now))


@dataclass(frozen=True)
class DepartmentKeys:
    """Everything the Department signs and decrypts with."""

    ca: Credential
    signing: Credential
    encryption: Credential


def new_department(now: datetime | None = None) -> DepartmentKeys:
    """Create the CA and the Department's own signing and encryption credentials."""
    ca = new_ca(now)
    signing = new_signing(ca, name(f"{DEPARTMENT} packages"), now)
    encryption = new_encryption(ca, name(f"{DEPARTMENT} encryption"), now)
    return DepartmentKeys(ca, signing, encryption)


@dataclass(frozen=True)
class MissionCredentials:
    """A mission's keys, made once at enrolment and handed over in the bundle only."""

    code: str
    name: str
    signing: Credential
    encryption: Credential
    seal_key: ed25519.Ed25519PrivateKey

    @property
    def seal_kid(self) -> str:
        return seal_key_id(self.seal_key.public_key())


def new_mission(ca: Credential, code: str, mission_name: str) -> MissionCredentials:
    """Issue a mission's signing and encryption certificates and a fresh seal key."""
    unit = mission_unit(code)
    signing = new_signing(ca, name(_fit(mission_name, " (packages)"), unit))
    encryption = new_encryption(ca, name(_fit(mission_name, " (encryption)"), unit))
    return MissionCredentials(
        code, mission_name, signing, encryption, ed25519.Ed25519PrivateKey.generate()
    )


def new_bundle_password() -> str:
    """A random password for an enrolment bundle, given to the mission by another channel."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read aloud over the phone
    groups = ["".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(5)]
    return "-".join(groups)


def enrolment_bundle(
    mission: MissionCredentials,
    department: DepartmentKeys,
    trust_list_der: bytes,
    password: str,
    department_code: str,
) -> bytes:
    """The file ``qonys trust import`` installs at the mission.

    JSON; the three private keys inside are encrypted PKCS#8 (PBES2, AES-256) under
    ``password``; certificates and the signed trust list are public.
    """
    secret = password.encode()
    doc = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "mission": {"code": mission.code, "name": mission.name},
        "department_code": department_code,
        "ca": cert_pem(department.ca.cert),
        "department_signing": cert_pem(department.signing.cert),
        "department_encryption": cert_pem(department.encryption.cert),
        "signing": {
            "cert": cert_pem(mission.signing.cert),
            "key": encrypt_key(mission.signing.key, secret),
        },
        "encryption": {
            "cert": cert_pem(mission.encryption.cert),
            "key": encrypt_key(mission.encryption.key, secret),
        },
        "seal": {"kid": mission.seal_kid, "key": encrypt_key(mission.seal_key, secret)},
        "trust_list": base64.b64encode(trust_list_der).decode("ascii"),
    }
    return json.dumps(doc, indent=1, sort_keys=True).encode("utf-8")
