"""The desk's session: the unlocked context, locking and unlocking, and change announcements.

Panels are handed this object (not a global): they call services with `desk.ctx`, listen to
`cases_changed` to refresh (STYLE.md §4) and to `locked`/`unlocked` to drop or resume work.
While locked there is no context at all: the data key is gone from memory (`ctx.close()`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.calendar import mission_local
from desktop.domain.i18n import Text
from desktop.services import session, shared_store
from desktop.services.context import Clock, DeskContext, Mission, Officer, Role, system_clock
from desktop.services.errors import KnownError
from desktop.ui import tasks
from desktop.ui.language import QT_TRANSLATE_NOOP, translated_in

log = logging.getLogger(__name__)
POLL_MS = 3000

# An officer's role as the status bar and the Officers page name it (catalogue context "Desk").
_ROLE_NAMES: dict[Role, str] = {
    Role.OFFICER: QT_TRANSLATE_NOOP("Desk", "consular officer"),
    Role.CONSUL: QT_TRANSLATE_NOOP("Desk", "consul (signs)"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Desk", "administrator"),
}


def role_name(role: Role, lang: str) -> str:
    return translated_in(lang, "Desk", _ROLE_NAMES[role])


class DeskLocked(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text("Жұмыс орны құлыпталған", "Рабочее место заблокировано", "The desk is locked")
        )


class Desk(QObject):
    """One officer's open desk.

    Signals:
        about_to_lock(): the context is about to close (lock or close): long background work
            (the online sync) stops now, so the lock does not wait for it.
        locked(): the context was closed; views hide personal data.
        unlocked(): a fresh context is in place; views may query again.
        cases_changed(object): the ids (list[int]) of cases a use case changed; an empty list
            when any case may have changed (an imported decision package).
        language_changed(str): the interface language is now this one (kk, ru, en).
        store_answering(bool): the shared store's server stopped (False) or again (True)
            answering the desk's poll.
    """

    about_to_lock = Signal()
    locked = Signal()
    unlocked = Signal()
    cases_changed = Signal(object)
    language_changed = Signal(str)
    store_answering = Signal(bool)

    def __init__(
        self,
        ctx: DeskContext | None,
        data_dir: Path,
        *,
        lang: str = "kk",
        clock: Clock = system_clock,
        parent: QObject | None = None,
    ) -> None:
        """`ctx` None: the desk before login (locked, nobody's); `attach` opens it."""
        super().__init__(parent)
        self._ctx: DeskContext | None = None
        self.data_dir = data_dir
        self.officer: Officer = Officer(0, "", "", Role.OFFICER)
        self.mission: Mission = Mission("", "", "")
        self.lang = lang
        self._clock = clock
        self._time_zone = ""
        # A store shared by several desks (issue 21): what the others change shows here
        # within seconds: a light poll, off the GUI thread, of a mark every change moves.
        self._mark: int | None = None
        self._polling = False
        self._answering = True
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check_other_desks)
        if ctx is not None:
            self._take(ctx)

    def _take(self, ctx: DeskContext) -> None:
        self._ctx = ctx
        self.officer, self.mission, self._time_zone = ctx.officer, ctx.mission, ctx.time_zone
        if shared_store.is_shared(ctx):
            # Off the GUI thread: the list shows at once, through tokens until it is ready.
            shared_store.start_name_index(ctx)
            if not self._poll.isActive():
                self._poll.start()

    def attach(self, ctx: DeskContext) -> None:
        """The login's context into a desk built before it (the main window was made while
        the login window waited: issue 19); the views load as after an unlock."""
        if self._ctx is not None:
            raise RuntimeError("the desk is already open")
        self._take(ctx)
        self.unlocked.emit()

    @property
    def ctx(self) -> DeskContext:
        if self._ctx is None:
            raise DeskLocked
        return self._ctx

    @property
    def is_locked(self) -> bool:
        return self._ctx is None

    def today(self) -> date:
        """The mission's day, which ages and dates are checked against (also while locked)."""
        return self.day_of(self._clock())

    def day_of(self, moment: datetime) -> date:
        """The mission's day of an aware moment (its time zone, not this computer's)."""
        if self._ctx is not None:
            self._time_zone = self._ctx.time_zone
        return mission_local(moment, self._time_zone).date()

    def text(self, message: Text) -> str:
        return message.get(self.lang)

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.language_changed.emit(lang)

    def lock(self) -> None:
        """Drop the context and with it the data key; widgets keep unsaved edits in memory."""
        if self._ctx is None:
            return
        self.about_to_lock.emit()
        # Workers may hold a connection: let them finish before the engine is disposed.
        tasks.wait_for_all()
        ctx, self._ctx = self._ctx, None
        try:
            session.record_lock(ctx)
        except Exception:  # the lock goes on whatever happens: the key must go
            log.exception("the lock could not be written to the audit log")
        ctx.close()
        self.locked.emit()

    def unlock(self, password: str) -> None:
        """The same officer's password opens a fresh context; raises KnownError otherwise.

        A full `session.login` (not a key kept aside): the key was wiped on lock, and wrong
        passwords here are counted and throttled like at the login window; the unlock is
        audited with the failed attempts before it.
        """
        if self._ctx is not None:
            return
        ctx = session.login(
            self.data_dir, self.officer.login, password, clock=self._clock, unlock=True
        )
        self._ctx = ctx
        self.officer, self.mission = ctx.officer, ctx.mission
        if shared_store.is_shared(ctx):
            shared_store.start_name_index(ctx)  # dropped with the key at the lock
        self.unlocked.emit()

    @property
    def change_mark(self) -> int | None:
        """The shared store's change mark at the last look (None: not looked yet)."""
        return self._mark

    def check_other_desks(self) -> None:
        """Announce "any case may have changed" if the shared store moved since last look."""
        if self._ctx is None or self._polling:
            return
        ctx = self._ctx
        self._polling = True
        tasks.run_task(
            lambda: shared_store.change_mark(ctx),
            self._on_mark,
            self._on_mark_failed,
            owner=self,
        )

    @property
    def is_store_answering(self) -> bool:
        """False while the shared store's server does not answer the poll (the status bar
        says so; the desk tries again at every tick)."""
        return self._answering

    def _answered(self, answering: bool) -> None:
        if answering != self._answering:
            self._answering = answering
            self.store_answering.emit(answering)

    def _on_mark(self, mark: int) -> None:
        self._polling = False
        self._answered(True)
        seen, self._mark = self._mark, mark
        if seen is not None and mark != seen and self._ctx is not None:
            self.cases_changed.emit([])

    def _on_mark_failed(self, _exc: BaseException) -> None:
        self._polling = False  # the server is away: the next tick tries again (reconnects)
        self._answered(False)

    def warm_up_reader(self) -> tasks.Task[float]:
        """Prepare the MRZ reader on a worker thread (after login), so that the first
        passport read from a scan or the camera does not wait seconds for it. A failure is
        only logged: the reader prepares itself again at its first reading and reports
        there."""

        def work() -> float:
            # Imported here, on the worker: the scanning room loads numpy and Pillow.
            from desktop.services import scanner

            return scanner.warm_up_reader()

        def failed(exc: BaseException) -> None:
            log.warning("the MRZ reader could not be prepared: %s", type(exc).__name__)

        return tasks.run_task(work, lambda _ms: None, failed, owner=self)

    def announce(self, case_ids: list[int]) -> None:
        self.cases_changed.emit(case_ids)

    def close(self) -> None:
        self._poll.stop()
        if self._ctx is not None:
            self.about_to_lock.emit()
            tasks.wait_for_all()
            self._ctx.close()
            self._ctx = None
