"""Desk benchmark (issue 3): start-up, login to a scrollable list, memory with the list open.

    python -m bench.desk [--cases 100000] [--store DIR] [--runs 5] [--login-runs 3]
                         [--startup-only]

`--startup-only` measures part 1 alone (no login, no memory figure): quick to compare
before and after a change of the start-up path.

1. Start-up to an interactive login window, as a ratio to a bare PySide6 window started the
   same way (a fresh interpreter each, same platform plugin, from compiled bytecode as an
   installed desk runs) — target ≤ 1.2 (issue 19); then where the start-up goes, stage by
   stage, beside the bare window's stages, and the login window's imports.
2. From pressing "Log in" in the real login window (`run_desk`, a fresh process each run; the
   password check included) to a scrollable case list on a store of N cases, its first page
   on screen and scrolled to its end — target ≤ 200 ms at 100,000 (issue 19); each stage's
   share, and what the login window prepared while the officer typed.
3. Resident memory of that process with the list open — target ≤ 250 MB.

The store is built once (synthetic demo cases) and kept in --store for later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
# interactive login window: the same imports in the same order, logging set-up, settings and
# translations an officer's start goes through, to the time at the login window's first turn of
# the event loop once shown and ready for the password (bench/login_probe.py).
DESK = """
import os, sys, time
from bench.login_probe import run_to_login

def shown(window):
    from PySide6.QtCore import QTimer  # loaded by the command by now
    def ready():
        handle = window.windowHandle()
        if handle is not None and handle.isExposed() and window.password_edit.isEnabled():
            print(time.time(), time.thread_time(), flush=True)
            os._exit(0)
        QTimer.singleShot(0, ready)
    QTimer.singleShot(0, ready)

run_to_login(shown, ["--data-dir", sys.argv[1], "--lang", "kk", "--officer", "admin"])
"""


# The same two starts with the time each stage ends (time.time(), as the parent's clock):
# where the desk's start-up goes beyond the bare window's. Wrappers around a few functions of
# the command, set as their modules load (bench/login_probe.py): not timed as the ratio is.
BARE_STAGES = """
import json, time
marks = {}
from PySide6.QtWidgets import QApplication, QMainWindow
marks["imports"] = time.time()
app = QApplication([])
marks["application"] = time.time()
w = QMainWindow(); w.resize(480, 320); w.show()
while not w.isVisible() or not w.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
marks["ready"] = time.time()
print(json.dumps(marks))
"""

DESK_STAGES = """
import json, os, sys, time
from bench.login_probe import run_to_login

marks = {}

def timed(owner, name, before, after):
    real = getattr(owner, name)
    def wrapper(*args, **kwargs):
        marks.setdefault(before, time.time())
        result = real(*args, **kwargs)
        marks.setdefault(after, time.time())
        return result
    setattr(owner, name, wrapper)

def app_loaded(module):
    timed(module, "run_desk", "imports", "-")
    timed(module, "create_app", "modules", "application+font")
    timed(module, "load_fonts", "application", "font")

def login_loaded(module):
    timed(module.LoginDialog, "__init__", "settings+language", "window")

def shown(window):
    from PySide6.QtCore import QTimer
    def ready():
        handle = window.windowHandle()
        if handle is not None and handle.isExposed() and window.password_edit.isEnabled():
            marks["ready"] = time.time()
            print(json.dumps(marks), flush=True)
            os._exit(0)
        QTimer.singleShot(0, ready)
    QTimer.singleShot(0, ready)

run_to_login(shown, ["--data-dir", sys.argv[1], "--lang", "kk", "--officer", "admin"],
             {"desktop.ui.app": app_loaded, "desktop.ui.login": login_loaded})
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
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
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


def _stage_marks(code: str, *args: str) -> dict[str, float]:
    """Each stage's end in ms from launching the interpreter (one run)."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True, capture_output=True, text=True, env=_child_env(),
    )  # fmt: skip
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    return {name: (at - start) * 1000 for name, at in marks.items()}


def _stages(folder: Path, runs: int) -> str:
    """Where the start-up goes, stage by stage: medians of `runs` interleaved starts of each,
    the bare window's stage in brackets where it has one."""
    bare_runs: list[dict[str, float]] = []
    desk_runs: list[dict[str, float]] = []
    for _ in range(runs):
        bare_runs.append(_stage_marks(BARE_STAGES))
        desk_runs.append(_stage_marks(DESK_STAGES, str(folder)))

    def median(marks: list[dict[str, float]], end: str, begin: str | None) -> float:
        return statistics.median(m[end] - (m[begin] if begin else 0.0) for m in marks)

    desk = (
        ("interpreter, Qt and the desk's modules", "imports", None, ("imports", None)),
        ("the login window's modules", "modules", "imports", None),
        ("QApplication", "application", "modules", ("application", "imports")),
        ("the bundled font (Qt's font database filled)", "font", "application", None),
        ("log held, crash hooks, settings, language", "settings+language", "font", None),
        ("login window made", "window", "settings+language", None),
        ("shown and ready", "ready", "window", ("ready", "application")),
    )
    parts = []
    for name, end, begin, bare in desk:
        text = f"{name} {median(desk_runs, end, begin):.1f}"
        if bare is not None:
            text += f" [{median(bare_runs, *bare):.1f}]"
        parts.append(text)
    return "; ".join(parts)


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


