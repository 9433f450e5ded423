"""Sending: decision packages to a mission, crash-safe (staged, recorded, published)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from cryptography import x509
from sqlalchemy import insert, select

from desktop.department.core import (
    RECORDS_PER_MEMBER,
    DepartmentCore,
    DepartmentError,
    SendResult,
    _aware,
)
from desktop.department.inbox import STORE_BINDING
from desktop.department.rules import SETTING_PREFIX as RULE_SET_PREFIX
from desktop.department.store import (
    SENT_TRUST_PREFIX,
    Case,
    Decision,
    Mission,
    ReceivedPackage,
    SentDecision,
    SentPackage,
    Setting,
    TrustListVersion,
    utcnow,
)
from desktop.storage.files import publish
from desktop.sync import package, records

STAGED_SUFFIX = ".unsent"


def _staged(path: Path) -> Path:
    """Where ``send`` writes a package before its commit: hidden, and not named ``*.qpkg``,
    so no one carries it and no ``receive *.qpkg`` picks it up."""
    return path.with_name(f".{path.name}{STAGED_SUFFIX}")


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


class Outbox(DepartmentCore):
    """Sending: decision packages to a mission, crash-safe (staged, recorded, published)."""

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
            with self.uow() as tx:
                s = tx.session
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
                    _with_russian_name(
                        d.police_department_ru,
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
                        },
                    )
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
                # §14-1: every package carries the rule sets the Department published.
                rule_sets = [
                    r.value
                    for r in s.scalars(
                        select(Setting)
                        .where(Setting.key.startswith(RULE_SET_PREFIX))
                        .order_by(Setting.key)
                    )
                ]
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
                    # The store the mission is bound to (issue 21): a second store that got
                    # the same enrolment bundle refuses this package instead of applying its
                    # decisions to its own, unrelated cases of the same ids.
                    binding = s.get(Setting, f"{STORE_BINDING}{mission_code}")
                    writer.store = binding.value if binding is not None else None
                    for chunk in _chunks(decisions, RECORDS_PER_MEMBER) or [[]]:
                        rec = records.Records(
                            decisions=chunk,
                            acknowledgements=acks,
                            trust_list=base64.b64encode(version_row.der).decode("ascii"),
                            rule_sets=rule_sets,
                        )
                        writer.add("records", rec.to_json())
                        acks = []  # once is enough
                        rule_sets = []
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
                # The newest trust list the mission holds, once this package reaches it: the
                # sync server writes a package when a newer one is published (a revocation,
                # an enrolment) even with no decision to carry.
                s.merge(
                    Setting(key=SENT_TRUST_PREFIX + mission_code, value=str(version_row.version))
                )
                if decisions:
                    s.execute(
                        insert(SentDecision),
                        [{"sent_id": sent.id, "decision_id": d["id"]} for d in decisions],
                    )
                self._audit(
                    s, "send", f"mission {mission_code} package {seq}: {len(decisions)} decisions"
                )
                tx.commit()
        except BaseException:
            # The database did not take the package: it must not stay behind, even hidden.
            if staged is not None:
                staged.unlink(missing_ok=True)
            raise
        # Committed: now, and only now, the package gets the name under which it travels.
        assert staged is not None
        publish(staged, path)
        return SendResult(
            path,
            seq,
            len(decisions),
            n_acks,
            version_row.version,
            recovered=recovered,
            removed=removed,
        )

    def _finish_interrupted_send(self, mission_code: str) -> Path | None:
        """Publish the last package to a mission if its send was killed after the commit."""
        with self.uow() as tx:
            s = tx.session
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
            publish(staged, path)
            self._audit(s, "send-finished", f"mission {mission_code} package {last.sequence}")
            tx.commit()
            return path


def _with_russian_name(name_ru: str | None, decision: dict[str, Any]) -> dict[str, Any]:
    """The decision with the body's Russian name when one was recorded: the field is left out
    otherwise, so that a mission of an older version (whose schema does not know it) still
    reads the package."""
    if name_ru:
        decision["police_department_ru"] = name_ru
    return decision
