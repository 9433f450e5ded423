"""The Verify dialog: is this Annex 4 notification genuine? Offline, against the trust list.

Paste the text scanned from the QR seal, or open the PDF. The answer names exactly what
failed (not signed, altered after signing, unknown or revoked signer, seal does not match
the page) — the same wording as `qonys verify`. Checks run off the GUI thread (tasks.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.i18n import Text
from desktop.services.verdict_text import verdict_text
from desktop.services.verification import (
    TrustAnchors,
    Verdict,
    check_pdf_file,
    check_seal_text,
)
from desktop.ui.tasks import Task, run_task

TrustLoader = Callable[[], TrustAnchors]

__all__ = ["TrustLoader", "Verdict", "VerifyDialog"]

log = logging.getLogger(__name__)


class VerifyDialog(QDialog):
    """Signals: `checked(object)` with the `Verdict` once a check is done."""

    checked = Signal(object)

    def __init__(self, trust_loader: TrustLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verify a notification"))
        self._trust_loader = trust_loader
        self._task: Task[Verdict] | None = None
        self.seal_edit = QPlainTextEdit()
        self.seal_edit.setPlaceholderText(
            self.tr("Paste the text scanned from the QR seal (QNS1:…)")
        )
        self.check_seal_button = QPushButton(self.tr("Check the seal"))
        self.open_pdf_button = QPushButton(self.tr("Open a PDF…"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("verify_result")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.check_seal_button)
        row.addWidget(self.open_pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Seal text or PDF, checked offline against the trust list"))
        )
        layout.addWidget(self.seal_edit)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.check_seal_button.clicked.connect(self.check_seal)
        self.open_pdf_button.clicked.connect(self._on_open_pdf_button_clicked)
        self.resize(640, 360)

    # --- checks -----------------------------------------------------------------------------

    def _start(self, work: Callable[[TrustAnchors], Verdict]) -> None:
        if self._task is not None:
            self._task.cancel()
        self.result_label.setText(self.tr("Checking…"))
        self.result_label.setStyleSheet("")
        loader = self._trust_loader

        def job() -> Verdict:
            return work(loader())

        self._task = run_task(job, self._on_done, self._on_failed)

    def check_seal(self) -> None:
        text = self.seal_edit.toPlainText()
        if not text.strip():
            self.result_label.setText(self.tr("Paste the seal text first."))
            return
        self._start(lambda trust: check_seal_text(text, trust))

    def check_pdf(self, path: Path) -> None:
        self._start(lambda trust: check_pdf_file(path, trust))

    @Slot()
    def _on_open_pdf_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a notification"), "", "PDF (*.pdf)"
        )
        if name:
            self.check_pdf(Path(name))

    @staticmethod
    def _lang() -> str:
        """The desk's language (the language switch sets Qt's default locale)."""
        return {QLocale.Language.Kazakh: "kk", QLocale.Language.Russian: "ru"}.get(
            QLocale().language(), "en"
        )

    def _on_done(self, verdict: Verdict) -> None:
        self._task = None
        self.result_label.setText(verdict_text(verdict).get(self._lang()))
        self.result_label.setStyleSheet("color: #1b5e20" if verdict.genuine else "color: #b71c1c")
        self.checked.emit(verdict)

    def _reason(self, exc: BaseException) -> str:
        """Why the check could not run, in the desk's language: a known refusal's own words,
        else a general message (the error itself goes to the application log, whose filter
        keeps personal data out). An unreadable PDF is a verdict of its own."""
        message = getattr(exc, "message", None)
        if isinstance(message, Text):
            return message.get(self._lang())
        log.error("a notification could not be checked", exc_info=exc)
        return self.tr("an internal error (written to the application log)")

    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        text = self._reason(exc)
        verdict = Verdict(False, (self.tr("Cannot check: {reason}").format(reason=text),))
        self.result_label.setText(verdict.text)
        self.result_label.setStyleSheet("color: #b71c1c")
        self.checked.emit(verdict)
