"""Reading the cells of a zone: each cell compared with every glyph template (normalised
correlation); one glyph set per zone."""

from __future__ import annotations

import numpy as np

from desktop.scanning.mrz import (
    MRZ_ALPHABET,
    MrzFormat,
)
from desktop.scanning.ocr.cells import MAX_BORDER_INK, fit_baseline, fit_cells
from desktop.scanning.ocr.glyphs import cap_ratios, cut_cell, normalise, templates
from desktop.scanning.ocr.ink import row_runs
from desktop.scanning.ocr.locate import Band
from desktop.scanning.ocr.result import NotMrz


def read_lines(
    ink: np.ndarray, group: list[Band], fmt: MrzFormat
) -> tuple[list[str], list[list[tuple[str, float, dict[str, float]]]]]:
    matrix, labels, sets = templates()
    _, chars = fmt.shape
    fitted: list[tuple[np.ndarray, float, np.ndarray]] = []  # edges, pitch, baseline
    for band in group:
        strip = ink[band.top : band.bottom, :]
        profile = strip.sum(axis=0)
        edges, share = fit_cells(profile, chars)
        if share > MAX_BORDER_INK:
            raise NotMrz(f"not a fixed-pitch line (border ink {share:.2f})")
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
                top, bottom = max(row_runs(rows > rows.max() * 0.2), key=lambda r: r[1] - r[0])
                centres.append((a + b) / 2.0)
                bottoms.append(y_lo + float(bottom))
                heights.append(float(bottom - top))
        fitted.append((edges, pitch, fit_baseline(centres, bottoms, heights, float(band.bottom))))
    # Each glyph set is matched with cells cut to its own proportions (cap height to pitch:
    # OCR-B's capitals are as tall as its pitch, DejaVu Sans Mono's a fifth taller). One zone
    # is printed in one font: the set that fits the whole zone best reads every cell, so that
    # another font's look-alike (an F for a worn E) cannot win a single cell.
    best_fit = -np.inf
    scores = np.zeros((0, 0), dtype=np.float32)
    kept = labels
    for f, ratio in enumerate(cap_ratios()):
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
                cells.append(cut_cell(sub, baseline - y0, pitch, c).ravel())
        in_set = sets == f
        set_scores = normalise(np.stack(cells)) @ matrix[in_set].T
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
