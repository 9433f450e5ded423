"""`qonys verify FILE.pdf` and `qonys verify --seal TEXT`: offline checks of a notification.

Listed in `EXTENSIONS` in `desktop/cli/__init__.py`. The trust list comes from
`set_trust_loader` (`cli/handouts.py` points it at the store's trust list) or, for a standalone
check (a border post with a copy of the trust list), from `--trust DIR`:

    DIR/roots/*.pem        Department CA certificates (PEM)
    DIR/seal-keys/MISSION.pem  a mission's seal public key(s) (Ed25519, PEM SubjectPublicKeyInfo);
                           the file name is the mission's code (KZ-BER.pem): a seal is
                           genuine only when it names its key's mission
    DIR/revoked.txt        revoked signing-certificate serials, hexadecimal, one a line

Exit codes: 0 genuine, 1 not genuine (one line per failure), 2 bad input.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

from desktop.services import verification
from desktop.services.verification import TrustAnchors, TrustListError, load_trust_dir

EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_BAD_INPUT = 2


class CliLike(Protocol):
    """The part of `desktop.cli.Cli` the handlers use."""

    data_dir: Path
    out: TextIO
    err: TextIO


TrustLoader = Callable[[argparse.Namespace, CliLike], TrustAnchors]


def default_trust_loader(args: argparse.Namespace, cli: CliLike) -> TrustAnchors:
    """`--trust DIR` if given, else the `trust/` folder of the data directory."""
    directory = args.trust if args.trust is not None else cli.data_dir / "trust"
    return load_trust_dir(Path(directory))


_trust_loader: TrustLoader = default_trust_loader


def set_trust_loader(loader: TrustLoader) -> None:
    """Let the application decide where the trust list comes from (e.g. the store)."""
    global _trust_loader
    _trust_loader = loader


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "verify",
        help="check a notification PDF (signature and seal) or a scanned seal text, offline",
    )
    p.add_argument("file", nargs="?", type=Path, help="the notification PDF")
    p.add_argument(
        "--seal", metavar="TEXT", help="the text scanned from the QR seal ('-' reads it from stdin)"
    )
    p.add_argument(
        "--trust",
        type=Path,
        default=None,
        help="trust list folder (default: the data directory's trust/)",
    )
    p.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace, cli: CliLike) -> int:
    if (args.file is None) == (args.seal is None):
        print("qonys: verify: give either FILE.pdf or --seal TEXT", file=cli.err)
        return EXIT_BAD_INPUT
    try:
        trust = _trust_loader(args, cli)
    except TrustListError as exc:
        print(f"qonys: verify: {exc}", file=cli.err)
        return EXIT_BAD_INPUT

    if args.seal is not None:
        text = sys.stdin.read() if args.seal == "-" else args.seal
        verdict = verification.check_seal_text(text, trust)
    else:
        try:
            pdf = Path(args.file).read_bytes()
        except OSError as exc:
            print(f"qonys: verify: cannot read {args.file}: {exc.strerror}", file=cli.err)
            return EXIT_BAD_INPUT
        # pyHanko logs path-building errors itself; the verdict below says all that matters.
        pyhanko_log = logging.getLogger("pyhanko")
        level = pyhanko_log.level
        pyhanko_log.setLevel(logging.CRITICAL)
        try:
            verdict = verification.check_pdf_bytes(pdf, trust)
        finally:
            pyhanko_log.setLevel(level)
    for line in verdict.lines:
        print(line, file=cli.out)
    return EXIT_GENUINE if verdict.genuine else EXIT_NOT_GENUINE
