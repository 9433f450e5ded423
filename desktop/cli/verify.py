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

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.documents.seal import verify_seal
from desktop.documents.texts import format_date
from desktop.documents.trust import TrustAnchors
from desktop.documents.verify import verify_pdf

EXIT_GENUINE = 0
EXIT_NOT_GENUINE = 1
EXIT_BAD_INPUT = 2


class CliLike(Protocol):
    """The part of `desktop.cli.Cli` the handlers use."""

    data_dir: Path
    out: TextIO
    err: TextIO


TrustLoader = Callable[[argparse.Namespace, CliLike], TrustAnchors]


class TrustListError(Exception):
    """The trust list folder is missing or holds something unreadable."""


def load_trust_dir(directory: Path) -> TrustAnchors:
    """Read a trust list folder (layout in the module docstring)."""
    if not directory.is_dir():
        raise TrustListError(f"no trust list folder at {directory}")
    roots: list[x509.Certificate] = []
    seal_keys: list[tuple[str, Ed25519PublicKey]] = []
    revoked: set[int] = set()
    try:
        for path in sorted((directory / "roots").glob("*.pem")):
            roots.extend(x509.load_pem_x509_certificates(path.read_bytes()))
        for path in sorted((directory / "seal-keys").glob("*.pem")):
            key = serialization.load_pem_public_key(path.read_bytes())
            if not isinstance(key, Ed25519PublicKey):
                raise TrustListError(f"{path.name}: not an Ed25519 public key")
            seal_keys.append((path.stem, key))  # the file is named by the key's mission
        revoked_file = directory / "revoked.txt"
        if revoked_file.is_file():
            for line in revoked_file.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip().replace(":", "")
                if line:
                    revoked.add(int(line, 16))
    except (OSError, ValueError) as exc:
        raise TrustListError(f"cannot read the trust list: {exc}") from exc
    if not roots and not seal_keys:
        raise TrustListError(f"the trust list at {directory} holds no CA and no seal key")
    return TrustAnchors.build(roots=roots, missions=seal_keys, revoked_serials=revoked)


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


def _describe(claims: Any) -> list[str]:
    return [
        f"  notification: {claims.notification_id} (mission {claims.mission_code}), "
        f"issued {format_date(claims.issue_date)}",
        f"  person: {claims.person_full_name}, born {format_date(claims.birth_date)}",
        f"  destination: {claims.destination_country}, {claims.destination_settlement}",
        f"  decision: {claims.police_department} Police Department, "
        f"No. {claims.decision_number} of {format_date(claims.decision_date)}",
    ]


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
        check = verify_seal(text, trust.seal_keys, trust.seal_missions)
        if not check.ok or check.claims is None:
            print(f"NOT GENUINE: {check.message}", file=cli.out)
            return EXIT_NOT_GENUINE
        print("GENUINE: the seal is valid; compare with the paper:", file=cli.out)
        for line in _describe(check.claims):
            print(line, file=cli.out)
        return EXIT_GENUINE

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
        result = verify_pdf(pdf, trust)
    finally:
        pyhanko_log.setLevel(level)
    if not result.ok:
        for problem in result.problems:
            print(f"NOT GENUINE: {problem.message}", file=cli.out)
        return EXIT_NOT_GENUINE
    print(
        f"GENUINE: signed by {result.signer} (certificate {result.signer_serial:X}); "
        "the seal is valid and matches the page",
        file=cli.out,
    )
    if result.claims is not None:
        for line in _describe(result.claims):
            print(line, file=cli.out)
    return EXIT_GENUINE
