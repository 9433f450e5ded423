"""The desk's language: Qonys' own catalogue plus Qt's `qtbase` one, switchable at run time.

Sources are `resources/translations/qonys_<lang>.ts` (English is the source language); the
build (`make translations`) compiles them to `.qm`. Switching installs new translators; Qt then
sends every widget a LanguageChange event and each re-labels itself (`retranslate`), so nothing
typed is lost.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.domain.langs import LANGS
from desktop.resources import resources_dir

if TYPE_CHECKING:  # the login window loads this module: Text comes with the windows after it
    from desktop.domain.i18n import Text

# QEvent::LanguageChange, as Qt's `sendPostedEvents` takes it (an int): naming
# `QEvent.Type.LanguageChange` would make PySide6 build the Python type of QEvent with its ~180
# kinds, ~1.5 ms of the desk's start-up before the login window shows (issue 19).
LANGUAGE_CHANGE = 89

_LOCALES = {"kk": QLocale.Language.Kazakh, "ru": QLocale.Language.Russian,
            "en": QLocale.Language.English}  # fmt: skip


def translations_dir() -> Path:
    return resources_dir() / "translations"


def catalogue(lang: str) -> Path:
    return translations_dir() / f"qonys_{lang}.qm"


def build_catalogues(lrelease: str | None = None) -> list[Path]:
    """Compile every `.ts` to `.qm` (what `make translations` does); returns the `.qm` paths."""
    import subprocess  # build-time helper: kept out of the desk's start-up imports

    tool = lrelease or _tool("pyside6-lrelease")
    built: list[Path] = []
    for ts in sorted(translations_dir().glob("qonys_*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    import shutil

    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (pip install PySide6)")
    return found


class Language:
    """Installs and swaps the translators of one application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.current = "en"

    def install(self, lang: str) -> bool:
        """Switch to `lang`; False when its catalogue is missing (then English stays)."""
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        for old in self._translators:
            self._app.removeTranslator(old)
        self._translators = []
        QLocale.setDefault(QLocale(_LOCALES[lang], QLocale.Country.AnyCountry))
        self.current = lang
        ours = QTranslator(self._app)
        found = ours.load(str(catalogue(lang)))
        if found:
            self._app.installTranslator(ours)
            self._translators.append(ours)
        if lang == "en":
            # English is the source; its catalogue holds only the plural forms (%n).
            self._relabel_now()
            return True
        qt = QTranslator(self._app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._app.installTranslator(qt)
            self._translators.append(qt)
        self._relabel_now()
        return found

    def _relabel_now(self) -> None:
        # Qt posts LanguageChange to every window; deliver it now so the whole desk is
        # re-labelled before the officer's next key press (and before a test looks).
        for _ in range(3):  # windows forward the event to their children: a few rounds
            QCoreApplication.sendPostedEvents(None, LANGUAGE_CHANGE)


_CATALOGUES: dict[str, QTranslator | None] = {}


def translated_in(lang: str, context: str, source: str) -> str:
    """`source` (an English text marked with QT_TRANSLATE_NOOP in `context`) in `lang`, from
    Qonys' catalogue whatever translator the application has installed: for a window that is
    built in the desk's language and stays in it (the administration window's pages, which a
    single window class puts together, so no one class's `tr` context fits them). English, or
    a text the catalogue lacks, reads as the source."""
    if lang == "en":
        return source
    if lang not in _CATALOGUES:
        loaded = QTranslator()
        _CATALOGUES[lang] = loaded if loaded.load(str(catalogue(lang))) else None
    translator = _CATALOGUES[lang]
    said = translator.translate(context, source) if translator is not None else ""
    return said or source


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802, ARG001 - lupdate reads both
    """Marks `source` for the catalogues (lupdate) in `context`; shown with `translated_in`.
    Qt's own returns `object` to the type checker."""
    return source


def translated_text(context: str, source: str) -> Text:
    """`source` in each language (`translated_in`), for a template filled with `Text.format`."""
    from desktop.domain.i18n import Text

    return Text(*(translated_in(lang, context, source) for lang in ("kk", "ru", "en")))
