"""Print preview and printing of handouts: the pages of the very PDF that `qonys print` writes.

The PDF bytes come from the services (`handouts.print_case_form`); pypdfium2 renders each page
to an image at the printer's resolution, which is painted on the QPrinter page — so paper and
the saved PDF come from the same bytes. Rendering and issuing run off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QToolButton, QWidget

from desktop.services import handouts
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError
from desktop.ui.language import QT_TRANSLATE_NOOP, translated_text
from desktop.ui.tasks import run_task
from desktop.ui.widgets import show_error

PRINT_DPI = 300  # the seal QR scans reliably at 300 dpi (issue 5)


def pdf_images(pdf: bytes, dpi: int = PRINT_DPI) -> list[QImage]:
    """Every page of `pdf` as an RGB image at `dpi` (safe on a worker thread)."""
    doc = pdfium.PdfDocument(pdf)
    images: list[QImage] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            bitmap = page.render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
            images.append(image.copy())  # own the pixels: `data` goes away
            page.close()
    finally:
        doc.close()
    return images


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    """Each image on its own page, scaled to the full paper, aspect kept."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            size = image.size().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            # The PDF page already has its margins: draw on the paper, not inside the margins.
            target = QRect(-page.x(), -page.y(), size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()


_NO_CHILDREN = QT_TRANSLATE_NOOP("PrintButton", "The application names no minor children")


class HandoutPreview(QPrintPreviewDialog):
    """Print preview of one handout; its print button opens QPrintDialog. Save keeps the PDF."""

    def __init__(
        self, pdf: bytes, images: list[QImage], title: str, parent: QWidget | None = None
    ) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setFullPage(True)
        super().__init__(printer, parent)
        self._printer = printer
        self.pdf = pdf
        self.images = images
        self.setWindowTitle(title)
        self.paintRequested.connect(self._on_paint_requested)
        # Opens showing the whole page, in a window as large as the screen allows (issue 14:
        # it opened at 38 %).
        self.preview_widget = self.findChild(QPrintPreviewWidget)
        if self.preview_widget is not None:
            self.preview_widget.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(min(900, area.width() * 9 // 10), area.height() * 9 // 10)

    @Slot(QPrinter)
    def _on_paint_requested(self, printer: QPrinter) -> None:
        paint_pages(printer, self.images)

    def save_pdf(self, path: str) -> None:
        handouts.save_pdf(Path(path), self.pdf)  # owner-only (0600): it holds personal data


class PrintButton(QToolButton):
    """ "Print…" with a menu of the case's handouts; each opens a print preview when ready."""

    def __init__(
        self,
        ctx: DeskContext,
        case_id: int,
        *,
        lang: str = "en",
        on_printed: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.case_id = case_id
        self._on_printed = on_printed
        self.preview: HandoutPreview | None = None
        self.setText(self.tr("Print…"))
        self.setObjectName("print_handout")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        titles = {
            "notification": self.tr("Annex 4 notification (signed, sealed) §10"),
            "receipt": self.tr("Application copy with the acceptance mark §4"),
            "refusal": self.tr("Refusal to accept §5"),
            "hearing": self.tr("Draft refusal and hearing notice §11"),
            "reasoned-refusal": self.tr("Reasoned refusal §11"),
        }
        self.form_actions: dict[str, QAction] = {}
        for form in handouts.FORMS:
            action = menu.addAction(titles[form])
            action.setObjectName(f"print_{form}")
            action.triggered.connect(lambda _=False, f=form: self.print_form(f))
            self.form_actions[form] = action
        # Annex 1: each minor child named in the application has an Annex 4 of their own.
        self.child_action = menu.addAction(self.tr("Annex 4 notification of a child…"))
        self.child_action.setObjectName("print_notification_child")
        self.child_action.triggered.connect(self._on_child_action_triggered)
        menu.addSeparator()
        self.save_action = menu.addAction(self.tr("Save the last printed PDF…"))
        self.save_action.setEnabled(False)
        self.save_action.triggered.connect(self._on_save_action_triggered)
        self.setMenu(menu)

    def show_forms(self, forms: list[str]) -> None:
        """Offer only these forms (`handouts.available_forms`: what the case's stage allows)."""
        for form, action in self.form_actions.items():
            action.setVisible(form in forms)
        # A child's notification goes with the applicant's (printable once it is issued).
        self.child_action.setVisible("notification" in forms)
        self.setEnabled(bool(forms) or self.save_action.isEnabled())

    def print_form(self, form: str, child: int | None = None) -> None:
        ctx, case_id = self._ctx, self.case_id

        def job() -> tuple[str, bytes, list[QImage]]:
            issued = handouts.print_case_form(ctx, form, case_id, child)
            suffix = f"/{child}" if child is not None else ""
            return f"{issued.case_number} {form}{suffix}", issued.pdf, pdf_images(issued.pdf)

        run_task(job, self._on_done, self._on_failed)

    def child_names(self) -> list[str]:
        from desktop.services import cases as case_service

        q = case_service.get_case(self._ctx, self.case_id).questionnaire
        return [c.full_name for c in q.children]

    @Slot()
    def _on_child_action_triggered(self) -> None:
        names = self.child_names()
        if not names:
            show_error(
                self,
                KnownError(translated_text("PrintButton", _NO_CHILDREN)),
                self._lang,
            )
            return
        choices = [f"{i}. {n}" for i, n in enumerate(names, 1)]
        chosen, ok = QInputDialog.getItem(
            self, self.tr("Annex 4 notification of a child"), self.tr("Child"), choices, 0, False
        )
        if ok:
            self.print_form("notification", choices.index(chosen) + 1)

    def _on_done(self, result: tuple[str, bytes, list[QImage]]) -> None:
        title, pdf, images = result
        self.preview = HandoutPreview(pdf, images, title, self)
        self.save_action.setEnabled(True)
        self.setEnabled(True)
        if self._on_printed is not None:
            self._on_printed()
        self.preview.open()

    def _on_failed(self, exc: BaseException) -> None:
        show_error(self, exc, self._lang)

    @Slot()
    def _on_save_action_triggered(self) -> None:
        if self.preview is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save PDF"), "", "PDF (*.pdf)")
        if name:
            self.preview.save_pdf(name)
