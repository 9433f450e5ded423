"""What the officer establishes beyond the questionnaire (§3): the facts the checklist follows.

The identity documents the applicant presents (passport, ID card, e-document; valid, missing,
lost or expired, with number and expiry — §3(2)), alimony obligations (§3(3)), enforcement
proceedings (§3(4)), a consular fee exemption and its ground (Annex 3, line 6), and the legal
representative who applies for the citizen (§3: "өздері немесе олардың заңды өкiлдерi"), with
§3(6) for a minor applicant. Saved through `procedure.set_facts`; the checklist recomputes.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.checklist import (
    AUTHORITY_TEXT,
    KIND_TEXT,
    STATUS_TEXT,
    CaseFacts,
    DocumentStatus,
    IdentityDocument,
    IdentityKind,
    Representative,
    RepresentativeAuthority,
)
from desktop.domain.codes import RESIDENCE
from desktop.services import procedure
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError

COL_KIND, COL_STATUS, COL_NUMBER, COL_EXPIRES = range(4)


log = logging.getLogger(__name__)


class BadDate(ValueError):
    """A date the officer typed that is not DD.MM.YYYY; its text is the officer's message."""


class FactsDialog(QDialog):
    """Signals: `saved()` after the facts were stored."""

    saved = Signal()

    def __init__(
        self, ctx: DeskContext, case_id: int, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._lang = lang
        self.setWindowTitle(self.tr("Case facts (§3)"))
        self.setObjectName("facts_dialog")
        facts = procedure.get_checklist(ctx, case_id).facts

        # §3(2): identity documents.
        self.identity_table = QTableWidget(0, 4)
        self.identity_table.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("State"), self.tr("Number"), self.tr("Valid until")]
        )
        self.identity_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for doc in facts.identity:
            self.add_identity(doc)
        self.add_identity_button = QPushButton(self.tr("Add a document"))
        self.add_identity_button.clicked.connect(self._on_add_identity_button_clicked)
        self.remove_identity_button = QPushButton(self.tr("Remove the selected document"))
        self.remove_identity_button.clicked.connect(self._on_remove_identity_button_clicked)
        identity_box = QGroupBox(self.tr("Identity documents presented (§3(2))"))
        identity_layout = QVBoxLayout(identity_box)
        identity_layout.addWidget(
            QLabel(
                self.tr(
                    "Missing, lost or expired passport or ID card: the applicant writes an "
                    "explanation; for a passport, the new-passport documents come with it."
                )
            )
        )
        identity_layout.addWidget(self.identity_table)
        row = QHBoxLayout()
        row.addWidget(self.add_identity_button)
        row.addWidget(self.remove_identity_button)
        row.addStretch(1)
        identity_layout.addLayout(row)

        # §3(3), §3(4), Annex 3 line 6.
        self.alimony = QCheckBox(
            self.tr("Alimony obligations to family members in Kazakhstan (§3(3))")
        )
        self.alimony.setChecked(facts.alimony_obligations)
        self.enforcement = QCheckBox(self.tr("Debtor in enforcement proceedings (§3(4))"))
        self.enforcement.setChecked(facts.enforcement_debtor)
        self.fee_exempt = QCheckBox(
            self.tr("Exempt from the consular fee under the Tax Code (Annex 3, line 6)")
        )
        self.fee_ground = QLineEdit(facts.fee_exemption)
        self.fee_ground.setPlaceholderText(self.tr("Ground of the exemption"))
        self.fee_exempt.setChecked(bool(facts.fee_exemption.strip()))
        self.fee_ground.setEnabled(self.fee_exempt.isChecked())
        self.fee_exempt.toggled.connect(self.fee_ground.setEnabled)

        # §3: the legal representative.
        rep = facts.representative
        self.representative_box = QGroupBox(
            self.tr("Applies through a legal representative (§3; a minor applicant)")
        )
        self.representative_box.setCheckable(True)
        self.representative_box.setChecked(rep is not None)
        rep = rep or Representative()
        self.rep_name = QLineEdit(rep.full_name)
        self.rep_document = QLineEdit(rep.document)
        self.rep_document.setPlaceholderText(self.tr("e.g. passport N12345678"))
        self.rep_authority = QComboBox()
        for authority, text in AUTHORITY_TEXT.items():
            self.rep_authority.addItem(text.get(lang), authority.value)
        self.rep_authority.setCurrentIndex(max(self.rep_authority.findData(rep.authority.value), 0))
        self.rep_authority_document = QLineEdit(rep.authority_document)
        self.rep_authority_document.setPlaceholderText(
            self.tr("e.g. birth certificate, guardianship decision")
        )
        self.rep_with_one = QCheckBox(
            self.tr("The minor applicant leaves with this representative only (§3(6))")
        )
        self.rep_with_one.setChecked(rep.with_one_representative)
        self.rep_residence = _residence_combo(lang, rep.other_residence)
        form = QFormLayout(self.representative_box)
        form.addRow(self.tr("Full name"), self.rep_name)
        form.addRow(self.tr("Identity document"), self.rep_document)
        form.addRow(self.tr("Acts as"), self.rep_authority)
        form.addRow(self.tr("Document of authority"), self.rep_authority_document)
        form.addRow(self.rep_with_one)
        form.addRow(self.tr("The other legal representative"), self.rep_residence)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(identity_box)
        layout.addWidget(self.alimony)
        layout.addWidget(self.enforcement)
        fee = QHBoxLayout()
        fee.addWidget(self.fee_exempt)
        fee.addWidget(self.fee_ground, 1)
        layout.addLayout(fee)
        layout.addWidget(self.representative_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(760, 620)

    # --- identity rows ----------------------------------------------------------------------

    def add_identity(self, doc: IdentityDocument | None = None) -> int:
        doc = doc or IdentityDocument(IdentityKind.PASSPORT)
        row = self.identity_table.rowCount()
        self.identity_table.insertRow(row)
        kind = QComboBox()
        for k, text in KIND_TEXT.items():
            kind.addItem(text.get(self._lang), k.value)
        kind.setCurrentIndex(kind.findData(doc.kind.value))
        status = QComboBox()
        for st, text in STATUS_TEXT.items():
            status.addItem(text.get(self._lang), st.value)
        status.setCurrentIndex(status.findData(doc.status.value))
        number = QLineEdit(doc.number)
        expires = QLineEdit(doc.expires_on.strftime("%d.%m.%Y") if doc.expires_on else "")
        expires.setPlaceholderText(self.tr("DD.MM.YYYY"))
        if doc.expires_on is not None and doc.expires_on < self._ctx.today():
            # §3(2): a date already past makes the document expired, whatever the state says.
            expires.setStyleSheet("background: #fff3cd;")
            expires.setToolTip(
                self.tr("Expired: the explanation route of §3(2) applies, not a refusal")
            )
        self.identity_table.setCellWidget(row, COL_KIND, kind)
        self.identity_table.setCellWidget(row, COL_STATUS, status)
        self.identity_table.setCellWidget(row, COL_NUMBER, number)
        self.identity_table.setCellWidget(row, COL_EXPIRES, expires)
        return row

    def identity_widget(self, row: int, column: int) -> QWidget:
        widget = self.identity_table.cellWidget(row, column)
        assert widget is not None
        return widget

    @Slot()
    def _on_add_identity_button_clicked(self) -> None:
        self.add_identity()

    @Slot()
    def _on_remove_identity_button_clicked(self) -> None:
        row = self.identity_table.currentRow()
        if row >= 0:
            self.identity_table.removeRow(row)

    # --- reading and saving -----------------------------------------------------------------

    def facts(self) -> CaseFacts:
        """The facts as entered; BadDate (with a message for the officer) on a bad date."""
        docs = []
        for row in range(self.identity_table.rowCount()):
            kind = self.identity_widget(row, COL_KIND)
            status = self.identity_widget(row, COL_STATUS)
            number = self.identity_widget(row, COL_NUMBER)
            expires = self.identity_widget(row, COL_EXPIRES)
            assert isinstance(kind, QComboBox) and isinstance(status, QComboBox)
            assert isinstance(number, QLineEdit) and isinstance(expires, QLineEdit)
            docs.append(
                IdentityDocument(
                    IdentityKind(kind.currentData()),
                    DocumentStatus(status.currentData()),
                    number.text().strip(),
                    self._date(expires.text()),
                )
            )
        representative = None
        if self.representative_box.isChecked():
            representative = Representative(
                full_name=self.rep_name.text().strip(),
                document=self.rep_document.text().strip(),
                authority=RepresentativeAuthority(self.rep_authority.currentData()),
                authority_document=self.rep_authority_document.text().strip(),
                with_one_representative=self.rep_with_one.isChecked(),
                other_residence=str(self.rep_residence.currentData() or ""),
            )
        return CaseFacts(
            identity=tuple(docs),
            alimony_obligations=self.alimony.isChecked(),
            enforcement_debtor=self.enforcement.isChecked(),
            fee_exemption=self.fee_ground.text().strip() if self.fee_exempt.isChecked() else "",
            representative=representative,
        )

    def _date(self, text: str) -> date | None:
        text = text.strip()
        if not text:
            return None
        parsed = QDate.fromString(text, "dd.MM.yyyy")
        if not parsed.isValid():
            raise BadDate(self.tr("Dates are written as DD.MM.YYYY"))
        return date(parsed.year(), parsed.month(), parsed.day())

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            facts = self.facts()
        except BadDate as exc:
            self.error_label.setText(str(exc))
            return
        except ValueError as exc:  # a value the lists never offer: a fault, not the officer's
            log.error("the facts of case %s could not be read", self._case_id, exc_info=exc)
            self.error_label.setText(
                self.tr("Internal error: the facts were not read (see the application log)")
            )
            return
        if self.fee_exempt.isChecked() and not facts.fee_exemption:
            self.error_label.setText(self.tr("Write the ground of the fee exemption"))
            return
        if facts.representative is not None and not facts.representative.full_name:
            self.error_label.setText(self.tr("Write the representative's full name"))
            return
        try:
            procedure.set_facts(self._ctx, self._case_id, facts)
        except KnownError as exc:
            self.error_label.setText(exc.message.get(self._lang))
            return
        self.saved.emit()
        self.accept()


def _residence_combo(lang: str, value: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem("—", "")
    for key, text in RESIDENCE.items():
        combo.addItem(text.get(lang), key)
    combo.setCurrentIndex(max(combo.findData(value), 0))
    return combo
