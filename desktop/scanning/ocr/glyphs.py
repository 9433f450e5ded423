"""The glyph templates: OCR-B (and a plain monospaced sans) rendered at several weights
and widths, shifted, normalised; and the cutting of one character cell to the template grid."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from desktop.scanning.mrz import (
    MRZ_ALPHABET,
)
from desktop.scanning.ocr.ink import row_runs

_TW, _TH = 20, 24  # template grid (width, height) in cells


_SHIFTS = (-2, -1, 0, 1, 2)


# (stroke added in font units at 120 px, or -1 for a thinned glyph; width factor)
_GLYPH_VARIANTS = ((0, 1.0), (3, 1.0), (6, 1.0), (-1, 1.0))


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


def normalise(vectors: np.ndarray) -> np.ndarray:
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


@dataclass(frozen=True)
class _Glyph:
    """One glyph of one set in one weight and width variant, cut to the template grid."""

    label: int
    font_index: int
    variant: tuple[int, float]
    cell: np.ndarray


def _drawn(source_pitch: float | None) -> Iterator[_Glyph]:
    """Every glyph of every set, drawn at 120 px in each variant and cut like a cell; if
    ``source_pitch`` is given, first reduced to that many pixels per character (each pixel
    the mean of the ink it covers, as a sensor sees it) and enlarged again. (Drawn smaller
    for that, the glyphs lose detail that still counts: measured, 40 px reads worse.)"""
    size = 120
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
                if stroke < 0:
                    canvas = _thinned(canvas)
                if source_pitch is not None:
                    f = source_pitch / (pitch * width)
                    small = canvas.resize(
                        (max(1, round(canvas.width * f)), max(1, round(canvas.height * f))),
                        Image.Resampling.BOX,
                    )
                    canvas = small.resize(canvas.size, Image.Resampling.BICUBIC)
                ink = np.asarray(canvas, dtype=np.float32) / 255.0
                cell = cut_cell(ink, size * 0.5 + ascent, pitch * width, cap)
                yield _Glyph(k, font_index, (stroke, width), cell)


def _thinned(canvas: Image.Image, size: int = 5) -> Image.Image:
    """The glyph eroded by a ``size`` × ``size`` square (Pillow's MinFilter, in numpy: the
    rank filter took most of the time spent rendering the templates)."""
    ink = np.asarray(canvas)
    r = size // 2
    padded = np.pad(ink, r, mode="edge")
    h, w = ink.shape
    rows = np.minimum.reduce([padded[:, i : i + w] for i in range(size)])
    out = np.minimum.reduce([rows[i : i + h] for i in range(size)])
    return Image.fromarray(np.ascontiguousarray(out))


def _matrix(glyphs: Iterable[_Glyph]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows: list[np.ndarray] = []
    labels: list[int] = []
    sets: list[int] = []
    for g in glyphs:
        shifts = (
            itertools.product(_SHIFTS, _SHIFTS)
            if g.variant == (0, 1.0)
            else ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))
        )
        for dx, dy in shifts:
            rows.append(np.roll(np.roll(g.cell, dy, axis=0), dx, axis=1).ravel())
            labels.append(g.label)
            sets.append(g.font_index)
    return normalise(np.stack(rows)), np.asarray(labels), np.asarray(sets)


@lru_cache(maxsize=1)
def templates() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Matrix of shifted, normalised glyph templates, the class index of each row and the
    glyph set (font) it comes from."""
    return _matrix(_drawn(None))


SMALL_PITCH = 10.0  # pixels per character below which the print is read with blurred templates


def small_templates(source_pitch: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The templates as print of ``source_pitch`` pixels per character looks once enlarged
    to the working pitch, after the sharp ones (a print of a few pixels may still be crisp).
    Below ~10 px a character, a thin stroke (the foot of an E, the middle of an M) is a grey
    smear, not a line: matched against sharp templates only, E and F, M and N come within a
    hair of each other."""
    blurred, labels, sets = _blurred(source_pitch)
    sharp, sharp_labels, sharp_sets = templates()
    return (
        np.concatenate([sharp, blurred]),
        np.concatenate([sharp_labels, labels]),
        np.concatenate([sharp_sets, sets]),
    )


@lru_cache(maxsize=4)  # ~6 MB each; a camera's frames keep to one or two sizes
def _blurred(source_pitch: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _matrix(_drawn(source_pitch))


def warm_up() -> None:
    """Render the glyph sets now (a few seconds, once per process), e.g. on a worker thread
    when the scan dialog opens, rather than at the first reading."""
    templates()


@lru_cache(maxsize=1)
def cap_ratios() -> tuple[float, ...]:
    """Cap height over pitch of each glyph set, in the order of ``_template_fonts``."""
    out = []
    for path in _template_fonts():
        font = ImageFont.truetype(str(path), 120)
        top, bottom = font.getbbox("H")[1], font.getbbox("H")[3]
        out.append(float(bottom - top) / font.getlength("0"))
    return tuple(out)


def cut_cell(ink: np.ndarray, baseline: float, pitch: float, cap: float) -> np.ndarray:
    """Cut one character's frame from an ink map (1 = ink): centred on its ink horizontally
    (1.1 pitch wide), from 1.14 cap heights above the baseline to 0.1 below, resampled to the
    template grid. Cap height and pitch both count: printers' fonts differ in their ratio."""
    top = baseline - 1.14 * cap
    bottom = baseline + 0.1 * cap
    cols = ink[int(max(0, top)) : int(bottom) + 1].sum(axis=0)
    if cols.sum() > 0:
        runs = row_runs(cols > cols.max() * 0.05)
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
