"""The copy that backups and restores stream through: every byte hashed is the byte written,
in order, whatever the block boundaries; a failed write or a short source stops it cleanly."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from pathlib import Path

import pytest

from desktop.services import backup as backup_service
from desktop.services.context import DeskContext
from desktop.storage import backup as container
from desktop.storage import hashcopy
from tests.conftest import PASSWORD
from tests.storage.backup_helpers import add_scan

C = hashcopy.CHUNK


@pytest.mark.parametrize("threaded", [True, False])
@pytest.mark.parametrize(
    "sizes", [(0,), (1,), (C - 1, C, C + 1), (3 * C + 5, 0, 7), (hashcopy.DEPTH * C * 3 + 1,)]
)
def test_pieces_land_in_order_and_the_hash_is_of_what_was_written(
    tmp_path: Path, sizes: tuple[int, ...], threaded: bool
) -> None:
    parts = [os.urandom(size) for size in sizes]
    sources = []
    for i, data in enumerate(parts):
        path = tmp_path / f"in{i}"
        path.write_bytes(data)
        sources.append(path)
    digest = hashlib.sha256()
    stages = hashcopy.Stages()
    steps: list[int] = []
    with (
        (tmp_path / "a").open("wb", buffering=0) as a,
        (tmp_path / "b").open("wb", buffering=0) as b,
    ):
        with hashcopy.Writer(stages, threaded=threaded) as writer:
            writer.write(a, b"head")
            for i, (path, data) in enumerate(zip(sources, parts, strict=True)):
                with path.open("rb", buffering=0) as source:
                    hashcopy.pump(
                        source,
                        len(data),
                        digest.update,
                        writer=writer,
                        sink=a if i % 2 == 0 else b,
                        step=steps.append,
                        stages=stages,
                    )
            writer.write(b, b"tail" * C)  # longer than a buffer
            writer.finish()
        hashcopy.fsync(a, stages)
    assert digest.digest() == hashlib.sha256(b"".join(parts)).digest()
    assert (tmp_path / "a").read_bytes() == b"head" + b"".join(parts[0::2])
    assert (tmp_path / "b").read_bytes() == b"".join(parts[1::2]) + b"tail" * C
    assert sum(steps) == sum(sizes)
    assert all(0 < step <= C for step in steps)


def test_a_short_source_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "in"
    path.write_bytes(b"x" * (C + 10))
    with path.open("rb", buffering=0) as source, pytest.raises(hashcopy.ShortRead):
        hashcopy.pump(source, C + 11, hashlib.sha256().update)


@pytest.mark.parametrize("threaded", [True, False])
def test_a_write_error_reaches_the_caller_and_stops_the_writer(
    tmp_path: Path, threaded: bool
) -> None:
    class Full:
        """A disk that fills after two blocks."""

        def __init__(self) -> None:
            self.taken = 0

        def write(self, data: memoryview) -> int:
            if self.taken >= 2 * C:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.taken += len(data)
            return len(data)

        def fileno(self) -> int:
            return -1

    path = tmp_path / "in"
    path.write_bytes(os.urandom(40 * C))
    before = threading.active_count()
    with (
        pytest.raises(OSError) as caught,
        hashcopy.Writer(threaded=threaded) as writer,
        path.open("rb", buffering=0) as source,
    ):
        hashcopy.pump(source, 40 * C, hashlib.sha256().update, writer=writer, sink=Full())  # type: ignore[arg-type]
        writer.finish()
    assert caught.value.errno == errno.ENOSPC
    assert threading.active_count() == before  # the writer's thread has ended


@pytest.mark.parametrize("threaded", [True, False])
def test_a_backup_onto_a_full_disk_fails_and_leaves_nothing(
    admin: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threaded: bool
) -> None:
    monkeypatch.setattr(hashcopy, "THREADED", threaded)
    add_scan(admin, 1, os.urandom(8 * C))
    written = 0
    real = hashcopy._write_all

    def fills_up(sink: object, data: memoryview) -> None:
        nonlocal written
        if written > 3 * C:
            raise OSError(errno.ENOSPC, "No space left on device")
        written += len(data)
        real(sink, data)  # type: ignore[arg-type]

    monkeypatch.setattr(hashcopy, "_write_all", fills_up)
    folder = tmp_path / "usb"
    folder.mkdir()
    with pytest.raises(backup_service.BackupWriteFailed):
        backup_service.backup_store(admin, folder / "b.qonys-backup")
    assert list(folder.iterdir()) == []
    # The disk has room again: the next backup works and restores.
    monkeypatch.setattr(hashcopy, "_write_all", real)
    out = backup_service.backup_store(admin, folder / "b.qonys-backup").path
    key = backup_service.key_from_password(container.read_header(out), "admin", PASSWORD)
    backup_service.restore_backup(out, tmp_path / "restored", key, actor="admin")
    assert (tmp_path / "restored" / "qonys.db").exists()
