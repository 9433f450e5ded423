"""The Annex 1 questionnaire editor: every field, grouped and ordered like the paper form.

Labels are the form's bilingual Kazakh / Russian wording (`domain.form_labels`); the chrome
around them follows the interface language. Every change re-validates at once (`validate` is
pure and fast): the message appears under the field and in the issue list, which jumps to the
field. Warnings (an IIN that disagrees with the birth date or sex) can be confirmed there.
Nothing here holds the store: saving calls the case services with the desk's current context,
so a locked and unlocked desk keeps every unsaved edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import form_labels
from desktop.domain.codes import (
    EDUCATION,
    MARITAL_STATUS,
    PURPOSE,
    SEX_LABELS,
    SOCIAL_CATEGORY,
    SPECIALITY,
    CodeList,
)
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Contacts, Place, Questionnaire, Sex
from desktop.domain.reapply import reapply
from desktop.domain.validation import Issue, Severity, adult_sections_apply, errors, validate
from desktop.services import cases as case_service
from desktop.services import lookups
from desktop.services.cases import CaseDetail
from desktop.services.errors import Conflict, KnownError
from desktop.ui import tasks
from desktop.ui.desk import Desk
from desktop.ui.questionnaire.issues import PATH_ROLE, IssueListModel
from desktop.ui.questionnaire.rows import (
    CHILDREN,
    EMPLOYMENT,
    RELATIVES,
    RowsModel,
    RowTable,
    TableSpec,
    item_from,
    row_from,
)
from desktop.ui.questionnaire.values import M_DATE, format_date, input_issue, parse_date
from desktop.ui.widgets import show_error

DATE_FIELDS = ("birth_date", "departure_date", "application_date")
ADULT_FIELDS: tuple[tuple[str, CodeList], ...] = (
    ("social_category", SOCIAL_CATEGORY),
    ("education", EDUCATION),
    ("speciality", SPECIALITY),
    ("marital_status", MARITAL_STATUS),
)
# Fields whose change can make an IIN warning appear again: its confirmation must be renewed.
IIN_INPUTS = ("iin", "birth_date", "sex")
ERROR_MARK = "✖"
WARNING_MARK = "⚠"


class PlaceSuggestions(QObject):
    """Completion lists for the place fields, from places already used in the store.

    Signals:
        ready(): the lists were (re)loaded.
    """

    ready = Signal()

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        keys = (*Place.LEVELS, "destination_country", "destination_settlement")
        self.models: dict[str, QStringListModel] = {k: QStringListModel(self) for k in keys}
        self._wanted = False  # loaded when the first questionnaire opens, not at login
        desk.unlocked.connect(self._on_desk_changed)
        desk.cases_changed.connect(self._on_desk_changed)
        desk.locked.connect(self._on_desk_locked)

    @Slot()
    def _on_desk_changed(self) -> None:
        if self._wanted:
            self.refresh()

    def ensure_loaded(self) -> None:
        if not self._wanted:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._wanted = True
        if self._desk.is_locked:
            return
        ctx = self._desk.ctx
        tasks.run_task(
            lambda: lookups.place_values(ctx), self._on_loaded, lambda _exc: None, owner=self
        )

    def _on_loaded(self, values: lookups.PlaceValues) -> None:
        for level in Place.LEVELS:
            self.models[level].setStringList(values.level(level))
        self.models["destination_country"].setStringList(values.destination_countries)
        self.models["destination_settlement"].setStringList(values.destination_settlements)
        self.ready.emit()

    @Slot()
    def _on_desk_locked(self) -> None:
        for model in self.models.values():
            model.setStringList([])

    def completer(self, key: str, parent: QObject) -> QCompleter:
        completer = QCompleter(self.models[key], parent)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        return completer


class _FieldMessage(QLabel):
    """The issue of one field, in words with a mark (never colour alone)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)


class _CheckLabel(QLabel):
    """The wrapping text of a check box; clicking it toggles the box."""

    def __init__(self, text: str, check: QCheckBox) -> None:
        super().__init__(text)
        self._check = check
        self.setWordWrap(True)
        self.setBuddy(check)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._check.isEnabled():
            self._check.toggle()
        super().mouseReleaseEvent(event)


