"""The Exchange window (issue 6 items 3 and 6 from the desk): export with progress, the outbox,
import of decision packages, refusals, and its place in the main window (pytest-qt, offscreen).

A real demo mission enrolled with a real Department store (`demo --department`), real package
files, and the Department's own `receive` / `decide` / `send`: nothing is stubbed.
"""

from __future__ import annotations

import ast
import errno
import os
import re
import shutil
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.department.service import Department
from desktop.domain.calendar import CalendarSpec, mission_local
from desktop.services import demo, procedure, session
from desktop.services import exchange as service
from desktop.storage.models import AttachmentRow, CaseRow
from desktop.ui import exchange_dialog as module
from desktop.ui.admin.window import AdminWindow
from desktop.ui.desk import Desk
from desktop.ui.exchange_dialog import ExchangeDialog, ImportBatch
from desktop.ui.exchange_outbox import (
    COL_CASES,
    COL_PART,
    COL_SCANS,
    COL_STATE,
    SEQUENCE_ROLE,
    STATE_ROLE,
    OutboxModel,
)
from desktop.ui.language import Language
from desktop.ui.main_window import MainWindow
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.ui.conftest import ModalLog, press

DECIDED_ON = date(2026, 11, 22)
TIMEOUT = 30_000


@pytest.fixture(scope="module")
def enrolled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo mission with its Department (DIR/department) that enrolled it; scans on three
    forwarded cases. Made once per module (RSA keys are the slow part), copied per test."""
    store = tmp_path_factory.mktemp("template") / "store"
    clock = MovableClock()
    demo.create_demo(store, cases=25, seed=7, password=PASSWORD, kdf=FAST_KDF, clock=clock,
                     department=True)  # fmt: skip
    ctx = session.login(store, "admin", PASSWORD, clock=clock)
    try:
        with ctx.uow() as uow:
            ids = list(uow.session.scalars(
                select(CaseRow.id).where(CaseRow.stage.not_in(service.NOT_EXPORTED_STAGES))
                .order_by(CaseRow.id).limit(3)
            ))  # fmt: skip
            assert len(ids) == 3
            for cid in ids:
                for page in (1, 2):
                    uow.attachments.add(AttachmentRow(
                        case_id=cid, item_key="passport", document_id=f"doc-{cid}",
                        page_no=page, mime="image/png", width=10, height=10,
                        data=f"page {page} {cid}".encode() * 500, created_at=ctx.now(),
                        created_by=None, note="",
                    ))  # fmt: skip
            uow.commit()
    finally:
        ctx.close()
    return store


@pytest.fixture
def enrolled_dir(enrolled_template: Path, tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(enrolled_template, store)
    return store


@pytest.fixture
def enrolled_desk(enrolled_dir: Path, clock: MovableClock) -> Iterator[Desk]:
    ctx = session.login(enrolled_dir, "officer", PASSWORD, clock=clock)
    d = Desk(ctx, enrolled_dir, lang="en", clock=clock)
    yield d
    d.close()


@pytest.fixture
def department(enrolled_dir: Path) -> Iterator[Department]:
    dep = Department.open(enrolled_dir / "department", "admin", PASSWORD)
    yield dep
    dep.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    return tmp_path / "usb"  # not there yet: the export makes it, as `qonys export` does


def _dialog(qtbot: QtBot, desk: Desk, **kwargs: object) -> ExchangeDialog:
    dialog = ExchangeDialog(desk, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _export(qtbot: QtBot, dialog: ExchangeDialog, folder: Path) -> service.ExportResult:
    dialog.folder_edit.setText(str(folder))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    result = blocker.args[0]
    assert isinstance(result, service.ExportResult)
    return result


def _import(qtbot: QtBot, dialog: ExchangeDialog, *paths: Path) -> ImportBatch:
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT) as blocker:
        dialog.import_files(list(paths))
    batch = blocker.args[0]
    assert isinstance(batch, ImportBatch)
    return batch


def _states(dialog: ExchangeDialog) -> list[str]:
    model = dialog.model
    return [model.index(r, 0).data(STATE_ROLE) for r in range(model.rowCount())]


def _stage_of(desk: Desk, number: str) -> str:
    from desktop.services import cases

    [found] = [c for c in cases.list_cases(desk.ctx, number, limit=5) if c.number == number]
    return found.stage


def _decision_package(
    desk: Desk, department: Department, package: Path, out: Path, kind: str = "permission"
) -> tuple[str, Path]:
    """The Department receives the mission's package, decides a case the mission has
    forwarded (§7) and sends its decision package back (with the acknowledgement)."""
    from desktop.services import cases

    department.receive(package)
    number = cases.list_cases(desk.ctx, "", ("forwarded",), limit=1, order_by="number")[0].number
    department.decide(number, kind, police_department="Алматы ПД", number="12/3", on=DECIDED_ON)
    sent = department.send("KZ-BER", out)
    return number, sent.path


# --- export and the outbox ---------------------------------------------------------------------


def test_export_writes_a_package_the_department_receives_and_the_outbox_tracks_it(
    qtbot: QtBot, enrolled_desk: Desk, department: Department, usb: Path
) -> None:
    dialog = _dialog(qtbot, enrolled_desk)
    status = service.trust_status(enrolled_desk.ctx)
    issued = mission_local(status.issued_at, enrolled_desk.ctx.time_zone).strftime("%d.%m.%Y")
    assert dialog.trust_label.text().startswith("Mission KZ-BER is enrolled")
    assert f"Trust list: version {status.version}, issued {issued}" in dialog.trust_label.text()
    assert dialog.model.rowCount() == 0 and not dialog.carried_button.isEnabled()
    progress: list[tuple[int, int]] = []
    dialog.progressed.connect(lambda done, total: progress.append((done, total)))

    result = _export(qtbot, dialog, usb)
    [entry] = result.packages
    written = usb / entry.file_name
    assert written.is_file() and written.stat().st_size == entry.size
    assert result.scans == 6 and result.cases > 3
    # Progress came from the service, case by case, up to the total.
    assert progress and progress[-1] == (result.cases, result.cases)
    assert dialog.export_progress.value() == dialog.export_progress.maximum()
    status = dialog.export_status.text()
    assert f"cases: {result.cases}" in status and "scan pages: 6" in status
    assert str(written) in status
    assert dialog.export_button.isEnabled() and not dialog.cancel_button.isEnabled()

    # The Department accepts it as it is.
    received = department.receive(written)
    assert (received.cases, received.scans) == (result.cases, 6)

    # The outbox: built, in words; "Mark as carried" moves it on.
    assert _states(dialog) == ["built"]
    row = dialog.model.row_of(entry.sequence)
    assert row == 0
    assert dialog.model.index(0, COL_STATE).data() == "Built, not yet carried"
    assert dialog.model.index(0, COL_CASES).data() == str(result.cases)
    assert dialog.table.currentIndex().row() == 0 and dialog.carried_button.isEnabled()
    with qtbot.waitSignal(dialog.outbox_reloaded):
        dialog.carried_button.click()
    assert _states(dialog) == ["carried"]
    assert dialog.model.index(0, COL_STATE).data() == "Carried, awaiting acknowledgement"
    assert not dialog.carried_button.isEnabled()  # carried once is enough
    assert [e.state for e in service.outbox(enrolled_desk.ctx)] == ["carried"]

    # Nothing new: nothing written, and it says so.
    again = _export(qtbot, dialog, usb)
    assert again.packages == [] and "Nothing new" in dialog.export_status.text()
    assert list(usb.iterdir()) == [written]


def test_split_export_shows_its_parts(
    qtbot: QtBot, enrolled_desk: Desk, department: Department, usb: Path
) -> None:
    ctx = enrolled_desk.ctx
    with ctx.uow() as uow:
        cid = uow.session.scalars(select(CaseRow.id).where(CaseRow.stage == "forwarded")).first()
        for page in range(3, 9):
            uow.attachments.add(AttachmentRow(
                case_id=cid, item_key="birth", document_id="b", page_no=page, mime="image/jpeg",
                width=1, height=1, data=os.urandom(400_000), created_at=ctx.now(),
                created_by=None, note="",
            ))  # fmt: skip
        uow.commit()
    dialog = _dialog(qtbot, enrolled_desk)
    dialog.split_spin.setValue(1)
    result = _export(qtbot, dialog, usb)
    parts = len(result.packages)
    assert parts >= 3 and all(p.size <= 1024 * 1024 for p in result.packages)
    assert dialog.model.rowCount() == parts
    assert [dialog.model.index(r, COL_PART).data() for r in range(parts)] == [
        f"{i} of {parts}" for i in range(1, parts + 1)
    ]
    # Each part counts what it carries: every scan page once, straddling cases in each part.
    rows = range(parts)
    assert sum(int(dialog.model.index(r, COL_SCANS).data()) for r in rows) == result.scans
    assert [dialog.model.index(r, COL_CASES).data() for r in rows] == [
        str(p.cases) for p in result.packages
    ]
    assert sum(p.cases for p in result.packages) >= result.cases
    for p in result.packages:
        department.receive(usb / p.file_name)
    assert department.scan_count() == 12


def test_cancelled_export_leaves_no_file_and_records_nothing(
    qtbot: QtBot, enrolled_desk: Desk, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker is held at its first progress report until Cancel has been clicked."""
    reached, clicked = threading.Event(), threading.Event()
    real_export = service.export

    def held_export(
        *args: object, progress: Callable[[int, int], None], **kwargs: object
    ) -> object:
        def hold(done: int, total: int) -> None:
            if not reached.is_set():
                reached.set()
                assert clicked.wait(TIMEOUT / 1000)
            progress(done, total)

        return real_export(*args, progress=hold, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "export", held_export)
    dialog = _dialog(qtbot, enrolled_desk)
    dialog.folder_edit.setText(str(usb))
    dialog.export_button.click()
    assert dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.export_failed, timeout=TIMEOUT) as blocker:
        dialog.cancel_button.click()
        clicked.set()
    assert blocker.args[0].startswith("Export cancelled")
    assert list(usb.iterdir()) == []
    assert service.outbox(enrolled_desk.ctx) == [] and dialog.model.rowCount() == 0
    # Everything is still to be sent.
    monkeypatch.setattr(service, "export", real_export)
    assert _export(qtbot, dialog, usb).scans == 6


