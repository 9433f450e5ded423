"""Exchange benchmark (issue 6): export throughput and memory, Department receive rate.

    python -m bench.exchange [--scan-mb 1024] [--page-kb 1024] [--cases 10000] [--db URL]

1. Builds a demo mission store holding ``--scan-mb`` of scanned pages (random bytes: scans
   are JPEG/PNG, which do not compress), then exports it (signed, encrypted package). Prints
   the throughput as a ratio to AES-256-CBC + SHA-256 over the same bytes in the same process
   (target ≥ 0.8, issue 19) and the peak memory growth during the export (target ≤ 64 MB).
   Then each stage alone, one after another on one thread, with its share of the CPU:
   reading pages (scan files, AES-256-GCM; issue 19), the CMS envelope, the member's hashes,
   the package's hash, ZIP writing (into memory: the page cache's cost varies with the
   kernel's writeback and is printed apart, as a median), fsync; and the best ratio their sum
   allows with every core free. The export's own CPU per thread is printed too.
2. Receives a package of ``--cases`` cases into PostgreSQL (a throw-away cluster from Debian's
   ``postgresql`` package, or ``--db``) and prints cases per second (target ≥ 100).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import re
import resource
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select

from bench.common import verdict
from desktop.department.service import Department
from desktop.services import demo, session
from desktop.services import exchange as mission_exchange
from desktop.services.exchange.prefetch import read_pages
from desktop.storage.engine import streaming_reader
from desktop.storage.models import AttachmentRow, CaseRow
from desktop.storage.vault import KdfParams
from desktop.sync import cms, exchange
from desktop.sync.package import Deferred
from desktop.sync.package.container import crc32
from desktop.sync.trust import read_bundle

PASSWORD = "bench-password-1"
BUNDLE_PW = "bench-bundle-pw"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    with Path("/proc/self/statm").open() as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # KiB on Linux


def _cpu_seconds() -> tuple[float, float]:
    """(user, system) CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


@contextmanager
def _cpu_per_thread() -> Iterator[dict[str, float]]:
    """CPU seconds of each thread started inside the block, by name (a pool's threads
    together), and of the calling thread as "main"."""
    spent: dict[str, float] = {}
    lock = threading.Lock()
    run = threading.Thread.run

    def timed(thread: threading.Thread) -> None:
        try:
            run(thread)
        finally:
            name = re.sub(r"_[0-9]+$", "", thread.name)
            with lock:
                spent[name] = spent.get(name, 0.0) + time.thread_time()

    threading.Thread.run = timed  # type: ignore[method-assign, assignment]
    start = time.thread_time()
    try:
        yield spent
    finally:
        threading.Thread.run = run  # type: ignore[method-assign]
        spent["main"] = time.thread_time() - start


def _baseline(pages: list[bytes], rounds: int) -> tuple[float, float]:
    """MB/s of AES-256-CBC + SHA-256 over the same bytes, in this process, and its CPU ms/MB."""
    key, iv = secrets.token_bytes(32), secrets.token_bytes(16)
    cpu = time.thread_time()
    start = time.perf_counter()
    total = 0
    for _ in range(rounds):
        for page in pages:
            padder = padding.PKCS7(128).padder()
            enc = Cipher(algorithms.AES256(key), modes.CBC(iv)).encryptor()
            data = enc.update(padder.update(page) + padder.finalize()) + enc.finalize()
            hashlib.sha256(data).digest()
            total += len(page)
    mbs = total / 1e6 / (time.perf_counter() - start)
    return mbs, (time.thread_time() - cpu) / (total / 1e6) * 1000


