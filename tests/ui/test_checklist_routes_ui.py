"""Issue 12 on the desk: the officer records the §3 routes in the checklist panel and the facts
editor (not only on the command line)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.domain.questionnaire import Child, Sex
from desktop.services import originals, procedure
from desktop.ui.procedure.checklist_panel import COL_ORIGINAL, ChecklistPanel
from desktop.ui.procedure.facts_dialog import COL_EXPIRES, FactsDialog
from desktop.ui.questionnaire.rows import CHILDREN, RowsModel, row_from
from tests.services.procedure_store import Desk, desk, questionnaire, ready_case
from tests.ui.conftest import type_text

__all__ = ["desk"]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CONSENT = "representative_consent:child:200101500053"


def child() -> Child:
    return Child(
        "Сейітқали Әли",
        "200101500053",
        date(2020, 1, 1),
        sex=Sex.MALE,
        with_one_representative=True,
        other_representative_residence="kz",
    )


def test_p3_desk_records_expired_passport_fee_exemption_and_representative(
    qtbot: QtBot, desk: Desk
) -> None:
    case_id = ready_case(desk, questionnaire("900517312343", child()))
    panel = ChecklistPanel(desk.officer, case_id, lang="ru")
    qtbot.addWidget(panel)
    dialog = panel.open_facts_dialog()
    assert isinstance(dialog, FactsDialog)
    # §3(2): the passport's expiry typed in the facts editor.
    expires = dialog.identity_widget(0, COL_EXPIRES)
    assert isinstance(expires, QLineEdit)
    expires.clear()
    qtbot.keyClicks(expires, "01.03.2026")
    # Annex 3 line 6: the exemption and its ground.
    qtbot.mouseClick(dialog.fee_exempt, Qt.MouseButton.LeftButton)
    type_text(dialog.fee_ground, "Салық кодексі")
    # §3: the legal representative.
    dialog.representative_box.setChecked(True)
    type_text(dialog.rep_name, "Сейітқалиева Гүлнұр")
    with qtbot.waitSignal(panel.checklist_changed, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    view = procedure.get_checklist(desk.officer, case_id)
    keys = {e.key for e in view.status.entries}
    assert {"explanation:passport", "passport_application", "fee_exemption"} <= keys
    assert "fee_receipt" not in keys
    assert view.facts.fee_exemption == "Салық кодексі"
    assert view.facts.representative is not None
    assert view.facts.representative.full_name == "Сейітқалиева Гүлнұр"
    qtbot.waitUntil(lambda: panel.row_of("explanation:passport") >= 0)
    assert "Проверьте основание освобождения" in panel.warnings.text()


def test_p3_6_desk_chooses_court_permission_and_records_an_original_returned(
    qtbot: QtBot, desk: Desk
) -> None:
    case_id = ready_case(desk, questionnaire("900517312343", child()))
    procedure.record_item(
        desk.officer, case_id, CONSENT, received=True, expires_on=date(2026, 1, 1)
    )
    panel = ChecklistPanel(desk.officer, case_id, lang="en")
    qtbot.addWidget(panel)
    assert procedure.get_checklist(desk.officer, case_id).status.expired == (CONSENT,)
    combo = panel.form_combo(CONSENT)
    assert isinstance(combo, QComboBox)
    with qtbot.waitSignal(panel.checklist_changed, timeout=5000):
        combo.setCurrentIndex(combo.findData("court"))
    view = procedure.get_checklist(desk.officer, case_id)
    assert view.status.entry(CONSENT).state.variant == "court" and view.status.complete
    # §3(2): the passport original handed back, shown in the Original column.
    assert panel.record_returned("identity:passport", "Seitqali Asqar")
    [back] = originals.for_case(desk.officer, case_id)
    assert back.returned_to == "Seitqali Asqar"
    cell = panel.table.item(panel.row_of("identity:passport"), COL_ORIGINAL)
    assert cell is not None and "Seitqali Asqar" in cell.text()
    retained = panel.table.item(panel.row_of("identity:id_card"), COL_ORIGINAL)
    assert retained is not None and "Retained" in retained.text()


def test_p3_6_children_table_records_where_the_other_representative_lives() -> None:
    model = RowsModel(CHILDREN, lambda: "en")
    model.set_rows([row_from(CHILDREN, child())])
    column = model.column_of("other_representative_residence")
    assert model.index(0, column).data() == "Қазақстанда тұрады / Проживает в Казахстане"
    header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header == "Where the other legal representative lives"


def test_a_fault_in_the_facts_dialog_is_said_in_the_officer_s_language(
    qtbot: QtBot, desk: Desk, qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    """A bad date is the officer's to fix and says so; anything else (here a value the lists
    never offer) is a fault: a general message in the desk's language, the error logged."""
    from desktop.ui.language import Language

    case_id = ready_case(desk, questionnaire("900517312343", child()))
    language = Language(qapp)  # type: ignore[arg-type]
    language.install("ru")
    try:
        panel = ChecklistPanel(desk.officer, case_id, lang="ru")
        qtbot.addWidget(panel)
        dialog = panel.open_facts_dialog()
        assert isinstance(dialog, FactsDialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        expires = dialog.identity_widget(0, COL_EXPIRES)
        assert isinstance(expires, QLineEdit)
        expires.setText("31.02.2026")
        save.click()
        assert dialog.error_label.text() == "Даты пишутся как ДД.ММ.ГГГГ"

        expires.setText("01.03.2030")
        dialog.representative_box.setChecked(True)
        dialog.rep_authority.addItem("—", "not-an-authority")
        dialog.rep_authority.setCurrentIndex(dialog.rep_authority.count() - 1)
        save.click()
        shown = dialog.error_label.text()
        assert shown == "Внутренняя ошибка: сведения не прочитаны (см. журнал приложения)"
        [record] = [r for r in caplog.records if r.name == "desktop.ui.procedure.facts_dialog"]
        assert record.exc_info is not None and record.exc_info[0] is ValueError
        assert record.getMessage() == f"the facts of case {case_id} could not be read"
        assert procedure.get_checklist(desk.officer, case_id).facts.representative is None
    finally:
        language.install("en")
