"""Dates, numbers, counts and legal citations, written the way each language of the desk writes
them (pure: no Qt, no locale of the computer).

- On screen every date is short, `dd.mm.yyyy`, and a moment `dd.mm.yyyy HH:MM` in the
  mission's time zone.
- Printed forms use the official long form: Kazakh «2026 жылғы 5 қарашадағы» (as the Rules
  write «2018 жылғы 4 қаңтардағы», seed/rules-kk.txt, line 6), Russian «5 ноября 2026 года».
- Kazakh and Russian write a decimal comma («12,3 МБ»).
- Russian nouns after a numeral take one of three forms (1 пакет, 2 пакета, 5 пакетов);
  Kazakh keeps the singular after a numeral (2 пакет); English has one and other.
- The Rules are cited the Kazakh and Russian way («3-тармақтың 2) тармақшасы», «пп. 2 п. 3»);
  `§` is the English interface's shorthand only.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from desktop.domain.i18n import Text

SHORT_DATE = "%d.%m.%Y"
SHORT_DATE_TIME = "%d.%m.%Y %H:%M"

# Kazakh month names (nominative) and their locative-attributive form («қарашадағы»: "of the
# 5th of November"), which an official date takes before the noun it dates.
KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
KK_MONTHS_DATED = (
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
)
# Russian month names in the genitive («5 ноября»).
RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def short_date(day: date) -> str:
    """`05.11.2026`: every date on screen, in every language."""
    return day.strftime(SHORT_DATE)


def date_time(moment: datetime, zone: tzinfo | None = None) -> str:
    """`05.11.2026 09:03`: a moment in the mission's time zone (`zone`; an aware moment is
    converted, a naive one is taken as already local)."""
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.strftime(SHORT_DATE_TIME)


def long_date(day: date, lang: str, *, dated: bool = True) -> str:
    """The official long form of a printed date.

    Kazakh: «2026 жылғы 5 қарашадағы» (`dated`: attached to a noun, as in «… № 11 шешімі»), or
    «2026 жылғы 5 қараша» standing alone. Russian: «5 ноября 2026 года». English: «5 November
    2026».
    """
    if lang == "kk":
        months = KK_MONTHS_DATED if dated else KK_MONTHS
        return f"{day.year} жылғы {day.day} {months[day.month - 1]}"
    if lang == "ru":
        return f"{day.day} {RU_MONTHS[day.month - 1]} {day.year} года"
    return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"


def decimal(value: float, lang: str, places: int = 1) -> str:
    """A number with `places` decimals: a comma in Kazakh and Russian, a point in English."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if lang in ("kk", "ru") else text


_SIZE_UNITS: dict[str, tuple[str, ...]] = {
    "kk": ("байт", "КБ", "МБ", "ГБ"),
    "ru": ("байт", "КБ", "МБ", "ГБ"),
    "en": ("bytes", "KB", "MB", "GB"),
}


def size(n_bytes: int, lang: str) -> str:
    """A file size: «12,3 МБ» / «12.3 MB» (bytes as a whole number)."""
    units = _SIZE_UNITS.get(lang, _SIZE_UNITS["en"])
    if n_bytes < 1024:
        return f"{n_bytes} {units[0]}"
    value = float(n_bytes)
    for unit in units[1:]:
        value /= 1024
        if value < 1024 or unit == units[-1]:
            return f"{decimal(value, lang)} {unit}"
    raise AssertionError("unreachable")


def size_text(n_bytes: int) -> Text:
    return Text(size(n_bytes, "kk"), size(n_bytes, "ru"), size(n_bytes, "en"))


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form after the numeral `n`: 1, 21 пакет; 2–4, 22 пакета; 5–20, 11–14
    пакетов."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def en_plural(n: int, one: str, other: str) -> str:
    return one if n == 1 else other


def count(n: int, kk: str, ru: tuple[str, str, str], en: tuple[str, str]) -> Text:
    """`n` with its noun in the three languages: count(2, "пакет", ("пакет", "пакета",
    "пакетов"), ("package", "packages")) reads «2 пакет», «2 пакета», «2 packages».

    Kazakh has no number agreement after a numeral (one form)."""
    return Text(f"{n} {kk}", f"{n} {ru_plural(n, *ru)}", f"{n} {en_plural(n, *en)}")


# --- legal citations ---------------------------------------------------------------------------

_REF = re.compile(r"§\s*(\d+(?:-\d+)?)(?:\((\d+)\))?")


def _cite_one(paragraph: str, sub: str | None, lang: str) -> str:
    if lang == "kk":
        return f"{paragraph}-тармақтың {sub}) тармақшасы" if sub else f"{paragraph}-тармақ"
    if lang == "ru":
        return f"пп. {sub} п. {paragraph}" if sub else f"п. {paragraph}"
    return f"§{paragraph}({sub})" if sub else f"§{paragraph}"


def cite_in(reference: str, lang: str) -> str:
    """One language's citation of the Rules: «§3(2)» reads «3-тармақтың 2) тармақшасы» in
    Kazakh, «пп. 2 п. 3» in Russian; «§11, §15» reads «11-тармақ, 15-тармақ» / «п. 11, п. 15».
    Text outside the `§` references is kept as is."""
    if lang not in ("kk", "ru"):
        return reference
    return _REF.sub(lambda m: _cite_one(m[1], m[2], lang), reference)


def cite(reference: str) -> Text:
    """`cite_in` in the three languages."""
    return Text(cite_in(reference, "kk"), cite_in(reference, "ru"), cite_in(reference, "en"))
