"""The document camera (or a webcam) as a page source of the scan dialog, through QtMultimedia.

A live preview, the camera and its resolution to choose, and a capture button (Space or Enter
while the panel has the keyboard focus). A captured frame is converted to a Pillow image off
the GUI thread and becomes a page through ``desktop.scanning.camera.page_from_frame``; the scan
dialog then treats it like a scanned page (rotate, crop, reorder, delete, the same compression
and encrypted storage).

The camera runs only while the camera source is chosen and the panel is shown: choosing a
scanner, closing the dialog or locking the desk (which deletes the dialog with the case panel)
stops it, so the camera's light goes off and no picture is taken behind the officer's back.
Cameras plugged in or out are followed (``QMediaDevices.videoInputsChanged``); a camera that
fails or disappears while in use stops with a message, and the pages already taken stay.

The live picture is also read for a machine-readable zone, a few frames a second, on a
worker thread (``services.scans.LiveMrzReader``): the panel says when it has a reading whose
check digits are all right and that came out the same from consecutive frames, and hands it to
the dialog — no need to take a picture for the MRZ.

Signals:
    page_taken(object)     a ``ScannedPage`` (origin "camera") for the dialog's document
    failed(str)            a message for the officer (camera error, unplugged, bad frame)
    devices_changed(int)   the number of cameras now present
    mrz_read(object)       an ``MrzResult`` read live, every check digit right, same in a row
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PIL import Image
from PySide6.QtCore import QLocale, QSize, Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QImage, QKeySequence, QShortcut, QShowEvent
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QCameraFormat,
    QImageCapture,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import formats
from desktop.services.scanner import ScanError, ScannedPage, page_from_frame
from desktop.services.scans import LiveMrzReader, LiveReading
from desktop.ui import tasks

LIVE_MRZ_INTERVAL_S = 0.3  # at most ~3 frames a second are read for the MRZ

__all__ = [
    "CameraPanel",
    "frame_to_page",
    "media_backend_ready",
    "qimage_to_pil",
    "resolution_choices",
    "video_inputs",
]


def media_backend_ready() -> bool:
    """Whether QtMultimedia loaded a media backend (FFmpeg; Windows Media Foundation): without
    one there are never any cameras. The built app's self-test checks this (the backend is a
    plugin with its own libraries, which a packaging slip leaves behind silently)."""
    from PySide6.QtMultimedia import QMediaFormat

    return bool(QMediaFormat().supportedVideoCodecs(QMediaFormat.ConversionMode.Decode))


def video_inputs() -> list[QCameraDevice]:
    """The cameras present now (the one place the panel asks; tests replace it)."""
    return list(QMediaDevices.videoInputs())


def resolution_choices(device: QCameraDevice) -> list[QCameraFormat]:
    """One format per resolution the camera offers, largest first (a document camera's copy is
    only as legible as its pixels), each with the highest frame rate offered at that size."""
    best: dict[tuple[int, int], QCameraFormat] = {}
    for fmt in device.videoFormats():
        size = fmt.resolution()
        key = (size.width(), size.height())
        if key[0] <= 0 or key[1] <= 0:
            continue
        current = best.get(key)
        if current is None or fmt.maxFrameRate() > current.maxFrameRate():
            best[key] = fmt
    return [best[k] for k in sorted(best, key=lambda k: (k[0] * k[1], k[0]), reverse=True)]


def _desk_language() -> str:
    """The desk's language ("kk", "ru" or "en"): `Language.install` sets the default locale."""
    return {QLocale.Language.Kazakh: "kk", QLocale.Language.Russian: "ru"}.get(
        QLocale().language(), "en"
    )


def qimage_to_pil(image: QImage) -> Image.Image:
    """A captured frame as an RGB Pillow image (a copy: the QImage may be released after)."""
    if image.isNull() or image.width() <= 0 or image.height() <= 0:
        raise ScanError.coded("camera.empty")
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = bytes(rgb.constBits())[: stride * height]
    # Rows are padded to 4 bytes in a QImage: hand Pillow the stride so it skips the padding.
    return Image.frombuffer("RGB", (width, height), data, "raw", "RGB", stride, 1).copy()


