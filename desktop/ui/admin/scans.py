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
from desktop.ui.admin.base import AdminBase, T
from desktop.ui.tasks import run_task

_EXPLAIN = T(
    "Qonys-тің бұрынғы нұсқалары жасаған қойма сканерленген беттерді дерекқордың ішінде "
    "сақтайды; жаңа беттер әрқайсысы жеке шифрланған файлда сақталады, экспорт оларды әлдеқайда "
    "жылдам оқиды. Бұл әрекет ескі беттерді осындай файлдарға бір жолы 32 беттен ауыстырады және "
    "ешбір бет сілтемейтін артық файлдарды (үзілген сақтаудан қалған) жояды. Қызметкерлер "
    "жұмысын жалғастыра береді. Әрекетті кез келген сәтте тоқтатуға немесе терезені жабуға болады: "
    "ауыстырылған беттер сол күйінде қалады, қайта іске қосқанда ауыстыру жалғасады.",
    "Хранилище, созданное прежними версиями Qonys, держит сканированные страницы внутри базы "
    "данных; новые страницы хранятся каждая в отдельном зашифрованном файле, который экспорт "
    "читает намного быстрее. Это действие переносит старые страницы в такие файлы, по 32 "
    "страницы за раз, и удаляет лишние файлы, на которые не ссылается ни одна страница (остаются "
    "после прерванного сохранения). Сотрудники могут продолжать работу. Действие можно отменить "
    "или закрыть окно в любой момент: перенесенные страницы остаются в файлах, повторный запуск "
    "продолжит перенос.",
    "A store made by an older version of Qonys keeps its scanned pages inside the database; new "
    "pages are each kept in an encrypted file of their own, which an export reads much faster. "
    "This moves the old pages into such files, 32 pages at a time, and removes orphan files that "
    "no page names (left by an interrupted save). Officers may keep working. It can be cancelled "
    "or the window closed at any moment: the pages moved stay in their files, and running it "
    "again continues.",
)
_IN_DATABASE = T(
    "Дерекқорда қалған беттер: {pages} ({size})",
    "Страниц в базе данных: {pages} ({size})",
    "Pages still in the database: {pages} ({size})",
)
_ALL_IN_FILES = T(
    "Барлық беттер файлдарда сақталады: ауыстыратын ештеңе жоқ",
    "Все страницы хранятся в файлах: переносить нечего",
    "Every page is kept in a file: there is nothing to move",
)
_SEALED = T(
    "Бұл қойма — PostgreSQL дерекқоры: беттер оның ішінде мөрленген түрде сақталады, "
    "ауыстыратын ештеңе жоқ.",
    "Это хранилище — база данных PostgreSQL: страницы хранятся в ней в запечатанном виде, "
    "переносить нечего.",
    "This store is a PostgreSQL database: it keeps the pages sealed inside it, and there is "
    "nothing to move.",
)
_MOVED = T(
    "{pages} файлдарға ауыстырылды, {orphans} жойылды",
    "Перенесено в файлы: {pages}; удалено: {orphans}",
    "{pages} moved, {orphans} removed",
)


def moved_text(moved: int, swept: int) -> Text:
    """«5 pages moved, 1 orphan file removed», each noun in its plural form."""
    return _MOVED.format(
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
        box = QGroupBox(
            self.t(
                T("Беттерді файлдарға ауыстыру", "Перенос страниц в файлы", "Move pages into files")
            )
        )
        inner = QVBoxLayout(box)
        inner.addWidget(self._hint(_EXPLAIN))
        self.scans_label = QLabel()
        self.scans_label.setWordWrap(True)
        inner.addWidget(self.scans_label)
        self.scans_button = self._button(
            T("Беттерді ауыстыру", "Перенести страницы", "Move the pages"), self.move_scans
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
        self.scans_label.setText(self.t(T("Саналуда…", "Подсчет…", "Counting…")))
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
                self.t(
                    _IN_DATABASE.format(
                        pages=storage.pages_in_table, size=size_text(storage.bytes_in_table)
                    )
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