@dataclass
class LoginRun:
    """One login through the real login window (`run_desk`), its stages in seconds from the
    press of "Log in"."""

    prepared: float = 0.0  # from the login window's first show to its preparation done
    prebuilt: float = 0.0  # of which the main window built (GUI thread) before login
    derived: float = 0.0  # the password's key derived (Argon2id ended)
    opened: float = 0.0  # the store opened with the data key (schema up to date)
    recorded: float = 0.0  # the login's audit entry committed
    unlocked: float = 0.0  # the slot re-sealed: session.login returned
    built: float = 0.0  # the main window opened on the store (its views start loading)
    listed: float = 0.0  # the list's first page on screen
    scrolled: float = 0.0  # scrolled to its end: the next page fetched
    rows: int = 0
    rss_mb: float = 0.0
    gui_cpu: float = 0.0  # the GUI thread's CPU time from the press to the scrolled list
    cpu: float = 0.0  # the whole process's (workers included)


@contextmanager
def _login_steps_marked(marks: dict[str, float]) -> Iterator[None]:
    """Within the block, each of the login's steps sets its mark when it ends (the first time
    after "Log in" was pressed: `marks["pressed"]`)."""
    from desktop.services import session as session_service
    from desktop.storage import vault

    steps: tuple[tuple[Any, str, str], ...] = (
        (vault, "_argon2id", "derived"),
        (session_service, "open_database", "opened"),
        (session_service, "_open_as", "recorded"),
    )
    real_steps = [getattr(owner, name) for owner, name, _ in steps]

    def marking(step: Callable[..., Any], mark: str) -> Callable[..., Any]:
        def marked(*args: Any, **kwargs: Any) -> Any:
            result = step(*args, **kwargs)
            if "pressed" in marks:
                marks.setdefault(mark, time.perf_counter())
            return result

        return marked

    for (owner, name, mark), real in zip(steps, real_steps, strict=True):
        setattr(owner, name, marking(real, mark))
    try:
        yield
    finally:
        for (owner, name, _), real in zip(steps, real_steps, strict=True):
            setattr(owner, name, real)


