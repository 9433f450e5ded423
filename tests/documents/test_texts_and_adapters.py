"""Form wording overrides, the Annex 1 adapter, and the room's independence from Qt."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from desktop.documents import forms
from desktop.documents.adapters import questionnaire_view
from desktop.documents.data import AcceptanceReceiptData
from desktop.documents.texts import load_bilingual, load_form_text
from desktop.domain.questionnaire import (
    Child,
    Contacts,
    Employment,
    Place,
    Questionnaire,
    Relative,
    Sex,
)
from tests.documents.conftest import flat, pdftotext


def test_a_mission_can_drop_in_the_official_russian_text(tmp_path: Path) -> None:
    bundled = load_form_text("notification", "ru")
    assert bundled is not None and not bundled.official
    override = tmp_path / "notification.ru.toml"
    text = bundled.path.read_text(encoding="utf-8")
    text = text.replace('status = "translation"', 'status = "official"')
    text = text.replace("РАЗРЕШЕН выезд", "РАЗРЕШЁН выезд")
    override.write_text(text, encoding="utf-8")
    loaded = load_bilingual("notification", [tmp_path])
    assert loaded.ru is not None and loaded.ru.official
    assert loaded.ru["permitted"].startswith("РАЗРЕШЁН")
    assert not loaded.ru_is_translation


def test_missing_language_is_none() -> None:
    assert load_form_text("notification", "en") is None


def test_receipt_from_the_domain_questionnaire(tmp_path: Path) -> None:
    q = Questionnaire(
        iin="900304450012",
        surname="ӘБДІРАХМАНОВА",
        name="Гүлнұр",
        patronymic="Сағындыққызы",
        birth_date=date(1990, 3, 4),
        sex=Sex.FEMALE,
        citizenship="Қазақстан",
        nationality="қазақ",
        contacts=Contacts("Berlin, Hauptstraße 5", "+49 30 1234567", "g@example.kz"),
        birth_place=Place(country="Қазақстан", settlement="Өскемен"),
        leaving_place=Place(country="Қазақстан", settlement="Алматы"),
        destination_country="Германия",
        destination_settlement="Берлин",
        purpose=2,
        children=[
            Child("ШАҺМАРДАНОВ Нұрсұлтан", "150812500123", date(2015, 8, 12), "N12345678", Sex.MALE)
        ],
        relatives=[
            Relative("ҒАЛЫМЖАНОВ Марат", kinship="spouse", birth_year=1988, birth_place="Шымкент")
        ],
        employment=[Employment(2019, 2021, "«Қазақтелеком» АҚ", state_secrets_clearance=False)],
        application_date=date(2026, 8, 3),
    )
    pdf = forms.render_receipt(
        AcceptanceReceiptData(questionnaire_view(q), "C-1", date(2026, 8, 3), "ҮСЕНОВА Зуһра", "M")
    )
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = flat(pdftotext(path))
    for expected in (
        "Berlin, Hauptstraße 5; +49 30 1234567; g@example.kz",
        "әйел / женский",
        "2. Жұмысқа байланысты / В связи с работой",
        "жұбайы / супруг (супруга)",
        "1988, Шымкент",
        "2019–2021",
        "жоқ / нет",
        "ер / мужской",
        "ҮСЕНОВА Зуһра",
    ):
        assert expected in text, expected


def test_documents_room_imports_no_qt_and_no_sql() -> None:
    room = Path(__file__).resolve().parents[2] / "desktop" / "documents"
    for path in room.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("PySide6", "sqlalchemy", "sqlcipher3")), (path, name)


def test_official_russian_dropped_in_is_printed_without_the_translation_note(
    tmp_path: Path,
) -> None:
    from desktop.documents.notification import render_notification
    from desktop.documents.texts import set_mission_forms_dirs
    from tests.documents import fixtures

    bundled = load_form_text("notification", "ru")
    assert bundled is not None
    forms_dir = tmp_path / "forms"
    forms_dir.mkdir()
    text = bundled.path.read_text(encoding="utf-8").replace(
        'status = "translation"', 'status = "official"'
    )
    (forms_dir / "notification.ru.toml").write_text(
        text.replace("РАЗРЕШЕН выезд", "РАЗРЕШЁН выезд"), encoding="utf-8"
    )
    path = tmp_path / "n.pdf"
    set_mission_forms_dirs([forms_dir])
    try:
        path.write_bytes(render_notification(fixtures.notification()))
    finally:
        set_mission_forms_dirs([])
    text = flat(pdftotext(path))
    assert "РАЗРЕШЁН выезд на постоянное жительство" in text
    assert "перевод" not in text
    assert "*" not in text
