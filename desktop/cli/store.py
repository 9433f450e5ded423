"""Where the mission's store is, and moving it to PostgreSQL (issue 21).

    qonys --data-dir DIR store show                 the kind of store this desk opens
    qonys --data-dir DIR store move --to URL        SQLCipher → PostgreSQL (administrator)
    qonys --data-dir DIR store scans                move scan pages a store made before
                                                    revision 0013 keeps in its table into
                                                    encrypted files; remove orphan files

A desk joins a shared store with the global option `--db URL` (or QONYS_DB): the folder
remembers it (DIR/database.url) and later runs need no option.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.services import shared_store


def cmd_store(args: argparse.Namespace, cli: Any) -> int:
    if args.action == "show":
        url = shared_store.database_of(cli.data_dir)
        cli.say(f"PostgreSQL: {url}" if url else f"SQLCipher file in {cli.data_dir}")
        return 0
    from desktop.cli.common import plain
    from desktop.services.errors import InvalidInput

    if args.action == "scans":
        return _scans(cli)

    if not args.to:
        raise InvalidInput(plain("store move needs --to postgresql+psycopg://…"))
    ctx = cli.context()
    result = shared_store.move_to_database(ctx, args.to)
    for table, rows in result.rows.items():
        cli.say(f"  {table:22} {rows:8} rows, digest verified")
    cli.say(f"Moved in {result.seconds:.1f} s; the old files are in {result.retired}")
    cli.say("Every desk now starts with: qonys --db URL (the same URL)")
    return 0


def _scans(cli: Any) -> int:
    from desktop.services import scan_storage

    ctx = cli.context()
    before = scan_storage.describe(ctx)
    if not before.in_files:
        cli.say("PostgreSQL: scan pages stay sealed in the database")
        return 0
    cli.say(f"{before.pages_in_table} pages ({before.bytes_in_table / 1e6:.1f} MB) in the table")

    def progress(done: int, total: int) -> None:
        cli.say(f"  {done}/{total} pages moved")

    result = scan_storage.move_to_files(ctx, progress)
    cli.say(f"Moved {result.moved} pages into files; removed {result.swept} orphan files")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "store", help="where the store is; move it to PostgreSQL; scans into files (admin)"
    )
    p.add_argument("action", choices=("show", "move", "scans"))
    p.add_argument("--to", help="move: postgresql+psycopg://USER@HOST/DB?sslmode=verify-full&…")
    p.set_defaults(handler=cmd_store)
