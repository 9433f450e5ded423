"""Where the bundled resources (fonts, form texts, translations, icons) live.

The same lookup serves a checkout, an installed wheel and the frozen (PyInstaller) app:

1. `QONYS_RESOURCES`, when set (tests, unusual installs);
2. the frozen app: `resources/` beside the bundled modules (`sys._MEIPASS`);
3. a checkout (or an editable install): `resources/` at the top of the source tree;
4. an installed wheel: the wheel's data files go to `<prefix>/share/qonys/resources`
   (pyproject `[tool.setuptools.data-files]`), where `<prefix>` is the venv or the user base.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

_SHARE = Path("share") / "qonys" / "resources"


def _candidates() -> Iterator[Path]:
    """In order; the installed places only when the checkout has none (`sysconfig` takes a
    few ms to answer, at every start of the desk)."""
    yield Path(__file__).resolve().parent.parent / "resources"
    import site
    import sysconfig

    prefixes = [sys.prefix, sys.base_prefix, sysconfig.get_path("data")]
    user_base = getattr(site, "USER_BASE", None)
    if user_base:
        prefixes.append(user_base)
    yield from (Path(p) / _SHARE for p in dict.fromkeys(prefixes) if p)


def resources_dir() -> Path:
    override = os.environ.get("QONYS_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    for candidate in _candidates():
        if (candidate / "fonts").is_dir():
            return candidate
    return next(_candidates())


def resource_path(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {'/'.join(parts)}")
    return path


def font_path(bold: bool = False) -> Path:
    """The Kazakh-capable TTF used on screen and on paper (DejaVu Sans, see LICENSE-DejaVu.txt)."""
    return resource_path("fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
