"""Acquisition: SANE's real test driver, every file format, and every kind of bad input."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import img2pdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desktop.scanning import sources
from desktop.scanning.sources import (
    CancelToken,
    ColourMode,
    FileSource,
    PaperSource,
    SaneSource,
    ScanCancelled,
    ScanError,
    ScanOptions,
    collect,
)

# --- SANE ---------------------------------------------------------------------------------------


def test_sane_lists_the_test_device(sane_test_backend: str) -> None:
    devices = SaneSource().list_devices()
    assert sane_test_backend in [d.id for d in devices]
    assert all(d.backend == "sane" for d in devices)


def test_sane_scans_one_page(sane_test_backend: str) -> None:
    progress: list[tuple[int, int | None]] = []
    pages = list(
        SaneSource().scan(
            sane_test_backend,
            ScanOptions(resolution=75, mode=ColourMode.COLOUR),
            progress=lambda done, total: progress.append((done, total)),
        )
    )
    assert len(pages) == 1
    page = pages[0]
    assert page.image.mode == "RGB" and page.dpi == 75 and page.origin == "scanner"
    # The test device's default area is 80 × 100 mm.
    assert page.image.size == (round(80 / 25.4 * 75), round(100 / 25.4 * 75))
    assert progress == [(1, None)]


def test_sane_grey_mode(sane_test_backend: str) -> None:
    (page,) = SaneSource().scan(sane_test_backend, ScanOptions(resolution=75, mode=ColourMode.GREY))
    assert page.image.mode == "L"


def test_sane_feeder_batch(sane_test_backend: str) -> None:
    result = collect(
        SaneSource().scan(sane_test_backend, ScanOptions(75, source=PaperSource.FEEDER))
    )
    assert result.complete
    assert len(result.pages) >= 2  # the test feeder holds a fixed stack of sheets


def test_sane_batch_cancelled_keeps_pages(sane_test_backend: str) -> None:
    token = CancelToken()

    def progress(done: int, _total: int | None) -> None:
        if done == 2:
            token.cancel()

    result = collect(
        SaneSource().scan(
            sane_test_backend,
            ScanOptions(75, source=PaperSource.FEEDER),
            cancel=token,
            progress=progress,
        )
    )
    assert isinstance(result.error, ScanCancelled)
    assert len(result.pages) == 2
    assert "The pages already scanned are kept: 2" in str(result.error)
    assert result.error.code == "scan.cancelled"
    assert "Отсканированные страницы сохранены: 2" in result.error.text.ru


class _Unplugged:
    """The real test device, made to fail with SANE_STATUS_IO_ERROR from the third sheet on:
    what the driver reports when a USB scanner is pulled out mid-batch."""

    def __init__(self, dev: Any) -> None:
        object.__setattr__(self, "_dev", dev)
        object.__setattr__(self, "_starts", 0)

    def start(self) -> Any:
        object.__setattr__(self, "_starts", self._starts + 1)
        if self._starts == 3:
            self._dev.read_return_value = "SANE_STATUS_IO_ERROR"
        return self._dev.start()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._dev, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._dev, name, value)


def test_sane_scanner_unplugged_mid_batch(
    sane_test_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sane

    real_open = sane.open
    monkeypatch.setattr(sane, "open", lambda name: _Unplugged(real_open(name)))
    try:
        result = collect(
            SaneSource().scan(sane_test_backend, ScanOptions(75, source=PaperSource.FEEDER))
        )
    finally:
        # The test backend keeps its options between opens: plug the scanner back in.
        dev = real_open(sane_test_backend)
        dev.read_return_value = "Default"
        dev.close()
    assert len(result.pages) == 2
    assert isinstance(result.error, ScanError)
    message = str(result.error)
    assert "stopped responding" in message and "The pages already scanned are kept: 2" in message
    assert result.error.code == "scanner.not_responding"
    assert result.error.text.kk.startswith("Сканер жауап бермейді")


def test_sane_unknown_device(sane_test_backend: str) -> None:
    with pytest.raises(ScanError, match="could not be opened"):
        list(SaneSource().scan("nosuch:device", ScanOptions()))


def test_available_sources_on_this_platform() -> None:
    kinds = [s.backend for s in sources.available_sources()]
    if sys.platform == "win32":  # pragma: no cover
        assert kinds == ["wia"]
    else:
        assert kinds in (["sane"], [])


@pytest.mark.skipif(sys.platform != "win32", reason="WIA exists only on Windows (see docs)")
def test_wia_lists_devices() -> None:  # pragma: no cover - runs on Windows CI only
    from desktop.scanning.wia import WiaSource

    assert isinstance(WiaSource().list_devices(), list)


def test_wia_module_refuses_to_load_off_windows() -> None:
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("on Windows the module loads")
    with pytest.raises(ImportError, match="only on Windows"):
        import desktop.scanning.wia  # noqa: F401


# --- files: every format ------------------------------------------------------------------------


def _picture(size: tuple[int, int] = (400, 300), mode: str = "RGB") -> Image.Image:
    img = Image.new(mode, size, "white" if mode != "P" else 0)
    for x in range(0, size[0], 20):
        img.paste("black" if mode in ("RGB", "RGBA") else 0, (x, 0, x + 5, size[1]))
    return img


def _bytes(img: Image.Image, fmt: str, **kw: Any) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def test_jpeg_with_its_resolution(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    path.write_bytes(_bytes(_picture(), "JPEG", dpi=(200, 200)))
    (page,) = FileSource().read(path)
    assert page.image.size == (400, 300) and page.dpi == 200 and page.image.mode == "RGB"


def test_png_with_transparency_becomes_white_paper(tmp_path: Path) -> None:
    img = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    path = tmp_path / "scan.png"
    path.write_bytes(_bytes(img, "PNG"))
    (page,) = FileSource(assume_dpi=300).read(path)
    assert page.image.mode == "RGB" and page.image.getpixel((10, 10)) == (255, 255, 255)
    assert page.dpi == 300  # no resolution in the file: the assumed one


def test_file_type_comes_from_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "really-a-png.jpg"
    path.write_bytes(_bytes(_picture(), "PNG"))
    assert len(list(FileSource().read(path))) == 1


def test_multipage_tiff(tmp_path: Path) -> None:
    frames = [_picture((300 + 10 * i, 200)) for i in range(3)]
    path = tmp_path / "folder-scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_deflate",
                   dpi=(300, 300))  # fmt: skip
    progress: list[tuple[int, int | None]] = []
    pages = list(FileSource().read(path, progress=lambda d, t: progress.append((d, t))))
    assert [p.image.width for p in pages] == [300, 310, 320]
    assert progress == [(1, 3), (2, 3), (3, 3)]
    # Each page is its own picture, not a view of the last frame.
    assert len({id(p.image) for p in pages}) == 3


def test_grey_16_bit_tiff(tmp_path: Path) -> None:
    img = Image.new("I;16", (64, 64), 40000)
    path = tmp_path / "grey16.tif"
    img.save(path)
    (page,) = FileSource().read(path)
    assert page.image.mode == "L" and page.image.getpixel((1, 1)) == 156


def test_pdf_of_images_made_by_img2pdf(tmp_path: Path) -> None:
    jpegs = [_bytes(_picture((827, 1169)), "JPEG", dpi=(100, 100)) for _ in range(2)]
    path = tmp_path / "copies.pdf"
    path.write_bytes(img2pdf.convert(jpegs))
    pages = list(FileSource().read(path, ScanOptions(resolution=150)))
    assert len(pages) == 2
    # 827 px at 100 dpi is 8.27 in: rendered at 150 dpi that is about 1240 px.
    assert abs(pages[0].image.width - 1240) <= 2 and pages[0].dpi == 150


def test_vector_pdf_from_reportlab(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(50, 50, 200, 200, fill=1)
    c.showPage()
    c.save()
    (page,) = FileSource().read(path, ScanOptions(resolution=100, mode=ColourMode.GREY))
    assert page.image.mode == "L"
    width, height = page.image.size  # A4 at 100 dpi (pdfium rounds up)
    assert abs(width - 827) <= 1 and abs(height - 1169) <= 1


def test_file_cancel_between_pages(tmp_path: Path) -> None:
    frames = [_picture() for _ in range(4)]
    path = tmp_path / "batch.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    token = CancelToken()

    def progress(done: int, _total: int | None) -> None:
        if done == 1:
            token.cancel()

    result = collect(FileSource().read(path, cancel=token, progress=progress))
    assert len(result.pages) == 1 and isinstance(result.error, ScanCancelled)


# --- files: bad input ---------------------------------------------------------------------------


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size in a few dozen bytes (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b""))  # fmt: skip


def _encrypted_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret")
    c.rect(10, 10, 50, 50)
    c.showPage()
    c.save()
    return buf.getvalue()


BAD_INPUTS: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty"),
    ("text", b"just some text, not a picture\n", "unsupported file type"),
    ("gif", _bytes(_picture(mode="P"), "GIF"), "unsupported file type"),
    ("bmp", _bytes(_picture(), "BMP"), "unsupported file type"),
    ("truncated jpeg", _bytes(_picture((800, 600)), "JPEG")[:3000], "truncated"),
    ("truncated png", _bytes(_picture((800, 600)), "PNG")[:200], "truncated|damaged"),
    ("corrupt jpeg", b"\xff\xd8\xff\xe0" + b"\x13" * 4000, "damaged"),
    ("corrupt tiff", b"II*\x00" + b"\xff" * 100, "damaged"),
    ("bomb over our cap", _png_header_only(9000, 9000), "too large"),
    ("bomb over Pillow's warning", _png_header_only(10000, 10000), "too large"),
    ("bomb over Pillow's error", _png_header_only(60000, 60000), "too large"),
    ("broken pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ngarbage", "damaged"),
    ("truncated pdf", _encrypted_pdf()[:300], "damaged"),
    ("encrypted pdf", _encrypted_pdf(), "password-protected"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_a_clear_message(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    with pytest.raises(ScanError, match=message):
        list(FileSource().read(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="cannot be read"):
        list(FileSource().read(tmp_path / "nope.jpg"))


def test_pdf_with_too_large_page(tmp_path: Path) -> None:
    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(200 * 72, 200 * 72))  # 5 × 5 m
    c.showPage()
    c.save()
    with pytest.raises(ScanError, match="too large to render"):
        list(FileSource().read(path))


def test_reading_bytes_from_a_drag_and_drop() -> None:
    pages = list(FileSource().read_bytes(_bytes(_picture(), "PNG")))
    assert len(pages) == 1
