"""The scan dialog: pages of one document from a scanner or files, edited, then attached to a
checklist item; and the passport's MRZ from a reader (typed) or from the scanned pages.

Signals:
    document_saved(object)   a ``DocumentInfo`` after the pages were stored
    proposal_ready(object)   an ``IdentityProposal`` from the MRZ (typed or read by OCR)
    prefilled(object)        a ``Prefill`` after the officer pre-filled the case from it
    task_finished(str)       a background task ended ("devices", "acquire", "save", "mrz",
                             "prefill")

Scanning, file import, compression, storage and OCR run on the global ``QThreadPool``
through the desk's one task helper (``desktop.ui.tasks.run_reporting_task``); pages, progress
and results come back on the GUI thread. No widget is touched from a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image
from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QMouseEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRubberBand,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.formats import short_date
from desktop.domain.i18n import Text
from desktop.services import scanner, scans
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError, as_known
from desktop.services.scanner import (
    CancelToken,
    ColourMode,
    DeviceInfo,
    Document,
    MrzResult,
    PageSettings,
    PaperSource,
    ScanError,
    ScannedPage,
    ScanOptions,
    ScanSource,
    available_sources,
    thumbnail,
)
from desktop.ui import tasks

if TYPE_CHECKING:
    from desktop.ui.camera import CameraPanel

CAMERA = "qonys:camera"  # the camera's entry in the source list (no scanner id looks like it)
FILE_FILTER = "Scans (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;All files (*)"
THUMB = 160


def _shown(value: object) -> str:
    """A value of the MRZ proposal on screen: dates as dd.mm.yyyy, nothing as a dash."""
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return short_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value) if value else "—"


Report = Callable[[object], None]


@dataclass(frozen=True)
class _Progress:
    """A worker's report: pages done, and pages expected (-1 when unknown)."""

    done: int
    total: int


