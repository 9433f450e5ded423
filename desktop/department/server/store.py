"""What the sync server does with the Department's database and package store (issue 16).

Blocking code, run in the server's thread pool. Everything a worker needs between two requests
is here: the upload rows (``dep_sync_upload``), the partial files under ``DEP/sync/uploads``
and the reply packages under ``DEP/sync/outbound/<mission>``, so any number of workers behind
a proxy can serve any request.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.department.service import Department
from desktop.department.store import (
    SENT_TRUST_PREFIX,
    Decision,
    IssuedCertificate,
    Mission,
    ReceivedPackage,
    SentDecision,
    SentPackage,
    Setting,
    SyncUpload,
    TrustListVersion,
    utcnow,
)
from desktop.department.store import Case as DepCase
from desktop.storage.files import make_private_dir
from desktop.storage.uow import Transaction
from desktop.sync import package
from desktop.sync.errors import ExchangeError, ReplayError, SequenceGapError

log = logging.getLogger("qonys.department.sync")

SYNC_DIR = "sync"
ACCEPTED, DUPLICATE, REFUSED = "accepted", "duplicate", "refused"
# Refusals that may pass later without any change to the package: the upload is kept, and
# finishing it again (an empty PATCH) runs the checks again.
TRANSIENT = frozenset({SequenceGapError.code})


class Refused(Exception):
    """The request is well formed but cannot be served: an HTTP status and a stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


@dataclass(frozen=True)
class UploadState:
    id: str
    length: int
    offset: int
    result: str | None
    reason: str | None
    sequence: int | None
    receive_seconds: float | None = None  # how long `receive` took, on the answering request


def _state(row: SyncUpload) -> UploadState:
    return UploadState(row.id, row.length, row.offset, row.result, row.reason, row.sequence)


def _mission(s: Session, fingerprint: str) -> str:
    cert = s.scalar(select(IssuedCertificate).where(IssuedCertificate.fingerprint == fingerprint))
    if cert is None or cert.kind != "mission-signing" or cert.mission_code is None:
        raise Refused(403, "unknown-sender", "not a mission's signing certificate")
    mission = s.get(Mission, cert.mission_code)
    if mission is None or mission.revoked_at is not None or cert.revoked_at is not None:
        raise Refused(403, "revoked-sender", "the mission's certificate is revoked")
    return mission.code


def _upload(s: Session, mission: str, upload_id: str) -> UploadState:
    row = s.get(SyncUpload, upload_id)
    if row is None or row.mission_code != mission:
        raise Refused(404, "no-such-upload", "no such upload")
    return _state(row)


@dataclass(frozen=True)
class Listed:
    sequence: int
    file: str
    size: int
    sha256: str


