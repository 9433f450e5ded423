"""The Calendar page: host-country holidays, closure days and extra working days (administrator)."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.i18n import Text
from desktop.services import admin as admin_service
from desktop.ui.admin.base import (
    QT_TRANSLATE_NOOP,
    AdminBase,
    _dmy,
    _pydate,
)


class CalendarPage(AdminBase):
    def _calendar_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        spec = admin_service.calendar_days(self.desk.ctx)
        layout.addWidget(
            self._hint(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "Working days: Kazakhstan's holidays, the host country's holidays, the "
                    "mission's closure days and extra working days. Saving recomputes every open "
                    "deadline.",
                )
            )
        )
        host = QFormLayout()
        self.host_country_edit = QLineEdit(spec.host_country)
        self.host_country_edit.setMaxLength(2)
        self.host_subdivision_edit = QLineEdit(spec.host_subdivision)
        host.addRow(
            self.t(QT_TRANSLATE_NOOP("Administration", "Host country (ISO):")),
            self.host_country_edit,
        )
        host.addRow(
            self.t(QT_TRANSLATE_NOOP("Administration", "Region (e.g. BE):")),
            self.host_subdivision_edit,
        )
        layout.addLayout(host)
        today = self.desk.today()
        self.closures_list, self.closure_date, closures, self.closure_add = self._day_list(
            QT_TRANSLATE_NOOP("Administration", "Closure days"), spec.closures, today
        )
        self.extra_list, self.extra_date, extra, self.extra_add = self._day_list(
            QT_TRANSLATE_NOOP("Administration", "Extra working days"),
            spec.extra_working_days,
            today,
        )
        row = QHBoxLayout()
        row.addWidget(closures)
        row.addWidget(extra)
        layout.addLayout(row)
        self.save_calendar_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Save the calendar"), self.save_calendar
        )
        layout.addWidget(self.save_calendar_button)
        self.calendar_changes = QListWidget()
        layout.addWidget(self.calendar_changes, 1)
        return page

    def _day_list(
        self, title: str, days: tuple[date, ...], today: date
    ) -> tuple[QListWidget, QDateEdit, QGroupBox, QPushButton]:
        box = QGroupBox(self.t(title))
        layout = QVBoxLayout(box)
        days_list = QListWidget()
        for day in sorted(days):
            item = QListWidgetItem(_dmy(day))
            item.setData(Qt.ItemDataRole.UserRole, day)
            days_list.addItem(item)
        edit = self._date(today)
        add = self._button(
            QT_TRANSLATE_NOOP("Administration", "Add"), lambda: self._add_day(days_list, edit)
        )
        remove = self._button(
            QT_TRANSLATE_NOOP("Administration", "Remove"), lambda: self._remove_day(days_list)
        )
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addWidget(days_list, 1)
        layout.addLayout(row)
        return days_list, edit, box, add

    @staticmethod
    def days_in(days_list: QListWidget) -> list[date]:
        return [
            cast(date, days_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(days_list.count())
        ]

    def _add_day(self, days_list: QListWidget, edit: QDateEdit) -> None:
        day = _pydate(edit)
        if day in self.days_in(days_list):
            return
        item = QListWidgetItem(_dmy(day))
        item.setData(Qt.ItemDataRole.UserRole, day)
        days_list.addItem(item)
        days_list.sortItems()

    @staticmethod
    def _remove_day(days_list: QListWidget) -> None:
        for item in days_list.selectedItems():
            days_list.takeItem(days_list.row(item))

    @Slot()
    def save_calendar(self) -> None:
        ctx = self.desk.ctx
        country = self.host_country_edit.text()
        region = self.host_subdivision_edit.text()
        closures = self.days_in(self.closures_list)
        extra = self.days_in(self.extra_list)

        def work(_r: object, _s: object) -> Any:
            return admin_service.set_calendar_days(
                ctx,
                host_country=country,
                host_subdivision=region,
                closures=closures,
                extra_working_days=extra,
            )

        def done(result: object) -> str:
            change = cast(Any, result)
            self.calendar_changes.clear()
            for c in change.changes:
                old = _dmy(c.old_due) if c.old_due else "—"
                new = _dmy(c.new_due) if c.new_due else "—"
                self.calendar_changes.addItem(f"{c.number}: {old} → {new}")
            self.desk.announce([c.case_id for c in change.changes])
            return cast(Text, change.message).get(self.lang)

        self.run(work, done)
