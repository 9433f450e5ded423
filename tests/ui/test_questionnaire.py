"""The questionnaire editor driven by the keyboard, as an officer would, on a real store."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain import iin as iin_rules
from desktop.domain.validation import Severity
from desktop.services import cases as case_service
from desktop.ui.main_window import MainWindow
from desktop.ui.questionnaire.editor import QuestionnaireEditor
from tests.ui.conftest import ModalLog, press, type_into_focus, type_text

BIRTH = date(1990, 3, 15)
GOOD_IIN = next(n for s in range(1, 100) if (n := iin_rules.compose(BIRTH, False, s)) is not None)
OTHER_DAY_IIN = next(
    n for s in range(1, 100) if (n := iin_rules.compose(date(1990, 3, 16), False, s)) is not None
)


def _line(editor: QuestionnaireEditor, path: str) -> QLineEdit:
    field = editor.fields[path]
    assert isinstance(field, QLineEdit)
    return field


def _combo(editor: QuestionnaireEditor, path: str) -> QComboBox:
    field = editor.fields[path]
    assert isinstance(field, QComboBox)
    return field


def _retype(editor: QuestionnaireEditor, path: str, text: str) -> None:
    field = _line(editor, path)
    field.setFocus()
    field.selectAll()
    press(field, Qt.Key.Key_Backspace)
    type_text(field, text)


def _pick(combo: QComboBox, steps: int) -> None:
    """Choose an item with the arrow keys, as from the keyboard."""
    combo.setFocus()
    for _ in range(steps):
        press(combo, Qt.Key.Key_Down)


def _messages(editor: QuestionnaireEditor, path: str) -> list[str]:
    return [i.message.ru for i in editor.issues if i.path == path]


def _fill(editor: QuestionnaireEditor) -> None:
    """Every required field of an adult applicant, typed key by key."""
    for path, text in (
        ("surname", "Әбдірахманова"),
        ("name", "Гүлнұр"),
        ("patronymic", "Қайратқызы"),
        ("birth_date", "15.03.1990"),
        ("citizenship", "Қазақстан"),
        ("nationality", "қазақ"),
        ("contacts.address", "Berlin, Hauptstraße 5"),
        ("contacts.phone", "+49 30 1234567"),
        ("contacts.email", "gulnur@example.org"),
        ("departure_date", "01.09.2019"),
        ("birth_place.country", "Қазақстан"),
        ("birth_place.region", "Түркістан облысы"),
        ("birth_place.settlement", "Ақсу"),
        ("leaving_place.country", "Қазақстан"),
        ("leaving_place.region", "Алматы"),
        ("leaving_place.settlement", "Алматы"),
        ("destination_country", "Германия"),
        ("destination_settlement", "Берлин"),
        ("application_date", "24.11.2026"),
    ):
        _retype(editor, path, text)
    _pick(_combo(editor, "sex"), 2)  # —, male, female
    _pick(_combo(editor, "purpose"), 1)  # 2: work
    for path in ("social_category", "education", "marital_status"):
        _pick(_combo(editor, path), 1)
    for path in ("declaration_acknowledged", "consent_given"):
        editor.fields[path].setFocus()
        press(editor.fields[path], Qt.Key.Key_Space)


def test_new_questionnaire_by_keyboard_saved_found_and_reopened(
    qtbot: QtBot, window: MainWindow
) -> None:
    press(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.current_editor()
    assert editor is not None and not editor.read_only
    assert QApplication.focusWidget() is editor.fields["iin"]

    # A wrong IIN: an error at the field and in the list.
    type_text(_line(editor, "iin"), "123456789012")
    assert any("контрольная цифра" in m or "не выдается" in m for m in _messages(editor, "iin"))
    message = editor._messages["iin"]
    assert message.isVisibleTo(editor) and message.text().startswith("✖")

    _fill(editor)
    assert _combo(editor, "sex").currentData() == "female"
    assert editor.fields["social_category"].isEnabled()

    # An IIN of the next day: valid, but a warning the officer must look at and confirm.
    _retype(editor, "iin", OTHER_DAY_IIN)
    warnings = [i for i in editor.issues if i.path == "iin"]
    assert [w.severity for w in warnings] == [Severity.WARNING]
    assert warnings[0].code == "birth_mismatch" and not warnings[0].confirmed
    assert editor._messages["iin"].text().startswith("⚠")
    row = next(
        r for r, i in enumerate(editor.issue_model.issues()) if i.key == "iin:birth_mismatch"
    )
    editor.issue_view.setFocus()
    editor.issue_view.setCurrentIndex(editor.issue_model.index(row, 0))
    press(editor.issue_view, Qt.Key.Key_Space)
    assert [i.confirmed for i in editor.issues if i.path == "iin"] == [True]
    # Jump from the list to the field with Enter.
    press(editor.issue_view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is editor.fields["iin"]
    # Changing the IIN again withdraws the confirmation; the right one clears the warning.
    _retype(editor, "iin", GOOD_IIN)
    assert not [i for i in editor.issues if i.path == "iin"]

    # A relative, typed into the table: Insert adds a row, keys fill the cells.
    relatives = editor.tables["relatives"]
    relatives.view.setFocus()
    press(relatives.view, Qt.Key.Key_Insert)
    assert relatives.model.rowCount() == 1
    type_into_focus("Әбдірахманов Қайрат")
    press(None, Qt.Key.Key_Return)
    # The delegate commits a cell on Return through a queued call: wait for it.
    qtbot.waitUntil(lambda: relatives.model.rows()[0]["full_name"] == "Әбдірахманов Қайрат")
    press(relatives.view, Qt.Key.Key_Right)  # degree of kinship (the IIN is in the row's form)
    press(relatives.view, Qt.Key.Key_F2)
    press(None, Qt.Key.Key_Down)  # "" -> father
    press(None, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: relatives.model.rows()[0]["kinship"] == "father")
    # A second row, moved above the first, then removed: keyboard only.
    press(relatives.view, Qt.Key.Key_Insert)
    type_into_focus("Әбдірахманова Сәуле")
    press(None, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: relatives.model.rows()[1]["full_name"] == "Әбдірахманова Сәуле")
    press(
        relatives.view,
        Qt.Key.Key_Up,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [r["full_name"] for r in relatives.model.rows()] == [
        "Әбдірахманова Сәуле",
        "Әбдірахманов Қайрат",
    ]
    press(relatives.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [r["full_name"] for r in relatives.model.rows()] == ["Әбдірахманов Қайрат"]

    assert [i for i in editor.issues if i.severity is Severity.ERROR] == []
    assert editor.dirty
    with qtbot.waitSignal(editor.saved) as saved:
        press(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    case_id = saved.args[0]
    assert not editor.dirty and editor.number.startswith("KZ-BER-")
    stored = case_service.get_case(window.desk.ctx, case_id)
    assert stored.summary.complete
    assert stored.questionnaire.surname == "Әбдірахманова"
    assert stored.questionnaire.relatives[0].kinship == "father"
    assert stored.questionnaire.birth_place.region == "Түркістан облысы"

    # Find it from the list by a lower-case Cyrillic prefix, open it read-only.
    press(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.current_editor() is None
    press(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_list.search_edit
    with qtbot.waitSignal(window.case_list.model.loaded, timeout=10000):
        type_text(window.case_list.search_edit, "әбдірахманова")
        press(window.case_list.search_edit, Qt.Key.Key_Return)
    model = window.case_list.model
    row = model.row_of(case_id)
    assert row is not None
    window.case_list.table.setFocus()
    window.case_list.table.setCurrentIndex(model.index(row, 0))
    press(window.case_list.table, Qt.Key.Key_Return)
    reopened = window.current_editor()
    assert reopened is not None and reopened.case_id == case_id
    assert reopened.read_only
    assert _line(reopened, "surname").text() == "Әбдірахманова"
    assert _line(reopened, "surname").isReadOnly()
    assert _line(reopened, "birth_date").text() == "15.03.1990"
    assert reopened.tables["relatives"].model.rows()[0]["full_name"] == "Әбдірахманов Қайрат"
    assert not reopened.dirty


def test_sections_13_to_16_follow_the_birth_date(window: MainWindow) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    assert not editor.fields["education"].isEnabled()  # no birth date yet
    _retype(editor, "birth_date", "15.03.1990")
    assert all(
        editor.fields[p].isEnabled()
        for p in ("social_category", "education", "speciality", "marital_status")
    )
    _pick(_combo(editor, "education"), 1)
    assert editor.collect()[0].education == 1
    _retype(editor, "birth_date", "01.06.2015")  # 11 years old
    assert not editor.fields["education"].isEnabled()
    assert editor.collect()[0].education is None  # not part of a child's questionnaire
    assert "under 16" in editor.adult_state.text()
    _retype(editor, "birth_date", "15.03.1990")
    assert editor.collect()[0].education == 1  # kept on screen while the date was wrong


def test_unreadable_date_is_shown_and_blocks_saving(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    type_text(_line(editor, "surname"), "Ким")
    _retype(editor, "birth_date", "31.02.1990")
    assert [i.code for i in editor.issues if i.path == "birth_date"] == ["input"]
    with qtbot.assertNotEmitted(editor.saved):
        assert not editor.save()
    assert QApplication.focusWidget() is editor.fields["birth_date"]


def test_draft_saves_incomplete_and_edit_mode(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    type_text(_line(editor, "surname"), "Өтегенов")
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    # The list refreshes itself from the change announcement.
    with qtbot.waitSignal(window.case_list.model.loaded, timeout=10000):
        pass
    assert window.case_list.model.total == 26
    reopened_id = editor.case_id
    window.tabs.removeTab(window.tabs.indexOf(editor))
    view = window.open_case(reopened_id or 0)
    assert view is not None and view.read_only
    press(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert not view.read_only
    type_text(_line(view, "name"), "Ұлан")
    assert view.dirty and window.tabs.tabText(window.tabs.indexOf(view)).endswith("*")
    with qtbot.waitSignal(view.saved):
        press(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert case_service.get_case(window.desk.ctx, reopened_id or 0).questionnaire.name == "Ұлан"


def test_every_field_has_a_label_and_an_accessible_name(window: MainWindow) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    labelled = {id(label.buddy()) for label, _text in editor._labels}
    for path, field in editor.fields.items():
        assert field.accessibleName(), path
        if not path.endswith(("acknowledged", "consent_given")):  # check boxes carry their text
            assert id(field) in labelled, path
    for table in editor.tables.values():
        assert table.view.accessibleName()
    # Tab walks the form in the paper's order.
    editor.fields["iin"].setFocus()
    for expected in ("surname", "name", "patronymic", "birth_date", "sex"):
        press(None, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.fields[expected], expected


def test_unsaved_changes_guard_on_close(window: MainWindow, modals: ModalLog) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    type_text(_line(editor, "surname"), "Ким")
    modals.answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible() and editor.dirty
    assert "unsaved" in modals.shown[-1]
    # Closing the tab asks too; Discard drops the edits.
    modals.answer = QMessageBox.StandardButton.Discard
    press(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.current_editor() is None
    window.close()
    assert not window.isVisible()


def test_a_relatives_row_fits_and_every_field_is_in_its_form(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Issue 14: the grid of item 17 shows the columns that tell rows apart, fitted to its
    width (the name elided, whole in its tooltip); every field of the current row is typed in
    the form under it, Tab after Tab, and an issue's jump lands on its field there."""
    window.resize(1366, 768)
    editor = window.new_questionnaire()
    assert editor is not None
    relatives = editor.tables["relatives"]
    detail = relatives.detail
    assert not detail.editors["birth_place"].isEnabled()  # no row yet
    relatives.view.setFocus()
    press(relatives.view, Qt.Key.Key_Insert)
    long_name = "Әбдірахманов Қайрат Серікұлы-Жансейітов Әлихан Бекмұхамбетұлы"
    type_into_focus(long_name)
    press(None, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: relatives.model.rows()[0]["full_name"] == long_name)
    assert detail.row == 0 and detail.editors["birth_place"].isEnabled()
    line = detail.editors["full_name"]
    assert isinstance(line, QLineEdit) and line.text() == long_name
    # Tab leaves the grid for its buttons, then the row's fields in the form's order.
    focus = None
    for _ in range(12):
        press(None, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is detail.editors["full_name"]:
            break
    assert focus is detail.editors["full_name"]
    press(None, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is detail.editors["iin"]
    place = detail.editors["birth_place"]
    assert isinstance(place, QLineEdit)
    place.setFocus()
    type_text(place, "Алматы облысы, Қапшағай")
    assert relatives.model.rows()[0]["birth_place"] == "Алматы облысы, Қапшағай"
    year = detail.editors["birth_year"]
    assert isinstance(year, QLineEdit)
    type_text(year, "19x0")
    # An unreadable year is an issue shown at its field in the form, and the jump finds it.
    qtbot.waitUntil(lambda: any(i.path == "relatives[0].birth_year" for i in editor.issues))
    qtbot.waitUntil(lambda: detail.messages["birth_year"].isVisible())
    editor.fields["surname"].setFocus()
    editor.focus_path("relatives[0].iin")
    assert QApplication.focusWidget() is detail.editors["iin"]
    # The grid fits its width: no sideways scrolling; the name is elided, whole in its tooltip.
    view = relatives.view
    qtbot.wait(50)
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    right = max(header.sectionViewportPosition(c) + header.sectionSize(c) for c in shown)
    assert right <= view.viewport().width() + 1
    assert view.horizontalScrollBar().maximum() == 0
    name = view.model().index(0, 0)
    assert name.data(Qt.ItemDataRole.ToolTipRole) == long_name
