"""The main window: the case list of the mission."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from desktop.services import cases as case_service
from desktop.services.cases import CaseSummary
from desktop.services.context import DeskContext

_Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    HEADERS = ("Number", "Applicant", "IIN", "Born", "Stage")

    def __init__(self, rows: list[CaseSummary]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        born = row.birth_date.strftime("%d.%m.%Y") if row.birth_date else ""
        return (row.number, row.full_name, row.iin, born, row.stage)[index.column()]

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class MainWindow(QMainWindow):
    def __init__(self, ctx: DeskContext, *, lang: str = "en") -> None:
        super().__init__()
        self._ctx = ctx
        self.setWindowTitle(f"Qonys — {ctx.mission.name}")
        self.table = QTableView()
        self.table.setModel(CaseTableModel(case_service.list_cases(ctx, limit=500)))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel(f"{ctx.officer.full_name} — {ctx.mission.code}"))
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.resize(1100, 700)
