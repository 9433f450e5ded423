"""The document camera in the scan dialog, without a camera: no-camera state, frames to
encrypted pages, hot-plug, camera errors, the keyboard, and the camera stopping with the dialog.

There is no camera hardware here, so devices are replaced where the panel enumerates them
(`camera.video_inputs`) and frames are handed to the same slot QImageCapture calls."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter
from PySide6.QtMultimedia import QCamera
from pytestqt.qtbot import QtBot

from desktop import resources
from desktop.services import scans
from desktop.services.context import DeskContext
from desktop.ui import camera as camera_module
from desktop.ui.camera import CameraPanel, qimage_to_pil, resolution_choices
from desktop.ui.language import Language
from desktop.ui.scan_dialog import CAMERA, ScanDialog
from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.test_scan_dialog import TIMEOUT, _open

# The desk's day: the synthetic documents are dated from the day they are drawn.
TODAY = datetime.now(UTC).date()

JFIF = b"\xff\xd8\xff\xe0\x00\x10JFIF"


class FakeFormat:
    def __init__(self, width: int, height: int, fps: float) -> None:
        self._size, self._fps = QSize(width, height), fps

    def resolution(self) -> QSize:
        return self._size

    def maxFrameRate(self) -> float:  # noqa: N802 - Qt's name
        return self._fps


class FakeDevice:
    """What the panel reads of a QCameraDevice (Python cannot fill a real one)."""

    def __init__(self, ident: bytes, name: str, formats: list[FakeFormat]) -> None:
        self._id, self._name, self._formats = ident, name, formats

    def id(self) -> QByteArray:
        return QByteArray(self._id)

    def description(self) -> str:
        return self._name

    def videoFormats(self) -> list[FakeFormat]:  # noqa: N802 - Qt's name
        return self._formats

    def isNull(self) -> bool:  # noqa: N802 - Qt's name
        return False


DOC_CAM = FakeDevice(b"/dev/video0", "Document camera 13MP", [
    FakeFormat(1920, 1080, 30), FakeFormat(4208, 3120, 5), FakeFormat(4208, 3120, 10),
    FakeFormat(640, 480, 30),
])  # fmt: skip
WEBCAM = FakeDevice(b"/dev/video2", "Laptop webcam", [FakeFormat(1280, 720, 30)])


class Devices:
    """The cameras "plugged in" for a test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *devices: FakeDevice) -> None:
        self.present = list(devices)
        monkeypatch.setattr(camera_module, "video_inputs", lambda: list(self.present))


