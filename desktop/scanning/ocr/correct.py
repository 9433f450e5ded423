"""ICAO 9303 field rules applied to a raw reading: letters where only letters stand, digits
where only digits stand (only if the check digit then agrees), O/0 told apart by the check
digit, and the cells no check digit covers that could not be told apart."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

import numpy as np

from desktop.scanning.mrz import (
    MrzError,
    MrzFormat,
    parse_mrz,
)
from desktop.scanning.ocr.result import Correction

_DIGIT_FOR = {"O": "0", "I": "1", "S": "5", "B": "8"}


_LETTER_FOR = {v: k for k, v in _DIGIT_FOR.items()}


# Field layout: (line, start, end, kind, check-digit field name). kind: "digits", "letters",
# "alnum". The check digit positions themselves are digits.
_TD3_FIELDS = (
    (0, 0, 1, "letters", None), (0, 2, 5, "letters", None), (0, 5, 44, "letters", None),
    (1, 0, 9, "alnum", "document_number"), (1, 9, 10, "digits", "document_number"),
    (1, 10, 13, "letters", None), (1, 13, 19, "digits", "birth_date"),
    (1, 19, 20, "digits", "birth_date"), (1, 20, 21, "letters", None),
    (1, 21, 27, "digits", "expiry_date"), (1, 27, 28, "digits", "expiry_date"),
    (1, 28, 42, "alnum", "personal_number"), (1, 42, 43, "digits", "personal_number"),
    (1, 43, 44, "digits", "composite"),
)  # fmt: skip


_TD1_FIELDS = (
    (0, 0, 1, "letters", None), (0, 2, 5, "letters", None),
    (0, 5, 14, "alnum", "document_number"), (0, 14, 15, "digits", "document_number"),
    (1, 0, 6, "digits", "birth_date"), (1, 6, 7, "digits", "birth_date"),
    (1, 7, 8, "letters", None), (1, 8, 14, "digits", "expiry_date"),
    (1, 14, 15, "digits", "expiry_date"), (1, 15, 18, "letters", None),
    (1, 29, 30, "digits", "composite"), (2, 0, 30, "letters", None),
)  # fmt: skip


_TD2_FIELDS = (
    (0, 0, 1, "letters", None), (0, 2, 5, "letters", None), (0, 5, 36, "letters", None),
    (1, 0, 9, "alnum", "document_number"), (1, 9, 10, "digits", "document_number"),
    (1, 10, 13, "letters", None), (1, 13, 19, "digits", "birth_date"),
    (1, 19, 20, "digits", "birth_date"), (1, 20, 21, "letters", None),
    (1, 21, 27, "digits", "expiry_date"), (1, 27, 28, "digits", "expiry_date"),
    (1, 35, 36, "digits", "composite"),
)  # fmt: skip


def field_layout(fmt: MrzFormat) -> tuple[tuple[int, int, int, str, str | None], ...]:
    if fmt is MrzFormat.TD3:
        return _TD3_FIELDS
    if fmt is MrzFormat.TD1:
        return _TD1_FIELDS
    width = fmt.shape[1]
    # TD2 and the visas share line 2 up to the expiry; the name runs to the line's end.
    fields = tuple(
        (li, a, width if (li, a) == (0, 5) else b, kind, name)
        for li, a, b, kind, name in _TD2_FIELDS
    )
    return fields if fmt is MrzFormat.TD2 else fields[:-1]  # visas have no composite


Details = list[list[tuple[str, float, dict[str, float]]]]


_AMBIGUOUS_MARGIN = 0.08  # O and 0 scored this close: the glyph alone cannot tell them apart


_Grid = list[list[str]]
_Fields = tuple[tuple[int, int, int, str, str | None], ...]


def apply_constraints(
    lines: list[str],
    fmt: MrzFormat,
    details: Details | None = None,
    cells: np.ndarray | None = None,
) -> tuple[list[str], list[Correction]]:
    """The raw reading with ICAO's character rules applied; every change is reported.
    ``cells``: the zone's cells as matched (normalised rows, line by line), if at hand."""
    fields = field_layout(fmt)
    grid = [list(line) for line in lines]
    corrections: list[Correction] = []
    _letters_only(grid, fields, corrections)
    # Digit positions: substitute O/I/S/B only when the field's check digit then agrees.
    for name in sorted({name for *_, name in fields if name}):
        grid = _digits_only(grid, fields, name, corrections)
    if details is not None:
        grid = _resolve_o_zero(grid, fmt, fields, details, corrections, cells)
    return ["".join(row) for row in grid], corrections


