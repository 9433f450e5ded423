"""Issue 19: `qonys` with no command opens the desk without loading the command line.

The full command line imports the service layer and every room's commands to build its parser
(~0.6 s before Qt). `desktop.launch` reads the global options first; only a plain desk start
takes the short way, everything else is answered by `desktop.cli` exactly as before.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.launch import add_global_options, desk_options

ROOT = Path(__file__).resolve().parents[2]


def test_the_global_options_alone_start_the_desk(tmp_path: Path) -> None:
    args = desk_options(["--data-dir", str(tmp_path), "--lang", "ru", "--officer", "aigerim"])
    assert args is not None
    assert (args.data_dir, args.lang, args.officer) == (tmp_path, "ru", "aigerim")
    assert desk_options([]) is not None


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "/srv/qonys", "--lang", "ru", "--officer", "aigerim"],
        ["--data-dir=/srv/qonys", "--lang=kk", "--officer=aigerim"],
        ["--password-file", "pw.txt", "--officer", "a=b"],  # "=" inside a value
        ["--officer=-x"],  # a value given with "=" may start with "-"
        ["--officer", "first", "--officer", "second"],  # the last one given wins
        ["--data-dir="],
        ["--lang", "en", "--data-dir", "Қонұс дерегі"],
    ],
)
def test_the_desk_reads_its_options_as_the_command_line_does(argv: list[str]) -> None:
    """`desk_options` reads the global options by hand (no argparse parser before the login
    window): what it takes, argparse reads alike."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    add_global_options(parser, with_help=False)
    assert desk_options(argv) == parser.parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["cases"],
        ["--data-dir", "x", "backup", "create"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--lang", "fr"],
        ["--lang"],
        ["--data", "x"],  # an abbreviation: the full parser decides
        ["--officer", "a\udcff"],  # bytes the terminal could not decode
        ["--unknown"],
        ["--officer", "-x"],  # a value that looks like an option: argparse decides
        ["--officer", "-5"],
        ["--data-dir"],
        ["--lang="],
        ["--", "--officer", "x"],
        ["--officer", "x", "extra"],
        ["--db", "postgresql+psycopg://qonys@db/qonys"],
        ["--log"],
    ],
)
def test_anything_else_goes_to_the_command_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert desk_options(argv) is None
    assert capsys.readouterr() == ("", "")  # the command line answers, once


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout


def test_the_login_window_loads_no_service_crypto_or_scanning_stack() -> None:
    loaded = _run(
        "import sys\n"
        "import desktop.launch, desktop.ui.app, desktop.ui.login, desktop.ui.crash_dialog\n"
        "import desktop.ui.qt_log, desktop.ui.smoke, desktop.logs\n"
        "heavy = ('sqlalchemy', 'alembic', 'sqlcipher3', 'cryptography', 'pyhanko', 'PIL',\n"
        "         'numpy', 'reportlab', 'desktop.services', 'desktop.storage', 'desktop.cli')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or\n"
        "             any(m.startswith(h + '.') or m == h for h in heavy)))\n"
    )
    assert loaded.strip() == "[]"


# What the login window's start keeps for later (issue 19): the log file's handlers (with
# sockets and pickling), dataclasses, platform and sysconfig, the task runner and the error
# dialogs; PySide6 alone loads none of them.
LATER = (
    "logging.handlers", "socket", "pickle", "dataclasses", "platform", "sysconfig",
    "desktop.ui.tasks", "desktop.ui.widgets", "desktop.domain.i18n",
)  # fmt: skip

SHOWN = """
import json, os, sys
from bench.login_probe import run_to_login

def shown(window):
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)

run_to_login(shown, ["--data-dir", sys.argv[1], "--lang", "kk"])
"""


def test_the_qonys_command_shows_the_login_window_before_loading_the_rest(
    tmp_path: Path,
) -> None:
    """The command itself, as an officer starts it, up to the login window on screen."""
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "qonys.vault").write_text("not read before the window is up")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    out = subprocess.run(
        [sys.executable, "-c", SHOWN, str(tmp_path / "store")],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120, env=env,
    ).stdout  # fmt: skip
    loaded = set(json.loads(out.strip().splitlines()[-1]))
    assert "desktop.ui.login" in loaded and "PySide6.QtWidgets" in loaded
    heavy = ("sqlalchemy", "alembic", "sqlcipher3", "cryptography", "desktop.services")
    assert not {m for m in loaded if m.split(".")[0] in heavy or m.startswith(heavy)}
    assert not loaded & set(LATER)
    # Nothing was written to the log folder yet: the file opens once the window is up.
    assert not (tmp_path / "state" / "Qonys" / "log").exists()


BARE_WINDOW = """
import json, os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
while not window.windowHandle().isExposed():
    app.processEvents()
print(json.dumps(sorted(sys.modules)), flush=True)
os._exit(0)
"""

