"""The administration window and its pages (issue 14; split into a package in issue 15)."""

from desktop.ui.admin.window import PAGES, AdminWindow

__all__ = ["PAGES", "AdminWindow"]
