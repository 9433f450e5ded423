"""Pages of a scanned document: edit (rotate, crop, reorder, delete, replace), normalise and
compress for storage, export as one PDF, and thumbnails (in memory only).

Defaults chosen for legibility at a small size: pages are stored at no more than 200 dpi
(printed text, a passport's small print and its MRZ stay readable: the MRZ reader reads the
synthetic set at 200 dpi as well as at 300), grey when no visible part of the page is in
colour, the paper's sensor noise lifted to white, and progressive JPEG (the same pixels as a
baseline JPEG, 8–10 % fewer bytes). A page in colour is stored at JPEG quality 75 with 4:2:0
chroma; a grey page — printed text, a photocopy — at quality 60: the bytes of a page of text go
to the letters' edges, and below 75 they shrink fastest while the MRZ and the text read back
exactly as before (bench.scanning reads the MRZ back from every stored page). A dense A4 page of
text then weighs about 220–240 KB (320–330 KB at 75, baseline); a passport copy much less. A
mission that wants finer copies raises ``max_dpi`` to 300 (about 1.5–2× the bytes).

Automatic deskew and border crop are *not* done: the libraries that do them well
(OpenCV, scikit-image, ``deskew``) are heavy for a desk install, and the OCR straightens its
own copy of the MRZ band. The officer rotates and crops by hand in the scan dialog.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from desktop.scanning.sources import ScanError, ScannedPage

__all__ = [
    "Document",
    "PageSettings",
    "StoredPage",
    "compress",
    "decode",
    "export_pdf",
    "thumbnail",
]


@dataclass(frozen=True)
class PageSettings:
    """Storage settings (shown in the scan dialog's settings with these defaults)."""

    max_dpi: int = 200
    jpeg_quality: int = 75  # pages in colour
    grey_jpeg_quality: int = 60  # pages stored grey (text, photocopies)
    auto_grey: bool = True
    grey_threshold: float = 28.0  # colour spread (0–255) that counts as a coloured pixel
    clean_background: bool = True

    def __post_init__(self) -> None:
        if not 100 <= self.max_dpi <= 600:
            raise ValueError("the storage resolution must be between 100 and 600 dpi")
        if not (30 <= self.jpeg_quality <= 95 and 30 <= self.grey_jpeg_quality <= 95):
            raise ValueError("the JPEG quality must be between 30 and 95")


@dataclass(frozen=True)
class StoredPage:
    """A compressed page as it goes into the encrypted store (its scan file, or attachments.data)."""

    data: bytes
    mime: str
    width: int
    height: int
    dpi: int


def _is_grey(image: Image.Image, threshold: float) -> bool:
    if image.mode == "L":
        return True
    import numpy as np

    factor = max(1, min(image.size) // 256)
    rgb = image if image.mode == "RGB" else image.convert("RGB")  # convert() always copies
    small = np.asarray(rgb.reduce(factor), np.int16)
    spread = small.max(axis=2) - small.min(axis=2)
    # Grey unless a visible part is in colour (a photo, a stamp, a tinted security print).
    return bool((spread > threshold).mean() < 0.005)


def _whiten(image: Image.Image) -> Image.Image:
    """Lift the paper to pure white (levels, like a scanner's "background removal"): the
    sensor noise on blank paper is most of a JPEG's bytes, and removing it loses no writing."""
    grey = image.convert("L").resize((256, 256), Image.Resampling.BOX)
    hist = grey.histogram()
    paper = max(range(128, 256), key=lambda v: hist[v])
    if hist[paper] < 0.05 * sum(hist):  # no clear paper colour (a photo, a dark page)
        return image
    white = max(150, paper - 14)
    lut = [min(255, round(v * 255 / white)) for v in range(256)]
    return image.point(lut * len(image.getbands()))


def compress(page: ScannedPage, settings: PageSettings | None = None) -> StoredPage:
    """Normalise resolution (down to ``max_dpi``, never up) and encode as progressive JPEG
    (every reader of stored pages takes it: Pillow, Qt, img2pdf's PDF export)."""
    settings = settings or PageSettings()
    image = page.image
    dpi = page.dpi
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Decide grey first: resampling one channel costs a third of three.
    if settings.auto_grey and image.mode == "RGB" and _is_grey(image, settings.grey_threshold):
        image = image.convert("L")
    if dpi > settings.max_dpi:
        factor = settings.max_dpi / dpi
        image = image.resize(
            (max(1, round(image.width * factor)), max(1, round(image.height * factor))),
            # Bicubic (antialiased in Pillow) keeps print crisp at 2/3 scale and costs
            # about 60 % of Lanczos on an A4 page.
            Image.Resampling.BICUBIC,
        )
        dpi = settings.max_dpi
    if settings.clean_background:
        image = _whiten(image)
    quality = settings.grey_jpeg_quality if image.mode == "L" else settings.jpeg_quality
    buf = io.BytesIO()
    image.save(
        buf, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0",
        dpi=(dpi, dpi),
    )  # fmt: skip
    return StoredPage(buf.getvalue(), "image/jpeg", image.width, image.height, dpi)


def decode(page: StoredPage) -> Image.Image:
    image = Image.open(io.BytesIO(page.data))
    image.load()
    return image


def thumbnail(page: StoredPage | Image.Image, max_side: int = 200) -> Image.Image:
    """A small preview, kept in memory only (never written under the data directory)."""
    image: Image.Image
    if isinstance(page, StoredPage):
        opened = Image.open(io.BytesIO(page.data))
        opened.draft(opened.mode, (max_side, max_side))  # JPEG decodes at 1/2..1/8 scale
        image = opened
    else:
        image = page.copy()
    image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    return image


def export_pdf(pages: Sequence[StoredPage]) -> bytes:
    """One PDF of the pages, in order. img2pdf embeds the JPEG bytes as they are (no second
    lossy encoding) and sizes each page from its resolution."""
    import img2pdf

    if not pages:
        raise ScanError.coded("document.no_pages")
    layout = img2pdf.get_fixed_dpi_layout_fun((pages[0].dpi, pages[0].dpi))
    try:
        if len({p.dpi for p in pages}) == 1:
            return bytes(img2pdf.convert([p.data for p in pages], layout_fun=layout))
        return bytes(img2pdf.convert([p.data for p in pages]))
    except (img2pdf.ImageOpenError, ValueError) as exc:
        raise ScanError.coded("document.pdf_failed", detail=str(exc)) from exc


@dataclass
class Document:
    """The pages of one document (a passport copy, a birth certificate) in order, while the
    officer edits them in the scan dialog. Indices are 0-based."""

    pages: list[ScannedPage] = field(default_factory=list)

    @classmethod
    def of(cls, pages: Iterable[ScannedPage]) -> Document:
        return cls(list(pages))

    def __len__(self) -> int:
        return len(self.pages)

    def _check(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            raise IndexError(f"no page {index + 1} (the document has {len(self.pages)})")

    def add(self, page: ScannedPage) -> None:
        self.pages.append(page)

    def rotate(self, index: int, degrees: int) -> None:
        """Rotate clockwise by a multiple of 90° (lossless on the pixels)."""
        self._check(index)
        if degrees % 90:
            raise ValueError("pages rotate by quarter turns")
        page = self.pages[index]
        turns = (degrees // 90) % 4
        method = {
            1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180,
            3: Image.Transpose.ROTATE_90,
        }.get(turns)  # fmt: skip
        if method is not None:
            self.pages[index] = ScannedPage(page.image.transpose(method), page.dpi, page.origin)

    def crop(self, index: int, box: tuple[int, int, int, int]) -> None:
        """Crop to (left, top, right, bottom) in pixels of the page."""
        self._check(index)
        page = self.pages[index]
        left, top, right, bottom = box
        if not (0 <= left < right <= page.image.width and 0 <= top < bottom <= page.image.height):
            raise ValueError("the crop box must lie inside the page")
        self.pages[index] = ScannedPage(page.image.crop(box), page.dpi, page.origin)

    def move(self, index: int, to: int) -> None:
        self._check(index)
        self._check(to)
        page = self.pages.pop(index)
        self.pages.insert(to, page)

    def delete(self, index: int) -> None:
        self._check(index)
        del self.pages[index]

    def replace(self, index: int, page: ScannedPage) -> None:
        """Put a rescanned page in place of page ``index``."""
        self._check(index)
        self.pages[index] = page

    def autocontrast(self, index: int) -> None:
        """Stretch a faint scan's levels (a pale photocopy) — offered as a button, not forced."""
        self._check(index)
        page = self.pages[index]
        self.pages[index] = ScannedPage(
            ImageOps.autocontrast(page.image, cutoff=0.5), page.dpi, page.origin
        )

    def compressed(self, settings: PageSettings | None = None) -> list[StoredPage]:
        return [compress(p, settings) for p in self.pages]
