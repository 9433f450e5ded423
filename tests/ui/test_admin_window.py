"""Administration without a terminal (issue 14): an `admin` does, through the desk's menu and its
administration window, what used to need `qonys` commands; other roles do not see those pages,
and the services refuse them anyway."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from desktop.department.service import Department
from desktop.domain.workflow import Stage
from desktop.services import backup as backup_service
from desktop.services import (
    demo,
    exchange,
    handouts,
    procedure,
    recovery,
    scan_storage,
    session,
    settings,
)
from desktop.services.context import Role
from desktop.services.demo import DEMO_MISSION
from desktop.services.errors import PermissionDenied
from desktop.storage.models import CaseRow
from desktop.ui.admin.scans import moved_text
from desktop.ui.admin_window import AdminWindow
from desktop.ui.desk import Desk
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import wait_for_all
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer
from tests.storage.backup_helpers import add_table_scan, pages
from tests.storage.fixtures import make_stores
from tests.ui.conftest import ModalLog

BUNDLE_PW = "bundle-pw-1234"
P12_PW = "p12-password-1"


@pytest.fixture
def admin_desk(demo_dir: Path, clock: MovableClock) -> Iterator[Desk]:
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    d = Desk(ctx, demo_dir, lang="ru", clock=clock)
    yield d
    d.close()


@pytest.fixture
def admin_window(qtbot: QtBot, admin_desk: Desk) -> AdminWindow:
    win = AdminWindow(admin_desk, kdf=FAST_KDF)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def department(tmp_path: Path) -> Iterator[Department]:
    dep = Department.init(tmp_path / "department", {"admin": "department-pw-1234"})
    yield dep
    dep.close()


def run(qtbot: QtBot, win: AdminWindow, button: object) -> str:
    """Click an action's button; wait for its result; return what the window said."""
    said_list: list[str] = []
    win.failed_action.connect(said_list.append)
    win.finished_action.connect(said_list.append)
    try:
        button.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bool(said_list), timeout=60_000)
    finally:
        win.failed_action.disconnect(said_list.append)
        win.finished_action.disconnect(said_list.append)
    said = win.status.text()
    assert win.status.styleSheet() == "", f"refused: {said}"
    return said


def set_date(edit: object, day: object) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))  # type: ignore[attr-defined]


def test_the_menu_opens_the_pages_an_admin_may_use(
    qtbot: QtBot, admin_desk: Desk, settings: object, language: object
) -> None:
    from PySide6.QtCore import QTimer

    win = MainWindow(admin_desk, settings, language, idle_timer=QTimer())  # type: ignore[arg-type]
    qtbot.addWidget(win)
    titles = [a.text() for a in win.admin_menu.actions() if a.isVisible() and a.text()]
    assert "Сотрудники…" in titles and "Календарь загранучреждения…" in titles
    assert "Создать резервную копию…" in titles and "Настройки загранучреждения…" in titles
    assert win.officer_label.text().endswith("(администратор)")  # the role, from the catalogue
    dialog = win.show_admin("calendar")
    assert isinstance(dialog, AdminWindow)
    assert dialog.pages.currentIndex() == dialog.page_index["calendar"]
    dialog.close()
    from desktop.ui.backup_dialog import BackupDialog
    from desktop.ui.settings_dialog import MissionSettingsDialog

    assert isinstance(win.show_admin("backup"), BackupDialog)
    win.admin_dialog.close()
    assert isinstance(win.show_admin("settings"), MissionSettingsDialog)
    win.admin_dialog.close()
    win.switch_language("kk")
    assert win.admin_actions["officers"].text() == "Қызметкерлер…"
    win.switch_language("en")


