"""Issue 17: the console's texts are complete in three languages, pass the project's language
checks (tests/test_language.py) and every key a template asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.department.console.texts import STAGE_KEYS, STEPS, T
from tests.test_language import Sample, problems, wrong_variants

TEMPLATES = Path(__file__).resolve().parents[3] / "desktop/department/console/templates"


def test_every_text_is_clean_kazakh_and_russian() -> None:
    wrong = {lang: wrong_variants(lang) for lang in ("kk", "ru")}
    found = []
    for key, (kk, ru, en) in {**T, **STEPS}.items():
        assert kk and ru and en, key
        for lang, text in (("kk", kk), ("ru", ru)):
            found += problems(Sample(key, lang, text), wrong[lang])
    assert found == []


def test_every_key_the_templates_use_exists() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_]+)["']\)""", template.read_text()))
    assert len(used) > 60
    assert used <= set(T), used - set(T)
    assert {f"stage_{s}" for s in STAGE_KEYS} <= set(T)
    assert {f"role_{r}" for r in ("clerk", "head", "admin", "auditor", "")} <= set(T)