def test_closing_the_window_mid_export_lets_the_export_finish_and_record_it(
    qtbot: QtBot, enrolled_desk: Desk, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nobody is left to show progress to; the export still ends whole and in the outbox."""
    import shiboken6

    from desktop.ui import tasks

    reached, closed = threading.Event(), threading.Event()
    real_export = service.export

    def held_export(
        *args: object, progress: Callable[[int, int], None], **kwargs: object
    ) -> object:
        def hold(done: int, total: int) -> None:
            if not reached.is_set():
                reached.set()
                assert closed.wait(TIMEOUT / 1000)
            progress(done, total)

        return real_export(*args, progress=hold, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "export", held_export)
    dialog = ExchangeDialog(enrolled_desk)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.folder_edit.setText(str(usb))
    dialog.export_button.click()
    qtbot.waitUntil(reached.is_set, timeout=TIMEOUT)
    dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=TIMEOUT)
    closed.set()
    assert tasks.wait_for_all()
    [entry] = service.outbox(enrolled_desk.ctx)
    assert entry.state == "built" and [p.name for p in usb.iterdir()] == [entry.file_name]


def test_full_disk_during_export_is_a_message_and_records_nothing(
    qtbot: QtBot, enrolled_desk: Desk, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = enrolled_desk.ctx
    with ctx.uow() as uow:
        cid = uow.session.scalars(select(CaseRow.id).where(CaseRow.stage == "forwarded")).first()
        uow.attachments.add(AttachmentRow(
            case_id=cid, item_key="birth", document_id="b", page_no=9, mime="image/jpeg",
            width=1, height=1, data=os.urandom(600_000), created_at=ctx.now(), created_by=None,
            note="",
        ))  # fmt: skip
        uow.commit()
    from desktop.sync import package

    original = package._HashingFile.write

    def write(self: package._HashingFile, data: bytes) -> None:  # a 256 KiB USB stick
        if self.offset + len(data) > 256 * 1024:
            raise OSError(errno.ENOSPC, "No space left on device")
        original(self, data)

    monkeypatch.setattr(package._HashingFile, "write", write)
    dialog = _dialog(qtbot, enrolled_desk)
    dialog.folder_edit.setText(str(usb))
    with qtbot.waitSignal(dialog.export_failed, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    message = blocker.args[0]
    assert "No space left on device" in message and "nothing was recorded" in message
    assert "Traceback" not in message
    assert dialog.export_status.text() == message and dialog.export_button.isEnabled()
    assert list(usb.iterdir()) == [] and dialog.model.rowCount() == 0


@pytest.fixture
def kiritimati() -> Iterator[None]:
    """This computer's clock set to UTC+14 (Line Islands), restored afterwards."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Kiritimati"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_the_trust_list_s_date_is_the_mission_s_not_this_computer_s(
    qtbot: QtBot, enrolled_dir: Path, clock: MovableClock, kiritimati: None
) -> None:
    """A desk whose computer runs 25 hours ahead of the mission (UTC+14 against Pago Pago's
    UTC-11) shows the day the trust list was issued at the mission, in the exchange window and
    in the administration window alike."""
    admin = session.login(enrolled_dir, "admin", PASSWORD, clock=clock)
    try:
        spec = CalendarSpec(host_country="US", timezone="Pacific/Pago_Pago")
        procedure.set_calendar(admin, spec)
    finally:
        admin.close()
    ctx = session.login(enrolled_dir, "admin", PASSWORD, clock=clock)
    desk = Desk(ctx, enrolled_dir, lang="en", clock=clock)
    try:
        issued_at = service.trust_status(ctx).issued_at
        at_mission = mission_local(issued_at, "Pacific/Pago_Pago").strftime("%d.%m.%Y")
        here = issued_at.astimezone().strftime("%d.%m.%Y")
        assert here != at_mission  # the machine's zone really is another day
        dialog = _dialog(qtbot, desk)
        assert f"issued {at_mission} (" in dialog.trust_label.text()
        win = AdminWindow(desk)
        qtbot.addWidget(win)
        win.show_page("department")
        assert f"issued {at_mission}." in win.trust_label.text()
    finally:
        desk.close()


