"""Enrolment and trust: the Department's bundle installed, the mission's identity and the
newest trust list read back for export, import and verification."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from sqlalchemy import func, select

from desktop.services.context import DeskContext, Role
from desktop.services.exchange.refusals import ExchangeFailed, NotEnrolled
from desktop.storage.models import ExchangeIdentityRow, MissionRow, TrustListRow
from desktop.storage.uow import UnitOfWork
from desktop.storage.vault import Vault
from desktop.sync import exchange
from desktop.sync.errors import ExchangeError
from desktop.sync.trust import TrustList, fingerprint, read_bundle, verify_trust_list


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey,
) -> bytes:
    # Unencrypted PKCS#8 *inside* the SQLCipher database, which is itself encrypted.
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass(frozen=True)
class Installed:
    mission_code: str
    trust_list_version: int
    recovery_slot: bool
    # The sync server's address the bundle named and the desk adopted (issue 16), if any.
    department_url: str | None = None


def install_enrolment(ctx: DeskContext, bundle: bytes, password: str) -> Installed:
    """Install an enrolment bundle (administrator); re-installing replaces the keys."""
    ctx.require(Role.ADMIN, "install the Department's enrolment bundle")
    try:
        enrol = read_bundle(bundle, password)
    except ExchangeError as exc:
        raise ExchangeFailed(str(exc), exc.code) from exc
    with ctx.uow() as uow:
        mission = uow.session.get(MissionRow, 1)
        if mission is None or mission.code != enrol.code:
            raise ExchangeFailed(
                f"the bundle is for mission {enrol.code}, this store is "
                f"{mission.code if mission else '?'}",
                "wrong-mission",
            )
        row = uow.session.get(ExchangeIdentityRow, 1) or ExchangeIdentityRow(id=1)
        row.mission_code = enrol.code
        row.department_code = enrol.department_code
        row.ca_cert = _pem(enrol.ca)
        row.department_signing_cert = _pem(enrol.department_signing)
        row.signing_cert = _pem(enrol.signing_cert)
        row.signing_key = _key_pem(enrol.signing_key)
        row.encryption_cert = _pem(enrol.encryption_cert)
        row.encryption_key = _key_pem(enrol.encryption_key)
        row.seal_kid = enrol.seal_kid
        # Plain only until a signing official can hold it: wrap_seal hands it to every consul
        # with an endorsed box key and then removes this copy (services/signing_keys.py).
        row.seal_key = _key_pem(enrol.seal_key)
        row.installed_at = ctx.now()
        _bind_to_this_store(mission)
        row = uow.session.merge(row)
        uow.session.flush()
        from desktop.services import signing_keys  # pyHanko: loaded only when needed

        signing_keys.wrap_seal(ctx, uow, row, enrol.seal_key)
        _store_trust_list(uow, enrol.trust_list, enrol.trust_list_der, ctx.now())
        ctx.audit(
            uow, "trust.import", "mission", enrol.code, {"trust_list": enrol.trust_list.version}
        )
        uow.commit()
    # DESIGN (trust model): a recovery slot wrapped to the Department's key, so a mission
    # whose officers have all left can still be opened by the Department.
    paths = ctx.store.paths
    public = enrol.department_encryption.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    with Vault.updating(paths.vault) as vault:
        vault.set_recovery(public, ctx.store.key, fingerprint(enrol.department_encryption))
    return Installed(enrol.code, enrol.trust_list.version, True)


STORE_ID = "store_id"  # mission.settings: this store's id, named in every package it sends


def _bind_to_this_store(mission: MissionRow) -> str:
    """This store's id (made once, kept by backups, restores and `store move`). Every package
    names it; the Department binds the mission to the first store it hears from and refuses a
    second store that uses the same enrolment bundle (one store per mission)."""
    settings = dict(mission.settings or {})
    if not settings.get(STORE_ID):
        settings[STORE_ID] = uuid.uuid4().hex
        mission.settings = settings
    return str(settings[STORE_ID])


def store_id(ctx: DeskContext) -> str:
    """This store's id, made now for a store enrolled before stores had one."""
    with ctx.uow() as uow:
        mission = uow.session.get(MissionRow, 1)
        assert mission is not None
        if (mission.settings or {}).get(STORE_ID):
            return str(mission.settings[STORE_ID])
        made = _bind_to_this_store(mission)
        ctx.audit(uow, "exchange.store-id", "mission", mission.code)
        uow.commit()
        return made


