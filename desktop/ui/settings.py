"""The desk's preferences: one typed registry over QSettings (STYLE.md §9).

Every preference is declared once here with its type and default; nothing else reads QSettings
by string key. Window geometry is kept apart (group "window") so resetting preferences never
moves windows, and the stored `version` lets `upgrade` rename or convert keys between releases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from desktop.domain.langs import LANGS

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

T = TypeVar("T", str, int, bool)

SETTINGS_VERSION = 2
PREFS = "preferences"
WINDOW = "window"


def _anything(_value: object) -> bool:
    return True


class Option(Generic[T]):
    """A declared preference: key, type, default and the values it may take. (A plain class:
    the login window reads preferences, and `dataclasses` costs it a few ms to import.)"""

    __slots__ = ("check", "default", "key", "kind")

    def __init__(
        self, key: str, kind: type[T], default: T, check: Callable[[T], bool] = _anything
    ) -> None:
        self.key = key
        self.kind: type[T] = kind
        self.default: T = default
        self.check: Callable[[T], bool] = check

    def __repr__(self) -> str:
        return f"Option({self.key!r}, {self.kind.__name__}, {self.default!r})"


LANGUAGE: Option[str] = Option("language", str, "kk", lambda v: v in LANGS)
# Auto-lock after this many idle minutes (§ security of personal data at the desk); 0 = never.
IDLE_MINUTES: Option[int] = Option("idle_minutes", int, 10, lambda v: 0 <= v <= 240)
# No "last login": the settings file is in clear beside the user's other files, and a login
# is a name that tells a stranger at the desk whom to impersonate; it is typed each time (the
# command line's --officer still fills it in). Version 2 removes what older versions kept.

OPTIONS: tuple[Option[str] | Option[int] | Option[bool], ...] = (LANGUAGE, IDLE_MINUTES)


def _upgrade_0_to_1(settings: QSettings) -> None:
    # Release 0 kept the language at the top level as "lang".
    old = settings.value("lang")
    if isinstance(old, str) and old in LANGS:
        settings.setValue(f"{PREFS}/{LANGUAGE.key}", old)
    settings.remove("lang")


def _upgrade_1_to_2(settings: QSettings) -> None:
    settings.remove(f"{PREFS}/last_login")  # a login in clear (issue 13, point 10)


UPGRADES: dict[int, Callable[[QSettings], None]] = {0: _upgrade_0_to_1, 1: _upgrade_1_to_2}


class Settings(QObject):
    """Typed access to the preferences.

    Signals:
        changed(str): the key of a preference that took a new value.
    """

    changed = Signal(str)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings()
        self.upgrade()

    @property
    def store(self) -> QSettings:
        return self._store

    def upgrade(self) -> None:
        version = self._store.value("version")
        current = int(version) if isinstance(version, (int, str)) and str(version).isdigit() else 0
        if not self._store.allKeys():
            current = SETTINGS_VERSION  # a fresh profile has nothing to upgrade
        if current == SETTINGS_VERSION and str(version) == str(SETTINGS_VERSION):
            return  # up to date: nothing to write (QSettings would rewrite the file)
        while current < SETTINGS_VERSION:
            UPGRADES[current](self._store)
            current += 1
        self._store.setValue("version", SETTINGS_VERSION)

    def get(self, option: Option[T]) -> T:
        raw = self._store.value(f"{PREFS}/{option.key}", option.default)
        value: Any
        try:
            if option.kind is bool:
                value = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
            elif option.kind is int:
                value = int(str(raw))  # QSettings' INI backend gives strings back
            else:
                value = str(raw)
        except (TypeError, ValueError):
            return option.default
        typed: T = value
        return typed if option.check(typed) else option.default

    def set(self, option: Option[T], value: T) -> None:
        if not isinstance(value, option.kind) or not option.check(value):
            raise ValueError(f"{option.key}: {value!r} is not allowed")
        if self.get(option) == value:
            return
        self._store.setValue(f"{PREFS}/{option.key}", value)
        self.changed.emit(option.key)

    def geometry(self, name: str) -> QByteArray | None:
        from PySide6.QtCore import QByteArray  # window state: after login, not at start-up

        raw = self._store.value(f"{WINDOW}/{name}")
        return raw if isinstance(raw, QByteArray) else None

    def set_geometry(self, name: str, data: QByteArray) -> None:
        self._store.setValue(f"{WINDOW}/{name}", data)

    def sync(self) -> None:
        self._store.sync()
