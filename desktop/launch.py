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
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

LANGS = ("kk", "ru", "en")


def default_data_dir() -> Path:
    # Imported here: a desk started with --data-dir never needs it (~4 ms of imports).
    import platformdirs

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


# The global options' destinations, by option (each takes one value; `add_global_options`).
_DESK_OPTIONS = {
    "--data-dir": "data_dir",
    "--officer": "officer",
    "--password-file": "password_file",
    "--lang": "lang",
}


def desk_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` asks for the desk and nothing else; otherwise None
    (the full command line then parses and answers, errors included).

    Read by hand, not by an `argparse` parser: building and running one looks up argparse's
    message catalogues through `gettext` and `locale` (~2 ms before the login window). Only
    the plain forms are taken here (``--option value``, ``--option=value``; the last given
    wins, as argparse's); anything else — a value that looks like an option, ``--``, an
    unknown or abbreviated option — goes to the full parser, which answers as before."""
    if any(arg in ("-h", "--help", "--version") or "\x00" in arg for arg in argv):
        return None
    try:
        for arg in argv:
            arg.encode("utf-8")  # bytes a terminal could not decode: the CLI says so
    except UnicodeEncodeError:
        return None
    values: dict[str, str] = {}
    rest = list(argv)
    while rest:
        option, given, value = rest.pop(0).partition("=")
        if option not in _DESK_OPTIONS:
            return None
        if not given:
            if not rest or rest[0].startswith("-"):
                return None  # missing, or an option or a negative number: argparse decides
            value = rest.pop(0)
        values[_DESK_OPTIONS[option]] = value
    lang = values.get("lang", os.environ.get("QONYS_LANG", "en"))
    if lang not in LANGS:
        return None
    data_dir, password_file = values.get("data_dir"), values.get("password_file")
    return argparse.Namespace(
        data_dir=None if data_dir is None else Path(data_dir),
        officer=values.get("officer"),
        password_file=None if password_file is None else Path(password_file),
        lang=lang,
    )


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    desk = desk_options(given)
    if desk is None:
        from desktop.cli import main as cli_main

        return cli_main(given)
    # No cycle collection until the login window is up (`run_desk` resumes it then): importing
    # Qt and building the window make tens of thousands of objects and no garbage, and the
    # collector's passes over them were ~5 ms of the start-up (issue 19).
    gc.disable()
    try:
        return _run_desk(desk)
    finally:
        gc.enable()


def _run_desk(desk: argparse.Namespace) -> int:
    # The login window's modules that need no Qt load before Qt: once PySide6 is loaded, its
    # import hook reads the source of every module an import statement names (looking for
    # "PySide6" in it), once per module — ~1 ms for what these modules import (issue 19).
    import desktop.crash
    import desktop.resources
    import desktop.ui.smoke  # noqa: F401
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