def test_an_officer_sees_no_admin_pages_and_the_service_refuses(
    qtbot: QtBot, window: MainWindow
) -> None:
    visible = {k for k, a in window.admin_actions.items() if a.isVisible()}
    assert visible == {
        "backup",
        "restore",
        "journal",
        "custody",
        "originals",
        "monitoring",
        "settings",
    }
    win = AdminWindow(window.desk)
    qtbot.addWidget(win)
    assert set(win.page_index) == {"backup", "reports", "registers", "settings"}
    with pytest.raises(PermissionDenied):
        procedure.set_calendar(window.desk.ctx, procedure.calendar_spec(window.desk.ctx))
    with pytest.raises(PermissionDenied):
        scan_storage.move_to_files(window.desk.ctx)


def test_officers_added_reset_and_removed(
    qtbot: QtBot, admin_window: AdminWindow, demo_dir: Path, modals: ModalLog
) -> None:
    win = admin_window
    assert win.show_page("officers")
    win.new_login_edit.setText("aigerim")
    win.new_name_edit.setText("Айгерим Қасымова")
    win.new_role_combo.setCurrentIndex(win.new_role_combo.findData(Role.CONSUL.value))
    win.new_password_edit.setText("first-password-1")
    win.new_repeat_edit.setText("first-password-2")
    win.add_officer_button.click()
    assert win.status.text() == "Пароли не совпадают"
    win.new_repeat_edit.setText("first-password-1")
    assert run(qtbot, win, win.add_officer_button) == "Добавлен aigerim (консул (подписывает))"
    session.login(demo_dir, "aigerim", "first-password-1").close()

    assert win.select_officer("aigerim")
    win.reset_password_edit.setText("second-password-2")
    win.reset_repeat_edit.setText("second-password-2")
    assert run(qtbot, win, win.reset_password_button) == "Для aigerim задан новый пароль"
    session.login(demo_dir, "aigerim", "second-password-2").close()
    with pytest.raises(Exception, match="Wrong login or password"):
        session.login(demo_dir, "aigerim", "first-password-1")

    win.select_officer("aigerim")
    modals.answer = QMessageBox.StandardButton.Yes
    assert "aigerim удален" in run(qtbot, win, win.remove_officer_button)
    assert not win.select_officer("aigerim")
    with pytest.raises(Exception, match="Wrong login or password"):
        session.login(demo_dir, "aigerim", "second-password-2")


def test_enrolment_and_a_consuls_certificate(
    qtbot: QtBot, admin_window: AdminWindow, department: Department, tmp_path: Path
) -> None:
    win = admin_window
    code, name, _country = DEMO_MISSION
    bundle = tmp_path / "enrolment.bundle"
    # The Department names its sync server in the bundle (`enrol-mission --sync-url`).
    doc = json.loads(department.enrol_mission(code, name, BUNDLE_PW))
    doc["sync_url"] = "https://sync.example:8443"
    bundle.write_bytes(json.dumps(doc).encode())
    win.show_page("officers")
    win.new_login_edit.setText("consul2")
    win.new_name_edit.setText("Әлиев Нұрлан")
    win.new_role_combo.setCurrentIndex(win.new_role_combo.findData(Role.CONSUL.value))
    win.new_password_edit.setText(PASSWORD)
    win.new_repeat_edit.setText(PASSWORD)
    run(qtbot, win, win.add_officer_button)

    win.show_page("department")
    assert "еще не зарегистрировано" in win.trust_label.text()
    win.bundle_edit.setText(str(bundle))
    win.bundle_password_edit.setText("wrong-password")
    with qtbot.waitSignal(win.failed_action, timeout=30_000):
        win.install_enrolment_button.click()
    win.bundle_password_edit.setText(BUNDLE_PW)
    said = run(qtbot, win, win.install_enrolment_button)
    assert said.startswith(f"{code} зарегистрировано")
    assert said.endswith("Онлайн-обмен с Департаментом: https://sync.example:8443.")
    assert exchange.trust_status(win.desk.ctx).mission_code == code
    # Sync needs no other step: the address is set, the server's CA is the bundle's.
    shown = settings.show(win.desk.ctx).values
    assert shown["sync.department_url"] == "https://sync.example:8443"
    assert "зарегистрировано; список доверия" in win.trust_label.text()

    # The new consul installs their own certificate, logged in as themself (the key is locked
    # with their password: the service refuses the administrator).
    assert not hasattr(win, "consul_combo")
    p12 = tmp_path / "consul2.p12"
    p12.write_bytes(department.issue_official(code, "Әлиев Нұрлан", P12_PW))
    consul_desk = Desk(
        session.login(win.desk.data_dir, "consul2", PASSWORD), win.desk.data_dir, lang="ru"
    )
    try:
        mine = AdminWindow(consul_desk)
        qtbot.addWidget(mine)
        assert set(mine.page_index) == {"department", "backup", "reports", "registers", "settings"}
        mine.show_page("department")
        assert mine.consul_combo.currentData() == "consul2"
        mine.p12_edit.setText(str(p12))
        mine.p12_password_edit.setText(P12_PW)
        said = run(qtbot, mine, mine.install_certificate_button)
        assert said.startswith("Сертификат подписи для consul2 установлен")
        assert "действует до" in said
    finally:
        consul_desk.close()
    consul = session.login(win.desk.data_dir, "consul2", PASSWORD)
    try:  # the certificate is in place: consul2 now signs an Annex 4 notification
        with consul.uow() as uow:
            case_id = uow.session.scalar(
                select(CaseRow.id).where(CaseRow.stage == Stage.PERMITTED.value).limit(1)
            )
        assert case_id is not None
        issued = handouts.issue_notification(consul, case_id)
        assert issued.pdf.startswith(b"%PDF")
    finally:
        consul.close()