class SyncStore:
    """The Department as the sync server sees it: one opened store, shared by the workers'
    threads (the keys are loaded once; every call is its own transaction)."""

    def __init__(self, dep: Department) -> None:
        self.dep = dep
        _ = dep.keys  # decrypt the keys once, before the first request
        self.ca = dep.keys.ca.cert
        self.root = dep.data_dir / SYNC_DIR
        self.uploads = self.root / "uploads"
        self.outbound = self.root / "outbound"
        for folder in (self.root, self.uploads, self.outbound):
            make_private_dir(folder)

    # -- who is asking ---------------------------------------------------------------------
    def mission_of(self, fingerprint: str) -> str:
        """The enrolled, unrevoked mission whose signing certificate this is."""
        with self.dep.uow() as tx:
            return _mission(tx.session, fingerprint)

    def ping(self) -> None:
        with self.dep.uow() as tx:
            tx.session.execute(select(1))

    # -- uploads ---------------------------------------------------------------------------
    def path(self, upload_id: str) -> Path:
        return self.uploads / f"{upload_id}.part"

    def create_as(self, signer: str, length: int, sha256: str) -> tuple[str, UploadState, bool]:
        """``create`` for the mission that signed (checked first, in the same transaction):
        its code, the upload, and whether it is new."""
        with self.dep.uow() as tx:
            mission = _mission(tx.session, signer)
            state, new = self._create(tx, mission, length, sha256)
            return mission, state, new

    def create(self, mission: str, length: int, sha256: str) -> UploadState:
        """A new upload, or the one this mission already has for the same bytes (a client
        killed after creating it and before recording where it is creates it once)."""
        with self.dep.uow() as tx:
            return self._create(tx, mission, length, sha256)[0]

    def _create(
        self, tx: Transaction, mission: str, length: int, sha256: str
    ) -> tuple[UploadState, bool]:
        s = tx.session
        same = s.scalars(
            select(SyncUpload).where(
                SyncUpload.mission_code == mission,
                SyncUpload.sha256 == sha256,
                SyncUpload.length == length,
            )
        ).first()
        if same is not None:
            return _state(same), False
        now = utcnow()
        row = SyncUpload(
            id=str(uuid.uuid4()),
            mission_code=mission,
            length=length,
            offset=0,
            sha256=sha256,
            created_at=now,
            updated_at=now,
        )
        fd = os.open(self.path(row.id), os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
        s.add(row)
        tx.commit()
        log.info("upload %s created for mission %s (%d bytes)", row.id, mission, length)
        return _state(row), True

    def get_as(self, signer: str, upload_id: str) -> tuple[str, UploadState]:
        """The signing mission (enrolled, unrevoked) and its upload, in one transaction."""
        with self.dep.uow() as tx:
            mission = _mission(tx.session, signer)
            return mission, _upload(tx.session, mission, upload_id)

    def get(self, mission: str, upload_id: str) -> UploadState:
        with self.dep.uow() as tx:
            return _upload(tx.session, mission, upload_id)

    def advance(self, upload_id: str, old: int, new: int) -> bool:
        """Record bytes ``old..new`` as written (they are on disk: the caller synced them).
        False if another request moved the offset meanwhile."""
        with self.dep.uow() as tx:
            done = tx.session.execute(
                update(SyncUpload)
                .where(SyncUpload.id == upload_id, SyncUpload.offset == old)
                .values(offset=new, updated_at=utcnow())
            )
            tx.commit()
            return bool(getattr(done, "rowcount", 0))

    def finish(self, mission: str, upload_id: str) -> UploadState:
        """The upload is complete: check its digest, then ``receive`` it, all or nothing."""
        state = self.get(mission, upload_id)
        if state.result is not None or state.offset != state.length:
            return state
        path = self.path(upload_id)
        with self.dep.uow() as tx:
            row = tx.session.get(SyncUpload, upload_id)
            assert row is not None
            expected = row.sha256
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            # Not the bytes announced: forget the upload, the mission starts it again.
            self.forget(upload_id)
            log.warning("upload %s of mission %s: digest mismatch, discarded", upload_id, mission)
            raise Refused(409, "checksum-mismatch", "the uploaded bytes differ from the digest")
        result, reason, sequence = self._receive(mission, path)
        if result == REFUSED and reason in TRANSIENT:
            log.info("upload %s of mission %s: %s, kept for later", upload_id, mission, reason)
            return UploadState(upload_id, state.length, state.offset, result, reason, sequence)
        with self.dep.uow() as tx:
            row = tx.session.get(SyncUpload, upload_id)
            assert row is not None
            row.result, row.reason, row.sequence = result, reason, sequence
            row.updated_at = utcnow()
            tx.commit()
        path.unlink(missing_ok=True)
        log.info(
            "upload %s of mission %s: package %s %s%s",
            upload_id,
            mission,
            sequence,
            result,
            f" ({reason})" if reason else "",
        )
        return UploadState(upload_id, state.length, state.offset, result, reason, sequence)

    def forget(self, upload_id: str) -> None:
        with self.dep.uow() as tx:
            row = tx.session.get(SyncUpload, upload_id)
            if row is not None:
                tx.session.delete(row)
            tx.commit()
        self.path(upload_id).unlink(missing_ok=True)

    def _receive(self, mission: str, path: Path) -> tuple[str, str | None, int | None]:
        try:
            manifest = package.read_manifest(path)
        except ExchangeError as exc:
            return REFUSED, exc.code, None
        if manifest.sender != mission:
            return REFUSED, "not-the-sender", manifest.sequence
        try:
            got = self.dep.receive(path)
        except ReplayError:
            return DUPLICATE, None, manifest.sequence
        except ExchangeError as exc:
            return REFUSED, exc.code, manifest.sequence
        if got.audit_alarm:
            log.warning("mission %s package %d: audit alarm recorded", mission, got.sequence)
        return ACCEPTED, None, got.sequence

    # -- replies ---------------------------------------------------------------------------
    def _reply_due(self, mission: str) -> tuple[bool, int]:
        with self.dep.uow() as tx:
            s = tx.session
            m = s.get(Mission, mission)
            if m is None or m.revoked_at is not None:
                return False, 0
            newest = s.scalar(
                select(func.max(ReceivedPackage.sequence)).where(
                    ReceivedPackage.mission_code == mission
                )
            )
            kept = s.get(Setting, f"sync-replied/{mission}")
            unsent = s.scalar(
                select(Decision.id)
                .join(DepCase, Decision.case_id == DepCase.id)
                .where(
                    DepCase.mission_code == mission,
                    Decision.acknowledged_at.is_(None),
                    ~Decision.id.in_(select(SentDecision.decision_id)),
                )
                .limit(1)
            )
            acks_new = newest is not None and (kept is None or kept.value != str(newest))
            # A trust list newer than the one the mission was last sent (a revocation, an
            # enrolment): it travels alone if nothing else does.
            current = s.scalar(select(func.max(TrustListVersion.version))) or 0
            had = s.get(Setting, SENT_TRUST_PREFIX + mission)
            trust_new = had is None or not had.value.isdigit() or int(had.value) < current
            return unsent is not None or acks_new or trust_new, newest or 0

    def reply_if_due(self, mission: str) -> None:
        """Write a decision package for the mission if it has news: decisions never sent,
        packages received since the last reply (their acknowledgements), or a trust list newer
        than the one it was last sent."""
        due, newest = self._reply_due(mission)
        if not due:
            return
        out = self.outbound / mission
        make_private_dir(out)
        sent = self.dep.send(mission, out)
        with self.dep.uow() as tx:
            s = tx.session
            key = f"sync-replied/{mission}"
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=str(newest)))
            else:
                row.value = str(newest)
            tx.commit()
        log.info("reply package %d written for mission %s", sent.sequence, mission)

    def listing(self, mission: str, after: int) -> list[Listed]:
        self.reply_if_due(mission)
        with self.dep.uow() as tx:
            rows = tx.session.scalars(
                select(SentPackage)
                .where(SentPackage.mission_code == mission, SentPackage.sequence > after)
                .order_by(SentPackage.sequence)
            ).all()
            found = []
            for r in rows:
                path = self._sent_path(r)
                if path is not None:
                    found.append(Listed(r.sequence, r.file_name, path.stat().st_size, r.sha256))
            return found

    def sent_file(self, mission: str, sequence: int) -> tuple[Path, str]:
        with self.dep.uow() as tx:
            row = tx.session.scalars(
                select(SentPackage).where(
                    SentPackage.mission_code == mission, SentPackage.sequence == sequence
                )
            ).first()
            path = self._sent_path(row) if row is not None else None
            if row is None or path is None:
                raise Refused(404, "no-such-package", "no such package for this mission")
            return path, row.file_name

    @staticmethod
    def _sent_path(row: SentPackage) -> Path | None:
        if row.folder is None:
            return None
        path = Path(row.folder) / row.file_name
        return path if path.is_file() else None
