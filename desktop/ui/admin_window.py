"""The administration window (kept import path): it lives in the package `desktop.ui.admin`."""

from desktop.ui.admin.window import PAGES, AdminWindow

__all__ = ["PAGES", "AdminWindow"]
