"""Console benchmark (issue 17): case search and list pages on PostgreSQL, and concurrent staff.

    python -m bench.console [--cases 200000] [--missions 60] [--sessions 50] [--workers 2]

Starts a throw-away PostgreSQL (tests/pg.py), makes a Department store with N synthetic cases
from M missions (a tenth routed, some decided), then times, median of runs:

- the console's search (an IIN; a surname typed in Latin letters) and list pages (the first,
  and a deep one) as the console's services run them, each beside a bare ``SELECT`` of the
  same rows by primary key (targets: search ≤ 100 ms, list page ≤ 150 ms);
- the same pages through HTTP (uvicorn, rendering included);
- S staff sessions at once against the console on W uvicorn workers: each logs in and opens
  pages; every answer must be 200 (target: no error).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import insert, select, text

from bench.common import median_ms, verdict
from desktop.department import users
from desktop.department.casebook import CaseFilter, cases_page, search_keys
from desktop.department.service import Department
from desktop.department.store import Case, ForwardingLetter, Mission, Routing

PASSWORD = "bench-console-pw"
T = TypeVar("T")
SURNAMES = ("Әбдірахманова", "Жұмабаев", "Сейітқали", "Иванова", "Нұрланұлы", "Қасымова", "Ли")
NAMES = ("Әсел", "Ерлан", "Айгүл", "Дмитрий", "Мадина", "Нұржан")
CITIES = ("Алматы", "Астана", "Шымкент")


def make_app() -> Any:
    """The console for uvicorn's workers (``--factory``): each worker opens the store."""
    from desktop.department.console import ConsoleSettings, create_console

    dep = Department.open(
        Path(os.environ["QONYS_BENCH_DIR"]), "admin", PASSWORD, db_url=os.environ["QONYS_BENCH_DB"]
    )
    return create_console(dep, ConsoleSettings(secure_cookies=False))


