"""Server-rendered SVG charts (no script): grouped bars per mission."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

COLOURS = ("#2b6cb0", "#c53030", "#2f855a", "#805ad5")


def bar_chart(groups: Sequence[tuple[str, Sequence[int]]], legend: Sequence[str]) -> str:
    """An SVG of grouped bars: one group per label, one bar per series; legend below."""
    width, height, left, bottom, top = 900, 260, 40, 40, 10
    top_value = max([v for _, values in groups for v in values] + [1])
    n = max(len(groups), 1)
    slot = (width - left) / n
    series = max(len(legend), 1)
    bar = max(2.0, min(24.0, slot / (series + 1)))
    scale = (height - bottom - top) / top_value
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 30}" '
        f'role="img" class="chart">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#444"/>',
        f'<text x="4" y="{top + 10}" font-size="11">{top_value}</text>',
    ]
    for i, (label, values) in enumerate(groups):
        x0 = left + i * slot + (slot - bar * series) / 2
        for j, value in enumerate(values):
            h = value * scale
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{height - bottom - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[j % len(COLOURS)]}"><title>{escape(label)}: '
                f"{value}</title></rect>"
            )
        parts.append(
            f'<text x="{left + i * slot + slot / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    for j, name in enumerate(legend):
        x = left + j * 220
        parts.append(
            f'<rect x="{x}" y="{height + 8}" width="12" height="12" fill="{COLOURS[j % len(COLOURS)]}"/>'
            f'<text x="{x + 18}" y="{height + 18}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
