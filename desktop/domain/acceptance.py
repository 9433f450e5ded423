"""§4: what the Annex 1 questionnaire still lacks before the documents can be accepted.

Acceptance ("барлық қажетті құжаттарды ... ұсынған жағдайда", §4) needs the questionnaire of
§3(1) filled in without errors; a warning the officer has confirmed does not hold it up, an
unconfirmed one does (the officer confirms or corrects it). The list names each field by the
form's own label in the officer's language, never by its internal path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.domain import form_labels
from desktop.domain.i18n import Text
from desktop.domain.validation import Issue, Severity

_SECTIONS: dict[str, Text] = {
    "birth_place": form_labels.SECTION_BIRTH_PLACE,
    "leaving_place": form_labels.SECTION_LEAVING_PLACE,
    "destination_country": form_labels.SECTION_DESTINATION,
    "destination_settlement": form_labels.SECTION_DESTINATION,
    "contacts": form_labels.SECTION_CONTACTS,
    "children": form_labels.SECTION_CHILDREN,
    "relatives": form_labels.SECTION_RELATIVES,
    "employment": form_labels.SECTION_EMPLOYMENT,
}
_FORM = Text("Өтініш-сауалнама", "Заявление-анкета", "Questionnaire")
_ROW = Text("{n}-жол", "строка {n}", "row {n}")


def _head(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


def field_name(path: str) -> Text:
    """The form's label of a field path, with its section and table row where it has them:
    `relatives[1].iin` reads "17. Жақын туыстары ..., 2-жол: Жеке сәйкестендіру нөмірі"."""
    try:
        own = form_labels.label(path)
    except KeyError:
        own = None
    section = _SECTIONS.get(_head(path))
    row = ""
    if "[" in path:
        row = str(int(path[path.index("[") + 1 : path.index("]")]) + 1)
    parts: list[Text] = []
    if section is not None:
        parts.append(section)
    if row:
        parts.append(_ROW.format(n=row))
    if own is not None:
        parts.append(own)
    if not parts:
        parts.append(_FORM)

    def joined(lang: str) -> str:
        texts = [p.get(lang) for p in parts]
        if own is not None and len(texts) > 1:
            return ", ".join(texts[:-1]) + ": " + texts[-1]
        return ", ".join(texts)

    return Text(joined("kk"), joined("ru"), joined("en"))


def blockers(issues: Iterable[Issue]) -> list[Issue]:
    """The issues that hold up acceptance: errors, and warnings not yet confirmed."""
    return [i for i in issues if i.severity is Severity.ERROR or not i.confirmed]


def describe(issue: Issue) -> Text:
    """One line of the list: the field's label, then what is wrong with it (a warning's
    message itself asks the officer to check and confirm)."""
    name = field_name(issue.path)
    return Text(*(f"{name.get(lang)} — {issue.message.get(lang)}" for lang in ("kk", "ru", "en")))


def listing(header: Text, lines: Sequence[Text]) -> Text:
    """A header and one bulleted line per item, in each language."""

    def block(lang: str) -> str:
        return "\n".join([header.get(lang), *(f"• {t.get(lang)}" for t in lines)])

    return Text(block("kk"), block("ru"), block("en"))