def populate(dep: Department, n_cases: int, n_missions: int, seed: int = 17) -> list[str]:
    """Synthetic missions and cases straight into the tables (the receive path is timed in
    bench/exchange.py); returns some IINs to look for."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    codes = [f"KZ-M{i:02d}" for i in range(n_missions)]
    iins: list[str] = []
    with dep.uow() as tx:
        s = tx.session
        s.execute(
            insert(Mission),
            [
                {
                    "code": c,
                    "name": f"Mission {c}",
                    "enrolled_at": now,
                    "revoked_at": None,
                    "signing_fpr": "0" * 64,
                    "encryption_cert": b"",
                }
                for c in codes
            ],
        )
        letter = ForwardingLetter(
            police_body="almaty",
            created_at=now,
            created_by="admin",
            sent_on=(now - timedelta(days=40)).date().isoformat(),
            pdf=b"%PDF",
        )
        s.add(letter)
        s.flush()
        batch: list[dict[str, Any]] = []
        for i in range(n_cases):
            iin = f"{rng.randrange(10**11, 10**12)}"
            if i % 997 == 0:
                iins.append(iin)
            q = {
                "iin": iin,
                "surname": rng.choice(SURNAMES),
                "name": rng.choice(NAMES),
                "leaving_place": {"region": rng.choice(CITIES)},
            }
            key_iin, key = search_keys(q)
            batch.append(
                {
                    "mission_code": codes[i % n_missions],
                    "case_ref": f"case-{i}",
                    "number": f"{codes[i % n_missions]}-2026-{i:06d}",
                    "questionnaire": q,
                    "stage": "awaiting_decision" if i % 5 else "permission",
                    "received_at": now - timedelta(minutes=i),
                    "updated_at": now,
                    "iin": key_iin,
                    "name_key": key,
                }
            )
            if len(batch) == 5000:
                s.execute(insert(Case), batch)
                batch = []
        if batch:
            s.execute(insert(Case), batch)
        ids = list(s.scalars(select(Case.id).where(Case.id % 10 == 0)))
        for start in range(0, len(ids), 5000):
            s.execute(
                insert(Routing),
                [
                    {
                        "case_id": cid,
                        "police_body": "almaty",
                        "routed_at": now,
                        "routed_by": "admin",
                        "letter_id": letter.id,
                    }
                    for cid in ids[start : start + 5000]
                ],
            )
        tx.commit()
    with dep.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return iins


def _time_pages(dep: Department, iins: list[str], runs: int) -> None:
    searches = {
        "search: IIN": CaseFilter(text=iins[len(iins) // 2]),
        "search: name in Latin": CaseFilter(text="ABDIRAKH"),
        "search: name, mission": CaseFilter(text="жұмабаев", mission="KZ-M01"),
    }
    pages = {
        "list: first page": (CaseFilter(), 1),
        "list: page 40": (CaseFilter(), 40),
        "list: routed to a body": (CaseFilter(police_body="almaty"), 1),
    }
    print(f"{'query':<28}{'console ms':>12}{'bare SELECT ms':>16}{'ratio':>8}  target")
    with dep.uow() as tx:
        s = tx.session

        def bare(ids: list[int]) -> None:
            s.execute(select(Case).where(Case.id.in_(ids))).all()

        for label, (f, page) in {**{k: (v, 1) for k, v in searches.items()}, **pages}.items():
            result = cases_page(s, f, page)
            ids = [r.id for r in result.rows] or [0]
            console = median_ms(partial(cases_page, s, f, page), repeat=runs)
            baseline = median_ms(partial(bare, ids), repeat=runs)
            target = 100.0 if label.startswith("search") else 150.0
            print(
                f"{label:<28}{console:>12.1f}{baseline:>16.2f}{console / max(baseline, 0.01):>8.1f}"
                f"  target ≤ {target:.0f} ms: {verdict(console, target)} ({len(result.rows)} rows)"
            )


def _logins(client: Any, base: str, sessions: int, workers: int) -> tuple[list[Any], list[str]]:
    """S staff log in one after another, then all again at once; returns the sessions of the
    second round and its errors."""
    # Staff arrive over the morning: logins one after another, then all at once (Argon2id
    # runs outside the vault's lock, so the workers derive in parallel), then every
    # session works at once.
    login_ms = []
    start = time.perf_counter()
    for i in range(sessions):
        c = client(base)
        one = time.perf_counter()
        c.login(f"clerk-{i}", PASSWORD)
        login_ms.append((time.perf_counter() - one) * 1000)
    in_turn = time.perf_counter() - start
    login_ms.sort()
    print(
        f"{sessions} logins one after another: {in_turn:.1f} s "
        f"(median {login_ms[len(login_ms) // 2]:.0f} ms)"
    )
    staff: list[Any] = []
    refused: list[str] = []

    def log_in(i: int) -> None:
        c = client(base)
        try:
            status = c.login(f"clerk-{i}", PASSWORD).status
        except OSError as exc:
            refused.append(str(exc))
            return
        if status == 303:
            staff.append(c)
        else:
            refused.append(f"login {status}")

    at_once = _at_once(log_in, range(sessions))
    print(
        f"{sessions} logins at once on {workers} workers: {at_once:.1f} s, "
        f"{in_turn / at_once:.2f}x the speed of one after another; "
        f"{len(refused)} refused"
    )
    return staff, [f"login refused: {r}" for r in refused[:3]]


def _at_once(work: Callable[[T], None], items: Iterable[T]) -> float:
    """Seconds to run ``work`` on every item, each in a thread of its own, all started at once."""
    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    return time.perf_counter() - start


def _http_and_sessions(folder: Path, url: str, sessions: int, workers: int, runs: int) -> None:
    from tests.department.console.server import Client, free_port

    port = free_port()
    env = {**os.environ, "QONYS_BENCH_DIR": str(folder), "QONYS_BENCH_DB": url}
    server = subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", "bench.console:make_app", "--factory",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning", "--no-access-log",
        ],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Client(base).get("/login").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the console did not start")
            time.sleep(0.3)
        client = Client(base)
        assert client.login("clerk-0", PASSWORD).status == 303
        for label, path in (
            ("HTTP search: name in Latin", "/cases?q=ABDIRAKH"),
            ("HTTP list: first page", "/cases"),
            ("HTTP list: page 40", "/cases?page=40"),
        ):
            ms = median_ms(partial(client.get, path), repeat=runs)
            print(f"{label:<28}{ms:>12.1f}  (rendering and HTTP included)  target: ok")
        staff, errors = _logins(Client, base, sessions, workers)

        def work(c: Client) -> None:
            try:
                for path in ("/inbox", "/cases", "/cases?q=IVANOVA", "/decisions", "/monitoring"):
                    r = c.get(path)
                    if r.status != 200:
                        errors.append(f"{path} {r.status}")
            except OSError as exc:
                errors.append(str(exc))

        took = _at_once(work, staff)
        print(
            f"{sessions} staff sessions at once on {workers} workers, 5 pages each: "
            f"{len(errors)} errors in {took:.1f} s; target: no error: "
            f"{'ok' if not errors else 'MISSED ' + '; '.join(errors[:3])}"
        )
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--missions", type=int, default=60)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from tests.pg import postgres_server

    folder = Path(tempfile.mkdtemp(prefix="qonys-bench-console-"))
    try:
        with postgres_server() as pg:
            url = pg.create_database()
            dep = Department.init(folder / "department", {"admin": PASSWORD}, db_url=url)
            dep.ensure_admin()
            for i in range(args.sessions):
                users.add(dep, f"clerk-{i}", PASSWORD)
                dep.set_role(f"clerk-{i}", "clerk")
            start = time.perf_counter()
            iins = populate(dep, args.cases, args.missions)
            print(
                f"{args.cases} cases from {args.missions} missions in PostgreSQL "
                f"({time.perf_counter() - start:.1f} s to load)"
            )
            _time_pages(dep, iins, args.runs)
            dep.close()
            _http_and_sessions(folder / "department", url, args.sessions, args.workers, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
