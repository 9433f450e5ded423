"""Shared fixtures: real stores on disk with a cheap key derivation for speed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.services import demo, session
from desktop.services.context import DeskContext
from desktop.storage.vault import KdfParams
from tests.pg import PgServer, postgres_server

# Argon2id at 1 MiB: the same code path as production, a thousandth of the cost.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


class MovableClock:
    """An injected clock that tests move by hand."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throw-away PostgreSQL server for the whole run (tests make their own databases)."""
    with postgres_server() as server:
        yield server


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def fast_kdf() -> KdfParams:
    return FAST_KDF


@pytest.fixture
def demo_dir(tmp_path: Path, clock: MovableClock) -> Path:
    data_dir = tmp_path / "store"
    demo.create_demo(data_dir, cases=25, seed=7, password=PASSWORD, kdf=FAST_KDF, clock=clock)
    return data_dir


@pytest.fixture
def admin(demo_dir: Path, clock: MovableClock) -> Iterator[DeskContext]:
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    yield ctx
    ctx.close()


@pytest.fixture
def officer(demo_dir: Path, clock: MovableClock) -> Iterator[DeskContext]:
    ctx = session.login(demo_dir, "officer", PASSWORD, clock=clock)
    yield ctx
    ctx.close()
