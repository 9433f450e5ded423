"""Reading the MRZ from a scanned passport data page or ID card (no Tesseract).

FIELD-NOTES: general OCR engines read OCR-B badly ('<' as K/E/S, 0 as O) and are heavy. The
MRZ is a fixed-pitch font on a fixed grid, so a small template matcher does better:

1. find the skew on a reduced copy (variance of the row profile over candidate angles) and
   the text lines; the MRZ is the group of 2 (TD3) or 3 (TD1) long lines of equal length;
2. cut that band from the full image, straighten it, scale it to a working pitch;
3. split each line into exactly 44 or 30 cells (ICAO fixes 10 characters per inch, so the
   cells are found by fitting a pitch and an origin to the gaps between characters);
4. compare every cell with OCR-B glyphs rendered from the font (normalised correlation,
   small shifts allowed);
5. where ICAO allows only digits (dates, check digits) a letter read as O/I/S/B is replaced by
   0/1/5/8 **only if that makes the field's check digit right**; where only letters are
   allowed (names, country codes) a 0/1/5/8 becomes O/I/S/B. Every such change is reported,
   and a field whose check digit stays wrong is reported as failed, never guessed.

numpy and Pillow only.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from desktop.scanning.mrz import (
    MRZ_ALPHABET,
    MrzError,
    MrzFormat,
    MrzResult,
    format_of,
    parse_mrz,
)

__all__ = ["Correction", "OcrResult", "ocrb_font_path", "read_mrz_image", "warm_up"]

_TW, _TH = 20, 24  # template grid (width, height) in cells
_SHIFTS = (-2, -1, 0, 1, 2)
_DIGIT_FOR = {"O": "0", "I": "1", "S": "5", "B": "8"}
_LETTER_FOR = {v: k for k, v in _DIGIT_FOR.items()}
_WORK_PITCH = 22.0
# (stroke added in font units at 120 px, or -1 for a thinned glyph; width factor)
_GLYPH_VARIANTS = ((0, 1.0), (3, 1.0), (6, 1.0), (-1, 1.0))
_MAX_BORDER_INK = 0.08  # share of a line's ink on the cell borders; MRZ lines stay far below


_MAX_BORDER_INK_REDUCED = 0.12  # the same on the reduced page, where blur closes some gaps


class _NotMrz(Exception):
    """A candidate group of lines turned out not to be an MRZ."""  # pixels per character at which cells are cut (about 220 dpi)


def ocrb_font_path() -> Path:
    """The OCR-B font: ``QONYS_OCRB_FONT``, the bundled copy, or Debian's fonts-ocr-b."""
    candidates = []
    if os.environ.get("QONYS_OCRB_FONT"):
        candidates.append(Path(os.environ["QONYS_OCRB_FONT"]))
    try:
        from desktop.resources import resources_dir

        candidates.append(resources_dir() / "fonts" / "OCRB.otf")
    except ImportError:  # pragma: no cover - resources always ship with the package
        pass
    candidates.append(Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"))
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(
        "the OCR-B font is missing (install fonts-ocr-b or set QONYS_OCRB_FONT)"
    )


@dataclass(frozen=True)
class Correction:
    line: int
    column: int
    read: str
    corrected: str
    field: str
    reason: str


@dataclass(frozen=True)
class OcrResult:
    """What the reader found. ``mrz`` is None when no MRZ could be located or read;
    ``error`` then says why. A found MRZ may still have failed checks: see ``mrz.checks``."""

    mrz: MrzResult | None
    lines: tuple[str, ...]
    corrections: tuple[Correction, ...]
    confidence: float  # lowest per-character correlation, 0..1
    error: str | None
    elapsed_ms: float
    unclear: tuple[tuple[int, int], ...] = ()  # (line, column) told apart by a hair, unchecked

    @property
    def ok(self) -> bool:
        return self.mrz is not None and self.mrz.valid


# --- templates --------------------------------------------------------------------------------


def _normalise(vectors: np.ndarray) -> np.ndarray:
    v = vectors - vectors.mean(axis=-1, keepdims=True)
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return np.asarray(v / np.maximum(n, 1e-6), dtype=np.float32)


def _template_fonts() -> list[Path]:
    """The glyph sets matched against: OCR-B (as in Doc 9303), and a plain monospaced sans
    (DejaVu Sans Mono) for the cards some issuers print with a non-OCR font."""
    fonts = [ocrb_font_path()]
    try:
        from desktop.resources import resources_dir

        mono = resources_dir() / "fonts" / "DejaVuSansMono.ttf"
        if mono.is_file():
            fonts.append(mono)
    except ImportError:  # pragma: no cover - resources always ship with the package
        pass
    return fonts


@lru_cache(maxsize=1)
def _templates() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Matrix of shifted, normalised glyph templates, the class index of each row and the
    glyph set (font) it comes from."""
    size = 120
    rows: list[np.ndarray] = []
    labels: list[int] = []
    sets: list[int] = []
    for font_index, path in enumerate(_template_fonts()):
        font = ImageFont.truetype(str(path), size)
        pitch = font.getlength("0")
        ascent, _ = font.getmetrics()
        top, bottom = font.getbbox("H")[1], font.getbbox("H")[3]
        cap = float(bottom - top)
        for k, ch in enumerate(MRZ_ALPHABET):
            # Printers differ in weight and width: each glyph also bolder (toner, laser
            # engraving, blur), lighter, and a tenth narrower or wider than the font's.
            for stroke, width in _GLYPH_VARIANTS:
                canvas = Image.new("L", (int(pitch * 3), int(size * 2)), 0)
                ImageDraw.Draw(canvas).text(
                    (pitch, size * 0.5),
                    ch,
                    font=font,
                    fill=255,
                    stroke_width=max(stroke, 0),
                    stroke_fill=255,
                )
                ink = np.asarray(canvas, dtype=np.float32) / 255.0
                if stroke < 0:
                    ink = np.asarray(canvas.filter(ImageFilter.MinFilter(5)), np.float32) / 255.0
                baseline = size * 0.5 + ascent
                glyph = _cut_cell(ink, baseline, pitch * width, cap)
                shifts = (
                    itertools.product(_SHIFTS, _SHIFTS)
                    if (stroke, width) == (0, 1.0)
                    else ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))
                )
                for dx, dy in shifts:
                    shifted = np.roll(np.roll(glyph, dy, axis=0), dx, axis=1)
                    rows.append(shifted.ravel())
                    labels.append(k)
                    sets.append(font_index)
    return _normalise(np.stack(rows)), np.asarray(labels), np.asarray(sets)


def warm_up() -> None:
    """Render the glyph sets now (a few seconds, once per process), e.g. on a worker thread
    when the scan dialog opens, rather than at the first reading."""
    _templates()


@lru_cache(maxsize=1)
def _cap_ratios() -> tuple[float, ...]:
    """Cap height over pitch of each glyph set, in the order of ``_template_fonts``."""
    out = []
    for path in _template_fonts():
        font = ImageFont.truetype(str(path), 120)
        top, bottom = font.getbbox("H")[1], font.getbbox("H")[3]
        out.append(float(bottom - top) / font.getlength("0"))
    return tuple(out)


def _cut_cell(ink: np.ndarray, baseline: float, pitch: float, cap: float) -> np.ndarray:
    """Cut one character's frame from an ink map (1 = ink): centred on its ink horizontally
    (1.1 pitch wide), from 1.14 cap heights above the baseline to 0.1 below, resampled to the
    template grid. Cap height and pitch both count: printers' fonts differ in their ratio."""
    top = baseline - 1.14 * cap
    bottom = baseline + 0.1 * cap
    cols = ink[int(max(0, top)) : int(bottom) + 1].sum(axis=0)
    if cols.sum() > 0:
        runs = _row_runs(cols > cols.max() * 0.05)
        # A sliver at the cell's edge, apart from the glyph, is the neighbour's stroke.
        while len(runs) > 1 and runs[0][1] - runs[0][0] <= 0.12 * pitch:
            runs = runs[1:]
        while len(runs) > 1 and runs[-1][1] - runs[-1][0] <= 0.12 * pitch:
            runs = runs[:-1]
        cx = (runs[0][0] + runs[-1][1]) / 2.0
    else:
        cx = ink.shape[1] / 2.0
    pad = int(max(pitch, cap)) + 2  # the frame may reach past the cut-out: blank paper
    padded = np.pad(np.clip(ink, 0, 1), pad)
    box = (cx - 0.55 * pitch + pad, top + pad, cx + 0.55 * pitch + pad, bottom + pad)
    img = Image.fromarray((padded * 255).astype(np.uint8))
    cell = img.resize((_TW, _TH), Image.Resampling.BILINEAR, box=box)
    return np.asarray(cell, dtype=np.float32) / 255.0


# --- locating the MRZ ---------------------------------------------------------------------------


def _ink_map(gray: np.ndarray) -> np.ndarray:
    """Darkness relative to the local background (0..1), robust to tinted paper and shadows."""
    img = Image.fromarray(gray.astype(np.uint8))
    radius = max(8, min(gray.shape) // 30)
    background = np.asarray(img.filter(ImageFilter.BoxBlur(radius)), dtype=np.float32)
    background = np.maximum(background, gray)  # ink never makes the background darker
    ink = (background - gray) / np.maximum(background, 1.0)
    return np.asarray(np.clip((ink - 0.15) / 0.35, 0.0, 1.0), dtype=np.float32)


def _skew_angle(binary: np.ndarray) -> float:
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
class _Band:
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


def _row_runs(on: np.ndarray) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    y, n = 0, len(on)
    while y < n:
        if not on[y]:
            y += 1
            continue
        start = y
        while y < n and on[y]:
            y += 1
        runs.append((start, y))
    return runs


def _bands(binary: np.ndarray) -> list[_Band]:
    """Text lines: runs of rows with ink, cut into the runs of columns whose gaps are shorter
    than the line height (a card beside another, a photo beside the zone), each then
    tightened to the rows its own columns use. Sorted top to bottom."""
    rows = binary.sum(axis=1)
    # A row of text crosses many strokes; the edge of a photo, a shadow or a dark border
    # crosses one or two: such rows must not glue the lines of a zone together.
    crossings = (np.diff(binary, axis=1) > 0).sum(axis=1)
    on = (rows > max(2.0, 0.004 * binary.shape[1])) & (crossings >= 4)
    out: list[_Band] = []
    for start, stop in _row_runs(on):
        # Two lines of a slightly tilted document touch at this scale: split at the valley.
        peak = rows[start:stop].max()
        parts = [
            (start + a, start + b)
            for a, b in _row_runs(rows[start:stop] > 0.2 * peak)
            if b - a >= 4
        ]
        for top, bottom in parts if len(parts) > 1 else [(start, stop)]:
            for x0, x1 in _columns(binary, top, bottom):
                out.extend(_tighten(binary, top, bottom, x0, x1))
    out.sort(key=lambda band: (band.top, band.x0))
    return out


def _tighten(binary: np.ndarray, top: int, bottom: int, x0: int, x1: int) -> list[_Band]:
    """The lines inside one column range of a row run (other columns may have made the run
    taller than its lines, or joined two of them)."""
    sub = binary[top:bottom, x0:x1]
    rows = sub.sum(axis=1)
    runs = [(a, b) for a, b in _row_runs(rows > max(1.0, 0.02 * (x1 - x0))) if b - a >= 4]
    if len(runs) == 1 and runs[0] == (0, bottom - top):
        return [_Band(top, bottom, x0, x1)]
    out = []
    for a, b in runs:
        for c0, c1 in _columns(binary[:, x0:x1], top + a, top + b):
            out.append(_Band(top + a, top + b, x0 + c0, x0 + c1))
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


def _mrz_groups(bands: list[_Band]) -> list[tuple[MrzFormat, list[_Band]]]:
    """Candidate groups of lines stacked one under the other that look like an MRZ, best
    first."""
    scored: list[tuple[float, MrzFormat, list[_Band]]] = []

    def below(band: _Band) -> list[_Band]:
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


# --- reading the lines --------------------------------------------------------------------------


def _long_runs(on: np.ndarray, limit: float) -> np.ndarray:
    """Mask of the horizontal runs of ``on`` (rows) longer than ``limit`` pixels."""
    h, w = on.shape
    padded = np.zeros((h, w + 1), dtype=np.int8)
    padded[:, :w] = on  # a blank column ends every row's last run
    flat = np.concatenate([[0], padded.ravel()])
    d = np.diff(flat)
    starts = np.nonzero(d == 1)[0]
    ends = np.nonzero(d == -1)[0]
    long = (ends - starts) > limit
    marks = np.zeros(flat.size, dtype=np.int32)
    np.add.at(marks, starts[long], 1)
    np.add.at(marks, ends[long], -1)
    mask = np.cumsum(marks)[: h * (w + 1)] > 0
    return np.asarray(mask.reshape(h, w + 1)[:, :w])


def _remove_rules(ink: np.ndarray, pitch: float) -> np.ndarray:
    """Blank straight lines longer than any character: a frame round the zone, a form's
    rules, the edge of a card or a page. No OCR-B stroke is longer than about one pitch
    across or 1.3 pitches down."""
    on = ink > 0.5
    mask = _long_runs(on, 2.5 * pitch) | _long_runs(on.T, 2.5 * pitch).T
    if not mask.any():
        return ink
    out = ink.copy()
    out[mask] = 0.0
    return out


def _trim_ends(profile: np.ndarray, xs: np.ndarray, n: int) -> tuple[float, float]:
    """First and last column of a line's characters: a faint smudge or a thin stroke standing
    apart at either end (the edge of a card, a frame drawn round the zone) is no character."""
    cuts = np.nonzero(np.diff(xs) > 1)[0]
    starts = np.concatenate([[xs[0]], xs[cuts + 1]]).astype(int)
    ends = np.concatenate([xs[cuts] + 1, [xs[-1] + 1]]).astype(int)
    cum = np.concatenate([[0.0], np.cumsum(profile)])
    masses = cum[ends] - cum[starts]
    runs = list(zip(starts.tolist(), ends.tolist(), masses.tolist(), strict=True))
    if len(runs) < 3:
        return float(xs[0]), float(xs[-1] + 1)
    typical = float(np.median([m for *_, m in runs]))
    lo, hi = 0, len(runs) - 1
    while hi - lo > 2:
        pitch = (runs[hi][1] - runs[lo][0]) / max(n - 0.5, 1.0)
        a, b, m = runs[lo]
        gap = runs[lo + 1][0] - b
        if m < 0.2 * typical or (b - a < 0.2 * pitch and gap > 0.45 * pitch):
            lo += 1
            continue
        a, b, m = runs[hi]
        gap = a - runs[hi - 1][1]
        if m < 0.2 * typical or (b - a < 0.2 * pitch and gap > 0.45 * pitch):
            hi -= 1
            continue
        break
    return float(runs[lo][0]), float(runs[hi][1])


def _fit_grid(profile: np.ndarray, n: int) -> tuple[float, float, float]:
    """Origin and pitch of ``n`` fixed-pitch cells that put the least ink on cell borders,
    and the share of the line's ink lying on those borders (low for an MRZ, whose cells are
    separated by clean gaps; high for proportional text)."""
    edges, share = _fit_cells(profile, n, slanted=False)
    return float(edges[0]), float((edges[-1] - edges[0]) / n), share


def _fit_cells(profile: np.ndarray, n: int, *, slanted: bool = True) -> tuple[np.ndarray, float]:
    """The ``n + 1`` cell borders of a fixed-pitch line, and the share of its ink on them.
    The pitch may change evenly along the line (a photo taken at a slant: the far end of the
    line is smaller), by up to ±18 % from one end to the other."""
    xs = np.nonzero(profile > profile.max() * 0.05)[0]
    x_start, x_end = _trim_ends(profile, xs, n)
    span = x_end - x_start
    cum = np.concatenate([[0.0], np.cumsum(profile)])
    total = max(float(cum[-1]), 1.0)
    pitches = np.linspace(span / (n - 0.1), span / (n - 0.6), 26)
    offsets = np.linspace(-0.25, 0.25, 11)
    # The middle one is 0: an even pitch.
    slants = np.linspace(-0.18, 0.18, 13) if slanted else np.zeros(1)
    gaps = (pitches * n - span) / 2
    origins = x_start - gaps[:, None] + offsets[None, :] * pitches[:, None]  # (P, O)
    k = np.arange(n + 1, dtype=np.float64)
    # Cell j is pitch × (1 + g (2j/n − 1)) wide: border k sits at pitch × (k + g k (k−1−n)/n).
    steps = k[None, :] + slants[:, None] * k[None, :] * (k[None, :] - 1 - n) / n  # (G, K)
    edges = (
        origins[None, :, :, None] + pitches[None, :, None, None] * steps[:, None, None, :]
    )  # (G, P, O, K)
    idx = np.clip(np.round(edges).astype(int), 0, len(profile) - 1)
    half = max(1, round(0.1 * span / n))
    lo = np.clip(idx - half, 0, len(profile))
    hi = np.clip(idx + half + 1, 0, len(profile))
    cost = (cum[hi] - cum[lo]).sum(axis=3)  # (G, P, O)
    even = len(slants) // 2
    g = even
    if float(cost.min()) < 0.6 * float(cost[even].min()):
        g = int(np.unravel_index(int(np.argmin(cost)), cost.shape)[0])
    plane = cost[g]
    # Clean gaps give many equally good fits: take the middle one, centred in the gaps.
    ties = np.argwhere(plane <= plane.min() + 1e-3 * total)
    p, o = (int(v) for v in np.round(ties.mean(axis=0)))
    if plane[p, o] > plane.min() + 1e-3 * total:
        p, o = (int(v) for v in np.unravel_index(int(np.argmin(plane)), plane.shape))
    return edges[g, p, o].astype(np.float64), float(plane[p, o]) / total


def _baseline(
    centres: list[float], bottoms: list[float], heights: list[float], default: float
) -> np.ndarray:
    """The line's baseline (polynomial in x) through the feet of its tall glyphs ('<' stands
    above the baseline). Straight, or bent a little where the page of an open passport bends
    under the camera; a few stray feet are left out."""
    x, y, h = np.asarray(centres), np.asarray(bottoms), np.asarray(heights)
    if len(x) >= 4:
        tall = h >= 0.8 * float(np.percentile(h, 75))
        if tall.sum() >= 4:
            x, y = x[tall], y[tall]
    if len(x) < 2:
        return np.asarray([0.0, default])
    deg = 2 if len(x) >= 10 else 1
    poly = np.polyfit(x, y, deg)
    resid = np.abs(y - np.polyval(poly, x))
    keep = resid <= max(1.5, float(np.median(resid)) * 3)
    if keep.sum() > deg + 1:
        poly = np.polyfit(x[keep], y[keep], deg)
    if deg == 2:
        # A bend is gentle: if the curve strays far from the straight fit, keep the line.
        line = np.polyfit(x, y, 1)
        xs = np.linspace(float(x.min()), float(x.max()), 9)
        if float(np.abs(np.polyval(poly, xs) - np.polyval(line, xs)).max()) > 0.5 * float(
            np.median(h)
        ):
            poly = np.concatenate([[0.0], line])
    return np.asarray(poly, dtype=np.float64)


def _read_lines(
    ink: np.ndarray, group: list[_Band], fmt: MrzFormat
) -> tuple[list[str], list[list[tuple[str, float, dict[str, float]]]]]:
    matrix, labels, sets = _templates()
    _, chars = fmt.shape
    fitted: list[tuple[np.ndarray, float, np.ndarray]] = []  # edges, pitch, baseline
    for band in group:
        strip = ink[band.top : band.bottom, :]
        profile = strip.sum(axis=0)
        edges, share = _fit_cells(profile, chars)
        if share > _MAX_BORDER_INK:
            raise _NotMrz(f"not a fixed-pitch line (border ink {share:.2f})")
        pitch = float((edges[-1] - edges[0]) / chars)
        # The baseline may slope a little (residual skew): fit it from each cell's lowest ink.
        y_lo = max(0, band.top - int(0.3 * pitch))
        y_hi = min(ink.shape[0], band.bottom + int(0.3 * pitch))
        centres, bottoms, heights = [], [], []
        for i in range(chars):
            a = int(max(0, edges[i]))
            b = int(min(ink.shape[1], edges[i + 1]))
            rows = ink[y_lo:y_hi, a:b].sum(axis=1)
            if b > a and rows.max() > 0:
                # The glyph is the tallest run of inked rows (a rule or a smudge just above
                # or below it, apart from it, is not).
                top, bottom = max(_row_runs(rows > rows.max() * 0.2), key=lambda r: r[1] - r[0])
                centres.append((a + b) / 2.0)
                bottoms.append(y_lo + float(bottom))
                heights.append(float(bottom - top))
        fitted.append((edges, pitch, _baseline(centres, bottoms, heights, float(band.bottom))))
    # Each glyph set is matched with cells cut to its own proportions (cap height to pitch:
    # OCR-B's capitals are as tall as its pitch, DejaVu Sans Mono's a fifth taller). One zone
    # is printed in one font: the set that fits the whole zone best reads every cell, so that
    # another font's look-alike (an F for a worn E) cannot win a single cell.
    best_fit = -np.inf
    scores = np.zeros((0, 0), dtype=np.float32)
    kept = labels
    for f, ratio in enumerate(_cap_ratios()):
        cells = []
        for edges, _line_pitch, poly in fitted:
            for i in range(chars):
                pitch = float(edges[i + 1] - edges[i])
                c = ratio * pitch
                baseline = float(np.polyval(poly, edges[i] + 0.5 * pitch))
                x0 = int(max(0, edges[i] - 0.3 * pitch))
                x1 = int(min(ink.shape[1], edges[i + 1] + 0.3 * pitch))
                y0 = int(max(0, baseline - max(1.4 * pitch, 1.3 * c)))
                y1 = int(min(ink.shape[0], baseline + 0.3 * pitch))
                sub = ink[y0:y1, x0:x1].copy()
                # Keep only this cell's ink: blank what belongs to the neighbours.
                left = int(edges[i]) - x0
                right = int(edges[i + 1]) - x0
                sub[:, : max(0, left)] = 0
                sub[:, max(0, right) :] = 0
                cells.append(_cut_cell(sub, baseline - y0, pitch, c).ravel())
        in_set = sets == f
        set_scores = _normalise(np.stack(cells)) @ matrix[in_set].T
        fit = float(set_scores.max(axis=1).sum())
        if fit > best_fit:
            best_fit, scores, kept = fit, set_scores, labels[in_set]
    per_class = np.full((scores.shape[0], len(MRZ_ALPHABET)), -1.0, dtype=np.float32)
    for k in range(len(MRZ_ALPHABET)):
        per_class[:, k] = scores[:, kept == k].max(axis=1)
    # A blank cell (no ink at all) can only be a reading error: mark it '?'.
    lines: list[str] = []
    details: list[list[tuple[str, float, dict[str, float]]]] = []
    for li in range(len(group)):
        text = []
        det = []
        for ci in range(chars):
            row = per_class[li * chars + ci]
            k = int(np.argmax(row))
            ch = MRZ_ALPHABET[k]
            text.append(ch)
            det.append((ch, float(row[k]), {c: float(row[j]) for j, c in enumerate(MRZ_ALPHABET)}))
        lines.append("".join(text))
        details.append(det)
    return lines, details


# Field layout: (line, start, end, kind, check-digit field name). kind: "digits", "letters",
# "alnum". The check digit positions themselves are digits.
_TD3_FIELDS = (
    (0, 0, 1, "letters", None), (0, 2, 5, "letters", None), (0, 5, 44, "letters", None),
    (1, 0, 9, "alnum", "document_number"), (1, 9, 10, "digits", "document_number"),
    (1, 10, 13, "letters", None), (1, 13, 19, "digits", "birth_date"),
    (1, 19, 20, "digits", "birth_date"), (1, 20, 21, "letters", None),
    (1, 21, 27, "digits", "expiry_date"), (1, 27, 28, "digits", "expiry_date"),
    (1, 28, 42, "alnum", "personal_number"), (1, 42, 43, "digits", "personal_number"),
    (1, 43, 44, "digits", "composite"),
)  # fmt: skip
_TD1_FIELDS = (
    (0, 0, 1, "letters", None), (0, 2, 5, "letters", None),
    (0, 5, 14, "alnum", "document_number"), (0, 14, 15, "digits", "document_number"),
    (1, 0, 6, "digits", "birth_date"), (1, 6, 7, "digits", "birth_date"),
    (1, 7, 8, "letters", None), (1, 8, 14, "digits", "expiry_date"),
    (1, 14, 15, "digits", "expiry_date"), (1, 15, 18, "letters", None),
    (1, 29, 30, "digits", "composite"), (2, 0, 30, "letters", None),
)  # fmt: skip
_TD2_FIELDS = (
    (0, 0, 1, "letters", None), (0, 2, 5, "letters", None), (0, 5, 36, "letters", None),
    (1, 0, 9, "alnum", "document_number"), (1, 9, 10, "digits", "document_number"),
    (1, 10, 13, "letters", None), (1, 13, 19, "digits", "birth_date"),
    (1, 19, 20, "digits", "birth_date"), (1, 20, 21, "letters", None),
    (1, 21, 27, "digits", "expiry_date"), (1, 27, 28, "digits", "expiry_date"),
    (1, 35, 36, "digits", "composite"),
)  # fmt: skip


def _fields(fmt: MrzFormat) -> tuple[tuple[int, int, int, str, str | None], ...]:
    if fmt is MrzFormat.TD3:
        return _TD3_FIELDS
    if fmt is MrzFormat.TD1:
        return _TD1_FIELDS
    width = fmt.shape[1]
    # TD2 and the visas share line 2 up to the expiry; the name runs to the line's end.
    fields = tuple(
        (li, a, width if (li, a) == (0, 5) else b, kind, name)
        for li, a, b, kind, name in _TD2_FIELDS
    )
    return fields if fmt is MrzFormat.TD2 else fields[:-1]  # visas have no composite


_Details = list[list[tuple[str, float, dict[str, float]]]]
_AMBIGUOUS_MARGIN = 0.08  # O and 0 scored this close: the glyph alone cannot tell them apart


def _apply_constraints(
    lines: list[str], fmt: MrzFormat, details: _Details | None = None
) -> tuple[list[str], list[Correction]]:
    fields = _fields(fmt)
    grid = [list(line) for line in lines]
    corrections: list[Correction] = []
    # Letters-only fields: a digit there is impossible (ICAO charset), not a guess.
    for li, a, b, kind, _name in fields:
        if kind != "letters":
            continue
        if b - a <= 3 and any(grid[li][c].isdigit() and grid[li][c] not in _LETTER_FOR
                              for c in range(a, b)):  # fmt: skip
            continue  # a code printed in digits (it happens): reported, not half-changed
        for col in range(a, b):
            ch = grid[li][col]
            if ch in _LETTER_FOR:
                grid[li][col] = _LETTER_FOR[ch]
                corrections.append(
                    Correction(li, col, ch, _LETTER_FOR[ch], "letters", "only letters allowed")
                )
    # Digit positions: substitute O/I/S/B only when the field's check digit then agrees.
    checked = {name for *_, name in fields if name}
    for name in sorted(checked):
        positions = [
            (li, col)
            for li, a, b, kind, n in fields
            if n == name and kind == "digits"
            for col in range(a, b)
            if grid[li][col] in _DIGIT_FOR
        ]
        if not positions or len(positions) > 6:
            continue
        if _field_ok(grid, fmt, name):
            # Right as read, with a letter where only a digit can stand: O and 0 (and I/1,
            # S/5, B/8 at some weights) can weigh the same. The digit, if it agrees too.
            trial = [row[:] for row in grid]
            for li, col in positions:
                trial[li][col] = _DIGIT_FOR[trial[li][col]]
            if _field_ok(trial, fmt, name):
                for li, col in positions:
                    corrections.append(
                        Correction(li, col, grid[li][col], trial[li][col], name,
                                   "digit expected; the check digit agrees either way")
                    )  # fmt: skip
                grid = trial
            continue
        for combo in _subsets(positions):
            trial = [row[:] for row in grid]
            for li, col in combo:
                trial[li][col] = _DIGIT_FOR[trial[li][col]]
            if _field_ok(trial, fmt, name):
                for li, col in combo:
                    corrections.append(
                        Correction(li, col, grid[li][col], trial[li][col], name,
                                   "digit expected; the check digit agrees after the change")
                    )  # fmt: skip
                grid = trial
                break
        else:
            # No change makes the check digit agree: the field stays failed, and is shown
            # with digits where only digits can stand (what was printed there is a digit).
            for li, col in positions:
                ch = grid[li][col]
                grid[li][col] = _DIGIT_FOR[ch]
                corrections.append(
                    Correction(li, col, ch, _DIGIT_FOR[ch], name,
                               "digit expected; the check digit still disagrees")
                )  # fmt: skip
    if details is not None:
        grid = _resolve_o_zero(grid, fmt, fields, details, corrections)
    return ["".join(row) for row in grid], corrections


_UNCLEAR_MARGIN = 0.02


def _unclear(fmt: MrzFormat, details: _Details) -> list[tuple[int, int]]:
    """Cells no check digit covers (names, country codes, sex, a visa's optional data) whose
    best and second-best glyphs scored within a hair: such a reading cannot be trusted, and
    nothing would catch it. Where only letters may stand, only letters compete."""
    covered: set[tuple[int, int]] = set()
    for li, a, b, _kind, name in _fields(fmt):
        if name is not None:
            covered.update((li, c) for c in range(a, b))
    if fmt is MrzFormat.TD1:  # the optional data of both lines are in the composite
        covered.update((0, c) for c in range(15, 30))
        covered.update((1, c) for c in range(18, 29))
    elif fmt is MrzFormat.TD3:
        covered.update((1, c) for c in range(28, 43))
    elif fmt is MrzFormat.TD2:
        covered.update((1, c) for c in range(28, 35))
    letters_only = {
        (li, c) for li, a, b, kind, _ in _fields(fmt) if kind == "letters" for c in range(a, b)
    }
    out = []
    for li, row in enumerate(details):
        for col, (_ch, _score, scores) in enumerate(row):
            if (li, col) in covered:
                continue
            pool = [
                v for k, v in scores.items()
                if (li, col) not in letters_only or not k.isdigit()
            ]  # fmt: skip
            best, second = sorted(pool, reverse=True)[:2]
            if best - second < _UNCLEAR_MARGIN:
                out.append((li, col))
    return out


def _resolve_o_zero(
    grid: list[list[str]],
    fmt: MrzFormat,
    fields: tuple[tuple[int, int, int, str, str | None], ...],
    details: _Details,
    corrections: list[Correction],
) -> list[list[str]]:
    """Letters and digits mixed (document number, personal number): where the glyph could be
    O or 0 alike (scores within a hair), the field's own check digit decides — if exactly one
    choice agrees. A single O/0 swap always changes the check digit (O = 24: 24 × 7, 3, 1 is
    never a multiple of 10), so the check digit tells them apart rather than guesses."""
    for name in sorted({n for *_, n in fields if n}):
        cells = [
            (li, col)
            for li, a, b, kind, n in fields
            if n == name and kind == "alnum"
            for col in range(a, b)
            if grid[li][col] in "O0"
            and abs(details[li][col][2]["O"] - details[li][col][2]["0"]) < _AMBIGUOUS_MARGIN
        ]
        if not cells or len(cells) > 4 or _field_ok(grid, fmt, name):
            continue
        passing = []
        for choice in itertools.product("O0", repeat=len(cells)):
            trial = [row[:] for row in grid]
            for (li, col), ch in zip(cells, choice, strict=True):
                trial[li][col] = ch
            if _field_ok(trial, fmt, name):
                passing.append(trial)
        if len(passing) == 1:
            for li, col in cells:
                if passing[0][li][col] != grid[li][col]:
                    corrections.append(
                        Correction(li, col, grid[li][col], passing[0][li][col], name,
                                   "O and 0 look alike here; only this one agrees with "
                                   "the check digit")
                    )  # fmt: skip
            grid = passing[0]
    return grid


def _subsets(positions: list[tuple[int, int]]) -> list[tuple[tuple[int, int], ...]]:
    # Every one first: only digits can stand there, so the natural reading changes them all.
    out: list[tuple[tuple[int, int], ...]] = []
    for r in range(len(positions), 0, -1):
        out.extend(itertools.combinations(positions, r))
    return out


def _field_ok(grid: list[list[str]], fmt: MrzFormat, name: str) -> bool:
    try:
        result = parse_mrz(tuple("".join(row) for row in grid))
    except MrzError:
        return False
    return any(c.name == name and c.ok for c in result.checks)


# --- entry point --------------------------------------------------------------------------------


def read_mrz_image(image: Image.Image, *, thorough: bool = True) -> OcrResult:
    """Find and read the MRZ on a scanned page or a photo: any resolution, any orientation
    (quarter turns, upside down, a document photographed askew). Never raises for a bad
    picture: the result's ``error`` says what failed.

    ``thorough=False`` (a camera's live frames, several a second): the four quarter turns
    with a small skew only, no search for other angles — the next frame comes soon."""
    started = time.perf_counter()
    gray_full = _darkness_source(image)
    best: OcrResult | None = None
    tried: list[float] = []
    # The usual case first: a page scanned straight (±4°) or upside down. Then the other
    # orientations the page's text lines show (a photo askew, a page turned a quarter).
    more = _lazy(lambda: _orientations(gray_full)) if thorough else iter([90.0])
    for angle in itertools.chain([0.0], more):
        if any(abs(((angle - t + 90) % 180) - 90) < 3.5 for t in tried):
            continue
        tried.append(angle)
        g = gray_full if angle == 0.0 else _turn(gray_full, angle)
        for flip in (False, True):
            result = _read(g[::-1, ::-1] if flip else g)
            if result.ok:
                best = result
                break
            if _better(result, best) or best is None:
                best = result
            if _plausible(best):
                break
        if best is not None and (best.ok or _plausible(best)):
            break
        if len(tried) >= 4:
            break
    assert best is not None
    return OcrResult(
        best.mrz, best.lines, best.corrections, best.confidence, best.error,
        (time.perf_counter() - started) * 1000.0, best.unclear,
    )  # fmt: skip


def _darkness_source(image: Image.Image) -> np.ndarray:
    """Grey levels in which only dark ink is dark: the brightest of the three channels.
    The MRZ is printed black; a coloured pattern, stamp or security print behind or across it
    (red, blue, green) is bright in at least one channel and fades out here."""
    if image.mode in ("L", "1", "I", "F", "I;16"):
        return np.asarray(image.convert("L"), dtype=np.float32)
    r, g, b = image.convert("RGB").split()
    return np.asarray(ImageChops.lighter(ImageChops.lighter(r, g), b), dtype=np.float32)


def _lazy(make: Callable[[], list[float]]) -> Iterator[float]:
    yield from make()


def _turn(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page turned counter-clockwise by ``angle`` degrees (canvas enlarged, paper white)."""
    img = Image.fromarray(gray.astype(np.uint8))
    if angle % 90 == 0:
        turned = img.rotate(angle, expand=True)
    else:
        # The new corners take the page's own median grey: a white wedge beside a dark
        # desk would draw long edges of "ink" across the lines.
        fill = int(np.median(gray[:: max(1, gray.shape[0] // 64), :: max(1, gray.shape[1] // 64)]))
        turned = img.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=fill)
    return np.asarray(turned, dtype=np.float32)


def _orientations(gray: np.ndarray) -> list[float]:
    """Angles (degrees, modulo 180) at which the page's text lines lie horizontal, strongest
    first: the variance of the row profile of the ink over a half turn, on a small copy."""
    h, w = gray.shape
    f = 360.0 / max(h, w)
    small = Image.fromarray(gray.astype(np.uint8)).resize(
        (max(1, int(w * f)), max(1, int(h * f))), Image.Resampling.BOX
    )
    ink = (_ink_map(np.asarray(small, dtype=np.float32)) > 0.5).astype(np.uint8) * 255
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


def _read(gray: np.ndarray) -> OcrResult:
    h, w = gray.shape
    scale = min(1.0, 1000.0 / max(h, w))
    small = np.asarray(
        Image.fromarray(gray.astype(np.uint8)).resize(
            (max(1, int(w * scale)), max(1, int(h * scale))), Image.Resampling.BOX
        ),
        dtype=np.float32,
    )
    small_level = _ink_map(small)
    small_ink = (small_level > 0.5).astype(np.float32)
    small_img = Image.fromarray((small_ink * 255).astype(np.uint8))
    level_img = Image.fromarray((small_level * 255).astype(np.uint8))
    angle = _skew_angle(small_ink)
    # The page's skew comes first; a document copied askew onto a page of straight text
    # (or lines merged at this scale) needs other angles, tried only if the first fails.
    angles = [angle] + [angle + d for d in (-1.5, 1.5, -3.0, 3.0, -0.75, 0.75, -2.25, 2.25)]
    best: OcrResult | None = None
    for a in angles:
        rotated = (
            np.asarray(small_img.rotate(a, resample=Image.Resampling.NEAREST), dtype=np.float32)
            / 255.0
        )
        level = (
            np.asarray(level_img.rotate(a, resample=Image.Resampling.BILINEAR), np.float32) / 255.0
        )
        bands = _bands(rotated)
        if not bands:
            break  # a blank page: no angle will show a line
        for fmt, group in _likely_groups(_mrz_groups(bands), level)[:4]:
            try:
                result = _read_group(gray, scale, a, fmt, group, small.shape)
            except _NotMrz:
                continue
            except (ValueError, IndexError) as exc:  # a degenerate band (a few pixels wide)
                result = OcrResult(None, (), (), 0.0, f"the MRZ could not be read ({exc})", 0.0)
            if result.ok or _plausible(result):
                return result
            if _better(result, best):
                best = result
    if best is None:
        return OcrResult(None, (), (), 0.0, "no machine-readable zone found on the page", 0.0)
    return best


def _likely_groups(
    groups: list[tuple[MrzFormat, list[_Band]]], level: np.ndarray, *, strict: bool = False
) -> list[tuple[MrzFormat, list[_Band]]]:
    """Keep the groups whose lines already look fixed-pitch on the reduced page (an MRZ puts
    ~2 % of its ink on the cell borders, proportional text ~20 %), most regular first."""
    scored = []
    for fmt, group in groups:
        shares = []
        for band in group:
            profile = level[band.top : band.bottom, band.x0 : band.x1].sum(axis=0)
            shares.append(_fit_grid(profile, fmt.shape[1])[2] if profile.max() > 0 else 1.0)
        worst = max(shares)
        # Small print (a card photographed from afar: under ~12 px a line) blurs the gaps
        # between characters on the reduced page: such groups are kept, after the others.
        small = float(np.median([b.height for b in group])) < 12
        if worst <= _MAX_BORDER_INK_REDUCED:
            scored.append((worst, fmt, group))
        elif small and not strict:
            scored.append((1.0 + worst, fmt, group))
    scored.sort(key=lambda t: t[0])
    return [(fmt, group) for _, fmt, group in scored]


def _better(result: OcrResult, best: OcrResult | None) -> bool:
    if best is None:
        return True
    if result.mrz is None:
        return False
    if best.mrz is None:
        return True
    return _faults(result) < _faults(best)


def _faults(result: OcrResult) -> tuple[int, float]:
    """How wrong a reading looks: failed check digits and impossible values (a date that is
    no date, a digit in a name, a code that is no country) — fewer first, then confidence."""
    assert result.mrz is not None
    return (len(result.mrz.failed_checks) + len(result.mrz.problems), -result.confidence)


def _plausible(result: OcrResult) -> bool:
    """A zone read with every value possible (dates, codes, names), or read clearly with
    little wrong: the zone is found, and other orientations or lines would not do better (a
    specimen may print a wrong check digit itself)."""
    if result.mrz is None:
        return False
    failed = len(result.mrz.failed_checks)
    problems = len(result.mrz.problems) - (1 if result.unclear else 0)
    return (not problems and failed <= 3) or (
        result.confidence >= 0.8 and problems <= 1 and failed <= 2
    )


def _read_group(
    gray: np.ndarray,
    scale: float,
    angle: float,
    fmt: MrzFormat,
    group: list[_Band],
    small_shape: tuple[int, ...],
) -> OcrResult:
    # Map the group's box (in the rotated reduced image) back to the full image.
    sh, sw = small_shape[0], small_shape[1]
    cx, cy = sw / 2.0, sh / 2.0
    margin = group[0].height * 1.2
    x0 = min(b.x0 for b in group) - margin
    x1 = max(b.x1 for b in group) + margin
    y0 = group[0].top - margin
    y1 = group[-1].bottom + margin
    rad = np.deg2rad(angle)
    corners = []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        # PIL rotates counter-clockwise by `angle` about the centre: undo it.
        dx, dy = x - cx, y - cy
        ox = cx + dx * np.cos(rad) - dy * np.sin(rad)
        oy = cy + dx * np.sin(rad) + dy * np.cos(rad)
        corners.append((ox / scale, oy / scale))
    xs = [c[0] for c in corners]
    ys = [c[1] for c in corners]
    box = (
        int(max(0, min(xs))), int(max(0, min(ys))),
        int(min(gray.shape[1], max(xs))), int(min(gray.shape[0], max(ys))),
    )  # fmt: skip
    crop = Image.fromarray(gray.astype(np.uint8)).crop(box)
    crop = crop.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    _, chars = fmt.shape
    est_pitch = (float(np.median([b.width for b in group])) / scale) / (chars - 0.3)
    factor = _WORK_PITCH / max(est_pitch, 1.0)
    if abs(factor - 1.0) > 0.05:
        crop = crop.resize(
            (max(1, int(crop.width * factor)), max(1, int(crop.height * factor))),
            Image.Resampling.LANCZOS if factor < 1 else Image.Resampling.BICUBIC,
        )
    ink = _remove_rules(_ink_map(np.asarray(crop, dtype=np.float32)), _WORK_PITCH)
    bands = [b for b in _bands((ink > 0.5).astype(np.float32)) if b.height >= 6]
    # The crop may also hold a printed line above the MRZ: the most regular group wins.
    candidates = [g for f, g in _likely_groups(_mrz_groups(bands), ink, strict=True) if f is fmt]
    if not candidates:
        raise _NotMrz("the lines could not be separated")
    lines, details = _read_lines(ink, candidates[0], fmt)
    confidence = min(score for det in details for _, score, _ in det)
    if fmt.shape[0] == 2:
        # The same shapes carry a passport or a visa (TD3/MRV-A), an ID card or a visa
        # (TD2/MRV-B): the document code tells them apart.
        fmt = format_of(lines)
    lines, corrections = _apply_constraints(lines, fmt, details)
    try:
        mrz = parse_mrz(tuple(lines))
    except MrzError as exc:
        return OcrResult(None, tuple(lines), tuple(corrections), confidence, str(exc), 0.0)
    unclear = _unclear(fmt, details)
    if unclear:
        where = ", ".join(f"line {li + 1} position {col + 1}" for li, col in unclear[:3])
        mrz = dataclasses.replace(mrz, problems=(
            *mrz.problems,
            f"characters without a check digit could not be told apart ({where}): "
            "read the document again",
        ))  # fmt: skip
    error = None
    if not mrz.valid:
        failed = [c.name for c in mrz.failed_checks] + list(mrz.problems)
        error = "MRZ read, but: " + "; ".join(failed)
    return OcrResult(mrz, tuple(lines), tuple(corrections), confidence, error, 0.0, tuple(unclear))
