"""``qonys-department``: the Consular Service Department's console.

Every failure an officer can cause (a wrong password, a tampered package, an unknown case) is
one line on stderr and a non-zero exit code, never a traceback (STYLE §12).

The user comes from ``--user``/``--officer`` or ``QONYS_OFFICER``; passwords come from the
environment (``QONYS_PASSWORD`` or ``--password-file``; ``QONYS_BUNDLE_PASSWORD`` for
enrolment bundles and official key files; ``QONYS_KEY_PASSWORD`` for ``export-key``) or are
asked for on the terminal. The database is SQLite in the data directory unless ``--db`` (or
``QONYS_DEPARTMENT_DB``) names a PostgreSQL server. ``--log`` also writes what the command
did to the application log (ids and error types only), as the mission's ``qonys --log``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from desktop.department import ca, users, vault
from desktop.department.core import DEPARTMENT_CODE, STAGES, DepartmentError
from desktop.department.inbox import order_by_sequence
from desktop.department.service import Department
from desktop.department.store import StoreError
from desktop.logs import quiet_libraries
from desktop.storage.files import make_private_dir, write_atomic
from desktop.sync.errors import ExchangeError, ReplayError, SequenceGapError

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

log = logging.getLogger(__name__)  # only with --log: the command, ids, error types
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70
_OPENED: list[Department] = []  # closed by main() however the command ends
_LISTENING: list[Any] = []  # `serve`'s socket, closed by main() too


class CliError(Exception):
    """Bad input on the command line: reported as one line."""


def _password(prompt: str, env: str = "QONYS_PASSWORD", *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"no password: set {env} or run in a terminal")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != first:
        raise CliError("the passwords differ")
    return first


def _login_password(args: argparse.Namespace, prompt: str, *, confirm: bool = False) -> str:
    if not os.environ.get("QONYS_PASSWORD") and args.password_file is not None:
        try:
            return str(args.password_file.read_text(encoding="utf-8").rstrip("\r\n"))
        except OSError as exc:
            raise CliError(f"cannot read the password file: {exc.strerror}") from None
    return _password(prompt, confirm=confirm)


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser()


def _db(args: argparse.Namespace) -> str | None:
    return args.db or os.environ.get("QONYS_DEPARTMENT_DB") or None


def _open(args: argparse.Namespace) -> Department:
    data_dir = _data_dir(args)
    user = args.user or os.environ.get("QONYS_OFFICER") or None
    if not user:
        names = vault.users(data_dir)  # a version-1 vault only; version 2 names no one
        if len(names) == 1:
            user = names[0]
        elif vault.slot_count(data_dir) != 1:
            if not sys.stdin.isatty():
                raise CliError("several users share this store: give --user or QONYS_OFFICER")
            user = input("Department user: ").strip() or None
    password = _login_password(args, f"Password for {user or 'the Department user'}: ")
    dep = Department.open(data_dir, user, password, db_url=_db(args))
    _OPENED.append(dep)
    for alert in dep.alerts:
        print(f"WARNING: {alert}", file=sys.stderr)
    return dep


def _write_new(path: Path, data: bytes) -> None:
    if path.exists():
        raise CliError(f"{path} already exists; choose another name")
    write_atomic(path, data)


def cmd_init(args: argparse.Namespace) -> int:
    user = args.user or os.environ.get("QONYS_OFFICER") or "admin"
    password = _login_password(args, f"New password for {user}: ", confirm=True)
    dep = Department.init(_data_dir(args), {user: password}, db_url=_db(args), code=args.code)
    _OPENED.append(dep)
    version, _ = dep.trust_list()
    print(f"Department store created in {_data_dir(args)} (code {dep.code}, user {user}).")
    print(f"CA certificate: {_data_dir(args) / 'keys' / 'ca.crt.pem'}; trust list v{version}.")
    return 0


def _bundle_password() -> tuple[str, bool]:
    given = os.environ.get("QONYS_BUNDLE_PASSWORD")
    return (given, False) if given else (ca.new_bundle_password(), True)


def cmd_enrol_mission(args: argparse.Namespace) -> int:
    dep = _open(args)
    out = Path(args.out)
    if out.exists():
        raise CliError(f"{out} already exists; choose another name")
    password, generated = _bundle_password()
    bundle = dep.enrol_mission(args.code, args.name, password)
    if args.sync_url:
        # Public, outside the encrypted keys: where the mission's desk syncs (issue 16).
        doc = json.loads(bundle)
        doc["sync_url"] = args.sync_url
        bundle = json.dumps(doc, indent=1, sort_keys=True).encode("utf-8")
    _write_new(out, bundle)
    print(f"Mission {args.code} enrolled; bundle written to {out}.")
    if generated:
        print(f"Bundle password (give it to the mission by another channel): {password}")
    return 0


def cmd_revoke_mission(args: argparse.Namespace) -> int:
    dep = _open(args)
    version = dep.revoke_mission(args.code, args.reason)
    print(f"Mission {args.code} revoked; trust list v{version} goes out with the next packages.")
    return 0


def cmd_issue_official(args: argparse.Namespace) -> int:
    dep = _open(args)
    out = Path(args.out)
    if out.exists():
        raise CliError(f"{out} already exists; choose another name")
    password, generated = _bundle_password()
    _write_new(out, dep.issue_official(args.mission, args.name, password))
    print(f"Signing certificate for {args.name} ({args.mission}) written to {out} (PKCS#12).")
    if generated:
        print(f"File password (give it to the official by another channel): {password}")
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    dep = _open(args)
    failed = False
    for path in order_by_sequence(Path(p) for p in args.files):
        try:
            r = dep.receive(path, allow_gap=args.accept_gap)
        except ReplayError as exc:
            print(f"{path.name}: replay — {exc}")
            continue
        except SequenceGapError as exc:
            failed = True
            print(f"{path.name}: refused — {exc} (or use --accept-gap)", file=sys.stderr)
            continue
        except ExchangeError as exc:
            failed = True
            print(f"{path.name}: refused — {exc}", file=sys.stderr)
            continue
        gap = f"; packages {r.missing[0]}–{r.missing[-1]} never arrived" if r.missing else ""
        print(
            f"{path.name}: accepted package {r.sequence} from {r.mission}: {r.cases} cases, "
            f"{r.events} events, {r.scans} scan pages, {r.acknowledged} acknowledgements{gap}"
        )
        if r.audit_alarm:
            print(f"{path.name}: AUDIT ALARM — {r.audit_alarm}", file=sys.stderr)
    return EXIT_ERROR if failed else 0


def cmd_decide(args: argparse.Namespace) -> int:
    try:
        on = date.fromisoformat(args.date)
    except ValueError as exc:
        raise CliError(f"--date must be YYYY-MM-DD, not {args.date!r}") from exc
    dep = _open(args)
    decision = dep.decide(
        args.case,
        args.kind.replace("-", "_"),
        police_department=args.police_department,
        police_department_ru=args.police_department_ru,
        number=args.number,
        on=on,
        after_objection=args.after_objection,
        note=args.note,
        mission=args.mission,
    )
    print(f"Decision recorded: {decision.kind} No. {decision.number} of {decision.date}.")
    return 0


def cmd_publish_rules(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    dep = _open(args)
    r = dep.publish_rules(data)
    when = r.in_force_from.isoformat()
    if not r.confirmed:
        when += " (assumed: the date of first official publication is not given)"
    print(
        f"Rule set {r.version} signed and kept (in force from {when}); every mission's next "
        "decision package carries it."
    )
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    dep = _open(args)
    r = dep.send(args.mission, Path(args.out))
    if r.recovered is not None:
        print(f"{r.recovered}: finished the earlier package an interrupted send left unpublished.")
    for leftover in r.removed:
        print(f"{leftover}: removed, left by an interrupted send (it was never recorded).")
    print(
        f"{r.path}: package {r.sequence} for {args.mission}: {r.decisions} decisions, "
        f"{r.acknowledgements} acknowledgements, trust list v{r.trust_list_version}."
    )
    return 0


def cmd_reset_chain(args: argparse.Namespace) -> int:
    dep = _open(args)
    forgotten = dep.reset_chain(args.mission, args.to, args.reason)
    dropped = ", ".join(map(str, forgotten)) if forgotten else "none"
    print(
        f"Chain of packages from {args.mission} reset to package {args.to} (forgotten: "
        f"{dropped}); package {args.to + 1} is accepted next, whatever it follows. Audited."
    )
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    dep = _open(args)
    rows = dep.cases(mission=args.mission, stage=args.stage)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("No cases.")
        return 0
    print(f"{'mission':<8} {'number':<22} {'stage':<20} {'received':<11} applicant")
    for r in rows:
        print(
            f"{r.mission:<8} {r.number:<22} {r.stage:<20} "
            f"{r.received_at.date().isoformat():<11} {r.applicant}"
        )
        if r.irregular:
            print("         ! irregular: a reasoned refusal without a preliminary refusal (§11)")
    return 0


def cmd_trust_list(args: argparse.Namespace) -> int:
    dep = _open(args)
    version, der = dep.trust_list()
    _write_new(Path(args.out), der)
    print(f"Trust list v{version} written to {args.out} (CMS SignedData, DER).")
    return 0


def cmd_verifier(args: argparse.Namespace) -> int:
    from desktop.documents.verifier_site import SiteError, write_site

    if args.base_url is None and args.out is None:
        raise CliError("verifier: give --out DIR (the site to write) and/or --base-url URL")
    dep = _open(args)
    if args.base_url is not None:
        version = dep.set_verifier_base_url(args.base_url)
        print(
            f"Verifier address set; trust list v{version} carries it to the missions with the "
            "next packages."
        )
    if args.out is None:
        return 0
    signer, listed, version = dep.verifier_site()
    key = signer.public_key()
    try:
        site = write_site(Path(args.out), key, listed.data, listed.signature)
    except SiteError as exc:
        raise CliError(f"verifier: {exc}") from None
    where = listed.base_url or "(no address set: QR codes hold the seal text only)"
    print(
        f"Verifier site written to {site.directory} ({site.size // 1024} KB, trust list "
        f"v{version}); host it at {where}"
    )
    return 0


def cmd_export_key(args: argparse.Namespace) -> int:
    dep = _open(args)
    password = _password("Password for the exported key: ", "QONYS_KEY_PASSWORD", confirm=True)
    _write_new(Path(args.out), dep.export_encryption_key(password))
    print(f"Decryption key written to {args.out} (encrypted PKCS#8, for openssl cms -decrypt).")
    return 0


def cmd_recover_store(args: argparse.Namespace) -> int:
    dep = _open(args)
    new = _password(f"New password for {args.login}: ", "QONYS_NEW_PASSWORD", confirm=True)
    dep.recover_store(Path(args.store), args.login, new)
    print(f"{args.store}: officer {args.login} can log in with the new password.")
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    dep = _open(args)
    if args.action == "list":
        roles = dep.roles()
        for name in users.listing(dep):
            print(f"{name}\t{roles.get(name, '-')}" if roles else name)
        return 0
    if args.action == "role":
        if not args.name or not args.role:
            raise CliError("users role needs a user name and a role")
        dep.ensure_admin()  # a store without an admin: the user at the terminal becomes one
        dep.set_role(args.name, "" if args.role == "none" else args.role)
        print(f"User {args.name}: console role {args.role}.")
        return 0
    if not args.name:
        raise CliError(f"users {args.action} needs a user name")
    if args.action == "remove":
        users.remove(dep, args.name)
        print(f"User {args.name} removed.")
        return 0
    new = _password(f"New password for {args.name}: ", "QONYS_NEW_PASSWORD", confirm=True)
    if args.action == "add":
        users.add(dep, args.name, new)
        print(f"User {args.name} added.")
    else:
        users.change_password(dep, args.name, new)
        print(f"Password of {args.name} changed.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The online sync server (issue 16): serve until interrupted."""
    from desktop.department import server

    if (args.cert is None) != (args.key is None):
        raise CliError("serve: give both --cert and --key, or neither")
    if args.no_tls and args.host not in server.LOOPBACK:
        raise CliError("serve: --no-tls only on a loopback address, behind a TLS proxy")
    try:
        sock = server.listen(args.host, args.port)
    except OSError as exc:
        raise CliError(f"serve: cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    _LISTENING.append(sock)
    dep = _open(args)
    if args.no_tls:
        tls = None
    elif args.cert is not None:
        tls = server.Tls(args.cert, args.key, os.environ.get("QONYS_TLS_KEY_PASSWORD") or None)
        for path in (tls.certfile, tls.keyfile):
            if not path.is_file():
                raise CliError(f"serve: {path} is not a file")
    else:
        tls = server.server_tls(dep, [args.host, *args.hostname])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    scheme = "http" if tls is None else "https"
    print(
        f"Sync server for {dep.code} on {scheme}://{args.host}:{args.port}{server.PREFIX} "
        f"(packages up to {args.max_package_mb} MB). Ctrl+C stops it.",
        flush=True,
    )
    console: list[BaseRoute] = []
    if not args.no_console:
        console.append(_console_mount(args, dep, secure=tls is not None))
        print(f"Staff console on {scheme}://{args.host}:{args.port}/", flush=True)
    server.run(
        dep,
        sock=sock,
        host=args.host,
        port=args.port,
        tls=tls,
        config=server.ServerConfig(
            max_package_bytes=args.max_package_mb << 20,
            read_timeout=args.read_timeout,
        ),
        limit_concurrency=args.limit_concurrency,
        extra_routes=console,
    )
    return 0


def _console_mount(args: argparse.Namespace, dep: Department, *, secure: bool) -> BaseRoute:
    """The staff's web console (issue 17) at `/` of the same server, after the sync routes."""
    from starlette.routing import Mount

    from desktop.department.console import (
        ConsoleSettings,
        create_console,
        keep_personal_data_out_of_logs,
    )

    keep_personal_data_out_of_logs()
    watch_dir = args.watch_dir or _data_dir(args) / "incoming"
    outbox_dir = args.outbox_dir or _data_dir(args) / "outgoing"
    for folder in (watch_dir, outbox_dir):
        make_private_dir(folder)
    # A Secure cookie is kept by browsers over plain HTTP only on loopback (--no-tls).
    settings = ConsoleSettings(secure_cookies=secure, watch_dir=watch_dir, outbox_dir=outbox_dir)
    return Mount("/", app=create_console(dep, settings))


def _sequence_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a package number: {text!r}") from None
    if not 0 <= value <= 999_999:
        raise argparse.ArgumentTypeError(f"a package number is 0 to 999999, not {text}")
    return value


def _https_url(text: str) -> str:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        raise argparse.ArgumentTypeError(f"an https:// address, not {text!r}")
    return text.strip().rstrip("/")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535, not {text!r}")
    return int(text)


def _positive(limit: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit() or not 1 <= int(text) <= limit:
            raise argparse.ArgumentTypeError(f"a whole number from 1 to {limit}, not {text!r}")
        return int(text)

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qonys-department",
        description="Consular Service Department: receive mission packages, record decisions, "
        "send them back.",
    )
    parser.add_argument("--data-dir", required=True, help="the Department's data directory")
    parser.add_argument(
        "--db",
        help="database URL (default: encrypted SQLite in --data-dir), "
        "e.g. postgresql+psycopg://user@host/qonys",
    )
    parser.add_argument(
        "--user",
        "--officer",
        dest="user",
        help="user name, or QONYS_OFFICER (default: the only user of the store)",
    )
    parser.add_argument(
        "--password-file", type=Path, help="read the password from this file (or QONYS_PASSWORD)"
    )
    parser.add_argument(
        "--log",
        action="store_true",
        help="also write what this command does to the application log, for support (ids "
        "only, no personal data; the log folder, or QONYS_LOG_DIR)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(handler=handler)
        return p

    p = add("init", cmd_init, "create the Department store, its CA and keys")
    p.add_argument("--code", default=DEPARTMENT_CODE, help="the Department's code in packages")
    p = add("enrol-mission", cmd_enrol_mission, "issue a mission's certificates and its bundle")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--out", required=True, help="the enrolment bundle file to write")
    p.add_argument(
        "--sync-url",
        type=_https_url,
        help="the sync server's https:// address, set at the mission when it installs the bundle",
    )
    p = add("revoke-mission", cmd_revoke_mission, "revoke a mission's certificates")
    p.add_argument("code")
    p.add_argument("--reason", default="revoked by the Department")
    p = add("issue-official", cmd_issue_official, "issue a consular official's signing certificate")
    p.add_argument("--mission", required=True)
    p.add_argument("--name", required=True, help="the official's full name")
    p.add_argument("--out", required=True, help="the PKCS#12 file to write")
    p = add("receive", cmd_receive, "verify and store mission packages")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--accept-gap",
        action="store_true",
        help="accept a package although earlier ones never arrived",
    )
    p = add("decide", cmd_decide, "record the police decision on a case (§8–§11)")
    p.add_argument("case", help="case number (or the mission's case id)")
    p.add_argument(
        "--kind",
        required=True,
        # Both spellings: the hyphenated one of the command line, the stored one.
        choices=[
            "permission",
            "preliminary-refusal",
            "reasoned-refusal",
            "preliminary_refusal",
            "reasoned_refusal",
        ],
    )
    p.add_argument(
        "--police-department",
        required=True,
        help="the deciding body in Kazakh as Annex 4 names it, e.g. «Алматы қаласы»",
    )
    p.add_argument(
        "--police-department-ru",
        help="the same body in Russian, genitive, e.g. «города Алматы» (Annex 4's Russian "
        "line; without it the mission's list of Police Departments is used)",
    )
    p.add_argument("--number", required=True, help="the decision's number")
    p.add_argument("--date", required=True, help="the decision's date, YYYY-MM-DD")
    p.add_argument(
        "--after-objection",
        action="store_true",
        help="the outcome after the applicant's objection (§11)",
    )
    p.add_argument("--note")
    p.add_argument("--mission", help="the mission, when a number is ambiguous")
    p = add(
        "publish-rules",
        cmd_publish_rules,
        "sign a rule set (resources/rules/*.json format) and send it with every package (§14-1)",
    )
    p.add_argument("file", metavar="FILE", help="the rule-set JSON (docs/rules.md)")
    p = add("send", cmd_send, "write the decision package for a mission")
    p.add_argument("--mission", required=True)
    p.add_argument("--out", required=True, help="directory for the package file")
    p = add(
        "reset-chain",
        cmd_reset_chain,
        "the way out of a broken chain of packages from a mission (docs/exchange.md)",
    )
    p.add_argument("mission", help="the mission's code")
    p.add_argument(
        "--to",
        required=True,
        type=_sequence_number,
        metavar="SEQ",
        help="the last package to keep on record (0: none); SEQ+1 is accepted next",
    )
    p.add_argument("--reason", required=True, help="why (kept in the audit log)")
    p = add("cases", cmd_cases, "list received cases")
    p.add_argument("--mission")
    p.add_argument("--stage", choices=STAGES)
    p.add_argument("--json", action="store_true")
    p = add("trust-list", cmd_trust_list, "write the current signed trust list")
    p.add_argument("--out", required=True)
    p = add(
        "verifier",
        cmd_verifier,
        "write the offline verifier web page with the signed trust list; set its address",
    )
    p.add_argument("--out", type=Path, help="the folder to write the site into")
    p.add_argument(
        "--base-url",
        help="the https:// address where the site is hosted (carried in the trust list; "
        "new notifications' QR codes open it)",
    )
    p = add(
        "recover-store",
        cmd_recover_store,
        "reopen a mission store through its recovery slot (new password for an officer)",
    )
    p.add_argument("store", help="the mission store's folder")
    p.add_argument("--login", required=True, help="an active officer of that store")
    p = add("users", cmd_users, "list, add or remove the Department's users; set a password")
    p.add_argument("action", choices=["list", "add", "remove", "passwd", "role"])
    p.add_argument("name", nargs="?", help="the user (add, remove, passwd, role)")
    p.add_argument(
        "role",
        nargs="?",
        choices=["clerk", "head", "admin", "auditor", "none"],
        help="the console role (users role NAME ROLE; docs/console.md)",
    )
    p = add("export-key", cmd_export_key, "export the decryption key for use with openssl")
    p.add_argument("--out", required=True)
    p = add(
        "serve",
        cmd_serve,
        'run the online sync server for the missions (docs/exchange.md, "Online")',
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=_port, default=8443)
    p.add_argument("--cert", type=Path, help="TLS certificate (PEM; default: one from the CA)")
    p.add_argument("--key", type=Path, help="its private key (PEM; QONYS_TLS_KEY_PASSWORD)")
    p.add_argument(
        "--hostname",
        action="append",
        default=[],
        help="a name the missions use for this server (for the certificate; repeatable)",
    )
    p.add_argument("--no-tls", action="store_true", help="plain HTTP on loopback, behind a proxy")
    p.add_argument("--max-package-mb", type=_positive(4096), default=4096)
    p.add_argument(
        "--read-timeout",
        type=_positive(3600),
        default=30,
        help="seconds without a byte before an upload request ends (what came is kept)",
    )
    p.add_argument("--limit-concurrency", type=_positive(100_000), default=200)
    p.add_argument(
        "--watch-dir",
        type=Path,
        help="the console offers the packages dropped in this folder (default: DATA_DIR/incoming)",
    )
    p.add_argument(
        "--outbox-dir",
        type=Path,
        help="the console writes decision packages here (default: DATA_DIR/outgoing)",
    )
    p.add_argument(
        "--no-console",
        action="store_true",
        help="serve the missions' sync API only (no web console)",
    )
    return parser


def _not_utf8(argv: Sequence[str]) -> str | None:
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
        if "\x00" in arg:  # no file name or text holds a NUL
            return arg.replace("\x00", "\\x00")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    quiet_libraries()
    given = list(sys.argv[1:] if argv is None else argv)
    bad = _not_utf8(given)
    if bad is not None:
        print(f"qonys-department: not valid UTF-8 text: {bad}", file=sys.stderr)
        return EXIT_USAGE
    args = build_parser().parse_args(given)
    if args.log:  # as the mission's `qonys --log`: a command writes no log file unless asked
        from desktop.logs import setup_logging

        setup_logging()
        log.info("qonys-department %s", args.command)
    try:
        code = int(args.handler(args))
        log.info("qonys-department %s: exit %d", args.command, code)
        return code
    except (CliError, DepartmentError, ExchangeError, vault.VaultError, StoreError) as exc:
        log.warning("qonys-department %s: refused (%s)", args.command, type(exc).__name__)
        print(f"qonys-department: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as exc:
        log.warning("qonys-department %s: database error (%s)", args.command, type(exc).__name__)
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"qonys-department: database error: {reason}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"qonys-department: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("qonys-department: interrupted", file=sys.stderr)
        return 130
    except (OverflowError, RecursionError) as exc:
        what = (
            "a number given is too large"
            if isinstance(exc, OverflowError)
            else ("the input is nested too deeply")
        )
        print(f"qonys-department: {what}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        # No Python error reaches the user (STYLE §12): a bug is one line and exit 70.
        log.exception("internal error in qonys-department %s", args.command)  # if asked
        if os.environ.get("QONYS_DEBUG"):
            raise
        print(
            f"qonys-department: internal error ({type(exc).__name__}); "
            "run with QONYS_DEBUG=1 for details",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        while _OPENED:
            _OPENED.pop().close()
        while _LISTENING:
            _LISTENING.pop().close()


if __name__ == "__main__":
    raise SystemExit(main())