def _store_trust_list(uow: UnitOfWork, tl: TrustList, der: bytes, now: datetime) -> bool:
    """Keep a trust list if it is newer than every one we hold (never roll back)."""
    newest = uow.session.scalar(select(func.max(TrustListRow.version))) or 0
    if tl.version <= newest:
        return False
    uow.session.add(
        TrustListRow(version=tl.version, issued_at=tl.issued_at, received_at=now, der=der)
    )
    return True


def _identity_row(uow: UnitOfWork) -> ExchangeIdentityRow:
    row = uow.session.get(ExchangeIdentityRow, 1)
    if row is None:
        raise NotEnrolled
    return row


def _newest_trust(uow: UnitOfWork, ca: x509.Certificate) -> TrustList | None:
    row = uow.session.scalars(
        select(TrustListRow).order_by(TrustListRow.version.desc()).limit(1)
    ).first()
    return verify_trust_list(row.der, [ca]) if row else None


def _identity(uow: UnitOfWork) -> tuple[exchange.Identity, TrustList | None]:
    row = _identity_row(uow)
    ca = x509.load_pem_x509_certificate(row.ca_cert)
    trust = _newest_trust(uow, ca)
    dep_signing = x509.load_pem_x509_certificate(row.department_signing_cert)
    # The keys were checked when the enrolment bundle was installed, and have lived inside the
    # encrypted store since: re-validating the RSA key costs ~60 ms on every export and import.
    signing_key = serialization.load_pem_private_key(
        row.signing_key, None, unsafe_skip_rsa_key_validation=True
    )
    encryption_key = serialization.load_pem_private_key(
        row.encryption_key, None, unsafe_skip_rsa_key_validation=True
    )
    assert isinstance(signing_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey)
    assert isinstance(encryption_key, rsa.RSAPrivateKey)
    if trust is None:
        raise NotEnrolled
    mission = uow.session.get(MissionRow, 1)
    store = (mission.settings or {}).get(STORE_ID) if mission is not None else None
    signers = {fingerprint(dep_signing), fingerprint(trust.department_signing)}
    me = exchange.Identity(
        code=row.mission_code,
        signing_cert=x509.load_pem_x509_certificate(row.signing_cert),
        signing_key=signing_key,
        encryption_cert=x509.load_pem_x509_certificate(row.encryption_cert),
        encryption_key=encryption_key,
        ca=ca,
        peer_code=row.department_code,
        peer_encryption_cert=trust.department_encryption,
        peer_signing_fingerprints=frozenset(signers),
        store=str(store) if store else None,
    )
    if trust.is_revoked(me.signing_cert):
        raise ExchangeFailed(
            "this mission's certificate has been revoked by the Department", "revoked-self"
        )
    return me, trust


@dataclass(frozen=True)
class TrustStatus:
    mission_code: str
    version: int
    issued_at: datetime
    age_days: float
    missions: int
    revocations: int


def trust_status(ctx: DeskContext) -> TrustStatus:
    """The newest trust list and how old it is (``qonys verify`` says so)."""
    with ctx.uow() as uow:
        row = _identity_row(uow)
        code = row.mission_code
        tl = _newest_trust(uow, x509.load_pem_x509_certificate(row.ca_cert))
    if tl is None:
        raise NotEnrolled
    return TrustStatus(
        code, tl.version, tl.issued_at, tl.age(ctx.now()), len(tl.missions), len(tl.revocations)
    )


def newest_trust_list(ctx: DeskContext) -> TrustList:
    """For verifying seals and signatures offline (documents room)."""
    with ctx.uow() as uow:
        row = _identity_row(uow)
        tl = _newest_trust(uow, x509.load_pem_x509_certificate(row.ca_cert))
    if tl is None:
        raise NotEnrolled
    return tl


def seal_key(ctx: DeskContext) -> tuple[str, ed25519.Ed25519PrivateKey]:
    """The mission's Ed25519 seal key and its key id (documents room: the Annex 4 QR seal).

    Only for a signing official in a session opened with their own password: the key is
    wrapped to them (services/signing_keys.py), never readable with the data key alone.
    """
    from desktop.services import signing_keys

    return signing_keys.open_seal(ctx)
