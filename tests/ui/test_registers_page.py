"""§3(2) registers in the desk (issue 12 left them CLI-only): ID cards in custody and originals
handed back, listed for a period in the desk's language, released, printed and saved — through
`desktop.services.registers`, the same registers `qonys custody` / `qonys originals` print."""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from desktop.services import originals, procedure, registers, session
from desktop.services.errors import KnownError
from desktop.services.registers import Register
from desktop.ui.admin_window import AdminWindow
from desktop.ui.desk import Desk
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


@pytest.fixture
def officer_desk(demo_dir: Path, clock: MovableClock) -> Iterator[Desk]:
    ctx = session.login(demo_dir, "officer", PASSWORD, clock=clock)
    d = Desk(ctx, demo_dir, lang="ru", clock=clock)
    yield d
    d.close()


@pytest.fixture
def win(qtbot: QtBot, officer_desk: Desk) -> AdminWindow:
    window = AdminWindow(officer_desk, kdf=FAST_KDF)
    qtbot.addWidget(window)
    window.show()
    assert window.show_page("registers")  # an officer's page, not only an administrator's
    return window


def run(qtbot: QtBot, win: AdminWindow, button: object) -> str:
    said: list[str] = []
    win.finished_action.connect(said.append)
    win.failed_action.connect(said.append)
    button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(said), timeout=60_000)
    win.finished_action.disconnect(said.append)
    win.failed_action.disconnect(said.append)
    assert win.status.styleSheet() == "", f"refused: {said[0]}"
    return said[0]


def period(win: AdminWindow, start: date, end: date) -> None:
    win.register_from.setDate(QDate(start.year, start.month, start.day))
    win.register_to.setDate(QDate(end.year, end.month, end.day))


def column(win: AdminWindow, index: int) -> list[str]:
    return [win.register_cell(r, index) for r in range(win.register_table.rowCount())]


def test_custody_listed_for_a_period_and_released(
    qtbot: QtBot, win: AdminWindow, tmp_path: Path
) -> None:
    ctx = win.desk.ctx
    held = procedure.custody_register(ctx)
    assert held, "the demo holds no ID card"
    period(win, date(2000, 1, 1), win.desk.today())
    said = run(qtbot, win, win.register_show_button)
    assert said == f"Записей: {len(held)}"
    header = win.register_table.horizontalHeaderItem(4)
    assert header is not None and header.text() == "Дата\nприема"
    assert column(win, 1) == [c.case_number for c in held]
    assert set(column(win, 2)) == {"Удостоверение личности"}
    assert set(column(win, 7)) == {"на хранении"}

    # The period counts the day each card was received, at the mission.
    first = min(held, key=lambda c: c.received_at)
    day = registers.view(ctx, Register.CUSTODY, date(2000, 1, 1), date(2100, 1, 1)).rows
    received = {r.id: r.day for r in day}
    one_day = received[first.id]
    period(win, one_day, one_day)
    run(qtbot, win, win.register_show_button)
    assert column(win, 0) == [str(i) for i, d in received.items() if d == one_day]

    # Release: refused without a row; then the note is what the register says.
    win.register_table.clearSelection()
    win.register_table.setCurrentCell(-1, -1)
    with qtbot.waitSignal(win.failed_action) as refused:
        win.release_button.click()
    assert refused.args[0] == "Выберите в списке документ на хранении"
    win.register_table.selectRow(0)
    win.release_note_edit.setText("Передано в полицию, акт 12")
    said = run(qtbot, win, win.release_button)
    assert said.startswith("Документ ") and said.endswith("выдан: Передано в полицию, акт 12")
    released = next(c for c in procedure.custody_register(ctx) if c.id == first.id)
    assert released.released_at is not None
    assert released.release_note == "Передано в полицию, акт 12"
    assert column(win, 7)[0] == "Передано в полицию, акт 12"
    # A released card is not released twice, and "only held" leaves it out whatever the period.
    win.register_table.selectRow(0)
    with qtbot.waitSignal(win.failed_action):
        win.release_button.click()
    win.register_held.setChecked(True)
    run(qtbot, win, win.register_show_button)
    assert str(first.id) not in column(win, 0)
    assert len(column(win, 0)) == len(held) - 1

    # Saved as CSV (Kazakh / Russian headings) and as PDF: what the desk showed.
    win.register_held.setChecked(False)
    period(win, date(2000, 1, 1), win.desk.today())
    win.register_file_edit.setText(str(tmp_path / "custody.csv"))
    said = run(qtbot, win, win.register_save_button)
    assert said == f"В {tmp_path / 'custody.csv'} записано строк: {len(held)}"
    rows = list(csv.reader((tmp_path / "custody.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][4] == "Қабылданған күні / Дата приема"
    assert [r[1] for r in rows[1:]] == [c.case_number for c in held]
    win.register_file_edit.setText(str(tmp_path / "custody"))
    run(qtbot, win, win.register_save_button)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "custody.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = " ".join(text.split())
    assert "Реестр удостоверений личности, принятых на хранение" in text
    assert "Передано в полицию, акт 12" in text
    assert all(c.case_number in text for c in held)


def test_originals_handed_back_listed_and_printed(qtbot: QtBot, win: AdminWindow) -> None:
    ctx = win.desk.ctx
    returned = None
    for case_id in range(1, 40):
        try:
            returned = originals.return_original(
                ctx, case_id, "identity:passport", "Заявителю лично"
            )
            break
        except KnownError:
            continue
    assert returned is not None, "no demo case has a passport to hand back"
    win.choose_register(Register.RETURNED)
    assert not win.release_box.isVisible() and not win.register_held.isVisible()
    period(win, returned.returned_on, returned.returned_on)
    run(qtbot, win, win.register_show_button)
    assert column(win, 1) == [returned.case_number]
    assert column(win, 2) == ["Паспорт"]
    assert column(win, 5) == ["Заявителю лично"]
    # Print: the preview of the very PDF, opened fitted to the window.
    title = run(qtbot, win, win.register_print_button)
    assert title == "Реестр оригиналов, возвращенных после снятия копий"
    preview = win.register_preview
    assert preview.images and preview.pdf.startswith(b"%PDF")
    preview.close()
    # The day before: nothing.
    period(win, date(2000, 1, 1), date(2000, 1, 2))
    assert run(qtbot, win, win.register_show_button) == "Записей: 0"
    assert win.register_table.rowCount() == 0


def test_a_wrong_period_is_said(qtbot: QtBot, win: AdminWindow) -> None:
    period(win, date(2026, 5, 2), date(2026, 5, 1))
    with qtbot.waitSignal(win.failed_action, timeout=60_000) as refused:
        win.register_show_button.click()
    assert refused.args[0] == "Конец периода раньше начала"
