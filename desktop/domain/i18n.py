"""Text in the three languages of the desk: Kazakh, Russian, English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.langs import LANGS, Lang

__all__ = ["LANGS", "Lang", "Text"]


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
        """Fill the template of each language with the values *in that language*: a `Text`
        gives its own language's wording (a stage, an action, a field label), a date reads
        dd.mm.yyyy, a moment dd.mm.yyyy HH:MM (pass it in the mission's zone), a float has a
        decimal comma in Kazakh and Russian, a list or tuple is joined with commas."""
        return Text(
            self.kk.format(**{k: localise(v, "kk") for k, v in values.items()}),
            self.ru.format(**{k: localise(v, "ru") for k, v in values.items()}),
            self.en.format(**{k: localise(v, "en") for k, v in values.items()}),
        )

    @property
    def bilingual(self) -> str:
        """The Kazakh / Russian pair as printed on the Annex 1 form."""
        return f"{self.kk} / {self.ru}"


def localise(value: object, lang: str) -> object:
    """A value as it is written inside a sentence of `lang` (see `Text.format`)."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if lang in ("kk", "ru") else text
    if isinstance(value, (list, tuple)):
        return ", ".join(str(localise(v, lang)) for v in value)
    return value


def join(texts: list[Text] | tuple[Text, ...], sep: str = ", ") -> Text:
    """Several texts in one, language by language."""
    return Text(
        sep.join(t.kk for t in texts), sep.join(t.ru for t in texts), sep.join(t.en for t in texts)
    )
