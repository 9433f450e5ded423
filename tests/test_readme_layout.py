"""The README's layout section names every room (issue 15): each package under desktop/."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_layout_names_every_package() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout\n", 1)[1].split("\n## ", 1)[0]
    packages = [
        p.parent.relative_to(ROOT / "desktop")
        for p in (ROOT / "desktop").rglob("__init__.py")
        if p.parent != ROOT / "desktop"
    ]
    assert packages
    missing = [str(p) for p in packages if f"`{p.name}/`" not in layout]
    assert not missing, f"the README's layout section does not name: {missing}"
