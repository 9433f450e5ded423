"""Every window and dialog of the desk, in Kazakh and in Russian, at 1366x768 (issue 14).

Fails on (a) visible text left in English (beyond a short allow-list of proper names and
codes) and (b) a label, button, tab or header whose text does not fit its widget (font metrics
against the widget's size). The screenshots go to a temporary folder, or to the folder named
by QONYS_SCREENSHOTS (`make screenshots` writes docs/screenshots/).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.workflow import Stage
from desktop.services import session
from desktop.storage.models import CaseRow
from desktop.ui.app import load_fonts
from desktop.ui.desk import Desk
from desktop.ui.language import Language
from desktop.ui.main_window import MainWindow
from desktop.ui.procedure_docks import ProcedureDocks
from desktop.ui.settings import Settings
from tests.conftest import FAST_KDF, PASSWORD, MovableClock

WIDTH, HEIGHT = 1366, 768

# Proper names and codes that stay Latin in every language.
ALLOWED = {
    "Qonys", "PDF", "CSV", "JSON", "PKCS", "PEM", "ISO", "USB", "MRZ", "PNG", "JPEG", "TIFF",
    "SHA", "UTC", "dpi", "English", "SANE", "WIA", "QNS", "Ctrl", "Shift", "Del", "Insert",
    "Enter", "Down", "Esc", "Tab", "Space", "Home", "End", "mail",
    "mon", "sat", "sun", "yes",  # values a settings field takes, shown as its example
    "IANA",  # the time-zone database's name
    "PostgreSQL",  # the database server's name (the shared store, issue 21)
}  # fmt: skip
# Case and mission numbers, e-mail addresses, file paths, URLs and examples of what to type
# (in `backquotes`) are data, not wording.
CODES = re.compile(
    r"`[^`]*`|\b[0-9a-f]{16,}\b|\b[A-Z]{2}-[A-Z]{2,}(?:-\d{4}-\d{5})?\b|\S+@\S+|(?:[A-Za-z]:)?[\w.~-]*/[\w./~-]+|https?://\S+"
)
WORD = re.compile(r"[A-Za-z]{3,}")
# Tables of what officers typed (a questionnaire's rows, the case list): data, not wording.
DATA_MODELS = ("RowsModel", "CaseListModel")


def shown(text: str) -> str:
    """A label's or button's text as drawn: the mnemonic "&" is not shown."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def english_words(text: str) -> list[str]:
    plain = CODES.sub(" ", re.sub(r"<[^>]+>", " ", text.replace("&", "")))
    return [w for w in WORD.findall(plain) if w not in ALLOWED]


class Inspector:
    """Collects what is wrong on screen, screen by screen."""

    def __init__(self, lang: str, folder: Path) -> None:
        self.lang = lang
        self.folder = folder
        self.problems: list[str] = []
        self.shots: list[Path] = []

    def check(self, name: str, root: QWidget) -> None:
        for _ in range(5):
            QApplication.processEvents()
        window = root.window()
        if window.width() > WIDTH or window.height() > HEIGHT:
            self.problems.append(f"{name}: window {window.width()}x{window.height()} > screen")
        path = self.folder / f"{self.lang}-{name}.png"
        window.grab().save(str(path))
        self.shots.append(path)
        for _widget, what, text in _texts(window) if self.lang != "en" else ():
            leaks = english_words(text)
            if leaks:
                self.problems.append(f"{name}: English in {what} {text!r}: {leaks}")
        for widget, what in _misfits(window):
            self.problems.append(f"{name}: does not fit: {what} ({type(widget).__name__})")


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _texts(root: QWidget) -> Iterator[tuple[QWidget, str, str]]:
    yield root, "window title", root.windowTitle()
    if isinstance(root, QMainWindow):
        yield from _menu_texts(root)
    for w in root.findChildren(QWidget):
        if _visible(w):
            yield from _widget_texts(w)


def _widget_texts(w: QWidget) -> Iterator[tuple[QWidget, str, str]]:
    if isinstance(w, QLabel):
        if w.pixmap().isNull():
            yield w, "label", w.text()
    elif isinstance(w, QAbstractButton):
        yield w, "button", w.text()
        yield w, "tooltip", w.toolTip()
    elif isinstance(w, QGroupBox):
        yield w, "group", w.title()
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            yield w, "tab", w.tabText(i)
    elif isinstance(w, QDockWidget):
        yield w, "dock title", w.windowTitle()
    elif isinstance(w, QComboBox):
        yield w, "choice", w.currentText()
    elif isinstance(w, QLineEdit | QPlainTextEdit):
        yield w, "placeholder", w.placeholderText()
    elif isinstance(w, QHeaderView):
        model = w.model()
        for i in range(w.count() if model is not None else 0):
            if not w.isSectionHidden(i):
                yield w, "header", str(model.headerData(i, w.orientation()) or "")
    elif isinstance(w, QAbstractItemView):
        yield from _cell_texts(w)


