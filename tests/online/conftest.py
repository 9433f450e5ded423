"""Online exchange tests (issue 16): the real server (uvicorn in a subprocess, TLS with a
certificate from the test Department's CA) on the throw-away PostgreSQL, real packages, and
a flaky TCP proxy between client and server."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from desktop.department import cli
from desktop.sync import exchange
from tests.department.helpers import BUNDLE_PASSWORD, identity
from tests.pg import PgServer

PASSWORD = "department-test-pw"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    data_dir: Path
    db_url: str
    port: int
    ca: x509.Certificate
    args: list[str] = field(default_factory=list)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def cli(self, *argv: str) -> int:
        return cli.main(["--data-dir", str(self.data_dir), "--db", self.db_url, *argv])

    def start(self) -> None:
        env = {**os.environ, "QONYS_PASSWORD": PASSWORD}
        self.log = self.data_dir.parent / f"server-{time.monotonic_ns()}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "desktop.department.cli",
                    "--data-dir",
                    str(self.data_dir),
                    "--db",
                    self.db_url,
                    "serve",
                    "--port",
                    str(self.port),
                    *self.args,
                ],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        ca_file = ssl.create_default_context(cafile=str(self.data_dir / "keys" / "ca.crt.pem"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited: {self.log.read_text(errors='replace')}")
            try:
                r = httpx.get(f"{self.url}/health", verify=ca_file, timeout=2)
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        pytest.fail(f"the server did not start: {self.log.read_text(errors='replace')}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log else ""


@pytest.fixture
def department(
    tmp_path: Path, pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Server, exchange.Identity]]:
    """An initialised Department on PostgreSQL with mission KZ-BER enrolled; not yet served."""
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QONYS_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
    monkeypatch.delenv("QONYS_DEPARTMENT_DB", raising=False)
    data_dir = tmp_path / "department"
    srv = Server(data_dir, pg_server.create_database(), free_port(), ca=None)  # type: ignore[arg-type]
    assert srv.cli("init") == 0
    bundle = tmp_path / "ber.bundle"
    assert (
        srv.cli("enrol-mission", "--code", "KZ-BER", "--name", "Berlin", "--out", str(bundle)) == 0
    )
    srv.ca = x509.load_pem_x509_certificate((data_dir / "keys" / "ca.crt.pem").read_bytes())
    srv.bundle = bundle  # type: ignore[attr-defined]
    try:
        yield srv, identity(bundle)
    finally:
        srv.stop()


@pytest.fixture
def served(department: tuple[Server, exchange.Identity]) -> tuple[Server, exchange.Identity]:
    srv, me = department
    srv.start()
    return srv, me
