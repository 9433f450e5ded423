"""The typed settings registry and the background-work helper."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from desktop.ui import settings as prefs
from desktop.ui import tasks
from desktop.ui.app import initial_language, is_first_run
from desktop.ui.settings import Settings


def test_settings_are_typed_with_defaults(qsettings: QSettings, qtbot: QtBot) -> None:
    settings = Settings(qsettings)
    assert settings.get(prefs.LANGUAGE) == "kk"
    assert settings.get(prefs.IDLE_MINUTES) == 10
    with qtbot.waitSignal(settings.changed) as changed:
        settings.set(prefs.IDLE_MINUTES, 5)
    assert changed.args == ["idle_minutes"]
    with pytest.raises(ValueError, match="idle_minutes"):
        settings.set(prefs.IDLE_MINUTES, -1)
    with pytest.raises(ValueError, match="language"):
        settings.set(prefs.LANGUAGE, "de")
    settings.sync()
    # The INI file gives strings back; the registry gives the declared type.
    again = Settings(QSettings(qsettings.fileName(), QSettings.Format.IniFormat))
    assert again.get(prefs.IDLE_MINUTES) == 5
    # A value edited by hand into something invalid falls back to the default.
    again.store.setValue("preferences/language", "xx")
    assert again.get(prefs.LANGUAGE) == "kk"


def test_settings_upgrade_from_release_0(qsettings: QSettings) -> None:
    qsettings.setValue("lang", "ru")  # how release 0 kept it
    settings = Settings(qsettings)
    assert settings.get(prefs.LANGUAGE) == "ru"
    assert not qsettings.contains("lang")
    assert int(str(qsettings.value("version"))) == prefs.SETTINGS_VERSION


def test_run_task_delivers_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    done: list[int] = []
    tasks.run_task(work, lambda r: done.append(r) or seen.setdefault("done", threading.get_ident()),
                   lambda exc: None)  # fmt: skip
    qtbot.waitUntil(lambda: done == [42])
    assert seen["worker"] != gui and seen["done"] == gui


def test_run_task_delivers_failures_and_honours_cancel(qtbot: QtBot) -> None:
    failures: list[BaseException] = []

    def broken() -> None:
        raise OSError("disk full")

    tasks.run_task(broken, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], OSError)

    results: list[int] = []
    task = tasks.run_task(lambda: 1, results.append, failures.append)
    task.cancel()
    marker = tasks.run_task(lambda: 2, results.append, failures.append)
    qtbot.waitUntil(lambda: 2 in results)
    assert results == [2] and not marker.cancelled


def test_run_reporting_task_reports_in_order_before_the_end(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    events: list[object] = []
    threads: set[int] = set()

    def work(report: Callable[[object], None]) -> str:
        for i in range(5):
            report(i)
        raise OSError("unplugged")  # reports made before a failure are still delivered

    def record(payload: object) -> None:
        threads.add(threading.get_ident())
        events.append(payload)

    tasks.run_reporting_task(work, events.append, lambda exc: events.append(str(exc)), record)
    qtbot.waitUntil(lambda: "unplugged" in events)
    assert events == [0, 1, 2, 3, 4, "unplugged"] and threads == {gui}

    # A cancelled task delivers neither reports nor its result.
    hold = threading.Event()
    later: list[object] = []

    def slow(report: Callable[[object], None]) -> int:
        hold.wait(10)
        report("late")
        return 1

    task = tasks.run_reporting_task(slow, later.append, later.append, later.append)
    task.cancel()
    hold.set()
    marker = tasks.run_task(lambda: "marker", later.append, later.append)
    qtbot.waitUntil(lambda: "marker" in later)
    assert tasks.wait_for_all()
    QCoreApplication.processEvents()  # deliver whatever the finished workers posted
    assert later == ["marker"] and not marker.cancelled


def test_first_run_is_an_empty_or_missing_folder(tmp_path: Path) -> None:
    assert is_first_run(tmp_path / "missing")
    assert is_first_run(tmp_path)
    (tmp_path / "qonys.vault").write_bytes(b"x")
    assert not is_first_run(tmp_path)


def test_initial_language(qsettings: QSettings) -> None:
    settings = Settings(qsettings)
    assert initial_language(settings, None) == "kk"  # the default
    assert initial_language(settings, "en") == "en"  # asked for, nothing chosen before
    settings.set(prefs.LANGUAGE, "ru")
    assert initial_language(settings, "en") == "ru"  # the command line's default yields
    assert initial_language(settings, "kk") == "kk"  # an explicit kk/ru wins