def _qimage(image: Image.Image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


class _CropView(QLabel):
    """The page, scaled to fit; the officer drags a rectangle over it."""

    def __init__(self, pixmap: QPixmap) -> None:
        super().__init__()
        self.setPixmap(pixmap)
        self.setFixedSize(pixmap.size())
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._origin = QPoint()
        self.selection = QRect()

    def set_selection(self, rect: QRect) -> None:
        self.selection = rect.normalized().intersected(self.rect())
        self._band.setGeometry(self.selection)
        self._band.show()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._origin = event.position().toPoint()
        self.set_selection(QRect(self._origin, QSize()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.set_selection(QRect(self._origin, event.position().toPoint()))


class CropDialog(QDialog):
    """Crop one page by hand (automatic border crop is not offered: see docs/scanning.md)."""

    def __init__(self, image: Image.Image, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Crop the page"))
        self._size = image.size
        # As large as fits: 700 px wide at most, and an A4 portrait page within a 768 px
        # high screen with the dialog's title, hint and buttons (issue 14).
        screen = QGuiApplication.primaryScreen()
        high = screen.availableGeometry().height() if screen is not None else 768
        side = max(500, min(700, high - 170))
        fit = min(1.0, 700 / image.width, side / image.height)
        preview = image.resize(
            (max(1, round(image.width * fit)), max(1, round(image.height * fit))),
            Image.Resampling.BILINEAR,
        )
        self._scale = image.width / preview.width
        self.view = _CropView(QPixmap.fromImage(_qimage(preview)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Drag a rectangle around what to keep.")))
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    def box(self) -> tuple[int, int, int, int] | None:
        """The selection in the page's pixels (left, top, right, bottom), or None."""
        r = self.view.selection
        if r.width() < 5 or r.height() < 5:
            return None
        w, h = self._size
        left = max(0, round(r.left() * self._scale))
        top = max(0, round(r.top() * self._scale))
        right = min(w, round((r.left() + r.width()) * self._scale))
        bottom = min(h, round((r.top() + r.height()) * self._scale))
        return (left, top, right, bottom) if right > left and bottom > top else None


class ScanDialog(QDialog):
    document_saved = Signal(object)
    proposal_ready = Signal(object)
    prefilled = Signal(object)
    task_finished = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        case_id: int,
        item_key: str,
        *,
        sources: Sequence[ScanSource] | None = None,
        settings: PageSettings | None = None,
        lang: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self._case_id = case_id
        self._item_key = item_key
        self._sources = list(available_sources() if sources is None else sources)
        self._settings = settings or PageSettings()
        self._devices: list[tuple[ScanSource, DeviceInfo]] = []
        self._document = Document()
        self._cancel: CancelToken | None = None
        self._replace_at: int | None = None
        self._busy = False
        self._pending: tuple[str, Callable[[Any], None]] = ("", lambda _result: None)
        self._task: tasks.Task[Any] | None = None
        self.setWindowTitle(self.tr("Scan copies"))
        self.setAcceptDrops(True)

        self.source_combo = QComboBox()
        self.resolution_combo = QComboBox()
        for dpi in (150, 200, 300, 600):
            self.resolution_combo.addItem(f"{dpi} dpi", dpi)
        self.resolution_combo.setCurrentIndex(2)
        self.grey_check = QCheckBox(self.tr("Grey"))
        self.feeder_check = QCheckBox(self.tr("Document feeder (all sheets)"))
        self.scan_button = QPushButton(self.tr("Scan"))
        self.files_button = QPushButton(self.tr("Add files…"))
        top = QHBoxLayout()
        for w in (self.source_combo, self.resolution_combo, self.grey_check, self.feeder_check,
                  self.scan_button, self.files_button):  # fmt: skip
            top.addWidget(w)
        # The document camera needs QtMultimedia (PySide6-Addons): without it, scanners and
        # files still work and the source list simply has no camera.
        self.camera: CameraPanel | None = None
        try:
            from desktop.ui.camera import CameraPanel
        except ImportError:
            pass
        else:
            self.camera = CameraPanel(ctx.today, self)
            self.camera.setVisible(False)
            self.camera.page_taken.connect(self._on_camera_page_taken)
            self.camera.failed.connect(self._on_camera_failed)
            self.camera.devices_changed.connect(self._on_camera_devices_changed)
            self.camera.mrz_read.connect(self._on_camera_mrz_read)

        self.page_list = QListWidget()
        self.page_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.page_list.setIconSize(QSize(THUMB, THUMB))
        self.page_list.setMovement(QListWidget.Movement.Static)
        self.page_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.page_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.page_list.setSpacing(6)
        # Each page framed (a white page on a white list had no edge), the chosen one large.
        self.page_list.setStyleSheet(
            "QListWidget::item { border: 1px solid palette(dark); padding: 2px; }"
            "QListWidget::item:selected { border: 2px solid palette(highlight); }"
        )
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(220, 220)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.page_list.currentRowChanged.connect(self._show_preview)
        pages = QSplitter(Qt.Orientation.Horizontal)
        pages.addWidget(self.page_list)
        pages.addWidget(self.preview)
        pages.setStretchFactor(0, 1)
        pages.setStretchFactor(1, 2)
        pages.setChildrenCollapsible(False)
        self.left_button = QPushButton(self.tr("Rotate left"))
        self.right_button = QPushButton(self.tr("Rotate right"))
        self.up_button = QPushButton(self.tr("Move earlier"))
        self.down_button = QPushButton(self.tr("Move later"))
        self.crop_button = QPushButton(self.tr("Crop…"))
        self.delete_button = QPushButton(self.tr("Delete page"))
        self.rescan_button = QPushButton(self.tr("Rescan page"))
        edit = QHBoxLayout()
        for w in (self.left_button, self.right_button, self.up_button, self.down_button,
                  self.crop_button, self.delete_button, self.rescan_button):  # fmt: skip
            edit.addWidget(w)

        self.mrz_edit = QPlainTextEdit()
        self.mrz_edit.setPlaceholderText(self.tr("MRZ: scan the passport with the reader here"))
        self.mrz_edit.setMaximumHeight(70)
        self.mrz_button = QPushButton(self.tr("Use MRZ"))
        self.ocr_button = QPushButton(self.tr("Read MRZ from the pages"))
        mrz_row = QHBoxLayout()
        mrz_row.addWidget(self.mrz_edit)
        mrz_row.addWidget(self.mrz_button)
        mrz_row.addWidget(self.ocr_button)
        self.prefill_button = QPushButton(self.tr("Pre-fill the case"))
        self.prefill_button.setEnabled(False)
        mrz_row.addWidget(self.prefill_button)
        self.mrz_result = QLabel()
        self.mrz_result.setWordWrap(True)
        # What the officer should look at before relying on the zone: it never blocks.
        self.mrz_warning = QLabel()
        self.mrz_warning.setWordWrap(True)
        self.mrz_warning.setStyleSheet("color: #8a4b00")
        self.mrz_warning.setVisible(False)
        self._proposal: scans.IdentityProposal | None = None

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel scanning"))
        self.cancel_button.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Attach to the case"))
        self.close_button = QPushButton(self.tr("Close"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if self.camera is not None:
            layout.addWidget(self.camera, 2)
        layout.addWidget(pages, 3)
        layout.addLayout(edit)
        layout.addLayout(mrz_row)
        layout.addWidget(self.mrz_result)
        layout.addWidget(self.mrz_warning)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.resize(980, 720)

        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.files_button.clicked.connect(self._on_files_button_clicked)
        self.left_button.clicked.connect(lambda: self._rotate(-90))
        self.right_button.clicked.connect(lambda: self._rotate(90))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.crop_button.clicked.connect(self._on_crop_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.rescan_button.clicked.connect(self._on_rescan_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.mrz_button.clicked.connect(self._on_mrz_button_clicked)
        self.ocr_button.clicked.connect(self._on_ocr_button_clicked)
        self.prefill_button.clicked.connect(self._on_prefill_button_clicked)
        self.source_combo.currentIndexChanged.connect(self._on_source_combo_current_index_changed)
        self._refresh()
        self._show_preview(-1)
        self.refresh_devices()

    # --- background work ----------------------------------------------------------------

    def _start(self, name: str, fn: Callable[[Report], object],
               done: Callable[[Any], None]) -> None:  # fmt: skip
        """Run ``fn(report)`` on the pool through the desk's one task helper; one task at a time
        (the buttons are disabled meanwhile). Results and reports come back on the GUI thread,
        and are dropped if this dialog was deleted meanwhile (the desk locked)."""
        self._busy = True
        self._pending = (name, done)
        self._refresh()
        self._task = tasks.run_reporting_task(
            fn, self._on_task_succeeded, self._on_task_failed, self._on_task_reported, owner=self
        )

    def _on_task_succeeded(self, result: object) -> None:
        name, done = self._pending
        self._busy = False
        self._task = None
        done(result)
        self._refresh()
        self.task_finished.emit(name)

    def _on_task_failed(self, exc: BaseException) -> None:
        name, _ = self._pending
        self._busy = False
        self._task = None
        known = as_known(exc)  # a KnownError, or the shared store's server gone
        if known is not None:
            self.message.setText(known.message.get(self._lang))
        elif isinstance(exc, ScanError):
            self.message.setText(exc.text.get(self._lang))
        else:  # a bug: say so plainly, without personal data
            self.message.setText(self.tr("Internal error ({name})").format(
                name=type(exc).__name__))  # fmt: skip
        self._refresh()
        self.task_finished.emit(name)

    def _on_task_reported(self, payload: object) -> None:
        if isinstance(payload, _Progress):
            self.progress.setRange(0, max(payload.total, 0))
            self.progress.setValue(payload.done if payload.total > 0 else 0)
        elif isinstance(payload, ScannedPage):
            self._add_page(payload)

    def _add_page(self, page: ScannedPage) -> None:
        if self._replace_at is not None and self._replace_at < len(self._document):
            self._document.replace(self._replace_at, page)
            self._replace_at = None
        else:
            self._document.add(page)
        self._reload_pages()

    # --- sources ------------------------------------------------------------------------

    def refresh_devices(self) -> None:
        sources = list(self._sources)

        def work(_report: Report) -> list[tuple[ScanSource, DeviceInfo]]:
            return scanner.find_devices(sources)  # a driver that fails is left out

        def done(found: list[tuple[ScanSource, DeviceInfo]]) -> None:
            self._devices = found
            self.source_combo.clear()
            for _source, device in found:
                self.source_combo.addItem(device.label, device.id)
            if not found:
                self.source_combo.addItem(self.tr("No scanner — add files"), None)
            if self.camera is not None:
                self.source_combo.addItem(self.camera.source_label(), CAMERA)

        self._start("devices", work, done)

    def _options(self) -> ScanOptions:
        return ScanOptions(
            resolution=int(self.resolution_combo.currentData()),
            mode=ColourMode.GREY if self.grey_check.isChecked() else ColourMode.COLOUR,
            source=PaperSource.FEEDER if self.feeder_check.isChecked() else PaperSource.FLATBED,
        )

    @property
    def camera_chosen(self) -> bool:
        return self.camera is not None and self.source_combo.currentData() == CAMERA

    def scan(self, *, replace_at: int | None = None) -> None:
        if self.camera_chosen:
            # The camera takes pictures with its own button; a rescan waits for the next one.
            self._replace_at = replace_at
            if replace_at is not None and self.camera is not None:
                self.message.setText(self.camera.retake_prompt(replace_at + 1))
            return
        index = self.source_combo.currentIndex()
        if not 0 <= index < len(self._devices):
            self.message.setText(self.tr("No scanner is selected"))
            return
        source, device = self._devices[index]
        options = self._options()
        if replace_at is not None:
            options = ScanOptions(options.resolution, options.mode, PaperSource.FLATBED)
        self._replace_at = replace_at
        self._acquire(lambda cancel, progress: scanner.scan_pages(
            source, device.id, options, cancel, progress))  # fmt: skip

    def add_files(self, paths: Sequence[Path]) -> None:
        options = self._options()
        self._replace_at = None
        self._acquire(lambda cancel, progress: scanner.read_files(
            paths, options, cancel, progress))  # fmt: skip

    def _acquire(
        self, pages: Callable[[CancelToken, Callable[[int, int | None], None]], Any]
    ) -> None:
        cancel = CancelToken()
        self._cancel = cancel
        self.message.clear()

        def work(report: Report) -> int:
            def progress(done: int, total: int | None) -> None:
                report(_Progress(done, -1 if total is None else total))

            taken = 0
            # Pages reach the dialog one by one: a failure later keeps those already taken.
            for page in pages(cancel, progress):
                report(page)
                taken += 1
            return taken

        self._start("acquire", work, lambda taken: self.message.setText(
            self.tr("%n page(s) taken", "", taken)))  # fmt: skip

    # --- the document camera ------------------------------------------------------------

    @Slot(int)
    def _on_source_combo_current_index_changed(self, _index: int) -> None:
        if self.camera is not None:
            self.camera.set_wanted(self.camera_chosen)
        self._refresh()

    @Slot(object)
    def _on_camera_page_taken(self, page: ScannedPage) -> None:
        self._add_page(page)
        self.message.setText(self.tr("%n page(s) taken", "", len(self._document)))

    @Slot(str)
    def _on_camera_failed(self, text: str) -> None:
        self.message.setText(text)

    @Slot(object)
    def _on_camera_mrz_read(self, mrz: MrzResult) -> None:
        """The camera read an MRZ live (every check digit right, the same in a row)."""
        self._show_proposal(scans.propose_from_mrz(self._ctx, self._case_id, mrz))

    @Slot(int)
    def _on_camera_devices_changed(self, _count: int) -> None:
        index = self.source_combo.findData(CAMERA)
        if index >= 0 and self.camera is not None:
            self.source_combo.setItemText(index, self.camera.source_label())

    # --- page editing -------------------------------------------------------------------

    def _selected(self) -> int | None:
        row = self.page_list.currentRow()
        return row if 0 <= row < len(self._document) else None

    def _rotate(self, degrees: int) -> None:
        index = self._selected()
        if index is not None:
            self._document.rotate(index, degrees)
            self._reload_pages(select=index)

    def _move(self, step: int) -> None:
        index = self._selected()
        if index is not None and 0 <= index + step < len(self._document):
            self._document.move(index, index + step)
            self._reload_pages(select=index + step)

    def crop_dialog(self, index: int) -> CropDialog:
        return CropDialog(self._document.pages[index].image, self)

    def apply_crop(self, index: int, dialog: CropDialog) -> None:
        box = dialog.box()
        if box is not None:
            self._document.crop(index, box)
            self._reload_pages(select=index)

    @Slot()
    def _on_crop_button_clicked(self) -> None:
        index = self._selected()
        if index is None:
            return
        dialog = self.crop_dialog(index)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_crop(index, dialog)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        index = self._selected()
        if index is not None:
            self._document.delete(index)
            self._reload_pages(select=min(index, len(self._document) - 1))

    @Slot()
    def _on_rescan_button_clicked(self) -> None:
        index = self._selected()
        if index is not None:
            self.scan(replace_at=index)

    @Slot()
    def _on_scan_button_clicked(self) -> None:
        self.scan()

    @Slot()
    def _on_files_button_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Add scanned files"), "", FILE_FILTER)
        if names:
            self.add_files([Path(n) for n in names])

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and not self._busy:
            self.add_files(paths)
            event.acceptProposedAction()

    @property
    def document(self) -> Document:
        return self._document

    def _reload_pages(self, select: int | None = None) -> None:
        self.page_list.clear()
        for number, page in enumerate(self._document.pages, start=1):
            # Thumbnails live in memory only (never written under the data directory).
            icon = QIcon(QPixmap.fromImage(_qimage(thumbnail(page.image, THUMB))))
            self.page_list.addItem(QListWidgetItem(icon, str(number)))
        if select is not None and select >= 0:
            self.page_list.setCurrentRow(select)
        elif self.page_list.count():
            self.page_list.setCurrentRow(self.page_list.count() - 1)
        self._show_preview(self.page_list.currentRow())
        self._refresh()

    @Slot(int)
    def _show_preview(self, row: int) -> None:
        """The chosen page, as large as the dialog allows (from memory, never from disk)."""
        if not 0 <= row < len(self._document):
            self.preview.clear()
            self.preview.setText(self.tr("No pages yet"))
            return
        image = _qimage(self._document.pages[row].image)
        size = self.preview.size()
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                size.width() - 8,
                size.height() - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _refresh(self) -> None:
        has_pages = len(self._document) > 0
        idle = not self._busy
        for w in (self.scan_button, self.files_button, self.source_combo):
            w.setEnabled(idle)
        camera = self.camera_chosen
        # Scanner settings mean nothing to the camera: hide them while it is the source.
        scanner_widgets: tuple[QWidget, ...] = (
            self.resolution_combo, self.grey_check, self.feeder_check, self.scan_button
        )  # fmt: skip
        for widget in scanner_widgets:
            widget.setVisible(not camera)
        for w in (self.left_button, self.right_button, self.up_button, self.down_button,
                  self.crop_button, self.delete_button, self.rescan_button, self.save_button,
                  self.ocr_button):  # fmt: skip
            w.setEnabled(idle and has_pages)
        self.progress.setVisible(self._busy)
        self.cancel_button.setVisible(self._busy)

    # --- saving and the MRZ -------------------------------------------------------------

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()

    def save(self) -> None:
        pages = list(self._document.pages)
        ctx, case_id, item, settings = self._ctx, self._case_id, self._item_key, self._settings

        def work(_report: Report) -> scans.DocumentInfo:
            return scans.attach_scanned(ctx, case_id, item, pages, settings)

        def done(info: scans.DocumentInfo) -> None:
            # Keep only pages that came in while saving (a camera picture taken meanwhile).
            saved = {id(p) for p in pages}
            self._document = Document([p for p in self._document.pages if id(p) not in saved])
            self._reload_pages()
            self.message.setText(self.tr("Attached: %n page(s)", "", len(info.pages)))
            self.document_saved.emit(info)

        self._start("save", work, done)

    @Slot()
    def _on_mrz_button_clicked(self) -> None:
        try:
            proposal = scans.propose_from_text(
                self._ctx, self._case_id, self.mrz_edit.toPlainText()
            )
        except KnownError as exc:
            self.mrz_result.setText(exc.message.get(self._lang))
            self._show_warnings([])
            self._proposal = None
            self.prefill_button.setEnabled(False)
            return
        self._show_proposal(proposal)

    @Slot()
    def _on_ocr_button_clicked(self) -> None:
        images = [p.image for p in self._document.pages]
        ctx, case_id = self._ctx, self._case_id

        def work(_report: Report) -> scans.IdentityProposal | None:
            return scanner.read_mrz_pages(ctx, case_id, images)

        def done(proposal: scans.IdentityProposal | None) -> None:
            if proposal is None:
                self.mrz_result.setText(self.tr("No machine-readable zone found on the pages"))
                self._show_warnings([])
            else:
                self._show_proposal(proposal)

        self._start("mrz", work, done)

    def _show_proposal(self, p: scans.IdentityProposal) -> None:
        birth = p.birth_date.strftime("%d.%m.%Y") if p.birth_date else "—"
        expiry = p.expiry_date.strftime("%d.%m.%Y") if p.expiry_date else "—"
        sex = _SEX.get(str(p.sex.value) if p.sex else "", Text("—", "—", "—")).get(self._lang)
        lines = [
            f"{p.surname_latin} / {p.given_names_latin} — {self.tr('confirm the names')}",
            self.tr("Document {number}, born {birth}, sex: {sex}, valid until {expiry}").format(
                number=p.document_number, birth=birth, sex=sex, expiry=expiry
            ),
        ]
        self.mrz_result.setText("\n".join(lines))
        self._show_warnings(self._warnings(p))
        self._proposal = p
        self.prefill_button.setEnabled(p.checks_passed)
        self.proposal_ready.emit(p)

    def _warnings(self, p: scans.IdentityProposal) -> list[str]:
        """What the officer checks against the document before relying on the zone: an
        expired document, wrong check digits, format findings, and where the zone and the
        case disagree (the officer decides; nothing here blocks)."""
        found: list[str] = []
        if p.expired:
            found.append(self.tr("The document has EXPIRED (§5)"))
        if p.failed_checks:
            names = ", ".join(_field_name(f, self._lang) for f in p.failed_checks)
            found.append(self.tr("Wrong check digits: {f}").format(f=names))
        found.extend(problem.text.get(self._lang) for problem in p.problems)
        if p.mismatches:
            found.append(self.tr("The MRZ does not match the case: compare with the document"))
        for m in p.mismatches:
            if m.field == "document_number":
                template = self.tr("{field}: MRZ {mrz} ≠ checklist {q}")
            else:
                template = self.tr("{field}: MRZ {mrz} ≠ questionnaire {q}")
            line = template.format(field=_field_name(m.field, self._lang),
                                   mrz=_shown(m.mrz_value), q=_shown(m.questionnaire_value))  # fmt: skip
            if m.note_code:
                line += f" ({m.note_text.get(self._lang)})"
            found.append(line)
        return found

    def _show_warnings(self, warnings: list[str]) -> None:
        self.mrz_warning.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.mrz_warning.setVisible(bool(warnings))

    @Slot()
    def _on_prefill_button_clicked(self) -> None:
        proposal = self._proposal
        if proposal is None:
            return
        ctx, case_id = self._ctx, self._case_id

        def work(_report: Report) -> scans.Prefill:
            return scans.prefill_case(ctx, case_id, proposal)

        def done(result: scans.Prefill) -> None:
            self.message.setText(
                self.tr("Pre-filled: {fields}").format(fields=", ".join(result.filled) or "—")
            )
            self.prefilled.emit(result)

        self._start("prefill", work, done)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self._cancel is not None:
            self._cancel.cancel()
        if self.camera is not None:
            self.camera.stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        # Pages taken but not attached are lost on closing: ask first (issue 14).
        if len(self._document) and result != QDialog.DialogCode.Accepted:
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("{n} page(s) are not attached to the case. Close and discard them?").format(
                    n=len(self._document)
                ),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        # Close, Escape, accept: the camera stops with the dialog (its light goes off).
        if self.camera is not None:
            self.camera.stop()
        super().done(result)


_SEX = {
    "M": Text("ер", "мужской", "male"),
    "F": Text("әйел", "женский", "female"),
    "male": Text("ер", "мужской", "male"),
    "female": Text("әйел", "женский", "female"),
}


def _field_name(field: str, lang: str) -> str:
    return scans.mrz_field_name(field).get(lang)


__all__ = ["CropDialog", "ScanDialog"]
