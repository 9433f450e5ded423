"""The three tables of Annex 1 (minor children, item 17 relatives, item 18 employment) as
editable Qt models, with keyboard add/remove/reorder in `RowTable`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import form_labels
from desktop.domain.codes import KINSHIP, RESIDENCE, SEX_LABELS
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Employment, Relative, Sex
from desktop.domain.validation import Issue, Severity
from desktop.ui.questionnaire.values import (
    M_DATE,
    M_YEAR,
    format_date,
    input_issue,
    parse_date,
    parse_year,
)

_Index = QModelIndex | QPersistentModelIndex

TEXT, DATE, YEAR, CHOICE, CHECK = "text", "date", "year", "choice", "check"

# The clearance column asks "has / has not" (бар / жоқ, имеется / не имеется).
YES_NO = {
    "yes": Text("бар", "имеется", "yes"),
    "no": Text("жоқ", "не имеется", "no"),
}
# Check boxes say their state in words too (screen readers, no colour-only information).
CHECKED = {True: Text("иә", "да", "yes"), False: Text("жоқ", "нет", "no")}


@dataclass(frozen=True)
class Column:
    key: str
    kind: str = TEXT
    choices: dict[str, Text] | None = None
    width: int = 140


@dataclass(frozen=True)
class TableSpec:
    name: str  # the questionnaire list: children, relatives, employment
    row_type: type
    columns: tuple[Column, ...]
    # The columns the grid shows, to tell the rows apart; the first is elided (whole in its
    # tooltip) and takes the width left. Every field is in the row's form under the grid.
    summary: tuple[str, ...] = ()


CHILDREN = TableSpec(
    "children",
    Child,
    (
        Column("full_name", width=240),
        Column("iin", width=160),
        Column("birth_date", DATE, width=110),
        Column("passport_number", width=110),
        Column("sex", CHOICE, SEX_LABELS, width=130),
        Column("with_one_representative", CHECK, width=170),
        # §3(6): the other representative's consent is needed only if they live in Kazakhstan.
        Column("other_representative_residence", CHOICE, RESIDENCE, width=190),
    ),
    ("full_name", "birth_date", "sex"),
)
RELATIVES = TableSpec(
    "relatives",
    Relative,
    (
        Column("full_name", width=240),
        Column("iin", width=160),
        Column("kinship", CHOICE, KINSHIP, width=150),
        Column("deceased", CHECK, width=90),
        Column("birth_year", YEAR, width=90),
        Column("birth_place", width=160),
        Column("country_and_address", width=200),
        Column("workplace", width=160),
        Column("marriage_registration_place", width=180),
    ),
    ("full_name", "kinship", "birth_year"),
)
EMPLOYMENT = TableSpec(
    "employment",
    Employment,
    (
        Column("year_from", YEAR, width=90),
        Column("year_to", YEAR, width=90),
        Column("organisation", width=200),
        Column("organisation_address", width=200),
        Column("workplace", width=150),
        Column("position", width=150),
        Column("state_secrets_clearance", CHOICE, YES_NO, width=150),
    ),
    ("organisation", "year_from", "year_to"),
)

Row = dict[str, Any]


def row_from(spec: TableSpec, item: Any) -> Row:
    """A dataclass row (Child, Relative, Employment) as the raw values the table edits."""
    row: Row = {}
    for column in spec.columns:
        value = getattr(item, column.key)
        if column.kind == DATE:
            row[column.key] = format_date(value)
        elif column.kind == YEAR:
            row[column.key] = "" if value is None else str(value)
        elif column.kind == CHECK:
            row[column.key] = bool(value)
        elif column.key == "state_secrets_clearance":
            row[column.key] = "" if value is None else ("yes" if value else "no")
        elif isinstance(value, StrEnum):
            row[column.key] = value.value
        else:
            row[column.key] = value or ""
    return row


def item_from(spec: TableSpec, index: int, row: Row, issues: list[Issue]) -> Any:
    """The dataclass for a table row; unreadable dates and years become input issues."""
    values: dict[str, Any] = {}
    known = {f.name for f in fields(spec.row_type)}
    for column in spec.columns:
        raw = row.get(column.key)
        path = f"{spec.name}[{index}].{column.key}"
        if column.kind == DATE:
            try:
                values[column.key] = parse_date(str(raw or ""))
            except ValueError:
                issues.append(input_issue(path, M_DATE))
                values[column.key] = None
        elif column.kind == YEAR:
            try:
                values[column.key] = parse_year(str(raw or ""))
            except ValueError:
                issues.append(input_issue(path, M_YEAR))
                values[column.key] = None
        elif column.kind == CHECK:
            values[column.key] = bool(raw)
        elif column.key == "sex":
            values[column.key] = Sex(raw) if raw else None
        elif column.key == "state_secrets_clearance":
            values[column.key] = None if not raw else raw == "yes"
        else:
            values[column.key] = str(raw or "").strip() if column.key in known else raw
    return spec.row_type(**values)


def empty_row(spec: TableSpec) -> Row:
    return row_from(spec, spec.row_type())


class RowsModel(QAbstractTableModel):
    """Editable rows of one Annex 1 table. Cells with an issue carry an icon and its message.

    Signals:
        edited(int): the officer changed a value in this row (or added/removed/moved one: -1).
    """

    edited = Signal(int)

    def __init__(self, spec: TableSpec, lang: Callable[[], str]) -> None:
        super().__init__()
        self.spec = spec
        self._lang = lang
        self._rows: list[Row] = []
        self._issues: dict[tuple[int, str], Issue] = {}
        self.read_only = False

    # --- content --------------------------------------------------------------------------

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self._issues = {}
        self.endResetModel()

    def rows(self) -> list[Row]:
        return [dict(r) for r in self._rows]

    def insert_row(self, at: int) -> int:
        at = max(0, min(at, len(self._rows)))
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, empty_row(self.spec))
        self.endInsertRows()
        self.edited.emit(-1)
        return at

    def remove_row(self, row: int) -> bool:
        if not 0 <= row < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit(-1)
        return True

    def move_row(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        # Qt's destination index is "before which row", counted before the move.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        self.edited.emit(-1)
        return target

    def set_issues(self, issues: list[Issue]) -> None:
        marks: dict[tuple[int, str], Issue] = {}
        prefix = self.spec.name + "["
        for issue in issues:
            if not issue.path.startswith(prefix):
                continue
            index_text, _, key = issue.path[len(prefix) :].partition("].")
            if not index_text.isdigit():
                continue
            place = (int(index_text), key)
            # An error outranks a warning in the same cell.
            if place not in marks or issue.severity is Severity.ERROR:
                marks[place] = issue
        if marks != self._issues:
            self._issues = marks
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(self.spec.columns) - 1)
                )

    def lang(self) -> str:
        return self._lang()

    def issue_at(self, row: int, key: str) -> Issue | None:
        return self._issues.get((row, key))

    def column_of(self, key: str) -> int:
        for i, column in enumerate(self.spec.columns):
            if column.key == key:
                return i
        return 0

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.spec.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if self.spec.columns[index.column()].kind == CHECK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.spec.columns[index.column()]
        raw = self._rows[index.row()].get(column.key)
        issue = self._issues.get((index.row(), column.key))
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == CHECK:
                return self._yes_no(bool(raw))
            if column.kind == CHOICE and column.choices is not None:
                label = column.choices.get(str(raw))
                return label.bilingual if label else ""
            return str(raw or "")
        if role == Qt.ItemDataRole.EditRole:
            return raw
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == CHECK:
            return Qt.CheckState.Checked if raw else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            # An elided name is whole in its tooltip; a cell with an issue says the issue too.
            whole = self.data(index, Qt.ItemDataRole.DisplayRole)
            if issue is None:
                return whole or None
            said = issue.message.get(self._lang())
            return f"{whole}\n{said}" if whole else said
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return issue.message.get(self._lang()) if issue else None
        if role == Qt.ItemDataRole.DecorationRole and issue is not None:
            style = QApplication.style()
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if issue.severity is Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return style.standardIcon(pixmap)
        return None

    def _yes_no(self, value: bool) -> str:
        return CHECKED[value].bilingual

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.read_only:
            return False
        column = self.spec.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == CHECK:
            state = value.value if isinstance(value, Qt.CheckState) else value
            row[column.key] = state == Qt.CheckState.Checked.value
        elif role == Qt.ItemDataRole.EditRole and column.kind != CHECK:
            row[column.key] = "" if value is None else str(value)
        else:
            return False
        self.dataChanged.emit(index, index)
        self.edited.emit(index.row())
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        if not 0 <= section < len(self.spec.columns):
            return None
        label = form_labels.label(f"{self.spec.name}.{self.spec.columns[section].key}")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label.kk} /\n{label.ru}"  # one language a line, as the form's columns
        return label.get(self._lang())


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for coded cells (sex, kinship, clearance): the stored value is the key."""

    def __init__(self, choices: dict[str, Text], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(  # noqa: N802
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: _Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem("", "")
        for key, label in self._choices.items():
            combo.addItem(label.bilingual, key)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(found, 0))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: Any, index: _Index
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RowTable(QWidget):
    """A table with its buttons and the current row's form. Keys (while the table has focus):
    Insert adds a row below, Ctrl+Delete removes the current row, Ctrl+Shift+Up/Down move it;
    Tab goes on to the row's fields.

    The grid shows the spec's summary columns, fitted to its width (the first elided, whole in
    its tooltip); every field of the current row is in `detail`, so nothing scrolls sideways
    at 1366x768 (issue 14)."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        from desktop.ui.questionnaire.row_detail import RowDetail

        super().__init__(parent)
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        summary = model.spec.summary or tuple(c.key for c in model.spec.columns)
        for i, column in enumerate(model.spec.columns):
            if column.choices is not None:
                self.view.setItemDelegateForColumn(i, ChoiceDelegate(column.choices, self.view))
            shown = column.key in summary
            self.view.setColumnHidden(i, not shown)
            if column.key == summary[0]:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif shown:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 9)
        self.detail = RowDetail(model)
        selection = self.view.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row_changed)

        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)

        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add_row),
            (QKeySequence("Ctrl+Delete"), self.remove_row),
            (QKeySequence("Ctrl+Shift+Up"), self.move_up),
            (QKeySequence("Ctrl+Shift+Down"), self.move_down),
        ):
            shortcut = QShortcut(keys, self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add row (Insert)"))
        self.remove_button.setText(self.tr("Remove row (Ctrl+Del)"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.up_button.setToolTip(self.tr("Ctrl+Shift+Up"))
        self.down_button.setToolTip(self.tr("Ctrl+Shift+Down"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_row(current.row() if current.isValid() else -1)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self.detail.reload()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not read_only)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )

    def _current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    @Slot()
    def add_row(self) -> None:
        if self.model.read_only:
            return
        row = self.model.insert_row(self._current_row() + 1)
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(row, self._first_shown()))

    @Slot()
    def remove_row(self) -> None:
        row = self._current_row()
        if self.model.read_only or not self.model.remove_row(row):
            return
        if self.model.rowCount():
            last = min(row, self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(last, self._first_shown()))

    @Slot()
    def move_up(self) -> None:
        self._move(-1)

    @Slot()
    def move_down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        index = self.view.currentIndex()
        if self.model.read_only or not index.isValid():
            return
        row = self.model.move_row(index.row(), delta)
        self.view.setCurrentIndex(self.model.index(row, index.column()))

    def focus_cell(self, row: int, key: str) -> None:
        """The cell of `key` in `row`; a field the grid does not show, in the row's form."""
        column = self.model.column_of(key)
        if self.view.isColumnHidden(column):
            self.view.setCurrentIndex(self.model.index(row, self._first_shown()))
            self.detail.focus_field(key)
            return
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(row, column))

    def _first_shown(self) -> int:
        return next(
            (i for i in range(self.model.columnCount()) if not self.view.isColumnHidden(i)), 0
        )
