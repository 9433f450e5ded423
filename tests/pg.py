"""A throw-away PostgreSQL server for tests, from Debian's `postgresql` package.

`initdb` + `pg_ctl` in a temporary folder on a free port (as the `postgres` user when the
tests run as root: the server refuses to run as root). No mock database: if the server cannot
start, the tests that need it fail loudly with the server's log.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    user: str
    data: Path | None = None  # the server's data folder (to read its files in tests)

    def restart(self) -> None:
        """Stop the server (fast: sessions are cut) and start it again with its options."""
        assert self.data is not None
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run(
            [*as_user, str(_bindir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
             "-t", "60", "-l", str(self.data.parent / "server.log"), "restart"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            pytest.fail(f"PostgreSQL did not restart: {done.stderr.strip()}")

    def stop(self) -> None:
        """Stop the server (fast: sessions are cut); `restart` starts it again."""
        assert self.data is not None
        as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run(
            [*as_user, str(_bindir() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            pytest.fail(f"PostgreSQL did not stop: {done.stderr.strip()}")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A fresh database (a copy of `template`'s when given: cheaper than migrating)."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def mission_template(self) -> str:
        """A database with the mission store's schema at head, to copy for each test."""
        import psycopg

        from desktop.storage import migrate
        from desktop.storage.postgres import pg_engine

        name = "qonys_mission_template"
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                return name
            conn.execute(f'CREATE DATABASE "{name}"')
        engine = pg_engine(self.url(name), bytes(32))  # migrations seal nothing
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        return name


def _bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        pytest.fail(
            "PostgreSQL is not installed (apt-get install postgresql; "
            "scripts/system-deps.sh lists it)"
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def postgres_server(keep: Path | None = None) -> Iterator[PgServer]:
    """A server in a temporary folder, removed after; in `keep` (made if missing) when given:
    its data are kept for the next run (a benchmark's 100,000 cases are built once)."""
    bindir = _bindir()
    base = keep if keep is not None else Path(tempfile.mkdtemp(prefix="qonys-pg-"))
    base.mkdir(parents=True, exist_ok=True)
    base.chmod(0o755)
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = base / "data", base / "server.log"
    port = _free_port()

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*as_user, *argv], capture_output=True, text=True, check=False)

    def discard() -> None:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)

    if keep is not None and (data / "PG_VERSION").exists():
        init = None
    else:
        init = run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "qonys",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        )
    if init is not None and init.returncode != 0:
        discard()
        pytest.fail(f"initdb failed: {init.stderr.strip()}")
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(log),
        "-w",
        "-t",
        "60",
        "start",
    )
    if start.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else ""
        discard()
        pytest.fail(f"PostgreSQL did not start: {start.stderr.strip()}\n{text}")
    try:
        yield PgServer("127.0.0.1", port, "qonys", data)
    finally:
        mode = "immediate" if keep is None else "fast"  # a kept server stops cleanly
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop")
        discard()
