"""`qonys settings show [--json]` and `qonys settings set KEY VALUE` (administrator)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from desktop.services import settings as settings_service

if TYPE_CHECKING:
    from desktop.cli import Cli


_shown = settings_service.format_value


def cmd_settings(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.action == "set":
        if args.key is None or args.value is None:
            from desktop.domain.i18n import Text
            from desktop.services.errors import InvalidInput

            message = "settings set needs KEY and VALUE"
            raise InvalidInput(Text(message, message, message))
        value = settings_service.set_value(ctx, args.key, args.value)
        cli.say(f"{args.key} = {_shown(value)}")
        return 0
    current = settings_service.show(ctx)
    if args.json:
        doc = dict(current.values)
        doc["backup.last_at"] = (
            current.last_backup_at.isoformat() if current.last_backup_at else None
        )
        json.dump(doc, cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
        return 0
    for setting in settings_service.REGISTRY:
        cli.say(f"{setting.key:30} {_shown(current.values[setting.key])}")
    last = current.last_backup_at
    cli.say(
        f"{'backup.last_at':30} {last:%Y-%m-%d %H:%M} UTC"
        if last
        else f"{'backup.last_at':30} never"
    )
    return 0


def register(sub: Any) -> None:
    keys = "; ".join(f"{s.key}: {s.help}" for s in settings_service.REGISTRY)
    p = sub.add_parser(
        "settings",
        help="show or change the mission settings (administrator)",
        description=f"Keys — {keys}",
    )
    p.add_argument("action", choices=("show", "set"))
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_settings)