def frame_to_page(image: QImage) -> ScannedPage:
    """What the capture handler runs on a worker: QImage → Pillow → a checked page."""
    return page_from_frame(qimage_to_pil(image))


class CameraPanel(QWidget):
    page_taken = Signal(object)
    failed = Signal(str)
    devices_changed = Signal(int)
    mrz_read = Signal(object)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        """``today``: the desk's day, for the dates of a zone read from the live picture."""
        super().__init__(parent)
        self._devices: list[QCameraDevice] = []
        self._formats: list[QCameraFormat] = []
        self._camera: QCamera | None = None
        self._wanted = False  # the dialog chose the camera as its source
        self._ready = False
        self._converting = 0

        self.device_combo = QComboBox()
        self.resolution_combo = QComboBox()
        self.capture_button = QPushButton(self.tr("Take picture"))
        self.capture_button.setToolTip(self.tr("Space or Enter"))
        self.preview = QVideoWidget()
        self.preview.setMinimumSize(QSize(480, 270))
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.mrz_status = QLabel()
        self.mrz_status.setWordWrap(True)
        self._live = LiveMrzReader(today)
        self._live_busy = False
        self._live_last = 0.0
        self._live_reported: tuple[str, ...] = ()

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Camera:")))
        row.addWidget(self.device_combo, 1)
        row.addWidget(QLabel(self.tr("Resolution:")))
        row.addWidget(self.resolution_combo)
        row.addWidget(self.capture_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.mrz_status)

        self._session = QMediaCaptureSession(self)
        self._image_capture = QImageCapture(self)
        self._image_capture.setQuality(QImageCapture.Quality.VeryHighQuality)
        self._session.setImageCapture(self._image_capture)
        self._session.setVideoOutput(self.preview)
        self._image_capture.imageCaptured.connect(self._on_image_captured)
        self._image_capture.errorOccurred.connect(self._on_image_capture_error_occurred)
        self._image_capture.readyForCaptureChanged.connect(self._on_ready_for_capture_changed)
        sink = self.preview.videoSink()
        if sink is not None:
            sink.videoFrameChanged.connect(self._on_video_frame_changed)

        self._media_devices = QMediaDevices(self)
        self._media_devices.videoInputsChanged.connect(self._on_video_inputs_changed)
        self.device_combo.currentIndexChanged.connect(self._on_device_combo_current_index_changed)
        self.resolution_combo.activated.connect(self._on_resolution_combo_activated)
        self.capture_button.clicked.connect(self.capture)
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_capture_shortcut_activated)

        self._list_devices()
        self._update()

    # --- what the dialog uses ------------------------------------------------------------

    def source_label(self) -> str:
        """The camera's entry in the dialog's source list."""
        if not self._devices:
            return self.tr("Document camera — no camera found")
        return self.tr("Document camera")

    def retake_prompt(self, page_no: int) -> str:
        """What the dialog says when the officer rescans page ``page_no`` with the camera."""
        return self.tr("Take the picture again: it replaces page {n}").format(n=page_no)

    @property
    def has_camera(self) -> bool:
        return bool(self._devices)

    @property
    def is_active(self) -> bool:
        return self._camera is not None and self._camera.isActive()

    def set_wanted(self, wanted: bool) -> None:
        """The dialog chose (or left) the camera source: start or stop the camera."""
        self._wanted = wanted
        self.setVisible(wanted)  # shown: showEvent starts the camera; hidden: hideEvent stops it
        if not wanted:
            self.stop()

    def start(self) -> None:
        """Open the chosen camera at the chosen resolution and show its picture."""
        self.stop()
        device = self._current_device()
        if device is None:
            self._update()
            return
        camera = QCamera(device, self)
        fmt = self._current_format()
        if fmt is not None:
            camera.setCameraFormat(fmt)
            self._image_capture.setResolution(fmt.resolution())
        camera.errorOccurred.connect(self._on_camera_error_occurred)
        camera.activeChanged.connect(self._on_camera_active_changed)
        self._camera = camera
        self._session.setCamera(camera)
        self.status.clear()
        camera.start()
        if camera.error() != QCamera.Error.NoError:  # a device that refuses at once
            self._on_camera_error_occurred(camera.error(), camera.errorString())
            return
        self._update()
        self.preview.setFocus()

    def stop(self) -> None:
        """Release the camera (its light goes off); pages already taken are untouched."""
        camera, self._camera = self._camera, None
        self._ready = False
        self._live.reset()
        self._live_reported = ()
        self.mrz_status.clear()
        if camera is not None:
            camera.blockSignals(True)  # a stopping camera's last signals are not news
            camera.stop()
            self._session.setCamera(None)  # type: ignore[arg-type]
            camera.deleteLater()
        self._update()

    @Slot()
    def capture(self) -> None:
        if self._camera is None or not self._ready:
            self.status.setText(self.tr("The camera is not ready yet"))
            return
        self._image_capture.capture()

    # --- devices -------------------------------------------------------------------------

    def _list_devices(self) -> None:
        current = self._current_device()
        current_id = bytes(current.id().data()) if current is not None else None
        self._devices = list(video_inputs())
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        for device in self._devices:
            self.device_combo.addItem(device.description())
        if not self._devices:
            self.device_combo.addItem(self.tr("No camera found"))
        else:
            ids = [bytes(d.id().data()) for d in self._devices]
            self.device_combo.setCurrentIndex(ids.index(current_id) if current_id in ids else 0)
        self.device_combo.blockSignals(False)
        self._list_resolutions()
        self.devices_changed.emit(len(self._devices))

    def _list_resolutions(self) -> None:
        device = self._current_device()
        self._formats = resolution_choices(device) if device is not None else []
        self.resolution_combo.clear()
        for fmt in self._formats:
            size = fmt.resolution()
            megapixels = size.width() * size.height() / 1_000_000
            lang = _desk_language()
            self.resolution_combo.addItem(
                self.tr("{width} × {height} ({megapixels} MP)").format(
                    width=size.width(),
                    height=size.height(),
                    megapixels=formats.decimal(megapixels, lang),
                )
            )
        if not self._formats:
            self.resolution_combo.addItem(self.tr("Camera default"))

    def _current_device(self) -> QCameraDevice | None:
        index = self.device_combo.currentIndex()
        return self._devices[index] if 0 <= index < len(self._devices) else None

    def _current_format(self) -> QCameraFormat | None:
        index = self.resolution_combo.currentIndex()
        return self._formats[index] if 0 <= index < len(self._formats) else None

    @Slot()
    def _on_video_inputs_changed(self) -> None:
        in_use = self._current_device() if self._camera is not None else None
        self._list_devices()
        if in_use is not None:
            ids = {bytes(d.id().data()) for d in self._devices}
            if bytes(in_use.id().data()) not in ids:
                self.stop()
                self._tell(self.tr("The camera was disconnected. The pages already taken are kept; connect it again or choose another source."))  # fmt: skip
                return
        if self._wanted and self.isVisible() and self._camera is None and self._devices:
            self.start()  # a camera was plugged in while the camera source was chosen
        self._update()

    @Slot(int)
    def _on_device_combo_current_index_changed(self, _index: int) -> None:
        self._list_resolutions()
        if self._camera is not None:
            self.start()

    @Slot(int)
    def _on_resolution_combo_activated(self, _index: int) -> None:
        if self._camera is not None:
            self.start()

    # --- the camera's signals ------------------------------------------------------------

    @Slot(QCamera.Error, str)
    def _on_camera_error_occurred(self, error: QCamera.Error, text: str) -> None:
        if error == QCamera.Error.NoError:
            return
        self.stop()
        self._tell(self.tr("The camera stopped ({reason}). The pages already taken are kept.")
                   .format(reason=text or error.name))  # fmt: skip

    @Slot(bool)
    def _on_camera_active_changed(self, _active: bool) -> None:
        self._update()

    @Slot(bool)
    def _on_ready_for_capture_changed(self, ready: bool) -> None:
        self._ready = ready
        self._update()

    @Slot(int, QImageCapture.Error, str)
    def _on_image_capture_error_occurred(
        self, _id: int, error: QImageCapture.Error, text: str
    ) -> None:
        if error != QImageCapture.Error.NoError:
            self._tell(self.tr("The picture could not be taken ({reason})").format(
                reason=text or error.name))  # fmt: skip

    @Slot(int, QImage)
    def _on_image_captured(self, _id: int, image: QImage) -> None:
        """A frame came in: make it a page off the GUI thread (a 13 MP frame takes a while)."""
        self._converting += 1
        self.status.setText(self.tr("Processing the picture…"))
        # The signal's argument may belong to the emitter and go with it; our own (implicitly
        # shared, so cheap) copy lives as long as the worker needs it.
        frame = QImage(image)
        tasks.run_task(
            lambda: frame_to_page(frame), self._on_frame_converted, self._on_frame_failed,
            owner=self,
        )  # fmt: skip

    def _on_frame_converted(self, page: ScannedPage) -> None:
        self._converting -= 1
        self.status.setText(self.tr("Picture taken"))
        self.page_taken.emit(page)

    def _on_frame_failed(self, exc: BaseException) -> None:
        self._converting -= 1
        if isinstance(exc, ScanError):
            self._tell(exc.text.get(_desk_language()))
        else:  # a bug: say so plainly, without personal data
            self._tell(self.tr("Internal error ({name})").format(name=type(exc).__name__))

    # --- the MRZ from the live picture ----------------------------------------------------

    @Slot(QVideoFrame)
    def _on_video_frame_changed(self, frame: QVideoFrame) -> None:
        if not self._wanted or self._live_busy:
            return
        if time.monotonic() - self._live_last < LIVE_MRZ_INTERVAL_S:
            return
        # Our own (implicitly shared) copy; it is converted to an image on the worker too:
        # a 13 MP frame's conversion would otherwise hold the GUI thread several times a second.
        copy = QVideoFrame(frame)
        self._start_live(lambda: copy.toImage())

    def _start_live(self, image: Callable[[], QImage]) -> bool:
        if self._live_busy:
            return False
        self._live_busy = True
        self._live_last = time.monotonic()
        live = self._live
        tasks.run_task(
            lambda: live.offer(qimage_to_pil(image())), self._on_live_read, self._on_live_failed,
            owner=self,
        )  # fmt: skip
        return True

    @property
    def live_reading(self) -> bool:
        """A live frame is being read now."""
        return self._live_busy

    def _on_live_read(self, reading: LiveReading) -> None:
        self._live_busy = False
        if reading.stable and reading.mrz is not None:
            mrz = reading.mrz
            self.mrz_status.setText(
                self.tr("MRZ read: {number}, {name}. Every check digit is right and the "
                        "reading agrees in {n} pictures in a row.").format(
                    number=mrz.document_number, name=mrz.surname, n=reading.agreeing_frames)
            )  # fmt: skip
            if reading.lines != self._live_reported:
                self._live_reported = reading.lines
                self.mrz_read.emit(mrz)
        elif reading.checks_passed:
            self.mrz_status.setText(self.tr("MRZ read once: hold the document still…"))
        elif reading.lines:
            self.mrz_status.setText(
                self.tr("MRZ seen, but not every check digit is right yet: hold the document "
                        "still, flat and without glare")
            )  # fmt: skip
        elif not self._live_reported:
            self.mrz_status.setText(self.tr("No MRZ in the picture"))

    def _on_live_failed(self, exc: BaseException) -> None:
        self._live_busy = False
        if isinstance(exc, ScanError):
            return  # an empty frame (the camera starting): the next one comes soon
        else:  # a bug: say so plainly, without personal data
            self.mrz_status.setText(self.tr("Internal error ({name})").format(
                name=type(exc).__name__))  # fmt: skip

    @Slot()
    def _on_capture_shortcut_activated(self) -> None:
        if self.capture_button.isEnabled():
            self.capture()

    # --- state ---------------------------------------------------------------------------

    def _tell(self, text: str) -> None:
        self.status.setText(text)
        self.failed.emit(text)

    def _update(self) -> None:
        present = bool(self._devices)
        self.device_combo.setEnabled(present)
        self.resolution_combo.setEnabled(present and bool(self._formats))
        self.capture_button.setEnabled(present and self._camera is not None and self._ready)
        if not present:
            self.status.setText(self.tr("No camera found: connect a document camera, or use a scanner or files."))  # fmt: skip

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._wanted and self._camera is None and self._devices:
            self.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # The dialog closed or the desk was locked: never keep the camera running unseen.
        self.stop()
        super().hideEvent(event)
