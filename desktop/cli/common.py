"""Small pieces every group of commands uses."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.domain.i18n import Text


def plain(message: str) -> Text:
    """A message the command line prints as it is, whatever the interface language."""
    return Text(message, message, message)


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None
