"""The one font of every printed form: the bundled DejaVu Sans, embedded as a subset.

reportlab's built-in Helvetica turns every Cyrillic letter into a box *silently*
(FIELD-NOTES, PDF), so no form may ever fall back to a base-14 font: every style and
every canvas in this package takes its font names from here.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import font_path

REGULAR = "QonysSans"
BOLD = "QonysSans-Bold"

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register the bundled regular and bold TTF with reportlab once; return their names."""
    global _registered
    with _lock:
        if not _registered:
            pdfmetrics.registerFont(TTFont(REGULAR, str(font_path(bold=False))))
            pdfmetrics.registerFont(TTFont(BOLD, str(font_path(bold=True))))
            # Platypus maps <b> and bold styles through the family table: no italic face is
            # bundled, so italic falls back to the upright faces rather than to Helvetica.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = True
    return REGULAR, BOLD
