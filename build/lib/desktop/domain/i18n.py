"""Text in the three languages of the desk: Kazakh, Russian, English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """One message or label in Kazakh, Russian and English."""

    kk: str
    ru: str
    en: str

    def get(self, lang: str) -> str:
        if lang == "kk":
            return self.kk
        if lang == "ru":
            return self.ru
        return self.en

    def format(self, **values: object) -> Text:
        return Text(self.kk.format(**values), self.ru.format(**values), self.en.format(**values))

    @property
    def bilingual(self) -> str:
        """The Kazakh / Russian pair as printed on the Annex 1 form."""
        return f"{self.kk} / {self.ru}"
