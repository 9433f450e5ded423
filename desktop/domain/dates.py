"""Calendar arithmetic the Rules need everywhere (ages on a date)."""

from __future__ import annotations

from datetime import date


def age_on(birth: date, on: date) -> int:
    """Full years of age on a given day (a birthday counts on the day itself)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years
