"""Two desks on one shared store (issue 21): a case saved at one appears in the other's list."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.services import cases, demo, session, shared_store
from desktop.storage import name_index, tokens
from desktop.storage.sealed import sealer_of
from desktop.ui.case_list import CaseListModel
from desktop.ui.desk import POLL_MS, Desk
from desktop.ui.language import Language
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer
from tests.ui.conftest import ModalLog

if TYPE_CHECKING:
    from desktop.ui.first_run import FirstRunWizard


def test_a_case_saved_at_one_desk_shows_at_the_other(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    url = pg_server.create_database(pg_server.mission_template())
    clock = MovableClock()
    demo.create_demo(
        tmp_path / "a", cases=5, seed=2, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
    )
    shared_store.join(tmp_path / "b", url)
    one = Desk(session.login(tmp_path / "a", "officer", PASSWORD, clock=clock), tmp_path / "a")
    two = Desk(session.login(tmp_path / "b", "admin", PASSWORD, clock=clock), tmp_path / "b")
    try:
        seen_at_two = CaseListModel(two, page=50)
        with qtbot.waitSignal(seen_at_two.loaded, timeout=20000):
            seen_at_two.reload()
        two.check_other_desks()  # the first look only takes the mark
        qtbot.waitUntil(lambda: two.change_mark is not None, timeout=20000)
        before = seen_at_two.rowCount()

        first = cases.list_cases(one.ctx, limit=1)[0]
        q = cases.get_case(one.ctx, first.id).questionnaire
        made = cases.create_draft(one.ctx, q)
        one.announce([made.summary.id])

        # Desk two's poll (every few seconds; called here at once) sees the change.
        with qtbot.waitSignal(seen_at_two.loaded, timeout=20000):
            two.check_other_desks()
        assert seen_at_two.rowCount() == before + 1
        assert seen_at_two.row_of(made.summary.id) is not None
    finally:
        one.close()
        two.close()


def test_the_other_desk_sees_the_case_by_its_own_poll(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    """No hand-made call: desk two's own poll (every POLL_MS, "within seconds") reloads its
    list after desk one saves a case. A one-desk store does not poll."""
    url = pg_server.create_database(pg_server.mission_template())
    clock = MovableClock()
    demo.create_demo(
        tmp_path / "a", cases=3, seed=5, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
    )
    shared_store.join(tmp_path / "b", url)
    demo.create_demo(tmp_path / "own", cases=1, password=PASSWORD, kdf=FAST_KDF, clock=clock)
    assert POLL_MS <= 3000  # administration.md §12: "within 3 s"
    one = Desk(session.login(tmp_path / "a", "officer", PASSWORD, clock=clock), tmp_path / "a")
    two = Desk(session.login(tmp_path / "b", "admin", PASSWORD, clock=clock), tmp_path / "b")
    alone = Desk(session.login(tmp_path / "own", "admin", PASSWORD, clock=clock), tmp_path / "own")
    try:
        seen_at_two = CaseListModel(two, page=50)
        with qtbot.waitSignal(seen_at_two.loaded, timeout=20000):
            seen_at_two.reload()
        qtbot.waitUntil(lambda: two.change_mark is not None, timeout=20000)  # first tick
        before = seen_at_two.rowCount()

        q = cases.get_case(one.ctx, cases.list_cases(one.ctx, limit=1)[0].id).questionnaire
        made = cases.create_draft(one.ctx, q)  # desk one does not announce it to desk two

        qtbot.waitUntil(lambda: seen_at_two.row_of(made.summary.id) is not None, timeout=30000)
        assert seen_at_two.rowCount() == before + 1
        assert alone.change_mark is None  # never polled
    finally:
        one.close()
        two.close()
        alone.close()


def _fill_wizard(wizard: FirstRunWizard, code: str, database: str, login: str = "admin") -> None:
    """The first-run wizard's two pages filled in (a mission on `database`), on its last page."""
    page = wizard.mission_page
    page.code.setText(code)
    page.name.setText({"KZ-SEL": "Seoul", "KZ-BER": "Berlin"}[code])
    page.country.setText({"KZ-SEL": "KR", "KZ-BER": "DE"}[code])
    page.database.setText(database)
    wizard.next()
    admin = wizard.admin_page
    admin.login.setText(login)
    admin.full_name.setText("Admin")
    admin.password.setText(PASSWORD)
    admin.repeat.setText(PASSWORD)


