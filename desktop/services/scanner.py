"""Scanners, files and the camera for the desk: the scan dialog's only way to the scanning room.

The widgets take pages through here (never from `desktop.scanning` directly), so every scanner
fault reaches the log once, with the driver's name and the fault's kind only: a scanner's
message can echo a file name, and a file name can hold a person's name.

* `find_devices` — the scanners of the drivers that answer (a failing driver is left out);
* `scan_pages` / `read_files` — pages from a scanner or from files, one by one;
* `read_mrz_pages` — OCR of the MRZ on a document's pages, as an identity proposal;
* the types the dialog holds (`ScannedPage`, `ScanOptions`, `Document`, …), re-exported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PIL import Image

from desktop.scanning.camera import page_from_frame
from desktop.scanning.mrz import MrzResult
from desktop.scanning.ocr import read_mrz_image, warm_up
from desktop.scanning.pages import Document, PageSettings, thumbnail
from desktop.scanning.sources import (
    CancelToken,
    ColourMode,
    DeviceInfo,
    FileSource,
    PaperSource,
    ScanError,
    ScannedPage,
    ScanOptions,
    ScanSource,
    available_sources,
)
from desktop.services import scans
from desktop.services.context import DeskContext

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]

__all__ = [
    "CancelToken",
    "ColourMode",
    "DeviceInfo",
    "Document",
    "MrzResult",
    "PageSettings",
    "PaperSource",
    "Progress",
    "ScanError",
    "ScanOptions",
    "ScanSource",
    "ScannedPage",
    "available_sources",
    "find_devices",
    "page_from_frame",
    "read_files",
    "read_mrz_pages",
    "scan_pages",
    "thumbnail",
    "warm_up_reader",
]


def find_devices(sources: Sequence[ScanSource]) -> list[tuple[ScanSource, DeviceInfo]]:
    """Each driver's scanners; a driver that fails to list is left out (files still work)."""
    found: list[tuple[ScanSource, DeviceInfo]] = []
    for source in sources:
        try:
            devices = source.list_devices()
        except ScanError:
            log.warning("scanner driver %s cannot list its devices", source.backend)
            continue
        found.extend((source, d) for d in devices)
    log.info("scanners found: %d", len(found))
    return found


def _logged(kind: str, pages: Iterator[ScannedPage]) -> Iterator[ScannedPage]:
    taken = 0
    try:
        for page in pages:
            taken += 1
            yield page
    except ScanError:
        log.warning("%s stopped by a fault after %d page(s)", kind, taken)
        raise
    log.info("%s: %d page(s) taken", kind, taken)


def scan_pages(
    source: ScanSource,
    device_id: str,
    options: ScanOptions,
    cancel: CancelToken,
    progress: Progress,
) -> Iterator[ScannedPage]:
    """The scanner's pages one by one; a fault raises ScanError after those already given."""
    return _logged(
        f"scan ({source.backend})",
        source.scan(device_id, options, cancel=cancel, progress=progress),
    )


def read_files(
    paths: Sequence[Path], options: ScanOptions, cancel: CancelToken, progress: Progress
) -> Iterator[ScannedPage]:
    """The pages of image and PDF files, one by one."""
    source = FileSource(assume_dpi=options.resolution)

    def pages() -> Iterator[ScannedPage]:
        for path in paths:
            yield from source.read(path, options, cancel=cancel, progress=progress)

    return _logged(f"file import ({len(paths)} file(s))", pages())


def read_mrz_pages(
    ctx: DeskContext, case_id: int, images: Sequence[Image.Image]
) -> scans.IdentityProposal | None:
    """The first MRZ read on the pages, as a proposal for the case; None if none is found."""
    for image in images:
        result = read_mrz_image(image, today=ctx.today())
        if result.mrz is not None:
            log.info("MRZ read by OCR for case %d", case_id)
            return scans.propose_from_mrz(ctx, case_id, result.mrz)
    log.info("no MRZ found by OCR for case %d (%d page(s))", case_id, len(images))
    return None


def warm_up_reader() -> float:
    """Prepare the MRZ reader now (its glyph templates take a few seconds of CPU to render,
    once per process), so that the officer's first reading is not the slow one. Seconds of
    work: the desk calls it on a worker thread after login. Returns the milliseconds spent."""
    import time

    started = time.perf_counter()
    warm_up()
    elapsed = (time.perf_counter() - started) * 1000.0
    log.info("MRZ reader prepared in %.0f ms", elapsed)
    return elapsed
