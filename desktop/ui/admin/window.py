"""The desk's administration window: everything that used to need a `qonys` command.

One window with pages (officers; the Department's enrolment and signing certificates; the
mission calendar; backup, restore and the recovery key; the Annex 5 journal and the §14
monitoring export; the §3(2) registers; moving an older store's scanned pages into files; the
mission settings). The main window's Administration menu opens it at a page. Each page calls `desktop.services.admin` (the same services the CLI uses), which checks the
officer's role: pages an officer may not use are hidden, never the only guard.

Every action runs off the GUI thread (`desktop.ui.tasks`) with the progress bar and a Cancel
button at the bottom; its result is said there, in the desk's language. The frame and its
helpers are in `base`, each page in a module of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop.services.context import Officer, Role
from desktop.ui.admin.backup import BackupPage
from desktop.ui.admin.base import PAGES
from desktop.ui.admin.calendar import CalendarPage
from desktop.ui.admin.department import DepartmentPage
from desktop.ui.admin.officers import OfficersPage
from desktop.ui.admin.registers import RegistersPage
from desktop.ui.admin.reports import ReportsPage
from desktop.ui.admin.scans import ScansPage
from desktop.ui.admin.settings import SettingsPage

__all__ = ["PAGES", "AdminWindow"]


class AdminWindow(
    OfficersPage,
    DepartmentPage,
    CalendarPage,
    BackupPage,
    ReportsPage,
    RegistersPage,
    ScansPage,
    SettingsPage,
):
    """Signals: finished_action(str): an action succeeded, with the message shown;
    failed_action(str): it failed (or was cancelled), with the message shown."""

    def _page_builders(self, me: Officer) -> dict[str, Callable[[], QWidget]]:
        builders: dict[str, Callable[[], QWidget]] = {}
        if me.may(Role.ADMIN):
            builders["officers"] = self._officers_page
        if me.may(Role.ADMIN) or me.may(Role.CONSUL):
            builders["department"] = self._department_page
        if me.may(Role.ADMIN):
            builders["calendar"] = self._calendar_page
        builders["backup"] = self._backup_page
        builders["reports"] = self._reports_page
        builders["registers"] = self._registers_page
        if me.may(Role.ADMIN):
            builders["scans"] = self._scans_page
        builders["settings"] = self._settings_page
        return builders
