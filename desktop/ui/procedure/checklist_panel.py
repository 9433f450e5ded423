"""The §3 checklist of a case: each required document, why it is needed, received or not.

The officer ticks what was received and types an expiry date where a document has one; the
panel saves each change through `procedure.record_item` at once. Items cannot be added (§3:
"no other documents may be requested"). After acceptance the panel is read-only and shows the
version of §3 the case was accepted under.

Issue 12: "Case facts…" opens the facts editor (identity documents and their state, alimony,
debts, fee exemption, legal representative); the Form column chooses which form of a document
was given (birth certificate or certificate of birth, notarised consent or court permission);
"Original handed back…" records a passport or birth-certificate original returned (§3(2));
the warnings the checklist raises (what the text leaves to the officer) are listed below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.checklist import ChecklistEntry
from desktop.domain.formats import cite_in
from desktop.services import originals, procedure
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError
from desktop.ui.fit import ColumnFitter
from desktop.ui.flow import wrapping_row

if TYPE_CHECKING:
    from desktop.services.scanner import ScanSource
    from desktop.ui.scan_dialog import ScanDialog

KEY_ROLE = Qt.ItemDataRole.UserRole + 1

COL_RECEIVED, COL_DOCUMENT, COL_WHY, COL_EXPIRES, COL_SCANS, COL_FORM, COL_ORIGINAL = range(7)


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
        self.table = QTableWidget(0, 7)

        # The narrow columns' headers break between words ("Жарамдылық / мерзімі"): the
        # Document and Why columns keep the width (issue 14).
        def _narrow(text: str) -> str:
            return text.replace(" ", "\n").replace("-", "-\n")

        self.table.setHorizontalHeaderLabels(
            [
                "✓",
                self.tr("Document"),
                self.tr("Why"),
                _narrow(self.tr("Expires")),
                _narrow(self.tr("Scans")),
                self.tr("Form"),
                self.tr("Original"),
            ]
        )
        received = self.table.horizontalHeaderItem(COL_RECEIVED)
        if received is not None:  # a tick over the ticks; the word in the tooltip
            received.setToolTip(self.tr("Received"))
        header = self.table.horizontalHeader()
        # The table fits the dock's width (issue 14): the tick, the expiry date and the count
        # keep their width; Document, Why and Original wrap their words onto more lines; the
        # Form choice gives way first. Never a sideways scroll.
        # In a dock too narrow for all of them, Why and then Original leave the table and are
        # said for the selected document under it.
        self.fitter = ColumnFitter(
            self.table,
            wrap=(COL_DOCUMENT, COL_WHY, COL_ORIGINAL),
            elide=(COL_FORM,),
            optional=(COL_WHY, COL_ORIGINAL),
            squeeze=COL_DOCUMENT,
        )
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setObjectName("checklist_details")
        self.fitter.hidden_changed.connect(self._show_details)
        self.table.currentCellChanged.connect(lambda *_: self._show_details())
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.viewport().installEventFilter(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("checklist_warnings")
        self.scan_button = QPushButton(self.tr("Scan copies of the selected document…"))
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.facts_button = QPushButton(self.tr("Case facts (identity, fee, representative)…"))
        self.facts_button.clicked.connect(self._on_facts_button_clicked)
        self.return_button = QPushButton(self.tr("Original handed back…"))
        self.return_button.setToolTip(
            self.tr("§3(2): a passport or birth certificate is copied and its original returned")
        )
        self.return_button.clicked.connect(self._on_return_button_clicked)
        self.facts_dialog: QWidget | None = None
        # The buttons wrap in a narrow dock (a 1366-pixel screen): never a sideways scroll.
        self.buttons_row, buttons = wrapping_row()
        for button in (self.facts_button, self.scan_button, self.return_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons_row)
        layout.addWidget(self.status)
        layout.addWidget(self.warnings)
        self.view: procedure.ChecklistView | None = None
        self.refresh()

    def refresh(self) -> None:
        view = procedure.get_checklist(self._ctx, self._case_id)
        self.view = view
        returned = {r.item_key: r for r in originals.for_case(self._ctx, self._case_id)}
        held = {c.item_key for c in view.custody if c.released_at is None}
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
                    f"{entry.item.label.get(self._lang)}  ({cite_in(entry.item.paragraph, self._lang)})"
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
                elif (
                    not entry.item.expiry_refuses
                    and entry.state.expires_on is not None
                    and entry.state.expires_on < view.status.on
                ):
                    expires.setBackground(QColor("#fff3cd"))
                    expires.setToolTip(
                        self.tr("Expired: the explanation route of §3(2) applies, not a refusal")
                    )
                self.table.setItem(row, COL_EXPIRES, expires)
                scans = QTableWidgetItem(str(len(entry.state.scan_ids)))
                scans.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, COL_SCANS, scans)
                self._set_form_cell(row, entry, editable)
                back = returned.get(entry.key)
                if back is not None:
                    original = self.tr("Handed back {on} to {name}").format(
                        on=back.returned_on.strftime("%d.%m.%Y"), name=back.returned_to
                    )
                elif entry.item.retained_original:
                    original = (
                        self.tr("Retained (custody register)")
                        if entry.key in held or view.frozen
                        else self.tr("Retained at acceptance")
                    )
                elif entry.item.returned_original:
                    original = self.tr("To be handed back")
                else:
                    original = ""
                cell = QTableWidgetItem(original)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, COL_ORIGINAL, cell)
        finally:
            self._loading = False
        self.fitter.fit()
        self.table.resizeRowsToContents()
        self._show_details()
        version = view.status.ruleset
        self.header.setText(
            self.tr("§3 checklist, version {version}{frozen}").format(
                version=version,
                frozen=self.tr(" (as accepted)") if view.frozen else "",
            )
        )
        self.header.setToolTip(view.rules.get(self._lang))
        self.facts_button.setEnabled(not view.frozen)
        self.warnings.setText("\n".join("⚠ " + w.get(self._lang) for w in view.status.warnings))
        self.warnings.setVisible(bool(view.status.warnings))
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

    def _set_form_cell(self, row: int, entry: ChecklistEntry, editable: bool) -> None:
        """The Form column: which of the accepted forms was given (§3(2), §3(6))."""
        self.table.removeCellWidget(row, COL_FORM)
        chosen = entry.item.variant(entry.state.variant)
        cell = QTableWidgetItem(chosen.label.get(self._lang) if chosen else "")
        cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, COL_FORM, cell)
        if not entry.item.variants or not editable:
            return
        combo = QComboBox()
        combo.setObjectName(f"form:{entry.key}")
        combo.addItem("—", "")
        for v in entry.item.variants:
            combo.addItem(v.label.get(self._lang), v.key)
        combo.setCurrentIndex(max(combo.findData(entry.state.variant), 0))
        combo.currentIndexChanged.connect(
            lambda _i, key=entry.key, c=combo: self.choose_form(key, str(c.currentData() or ""))
        )
        self.table.setCellWidget(row, COL_FORM, combo)

    def choose_form(self, key: str, variant: str) -> None:
        """Record which form of the document was given (keeps received and expiry as they are)."""
        if self._loading or self.view is None:
            return
        entry = self.view.status.entry(key)
        try:
            procedure.record_item(
                self._ctx,
                self._case_id,
                key,
                received=entry.state.received,
                expires_on=entry.state.expires_on,
                note=entry.state.note,
                variant=variant,
            )
        except KnownError as exc:
            self.error.emit(exc.message.get(self._lang))
        QTimer.singleShot(0, self._on_saved)

    def form_combo(self, key: str) -> QComboBox:
        widget = self.table.cellWidget(self.row_of(key), COL_FORM)
        assert isinstance(widget, QComboBox)
        return widget

    def open_facts_dialog(self) -> QWidget:
        """The facts editor (not yet shown); the checklist refreshes when it saves."""
        from desktop.ui.procedure.facts_dialog import FactsDialog

        dialog = FactsDialog(self._ctx, self._case_id, lang=self._lang, parent=self)
        dialog.saved.connect(self._on_saved)
        self.facts_dialog = dialog
        return dialog

    @Slot()
    def _on_facts_button_clicked(self) -> None:
        dialog = self.open_facts_dialog()
        dialog.show()

    def record_returned(self, key: str, returned_to: str) -> bool:
        """§3(2): record the original of `key` handed back to `returned_to` today."""
        try:
            originals.return_original(self._ctx, self._case_id, key, returned_to)
        except KnownError as exc:
            self.error.emit(exc.message.get(self._lang))
            return False
        self._on_saved()
        return True

    @Slot()
    def _on_return_button_clicked(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, COL_RECEIVED) if row >= 0 else None
        if item is None or self.view is None:
            self.error.emit(self.tr("Select the document in the list"))
            return
        key = str(item.data(KEY_ROLE))
        default = self.view.case.full_name
        name, ok = QInputDialog.getText(
            self,
            self.tr("Original handed back"),
            self.tr("To whom was the original handed back?"),
            QLineEdit.EchoMode.Normal,
            default,
        )
        if ok:
            self.record_returned(key, name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Wrapped texts need taller rows when the dock narrows (stretched columns resize
        # without a sectionResized signal).
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            QTimer.singleShot(0, self.table.resizeRowsToContents)
        return False

    @Slot()
    def _show_details(self) -> None:
        """The hidden columns' text for the selected document (or the first one)."""
        hidden = self.fitter.hidden
        row = max(0, self.table.currentRow())
        lines = []
        if self.table.rowCount() and hidden:
            document = self.table.item(row, COL_DOCUMENT)
            if document is not None:
                lines.append(document.text())
            for column in hidden:
                cell = self.table.item(row, column)
                header = self.table.horizontalHeaderItem(column)
                if cell is not None and cell.text() and header is not None:
                    lines.append(f"{header.text().replace(chr(10), ' ')}: {cell.text()}")
        self.details.setText("\n".join(lines))
        self.details.setVisible(bool(lines))

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

        dialog = ScanDialog(
            self._ctx, self._case_id, key, sources=sources, lang=self._lang, parent=self
        )
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
