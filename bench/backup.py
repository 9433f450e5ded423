"""Backup benchmark (issues 8 and 19): backup, verify and restore throughput; the built app's start-up.

    python -m bench.backup [--size-mb 1024] [--keep DIR] [--repeat 3] [--skip-methods]
                           [--app dist/qonys/qonys] [--runs 5] [--skip-startup]

Builds a demo store and fills it with scans of random bytes up to `--size-mb` (random data is
the worst case: nothing compresses, every page is encrypted; the pages go where a desk puts
them: since issue 19 into the store's `scans/` files). Then, `--repeat` rounds of: the two
baselines (measured again in every round because the machine's load moves), a backup (the
store's encrypted files copied under one read transaction into the streamed container),
`backup verify` with the key, and a restore into an empty folder. It prints the medians in MB/s
and as ratios to the baselines (targets: backup ≥ 0.5× and ≥ 300 MB/s, restore ≥ 0.5×), each
stage's share of the last run (read, hash, write on its own threads, waiting for them, fsync,
the snapshot, the rest), and the ratio of each round.

The two baselines, both a plain copy + fsync of the same bytes:

* **into one file**: the store's files (database and scan files) copied one after the other
  into a single file, fsynced. It has the backup's shape (many files in, one file out) and is
  the backup's baseline. It is also what the restore was measured against before the store's
  scans became files of their own (issue 19); its ratio is still printed beside the restore's.
* **as a tree**: the same files copied into the same folders (`scans/ab/…`) of an empty
  folder, each file then fsynced, then each folder: the plain way to copy the store itself
  (`cp -r`, then fsync). It has the restore's shape (one stream in, ~1,000 files in ~250
  folders created and made durable) and is the restore's baseline: creating a file or a
  folder waits on the file system's journal, which no copy of this store can avoid, while
  the one-file copy streams into a single file the restore never writes.
Then SQLite's documented ways of copying a live database side by side, one run each: the online
backup API in one step and in 4096-page steps, `VACUUM INTO`, and the raw copy of the database
and its log under a read transaction (what a backup does, without checksum and MAC). Last, the
start-up of the built app (`make dist`) against `python -m desktop`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine

from bench.common import verdict
from desktop.services import backup as backup_service
from desktop.services import demo, session
from desktop.services.context import DeskContext
from desktop.storage import backup as container
from desktop.storage import hashcopy
from desktop.storage.engine import key_pragmas
from desktop.storage.models import AttachmentRow
from desktop.storage.vault import KdfParams

PASSWORD = "bench-password-1"
TARGET_MB_S = 300.0
TARGET_RATIO = 0.5
ROOT = Path(__file__).resolve().parent.parent
BLOB = 1 << 20


def build_store(folder: Path, size_mb: int) -> Path:
    data_dir = folder / "store"
    if (data_dir / "qonys.vault").exists():
        return data_dir
    demo.create_demo(data_dir, cases=50, seed=3, password=PASSWORD, kdf=KdfParams(1024, 1, 1))
    ctx = session.login(data_dir, "admin", PASSWORD)
    try:
        written = 0
        while written < size_mb:
            with ctx.uow() as uow:
                for _ in range(min(64, size_mb - written)):
                    uow.session.add(
                        AttachmentRow(
                            case_id=1 + written % 50,
                            item_key="passport_copy",
                            document_id=str(uuid.uuid4()),
                            page_no=1,
                            mime="image/jpeg",
                            width=2480,
                            height=3508,
                            data=os.urandom(BLOB),
                            created_at=ctx.now(),
                            created_by=ctx.officer.id,
                            note="",
                        )
                    )
                    written += 1
                uow.commit()
    finally:
        ctx.close()
    return data_dir


def _mb(size: int) -> float:
    return size / 1e6


def _drop(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _both(rate: float, base: float) -> str:
    ratio_ok = verdict(rate / base, TARGET_RATIO, lower_is_better=False) == "ok"
    rate_ok = verdict(rate, TARGET_MB_S, lower_is_better=False) == "ok"
    return "ok" if ratio_ok and rate_ok else "MISSED"


def _store_files(data_dir: Path) -> list[Path]:
    """What a backup of the store copies: its database and its scan files (issue 19)."""
    return [data_dir / "qonys.db", *sorted((data_dir / "scans").rglob("*.qscan"))]


def _plain_copy_all(sources: list[Path], target: Path) -> None:
    """The baseline: every file of the store copied into one file, then fsync."""
    with target.open("wb") as out:
        for source in sources:
            with source.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def _plain_copy_tree(data_dir: Path, sources: list[Path], target: Path) -> None:
    """The restore's baseline: the store's files into the same folders of an empty folder (the
    in-kernel copy of `shutil.copyfile`), then each file fsynced, then each folder."""
    target.mkdir()
    folders = {target}
    for source in sources:
        copy = target / source.relative_to(data_dir)
        if copy.parent not in folders:
            copy.parent.mkdir(parents=True, exist_ok=True)
            folders.add(copy.parent)
        shutil.copyfile(source, copy)
    for source in sources:
        with (target / source.relative_to(data_dir)).open("rb+") as handle:
            os.fsync(handle.fileno())
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _plain_copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _backup_api_copy(engine: Engine, key: bytes | bytearray, target: Path, pages: int) -> None:
    """SQLite's online backup API into a new SQLCipher file with the same key: every page is
    decrypted out of the store and encrypted again into the copy. `pages` per step (-1: all)."""
    with engine.connect() as conn:
        source = conn.connection.driver_connection
        assert source is not None
        [(algorithm,)] = source.execute("PRAGMA cipher_hmac_algorithm").fetchall()
        dest = sqlcipher3.dbapi2.connect(str(target))
        try:
            for pragma in key_pragmas(key, algorithm):
                dest.execute(pragma)
            dest.execute("PRAGMA journal_mode = OFF")
            dest.execute("PRAGMA synchronous = OFF")
            source.backup(dest, pages=pages)
            dest.commit()
        finally:
            dest.close()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _vacuum_into(engine: Engine, target: Path) -> None:
    """`VACUUM INTO`: SQLite writes a fresh, compacted copy (SQLCipher encrypts it with the
    store's key): every page rewritten, and the b-trees rebuilt on the way."""
    with engine.connect() as conn:
        source = conn.connection.driver_connection
        assert source is not None
        source.execute("VACUUM INTO ?", (str(target),))
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def _raw_copy(engine: Engine, db: Path, work: Path) -> None:
    """The store's own encrypted files (database + write-ahead log) copied as they are under
    one read transaction: what a backup does, without the container's checksum and MAC."""
    with container.frozen_store(engine, db) as files:
        for source, size, name in (
            (files.db, files.db_size, "raw.db"),
            (files.wal, files.wal_size, "raw.db-wal"),
        ):
            if size:
                _plain_copy(source, work / name)


def _encrypted(path: Path) -> str:
    with path.open("rb") as handle:
        start = handle.read(16)
    if start.startswith(container.MAGIC):
        return "a Qonys backup"
    return "in clear" if start == b"SQLite format 3\x00" else "encrypted"


def _timed(fn: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def _profile(label: str, stages: hashcopy.Stages, seconds: float) -> None:
    """Each stage's share of the wall time (with writer threads, writing overlaps reading and
    hashing: the shares then add up to more than 100 %; the writes of a restore's pool add up
    the time of each of its threads)."""
    parts = {
        "read": stages.read,
        "hash": stages.hash,
        "write": stages.write,
        "wait for the writer": stages.wait,
        "fsync": stages.fsync,
        **stages.extra,
    }
    on_caller = sum(v for k, v in parts.items() if k != "write" or not stages.threaded)
    parts["other (vault, audit entry, renames)"] = max(0.0, seconds - on_caller)
    shares = ", ".join(f"{name} {value / seconds:4.0%}" for name, value in parts.items())
    print(f"  profile of the {label}: {shares}")


def _container(ctx: DeskContext, target: Path, *, threaded: bool) -> None:
    hashcopy.THREADED = threaded
    try:
        backup_service.backup_store(ctx, target)
    finally:
        hashcopy.THREADED = None


def methods(data_dir: Path, work: Path) -> None:
    """SQLite's documented ways of copying a live database, side by side (one run each)."""
    db = data_dir / "qonys.db"
    size = _mb(db.stat().st_size)
    base = size / _timed(lambda: _plain_copy(db, work / "copy.db"))
    _drop(work / "copy.db")
    print(f"methods, side by side (one run each; baseline plain copy + fsync {base:.0f} MB/s):")
    ctx = session.login(data_dir, "admin", PASSWORD)
    try:
        engine, key = ctx.store.engine, ctx.store.key
        trials: list[tuple[str, Callable[[Path], object], str]] = [
            (
                "backup API, one step (pages=-1)",
                lambda t: _backup_api_copy(engine, key, t, -1),
                "api.db",
            ),
            (
                "backup API, steps of 4096 pages",
                lambda t: _backup_api_copy(engine, key, t, 4096),
                "api.db",
            ),
            ("VACUUM INTO", lambda t: _vacuum_into(engine, t), "vacuum.db"),
            (
                "raw copy of db + WAL under a read transaction",
                lambda _target: _raw_copy(engine, db, work),
                "raw.db",
            ),
            (
                "that copy in the container, writing in line",
                lambda t: _container(ctx, t, threaded=False),
                "inline.qonys-backup",
            ),
            (
                "that copy in the container, writer thread",
                lambda t: _container(ctx, t, threaded=True),
                "thread.qonys-backup",
            ),
        ]
        for label, run, name in trials:
            target = work / name
            _drop(target)
            rate = size / _timed(run, target)
            print(f"  {label:46} {rate:6.0f} MB/s  ({rate / base:.2f}× copy, {_encrypted(target)})")
            for leftover in work.glob(name + "*"):
                _drop(leftover)
    finally:
        ctx.close()


def throughput(data_dir: Path, work: Path, repeat: int) -> None:
    files = _store_files(data_dir)
    db_size = sum(f.stat().st_size for f in files)
    folders = len({f.parent for f in files[1:]})
    print(
        f"store: {_mb(db_size):.0f} MB (database {_mb(files[0].stat().st_size):.0f} MB, "
        f"{len(files) - 1} scan files in {folders} folders)"
    )
    copy = work / "copy.db"
    tree = work / "tree-copy"
    out = work / "bench.qonys-backup"
    target = work / "restored"
    rates: dict[str, list[float]] = {k: [] for k in ("copy", "tree", "backup", "verify", "restore")}
    restore_seconds: list[float] = []
    profiles: dict[str, tuple[hashcopy.Stages, float]] = {}
    # Each round measures the baselines again beside the three: the machine's load moves.
    for _ in range(repeat):
        _drop(copy)
        rates["copy"].append(_mb(db_size) / _timed(lambda: _plain_copy_all(files, copy)))
        _drop(copy)
        _drop(tree)
        rates["tree"].append(_mb(db_size) / _timed(lambda: _plain_copy_tree(data_dir, files, tree)))
        _drop(tree)
        _drop(out)
        ctx = session.login(data_dir, "admin", PASSWORD)
        stages = hashcopy.Stages()
        try:
            start = time.perf_counter()
            result = backup_service.backup_store(ctx, out, stages=stages)
            seconds = time.perf_counter() - start
        finally:
            ctx.close()
        rates["backup"].append(_mb(db_size) / seconds)
        profiles["backup"] = (stages, seconds)

        key = backup_service.key_from_password(container.read_header(out), "admin", PASSWORD)
        stages = hashcopy.Stages()
        seconds = _timed(backup_service.verify_backup, out, key, stages=stages)
        rates["verify"].append(_mb(result.size) / seconds)
        profiles["verify"] = (stages, seconds)

        _drop(target)
        stages = hashcopy.Stages()
        seconds = _timed(
            backup_service.restore_backup, out, target, key, actor="admin", stages=stages
        )
        rates["restore"].append(_mb(db_size) / seconds)
        restore_seconds.append(seconds)
        profiles["restore"] = (stages, seconds)
        _drop(target)
        _drop(out)

    base, tree_base, backup, verify, restore = (
        statistics.median(rates[k]) for k in ("copy", "tree", "backup", "verify", "restore")
    )
    mode = "a writer thread" if hashcopy.second_core() else "writing in line (one core)"
    print(f"medians of {repeat} rounds, each with its own baselines; copies now use {mode}:")
    print(f"baseline  plain copy + fsync into one file: {base:7.0f} MB/s  (the backup's)")
    print(
        f"baseline  plain copy + fsync as a tree:     {tree_base:7.0f} MB/s  (the restore's: "
        f"{len(files)} files and {folders + 1} folders created, each fsynced)"
    )
    print(
        f"backup    {backup:7.0f} MB/s  ({backup / base:.2f}× one-file copy)"
        f"  target ≥{TARGET_RATIO}× and ≥{TARGET_MB_S:.0f} MB/s: {_both(backup, base)}"
    )
    _profile("last backup", *profiles["backup"])
    print(f"verify    {verify:7.0f} MB/s  ({verify / base:.2f}× one-file copy)")
    _profile("last verify", *profiles["verify"])
    print(
        f"restore   {restore:7.0f} MB/s  ({restore / tree_base:.2f}× tree copy)"
        f"  target ≥{TARGET_RATIO}×: "
        f"{verdict(restore / tree_base, TARGET_RATIO, lower_is_better=False)}"
        f"   [{restore / base:.2f}× one-file copy, the baseline before scan files;"
        f" {statistics.median(restore_seconds):.2f} s]"
    )
    _profile("last restore", *profiles["restore"])
    for label, rate, baseline in (("backup", "backup", "copy"), ("restore", "restore", "tree")):
        ratios = [r / c for r, c in zip(rates[rate], rates[baseline], strict=True)]
        print(f"{label} ÷ its baseline in each round: " + ", ".join(f"{r:.2f}" for r in ratios))


def _median_run(argv: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs + 1):  # the first run warms the file cache
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True, timeout=120)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples[1:]) * 1000


