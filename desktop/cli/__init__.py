"""The `qonys` command line.

Global options come before the command:

    qonys [--data-dir DIR] [--db URL] [--officer LOGIN] [--password-file FILE] [--lang kk|ru|en]
          COMMAND ...

--db (or QONYS_DB) opens the mission's store shared on PostgreSQL (issue 21) instead of the
SQLCipher file in the data folder; the folder remembers it.

The officer comes from --officer or QONYS_OFFICER, the password from QONYS_PASSWORD or
--password-file, else both are prompted for. With no command the desk (GUI) starts.
Bad input prints one line on stderr and exits non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, cast

from desktop import __version__
from desktop.cli.common import bounded_int, plain
from desktop.domain import acceptance
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError
from desktop.domain.validation import Issue
from desktop.domain.workflow import Event, irregularities, replay
from desktop.launch import add_global_options, default_data_dir
from desktop.services import cases as case_service
from desktop.services import demo as demo_service
from desktop.services import session
from desktop.services.context import DeskContext, Role
from desktop.services.errors import (
    TECHNICAL_DETAILS,
    InvalidInput,
    KnownError,
    as_known,
    technical_details,
)

log = logging.getLogger(__name__)  # only with --log: command names, ids, error types

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED = 1
EXIT_BUG = 70

Handler = Callable[[argparse.Namespace, "Cli"], int]


@dataclass
class Cli:
    """What a command handler gets: the parsed global options and the way to log in."""

    data_dir: Path
    officer: str | None
    password_file: Path | None
    lang: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _contexts: list[DeskContext] = field(default_factory=list)
    db: str | None = None  # --db / QONYS_DB: the shared store's URL

    def say(self, text: Text | str) -> None:
        print(text.get(self.lang) if isinstance(text, Text) else text, file=self.out)

    def password(self, *, confirm: bool = False, prompt: str = "Password: ") -> str:
        from_env = os.environ.get("QONYS_PASSWORD")
        if from_env:
            return from_env
        if self.password_file is not None:
            try:
                return self.password_file.read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise InvalidInput(
                    plain(f"cannot read the password file: {exc.strerror}")
                ) from None
        if not sys.stdin.isatty():
            raise InvalidInput(plain("no password: set QONYS_PASSWORD or use --password-file"))
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat the password: ") != first:
            raise InvalidInput(plain("the passwords differ"))
        return first

    def login_name(self) -> str:
        name = self.officer or os.environ.get("QONYS_OFFICER")
        if name:
            return name
        if not sys.stdin.isatty():
            raise InvalidInput(plain("no officer: use --officer LOGIN or set QONYS_OFFICER"))
        return input("Officer login: ").strip()

    def context(self) -> DeskContext:
        login_name = self.login_name()
        # The store must exist before we ask for a password.
        session.ensure_store(self.data_dir)
        ctx = session.login(self.data_dir, login_name, self.password())
        self._contexts.append(ctx)
        for alert in ctx.alerts:  # an audit log cut, the failed-login record altered
            print(f"WARNING: {alert.get(self.lang)}", file=sys.stderr)
        return ctx

    def close(self) -> None:
        for ctx in self._contexts:
            ctx.close()
        self._contexts.clear()


# --- commands ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, cli: Cli) -> int:
    password = cli.password(confirm=True, prompt=f"Password for {args.officer}: ")
    session.create_store(
        cli.data_dir,
        mission_code=args.mission_code,
        mission_name=args.mission_name,
        country=args.country,
        admin_login=args.officer,
        admin_full_name=args.full_name or args.officer,
        admin_password=password,
        database=cli.db,
    )
    cli.say(f"Created the store of {args.mission_code.upper()} in {cli.data_dir}")
    cli.say(f"Administrator: {args.officer}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, cli: Cli) -> int:
    password = os.environ.get("QONYS_PASSWORD") or demo_service.DEMO_PASSWORD
    result = demo_service.create_demo(
        cli.data_dir,
        cases=args.cases,
        seed=args.seed,
        password=password,
        department=True,
        route_cases=True,  # issue 12: one case on each §3 route
        database=cli.db,
    )
    from desktop.services import sync_online

    ctx = session.login(cli.data_dir, demo_service.DEMO_OFFICERS[0][0], password)
    try:
        built = sync_online.prepare_demo(ctx)  # issue 16: the online road, ready to try
        # Issue 17: and carried to the demo Department already, so its console has cases.
        received = demo_service.hand_to_demo_department(ctx, cli.data_dir, built, password)
    finally:
        ctx.close()
    cli.say(
        f"Demo mission {demo_service.DEMO_MISSION[0]} with {result.cases} cases in {cli.data_dir}"
    )
    cli.say("Log in as one of:")
    for login_name, full_name, role in demo_service.DEMO_OFFICERS:
        cli.say(f"  {login_name:8} {role.value:8} {full_name}")
    shown = "the password in QONYS_PASSWORD" if os.environ.get("QONYS_PASSWORD") else password
    cli.say(f"Password: {shown}")
    cli.say(f"Start the desk: qonys --data-dir {cli.data_dir}")
    if cli.db:
        cli.say("Another desk: qonys --db URL (the same URL), with its own --data-dir")
    department = cli.data_dir / "department"
    cli.say(
        f"The Department's side, same logins and password, in {department}: package(s) "
        f"{', '.join(map(str, received)) or 'none'} of the mission already received there"
    )
    roles = ", ".join(f"{k} {v}" for k, v in demo_service.DEMO_CONSOLE_ROLES.items())
    cli.say(
        f"Its web console and sync server: qonys-department --data-dir {department} "
        f"--user admin serve --port 8443, then open https://127.0.0.1:8443/ ({roles})"
    )
    cli.say(
        f"Online: with QONYS_OFFICER and QONYS_PASSWORD set for that serve, "
        f"qonys --data-dir {cli.data_dir} sync --once sends the same package(s) to "
        f"{sync_online.DEMO_URL} (answered: duplicate) and fetches the Department's decisions"
    )
    return EXIT_OK


def cmd_cases(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    stages = tuple(args.stage or ())
    rows = case_service.list_cases(
        ctx, args.search or "", stages, limit=args.limit, order_by="number", descending=False
    )
    if args.json:
        from desktop.services import originals

        # Issue 12: the §3 routes each case takes (checklist.ROUTES).
        routes = originals.case_routes(ctx, [r.id for r in rows])
        docs = [r.to_json() | {"routes": routes.get(r.id, [])} for r in rows]
        json.dump(docs, cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
        return EXIT_OK
    if not rows:
        cli.say(Text("Іс табылмады", "Дела не найдены", "No cases found"))
        return EXIT_OK
    for r in rows:
        born = r.birth_date.strftime("%d.%m.%Y") if r.birth_date else "—"
        cli.say(f"{r.number:17} {r.iin or '—':12}  {born:10}  {r.stage:12} {r.full_name}")
    return EXIT_OK


def _issue_line(i: Issue, lang: str) -> str:
    kind = Text("Қате", "Ошибка", "Error") if i.severity.value == "error" else None
    if kind is None:
        kind = (
            Text("Ескерту (расталған)", "Предупреждение (подтверждено)", "Warning (confirmed)")
            if i.confirmed
            else Text("Ескерту", "Предупреждение", "Warning")
        )
    return f"  {kind.get(lang)}: {acceptance.field_name(i.path).get(lang)} — {i.message.get(lang)}"


def cmd_case_new(args: argparse.Namespace, cli: Cli) -> int:
    """`qonys case new --json FILE`: a draft from a questionnaire in the shape `qonys case
    NUMBER --json` prints under "questionnaire"; validated as the desk validates it."""
    if not isinstance(args.json, str):
        raise InvalidInput(
            plain("case new needs --json FILE (a questionnaire as JSON; - reads stdin)")
        )
    try:
        text = sys.stdin.read() if args.json == "-" else Path(args.json).read_text("utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise InvalidInput(plain(f"cannot read {args.json}: {exc.strerror}")) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            plain(f"{args.json} is not JSON: {exc.msg} (line {exc.lineno})")
        ) from None
    if isinstance(data, dict) and isinstance(data.get("questionnaire"), dict):
        data = data["questionnaire"]  # the whole of `qonys case NUMBER --json` also does
    try:
        q = Questionnaire.from_dict(data)
    except QuestionnaireFormatError as exc:
        raise InvalidInput(plain(str(exc))) from None
    saved = case_service.create_draft(cli.context(), q)
    for i in saved.issues:
        print(_issue_line(i, cli.lang), file=cli.err)
    for other in saved.duplicates:
        print(
            Text(
                f"  Осы ЖСН бойынша басқа іс: {other.number}",
                f"  Другое дело по этому ИИН: {other.number}",
                f"  Another case of this IIN: {other.number}",
            ).get(cli.lang),
            file=cli.err,
        )
    cli.say(saved.summary.number)
    return EXIT_OK


def cmd_case(args: argparse.Namespace, cli: Cli) -> int:
    if args.case == "new":
        return cmd_case_new(args, cli)
    ctx = cli.context()
    detail = case_service.find_case(ctx, args.case)
    state = replay(Event(e.kind, e.at, e.officer_id, e.data) for e in detail.events)
    irregular = irregularities(state)
    if args.json:
        from desktop.services import originals, procedure

        doc = detail.summary.to_json()
        doc["questionnaire"] = detail.questionnaire.to_dict()
        # Issue 12: what the officer established (§3 facts) and the routes the case takes.
        doc["facts"] = procedure.get_checklist(ctx, detail.summary.id).facts.to_dict()
        doc["routes"] = originals.case_routes(ctx, [detail.summary.id])[detail.summary.id]
        doc["events"] = [
            {"seq": e.seq, "kind": e.kind, "at": e.at.isoformat(), "data": e.data}
            for e in detail.events
        ]
        doc["issues"] = [
            {
                "path": i.path,
                "code": i.code,
                "severity": i.severity.value,
                "message": i.message.get(cli.lang),
            }
            for i in detail.issues
        ]
        doc["irregularities"] = [t.get(cli.lang) for t in irregular]
        json.dump(doc, cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
        return EXIT_OK
    s = detail.summary
    cli.say(f"{s.number}  {s.full_name}  ({s.stage})")
    cli.say(f"IIN {s.iin or '—'}, born {s.birth_date or '—'}")
    for e in detail.events:
        cli.say(f"  {e.at:%Y-%m-%d %H:%M}  {e.kind}")
    for i in detail.issues:
        cli.say(_issue_line(i, cli.lang))
    for t in irregular:
        cli.say(f"  ! {t.get(cli.lang)}")
    return EXIT_OK


def cmd_officers(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.action == "list":
        for o in session.list_officers(ctx):
            cli.say(f"{o.login:12} {o.role.value:8} {o.full_name}")
    elif args.action == "add":
        if not args.login or not args.role:
            raise InvalidInput(plain("officers add needs LOGIN and --role"))
        ctx.require(Role.ADMIN, "add officers")  # before asking for anyone's password
        new_password = os.environ.get("QONYS_NEW_PASSWORD")
        if not new_password:
            if not sys.stdin.isatty():
                raise InvalidInput(plain("set QONYS_NEW_PASSWORD for the new officer"))
            new_password = getpass.getpass(f"Password for {args.login}: ")
        session.add_officer(
            ctx, args.login, args.full_name or args.login, Role(args.role), new_password
        )
        cli.say(f"Added {args.login} ({args.role})")
    elif args.action == "remove":
        if not args.login:
            raise InvalidInput(plain("officers remove needs LOGIN"))
        session.remove_officer(ctx, args.login)
        cli.say(f"Removed {args.login}: their password no longer opens the store")
    return EXIT_OK


def cmd_audit(_args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    report = session.audit_report(ctx)
    if report.ok:
        cli.say(f"Audit log intact: {report.entries} entries")
        return EXIT_OK
    for problem in report.problems:
        print(f"qonys: audit: {problem}", file=cli.err)
    return EXIT_FAILED


def cmd_gui(_args: argparse.Namespace, cli: Cli) -> int:
    from desktop.ui.app import run_desk  # Qt is loaded only for the desk

    return run_desk(cli.data_dir, lang=cli.lang, officer=cli.officer)


# --- parser ---------------------------------------------------------------------------------

# Rooms that add their own sub-commands: each module has register(subparsers) -> None.
EXTENSIONS: tuple[str, ...] = (
    "desktop.cli.procedure",
    "desktop.cli.verify",
    "desktop.cli.exchange",
    "desktop.cli.scanning",
    "desktop.cli.backup",
    "desktop.cli.settings",
    "desktop.cli.handouts",
    "desktop.cli.store",
    "desktop.cli.sync",
    "desktop.cli.rules",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qonys",
        description="Qonys — the consular desk for emigration cases.",
    )
    parser.add_argument("--version", action="version", version=f"qonys {__version__}")
    add_global_options(parser)
    parser.add_argument(
        "--db",
        default=os.environ.get("QONYS_DB") or None,
        metavar="URL",
        help="the mission's store shared on PostgreSQL: postgresql+psycopg://USER@HOST/DB"
        "?sslmode=verify-full&sslrootcert=CA.pem (or QONYS_DB; remembered by the data folder)",
    )
    parser.add_argument(
        "--log",
        action="store_true",
        help="also write what this command does to the application log, for support (ids "
        "only, no personal data; the log folder, or QONYS_LOG_DIR). The desk always logs",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a mission store with its first administrator")
    p.add_argument("--mission-code", required=True, help="e.g. KZ-BER")
    p.add_argument("--mission-name", required=True)
    p.add_argument("--country", required=True, help="host country, ISO 3166 two letters")
    p.add_argument("--officer", required=True, dest="officer", help="administrator login")
    p.add_argument("--full-name", help="administrator's full name")
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="URL", help="make it on PostgreSQL")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="create a demo mission with synthetic cases")
    p.add_argument("--cases", type=bounded_int(0, 10_000), default=40)
    p.add_argument("--seed", type=bounded_int(0, 2**31 - 1), default=1)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="URL", help="make it on PostgreSQL")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("cases", help="list or search cases")
    p.add_argument(
        "--search", help="IIN, surname/name prefix (any case, Cyrillic or Latin), or number"
    )
    p.add_argument("--stage", action="append", help="only this stage (repeatable)")
    p.add_argument("--limit", type=bounded_int(1, 1_000_000), default=1000)
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(handler=cmd_cases)

    p = sub.add_parser(
        "case",
        help="show one case with its events, or `case new --json FILE` to open a draft",
    )
    p.add_argument("case", help="case number or id; `new` opens a draft from --json FILE")
    p.add_argument(
        "--json",
        nargs="?",
        const=True,
        default=False,
        metavar="FILE",
        help="print JSON; with `new`: the questionnaire to read (- for stdin)",
    )
    p.set_defaults(handler=cmd_case)

    p = sub.add_parser("officers", help="list, add or remove officers (administrator)")
    p.add_argument("action", choices=("list", "add", "remove"))
    p.add_argument("login", nargs="?")
    p.add_argument("--role", choices=[r.value for r in Role])
    p.add_argument("--full-name")
    p.set_defaults(handler=cmd_officers)

    p = sub.add_parser("audit", help="verify the hash chain of the audit log (administrator)")
    p.add_argument("action", choices=("verify",))
    p.set_defaults(handler=cmd_audit)

    for module_name in EXTENSIONS:
        module = __import__(module_name, fromlist=["register"])
        module.register(sub)
    return parser


def _not_utf8(argv: Sequence[str]) -> str | None:
    """The first argument that is not valid text (bytes the terminal could not decode arrive
    as lone surrogates), or None."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
        if "\x00" in arg:  # no file name or text holds a NUL
            return arg.replace("\x00", "\\x00")
    return None


