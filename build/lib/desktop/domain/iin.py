"""The individual identification number (IIN, ЖСН/ИИН) of Kazakhstan.

Twelve digits: YYMMDD, a century-and-sex digit, four serial digits, a check digit.
Since 2013 the digits are officially not bound to personal data, so a disagreement with the
date of birth or sex is a warning the officer confirms, never a block (FIELD-NOTES).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


class IinProblem(StrEnum):
    NOT_TWELVE_DIGITS = "not_twelve_digits"
    NEVER_ISSUED = "never_issued"
    BAD_CHECK_DIGIT = "bad_check_digit"


@dataclass(frozen=True, slots=True)
class IinFacts:
    """What the digits say, when they say anything (None where they cannot be read)."""

    birth_date: date | None
    male: bool | None


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for the first eleven, or None when the number is never issued."""
    digits = [int(c) for c in first_eleven]
    value = sum(d * w for d, w in zip(digits, _FIRST_WEIGHTS, strict=True)) % 11
    if value == 10:
        value = sum(d * w for d, w in zip(digits, _SECOND_WEIGHTS, strict=True)) % 11
        if value == 10:
            return None
    return value


def problem(iin: str) -> IinProblem | None:
    """Why an IIN cannot be right, or None when its form and check digit are correct."""
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return IinProblem.NOT_TWELVE_DIGITS
    expected = check_digit(iin[:11])
    if expected is None:
        return IinProblem.NEVER_ISSUED
    if expected != int(iin[11]):
        return IinProblem.BAD_CHECK_DIGIT
    return None


def is_valid(iin: str) -> bool:
    return problem(iin) is None


def facts(iin: str) -> IinFacts:
    """Date of birth and sex as encoded (meaningful only for a well-formed IIN)."""
    if len(iin) < 7 or not iin[:7].isdigit():
        return IinFacts(None, None)
    century_digit = int(iin[6])
    century = _CENTURY_BY_DIGIT.get(century_digit)
    male = None if century is None else century_digit % 2 == 1
    birth: date | None = None
    if century is not None:
        try:
            birth = date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
        except ValueError:
            birth = None
    return IinFacts(birth, male)


def compose(birth: date, male: bool, serial: int) -> str | None:
    """A well-formed IIN for a date of birth, sex and four-digit serial (None if never issued).

    Used by the demo generator and by tests; real IINs are issued by the state.
    """
    century_base = {1800: 1, 1900: 3, 2000: 5}.get(birth.year // 100 * 100)
    if century_base is None:
        raise ValueError("IINs encode births from 1800 to 2099 only")
    sex_digit = century_base if male else century_base + 1
    first = f"{birth:%y%m%d}{sex_digit}{serial % 10000:04d}"
    digit = check_digit(first)
    return None if digit is None else first + str(digit)