def startup(app: Path, work: Path, runs: int) -> None:
    if not app.exists():
        print(f"start-up: no built app at {app} (run `make dist`)")
        return
    store = work / "startup-store"
    if not store.exists():
        demo.create_demo(store, cases=20, seed=1, password=PASSWORD, kdf=KdfParams(1024, 1, 1))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QONYS_PASSWORD": PASSWORD,
        "QONYS_LOG_DIR": str(work / "log"),
    }
    source_env = {**env, "PYTHONPATH": str(ROOT)}
    frozen_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    python = [sys.executable, "-m", "desktop"]
    for label, args, extra in (
        ("--version", ["--version"], {}),
        (
            "desk open+quit",
            ["--data-dir", str(store), "--officer", "admin"],
            {"QONYS_SMOKE_TEST": "1"},
        ),
    ):
        frozen = _median_run([str(app), *args], {**frozen_env, **extra}, runs)
        source = _median_run([*python, *args], {**source_env, **extra}, runs)
        print(
            f"start-up {label:15} built {frozen:6.0f} ms   python -m desktop {source:6.0f} ms"
            f"   ratio {frozen / source:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.backup")
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store in this folder")
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "qonys" / "qonys")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of copy/backup/restore")
    parser.add_argument("--skip-methods", action="store_true", help="no side-by-side methods")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="qonys-bench-backup-"))
    try:
        start = time.perf_counter()
        data_dir = build_store(folder, args.size_mb)
        print(f"built the store in {time.perf_counter() - start:.0f} s")
        throughput(data_dir, folder, args.repeat)
        if not args.skip_methods:
            methods(data_dir, folder)
        if not args.skip_startup:
            startup(args.app, folder, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
