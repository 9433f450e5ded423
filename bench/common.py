"""Small helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def paired_ms(
    first: Callable[[], object], second: Callable[[], object], repeat: int = 50, warmup: int = 3
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Medians of wall and CPU time (this thread's, ms) of two calls measured in turns: a change
    of load on a shared machine hits both alike, and the CPU time does not count the waits for
    a core (so a ratio of CPU times stays steady when wall times do not)."""
    for _ in range(warmup):
        first(), second()
    samples: tuple[list[float], list[float], list[float], list[float]] = ([], [], [], [])
    for _ in range(repeat):
        for fn, wall, cpu in ((first, samples[0], samples[1]), (second, samples[2], samples[3])):
            start, start_cpu = time.perf_counter(), time.thread_time()
            fn()
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    a_wall, a_cpu, b_wall, b_cpu = (statistics.median(s) for s in samples)
    return (a_wall, a_cpu), (b_wall, b_cpu)


def verdict(value: float, target: float, *, lower_is_better: bool = True) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "ok" if ok else "MISSED"
