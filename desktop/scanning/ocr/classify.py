"""Reading the cells of a zone: each cell compared with every glyph template (normalised
correlation); one glyph set per zone."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.scanning.mrz import (
    MRZ_ALPHABET,
    MrzFormat,
)
from desktop.scanning.ocr.cells import MAX_BORDER_INK, fit_baseline, fit_cells
from desktop.scanning.ocr.glyphs import (
    cap_ratios,
    cut_cell,
    normalise,
    small_templates,
    templates,
)
from desktop.scanning.ocr.ink import row_runs
from desktop.scanning.ocr.locate import Band
from desktop.scanning.ocr.result import NotMrz

Details = list[list[tuple[str, float, dict[str, float]]]]
_Fitted = tuple[np.ndarray, float, np.ndarray]  # cell edges, pitch, baseline polynomial


@dataclass(frozen=True)
class Reading:
    """A zone's raw characters, per cell every glyph's score, the cells as matched
    (normalised rows, line by line), and the cells read without a mark printed above them."""

    lines: list[str]
    details: Details
    cells: np.ndarray
    marked: tuple[tuple[int, int], ...]


def read_lines(
    ink: np.ndarray, group: list[Band], fmt: MrzFormat, source_pitch: float | None = None
) -> Reading:
    """Read every cell of a located zone. ``source_pitch``: the print's own pixels per
    character, when that is small (see ``small_templates``)."""
    if source_pitch is not None:
        matrix, labels, sets = small_templates(round(source_pitch * 2) / 2)
    else:
        matrix, labels, sets = templates()
    _, chars = fmt.shape
    fitted = [_fit_line(ink, band, chars) for band in group]
    # Each glyph set is matched with cells cut to its own proportions (cap height to pitch:
    # OCR-B's capitals are as tall as its pitch, DejaVu Sans Mono's a fifth taller). One zone
    # is printed in one font: the set that fits the whole zone best reads every cell, so that
    # another font's look-alike (an F for a worn E) cannot win a single cell.
    best_fit = -np.inf
    matched = np.zeros((0, 0), dtype=np.float32)
    best: tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray | None]] | None = None
    for f, ratio in enumerate(cap_ratios()):
        cuts = [_cut(ink, line, i, ratio) for line in fitted for i in range(chars)]
        in_set = sets == f
        vectors = normalise(np.stack([main for main, _ in cuts]))
        set_scores = vectors @ matrix[in_set].T
        fit = float(set_scores.max(axis=1).sum())
        if fit > best_fit:
            best_fit = fit
            best = (set_scores, matrix[in_set], labels[in_set], [alt for _, alt in cuts])
            matched = vectors
    assert best is not None
    scores, set_matrix, kept, alternatives = best
    marked = _national_marks(scores, set_matrix, kept, alternatives)
    for index, alt_scores in marked.items():
        scores[index] = alt_scores
    per_class = np.full((scores.shape[0], len(MRZ_ALPHABET)), -1.0, dtype=np.float32)
    for k in range(len(MRZ_ALPHABET)):
        per_class[:, k] = scores[:, kept == k].max(axis=1)
    lines: list[str] = []
    details: Details = []
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
    where = tuple(divmod(index, chars) for index in sorted(marked))
    return Reading(lines, details, matched, where)


def _fit_line(ink: np.ndarray, band: Band, chars: int) -> _Fitted:
    """A line's cell edges, pitch and baseline."""
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
    return edges, pitch, fit_baseline(centres, bottoms, heights, float(band.bottom))


def _cut(
    ink: np.ndarray, line: _Fitted, i: int, ratio: float
) -> tuple[np.ndarray, np.ndarray | None]:
    """Cell ``i`` of a line on the template grid, and the same cell without a mark printed
    above a shortened letter (None when it has none)."""
    edges, _line_pitch, poly = line
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
    main = cut_cell(sub, baseline - y0, pitch, c).ravel()
    return main, _without_mark(sub, baseline - y0, pitch, c)


def _without_mark(sub: np.ndarray, base: float, pitch: float, cap: float) -> np.ndarray | None:
    """A national letter printed in the zone against ICAO's rules (Ñ, Ä, Ö, Å: a shortened
    letter under a tilde, dots or a ring, apart from it): the letter alone, stretched to the
    cap height. None unless the cell shows exactly that shape."""
    rows = sub[: int(base) + 2].sum(axis=1)
    if rows.size == 0 or rows.max() <= 0:
        return None
    runs = row_runs(rows > 0.15 * rows.max())
    if len(runs) < 2:
        return None
    (mark_top, mark_bottom), (body_top, body_bottom) = runs[-2], runs[-1]
    body = body_bottom - body_top
    if abs(body_bottom - base) > 0.15 * cap or not 0.5 * cap <= body <= 0.88 * cap:
        return None  # no shortened letter standing on the baseline
    if body_bottom - mark_top > 1.35 * cap or mark_bottom - mark_top > 0.35 * cap:
        return None  # not a small mark just above it
    if sub[mark_top:mark_bottom].sum() < 0.05 * sub[body_top:body_bottom].sum():
        return None  # a speck
    clean = sub.copy()
    clean[:body_top] = 0
    return cut_cell(clean, base, pitch, float(body)).ravel()


_MARK_GAIN = 0.05  # the letter alone must match this much better than the cell as printed


def _national_marks(
    scores: np.ndarray,
    matrix: np.ndarray,
    labels: np.ndarray,
    alternatives: list[np.ndarray | None],
) -> dict[int, np.ndarray]:
    """The cells better read as a letter without the mark printed above it: their scores."""
    out: dict[int, np.ndarray] = {}
    for index, alt in enumerate(alternatives):
        if alt is None:
            continue
        alt_scores = normalise(alt[None, :])[0] @ matrix.T
        best = int(np.argmax(alt_scores))
        if (
            MRZ_ALPHABET[int(labels[best])].isalpha()
            and float(alt_scores[best]) >= float(scores[index].max()) + _MARK_GAIN
        ):
            out[index] = alt_scores
    return out
