"""A flaky link for the online tests, and a mission store enrolled at the test Department."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.services import exchange as exchange_service
from desktop.services import session, settings
from desktop.services.context import DeskContext
from desktop.storage.models import OutboxRow
from desktop.sync import exchange
from tests.conftest import FAST_KDF, PASSWORD
from tests.department.helpers import BUNDLE_PASSWORD, case, export


@dataclass
class LinkStats:
    upstream: int = 0  # bytes client → server that went through
    connections: int = 0
    cuts: int = 0


class FlakyProxy:
    """A TCP proxy on 127.0.0.1 that cuts the link after every ``cut_every`` bytes sent
    upstream (counted over the proxy's life, as a link that drops every N bytes), adds
    ``latency`` seconds to each piece and throttles to ``rate`` bytes/s each way."""

    def __init__(
        self,
        target_port: int,
        *,
        cut_every: int | None = None,
        latency: float = 0.0,
        rate: int | None = None,
    ) -> None:
        self.target_port = target_port
        self.cut_every, self.latency, self.rate = cut_every, latency, rate
        self.stats = LinkStats()
        self._next_cut = cut_every
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            self.stats.connections += 1
            pair = (client, server)
            threading.Thread(
                target=self._pipe, args=(client, server, True, pair), daemon=True
            ).start()
            threading.Thread(
                target=self._pipe, args=(server, client, False, pair), daemon=True
            ).start()

    def _pipe(
        self,
        src: socket.socket,
        dst: socket.socket,
        upstream: bool,
        pair: tuple[socket.socket, ...],
    ) -> None:
        try:
            while True:
                data = src.recv(16384)
                if not data:
                    break
                if upstream and self.cut_every:
                    with self._lock:
                        assert self._next_cut is not None
                        room = self._next_cut - self.stats.upstream
                        if room <= len(data):
                            data = data[: max(room, 0)]
                            self.stats.upstream += len(data)
                            self._next_cut += self.cut_every
                            self.stats.cuts += 1
                            if data:
                                dst.sendall(data)
                            raise ConnectionAbortedError
                        self.stats.upstream += len(data)
                elif upstream:
                    self.stats.upstream += len(data)
                if self.latency:
                    time.sleep(self.latency)
                if self.rate:
                    time.sleep(len(data) / self.rate)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in pair:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()


def mission_store(tmp_path: Path, bundle: Path, url: str) -> DeskContext:
    """A mission store (admin logged in) enrolled with ``bundle``, syncing with ``url``."""
    data_dir = tmp_path / "mission"
    session.create_store(
        data_dir,
        mission_code="KZ-BER",
        mission_name="Berlin",
        country="DE",
        admin_login="admin",
        admin_full_name="Әкімші Админ",
        admin_password=PASSWORD,
        kdf=FAST_KDF,
    )
    ctx = session.login(data_dir, "admin", PASSWORD)
    exchange_service.install_enrolment(ctx, bundle.read_bytes(), BUNDLE_PASSWORD)
    settings.set_value(ctx, "sync.department_url", url)
    return ctx


def built_package(
    ctx: DeskContext,
    me: exchange.Identity,
    out: Path,
    *,
    sequence: int = 1,
    pages: int = 1,
    page_size: int = 300,
    previous: tuple[str, str] | None = None,
) -> Path:
    """A real package from this mission's keys, recorded in its outbox as built."""
    written = export(
        me,
        out,
        [case(sequence, pages=pages, page_size=page_size)],
        sequence=sequence,
        previous=previous[0] if previous else None,
        previous_manifest=previous[1] if previous else None,
    )[0]
    with ctx.uow() as uow:
        uow.session.add(
            OutboxRow(
                sequence=sequence,
                sha256=written.sha256,
                manifest_sha256=written.manifest_sha256,
                file_name=written.path.name,
                folder=str(written.path.parent),
                size=written.size,
                cases=1,
                events=2,
                scans=pages,
                state=exchange_service.BUILT,
                created_at=ctx.now(),
            )
        )
        uow.commit()
    return written.path
