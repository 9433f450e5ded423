"""Where pages come from: scanners (SANE on Linux, WIA on Windows) and files, behind one interface.

Every source yields pages one at a time, so a batch that fails half-way (a scanner unplugged,
a feeder jam) keeps the pages already taken: :func:`collect` returns them with the error.
Long work checks a :class:`CancelToken` between pages and reports progress through a plain
callback, so the UI can run it on a worker thread (``desktop.ui`` owns the threads).

Bad input is a :class:`ScanError` with a message the officer can act on (STYLE 12): never a
traceback, and nothing is stored.
"""

from __future__ import annotations

import enum
import io
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, Self

from PIL import Image, ImageSequence, UnidentifiedImageError

from desktop.domain.i18n import Text
from desktop.scanning.messages import kept, scan_text

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_PAGES",
    "MAX_PIXELS",
    "MAX_RESOLUTION",
    "MIN_RESOLUTION",
    "BatchResult",
    "CancelToken",
    "ColourMode",
    "DeviceInfo",
    "FileSource",
    "PaperSource",
    "ProgressCallback",
    "SaneSource",
    "ScanCancelled",
    "ScanError",
    "ScanOptions",
    "ScanSource",
    "ScannedPage",
    "available_sources",
    "collect",
]

# Caps against decompression bombs and runaway files. An A4 page at 600 dpi is 35 Mpx; a
# 1200 dpi colour scan of A4 (140 Mpx) is far beyond any document copy the Rules need.
MAX_PIXELS = 60_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 100  # pages in one document (services.scans keeps the same limit)
MIN_RESOLUTION = 75  # dpi: below, no print is legible
MAX_RESOLUTION = 1200  # dpi: above, an A4 page is past MAX_PIXELS anyway


class ScanError(Exception):
    """A known failure with a message for the officer (not a bug).

    `code` is the failure's stable code (`desktop.scanning.messages`), `text` its message in
    Kazakh, Russian and English (the desk shows the officer's language); `str()` is English,
    for the log and the CLI. Raise one with `ScanError.coded(code, **values)`."""

    def __init__(self, message: str = "", text: Text | None = None, *, code: str = "") -> None:
        super().__init__(message)
        self.code = code or "scan.fault"
        self.text = text if text is not None else Text(message, message, message)

    @classmethod
    def coded(cls, code: str, **values: object) -> Self:
        text = scan_text(code, **values)
        return cls(text.en, text, code=code)

    def about(self, name: str) -> ScanError:
        """The same failure, said of `name` (a file): "name: message" in each language."""
        t = self.text
        text = Text(f"{name}: {t.kk}", f"{name}: {t.ru}", f"{name}: {t.en}")
        return ScanError(text.en, text, code=self.code)


class ScanCancelled(ScanError):
    """The officer cancelled; pages taken before stay with the caller."""


class ColourMode(enum.Enum):
    COLOUR = "colour"
    GREY = "grey"
    LINEART = "lineart"


class PaperSource(enum.Enum):
    FLATBED = "flatbed"
    FEEDER = "feeder"


@dataclass(frozen=True)
class ScanOptions:
    """What the officer chose in the scan dialog. 300 dpi colour keeps a passport's photo and
    small print legible; documents are normalised afterwards (``pages.normalise``)."""

    resolution: int = 300
    mode: ColourMode = ColourMode.COLOUR
    source: PaperSource = PaperSource.FLATBED
    # Pages this document may still take: a file with more is refused before any rendering.
    max_pages: int = MAX_PAGES

    def __post_init__(self) -> None:
        if not MIN_RESOLUTION <= self.resolution <= MAX_RESOLUTION:
            raise ScanError.coded(
                "scan.resolution", low=MIN_RESOLUTION, high=MAX_RESOLUTION, value=self.resolution
            )


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    vendor: str
    model: str
    kind: str  # "flatbed scanner", "virtual device", ...
    backend: str  # "sane", "wia"

    @property
    def label(self) -> str:
        return f"{self.vendor} {self.model} ({self.kind})".strip()


