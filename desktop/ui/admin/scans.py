"""The Scanned pages page: moving the pages an older store keeps in its database into files
(what `qonys store scans` does), and how many are still there."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.formats import count, size_text
from desktop.domain.i18n import Text
from desktop.services import scan_storage
from desktop.ui.admin.base import ADMIN, QT_TRANSLATE_NOOP, AdminBase
from desktop.ui.language import translated_in
from desktop.ui.tasks import run_task

_EXPLAIN = QT_TRANSLATE_NOOP(
    "Administration",
    "A store made by an older version of Qonys keeps its scanned pages inside the database; new "
    "pages are each kept in an encrypted file of their own, which an export reads much faster. "
    "This moves the old pages into such files, 32 pages at a time, and removes orphan files that "
    "no page names (left by an interrupted save). Officers may keep working. It can be cancelled "
    "or the window closed at any moment: the pages moved stay in their files, and running it again"
    " continues.",
)
_IN_DATABASE = QT_TRANSLATE_NOOP("Administration", "Pages still in the database: {pages} ({size})")
_ALL_IN_FILES = QT_TRANSLATE_NOOP(
    "Administration", "Every page is kept in a file: there is nothing to move"
)
_SEALED = QT_TRANSLATE_NOOP(
    "Administration",
    "This store is a PostgreSQL database: it keeps the pages sealed inside it, and there is "
    "nothing to move.",
)
_MOVED = QT_TRANSLATE_NOOP("Administration", "{pages} moved, {orphans} removed")


def moved_text(moved: int, swept: int) -> Text:
    """«5 pages moved, 1 orphan file removed», each noun in its plural form."""
    template = Text(*(translated_in(lang, ADMIN, _MOVED) for lang in ("kk", "ru", "en")))
    return template.format(
        pages=count(moved, "бет", ("страница", "страницы", "страниц"), ("page", "pages")),
        orphans=count(
            swept,
            "артық файл",
            ("лишний файл", "лишних файла", "лишних файлов"),
            ("orphan file", "orphan files"),
        ),
    )


class ScansPage(AdminBase):
    def _scans_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        box = QGroupBox(self.t(QT_TRANSLATE_NOOP("Administration", "Move pages into files")))
        inner = QVBoxLayout(box)
        inner.addWidget(self._hint(_EXPLAIN))
        self.scans_label = QLabel()
        self.scans_label.setWordWrap(True)
        inner.addWidget(self.scans_label)
        self.scans_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Move the pages"), self.move_scans
        )
        self.scans_button.hide()  # until the count says there is a store of files
        inner.addWidget(self.scans_button)
        layout.addWidget(box)
        layout.addStretch(1)
        self._count_scans()
        return page

    def _count_scans(self) -> None:
        """How many pages are still in the table: a count, off the GUI thread all the same."""
        ctx = self.desk.ctx
        self.scans_storage: scan_storage.ScanStorage | None = None
        self.scans_label.setText(self.t(QT_TRANSLATE_NOOP("Administration", "Counting…")))
        run_task(
            lambda: scan_storage.describe(ctx),
            self._show_scans,
            lambda exc: self.scans_label.setText(type(exc).__name__),
            owner=self,
        )

    def _show_scans(self, storage: scan_storage.ScanStorage) -> None:
        self.scans_storage = storage
        if not storage.in_files:
            self.scans_label.setText(self.t(_SEALED))
            self.scans_button.hide()
            return
        self.scans_button.show()
        if storage.pages_in_table:
            self.scans_label.setText(
                self.tf(
                    _IN_DATABASE,
                    pages=storage.pages_in_table,
                    size=size_text(storage.bytes_in_table),
                )
            )
        else:
            self.scans_label.setText(self.t(_ALL_IN_FILES))

    @Slot()
    def move_scans(self) -> None:
        ctx = self.desk.ctx

        def work(report: Callable[[object], None], stop: threading.Event) -> object:
            return scan_storage.move_to_files(
                ctx, lambda moved, total: report((moved, total)), should_stop=stop.is_set
            )

        def done(result: object) -> str:
            moved = cast(scan_storage.MoveResult, result)
            self._count_scans()
            return self.t(moved_text(moved.moved, moved.swept))

        self.run(work, done)
