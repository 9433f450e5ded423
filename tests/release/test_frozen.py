"""Smoke test of the built app (PyInstaller one-folder, `make dist`), run as an officer would.

CI builds the app first (`.ci/run`: `make dist`), so there the app must exist; on a developer's
machine without a build these tests skip with a hint. `QONYS_FROZEN_APP` points at another
build folder. The same GUI smoke test also runs from source, so the hook itself is always tested.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "qonys-demo-2026"


def _app_folder() -> Path | None:
    configured = os.environ.get("QONYS_FROZEN_APP")
    folder = (ROOT / configured).resolve() if configured else ROOT / "dist" / "qonys"
    return folder if folder.is_dir() else None


@pytest.fixture(scope="module")
def app() -> Path:
    folder = _app_folder()
    if folder is None:
        if os.environ.get("CI"):
            pytest.fail("CI must build the app first: `make dist` (see .ci/run)")
        pytest.skip("no built app: run `make dist` first")
    exe = folder / ("qonys.exe" if sys.platform == "win32" else "qonys")
    assert exe.is_file(), f"{exe} is missing"
    return exe


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "QONYS_RESOURCES", "QONYS_PASSWORD", "QONYS_OFFICER"}
    }
    env.update(QT_QPA_PLATFORM="offscreen", QONYS_LOG_DIR=str(tmp_path / "log"), **extra)
    return env


def _run(argv: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=tmp_path,  # not the checkout: the app must find everything inside itself
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_frozen_app_has_what_it_needs_and_nothing_big_it_does_not(app: Path) -> None:
    internal = app.parent / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    assert "resources/fonts/DejaVuSans.ttf" in names
    assert "resources/icons/qonys.png" in names
    assert "desktop/storage/migrations/versions/0001_initial.py" in names
    assert "desktop/department/migrations/versions/d0001_initial.py" in names
    # Data read as files: the police bodies the Department's d0004 seeds (`qonys demo` makes a
    # Department store), the rule sets in force (§14-1).
    assert "desktop/department/police_bodies.json" in names
    assert any(n.startswith("resources/rules/") and n.endswith(".json") for n in names)
    platforms = {n.rsplit("/", 1)[-1] for n in names if "/plugins/platforms/" in n}
    if sys.platform.startswith("linux"):
        assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    # The document camera: QtMultimedia with its FFmpeg backend plugin. That plugin is linked
    # against Qt's Quick and Qml libraries, so exactly those stay; nothing else of QML does.
    assert any(n.startswith("PySide6/QtMultimedia.") for n in names)
    assert any("/plugins/multimedia/" in n for n in names)
    media_needs = {"Qt6Quick", "Qt6Qml", "Qt6QmlMeta", "Qt6QmlModels", "Qt6QmlWorkerScript"}
    qml = {
        n.rsplit("/", 1)[-1].removeprefix("lib").split(".")[0]
        for n in names
        if "Qt6Quick" in n or "Qt6Qml" in n
    }
    assert qml <= media_needs, qml - media_needs
    assert not [n for n in names if "WebEngine" in n or "QtQuick" in n or "/qml/" in n]
    size = sum(p.stat().st_size for p in internal.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"built app: {size / 1e6:.0f} MB")


def _demo_case_count(said: str) -> int:
    """The number of cases `qonys demo` reports it made (the three asked for and one case on
    each §3 route)."""
    found = re.search(r" with (\d+) cases in ", said)
    assert found, said
    return int(found.group(1))


def test_frozen_app_cli(app: Path, tmp_path: Path) -> None:
    version = _run([str(app), "--version"], tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("qonys ")

    store = tmp_path / "store"
    demo = _run([str(app), "--data-dir", str(store), "demo", "--cases", "3"], tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert (store / "qonys.db").exists() and (store / "qonys.vault").exists()
    made = _demo_case_count(demo.stdout)
    assert made >= 3

    listed = _run(
        [str(app), "--data-dir", str(store), "--officer", "officer", "cases", "--json"],
        tmp_path,
        QONYS_PASSWORD=DEMO_PASSWORD,
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == made and all(r["number"].startswith("KZ-BER-") for r in rows)

    wrong = _run(
        [str(app), "--data-dir", str(store), "--officer", "officer", "cases"],
        tmp_path,
        QONYS_PASSWORD="wrong password",
    )
    assert wrong.returncode == 1 and "Wrong login or password" in wrong.stderr


def _gui_smoke(argv: list[str], tmp_path: Path) -> None:
    store = tmp_path / "store"
    if not store.exists():
        assert (
            _run([*argv, "--data-dir", str(store), "demo", "--cases", "3"], tmp_path).returncode
            == 0
        )
    shown = _run(
        [*argv, "--data-dir", str(store), "--officer", "admin"],
        tmp_path,
        QONYS_SMOKE_TEST="1",
        QONYS_PASSWORD=DEMO_PASSWORD,
    )
    assert shown.returncode == 0, shown.stderr
    assert "smoke-test: window shown=True" in shown.stdout
    assert "platform=offscreen" in shown.stdout and "font=DejaVu Sans" in shown.stdout
    assert "camera-backend=ready" in shown.stdout
    assert "Traceback" not in shown.stderr
    assert (tmp_path / "log" / "qonys.log").exists()
    assert not list((tmp_path / "log").glob("crash-*"))


def test_frozen_app_opens_the_desk_and_quits(app: Path, tmp_path: Path) -> None:
    _gui_smoke([str(app)], tmp_path)


def test_desk_smoke_from_source(tmp_path: Path) -> None:
    """The same check on `python -m desktop`: the smoke hook itself works without a build."""
    env_path = {"PYTHONPATH": str(ROOT)}
    store = tmp_path / "store"
    demo = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(store), "demo", "--cases", "3"],
        cwd=tmp_path,
        env=_env(tmp_path, **env_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(store), "--officer", "admin"],
        cwd=tmp_path,
        env=_env(tmp_path, QONYS_SMOKE_TEST="1", QONYS_PASSWORD=DEMO_PASSWORD, **env_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert "smoke-test: window shown=True" in shown.stdout
    assert "camera-backend=ready" in shown.stdout


def test_frozen_app_backs_up_and_restores(app: Path, tmp_path: Path) -> None:
    """Backup, verify and restore through the built binary."""
    store = tmp_path / "store"
    demo = _run([str(app), "--data-dir", str(store), "demo", "--cases", "3"], tmp_path)
    assert demo.returncode == 0, demo.stderr
    cases = _demo_case_count(demo.stdout)
    out = tmp_path / "b.qonys-backup"
    made = _run(
        [str(app), "--data-dir", str(store), "--officer", "admin", "backup", "--out", str(out)],
        tmp_path,
        QONYS_PASSWORD=DEMO_PASSWORD,
    )
    assert made.returncode == 0, made.stderr
    checked = _run([str(app), "backup", "verify", str(out)], tmp_path)
    assert checked.returncode == 0 and "intact" in checked.stdout
    target = tmp_path / "restored"
    restored = _run(
        [str(app), "--data-dir", str(target), "--officer", "officer", "restore", str(out)],
        tmp_path,
        QONYS_PASSWORD=DEMO_PASSWORD,
    )
    assert restored.returncode == 0, restored.stderr
    listed = _run(
        [str(app), "--data-dir", str(target), "--officer", "officer", "cases", "--json"],
        tmp_path,
        QONYS_PASSWORD=DEMO_PASSWORD,
    )
    assert len(json.loads(listed.stdout)) == cases


def test_frozen_app_issues_and_verifies_a_notification(app: Path, tmp_path: Path) -> None:
    """The built app renders, signs and seals an Annex 4 notification, then verifies it."""
    store = tmp_path / "store"
    made = _run([str(app), "--data-dir", str(store), "demo"], tmp_path)
    assert made.returncode == 0, made.stderr
    as_officer = {"QONYS_OFFICER": "officer", "QONYS_PASSWORD": DEMO_PASSWORD}
    listed = _run(
        [str(app), "--data-dir", str(store), "cases", "--stage", "permitted", "--json"],
        tmp_path,
        **as_officer,
    )
    assert listed.returncode == 0, listed.stderr
    permitted = json.loads(listed.stdout)
    assert permitted, "the demo spreads cases over every stage, permitted included"
    pdf = tmp_path / "notification.pdf"
    printed = _run(
        [str(app), "--data-dir", str(store), "print", "notification",
         str(permitted[0]["number"]), "--out", str(pdf)],
        tmp_path,
        QONYS_OFFICER="consul",
        QONYS_PASSWORD=DEMO_PASSWORD,
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    verified = _run([str(app), "--data-dir", str(store), "verify", str(pdf)], tmp_path,
                    **as_officer)  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "GENUINE" in verified.stdout
