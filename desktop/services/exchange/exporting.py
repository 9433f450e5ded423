"""The export to the Department: packages written under hidden names, recorded, then published.

``export`` writes every change not yet exported as one package or parts; an outbox row per
package. An export killed at any point leaves either nothing the next export does not clean up
or finish (see ``export``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.services.context import DeskContext
from desktop.services.errors import StoreDamaged
from desktop.services.exchange.outbox import BUILT, OutboxEntry, _entry
from desktop.services.exchange.pending import (
    NOT_EXPORTED_STAGES,
    _outgoing,
    _Pending,
    _pending,
    _scan_order,
)
from desktop.services.exchange.prefetch import Prefetcher, keep_freed_buffers
from desktop.services.exchange.refusals import ExchangeFailed, ExportCancelled, _Stop
from desktop.services.exchange.trust import _identity, store_id
from desktop.services.shared_store import one_export_at_a_time
from desktop.storage.files import publish
from desktop.storage.models import AuditHeadRow, AuditRow, ExportedRow, InboxRow, OutboxRow
from desktop.storage.portable import insert_for
from desktop.storage.scanfiles import ScanFileError
from desktop.storage.uow import UnitOfWork
from desktop.sync import exchange, package

log = logging.getLogger(__name__)  # sequence numbers, case counts and refusal codes only


@dataclass(frozen=True)
class ExportResult:
    packages: list[OutboxEntry]
    cases: int
    events: int
    scans: int
    # Packages an export killed after its commit left unpublished, published now.
    recovered: tuple[Path, ...] = ()
    # Leftovers of an export killed before its commit (never recorded), removed now.
    removed: tuple[Path, ...] = ()


@dataclass
class _PartLog:
    """The parts an export has finished, and what each carries: recorded when the export
    succeeds, their files removed when it fails."""

    finished: list[package.WrittenPackage] = field(default_factory=list)
    carried: list[exchange.PartContents] = field(default_factory=list)

    def add(self, done: package.WrittenPackage, contents: exchange.PartContents) -> None:
        self.finished.append(done)
        self.carried.append(contents)

    def remove_files(self) -> None:
        for done in self.finished:
            done.path.unlink(missing_ok=True)


@one_export_at_a_time
def export(
    ctx: DeskContext,
    out_dir: Path,
    *,
    max_part_mb: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    include_stages: bool = False,
) -> ExportResult:
    """Write every change not yet exported into ``out_dir``; nothing is recorded on failure.

    ``out_dir`` is created if it does not exist (a fresh folder on a USB stick). ``should_stop``
    is asked between cases; when it answers True the files written so far are removed and
    ExportCancelled is raised. Cases go once forwarded (§7: stage ``forwarded`` or later);
    ``include_stages=True`` also sends the others (a test and demo convenience).

    Crash safety, as the Department's ``send``: packages are written under a hidden name
    (``.NAME.qpkg.unpublished``), recorded and committed, and only then renamed to the name
    under which they travel. A package under its real name is therefore always one the outbox
    knows. An export killed after its commit left hidden files: the next export publishes them
    (``ExportResult.recovered``); one killed before left files no row knows (hidden or
    ``.partial``), which the next export into the same folder removes (``removed``).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if out_dir.exists() and not out_dir.is_dir():
            raise ExchangeFailed(f"{out_dir} is not a folder", "not-a-folder") from None
        raise ExchangeFailed(
            f"the folder {out_dir} cannot be made ({exc.strerror or exc})", "write-failed"
        ) from None
    if max_part_mb is not None and not math.isfinite(max_part_mb):
        raise ExchangeFailed("the part size must be a number of MB", "part-too-small")
    # A part is a package, a classic ZIP of at most 4 GiB: larger limits change nothing.
    limit = int(min(max_part_mb, _MAX_PART_MB) * 1024 * 1024) if max_part_mb else None
    if limit is not None and limit < 1024 * 1024:
        raise ExchangeFailed("a part must be at least 1 MB", "part-too-small")
    excluded = frozenset() if include_stages else NOT_EXPORTED_STAGES
    recovered = _finish_interrupted_export(ctx)
    store_id(ctx)  # every package names its store (one store per mission)
    with ctx.uow() as uow:
        me, _trust = _identity(uow)
        case_ids, pending = _pending(uow, excluded)
        last = uow.session.scalars(
            select(OutboxRow).order_by(OutboxRow.sequence.desc()).limit(1)
        ).first()
        removed = _remove_unrecorded(
            out_dir, me.code, me.peer_code, (last.sequence if last else 0) + 1
        )
        if removed:
            ctx.audit(
                uow,
                "exchange.leftovers-removed",
                "outbox",
                (last.sequence if last else 0) + 1,
                {"files": len(removed)},
            )
            uow.commit()
        acks = [
            {"sequence": r.sequence, "sha256": r.sha256, "received_at": r.received_at.isoformat()}
            for r in uow.session.scalars(select(InboxRow).order_by(InboxRow.sequence))
        ]
        nothing = ExportResult([], 0, 0, 0, recovered, removed)
        if not case_ids and not acks:
            log.info("export: nothing to send")
            return nothing
        if not case_ids and last is not None and _acks_already_sent(uow, acks):
            log.info("export: nothing new to send")
            return nothing
        total = len(case_ids)
        checkpoint = audit_checkpoint(uow)
        keep_freed_buffers()
        prefetch = Prefetcher(ctx.store.engine, _scan_order(uow, case_ids, pending))
        parts = _PartLog()
        carried = parts.carried
        try:
            written = exchange.export_packages(
                out_dir,
                me,
                _outgoing(uow, me.code, case_ids, pending, prefetch),
                acknowledgements=acks,
                first_sequence=(last.sequence if last else 0) + 1,
                previous_sha256=last.sha256 if last else None,
                previous_manifest_sha256=last.manifest_sha256 if last else None,
                stage=_staged,
                max_part_bytes=limit,
                progress=lambda n: _tick(n, total, progress, should_stop),
                now=ctx.now(),
                on_part=parts.add,
                audit_checkpoint=checkpoint,
            )
        except _Stop:
            parts.remove_files()
            log.info("export cancelled by the officer; nothing recorded")
            raise ExportCancelled from None
        except ScanFileError as exc:
            parts.remove_files()
            log.error("export refused: a scan file of the store does not open; nothing recorded")
            raise StoreDamaged(str(exc)) from exc
        except OSError as exc:
            parts.remove_files()
            log.warning("export refused: cannot write (%s); nothing recorded", type(exc).__name__)
            raise ExchangeFailed(
                f"the export could not be written ({exc.strerror or exc}); nothing was recorded",
                "write-failed",
            ) from exc
        finally:
            prefetch.close()
        try:
            entries = _record_export(ctx, uow, out_dir, written, carried, pending, acks)
            uow.commit()
        except BaseException:
            for done in written:
                done.path.unlink(missing_ok=True)
            raise
    # Committed: now, and only now, the packages get the names under which they travel.
    for done in written:
        _publish(done.path)
    log.info(
        "exported packages %s: %d cases, %d events, %d scans",
        [e.sequence for e in entries],
        len(case_ids),
        len(pending.events),
        len(pending.attachments),
    )
    return ExportResult(
        entries,
        len(case_ids),
        len(pending.events),
        len(pending.attachments),
        recovered,
        removed,
    )


