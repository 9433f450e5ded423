"""The Department's common ground: its store, keys and current user, the constants and
result types the rooms share (`pki`, `inbox`, `decisions`, `outbox`, `queries`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.department import ca, vault
from desktop.department.store import (
    AuditEntry,
    SentDecision,
    SentPackage,
    Setting,
    UnitOfWork,
    utcnow,
)
from desktop.sync.errors import ExchangeError
from desktop.sync.trust import load_key

DEPARTMENT_CODE = "CSD"
KEYS_DIR = "keys"
RECORDS_PER_MEMBER = 500  # keeps each records member (and its CMS envelope) a few MB at most

STAGE_AWAITING = "awaiting_decision"
STAGE_OBJECTION = "objection"
STAGES = (STAGE_AWAITING, "preliminary_refusal", STAGE_OBJECTION, "permission", "reasoned_refusal")
FINAL_KINDS = ("permission", "reasoned_refusal")
# Mission event kinds that mean the applicant objected to a preliminary refusal (§11).
OBJECTION_EVENTS = frozenset({"record_objection", "forward_objection"})


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


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes even for timezone=True columns: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def sent_decisions(s: Session, sent: SentPackage) -> Sequence[str]:
    return s.scalars(select(SentDecision.decision_id).where(SentDecision.sent_id == sent.id)).all()


class DepartmentCore:
    """An unlocked Department store: its keys, its database and its current user."""

    def __init__(self, data_dir: Path, engine: Any, master: vault.MasterKey, user: str) -> None:
        self.data_dir = data_dir
        self.engine = engine
        self.uow = UnitOfWork(engine)
        self.master = master
        self.user = user
        self._keys: ca.DepartmentKeys | None = None
        self.alerts: list[str] = []  # said once, after opening (cli prints them)

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
        with self.uow() as tx:
            s = tx.session
            row = s.get(Setting, "department_code")
            return row.value if row else DEPARTMENT_CODE

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

    def _code(self, s: Session) -> str:
        row = s.get(Setting, "department_code")
        return row.value if row else DEPARTMENT_CODE
