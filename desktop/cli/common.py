"""Small pieces every group of commands uses."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.i18n import Text


def plain(message: str) -> Text:
    """A message the command line prints as it is, whatever the interface language."""
    return Text(message, message, message)


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """argparse type for a whole number in [low, high] (a limit said up front, not an
    overflow deep inside)."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 30 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"a whole number from {low} to {high}, not {text!r}")
        return value

    parse.__name__ = "number"  # argparse names the type in its message
    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """argparse type for a number in [low, high]; never NaN or infinity."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(f"a number from {low:g} to {high:g}, not {text!r}")
        return value

    parse.__name__ = "number"
    return parse


def json_object(text: str, option: str, limit: int = 64 * 1024) -> dict[str, Any]:
    """The JSON object given to ``option``; InvalidInput (one line) for anything else."""
    from desktop.services.errors import InvalidInput

    if len(text) > limit:
        raise InvalidInput(plain(f"{option}: at most {limit // 1024} KB of JSON"))
    try:
        doc = json.loads(text)
    except RecursionError:
        raise InvalidInput(plain(f"{option}: the JSON is nested too deeply")) from None
    except ValueError as exc:
        raise InvalidInput(plain(f"{option}: not JSON ({exc})")) from None
    if not isinstance(doc, dict):
        raise InvalidInput(plain(f"{option}: a JSON object {{...}} is expected"))
    return doc


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None