# Everything the login window loads beyond what a bare PySide6 window loads (issue 19): its
# own modules, nothing of the standard library or of a third party (platformdirs comes only
# when no --data-dir is given; argparse's catalogues, `locale`, stay unread).
LOGIN_PATH = {
    "desktop", "desktop.launch", "desktop.logs", "desktop.crash", "desktop.resources",
    "desktop.domain", "desktop.domain.langs", "desktop.ui", "desktop.ui.app",
    "desktop.ui.settings", "desktop.ui.language", "desktop.ui.smoke",
    "desktop.ui.crash_dialog", "desktop.ui.login", "desktop.ui.qt_log",
}  # fmt: skip


def _desk_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "store").mkdir(exist_ok=True)
    (tmp_path / "store" / "qonys.vault").write_text("not read before the window is up")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _last_line(code: str, tmp_path: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "store")],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
        env=_desk_env(tmp_path),
    ).stdout  # fmt: skip
    return out.strip().splitlines()[-1]


def test_the_login_window_loads_nothing_a_bare_window_does_not_but_its_own(
    tmp_path: Path,
) -> None:
    desk = set(json.loads(_last_line(SHOWN, tmp_path)))
    bare = set(json.loads(_last_line(BARE_WINDOW, tmp_path)))
    beyond = {
        m
        for m in desk - bare
        if m not in sys.builtin_module_names and m.split(".")[0] != "bench"  # the probe's
    }
    assert beyond == LOGIN_PATH


# Whether PySide6 has built the Python type of QEvent (its ~180 kinds, ~1.5 ms): the first
# event delivered to a handler in Python builds it, and a plain QEvent those of all ~60 event
# classes. The login window has no such handler until it is up (issue 19).
EVENT_TYPE_BUILT = """
import enum, json, os, sys

def event_type_built():
    stack, names = [enum.Enum], set()
    while stack:
        for sub in stack.pop().__subclasses__():
            names.add(f"{sub.__module__}.{sub.__qualname__}")
            stack.append(sub)
    return "PySide6.QtCore.QEvent.Type" in names
"""

SHOWN_EVENTS = (
    EVENT_TYPE_BUILT
    + """
from bench.login_probe import run_to_login

def shown(window):
    from PySide6.QtCore import QTimer
    def ready():
        if window.windowHandle().isExposed():
            print(json.dumps(event_type_built()), flush=True)
            os._exit(0)
        QTimer.singleShot(0, ready)
    QTimer.singleShot(0, ready)

run_to_login(shown, ["--data-dir", sys.argv[1], "--lang", "kk", "--officer", "admin"])
"""
)

BARE_EVENTS = (
    EVENT_TYPE_BUILT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
while not window.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
print(json.dumps(event_type_built()), flush=True)
os._exit(0)
"""
)


def test_no_event_reaches_python_before_the_login_window_is_up(tmp_path: Path) -> None:
    """As in a bare PySide6 window: the login window, and the probe that times it, handle no
    event in Python before the window is exposed."""
    desk = json.loads(_last_line(SHOWN_EVENTS, tmp_path))
    bare = json.loads(_last_line(BARE_EVENTS, tmp_path))
    assert desk == bare


GC_PROBE = """
import gc, os, sys
from bench.login_probe import run_to_login

def shown(window):
    from PySide6.QtCore import QTimer
    from desktop.ui.login import PREPARE_AFTER_MS
    at_show = gc.isenabled()

    def later():
        print(json.dumps([at_show, gc.isenabled()]), flush=True)
        os._exit(0)

    QTimer.singleShot(PREPARE_AFTER_MS + 500, later)

import json
run_to_login(shown, ["--data-dir", sys.argv[1], "--lang", "kk"])
"""


def test_the_cycle_collector_waits_until_the_login_window_is_up(tmp_path: Path) -> None:
    """Paused for the start-up (desktop/launch.py), resumed once the window is up."""
    at_show, after = json.loads(_last_line(GC_PROBE, tmp_path))
    assert (at_show, after) == (False, True)


def test_the_cycle_collector_runs_again_when_the_desk_ends(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from desktop import launch
    from desktop.ui import app

    during: list[bool] = []

    def fake_desk(*_args: object, **_kwargs: object) -> int:
        during.append(gc.isenabled())
        raise KeyboardInterrupt  # the desk ended before its window came up

    monkeypatch.setattr(app, "run_desk", fake_desk)
    assert launch.main(["--data-dir", str(tmp_path)]) == 130
    assert during == [False]
    assert gc.isenabled()


def test_a_command_still_answers_through_the_entry_point() -> None:
    out = _run("from desktop.launch import main; main(['--version'])")
    assert out.strip() == f"qonys {__version__}"
