"""Copying bytes while hashing them, near the speed of a plain file copy (issue 19).

A backup and a restore each read a gigabyte, hash it and write it. SHA-256 is the floor (about
0.6 s of CPU per GB here); what this module keeps small is the copying around it (figures from
`python -m bench.backup` and stand-alone loops over a 1.1 GB file, see docs/administration.md):

* a fresh 1 MiB `bytes` per read is fresh memory from the kernel each time (page faults,
  zeroing) and runs out of the CPU's cache between read, hash and write (the loop took
  1.9–2.5 s of CPU per 1.1 GB that way, 1.2–1.4 s with 64–128 KiB buffers). Here a few
  buffers of `CHUNK` are filled in place (`readinto`) and reused: the block is still in cache
  when it is hashed and written;
* hashing and writing both release the GIL: on a machine with a second core the caller reads
  and hashes while a thread of its own writes, so a copy runs at about the slower of the two,
  not their sum. Writing in line costs less CPU time (no passing of the GIL at each block:
  1.4–1.6 s per 1.1 GB against 1.7–1.8 s, measured on a busy machine) but was no faster there
  and cannot overlap on a quiet one, so it is kept for one-core machines (and the benchmark);
* the kernel writes a file back to disk only at the final fsync unless told sooner: every
  `KICK` bytes the written range is handed to write-back (POSIX_FADV_DONTNEED starts it
  without waiting for it), so the disk works while the next blocks are hashed (with a writer
  thread: 0.37× a plain copy against 0.26× without, medians of three rounds under load).

The bytes hashed are the bytes written, always (one buffer is read once): a file that changes
while it is copied — the live database, whose pages SQLite's checkpointer may copy in meanwhile
— never gives a checksum of other bytes than the copy holds.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

CHUNK = 128 << 10  # fits the CPU's cache with room for the hash state and the kernel's copy
DEPTH = 8  # blocks in flight: 1 MiB of buffers
KICK = 16 << 20

# None: a writer thread when there is a second core; True or False: always (the benchmark).
THREADED: bool | None = None

Update = Callable[[memoryview], None]
Step = Callable[[int], None]  # bytes just copied


class ShortRead(Exception):
    """The source ended before the bytes it was to hold."""


@dataclass(slots=True)
class Stages:
    """Seconds spent in each stage, for the benchmark's profile (threads overlap)."""

    read: float = 0.0
    hash: float = 0.0
    write: float = 0.0  # on the writer's thread (or in line)
    wait: float = 0.0  # the reader waiting for the writer (a free buffer, the last blocks)
    fsync: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)
    threaded: bool = False  # the writes ran on a thread of their own

    def add(self, other: Stages) -> None:
        self.read += other.read
        self.hash += other.hash
        self.write += other.write
        self.wait += other.wait
        self.fsync += other.fsync
        for name, seconds in other.extra.items():
            self.extra[name] = self.extra.get(name, 0.0) + seconds


def second_core() -> bool:
    """Whether a writer thread can run beside the caller."""
    return (os.cpu_count() or 1) >= 2


