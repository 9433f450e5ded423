"""The application log: rotating, outside the data folder, and free of personal data.

Every file under a data folder is encrypted, so the log lives in the user's log folder
(platformdirs: ~/.local/state/Qonys/log on Linux, %LOCALAPPDATA%\\MFA-KZ\\Qonys\\Logs on
Windows). It may be sent to a help desk, so it must never hold personal data: code logs case
ids and numbers only, and `PersonalDataFilter` is the safety net on every handler. It rewrites
each record's final text (message, arguments and exception) before any handler sees it:

- runs of 12 digits (an IIN) and passport/ID numbers;
- any word in Cyrillic script (names, addresses, places in Kazakh and Russian);
- e-mail addresses and telephone numbers;
- quoted literals in exception messages (`invalid literal 'Smith'`) and the parameter lists
  SQLAlchemy appends to database errors, where Latin-script names would hide.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path

LOG_NAME = "qonys.log"
MAX_BYTES = 1 << 20
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

_SOURCES: tuple[tuple[str, int, str], ...] = (
    # SQLAlchemy: "[parameters: (...)]" holds the row's values.
    (r"\[parameters: .*?\](?=\s*(?:\(|\[|$))", re.DOTALL, "[parameters: …]"),
    (r"(?<!\d)\d{12}(?!\d)", 0, "<iin>"),
    (r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{7,8}(?![A-Za-z0-9])", 0, "<document>"),
    (r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}", 0, "<email>"),
    (r"\+\d[\d ()\-]{6,}\d", 0, "<phone>"),
    # Cyrillic script (Russian and Kazakh letters: Ә Ғ Қ Ң Ө Ұ Ү Һ І are in U+0400–U+04FF).
    (r"[\u0400-\u04FF\u0500-\u052F][\u0400-\u052F\w'\-]*", 0, "<text>"),
    # Quoted literals: exception messages echo the bad value ("invalid literal 'Smith'").
    (r"'[^'\n]{1,200}'", 0, "'…'"),
    (r'"[^"\n]{1,200}"', 0, '"…"'),
)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled at the first record, not when the desk starts (issue 19)."""
    return tuple(
        (re.compile(source, flags), replacement) for source, flags, replacement in _SOURCES
    )


def redact(text: str) -> str:
    for pattern, replacement in _patterns():
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Rewrites a record's message and exception text with personal data removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string must not kill logging
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            # The formatter uses exc_text when it is set; clear the live exception so no
            # handler formats the raw message again.
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_dir() -> Path:
    override = os.environ.get("QONYS_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("Qonys", "MFA-KZ"))


class _Held(logging.Handler):
    """Keeps the records written before the log file is open (`hold_records`)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.set_name("qonys-held")

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < 1000:
            self.records.append(record)


def hold_records() -> None:
    """Keep the desk's records from now until `setup_logging` writes them to the file: the
    desk opens its log (and imports `logging.handlers`) once the login window is up, not
    before it (issue 19)."""
    held = _Held()
    for name in ("desktop", *ROUTED_LOGGERS):
        logging.getLogger(name).addHandler(held)
    logging.getLogger("desktop").setLevel(logging.INFO)
    for name, library_level in ROUTED_LOGGERS.items():
        logging.getLogger(name).setLevel(library_level)


def _release_held() -> list[logging.LogRecord]:
    """Take the holding handler off every logger; its records, once each."""
    found: dict[int, _Held] = {}
    for name in ("desktop", *ROUTED_LOGGERS):
        logger = logging.getLogger(name)
        for held in [h for h in logger.handlers if isinstance(h, _Held)]:
            logger.removeHandler(held)
            found[id(held)] = held
    return [r for held in found.values() for r in held.records]


def setup_logging(directory: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the `desktop` loggers to a rotating file (1 MiB × 5); return the file's path.

    Calling it again replaces the handler (tests, or a second desk in one process).
    """
    import logging.handlers

    try:
        directory = directory or log_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        _release_held()  # no log file: what was held goes nowhere, as it would have
        raise
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(PersonalDataFilter())
    handler.set_name("qonys-file")
    for name in ("desktop", *ROUTED_LOGGERS):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == "qonys-file"]:
            logger.removeHandler(old)
            old.close()
        logger.addHandler(handler)
    logging.getLogger("desktop").setLevel(level)
    for name, library_level in ROUTED_LOGGERS.items():
        logging.getLogger(name).setLevel(library_level)  # a library's chatter stays out
    # Python warnings (DeprecationWarning from a library, a SANE driver's warning) become
    # records of "py.warnings", which the same handler (and so the same filter) writes.
    logging.captureWarnings(True)
    for record in _release_held():  # written before the file was open, in their order
        handler.handle(record)
    return path


def close_logging() -> None:
    """Take the file handler off every logger `setup_logging` gave it to (tests, shutdown)."""
    _release_held()
    for name in ("desktop", *ROUTED_LOGGERS):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == "qonys-file"]:
            logger.removeHandler(old)
            old.close()
    logging.captureWarnings(False)


# Third-party loggers written to the same file, each from the level worth support's time:
# signature path-building problems (pyHanko), Alembic's warnings (each schema upgrade is
# logged by desktop/storage/migrate.py), and Python warnings (a SANE driver's or another
# library's; python-sane has no logger: desktop/services/scanner.py logs scanner faults).
ROUTED_LOGGERS: dict[str, int] = {
    "pyhanko": logging.WARNING,
    "pyhanko_certvalidator": logging.WARNING,
    "alembic": logging.WARNING,
    "py.warnings": logging.WARNING,
}


LIBRARY_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


def quiet_libraries() -> None:
    """Keep libraries' own log records (pyHanko logs a traceback for every certificate path
    it cannot build) off the terminal: a command line prints its one-line verdict, never a
    Python traceback. They still reach the log file when ``setup_logging`` routes them."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
