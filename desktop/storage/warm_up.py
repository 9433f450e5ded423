"""Connecting to a PostgreSQL store while the officer's password is checked (issue 21).

A login spends most of its time in Argon2id (vault.py), which releases the GIL; opening the
store then connects twice (the store's engine and its read pool: a TCP connection, the TLS
handshake, the server's authentication and SQLAlchemy's first queries each time). Neither
connection needs the data key, so `start` opens both in a background thread as the password
check begins, and `take` hands them to the store's opening once the key is known. The engines
carry no key until then (sealed columns cannot be read or written through them).

A failed warm-up (server down, TLS refused) is dropped without a word: the store's opening
connects again and reports the reason as before. A warm-up nobody takes (a wrong password) is
disposed by the next `start` for the same URL, or by `discard`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from sqlalchemy import Engine

from desktop.storage.postgres import StoreUrlError, bare_engine, check_url
from desktop.storage.reading import read_engine

log = logging.getLogger(__name__)

WAIT_SECONDS = 15.0  # connect_timeout is 10 s: a warm-up still at it after this is dropped


@dataclass
class _WarmUp:
    thread: threading.Thread | None = None
    engines: tuple[Engine, Engine] | None = None
    abandoned: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def connect(self, raw_url: str) -> None:
        made: list[Engine] = []
        try:
            url = check_url(raw_url)
            for make in (bare_engine, read_engine):
                engine = make(url)
                made.append(engine)
                with engine.connect():
                    pass  # the connection stays in the engine's pool
        except Exception as exc:  # noqa: BLE001 — the store's opening reports it
            log.debug("warm-up of the store's connections failed: %s", type(exc).__name__)
            _dispose(made)
            return
        with self.lock:
            if not self.abandoned:
                self.engines = (made[0], made[1])
                return
        _dispose(made)

    def abandon(self) -> tuple[Engine, Engine] | None:
        with self.lock:
            self.abandoned = True
            engines, self.engines = self.engines, None
        return engines


_WARM: dict[str, _WarmUp] = {}
_GUARD = threading.Lock()


def start(raw_url: str) -> None:
    """Begin connecting to the store at `raw_url` in the background."""
    try:
        check_url(raw_url)
    except StoreUrlError:
        return  # the opening says what is wrong with it
    warm = _WarmUp()
    warm.thread = threading.Thread(
        target=warm.connect, args=(raw_url,), name="qonys-store-warm-up", daemon=True
    )
    with _GUARD:
        previous = _WARM.pop(raw_url, None)
        _WARM[raw_url] = warm
    if previous is not None:
        _dispose(previous.abandon())
    warm.thread.start()


def take(raw_url: str) -> tuple[Engine, Engine] | None:
    """The store's engine and its read pool, connected, if a warm-up for `raw_url` made them."""
    with _GUARD:
        warm = _WARM.pop(raw_url, None)
    if warm is None or warm.thread is None:
        return None
    warm.thread.join(WAIT_SECONDS)
    return warm.abandon()


def discard(raw_url: str) -> None:
    """Close the connections of a warm-up nobody will take (the password was wrong)."""
    with _GUARD:
        warm = _WARM.pop(raw_url, None)
    if warm is not None:
        _dispose(warm.abandon())


def _dispose(engines: tuple[Engine, Engine] | list[Engine] | None) -> None:
    for engine in engines or ():
        engine.dispose()
