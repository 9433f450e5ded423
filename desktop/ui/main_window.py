"""The main window: it arranges panels it is handed and owns the menus, shortcuts and locking.

The window holds no case data itself: the case list and each open questionnaire are panels
that talk to services through the `Desk`. Other rooms' widgets (checklist, timeline, dashboard)
are added with `add_dock`. While locked, a `LockScreen` replaces everything and the menus that
touch data are disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from desktop import __version__
from desktop.domain.i18n import LANGS
from desktop.services import cases as case_service
from desktop.services import sync_online
from desktop.services.context import Officer, Role
from desktop.services.errors import KnownError
from desktop.ui import settings as prefs
from desktop.ui.case_list import CaseListPanel
from desktop.ui.desk import Desk, role_name
from desktop.ui.language import QT_TRANSLATE_NOOP, Language, translated_in
from desktop.ui.lock import IdleWatcher, LockScreen
from desktop.ui.questionnaire.editor import PlaceSuggestions, QuestionnaireEditor
from desktop.ui.settings import Settings
from desktop.ui.sync_status import LinkLabel, SyncRunner
from desktop.ui.widgets import show_error

LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def _any(_officer: Officer) -> bool:
    return True


def _admin(officer: Officer) -> bool:
    return officer.may(Role.ADMIN)


def _signer(officer: Officer) -> bool:
    return officer.may(Role.ADMIN) or officer.may(Role.CONSUL)


ADMIN_TITLE = QT_TRANSLATE_NOOP("MainWindow", "A&dministration")
# The Administration menu: who sees each item, and its label (from the catalogue, in the
# desk's language: `_label_admin_menu`).
ADMIN_MENU: dict[str, tuple[Callable[[Officer], bool], str]] = {
    "officers": (_admin, QT_TRANSLATE_NOOP("MainWindow", "Officers…")),
    "enrolment": (
        _admin,
        QT_TRANSLATE_NOOP("MainWindow", "Enrolment with the Department…"),
    ),
    "certificate": (
        _signer,
        QT_TRANSLATE_NOOP("MainWindow", "Consul's signing certificate…"),
    ),
    "calendar": (
        _admin,
        QT_TRANSLATE_NOOP("MainWindow", "Mission calendar…"),
    ),
    "backup": (_any, QT_TRANSLATE_NOOP("MainWindow", "Make a backup…")),
    "restore": (
        _any,
        QT_TRANSLATE_NOOP("MainWindow", "Restore a backup…"),
    ),
    "recovery": (_admin, QT_TRANSLATE_NOOP("MainWindow", "Recovery key…")),
    "journal": (
        _any,
        QT_TRANSLATE_NOOP("MainWindow", "Journal of permissions (Annex 5)…"),
    ),
    "custody": (
        _any,
        QT_TRANSLATE_NOOP("MainWindow", "ID cards held in custody…"),
    ),
    "originals": (
        _any,
        QT_TRANSLATE_NOOP("MainWindow", "Originals handed back…"),
    ),
    "monitoring": (
        _any,
        QT_TRANSLATE_NOOP("MainWindow", "Monitoring data (§14)…"),
    ),
    "scans": (
        _admin,
        QT_TRANSLATE_NOOP("MainWindow", "Move scanned pages into files…"),
    ),
    "settings": (
        _any,
        QT_TRANSLATE_NOOP("MainWindow", "Mission settings…"),
    ),
}


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class MainWindow(QMainWindow):
    """The desk's window. Everything reachable by menu and shortcut."""

    def __init__(
        self,
        desk: Desk,
        settings: Settings,
        language: Language,
        *,
        idle_timer: QTimer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.settings = settings
        self.language = language
        self.places = PlaceSuggestions(desk, self)
        self.case_list = CaseListPanel(desk)
        self.case_list.open_requested.connect(self.open_case)

        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.case_list, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self._on_tabs_tab_close_requested)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.lock_screen = LockScreen(desk)
        self.lock_screen.quit_requested.connect(self._on_lock_screen_quit_requested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self._focus_before_lock: QWidget | None = None

        self.officer_label = QLabel()
        self.mission_label = QLabel()
        self.store_label = QLabel()
        for label in (self.officer_label, self.mission_label, self.store_label):
            # Not permanent: a note (saved, refused, re-applied) takes their place for its
            # few seconds, whole; beside them it was cut off at 1366 px in Kazakh and Russian.
            self.statusBar().addWidget(label)
        # Issue 16: the online road to the Department, in the background, and its state.
        self.sync_runner = SyncRunner(desk, self)
        self.link_label = LinkLabel(desk, self.sync_runner)
        self.statusBar().addPermanentWidget(self.link_label)
        self.sync_runner.finished.connect(self._on_sync_finished)
        desk.language_changed.connect(self.link_label.retranslate)

        self._build_actions()
        self._build_menus()

        self.idle = IdleWatcher(settings.get(prefs.IDLE_MINUTES), timer=idle_timer, parent=self)
        self.idle.idle.connect(self.lock)
        desk.locked.connect(self._on_desk_locked)
        desk.unlocked.connect(self._on_desk_unlocked)
        desk.store_answering.connect(self._on_desk_store_answering)
        desk.cases_changed.connect(self._show_status)
        desk.language_changed.connect(self._label_admin_menu)
        desk.language_changed.connect(self._show_status)
        self.case_list.model.loaded.connect(self._show_status)
        self.case_list.model.counted.connect(self._show_status)

        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        self.retranslate()
        self.case_list.start()
        self.sync_runner.start()

    # --- actions and menus ------------------------------------------------------------------

    def _action(
        self, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: object
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(QKeySequence.StandardKey.New, self.new_questionnaire)
        self.open_action = self._action("Ctrl+O", self.open_current)
        self.save_action = self._action(QKeySequence.StandardKey.Save, self.save_current)
        self.edit_action = self._action("Ctrl+E", self.edit_current)
        self.close_tab_action = self._action("Ctrl+W", self.close_current_tab)
        self.lock_action = self._action("Ctrl+L", self.lock)
        self.quit_action = self._action(QKeySequence.StandardKey.Quit, self.close)
        self.find_action = self._action(QKeySequence.StandardKey.Find, self.show_find)
        self.cases_action = self._action("Ctrl+1", self.show_cases)
        self.refresh_action = self._action(QKeySequence.StandardKey.Refresh, self.refresh)
        self.idle_action = self._action(None, self.ask_idle_minutes)
        self.shortcuts_action = self._action(QKeySequence.StandardKey.HelpContents,
                                             self.show_shortcuts)  # fmt: skip
        self.about_action = self._action(None, self.show_about)
        self.verify_action = self._action(None, self.show_verify)
        self.exchange_action = self._action("Ctrl+Shift+E", self.show_exchange)
        # Administration (issue 14): each opens the administration window at its page; the menu
        # shows only what the officer's role allows, the services refuse the rest anyway.
        self.admin_actions: dict[str, QAction] = {
            key: self._action(None, lambda _on=False, page=key: self.show_admin(page))
            for key in ADMIN_MENU
        }
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGS:
            action = QAction(LANGUAGE_NAMES[lang], self)
            action.setCheckable(True)
            action.setChecked(lang == self.desk.lang)
            action.triggered.connect(lambda _on=False, code=lang: self.switch_language(code))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        # Data actions are off while locked; these stay on.
        self._always = {self.quit_action, self.shortcuts_action, self.about_action,
                        *self.language_actions.values()}  # fmt: skip

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (self.new_action, self.open_action, self.save_action, self.close_tab_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.case_menu = bar.addMenu("")
        for action in (self.find_action, self.cases_action, self.edit_action, self.refresh_action):
            self.case_menu.addAction(action)
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.verify_action)
        self.case_menu.addAction(self.exchange_action)
        self.admin_menu = bar.addMenu("")
        for key in ADMIN_MENU:
            self.admin_menu.addAction(self.admin_actions[key])
            if key in ("calendar", "recovery"):
                self.admin_menu.addSeparator()
        self._apply_role()
        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.settings_menu.addAction(self.idle_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _apply_role(self) -> None:
        """The Administration menu shows what the officer's role allows (the window may be
        built before login, for nobody: then again when the desk opens)."""
        me = self.desk.officer
        for key, (role_ok, _label) in ADMIN_MENU.items():
            self.admin_actions[key].setVisible(role_ok(me))

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.case_menu.setTitle(self.tr("&Cases"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.new_action.setText(self.tr("&New questionnaire"))
        self.open_action.setText(self.tr("&Open selected case"))
        self.save_action.setText(self.tr("&Save"))
        self.edit_action.setText(self.tr("&Edit questionnaire"))
        self.close_tab_action.setText(self.tr("&Close tab"))
        self.lock_action.setText(self.tr("&Lock the desk"))
        self.quit_action.setText(self.tr("&Quit"))
        self.find_action.setText(self.tr("&Find cases"))
        self.cases_action.setText(self.tr("Case &list"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.idle_action.setText(self.tr("&Auto-lock after…"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About Qonys"))
        self.verify_action.setText(self.tr("&Verify a notification…"))
        # In the dialog's own catalogue context; the dialog module loads only when opened.
        self.exchange_action.setText(
            QCoreApplication.translate("ExchangeDialog", "E&xchange with the Department…")
        )
        self.tabs.setTabText(0, self.tr("Cases"))
        self._label_admin_menu()
        self._show_title()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_title(self) -> None:
        if self.desk.is_locked:
            self.setWindowTitle(self.tr("Qonys — locked"))
        else:
            self.setWindowTitle(self.tr("Qonys — {mission}").format(mission=self.desk.mission.name))

    @Slot(bool)
    def _on_desk_store_answering(self, answering: bool) -> None:
        self._show_status()
        if not answering:
            self.statusBar().showMessage(
                self.tr(
                    "The shared database does not answer: nothing can be saved until it does. "
                    "The desk reconnects by itself."
                ),
                10000,
            )

    @Slot()
    def _show_status(self) -> None:
        officer = self.desk.officer
        self.officer_label.setText(
            self.tr("Officer: {name} ({role})").format(
                name=officer.full_name, role=role_name(officer.role, self.desk.lang)
            )
        )
        self.mission_label.setText(self.tr("Mission: {code}").format(code=self.desk.mission.code))
        if self.desk.is_locked:
            self.store_label.setText(self.tr("Store: locked, key dropped"))
        elif not self.desk.is_store_answering:
            self.store_label.setText(
                self.tr("Store: the shared database does not answer; trying again")
            )
        else:
            model = self.case_list.model
            listed = model.total if model.is_counted else model.rowCount()
            self.store_label.setText(
                self.tr("Store: open, encrypted; %n case(s) listed", "", listed)
            )

    def add_dock(
        self, widget: QWidget, title: str, area: Qt.DockWidgetArea, name: str = ""
    ) -> QDockWidget:
        """Where other rooms' panels (checklist, timeline, dashboard) join the window. `name`
        is the dock's stable object name (its title changes with the language)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name or title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # --- cases and editors ----------------------------------------------------------------

    def editors(self) -> list[QuestionnaireEditor]:
        found = []
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, QuestionnaireEditor):
                found.append(widget)
        return found

    def current_editor(self) -> QuestionnaireEditor | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, QuestionnaireEditor) else None

    def _add_editor(self, editor: QuestionnaireEditor) -> None:
        # The form/issues split the officer chose last is kept (issue 14).
        state = self.settings.geometry("editor_splitter")
        if state is not None:
            editor.splitter.restoreState(state)
        editor.splitter.splitterMoved.connect(
            lambda *_args, e=editor: self.settings.set_geometry(
                "editor_splitter", e.splitter.saveState()
            )
        )
        index = self.tabs.addTab(editor, editor.title())
        editor.title_changed.connect(lambda text, e=editor: self._on_editor_title_changed(e, text))
        editor.message.connect(self._on_editor_message)
        self.tabs.setCurrentIndex(index)

    def _on_editor_title_changed(self, editor: QuestionnaireEditor, text: str) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            self.tabs.setTabText(index, text)

    @Slot(str)
    def _on_editor_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    @Slot()
    def new_questionnaire(self) -> QuestionnaireEditor | None:
        if self.desk.is_locked:
            return None
        editor = QuestionnaireEditor(self.desk, self.places)
        editor.set_read_only(False)
        self._add_editor(editor)
        editor.fields["iin"].setFocus()
        return editor

    @Slot(int)
    def open_case(self, case_id: int) -> QuestionnaireEditor | None:
        if self.desk.is_locked:
            return None
        for editor in self.editors():
            if editor.case_id == case_id:
                self.tabs.setCurrentWidget(editor)
                return editor
        try:
            detail = case_service.get_case(self.desk.ctx, case_id)
        except KnownError as exc:
            show_error(self, exc, self.desk.lang)
            return None
        editor = QuestionnaireEditor(self.desk, self.places, detail)
        self._add_editor(editor)
        editor.scroll_area.setFocus()
        return editor

    @Slot()
    def open_current(self) -> None:
        case_id = self.case_list.current_case_id()
        if case_id is not None:
            self.open_case(case_id)

    @Slot()
    def save_current(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.save()

    @Slot()
    def edit_current(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.start_editing()
        else:
            self.open_current()
            opened = self.current_editor()
            if opened is not None:
                opened.start_editing()

    @Slot()
    def show_find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.case_list.focus_search()

    @Slot()
    def show_cases(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.case_list.table.setFocus()

    @Slot()
    def refresh(self) -> None:
        self.case_list.model.reload()
        self.case_list.refresh_stages()
        self.places.refresh()

    @Slot()
    def close_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index > 0:
            self._on_tabs_tab_close_requested(index)

    @Slot(int)
    def _on_tabs_tab_close_requested(self, index: int) -> None:
        editor = self.tabs.widget(index)
        if not isinstance(editor, QuestionnaireEditor):
            return
        if editor.dirty:
            choice = self.ask_unsaved([editor])
            if choice is Unsaved.CANCEL or (choice is Unsaved.SAVE and not editor.save()):
                return
        self.tabs.removeTab(index)
        editor.deleteLater()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        editor = self.current_editor()
        self.save_action.setEnabled(editor is not None and not self.desk.is_locked)

    def ask_unsaved(self, editors: list[QuestionnaireEditor]) -> Unsaved:
        """Save, discard or stay: asked before unsaved questionnaires would be lost."""
        names = "\n".join(e.title().removesuffix(" *") for e in editors)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("These questionnaires have unsaved changes:\n{names}").format(
            names=names))  # fmt: skip
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return Unsaved.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return Unsaved.DISCARD
        return Unsaved.CANCEL

    @Slot(object)
    def _on_sync_finished(self, report: object) -> None:
        """Decisions fetched online were applied: every view of cases reads again."""
        if isinstance(report, sync_online.SyncReport) and report.imported:
            self.desk.announce([])

    # --- locking --------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Ctrl+L or idle: hide everything and drop the key. Unsaved edits stay in the
        editors (in memory only) and are there again after unlocking."""
        if self.desk.is_locked:
            return
        focus = self.focusWidget()
        self._focus_before_lock = focus
        self.desk.lock()

    @Slot()
    def _on_desk_locked(self) -> None:
        self.idle.pause()
        self.stack.setCurrentWidget(self.lock_screen)
        for action in self.actions():
            if action not in self._always:
                action.setEnabled(False)
        for menu in (self.case_menu, self.admin_menu):
            menu.setEnabled(False)
        self.lock_screen.prepare()
        self._show_title()
        self._show_status()

    @Slot()
    def _on_desk_unlocked(self) -> None:
        self._apply_role()
        for action in self.actions():
            action.setEnabled(True)
        self.case_menu.setEnabled(True)
        self.admin_menu.setEnabled(True)
        self.stack.setCurrentWidget(self.tabs)
        self._on_tabs_current_changed(self.tabs.currentIndex())
        self.idle.resume()
        focus = self._focus_before_lock
        if focus is not None and shiboken6.isValid(focus):
            focus.setFocus()  # back where the officer was, cursor and all
        self._show_title()
        self._show_status()

    @Slot()
    def _on_lock_screen_quit_requested(self) -> None:
        # §guard on lock: leaving a locked desk would lose unsaved edits nobody can save now.
        unsaved = [e for e in self.editors() if e.dirty]
        if unsaved:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved changes"),
                self.tr(
                    "%n questionnaire(s) have unsaved changes. Unlock to save them, or quit "
                    "and lose them?",
                    "",
                    len(unsaved),
                ),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
            for editor in unsaved:
                editor.load(editor.collect()[0])  # marks them as not dirty: nothing to ask
        self.close()

    # --- settings -------------------------------------------------------------------------

    def switch_language(self, lang: str) -> None:
        """Re-label everything in place; typed text and open questionnaires stay as they are."""
        self.settings.set(prefs.LANGUAGE, lang)
        self.language.install(lang)
        self.desk.set_language(lang)
        self.language_actions[lang].setChecked(True)

    @Slot()
    def ask_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self,
            self.tr("Auto-lock"),
            self.tr("Lock the desk after this many idle minutes (0: never):"),
            self.settings.get(prefs.IDLE_MINUTES),
            0,
            240,
        )
        if ok:
            self.set_idle_minutes(minutes)

    def set_idle_minutes(self, minutes: int) -> None:
        self.settings.set(prefs.IDLE_MINUTES, minutes)
        self.idle.set_minutes(minutes)

    @Slot()
    def show_shortcuts(self) -> None:
        rows = [
            (
                a.text().replace("&", ""),
                a.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            )
            for a in self.actions()
            if not a.shortcut().isEmpty()
        ]
        rows += [
            (self.tr("Add a table row"), "Insert"),
            (self.tr("Remove a table row"), "Ctrl+Del"),
            (self.tr("Move a table row"), "Ctrl+Shift+Up / Ctrl+Shift+Down"),
        ]
        text = "\n".join(f"{keys}\t{name}" for name, keys in rows)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), text)

    @Slot()
    def show_verify(self) -> None:
        """Issue 5: check a notification PDF or a scanned seal against the store's trust list."""
        from desktop.services import handouts
        from desktop.ui.verify_dialog import VerifyDialog

        ctx = self.desk.ctx
        self.verify_dialog = VerifyDialog(lambda: handouts.trust_anchors(ctx), self)
        self.verify_dialog.open()

    @Slot()
    def show_exchange(self) -> None:
        """Issue 6: packages to and from the Department, and the outbox (Ctrl+Shift+E)."""
        from desktop.ui.exchange_dialog import ExchangeDialog

        if self.desk.is_locked:
            return
        current = getattr(self, "exchange_dialog", None)
        if current is not None and shiboken6.isValid(current) and current.isVisible():
            current.raise_()
            current.activateWindow()
            return
        self.exchange_dialog = ExchangeDialog(self.desk, parent=self)
        self.exchange_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sync_runner.finished.connect(self.exchange_dialog.reload)  # the online road moved
        self.exchange_dialog.open()

    def restore_docks(self) -> None:
        """The docks as the officer left them (sizes, tabs), once every dock was added."""
        state = self.settings.geometry("main_state")
        if state is not None:
            self.restoreState(state)

    @Slot()
    def _label_admin_menu(self) -> None:
        lang = self.desk.lang
        self.admin_menu.setTitle(translated_in(lang, "MainWindow", ADMIN_TITLE))
        for key, (_role_ok, label) in ADMIN_MENU.items():
            self.admin_actions[key].setText(translated_in(lang, "MainWindow", label))

    def show_admin(self, page: str) -> QDialog | None:
        """The administration window at one of its pages; backup and settings open their
        own dialogs (desktop/ui/backup_dialog.py, settings_dialog.py)."""
        if self.desk.is_locked:
            return None
        if page == "backup":
            from desktop.ui.backup_dialog import BackupDialog

            dialog: QDialog = BackupDialog(self.desk.ctx, lang=self.desk.lang, parent=self)
        elif page == "settings":
            from desktop.ui.settings_dialog import MissionSettingsDialog

            dialog = MissionSettingsDialog(self.desk.ctx, lang=self.desk.lang, parent=self)
        else:
            from desktop.ui.admin_window import AdminWindow

            window_page = {
                "restore": "backup",
                "recovery": "backup",
                "certificate": "department",
                "enrolment": "department",
                "journal": "reports",
                "monitoring": "reports",
                "custody": "registers",
                "originals": "registers",
            }.get(page, page)
            admin = AdminWindow(self.desk, page=window_page, parent=self)
            if page == "originals":
                from desktop.services.registers import Register

                admin.choose_register(Register.RETURNED)
            dialog = admin
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.admin_dialog = dialog
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Qonys"),
            self.tr(
                "Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1)."
            ).format(version=__version__),
        )

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        unsaved = [e for e in self.editors() if e.dirty]
        if unsaved and not self.desk.is_locked:
            choice = self.ask_unsaved(unsaved)
            if choice is Unsaved.CANCEL:
                event.ignore()
                return
            if choice is Unsaved.SAVE and not all(e.save() for e in unsaved):
                event.ignore()
                return
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_geometry("main_state", self.saveState())  # docks and their sizes
        self.idle.detach()
        event.accept()