def test_a_closure_day_moves_deadlines(qtbot: QtBot, admin_window: AdminWindow) -> None:
    win = admin_window
    ctx = win.desk.ctx
    today = win.desk.today()
    before = {
        (r.case_id, r.key): r.due
        for r in procedure.dashboard(ctx, parties=None).rows
        if r.due > today
    }
    assert before, "the demo has no deadline still ahead"
    (case_id, key), due = min(before.items(), key=lambda item: item[1])
    win.show_page("calendar")
    set_date(win.closure_date, due)
    win.closure_add.click()
    assert AdminWindow.days_in(win.closures_list) == [due]
    said = run(qtbot, win, win.save_calendar_button)
    assert said.startswith("Календарь изменен: пересчитано сроков:")
    assert procedure.calendar_spec(ctx).closures == (due,)
    moved = [win.calendar_changes.item(i).text() for i in range(win.calendar_changes.count())]
    assert moved and any(due.strftime("%d.%m.%Y") + " → " in line for line in moved)
    after = {(r.case_id, r.key): r.due for r in procedure.dashboard(ctx, parties=None).rows}
    assert after.get((case_id, key), due + timedelta(days=1)) > due


def test_backup_and_restore_into_a_new_folder(
    qtbot: QtBot, admin_window: AdminWindow, tmp_path: Path
) -> None:
    win = admin_window
    win.show_page("backup")
    win.backup_button.click()
    dialog = win.backup_dialog
    dialog.folder.setText(str(tmp_path / "usb"))
    with qtbot.waitSignal(dialog.finished_backup, timeout=60_000) as made:
        dialog.start.click()
    backup_file = made.args[0].path
    dialog.close()

    target = tmp_path / "restored"
    win.restore_file_edit.setText(str(backup_file))
    win.restore_folder_edit.setText(str(target))
    win.restore_password_edit.setText("not the password")
    with qtbot.waitSignal(win.failed_action, timeout=60_000) as refused:
        win.restore_button.click()
    assert refused.args[0] == "Неверный логин или пароль"
    win.restore_password_edit.setText(PASSWORD)
    said = run(qtbot, win, win.restore_button)
    assert said.startswith(f"Копия {DEMO_MISSION[0]} от ") and str(target) in said
    restored = session.login(target, "officer", PASSWORD)
    try:
        assert restored.mission.code == DEMO_MISSION[0]
    finally:
        restored.close()
    backup_service.verify_backup(backup_file)