def test_not_enrolled_store_says_so(qtbot: QtBot, desk: Desk, usb: Path) -> None:
    """The plain demo store (no Department): the trust line and the export both say what to do."""
    desk.set_language("kk")
    dialog = _dialog(qtbot, desk)
    expected = service.NotEnrolled().message.kk
    assert dialog.trust_label.text() == expected
    dialog.folder_edit.setText(str(usb))
    with qtbot.waitSignal(dialog.export_failed, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    assert blocker.args[0] == expected == dialog.export_status.text()
    assert not usb.exists() or list(usb.iterdir()) == []


def test_export_needs_a_folder(qtbot: QtBot, enrolled_desk: Desk) -> None:
    dialog = _dialog(qtbot, enrolled_desk)
    dialog.folder_edit.clear()
    with qtbot.assertNotEmitted(dialog.exported), qtbot.assertNotEmitted(dialog.export_failed):
        dialog.export_button.click()
    assert "Choose the folder" in dialog.export_status.text()
    # The chooser is injectable; the real one is a QFileDialog.
    chosen = Path("/media/usb")
    picked = _dialog(qtbot, enrolled_desk, choose_folder=lambda _parent, _start: chosen)
    picked.choose_button.click()
    assert picked.folder_edit.text() == str(chosen)


# --- import -------------------------------------------------------------------------------------


def test_import_applies_the_decision_and_acknowledges_the_package(
    qtbot: QtBot, enrolled_desk: Desk, department: Department, usb: Path, tmp_path: Path
) -> None:
    back = tmp_path / "back"
    dialog = _dialog(qtbot, enrolled_desk)
    [entry] = _export(qtbot, dialog, usb).packages
    number, decision = _decision_package(enrolled_desk, department, usb / entry.file_name, back)
    assert _stage_of(enrolled_desk, number) == "forwarded"

    # Chosen through the (injected) file chooser, as the officer would.
    dialog._choose_files = lambda _parent: [decision]
    with (
        qtbot.waitSignal(enrolled_desk.cases_changed, timeout=TIMEOUT),
        qtbot.waitSignal(dialog.imported, timeout=TIMEOUT) as blocker,
    ):
        dialog.import_button.click()
    [outcome] = blocker.args[0].outcomes
    assert outcome.applied and outcome.result.decisions == 1 and outcome.result.acknowledged == 1
    log = dialog.import_log.toPlainText()
    assert f"{decision.name}: package 1 applied. Decisions: 1; packages acknowledged: 1." in log
    # §10: the permission is the case's own step now.
    assert _stage_of(enrolled_desk, number) == "permitted"
    assert _states(dialog) == ["acknowledged"]
    assert dialog.model.index(0, COL_STATE).data() == "Acknowledged by the Department"
    assert not dialog.carried_button.isEnabled()

    # Idempotent: the same file again changes nothing, and says so.
    batch = _import(qtbot, dialog, decision)
    assert batch.outcomes[0].result is not None and batch.outcomes[0].result.replay
    assert "was imported before; nothing changed" in dialog.import_log.toPlainText()


def test_tampered_package_is_refused_and_changes_nothing(
    qtbot: QtBot, enrolled_desk: Desk, department: Department, usb: Path, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, enrolled_desk)
    [entry] = _export(qtbot, dialog, usb).packages
    number, decision = _decision_package(
        enrolled_desk, department, usb / entry.file_name, tmp_path / "back"
    )
    data = bytearray(decision.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "bad.qpkg"
    bad.write_bytes(data)

    with qtbot.assertNotEmitted(enrolled_desk.cases_changed):
        batch = _import(qtbot, dialog, bad)
    [outcome] = batch.outcomes
    assert outcome.result is None and not outcome.missing
    log = dialog.import_log.toPlainText()
    # One line: the file, "refused, nothing changed", and the check that failed.
    assert log.startswith("bad.qpkg: refused, nothing changed. ") and "\n" not in log
    assert outcome.refusal.removeprefix("bad.qpkg: ") in log
    assert "Traceback" not in log
    assert _stage_of(enrolled_desk, number) == "forwarded"
    assert _states(dialog) == ["built"]
    # The genuine file still goes through.
    assert _import(qtbot, dialog, decision).outcomes[0].applied
    assert _stage_of(enrolled_desk, number) == "permitted"


def test_a_refusal_in_kazakh_keeps_the_english_details_apart(
    qtbot: QtBot,
    enrolled_desk: Desk,
    department: Department,
    usb: Path,
    tmp_path: Path,
    language: Language,
) -> None:
    from tests.sync.test_refusal_wording import latin_words

    dialog = _dialog(qtbot, enrolled_desk)
    [entry] = _export(qtbot, dialog, usb).packages
    _number, decision = _decision_package(
        enrolled_desk, department, usb / entry.file_name, tmp_path / "back"
    )
    data = bytearray(decision.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "bad.qpkg"
    bad.write_bytes(data)
    language.install("kk")
    enrolled_desk.set_language("kk")

    [outcome] = _import(qtbot, dialog, bad).outcomes
    assert outcome.result is None and outcome.details.startswith("bad.qpkg: ")
    sentence, details = dialog.import_log.toPlainText().split("\n")
    # The Kazakh line is whole (the file's name aside); the English check comes after it,
    # under its own heading.
    assert sentence.startswith("bad.qpkg: ") and sentence.removeprefix("bad.qpkg: ")
    assert latin_words(sentence.removeprefix("bad.qpkg: ")) == []
    assert details == f"Техникалық мәліметтер: {outcome.details}"


def test_an_error_box_keeps_the_english_details_behind_show_details(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.widgets import show_error

    boxes: list[tuple[str, str]] = []

    def exec_box(box: QMessageBox) -> int:
        boxes.append((box.text(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    refused = service.ExchangeFailed(
        "bad.qpkg: the manifest's signature does not verify", "bad-signature"
    )
    for lang in ("ru", "en"):
        show_error(None, refused, lang)
    assert boxes == [
        (refused.message.ru, "bad.qpkg: the manifest's signature does not verify"),
        ("bad.qpkg: the manifest's signature does not verify", ""),  # English says it already
    ]


def test_a_sequence_gap_is_accepted_only_when_confirmed(
    qtbot: QtBot,
    enrolled_desk: Desk,
    department: Department,
    usb: Path,
    tmp_path: Path,
    modals: ModalLog,
) -> None:
    dialog = _dialog(qtbot, enrolled_desk)
    [entry] = _export(qtbot, dialog, usb).packages
    number, first = _decision_package(
        enrolled_desk, department, usb / entry.file_name, tmp_path / "back1"
    )
    second = department.send("KZ-BER", tmp_path / "back2").path

    modals.answer = QMessageBox.StandardButton.No
    batch = _import(qtbot, dialog, second)
    assert batch.outcomes[0].missing == (1,) and batch.untried == (second,)
    assert "arrived before package(s) 1" in dialog.import_log.toPlainText()
    assert len(modals.shown) == 1 and "Accept" in modals.shown[0]
    assert _stage_of(enrolled_desk, number) == "forwarded"

    # Both files chosen at once go in sequence order, whatever order they were picked in.
    batch = _import(qtbot, dialog, second, first)
    assert [o.path for o in batch.outcomes] == [first, second]
    assert batch.outcomes[0].applied and batch.outcomes[1].result is not None
    assert len(modals.shown) == 1  # nothing to confirm

    # A real gap, confirmed: the package is accepted and the report names what never came.
    third = department.send("KZ-BER", tmp_path / "back3").path
    fourth = department.send("KZ-BER", tmp_path / "back4").path
    assert third.name != fourth.name
    modals.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignals([dialog.imported, dialog.imported], timeout=TIMEOUT):
        dialog.import_files([fourth])
    assert len(modals.shown) == 2
    assert "Accepted although package(s) 3 never arrived." in dialog.import_log.toPlainText()


# --- the model, the main window, the lock, the languages ---------------------------------------


def test_outbox_model(qtmodeltester: ModelTester) -> None:
    when = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)

    def entry(seq: int, state: str, created: datetime = when) -> service.OutboxEntry:
        return service.OutboxEntry(seq, f"KZ-BER-to-CSD-{seq:06d}.qpkg", "/media/usb", 3 * 1024 * 1024,
                                   12 if seq == 1 else 0, 40, 6, state, created,
                                   when if state != "built" else None,
                                   when if state == "acknowledged" else None)  # fmt: skip

    model = OutboxModel()
    qtmodeltester.check(model)
    later = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    model.set_entries([entry(1, "acknowledged"), entry(2, "carried"), entry(3, "built", later)])
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 9
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert [model.index(r, 0).data(SEQUENCE_ROLE) for r in range(3)] == [1, 2, 3]
    assert [model.index(r, COL_PART).data() for r in range(3)] == ["1 of 2", "2 of 2", ""]
    assert model.index(0, COL_STATE).data() == "Acknowledged by the Department"
    assert "Carried:" in model.index(1, COL_STATE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, COL_CASES).data(Qt.ItemDataRole.AccessibleTextRole) == "12"
    assert model.headerData(COL_STATE, Qt.Orientation.Horizontal) == "State"
    assert model.data(QModelIndex()) is None and model.entry(7) is None
    model.set_entries([])
    qtmodeltester.check(model)


def test_menu_and_shortcut_open_it_and_the_lock_closes_it(qtbot: QtBot, window: MainWindow) -> None:
    action = window.exchange_action
    assert action in window.case_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    assert action.text() == "E&xchange with the Department…"
    press(
        window,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.exchange_dialog
    assert isinstance(dialog, ExchangeDialog) and dialog.isVisible()
    window.show_exchange()  # once is enough: the open one comes to the front
    assert window.exchange_dialog is dialog
    # Keyboard only: every control has a name, and Tab walks the window in order.
    assert dialog.folder_label.buddy() is dialog.folder_edit
    assert dialog.split_label.buddy() is dialog.split_spin
    for widget in (dialog.folder_edit, dialog.split_spin, dialog.table, dialog.import_log):
        assert widget.accessibleName()
    chain = [dialog.folder_edit]
    while len(chain) < 8:
        chain.append(chain[-1].nextInFocusChain())
    assert (
        chain.index(dialog.choose_button)
        < chain.index(dialog.split_spin)
        < chain.index(dialog.export_button)
    )

    with qtbot.waitSignal(dialog.finished):
        window.lock()
    assert not dialog.isVisible()
    assert not action.isEnabled()
    window.show_exchange()  # a locked desk opens nothing
    assert window.exchange_dialog is dialog


def test_kazakh_and_russian_labels(qtbot: QtBot, enrolled_desk: Desk, language: Language) -> None:
    language.install("kk")
    dialog = _dialog(qtbot, enrolled_desk)
    assert dialog.windowTitle() == "Департаментпен алмасу"
    assert dialog.export_button.text() == "&Экспорттау"
    language.install("ru")
    assert dialog.windowTitle() == "Обмен с Департаментом"
    assert dialog.model.headerData(COL_STATE, Qt.Orientation.Horizontal) == "Состояние"


def _tr_sources() -> dict[str, set[str]]:
    """Every literal passed to tr()/translate() in the dialog module, by context (class)."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        for node in ast.walk(cls):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):  # fmt: skip
                found.setdefault(cls.name, set()).add(node.args[0].value)
    main_window = ast.parse(Path(MainWindow.__module__.replace(".", "/") + ".py").read_text(
        encoding="utf-8"))  # the menu entry, in the dialog's context  # fmt: skip
    for node in [*ast.walk(tree), *ast.walk(main_window)]:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate"
                and getattr(node.args[0], "value", None) in ("ExchangeDialog", "OutboxModel")):  # fmt: skip
            context, text = (a.value for a in node.args[:2])  # type: ignore[attr-defined]
            found.setdefault(context, set()).add(text)
    assert "E&xchange with the Department…" in found["ExchangeDialog"]
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_string_is_translated(lang: str) -> None:
    from desktop.ui.language import translations_dir

    root = ET.parse(translations_dir() / f"qonys_{lang}.ts").getroot()  # noqa: S314 (our own file)
    have: dict[str, dict[str, str]] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            have.setdefault(name, {})[message.findtext("source") or ""] = translation.text or ""
    for context, sources in _tr_sources().items():
        for source in sources:
            got = have.get(context, {}).get(source)
            assert got, f"{lang}: {context}: no translation for {source!r}"
            # Format-safe (STYLE §8): the same {fields}, and one mnemonic where English has one.
            assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", got)), got
            assert source.count("&") == got.count("&"), got
