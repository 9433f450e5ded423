"""Turning what the officer typed into questionnaire values, and back (no Qt here).

Dates are typed as DD.MM.YYYY (also DDMMYYYY or ISO); a text that is not a date is an input
issue shown at the field, never silently dropped.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.i18n import Text
from desktop.domain.validation import Issue, Severity

M_DATE = Text(
    "Күнді КК.АА.ЖЖЖЖ түрінде жазыңыз",
    "Введите дату в виде ДД.ММ.ГГГГ",
    "Type the date as DD.MM.YYYY",
)
M_YEAR = Text("Жылды 4 цифрмен жазыңыз", "Введите год 4 цифрами", "Type the year as 4 digits")
INPUT = "input"  # the code of an input issue (unreadable text), next to the domain's codes


def parse_date(text: str) -> date | None:
    """A typed date, or None for an empty field; ValueError when it is not a date."""
    raw = text.strip()
    if not raw:
        return None
    if len(raw) == 10 and raw[4] == "-":
        return date.fromisoformat(raw)
    digits = raw.replace(".", "").replace("/", "").replace("-", "").replace(" ", "")
    if len(digits) != 8 or not digits.isdigit():
        raise ValueError(raw)
    return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))


def format_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def parse_year(text: str) -> int | None:
    raw = text.strip()
    if not raw:
        return None
    if len(raw) != 4 or not raw.isdigit():
        raise ValueError(raw)
    return int(raw)


def input_issue(path: str, message: Text) -> Issue:
    return Issue(path, INPUT, Severity.ERROR, message)
