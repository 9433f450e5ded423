"""The Department's use cases: enrol, revoke, receive, decide, send, list (DESIGN: department).

Each public method is one transaction. A package that fails any check changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.department import ca, migrate, store, vault
from desktop.department.store import (
    AuditEntry,
    Case,
    CaseEvent,
    Decision,
    IssuedCertificate,
    Mission,
    ReceivedPackage,
    Scan,
    SentDecision,
    SentPackage,
    Setting,
    TrustListVersion,
    UnitOfWork,
    utcnow,
)
from desktop.storage.files import make_private_dir
from desktop.sync import package, records
from desktop.sync.errors import (
    DigestMismatchError,
    ExchangeError,
    MalformedPackageError,
    ReplayError,
    RevokedSenderError,
    UnknownSenderError,
)
from desktop.sync.trust import (
    MissionEntry,
    OfficialEntry,
    Revocation,
    SealKey,
    TrustList,
    VerifierList,
    encrypt_key,
    fingerprint,
    load_key,
    sign_verifier_list,
    verify_trust_list,
)

DEPARTMENT_CODE = "CSD"
KEYS_DIR = "keys"
RECORDS_PER_MEMBER = 500  # keeps each records member (and its CMS envelope) a few MB at most

STAGE_AWAITING = "awaiting_decision"
STAGE_OBJECTION = "objection"
STAGES = (STAGE_AWAITING, "preliminary_refusal", STAGE_OBJECTION, "permission", "reasoned_refusal")
FINAL_KINDS = ("permission", "reasoned_refusal")
# Mission event kinds that mean the applicant objected to a preliminary refusal (§11).
OBJECTION_EVENTS = frozenset({"record_objection", "forward_objection"})


SETTING_VERIFIER_URL = "verifier_base_url"


def normalise_base_url(url: str) -> str:
    """The verifier's address as the QR carries it: https, no query or fragment, ends in /."""
    from urllib.parse import urlsplit

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.netloc or parts.query or parts.fragment:
        raise DepartmentError(
            f"the verifier address must be an https:// address without ? or # (got {url!r})"
        )
    if any(ch.isspace() for ch in url) or not url.isascii():
        raise DepartmentError("the verifier address must be plain ASCII without spaces")
    return url if parts.path.endswith("/") or parts.path.endswith(".html") else url + "/"


class DepartmentError(ExchangeError):
    """A known error of a Department command (bad input, unknown case, …)."""

    code = "department"


@dataclass(frozen=True)
class ReceiveResult:
    mission: str
    sequence: int
    sha256: str
    cases: int
    events: int
    scans: int
    acknowledged: int
    missing: tuple[int, ...] = ()
    # The mission's audit log does not extend the checkpoint kept from its earlier packages:
    # accepted all the same (the cases are genuine), recorded, and said (docs/administration).
    audit_alarm: str | None = None


@dataclass(frozen=True)
class SendResult:
    path: Path
    sequence: int
    decisions: int
    acknowledgements: int
    trust_list_version: int
    recovered: Path | None = None  # an earlier package an interrupted send left unpublished
    removed: tuple[Path, ...] = ()  # leftovers of a send killed before its commit


@dataclass(frozen=True)
class CaseSummary:
    mission: str
    number: str
    case_ref: str
    stage: str
    applicant: str
    received_at: datetime
    updated_at: datetime
    decisions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def irregular(self) -> bool:
        """§11 (05.12.2025): a reasoned refusal recorded without an earlier preliminary
        refusal (an older store let it through); shown, never changed."""
        kinds = [d["kind"] for d in self.decisions]
        if "reasoned_refusal" not in kinds:
            return False
        return "preliminary_refusal" not in kinds[: kinds.index("reasoned_refusal")]

    def as_dict(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "number": self.number,
            "id": self.case_ref,
            "stage": self.stage,
            "applicant": self.applicant,
            "received_at": self.received_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "decisions": self.decisions,
            "irregular": self.irregular,
        }


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes even for timezone=True columns: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_time(text: str) -> datetime:
    try:
        return _aware(datetime.fromisoformat(text))
    except ValueError as exc:
        raise MalformedPackageError(f"a time in the records is not ISO 8601: {text!r}") from exc


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


