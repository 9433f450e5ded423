"""Where the bundled resources (fonts, form texts, translations) live.

The same lookup serves a checkout, an installed wheel and the frozen (PyInstaller) app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("QONYS_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)}")
    return path


def font_path(bold: bool = False) -> Path:
    """The Kazakh-capable TTF used on screen and on paper (DejaVu Sans, see LICENSE-DejaVu.txt)."""
    return resource_path("fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
