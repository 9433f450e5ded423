"""The form of one procedure step, built from the step's fields in the domain (§4–§16).

The dialog is non-modal friendly: `open()` it, and it calls `procedure.perform` when the
officer confirms. An error (wrong data, wrong stage, the clock set back) stays in the dialog
as a message; success closes it and emits `performed` with the service's `StepResult`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.formats import cite_in
from desktop.domain.workflow import (
    TRANSITIONS,
    Action,
    FieldKind,
    FieldSpec,
)
from desktop.services import procedure
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError


class ActionDialog(QDialog):
    """Signals: `performed(object)` with the `StepResult` after a successful step."""

    performed = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        case_id: int,
        action: Action,
        *,
        lang: str = "en",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._lang = lang
        self.action = action
        self.step_result: procedure.StepResult | None = None
        transition = TRANSITIONS[action]
        self.setWindowTitle(f"{transition.title.get(lang)} ({cite_in(transition.paragraph, lang)})")
        self.inputs: dict[str, QWidget] = {}
        self._fields: dict[str, FieldSpec] = {}
        form = QFormLayout()
        day = today or ctx.today()
        for spec in transition.fields:
            widget = self._input(spec, day)
            widget.setAccessibleName(spec.name)
            self.inputs[spec.name] = widget
            self._fields[spec.name] = spec
            label = spec.label.get(lang) + ("" if spec.required else " " + self.tr("(optional)"))
            form.addRow(label, widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _input(self, spec: FieldSpec, today: date) -> QWidget:
        if spec.kind is FieldKind.DATETIME:
            # §11: the hearing is a date and a time (the mission's local time).
            moment = QDateTimeEdit()
            moment.setCalendarPopup(True)
            moment.setDisplayFormat("dd.MM.yyyy HH:mm")
            moment.setDateTime(QDateTime(QDate(today.year, today.month, today.day), QTime(10, 0)))
            return moment
        if spec.kind is FieldKind.DATE:
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setDate(QDate(today.year, today.month, today.day))
            if not spec.required:
                # An optional date starts empty: the minimum date shows as blank.
                edit.setSpecialValueText(" ")
                edit.setMinimumDate(QDate(2000, 1, 1))
                edit.setDate(edit.minimumDate())
            return edit
        if spec.kind is FieldKind.CHOICE:
            combo = QComboBox()
            if not spec.required:
                combo.addItem("", "")
            for value in spec.choices:
                # The officer reads the choice's title; the step stores its code.
                combo.addItem(spec.choice_title(value).get(self._lang), value)
            return combo
        return QLineEdit()

    def set_value(self, name: str, value: Any) -> None:
        """Fill a field (for tests and for pre-filling from a package)."""
        widget = self.inputs[name]
        if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
            moment = value if isinstance(value, datetime) else _parse_moment(str(value))
            widget.setDateTime(
                QDateTime(
                    QDate(moment.year, moment.month, moment.day),
                    QTime(moment.hour, moment.minute),
                )
            )
        elif isinstance(widget, QDateEdit):
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            widget.setDate(QDate(day.year, day.month, day.day))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def data(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
                d, t = widget.date(), widget.time()
                # A wall time of the mission (a hearing), stored without a zone.
                day = date(d.year(), d.month(), d.day())
                out[name] = f"{day.isoformat()}T{t.hour():02d}:{t.minute():02d}"
            elif isinstance(widget, QDateEdit):
                if widget.date() == widget.minimumDate() and not self._fields[name].required:
                    continue
                d = widget.date()
                out[name] = date(d.year(), d.month(), d.day()).isoformat()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
                if value:
                    out[name] = str(value)
            elif isinstance(widget, QLineEdit) and widget.text().strip():
                out[name] = widget.text().strip()
        return out

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self.step_result = procedure.perform(self._ctx, self._case_id, self.action, self.data())
        except KnownError as exc:
            # §4: what is missing comes as a list, one line each; the dialog grows to show it.
            self.message.setText(exc.message.get(self._lang))
            if "\n" in self.message.text():
                # A list reads better wide than tall.
                self.setMinimumWidth(max(self.width(), 560))
            self.message.adjustSize()
            self.adjustSize()
            return
        self.performed.emit(self.step_result)
        self.accept()


def _parse_moment(text: str) -> datetime:
    """ "dd.mm.yyyy HH:MM" as the dialog shows it, or ISO "YYYY-MM-DD HH:MM"."""
    text = text.strip()
    shown = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2})", text)
    if shown:
        text = f"{shown[3]}-{shown[2]}-{shown[1]} {shown[4]}"
    # A wall time of the mission (a hearing): no zone by design.
    return datetime.fromisoformat(text)