_MAX_PART_MB = 4095  # a package is a classic ZIP: at most 4 GiB
UNPUBLISHED = ".unpublished"


def _staged(path: Path) -> Path:
    """Where ``export`` writes a package before its commit: hidden, and not named ``*.qpkg``,
    so no one carries it and no ``import *.qpkg`` picks it up."""
    return path.with_name(f".{path.name}{UNPUBLISHED}")


def _real(staged: Path) -> Path:
    return staged.with_name(staged.name[1 : -len(UNPUBLISHED)])


def _publish(staged: Path) -> Path:
    path = _real(staged)
    publish(staged, path)
    return path


def _finish_interrupted_export(ctx: DeskContext) -> tuple[Path, ...]:
    """Publish the packages an export recorded but was killed before renaming."""
    done: list[Path] = []
    with ctx.uow() as uow:
        for row in uow.session.scalars(select(OutboxRow).where(OutboxRow.state == BUILT)):
            path = Path(row.folder) / row.file_name
            staged = _staged(path)
            if path.exists() or not staged.is_file():
                # Published, or its folder is gone with the removable medium.
                continue
            if package.file_sha256(staged) != row.sha256:
                # Not the package the outbox recorded (short of tampering, cannot happen):
                # never publish it under that number.
                staged.unlink()
                continue
            done.append(_publish(staged))
            ctx.audit(uow, "exchange.export-finished", "outbox", row.sequence)
        if done:
            uow.commit()
    return tuple(done)


def _remove_unrecorded(out_dir: Path, code: str, peer: str, first: int) -> tuple[Path, ...]:
    """What an export killed before its commit left in ``out_dir``: hidden packages of
    numbers the outbox never took, and half-written ``.partial`` files."""
    marker = f"{code}-to-{peer}-"
    removed: list[Path] = []
    for leftover in sorted(out_dir.glob(f".{marker}*{package.SUFFIX}*")):
        rest = leftover.name[len(marker) + 1 :]
        number = rest.split(".", 1)[0]
        partial = leftover.name.endswith(".partial")
        unrecorded = (
            leftover.name.endswith(UNPUBLISHED) and number.isdigit() and (int(number) >= first)
        )
        if (partial or unrecorded) and leftover.is_file():
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return tuple(removed)