class Department:
    """An unlocked Department store: its keys, its database and its current user."""

    def __init__(self, data_dir: Path, engine: Any, master: vault.MasterKey, user: str) -> None:
        self.data_dir = data_dir
        self.engine = engine
        self.uow = UnitOfWork(engine)
        self.master = master
        self.user = user
        self._keys: ca.DepartmentKeys | None = None
        self.alerts: list[str] = []  # said once, after opening (cli prints them)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def init(
        cls,
        data_dir: Path,
        users: dict[str, str],
        *,
        db_url: str | None = None,
        code: str = DEPARTMENT_CODE,
    ) -> Department:
        """Create a Department store: vault, CA and keys, database schema, trust list v1.

        If any step fails (an unreachable database, say), what was created is removed, so
        ``init`` can simply be run again.
        """
        make_private_dir(data_dir)  # owner-only (0700), as the mission's store
        master = vault.create(data_dir, users)
        keys_dir = data_dir / KEYS_DIR
        engine = None
        try:
            make_private_dir(keys_dir)
            keys = ca.new_department()
            for label, cred in (
                ("ca", keys.ca),
                ("signing", keys.signing),
                ("encryption", keys.encryption),
            ):
                vault.write_atomically(
                    keys_dir / f"{label}.key.pem",
                    encrypt_key(cred.key, master.key_passphrase).encode(),
                )
                # Certificates are public: kept as PEM so `openssl` can use them directly.
                vault.write_atomically(keys_dir / f"{label}.crt.pem", _pem(cred.cert))
            engine = store.open_engine(data_dir, db_url, master.database_key)
            migrate.create_schema(engine)
            dep = cls(data_dir, engine, master, next(iter(users)))
            dep._keys = keys
            with dep.uow() as s:
                s.merge(Setting(key="department_code", value=code))
                dep._audit(s, "init", f"department {code}")
                dep._publish_trust_list(s)
        except BaseException:
            if engine is not None:
                engine.dispose()
            for leftover in (data_dir / vault.VAULT_NAME, *keys_dir.glob("*.pem")):
                leftover.unlink(missing_ok=True)
            if db_url is None:
                for suffix in ("", "-wal", "-shm"):
                    (data_dir / f"{store.DB_NAME}{suffix}").unlink(missing_ok=True)
            raise
        return dep

    @classmethod
    def open(
        cls, data_dir: Path, user: str | None, password: str, *, db_url: str | None = None
    ) -> Department:
        """Unlock as ``user`` (None: the only user of a one-user store)."""
        opened = vault.unlock_user(data_dir, user, password)
        engine = store.open_engine(data_dir, db_url, opened.master.database_key)
        try:
            migrate.open_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        dep = cls(data_dir, engine, opened.master, opened.user)
        if opened.record_altered:
            dep.alerts.append(
                "the record of failed logins was altered or removed since the last login"
            )
            with dep.uow() as s:
                dep._audit(s, "login-record-altered", "failed-login record altered or removed")
        return dep

    def close(self) -> None:
        self.engine.dispose()

    @property
    def keys(self) -> ca.DepartmentKeys:
        if self._keys is None:
            creds = []
            for label in ("ca", "signing", "encryption"):
                key = load_key(
                    (self.data_dir / KEYS_DIR / f"{label}.key.pem").read_bytes(),
                    self.master.key_passphrase,
                )
                cert = x509.load_pem_x509_certificate(
                    (self.data_dir / KEYS_DIR / f"{label}.crt.pem").read_bytes()
                )
                creds.append(ca.Credential(key, cert))
            self._keys = ca.DepartmentKeys(*creds)
        return self._keys

    @property
    def code(self) -> str:
        with self.uow() as s:
            row = s.get(Setting, "department_code")
            return row.value if row else DEPARTMENT_CODE

    # -- the offline verifier page (issue 18) ----------------------------------------------
    def set_verifier_base_url(self, url: str) -> int:
        """Set the address where the verifier page is hosted; publish a new trust list.

        New notifications carry their seal in a URL at this address (`seal.seal_url`); the
        address travels in the signed trust list, so a mission cannot change it.
        """
        url = normalise_base_url(url)
        with self.uow() as s:
            row = s.get(Setting, SETTING_VERIFIER_URL)
            if row is None:
                s.add(Setting(key=SETTING_VERIFIER_URL, value=url))
            else:
                row.value = url
            s.flush()
            self._audit(s, "verifier-url", url)
            version = self._publish_trust_list(s).version
        return version

    def verifier_site(self) -> tuple[x509.Certificate, VerifierList, int]:
        """(Department signing certificate, the signed verifier list, trust list version).

        A trust list made before the verifier existed carries no verifier list: a new trust
        list is published then (it goes out with the next packages).
        """
        version, der = self.trust_list()
        tl = verify_trust_list(der, [self.keys.ca.cert])
        if tl.verifier is None:
            with self.uow() as s:
                self._publish_trust_list(s)
            version, der = self.trust_list()
            tl = verify_trust_list(der, [self.keys.ca.cert])
        assert tl.verifier is not None
        return tl.department_signing, tl.verifier, version

    def _signer(self) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey]:
        key = self.keys.signing.key
        assert isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey)
        return self.keys.signing.cert, key

    def _encryption_key(self) -> rsa.RSAPrivateKey:
        key = self.keys.encryption.key
        assert isinstance(key, rsa.RSAPrivateKey)
        return key

    def _audit(self, s: Session, action: str, detail: str) -> None:
        s.add(AuditEntry(at=utcnow(), actor=self.user, action=action, detail=detail))

    # -- trust -----------------------------------------------------------------------------
    def _build_trust_list(self, s: Session, version: int) -> TrustList:
        certs = s.scalars(select(IssuedCertificate).order_by(IssuedCertificate.id)).all()
        missions: list[MissionEntry] = []
        for m in s.scalars(select(Mission).order_by(Mission.code)):
            mine = [c for c in certs if c.mission_code == m.code]

            def latest(kind: str, rows: list[IssuedCertificate] = mine) -> IssuedCertificate:
                return [c for c in rows if c.kind == kind][-1]

            seals = tuple(
                SealKey(
                    c.key_id or "",
                    ed25519.Ed25519PublicKey.from_public_bytes(c.der),
                    _aware(c.revoked_at) if c.revoked_at else None,
                )
                for c in mine
                if c.kind == "seal"
            )
            missions.append(
                MissionEntry(
                    code=m.code,
                    name=m.name,
                    signing_cert=x509.load_der_x509_certificate(latest("mission-signing").der),
                    encryption_cert=x509.load_der_x509_certificate(
                        latest("mission-encryption").der
                    ),
                    seal_keys=seals,
                    revoked_at=_aware(m.revoked_at) if m.revoked_at else None,
                )
            )
        officials = tuple(
            OfficialEntry(
                c.mission_code or "",
                c.holder,
                x509.load_der_x509_certificate(c.der),
                _aware(c.revoked_at) if c.revoked_at else None,
            )
            for c in certs
            if c.kind == "official"
        )
        revocations = tuple(
            Revocation(
                int(c.serial, 16) if c.kind != "seal" else 0,
                c.fingerprint,
                c.holder,
                _aware(c.revoked_at),
                c.reason or "",
            )
            for c in certs
            if c.revoked_at is not None
        )
        issued_at = utcnow()
        verifier: VerifierList | None = None
        signing_key = self.keys.signing.key
        if isinstance(signing_key, ec.EllipticCurvePrivateKey):
            url_row = s.get(Setting, SETTING_VERIFIER_URL)
            verifier = sign_verifier_list(
                version, issued_at, url_row.value if url_row else "", missions, signing_key
            )
        return TrustList(
            version=version,
            issued_at=issued_at,
            department_signing=self.keys.signing.cert,
            department_encryption=self.keys.encryption.cert,
            missions=tuple(missions),
            officials=officials,
            revocations=revocations,
            verifier=verifier,
        )

    def _publish_trust_list(self, s: Session) -> TrustListVersion:
        current = s.scalar(select(func.max(TrustListVersion.version))) or 0
        tl = self._build_trust_list(s, current + 1)
        row = TrustListVersion(
            version=tl.version, issued_at=tl.issued_at, der=tl.sign(*self._signer())
        )
        s.add(row)
        s.flush()
        return row

    def trust_list(self) -> tuple[int, bytes]:
        """The current signed trust list: (version, CMS DER)."""
        with self.uow() as s:
            row = s.scalars(
                select(TrustListVersion).order_by(TrustListVersion.version.desc()).limit(1)
            ).one()
            return row.version, row.der

    def _record_cert(
        self, s: Session, cert: x509.Certificate, kind: str, mission: str | None, holder: str
    ) -> None:
        s.add(
            IssuedCertificate(
                fingerprint=fingerprint(cert),
                serial=format(cert.serial_number, "x"),
                kind=kind,
                mission_code=mission,
                holder=holder,
                der=cert.public_bytes(serialization.Encoding.DER),
                issued_at=utcnow(),
            )
        )

    def enrol_mission(self, code: str, name: str, bundle_password: str) -> bytes:
        """Issue a mission's certificates and seal key; return its enrolment bundle.

        The mission's private keys exist only inside the returned bundle (encrypted under
        ``bundle_password``); the Department keeps certificates and public keys.
        """
        code = code.strip()
        if not code or not code.replace("-", "").replace("_", "").isalnum() or len(code) > 50:
            raise DepartmentError("a mission code is 1–50 letters, digits, '-' or '_'")
        if len(bundle_password) < 8:
            raise DepartmentError("the bundle password must have at least 8 characters")
        creds = ca.new_mission(self.keys.ca, code, name)
        with self.uow() as s:
            existing = s.get(Mission, code)
            if existing is not None and existing.revoked_at is None:
                raise DepartmentError(
                    f"mission {code} is already enrolled; revoke it first to re-enrol"
                )
            if existing is None:
                s.add(
                    Mission(
                        code=code,
                        name=name,
                        enrolled_at=utcnow(),
                        revoked_at=None,
                        signing_fpr=fingerprint(creds.signing.cert),
                        encryption_cert=creds.encryption.cert.public_bytes(
                            serialization.Encoding.DER
                        ),
                    )
                )
            else:
                existing.name = name
                existing.revoked_at = None
                existing.enrolled_at = utcnow()
                existing.signing_fpr = fingerprint(creds.signing.cert)
                existing.encryption_cert = creds.encryption.cert.public_bytes(
                    serialization.Encoding.DER
                )
            s.flush()
            self._record_cert(s, creds.signing.cert, "mission-signing", code, name)
            self._record_cert(s, creds.encryption.cert, "mission-encryption", code, name)
            raw = creds.seal_key.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            )
            s.add(
                IssuedCertificate(
                    fingerprint=hashlib.sha256(raw).hexdigest(),
                    serial="0",
                    kind="seal",
                    mission_code=code,
                    holder=name,
                    der=raw,
                    key_id=creds.seal_kid,
                    issued_at=utcnow(),
                )
            )
            s.flush()
            tl = self._publish_trust_list(s)
            self._audit(s, "enrol-mission", f"mission {code}, trust list v{tl.version}")
            return ca.enrolment_bundle(creds, self.keys, tl.der, bundle_password, self.code)

    def revoke_mission(self, code: str, reason: str = "revoked by the Department") -> int:
        """Revoke every certificate and seal key of a mission; return the new list version."""
        now = utcnow()
        with self.uow() as s:
            mission = s.get(Mission, code)
            if mission is None:
                raise DepartmentError(f"no mission {code!r} is enrolled")
            if mission.revoked_at is not None:
                raise DepartmentError(f"mission {code} is already revoked")
            mission.revoked_at = now
            for cert in s.scalars(
                select(IssuedCertificate).where(
                    IssuedCertificate.mission_code == code, IssuedCertificate.revoked_at.is_(None)
                )
            ):
                cert.revoked_at = now
                cert.reason = reason
            s.flush()
            tl = self._publish_trust_list(s)
            self._audit(s, "revoke-mission", f"mission {code}, trust list v{tl.version}")
            return tl.version

    def issue_official(self, mission: str, full_name: str, password: str) -> bytes:
        """A consular official's key and certificate as PKCS#12 (for PAdES signing, §10)."""
        if len(password) < 8:
            raise DepartmentError("the password must have at least 8 characters")
        with self.uow() as s:
            m = s.get(Mission, mission)
            if m is None or m.revoked_at is not None:
                raise DepartmentError(f"no active mission {mission!r}")
            cred = ca.new_official(self.keys.ca, full_name, mission)
            self._record_cert(s, cred.cert, "official", mission, full_name)
            s.flush()
            tl = self._publish_trust_list(s)
            self._audit(s, "issue-official", f"mission {mission}, trust list v{tl.version}")
        key = cred.key
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return pkcs12.serialize_key_and_certificates(
            full_name.encode("utf-8"),
            key,
            cred.cert,
            [self.keys.ca.cert],
            serialization.BestAvailableEncryption(password.encode("utf-8")),
        )

    def export_encryption_key(self, password: str) -> bytes:
        """The Department's decryption key as encrypted PKCS#8, for `openssl cms -decrypt`."""
        if len(password) < 8:
            raise DepartmentError("the password must have at least 8 characters")
        return encrypt_key(self._encryption_key(), password.encode("utf-8")).encode("ascii")

    def recover_store(self, store_dir: Path, login: str, new_password: str) -> None:
        """Reopen a mission store whose officers have all left (DESIGN: trust model).

        The store's recovery slot holds its data key wrapped to the Department's encryption
        key; this unwraps it, checks that ``login`` is an active officer there, and gives that
        officer a new password. The mission's audit log records the login.
        """
        from desktop.services import session
        from desktop.services.errors import KnownError
        from desktop.storage.store import StorePaths
        from desktop.storage.vault import Vault, VaultError, WrongPassword, wipe

        paths = StorePaths(store_dir)
        try:
            mission_vault = Vault.load(paths.vault)
        except VaultError as exc:
            raise DepartmentError(f"{store_dir}: {exc}") from exc
        if mission_vault.recovery_key_id != fingerprint(self.keys.encryption.cert):
            raise DepartmentError("this store has no recovery slot for this Department's key")
        try:
            data_key = mission_vault.unwrap_recovery(self._encryption_key())
        except (VaultError, WrongPassword) as exc:
            raise DepartmentError("the recovery slot does not open with this key") from exc
        try:
            session.validate_password(new_password)
            ctx = session.login_with_key(store_dir, bytearray(data_key), login)
            ctx.close()
        except KnownError as exc:
            raise DepartmentError(exc.message.en) from exc
        mission_vault.set_password(login, new_password, data_key)
        mission_vault.save(paths.vault)
        wipe(data_key)
        with self.uow() as s:
            self._audit(s, "recover-store", f"store {mission_vault.store_id}, officer slot reset")

    # -- receiving -------------------------------------------------------------------------
    def receive(self, path: Path, *, allow_gap: bool = False) -> ReceiveResult:
        """Verify and store one mission package, all or nothing.

        Raises a ``PackageError`` subclass (``ReplayError`` for a package already received,
        which is harmless) and changes nothing when any check fails.
        """
        keys = self.keys
        verified = package.verify_package(
            path, [keys.ca.cert], recipient=self.code, recipient_cert=keys.encryption.cert
        )
        manifest = verified.manifest
        try:
            return self._receive_verified(path, verified, allow_gap)
        except IntegrityError as exc:
            # Two receives of the same package at once (PostgreSQL, two consoles): one wins.
            raise ReplayError(
                f"package {manifest.sequence} from {manifest.sender} was received at the same "
                "time by another console; nothing changed here"
            ) from exc

    def _receive_verified(
        self, path: Path, verified: package.VerifiedPackage, allow_gap: bool
    ) -> ReceiveResult:
        manifest = verified.manifest
        with self.uow() as s:
            signer = s.scalar(
                select(IssuedCertificate).where(
                    IssuedCertificate.fingerprint == fingerprint(verified.signer)
                )
            )
            if signer is None or signer.kind != "mission-signing":
                raise UnknownSenderError(
                    f"{path.name} is signed by a certificate that is not a mission's signing "
                    "certificate issued here (unknown sender); refused"
                )
            if signer.mission_code != manifest.sender:
                raise UnknownSenderError(
                    f"{path.name} claims to come from {manifest.sender} but is signed by "
                    f"mission {signer.mission_code}; refused"
                )
            mission = s.get(Mission, manifest.sender)
            if signer.revoked_at is not None or mission is None or mission.revoked_at is not None:
                raise RevokedSenderError(
                    f"{path.name} is signed by mission {manifest.sender}, whose certificate "
                    "has been revoked; refused"
                )
            last = s.scalars(
                select(ReceivedPackage)
                .where(ReceivedPackage.mission_code == mission.code)
                .order_by(ReceivedPackage.sequence.desc())
                .limit(1)
            ).first()
            if last is None:
                state = package.ChannelState(0, None)
            elif last.chain_reset:  # an administrator reset the chain here
                state = package.ChannelState(last.sequence, None)
            else:
                state = package.ChannelState(last.sequence, last.sha256, last.manifest_sha256)

            def received(seq: int) -> package.Link | None:
                row = s.scalars(
                    select(ReceivedPackage).where(
                        ReceivedPackage.mission_code == mission.code,
                        ReceivedPackage.sequence == seq,
                    )
                ).first()
                return package.Link(row.sha256, row.manifest_sha256) if row else None

            package.check_sequence(
                manifest,
                verified.sha256,
                state,
                received,
                allow_gap=allow_gap,
                manifest_sha256=verified.manifest_sha256,
            )
            missing = tuple(range(state.last_sequence + 1, manifest.sequence))
            audit_alarm = self._check_audit(s, mission.code, manifest)
            counts = self._apply_mission_records(s, verified, mission.code)
            s.add(
                ReceivedPackage(
                    mission_code=mission.code,
                    sequence=manifest.sequence,
                    sha256=verified.sha256,
                    manifest_sha256=verified.manifest_sha256,
                    package_id=manifest.package_id,
                    created_at=manifest.created_at,
                    received_at=utcnow(),
                    cases=counts[0],
                    events=counts[1],
                    scans=counts[2],
                    gap_accepted=bool(missing),
                )
            )
            self._audit(
                s,
                "receive",
                f"mission {mission.code} package {manifest.sequence}: "
                f"{counts[0]} cases, {counts[1]} events, {counts[2]} scans"
                + (f", gap {missing[0]}–{missing[-1]} accepted" if missing else ""),
            )
        return ReceiveResult(
            mission=manifest.sender,
            sequence=manifest.sequence,
            sha256=verified.sha256,
            cases=counts[0],
            events=counts[1],
            scans=counts[2],
            acknowledged=counts[3],
            missing=missing,
            audit_alarm=audit_alarm,
        )

    def _check_audit(self, s: Session, mission: str, manifest: package.Manifest) -> str | None:
        """Compare the package's audit checkpoint with the one kept from the mission's last
        package, keep the new one, and say (and audit) what does not fit.

        A package whose log does not extend the kept checkpoint is still accepted: refusing it
        would hold back the applicants' genuine cases and jam the sequence chain, and what the
        Department must do about a cut log (ask the mission, inspect its store and backups)
        does not depend on this package. The alarm is in the Department's audit log and in
        the receive report; the next checks start from the new checkpoint.
        """
        key = f"audit-checkpoint/{mission}"
        row = s.get(Setting, key)
        kept = json.loads(row.value) if row is not None else None
        cp = manifest.audit
        alarm: str | None = None
        if cp is None:
            if kept is not None:
                alarm = (
                    f"package {manifest.sequence} from {mission} carries no audit checkpoint, "
                    f"although earlier packages did (entry {kept['entries']})"
                )
        elif kept is not None:
            n0, h0 = int(kept["entries"]), str(kept["head"])
            if cp["entries"] < n0:
                alarm = (
                    f"the audit log of {mission} shrank: {n0} entries at its last package, "
                    f"{cp['entries']} in package {manifest.sequence} (entries were removed)"
                )
            elif cp["entries"] == n0 and cp["head"] != h0:
                alarm = (
                    f"the audit log of {mission} was rewritten: entry {n0} differs from the one "
                    f"its last package reported (package {manifest.sequence})"
                )
            elif cp["entries"] > n0 and cp["anchors"].get(str(n0)) != h0:
                alarm = (
                    f"the audit log of {mission} no longer holds entry {n0} as its last "
                    f"package reported it (cut or rewritten; package {manifest.sequence})"
                )
        if cp is not None:
            value = json.dumps({"entries": cp["entries"], "head": cp["head"]})
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        if alarm is not None:
            self._audit(s, "audit-alarm", alarm)
        return alarm

    def _apply_mission_records(
        self, s: Session, verified: package.VerifiedPackage, mission: str
    ) -> tuple[int, int, int, int]:
        cert, key = self.keys.encryption.cert, self._encryption_key()
        n_cases = n_events = n_scans = n_acks = 0
        scan_kinds = {m.name for m in verified.members("scan")}
        now = utcnow()
        for member in verified.members("records"):
            recs = records.Records.from_json(verified.decrypt(member.name, cert, key))
            if recs.decisions or recs.trust_list:
                # DESIGN: ownership partitions the data; decisions and trust are the Department's.
                raise MalformedPackageError("a mission package cannot carry decisions or trust")
            refs = [c["id"] for c in recs.cases] + [sc["case_id"] for sc in recs.scans]
            existing = (
                {
                    c.case_ref: c
                    for c in s.scalars(
                        select(Case).where(
                            Case.mission_code == mission, Case.case_ref.in_(set(refs))
                        )
                    )
                }
                if refs
                else {}
            )
            for doc in recs.cases:
                if doc["mission"] != mission:
                    raise MalformedPackageError(
                        f"a case in the package belongs to mission {doc['mission']}, not {mission}"
                    )
                case = existing.get(doc["id"])
                if case is None:
                    case = Case(
                        mission_code=mission,
                        case_ref=doc["id"],
                        number=doc["number"],
                        questionnaire=doc["questionnaire"],
                        stage=STAGE_AWAITING,
                        received_at=now,
                        updated_at=now,
                    )
                    s.add(case)
                    s.flush()
                    existing[case.case_ref] = case
                    known: set[str] = set()
                else:
                    case.number = doc["number"]
                    case.questionnaire = doc["questionnaire"]
                    case.updated_at = now
                    known = set(
                        s.scalars(select(CaseEvent.event_ref).where(CaseEvent.case_id == case.id))
                    )
                n_cases += 1
                rows = []
                for ev in doc["events"]:
                    if ev["id"] in known:
                        continue  # already received: a package may repeat an event
                    known.add(ev["id"])
                    rows.append(
                        {
                            "case_id": case.id,
                            "event_ref": ev["id"],
                            "kind": ev["kind"],
                            "at": _parse_time(ev["at"]),
                            "officer": ev["officer"],
                            "data": ev["data"],
                        }
                    )
                    if ev["kind"] in OBJECTION_EVENTS and case.stage == "preliminary_refusal":
                        case.stage = STAGE_OBJECTION  # §11: the objection goes to the police
                if rows:
                    s.execute(insert(CaseEvent), rows)
                    n_events += len(rows)
            for sc in recs.scans:
                if sc["member"] not in scan_kinds:
                    raise MalformedPackageError(
                        f"scan {sc['id']} names a member that is not a scan"
                    )
                case = existing.get(sc["case_id"])
                if case is None:
                    raise MalformedPackageError(
                        "a scan belongs to a case the package does not carry"
                    )
                if (
                    s.scalar(
                        select(Scan.id).where(Scan.case_id == case.id, Scan.scan_ref == sc["id"])
                    )
                    is not None
                ):
                    continue
                data = verified.decrypt(sc["member"], cert, key)
                if hashlib.sha256(data).hexdigest() != sc["sha256"]:
                    raise DigestMismatchError(f"scan {sc['id']} does not match its digest")
                # Core insert: the page is not kept in the session, so memory stays bounded.
                s.execute(
                    insert(Scan).values(
                        case_id=case.id,
                        scan_ref=sc["id"],
                        document=sc.get("document"),
                        page=sc["page"],
                        media_type=sc["media_type"],
                        sha256=sc["sha256"],
                        data=data,
                    )
                )
                n_scans += 1
            for ack in recs.acknowledgements:
                sent = s.scalar(
                    select(SentPackage).where(
                        SentPackage.mission_code == mission, SentPackage.sequence == ack["sequence"]
                    )
                )
                if sent is None or sent.sha256 != ack["sha256"]:
                    continue  # an acknowledgement of something we did not send: ignore it
                if sent.acknowledged_at is None:
                    sent.acknowledged_at = now
                    n_acks += 1
                    for decision_id in sent_decisions(s, sent):
                        d = s.get(Decision, decision_id)
                        if d is not None and d.acknowledged_at is None:
                            d.acknowledged_at = now
            s.flush()
        return n_cases, n_events, n_scans, n_acks

    # -- deciding --------------------------------------------------------------------------
    def find_case(self, s: Session, ref: str, mission: str | None = None) -> Case:
        query = select(Case).where((Case.number == ref) | (Case.case_ref == ref))
        if mission:
            query = query.where(Case.mission_code == mission)
        found = s.scalars(query).all()
        if not found:
            raise DepartmentError(f"no case {ref!r} has been received")
        if len(found) > 1:
            raise DepartmentError(f"{ref!r} names cases of several missions: add --mission")
        return found[0]

    def decide(
        self,
        case_ref: str,
        kind: str,
        *,
        police_department: str,
        number: str,
        on: date,
        after_objection: bool = False,
        note: str | None = None,
        mission: str | None = None,
    ) -> Decision:
        """Record the police decision on a case (§8, §9; §11 after an objection)."""
        if kind not in records.DECISION_KINDS:
            raise DepartmentError(f"unknown decision kind {kind!r}")
        if not police_department.strip() or not number.strip():
            raise DepartmentError("the Police Department and the decision number are required")
        if on > datetime.now(UTC).date():
            raise DepartmentError("the decision date is in the future")
        with self.uow() as s:
            case = self.find_case(s, case_ref, mission)
            previous = s.scalars(
                select(Decision).where(Decision.case_id == case.id).order_by(Decision.recorded_at)
            ).all()
            kinds = [d.kind for d in previous]
            if any(k in FINAL_KINDS for k in kinds):
                raise DepartmentError(f"case {case.number} already has a final decision")
            if "preliminary_refusal" in kinds:
                # §11: after a preliminary refusal only the outcome of the objection remains.
                if kind == "preliminary_refusal":
                    raise DepartmentError(f"case {case.number} already has a preliminary refusal")
                after_objection = True
            elif after_objection:
                raise DepartmentError(
                    "--after-objection needs an earlier preliminary refusal on the case"
                )
            if after_objection and kind not in FINAL_KINDS:
                raise DepartmentError("after an objection the decision is permission or refusal")
            if kind == "reasoned_refusal" and "preliminary_refusal" not in kinds:
                # §11 (05.12.2025): the internal affairs body refuses only preliminarily
                # ("алдын ала бас тартқан жағдайда"); a reasoned refusal comes only after the
                # applicant's objection was reviewed (after "no objection" the mission sends
                # it itself).
                raise DepartmentError(
                    f"case {case.number} has no preliminary refusal: a reasoned refusal comes "
                    "only after a preliminary refusal and the review of the applicant's "
                    "objection (§11); record a preliminary refusal first"
                )
            decision = Decision(
                id=str(uuid.uuid4()),
                case_id=case.id,
                kind=kind,
                after_objection=after_objection,
                police_department=police_department.strip(),
                number=number.strip(),
                date=on.isoformat(),
                note=note,
                recorded_at=utcnow(),
                recorded_by=self.user,
                acknowledged_at=None,
            )
            s.add(decision)
            case.stage = kind
            case.updated_at = utcnow()
            self._audit(s, "decide", f"case {case.id}: {kind}")
            return decision

    def reset_chain(self, mission_code: str, to: int, reason: str) -> tuple[int, ...]:
        """The way out of a broken chain of packages from a mission (audited).

        Packages numbered above ``to`` are forgotten (what they carried stays), and the next
        package, ``to + 1``, is accepted whatever it names as the package before it. Returns
        the numbers forgotten. For a mission restored from a backup, or a package accepted
        earlier that turns out not to be the one the mission sent.
        """
        reason = reason.strip()
        if not reason:
            raise DepartmentError("say why the chain is reset (--reason)")
        with self.uow() as s:
            mission = s.get(Mission, mission_code)
            if mission is None:
                raise DepartmentError(f"no mission {mission_code!r} is enrolled")
            rows = list(
                s.scalars(
                    select(ReceivedPackage)
                    .where(ReceivedPackage.mission_code == mission_code)
                    .order_by(ReceivedPackage.sequence)
                )
            )
            numbers = [r.sequence for r in rows]
            if to != 0 and to not in numbers:
                known = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
                raise DepartmentError(
                    f"no package {to} from {mission_code} is on record (received: {known})"
                )
            forgotten = tuple(r.sequence for r in rows if r.sequence > to)
            for r in rows:
                if r.sequence > to:
                    s.delete(r)
                else:
                    r.chain_reset = r.sequence == to
            self._audit(
                s,
                "reset-chain",
                f"mission {mission_code}: chain reset to package {to}; forgotten "
                f"{', '.join(map(str, forgotten)) or 'none'}; reason: {reason[:500]}",
            )
        return forgotten

    # -- sending ---------------------------------------------------------------------------
    def send(self, mission_code: str, out_dir: Path) -> SendResult:
        """Write the decision package for a mission into ``out_dir``.

        It carries every decision the mission has not yet acknowledged (re-sending is harmless:
        the mission applies each decision once), acknowledgements of every package received
        from it, and the current signed trust list.

        Crash safety: the package is written under a hidden staging name, recorded and
        committed, and only then renamed to its carriable name. A package file under its
        real name is therefore always one the database knows (no orphan the mission could
        import while the Department reuses its number). A send killed after its commit left
        the staged file: the next send publishes it first (``SendResult.recovered``); one
        killed before its commit left a staged file the database never knew, which the next
        send of that number overwrites (or removes, in the same folder).
        """
        if out_dir.exists() and not out_dir.is_dir():
            raise DepartmentError(f"--out {out_dir} is not a directory")
        out_dir.mkdir(parents=True, exist_ok=True)  # as `qonys export` does: a new folder is fine
        recovered = self._finish_interrupted_send(mission_code)
        staged: Path | None = None
        try:
            with self.uow() as s:
                # PostgreSQL: two consoles sending to one mission take turns (one number, one
                # staged file each); SQLite ignores the lock and has one console anyway.
                mission = s.get(Mission, mission_code, with_for_update=True)
                if mission is None:
                    raise DepartmentError(f"no mission {mission_code!r} is enrolled")
                if mission.revoked_at is not None:
                    raise DepartmentError(
                        f"mission {mission_code} is revoked; nothing is sent to it"
                    )
                rows = s.execute(
                    select(Decision, Case)
                    .join(Case, Decision.case_id == Case.id)
                    .where(Case.mission_code == mission_code, Decision.acknowledged_at.is_(None))
                    .order_by(Decision.recorded_at)
                ).all()
                decisions = [
                    {
                        "id": d.id,
                        "case_id": c.case_ref,
                        "case_number": c.number,
                        "kind": d.kind,
                        "after_objection": d.after_objection,
                        "police_department": d.police_department,
                        "number": d.number,
                        "date": d.date,
                        "recorded_at": _aware(d.recorded_at).isoformat(),
                        "note": d.note,
                    }
                    for d, c in rows
                ]
                acks = [
                    {
                        "sequence": p.sequence,
                        "sha256": p.sha256,
                        "received_at": _aware(p.received_at).isoformat(),
                    }
                    for p in s.scalars(
                        select(ReceivedPackage)
                        .where(ReceivedPackage.mission_code == mission_code)
                        .order_by(ReceivedPackage.sequence)
                    )
                ]
                n_acks = len(acks)
                version_row = s.scalars(
                    select(TrustListVersion).order_by(TrustListVersion.version.desc()).limit(1)
                ).one()
                last = s.scalars(
                    select(SentPackage)
                    .where(SentPackage.mission_code == mission_code)
                    .order_by(SentPackage.sequence.desc())
                    .limit(1)
                ).first()
                seq = (last.sequence if last else 0) + 1
                recipient_cert = x509.load_der_x509_certificate(mission.encryption_cert)
                code = self._code(s)
                path = out_dir / f"{code}-to-{mission_code}-{seq:06d}{package.SUFFIX}"
                if path.exists():
                    raise DepartmentError(f"{path} already exists")
                removed = _remove_unrecorded(out_dir, code, mission_code, seq)
                if removed:
                    self._audit(
                        s,
                        "leftovers-removed",
                        f"mission {mission_code}: {len(removed)} file(s) of an interrupted send",
                    )
                staged = _staged(path)
                cert, key = self._signer()
                with package.PackageWriter(
                    staged,
                    sender=code,
                    recipient=mission_code,
                    recipient_cert=recipient_cert,
                    signer_cert=cert,
                    signer_key=key,
                    sequence=seq,
                    previous_sha256=last.sha256 if last else None,
                    previous_manifest_sha256=last.manifest_sha256 if last else None,
                    records_schema=records.SCHEMA_VERSION,
                ) as writer:
                    for chunk in _chunks(decisions, RECORDS_PER_MEMBER) or [[]]:
                        rec = records.Records(
                            decisions=chunk,
                            acknowledgements=acks,
                            trust_list=base64.b64encode(version_row.der).decode("ascii"),
                        )
                        writer.add("records", rec.to_json())
                        acks = []  # once is enough
                    written = writer.finish()
                sent = SentPackage(
                    mission_code=mission_code,
                    sequence=seq,
                    sha256=written.sha256,
                    manifest_sha256=written.manifest_sha256,
                    file_name=path.name,
                    folder=str(out_dir.resolve()),
                    created_at=utcnow(),
                    decisions=len(decisions),
                    acknowledged_at=None,
                )
                s.add(sent)
                s.flush()
                if decisions:
                    s.execute(
                        insert(SentDecision),
                        [{"sent_id": sent.id, "decision_id": d["id"]} for d in decisions],
                    )
                self._audit(
                    s, "send", f"mission {mission_code} package {seq}: {len(decisions)} decisions"
                )
                s.flush()
        except BaseException:
            # The database did not take the package: it must not stay behind, even hidden.
            if staged is not None:
                staged.unlink(missing_ok=True)
            raise
        # Committed: now, and only now, the package gets the name under which it travels.
        assert staged is not None
        _publish(staged, path)
        return SendResult(
            path,
            seq,
            len(decisions),
            n_acks,
            version_row.version,
            recovered=recovered,
            removed=removed,
        )

    def _code(self, s: Session) -> str:
        row = s.get(Setting, "department_code")
        return row.value if row else DEPARTMENT_CODE

    def _finish_interrupted_send(self, mission_code: str) -> Path | None:
        """Publish the last package to a mission if its send was killed after the commit."""
        with self.uow() as s:
            last = s.scalars(
                select(SentPackage)
                .where(SentPackage.mission_code == mission_code)
                .order_by(SentPackage.sequence.desc())
                .limit(1)
            ).first()
            if last is None or last.folder is None:
                return None
            path = Path(last.folder) / last.file_name
            staged = _staged(path)
            if path.exists() or not staged.exists():
                # Published (the rename is atomic: the staged name goes as the real one comes),
                # or its folder is gone with the removable medium: nothing to finish here.
                return None
            if _file_sha256(staged) != last.sha256:
                # Not the package the database recorded (cannot happen short of tampering
                # with the folder): never publish it under that number.
                staged.unlink()
                return None
            _publish(staged, path)
            self._audit(s, "send-finished", f"mission {mission_code} package {last.sequence}")
            return path

    # -- listing ---------------------------------------------------------------------------
    def cases(self, *, mission: str | None = None, stage: str | None = None) -> list[CaseSummary]:
        if stage is not None and stage not in STAGES:
            raise DepartmentError(f"unknown stage {stage!r}; one of: {', '.join(STAGES)}")
        with self.uow() as s:
            query = select(Case).order_by(Case.mission_code, Case.number)
            if mission:
                query = query.where(Case.mission_code == mission)
            if stage:
                query = query.where(Case.stage == stage)
            result = []
            for c in s.scalars(query):
                q = c.questionnaire
                applicant = " ".join(
                    str(q.get(k, "")) for k in ("surname", "name", "patronymic") if q.get(k)
                )
                decisions = [
                    {
                        "kind": d.kind,
                        "number": d.number,
                        "date": d.date,
                        "police_department": d.police_department,
                        "after_objection": d.after_objection,
                        "acknowledged": d.acknowledged_at is not None,
                    }
                    for d in s.scalars(
                        select(Decision)
                        .where(Decision.case_id == c.id)
                        .order_by(Decision.recorded_at)
                    )
                ]
                result.append(
                    CaseSummary(
                        c.mission_code,
                        c.number,
                        c.case_ref,
                        c.stage,
                        applicant,
                        _aware(c.received_at),
                        _aware(c.updated_at),
                        decisions,
                    )
                )
            return result

    def trust_list_entry_kid(self, mission: str) -> str | None:
        """The key id of a mission's current seal key, as the trust list names it."""
        with self.uow() as s:
            row = s.scalars(
                select(IssuedCertificate)
                .where(
                    IssuedCertificate.mission_code == mission,
                    IssuedCertificate.kind == "seal",
                    IssuedCertificate.revoked_at.is_(None),
                )
                .order_by(IssuedCertificate.id.desc())
                .limit(1)
            ).first()
            return row.key_id if row else None

    def scan_count(self) -> int:
        with self.uow() as s:
            return int(s.scalar(select(func.count(Scan.id))) or 0)


