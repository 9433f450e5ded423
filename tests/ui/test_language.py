"""Switching the language re-labels the desk in place and keeps what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.domain import form_labels
from desktop.ui import settings as prefs
from desktop.ui.case_list import COL_APPLICANT
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import type_text


def test_language_switch_changes_labels_and_keeps_work(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    surname = editor.fields["surname"]
    assert isinstance(surname, QLineEdit)
    type_text(surname, "Нұрпейісов")
    assert window.file_menu.title() == "&File"
    model = window.case_list.model
    assert model.headerData(COL_APPLICANT, Qt.Orientation.Horizontal) == "Applicant"

    window.switch_language("ru")
    assert window.file_menu.title() == "&Файл"
    assert window.new_action.text() == "&Новое заявление-анкета"
    assert window.tabs.tabText(0) == "Дела"
    assert window.case_list.search_label.text() == "&Поиск:"
    assert model.headerData(COL_APPLICANT, Qt.Orientation.Horizontal) == "Заявитель"
    assert editor.save_button.text() == "&Сохранить"
    assert window.settings.get(prefs.LANGUAGE) == "ru"
    # Issue messages follow the language; the form's own labels stay bilingual.
    assert any("Обязательное поле" in i for i in editor.issue_model.describe_all())

    window.switch_language("kk")
    assert window.file_menu.title() == "&Файл"
    assert window.new_action.text() == "&Жаңа өтініш-сауалнама"
    assert window.case_list.search_label.text() == "&Іздеу:"
    assert any("Толтыру міндетті" in i for i in editor.issue_model.describe_all())
    label = form_labels.label("surname")
    assert any(lbl.text() == label.bilingual for lbl, _t in editor._labels)

    assert surname.text() == "Нұрпейісов" and editor.dirty  # nothing lost
    window.switch_language("en")
    assert window.file_menu.title() == "&File"


def test_counts_take_the_plural_form_of_each_language(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 20: Qt %n plural forms, never «дел(а)» or «{n} дел» after 2."""
    panel = window.case_list
    window.switch_language("ru")
    assert [panel.tr("%n case(s)", "", n) for n in (1, 2, 5, 21)] == [
        "1 дело",
        "2 дела",
        "5 дел",
        "21 дело",
    ]
    window.switch_language("kk")
    assert [panel.tr("%n case(s)", "", n) for n in (1, 2, 5)] == ["1 іс", "2 іс", "5 іс"]
    window.switch_language("en")
    assert [panel.tr("%n case(s)", "", n) for n in (1, 2)] == ["1 case", "2 cases"]


def test_case_counter_plurals_in_each_language(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 14: "1 case", not "1 cases" (Qt's %n plural forms, in all three languages)."""
    panel = window.case_list
    total = panel.model.total
    assert total > 20  # the demo's 25 cases: the "many" forms
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.search_edit.setText("1")  # the serial of the first case, without its zeros
        panel.apply_filter()
    assert panel.model.total == 1
    assert panel.count_label.text() == "1 case"
    assert window.store_label.text() == "Store: open, encrypted; 1 case listed"
    window.switch_language("ru")
    assert panel.count_label.text() == "1 дело"
    window.switch_language("kk")
    assert panel.count_label.text() == "1 іс"
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.search_edit.setText("")
        panel.apply_filter()
    assert panel.count_label.text() == f"{total} іс"
    window.switch_language("ru")
    many = {1: "дело", 2: "дела", 3: "дела", 4: "дела"}.get(total % 10, "дел")
    if 11 <= total % 100 <= 14:
        many = "дел"
    assert panel.count_label.text() == f"{total} {many}"
    window.switch_language("en")
    assert panel.count_label.text() == f"{total} cases"


def test_the_language_change_event_is_qts() -> None:
    """`Language` names QEvent::LanguageChange by its number (naming the enum costs the
    desk's start-up the Python type of QEvent): the number is Qt's."""
    from PySide6.QtCore import QEvent

    from desktop.ui.language import LANGUAGE_CHANGE

    assert QEvent.Type(LANGUAGE_CHANGE) is QEvent.Type.LanguageChange
