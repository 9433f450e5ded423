"""Tables that fit their width: no sideways scrolling inside a dock (issue 14).

`ColumnFitter` sizes a table's columns to the viewport whenever it is resized or refilled:
every column gets its content's width if all fit; otherwise the *elided* columns (names: the
full text is in the cell's tooltip) give way first, down to a floor, then the *wrapped*
columns (long wording) share what is left in proportion to their content and wrap onto more
lines, never narrower than their widest word (a case number or a date is never cut); the
remaining columns (ticks, counts, short codes) always keep their full width. Narrower still,
the *optional* columns are hidden (their owner says their text elsewhere), and at last the
*squeeze* column's longest words are elided. The
horizontal scroll bar is off: what does not fit is elided or wrapped, never cut off-screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView


class ColumnFitter(QObject):
    """Signals: `hidden_changed()` when the optional columns hidden for want of room change."""

    hidden_changed = Signal()

    def __init__(
        self,
        table: QTableView,
        *,
        wrap: Iterable[int] = (),
        elide: Iterable[int] = (),
        optional: Iterable[int] = (),
        squeeze: int = -1,
        floor_chars: int = 8,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.wrap = tuple(wrap)
        self.elide = tuple(elide)
        self.optional = tuple(optional)
        self.squeeze = squeeze  # the column that gives way last, below its widest word
        self.hidden: tuple[int, ...] = ()  # optional columns hidden for want of room
        self.floor_chars = floor_chars
        self._fitting = False
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(bool(self.wrap))
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.viewport().installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _header_floor(self, column: int) -> int:
        """The header's longest word (a header may wrap between words, never inside one)."""
        model = self.table.model()
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        metrics = self.table.horizontalHeader().fontMetrics()
        words = text.split() or [""]
        return max(metrics.horizontalAdvance(w) for w in words) + 16

    def _least(self, columns: list[int], want: dict[int, int], floor: int) -> dict[int, int]:
        """How narrow each column may become: elided ones to a few characters, wrapped ones to
        their widest word, the others not at all."""
        least = dict(want)
        for c in columns:
            if c in self.elide:
                least[c] = min(want[c], max(self._header_floor(c), floor))
            elif c in self.wrap:
                least[c] = min(want[c], max(self._header_floor(c), self._longest_word(c)))
        return least

    def _longest_word(self, column: int) -> int:
        """The widest word of the column's cells: a wrapped column is never narrower (a case
        number or a date is never cut)."""
        model = self.table.model()
        metrics = self.table.fontMetrics()
        widest = 0
        for row in range(model.rowCount()):
            text = model.data(model.index(row, column))
            if isinstance(text, str):
                for word in text.split():
                    widest = max(widest, metrics.horizontalAdvance(word))
        return widest + 12  # the cell's margins

    def natural(self, column: int) -> int:
        header = self.table.horizontalHeader()
        return max(
            header.sectionSizeFromContents(column).width(), self.table.sizeHintForColumn(column)
        )

    def fit(self) -> None:
        """Size the columns to the viewport's width now."""
        if self._fitting:
            return
        self._fitting = True
        try:
            # Wrapped rows grow taller, a vertical scroll bar may appear and take width: fit
            # again to the narrower view (twice at most: the rows only grow once more).
            for _ in range(3):
                width = self.table.viewport().width()
                self._fit()
                if self.table.viewport().width() == width:
                    break
        finally:
            self._fitting = False

    def _drop_optional(
        self, columns: list[int], least: dict[int, int], available: int, before: tuple[int, ...]
    ) -> None:
        """Too narrow even for every column at its floor: the optional ones go, in order (the
        owner shows their text elsewhere, e.g. for the selected row); taken out of `columns`."""
        hidden: list[int] = []
        for c in self.optional:
            if sum(least[k] for k in columns) <= available:
                break
            if c in columns:
                columns.remove(c)
                hidden.append(c)
                self.table.setColumnHidden(c, True)
        self.hidden = tuple(hidden)
        if self.hidden != before:
            self.hidden_changed.emit()

    def _fit(self) -> None:
        table = self.table
        model = table.model()
        if model is None:
            return
        before = self.hidden
        for c in self.hidden:
            table.setColumnHidden(c, False)
        self.hidden = ()
        columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        if not columns:
            return
        available = table.viewport().width()
        floor = table.fontMetrics().horizontalAdvance("M" * self.floor_chars)
        want = {c: self.natural(c) for c in columns}
        least = self._least(columns, want, floor)
        self._drop_optional(columns, least, available, before)
        want = {c: want[c] for c in columns}
        width = dict(want)
        over = sum(width.values()) - available
        # Names give way first, then the long wording, each down to its floor.
        for group in (self.elide, self.wrap):
            shown = [c for c in group if c in width]
            room = sum(width[c] - least[c] for c in shown)
            if over <= 0 or room <= 0:
                continue
            take = min(over, room)
            for c in shown:
                width[c] -= round(take * (width[c] - least[c]) / room)
            over -= take
        if over > 0 and self.squeeze in width:
            # Still too narrow: the squeezed column's longest words end in "…" (its cells'
            # tooltips have them whole) rather than anything scrolling sideways.
            width[self.squeeze] = max(self._header_floor(self.squeeze), width[self.squeeze] - over)
        if over < 0:  # room to spare: the wrapped (else the last) column takes it
            grow = [c for c in self.wrap if c in width] or columns[-1:]
            for c in grow:
                width[c] += -over // len(grow)
        header = table.horizontalHeader()
        for c in columns:
            header.resizeSection(c, max(1, width[c]))
        # A section may not go below the header's minimum: what that added comes off the
        # widest wrapped column.
        excess = sum(header.sectionSize(c) for c in columns) - available
        shrink = [c for c in self.wrap if c in width]
        if excess > 0 and shrink:
            widest = max(shrink, key=header.sectionSize)
            header.resizeSection(widest, max(1, header.sectionSize(widest) - excess))
        if self.wrap:
            table.resizeRowsToContents()