def _menu_texts(root: QMainWindow) -> Iterator[tuple[QWidget, str, str]]:
    for action in root.menuBar().actions():
        yield root, "menu", action.text()
        menu = action.menu()
        for item in menu.actions() if menu is not None else ():
            if item.isVisible():
                yield root, "menu item", item.text()
                sub = item.menu()
                for inner in sub.actions() if sub is not None else ():
                    yield root, "menu item", inner.text()


def _cell_texts(w: QAbstractItemView) -> Iterator[tuple[QWidget, str, str]]:
    """The fixed texts of a table or list (the first 40 rows); data models are skipped."""
    model = w.model()
    if model is None or type(model).__name__ in DATA_MODELS:
        return
    from PySide6.QtCore import QModelIndex

    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model (QStringListModel hides columnCount)
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), 40)):
        for col in range(columns):
            index = model.index(row, col)
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                continue  # what the officer typed (an employer abroad) is data
            value = model.data(index)
            if isinstance(value, str):
                yield w, "cell", value


def _misfits(root: QWidget) -> Iterator[tuple[QWidget, str]]:
    for w in root.findChildren(QWidget):
        if not _visible(w):
            continue
        metrics = w.fontMetrics()
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            if w.textFormat() == Qt.TextFormat.RichText or "<" in w.text():
                continue
            needed = max(metrics.horizontalAdvance(line) for line in shown(w.text()).split("\n"))
            if needed > w.contentsRect().width() + 1:
                yield w, f"label {w.text()!r} needs {needed} px, has {w.contentsRect().width()}"
        elif isinstance(w, QAbstractButton) and w.text():
            if w.sizeHint().width() > w.width() + 1:
                yield w, f"button {w.text()!r} needs {w.sizeHint().width()} px, has {w.width()}"
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.tabRect(i).width() + 1 < w.tabSizeHint(i).width():
                    yield w, f"tab {w.tabText(i)!r}"
        elif isinstance(w, QGroupBox) and w.title():
            if metrics.horizontalAdvance(w.title()) > w.width():
                yield w, f"group {w.title()!r}"
        elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
            yield from _header_misfits(w)


