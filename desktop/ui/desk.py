"""The desk's session: the unlocked context, locking and unlocking, and change announcements.

Panels are handed this object (not a global): they call services with `desk.ctx`, listen to
`cases_changed` to refresh (STYLE.md §4) and to `locked`/`unlocked` to drop or resume work.
While locked there is no context at all: the data key is gone from memory (`ctx.close()`).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.domain.calendar import mission_local
from desktop.domain.i18n import Text
from desktop.services import session
from desktop.services.context import Clock, DeskContext, Mission, Officer, Role, system_clock
from desktop.services.errors import KnownError
from desktop.ui import tasks

log = logging.getLogger(__name__)

ROLE_NAMES: dict[Role, Text] = {
    Role.OFFICER: Text(
        "консулдық лауазымды адам", "консульское должностное лицо", "consular officer"
    ),
    Role.CONSUL: Text("консул (қол қояды)", "консул (подписывает)", "consul (signs)"),
    Role.ADMIN: Text("әкімші", "администратор", "administrator"),
}


class DeskLocked(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text("Жұмыс орны құлыпталған", "Рабочее место заблокировано", "The desk is locked")
        )


class Desk(QObject):
    """One officer's open desk.

    Signals:
        locked(): the context was closed; views hide personal data.
        unlocked(): a fresh context is in place; views may query again.
        cases_changed(object): the ids (list[int]) of cases a use case changed; an empty list
            when any case may have changed (an imported decision package).
        language_changed(str): the interface language is now this one (kk, ru, en).
    """

    locked = Signal()
    unlocked = Signal()
    cases_changed = Signal(object)
    language_changed = Signal(str)

    def __init__(
        self,
        ctx: DeskContext,
        data_dir: Path,
        *,
        lang: str = "kk",
        clock: Clock = system_clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx: DeskContext | None = ctx
        self.data_dir = data_dir
        self.officer: Officer = ctx.officer
        self.mission: Mission = ctx.mission
        self.lang = lang
        self._clock = clock
        self._time_zone = ctx.time_zone

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
        if self._ctx is not None:
            self._time_zone = self._ctx.time_zone
        return mission_local(self._clock(), self._time_zone).date()

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
        # Workers may hold a connection: let them finish before the engine is disposed.
        tasks.wait_for_all()
        ctx, self._ctx = self._ctx, None
        ctx.close()
        self.locked.emit()

    def unlock(self, password: str) -> None:
        """The same officer's password opens a fresh context; raises KnownError otherwise.

        A full `session.login` (not a key kept aside): the key was wiped on lock, and wrong
        passwords here are throttled like at the login window.
        """
        if self._ctx is not None:
            return
        ctx = session.login(self.data_dir, self.officer.login, password, clock=self._clock)
        self._ctx = ctx
        self.officer, self.mission = ctx.officer, ctx.mission
        self.unlocked.emit()

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
        if self._ctx is not None:
            tasks.wait_for_all()
            self._ctx.close()
            self._ctx = None