def start_writeback(fd: int, start: int = 0, length: int = 0) -> None:
    """Ask the kernel to write a range back now (length 0: to the end), without waiting for it
    (Linux; elsewhere the final fsync does it all)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(fd, start, length, os.POSIX_FADV_DONTNEED)


class Writer:
    """Writes blocks to open files in order: on a thread of its own while the caller reads and
    hashes the next ones into the other buffers (`threaded`; by default when there is a second
    core), or in line. An error on the writer's side (a full disk) is raised to the caller at
    its next block or at `finish`."""

    def __init__(
        self, stages: Stages | None = None, depth: int = DEPTH, threaded: bool | None = None
    ) -> None:
        if threaded is None:
            threaded = THREADED if THREADED is not None else second_core()
        self.threaded = threaded
        if stages is not None:
            stages.threaded = threaded
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        self._todo: queue.SimpleQueue[tuple[IO[bytes], bytearray, int] | None] = queue.SimpleQueue()
        for _ in range(depth):
            self._free.put(bytearray(CHUNK))
        self._stages = stages if stages is not None else Stages()
        self._error: BaseException | None = None
        self._written: dict[int, tuple[int, int]] = {}  # fd: (written, handed to write-back)
        self._thread = threading.Thread(target=self._run, name="qonys-copy-write", daemon=True)
        if threaded:
            self._thread.start()
        self._open = threaded

    def buffer(self) -> bytearray:
        started = time.perf_counter()
        block = self._free.get()
        self._stages.wait += time.perf_counter() - started
        self._raise()
        return block

    def give_back(self, block: bytearray) -> None:
        """A buffer taken and not sent."""
        self._free.put(block)

    def send(self, sink: IO[bytes], block: bytearray, length: int) -> None:
        if self.threaded:
            self._todo.put((sink, block, length))
        else:
            self._write(sink, block, length)
            self._raise()

    def write(self, sink: IO[bytes], data: bytes) -> None:
        """Small pieces (header, trailer), in order with the blocks."""
        for start in range(0, len(data), CHUNK):
            piece = data[start : start + CHUNK]
            block = self.buffer()
            block[: len(piece)] = piece
            self.send(sink, block, len(piece))

    def finish(self) -> None:
        """Wait for every block to be written; raise what went wrong on the writer's side."""
        if self._open:
            self._open = False
            started = time.perf_counter()
            self._todo.put(None)
            self._thread.join()
            self._stages.wait += time.perf_counter() - started
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (item := self._todo.get()) is not None:
            self._write(*item)

    def _write(self, sink: IO[bytes], block: bytearray, length: int) -> None:
        try:
            if self._error is None:
                started = time.perf_counter()
                _write_all(sink, memoryview(block)[:length])
                self._written_back(sink.fileno(), length)
                self._stages.write += time.perf_counter() - started
        except Exception as exc:  # noqa: BLE001 - raised on the caller's side (its thread)
            self._error = exc
        finally:
            self._free.put(block)

    def _written_back(self, fd: int, length: int) -> None:
        written, handed = self._written.get(fd, (0, 0))
        written += length
        if written - handed >= KICK:
            start_writeback(fd, handed, written - handed)
            handed = written
        self._written[fd] = (written, handed)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.finish()
        elif self._open:  # an error on the caller's side: stop quietly, the caller raises
            self._open = False
            self._todo.put(None)
            self._thread.join()


def _write_all(sink: IO[bytes], data: memoryview) -> None:
    while data:
        written = sink.write(data)
        if written is None:  # pragma: no cover - a blocking file always takes some
            continue
        data = data[written:]


def pump(
    source: io.RawIOBase,
    size: int,
    update: Update,
    *,
    writer: Writer | None = None,
    sink: IO[bytes] | None = None,
    step: Step | None = None,
    stages: Stages | None = None,
) -> None:
    """Read `size` bytes from `source` (unbuffered), hash each block (`update`) and, with a
    `writer`, write it to `sink`. Raises ShortRead if the source ends first."""
    stages = stages if stages is not None else Stages()
    own = bytearray(CHUNK) if writer is None else None
    left = size
    while left > 0:
        block = own if own is not None else writer.buffer()  # type: ignore[union-attr]
        started = time.perf_counter()
        length = source.readinto(memoryview(block)[: min(CHUNK, left)]) or 0
        read = time.perf_counter()
        stages.read += read - started
        if length == 0:
            if writer is not None:
                writer.give_back(block)
            raise ShortRead
        update(memoryview(block)[:length])
        stages.hash += time.perf_counter() - read
        if writer is not None and sink is not None:
            writer.send(sink, block, length)
        elif writer is not None:
            writer.give_back(block)
        left -= length
        if step is not None:
            step(length)


def fsync(sink: IO[bytes], stages: Stages | None = None) -> None:
    started = time.perf_counter()
    sink.flush()
    os.fsync(sink.fileno())
    if stages is not None:
        stages.fsync += time.perf_counter() - started