AUDIT_ANCHORS = 16


def audit_checkpoint(uow: UnitOfWork) -> dict[str, Any]:
    """The audit log's checkpoint for a package's manifest (docs/package-format.md).

    `entries`/`head`: the log now. `anchors`: for the checkpoints the last packages carried,
    the hash the log holds *now* at that position: the Department compares the one it kept
    and so sees a log cut or rewritten below it (docs/administration.md, threat model).
    """
    head = uow.session.get(AuditHeadRow, 1)
    entries, last = (head.last_id, head.last_hash) if head else (0, "0" * 64)
    anchors: dict[str, str] = {}
    earlier = uow.session.scalars(
        select(OutboxRow.audit_entries)
        .where(OutboxRow.audit_entries.is_not(None))
        .order_by(OutboxRow.sequence.desc())
        .limit(AUDIT_ANCHORS)
    )
    for n in earlier:
        if n is None or str(n) in anchors:
            continue
        row = uow.session.get(AuditRow, n)
        anchors[str(n)] = row.hash if row is not None else ""
    return {"entries": entries, "head": last, "anchors": anchors}


def _tick(
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
    should_stop: Callable[[], bool] | None,
) -> None:
    if progress is not None:
        progress(done, total)
    if should_stop is not None and done < total and should_stop():
        raise _Stop


def _acks_already_sent(uow: UnitOfWork, acks: list[dict[str, Any]]) -> bool:
    newest = max(a["sequence"] for a in acks)
    return uow.session.get(ExportedRow, ("inbox", newest)) is not None


def _record_export(
    ctx: DeskContext,
    uow: UnitOfWork,
    out_dir: Path,
    written: list[package.WrittenPackage],
    carried: list[exchange.PartContents],
    pending: _Pending,
    acks: list[dict[str, Any]],
) -> list[OutboxEntry]:
    s = uow.session
    assert len(carried) == len(written)
    rows = []
    for w, part in zip(written, carried, strict=True):
        # What this package carries, exactly: a case whose scans straddle two parts travels
        # (with its new events) in both, and is counted in both, as the Department sees it.
        row = OutboxRow(
            sequence=w.manifest.sequence,
            sha256=w.sha256,
            manifest_sha256=w.manifest_sha256,
            file_name=_real(w.path).name,
            folder=str(out_dir.resolve()),
            size=w.size,
            cases=len(set(part.cases)),
            events=len(set(part.events)),
            scans=len(set(part.scans)),
            state=BUILT,
            created_at=ctx.now(),
            carried_at=None,
            acknowledged_at=None,
            audit_entries=(w.manifest.audit or {}).get("entries"),
            audit_head=(w.manifest.audit or {}).get("head"),
        )
        s.add(row)
        rows.append(row)
    s.flush()
    first = rows[0]
    # Each item is marked as exported by the (last) package that carried it; the
    # acknowledgements travel in the first.
    carrier: dict[tuple[str, int], int] = {}
    for row, part in zip(rows, carried, strict=True):
        for kind, ids in (("case", part.cases), ("event", part.events), ("attachment", part.scans)):
            for ref in ids:
                carrier[(kind, int(ref))] = row.id
    keyed: list[tuple[str, int, int]] = (
        [("case", cid, ver) for cid, ver in pending.cases]
        + [("event", eid, 1) for eid in pending.events]
        + [("attachment", aid, 1) for aid in pending.attachments]
    )
    items: list[dict[str, Any]] = [
        {
            "kind": kind,
            "ref_id": ref,
            "version": ver,
            "outbox_id": carrier.get((kind, ref), first.id),
        }
        for kind, ref, ver in keyed
    ]
    if acks:
        items.append(
            {
                "kind": "inbox",
                "ref_id": max(a["sequence"] for a in acks),
                "version": 1,
                "outbox_id": first.id,
            }
        )
    if items:
        # One statement for thousands of rows.
        stmt = insert_for(s, ExportedRow)
        s.execute(
            stmt.on_conflict_do_update(
                index_elements=["kind", "ref_id"],
                set_={"version": stmt.excluded.version, "outbox_id": stmt.excluded.outbox_id},
            ),
            items,
        )
    ctx.audit(
        uow,
        "exchange.export",
        "outbox",
        first.sequence,
        {
            "packages": len(rows),
            "cases": len(pending.cases),
            "events": len(pending.events),
            "scans": len(pending.attachments),
        },
    )
    return [_entry(r) for r in rows]
