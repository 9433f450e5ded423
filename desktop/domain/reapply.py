"""An officer's edit re-applied to a case another desk saved meanwhile (issue 21).

Two officers open the same case; the first saves, the second's save is refused (optimistic
locking). The second keeps their edit: what they changed from the version they opened goes
on top of the version now saved, and what the other desk changed stays. A field both changed
to different values keeps the officer's own value and is named, so that they look at it
before saving again.

The questionnaire's JSON shape (`Questionnaire.to_dict`): nested objects are merged field by
field; a table (children, relatives, employment) or any other list is one field, since its
rows have no identity of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Reapplied:
    merged: dict[str, Any]
    both_changed: list[str]  # field paths the other desk changed to something else too


def reapply(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> Reapplied:
    """`mine`'s changes from `base` on top of `theirs` (the version saved since)."""
    both: list[str] = []
    merged = _merge(base, mine, theirs, "", both)
    return Reapplied(merged, both)


def _merge(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any], prefix: str, both: list[str]
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        path = f"{prefix}{key}"
        if isinstance(b, dict) and isinstance(m, dict) and isinstance(t, dict):
            merged[key] = _merge(b, m, t, path + ".", both)
        elif m == b:
            merged[key] = t  # not touched here: the other desk's value
        else:
            merged[key] = m
            if t != b and t != m:
                both.append(path)
    return merged
