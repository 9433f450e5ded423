"""`qonys` sub-commands of the exchange: export, import, trust, outbox.

Listed in ``desktop.cli.EXTENSIONS``; each handler takes ``(args, cli)`` like the others and
lets ``KnownError`` reach ``main``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import bounded_float, bounded_int, plain
from desktop.domain.i18n import Text
from desktop.services import exchange as service
from desktop.services.errors import InvalidInput
from desktop.sync.package import sort_by_sequence

if TYPE_CHECKING:
    from desktop.cli import Cli


def cmd_export(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            plain(f"cannot use {out} as the output folder: {exc.strerror}")
        ) from None
    result = service.export(ctx, out, max_part_mb=args.split_mb, include_stages=args.all_stages)
    for path in result.recovered:
        cli.say(
            Text(
                f"{path}: үзілген экспорт қалдырған пакет енді жарияланды.",
                f"{path}: пакет, оставленный прерванным экспортом, опубликован.",
                f"{path}: published the package an interrupted export left unpublished.",
            )
        )
    for path in result.removed:
        cli.say(
            Text(
                f"{path}: үзілген экспорттың қалдығы жойылды (ол тіркелмеген).",
                f"{path}: удален остаток прерванного экспорта (он не был записан).",
                f"{path}: removed, left by an interrupted export (it was never recorded).",
            )
        )
    if not result.packages:
        cli.say(
            Text(
                "Жіберетін жаңа дерек жоқ.",
                "Новых данных для отправки нет.",
                "Nothing new to export.",
            )
        )
        return 0
    for p in result.packages:
        cli.say(f"{Path(p.folder) / p.file_name}: package {p.sequence} ({p.size} bytes)")
    cli.say(
        f"{result.cases} cases, {result.events} events, {result.scans} scan pages; "
        f"the outbox shows them as built until the Department acknowledges them."
    )
    return 0


def cmd_import(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    status = 0
    for path in sort_by_sequence(Path(f) for f in args.files):
        if not path.is_file():
            raise InvalidInput(plain(f"{path}: no such file"))
        r = service.import_package(ctx, path, allow_gap=args.accept_gap)
        if r.replay:
            cli.say(f"{path.name}: package {r.sequence} was already imported; nothing changed")
            continue
        gap = f"; packages {r.missing[0]}–{r.missing[-1]} never arrived" if r.missing else ""
        tl = f", trust list v{r.trust_list_version}" if r.trust_list_version else ""
        cli.say(
            f"{path.name}: package {r.sequence}: {r.decisions} decisions applied, "
            f"{r.acknowledged} packages acknowledged{tl}{gap}"
        )
        if r.held:
            cli.say(
                Text(
                    f"Іс бұл шешімді қабылдайтын кезеңде емес, қолмен енгізіңіз: {', '.join(r.held)}",
                    f"Дело не на том этапе, где принимается решение, внесите вручную: {', '.join(r.held)}",
                    "Decision kept on the case but not applied (the case is not at a stage "
                    f"that takes it); record it by hand: {', '.join(r.held)}",
                )
            )
    return status


def _bundle_password() -> str:
    given = os.environ.get("QONYS_BUNDLE_PASSWORD")
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInput(plain("no bundle password: set QONYS_BUNDLE_PASSWORD"))
    return getpass.getpass("Bundle password: ")


def cmd_trust(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.action == "import":
        if not args.bundle:
            raise InvalidInput(plain("give the bundle file: qonys trust import BUNDLE"))
        try:
            data = Path(args.bundle).read_bytes()
        except OSError as exc:
            raise InvalidInput(plain(f"cannot read {args.bundle}: {exc.strerror}")) from None
        from desktop.services import admin

        done = admin.install_enrolment_bundle(ctx, data, _bundle_password())
        cli.say(
            f"Mission {done.mission_code} enrolled; trust list v{done.trust_list_version}; "
            "recovery slot wrapped to the Department's key."
        )
        if done.department_url:
            cli.say(f"Online sync with the Department: {done.department_url} (qonys sync)")
        return 0
    st = service.trust_status(ctx)
    cli.say(
        f"Mission {st.mission_code}: trust list v{st.version} issued "
        f"{st.issued_at.date().isoformat()} ({st.age_days:.0f} days old), "
        f"{st.missions} missions, {st.revocations} revocations."
    )
    return 0


def cmd_outbox(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.carried is not None:
        entry = service.mark_carried(ctx, args.carried)
        cli.say(f"package {entry.sequence}: {entry.state}")
        return 0
    rows = service.outbox(ctx)
    if args.json:
        payload: list[dict[str, Any]] = [r.as_dict() for r in rows]
        print(json.dumps(payload, ensure_ascii=False, indent=1), file=cli.out)
        return 0
    if not rows:
        cli.say(Text("Шығыс пакеттер жоқ.", "Исходящих пакетов нет.", "The outbox is empty."))
        return 0
    for r in rows:
        cli.say(
            f"{r.sequence:>5}  {r.state:<13} {r.created_at.date().isoformat()}  "
            f"{r.file_name}  {r.size} bytes"
        )
    return 0


def cmd_reset_chain(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    done = service.reset_chain(ctx, args.to, args.reason)
    dropped = ", ".join(map(str, done.forgotten)) if done.forgotten else "—"
    cli.say(
        Text(
            f"Департамент пакеттерінің тізбегі {done.to}-пакетке қайтарылды (ұмытылғандар: "
            f"{dropped}); келесі {done.to + 1}-пакет қабылданады. Аудитке жазылды.",
            f"Цепочка пакетов Департамента сброшена к пакету {done.to} (забыты: {dropped}); "
            f"следующим принимается пакет {done.to + 1}. Записано в журнал аудита.",
            f"Chain of packages from the Department reset to package {done.to} (forgotten: "
            f"{dropped}); package {done.to + 1} is accepted next, whatever it follows. Audited.",
        )
    )
    return 0


def _sequence_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a package number: {text!r}") from None
    if not 0 <= value <= 999_999:
        raise argparse.ArgumentTypeError(f"a package number is 0 to 999999, not {text}")
    return value


def register(sub: Any) -> None:
    """Add the exchange commands to the `qonys` parser."""
    p = sub.add_parser("export", help="write a signed, encrypted package for the Department")
    p.add_argument("--out", required=True, help="folder for the package file(s)")
    p.add_argument(
        "--split-mb",
        type=bounded_float(1, 100_000),
        help="split into parts of at most this many MB (at least 1)",
    )
    p.add_argument(
        "--all-stages",
        action="store_true",
        help="also send cases not yet forwarded (§7; for tests and demos only)",
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="verify and apply decision packages from the Department")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--accept-gap",
        action="store_true",
        help="accept a package although earlier ones never arrived",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("trust", help="install the enrolment bundle, or show the trust list")
    p.add_argument("action", choices=("import", "show"))
    p.add_argument("bundle", nargs="?")
    p.set_defaults(handler=cmd_trust)

    p = sub.add_parser(
        "reset-chain",
        help="the way out of a broken chain of Department packages (administrator; "
        "docs/exchange.md)",
    )
    p.add_argument(
        "--to",
        required=True,
        type=_sequence_number,
        metavar="SEQ",
        help="the last Department package to keep on record (0: none); SEQ+1 is accepted next",
    )
    p.add_argument("--reason", required=True, help="why (kept in the audit log)")
    p.set_defaults(handler=cmd_reset_chain)

    p = sub.add_parser("outbox", help="packages sent: built, carried, acknowledged")
    p.add_argument(
        "--carried", type=bounded_int(1, 999_999), metavar="SEQ", help="mark package SEQ as carried"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_outbox)