def sent_decisions(s: Session, sent: SentPackage) -> Sequence[str]:
    return s.scalars(select(SentDecision.decision_id).where(SentDecision.sent_id == sent.id)).all()


STAGED_SUFFIX = ".unsent"


def _staged(path: Path) -> Path:
    """Where ``send`` writes a package before its commit: hidden, and not named ``*.qpkg``,
    so no one carries it and no ``receive *.qpkg`` picks it up."""
    return path.with_name(f".{path.name}{STAGED_SUFFIX}")


def _publish(staged: Path, path: Path) -> None:
    staged.replace(path)
    package.fsync_directory(path.parent)


def _remove_unrecorded(out_dir: Path, code: str, mission: str, first: int) -> tuple[Path, ...]:
    """Staged packages (and their partial files) of numbers the database never took: what a
    send killed before its commit left in this folder."""
    marker = f"{code}-to-{mission}-"
    removed: list[Path] = []
    for leftover in sorted(out_dir.glob(f".*{marker}*{package.SUFFIX}{STAGED_SUFFIX}*")):
        number = leftover.name.split(marker, 1)[1].split(".", 1)[0]
        if number.isdigit() and int(number) >= first and leftover.is_file():
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return tuple(removed)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _chunks(items: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


order_by_sequence = package.sort_by_sequence
