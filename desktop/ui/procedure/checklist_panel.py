"""The §3 checklist of a case: each required document, why it is needed, received or not.

The officer ticks what was received and types an expiry date where a document has one; the
panel saves each change through `procedure.record_item` at once. Items cannot be added (§3:
"no other documents may be requested"). After acceptance the panel is read-only and shows the
version of §3 the case was accepted under.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services import procedure
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError

if TYPE_CHECKING:
    from desktop.services.scanner import ScanSource
    from desktop.ui.scan_dialog import ScanDialog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1

COL_RECEIVED, COL_DOCUMENT, COL_WHY, COL_EXPIRES, COL_SCANS = range(5)


class ChecklistPanel(QWidget):
    """Signals: `checklist_changed()` after an item was saved; `error(str)` on a refusal."""

    checklist_changed = Signal()
    error = Signal(str)

    def __init__(
        self, ctx: DeskContext, case_id: int, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._lang = lang
        self._loading = False
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Received"),
                self.tr("Document"),
                self.tr("Why"),
                self.tr("Expires"),
                self.tr("Scans"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DOCUMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.status = QLabel()
        self.scan_button = QPushButton(self.tr("Scan copies of the selected document…"))
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.table)
        layout.addWidget(self.scan_button)
        layout.addWidget(self.status)
        self.view: procedure.ChecklistView | None = None
        self.refresh()

    def refresh(self) -> None:
        view = procedure.get_checklist(self._ctx, self._case_id)
        self.view = view
        self._loading = True
        try:
            self.table.setRowCount(len(view.status.entries))
            editable = not view.frozen
            for row, entry in enumerate(view.status.entries):
                check = QTableWidgetItem()
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                check.setFlags(flags)
                check.setCheckState(
                    Qt.CheckState.Checked if entry.state.received else Qt.CheckState.Unchecked
                )
                check.setData(KEY_ROLE, entry.key)
                self.table.setItem(row, COL_RECEIVED, check)
                doc = QTableWidgetItem(
                    f"{entry.item.label.get(self._lang)}  ({entry.item.paragraph})"
                )
                doc.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, COL_DOCUMENT, doc)
                why = QTableWidgetItem(entry.item.why.get(self._lang))
                why.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, COL_WHY, why)
                expires = QTableWidgetItem(
                    entry.state.expires_on.strftime("%d.%m.%Y") if entry.state.expires_on else ""
                )
                expires_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable and entry.item.has_expiry:
                    expires_flags |= Qt.ItemFlag.ItemIsEditable
                expires.setFlags(expires_flags)
                if entry.expired:
                    expires.setBackground(QColor("#f8d7da"))
                    expires.setToolTip(self.tr("Expired: the set cannot be accepted (§5)"))
                self.table.setItem(row, COL_EXPIRES, expires)
                scans = QTableWidgetItem(str(len(entry.state.scan_ids)))
                scans.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, COL_SCANS, scans)
        finally:
            self._loading = False
        self.table.resizeRowsToContents()
        version = view.status.ruleset
        self.header.setText(
            self.tr("§3 checklist, version {version}{frozen}").format(
                version=version,
                frozen=self.tr(" (as accepted)") if view.frozen else "",
            )
        )
        if view.frozen:
            self.status.setText(self.tr("The set as it stood when the case left the draft stage"))
        elif view.status.complete:
            self.status.setText(self.tr("Complete: the documents can be accepted (§4)"))
        else:
            self.status.setText(
                self.tr("Missing: {missing}; expired: {expired}").format(
                    missing=len(view.status.missing), expired=len(view.status.expired)
                )
            )

    def row_of(self, key: str) -> int:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_RECEIVED)
            if item is not None and item.data(KEY_ROLE) == key:
                return row
        raise KeyError(key)

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (COL_RECEIVED, COL_EXPIRES):
            return
        row = item.row()
        check = self.table.item(row, COL_RECEIVED)
        expires_item = self.table.item(row, COL_EXPIRES)
        if check is None or expires_item is None:
            return
        key = str(check.data(KEY_ROLE))
        expires: date | None = None
        text = expires_item.text().strip()
        if text:
            parsed = QDate.fromString(text, "dd.MM.yyyy")
            if not parsed.isValid():
                self.error.emit(self.tr("Dates are written as DD.MM.YYYY"))
                QTimer.singleShot(0, self.refresh)
                return
            expires = date(parsed.year(), parsed.month(), parsed.day())
        try:
            procedure.record_item(
                self._ctx,
                self._case_id,
                key,
                received=check.checkState() == Qt.CheckState.Checked,
                expires_on=expires,
            )
        except KnownError as exc:
            self.error.emit(exc.message.get(self._lang))
        # Rebuild after this signal has returned: the item being edited is replaced.
        QTimer.singleShot(0, self._on_saved)

    def open_scan_dialog(
        self, key: str, *, sources: Sequence[ScanSource] | None = None
    ) -> ScanDialog:
        """The scan dialog for one item (issue 7), not yet shown; the scan count refreshes
        when it saves."""
        from desktop.ui.scan_dialog import ScanDialog

        dialog = ScanDialog(self._ctx, self._case_id, key, sources=sources, parent=self)
        dialog.document_saved.connect(self._on_scan_dialog_document_saved)
        dialog.prefilled.connect(self._on_scan_dialog_document_saved)
        return dialog

    @Slot(object)
    def _on_scan_dialog_document_saved(self, _info: object) -> None:
        self._on_saved()

    @Slot()
    def _on_scan_button_clicked(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, COL_RECEIVED) if row >= 0 else None
        if item is None:
            self.error.emit(self.tr("Select the document to scan in the list"))
            return
        self.open_scan_dialog(str(item.data(KEY_ROLE))).open()

    @Slot()
    def _on_saved(self) -> None:
        self.refresh()
        self.checklist_changed.emit()
