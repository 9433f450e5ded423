"""Issue 12 §16-§17: the Annex 4 wording, tested against the seed text of the Rules itself.

The printed page is read back with poppler's `pdftotext`; the form's own words come from
`../shared/seed/rules-kk.txt` (tests/documents/seed.py), never from a copy in this file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from desktop.documents import forms
from desktop.documents.data import PoliceDecision
from desktop.documents.issuing import NotificationIssuer
from desktop.documents.notification import render_notification
from desktop.documents.seal import seal_url
from desktop.documents.texts import OWN, load_bilingual
from tests.documents import fixtures
from tests.documents.conftest import flat, pdftotext
from tests.documents.seed import in_seed, normalise, seed_text

BASE_URL = "https://verify.qonys.example/"


def _annex4_seed() -> str:
    """The seed's Annex 4 form: from its title to the signature-and-seal place."""
    text = seed_text()
    start = text.index("4-қосымша Нысан")
    end = text.index("(қол мен мөрдің орны)", start) + len("(қол мен мөрдің орны)")
    return text[start:end]


def _printed(tmp_path: Path, pdf: bytes) -> str:
    path = tmp_path / "n.pdf"
    path.write_bytes(pdf)
    return normalise(flat(pdftotext(path, raw=False)))


def _blanks_to_pattern(seed_line: str) -> re.Pattern[str]:
    """A line of the seed's form as a pattern: each blank (with its quotes) is one filled-in
    value; every word of the form stays, in the form's order."""
    parts = re.split(r'"?_{2,}"?', seed_line)
    return re.compile(r"\s*\S.*?\s*".join(re.escape(p.strip()) for p in parts))


def test_rules_16_17_kazakh_decision_sentence_keeps_the_forms_words_in_order(
    issuer: NotificationIssuer, tmp_path: Path
) -> None:
    form = _annex4_seed()
    basis = form[form.index("Негіздеме:") : form.index("шешімі") + len("шешімі")]
    printed = _printed(tmp_path, issuer.issue(fixtures.notification()).pdf)
    match = _blanks_to_pattern(basis).search(printed)
    assert match is not None, (basis, printed)
    # The blanks filled in the official style: "2026 жылғы 10 қарашадағы № … шешімі".
    assert "2026 жылғы 10 қарашадағы № 12-34/567 шешімі" in match.group(0)
    assert "Алматы қаласы Полиция департаментінің" in match.group(0)
    for words in ("тұрғылықты тұру үшін шығуға РҰҚСАТ ЕТІЛДІ", "Консулдық лауазымды адам"):
        assert words in form and words in printed
    # Every Kazakh wording the form file calls verbatim is in the seed.
    texts = load_bilingual("notification")
    for key, value in texts.kk.text.items():
        assert isinstance(value, str)
        assert in_seed(value), key
    common = load_bilingual("common")
    assert in_seed(common.kk["annex_header"]) and in_seed(common.kk["form"])


def test_rules_16_russian_line_names_the_police_department_in_russian(
    issuer: NotificationIssuer, tmp_path: Path
) -> None:
    printed = _printed(tmp_path, issuer.issue(fixtures.notification()).pdf)
    assert "Основание: решение Департамента полиции города Алматы от 10 ноября 2026 года" in printed
    assert "Департамента полиции Алматы қаласы" not in printed
    # Recorded in Russian by the officer: printed as recorded.
    data = replace(
        fixtures.notification(),
        decision=PoliceDecision("Алматы қаласы", "1", fixtures.DECISION.date, "г. Алматы (ДП)"),
    )
    assert "решение Департамента полиции г. Алматы (ДП)" in _printed(
        tmp_path, render_notification(data)
    )
    # A body not among the Police Departments: its Kazakh name as a quoted proper name.
    data = replace(
        fixtures.notification(),
        decision=PoliceDecision("Көлік полициясы", "1", fixtures.DECISION.date),
    )
    assert "решение Департамента полиции «Көлік полициясы»" in _printed(
        tmp_path, render_notification(data)
    )


def test_rules_16_no_straight_quotes_and_no_command_line_on_the_paper(
    issuer: NotificationIssuer, tmp_path: Path
) -> None:
    printed = _printed(tmp_path, issuer.issue(fixtures.notification(), BASE_URL).pdf)
    assert '"' not in printed
    assert "qonys verify" not in printed.casefold() and "--seal" not in printed
    assert "телефонның камерасын осы кодқа бағыттаңыз" in printed
    assert "наведите на этот код камеру телефона" in printed
    # Without the verifier's address the QR holds the seal text: the caption says so.
    plain = _printed(tmp_path, issuer.issue(fixtures.notification()).pdf)
    assert "кодтың мәтінін" in plain and "qonys verify" not in plain.casefold()
    assert seal_url(BASE_URL, "QNS1:X").startswith(BASE_URL)


def test_rules_16_forms_the_rules_give_no_wording_for_are_not_marked_official(
    tmp_path: Path,
) -> None:
    for form in ("receipt", "refusal", "hearing", "reasoned_refusal"):
        texts = load_bilingual(form)
        assert texts.kk.status == OWN and not texts.kk.official, form
    for form in ("notification", "journal", "annex1"):
        assert load_bilingual(form).kk.official, form
    note = normalise(load_bilingual("common").kk["own_form_note"])
    for pdf in (
        forms.render_refusal(fixtures.refusal()),
        forms.render_hearing(fixtures.hearing()),
        forms.render_reasoned_refusal(fixtures.reasoned_refusal()),
        forms.render_receipt(fixtures.receipt()),
    ):
        assert note in _printed(tmp_path, pdf)
    journal = forms.render_journal_pdf(fixtures.journal())
    assert note not in _printed(tmp_path, journal)
