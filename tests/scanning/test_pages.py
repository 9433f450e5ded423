"""Page operations, normalisation and compression, PDF export, thumbnails."""

from __future__ import annotations

import io
import random
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from desktop.scanning.ocr import read_mrz_image
from desktop.scanning.pages import (
    Document,
    PageSettings,
    StoredPage,
    compress,
    decode,
    export_pdf,
    thumbnail,
)
from desktop.scanning.sources import ScanError, ScannedPage
from desktop.scanning.synthetic import a4_copy, generate_set

# The desk's day: the synthetic documents are dated from the day they are drawn.
TODAY = datetime.now(UTC).date()


def _page(
    width: int, colour: tuple[int, int, int] = (255, 255, 255), dpi: int = 300
) -> ScannedPage:
    return ScannedPage(Image.new("RGB", (width, 100), colour), dpi, "file")


def _doc() -> Document:
    return Document.of([_page(100), _page(200), _page(300)])


def test_rotate_quarter_turns() -> None:
    doc = _doc()
    doc.pages[0].image.putpixel((0, 0), (255, 0, 0))
    doc.rotate(0, 90)  # clockwise: the top-left corner goes to the top-right
    assert doc.pages[0].image.size == (100, 100)
    assert doc.pages[0].image.getpixel((99, 0)) == (255, 0, 0)
    doc.rotate(1, -90)
    assert doc.pages[1].image.size == (100, 200)
    doc.rotate(2, 360)
    assert doc.pages[2].image.size == (300, 100)
    with pytest.raises(ValueError, match="quarter turns"):
        doc.rotate(0, 45)


def test_crop_reorder_delete_replace() -> None:
    doc = _doc()
    doc.crop(2, (10, 10, 110, 60))
    assert doc.pages[2].image.size == (100, 50)
    with pytest.raises(ValueError, match="inside the page"):
        doc.crop(0, (0, 0, 500, 50))
    doc.move(2, 0)
    assert [p.image.width for p in doc.pages] == [100, 100, 200]
    doc.delete(1)
    assert [p.image.width for p in doc.pages] == [100, 200]
    doc.replace(1, _page(999))
    assert [p.image.width for p in doc.pages] == [100, 999]
    with pytest.raises(IndexError, match="no page 5"):
        doc.delete(4)
    assert len(doc) == 2


def test_resolution_is_normalised_down_never_up() -> None:
    hi = compress(ScannedPage(Image.new("RGB", (1200, 600), "white"), 600, "scanner"))
    assert (hi.width, hi.height, hi.dpi) == (400, 200, 200)
    lo = compress(ScannedPage(Image.new("RGB", (300, 150), "white"), 150, "scanner"))
    assert (lo.width, lo.dpi) == (300, 150)
    assert decode(hi).info["dpi"] == pytest.approx((200, 200))
    fine = compress(ScannedPage(Image.new("RGB", (1200, 600), "white"), 600, "scanner"),
                    PageSettings(max_dpi=300))  # fmt: skip
    assert fine.dpi == 300


def test_grey_pages_are_stored_grey_colour_pages_in_colour() -> None:
    grey = compress(_page(400, (200, 200, 200)))
    assert decode(grey).mode == "L" and grey.mime == "image/jpeg"
    photo = Image.new("RGB", (400, 400), "white")
    photo.paste((200, 120, 90), (0, 0, 100, 100))  # a colour photo on a page
    assert decode(compress(ScannedPage(photo, 300, "file"))).mode == "RGB"


def test_a4_copy_fits_the_size_target_and_stays_readable() -> None:
    """An A4 copy scanned at 300 dpi is stored at the default settings in ≤ 400 KB, and the
    passport's MRZ can still be read from the stored page."""
    rng = random.Random(11)
    copy = a4_copy(rng)
    stored = compress(ScannedPage(copy.image, 300, "scanner"))
    assert len(stored.data) <= 400 * 1024
    result = read_mrz_image(decode(stored), today=TODAY)
    assert result.ok and result.lines == copy.lines


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="resolution"):
        PageSettings(max_dpi=50)
    with pytest.raises(ValueError, match="quality"):
        PageSettings(jpeg_quality=100)


def test_export_pdf(tmp_path: Path) -> None:
    sample = generate_set(1, seed=3)[0]
    pages = [compress(ScannedPage(sample.image, sample.dpi, "file")), compress(_page(1654))]
    pdf = export_pdf(pages)
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           2" in info.stdout
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    # The JPEG bytes go in as they are (DCT), no second lossy encoding.
    assert images.count("jpeg") == 2
    assert pages[0].data in pdf


def test_export_empty_document() -> None:
    with pytest.raises(ScanError, match="no pages"):
        export_pdf([])


def test_thumbnail_in_memory() -> None:
    stored = compress(ScannedPage(Image.new("RGB", (2480, 3508), "white"), 300, "file"))
    thumb = thumbnail(stored, 160)
    assert max(thumb.size) <= 160
    assert isinstance(thumb, Image.Image)
    assert max(thumbnail(Image.new("RGB", (1000, 500)), 100).size) == 100


def test_stored_page_round_trip() -> None:
    stored = compress(_page(640, dpi=200))
    again = StoredPage(stored.data, stored.mime, stored.width, stored.height, stored.dpi)
    assert decode(again).size == (640, 100)
    assert Image.open(io.BytesIO(stored.data)).format == "JPEG"
