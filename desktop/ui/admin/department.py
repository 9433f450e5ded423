"""The Department page: the enrolment bundle (administrator) and a consul's own signing certificate."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.services import admin as admin_service
from desktop.services import exchange
from desktop.services.context import Role
from desktop.services.errors import KnownError
from desktop.ui.admin.base import (
    _FILE,
    _NEED_FILE,
    _NEED_SELECTION,
    QT_TRANSLATE_NOOP,
    AdminBase,
    _dmy,
)


class DepartmentPage(AdminBase):
    def _department_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        me = self.desk.officer
        if me.may(Role.ADMIN):
            enrol = QGroupBox(
                self.t(QT_TRANSLATE_NOOP("Administration", "The Department's enrolment bundle"))
            )
            form = QFormLayout(enrol)
            self.trust_label = QLabel()
            self.trust_label.setWordWrap(True)
            form.addRow(self.trust_label)
            holder, self.bundle_edit = self._file_row()
            self.bundle_password_edit = self._password()
            form.addRow(self.t(_FILE), holder)
            form.addRow(
                self.t(QT_TRANSLATE_NOOP("Administration", "Bundle password:")),
                self.bundle_password_edit,
            )
            self.install_enrolment_button = self._button(
                QT_TRANSLATE_NOOP("Administration", "Install"), self.install_enrolment
            )
            form.addRow(self.install_enrolment_button)
            layout.addWidget(enrol)
            self._show_trust()
        if not me.may(Role.CONSUL):
            layout.addWidget(
                self._hint(
                    QT_TRANSLATE_NOOP(
                        "Administration",
                        "A consul installs their own signing certificate (logged in as themself): "
                        "the key is locked with their password.",
                    )
                )
            )
            layout.addStretch(1)
            return page
        cert = QGroupBox(
            self.t(QT_TRANSLATE_NOOP("Administration", "My signing certificate (PKCS#12)"))
        )
        form = QFormLayout(cert)
        self.consul_combo = QComboBox()
        holder, self.p12_edit = self._file_row(filters="PKCS#12 (*.p12 *.pfx)")
        self.p12_password_edit = self._password()
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Consul:")), self.consul_combo)
        form.addRow(self.t(_FILE), holder)
        form.addRow(
            self.t(QT_TRANSLATE_NOOP("Administration", "File password:")), self.p12_password_edit
        )
        self.install_certificate_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Install"), self.install_certificate
        )
        form.addRow(self.install_certificate_button)
        layout.addWidget(cert)
        layout.addStretch(1)
        self._fill_consuls()
        return page

    def _fill_consuls(self) -> None:
        combo = getattr(self, "consul_combo", None)
        if combo is None:
            return
        me = self.desk.officer
        combo.clear()
        # Only the consul themself: the key is wrapped under their own password (the service
        # refuses anyone else).
        combo.addItem(me.full_name, me.login)
        combo.setEnabled(False)

    def _show_trust(self) -> None:
        try:
            st = exchange.trust_status(self.desk.ctx)
        except KnownError:
            self.trust_label.setText(
                self.t(
                    QT_TRANSLATE_NOOP(
                        "Administration", "The mission is not enrolled with the Department yet."
                    )
                )
            )
            return
        self.trust_label.setText(
            self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration", "{code} is enrolled; trust list v{version} issued {day}."
                ),
                code=st.mission_code,
                version=st.version,
                day=_dmy(self.desk.day_of(st.issued_at)),
            )
        )

    @Slot()
    def install_enrolment(self) -> None:
        path = self._path(self.bundle_edit)
        if path is None:
            self._refuse(_NEED_FILE)
            return
        ctx, password = self.desk.ctx, self.bundle_password_edit.text()

        def done(result: object) -> str:
            installed = cast(exchange.Installed, result)
            self.bundle_password_edit.clear()
            self._show_trust()
            said = self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration", "{code} enrolled; trust list v{version} installed."
                ),
                code=installed.mission_code,
                version=installed.trust_list_version,
            )
            if installed.department_url:
                said += " " + self.tf(
                    QT_TRANSLATE_NOOP("Administration", "Online sync with the Department: {url}."),
                    url=installed.department_url,
                )
            return said

        self.run(lambda _r, _s: admin_service.install_enrolment_file(ctx, path, password), done)

    @Slot()
    def install_certificate(self) -> None:
        path = self._path(self.p12_edit)
        login = self.consul_combo.currentData()
        if path is None:
            self._refuse(_NEED_FILE)
            return
        if login is None:
            self._refuse(_NEED_SELECTION)
            return
        ctx, password = self.desk.ctx, self.p12_password_edit.text()

        def done(result: object) -> str:
            installed = cast(Any, result)
            self.p12_password_edit.clear()
            return self.tf(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "Signing certificate installed for {login} ({subject}), valid until {day}",
                ),
                login=installed.login,
                subject=installed.subject,
                day=_dmy(installed.not_after.date()),
            )

        self.run(
            lambda _r, _s: admin_service.install_official_file(ctx, path, password, login), done
        )
