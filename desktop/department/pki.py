"""The CA side: certificates, seal keys, trust lists, the verifier address, store recovery."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.department import ca
from desktop.department.core import DepartmentCore, DepartmentError, _aware
from desktop.department.store import (
    SENT_TRUST_PREFIX,
    IssuedCertificate,
    Mission,
    Setting,
    TrustListVersion,
    utcnow,
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
    sign_verifier_list,
    verify_trust_list,
)

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


class Pki(DepartmentCore):
    """The CA side: certificates, seal keys, trust lists, the verifier address, store recovery."""

    # -- the offline verifier page (issue 18) ----------------------------------------------
    def set_verifier_base_url(self, url: str) -> int:
        """Set the address where the verifier page is hosted; publish a new trust list.

        New notifications carry their seal in a URL at this address (`seal.seal_url`); the
        address travels in the signed trust list, so a mission cannot change it.
        """
        url = normalise_base_url(url)
        with self.uow() as tx:
            s = tx.session
            row = s.get(Setting, SETTING_VERIFIER_URL)
            if row is None:
                s.add(Setting(key=SETTING_VERIFIER_URL, value=url))
            else:
                row.value = url
            s.flush()
            self._audit(s, "verifier-url", url)
            version = self._publish_trust_list(s).version
            tx.commit()
        return version

    def verifier_site(self) -> tuple[x509.Certificate, VerifierList, int]:
        """(Department signing certificate, the signed verifier list, trust list version).

        A trust list made before the verifier existed carries no verifier list: a new trust
        list is published then (it goes out with the next packages).
        """
        version, der = self.trust_list()
        tl = verify_trust_list(der, [self.keys.ca.cert])
        if tl.verifier is None:
            with self.uow() as tx:
                self._publish_trust_list(tx.session)
                tx.commit()
            version, der = self.trust_list()
            tl = verify_trust_list(der, [self.keys.ca.cert])
        assert tl.verifier is not None
        return tl.department_signing, tl.verifier, version

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
        with self.uow() as tx:
            s = tx.session
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
        with self.uow() as tx:
            s = tx.session
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
            # The bundle carries this trust list: the mission needs no package for it.
            s.merge(Setting(key=SENT_TRUST_PREFIX + code, value=str(tl.version)))
            bundle = ca.enrolment_bundle(creds, self.keys, tl.der, bundle_password, self._code(s))
            tx.commit()
            return bundle

    def revoke_mission(self, code: str, reason: str = "revoked by the Department") -> int:
        """Revoke every certificate and seal key of a mission; return the new list version."""
        now = utcnow()
        with self.uow() as tx:
            s = tx.session
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
            tx.commit()
            return tl.version

    def issue_official(self, mission: str, full_name: str, password: str) -> bytes:
        """A consular official's key and certificate as PKCS#12 (for PAdES signing, §10)."""
        if len(password) < 8:
            raise DepartmentError("the password must have at least 8 characters")
        with self.uow() as tx:
            s = tx.session
            m = s.get(Mission, mission)
            if m is None or m.revoked_at is not None:
                raise DepartmentError(f"no active mission {mission!r}")
            cred = ca.new_official(self.keys.ca, full_name, mission)
            self._record_cert(s, cred.cert, "official", mission, full_name)
            s.flush()
            tl = self._publish_trust_list(s)
            self._audit(s, "issue-official", f"mission {mission}, trust list v{tl.version}")
            tx.commit()
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
        with self.uow() as tx:
            self._audit(
                tx.session, "recover-store", f"store {mission_vault.store_id}, officer slot reset"
            )
            tx.commit()

    def trust_list_entry_kid(self, mission: str) -> str | None:
        """The key id of a mission's current seal key, as the trust list names it."""
        with self.uow() as tx:
            s = tx.session
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
