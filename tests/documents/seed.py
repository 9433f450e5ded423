"""The official Kazakh text of the Rules (`../shared/seed/rules-kk.txt`), for wording tests.

Issue 12 §17: printed form texts are compared with the seed itself, never with a copy kept in
a test. The seed lies in `shared/` beside the repository (CI lays it there; a worktree under
`wt/NAME` finds it two levels up).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def seed_path() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "seed" / "rules-kk.txt"
        if path.is_file():
            return path
    pytest.fail("../shared/seed/rules-kk.txt is missing: the wording tests read the Rules there")


def normalise(text: str) -> str:
    """Whitespace collapsed; the Latin "i" the seed mixes into Kazakh words read as "і"."""
    return re.sub(r"\s+", " ", text.replace("i", "і")).strip()


@cache
def seed_text() -> str:
    return normalise(seed_path().read_text(encoding="utf-8"))


def template_pattern(template: str) -> re.Pattern[str]:
    """A form template as a pattern over the seed: each {blank} matches the form's blank."""
    parts = re.split(r"\{\w+\}", normalise(template))
    return re.compile(r"\S*?".join(re.escape(p) for p in parts))


def in_seed(template: str) -> bool:
    return template_pattern(template).search(seed_text()) is not None
