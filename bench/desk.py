"""Desk benchmark (issue 3): start-up, login to a scrollable list, memory with the list open.

    python -m bench.desk [--cases 100000] [--store DIR] [--runs 5]

1. Start-up to an interactive login window, as a ratio to a bare PySide6 window started the
   same way (a fresh interpreter each, same platform plugin, from compiled bytecode as an
   installed desk runs) — target ≤ 1.2 (issue 19); then where the login window's imports go.
2. From pressing "Log in" (the password check included) to a scrollable case list on a store of
   N cases — target ≤ 200 ms at 100,000 (issue 19).
3. Resident memory of that process with the list open — target ≤ 250 MB.

The store is built once (synthetic demo cases) and kept in --store for later runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import verdict
from desktop.services import demo, session

PASSWORD = "bench-password-1"

BARE = """
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(480, 320); w.show()
while not w.isVisible() or not w.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
print(time.time(), time.thread_time())
"""

# The `qonys` command itself (desktop.launch.main, as the installed script runs it), up to an
# interactive login window: the same imports, logging set-up, settings and translations an
# officer's start goes through. The window's first turn of the event loop prints the time.
DESK = """
import os, sys, time
from PySide6.QtCore import QTimer
from desktop.ui import login
shown = login.LoginDialog.showEvent
def show_event(self, event):
    shown(self, event)
    def ready():
        handle = self.windowHandle()
        if handle is not None and handle.isExposed() and self.password_edit.isEnabled():
            print(time.time(), time.thread_time(), flush=True)
            os._exit(0)
        QTimer.singleShot(0, ready)
    QTimer.singleShot(0, ready)
login.LoginDialog.showEvent = show_event
from desktop.launch import main
main(["--data-dir", sys.argv[1], "--lang", "kk", "--officer", "admin"])
"""


def _child_env() -> dict[str, str]:
    """The children run from compiled bytecode, as an installed desk does (a wheel's install
    and the PyInstaller bundle ship .pyc files): with PYTHONDONTWRITEBYTECODE set (as in some
    development shells) every start would compile Qonys' modules from source again."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    temp = Path(tempfile.gettempdir())
    env["PYTHONPYCACHEPREFIX"] = str(temp / "qonys-bench-pycache")
    # The desk's log file and preferences go to a throw-away home, not the user's.
    for var, name in (("XDG_STATE_HOME", "state"), ("XDG_CONFIG_HOME", "config")):
        env[var] = str(temp / "qonys-bench-home" / name)
    return env


def _startup_ms(code: str, *args: str) -> tuple[float, float]:
    """Wall time from launching a fresh interpreter until its window is exposed and idle, and
    the CPU time its main thread spent (steadier than wall time on a loaded machine)."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True, capture_output=True, text=True, env=_child_env(),
    )  # fmt: skip
    shown, cpu = out.stdout.strip().splitlines()[-1].split()
    return (float(shown) - start) * 1000, float(cpu) * 1000


def _import_costs(folder: Path) -> str:
    """Where the desk's start-up goes beyond the bare window: ``-X importtime`` of the login
    window's imports, by package (self times, ms)."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", DESK, str(folder)],
        check=True, capture_output=True, text=True, env=_child_env(),
    )  # fmt: skip
    groups: dict[str, float] = {}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self" in line:
            continue
        _, self_us, _, name = (part.strip() for part in line.replace(":", "|", 1).split("|"))
        top = name.split(".")[0]
        group = top if top in ("desktop", "PySide6", "shiboken6") else "the rest (stdlib, site)"
        groups[group] = groups.get(group, 0.0) + int(self_us) / 1000
    return ", ".join(f"{name} {ms:.0f} ms" for name, ms in sorted(groups.items()))


def ensure_store(folder: Path, cases: int) -> None:
    if (folder / "qonys.vault").exists():
        return
    print(f"building a store of {cases} cases in {folder} (once) …", flush=True)
    start = time.perf_counter()
    demo.create_demo(folder, cases=0, password=PASSWORD)
    ctx = session.login(folder, "admin", PASSWORD)
    try:
        demo.populate(ctx, cases, random.Random(3), batch=2000)
    finally:
        ctx.close()
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)


def _rss_mb() -> float:
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def login_to_list(folder: Path) -> tuple[float, float, int, float]:
    """Seconds from the login call to a list with rows on screen, of which the password check;
    rows shown; RSS in MB."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from desktop.ui.app import create_app
    from desktop.ui.desk import Desk
    from desktop.ui.language import Language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = create_app()
    language = Language(app)
    language.install("kk")
    settings = Settings(QSettings(str(folder / "bench-settings.ini"), QSettings.Format.IniFormat))
    start = time.perf_counter()
    ctx = session.login(folder, "admin", PASSWORD)
    unlocked = time.perf_counter() - start
    desk = Desk(ctx, folder, lang="kk")
    window = MainWindow(desk, settings, language)
    loop = QEventLoop()
    window.case_list.model.loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    window.show()
    loop.exec()
    app.processEvents()
    table = window.case_list.table
    table.scrollToBottom()  # scrolling fetches the next page
    app.processEvents()
    elapsed = time.perf_counter() - start
    shown = window.case_list.model.rowCount()
    rss = _rss_mb()
    window.close()
    desk.close()
    return elapsed, unlocked, shown, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.desk")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = args.store or Path(tempfile.gettempdir()) / f"qonys-bench-desk-{args.cases}"
    ensure_store(folder, args.cases)

    _startup_ms(BARE), _startup_ms(DESK, str(folder))  # compiles the bytecode once
    bare_runs, desk_runs = [], []
    for _ in range(args.runs):  # interleaved: a change of load hits both alike
        bare_runs.append(_startup_ms(BARE))
        desk_runs.append(_startup_ms(DESK, str(folder)))
    bare = statistics.median(r[0] for r in bare_runs)
    desk = statistics.median(r[0] for r in desk_runs)
    bare_cpu = statistics.median(r[1] for r in bare_runs)
    desk_cpu = statistics.median(r[1] for r in desk_runs)
    ratio = desk / bare
    print(f"start-up to login window (`qonys`): desk {desk:.0f} ms, bare PySide6 window {bare:.0f} "
          f"ms, ratio {ratio:.2f} (target ≤ 1.2: {verdict(ratio, 1.2)}); main thread's CPU "
          f"{desk_cpu:.0f} vs {bare_cpu:.0f} ms, ratio {desk_cpu / bare_cpu:.2f}")  # fmt: skip
    print(
        f"  the login window's imports (self times): {_import_costs(folder)}; the rest is "
        "Qt's (fonts, translations, the window)"
    )
    elapsed, unlocked, shown, rss = login_to_list(folder)
    print(f"login to scrollable list of {args.cases} cases: {elapsed * 1000:.0f} ms "
          f"(password check and store opening {unlocked * 1000:.0f} ms, the desk "
          f"{(elapsed - unlocked) * 1000:.0f} ms), {shown} rows fetched "
          f"(target ≤ 200 ms: {verdict(elapsed, 0.2)})")  # fmt: skip
    print(f"resident memory with the list open: {rss:.0f} MB (target ≤ 250 MB: "
          f"{verdict(rss, 250)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
