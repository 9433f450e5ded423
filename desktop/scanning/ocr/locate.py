"""Locating the MRZ on a page: the skew, the text lines (bands), the groups of 2 or 3 long
lines of equal length that look like a zone, and the orientations worth trying."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from PIL import Image

from desktop.scanning.mrz import (
    MrzFormat,
)
from desktop.scanning.ocr.cells import fit_grid
from desktop.scanning.ocr.ink import ink_map, row_runs

MAX_BORDER_INK_REDUCED = 0.12  # the same on the reduced page, where blur closes some gaps


def skew_angle(binary: np.ndarray) -> float:
    img = Image.fromarray((binary * 255).astype(np.uint8))
    if max(img.size) > 640:  # 0.1° is still resolved at this size, at a third of the cost
        f = 640 / max(img.size)
        img = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))),
                         Image.Resampling.BOX)  # fmt: skip

    def score(angle: float) -> float:
        rotated = np.asarray(img.rotate(angle, resample=Image.Resampling.NEAREST), np.float32)
        return float(np.var(rotated.sum(axis=1)))

    coarse = max(np.arange(-4.0, 4.01, 0.5), key=score)
    fine = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=score)
    return float(fine)


@dataclass
class Band:
    top: int
    bottom: int  # exclusive
    x0: int
    x1: int  # exclusive

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.x1 - self.x0


def find_bands(binary: np.ndarray) -> list[Band]:
    """Text lines: runs of rows with ink, cut into the runs of columns whose gaps are shorter
    than the line height (a card beside another, a photo beside the zone), each then
    tightened to the rows its own columns use. Sorted top to bottom."""
    rows = binary.sum(axis=1)
    # A row of text crosses many strokes; the edge of a photo, a shadow or a dark border
    # crosses one or two: such rows must not glue the lines of a zone together.
    crossings = (np.diff(binary, axis=1) > 0).sum(axis=1)
    on = (rows > max(2.0, 0.004 * binary.shape[1])) & (crossings >= 4)
    out: list[Band] = []
    for start, stop in row_runs(on):
        # Two lines of a slightly tilted document touch at this scale: split at the valley.
        peak = rows[start:stop].max()
        parts = [
            (start + a, start + b) for a, b in row_runs(rows[start:stop] > 0.2 * peak) if b - a >= 4
        ]
        for top, bottom in parts if len(parts) > 1 else [(start, stop)]:
            for x0, x1 in _columns(binary, top, bottom):
                out.extend(_tighten(binary, top, bottom, x0, x1))
    out.sort(key=lambda band: (band.top, band.x0))
    return out


def _tighten(binary: np.ndarray, top: int, bottom: int, x0: int, x1: int) -> list[Band]:
    """The lines inside one column range of a row run (other columns may have made the run
    taller than its lines, or joined two of them)."""
    sub = binary[top:bottom, x0:x1]
    rows = sub.sum(axis=1)
    runs = [(a, b) for a, b in row_runs(rows > max(1.0, 0.02 * (x1 - x0))) if b - a >= 4]
    if len(runs) == 1 and runs[0] == (0, bottom - top):
        return [Band(top, bottom, x0, x1)]
    out = []
    for a, b in runs:
        for c0, c1 in _columns(binary[:, x0:x1], top + a, top + b):
            out.append(Band(top + a, top + b, x0 + c0, x0 + c1))
    return out


def _columns(binary: np.ndarray, start: int, y: int) -> list[tuple[int, int]]:
    """Runs of columns with ink between rows ``start`` and ``y`` whose gaps are shorter than
    the line height, at least three heights long (a word of a few letters and more)."""
    if y - start < 4:
        return []
    cols = binary[start:y].sum(axis=0) > 0.5
    xs = np.nonzero(cols)[0]
    if len(xs) == 0:
        return []
    gap_limit = max(3, int((y - start) * 0.9))
    runs: list[tuple[int, int]] = []
    run_start = xs[0]
    prev = xs[0]
    for x in itertools.chain(xs[1:], [10**9]):
        if x - prev > gap_limit:
            runs.append((int(run_start), int(prev + 1)))
            run_start = x
        prev = x
    widest = max(b - a for a, b in runs)
    return [(a, b) for a, b in runs if b - a >= max(3 * (y - start), 0.3 * widest)]


def mrz_groups(bands: list[Band]) -> list[tuple[MrzFormat, list[Band]]]:
    """Candidate groups of lines stacked one under the other that look like an MRZ, best
    first."""
    scored: list[tuple[float, MrzFormat, list[Band]]] = []

    def below(band: Band) -> list[Band]:
        h = band.height
        return [
            b for b in bands
            if band.top + 0.6 * h < b.top < band.top + 3.0 * h
            and min(b.x1, band.x1) - max(b.x0, band.x0) > 0.7 * min(b.width, band.width)
        ]  # fmt: skip

    # The layouts to look for (a visa has the shape of a TD3 or TD2: told apart once read).
    for fmt in (MrzFormat.TD3, MrzFormat.TD1, MrzFormat.TD2):
        n, chars = fmt.shape
        for i, first in enumerate(bands):
            group = [first]
            while len(group) < n:
                nxt = below(group[-1])
                if not nxt:
                    break
                group.append(min(nxt, key=lambda b: (b.top, abs(b.width - first.width))))
            if len(group) < n:
                continue
            heights = [b.height for b in group]
            widths = [b.width for b in group]
            h = float(sorted(heights)[n // 2])
            w = float(sorted(widths)[n // 2])
            if h < 4 or min(widths) < 0.8 * max(widths):
                continue
            ratio = w / h  # a line of n OCR-B characters is about n × 0.95 heights long
            if not (0.55 * chars < ratio < 1.6 * chars):
                continue
            if max(heights) > 1.6 * min(heights):
                continue
            lefts = [b.x0 for b in group]
            if max(lefts) - min(lefts) > 2.0 * h:
                continue
            score = abs(np.log(ratio / (0.97 * chars))) + 0.001 * (len(bands) - i)
            scored.append((score, fmt, group))
    scored.sort(key=lambda t: t[0])
    return [(fmt, group) for _, fmt, group in scored]


def likely_groups(
    groups: list[tuple[MrzFormat, list[Band]]], level: np.ndarray, *, strict: bool = False
) -> list[tuple[MrzFormat, list[Band]]]:
    """Keep the groups whose lines already look fixed-pitch on the reduced page (an MRZ puts
    ~2 % of its ink on the cell borders, proportional text ~20 %), most regular first."""
    scored = []
    for fmt, group in groups:
        shares = []
        for band in group:
            profile = level[band.top : band.bottom, band.x0 : band.x1].sum(axis=0)
            shares.append(fit_grid(profile, fmt.shape[1])[2] if profile.max() > 0 else 1.0)
        worst = max(shares)
        # Small print (a card photographed from afar: under ~12 px a line) blurs the gaps
        # between characters on the reduced page: such groups are kept, after the others.
        small = float(np.median([b.height for b in group])) < 12
        if worst <= MAX_BORDER_INK_REDUCED:
            scored.append((worst, fmt, group))
        elif small and not strict:
            scored.append((1.0 + worst, fmt, group))
    scored.sort(key=lambda t: t[0])
    return [(fmt, group) for _, fmt, group in scored]


def orientations(gray: np.ndarray) -> list[float]:
    """Angles (degrees, modulo 180) at which the page's text lines lie horizontal, strongest
    first: the variance of the row profile of the ink over a half turn, on a small copy."""
    h, w = gray.shape
    f = 360.0 / max(h, w)
    small = Image.fromarray(gray.astype(np.uint8)).resize(
        (max(1, int(w * f)), max(1, int(h * f))), Image.Resampling.BOX
    )
    ink = (ink_map(np.asarray(small, dtype=np.float32)) > 0.5).astype(np.uint8) * 255
    img = Image.fromarray(ink)
    angles = np.arange(-90.0, 90.0, 2.0)
    scores = np.array(
        [float(np.var(np.asarray(img.rotate(a, expand=True), np.float32).sum(axis=1)))
         for a in angles]
    )  # fmt: skip
    peaks = [
        i for i in range(len(angles))
        if scores[i] >= scores[i - 1] and scores[i] >= scores[(i + 1) % len(angles)]
    ]  # fmt: skip
    peaks.sort(key=lambda i: -scores[i])
    out: list[float] = []
    for i in peaks[:3]:
        fine = np.arange(angles[i] - 1.5, angles[i] + 1.51, 0.5)
        best = max(
            fine,
            key=lambda a: float(
                np.var(np.asarray(img.rotate(a, expand=True), np.float32).sum(axis=1))
            ),
        )
        out.append(float(best))
        out.append(float(best) + 90.0)  # the page may also lie a quarter turn from there
    return out
