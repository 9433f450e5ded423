"""`qonys sync [--once | --watch] [--export]`: the online road to the Department (issue 16).

For a scheduled task (`--once`, the default) or a terminal left running (`--watch`). Export
still builds the packages (`--export` builds what is new into the store's own folder first);
sync moves them and fetches the replies, importing them as `qonys import` does.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from typing import TYPE_CHECKING, Any

from desktop.domain.i18n import Text
from desktop.services import exchange as exchange_service
from desktop.services import sync_online

if TYPE_CHECKING:
    from desktop.cli import Cli


def _hhmm(_cli: Cli, report: sync_online.SyncReport) -> str:
    when = report.next_try_at
    return when.astimezone().strftime("%H:%M") if when else "—"


def _print(cli: Cli, report: sync_online.SyncReport) -> bool:
    """Say what the round did; True if nothing is wrong."""
    if report.skipped:
        cli.say(
            Text(
                f"Байланыс жоқ ({sync_online.reason_text(report.reason).kk}); "
                f"келесі әрекет {_hhmm(cli, report)}",
                f"Нет связи ({sync_online.reason_text(report.reason).ru}); "
                f"следующая попытка в {_hhmm(cli, report)}",
                f"Offline ({sync_online.reason_text(report.reason).en}); "
                f"next try at {_hhmm(cli, report)}",
            )
        )
        return False
    for seq, result in report.delivered:
        cli.say(f"package {seq}: delivered ({result})")
    for seq, reason in report.refused:
        cli.say(
            Text(
                f"{seq}-пакет қабылданбады: {sync_online.reason_text(reason).kk}",
                f"Пакет {seq} отклонен: {sync_online.reason_text(reason).ru}",
                f"package {seq}: refused — {sync_online.reason_text(reason).en} ({reason})",
            )
        )
    for seq, reason in report.waiting:
        cli.say(f"package {seq}: waiting — {sync_online.reason_text(reason).en} ({reason})")
    for r in report.imported:
        cli.say(
            f"reply package {r.sequence}: {r.decisions} decisions applied, "
            f"{r.acknowledged} packages acknowledged"
        )
        if r.held:
            cli.say(
                f"record by hand (the case is not at a stage that takes it): {', '.join(r.held)}"
            )
    if not report.online:
        cli.say(
            Text(
                f"Байланыс жоқ: {sync_online.reason_text(report.reason).kk}; "
                f"келесі әрекет {_hhmm(cli, report)}",
                f"Нет связи: {sync_online.reason_text(report.reason).ru}; "
                f"следующая попытка в {_hhmm(cli, report)}",
                f"Offline: {sync_online.reason_text(report.reason).en} ({report.reason}); "
                f"next try at {_hhmm(cli, report)}",
            )
        )
        return False
    if report.reason:  # a reply fetched but refused on import: fetched again next time
        cli.say(
            Text(
                f"Департамент пакеті қабылданбады: {sync_online.reason_text(report.reason).kk}",
                f"Пакет Департамента не принят: {sync_online.reason_text(report.reason).ru}",
                f"a reply package was refused on import: "
                f"{sync_online.reason_text(report.reason).en} ({report.reason})",
            )
        )
        return False
    if not (report.delivered or report.imported or report.refused or report.waiting):
        cli.say(Text("Жаңа ештеңе жоқ.", "Нового нет.", "Online; nothing new either way."))
    return not report.refused


def cmd_sync(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.export:
        result = exchange_service.export(ctx, sync_online.outgoing_dir(ctx))
        for p in result.packages:
            cli.say(f"built package {p.sequence} ({p.size} bytes)")
    if not args.watch:
        report = sync_online.sync_once(ctx, force=True)
        return 0 if _print(cli, report) else 1
    stop: list[bool] = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    cli.say("Syncing until Ctrl+C …")

    def said(report: sync_online.SyncReport) -> None:
        _print(cli, report)

    with contextlib.suppress(KeyboardInterrupt):
        sync_online.watch(ctx, should_stop=lambda: bool(stop), on_report=said)
    sys.stdout.flush()
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="send built packages to the Department's server and fetch its replies "
        "(sync.department_url; docs/exchange.md)",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one round, then exit (default)")
    mode.add_argument("--watch", action="store_true", help="keep syncing until Ctrl+C")
    p.add_argument(
        "--export", action="store_true", help="first build a package of what is new to send"
    )
    p.set_defaults(handler=cmd_sync)