def _header_misfits(w: QHeaderView) -> Iterator[tuple[QWidget, str]]:
    model = w.model()
    if model is None:
        return
    metrics = w.fontMetrics()
    for i in range(w.count()):
        text = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
        if w.isSectionHidden(i) or not text:
            continue
        width = w.sectionSize(i)
        if w.defaultAlignment() & Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value):
            # A wrapping header: every word fits its column, all lines its height.
            needed = max(metrics.horizontalAdvance(word) for word in text.split()) + 8
            rect = metrics.boundingRect(
                QRect(0, 0, max(1, width - 8), 10_000), int(Qt.TextFlag.TextWordWrap.value), text
            )
            if rect.height() > w.height():
                yield w, f"header {text!r} needs {rect.height()} px high, has {w.height()}"
        else:
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 8
        if needed > width + 1:
            yield w, f"header {text!r} needs {needed} px, has {width}"


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    chosen = os.environ.get("QONYS_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.services import demo

    data_dir = tmp_path_factory.mktemp("screens") / "store"
    demo.create_demo(
        data_dir, cases=25, seed=7, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        department=True,
    )  # fmt: skip
    return data_dir


def _case_at(ctx: object, stage: Stage) -> int:
    with ctx.uow() as uow:  # type: ignore[attr-defined]
        case_id = uow.session.scalar(
            select(CaseRow.id).where(CaseRow.stage == stage.value).order_by(CaseRow.id).limit(1)
        )
    assert case_id is not None, stage
    return int(case_id)


def _preview(ctx: object, case_id: int, parent: QWidget) -> QDialog:
    """The print preview of a handout the case's stage allows (here its first one)."""
    from desktop.services import handouts
    from desktop.ui.printing import HandoutPreview, pdf_images

    form = handouts.available_forms(ctx, case_id)[0]  # type: ignore[arg-type]
    issued = handouts.print_case_form(ctx, form, case_id)  # type: ignore[arg-type]
    return HandoutPreview(issued.pdf, pdf_images(issued.pdf, dpi=60), issued.case_number, parent)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_screen_in_kazakh_and_russian(
    qtbot: QtBot,
    qapp: QApplication,
    catalogues: list[Path],
    store_template: Path,
    tmp_path: Path,
    shots_dir: Path,
    lang: str,
) -> None:
    import shutil

    from PIL import Image

    from desktop.ui.admin_window import AdminWindow
    from desktop.ui.backup_dialog import BackupDialog
    from desktop.ui.exchange_dialog import ExchangeDialog
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.login import LoginDialog
    from desktop.ui.procedure.actions import ActionDialog
    from desktop.ui.procedure.facts_dialog import FactsDialog
    from desktop.ui.scan_dialog import CropDialog, ScanDialog
    from desktop.ui.settings_dialog import MissionSettingsDialog
    from desktop.ui.verify_dialog import VerifyDialog

    store = tmp_path / "store"
    shutil.copytree(store_template, store)
    load_fonts(qapp)
    language = Language(qapp)
    language.install("en")
    clock = MovableClock()
    ctx = session.login(store, "admin", PASSWORD, clock=clock)
    desk = Desk(ctx, store, lang="en", clock=clock)
    settings = Settings(QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    seen = Inspector(lang, shots_dir)
    window = MainWindow(desk, settings, language, idle_timer=QTimer())
    qtbot.addWidget(window)
    docks = ProcedureDocks(window, desk)
    window.resize(WIDTH, HEIGHT)
    try:
        with qtbot.waitSignal(window.case_list.model.loaded, timeout=20_000):
            window.show()
        qtbot.waitExposed(window)
        # The officer switches the language live: everything must follow.
        window.switch_language(lang)
        assert docks.dashboard is not None
        with qtbot.waitSignal(docks.dashboard.loaded, timeout=20_000):
            pass
        seen.check("main", window)

        accepted = _case_at(desk.ctx, Stage.ACCEPTED)
        window.open_case(accepted)
        qtbot.wait(50)
        seen.check("case", window)
        # The questionnaire's row grids (Annex 1 items 11-14) and the current row's form.
        from desktop.ui.questionnaire.editor import QuestionnaireEditor

        editor = window.tabs.currentWidget()
        assert isinstance(editor, QuestionnaireEditor)
        grid = max(editor.tables.values(), key=lambda t: t.model.rowCount())
        assert grid.model.rowCount() > 0
        grid.view.setCurrentIndex(grid.model.index(0, grid._first_shown()))
        editor.scroll_area.ensureWidgetVisible(grid.detail)
        seen.check("case-rows", window)
        assert docks.case_panel is not None
        assert docks.case_panel.view is not None and docks.case_panel.view.actions
        step = docks.case_panel.view.actions[0]
        docks.case_panel.tabs.setCurrentIndex(1)
        seen.check("case-timeline", window)
        window.tabs.setCurrentIndex(0)
        window.new_questionnaire()
        seen.check("new-questionnaire", window)

        dialogs: list[tuple[str, Callable[[], QDialog]]] = [
            ("backup", lambda: BackupDialog(desk.ctx, lang=lang, parent=window)),
            ("settings", lambda: MissionSettingsDialog(desk.ctx, lang=lang, parent=window)),
            ("exchange", lambda: ExchangeDialog(desk, parent=window)),
            ("verify", lambda: VerifyDialog(lambda: [], window)),
            (
                "scan",
                lambda: ScanDialog(
                    desk.ctx, accepted, "fee_receipt", sources=[], lang=lang, parent=window
                ),
            ),
            ("step", lambda: ActionDialog(desk.ctx, accepted, step, lang=lang, parent=window)),
            ("facts", lambda: FactsDialog(desk.ctx, accepted, lang=lang, parent=window)),
            ("crop", lambda: CropDialog(Image.new("RGB", (1240, 1754), "white"), window)),
            ("print-preview", lambda: _preview(desk.ctx, accepted, window)),
        ]
        for name, make in dialogs:
            dialog = make()
            dialog.show()
            qtbot.waitExposed(dialog)
            seen.check(name, dialog)
            dialog.hide()
            dialog.deleteLater()

        login = LoginDialog(store, lang=lang, officer="admin", clock=clock)
        wizard = FirstRunWizard(tmp_path / "new-store", lang=lang, kdf=FAST_KDF)
        for name, dialog in (("login", login), ("first-run", wizard)):
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            seen.check(name, dialog)
            dialog.hide()
        wizard.next()
        wizard.show()
        seen.check("first-run-admin", wizard)
        wizard.hide()

        admin = AdminWindow(desk, kdf=FAST_KDF, parent=window)
        admin.show()
        qtbot.waitExposed(admin)
        for page in admin.page_index:
            admin.show_page(page)
            if page == "registers":  # the custody register's rows, in the desk's language
                from PySide6.QtCore import QDate

                admin.register_from.setDate(QDate(2000, 1, 1))
                with qtbot.waitSignal(admin.finished_action, timeout=20_000):
                    admin.register_show_button.click()
                assert admin.register_table.rowCount() > 0
            seen.check(f"admin-{page}", admin)
        admin.close()

        window.lock()
        seen.check("locked", window)
    finally:
        language.install("en")
        desk.close()
    assert len(seen.shots) >= 20
    assert not seen.problems, "\n".join(seen.problems)


# A shared store's address as an administrator writes it (docs/administration.md, section 11).
SHARED_URL = (
    "postgresql+psycopg://qonys@db.mission.local:5432/qonys"
    "?sslmode=verify-full&sslrootcert=/etc/qonys/db-ca.pem"
)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_shared_store_questions_and_refusals(
    qtbot: QtBot,
    qapp: QApplication,
    catalogues: list[Path],
    store_template: Path,
    tmp_path: Path,
    shots_dir: Path,
    lang: str,
) -> None:
    """What only a shared store shows (issue 21): the question when another desk saved the
    case first, the note of the fields both changed, and the first-run wizard's refusals
    (join the store already there; no store there yet; the server does not answer)."""
    import shutil

    from PySide6.QtWidgets import QMessageBox

    from desktop.services import cases
    from desktop.services.errors import DatabaseUnreachable
    from desktop.services.shared_store import DatabaseHoldsStore, NoStoreThere
    from desktop.ui.first_run import FirstRunWizard
    from desktop.ui.questionnaire.editor import PlaceSuggestions, QuestionnaireEditor

    store = tmp_path / "store"
    shutil.copytree(store_template, store)
    load_fonts(qapp)
    language = Language(qapp)
    language.install(lang)
    clock = MovableClock()
    desk = Desk(session.login(store, "admin", PASSWORD, clock=clock), store, lang=lang, clock=clock)
    seen = Inspector(lang, shots_dir)
    try:
        detail = cases.get_case(desk.ctx, _case_at(desk.ctx, Stage.ACCEPTED))
        editor = QuestionnaireEditor(desk, PlaceSuggestions(desk), detail)
        qtbot.addWidget(editor)
        editor.resize(WIDTH, HEIGHT)
        editor.show()
        question, _again = editor.reapply_question()
        note = editor.reapplied_note(
            ["patronymic", "contacts.phone", "birth_place.region", "children"]
        )
        assert note.count(",") >= 2  # the fields are named
        reapplied = QMessageBox(QMessageBox.Icon.Information, "Qonys", note, parent=editor)
        for name, box in (("reapply", question), ("reapplied", reapplied)):
            box.show()
            qtbot.waitExposed(box)
            seen.check(name, box)
            box.hide()

        wizard = FirstRunWizard(tmp_path / "new-store", lang=lang, kdf=FAST_KDF)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        page = wizard.mission_page
        page.database.setText(SHARED_URL)
        refusals = (
            ("first-run-none-there", NoStoreThere(SHARED_URL)),
            ("first-run-unreachable", DatabaseUnreachable(SHARED_URL, "", "unreachable")),
            ("first-run-no-rights", DatabaseUnreachable(SHARED_URL, "", "no-rights")),
        )
        for name, refusal in refusals:
            wizard._on_join_failed(refusal)
            assert page.message.text() == refusal.message.get(lang)
            seen.check(name, wizard)
            _shown_whole(page.message)
        wizard.next()
        wizard._on_create_failed(DatabaseHoldsStore(SHARED_URL))
        said = wizard.admin_page.message.text()
        assert page.join_button.text().replace("&", "") in said  # the button it names
        seen.check("first-run-holds-store", wizard)
        _shown_whole(wizard.admin_page.message)
        wizard.hide()
    finally:
        language.install("en")
        desk.close()
    assert not seen.problems, "\n".join(seen.problems)


def _shown_whole(label: QLabel) -> None:
    """A wrapped label has the height its lines need and ends inside its window."""
    assert label.height() >= label.heightForWidth(label.width()), label.text()
    bottom = label.mapTo(label.window(), label.rect().bottomLeft()).y()
    assert bottom <= label.window().height(), label.text()
