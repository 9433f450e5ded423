"""`qonys print …` and `qonys handouts install-official`; the store's trust list for `verify`.

    qonys --data-dir DIR print notification CASE --out FILE.pdf       (consul: signed + sealed)
    qonys --data-dir DIR print receipt|refusal|hearing|reasoned-refusal CASE --out FILE.pdf
    qonys --data-dir DIR print journal --from D --to D --out FILE.pdf|FILE.csv
    qonys --data-dir DIR handouts install-official FILE.p12 [--login LOGIN]
    qonys --data-dir DIR verifier --out SITE_DIR   (the offline verifier page, from the store's
                                                    trust list; docs/verification.md)

Wire with one line in `desktop/cli/__init__.py` EXTENSIONS: "desktop.cli.handouts".
`register` also points `qonys verify` at the store's trust list (when no `--trust DIR` is
given and DIR/trust/ does not exist). The mission's own form wording (DIR/forms) comes through
the context (`DeskContext.forms_dirs`), as in the desk.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import verify as verify_commands
from desktop.cli.common import iso_date, plain
from desktop.documents.trust import TrustAnchors
from desktop.services import handouts
from desktop.services.errors import InvalidInput, KnownError, StoreMissing
from desktop.services.verification import TrustListError
from desktop.storage.files import write_atomic

if TYPE_CHECKING:
    from desktop.cli import Cli


def store_trust_loader(args: argparse.Namespace, cli: Any) -> TrustAnchors:
    """`--trust DIR`, else DIR/trust/ if present, else the trust list inside the store."""
    if getattr(args, "trust", None) is not None or (cli.data_dir / "trust").is_dir():
        return verify_commands.default_trust_loader(args, cli)
    if not hasattr(cli, "context"):
        return verify_commands.default_trust_loader(args, cli)
    try:
        ctx = cli.context()
    except StoreMissing:
        return verify_commands.default_trust_loader(args, cli)
    try:
        return handouts.trust_anchors(ctx)
    except KnownError as exc:
        raise TrustListError(exc.message.en) from None


def _write(out: Path, data: bytes) -> None:
    try:
        write_atomic(out, data)  # owner-only (0600): a printed form holds personal data
    except OSError as exc:
        raise InvalidInput(plain(f"cannot write {out}: {exc.strerror}")) from None


def cmd_print(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    out: Path = args.out
    if args.form == "journal":
        if args.date_from is None or args.date_to is None:
            raise InvalidInput(plain("print journal needs --from DATE and --to DATE"))
        fmt = "csv" if out.suffix.lower() == ".csv" else "pdf"
        _write(out, handouts.print_journal(ctx, args.date_from, args.date_to, fmt))
        cli.say(f"journal {args.date_from}..{args.date_to} written to {out}")
        return 0
    if args.case is None:
        raise InvalidInput(plain(f"print {args.form} needs a CASE"))
    from desktop.services import cases as case_service

    case_id = case_service.find_case(ctx, args.case).summary.id
    if args.child is not None and args.form != "notification":
        raise InvalidInput(plain("--child is for the notification only"))
    result = handouts.print_case_form(ctx, args.form, case_id, args.child)
    _write(out, result.pdf)
    mark = " (DUPLICATE, logged)" if result.duplicate else ""
    cli.say(f"{args.form} of case {result.case_number} written to {out}{mark}")
    return 0


def cmd_install_official(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    try:
        p12 = Path(args.file).read_bytes()
    except OSError as exc:
        raise InvalidInput(plain(f"cannot read {args.file}: {exc.strerror}")) from None
    password = os.environ.get("QONYS_P12_PASSWORD")
    if password is None and args.p12_password_file is not None:
        try:
            password = Path(args.p12_password_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise InvalidInput(plain(f"cannot read the password file: {exc.strerror}")) from None
        except UnicodeDecodeError:
            raise InvalidInput(plain("the password file is not UTF-8 text")) from None
    if password is None:
        password = cli.password(prompt="PKCS#12 password: ")
    done = handouts.install_official(ctx, p12, password, args.login)
    cli.say(
        f"signing certificate {done.serial:X} ({done.subject}) installed for {done.login}, "
        f"valid until {done.not_after:%Y-%m-%d}"
    )
    return 0


def cmd_verifier(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    site = handouts.write_verifier_site(ctx, Path(args.out))
    cli.say(
        f"verifier page written to {site.directory} ({site.size // 1024} KB); open "
        f"{site.directory / 'index.html'} in a browser, offline"
    )
    return 0


def register(subparsers: Any) -> None:
    verify_commands.set_trust_loader(store_trust_loader)
    p = subparsers.add_parser("print", help="print a handout of a case, or the Annex 5 journal")
    p.add_argument("form", choices=(*handouts.FORMS, "journal"))
    p.add_argument("case", nargs="?", help="case number (not for the journal)")
    p.add_argument("--out", type=Path, required=True, help="the PDF (journal: .pdf or .csv)")
    p.add_argument("--from", dest="date_from", type=iso_date, help="journal: first day")
    p.add_argument("--to", dest="date_to", type=iso_date, help="journal: last day")
    p.add_argument(
        "--child",
        type=int,
        metavar="N",
        help="notification: the Annex 4 of the N-th minor child named in the application",
    )
    p.set_defaults(handler=cmd_print)

    v = subparsers.add_parser(
        "verifier",
        help="write the offline verifier web page (for a laptop or a border post) from the "
        "store's trust list",
    )
    v.add_argument("--out", type=Path, required=True, help="the folder to write it into")
    v.set_defaults(handler=cmd_verifier)

    h = subparsers.add_parser("handouts", help="signing certificates of consular officials")
    hs = h.add_subparsers(dest="action", required=True)
    i = hs.add_parser(
        "install-official",
        help="install a consul's PKCS#12 (from qonys-department issue-official) into the store",
    )
    i.add_argument("file", type=Path)
    i.add_argument(
        "--login",
        default=None,
        help="the consul: only the officer logged in (the key is locked with their password)",
    )
    i.add_argument(
        "--p12-password-file",
        type=Path,
        default=None,
        help="file with the PKCS#12 password (or QONYS_P12_PASSWORD)",
    )
    i.set_defaults(handler=cmd_install_official)
