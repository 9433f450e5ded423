"""The import of the Department's packages: decisions applied once as case events, packages
acknowledged, the newest trust list kept; idempotent, all or nothing. And the way out of a
broken chain (``reset_chain``)."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from desktop.domain.workflow import Action, DecisionChannel, WorkflowError, replay
from desktop.domain.workflow import apply as apply_event
from desktop.domain.workflow import decide as decide_step
from desktop.services import rulesets
from desktop.services.context import DeskContext, Role
from desktop.services.exchange.outbox import ACKNOWLEDGED
from desktop.services.exchange.refusals import WAY_OUT_EN, ExchangeFailed
from desktop.services.exchange.trust import _identity, _newest_trust, _store_trust_list
from desktop.services.procedure import (
    actor_of,
    calendar_in,
    case_events,
    store_deadlines,
    with_journal_number,
)
from desktop.storage.models import (
    AppliedDecisionRow,
    CaseRow,
    EventRow,
    ExportedRow,
    InboxRow,
    OutboxRow,
)
from desktop.storage.uow import UnitOfWork
from desktop.sync import exchange, package
from desktop.sync.errors import ExchangeError, ReplayError, SequenceGapError
from desktop.sync.trust import verify_trust_list

log = logging.getLogger(__name__)  # sequence numbers, case counts and refusal codes only

# A decision becomes the workflow step of its kind (§9: the notice of result arrives), which
# starts the §10 or §11 clock. When the case is not at a stage that takes it (the officer has
# not recorded the forwarding yet, say), it is kept as this informational event instead and
# the import says so: the officer records the step by hand from the case.
EVENT_DECISION = "decision_received"
DECISION_ACTIONS = {
    "permission": Action.RECORD_PERMISSION,
    "preliminary_refusal": Action.RECORD_PRELIMINARY_REFUSAL,
    "reasoned_refusal": Action.RECORD_REFUSAL,
}


@dataclass(frozen=True)
class ImportResult:
    sequence: int
    decisions: int
    acknowledged: int
    trust_list_version: int | None
    replay: bool = False
    missing: tuple[int, ...] = ()
    held: tuple[str, ...] = ()  # case numbers whose decision waits for the officer


def import_package(ctx: DeskContext, path: Path, *, allow_gap: bool = False) -> ImportResult:
    """Verify a decision package and apply it in one transaction; a replay changes nothing."""
    with ctx.uow() as uow:
        s = uow.session
        me, trust = _identity(uow)
        last = s.scalars(select(InboxRow).order_by(InboxRow.sequence.desc()).limit(1)).first()
        state = _channel_state(last)

        def received(seq: int) -> package.Link | None:
            row = s.scalars(select(InboxRow).where(InboxRow.sequence == seq)).first()
            return package.Link(row.sha256, row.manifest_sha256) if row else None

        try:
            incoming = exchange.open_incoming(
                path, me, state, received, trust=trust, allow_gap=allow_gap
            )
        except ReplayError:
            seq = package.read_manifest(path).sequence
            log.info("import of package %d: already received, nothing changed", seq)
            return ImportResult(seq, 0, 0, None, replay=True)
        except ExchangeError as exc:
            log.warning("import refused: %s (last received %d)", exc.code, state.last_sequence)
            raise ExchangeFailed(f"{path.name}: {exc}", exc.code) from exc
        _refuse_for_another_store(path, me, incoming.manifest)
        missing = tuple(range(state.last_sequence + 1, incoming.manifest.sequence))
        try:
            n_decisions, n_acks, tl_version, held = _apply(ctx, uow, me, incoming)
        except ExchangeError as exc:
            log.warning("import of package %d refused: %s", incoming.manifest.sequence, exc.code)
            raise ExchangeFailed(f"{path.name}: {exc}", exc.code) from exc
        s.add(
            InboxRow(
                sequence=incoming.manifest.sequence,
                sha256=incoming.verified.sha256,
                manifest_sha256=incoming.verified.manifest_sha256,
                package_id=incoming.manifest.package_id,
                created_at=incoming.manifest.created_at,
                received_at=ctx.now(),
                decisions=n_decisions,
            )
        )
        ctx.audit(
            uow,
            "exchange.import",
            "inbox",
            incoming.manifest.sequence,
            {"decisions": n_decisions, "acknowledged": n_acks},
        )
        uow.commit()
    log.info(
        "package %d imported: %d decisions, %d acknowledgements%s",
        incoming.manifest.sequence,
        n_decisions,
        n_acks,
        f", missing {list(missing)}" if missing else "",
    )
    return ImportResult(
        incoming.manifest.sequence,
        n_decisions,
        n_acks,
        tl_version,
        missing=missing,
        held=tuple(held),
    )


def _refuse_for_another_store(
    path: Path, me: exchange.Identity, manifest: package.Manifest
) -> None:
    """Issue 21, no silent second store: the Department names the store it bound the mission
    to; a store that got the same enrolment bundle later is told so, and applies nothing (the
    decisions name the other store's cases by their ids, which are other applicants here)."""
    if manifest.store is None or me.store is None or manifest.store == me.store:
        return
    log.warning("import of package %d refused: it is for another store", manifest.sequence)
    raise ExchangeFailed(
        f"{path.name}: package {manifest.sequence} from the Department is for another store "
        f"of {me.code} than the one this desk uses: the Department bound the mission's "
        "enrolment bundle to the store its first package came from. Nothing was applied. "
        + WAY_OUT_EN.replace("MISSION", me.code),
        "for-another-store",
    )


def _channel_state(last: InboxRow | None) -> package.ChannelState:
    if last is None:
        return package.ChannelState(0, None)
    if last.chain_reset:  # the administrator reset the chain here: take what comes next
        return package.ChannelState(last.sequence, None)
    return package.ChannelState(last.sequence, last.sha256, last.manifest_sha256)


@dataclass(frozen=True)
class ChainReset:
    to: int
    forgotten: tuple[int, ...]  # the packages above ``to`` no longer on record


def reset_chain(ctx: DeskContext, to: int, reason: str) -> ChainReset:
    """The way out of a broken chain from the Department (administrator, audited).

    Packages numbered above ``to`` are forgotten (the decisions they carried stay applied),
    and the next package, ``to + 1``, is taken whatever it names as the package before it.
    Use it when the Department says its store was restored from a backup, or when a
    package accepted earlier turns out not to be the one the Department sent.
    """
    ctx.require(Role.ADMIN, "reset the chain of packages from the Department")
    reason = reason.strip()
    if not reason:
        raise ExchangeFailed("say why the chain is reset (--reason)", "reset-refused")
    with ctx.uow() as uow:
        s = uow.session
        rows = list(s.scalars(select(InboxRow).order_by(InboxRow.sequence)))
        numbers = [r.sequence for r in rows]
        if to != 0 and to not in numbers:
            known = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
            raise ExchangeFailed(
                f"no package {to} from the Department is on record here (received: {known})",
                "reset-refused",
            )
        forgotten = tuple(r.sequence for r in rows if r.sequence > to)
        for r in rows:
            if r.sequence > to:
                s.delete(r)
            else:
                r.chain_reset = r.sequence == to
        s.execute(delete(ExportedRow).where(ExportedRow.kind == "inbox", ExportedRow.ref_id > to))
        ctx.audit(
            uow,
            "exchange.chain-reset",
            "inbox",
            to,
            {"forgotten": list(forgotten), "reason": reason[:500]},
        )
        uow.commit()
    return ChainReset(to, forgotten)


def _install_rule_sets(
    ctx: DeskContext, uow: UnitOfWork, me: exchange.Identity, signed: list[str]
) -> None:
    """§14-1: the Department's rule sets, each verified against its trust; one that fails
    refuses the whole package (`rulesets.install_signed`)."""
    trust = _newest_trust(uow, me.ca)
    if trust is None:
        raise ExchangeError("a rule set arrived before any trust list: enrol the mission first")
    for text in signed:
        try:
            der = base64.b64decode(text, validate=True)
        except ValueError:
            raise ExchangeError("a rule set in the package is not base64") from None
        rulesets.install_signed(ctx, uow, der, [me.ca], trust.department_signing)


def _apply(
    ctx: DeskContext, uow: UnitOfWork, me: exchange.Identity, incoming: exchange.Incoming
) -> tuple[int, int, int | None, list[str]]:
    s = uow.session
    n_decisions = n_acks = 0
    tl_version: int | None = None
    held: list[str] = []
    for rec in incoming.records(me):
        if rec.cases or rec.scans:
            # DESIGN: ownership partitions the data; cases are the mission's own.
            raise ExchangeError("a Department package cannot carry cases or scans")
        if rec.trust_list:
            der = base64.b64decode(rec.trust_list)
            tl = verify_trust_list(der, [me.ca])
            if _store_trust_list(uow, tl, der, ctx.now()):
                tl_version = tl.version
        if rec.rule_sets:
            _install_rule_sets(ctx, uow, me, rec.rule_sets)
        for ack in rec.acknowledgements:
            row = s.scalars(select(OutboxRow).where(OutboxRow.sequence == ack["sequence"])).first()
            if row is not None and row.sha256 == ack["sha256"] and row.state != ACKNOWLEDGED:
                row.state = ACKNOWLEDGED
                row.acknowledged_at = ctx.now()
                n_acks += 1
        for d in rec.decisions:
            if s.get(AppliedDecisionRow, d["id"]) is not None:
                continue  # sent again until acknowledged: applied once
            try:
                case_id = int(d["case_id"])
            except ValueError:
                case_id = -1
            case = s.get(CaseRow, case_id)
            if case is None:
                raise ExchangeError(f"a decision names case {d['case_id']}, unknown here")
            if d["kind"] == "reasoned_refusal":
                _check_reasoned_refusal(uow, case, d)
            event, applied = _decision_step(ctx, uow, case, d, incoming.manifest.sequence)
            if not applied:
                held.append(case.number)
            s.add(
                AppliedDecisionRow(
                    decision_id=d["id"],
                    case_id=case.id,
                    event_id=event.id,
                    kind=d["kind"],
                    applied_at=ctx.now(),
                )
            )
            n_decisions += 1
    return n_decisions, n_acks, tl_version, held


def _check_reasoned_refusal(uow: UnitOfWork, case: CaseRow, d: dict[str, Any]) -> None:
    """§11 (05.12.2025): the internal affairs body refuses only preliminarily; its reasoned
    refusal comes only after it reviewed the applicant's objection. A package carrying one
    without that path is refused whole (nothing of it is applied)."""
    state = replay(case_events(uow, case.id))
    if not d.get("after_objection") or state.preliminary_notice_on is None:
        raise RefusalWithoutHearing(
            f"the package carries a reasoned refusal for case {case.number} without a "
            "preliminary refusal and a reviewed objection (§11); the package is refused whole"
        )


class RefusalWithoutHearing(ExchangeError):
    """§11: a reasoned refusal in a package without the preliminary refusal and objection."""

    code = "refusal-without-hearing"


def _decision_step(
    ctx: DeskContext, uow: UnitOfWork, case: CaseRow, d: dict[str, Any], package_seq: int
) -> tuple[EventRow, bool]:
    """Apply one Department decision as the workflow step of its kind, in ``uow``."""
    now = ctx.now()
    cal = calendar_in(uow)
    local_today = cal.local_date(now)
    action = DECISION_ACTIONS[d["kind"]]
    data: dict[str, Any] = {
        "on": local_today.isoformat(),  # §10/§11: the clock runs from the day the notice came
        "police_department": d["police_department"],
        "decision_number": d["number"],
        "decision_date": d["date"],
        "channel": DecisionChannel.PACKAGE.value,
    }
    if action is Action.RECORD_PERMISSION:
        if d.get("note"):
            data["note"] = d["note"]
        if d.get("police_department_ru"):
            # Annex 4's Russian line names the body in Russian (absent in older packages).
            data["police_department_ru"] = d["police_department_ru"]
    else:
        data["reasons"] = d.get("note") or (
            f"{d['police_department']}, No. {d['number']} of {d['date']}"
        )
    state = replay(case_events(uow, case.id))
    try:
        event = decide_step(
            state, action, data, actor_of(ctx), now, local_today=local_today, calendar=cal
        )
    except WorkflowError as exc:
        info = {
            "decision_id": d["id"],
            "kind": d["kind"],
            "after_objection": d["after_objection"],
            "police_department": d["police_department"],
            "police_department_ru": d.get("police_department_ru"),
            "number": d["number"],
            "date": d["date"],
            "package": package_seq,
            "held": exc.message.en,
        }
        return uow.events.add(case.id, EVENT_DECISION, now, ctx.officer.id, info), False
    event = with_journal_number(uow, event, case)
    new_state = apply_event(state, event)
    stored = uow.events.add(case.id, event.kind, now, ctx.officer.id, dict(event.data))
    case.stage = new_state.stage.value
    case.updated_at = now
    store_deadlines(uow, case.id, new_state, cal, now)
    ctx.audit(
        uow,
        f"procedure.{action.value}",
        "case",
        case.id,
        {"stage": new_state.stage.value, "seq": stored.seq, "via": "package"},
    )
    return stored, True


# --- for the desk ----------------------------------------------------------------------------
def in_sequence_order(paths: Iterable[Path]) -> list[Path]:
    """Package files sorted by (sender, sequence), so several can be imported in one go."""
    return package.sort_by_sequence(paths)


def missing_before(exc: BaseException) -> tuple[int, ...]:
    """The sequence numbers still on their way when ``exc`` refused a package for a gap.

    Empty for every other refusal: the desk offers "accept the gap" only for this one.
    """
    cause = exc.__cause__
    return tuple(cause.missing) if isinstance(cause, SequenceGapError) else ()
