"""The Exchange window's outbox table (issue 6, item 6; issue 16): every package sent, its
parts, and its state in words — built, carried, uploading, delivered, acknowledged — so nothing
is silently stuck. A model only: `ExchangeDialog` shows it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.domain import formats
from desktop.domain.calendar import mission_local
from desktop.services import exchange as exchange_service
from desktop.services import sync_online
from desktop.ui.sync_status import transfer_label

# Custom roles of the outbox model (STYLE §5: module constants).
SEQUENCE_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2

(COL_SEQUENCE, COL_CREATED, COL_FILE, COL_PART, COL_SIZE, COL_CASES, COL_SCANS, COL_STATE,
 COL_SINCE) = range(9)  # fmt: skip
_COLUMNS = 9


def _when(moment: object, zone: str = "") -> str:
    """dd.mm.yyyy HH:MM in the mission's time zone ("" = this computer's)."""
    from datetime import datetime

    if not isinstance(moment, datetime):
        return ""
    return formats.date_time(mission_local(moment, zone))


def _size(n: int) -> str:
    """«12,3 МБ» in Kazakh and Russian, «12.3 MB» in English (the language installed)."""
    lang = {QLocale.Language.Kazakh: "kk", QLocale.Language.Russian: "ru"}.get(
        QLocale().language(), "en"
    )
    return formats.size(n, lang)


def _span(numbers: Sequence[int]) -> str:
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


# --- the outbox table -----------------------------------------------------------------------


class OutboxModel(QAbstractTableModel):
    """The outbox, oldest package first. Holds the few hundred entries a mission makes a year.

    Consecutive packages of one export (the same folder and moment) are its parts: "2 of 3".
    Each row counts what its own package carries (a case whose scans run over into the next
    part travels, and counts, in both).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[exchange_service.OutboxEntry] = []
        self._parts: list[tuple[int, int]] = []  # (part number, parts in its export)
        self.zone = ""  # the mission's time zone for the dates shown (set by the dialog)
        self.lang = "en"
        self.transfers: dict[int, sync_online.TransferView] = {}  # the online road (issue 16)

    def set_entries(self, entries: Sequence[exchange_service.OutboxEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._parts = _parts_of(self._entries)
        self.endResetModel()

    def entry(self, row: int) -> exchange_service.OutboxEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, sequence: int) -> int | None:
        for row, entry in enumerate(self._entries):
            if entry.sequence == sequence:
                return row
        return None

    def state_label(self, state: str) -> str:
        labels = {
            exchange_service.BUILT: self.tr("Built, not yet carried"),
            exchange_service.CARRIED: self.tr("Carried, awaiting acknowledgement"),
            exchange_service.ACKNOWLEDGED: self.tr("Acknowledged by the Department"),
        }
        return labels.get(state, state)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, _COLUMNS - 1)
        if self._entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._entries) - 1, _COLUMNS - 1)
            )

    # Qt overrides (camelCase, STYLE §6)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else _COLUMNS

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("No."),
            self.tr("Created"),
            self.tr("File"),
            self.tr("Part"),
            self.tr("Size"),
            self.tr("Cases"),
            self.tr("Scans"),
            self.tr("State"),
            self.tr("Since"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or index.parent().isValid():
            return None
        entry = self.entry(index.row())
        if entry is None:
            return None
        column = index.column()
        if role == SEQUENCE_ROLE:
            return entry.sequence
        if role == STATE_ROLE:
            return entry.state
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(index.row(), entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_FILE:
                return str(Path(entry.folder) / entry.file_name)
            if column in (COL_STATE, COL_SINCE):
                return self._history(entry)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_SEQUENCE, COL_SIZE, COL_CASES, COL_SCANS
        ):  # fmt: skip
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, entry: exchange_service.OutboxEntry, column: int) -> str:
        part, parts = self._parts[row]
        if column == COL_SEQUENCE:
            return str(entry.sequence)
        if column == COL_CREATED:
            return _when(entry.created_at, self.zone)
        if column == COL_FILE:
            return entry.file_name
        if column == COL_PART:
            return self.tr("{part} of {parts}").format(part=part, parts=parts) if parts > 1 else ""
        if column == COL_SIZE:
            return _size(entry.size)
        if column == COL_CASES:
            return str(entry.cases)
        if column == COL_SCANS:
            return str(entry.scans)
        if column == COL_STATE:
            online = self.transfers.get(entry.sequence)
            if online is not None and entry.state != exchange_service.ACKNOWLEDGED:
                return transfer_label(online, self.lang, self.zone)
            return self.state_label(entry.state)
        if column == COL_SINCE:
            if entry.state == exchange_service.ACKNOWLEDGED:
                return _when(entry.acknowledged_at, self.zone)
            if entry.state == exchange_service.CARRIED:
                return _when(entry.carried_at, self.zone)
            return _when(entry.created_at, self.zone)
        return ""

    def _history(self, entry: exchange_service.OutboxEntry) -> str:
        lines = [self.tr("Built: {when}").format(when=_when(entry.created_at, self.zone))]
        if entry.carried_at is not None:
            lines.append(self.tr("Carried: {when}").format(when=_when(entry.carried_at, self.zone)))
        if entry.acknowledged_at is not None:
            lines.append(
                self.tr("Acknowledged: {when}").format(when=_when(entry.acknowledged_at, self.zone))
            )
        return "\n".join(lines)


def _parts_of(entries: Sequence[exchange_service.OutboxEntry]) -> list[tuple[int, int]]:
    groups: list[list[int]] = []
    for row, entry in enumerate(entries):
        prev = entries[row - 1] if row else None
        same = (
            prev is not None
            and prev.created_at == entry.created_at
            and prev.folder == entry.folder
            and prev.sequence + 1 == entry.sequence
        )
        if same:
            groups[-1].append(row)
        else:
            groups.append([row])
    parts: list[tuple[int, int]] = [(1, 1)] * len(entries)
    for group in groups:
        for i, row in enumerate(group, start=1):
            parts[row] = (i, len(group))
    return parts
