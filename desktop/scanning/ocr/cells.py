"""Cutting a located line into its fixed-pitch cells (ICAO: 10 characters per inch) and
fitting its baseline."""

from __future__ import annotations

import numpy as np

MAX_BORDER_INK = 0.08  # share of a line's ink on the cell borders; MRZ lines stay far below


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


def fit_grid(profile: np.ndarray, n: int) -> tuple[float, float, float]:
    """Origin and pitch of ``n`` fixed-pitch cells that put the least ink on cell borders,
    and the share of the line's ink lying on those borders (low for an MRZ, whose cells are
    separated by clean gaps; high for proportional text)."""
    edges, share = fit_cells(profile, n, slanted=False)
    return float(edges[0]), float((edges[-1] - edges[0]) / n), share


def fit_cells(profile: np.ndarray, n: int, *, slanted: bool = True) -> tuple[np.ndarray, float]:
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


def fit_baseline(
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
