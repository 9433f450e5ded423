"""`qonys rules`: the versions of the Rules this mission knows and which one is in force
(§14-1): bundled with Qonys or installed from the Department's signed updates."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from desktop.services import rulesets

if TYPE_CHECKING:
    from desktop.cli import Cli

OK = 0


def cmd_rules(args: argparse.Namespace, cli: Cli) -> int:
    infos = rulesets.rule_sets(cli.context())
    if args.json:
        doc = [
            {
                "version": i.version,
                "in_force_from": i.effective_from.isoformat(),
                "in_force_date_confirmed": i.confirmed,
                "order_number": i.order_number,
                "published_on": i.published_on.isoformat() if i.published_on else None,
                "source": i.source,
                "from_department": i.installed,
                "in_force_now": i.in_force_now,
                "text": i.text.get(cli.lang),
            }
            for i in infos
        ]
        json.dump(doc, cli.out, ensure_ascii=False, indent=1)
        cli.out.write("\n")
        return OK
    for i in infos:
        mark = "*" if i.in_force_now else " "
        origin = "Department" if i.installed else "bundled"
        cli.say(f"{mark} {i.version} ({origin})")
        cli.say(i.text)
    return OK


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "rules", help="§14-1: the versions of the Rules known here, * the one in force"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rules)
