"""The Police Departments that decide under §8-§11, named in Kazakh and in Russian.

The Annex 4 notification names the deciding body twice: "… Полиция департаментінің" in the
Kazakh line and "решение Департамента полиции …" in the Russian one. Decisions recorded before
the Russian name was asked for (and those the Department sends, whose packages carry the
Kazakh name only) get it from this list of the Ministry of Internal Affairs' regional and
city Police Departments; a name not on the list keeps its Kazakh form, quoted as a proper name,
rather than Kazakh words in Russian grammar.
"""

from __future__ import annotations

# Kazakh name as recorded ("Алматы қаласы") -> Russian genitive ("города Алматы").
RUSSIAN_NAMES: dict[str, str] = {
    "Астана қаласы": "города Астаны",
    "Алматы қаласы": "города Алматы",
    "Шымкент қаласы": "города Шымкента",
    "Абай облысы": "области Абай",
    "Ақмола облысы": "Акмолинской области",
    "Ақтөбе облысы": "Актюбинской области",
    "Алматы облысы": "Алматинской области",
    "Атырау облысы": "Атырауской области",
    "Батыс Қазақстан облысы": "Западно-Казахстанской области",
    "Жамбыл облысы": "Жамбылской области",
    "Жетісу облысы": "области Жетісу",
    "Қарағанды облысы": "Карагандинской области",
    "Қостанай облысы": "Костанайской области",
    "Қызылорда облысы": "Кызылординской области",
    "Маңғыстау облысы": "Мангистауской области",
    "Павлодар облысы": "Павлодарской области",
    "Солтүстік Қазақстан облысы": "Северо-Казахстанской области",
    "Түркістан облысы": "Туркестанской области",
    "Ұлытау облысы": "области Ұлытау",
    "Шығыс Қазақстан облысы": "Восточно-Казахстанской области",
}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


_BY_KEY = {_key(k): v for k, v in RUSSIAN_NAMES.items()}


def russian_name(kazakh: str) -> str:
    """The Russian (genitive) name of a Police Department recorded in Kazakh; else the Kazakh
    name in «» quotes (a proper name, not Kazakh words in a Russian sentence)."""
    found = _BY_KEY.get(_key(kazakh))
    if found is not None:
        return found
    name = kazakh.strip()
    return name if name.startswith("«") else f"«{name}»"
