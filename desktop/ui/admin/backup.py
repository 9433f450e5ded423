"""The Backups page: a backup, a restore into a new folder, the recovery key."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import admin as admin_service
from desktop.services import recovery
from desktop.services.context import Role
from desktop.ui.admin.base import (
    _NEED_FILE,
    _NEED_FOLDER,
    _PASSWORD,
    _PASSWORDS_DIFFER,
    _SAVE_TO,
    QT_TRANSLATE_NOOP,
    AdminBase,
    _dmy,
)


class BackupPage(AdminBase):
    def _backup_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        backup = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Make a backup")))
        box = QVBoxLayout(backup)
        box.addWidget(
            self._hint(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "An encrypted copy of the store; keep it on a disk outside this computer.",
                )
            )
        )
        self.backup_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Make a backup…"), self.open_backup
        )
        box.addWidget(self.backup_button)
        layout.addWidget(backup)

        restore = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Restore a backup")))
        form = QFormLayout(restore)
        form.addRow(
            self._hint(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "The backup is restored into a new, empty folder; this store is not changed. "
                    "Then start Qonys with that folder.",
                )
            )
        )
        holder, self.restore_file_edit = self._file_row(filters="Qonys (*.qonys-backup)")
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Backup file:")), holder)
        holder, self.restore_folder_edit = self._file_row(folder=True)
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "New folder:")), holder)
        self.restore_login_edit = QLineEdit(self.desk.officer.login)
        self.restore_password_edit = self._password()
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Login:")), self.restore_login_edit)
        form.addRow(self.t(_PASSWORD), self.restore_password_edit)
        self.restore_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Restore"), self.restore
        )
        form.addRow(self.restore_button)
        layout.addWidget(restore)

        if self.desk.officer.may(Role.ADMIN):
            key = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Recovery key")))
            form = QFormLayout(key)
            self.recovery_label = QLabel()
            self.recovery_label.setWordWrap(True)
            form.addRow(self.recovery_label)
            self.recovery_pass_edit = self._password()
            self.recovery_repeat_edit = self._password()
            holder, self.recovery_file_edit = self._file_row(save=True, filters="PEM (*.pem)")
            form.addRow(
                self.t(QT_TRANSLATE_NOOP("Administration", "Key passphrase:")),
                self.recovery_pass_edit,
            )
            form.addRow(
                self.t(QT_TRANSLATE_NOOP("Administration", "Repeat:")), self.recovery_repeat_edit
            )
            form.addRow(self.t(_SAVE_TO), holder)
            form.addRow(
                self._hint(
                    QT_TRANSLATE_NOOP(
                        "Administration",
                        "Keep the key and its passphrase apart, in the safe. The key is handed out"
                        " once.",
                    )
                )
            )
            self.recovery_button = self._button(
                QT_TRANSLATE_NOOP("Administration", "Make a new recovery key"),
                self.export_recovery,
            )
            form.addRow(self.recovery_button)
            layout.addWidget(key)
            self._show_recovery()
        layout.addStretch(1)
        return page

    def _show_recovery(self) -> None:
        kid = recovery.recovery_status(self.desk.ctx)
        self.recovery_label.setText(
            self.tf(QT_TRANSLATE_NOOP("Administration", "Recovery key: {kid}"), kid=kid)
            if kid
            else self.t(QT_TRANSLATE_NOOP("Administration", "No recovery key yet"))
        )

    @Slot()
    def open_backup(self) -> None:
        from desktop.ui.backup_dialog import BackupDialog

        self.backup_dialog = BackupDialog(self.desk.ctx, lang=self.lang, parent=self)
        self.backup_dialog.open()

    @Slot()
    def restore(self) -> None:
        path = self._path(self.restore_file_edit)
        folder = self._path(self.restore_folder_edit)
        if path is None:
            self._refuse(_NEED_FILE)
            return
        if folder is None:
            self._refuse(_NEED_FOLDER)
            return
        login = self.restore_login_edit.text().strip()
        password = self.restore_password_edit.text()

        def work(report: Callable[[object], None], stop: threading.Event) -> Any:
            def progress(done: int, total: int) -> None:
                report(int(1000 * done / total) if total else 1000)

            return admin_service.restore_from_file(
                path, folder, login, password, progress=progress, should_stop=stop.is_set
            )

        def done(result: object) -> str:
            info = cast(Any, result)
            self.restore_password_edit.clear()
            return self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration", "The backup of {code} made {day} is restored into {folder}"
                ),
                code=info.mission_code,
                day=_dmy(info.created_at.date()),
                folder=folder,
            )

        self.run(work, done)

    @Slot()
    def export_recovery(self) -> None:
        if self.recovery_pass_edit.text() != self.recovery_repeat_edit.text():
            self._refuse(_PASSWORDS_DIFFER)
            return
        out = self._path(self.recovery_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        ctx, passphrase = self.desk.ctx, self.recovery_pass_edit.text()

        def done(result: object) -> str:
            export = cast(recovery.RecoveryKeyExport, result)
            self.recovery_pass_edit.clear()
            self.recovery_repeat_edit.clear()
            self._show_recovery()
            return self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "Recovery key {kid} written to {path}: move it off this computer.",
                ),
                kid=export.key_id,
                path=export.written_to,
            )

        self.run(lambda _r, _s: admin_service.export_recovery_key(ctx, passphrase, out), done)
