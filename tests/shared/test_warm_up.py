"""A login to a shared store connects while the password is checked (storage/warm_up.py)."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from desktop.services import cases, demo, session
from desktop.services.errors import WrongCredentials
from desktop.storage import warm_up
from desktop.storage.sealed import sealer_of
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer


def _demo(server: PgServer, folder: Path) -> str:
    url = server.create_database(server.mission_template())
    demo.create_demo(
        folder, cases=3, seed=7, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    return url


def _connections(server: PgServer, url: str) -> dict[str, int]:
    """The server's open connections to this database, by application name."""
    with psycopg.connect(
        host=server.host, port=server.port, user=server.user, dbname="postgres"
    ) as conn:
        rows = conn.execute(
            "SELECT application_name, count(*) FROM pg_stat_activity WHERE datname = %s "
            "GROUP BY application_name",
            (make_url(url).database,),
        ).fetchall()
    return {str(name): int(n) for name, n in rows}


def test_login_uses_the_connections_opened_during_the_password_check(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _demo(pg_server, tmp_path)
    taken: list[tuple[Engine, Engine] | None] = []
    real_take = warm_up.take

    def spy(raw_url: str) -> tuple[Engine, Engine] | None:
        taken.append(real_take(raw_url))
        return taken[-1]

    monkeypatch.setattr(warm_up, "take", spy)
    ctx = session.login(tmp_path, "officer", PASSWORD, clock=MovableClock())
    try:
        assert len(taken) == 1 and taken[0] is not None
        engine, reads = taken[0]
        assert ctx.store.engine is engine
        # Both carry the key now (the warm-up made them without it) and the list reads.
        assert sealer_of(engine.dialect) is not None and sealer_of(reads.dialect) is not None
        assert len(cases.list_cases(ctx, limit=100)) == 3
        assert _connections(pg_server, url).get("qonys-reads") == 1
    finally:
        ctx.close()


def test_a_wrong_password_closes_the_connections_opened_for_it(
    pg_server: PgServer, tmp_path: Path
) -> None:
    url = _demo(pg_server, tmp_path)
    with pytest.raises(WrongCredentials):
        session.login(tmp_path, "officer", "not the password", clock=MovableClock())
    assert url not in warm_up._WARM
    # The warm-up may still be connecting when the refusal comes: it closes what it opened
    # when it is done (the server notices a closed connection a moment later).
    deadline = time.monotonic() + 20
    while (open_ := _connections(pg_server, url)) and time.monotonic() < deadline:
        if "qonys-reads" not in open_ and open_.get("qonys", 0) <= 1:
            break
        time.sleep(0.1)
    # Left: at most the vault's connection (plain "qonys"), kept for the next login.
    assert "qonys-reads" not in open_ and open_.get("qonys", 0) <= 1


def test_a_warm_up_that_cannot_connect_gives_nothing_and_the_opening_reports(
    tmp_path: Path,
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    url = f"postgresql+psycopg://qonys@127.0.0.1:{port}/nowhere"
    warm_up.start(url)
    assert warm_up.take(url) is None
    warm_up.start("not a database url")  # refused quietly: the opening says why
    assert warm_up.take("not a database url") is None