class QuestionnaireEditor(QWidget):
    """One questionnaire: new (case_id None) or a saved case, read-only until Edit.

    Signals:
        saved(int): the case id after a successful save.
        dirty_changed(bool): unsaved edits appeared or were saved.
        title_changed(str): the tab title to show.
        message(str): a one-line note for the status bar.
    """

    saved = Signal(int)
    dirty_changed = Signal(bool)
    title_changed = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        desk: Desk,
        places: PlaceSuggestions,
        detail: CaseDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._places = places
        self.case_id: int | None = detail.summary.id if detail else None
        self.number: str = detail.summary.number if detail else ""
        self._version: int | None = detail.summary.version if detail else None
        self._loading = False
        self._dirty = False
        self._confirmed: set[str] = set()
        self.issues: list[Issue] = []
        self.read_only = detail is not None
        self.fields: dict[str, QWidget] = {}
        self._messages: dict[str, _FieldMessage] = {}
        self._labels: list[tuple[QLabel, Text]] = []
        self.reapply_box: QMessageBox | None = None  # while it asks (tests answer it)

        places.ensure_loaded()
        self._build()
        initial = detail.questionnaire if detail else Questionnaire()
        self.load(initial)
        self.set_read_only(self.read_only)
        desk.language_changed.connect(self._on_desk_language_changed)

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.mode_label = QLabel()
        self.edit_button = QPushButton()
        self.save_button = QPushButton()
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.save_button.clicked.connect(self.save)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.mode_label)
        header.addWidget(self.edit_button)
        header.addWidget(self.save_button)

        form_widget = QWidget()
        column = QVBoxLayout(form_widget)
        column.addWidget(self._person_group())
        column.addWidget(self._contacts_group())
        # Items 9 and 10 one above the other: side by side, their place fields were ~60 px
        # wide at 1366x768 (issue 14).
        column.addWidget(self._place_group("birth_place", form_labels.SECTION_BIRTH_PLACE))
        column.addWidget(self._place_group("leaving_place", form_labels.SECTION_LEAVING_PLACE))
        column.addWidget(self._destination_group())
        column.addWidget(self._adult_group())
        self.tables: dict[str, RowTable] = {}
        for spec, title in (
            (CHILDREN, form_labels.SECTION_CHILDREN),
            (RELATIVES, form_labels.SECTION_RELATIVES),
            (EMPLOYMENT, form_labels.SECTION_EMPLOYMENT),
        ):
            column.addWidget(self._table_group(spec, title))
        column.addWidget(self._declaration_group())
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(form_widget)
        self.scroll_area.setWidgetResizable(True)
        # The form follows the width of the window: tabbing through it never scrolls sideways.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.issue_model = IssueListModel(lambda: self._desk.lang)
        self.issue_model.confirm_toggled.connect(self._on_issue_model_confirm_toggled)
        self.issue_view = QListView()
        self.issue_view.setModel(self.issue_model)
        self.issue_view.setWordWrap(True)
        self.issue_view.setUniformItemSizes(False)
        self.issue_view.activated.connect(self._on_issue_view_activated)
        self.issue_view.clicked.connect(self._on_issue_view_activated)
        self.issues_title = QLabel()
        self.issues_title.setBuddy(self.issue_view)
        self.issues_summary = QLabel()
        self.issues_summary.setWordWrap(True)
        self.issues_hint = QLabel()
        self.issues_hint.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.issues_title)
        side_layout.addWidget(self.issues_summary)
        side_layout.addWidget(self.issue_view, 1)
        side_layout.addWidget(self.issues_hint)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.scroll_area)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([960, 330])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    def _box(self, title: Text) -> tuple[QGroupBox, QLabel]:
        """A section of the form. Its bilingual heading is a wrapping label: a group box title
        never wraps and the long ones (children, item 17) would widen the whole form."""
        box = QGroupBox()
        box.setAccessibleName(title.get(self._desk.lang))
        heading = QLabel(title.bilingual)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        return box, heading

    def _group(self, title: Text) -> tuple[QGroupBox, QFormLayout]:
        box, heading = self._box(title)
        form = QFormLayout(box)
        form.addRow(heading)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _add_row(self, form: QFormLayout, path: str, field: QWidget) -> None:
        text = form_labels.label(path)
        label = QLabel(text.bilingual)
        label.setWordWrap(True)
        label.setMinimumWidth(190)
        label.setMaximumWidth(260)
        label.setBuddy(field)
        self._labels.append((label, text))
        message = _FieldMessage()
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(field)
        box.addWidget(message)
        form.addRow(label, holder)
        self.fields[path] = field
        self._messages[path] = message

    def _line(self, form: QFormLayout, path: str, completion: str | None = None) -> QLineEdit:
        edit = QLineEdit()
        if completion is not None:
            edit.setCompleter(self._places.completer(completion, edit))
        edit.textChanged.connect(lambda _text, p=path: self._on_field_changed(p))
        self._add_row(form, path, edit)
        return edit

    def _date(self, form: QFormLayout, path: str) -> QLineEdit:
        edit = self._line(form, path)
        edit.setMaxLength(10)
        edit.setPlaceholderText(self.tr("DD.MM.YYYY"))
        return edit

    def _combo(self, form: QFormLayout, path: str, items: list[tuple[object, str]]) -> QComboBox:
        combo = QComboBox()
        combo.addItem("—", None)
        for data, text in items:
            combo.addItem(text, data)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(lambda _i, p=path: self._on_field_changed(p))
        self._add_row(form, path, combo)
        return combo

    def _codes(self, form: QFormLayout, path: str, codes: CodeList) -> QComboBox:
        return self._combo(
            form, path, [(c.code, f"{c.code}. {c.label.bilingual}") for c in codes.codes]
        )

    def _person_group(self) -> QGroupBox:
        box, form = self._group(form_labels.SECTION_PERSON)
        self._line(form, "iin").setMaxLength(12)
        for path in ("surname", "name", "patronymic"):
            self._line(form, path)
        self._date(form, "birth_date")
        self._combo(form, "sex", [(s.value, SEX_LABELS[s.value].bilingual) for s in Sex])
        self._line(form, "citizenship")
        self._line(form, "nationality")
        return box

    def _contacts_group(self) -> QGroupBox:
        box, form = self._group(form_labels.SECTION_CONTACTS)
        for path in ("contacts.address", "contacts.phone", "contacts.email"):
            self._line(form, path)
        self._date(form, "departure_date")
        return box

    def _place_group(self, name: str, title: Text) -> QGroupBox:
        box, form = self._group(title)
        for level in Place.LEVELS:
            self._line(form, f"{name}.{level}", completion=level)
        return box

    def _destination_group(self) -> QGroupBox:
        box, form = self._group(form_labels.SECTION_DESTINATION)
        self._line(form, "destination_country", completion="destination_country")
        self._line(form, "destination_settlement", completion="destination_settlement")
        self._codes(form, "purpose", PURPOSE)
        return box

    def _adult_group(self) -> QGroupBox:
        box, form = self._group(form_labels.SECTION_ADULT)
        self.adult_box = box
        self.adult_state = QLabel()
        self.adult_state.setWordWrap(True)
        form.addRow(self.adult_state)
        for path, codes in ADULT_FIELDS:
            self._codes(form, path, codes)
        return box

    def _table_group(self, spec: TableSpec, title: Text) -> QGroupBox:
        box, heading = self._box(title)
        model = RowsModel(spec, lambda: self._desk.lang)
        table = RowTable(model)
        table.view.setAccessibleName(title.get(self._desk.lang))
        model.edited.connect(lambda row, s=spec.name: self._on_table_edited(s, row))
        self.tables[spec.name] = table
        layout = QVBoxLayout(box)
        layout.addWidget(heading)
        layout.addWidget(table)
        return box

    def _declaration_group(self) -> QGroupBox:
        box, form = self._group(form_labels.SECTION_DECLARATION)
        for path in ("declaration_acknowledged", "consent_given"):
            text = form_labels.label(path)
            check = QCheckBox()
            check.setAccessibleName(text.get(self._desk.lang))
            check.toggled.connect(lambda _on, p=path: self._on_field_changed(p))
            # A long bilingual sentence: a check box never wraps its text, a label does (a
            # click on it ticks the box, as on the box's own text).
            sentence = _CheckLabel(text.bilingual, check)
            row = QHBoxLayout()
            row.addWidget(check, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(sentence, 1)
            message = _FieldMessage()
            form.addRow(row)
            form.addRow(message)
            self.fields[path] = check
            self._messages[path] = message
        self._date(form, "application_date")
        return box

    # --- chrome -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("&Edit"))
        self.save_button.setText(self.tr("&Save"))
        self.edit_button.setToolTip(self.tr("Ctrl+E"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.issues_title.setText(self.tr("&Issues"))
        self.issue_view.setAccessibleName(self.tr("Issues"))
        self.issues_hint.setText(
            self.tr("Enter: go to the field. Space: confirm the selected warning.")
        )
        self.scroll_area.setAccessibleName(self.tr("Questionnaire"))
        for path in DATE_FIELDS:
            field = self.fields[path]
            assert isinstance(field, QLineEdit)
            field.setPlaceholderText(self.tr("DD.MM.YYYY"))
        self._refresh_accessible_names()
        self._show_mode()
        self._show_title()
        if self.issues:
            self._show_issues()

    def _refresh_accessible_names(self) -> None:
        lang = self._desk.lang
        for label, text in self._labels:
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.get(lang))
                if lang == "en":
                    label.setToolTip(text.en)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(str)
    def _on_desk_language_changed(self, _lang: str) -> None:
        self._refresh_accessible_names()
        self.issue_model.refresh_texts()
        self._show_issues()

    def title(self) -> str:
        q_name = " ".join(
            w.text() for w in (self._text_field("surname"), self._text_field("name")) if w.text()
        )
        base = self.number or self.tr("New questionnaire")
        text = f"{base} — {q_name}" if q_name else base
        return f"{text} *" if self._dirty else text

    def _show_title(self) -> None:
        self.title_label.setText(self.title().removesuffix(" *"))
        self.title_changed.emit(self.title())

    def _show_mode(self) -> None:
        if self.read_only:
            self.mode_label.setText(self.tr("Read-only view"))
        elif self.case_id is None:
            self.mode_label.setText(self.tr("New, not saved yet"))
        else:
            self.mode_label.setText(self.tr("Editing"))

    # --- values -----------------------------------------------------------------------

    def _text_field(self, path: str) -> QLineEdit:
        field = self.fields[path]
        assert isinstance(field, QLineEdit)
        return field

    def _combo_field(self, path: str) -> QComboBox:
        field = self.fields[path]
        assert isinstance(field, QComboBox)
        return field

    def _check_field(self, path: str) -> QCheckBox:
        field = self.fields[path]
        assert isinstance(field, QCheckBox)
        return field

    def _text(self, path: str) -> str:
        return self._text_field(path).text().strip()

    def load(self, q: Questionnaire) -> None:
        """Show a questionnaire; it becomes the saved state unsaved edits are measured from."""
        self._loading = True
        try:
            for path in (
                "iin", "surname", "name", "patronymic", "citizenship", "nationality",
                "destination_country", "destination_settlement",
            ):  # fmt: skip
                self._text_field(path).setText(getattr(q, path))
            for key in ("address", "phone", "email"):
                self._text_field(f"contacts.{key}").setText(getattr(q.contacts, key))
            for path in DATE_FIELDS:
                self._text_field(path).setText(format_date(getattr(q, path)))
            for name in ("birth_place", "leaving_place"):
                place = getattr(q, name)
                for level in Place.LEVELS:
                    self._text_field(f"{name}.{level}").setText(getattr(place, level))
            self._set_combo("sex", q.sex.value if q.sex else None)
            self._set_combo("purpose", q.purpose)
            for path, _codes in ADULT_FIELDS:
                self._set_combo(path, getattr(q, path))
            for spec in (CHILDREN, RELATIVES, EMPLOYMENT):
                items = getattr(q, spec.name)
                self.tables[spec.name].model.set_rows([row_from(spec, i) for i in items])
            self._check_field("declaration_acknowledged").setChecked(q.declaration_acknowledged)
            self._check_field("consent_given").setChecked(q.consent_given)
            self._confirmed = set(q.confirmed_warnings)
        finally:
            self._loading = False
        self._baseline = self._snapshot()
        self.revalidate()

    def _set_combo(self, path: str, value: object) -> None:
        combo = self._combo_field(path)
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def collect(self) -> tuple[Questionnaire, list[Issue]]:
        """The questionnaire as typed, and input issues (text that is not a date or year)."""
        inputs: list[Issue] = []
        q = Questionnaire(
            iin=self._text("iin"),
            surname=self._text("surname"),
            name=self._text("name"),
            patronymic=self._text("patronymic"),
            citizenship=self._text("citizenship"),
            nationality=self._text("nationality"),
            contacts=Contacts(
                self._text("contacts.address"),
                self._text("contacts.phone"),
                self._text("contacts.email"),
            ),
            birth_place=Place(**{lvl: self._text(f"birth_place.{lvl}") for lvl in Place.LEVELS}),
            leaving_place=Place(
                **{lvl: self._text(f"leaving_place.{lvl}") for lvl in Place.LEVELS}
            ),
            destination_country=self._text("destination_country"),
            destination_settlement=self._text("destination_settlement"),
            declaration_acknowledged=self._check_field("declaration_acknowledged").isChecked(),
            consent_given=self._check_field("consent_given").isChecked(),
        )
        for path in DATE_FIELDS:
            try:
                setattr(q, path, parse_date(self._text(path)))
            except ValueError:
                inputs.append(input_issue(path, M_DATE))
        sex = self._combo_field("sex").currentData()
        q.sex = Sex(sex) if isinstance(sex, str) else None
        q.purpose = self._code("purpose")
        # Sections 13–16 exist only for applicants aged 16 and over: kept on screen while the
        # birth date is being corrected, but not part of the questionnaire of a younger one.
        adult = adult_sections_apply(q, self._desk.today())
        for path, _codes in ADULT_FIELDS:
            setattr(q, path, self._code(path) if adult else None)
        for spec in (CHILDREN, RELATIVES, EMPLOYMENT):
            rows = self.tables[spec.name].model.rows()
            setattr(q, spec.name, [item_from(spec, i, r, inputs) for i, r in enumerate(rows)])
        q.confirmed_warnings = sorted(self._confirmed)
        return q, inputs

    def _code(self, path: str) -> int | None:
        value = self._combo_field(path).currentData()
        return value if isinstance(value, int) else None

    def _snapshot(self) -> tuple[dict[str, Any], tuple[str, ...]]:
        q, inputs = self.collect()
        return q.to_dict(), tuple(sorted(i.path for i in inputs))

    # --- live validation ------------------------------------------------------------------

    def _on_field_changed(self, path: str) -> None:
        if self._loading:
            return
        if path in IIN_INPUTS:
            self._confirmed = {k for k in self._confirmed if not k.startswith("iin:")}
        self.revalidate()

    def _on_table_edited(self, name: str, row: int) -> None:
        if self._loading:
            return
        if row >= 0:
            prefix = f"{name}[{row}].iin:"
            self._confirmed = {k for k in self._confirmed if not k.startswith(prefix)}
        else:
            # Rows moved or removed: paths changed, confirmations of that table are renewed.
            self._confirmed = {k for k in self._confirmed if not k.startswith(f"{name}[")}
        self.revalidate()

    def revalidate(self) -> None:
        q, inputs = self.collect()
        unreadable = {i.path for i in inputs}
        found = validate(q, self._desk.today())
        self.issues = inputs + [i for i in found if i.path not in unreadable]
        warnings = {i.key for i in self.issues if i.severity is Severity.WARNING}
        self._confirmed &= warnings
        adult = adult_sections_apply(q, self._desk.today())
        for path, _codes in ADULT_FIELDS:
            self.fields[path].setEnabled(adult and not self.read_only)
        if q.birth_date is None:
            self.adult_state.setText(self.tr("Enter the date of birth first."))
        elif adult:
            self.adult_state.setText(self.tr("The applicant is 16 or over: fill these in."))
        else:
            self.adult_state.setText(self.tr("The applicant is under 16: not filled in."))
        self._show_issues()
        dirty = (q.to_dict(), tuple(sorted(unreadable))) != self._baseline
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self._show_title()

    def _show_issues(self) -> None:
        lang = self._desk.lang
        first: dict[str, Issue] = {}
        for found in self.issues:
            if found.path not in first or (
                found.severity is Severity.ERROR
                and first[found.path].severity is not Severity.ERROR
            ):
                first[found.path] = found
        for path, label in self._messages.items():
            issue = first.get(path)
            field = self.fields[path]
            if issue is None:
                label.setVisible(False)
                label.clear()
                field.setAccessibleDescription("")
                continue
            if issue.severity is Severity.ERROR:
                text = self.tr("{mark} Error: {message}")
                mark = ERROR_MARK
            elif issue.confirmed:
                text = self.tr("{mark} Warning (confirmed): {message}")
                mark = WARNING_MARK
            else:
                text = self.tr("{mark} Warning: {message}")
                mark = WARNING_MARK
            shown = text.format(mark=mark, message=issue.message.get(lang))
            label.setText(shown)
            label.setVisible(True)
            field.setAccessibleDescription(shown)
        for table in self.tables.values():
            table.model.set_issues(self.issues)
        self.issue_model.set_issues(self.issues)
        n_errors = sum(1 for i in self.issues if i.severity is Severity.ERROR)
        n_warnings = len(self.issues) - n_errors
        n_confirmed = sum(1 for i in self.issues if i.confirmed)
        if not self.issues:
            self.issues_summary.setText(self.tr("No issues: the questionnaire is complete."))
        else:
            self.issues_summary.setText(
                self.tr("{e} errors, {w} warnings ({c} confirmed)").format(
                    e=n_errors, w=n_warnings, c=n_confirmed
                )
            )

    @Slot(str, bool)
    def _on_issue_model_confirm_toggled(self, key: str, confirmed: bool) -> None:
        self.confirm_warning(key, confirmed)

    def confirm_warning(self, key: str, confirmed: bool = True) -> None:
        """The officer checked the applicant's document and confirms the warning stands."""
        if self.read_only:
            self.revalidate()  # put the check mark back
            return
        if confirmed:
            self._confirmed.add(key)
        else:
            self._confirmed.discard(key)
        self.revalidate()

    @Slot(QModelIndex)
    def _on_issue_view_activated(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if isinstance(path, str):
            self.focus_path(path)

    def focus_path(self, path: str) -> None:
        """Jump to the field of an issue (a table cell for rows of the three tables)."""
        if "[" in path:
            name, _, rest = path.partition("[")
            row_text, _, key = rest.partition("].")
            table = self.tables.get(name)
            if table is not None and row_text.isdigit():
                self.scroll_area.ensureWidgetVisible(table)
                table.focus_cell(int(row_text), key)
                return
        field = self.fields.get(path)
        if field is None:
            return
        self.scroll_area.ensureWidgetVisible(field)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- modes and saving -----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for field in self.fields.values():
            if isinstance(field, QLineEdit):
                field.setReadOnly(read_only)
            else:
                field.setEnabled(not read_only)
        for table in self.tables.values():
            table.set_read_only(read_only)
        self.edit_button.setVisible(read_only)
        self.save_button.setVisible(not read_only)
        self._show_mode()
        self.revalidate()

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        self.start_editing()

    def start_editing(self) -> None:
        if self.read_only:
            self.set_read_only(False)
            self.fields["iin"].setFocus()

    @Slot()
    def save(self) -> bool:
        """Save to the store. Drafts may be incomplete; unreadable dates must be fixed first."""
        if self.read_only or self._desk.is_locked:
            return False
        q, inputs = self.collect()
        if inputs:
            self.focus_path(inputs[0].path)
            self.message.emit(self.tr("Fix the dates and years that cannot be read first."))
            return False
        try:
            if self.case_id is None:
                result = case_service.create_draft(self._desk.ctx, q)
            else:
                result = case_service.update_questionnaire(
                    self._desk.ctx, self.case_id, q, self._version
                )
        except Conflict:
            self.offer_reapply()
            return False
        except KnownError as exc:
            show_error(self, exc, self._desk.lang)
            return False
        self.case_id = result.summary.id
        self.number = result.summary.number
        self._version = result.summary.version
        self._baseline = self._snapshot()
        self.revalidate()
        self._show_mode()
        self.saved.emit(self.case_id)
        self._desk.announce([self.case_id])
        note = self.tr("Saved {number}.").format(number=self.number)
        if errors(result.issues):
            note += " " + self.tr("Still incomplete: %n error(s).", "", len(errors(result.issues)))
        if result.duplicates:
            note += " " + self.tr("Other cases with this IIN: {numbers}.").format(
                numbers=", ".join(d.number for d in result.duplicates)
            )
        self.message.emit(note)
        return True

    def offer_reapply(self) -> None:
        """Another desk saved this case since it was opened here: the officer's edit stays in
        the window, and they may re-apply it to the case as it is now (issue 21)."""
        box, again = self.reapply_question()
        self.reapply_box = box  # held for tests; the dialog is modal
        box.exec()
        self.reapply_box = None
        if box.clickedButton() is again:
            self.reapply_to_current()

    def reapply_question(self) -> tuple[QMessageBox, QPushButton]:
        """The question `offer_reapply` asks, and its button that re-applies the edit."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Qonys")
        box.setText(
            self.tr(
                "{number} was saved at another desk after you opened it, so your changes "
                "were not saved. They are still here."
            ).format(number=self.number)
        )
        box.setInformativeText(
            self.tr(
                "Re-apply them to the case as it is now: the other desk's changes stay, and "
                "yours go on top. Check the form, then save again."
            )
        )
        again = box.addButton(self.tr("Re-apply my changes"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(again)
        return box, again

    def reapply_to_current(self) -> bool:
        """Reload the case as saved now and put this window's changes on top, unsaved."""
        if self.case_id is None or self._desk.is_locked:
            return False
        try:
            current = case_service.get_case(self._desk.ctx, self.case_id)
        except KnownError as exc:
            show_error(self, exc, self._desk.lang)
            return False
        base = self._baseline[0]
        mine = self.collect()[0].to_dict()
        done = reapply(base, mine, current.questionnaire.to_dict())
        self._version = current.summary.version
        self.load(current.questionnaire)  # the saved state edits are measured from
        saved_state = self._baseline
        self.load(Questionnaire.from_dict(done.merged))
        self._baseline = saved_state
        self.revalidate()
        note = self.reapplied_note(done.both_changed)
        if any(p in _SHOWN for p in done.both_changed):
            # Not only in the status bar, whose end a long note loses: these need a look.
            QMessageBox.information(self, "Qonys", note)
        self.message.emit(note)
        return True

    def reapplied_note(self, both_changed: list[str]) -> str:
        """What the officer is told once their edit is re-applied: which fields the other
        desk changed too (field paths of the questionnaire, as `reapply` names them)."""
        note = self.tr("Your changes are re-applied to the case as saved now; check and save.")
        if any(p in _SHOWN for p in both_changed):
            lang = self._desk.lang
            titles = (_field_title(p).get(lang) for p in both_changed if p in _SHOWN)
            fields = ", ".join(dict.fromkeys(titles))
            note += " " + self.tr("Changed at the other desk too (yours kept): {fields}.").format(
                fields=fields
            )
        return note


_TABLE_TITLES = {
    "children": form_labels.SECTION_CHILDREN,
    "relatives": form_labels.SECTION_RELATIVES,
    "employment": form_labels.SECTION_EMPLOYMENT,
}


_SHOWN = {*form_labels.LABELS, *_TABLE_TITLES}  # not the confirmed warnings' keys


def _field_title(path: str) -> Text:
    return _TABLE_TITLES[path] if path in _TABLE_TITLES else form_labels.label(path)
