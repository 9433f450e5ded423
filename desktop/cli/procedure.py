"""`qonys` sub-commands of the procedure: checklist, steps, deadlines, complaints, monitoring.

Wired into the CLI with one line (`EXTENSIONS` in desktop/cli/__init__.py). Every handler calls the
services only; messages come in the language chosen with --lang.

    qonys checklist CASE [--facts JSON] [--receive KEY ...] [--expires KEY=YYYY-MM-DD]
    qonys accept CASE [--on DATE] [--note TEXT]
    qonys refuse CASE [--on DATE] [--note TEXT]
    qonys step CASE ACTION [--set FIELD=VALUE ...]
    qonys timeline CASE [--json]
    qonys deadlines [--mine] [--all-parties] [--json]
    qonys complaint CASE register|satisfy|forward|outcome [...]
    qonys custody [--held] [--release ID --note TEXT]
    qonys originals [--case CASE --return KEY --to NAME [--on DATE]]
    qonys calendar [--show | --set JSON]
    qonys journal [--year Y] [--json]
    qonys monitoring --from D --to D --out FILE [--format csv|json] [--with-iin]
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import iso_date, json_object, plain
from desktop.domain.calendar import CalendarError, CalendarSpec
from desktop.domain.checklist import CaseFacts
from desktop.domain.formats import count
from desktop.domain.i18n import Text
from desktop.domain.workflow import TRANSITIONS, Action, ComplaintAddressee, ComplaintOutcome
from desktop.services import cases as case_service
from desktop.services import complaints, monitoring, procedure
from desktop.services.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.cli import Cli

OK = 0


def _case_id(cli: Cli, reference: str) -> int:
    ctx = cli.context()
    return case_service.find_case(ctx, reference).summary.id


def _json(cli: Cli, doc: Any) -> None:
    json.dump(doc, cli.out, ensure_ascii=False, indent=1, default=str)
    cli.out.write("\n")


def _say_step(cli: Cli, result: procedure.StepResult) -> None:
    cli.say(f"{result.case.number}: {result.stage.value} (event {result.event_seq})")
    for d in result.deadlines:
        cli.say(f"  {d.paragraph:5} {d.key:28} due {d.due.isoformat()}  {d.label.get(cli.lang)}")
    for w in result.warnings:
        cli.say(Text("  ! " + w.kk, "  ! " + w.ru, "  ! " + w.en))


# --- handlers ---------------------------------------------------------------------------------


def cmd_checklist(args: argparse.Namespace, cli: Cli) -> int:
    case_id = _case_id(cli, args.case)
    ctx = cli.context()
    if args.facts:
        doc = json_object(args.facts, "--facts")
        try:
            facts = CaseFacts.from_dict(doc)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InvalidInput(plain(f"--facts: {exc}")) from None
        procedure.set_facts(ctx, case_id, facts)
    expiries: dict[str, date] = {}
    for pair in args.expires or ():
        key, _, day = pair.partition("=")
        try:
            expiries[key] = iso_date(day)
        except argparse.ArgumentTypeError as exc:
            raise InvalidInput(plain(f"--expires {key}: {exc}")) from None
    variants: dict[str, str] = {}
    for pair in args.variant or ():
        key, sep, form = pair.partition("=")
        if not sep:
            raise InvalidInput(plain(f"--variant wants KEY=FORM, not {pair!r}"))
        variants[key.strip()] = form.strip()
    for key in args.receive or ():
        procedure.record_item(
            ctx,
            case_id,
            key,
            received=True,
            expires_on=expiries.get(key),
            variant=variants.get(key),
        )
    for key in args.missing or ():
        procedure.record_item(ctx, case_id, key, received=False)
    view = procedure.get_checklist(ctx, case_id)
    if args.json:
        _json(
            cli,
            {
                "case": view.case.number,
                "ruleset": view.status.ruleset,
                "rules": view.rules.get(cli.lang),
                "complete": view.status.complete,
                "frozen": view.frozen,
                "items": [
                    {
                        "key": e.key,
                        "paragraph": e.item.paragraph,
                        "why": e.item.why.get(cli.lang),
                        "received": e.state.received,
                        "expires_on": e.state.expires_on.isoformat()
                        if e.state.expires_on
                        else None,
                        "expired": e.expired,
                        "scans": list(e.state.scan_ids),
                        "variant": e.state.variant,
                        "variants": [v.key for v in e.item.variants],
                        "returned_original": e.item.returned_original,
                        "retained_original": e.item.retained_original,
                    }
                    for e in view.status.entries
                ],
                "warnings": [w.get(cli.lang) for w in view.status.warnings],
            },
        )
        return OK
    cli.say(f"{view.case.number}  §3 version {view.status.ruleset}")
    cli.say(view.rules)
    for e in view.status.entries:
        mark = "x" if e.satisfied else ("!" if e.expired else " ")
        cli.say(f"  [{mark}] {e.item.paragraph:6} {e.key:40} {e.item.why.get(cli.lang)}")
    for w in view.status.warnings:
        cli.say(Text("  ! " + w.kk, "  ! " + w.ru, "  ! " + w.en))
    cli.say(
        Text("Толық", "Полный", "Complete")
        if view.status.complete
        else Text("Толық емес", "Неполный", "Incomplete")
    )
    return OK


def cmd_accept(args: argparse.Namespace, cli: Cli) -> int:
    case_id = _case_id(cli, args.case)
    _say_step(cli, procedure.accept(cli.context(), case_id, args.on, args.note or ""))
    return OK


def cmd_refuse(args: argparse.Namespace, cli: Cli) -> int:
    case_id = _case_id(cli, args.case)
    _say_step(cli, procedure.refuse_acceptance(cli.context(), case_id, args.on, args.note or ""))
    return OK


def cmd_step(args: argparse.Namespace, cli: Cli) -> int:
    case_id = _case_id(cli, args.case)
    data: dict[str, str] = {}
    for pair in args.set or ():
        key, sep, value = pair.partition("=")
        if not sep:
            raise InvalidInput(plain(f"--set wants FIELD=VALUE, not {pair!r}"))
        data[key.strip()] = value
    _say_step(cli, procedure.perform(cli.context(), case_id, args.action, data))
    return OK


def cmd_timeline(args: argparse.Namespace, cli: Cli) -> int:
    case_id = _case_id(cli, args.case)
    view = procedure.procedure_view(cli.context(), case_id)
    if args.json:
        _json(
            cli,
            {
                "case": view.case.number,
                "stage": view.state.stage.value,
                "today": view.today.isoformat(),
                "calendar": view.calendar,
                "timeline": [
                    {
                        "seq": t.seq,
                        "kind": t.kind,
                        "at": t.at.isoformat(),
                        "on": t.on.isoformat() if t.on else None,
                        "officer": t.officer,
                        "paragraph": t.paragraph,
                    }
                    for t in view.timeline
                ],
                "deadlines": [
                    {
                        "key": v.deadline.key,
                        "paragraph": v.deadline.paragraph,
                        "due": v.deadline.due.isoformat(),
                        "urgency": v.urgency.value,
                        "calendar": v.deadline.calendar,
                    }
                    for v in view.deadlines
                ],
                "actions": [a.value for a in view.actions],
            },
        )
        return OK
    cli.say(f"{view.case.number}  {view.case.full_name}  [{view.state.stage.value}]")
    for t in view.timeline:
        on = f" (on {t.on.isoformat()})" if t.on else ""
        cli.say(
            f"  {t.at:%Y-%m-%d %H:%M}Z {t.paragraph:5} {t.title.get(cli.lang)}{on}  {t.officer}"
        )
    for v in view.deadlines:
        d = v.deadline
        cli.say(
            f"  due {d.due.isoformat()} {v.urgency.value:9} {d.paragraph:5} {d.label.get(cli.lang)}"
        )
    cli.say("  next: " + (", ".join(a.value for a in view.actions) or "-"))
    for w in view.warnings:
        cli.say(w)
    return OK


def cmd_deadlines(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    board = procedure.dashboard(
        ctx,
        officer_id=ctx.officer.id if args.mine else None,
        parties=None if args.all_parties else ("mission",),
    )
    if args.json:
        _json(
            cli,
            {
                "today": board.today.isoformat(),
                "clock_warning": board.clock_warning.get(cli.lang) if board.clock_warning else None,
                "rows": [
                    {
                        "case": r.number,
                        "stage": r.stage,
                        "officer": r.officer,
                        "clock": r.key,
                        "paragraph": r.paragraph,
                        "due": r.due.isoformat(),
                        "urgency": r.urgency.value,
                    }
                    for r in board.rows
                ],
                "by_stage": board.by_stage,
                "per_week": [[w.isoformat(), n] for w, n in board.per_week],
            },
        )
        return OK
    if board.clock_warning:
        cli.say(board.clock_warning)
    for change in board.recomputed:
        cli.say(f"recomputed {change.number} {change.key}: {change.old_due} -> {change.new_due}")
    cli.say(f"today {board.today.isoformat()}")
    for r in board.rows:
        cli.say(
            f"{r.urgency.value:9} {r.due.isoformat()} {r.paragraph:5} {r.number:17} "
            f"{r.label.get(cli.lang)}  ({r.officer})"
        )
    if not board.rows:
        cli.say(Text("Мерзімі жақын іс жоқ", "Срочных дел нет", "Nothing due"))
    return OK


def cmd_complaint(args: argparse.Namespace, cli: Cli) -> int:
    case_id = _case_id(cli, args.case)
    ctx = cli.context()
    if args.action == "register":
        if not args.against or not args.addressee or not args.received_on:
            raise InvalidInput(plain("register needs --received-on, --against and --addressee"))
        result = complaints.register(
            ctx,
            case_id,
            received_on=args.received_on,
            against=args.against,
            addressee=ComplaintAddressee(args.addressee),
            registered_on=args.registered_on,
            note=args.note or "",
        )
    else:
        if not args.id:
            raise InvalidInput(plain("--id C1 (the complaint) is needed"))
        if args.action == "satisfy":
            result = complaints.satisfy(ctx, case_id, args.id, args.on, args.note or "")
        elif args.action == "forward":
            if not args.body:
                raise InvalidInput(plain("forward needs --body"))
            result = complaints.forward(ctx, case_id, args.id, args.body, args.on, args.note or "")
        else:
            if not args.outcome:
                raise InvalidInput(plain("outcome needs --outcome"))
            result = complaints.record_outcome(
                ctx, case_id, args.id, ComplaintOutcome(args.outcome), args.on, args.note or ""
            )
    _say_step(cli, result)
    return OK


def cmd_custody(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.release is not None:
        procedure.release_custody(ctx, args.release, args.note or "")
    for c in procedure.custody_register(ctx, held_only=args.held):
        where = (
            f"released {c.released_at:%Y-%m-%d} by {c.released_by}: {c.release_note}"
            if c.released_at
            else "held"
        )
        cli.say(
            f"{c.id:5} {c.case_number:17} {c.document_kind:8} {c.document_number:12} "
            f"{c.received_at:%Y-%m-%d} {c.received_by}  {where}"
        )
    return OK


def cmd_originals(args: argparse.Namespace, cli: Cli) -> int:
    from desktop.services import originals

    ctx = cli.context()
    if args.return_key is not None:
        if args.case is None or not args.to:
            raise InvalidInput(plain("originals --return KEY needs --case CASE and --to NAME"))
        originals.return_original(ctx, _case_id(cli, args.case), args.return_key, args.to, args.on)
    for r in originals.returned_register(ctx):
        cli.say(
            f"{r.id:5} {r.case_number:17} {r.item_key:40} {r.document_number:12} "
            f"{r.returned_on:%d.%m.%Y} → {r.returned_to}  ({r.recorded_by})"
        )
    return OK


def cmd_calendar(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.set:
        try:
            spec = CalendarSpec.from_dict(json_object(args.set, "--set"))
        except (CalendarError, ValueError, KeyError, TypeError) as exc:
            raise InvalidInput(plain(f"--set: {exc}")) from None
        change = procedure.set_calendar(ctx, spec)
        cli.say(change.message)
        for c in change.changes:
            cli.say(f"  {c.number} {c.key}: {c.old_due} -> {c.new_due}")
        return OK
    spec = procedure.calendar_spec(ctx)
    if args.json:
        _json(cli, spec.to_dict())
    else:
        cli.say(spec.describe())
    return OK


def cmd_journal(args: argparse.Namespace, cli: Cli) -> int:
    rows = procedure.journal(cli.context(), args.year)
    if args.json:
        _json(
            cli,
            [
                {
                    "no": r.number,
                    "application_date": r.application_date,
                    "full_name": r.full_name,
                    "birth_date": r.birth_date,
                    "passport_number": r.passport_number,
                    "notification_date": r.notification_date,
                    "contacts": r.contacts,
                    "case": r.case_number,
                }
                for r in rows
            ],
        )
        return OK
    for r in rows:
        cli.say(
            f"{r.number:4} {r.application_date or '':10} {r.full_name:40} {r.birth_date or '':10} "
            f"{r.passport_number:10} {r.notification_date or '—':10} {r.contacts}"
        )
    return OK


def cmd_monitoring(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if Path(args.out).is_dir():
        raise InvalidInput(plain(f"--out {args.out} is a folder: give the file to write"))
    result = monitoring.export(ctx, args.date_from, args.date_to, include_iin=args.with_iin)
    kind = monitoring.write_file(result, args.out, args.format)
    cli.say(
        Text(
            "{rows} {out} файлына жазылды ({kind})",
            "В {out} записано: {rows} ({kind})",
            "{rows} written to {out} ({kind})",
        ).format(
            rows=count(len(result.rows), "жол", ("строка", "строки", "строк"), ("row", "rows")),
            out=args.out,
            kind=kind.upper(),
        )
    )
    return OK


# --- parser -----------------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("checklist", help="§3 checklist of a case: show, set facts, receive")
    p.add_argument("case")
    p.add_argument("--facts", help='JSON, e.g. {"identity":[{"kind":"passport"}]}')
    p.add_argument("--receive", action="append", metavar="KEY")
    p.add_argument("--missing", action="append", metavar="KEY")
    p.add_argument("--expires", action="append", metavar="KEY=DATE")
    p.add_argument(
        "--variant",
        action="append",
        metavar="KEY=FORM",
        help="the form given with --receive: certificate|record (birth), consent|court (§3(6))",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_checklist)

    for name, handler, text in (
        ("accept", cmd_accept, "§4: accept a complete set of documents"),
        ("refuse", cmd_refuse, "§5: refuse an incomplete set or an expired document"),
    ):
        p = subparsers.add_parser(name, help=text)
        p.add_argument("case")
        p.add_argument("--on", type=iso_date, help="effective date (default: today)")
        p.add_argument("--note")
        p.set_defaults(handler=handler)

    p = subparsers.add_parser("step", help="take a step of the procedure (§6–§16)")
    p.add_argument("case")
    p.add_argument("action", choices=[a.value for a in Action])
    p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p.epilog = "; ".join(
        f"{a.value}: " + ", ".join(f.name for f in t.fields) for a, t in TRANSITIONS.items()
    )
    p.set_defaults(handler=cmd_step)

    p = subparsers.add_parser("timeline", help="a case's events, deadlines and next steps")
    p.add_argument("case")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_timeline)

    p = subparsers.add_parser("deadlines", help="overdue, due today, due within 3 working days")
    p.add_argument("--mine", action="store_true", help="only my cases")
    p.add_argument("--all-parties", action="store_true", help="also police/applicant clocks")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_deadlines)

    p = subparsers.add_parser("complaint", help="§16 complaints on a case")
    p.add_argument("case")
    p.add_argument("action", choices=("register", "satisfy", "forward", "outcome"))
    p.add_argument("--id", help="complaint id (C1, C2 ...)")
    p.add_argument("--received-on", type=iso_date)
    p.add_argument("--registered-on", type=iso_date)
    p.add_argument("--against")
    p.add_argument("--addressee", choices=[a.value for a in ComplaintAddressee])
    p.add_argument("--body")
    p.add_argument("--outcome", choices=[o.value for o in ComplaintOutcome])
    p.add_argument("--on", type=iso_date)
    p.add_argument("--note")
    p.set_defaults(handler=cmd_complaint)

    p = subparsers.add_parser("custody", help="§3(2) register of retained ID cards")
    p.add_argument("--held", action="store_true", help="only documents still held")
    p.add_argument("--release", type=int, metavar="ID")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_custody)

    p = subparsers.add_parser(
        "originals", help="§3(2) register of passport and birth-certificate originals handed back"
    )
    p.add_argument("--case", help="with --return: the case")
    p.add_argument("--return", dest="return_key", metavar="KEY", help="the checklist item")
    p.add_argument("--to", help="to whom the original was handed back")
    p.add_argument("--on", type=iso_date, help="the day (default today)")
    p.set_defaults(handler=cmd_originals)

    p = subparsers.add_parser("calendar", help="the mission's working-day calendar")
    p.add_argument("--set", metavar="JSON", help="a calendar spec (docs/procedure.md)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_calendar)

    p = subparsers.add_parser("journal", help="§13, Annex 5: the journal of permissions")
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_journal)

    p = subparsers.add_parser("monitoring", help="§14: stage events of a period as CSV or JSON")
    p.add_argument("--from", dest="date_from", type=iso_date, required=True)
    p.add_argument("--to", dest="date_to", type=iso_date, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--format", choices=("csv", "json"), help="default: from the file suffix")
    p.add_argument("--with-iin", action="store_true", help="include applicants' IINs")
    p.set_defaults(handler=cmd_monitoring)
