"""Shared-store benchmark (issue 21): the mission store on PostgreSQL beside the SQLCipher one.

    python -m bench.shared_store [--cases 100000] [--desks 4] [--per-desk 100] [--keep DIR]

Starts a throw-away PostgreSQL server (Debian's `postgresql`, as the tests do), builds a
SQLCipher store and a PostgreSQL store of N synthetic cases, and times on both the calls the
desk makes: IIN lookup and surname-prefix search (targets: PostgreSQL ≤ 2× SQLCipher in this
same run; the surname-prefix search also before the desk's index of names is built, and the
time and memory that index takes), login to the first page of the list on PostgreSQL (≤ 1 s), then D desks (separate
processes) creating cases at once on PostgreSQL (≥ 50 cases/s in total).

`--keep DIR` keeps both stores and the server's data in DIR: the next run with the same DIR
and --cases times them again without building them anew (building 100,000 cases takes long).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bench.common import TracedConnections, medians_ms, verdict
from desktop.services import cases, demo, session, shared_store
from desktop.services.context import DeskContext
from desktop.storage import name_index
from desktop.storage.sealed import sealer_of
from desktop.storage.store import StorePaths
from desktop.storage.vault import KdfParams
from tests.pg import postgres_server

PASSWORD = "bench-password-1"
KDF = KdfParams()  # the production cost: the login figure includes Argon2id


def _make(folder: Path, database: str | None) -> None:
    session.create_store(
        folder,
        mission_code="KZ-BEN",
        mission_name="Bench",
        country="DE",
        admin_login="admin",
        admin_full_name="Bench Admin",
        admin_password=PASSWORD,
        kdf=KDF,
        database=database,
    )


def _desk(
    folder: str,
    count: int,
    seed: int,
    ready: multiprocessing.synchronize.Barrier,
    cpu: Any,
) -> None:
    ctx = session.login(Path(folder), "admin", PASSWORD)
    try:
        # Each desk opens cases of different applicants (as at a real desk: the same applicant
        # 400 times would time the growing list of their other cases instead).
        forms = _forms(ctx, count, seed)
        ready.wait(300)  # every desk logged in (Argon2id): the clock starts now
        started = time.process_time()
        for q in forms:
            cases.create_draft(ctx, q)
        cpu.value = time.process_time() - started
    finally:
        ctx.close()


def _forms(ctx: DeskContext, count: int, seed: int) -> list[Any]:
    rng = random.Random(seed)
    return [demo.synthetic_questionnaire(rng, ctx.today()) for _ in range(count)]


def _round_trips(folder: str, count: int) -> tuple[float, float]:
    """Round trips to the server per new case at one desk, all and under the writer lock
    (from libpq's trace; a separate process, so the timed desks run untraced)."""
    with TracedConnections() as trace:
        ctx = session.login(Path(folder), "admin", PASSWORD)
        try:
            forms = iter(_forms(ctx, count + 60, 99))
            # Warm: connections made, statements prepared.
            trace.settle(lambda: cases.create_draft(ctx, next(forms)))
            mark = trace.mark()
            for _ in range(count):
                cases.create_draft(ctx, next(forms))
            trips, under_lock = trace.count_since(mark)
        finally:
            ctx.close()
    return trips / count, under_lock / count


def _time_lookups(pg: DeskContext, lite: DeskContext) -> None:
    """IIN lookup and name searches on both stores, medians; the desk's index of names."""
    total = cases.count_cases(pg)
    sample = cases.list_cases(pg, offset=total // 2, limit=1, order_by="number")[0]
    prefix = sample.surname[:3].lower()

    two_words = f"{sample.surname.lower()} {sample.name[:2].lower()}"

    sealer = sealer_of(pg.store.engine.dialect)
    assert sealer is not None

    def by_iin(c: DeskContext) -> object:
        return cases.list_cases(c, sample.iin)

    def by_prefix(c: DeskContext) -> object:
        return cases.list_cases(c, prefix)

    def by_prefix_after_unexplained_change(c: DeskContext) -> object:
        index = name_index.ready_index(sealer) if c is pg else None
        if index is not None:
            index.mark = -1  # the audit log explains nothing: the sums of the blocks tell
        return cases.list_cases(c, prefix)

    def by_common_prefix(c: DeskContext) -> object:
        return cases.list_cases(c, "төл")  # Төлеуов(а): ~4,600 of 100,000 synthetic cases

    def by_surname_and_name(c: DeskContext) -> object:
        return cases.list_cases(c, two_words)

    def by_prefix_newest(c: DeskContext) -> object:
        return cases.list_cases(c, prefix, order_by="created_at")

    def compare(label: str, call: Any, targeted: bool) -> None:
        on_pg, pg_cpu = medians_ms(partial(call, pg), repeat=20)
        on_lite, lite_cpu = medians_ms(partial(call, lite), repeat=20)
        ratio = on_pg / on_lite if on_lite else float("inf")
        print(
            f"{label:52} pg {on_pg:8.2f} ms (cpu {pg_cpu:.2f})   sqlcipher "
            f"{on_lite:8.2f} ms (cpu {lite_cpu:.2f})   ratio {ratio:5.2f}  "
            + (f"target ≤ 2  {verdict(ratio, 2.0)}" if targeted else "(for comparison)")
        )

    print(f"\nshared store: {total:,} cases, PostgreSQL (sealed) vs SQLCipher, medians")
    compare("IIN lookup", by_iin, True)
    # Before the desk's index of names is built (the first seconds after a login):
    # every match's sealed surname fetched, opened and sorted at the desk.
    compare(f"surname prefix «{prefix}» (by surname, no index yet)", by_prefix, False)
    compare("surname prefix «төл» (by surname, no index yet)", by_common_prefix, False)
    started = time.perf_counter()
    shared_store.start_name_index(pg)
    if not shared_store.name_index_ready(pg, 600):
        raise SystemExit("the index of names was not built")
    index = name_index.ready_index(sealer)
    assert index is not None
    print(
        f"{'index of names built (background thread)':52} "
        f"{(time.perf_counter() - started) * 1000:8.0f} ms, "
        f"{index.memory_bytes() / 1e6:.1f} MB in memory for {len(index.cases):,} cases"
    )
    for label, call, targeted in (
        (f"surname prefix «{prefix}» (first 100, by surname)", by_prefix, True),
        ("surname prefix «төл» (first 100, by surname)", by_common_prefix, True),
        (f"surname + name «{two_words}» (by surname)", by_surname_and_name, True),
        # The first search after any change at any desk: the index compares the row
        # versions of every case, reads the changed ones again, then the page.
        (
            f"surname prefix «{prefix}» (after a change not in the audit)",
            by_prefix_after_unexplained_change,
            False,
        ),
        # For comparison: the same search in an order the server gives itself.
        (f"surname prefix «{prefix}» (first 100, newest)", by_prefix_newest, False),
    ):
        compare(label, call, targeted)
    _after_saves(pg, lite, sample.id, prefix)


def _after_saves(pg: DeskContext, lite: DeskContext, case_id: int, prefix: str) -> None:
    """The first search after a case was saved (at this desk or another: the index learns it
    from the audit log), medians of 10; the case's patronymic goes back and forth."""
    times: dict[str, list[float]] = {"pg": [], "sqlcipher": []}
    for n in range(10):
        for name, ctx in (("pg", pg), ("sqlcipher", lite)):
            q = cases.get_case(ctx, case_id).questionnaire
            patronymic = q.patronymic[:-1] if n % 2 else q.patronymic + "а"
            cases.update_questionnaire(ctx, case_id, replace(q, patronymic=patronymic))
            start = time.perf_counter()
            cases.list_cases(ctx, prefix)
            times[name].append((time.perf_counter() - start) * 1000)
    on_pg, on_lite = statistics.median(times["pg"]), statistics.median(times["sqlcipher"])
    print(
        f"{f'surname prefix «{prefix}» (after a case was saved)':52} pg {on_pg:8.2f} ms"
        f"{'':13}sqlcipher {on_lite:8.2f} ms{'':13}ratio {on_pg / on_lite:5.2f}  (for comparison)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.shared_store")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--per-desk", type=int, default=100)
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the stores in DIR to time them again"
    )
    args = parser.parse_args()

    keep: Path | None = args.keep.resolve() if args.keep else None
    folder = keep / "desks" if keep else Path(tempfile.mkdtemp(prefix="qonys-bench-shared-"))
    built = folder / f"built-{args.cases}"
    reuse = built.exists()
    if keep is not None and not reuse:
        shutil.rmtree(keep, ignore_errors=True)  # another size, or a build cut short
    folder.mkdir(parents=True, exist_ok=True)
    with postgres_server(keep / "server" if keep else None) as server:
        if reuse:  # the kept server listens on a new port
            database = make_url(StorePaths(folder / "pg").url or "").database
            url = server.url(str(database))
            StorePaths(folder / "pg").use_database(url)
        else:
            url = server.create_database()
            _make(folder / "sqlcipher", None)
            _make(folder / "pg", url)
        lite = session.login(folder / "sqlcipher", "admin", PASSWORD)
        pg = session.login(folder / "pg", "admin", PASSWORD)
        try:
            if not reuse:
                print(f"building both stores of {args.cases:,} cases …", flush=True)
                start = time.perf_counter()
                demo.populate(lite, args.cases, random.Random(1), batch=2000)
                demo.populate(pg, args.cases, random.Random(1), batch=2000)
                print(f"built both stores in {time.perf_counter() - start:.0f} s")
                if keep is not None:
                    built.touch()
            _time_lookups(pg, lite)

            def login_to_list() -> None:
                ctx = session.login(folder / "pg", "admin", PASSWORD)
                try:
                    cases.list_cases(ctx, limit=100)
                finally:
                    ctx.close()

            login_ms, login_cpu = medians_ms(login_to_list, repeat=3, warmup=1)
            print(
                f"{'login to the first page of the list':44} {login_ms:8.0f} ms "
                f"(cpu {login_cpu:.0f})   target ≤ 1000 ms  {verdict(login_ms, 1000)}"
            )
        finally:
            lite.close()
            pg.close()

        if args.desks:  # 0: the lookups and the login only
            folders = []
            for n in range(args.desks):
                desk = folder / f"desk{n}"
                shutil.rmtree(desk, ignore_errors=True)
                shared_store.join(desk, url)
                folders.append(str(desk))
            spawn = multiprocessing.get_context("spawn")
            ready = spawn.Barrier(len(folders) + 1)
            cpu = [spawn.Value("d", 0.0) for _ in folders]
            desks = [
                spawn.Process(target=_desk, args=(f, args.per_desk, n, ready, cpu[n]))
                for n, f in enumerate(folders)
            ]
            for desk_process in desks:
                desk_process.start()
            ready.wait(300)
            start = time.perf_counter()
            for desk_process in desks:
                desk_process.join()
            elapsed = time.perf_counter() - start
            made = args.desks * args.per_desk
            rate = made / elapsed
            print(
                f"{args.desks} desks creating {args.per_desk} cases each at once: "
                f"{rate:6.1f} cases/s   target ≥ 50  {verdict(rate, 50, lower_is_better=False)}"
            )
            desk_cpu = sum(c.value for c in cpu) / made * 1000
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                trips, under_lock = pool.apply(_round_trips, (folders[0], 20))
            print(
                f"per new case: desk CPU {desk_cpu:.1f} ms, round trips to the server {trips:.1f} "
                f"({under_lock:.1f} of them holding the store's writer lock)"
            )
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
