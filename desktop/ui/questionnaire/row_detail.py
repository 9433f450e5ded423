"""The fields of one row of an Annex 1 table (items 11-14), as a form under its grid.

The grids have up to nine columns (relatives: name, IIN, kinship, deceased, year and place of
birth, country and address, workplace, place of marriage): side by side they are twice as wide
as the questionnaire at 1366x768. The grid therefore shows a few columns that tell the rows
apart (the name elided, whole in its tooltip), and this form shows every field of the current
row, one under another with its bilingual label, as the rest of the questionnaire does (issue
14: no sideways scrolling). What is typed here goes into the same model as the grid's cells.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import form_labels
from desktop.domain.validation import Severity
from desktop.ui.questionnaire.rows import CHECK, CHOICE, DATE, YEAR, Column, RowsModel

_Index = QModelIndex | QPersistentModelIndex

ERROR_MARK = "✖"
WARNING_MARK = "⚠"


class RowDetail(QWidget):
    """Every field of the grid's current row; disabled while no row is chosen."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.row = -1
        self._loading = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for column in model.spec.columns:
            editor = self._editor(column)
            text = form_labels.label(f"{model.spec.name}.{column.key}")
            label = QLabel(text.bilingual)
            label.setWordWrap(True)
            label.setMinimumWidth(160)
            label.setMaximumWidth(240)
            label.setBuddy(editor)
            editor.setAccessibleName(text.get("ru"))
            message = QLabel()
            message.setWordWrap(True)
            message.setVisible(False)
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(message)
            form.addRow(label, holder)
            self.editors[column.key] = editor
            self.messages[column.key] = message
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        model.dataChanged.connect(self._on_model_data_changed)
        model.modelReset.connect(self.reload)
        model.rowsRemoved.connect(self.reload)
        model.rowsMoved.connect(self.reload)
        self.show_row(-1)

    def _editor(self, column: Column) -> QWidget:
        key = column.key
        if column.kind == CHOICE and column.choices is not None:
            combo = QComboBox()
            combo.addItem("—", "")
            for code, label in column.choices.items():
                combo.addItem(label.bilingual, code)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.activated.connect(lambda _i, k=key, c=combo: self._write(k, c.currentData()))
            return combo
        if column.kind == CHECK:
            check = QCheckBox()
            check.clicked.connect(lambda on, k=key: self._write_check(k, bool(on)))
            return check
        edit = QLineEdit()
        if column.kind == DATE:
            edit.setMaxLength(10)
            edit.setPlaceholderText(self.tr("DD.MM.YYYY"))
        elif column.kind == YEAR:
            edit.setMaxLength(4)
        edit.textEdited.connect(lambda text, k=key: self._write(k, text))
        return edit

    # --- showing a row ----------------------------------------------------------------------

    def show_row(self, row: int) -> None:
        self.row = row if 0 <= row < self.model.rowCount() else -1
        self.reload()

    @Slot()
    def reload(self) -> None:
        if self.row >= self.model.rowCount():
            self.row = self.model.rowCount() - 1
        present = self.row >= 0
        self._loading = True
        try:
            for i, column in enumerate(self.model.spec.columns):
                editor = self.editors[column.key]
                value = self.model.index(self.row, i).data(Qt.ItemDataRole.EditRole)
                if isinstance(editor, QLineEdit):
                    if editor.text() != str(value or ""):
                        editor.setText(str(value or ""))
                    editor.setReadOnly(self.model.read_only)
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(editor.findData(value or ""), 0))
                elif isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                editor.setEnabled(
                    present and (not self.model.read_only or isinstance(editor, QLineEdit))
                )
            self._show_issues()
        finally:
            self._loading = False
        self.retranslate()

    def _show_issues(self) -> None:
        lang = self.model.lang()
        for key, label in self.messages.items():
            issue = self.model.issue_at(self.row, key)
            editor = self.editors[key]
            if issue is None:
                label.clear()
                label.setVisible(False)
                editor.setAccessibleDescription("")
                continue
            if issue.severity is Severity.ERROR:
                text = self.tr("{mark} Error: {message}").format(
                    mark=ERROR_MARK, message=issue.message.get(lang)
                )
            else:
                text = self.tr("{mark} Warning: {message}").format(
                    mark=WARNING_MARK, message=issue.message.get(lang)
                )
            label.setText(text)
            label.setVisible(True)
            editor.setAccessibleDescription(text)

    def retranslate(self) -> None:
        if self.row < 0:
            self.heading.setText(
                self.tr("Choose a row (or add one with Insert) to fill in its fields")
            )
        else:
            self.heading.setText(self.tr("Row {n}: every field").format(n=self.row + 1))
        for key, editor in self.editors.items():
            if (
                isinstance(editor, QLineEdit)
                and self.model.spec.columns[self.model.column_of(key)].kind == DATE
            ):
                editor.setPlaceholderText(self.tr("DD.MM.YYYY"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_issues()
        super().changeEvent(event)

    def focus_field(self, key: str) -> None:
        editor = self.editors.get(key)
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- writing back ---------------------------------------------------------------------

    def _write(self, key: str, value: object) -> None:
        if self._loading or self.row < 0:
            return
        index = self.model.index(self.row, self.model.column_of(key))
        self._loading = True  # the model's dataChanged must not retype the field being typed
        try:
            self.model.setData(index, value, Qt.ItemDataRole.EditRole)
        finally:
            self._loading = False
        self._show_issues()

    def _write_check(self, key: str, on: bool) -> None:
        if self._loading or self.row < 0:
            return
        index = self.model.index(self.row, self.model.column_of(key))
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)

    def _on_model_data_changed(self, top: _Index, bottom: _Index, *_roles: object) -> None:
        if not self._loading and top.row() <= self.row <= bottom.row():
            self.reload()
        elif self._loading:
            self._show_issues()


__all__ = ["RowDetail"]
