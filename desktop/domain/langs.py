"""The desk's three languages, with nothing else (the login window needs only these names,
not the `Text` machinery of `desktop.domain.i18n`, which re-exports them)."""

from __future__ import annotations

from typing import Literal

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")