def _letters_only(grid: _Grid, fields: _Fields, corrections: list[Correction]) -> None:
    """Letters-only fields: a digit there is impossible (ICAO charset), not a guess."""
    for li, a, b, kind, _name in fields:
        if kind != "letters":
            continue
        if b - a <= 3 and any(grid[li][c].isdigit() and grid[li][c] not in _LETTER_FOR
                              for c in range(a, b)):  # fmt: skip
            continue  # a code printed in digits (it happens): reported, not half-changed
        for col in range(a, b):
            ch = grid[li][col]
            if ch in _LETTER_FOR:
                grid[li][col] = _LETTER_FOR[ch]
                corrections.append(
                    Correction(li, col, ch, _LETTER_FOR[ch], "letters", "only letters allowed")
                )


def _digits_only(grid: _Grid, fields: _Fields, name: str, corrections: list[Correction]) -> _Grid:
    """The digit positions of one checked field: a letter read there becomes its look-alike
    digit only when the field's check digit then agrees (or agrees either way)."""
    positions = [
        (li, col)
        for li, a, b, kind, n in fields
        if n == name and kind == "digits"
        for col in range(a, b)
        if grid[li][col] in _DIGIT_FOR
    ]
    if not positions or len(positions) > 6:
        return grid
    if _field_ok(grid, name):
        # Right as read, with a letter where only a digit can stand: O and 0 (and I/1,
        # S/5, B/8 at some weights) can weigh the same. The digit, if it agrees too.
        trial = _with_digits(grid, positions)
        if not _field_ok(trial, name):
            return grid
        _report(grid, trial, positions, name, "digit expected; the check digit agrees either way",
                corrections)  # fmt: skip
        return trial
    for combo in _subsets(positions):
        trial = _with_digits(grid, combo)
        if _field_ok(trial, name):
            _report(grid, trial, combo, name,
                    "digit expected; the check digit agrees after the change", corrections)  # fmt: skip
            return trial
    # No change makes the check digit agree: the field stays failed, and is shown with
    # digits where only digits can stand (what was printed there is a digit).
    trial = _with_digits(grid, positions)
    _report(grid, trial, positions, name, "digit expected; the check digit still disagrees",
            corrections)  # fmt: skip
    return trial


def _with_digits(grid: _Grid, cells: Sequence[tuple[int, int]]) -> _Grid:
    trial = [row[:] for row in grid]
    for li, col in cells:
        trial[li][col] = _DIGIT_FOR[trial[li][col]]
    return trial


def _report(
    grid: _Grid,
    trial: _Grid,
    cells: Sequence[tuple[int, int]],
    name: str,
    reason: str,
    corrections: list[Correction],
) -> None:
    for li, col in cells:
        corrections.append(Correction(li, col, grid[li][col], trial[li][col], name, reason))


_UNCLEAR_MARGIN = 0.02


def unclear_cells(fmt: MrzFormat, details: Details) -> list[tuple[int, int]]:
    """Cells no check digit covers (names, country codes, sex, a visa's optional data) whose
    best and second-best glyphs scored within a hair: such a reading cannot be trusted, and
    nothing would catch it. Where only letters may stand, only letters compete."""
    covered: set[tuple[int, int]] = set()
    for li, a, b, _kind, name in field_layout(fmt):
        if name is not None:
            covered.update((li, c) for c in range(a, b))
    if fmt is MrzFormat.TD1:  # the optional data of both lines are in the composite
        covered.update((0, c) for c in range(15, 30))
        covered.update((1, c) for c in range(18, 29))
    elif fmt is MrzFormat.TD3:
        covered.update((1, c) for c in range(28, 43))
    elif fmt is MrzFormat.TD2:
        covered.update((1, c) for c in range(28, 35))
    letters_only = {
        (li, c) for li, a, b, kind, _ in field_layout(fmt) if kind == "letters" for c in range(a, b)
    }
    out = []
    for li, row in enumerate(details):
        for col, (_ch, _score, scores) in enumerate(row):
            if (li, col) in covered:
                continue
            pool = [
                v for k, v in scores.items()
                if (li, col) not in letters_only or not k.isdigit()
            ]  # fmt: skip
            best, second = sorted(pool, reverse=True)[:2]
            if best - second < _UNCLEAR_MARGIN:
                out.append((li, col))
    return out


