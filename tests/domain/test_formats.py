"""Dates, numbers, counts and citations the way Kazakh, Russian and English write them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.formats import (
    cite,
    cite_in,
    count,
    date_time,
    decimal,
    long_date,
    ru_plural,
    short_date,
    size,
)
from desktop.domain.i18n import Text


def test_short_date_on_screen() -> None:
    assert short_date(date(2026, 11, 5)) == "05.11.2026"


def test_long_date_as_the_rules_write_it() -> None:
    # seed/rules-kk.txt, line 6: «2018 жылғы 4 қаңтардағы № 11-1-4/1 бұйрығы».
    assert long_date(date(2018, 1, 4), "kk") == "2018 жылғы 4 қаңтардағы"
    assert long_date(date(2026, 11, 5), "kk") == "2026 жылғы 5 қарашадағы"
    assert long_date(date(2016, 4, 25), "kk") == "2016 жылғы 25 сәуірдегі"
    assert long_date(date(2026, 9, 1), "kk") == "2026 жылғы 1 қыркүйектегі"
    assert long_date(date(2026, 7, 1), "kk") == "2026 жылғы 1 шілдедегі"
    assert long_date(date(2018, 1, 12), "kk", dated=False) == "2018 жылғы 12 қаңтар"
    assert long_date(date(2026, 11, 5), "ru") == "5 ноября 2026 года"
    assert long_date(date(2026, 11, 5), "en") == "5 November 2026"


def test_moment_in_the_missions_zone() -> None:
    moment = datetime(2026, 11, 10, 9, 3, tzinfo=UTC)
    assert date_time(moment, ZoneInfo("Asia/Almaty")) == "10.11.2026 14:03"
    assert date_time(moment, ZoneInfo("Europe/Berlin")) == "10.11.2026 10:03"


def test_decimal_comma() -> None:
    assert decimal(12.34, "kk") == "12,3"
    assert decimal(12.34, "ru") == "12,3"
    assert decimal(12.34, "en") == "12.3"
    assert size(int(12.3 * 1024 * 1024), "ru") == "12,3 МБ"
    assert size(int(12.3 * 1024 * 1024), "en") == "12.3 MB"
    assert size(512, "kk") == "512 байт"


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "one"),
        (2, "few"),
        (4, "few"),
        (5, "many"),
        (11, "many"),
        (12, "many"),
        (14, "many"),
        (21, "one"),
        (22, "few"),
        (25, "many"),
        (101, "one"),
        (111, "many"),
        (0, "many"),
    ],
)
def test_russian_plural(n: int, form: str) -> None:
    assert ru_plural(n, "one", "few", "many") == form


def test_count_in_three_languages() -> None:
    forms = ("пакет", "пакета", "пакетов")
    assert count(2, "пакет", forms, ("package", "packages")) == Text(
        "2 пакет", "2 пакета", "2 packages"
    )
    assert count(5, "жол", ("строка", "строки", "строк"), ("row", "rows")).ru == "5 строк"
    assert count(1, "жол", ("строка", "строки", "строк"), ("row", "rows")).en == "1 row"


def test_citations_follow_each_languages_convention() -> None:
    assert cite("§3(2)") == Text("3-тармақтың 2) тармақшасы", "пп. 2 п. 3", "§3(2)")
    assert cite_in("§11, §15", "kk") == "11-тармақ, 15-тармақ"
    assert cite_in("§11, §15", "ru") == "п. 11, п. 15"
    assert "§" not in cite_in("§16", "kk") + cite_in("§16", "ru")


def test_text_format_fills_each_language_with_its_own_values() -> None:
    stage = Text("Қабылданды", "Принято", "Accepted")
    template = Text("«{stage}» {on} {n}", "«{stage}» {on} {n}", "{stage} {on} {n}")
    got = template.format(stage=stage, on=date(2026, 11, 5), n=12.34)
    assert got == Text(
        "«Қабылданды» 05.11.2026 12,3", "«Принято» 05.11.2026 12,3", "Accepted 05.11.2026 12.3"
    )