def _a4_page(width: int = 1240, height: int = 1754) -> QImage:
    """An A4-like frame (150 dpi) with lines of Kazakh text, as a camera would deliver it."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(245, 245, 240))
    family = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(resources.font_path()))
    )[0]
    painter = QPainter(image)
    painter.setFont(QFont(family, 28))
    painter.setPen(QColor(20, 20, 20))
    for i in range(30):
        painter.drawText(QPoint(90, 120 + 52 * i), f"{i + 1}. Өтініш беруші: Әбдірахманова Қ.")
    painter.fillRect(QRect(900, 90, 240, 300), QColor(200, 60, 60))  # a coloured photo
    painter.end()
    return image


def _choose_camera(dialog: ScanDialog) -> None:
    index = dialog.source_combo.findData(CAMERA)
    assert index >= 0, "the camera is listed as a source"
    dialog.source_combo.setCurrentIndex(index)


def test_no_camera_is_listed_and_says_so(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    Devices(monkeypatch)
    dialog = _open(qtbot, officer, sources=[])
    dialog.show()
    assert dialog.camera is not None
    index = dialog.source_combo.findData(CAMERA)
    assert dialog.source_combo.itemText(index) == "Document camera — no camera found"
    _choose_camera(dialog)
    panel = dialog.camera
    assert panel.isVisible() and not dialog.scan_button.isVisible()
    assert panel.device_combo.currentText() == "No camera found"
    assert not panel.capture_button.isEnabled() and not panel.device_combo.isEnabled()
    assert panel.status.text().startswith("No camera found")
    assert not panel.is_active
    panel.preview.setFocus()
    qtbot.keyClick(panel.preview, Qt.Key.Key_Space)  # nothing to capture with: nothing happens
    panel.capture()
    assert panel.status.text() == "The camera is not ready yet"
    assert len(dialog.document) == 0
    # Files still work with the camera chosen.
    assert dialog.files_button.isEnabled()


def test_a_frame_becomes_an_encrypted_page_of_the_case(
    qtbot: QtBot,
    officer: DeskContext,
    demo_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: Language,  # the English catalogue holds the plural forms
) -> None:
    Devices(monkeypatch, DOC_CAM)
    dialog = _open(qtbot, officer, sources=[])
    assert dialog.camera is not None
    assert dialog.source_combo.itemText(dialog.source_combo.findData(CAMERA)) == "Document camera"
    panel = dialog.camera
    frame = _a4_page()
    with qtbot.waitSignal(panel.page_taken, timeout=TIMEOUT) as taken:
        panel._image_capture.imageCaptured.emit(1, frame)  # as QImageCapture delivers it
    page = taken.args[0]
    assert page.origin == "camera" and page.image.size == (1240, 1754)
    assert page.dpi == 150  # 1754 px over A4's 297 mm
    assert len(dialog.document) == 1 and dialog.page_list.count() == 1
    assert dialog.message.text() == "1 page taken"
    # The page is edited like a scanned one.
    dialog.page_list.setCurrentRow(0)
    dialog.right_button.click()
    assert dialog.document.pages[0].image.size == (1754, 1240)
    with qtbot.waitSignal(dialog.document_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    info = saved.args[0]
    assert len(info.pages) == 1 and dialog.page_list.count() == 0
    stored = scans.page_data(officer, info.case_id, info.pages[0].id)
    assert stored.data.startswith(JFIF)
    assert (stored.width, stored.height) == (
        1754,
        1240,
    )  # 150 dpi: kept (at most 200), never upscaled
    # Colour kept (the photo), and the writing survived compression: dark pixels remain.
    picture = Image.open(io.BytesIO(stored.data))
    assert picture.mode == "RGB"
    assert picture.convert("L").getextrema()[0] < 80
    middle = len(stored.data) // 2
    needle = stored.data[middle : middle + 64]  # entropy-coded picture data (the text lines)
    assert len(set(needle)) > 20
    for path in demo_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert JFIF not in content, path.name
            assert needle not in content, path.name


def test_a_bad_frame_is_a_message_and_no_page(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    Devices(monkeypatch, DOC_CAM)
    dialog = _open(qtbot, officer, sources=[])
    assert dialog.camera is not None
    with qtbot.waitSignal(dialog.camera.failed, timeout=TIMEOUT) as failed:
        dialog.camera._on_image_captured(2, QImage())
    assert "empty picture" in failed.args[0] and "empty picture" in dialog.message.text()
    assert len(dialog.document) == 0


def test_qimage_rows_are_read_with_their_stride() -> None:
    image = QImage(7, 3, QImage.Format.Format_RGB32)  # 7 × 3 bytes a row: padded in RGB888
    image.fill(QColor(255, 255, 255))
    image.setPixelColor(6, 2, QColor(10, 20, 30))
    image.setPixelColor(0, 1, QColor(200, 100, 0))
    pil = qimage_to_pil(image)
    assert pil.size == (7, 3) and pil.mode == "RGB"
    assert pil.getpixel((6, 2)) == (10, 20, 30)
    assert pil.getpixel((0, 1)) == (200, 100, 0)
    assert pil.getpixel((6, 1)) == (255, 255, 255)


def test_resolutions_largest_first_fastest_format() -> None:
    choices = resolution_choices(DOC_CAM)  # type: ignore[arg-type]
    sizes = [(f.resolution().width(), f.resolution().height()) for f in choices]
    assert sizes == [(4208, 3120), (1920, 1080), (640, 480)]
    assert choices[0].maxFrameRate() == 10


def test_hot_plug_updates_the_cameras(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    devices = Devices(monkeypatch)
    panel = CameraPanel(lambda: TODAY)
    qtbot.addWidget(panel)
    assert not panel.has_camera and panel.device_combo.currentText() == "No camera found"
    devices.present = [WEBCAM]
    with qtbot.waitSignal(panel.devices_changed) as changed:
        panel._on_video_inputs_changed()
    assert changed.args == [1]
    assert panel.device_combo.currentText() == "Laptop webcam" and panel.device_combo.isEnabled()
    assert panel.resolution_combo.itemText(0) == "1280 × 720 (0.9 MP)"
    # A second camera arrives: the choice stays; choosing it lists its resolutions, largest first.
    devices.present = [DOC_CAM, WEBCAM]
    panel._on_video_inputs_changed()
    assert [panel.device_combo.itemText(i) for i in range(2)] == [
        "Document camera 13MP", "Laptop webcam"]  # fmt: skip
    assert panel.device_combo.currentText() == "Laptop webcam"
    panel.device_combo.setCurrentIndex(0)
    assert panel.resolution_combo.currentText() == "4208 × 3120 (13.1 MP)"
    assert panel.resolution_combo.count() == 3
    devices.present = []
    with qtbot.waitSignal(panel.devices_changed) as changed:
        panel._on_video_inputs_changed()
    assert changed.args == [0] and panel.source_label() == "Document camera — no camera found"
    assert not panel.capture_button.isEnabled()


def test_unplugged_or_failing_camera_keeps_the_pages(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    devices = Devices(monkeypatch, DOC_CAM)
    dialog = _open(qtbot, officer, sources=[])
    panel = dialog.camera
    assert panel is not None
    with qtbot.waitSignal(panel.page_taken, timeout=TIMEOUT):
        panel._on_image_captured(1, _a4_page(600, 850))
    # A camera error while previewing: a message, the camera released, the page kept.
    panel._camera = QCamera(panel)  # stands for the running camera
    panel._on_ready_for_capture_changed(True)
    assert panel.capture_button.isEnabled()
    with qtbot.waitSignal(panel.failed) as failed:
        panel._on_camera_error_occurred(QCamera.Error.CameraError, "device lost")
    assert failed.args[0] == "The camera stopped (device lost). The pages already taken are kept."
    assert dialog.message.text() == failed.args[0]
    assert panel._camera is None and not panel.capture_button.isEnabled()
    assert len(dialog.document) == 1 and dialog.page_list.count() == 1
    # Unplugged while in use: the same, and the list no longer offers it.
    panel._camera = QCamera(panel)
    devices.present = []
    panel._on_video_inputs_changed()
    assert panel._camera is None
    assert dialog.message.text().startswith("The camera was disconnected. The pages already")
    assert dialog.source_combo.itemText(dialog.source_combo.findData(CAMERA)) == (
        "Document camera — no camera found")  # fmt: skip
    assert len(dialog.document) == 1


def test_space_and_enter_take_a_picture(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    Devices(monkeypatch, DOC_CAM)
    panel = CameraPanel(lambda: TODAY)
    qtbot.addWidget(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()

    class Capture:
        calls = 0

        def capture(self) -> int:
            Capture.calls += 1
            return Capture.calls

    monkeypatch.setattr(panel, "_image_capture", Capture())
    panel.preview.setFocus()
    qtbot.keyClick(panel.preview, Qt.Key.Key_Space)
    assert Capture.calls == 0  # no running camera yet: the key does nothing
    panel._camera = QCamera(panel)
    panel._on_ready_for_capture_changed(True)
    qtbot.keyClick(panel.preview, Qt.Key.Key_Space)
    qtbot.keyClick(panel.preview, Qt.Key.Key_Return)
    qtbot.keyClick(panel.capture_button, Qt.Key.Key_Enter)
    assert Capture.calls == 3
    panel._on_ready_for_capture_changed(False)  # busy with the last picture
    qtbot.keyClick(panel.preview, Qt.Key.Key_Space)
    assert Capture.calls == 3


def test_the_camera_stops_with_the_dialog_and_with_another_source(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    Devices(monkeypatch, DOC_CAM)
    dialog = _open(qtbot, officer, sources=[])
    panel = dialog.camera
    assert panel is not None
    dialog.show()
    starts: list[str] = []
    monkeypatch.setattr(panel, "start", lambda: starts.append("start"))
    _choose_camera(dialog)
    assert starts == ["start"] and panel.isVisible()  # shown: the camera starts
    panel._camera = QCamera(panel)
    dialog.source_combo.setCurrentIndex(0)  # back to files
    assert panel._camera is None and not panel.isVisible()
    assert dialog.scan_button.isVisible()
    _choose_camera(dialog)
    panel._camera = QCamera(panel)
    dialog.reject()  # Close or Escape
    assert panel._camera is None


def test_the_camera_speaks_kazakh_and_russian(
    qtbot: QtBot, language: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    Devices(monkeypatch)
    for lang, take, missing in (
        ("kk", "Суретке түсіру", "Құжат камерасы — камера табылмады"),
        ("ru", "Сфотографировать", "Документ-камера — камера не найдена"),
    ):
        assert language.install(lang)
        panel = CameraPanel(lambda: TODAY)
        qtbot.addWidget(panel)
        assert panel.capture_button.text() == take
        assert panel.source_label() == missing
        assert panel.device_combo.currentText() != "No camera found"


def test_rescan_with_the_camera_replaces_the_page(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    Devices(monkeypatch, DOC_CAM)
    dialog = _open(qtbot, officer, sources=[])
    panel = dialog.camera
    assert panel is not None
    monkeypatch.setattr(panel, "start", lambda: None)  # no hardware to open
    dialog.show()
    _choose_camera(dialog)
    for size in ((600, 850), (700, 990)):
        with qtbot.waitSignal(panel.page_taken, timeout=TIMEOUT):
            panel._on_image_captured(1, _a4_page(*size))
    assert [p.image.width for p in dialog.document.pages] == [600, 700]
    dialog.page_list.setCurrentRow(0)
    dialog.rescan_button.click()
    assert dialog.message.text() == "Take the picture again: it replaces page 1"
    with qtbot.waitSignal(panel.page_taken, timeout=TIMEOUT):
        panel._on_image_captured(2, _a4_page(800, 1130))
    assert [p.image.width for p in dialog.document.pages] == [800, 700]


def test_the_camera_stops_when_a_lock_deletes_the_dialog(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On lock the procedure docks delete the case panel, and the scan dialog (its child) with
    it (`procedure_docks._replace`): the camera is stopped and released, not left running."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    from desktop.services import cases as case_service

    Devices(monkeypatch, DOC_CAM)
    case_panel = QWidget()  # deleted below: not handed to qtbot, which would close it again
    case_panel.show()
    q = case_service.get_case(officer, case_service.list_cases(officer, limit=1)[0].id)
    case_id = case_service.create_draft(officer, q.questionnaire).summary.id
    dialog = ScanDialog(officer, case_id, "fee_receipt", sources=[], parent=case_panel)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        pass
    panel = dialog.camera
    assert panel is not None
    monkeypatch.setattr(panel, "start", lambda: None)
    dialog.show()
    _choose_camera(dialog)
    events: list[str] = []
    running = QCamera(panel)
    panel._camera = running
    running.destroyed.connect(lambda: events.append("released"))
    real_stop = panel.stop
    monkeypatch.setattr(panel, "stop", lambda: (events.append("stopped"), real_stop()))
    case_panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the camera's own
    assert events[:1] == ["stopped"] and "released" in events


def _passport_frame(lines: tuple[str, ...] | None = None) -> tuple[QImage, tuple[str, ...]]:
    """A camera frame of a (fictitious) passport data page, slightly askew and blurred."""
    import random

    from desktop.scanning.mrz import MrzFormat
    from desktop.scanning.synthetic import random_identity, render

    rng = random.Random(31)
    sample = render(random_identity(rng), MrzFormat.TD3, rng, dpi=200, lines=lines)
    buf = io.BytesIO()
    sample.image.convert("RGB").save(buf, "PNG")
    image = QImage.fromData(buf.getvalue())
    assert not image.isNull()
    return image, sample.lines


# Offscreen there is no GPU: Qt converts the video frame on the CPU and says so.
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE + "|No RHI backend")
def test_the_mrz_is_read_from_the_live_picture(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QVideoFrame

    Devices(monkeypatch, DOC_CAM)
    monkeypatch.setattr(camera_module, "LIVE_MRZ_INTERVAL_S", 0.0)
    dialog = _open(qtbot, officer, sources=[])
    panel = dialog.camera
    assert panel is not None
    monkeypatch.setattr(panel, "start", lambda: None)  # no hardware to open
    dialog.show()
    _choose_camera(dialog)
    sink = panel.preview.videoSink()
    frame, lines = _passport_frame()
    received: list[object] = []
    panel.mrz_read.connect(received.append)

    def show(image: QImage) -> None:
        # The frame arrives through the preview's video sink, as the camera's frames do.
        sink.videoFrameChanged.emit(QVideoFrame(image))
        assert panel.live_reading  # read on a worker, the GUI thread is free
        qtbot.waitUntil(lambda: not panel.live_reading, timeout=TIMEOUT)

    show(_a4_page(600, 850))  # the officer is still placing the passport
    assert panel.mrz_status.text() == "No MRZ in the picture"
    show(frame)
    assert panel.mrz_status.text() == "MRZ read once: hold the document still…"
    assert received == []  # one frame is not enough
    show(frame)
    assert len(received) == 1 and received[0].lines == lines  # type: ignore[attr-defined]
    assert "agrees in 2 pictures in a row" in panel.mrz_status.text()
    # The dialog proposes the identity from it, as from a reader: pre-fill is offered.
    assert received[0].document_number in dialog.mrz_result.text()  # type: ignore[attr-defined]
    assert dialog.prefill_button.isEnabled()
    show(frame)  # the same reading again: said once, not proposed over and over
    assert len(received) == 1 and "agrees in 3 pictures" in panel.mrz_status.text()
    assert len(dialog.document) == 0  # reading the MRZ takes no picture


# Offscreen there is no GPU: Qt converts the video frame on the CPU and says so.
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE + "|No RHI backend")
def test_a_live_reading_with_a_wrong_check_digit_is_never_proposed(
    qtbot: QtBot, officer: DeskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QVideoFrame

    Devices(monkeypatch, DOC_CAM)
    monkeypatch.setattr(camera_module, "LIVE_MRZ_INTERVAL_S", 0.0)
    dialog = _open(qtbot, officer, sources=[])
    panel = dialog.camera
    assert panel is not None
    monkeypatch.setattr(panel, "start", lambda: None)
    _choose_camera(dialog)
    _, good = _passport_frame()
    wrong = str((int(good[1][19]) + 5) % 10)  # the birth date's check digit, misprinted
    frame, _ = _passport_frame((good[0], good[1][:19] + wrong + good[1][20:]))
    received: list[object] = []
    panel.mrz_read.connect(received.append)
    for _ in range(3):
        panel.preview.videoSink().videoFrameChanged.emit(QVideoFrame(frame))
        qtbot.waitUntil(lambda: not panel.live_reading, timeout=TIMEOUT)
        assert panel.mrz_status.text().startswith("MRZ seen, but not every check digit is right")
    assert received == [] and not dialog.prefill_button.isEnabled()
    # Another source: the camera stops and the live reading is forgotten.
    dialog.source_combo.setCurrentIndex(0)
    assert panel.mrz_status.text() == ""


def test_a_bad_frame_is_said_in_the_desks_language(
    qtbot: QtBot, officer: DeskContext, language: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    Devices(monkeypatch, DOC_CAM)
    for lang, expected in (
        ("ru", "Камера передала пустой снимок: сфотографируйте страницу еще раз"),
        ("kk", "Камера бос сурет берді: бетті қайта түсіріңіз"),
    ):
        assert language.install(lang)
        dialog = _open(qtbot, officer, sources=[])
        assert dialog.camera is not None
        with qtbot.waitSignal(dialog.camera.failed, timeout=TIMEOUT) as failed:
            dialog.camera._on_image_captured(2, QImage())
        assert failed.args[0] == expected
        assert "empty picture" not in dialog.message.text()
