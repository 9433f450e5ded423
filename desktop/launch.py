"""The `qonys` command's entry point: the desk starts without loading the command line.

`qonys` with no command opens the desk. The full command line (`desktop.cli`) imports the
service layer — SQLAlchemy, Alembic, the crypto and PDF stacks — and every room's commands to
build its parser: ~0.6 s on a quiet 2-core machine before Qt is even loaded, which every officer
waited for every morning. Here the global options are read first; with no command, only the
desk's own modules load, and the services follow on a worker while the login window is up
(issue 19). Anything else — a command, `--help`, `--version`, an option it does not know, a
bad value — goes to `desktop.cli.main`, which reports it as before.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

LANGS = ("kk", "ru", "en")


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("Qonys", "MFA-KZ"))


def add_global_options(parser: argparse.ArgumentParser, *, with_help: bool = True) -> None:
    """The options that come before the command (shared with `desktop.cli.build_parser`)."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        # Asking platformdirs for the folder costs a few ms: only for a help text.
        help=f"the store's folder (default: {default_data_dir()})" if with_help else None,
    )
    parser.add_argument("--officer", help="officer login (or QONYS_OFFICER)")
    parser.add_argument(
        "--password-file", type=Path, help="read the password from this file (or QONYS_PASSWORD)"
    )
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=os.environ.get("QONYS_LANG", "en"),
        help="message language",
    )


def desk_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` asks for the desk and nothing else; otherwise None
    (the full command line then parses and answers, errors included)."""
    if any(arg in ("-h", "--help", "--version") or "\x00" in arg for arg in argv):
        return None
    try:
        for arg in argv:
            arg.encode("utf-8")  # bytes a terminal could not decode: the CLI says so
    except UnicodeEncodeError:
        return None
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    add_global_options(parser, with_help=False)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):
        return None
    if rest or args.lang not in LANGS:
        return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    desk = desk_options(given)
    if desk is None:
        from desktop.cli import main as cli_main

        return cli_main(given)
    from desktop.logs import quiet_libraries
    from desktop.ui.app import run_desk  # Qt, and only what the login window needs

    quiet_libraries()
    data_dir = (desk.data_dir or default_data_dir()).expanduser()
    try:
        return run_desk(data_dir, lang=desk.lang, officer=desk.officer)
    except KeyboardInterrupt:
        print("qonys: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # as `desktop.cli.main` answers: one line, never a traceback
        if os.environ.get("QONYS_DEBUG"):
            raise
        from desktop.services.errors import KnownError

        if isinstance(exc, KnownError):
            print(f"qonys: {exc.message.get(desk.lang)}", file=sys.stderr)
            return 1
        print(
            f"qonys: internal error ({type(exc).__name__}); run with QONYS_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 70
