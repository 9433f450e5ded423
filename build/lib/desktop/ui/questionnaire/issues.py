"""The list of the questionnaire's issues: errors first, then warnings the officer can confirm.

Each row says in words whether it is an error or a warning (an icon too, but never colour
alone); a warning row is checkable: checking it confirms the warning (FIELD-NOTES: an IIN that
disagrees with the birth date or sex is a warning, not a block).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QStyle

from desktop.domain import form_labels
from desktop.domain.validation import Issue, Severity

_Index = QModelIndex | QPersistentModelIndex

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


def _row_number(path: str) -> str:
    if "[" not in path:
        return ""
    return str(int(path[path.index("[") + 1 : path.index("]")]) + 1)


class IssueListModel(QAbstractListModel):
    """Signals:
    confirm_toggled(str, bool): the key of a warning and whether it is now confirmed.
    """

    confirm_toggled = Signal(str, bool)

    def __init__(self, lang: Callable[[], str]) -> None:
        super().__init__()
        self._lang = lang
        self._issues: list[Issue] = []

    def set_issues(self, issues: list[Issue]) -> None:
        ordered = sorted(issues, key=lambda i: i.severity is not Severity.ERROR)
        if ordered == self._issues:
            return
        self.beginResetModel()
        self._issues = ordered
        self.endResetModel()

    def issues(self) -> list[Issue]:
        return list(self._issues)

    def describe_all(self) -> list[str]:
        return [self.describe(i) for i in self._issues]

    def refresh_texts(self) -> None:
        if self._issues:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._issues) - 1, 0))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._issues)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._issues[index.row()].severity is Severity.WARNING:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def describe(self, issue: Issue) -> str:
        lang = self._lang()
        try:
            field = form_labels.label(issue.path).get(lang)
        except KeyError:
            field = issue.path
        row = _row_number(issue.path)
        if row:
            field = self.tr("{field}, row {row}").format(field=field, row=row)
        if issue.severity is Severity.ERROR:
            kind = self.tr("Error")
        elif issue.confirmed:
            kind = self.tr("Warning (confirmed)")
        else:
            kind = self.tr("Warning")
        return self.tr("{kind}: {field} — {message}").format(
            kind=kind, field=field, message=issue.message.get(lang)
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._issues):
            return None
        issue = self._issues[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.describe(issue)
        if role == Qt.ItemDataRole.DecorationRole:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if issue.severity is Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return QApplication.style().standardIcon(pixmap)
        if role == Qt.ItemDataRole.CheckStateRole and issue.severity is Severity.WARNING:
            return Qt.CheckState.Checked if issue.confirmed else Qt.CheckState.Unchecked
        if role == PATH_ROLE:
            return issue.path
        if role == KEY_ROLE:
            return issue.key
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        issue = self._issues[index.row()]
        if issue.severity is not Severity.WARNING:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        confirmed = state == Qt.CheckState.Checked.value
        # Updated in place, so the editor's re-validation finds the same list (no reset while
        # the view is still handling the click or key).
        self._issues[index.row()] = replace(issue, confirmed=confirmed)
        self.dataChanged.emit(index, index)
        self.confirm_toggled.emit(issue.key, confirmed)
        return True
