"""After login the desk prepares the MRZ reader on a worker thread, so that the officer's
first passport read (a scan, the camera) does not wait seconds for the glyph templates."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication

from desktop.scanning.mrz import MrzFormat
from desktop.scanning.ocr import glyphs
from desktop.scanning.synthetic import random_identity, render
from desktop.services import scanner
from desktop.ui import tasks
from desktop.ui.desk import Desk

# The desk's day: the synthetic documents are dated from the day they are drawn.
TODAY = datetime.now(UTC).date()


def test_the_desk_prepares_the_mrz_reader_off_the_gui_thread(
    qapp: QApplication, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    glyphs.templates.cache_clear()  # as in a fresh process: nothing rendered yet
    on_gui_thread: list[bool] = []
    real = scanner.warm_up

    def recording() -> None:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        real()

    monkeypatch.setattr(scanner, "warm_up", recording)
    desk.warm_up_reader()
    assert tasks.wait_for_all(msecs=120_000)
    qapp.processEvents()  # the (ignored) result is delivered on the GUI thread
    assert on_gui_thread == [False]
    assert glyphs.templates.cache_info().currsize == 1

    # The first reading now finds the templates ready: it renders nothing itself.
    rng = random.Random(5)
    sample = render(random_identity(rng), MrzFormat.TD3, rng, dpi=300)
    before = glyphs.templates.cache_info()
    result = scanner.read_mrz_image(sample.image, today=TODAY)
    after = glyphs.templates.cache_info()
    assert result.ok and result.lines == sample.lines
    assert after.misses == before.misses == 1 and after.hits > before.hits
