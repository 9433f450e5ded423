"""The Registers page: §3(2) ID cards in custody and originals handed back (any officer).

What `qonys custody` and `qonys originals` print, for a period: shown in a table in the desk's
language, printed (preview, then the printer) or saved as PDF or CSV; a held ID card can be
released from here with where it went (`qonys custody --release ID --note TEXT`). Everything
goes through `desktop.services.registers`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import registers
from desktop.services.registers import Register, RegisterView
from desktop.ui.admin.base import (
    _FROM,
    _NEED_FILE,
    _SAVE_TO,
    _TO,
    QT_TRANSLATE_NOOP,
    AdminBase,
    _pydate,
)
from desktop.ui.fit import ColumnFitter

_REGISTER = QT_TRANSLATE_NOOP("Administration", "Register:")
_NEED_ROW = QT_TRANSLATE_NOOP("Administration", "Choose a held document in the list")
# Columns that wrap (a document's kind, where it went / to whom) and that are elided (the
# officer's name, whole in the tooltip): the table fits the page, never scrolls sideways.
_WRAP = {Register.CUSTODY: (2, 7), Register.RETURNED: (2, 5)}
_ELIDE = {Register.CUSTODY: (5,), Register.RETURNED: (6,)}


class RegistersPage(AdminBase):
    register_view: RegisterView | None = None

    def _registers_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        today = self.desk.today()
        choose = QFormLayout()
        self.register_combo = QComboBox()
        for register in Register:
            self.register_combo.addItem(self.t(registers.TITLES[register]), register.value)
        self.register_from = self._date(today.replace(month=1, day=1))
        self.register_to = self._date(today)
        self.register_held = QCheckBox(
            self.t(QT_TRANSLATE_NOOP("Administration", "Only those still held (whenever received)"))
        )
        choose.addRow(self.t(_REGISTER), self.register_combo)
        choose.addRow(self.t(_FROM), self.register_from)
        choose.addRow(self.t(_TO), self.register_to)
        choose.addRow(self.register_held)
        layout.addLayout(choose)
        self.register_combo.currentIndexChanged.connect(self._on_register_changed)

        buttons = QHBoxLayout()
        self.register_show_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Show"), self.show_register_rows
        )
        self.register_print_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Print…"), self.print_register
        )
        buttons.addWidget(self.register_show_button)
        buttons.addWidget(self.register_print_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.register_table = QTableWidget(0, 0)
        self.register_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.register_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.register_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.register_fitter = ColumnFitter(self.register_table)
        self.register_table.verticalHeader().hide()
        self.register_table.setMinimumHeight(180)
        layout.addWidget(self.register_table, 1)

        self.release_box = QGroupBox(
            self.t(QT_TRANSLATE_NOOP("Administration", "Release the selected ID card"))
        )
        form = QFormLayout(self.release_box)
        self.release_note_edit = QLineEdit()
        self.release_note_edit.setMaxLength(500)
        form.addRow(
            self.t(QT_TRANSLATE_NOOP("Administration", "Where it went:")),
            self.release_note_edit,
        )
        self.release_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Release"), self.release_selected
        )
        form.addRow(self.release_button)
        layout.addWidget(self.release_box)

        save = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Save to a file")))
        form = QFormLayout(save)
        holder, self.register_file_edit = self._file_row(
            save=True, filters="PDF (*.pdf);;CSV (*.csv)"
        )
        form.addRow(self.t(_SAVE_TO), holder)
        self.register_save_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Save the register"), self.save_register
        )
        form.addRow(self.register_save_button)
        layout.addWidget(save)
        self._on_register_changed()
        return page

    # --- choosing ---------------------------------------------------------------------------

    def current_register(self) -> Register:
        return Register(self.register_combo.currentData())

    def choose_register(self, register: Register) -> None:
        index = self.register_combo.findData(register.value)
        if index >= 0:
            self.register_combo.setCurrentIndex(index)

    @Slot()
    def _on_register_changed(self) -> None:
        custody = self.current_register() is Register.CUSTODY
        self.register_held.setVisible(custody)
        self.release_box.setVisible(custody)
        self.register_view = None
        self.register_table.clear()
        self.register_table.setRowCount(0)
        self._set_register_headers(self.current_register())

    def _set_register_headers(self, register: Register) -> None:
        columns = registers.COLUMNS[register]
        self.register_table.setColumnCount(len(columns))
        # Headers break between words, one a line: narrow columns keep them whole.
        self.register_table.setHorizontalHeaderLabels(
            [self.t(c).replace(" ", "\n") for c in columns]
        )
        fitter = self.register_fitter
        fitter.wrap, fitter.elide = _WRAP[register], _ELIDE[register]
        fitter.squeeze = _WRAP[register][-1]
        self.register_table.setWordWrap(True)
        fitter.fit()

    def _query(self) -> Callable[[], RegisterView]:
        ctx, register = self.desk.ctx, self.current_register()
        start, end = _pydate(self.register_from), _pydate(self.register_to)
        held = self.register_held.isChecked() and register is Register.CUSTODY
        return lambda: registers.view(ctx, register, start, end, held_only=held)

    # --- showing ----------------------------------------------------------------------------

    @Slot()
    def show_register_rows(self) -> None:
        query = self._query()

        def done(result: object) -> str:
            self.fill_register(cast(RegisterView, result))
            rows = len(cast(RegisterView, result).rows)
            return self.tf(QT_TRANSLATE_NOOP("Administration", "Entries: {n}"), n=rows)

        self.run(lambda _r, _s: query(), done)

    def fill_register(self, data: RegisterView) -> None:
        self.register_view = data
        self._set_register_headers(data.register)
        table = self.register_table
        table.setRowCount(len(data.rows))
        for i, row in enumerate(data.rows):
            for j, text in enumerate(row.cells(data.register, self.lang)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                table.setItem(i, j, item)
        self.register_fitter.fit()

    def register_cell(self, row: int, column: int) -> str:
        item = self.register_table.item(row, column)
        return item.text() if item is not None else ""

    # --- releasing, printing, saving --------------------------------------------------------

    @Slot()
    def release_selected(self) -> None:
        data = self.register_view
        row = self.register_table.currentRow()
        if data is None or row < 0 or data.rows[row].released_on is not None:
            self._refuse(_NEED_ROW)
            return
        entry, note = data.rows[row], self.release_note_edit.text()
        ctx, query = self.desk.ctx, self._query()

        def work(_r: object, _s: object) -> RegisterView:
            registers.release(ctx, entry.id, note)
            return query()

        def done(result: object) -> str:
            self.release_note_edit.clear()
            self.fill_register(cast(RegisterView, result))
            self.desk.announce([entry.case_id])
            return self.tf(
                QT_TRANSLATE_NOOP("Administration", "{document} of case {number} released: {note}"),
                number=entry.case_number,
                document=entry.document_number,
                note=note,
            )

        self.run(work, done)

    @Slot()
    def print_register(self) -> None:
        from desktop.ui.printing import HandoutPreview, pdf_images

        ctx, query = self.desk.ctx, self._query()

        def work(_r: object, _s: threading.Event) -> tuple[RegisterView, bytes, list[QImage]]:
            data = query()
            pdf = registers.render(ctx, data, "pdf")
            return data, pdf, pdf_images(pdf)

        def done(result: object) -> str:
            data, pdf, images = cast(tuple[RegisterView, bytes, list[QImage]], result)
            self.fill_register(data)
            title = self.t(registers.TITLES[data.register])
            self.register_preview = HandoutPreview(pdf, images, title, self)
            self.register_preview.open()
            return title

        self.run(work, done)

    @Slot()
    def save_register(self) -> None:
        out = self._path(self.register_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        if out.suffix.lower() not in (".pdf", ".csv"):
            out = out.with_suffix(".pdf")
        ctx, query = self.desk.ctx, self._query()

        def work(_r: object, _s: object) -> Any:
            data = query()
            return data, registers.write(ctx, data, out)

        def done(result: object) -> str:
            data, written = cast(tuple[RegisterView, registers.Written], result)
            self.fill_register(data)
            return self.tf(
                QT_TRANSLATE_NOOP("Administration", "Rows written to {path}: {rows}"),
                rows=written.rows,
                path=written.path,
            )

        self.run(work, done)
