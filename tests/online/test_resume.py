"""A mission syncing over a bad link, and killed mid-transfer, loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from desktop.services import exchange as exchange_service
from desktop.services import sync_online
from desktop.sync import exchange
from desktop.sync.http_client import CHUNK, SyncClient, file_sha256
from tests.conftest import PASSWORD
from tests.online.conftest import Server
from tests.online.helpers import FlakyProxy, built_package, mission_store


def _db(srv: Server, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(srv.db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return list(conn.execute(sql))  # type: ignore[call-overload]


def _received(srv: Server) -> list[tuple[object, ...]]:
    return _db(srv, "SELECT sequence, sha256 FROM dep_received_package ORDER BY sequence")


def _offset(srv: Server) -> int:
    rows = _db(srv, 'SELECT max("offset") FROM dep_sync_upload')
    value = rows[0][0]
    return int(value) if isinstance(value, int) else 0


def test_a_package_crosses_a_link_that_drops_every_2_mb(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    proxy = FlakyProxy(srv.port, cut_every=2 << 20, latency=0.001)
    ctx = mission_store(tmp_path, srv.bundle, proxy.url)  # type: ignore[attr-defined]
    try:
        path = built_package(ctx, me, tmp_path / "out", pages=8, page_size=1 << 20)
        size = path.stat().st_size
        rounds = 0
        report = sync_online.SyncReport()
        key = me.signing_key
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        while not report.delivered and rounds < 20:
            rounds += 1
            # A fixed chunk (the desk adapts it to the link): "at most one chunk" is checkable.
            with SyncClient(proxy.url, srv.ca, me.signing_cert, key, chunk=CHUNK) as client:
                report = sync_online.sync_once(ctx, force=True, client=client)
            if not report.online:
                assert report.reason == "unreachable" and report.next_try_at is not None
        assert report.delivered == [(1, "accepted")]
        assert proxy.stats.cuts >= size // (2 << 20) - 1
        # Each drop re-sends at most the chunk in flight (plus headers and TLS framing).
        resent = proxy.stats.upstream - size
        assert resent <= proxy.stats.cuts * CHUNK + 256 * 1024, (resent, proxy.stats)
        # Arrived intact: received once, with the very file's digest; the reply acknowledged it.
        assert _received(srv) == [(1, file_sha256(path))]
        assert [e.state for e in exchange_service.outbox(ctx)] == ["acknowledged"]
    finally:
        ctx.close()
        proxy.close()


def _sync_in_child(data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QONYS_PASSWORD": PASSWORD, "QONYS_OFFICER": "admin"}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "sync", "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(condition: object, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    pytest.fail("the transfer did not get going")


def test_killing_the_desk_mid_upload_loses_and_duplicates_nothing(
    served: tuple[Server, exchange.Identity],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    srv, me = served
    proxy = FlakyProxy(srv.port, rate=2 << 20)  # 2 MB/s: the upload takes a few seconds
    ctx = mission_store(tmp_path, srv.bundle, proxy.url)  # type: ignore[attr-defined]
    path = built_package(ctx, me, tmp_path / "out", pages=8, page_size=1 << 20)
    size = path.stat().st_size
    ctx.close()
    child = _sync_in_child(tmp_path / "mission")
    try:
        _wait_for(lambda: _offset(srv) > 0)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    at_kill = _offset(srv)
    assert 0 < at_kill < size
    from desktop.services import session

    ctx = session.login(tmp_path / "mission", "admin", PASSWORD)
    try:
        before = proxy.stats.upstream
        report = sync_online.sync_once(ctx, force=True)
        assert report.delivered == [(1, "accepted")]
        # It went on from where the server was: far less than the whole package again.
        assert proxy.stats.upstream - before < size - at_kill + CHUNK + 256 * 1024
        assert [r[0] for r in _received(srv)] == [1]
        assert _db(srv, "SELECT count(*) FROM dep_sync_upload")[0][0] == 1
        assert [e.state for e in exchange_service.outbox(ctx)] == ["acknowledged"]
        # Nothing more to send, and nothing received twice (`qonys sync --once` says so).
        ctx.close()
        import desktop.cli

        os.environ.update(QONYS_PASSWORD=PASSWORD, QONYS_OFFICER="admin")
        try:
            code = desktop.cli.main(["--data-dir", str(tmp_path / "mission"), "sync", "--once"])
        finally:
            del os.environ["QONYS_PASSWORD"], os.environ["QONYS_OFFICER"]
        out = capsys.readouterr().out
        assert code == 0 and "Online; nothing new either way." in out, out
        assert [r[0] for r in _received(srv)] == [1]
    finally:
        ctx.close()
        proxy.close()


def test_killing_the_server_mid_upload_loses_and_duplicates_nothing(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, me = served
    proxy = FlakyProxy(srv.port, rate=2 << 20)
    ctx = mission_store(tmp_path, srv.bundle, proxy.url)  # type: ignore[attr-defined]
    try:
        path = built_package(ctx, me, tmp_path / "out", pages=8, page_size=1 << 20)
        size = path.stat().st_size
        reports: list[sync_online.SyncReport] = []
        # The desk's sync in a thread with its own session, as the desk runs it.
        from desktop.services import session

        def run() -> None:
            other = session.login(tmp_path / "mission", "admin", PASSWORD)
            try:
                reports.append(sync_online.sync_once(other, force=True))
            finally:
                other.close()

        worker = threading.Thread(target=run)
        worker.start()
        _wait_for(lambda: _offset(srv) > 0)
        srv.kill()
        worker.join(120)
        assert reports and not reports[0].online  # the link went down under it
        assert 0 < _offset(srv) < size
        srv.start()
        report = sync_online.sync_once(ctx, force=True)
        assert report.delivered == [(1, "accepted")], report
        assert [r[0] for r in _received(srv)] == [1]
        assert _db(srv, "SELECT count(*) FROM dep_sync_upload")[0][0] == 1
        assert [e.state for e in exchange_service.outbox(ctx)] == ["acknowledged"]
    finally:
        ctx.close()
        proxy.close()