def login_to_list(folder: Path) -> LoginRun:
    """`qonys` in this process, as an officer uses it: the login window comes up and prepares
    while the officer types; a robot waits for it (as a typing officer does), fills in the
    password and presses "Log in"; the clock runs from that press to a scrollable list (the
    first page on screen, scrolled to its end so that the next page is fetched). Timing
    wrappers on `session.login` and `build_main_window` split the time into stages."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.services import session as session_service
    from desktop.ui import app as desk_app
    from desktop.ui.login import LoginDialog

    run = LoginRun()
    marks: dict[str, float] = {}
    cpu_marks: dict[str, float] = {}
    real_login, real_build = session_service.login, desk_app.build_main_window
    real_open = desk_app.open_main_window

    def timed_login(*args: Any, **kwargs: Any) -> Any:
        ctx = real_login(*args, **kwargs)
        marks["unlocked"] = time.perf_counter()
        return ctx

    def timed_build(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        window = real_build(ctx, *args, **kwargs)
        if ctx is None:  # before login, while the officer types
            run.prebuilt = time.perf_counter() - start
        else:  # "Log in" came before the login window's preparation ended
            opened(window)
        return window

    def timed_open(window: Any, ctx: Any) -> None:
        real_open(window, ctx)
        opened(window)

    def opened(window: Any) -> None:
        marks["built"] = time.perf_counter()
        model = window.case_list.model

        def listed(_total: int) -> None:
            if "listed" in marks:
                return
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            app.processEvents()  # painted
            marks["listed"] = time.perf_counter()
            window.case_list.table.scrollToBottom()  # scrolling fetches the next page
            app.processEvents()
            marks["scrolled"] = time.perf_counter()
            run.gui_cpu = time.thread_time() - cpu_marks["gui"]
            run.cpu = time.process_time() - cpu_marks["all"]
            run.rows = model.rowCount()
            run.rss_mb = _rss_mb()
            QTimer.singleShot(0, window.close)

        model.loaded.connect(listed)

    def robot() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)), None
        )
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, robot)
            return
        marks.setdefault("shown", time.perf_counter())
        if not dialog.store_ready:  # the officer is still typing
            QTimer.singleShot(10, robot)
            return
        marks["prepared"] = time.perf_counter()
        dialog.password_edit.setText(PASSWORD)
        marks["pressed"] = time.perf_counter()
        cpu_marks.update(gui=time.thread_time(), all=time.process_time())
        dialog.ok_button.click()

    session_service.login, desk_app.build_main_window = timed_login, timed_build
    desk_app.open_main_window = timed_open
    try:
        app = desk_app.create_app()
        QTimer.singleShot(0, robot)
        del app
        settings = QSettings(str(folder / "bench-settings.ini"), QSettings.Format.IniFormat)
        with _login_steps_marked(marks):
            desk_app.run_desk(folder, lang="kk", officer="admin", qsettings=settings)
    finally:
        session_service.login, desk_app.build_main_window = real_login, real_build
        desk_app.open_main_window = real_open
    pressed = marks["pressed"]
    run.prepared = marks["prepared"] - marks["shown"]
    for stage in ("derived", "opened", "recorded", "unlocked", "built", "listed", "scrolled"):
        setattr(run, stage, marks[stage] - pressed)
    return run


LOGIN_CHILD = """
import dataclasses, json, sys
from pathlib import Path
from bench.desk import login_to_list
print(json.dumps(dataclasses.asdict(login_to_list(Path(sys.argv[1])))))
"""


def _login_in_child(folder: Path) -> LoginRun:
    """One login in a fresh interpreter, as every morning's (nothing warm from a run before)."""
    out = subprocess.run(
        [sys.executable, "-c", LOGIN_CHILD, str(folder)],
        check=True, capture_output=True, text=True, env=_child_env(),
    )  # fmt: skip
    return LoginRun(**json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.desk")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--login-runs", type=int, default=3)
    parser.add_argument("--startup-only", action="store_true", help="part 1 only")
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
        f"  where it goes (ms from launch, median of {args.runs}; the bare window's in "
        f"brackets): {_stages(folder, args.runs)}"
    )
    print(f"  the login window's imports (self times under -X importtime, inflated): "
          f"{_import_costs(folder)}")  # fmt: skip
    if args.startup_only:
        return 0
    runs = [_login_in_child(folder) for _ in range(max(1, args.login_runs))]
    run = sorted(runs, key=lambda r: r.scrolled)[len(runs) // 2]  # the median run
    elapsed = run.scrolled
    print(f"login to scrollable list of {args.cases} cases (from pressing \"Log in\" in the "
          f"login window): {elapsed * 1000:.0f} ms, {run.rows} rows fetched "
          f"(target ≤ 200 ms: {verdict(elapsed, 0.2)}); median of {len(runs)}, each in a fresh "
          f"process; CPU meanwhile: GUI thread {run.gui_cpu * 1000:.0f} ms, all threads "
          f"{run.cpu * 1000:.0f} ms")  # fmt: skip
    stages = (
        ("password check (Argon2id, with the vault read and locked)", run.derived),
        ("store opened with the data key", run.opened - run.derived),
        ("login audited (committed; the first page's read begins)", run.recorded - run.opened),
        ("key slot re-sealed (written, fsynced)", run.unlocked - run.recorded),
        ("main window opened on the store", run.built - run.unlocked),
        ("first page on screen", run.listed - run.built),
        ("scrolled: next page fetched", run.scrolled - run.listed),
    )
    print(
        "  " + "; ".join(f"{name} {ms * 1000:.0f} ms ({ms / elapsed:.0%})" for name, ms in stages)
    )
    print(f"  after Argon2id: {(elapsed - run.derived) * 1000:.0f} ms, the part this desk's code "
          f"decides (Argon2id's cost is RFC 9106's and stays)")  # fmt: skip
    print(f"  before that, while the officer types: the login window prepared the desk (services "
          f"and the main window's modules on a worker, the store's engine made without its key "
          f"and the login's statements compiled on it, then the main window built on the GUI "
          f"thread in {run.prebuilt * 1000:.0f} ms) in {run.prepared:.1f} s after it was "
          f"shown")  # fmt: skip
    print(f"resident memory with the list open: {run.rss_mb:.0f} MB (target ≤ 250 MB: "
          f"{verdict(run.rss_mb, 250)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