def test_first_run_makes_the_store_on_a_shared_database(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    from desktop.ui.first_run import FirstRunWizard

    url = pg_server.create_database(pg_server.mission_template())
    wizard = FirstRunWizard(tmp_path / "desk", lang="ru", kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.mission_page
    _fill_wizard(wizard, "KZ-SEL", "mysql://nowhere/x")
    with qtbot.waitSignal(wizard.failed, timeout=20000) as failed:
        wizard.accept()
    assert failed.args[0].startswith("Неверный адрес базы данных")
    page.database.setText(url)
    with qtbot.waitSignal(wizard.store_created, timeout=60000):
        wizard.accept()
    assert shared_store.database_of(tmp_path / "desk") is not None
    ctx = session.login(tmp_path / "desk", "admin", PASSWORD)
    try:
        assert shared_store.is_shared(ctx) and ctx.mission.code == "KZ-SEL"
    finally:
        ctx.close()


def test_the_login_shows_its_store_and_opens_the_shared_one(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    from desktop.ui.login import LoginDialog

    url = pg_server.create_database(pg_server.mission_template())
    clock = MovableClock()
    demo.create_demo(
        tmp_path / "a", cases=3, seed=2, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
    )
    gone = url.rsplit("/", 1)[0] + "/no_such_database"
    shared_store.join(tmp_path / "b", gone)  # the server's database was renamed, say

    dialog = LoginDialog(tmp_path / "b", lang="ru", officer="officer", clock=clock)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=30000) as refused:
        dialog.show()
    assert "no_such_database" in dialog.store_label.text()
    # The server's answer, named; the address once, on the store line above it.
    assert "нет базы данных" in refused.args[0] and "no_such_database" not in refused.args[0]
    assert not dialog.store_ready

    # A URL with a password is refused before anything is kept.
    with qtbot.waitSignal(dialog.failed, timeout=30000) as secret:
        dialog.choose_database(url.replace("@", ":s3cret@", 1))
    assert "PGPASSFILE" in secret.args[0] and "s3cret" not in secret.args[0]
    assert shared_store.database_of(tmp_path / "b") == gone

    # The store button's service: the desk now opens the mission's shared store.
    dialog.choose_database(url)
    qtbot.waitUntil(lambda: dialog.store_ready, timeout=30000)
    assert url.rsplit("/", 1)[1] in dialog.store_label.text()
    assert shared_store.database_of(tmp_path / "b") == url
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        dialog.ok_button.click()
    ctx = dialog.context
    assert ctx is not None
    try:
        assert shared_store.is_shared(ctx)
        assert len(cases.list_cases(ctx, limit=100)) == 3
    finally:
        ctx.close()


def test_the_login_of_a_one_desk_store_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.ui.login import LoginDialog

    demo.create_demo(tmp_path / "a", cases=1, password=PASSWORD, kdf=FAST_KDF)
    dialog = LoginDialog(tmp_path / "a", lang="en", officer="officer")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.store_ready, timeout=30000)
    assert dialog.store_label.text() == "Store: this computer (an encrypted file)"
    assert dialog.store_button.isEnabled()


def test_the_list_shows_before_the_index_of_names_and_the_lock_drops_it(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk builds its index of names off the GUI thread; a name search shows at once
    (through tokens) while it builds, the same cases after; the lock drops the index with the
    key and the unlock builds it again."""
    url = pg_server.create_database(pg_server.mission_template())
    clock = MovableClock()
    demo.create_demo(
        tmp_path / "a", cases=8, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
    )
    release = threading.Event()
    builders: list[threading.Thread] = []
    load = name_index.NameIndex._load

    def held_back(self: name_index.NameIndex, rows: Any, stop: Any) -> Any:
        builders.append(threading.current_thread())
        release.wait(30)
        return load(self, rows, stop)

    monkeypatch.setattr(name_index.NameIndex, "_load", held_back)
    desk = Desk(session.login(tmp_path / "a", "officer", PASSWORD, clock=clock), tmp_path / "a")
    try:
        sealer = sealer_of(desk.ctx.store.engine.dialect)
        assert sealer is not None
        some = cases.list_cases(desk.ctx, limit=1, order_by="number", descending=False)[0]
        prefix = some.surname[:2]
        listed = CaseListModel(desk, page=50)
        with qtbot.waitSignal(listed.loaded, timeout=20000):
            listed.sort(1)  # by the applicant's surname
        assert listed.ordering == ("surname", False)
        with qtbot.waitSignal(listed.loaded, timeout=20000):
            listed.set_filter(prefix, ())
        qtbot.waitUntil(lambda: bool(builders), timeout=20000)
        assert name_index.ready_index(sealer) is None  # still building: shown all the same
        assert listed.row_of(some.id) is not None
        before = [listed.case_id(r) for r in range(listed.rowCount())]
        assert builders[0] is not threading.main_thread()

        release.set()
        assert name_index.wait_ready(sealer, 30)
        through_tokens: list[object] = []
        token_page = tokens._page_ids
        monkeypatch.setattr(
            tokens, "_page_ids", lambda *a, **k: through_tokens.append(a) or token_page(*a, **k)
        )
        with qtbot.waitSignal(listed.loaded, timeout=20000):
            listed.reload()
        assert [listed.case_id(r) for r in range(listed.rowCount())] == before
        assert not through_tokens  # the page came from the index

        desk.lock()
        assert name_index.ready_index(sealer) is None
        desk.unlock(PASSWORD)
        again = sealer_of(desk.ctx.store.engine.dialect)
        assert again is not None and name_index.wait_ready(again, 30)
    finally:
        release.set()
        desk.close()


def test_the_second_save_keeps_the_edit_and_reapplies_it(
    qtbot: QtBot,
    pg_server: PgServer,
    tmp_path: Path,
    settings: Settings,
    language: Language,
    monkeypatch: pytest.MonkeyPatch,
    modals: ModalLog,
) -> None:
    """Two officers edit the same case: the first saves; the second is told, keeps their
    edit, re-applies it on top of the first's with one button and saves: both edits kept."""
    url = pg_server.create_database(pg_server.mission_template())
    clock = MovableClock()
    demo.create_demo(
        tmp_path / "a", cases=3, seed=6, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
    )
    shared_store.join(tmp_path / "b", url)
    one = session.login(tmp_path / "a", "officer", PASSWORD, clock=clock)
    two = Desk(session.login(tmp_path / "b", "admin", PASSWORD, clock=clock), tmp_path / "b")
    two.lang = "en"
    window = MainWindow(two, settings, language, idle_timer=QTimer())
    qtbot.addWidget(window)
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(f"{box.text()} {box.informativeText()}")
        chosen = [b for b in box.buttons() if b.text() == "Re-apply my changes"]
        assert chosen, [b.text() for b in box.buttons()]
        chosen[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    try:
        case_id = cases.list_cases(one, limit=1)[0].id
        editor = window.open_case(case_id)
        assert editor is not None
        editor.start_editing()
        editor.fields["patronymic"].setText("Мейрамқызы")  # type: ignore[attr-defined]
        editor.fields["contacts.email"].setText("mine@example.kz")  # type: ignore[attr-defined]

        first = cases.get_case(one, case_id)
        q = first.questionnaire
        q.contacts.phone = "+49 30 1234567"  # the other officer's edit
        q.patronymic = "Ерланқызы"  # the same field, another value
        cases.update_questionnaire(one, case_id, q, first.summary.version)

        notes: list[str] = []
        editor.message.connect(notes.append)
        assert not editor.save()  # refused: someone saved first
        assert asked and first.summary.number in asked[0] and "another desk" in asked[0]
        assert editor.dirty  # the edit is still in the window, unsaved
        assert editor.fields["patronymic"].text() == "Мейрамқызы"  # type: ignore[attr-defined]
        assert editor.fields["contacts.phone"].text() == "+49 30 1234567"  # type: ignore[attr-defined]
        assert editor.fields["contacts.email"].text() == "mine@example.kz"  # type: ignore[attr-defined]
        assert "yours kept" in notes[-1] and "Patronymic" in notes[-1]
        assert modals.shown[-1] == notes[-1]  # shown whole, not only in the status bar

        assert editor.save()  # now on top of the version saved at the other desk
        saved = cases.get_case(one, case_id).questionnaire
        assert (saved.patronymic, saved.contacts.phone, saved.contacts.email) == (
            "Мейрамқызы", "+49 30 1234567", "mine@example.kz",
        )  # fmt: skip
    finally:
        window.close()
        one.close()
        two.close()


def test_the_status_bar_says_when_the_shared_database_stops_answering(
    qtbot: QtBot, tmp_path: Path, settings: Settings, language: Language
) -> None:
    from tests.pg import postgres_server

    with postgres_server() as own:  # its own server: the others' tests are not cut
        url = own.create_database()
        clock = MovableClock()
        demo.create_demo(
            tmp_path / "a", cases=2, password=PASSWORD, kdf=FAST_KDF, clock=clock, database=url
        )
        desk = Desk(session.login(tmp_path / "a", "officer", PASSWORD, clock=clock), tmp_path / "a")
        window = MainWindow(desk, settings, language, idle_timer=QTimer())
        qtbot.addWidget(window)
        try:
            own.stop()
            with qtbot.waitSignal(desk.store_answering, timeout=30000) as gone:
                desk.check_other_desks()
            assert gone.args == [False] and not desk.is_store_answering
            assert "does not answer" in window.store_label.text()
            own.restart()
            with qtbot.waitSignal(desk.store_answering, timeout=30000) as back:
                desk.check_other_desks()
            assert back.args == [True]
            assert "does not answer" not in window.store_label.text()
        finally:
            window.close()
            desk.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_login_shows_a_long_address_and_refusal_whole(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path, lang: str
) -> None:
    """A pinned remote address and a refusal run to several lines in Kazakh and Russian: the
    window grows to show them, nothing cut off at its bottom."""
    from desktop.ui.login import LoginDialog

    url = pg_server.create_database(pg_server.mission_template())
    gone = url.rsplit("/", 1)[0] + "/qonys_kz_ber_mission_store_renamed"
    shared_store.join(tmp_path / "b", gone)
    dialog = LoginDialog(tmp_path / "b", lang=lang, officer="officer", clock=MovableClock())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=30000):
        dialog.show()
    qtbot.waitExposed(dialog)
    for label in (dialog.store_label, dialog.message):
        assert label.text()
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        bottom = label.mapTo(dialog, label.rect().bottomLeft()).y()
        assert bottom <= dialog.height(), label.text()


def test_first_run_joins_the_store_another_desk_made(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path, language: Language
) -> None:
    """A second desk's first run: the wizard joins the mission's store on the shared database
    (no command line), refuses a database that holds none, and says a server that does not
    answer in the officer's language (it was an internal error)."""
    from desktop.ui.first_run import FirstRunWizard

    url = pg_server.create_database(pg_server.mission_template())
    demo.create_demo(
        tmp_path / "a", cases=2, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    language.install("kk")
    wizard = FirstRunWizard(tmp_path / "b", lang="kk", kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.mission_page

    with qtbot.waitSignal(wizard.failed, timeout=20000) as empty:
        page.join_button.click()
    assert empty.args[0] == page.message.text() != ""

    page.database.setText(pg_server.create_database(pg_server.mission_template()))
    with qtbot.waitSignal(wizard.failed, timeout=20000) as none_there:
        page.join_button.click()
    assert "қоймасы әлі жоқ" in none_there.args[0]

    closed = url.replace(f":{pg_server.port}/", ":1/")
    page.database.setText(closed)
    with qtbot.waitSignal(wizard.failed, timeout=20000) as down:
        page.join_button.click()
    assert "жауап бермейді" in down.args[0]
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())

    # Finish on a database that holds the store: the way to join it, not the command line.
    _fill_wizard(wizard, "KZ-BER", url, login="admin2")
    with qtbot.waitSignal(wizard.failed, timeout=20000) as holds:
        wizard.accept()
    assert "Қосылу" in holds.args[0] and "qonys --db" not in holds.args[0]
    wizard.back()

    with qtbot.waitSignal(wizard.store_created, timeout=20000):
        page.join_button.click()
    assert shared_store.database_of(tmp_path / "b") is not None
    ctx = session.login(tmp_path / "b", "officer", PASSWORD)
    try:
        assert len(cases.list_cases(ctx, limit=10)) == 2
    finally:
        ctx.close()


def test_first_run_on_a_server_that_does_not_answer_says_so(
    qtbot: QtBot, pg_server: PgServer, tmp_path: Path
) -> None:
    from desktop.ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(tmp_path / "desk", lang="ru", kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_wizard(wizard, "KZ-SEL", f"postgresql+psycopg://{pg_server.user}@127.0.0.1:1/qonys")
    with qtbot.waitSignal(wizard.failed, timeout=20000) as failed:
        wizard.accept()
    assert failed.args[0].startswith("Сервер общей базы данных не отвечает")
    assert not (tmp_path / "desk").exists() or not any((tmp_path / "desk").iterdir())


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_first_run_labels_show_whole(
    qtbot: QtBot, tmp_path: Path, lang: str, language: Language
) -> None:
    """The mission page's labels (long in Russian) and its shared-database row fit: a form
    row does not grow with a wrapped label, which cut the Russian ones at top and bottom."""
    from PySide6.QtWidgets import QLabel

    from desktop.ui.first_run import FirstRunWizard

    language.install(lang)
    wizard = FirstRunWizard(tmp_path / "desk", lang=lang, kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.mission_page
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        else:
            assert label.width() >= label.sizeHint().width(), label.text()
    button = page.join_button
    assert button.width() >= button.sizeHint().width(), button.text()
    assert page.database.width() >= 200


def test_a_status_note_has_the_status_bar_to_itself(
    qtbot: QtBot, window: MainWindow, language: Language
) -> None:
    """A note (saved, still incomplete, re-applied) is shown whole: the officer's, mission's
    and store's labels step aside while it shows, instead of cutting it off."""
    language.install("kk")
    window.resize(1366, 768)
    window.statusBar().showMessage("KZ-BER-2026-00046 " + "сақталды. " * 12, 10000)
    assert not window.officer_label.isVisible() and not window.store_label.isVisible()
    window.statusBar().clearMessage()
    assert window.officer_label.isVisible() and window.store_label.isVisible()