def _resolve_o_zero(
    grid: list[list[str]],
    fmt: MrzFormat,
    fields: tuple[tuple[int, int, int, str, str | None], ...],
    details: Details,
    corrections: list[Correction],
    cells: np.ndarray | None = None,
) -> list[list[str]]:
    """Letters and digits mixed (document number, personal number): where the glyph could be
    O or 0 alike (scores within a hair), the field's own check digit decides — if exactly one
    choice agrees. A single O/0 swap always changes the check digit (O = 24: 24 × 7, 3, 1 is
    never a multiple of 10), so the check digit tells them apart rather than guesses. Two or
    more swaps can cancel out (weights 3 and 7: 3 × 24 + 7 × 24 = 240), and the composite
    repeats the same weights; then the zone's own print decides, if it can (see
    ``_as_the_zone_prints``)."""
    for name in sorted({n for *_, n in fields if n}):
        zone_cells = [
            (li, col)
            for li, a, b, kind, n in fields
            if n == name and kind == "alnum"
            for col in range(a, b)
            if grid[li][col] in "O0"
            and abs(details[li][col][2]["O"] - details[li][col][2]["0"]) < _AMBIGUOUS_MARGIN
        ]
        if not zone_cells or len(zone_cells) > 4 or _field_ok(grid, name):
            continue
        passing = []
        for choice in itertools.product("O0", repeat=len(zone_cells)):
            trial = [row[:] for row in grid]
            for (li, col), ch in zip(zone_cells, choice, strict=True):
                trial[li][col] = ch
            if _field_ok(trial, name):
                passing.append(trial)
        if len(passing) > 1 and cells is not None:
            passing = _as_the_zone_prints(passing, zone_cells, cells, grid, details, fmt)
        if len(passing) == 1:
            for li, col in zone_cells:
                if passing[0][li][col] != grid[li][col]:
                    corrections.append(
                        Correction(li, col, grid[li][col], passing[0][li][col], name,
                                   "O and 0 look alike here; only this one agrees with "
                                   "the check digits")
                    )  # fmt: skip
            grid = passing[0]
    return grid


_PROTOTYPE_MARGIN = 0.03  # a cell this much closer to the zone's own 0 than to its O (or back)


def _as_the_zone_prints(
    passing: list[_Grid],
    ambiguous: list[tuple[int, int]],
    cells: np.ndarray,
    grid: _Grid,
    details: Details,
    fmt: MrzFormat,
) -> list[_Grid]:
    """Of several choices of O and 0 that all agree with the check digit, the one the zone's
    own print supports: each doubtful cell compared with the zeros the same zone prints where
    only digits stand (in fields whose check digit agrees) and with the Os it prints where
    only letters stand. One printer, one font: its 0 and its O differ even where they both
    differ from our templates. Every doubtful cell must lean clearly one way; otherwise no
    choice is made."""
    chars = fmt.shape[1]
    fields = field_layout(fmt)
    zeros, letters_o = [], []
    for li, a, b, kind, name in fields:
        for col in range(a, b):
            # A 0 its field's check digit vouches for; an O matched as O where only letters
            # stand (not a 0 the letters rule turned into one).
            if kind == "digits" and grid[li][col] == "0" and name and _field_ok(grid, name):
                zeros.append(cells[li * chars + col])
            elif kind == "letters" and details[li][col][0] == "O":
                letters_o.append(cells[li * chars + col])
    if not zeros or not letters_o:
        return passing
    zero = np.mean(zeros, axis=0)
    letter = np.mean(letters_o, axis=0)
    zero /= max(float(np.linalg.norm(zero)), 1e-6)
    letter /= max(float(np.linalg.norm(letter)), 1e-6)
    choice = {}
    for li, col in ambiguous:
        v = cells[li * chars + col]
        lean = float(v @ zero) - float(v @ letter)
        if abs(lean) < _PROTOTYPE_MARGIN:
            return passing
        choice[li, col] = "0" if lean > 0 else "O"
    return [t for t in passing if all(t[li][col] == ch for (li, col), ch in choice.items())]


def _subsets(positions: list[tuple[int, int]]) -> list[tuple[tuple[int, int], ...]]:
    # Every one first: only digits can stand there, so the natural reading changes them all.
    out: list[tuple[tuple[int, int], ...]] = []
    for r in range(len(positions), 0, -1):
        out.extend(itertools.combinations(positions, r))
    return out


# Check digits do not depend on the day: any day parses a candidate for its checks alone.
_ANY_DAY = date(2000, 1, 1)


def _field_ok(grid: list[list[str]], name: str) -> bool:
    try:
        result = parse_mrz(tuple("".join(row) for row in grid), _ANY_DAY)
    except MrzError:
        return False
    return any(c.name == name and c.ok for c in result.checks)
