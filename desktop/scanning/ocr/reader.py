"""The entry point: orientations, skew angles and candidate zones tried in turn until one
reads with every value possible."""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable, Iterator
from datetime import date

import numpy as np
from PIL import Image

from desktop.domain.i18n import join
from desktop.scanning.messages import scan_text
from desktop.scanning.mrz import (
    MrzError,
    MrzFormat,
    MrzProblem,
    format_of,
    parse_mrz,
)
from desktop.scanning.ocr.classify import read_lines
from desktop.scanning.ocr.correct import apply_constraints, unclear_cells
from desktop.scanning.ocr.glyphs import SMALL_PITCH
from desktop.scanning.ocr.ink import darkness_source, ink_map, remove_rules, turn
from desktop.scanning.ocr.locate import (
    Band,
    find_bands,
    likely_groups,
    mrz_groups,
    orientations,
    skew_angle,
)
from desktop.scanning.ocr.result import Correction, NotMrz, OcrResult

_WORK_PITCH = 22.0  # pixels per character at which cells are cut (about 220 dpi)


def read_mrz_image(image: Image.Image, *, today: date, thorough: bool = True) -> OcrResult:
    """Find and read the MRZ on a scanned page or a photo: any resolution, any orientation
    (quarter turns, upside down, a document photographed askew). Never raises for a bad
    picture: the result's ``error`` says what failed.

    ``today`` is the desk's day (the century of the zone's dates). ``thorough=False`` (a
    camera's live frames, several a second): the four quarter turns
    with a small skew only, no search for other angles — the next frame comes soon."""
    started = time.perf_counter()
    gray_full = darkness_source(image)
    best: OcrResult | None = None
    tried: list[float] = []
    # The usual case first: a page scanned straight (±4°) or upside down. Then the other
    # orientations the page's text lines show (a photo askew, a page turned a quarter).
    more = _lazy(lambda: orientations(gray_full)) if thorough else iter([90.0])
    for angle in itertools.chain([0.0], more):
        if any(abs(((angle - t + 90) % 180) - 90) < 3.5 for t in tried):
            continue
        tried.append(angle)
        g = gray_full if angle == 0.0 else turn(gray_full, angle)
        for flip in (False, True):
            result = _read(g[::-1, ::-1] if flip else g, today)
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


def _lazy(make: Callable[[], list[float]]) -> Iterator[float]:
    yield from make()


def _read(gray: np.ndarray, today: date) -> OcrResult:
    h, w = gray.shape
    scale = min(1.0, 1000.0 / max(h, w))
    small = np.asarray(
        Image.fromarray(gray.astype(np.uint8)).resize(
            (max(1, int(w * scale)), max(1, int(h * scale))), Image.Resampling.BOX
        ),
        dtype=np.float32,
    )
    small_level = ink_map(small)
    small_ink = (small_level > 0.5).astype(np.float32)
    small_img = Image.fromarray((small_ink * 255).astype(np.uint8))
    level_img = Image.fromarray((small_level * 255).astype(np.uint8))
    angle = skew_angle(small_ink)
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
        bands = find_bands(rotated)
        if not bands:
            break  # a blank page: no angle will show a line
        for fmt, group in likely_groups(mrz_groups(bands), level)[:4]:
            try:
                result = _read_group(gray, scale, a, fmt, group, small.shape, today)
            except NotMrz:
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
    group: list[Band],
    small_shape: tuple[int, ...],
    today: date,
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
    small_print = est_pitch < SMALL_PITCH
    # Small print: once enlarged, a thin stroke is a light grey smear; a gentler ink curve
    # keeps it (the foot of an L, the bar of an E), or the cell loses it.
    floor, span = (0.03, 0.12) if small_print else (0.15, 0.35)
    ink = remove_rules(ink_map(np.asarray(crop, dtype=np.float32), floor, span), _WORK_PITCH)
    bands = [b for b in find_bands((ink > 0.5).astype(np.float32)) if b.height >= 6]
    # The crop may also hold a printed line above the MRZ: the most regular group wins.
    candidates = [g for f, g in likely_groups(mrz_groups(bands), ink, strict=True) if f is fmt]
    if not candidates:
        raise NotMrz("the lines could not be separated")
    reading = read_lines(ink, candidates[0], fmt, est_pitch if small_print else None)
    lines, details = reading.lines, reading.details
    confidence = min(score for det in details for _, score, _ in det)
    if fmt.shape[0] == 2:
        # The same shapes carry a passport or a visa (TD3/MRV-A), an ID card or a visa
        # (TD2/MRV-B): the document code tells them apart.
        fmt = format_of(lines)
    lines, corrections = apply_constraints(lines, fmt, details, reading.cells)
    corrections += [
        Correction(li, col, lines[li][col], lines[li][col], "letters",
                   "a mark printed above the letter (a national character, e.g. Ñ) left "
                   "out: the zone carries the base letter")
        for li, col in reading.marked
    ]  # fmt: skip
    try:
        mrz = parse_mrz(tuple(lines), today)
    except MrzError as exc:
        return OcrResult(None, tuple(lines), tuple(corrections), confidence, str(exc), 0.0)
    unclear = unclear_cells(fmt, details)
    if unclear:
        where = join(
            [scan_text("mrz.unclear_at", line=li + 1, column=col + 1) for li, col in unclear[:3]],
            "; ",
        )
        mrz = dataclasses.replace(
            mrz, problems=(*mrz.problems, MrzProblem.coded("mrz.unclear", where=where))
        )
    error = None
    if not mrz.valid:
        failed = [c.name for c in mrz.failed_checks] + [str(p) for p in mrz.problems]
        error = "MRZ read, but: " + "; ".join(failed)
    return OcrResult(mrz, tuple(lines), tuple(corrections), confidence, error, 0.0, tuple(unclear))
