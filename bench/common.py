"""Small helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Engine, event


def median_ms(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paired_ms(
    first: Callable[[], object], second: Callable[[], object], repeat: int = 50, warmup: int = 3
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians of wall and CPU time (this thread's, ms) of two calls measured in turns: a change
    of load on a shared machine hits both alike, and the CPU time does not count the waits for
    a core (so a ratio of CPU times stays steady when wall times do not)."""
    for _ in range(warmup):
        first(), second()
    samples: tuple[list[float], list[float], list[float], list[float]] = ([], [], [], [])
    for _ in range(repeat):
        for fn, wall, cpu in ((first, samples[0], samples[1]), (second, samples[2], samples[3])):
            start, start_cpu = time.perf_counter(), time.thread_time()
            fn()
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    a_wall, a_cpu, b_wall, b_cpu = (statistics.median(s) for s in samples)
    return (a_wall, a_cpu), (b_wall, b_cpu)


def medians_ms(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (ms): on a busy machine the CPU
    time says what the call costs here, the wall time adds the waits (and another process's
    work, such as a database server's)."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def verdict(value: float, target: float, *, lower_is_better: bool = True) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "ok" if ok else "MISSED"


# Round trips to PostgreSQL, counted from libpq's own protocol trace (PQtrace). A round trip is
# the desk sending and then waiting for the server's answer: in the trace, a run of frontend (F)
# messages followed by backend (B) ones. Statements sent together in pipeline mode are one round
# trip; each statement of the ORM is one, and so is each BEGIN and COMMIT. `under_lock` counts
# those of the stretch every other writing desk waits for: from the one that takes the store's
# writer lock (`pg_advisory_xact_lock`) to the one that commits.
_LOCK_ANSWER = '"pg_advisory_xact_lock"'
_COMMITTED = 'CommandComplete\t "COMMIT"'
_ROLLED_BACK = 'CommandComplete\t "ROLLBACK"'
_PREPARED = 'Parse\t "_pg3_'  # a named statement (psycopg's prepared ones); unnamed: ""


class TracedConnections:
    """Every PostgreSQL connection opened meanwhile writes its libpq trace to its own file.

    Entered before the engines connect (before the login); `mark()` after the warm-up
    (`settle`), and `count_since(mark)` after the work counted.
    """

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="qonys-trace-"))
        self.files: list[Path] = []
        self._traced: list[tuple[Any, int]] = []  # (libpq connection, trace file descriptor)
        self._listener = self._connected  # one object: `event.remove` needs the same

    def _connected(self, dbapi_conn: Any, _record: Any) -> None:
        pgconn = getattr(dbapi_conn, "pgconn", None)
        if pgconn is None:
            return
        # Prepared at their first use, not their 5th: `settle` then reaches the state every
        # connection reaches after five uses of each statement (executed by name, no Parse)
        # whatever the number of connections each pool hands out in turn.
        dbapi_conn.prepare_threshold = 0
        path = self.folder / f"{len(self.files)}.trace"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        pgconn.trace(fd)
        self.files.append(path)
        self._traced.append((pgconn, fd))

    def _flush(self) -> None:
        """libpq buffers its trace; stopping it writes out what it holds (then it goes on)."""
        for pgconn, fd in self._traced:
            try:
                pgconn.untrace()
                pgconn.trace(fd)
            except Exception:  # noqa: BLE001, S112 - a connection closed meanwhile: done
                continue

    def __enter__(self) -> Self:
        event.listen(Engine, "connect", self._listener)
        return self

    def __exit__(self, *_exc: object) -> None:  # whatever ended the block: stop listening
        event.remove(Engine, "connect", self._listener)
        self._flush()

    def mark(self) -> dict[Path, int]:
        self._flush()
        return {path: path.stat().st_size for path in self.files}

    def settle(self, call: Callable[[], object], quiet: int = 3, most: int = 60) -> int:
        """Call `call` until `quiet` calls in a row opened no connection and prepared no
        statement: the warm-up before a count of round trips, which then counts the steady
        state only (a preparation outside a pipeline is a round trip of its own; each pool
        hands its connections out in turn, so `quiet` calls use each of them). Returns the
        number of calls."""
        in_a_row = 0
        for calls in range(1, most + 1):
            mark = self.mark()
            call()
            in_a_row = 0 if self._prepared_or_connected_since(mark) else in_a_row + 1
            if in_a_row == quiet:
                return calls
        raise RuntimeError(f"still connecting or preparing statements after {most} calls")

    def _prepared_or_connected_since(self, mark: dict[Path, int]) -> bool:
        self._flush()
        if any(path not in mark for path in self.files):
            return True
        for path in self.files:
            with path.open("rb") as f:
                f.seek(mark[path])
                if _PREPARED in f.read().decode(errors="replace"):
                    return True
        return False

    def count_since(self, mark: dict[Path, int]) -> tuple[int, int]:
        """(round trips, round trips under the writer lock) since `mark`."""
        self._flush()
        trips = under_lock = 0
        for path in self.files:
            with path.open("rb") as f:
                f.seek(mark.get(path, 0))
                lines = f.read().decode(errors="replace").splitlines()
            t, u = _count(lines)
            trips += t
            under_lock += u
        return trips, under_lock


def _count(lines: list[str]) -> tuple[int, int]:
    """Round trips: the times the desk waited for the server — one per Sync it sent (the end
    of a statement outside a pipeline, or of a pipeline) or simple Query (psycopg's BEGIN),
    each answered by a ReadyForQuery. Not the turns between the two sides' lines in the trace: in a
    pipeline the server may answer a statement while the desk is still sending the next one
    (a desk slowed by a loaded machine), which is no wait and counted none."""
    trips = under_lock = 0
    pending = 0  # Syncs sent and not yet answered
    locked_at: int | None = None
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 4 or parts[1] not in ("F", "B"):
            continue
        direction = parts[1]
        if direction == "F" and parts[3].startswith(("Sync", "Query")):
            if pending == 0:
                trips += 1
            pending += 1
        elif direction == "B" and parts[3].startswith("ReadyForQuery"):
            pending = max(0, pending - 1)
        if direction == "B" and locked_at is None and _LOCK_ANSWER in line:
            locked_at = trips
        elif direction == "B" and locked_at is not None and _COMMITTED in line:
            under_lock += trips - locked_at + 1
            locked_at = None
        elif direction == "B" and _ROLLED_BACK in line:
            locked_at = None
    return trips, under_lock
