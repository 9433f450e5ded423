"""Issue 13, point 10: the desk keeps no login in the user's clear settings file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.ui import settings as prefs
from desktop.ui.settings import Settings


def test_a_login_kept_by_an_older_version_is_removed(qsettings: QSettings) -> None:
    qsettings.setValue("version", 1)
    qsettings.setValue("preferences/last_login", "consul")  # as versions before this kept it
    qsettings.setValue("preferences/language", "ru")
    settings = Settings(qsettings)
    settings.sync()
    assert not qsettings.contains("preferences/last_login")
    assert settings.get(prefs.LANGUAGE) == "ru"
    assert "consul" not in Path(qsettings.fileName()).read_text(encoding="utf-8")
    # Nothing in the registry remembers a login any more.
    assert all("login" not in option.key for option in prefs.OPTIONS)
