"""Camera frames become pages like scans: nominal resolution, and odd frames refused."""

from __future__ import annotations

import pytest
from PIL import Image

from desktop.scanning.camera import estimated_dpi, page_from_frame
from desktop.scanning.pages import compress
from desktop.scanning.sources import MAX_PIXELS, ScanError


def test_resolution_assumes_an_a4_field() -> None:
    assert estimated_dpi(4208, 3120) == 360  # a 13 MP document camera
    assert estimated_dpi(3120, 4208) == 360  # portrait frames alike
    assert estimated_dpi(1920, 1080) == 164  # a 1080p webcam
    assert estimated_dpi(1920, 1080, field_mm=125) == 390  # framing a passport page
    with pytest.raises(ValueError):
        estimated_dpi(100, 100, field_mm=0)


def test_a_frame_goes_through_the_scan_compression() -> None:
    frame = Image.new("RGBA", (4208, 3120), (250, 250, 250, 255))
    page = page_from_frame(frame)
    assert page.origin == "camera" and page.dpi == 360 and page.image.mode == "RGB"
    stored = compress(page)
    # Brought down to the stored 200 dpi like a 300 dpi scan, and grey (no colour on it).
    assert stored.dpi == 200 and (stored.width, stored.height) == (2338, 1733)
    assert stored.data[:2] == b"\xff\xd8"


@pytest.mark.parametrize("size", [(0, 0), (10, 800), (800, 63)])
def test_empty_or_tiny_frames_are_refused(size: tuple[int, int]) -> None:
    with pytest.raises(ScanError, match="empty picture"):
        page_from_frame(Image.new("RGB", size))


def test_frames_beyond_the_pixel_cap_are_refused() -> None:
    side = int(MAX_PIXELS**0.5) + 10
    big = Image.new("L", (side, side))  # one byte a pixel: ~60 MB, for a moment
    with pytest.raises(ScanError, match="too large"):
        page_from_frame(big)