def _build_store(folder: Path, scan_mb: int, page_kb: int) -> int:
    """The enrolled demo mission with ``scan_mb`` of scanned pages; returns the page count."""
    store_dir = folder / "mission"
    dep = Department.init(folder / "department", {"admin": PASSWORD})
    demo.create_demo(store_dir, cases=40, seed=3, password=PASSWORD, kdf=FAST_KDF)
    ctx = session.login(store_dir, "admin", PASSWORD)
    mission_exchange.install_enrolment(
        ctx, dep.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW), BUNDLE_PW
    )
    dep.close()
    page_bytes = page_kb * 1024
    n_pages = max(1, scan_mb * 1024 * 1024 // page_bytes)
    print(f"building a store with {n_pages} pages of {page_kb} KiB ({scan_mb} MiB) ...")
    with ctx.uow() as uow:
        case_ids = list(uow.session.scalars(select(CaseRow.id)))
        for cid in case_ids:
            uow.session.get(CaseRow, cid).stage = "forwarded"  # type: ignore[union-attr]
        uow.commit()
    done = 0
    while done < n_pages:
        with ctx.uow() as uow:
            for _ in range(min(64, n_pages - done)):
                uow.attachments.add(
                    AttachmentRow(
                        case_id=case_ids[done % len(case_ids)],
                        item_key="passport",
                        document_id=str(done),
                        page_no=done + 1,
                        mime="image/jpeg",
                        width=1,
                        height=1,
                        data=secrets.token_bytes(page_bytes),
                        created_at=ctx.now(),
                        created_by=None,
                        note="",
                    )
                )
                done += 1
            uow.commit()
    ctx.close()
    return n_pages


def bench_export(folder: Path, scan_mb: int, page_kb: int) -> None:
    # The store is built in a process of its own: the timed export then runs in a process that
    # did not just allocate and free a gigabyte (as a desk's would not), and the peak memory
    # measured is the export's.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        n_pages = pool.submit(_build_store, folder, scan_mb, page_kb).result()
    store_dir = folder / "mission"
    page_bytes = page_kb * 1024
    sample = [secrets.token_bytes(page_bytes) for _ in range(8)]

    # The store was just written: flush it now, or the kernel writes it back during the timed
    # export (a mission's store is not a gigabyte of fresh writes).
    os.sync()
    ctx = session.login(store_dir, "admin", PASSWORD)
    # Warm-up, as in a desk that has been running: the first signature check of a process
    # imports pyHanko (~0.3 s), which is start-up, not export throughput.
    mission_exchange.newest_trust_list(ctx)
    out = folder / "out"
    out.mkdir()
    rss_before = _rss_mb()
    cpu_start = _cpu_seconds()
    faults_start = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    start = time.perf_counter()
    with _cpu_per_thread() as threads:
        result = mission_exchange.export(ctx, out)
    elapsed = time.perf_counter() - start
    user, system = (after - before for after, before in zip(_cpu_seconds(), cpu_start, strict=True))
    export_cpu = user + system
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_start
    peak_growth = _peak_mb() - rss_before
    ctx.close()
    size = sum(p.size for p in result.packages)
    export_mbs = n_pages * page_bytes / 1e6 / elapsed
    base_mbs, base_cpu = _baseline(sample, max(1, min(n_pages // len(sample), 64)))
    ratio = export_mbs / base_mbs
    print(
        f"export: {len(result.packages)} package(s), {size / 1e6:.0f} MB in {elapsed:.1f} s "
        f"= {export_mbs:.0f} MB/s of scans"
    )
    print(f"baseline AES-256-CBC + SHA-256 in this process: {base_mbs:.0f} MB/s")
    print(
        f"  ratio export/baseline: {ratio:.2f} (target >= 0.8) "
        f"{verdict(ratio, 0.8, lower_is_better=False)}"
    )
    print(
        f"  peak memory growth during export: {peak_growth:.0f} MB (target <= 64) "
        f"{verdict(peak_growth, 64)}"
    )
    # Each page is read (scan file, AES-GCM), encrypted and hashed on a thread per core, and
    # written on one more (pages are looked up ahead on another, the main thread feeds them and
    # checks their records, the written pages' cache is handed back on "package-writeback"):
    # on a machine with fewer free cores than busy threads, the wall-clock ratio is bound by the
    # CPU the export needs per MB, printed here (in all and per thread) to tell the two apart.
    mb = n_pages * page_bytes / 1e6
    print(
        f"  export CPU: {export_cpu:.1f} s over {elapsed:.1f} s "
        f"({export_cpu / elapsed:.1f} of {os.cpu_count()} cores busy; user {user:.1f} s, "
        f"system {system:.1f} s), {export_cpu / mb * 1000:.1f} ms per MB; "
        f"baseline {base_cpu:.1f} ms per MB (CPU ratio {base_cpu * 1000 / (export_cpu / mb * 1000) / 1000:.2f}"
        f" on one core; export minor page faults {faults / mb:.0f} per MB)"
    )
    print(
        "  export CPU per thread: "
        + ", ".join(
            f"{name} {seconds / mb * 1000:.2f}"
            for name, seconds in sorted(threads.items(), key=lambda kv: -kv[1])
            if seconds / mb * 1000 >= 0.01
        )
        + " ms per MB"
    )
    bench_stages(store_dir, folder, base_cpu)


_WINDOW = 8 * 1024 * 1024  # page-cache writes are timed in windows of this many bytes


def bench_stages(
    store_dir: Path, out: Path, base_cpu: float | None = None, limit_mb: int = 128
) -> None:
    """Each stage of an export alone, one after the other on one thread, over the same pages.

    CPU time per stage (``time.thread_time``: what the other helpers' load does not inflate)
    and its share of the sum. The ZIP writing in the sum is the copy of each member into a
    memory sink: a write into the page cache costs that copy and whatever the kernel's
    writeback makes it cost at that moment (0.3 to 2 ms per MB between runs), so it is timed
    apart, as the median of 8 MB windows, with the wall time of the final fsync.
    """
    ctx = session.login(store_dir, "admin", PASSWORD)
    with ctx.uow() as uow:
        envelope = cms.Envelope(mission_exchange._identity(uow)[0].peer_encryption_cert)
        ids = list(uow.session.scalars(select(AttachmentRow.id).order_by(AttachmentRow.id)))
    read, seal, hash_member, hash_file, copy = (
        "read (scan files, AES-GCM)",
        "CMS envelope (AES-256-CBC, RSA)",
        "member SHA-256 + CRC-32",
        "package SHA-256",
        "ZIP writing (copy to memory)",
    )
    cpu = dict.fromkeys((read, seal, hash_member, hash_file, copy), 0.0)
    total = 0
    buffer = bytearray()
    page_buffer = bytearray()
    sink = bytearray(_WINDOW * 2)
    file_digest = hashlib.sha256()
    windows: list[float] = []
    window_cpu, window_bytes = 0.0, 0
    target = out / "stages.bin"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with streaming_reader(ctx.store.engine) as conn:
            pages = read_pages(conn, ids)  # the export's own reader (desktop/services/exchange)
            while total < limit_mb * 1e6:
                t = time.thread_time()
                got = next(pages, None)
                if got is None:
                    break
                # A scan file's page is read and opened by the encrypting thread: here, now.
                data = _plaintext(got[1], page_buffer)
                t1 = time.thread_time()
                cpu[read] += t1 - t
                if len(buffer) < envelope.size(len(data)):
                    buffer = bytearray(envelope.size(len(data)) + 4096)
                der = memoryview(buffer)[: envelope.encrypt_into(data, buffer)]
                t2 = time.thread_time()
                cpu[seal] += t2 - t1
                hashlib.sha256(der).digest()  # the member's digest in the manifest
                crc32(der, 0)  # the ZIP's, as the encrypting thread computes it
                t3 = time.thread_time()
                cpu[hash_member] += t3 - t2
                file_digest.update(der)  # the whole file's digest (the chain), on the writer
                t4 = time.thread_time()
                cpu[hash_file] += t4 - t3
                at = total % _WINDOW
                sink[at : at + len(der)] = der
                t5 = time.thread_time()
                cpu[copy] += t5 - t4
                _write_all(fd, der)  # the writer's write, timed apart: see the docstring
                window_cpu += time.thread_time() - t5
                window_bytes += len(der)
                if window_bytes >= _WINDOW:
                    windows.append(window_cpu / (window_bytes / 1e6) * 1000)
                    window_cpu, window_bytes = 0.0, 0
                    if hasattr(os, "posix_fadvise"):  # as the writer does
                        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                total += len(data)
            pages.close()
        t = time.perf_counter()
        os.fsync(fd)
        fsync_s = time.perf_counter() - t
    finally:
        os.close(fd)
    ctx.close()
    target.unlink()
    whole = sum(cpu.values())
    mb = total / 1e6
    print(f"stages, one after another on one thread over {mb:.0f} MB (CPU ms per MB, share):")
    for name, seconds in cpu.items():
        print(f"  {name:34s} {seconds / mb * 1000:5.2f} ms/MB  {seconds / whole:4.0%}")
    if windows:
        print(
            f"  (page-cache write, not in the sum:   {statistics.median(windows):5.2f} ms/MB, "
            f"median of {len(windows)} 8 MB windows, {min(windows):.2f}-{max(windows):.2f}; "
            f"fsync {fsync_s / mb * 1000:.2f} ms/MB wall)"
        )
    if base_cpu is not None:
        # The export reads, encrypts, hashes and takes the CRC of members on a thread per
        # core; one thread writes (the file's SHA-256 and the copy), in order. Its fastest
        # here: the stages' CPU spread over every core, or the writing thread's, whichever is
        # slower. The baseline is one thread doing two of them (AES-CBC, one SHA-256).
        cores = os.cpu_count() or 1
        per_mb = whole / mb * 1000
        writer_mb = (cpu[hash_file] + cpu[copy]) / mb * 1000
        bound = max(per_mb / cores, writer_mb)
        print(
            f"  sum {per_mb:.2f} ms/MB against the baseline's {base_cpu:.2f}: at best "
            f"{base_cpu / bound:.2f}x the baseline with all {cores} cores free "
            f"({'the writing thread' if bound == writer_mb else 'CPU'} bound), "
            f"{base_cpu / per_mb:.2f}x on one"
        )


def _plaintext(page: bytes | Deferred, buffer: bytearray) -> bytes | memoryview:
    """A page as the package's encrypting thread reads it (into a buffer it keeps)."""
    if not isinstance(page, Deferred):
        return page
    if page.read_into is None:
        return page.read()
    if len(buffer) < page.size:
        buffer[:] = bytes(page.size)
    return page.read_into(buffer)


def _write_all(fd: int, data: memoryview) -> None:
    while data:
        data = data[os.write(fd, data) :]


def bench_receive(folder: Path, n_cases: int, db_url: str | None) -> None:
    server: AbstractContextManager[object]
    if db_url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.pg import postgres_server

        server = postgres_server()
    else:
        server = nullcontext(None)
    with server as pg:
        url = db_url or pg.create_database()  # type: ignore[attr-defined]
        dep = Department.init(folder / "dep-pg", {"admin": PASSWORD}, db_url=url)
        me = exchange.mission_identity(
            read_bundle(dep.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW), BUNDLE_PW)
        )
        questionnaire = {
            "schema": 1,
            "iin": "900517312343",
            "surname": "Әбдірахманов",
            "name": "Нұрлан",
            "patronymic": "Қайратұлы",
            "birth_date": "1990-05-17",
            "sex": "male",
            "employment": [
                {
                    "from": 2019,
                    "to": 2024,
                    "enterprise": "ТОО «Қазақ Инвест»",
                    "position": "инженер",
                    "address": "Алматы",
                }
            ]
            * 5,
            "relatives": [{"full_name": "Әбдірахманова Гүлнұр", "kinship": "mother"}] * 4,
        }
        cases = (
            exchange.OutgoingCase(
                record={
                    "id": str(i),
                    "number": f"KZ-BER-2026-{i:05d}",
                    "mission": "KZ-BER",
                    "questionnaire": questionnaire,
                    "events": [
                        {
                            "id": f"{i}:{k}",
                            "kind": kind,
                            "at": "2026-11-20T09:45:00+00:00",
                            "officer": "officer",
                            "data": {},
                        }
                        for k, kind in enumerate(("case_opened", "accepted", "forwarded"))
                    ],
                }
            )
            for i in range(1, n_cases + 1)
        )
        out = folder / "to-dep"
        out.mkdir()
        t0 = time.perf_counter()
        [pkg] = exchange.export_packages(
            out, me, cases, acknowledgements=[], first_sequence=1, previous_sha256=None
        )
        t_export = time.perf_counter() - t0
        t0 = time.perf_counter()
        got = dep.receive(pkg.path)
        t_receive = time.perf_counter() - t0
        rate = got.cases / t_receive
        print(f"package of {n_cases} cases: {pkg.size / 1e6:.1f} MB, exported in {t_export:.1f} s")
        print(
            f"Department receive into PostgreSQL: {got.cases} cases, {got.events} events in "
            f"{t_receive:.1f} s = {rate:.0f} cases/s (target >= 100) "
            f"{verdict(rate, 100, lower_is_better=False)}"
        )
        dep.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.exchange")
    parser.add_argument("--scan-mb", type=int, default=1024, help="MiB of scans in the store")
    parser.add_argument("--page-kb", type=int, default=1024, help="KiB per scanned page")
    parser.add_argument("--cases", type=int, default=10_000, help="cases for the receive test")
    parser.add_argument("--db", help="PostgreSQL URL (default: a throw-away local cluster)")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-receive", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qonys-bench-exchange-"))
    try:
        if not args.skip_export:
            bench_export(folder, args.scan_mb, args.page_kb)
        if not args.skip_receive:
            bench_receive(folder, args.cases, args.db)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