def test_recovery_key_export(qtbot: QtBot, admin_window: AdminWindow, tmp_path: Path) -> None:
    win = admin_window
    win.show_page("backup")
    assert win.recovery_label.text() == "Ключа восстановления нет"
    out = tmp_path / "safe" / "recovery.pem"
    win.recovery_pass_edit.setText("a long recovery passphrase")
    win.recovery_repeat_edit.setText("a long recovery passphrase")
    win.recovery_file_edit.setText(str(out))
    said = run(qtbot, win, win.recovery_button)
    kid = recovery.recovery_status(win.desk.ctx)
    assert kid and said.startswith(f"Ключ {kid} записан в {out}")
    pem = out.read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    # The key opens the store's recovery slot (with its passphrase only).
    key = recovery.load_private_key(pem, "a long recovery passphrase")
    assert bytes(recovery.unwrap_with_recovery(win.desk.data_dir, key)) == win.desk.ctx.store.key


def test_journal_for_a_month_and_monitoring_export(
    qtbot: QtBot, admin_window: AdminWindow, tmp_path: Path
) -> None:
    win = admin_window
    ctx = win.desk.ctx
    win.show_page("reports")
    permitted = procedure.journal(ctx)
    assert permitted, "the demo has no permitted case"
    day = permitted[0].application_date
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    set_date(win.journal_from, first)
    set_date(win.journal_to, last)
    win.journal_file_edit.setText(str(tmp_path / "journal"))
    said = run(qtbot, win, win.journal_button)
    pdf = tmp_path / "journal.pdf"
    assert said.endswith(f"строк записано в {pdf}") and pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert permitted[0].full_name.split()[0] in text
    # Printed: the same month's journal in the print preview, for the printer.
    assert run(qtbot, win, win.journal_print_button) == "Журнал разрешений (приложение 5)"
    preview = win.journal_preview
    assert preview.images and preview.pdf.startswith(b"%PDF")
    printed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=preview.pdf, capture_output=True,
        check=True,
    ).stdout.decode()  # fmt: skip
    assert permitted[0].full_name.split()[0] in printed
    preview.close()
    win.journal_format.setCurrentIndex(win.journal_format.findData("csv"))
    run(qtbot, win, win.journal_button)
    rows = list(csv.reader((tmp_path / "journal.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert any(permitted[0].full_name in ",".join(r) for r in rows)

    set_date(win.monitoring_from, first.replace(year=first.year - 1))
    set_date(win.monitoring_to, win.desk.today())
    win.monitoring_file_edit.setText(str(tmp_path / "m.json"))
    said = run(qtbot, win, win.monitoring_button)
    doc = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "qonys.monitoring/1"
    assert said == f"{len(doc['rows'])} строк записано в {tmp_path / 'm.json'}"
    assert doc["rows"]


def test_a_closure_day_set_from_the_menu_moves_the_dashboards_deadline(
    qtbot: QtBot, admin_desk: Desk, settings: object, language: object
) -> None:
    """Through the desk as an administrator meets it: Administration › Mission calendar…, a
    closure day on the nearest deadline still ahead, and the deadline dashboard shows it moved."""
    from PySide6.QtCore import QTimer

    from desktop.ui.procedure_docks import ProcedureDocks

    window = MainWindow(admin_desk, settings, language, idle_timer=QTimer())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    docks = ProcedureDocks(window, admin_desk)
    assert docks.dashboard is not None
    with qtbot.waitSignal(docks.dashboard.loaded, timeout=20_000):
        window.show()
    today = admin_desk.today()
    ahead = [r for r in docks.dashboard.dashboard.rows if r.due > today]  # type: ignore[union-attr]
    assert ahead, "the demo has no deadline still ahead"
    first = min(ahead, key=lambda r: r.due)
    shown = first.due.strftime("%d.%m.%Y")
    assert any(
        docks.dashboard.table.item(i, 0).text().startswith(shown)  # type: ignore[union-attr]
        for i in range(docks.dashboard.table.rowCount())
    )
    window.admin_actions["calendar"].trigger()
    admin = window.admin_dialog
    assert isinstance(admin, AdminWindow)
    assert admin.pages.currentIndex() == admin.page_index["calendar"]
    set_date(admin.closure_date, first.due)
    admin.closure_add.click()
    with qtbot.waitSignal(docks.dashboard.loaded, timeout=30_000):
        run(qtbot, admin, admin.save_calendar_button)
    admin.close()
    rows = docks.dashboard.dashboard.rows  # type: ignore[union-attr]
    moved = next(r for r in rows if (r.case_id, r.key) == (first.case_id, first.key))
    assert moved.due > first.due
    cells = [docks.dashboard.table.item(i, 0).text() for i in range(len(rows))]  # type: ignore[union-attr]
    assert any(c.startswith(moved.due.strftime("%d.%m.%Y")) for c in cells)


# --- scanned pages an older store keeps in its table (issue 19) ---------------------------------


@pytest.fixture
def kept_store_desk(tmp_path: Path, clock: MovableClock) -> Iterator[Desk]:
    """The kept store of revision 0012 (its page in the table), with 39 pages more there: two
    transactions' worth for the move."""
    data_dir = tmp_path / "kept"
    shutil.copytree(make_stores.store_dir("0012_search_keys"), data_dir)
    ctx = session.login(data_dir, "admin", PASSWORD, clock=clock)
    ((case_id, *_),) = [p[1:] for p in pages(ctx)]
    for page_no in range(2, 41):
        add_table_scan(ctx, case_id, os.urandom(3000 + page_no), page=page_no)
    d = Desk(ctx, data_dir, lang="ru", clock=clock)
    yield d
    d.close()


def _scan_files(desk: Desk) -> list[Path]:
    return sorted(desk.ctx.store.paths.scans.rglob("*.qscan"))


def _scans_window(qtbot: QtBot, desk: Desk) -> AdminWindow:
    win = AdminWindow(desk, page="scans", kdf=FAST_KDF)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.scans_storage is not None, timeout=20_000)
    return win


def test_scan_pages_in_the_table_move_into_files_from_the_desk(
    qtbot: QtBot, kept_store_desk: Desk
) -> None:
    desk = kept_store_desk
    before = pages(desk.ctx)
    assert len(before) == 40 and not _scan_files(desk)
    # A file no page names, left an hour ago by a save that never committed (once the login's
    # own sweep is over, so that it is this action that removes it).
    for thread in threading.enumerate():
        if thread.name == "scan-sweep":
            thread.join(30)
    orphan = desk.ctx.store.paths.scans / "ab" / ("ab" + "0" * 30 + ".qscan")
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(os.urandom(100))
    hour_ago = orphan.stat().st_mtime - 2 * 3600
    os.utime(orphan, (hour_ago, hour_ago))

    win = _scans_window(qtbot, desk)
    assert win.pages.currentIndex() == win.page_index["scans"]
    assert win.scans_label.text().startswith("Страниц в базе данных: 40 (")
    assert win.scans_button.isVisible()
    shown: list[tuple[int, int]] = []
    win.progress.valueChanged.connect(lambda v: shown.append((v, win.progress.maximum())))
    said = run(qtbot, win, win.scans_button)

    assert said == "Перенесено в файлы: 40 страниц; удалено: 1 лишний файл"
    assert (32, 40) in shown and shown[-1] == (40, 40)
    assert not orphan.exists() and len(_scan_files(desk)) == 40
    assert pages(desk.ctx) == before
    with desk.ctx.store.engine.connect() as conn:
        in_table = "SELECT count(*) FROM attachments WHERE length(data) > 0 OR scan_file IS NULL"
        assert conn.execute(text(in_table)).scalar() == 0
    qtbot.waitUntil(
        lambda: win.scans_label.text() == "Все страницы хранятся в файлах: переносить нечего"
    )
    assert (
        run(qtbot, win, win.scans_button)
        == "Перенесено в файлы: 0 страниц; удалено: 0 лишних файлов"
    )


def test_closing_the_window_while_pages_move_loses_none(
    qtbot: QtBot, kept_store_desk: Desk
) -> None:
    desk = kept_store_desk
    before = pages(desk.ctx)
    win = _scans_window(qtbot, desk)
    win.scans_button.click()
    win.close()  # asks the work to stop before its next transaction
    assert wait_for_all()
    assert pages(desk.ctx) == before
    in_table = scan_storage.describe(desk.ctx).pages_in_table
    assert len(_scan_files(desk)) == 40 - in_table  # every moved page has its file, no more
    result = scan_storage.move_to_files(desk.ctx)  # running again continues
    assert result.moved == in_table and not result.stopped
    assert pages(desk.ctx) == before and len(_scan_files(desk)) == 40


@pytest.mark.parametrize(
    ("moved", "swept", "lang", "said"),
    [
        (1, 0, "ru", "Перенесено в файлы: 1 страница; удалено: 0 лишних файлов"),
        (3, 2, "ru", "Перенесено в файлы: 3 страницы; удалено: 2 лишних файла"),
        (21, 5, "ru", "Перенесено в файлы: 21 страница; удалено: 5 лишних файлов"),
        (12, 1, "en", "12 pages moved, 1 orphan file removed"),
        (1, 2, "en", "1 page moved, 2 orphan files removed"),
        (5, 1, "kk", "5 бет файлдарға ауыстырылды, 1 артық файл жойылды"),
    ],
)
def test_the_move_is_said_with_each_languages_plural(
    moved: int, swept: int, lang: str, said: str
) -> None:
    assert moved_text(moved, swept).get(lang) == said


def test_a_postgresql_store_says_its_pages_stay_sealed(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path, clock: MovableClock
) -> None:
    url = pg_server.create_database(pg_server.mission_template())
    demo.create_demo(
        tmp_path / "pg", cases=2, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
    )
    ctx = session.login(tmp_path / "pg", "admin", PASSWORD, clock=clock)
    desk = Desk(ctx, tmp_path / "pg", lang="ru", clock=clock)
    try:
        win = _scans_window(qtbot, desk)
        assert win.scans_label.text().startswith("Это хранилище — база данных PostgreSQL")
        assert not win.scans_button.isVisible()
        win.close()
    finally:
        desk.close()


def _marked_texts() -> dict[str, str]:
    """Every text the administration pages show, marked for the catalogues, by its source;
    a wording built in the code (a `Text` of literal kk/ru/en) fails here."""
    import ast

    from desktop.ui import admin
    from desktop.ui.admin.base import ADMIN

    found: dict[str, str] = {}
    for path in sorted(Path(admin.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            literals = [a for a in node.args if isinstance(a, ast.Constant)]
            where = f"{path.name}:{node.lineno}"
            assert node.func.id not in ("T", "Text") or not literals, (
                f"{where}: wording written in the code; mark it QT_TRANSLATE_NOOP(ADMIN, …)"
            )
            if node.func.id == "QT_TRANSLATE_NOOP":
                context, source = node.args
                assert isinstance(context, ast.Constant) and context.value == ADMIN, where
                assert isinstance(source, ast.Constant) and isinstance(source.value, str), where
                found[source.value] = where
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_text_of_the_administration_pages_goes_through_the_catalogue(lang: str) -> None:
    import re
    import xml.etree.ElementTree as ET

    from desktop.ui.language import translations_dir

    marked = _marked_texts()
    assert len(marked) > 100  # the collector found the pages' texts at all
    root = ET.parse(translations_dir() / f"qonys_{lang}.ts").getroot()  # noqa: S314 (our own file)
    have = {
        m.findtext("source") or "": m.findtext("translation") or ""
        for c in root.iter("context")
        if c.findtext("name") == "Administration"
        for m in c.iter("message")
    }
    for source, where in marked.items():
        got = have.get(source)
        assert got, f"{lang}: {where}: no translation for {source!r}"
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", got)), got
        assert re.search("[\u0400-\u04ff]", got), f"{lang}: {where}: {got!r} is not translated"
