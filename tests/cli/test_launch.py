"""Issue 19: `qonys` with no command opens the desk without loading the command line.

The full command line imports the service layer and every room's commands to build its parser
(~0.6 s before Qt). `desktop.launch` reads the global options first; only a plain desk start
takes the short way, everything else is answered by `desktop.cli` exactly as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.launch import desk_options

ROOT = Path(__file__).resolve().parents[2]


def test_the_global_options_alone_start_the_desk(tmp_path: Path) -> None:
    args = desk_options(["--data-dir", str(tmp_path), "--lang", "ru", "--officer", "aigerim"])
    assert args is not None
    assert (args.data_dir, args.lang, args.officer) == (tmp_path, "ru", "aigerim")
    assert desk_options([]) is not None


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


def test_a_command_still_answers_through_the_entry_point() -> None:
    out = _run("from desktop.launch import main; main(['--version'])")
    assert out.strip() == f"qonys {__version__}"
