"""Store benchmark (issue 2): open, IIN lookup, Cyrillic prefix search, first page of the list.

    python -m bench.store [--cases 100000] [--keep DIR]

Builds an encrypted store of N synthetic cases and an unencrypted SQLite file with the same
schema, then times the same service calls the desk makes on both and prints the ratios
(targets of issue 19: IIN ≤ 0.5 ms, Cyrillic prefix ≤ 5 ms, encrypted ÷ plain ≤ 1.2). A name
search lists alphabetically by surname, walking the surname index (desktop/services/cases.py).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import create_engine, event

from bench.common import median_ms, paired_ms, verdict
from desktop.services import cases, demo, session
from desktop.services.context import DeskContext
from desktop.storage import migrate
from desktop.storage.engine import CACHE_KIB, explicit_transactions
from desktop.storage.store import OpenStore, StorePaths
from desktop.storage.vault import new_data_key

PASSWORD = "bench-password-1"


def _plain_context(encrypted: DeskContext, folder: Path) -> DeskContext:
    """The same schema and rows in a plain SQLite file, driven through the same services and
    the same transactions (the desk's units of work BEGIN IMMEDIATE: the plain file too, or
    the ratio would count the transactions as the cost of encryption)."""
    path = folder / "plain.db"
    engine = create_engine(f"sqlite+pysqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _tune(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "temp_store = MEMORY",
            "foreign_keys = ON",
            f"cache_size = -{CACHE_KIB}",
        ):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()
        dbapi_conn.isolation_level = None

    explicit_transactions(engine)

    migrate.upgrade(engine)
    store = OpenStore(StorePaths(folder), engine, new_data_key())
    with store.uow() as uow, encrypted.uow() as source:
        for row in (source.mission.get(), *source.officers.all()):
            uow.session.merge(row)
        uow.commit()
    return DeskContext(store=store, officer=encrypted.officer, mission=encrypted.mission)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.store")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stores in this folder")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="qonys-bench-"))
    data_dir = folder / "store"
    fresh = not data_dir.exists()
    if fresh:
        print(f"building an encrypted store of {args.cases:,} cases in {data_dir} …", flush=True)
        session.create_store(
            data_dir,
            mission_code="KZ-BEN",
            mission_name="Bench",
            country="DE",
            admin_login="admin",
            admin_full_name="Bench Admin",
            admin_password=PASSWORD,
        )
    ctx = session.login(data_dir, "admin", PASSWORD)
    plain = _plain_context(ctx, folder)
    try:
        if fresh:
            start = time.perf_counter()
            demo.populate(ctx, args.cases, random.Random(1), batch=2000)
            demo.populate(plain, args.cases, random.Random(1), batch=2000)
            print(f"built both stores in {time.perf_counter() - start:.0f} s")
        total = cases.count_cases(ctx)
        sample = cases.list_cases(ctx, offset=total // 2, limit=1, order_by="number")[0]
        prefix = sample.surname[:3].lower()

        def open_store() -> None:
            session.login(data_dir, "admin", PASSWORD).close()

        def by_iin(c: DeskContext) -> object:
            return cases.list_cases(c, sample.iin)

        def by_prefix(c: DeskContext) -> object:
            return cases.list_cases(c, prefix)

        def first_page(c: DeskContext) -> object:
            return cases.list_cases(c, limit=100)

        figures: list[tuple[str, tuple[float, float], tuple[float, float], float | None]] = []
        open_ms = median_ms(open_store, repeat=7, warmup=1)
        queries: list[tuple[str, Callable[[DeskContext], object], float | None]] = [
            ("IIN lookup", by_iin, 0.5),
            (f"surname prefix «{prefix}» (first 100, by surname)", by_prefix, 5.0),
            ("first page of the case list (100)", first_page, None),
        ]
        for label, call, target in queries:
            # In turns, 200 of each; the ratio is of CPU times (steady on a loaded machine).
            pair = paired_ms(partial(call, ctx), partial(call, plain), repeat=200)
            figures.append((label, *pair, target))

        print(f"\nstore: {total:,} cases, encrypted (SQLCipher 4) vs plain SQLite, medians")
        print(
            f"{'open with password (Argon2id included)':44} {open_ms:8.1f} ms   "
            f"target ≤ 400 ms  {verdict(open_ms, 400)}"
        )
        for label, (enc_wall, enc_cpu), (raw_wall, raw_cpu), target in figures:
            ratio = enc_cpu / raw_cpu if raw_cpu else float("inf")
            goal = f"target ≤ {target:g} ms  {verdict(enc_wall, target)}" if target else ""
            print(
                f"{label:44} {enc_wall:8.3f} ms   plain {raw_wall:8.3f} ms   ratio {ratio:4.2f} "
                f"(≤ 1.2 {verdict(ratio, 1.2)}; wall {enc_wall / raw_wall:4.2f})   {goal}"
            )
        print("  (medians of 200 calls of each, in turns; the ratio is of CPU times)")
    finally:
        ctx.close()
        plain.store.engine.dispose()
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
