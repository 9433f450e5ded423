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


# Services the console calls; their refusals the console words itself (refusals.py).
_CONSOLE_ROOMS = ("routing", "decisions", "staff", "pki", "outbox", "rules", "users", "casebook")
_CLI_ONLY = (
    "--",  # an option of the command line
    "recovery",
    "store_dir",
    "already exists",
    "not a directory",
    "Department store",
    "at least one user",
    "damaged",
)


def test_every_refusal_a_page_can_meet_is_worded_in_three_languages() -> None:
    """Issue 17: no service's English line on a Kazakh or Russian page — each refusal the
    console's services raise matches a phrase with a text, and each package check has one."""
    from desktop.department.console.refusals import PHRASES
    from desktop.sync import errors

    assert {key for _, key in PHRASES} <= set(T)
    raised = re.compile(
        r"raise (?:DepartmentError|vault\.VaultError|VaultError)\(\s*f?\"([^\"]+)\""
    )
    root = TEMPLATES.parents[1]
    unworded = []
    for room in (*_CONSOLE_ROOMS, "vault"):
        for message in raised.findall((root / f"{room}.py").read_text(encoding="utf-8")):
            if any(c in message for c in _CLI_ONLY):
                continue
            if not any(phrase in message for phrase, _ in PHRASES):
                unworded.append((room, message))
    assert unworded == []
    checks = [
        c.code
        for c in vars(errors).values()
        if isinstance(c, type)
        and issubclass(c, errors.PackageError)
        and c is not errors.PackageError
    ]
    assert len(checks) >= 15
    assert {f"refusal_{code}" for code in checks} <= set(T)
