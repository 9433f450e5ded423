"""§14-1 and the note to §3: rule versions in force, read from data.

The 05.12.2025 amendment (No. 11-1-4/730) enters into force "алғашқы ресми жарияланған
күнінен кейін күнтізбелік он күн өткен соң" — ten calendar days after the day of its first
official publication, not on 05.12.2025."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.checklist import BUNDLED_2025_12_05, DERIVATIONS, RULESETS, load_ruleset
from desktop.domain.rulesets import (
    RuleSetError,
    in_force_from,
    in_force_text,
    merged,
    parse_ruleset,
    ruleset_by_version,
    ruleset_for,
)

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "rules"


def _doc(**changes: object) -> dict[str, object]:
    doc = copy.deepcopy(BUNDLED_2025_12_05)
    doc.update(changes)
    return doc


def test_p14_1_amendment_in_force_ten_calendar_days_after_first_publication() -> None:
    # Published on 10.12: the ten days are 11.12 … 20.12; in force from 21.12.
    assert in_force_from(date(2025, 12, 10)) == date(2025, 12, 21)
    rs = load_ruleset(_doc(published_on="2025-12-10"))
    assert rs.effective_from == date(2025, 12, 21) and rs.confirmed
    older = load_ruleset(
        _doc(version="2022-11-23", order_date="2022-11-23", in_force_from="2022-12-03")
    )
    both = (older, rs)
    # The order's own date is not the day it takes effect.
    assert ruleset_for(date(2025, 12, 5), both).version == "2022-11-23"
    assert ruleset_for(date(2025, 12, 20), both).version == "2022-11-23"
    assert ruleset_for(date(2025, 12, 21), both).version == "2025-12-05"
    assert "21.12.2025" in in_force_text(rs).ru and "21.12.2025" in in_force_text(rs).kk


def test_p14_1_unknown_publication_date_is_said_not_confirmed() -> None:
    """Qonys does not carry the publication date: it uses the order's date and says so, in
    the officer's language, instead of pretending to certainty."""
    [rs] = RULESETS
    assert rs.published_on is None and not rs.confirmed
    assert rs.effective_from == date(2025, 12, 5)
    text = in_force_text(rs)
    assert "не подтверждена" in text.ru and "расталмаған" in text.kk
    assert "11-1-4/730" in text.ru and "05.12.2025" in text.kk


def test_p14_1_bundled_rule_set_file_is_the_domain_version() -> None:
    files = sorted(RESOURCES.glob("*.json"))
    assert [f.stem for f in files] == [rs.version for rs in RULESETS]
    for path, rs in zip(files, RULESETS, strict=True):
        from_file = load_ruleset(json.loads(path.read_text(encoding="utf-8")))
        assert from_file == rs  # version, in-force date and title (the source may say more)
        assert from_file.order_number == rs.order_number == "11-1-4/730"
        assert from_file.derivation == rs.derivation
        assert "күнтізбелік он күн өткен соң" in from_file.source


def test_p14_1_explicit_in_force_day_wins() -> None:
    # 30.09.2025 No. 11-1-4/577: "01.01.2026 бастап ... қолданысқа енгізіледі".
    rs = load_ruleset(
        _doc(
            version="x",
            order_date="2025-09-30",
            in_force_from="2026-01-01",
            published_on="2025-10-01",
        )
    )
    assert rs.effective_from == date(2026, 1, 1) and rs.confirmed


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"format": "other"}, "qonys.rule-set"),
        ({"derivation": "p3-2099"}, "does not know the rules"),
        ({"extra": 1}, "unknown fields extra"),
        ({"published_on": "2025-12-01"}, "published before the order"),
        ({"order_date": "05.12.2025"}, "order_date is not a date"),
        ({"title": {"kk": "x", "ru": "y"}}, "kk, ru and en"),
        ({"version": ""}, "version must be a text"),
    ],
)
def test_p14_1_unusable_rule_set_is_refused_with_the_reason(
    changes: dict[str, object], words: str
) -> None:
    with pytest.raises(RuleSetError, match=words):
        parse_ruleset(_doc(**changes), DERIVATIONS)


def test_p14_1_installed_version_replaces_the_bundled_one_of_the_same_name() -> None:
    update = load_ruleset(_doc(published_on="2025-12-10"))
    newer = load_ruleset(_doc(version="2026-03-01", in_force_from="2026-03-01"))
    known = merged(RULESETS, (update, newer))
    assert [r.version for r in known] == ["2025-12-05", "2026-03-01"]
    assert ruleset_by_version("2025-12-05", known).confirmed
    # A case accepted under 2025-12-05 keeps it: looked up by its version, not by the day.
    assert ruleset_by_version("2025-12-05", known).version == "2025-12-05"
    assert ruleset_for(date(2026, 11, 24), known).version == "2026-03-01"
    with pytest.raises(RuleSetError):
        ruleset_for(date(2026, 1, 1), ())
