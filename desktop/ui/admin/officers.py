"""The Officers page: the mission's officers added, reset and removed (administrator)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import admin as admin_service
from desktop.services import session
from desktop.services.context import Role
from desktop.ui.admin.base import (
    _NEED_SELECTION,
    _PASSWORD,
    _PASSWORDS_DIFFER,
    _REPEAT,
    QT_TRANSLATE_NOOP,
    AdminBase,
)
from desktop.ui.desk import role_name


class OfficersPage(AdminBase):
    def _officers_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.officer_table = QTableWidget(0, 3)
        self.officer_table.setHorizontalHeaderLabels(
            [
                self.t(QT_TRANSLATE_NOOP("Administration", "Login")),
                self.t(QT_TRANSLATE_NOOP("Administration", "Full name")),
                self.t(QT_TRANSLATE_NOOP("Administration", "Role")),
            ]
        )
        self.officer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.officer_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.officer_table.verticalHeader().hide()
        header = self.officer_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.officer_table, 1)

        selected = QHBoxLayout()
        self.remove_officer_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Remove the selected officer"),
            self.remove_officer,
        )
        selected.addWidget(self.remove_officer_button)
        selected.addStretch(1)
        layout.addLayout(selected)

        reset = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Reset a password")))
        form = QFormLayout(reset)
        self.reset_password_edit = self._password()
        self.reset_repeat_edit = self._password()
        form.addRow(
            self.t(QT_TRANSLATE_NOOP("Administration", "New password:")), self.reset_password_edit
        )
        form.addRow(self.t(_REPEAT), self.reset_repeat_edit)
        form.addRow(
            self._hint(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "The selected officer gets a new password; the old one no longer opens the "
                    "store.",
                )
            )
        )
        self.reset_password_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Reset the password"),
            self.reset_password,
        )
        form.addRow(self.reset_password_button)
        layout.addWidget(reset)

        add = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Add an officer")))
        form = QFormLayout(add)
        self.new_login_edit = QLineEdit()
        self.new_name_edit = QLineEdit()
        self.new_role_combo = QComboBox()
        for role in (Role.OFFICER, Role.CONSUL, Role.ADMIN):
            self.new_role_combo.addItem(role_name(role, self.lang), role.value)
        self.new_password_edit = self._password()
        self.new_repeat_edit = self._password()
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Login:")), self.new_login_edit)
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Full name:")), self.new_name_edit)
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Role:")), self.new_role_combo)
        form.addRow(self.t(_PASSWORD), self.new_password_edit)
        form.addRow(self.t(_REPEAT), self.new_repeat_edit)
        self.add_officer_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Add"), self.add_officer
        )
        form.addRow(self.add_officer_button)
        layout.addWidget(add)
        self.reload_officers()
        return page

    def reload_officers(self) -> None:
        officers = session.list_officers(self.desk.ctx)
        self.officer_table.setRowCount(len(officers))
        for i, o in enumerate(officers):
            for j, text in enumerate((o.login, o.full_name, role_name(o.role, self.lang))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.officer_table.setItem(i, j, item)
        self._fill_consuls()

    def selected_login(self) -> str | None:
        row = self.officer_table.currentRow()
        item = self.officer_table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def select_officer(self, login: str) -> bool:
        for row in range(self.officer_table.rowCount()):
            item = self.officer_table.item(row, 0)
            if item is not None and item.text() == login:
                self.officer_table.selectRow(row)
                return True
        return False

    @Slot()
    def add_officer(self) -> None:
        if self.new_password_edit.text() != self.new_repeat_edit.text():
            self._refuse(_PASSWORDS_DIFFER)
            return
        ctx, kdf = self.desk.ctx, self._kdf
        login = self.new_login_edit.text().strip()
        name = self.new_name_edit.text().strip() or login
        role = Role(self.new_role_combo.currentData())
        password = self.new_password_edit.text()

        def done(_officer: object) -> str:
            for edit in (
                self.new_login_edit,
                self.new_name_edit,
                self.new_password_edit,
                self.new_repeat_edit,
            ):
                edit.clear()
            self.reload_officers()
            return self.tf(
                QT_TRANSLATE_NOOP("Administration", "Added {login} ({role})"),
                login=login,
                role=role_name(role, self.lang),
            )

        self.run(lambda _r, _s: session.add_officer(ctx, login, name, role, password, kdf), done)

    @Slot()
    def remove_officer(self) -> None:
        login = self.selected_login()
        if login is None:
            self._refuse(_NEED_SELECTION)
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "Remove {login}? Their password will no longer open the store.",
                ),
                login=login,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.desk.ctx

        def done(_none: object) -> str:
            self.reload_officers()
            return self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration", "Removed {login}: their password no longer opens the store"
                ),
                login=login,
            )

        self.run(lambda _r, _s: session.remove_officer(ctx, login), done)

    @Slot()
    def reset_password(self) -> None:
        login = self.selected_login()
        if login is None:
            self._refuse(_NEED_SELECTION)
            return
        if self.reset_password_edit.text() != self.reset_repeat_edit.text():
            self._refuse(_PASSWORDS_DIFFER)
            return
        ctx, kdf, password = self.desk.ctx, self._kdf, self.reset_password_edit.text()

        def done(_none: object) -> str:
            self.reset_password_edit.clear()
            self.reset_repeat_edit.clear()
            return self.tf(
                QT_TRANSLATE_NOOP("Administration", "{login} has a new password"), login=login
            )

        self.run(lambda _r, _s: admin_service.reset_password(ctx, login, password, kdf), done)