@dataclass
class ScannedPage:
    """One page as acquired: the picture and the resolution it was taken at."""

    image: Image.Image
    dpi: int
    origin: str  # "scanner", "file", "camera" — never a file name (it may hold a name)


ProgressCallback = Callable[[int, int | None], None]  # (pages done, pages expected or None)


class CancelToken:
    """A flag the UI sets from the GUI thread and the worker checks between pages."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise ScanCancelled.coded("scan.cancelled", kept=kept(0))


class ScanSource(Protocol):
    """A scanner driver. ``scan`` yields pages; a failure mid-batch raises ScanError after the
    pages already yielded."""

    backend: str

    def list_devices(self) -> list[DeviceInfo]: ...

    def scan(
        self,
        device_id: str,
        options: ScanOptions,
        *,
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ScannedPage]: ...


@dataclass
class BatchResult:
    """Pages taken, and the error that stopped the batch (None if it completed)."""

    pages: list[ScannedPage] = field(default_factory=list)
    error: ScanError | None = None

    @property
    def complete(self) -> bool:
        return self.error is None


def collect(pages: Iterable[ScannedPage]) -> BatchResult:
    """Drain a page iterator, keeping every page taken before an error or a cancel."""
    result = BatchResult()
    try:
        for page in pages:
            result.pages.append(page)
    except ScanError as exc:
        result.error = exc
    return result


# --- SANE (Linux) -------------------------------------------------------------------------------

_sane_lock = threading.Lock()
_sane_ready = False


def _sane() -> Any:
    global _sane_ready
    try:
        import sane
    except ImportError as exc:
        raise ScanError.coded(
            "scanner.driver_missing",
            package="pip install 'qonys[readers]': python-sane; Debian: apt install libsane1",
        ) from exc
    with _sane_lock:
        if not _sane_ready:
            sane.init()
            _sane_ready = True
    return sane


def _sane_error(exc: BaseException, pages: int) -> ScanError:
    text = str(exc) or exc.__class__.__name__
    if "I/O" in text or "busy" in text.lower() or "Invalid argument" in text:
        return ScanError.coded("scanner.not_responding", detail=text, kept=kept(pages))
    if "jammed" in text.lower():
        return ScanError.coded("scanner.jammed", kept=kept(pages))
    if "cover" in text.lower():
        return ScanError.coded("scanner.cover_open", kept=kept(pages))
    return ScanError.coded("scanner.fault", detail=text, kept=kept(pages))


class SaneSource:
    """Scanners through SANE (python-sane). One scan at a time per process (SANE is not
    re-entrant), which the module-level lock guarantees."""

    backend = "sane"
    _scan_lock = threading.Lock()

    def list_devices(self) -> list[DeviceInfo]:
        sane = _sane()
        try:
            devices = sane.get_devices()
        except Exception as exc:  # _sane.error has no importable base class
            raise ScanError.coded("scanner.list_failed", detail=str(exc)) from exc
        return [DeviceInfo(d[0], d[1], d[2], d[3], "sane") for d in devices]

    def scan(
        self,
        device_id: str,
        options: ScanOptions,
        *,
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ScannedPage]:
        sane = _sane()
        with self._scan_lock:
            try:
                dev = sane.open(device_id)
            except Exception as exc:
                raise ScanError.coded("scanner.open_failed", detail=str(exc)) from exc
            try:
                resolution = self._configure(dev, options)
                taken = 0
                while True:
                    if cancel is not None and cancel.cancelled:
                        raise ScanCancelled.coded("scan.cancelled", kept=kept(taken))
                    try:
                        dev.start()
                        image = dev.snap(no_cancel=options.source is PaperSource.FEEDER)
                    except Exception as exc:
                        if "out of documents" in str(exc) or "No more documents" in str(exc):
                            if taken == 0:
                                raise ScanError.coded("scanner.feeder_empty") from exc
                            break
                        raise _sane_error(exc, taken) from exc
                    taken += 1
                    if progress is not None:
                        progress(taken, None)
                    yield ScannedPage(image, resolution, "scanner")
                    if options.source is not PaperSource.FEEDER:
                        break
            finally:
                try:
                    dev.cancel()
                finally:
                    dev.close()

    @staticmethod
    def _configure(dev: Any, options: ScanOptions) -> int:
        opts = {o[1]: o for o in dev.get_options() if o[1]}
        if "mode" in opts and isinstance(opts["mode"][8], list):
            wanted = {
                ColourMode.COLOUR: ("Color", "Colour", "24bit Color"),
                ColourMode.GREY: ("Gray", "Grey", "Grayscale"),
                ColourMode.LINEART: ("Lineart", "Binary", "Black & White"),
            }[options.mode]
            for name in wanted:
                if name in opts["mode"][8]:
                    dev.mode = name
                    break
        depths = opts["depth"][8] if "depth" in opts else None
        if isinstance(depths, list) and 8 in depths and options.mode is not ColourMode.LINEART:
            dev.depth = 8
        resolution = options.resolution
        if "resolution" in opts:
            constraint = opts["resolution"][8]
            if isinstance(constraint, list) and constraint:
                resolution = int(min(constraint, key=lambda r: abs(r - options.resolution)))
            elif isinstance(constraint, tuple):
                lo, hi = constraint[0], constraint[1]
                resolution = int(max(lo, min(hi, options.resolution)))
            dev.resolution = resolution
        if "source" in opts and isinstance(opts["source"][8], list):
            names: list[str] = opts["source"][8]
            if options.source is PaperSource.FEEDER:
                match = [n for n in names if "feeder" in n.lower() or "adf" in n.lower()]
                if not match:
                    raise ScanError.coded("scanner.no_feeder")
            else:
                match = [n for n in names if "flatbed" in n.lower()] or names[:1]
            dev.source = match[0]
        elif options.source is PaperSource.FEEDER:
            raise ScanError.coded("scanner.no_feeder")
        return resolution


# --- files ------------------------------------------------------------------------------------


def _kind(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


class FileSource:
    """Pages from files: JPEG, PNG, TIFF (every page) and PDF (rasterised with pdfium).

    The type is decided by the file's first bytes, not its name. PDF pages are rendered at
    ``options.resolution``; pictures keep the resolution they carry (or ``assume_dpi``).
    """

    backend = "file"

    def __init__(self, assume_dpi: int = 300) -> None:
        self.assume_dpi = assume_dpi

    def read(
        self,
        path: Path | str,
        options: ScanOptions | None = None,
        *,
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ScannedPage]:
        options = options or ScanOptions()
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ScanError.coded("file.unreadable", detail=exc.strerror or str(exc)) from exc
        if size == 0:
            raise ScanError.coded("file.empty")
        if size > MAX_FILE_BYTES:
            raise ScanError.coded(
                "file.too_large", size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ScanError.coded("file.unreadable", detail=exc.strerror or str(exc)) from exc
        yield from self.read_bytes(data, options, cancel=cancel, progress=progress)

    def read_bytes(
        self,
        data: bytes,
        options: ScanOptions | None = None,
        *,
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ScannedPage]:
        options = options or ScanOptions()
        if not data:
            raise ScanError.coded("file.empty")
        kind = _kind(data[:1024])
        if kind is None:
            raise ScanError.coded("file.unsupported")
        if kind == "pdf":
            yield from self._pdf(data, options, cancel, progress)
        else:
            yield from self._picture(data, kind, cancel, progress, options.max_pages)

    def _picture(
        self,
        data: bytes,
        kind: str,
        cancel: CancelToken | None,
        progress: ProgressCallback | None,
        max_pages: int = MAX_PAGES,
    ) -> Iterator[ScannedPage]:
        name = kind.upper()
        with warnings.catch_warnings():
            # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that: make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Pillow warns (then carries on) about damaged metadata such as corrupt EXIF:
            # the picture itself decides, and a failure below is the officer's message.
            warnings.simplefilter("ignore", UserWarning)
            try:
                img = Image.open(io.BytesIO(data))
                frames = getattr(img, "n_frames", 1)
            except (
                UnidentifiedImageError,
                Image.DecompressionBombError,
                Image.DecompressionBombWarning,
                OSError,
                SyntaxError,
                ValueError,
            ) as exc:
                raise _picture_error(name, exc) from exc
            if frames > max_pages:
                raise ScanError.coded(
                    "file.too_many_pages", kind=name, count=frames, limit=MAX_PAGES, room=max_pages
                )
            for index, frame in enumerate(ImageSequence.Iterator(img)):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                width, height = frame.size
                if width * height > MAX_PIXELS:
                    raise ScanError.coded("image.too_large", width=width, height=height)
                try:
                    frame.load()
                    # ImageSequence reuses one object for every frame: copy each of several.
                    page = _to_page_mode(frame.copy() if frames > 1 else frame)
                except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
                        Image.DecompressionBombError) as exc:  # fmt: skip
                    raise _picture_error(name, exc) from exc
                dpi = _dpi_of(frame, self.assume_dpi)
                if progress is not None:
                    progress(index + 1, frames)
                yield ScannedPage(page, dpi, "file")

    def _pdf(
        self,
        data: bytes,
        options: ScanOptions,
        cancel: CancelToken | None,
        progress: ProgressCallback | None,
    ) -> Iterator[ScannedPage]:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            import pypdfium2.raw as pdfium_raw

            if (
                getattr(exc, "err_code", None)
                in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY)
                or "password" in str(exc).lower()
            ):
                raise ScanError.coded("pdf.password") from exc
            raise ScanError.coded("pdf.damaged") from exc
        try:
            count = len(pdf)
            if count == 0:
                raise ScanError.coded("pdf.empty")
            if count > options.max_pages:
                raise ScanError.coded(
                    "file.too_many_pages",
                    kind="PDF",
                    count=count,
                    limit=MAX_PAGES,
                    room=options.max_pages,
                )
            scale = options.resolution / 72.0
            for index in range(count):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                page = pdf[index]
                try:
                    w_pt, h_pt = page.get_size()
                    if w_pt * scale * h_pt * scale > MAX_PIXELS:
                        raise ScanError.coded(
                            "pdf.page_too_large",
                            page=index + 1,
                            width=round(w_pt / 72 * 25.4),
                            height=round(h_pt / 72 * 25.4),
                        )
                    grey = options.mode is not ColourMode.COLOUR
                    bitmap = page.render(scale=scale, grayscale=grey)
                    image = bitmap.to_pil()
                except pdfium.PdfiumError as exc:
                    raise ScanError.coded("pdf.page_unrenderable", page=index + 1) from exc
                finally:
                    page.close()
                if progress is not None:
                    progress(index + 1, count)
                yield ScannedPage(_to_page_mode(image), options.resolution, "file")
        finally:
            pdf.close()


def _picture_error(name: str, exc: BaseException) -> ScanError:
    text = str(exc)
    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return ScanError.coded("image.bomb", kind=name)
    if "truncated" in text or "broken data stream" in text or "premature end" in text.lower():
        return ScanError.coded("file.truncated", kind=name)
    return ScanError.coded("file.damaged", kind=name)


def _to_page_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("1",):
        return image.convert("L")
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))  # transparent areas become white paper
        return flat
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        return image.convert("I").point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


def _dpi_of(image: Image.Image, default: int) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 50 <= value <= 2400 else default


def available_sources() -> list[ScanSource]:
    """Scanner drivers this machine can use: SANE on Linux, WIA on Windows."""
    out: list[ScanSource] = []
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        from desktop.scanning.wia import WiaSource

        out.append(WiaSource())
    elif os.name == "posix":
        try:
            import sane  # noqa: F401
        except ImportError:
            pass
        else:
            out.append(SaneSource())
    return out
