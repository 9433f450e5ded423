"""Pages from a document camera: a captured frame becomes a :class:`ScannedPage` like a scan.

The camera itself (devices, preview, capture) is Qt's (QtMultimedia) and lives in
``desktop/ui/camera.py``; this module holds what needs no Qt, so the frame goes through the
same checks, normalisation and compression as a scanned page (``pages.compress``).

A frame has no resolution of its own. A document camera frames a sheet of paper from a
fixed arm, so the desk assumes the frame's long side spans an A4 sheet's long side
(297 mm) and derives a nominal resolution from that: a 13 MP camera (4208 × 3120) gives
~360 dpi, brought down to the stored 200 dpi like a 300 dpi scan; a 1080p webcam gives
~164 dpi and is kept as it is (``compress`` never upscales). A mission whose camera frames
a smaller area (a passport page) sets ``field_mm`` accordingly.
"""

from __future__ import annotations

from PIL import Image

from desktop.scanning.sources import MAX_PIXELS, ScanError, ScannedPage

__all__ = ["A4_LONG_SIDE_MM", "MIN_SIDE", "estimated_dpi", "page_from_frame"]

A4_LONG_SIDE_MM = 297.0
MIN_SIDE = 64  # smaller than a thumbnail: not a usable copy of a document


def estimated_dpi(width: int, height: int, field_mm: float = A4_LONG_SIDE_MM) -> int:
    """The nominal resolution of a frame whose long side spans ``field_mm`` of paper."""
    if field_mm <= 0:
        raise ValueError("the camera's field must be a positive length")
    return max(1, round(max(width, height) * 25.4 / field_mm))


def page_from_frame(image: Image.Image, field_mm: float = A4_LONG_SIDE_MM) -> ScannedPage:
    """A captured frame (any Pillow mode) as a page of the document being scanned.

    Refuses frames a real camera does not produce (empty, tiny, or beyond the decompression
    cap every source shares) with a :class:`ScanError`, so nothing odd reaches the store.
    """
    width, height = image.size
    if width < MIN_SIDE or height < MIN_SIDE:
        raise ScanError.coded("camera.empty")
    if width * height > MAX_PIXELS:
        raise ScanError.coded("camera.too_large", width=width, height=height)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    return ScannedPage(image, estimated_dpi(width, height, field_mm), "camera")
