"""Ink maps of a page: darkness against the local background, runs of inked rows, ruled
lines blanked, the page turned."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageFilter


def ink_map(gray: np.ndarray, floor: float = 0.15, span: float = 0.35) -> np.ndarray:
    """Darkness relative to the local background (0..1), robust to tinted paper and shadows."""
    img = Image.fromarray(gray.astype(np.uint8))
    radius = max(8, min(gray.shape) // 30)
    background = np.asarray(img.filter(ImageFilter.BoxBlur(radius)), dtype=np.float32)
    background = np.maximum(background, gray)  # ink never makes the background darker
    ink = (background - gray) / np.maximum(background, 1.0)
    return np.asarray(np.clip((ink - floor) / span, 0.0, 1.0), dtype=np.float32)


def row_runs(on: np.ndarray) -> list[tuple[int, int]]:
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


def remove_rules(ink: np.ndarray, pitch: float) -> np.ndarray:
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


def darkness_source(image: Image.Image) -> np.ndarray:
    """Grey levels in which only dark ink is dark: the brightest of the three channels.
    The MRZ is printed black; a coloured pattern, stamp or security print behind or across it
    (red, blue, green) is bright in at least one channel and fades out here."""
    if image.mode in ("L", "1", "I", "F", "I;16"):
        return np.asarray(image.convert("L"), dtype=np.float32)
    r, g, b = image.convert("RGB").split()
    return np.asarray(ImageChops.lighter(ImageChops.lighter(r, g), b), dtype=np.float32)


def turn(gray: np.ndarray, angle: float) -> np.ndarray:
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
