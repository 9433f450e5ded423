"""Pick lists for the desk: place names already used, and the stages cases are at.

The officer types a place once; every later questionnaire offers it back, so the spelling of
"Түркістан облысы" stays the same across cases (and the Department's routing by the last place
of registration, §7, sees one name, not five).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.domain.questionnaire import Place
from desktop.services.context import DeskContext
from desktop.storage import lookups

# Enough recent cases to learn a mission's usual places, few enough to read in well under a
# second on a 100,000-case store.
RECENT_CASES = 2000
PLACE_FIELDS = ("birth_place", "leaving_place")


@dataclass(frozen=True, slots=True)
class PlaceValues:
    """For each of the five levels (Place.LEVELS), the values used, most frequent first."""

    by_level: dict[str, list[str]] = field(default_factory=dict)
    destination_countries: list[str] = field(default_factory=list)
    destination_settlements: list[str] = field(default_factory=list)

    def level(self, name: str) -> list[str]:
        return self.by_level.get(name, [])


def _ranked(counter: Counter[str]) -> list[str]:
    return [value for value, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def place_values(ctx: DeskContext, recent: int = RECENT_CASES) -> PlaceValues:
    """Distinct place values of the most recent cases, most used first."""
    levels: dict[str, Counter[str]] = {level: Counter() for level in Place.LEVELS}
    countries: Counter[str] = Counter()
    settlements: Counter[str] = Counter()
    with ctx.uow() as uow:
        documents = lookups.recent_questionnaires(uow.session, recent)
    for doc in documents:
        for place_field in PLACE_FIELDS:
            place: Any = doc.get(place_field)
            if not isinstance(place, dict):
                continue
            for level in Place.LEVELS:
                _count(levels[level], place.get(level))
        _count(countries, doc.get("destination_country"))
        _count(settlements, doc.get("destination_settlement"))
    # A country typed as a destination is a country for the place levels too, and back.
    countries.update(levels["country"])
    return PlaceValues(
        {level: _ranked(counter) for level, counter in levels.items()},
        _ranked(countries),
        _ranked(settlements),
    )


def _count(counter: Counter[str], value: object) -> None:
    if isinstance(value, str) and value.strip():
        counter[" ".join(value.split())] += 1


def stage_counts(ctx: DeskContext) -> dict[str, int]:
    """Stages present in the store with their number of cases, for the list's filter."""
    with ctx.reader() as uow:
        return lookups.stage_counts(uow.session)


@dataclass(frozen=True, slots=True)
class NextDeadline:
    """The earliest open clock of a case (the workflow keeps them, recomputed at each step)."""

    due: date
    paragraph: str  # of the Rules, e.g. "7"


def next_deadlines(ctx: DeskContext, case_ids: list[int]) -> dict[int, NextDeadline]:
    """Next deadlines of the given cases, for the list's "next deadline" and "days left"."""
    with ctx.reader() as uow:
        found = lookups.next_deadlines(uow.session, case_ids)
    return {case_id: NextDeadline(due, paragraph) for case_id, (due, paragraph) in found.items()}
