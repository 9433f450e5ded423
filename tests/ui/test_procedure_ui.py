"""The procedure widgets on a real store: accepting a case (§4), recording a decision (§10,
§11), the checklist panel (§3) and the deadline dashboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.domain.deadlines import Urgency
from desktop.domain.workflow import STAGE_TITLES, Action, Stage
from desktop.services import procedure
from desktop.ui.procedure.case_panel import CasePanel
from desktop.ui.procedure.checklist_panel import COL_RECEIVED, ChecklistPanel
from desktop.ui.procedure.dashboard import DeadlineDashboard
from tests.services.procedure_store import Desk, desk, questionnaire, ready_case

__all__ = ["desk"]

# Showing a dialog on the offscreen platform logs this harmless notice; nothing else is ignored.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shows_stage(panel: CasePanel, stage: Stage) -> bool:
    """The panel's title names the stage in the panel's language, never by its code."""
    text = panel.title.text()
    return STAGE_TITLES[stage].get(panel._lang) in text and stage.value not in text


def submit(qtbot: QtBot, panel: CasePanel, action: Action, **values: Any) -> None:
    """Press the step's button, fill its form, confirm, and wait for the panel to refresh."""
    panel.buttons[action].click()
    dialog = panel.dialog
    assert dialog is not None and dialog.action is action
    for name, value in values.items():
        dialog.set_value(name, value)
    with qtbot.waitSignal(panel.case_changed, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_accept_a_case(qtbot: QtBot, desk: Desk) -> None:
    case_id = ready_case(desk)
    panel = CasePanel(desk.officer, case_id, lang="en")
    qtbot.addWidget(panel)
    assert shows_stage(panel, Stage.DRAFT)
    assert set(panel.buttons) == {Action.ACCEPT, Action.REFUSE_ACCEPTANCE, Action.WITHDRAW}
    assert "Complete" in panel.checklist.status.text()
    submit(qtbot, panel, Action.ACCEPT)
    assert shows_stage(panel, Stage.ACCEPTED)
    assert panel.view is not None and panel.view.state.accepted_by == "Жұмабаева Әсел Нұрланқызы"
    events = panel.timeline.events
    assert "Accept the documents (§4)" in events.item(events.rowCount() - 1, 1).text()
    deadline_names = {
        panel.timeline.deadlines.item(r, 1).text()
        for r in range(panel.timeline.deadlines.rowCount())
    }
    assert deadline_names == {
        "Enter into Bürkit",
        "Send via the Department",
        "Service term (3 months)",
    }
    assert "(as accepted)" in panel.checklist.header.text()
    assert Action.RECORD_BURKIT in panel.buttons


def test_p4_accept_dialog_lists_what_the_questionnaire_lacks(qtbot: QtBot, desk: Desk) -> None:
    """§4: the Accept dialog refuses a questionnaire with errors and lists them by the form's
    labels in the officer's language, growing to show the list."""
    bad = replace(
        questionnaire("900517312344"),
        sex=None,
        citizenship="",
        declaration_acknowledged=False,
        consent_given=False,
    )
    case_id = ready_case(desk, bad)
    panel = CasePanel(desk.officer, case_id, lang="ru")
    qtbot.addWidget(panel)
    panel.buttons[Action.ACCEPT].click()
    dialog = panel.dialog
    assert dialog is not None
    before = dialog.sizeHint().height()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    text = dialog.message.text()
    assert dialog.isVisible()
    assert panel.view is not None and panel.view.state.stage is Stage.DRAFT
    assert "Индивидуальный идентификационный номер — Неверная контрольная цифра ИИН" in text
    assert "7. Гражданство" in text and "5. Пол" in text
    assert text.count("•") == 5
    for internal in ("iin", "citizenship", "consent_given", "identity:"):
        assert internal not in text
    assert dialog.height() > before
    dialog.reject()


def test_record_a_decision_and_the_hearing_path(qtbot: QtBot, desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    desk.clock.advance(days=1)
    procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B-1"})
    procedure.perform(desk.officer, case_id, Action.FORWARD, {"package_reference": "P-1"})
    desk.clock.advance(days=14)
    panel = CasePanel(desk.officer, case_id, lang="en")
    qtbot.addWidget(panel)
    # A form with a required field left empty stays open with the reason.
    panel.buttons[Action.RECORD_PRELIMINARY_REFUSAL].click()
    dialog = panel.dialog
    assert dialog is not None
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "required" in dialog.message.text() and dialog.isVisible()
    dialog.reject()
    submit(
        qtbot,
        panel,
        Action.RECORD_PRELIMINARY_REFUSAL,
        police_department="Алматы қаласы Полиция департаменті",
        decision_number="77",
        decision_date=date(2026, 12, 4),
        channel="paper",
        ground="4",
        reasons="Annex 3, line 9(4)",
    )
    assert shows_stage(panel, Stage.PRELIMINARY_REFUSAL)
    submit(
        qtbot,
        panel,
        Action.SEND_PRELIMINARY_REFUSAL,
        hearing_at="09.12.2026 10:00",  # §11: within the applicant's objection term
        hearing_place="Embassy, room 2",
    )
    # §11: a date and a time, not free text.
    sent = procedure.load_events(desk.officer, case_id)[-1]
    assert sent.data["hearing_at"] == "2026-12-09T10:00"
    # §11: "no objection" only after the applicant's two working days have passed.
    panel.buttons[Action.RECORD_NO_OBJECTION].click()
    assert panel.dialog is not None
    panel.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "may object until" in panel.dialog.message.text()
    panel.dialog.reject()
    desk.clock.advance(days=5)
    panel.refresh()
    submit(qtbot, panel, Action.RECORD_NO_OBJECTION)
    submit(qtbot, panel, Action.SEND_REASONED_REFUSAL, ground="4", reasons="Annex 3, line 9(4)")
    assert shows_stage(panel, Stage.REFUSAL_SENT)
    assert panel.view is not None and panel.view.state.stage is Stage.REFUSAL_SENT
    assert panel.timeline.deadlines.rowCount() == 0


def test_permission_needs_a_consul_to_sign(qtbot: QtBot, desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    desk.clock.advance(days=1)
    procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B-1"})
    procedure.perform(desk.officer, case_id, Action.FORWARD, {"package_reference": "P-1"})
    desk.clock.advance(days=14)
    panel = CasePanel(desk.officer, case_id, lang="ru")
    qtbot.addWidget(panel)
    submit(
        qtbot,
        panel,
        Action.RECORD_PERMISSION,
        police_department="Алматы қаласы Полиция департаменті",
        decision_number="78",
        decision_date=date(2026, 12, 4),
        channel="package",
    )
    assert Action.ISSUE_NOTIFICATION not in panel.buttons  # §10: an officer cannot sign
    consul_panel = CasePanel(desk.consul, case_id, lang="ru")
    qtbot.addWidget(consul_panel)
    submit(qtbot, consul_panel, Action.ISSUE_NOTIFICATION, notification_number="N-1")
    assert shows_stage(consul_panel, Stage.NOTIFICATION_ISSUED)
    panel.refresh()
    submit(qtbot, panel, Action.HAND_OVER, way="in_person")
    assert shows_stage(panel, Stage.HANDED_OVER)
    assert "Уведомление вручено" in panel.title.text()
    assert panel.timeline.deadlines.rowCount() == 0


def test_a_complaint_from_the_panel(qtbot: QtBot, desk: Desk) -> None:
    # §16: register, then forward with the complaint id filled in.
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    panel = CasePanel(desk.officer, case_id)
    qtbot.addWidget(panel)
    panel.complaint_buttons[(Action.REGISTER_COMPLAINT, "")].click()
    dialog = panel.dialog
    assert dialog is not None
    dialog.set_value("against", "inaction: Bürkit entry")
    dialog.set_value("addressee", "provider")
    with qtbot.waitSignal(panel.case_changed, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert (Action.FORWARD_COMPLAINT, "C1") in panel.complaint_buttons
    panel.complaint_buttons[(Action.FORWARD_COMPLAINT, "C1")].click()
    dialog = panel.dialog
    assert dialog is not None and not dialog.inputs["complaint_id"].isEnabled()
    dialog.set_value("body", "MFA")
    with qtbot.waitSignal(panel.case_changed, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert set(panel.complaint_buttons) == {
        (Action.REGISTER_COMPLAINT, ""),
        (Action.RECORD_COMPLAINT_OUTCOME, "C1"),
    }
    deadlines = panel.timeline.deadlines
    labels = [deadlines.item(r, 1).text() for r in range(deadlines.rowCount())]
    assert "Complaint review" in labels


def test_checklist_panel_records_a_tick(qtbot: QtBot, desk: Desk) -> None:
    case_id = ready_case(desk)
    panel = ChecklistPanel(desk.officer, case_id)
    qtbot.addWidget(panel)
    row = panel.row_of("fee_receipt")
    with qtbot.waitSignal(panel.checklist_changed, timeout=5000):
        panel.table.item(row, COL_RECEIVED).setCheckState(Qt.CheckState.Unchecked)
    view = procedure.get_checklist(desk.officer, case_id)
    assert view.status.missing == ("fee_receipt",)
    assert "Missing: 1" in panel.status.text()


def test_dashboard_loads_off_the_gui_thread(qtbot: QtBot, desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    desk.clock.advance(days=7)  # the §6 and §7 clocks ran out
    board = DeadlineDashboard(desk.officer)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.reload()
    assert board.dashboard is not None
    assert board.dashboard.count(Urgency.OVERDUE) == 2
    assert board.table.rowCount() == 2
    assert "2 overdue" in board.summary.text()
    assert board.stage_chart.bars == [("Accepted", 1)]
    # A stage's title elided beside its bar is whole in the bar's tooltip.
    assert board.stage_chart.bar_at(30) == ("Accepted", 1)
    assert board.stage_chart.bar_at(10) is None and board.stage_chart.bar_at(60) is None
    with qtbot.waitSignal(board.case_activated) as activated:
        board._on_table_cell_double_clicked(0, 0)
    assert activated.args == [case_id]
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.mine.setChecked(True)  # the cases are the officer's own
    assert board.table.rowCount() == 2


def test_dashboard_shows_a_known_error(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A failure in the background query reaches the GUI thread as a message, not a crash.
    from desktop.domain.i18n import Text
    from desktop.services.errors import KnownError

    def broken(*_args: object, **_kw: object) -> None:
        raise KnownError(Text("қате", "ошибка", "the store is locked"))

    monkeypatch.setattr(procedure, "dashboard", broken)
    board = DeadlineDashboard(desk.officer)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.failed, timeout=10000) as failed:
        board.reload()
    assert failed.args == ["the store is locked"]
    assert board.notice.text() == "the store is locked"


ILLEGAL_STEP = {
    "kk": "««Бүркіт»-ке енгізілді» қадамын «Жіберілді» кезеңінде (24.11.2026 бастап) орындауға "
    "болмайды",
    "ru": "Шаг «Внесено в «Бүркіт»» невозможен на этапе «Направлено» (с 24.11.2026)",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_illegal_step_is_explained_in_the_officers_language(
    qtbot: QtBot, desk: Desk, language: Any, lang: str, tmp_path: Any
) -> None:
    """Issue 20: the officer opened the Bürkit step; meanwhile a colleague recorded it and
    forwarded the case. The refusal names the step and the stage in the officer's language,
    with the stage's date as dd.mm.yyyy — no codes, no ISO dates."""
    language.install(lang)
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    desk.clock.advance(days=1)
    panel = CasePanel(desk.officer, case_id, lang=lang)
    qtbot.addWidget(panel)
    panel.resize(1100, 620)
    panel.show()
    panel.buttons[Action.RECORD_BURKIT].click()
    dialog = panel.dialog
    assert dialog is not None
    dialog.set_value("reference", "B-77")
    procedure.perform(desk.consul, case_id, Action.RECORD_BURKIT, {"reference": "B-76"})
    procedure.perform(desk.consul, case_id, Action.FORWARD, {"package_reference": "P-9"})
    panel.refresh()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    message = dialog.message.text()
    assert message == ILLEGAL_STEP[lang]
    assert dialog.isVisible()  # the form stays open with the reason
    assert "record_burkit" not in message and "forwarded" not in message
    # The panel shows the stage by its title, the timeline dates as dd.mm.yyyy.
    assert shows_stage(panel, Stage.FORWARDED)
    events = panel.timeline.events
    assert events.item(events.rowCount() - 1, 2).text() == "24.11.2026"
    if lang == "ru":
        assert "(п. 7)" in events.item(events.rowCount() - 1, 1).text()
    else:
        assert "(7-тармақ)" in events.item(events.rowCount() - 1, 1).text()
    import os

    folder = os.environ.get("QONYS_SCREENSHOTS")
    if folder:  # `QONYS_SCREENSHOTS=docs/screenshots pytest -k illegal_step` refreshes the docs
        from pathlib import Path

        from PySide6.QtCore import QCoreApplication, QEvent, QRect
        from PySide6.QtGui import QColor, QPainter

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.wait(50)  # the new step buttons show on the next turn of the event loop
        panel.tabs.setCurrentIndex(1)  # the timeline: the steps with their dates
        events.scrollToBottom()
        dialog.adjustSize()
        shot = panel.grab()
        form = dialog.grab()
        x, y, bar = (shot.width() - form.width()) // 2, 150, 26
        painter = QPainter(shot)
        painter.fillRect(
            QRect(x - 1, y - bar - 1, form.width() + 2, form.height() + bar + 2), QColor("#444")
        )
        painter.fillRect(QRect(x, y - bar, form.width(), bar), QColor("#dde3ea"))
        painter.drawText(QRect(x + 8, y - bar, form.width() - 16, bar), 0x81, dialog.windowTitle())
        painter.drawPixmap(x, y, form)
        painter.end()
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert shot.save(str(Path(folder) / f"illegal-step-{lang}.png"))


@pytest.mark.parametrize(("lang", "words"), [("kk", "расталмаған"), ("ru", "не подтверждена")])
def test_p14_1_case_panel_shows_which_rules_apply(
    qtbot: QtBot, desk: Desk, lang: str, words: str
) -> None:
    """§14-1: the desk shows the version of the Rules the case is read with, and since when
    (here the bundled version, whose publication date Qonys does not know: said, not hidden)."""
    panel = CasePanel(desk.officer, ready_case(desk), lang=lang)
    qtbot.addWidget(panel)
    text = panel.timeline.rules.text()
    assert "11-1-4/730" in text and "05.12.2025" in text and words in text
    assert panel.timeline.rules.wordWrap()
