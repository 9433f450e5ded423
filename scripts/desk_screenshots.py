"""Screenshots of the desk for docs/ (README): login, case list, questionnaire, kk and ru.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/desk_screenshots.py [OUT_DIR]

Uses a fresh demo store (synthetic people) and a real X server, so fonts, sizes and layout are
what an officer sees at 1366×768.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.domain import iin as iin_rules
from desktop.services import cases as case_service
from desktop.services import demo, session
from desktop.ui.app import create_app
from desktop.ui.desk import Desk
from desktop.ui.language import Language, build_catalogues
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.procedure_docks import ProcedureDocks
from desktop.ui.settings import Settings

WIDTH, HEIGHT = 1366, 768


def _settle(app: QApplication, ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def _other_day_iin(iin: str) -> str:
    birth = iin_rules.facts(iin).birth_date
    assert birth is not None
    other = birth + timedelta(days=1)
    return next(n for s in range(1, 99) if (n := iin_rules.compose(other, True, s)))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    build_catalogues()
    app = create_app()
    language = Language(app)
    work = Path(tempfile.mkdtemp(prefix="qonys-shots-"))
    store = work / "store"
    result = demo.create_demo(store, cases=40, seed=11)
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    for lang in ("kk", "ru"):
        language.install(lang)
        login = LoginDialog(store, lang=lang, officer="officer",
                            mission_name=demo.DEMO_MISSION[1])  # fmt: skip
        login.show()
        login.password_edit.setText(result.password)
        _settle(app)
        _save(login, out / f"login-{lang}.png")
        login.close()

        ctx = session.login(store, "officer", result.password)
        desk = Desk(ctx, store, lang=lang)
        window = MainWindow(desk, settings, language)
        ProcedureDocks(window, desk)
        window.resize(WIDTH, HEIGHT)
        window.show()
        _settle(app, 800)
        _save(window, out / f"cases-{lang}.png")

        first = case_service.list_cases(ctx, limit=1)[0]
        editor = window.open_case(first.id)
        assert editor is not None
        editor.start_editing()
        # Show the checks at work: an IIN of another birth date (a warning) and no phone.
        iin = editor.fields["iin"]
        phone = editor.fields["contacts.phone"]
        assert isinstance(iin, QLineEdit) and isinstance(phone, QLineEdit)
        iin.setText(_other_day_iin(iin.text()))
        phone.clear()
        phone.setFocus()
        _settle(app, 500)
        _save(window, out / f"questionnaire-{lang}.png")
        editor.scroll_area.verticalScrollBar().setValue(
            editor.scroll_area.verticalScrollBar().maximum() // 2
        )
        _settle(app)
        _save(window, out / f"questionnaire-tables-{lang}.png")
        editor.tables["relatives"].view.setFocus()
        editor.scroll_area.ensureWidgetVisible(editor.tables["employment"])
        _settle(app)
        _save(window, out / f"questionnaire-relatives-{lang}.png")
        editor.load(editor.collect()[0])
        window.close()
        desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
