"""The sync server's TLS certificate, issued by the Department CA (issue 16).

A mission pins the CA it received in its enrolment bundle, so a server certificate from that CA
is all it needs: no public CA, no certificate the mission was not told about. ``serve`` makes
one for the host names it is given (and 127.0.0.1/localhost) unless ``--cert``/``--key`` name
the administrator's own files.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from desktop.department import ca

SERVER_DAYS = 397  # what browsers accept for a server certificate; `serve` renews it itself


def _san(hosts: Iterable[str]) -> x509.SubjectAlternativeName:
    names: list[x509.GeneralName] = []
    for host in dict.fromkeys(hosts):
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def issue_server_certificate(
    issuer: ca.Credential, hosts: Iterable[str], now: datetime | None = None
) -> ca.Credential:
    """An ECDSA P-256 TLS server certificate for ``hosts`` (names or IP addresses)."""
    now = now or datetime.now(UTC)
    hosts = list(hosts)
    key = ec.generate_private_key(ec.SECP256R1())
    issuer_key = issuer.key
    assert isinstance(issuer_key, ec.EllipticCurvePrivateKey)
    cert = (
        x509.CertificateBuilder()
        .subject_name(ca.name(hosts[0], f"{ca.DEPARTMENT} sync server"))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=SERVER_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_san(hosts), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                issuer.cert.public_key()  # type: ignore[arg-type]
            ),
            critical=False,
        )
        .sign(issuer_key, hashes.SHA256())
    )
    return ca.Credential(key, cert)


def covers(cert: x509.Certificate, hosts: Iterable[str], now: datetime | None = None) -> bool:
    """Whether ``cert`` names every host and is valid for at least 30 more days."""
    now = now or datetime.now(UTC)
    if cert.not_valid_after_utc - now < timedelta(days=30):
        return False
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    have = {str(v) for v in san.get_values_for_type(x509.IPAddress)}
    have |= set(san.get_values_for_type(x509.DNSName))
    return all(h in have for h in hosts)