STORE_DAMAGED = Text(
    "Қойма зақымданған: `qonys.db` файлының бір бөлігі оқылмайды. Соңғы сақтық көшірмені "
    "қалпына келтіріңіз: `qonys restore FILE` (`docs/administration.md`, 5-бөлім).",
    "Хранилище повреждено: часть файла `qonys.db` не читается. Восстановите последнюю "
    "резервную копию: `qonys restore FILE` (`docs/administration.md`, раздел 5).",
    "The store is damaged: part of qonys.db does not read back. Restore the last backup: "
    "qonys restore FILE (docs/administration.md, section 5).",
)


def _input_error(exc: BaseException) -> Text | None:
    """The message for a failure caused by what was given (a value, a file, a damaged store),
    not by a bug; None for anything else (a bug: "internal error")."""
    from sqlalchemy.exc import DatabaseError

    if isinstance(exc, DatabaseError):
        reason = str(getattr(exc, "orig", exc)).lower()
        if "malformed" in reason or "not a database" in reason or "corrupt" in reason:
            return STORE_DAMAGED
        return None
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return plain(f"{exc.strerror or exc}{where}")
    if isinstance(exc, OverflowError):
        return plain("a number given is too large")
    if isinstance(exc, RecursionError):
        return plain("the input is nested too deeply")
    if isinstance(exc, argparse.ArgumentTypeError):
        return plain(str(exc))
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.logs import quiet_libraries

    quiet_libraries()
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    bad = _not_utf8(given)
    if bad is not None:
        print(f"qonys: not valid UTF-8 text: {bad}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(given)
    cli = Cli(
        data_dir=(args.data_dir or default_data_dir()).expanduser(),
        officer=args.officer,
        password_file=args.password_file,
        lang=args.lang,
        db=args.db,
    )
    handler = cast(Handler, getattr(args, "handler", cmd_gui))
    # A command writes no log file unless asked (a script's run leaves nothing behind); the
    # desk (cmd_gui) sets up its own log.
    logging_here = bool(args.log) and handler is not cmd_gui
    if logging_here:
        from desktop.logs import setup_logging

        setup_logging()
        log.info("qonys %s", args.command)
    try:
        # init/demo make the store there; restore makes a SQLCipher one; store moves one.
        if cli.db and args.command not in ("init", "demo", "restore", "store"):
            from desktop.services import shared_store

            shared_store.join(cli.data_dir, cli.db)
        return handler(args, cli)
    except KnownError as exc:
        print(f"qonys: {exc.message.get(cli.lang)}", file=cli.err)
        details = technical_details(exc, cli.lang)
        if details:  # English, on a line of its own: never inside a Kazakh or Russian sentence
            print(f"qonys: [{TECHNICAL_DETAILS.get(cli.lang)}] {details}", file=cli.err)
        return EXIT_USAGE if isinstance(exc, InvalidInput) else EXIT_FAILED
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone: point stdout at nothing so the interpreter's
        # final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("qonys: interrupted", file=cli.err)
        return 130
    except Exception as exc:
        if os.environ.get("QONYS_DEBUG"):
            raise
        lost = as_known(exc)  # the shared store's server gone mid-command
        message = lost.message if lost is not None else _input_error(exc)
        if message is not None:
            print(f"qonys: {message.get(cli.lang)}", file=cli.err)
            usage = isinstance(exc, OverflowError | RecursionError | argparse.ArgumentTypeError)
            return EXIT_USAGE if usage else EXIT_FAILED
        log.exception("internal error in qonys %s", args.command)  # to the log, if asked
        print(
            f"qonys: internal error ({type(exc).__name__}); run with QONYS_DEBUG=1 for details",
            file=cli.err,
        )
        return EXIT_BUG
    finally:
        cli.close()
        if logging_here:
            from desktop.logs import close_logging

            close_logging()
