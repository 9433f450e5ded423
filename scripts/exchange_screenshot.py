"""Screenshot of the Exchange window after an export, for docs/ (README), in Kazakh or Russian.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/exchange_screenshot.py [OUT_DIR] [kk|ru]

A fresh demo mission enrolled with its demo Department (synthetic people), a real X server and
the window at the size an officer sees on a 1366×768 screen.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.services import demo, session
from desktop.ui.app import create_app
from desktop.ui.desk import Desk
from desktop.ui.exchange_dialog import ExchangeDialog
from desktop.ui.language import Language, build_catalogues
from desktop.ui.main_window import MainWindow
from desktop.ui.procedure_docks import ProcedureDocks
from desktop.ui.settings import Settings

WIDTH, HEIGHT = 1366, 768


def _settle(app: QApplication, ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    lang = sys.argv[2] if len(sys.argv) > 2 else "kk"
    out.mkdir(parents=True, exist_ok=True)
    build_catalogues()
    app = create_app()
    language = Language(app)
    language.install(lang)
    work = Path(tempfile.mkdtemp(prefix="qonys-exchange-"))
    store = work / "store"
    result = demo.create_demo(store, cases=40, seed=11, department=True)
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    ctx = session.login(store, "officer", result.password)
    desk = Desk(ctx, store, lang=lang)
    window = MainWindow(desk, settings, language)
    ProcedureDocks(window, desk)
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle(app, 500)
    window.show_exchange()
    dialog = window.exchange_dialog
    assert isinstance(dialog, ExchangeDialog)
    dialog.move(window.x() + (WIDTH - dialog.width()) // 2, window.y() + 40)
    dialog.folder_edit.setText(str(work / "usb"))
    loop = QEventLoop()
    dialog.exported.connect(loop.quit)
    dialog.export_failed.connect(loop.quit)
    dialog.export_button.click()
    loop.exec()
    _settle(app, 500)
    path = out / f"exchange-{lang}.png"
    dialog.grab().save(str(path))
    print(path)
    screen = app.primaryScreen()
    if screen is not None:  # the whole screen too, to see that nothing spills over
        screen.grabWindow(0).save(str(work / f"screen-{lang}.png"))
        print(work / f"screen-{lang}.png")
    dialog.close()
    window.close()
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
