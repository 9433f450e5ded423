"""The Journal and monitoring page: the Annex 5 journal and the §14 monitoring export."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.services import admin as admin_service
from desktop.ui.admin.base import (
    _FROM,
    _NEED_FILE,
    _SAVE_TO,
    _TO,
    QT_TRANSLATE_NOOP,
    AdminBase,
    _pydate,
)


class ReportsPage(AdminBase):
    def _reports_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        today = self.desk.today()
        first = today.replace(day=1)
        journal = QGroupBox(
            self.t(QT_TRANSLATE_NOOP("Administration", "Journal of permissions (Annex 5)"))
        )
        form = QFormLayout(journal)
        self.journal_from = self._date(first)
        self.journal_to = self._date(today)
        self.journal_format = QComboBox()
        self.journal_format.addItem("PDF", "pdf")
        self.journal_format.addItem("CSV", "csv")
        holder, self.journal_file_edit = self._file_row(
            save=True, filters="PDF (*.pdf);;CSV (*.csv)"
        )
        form.addRow(self.t(_FROM), self.journal_from)
        form.addRow(self.t(_TO), self.journal_to)
        form.addRow(self.t(QT_TRANSLATE_NOOP("Administration", "Format:")), self.journal_format)
        form.addRow(self.t(_SAVE_TO), holder)
        self.journal_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Save the journal"), self.save_journal
        )
        self.journal_print_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Print…"), self.print_journal
        )
        row = QHBoxLayout()
        row.addWidget(self.journal_button, 1)
        row.addWidget(self.journal_print_button)
        form.addRow(row)
        layout.addWidget(journal)

        monitoring = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Monitoring data (§14)")))
        form = QFormLayout(monitoring)
        self.monitoring_from = self._date(first)
        self.monitoring_to = self._date(today)
        self.monitoring_iin = QCheckBox(
            self.t(QT_TRANSLATE_NOOP("Administration", "Include the applicants' IINs"))
        )
        holder, self.monitoring_file_edit = self._file_row(
            save=True, filters="CSV (*.csv);;JSON (*.json)"
        )
        form.addRow(self.t(_FROM), self.monitoring_from)
        form.addRow(self.t(_TO), self.monitoring_to)
        form.addRow(self.monitoring_iin)
        form.addRow(self.t(_SAVE_TO), holder)
        self.monitoring_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Save the data"), self.save_monitoring
        )
        form.addRow(self.monitoring_button)
        layout.addWidget(monitoring)
        layout.addStretch(1)
        return page

    def _written(self, result: object) -> str:
        w = cast(admin_service.Written, result)
        return self.tf(
            QT_TRANSLATE_NOOP("Administration", "{rows} rows written to {path}"),
            rows=w.rows,
            path=w.path,
        )

    @Slot()
    def save_journal(self) -> None:
        out = self._path(self.journal_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        suffix = "." + str(self.journal_format.currentData())
        if out.suffix.lower() != suffix:
            out = out.with_suffix(suffix)
        ctx, start, end = self.desk.ctx, _pydate(self.journal_from), _pydate(self.journal_to)
        self.run(lambda _r, _s: admin_service.write_journal(ctx, start, end, out), self._written)

    @Slot()
    def print_journal(self) -> None:
        """The period's journal in the print preview (then the printer), as `qonys print
        journal` renders it."""
        from desktop.services import handouts
        from desktop.ui.printing import HandoutPreview, pdf_images

        ctx, start, end = self.desk.ctx, _pydate(self.journal_from), _pydate(self.journal_to)

        def work(_r: object, _s: object) -> tuple[bytes, list[QImage]]:
            pdf = handouts.print_journal(ctx, start, end, "pdf")
            return pdf, pdf_images(pdf)

        def done(result: object) -> str:
            pdf, images = cast(tuple[bytes, list[QImage]], result)
            title = self.t(QT_TRANSLATE_NOOP("Administration", "Journal of permissions (Annex 5)"))
            self.journal_preview = HandoutPreview(pdf, images, title, self)
            self.journal_preview.open()
            return title

        self.run(work, done)

    @Slot()
    def save_monitoring(self) -> None:
        out = self._path(self.monitoring_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        if out.suffix.lower() not in (".csv", ".json"):
            out = out.with_suffix(".csv")
        ctx = self.desk.ctx
        start, end = _pydate(self.monitoring_from), _pydate(self.monitoring_to)
        iin = self.monitoring_iin.isChecked()
        self.run(
            lambda _r, _s: admin_service.write_monitoring(ctx, start, end, out, include_iin=iin),
            self._written,
        )
