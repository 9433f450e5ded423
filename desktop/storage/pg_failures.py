"""Why the shared store's PostgreSQL server refused or dropped a desk, in a few kinds an
officer or administrator can act on (issue 21).

libpq words its failures in English and in its own terms ("fe_sendauth: no password
supplied", "SSL error: certificate verify failed"); the desk says them in the officer's
language by kind (services/errors.py, `DatabaseUnreachable`). The SQLSTATE decides where the
server gave one; libpq's own failures (before the server said anything) have none and are
told apart by their words, which libpq has kept stable across versions.
"""

from __future__ import annotations

from enum import StrEnum


class Failure(StrEnum):
    UNREACHABLE = "unreachable"  # no server there, stopped, or the network does not reach it
    CERTIFICATE = "certificate"  # the server's certificate is not the pinned one, or no file
    NO_DATABASE = "no-database"  # the server has no database of that name
    NOT_LET_IN = "not-let-in"  # no or wrong password, certificate, or pg_hba.conf refuses
    NO_RIGHTS = "no-rights"  # connected, but the role may not read the store's tables
    OTHER = "other"


_CERTIFICATE_WORDS = (
    "certificate verify failed",
    "does not match host name",
    "root certificate file",
    "certificate present, but not private key",
    "could not read root certificate",
    "ssl error",
    "server does not support ssl",
)
_NOT_LET_IN_WORDS = (
    "no password supplied",
    "password authentication failed",
    "pg_hba.conf",
    "peer authentication failed",
    "certificate authentication failed",
)


def failure_of(exc: BaseException) -> Failure:
    """The kind of a failure to connect to or read the shared store (a DBAPIError, or the
    driver's error it wraps)."""
    orig = getattr(exc, "orig", None) or exc
    state = str(getattr(orig, "sqlstate", None) or "")
    words = str(orig).lower()
    if state == "3D000":
        return Failure.NO_DATABASE
    if state.startswith("28"):
        return Failure.NOT_LET_IN
    if state == "42501":
        return Failure.NO_RIGHTS
    if state:
        return Failure.UNREACHABLE if state[:2] in ("08", "57") else Failure.OTHER
    if any(w in words for w in _CERTIFICATE_WORDS):
        return Failure.CERTIFICATE
    if 'database "' in words and "does not exist" in words:
        return Failure.NO_DATABASE
    if any(w in words for w in _NOT_LET_IN_WORDS) or (
        'role "' in words and "does not exist" in words
    ):
        return Failure.NOT_LET_IN
    if "permission denied" in words:
        return Failure.NO_RIGHTS
    return Failure.UNREACHABLE if _is_driver_operational(orig) else Failure.OTHER


def connection_failed(exc: BaseException) -> bool:
    """Did the server go away, or not answer a new connection, in the middle of work (not a
    fault in what was asked of it)? A DBAPIError of a PostgreSQL store."""
    if getattr(exc, "connection_invalidated", False):
        return True
    orig = getattr(exc, "orig", None)
    if orig is None or not _is_driver_operational(orig):
        return False
    state = str(getattr(orig, "sqlstate", None) or "")
    return not state or state[:2] in ("08", "57")


def _is_driver_operational(orig: BaseException) -> bool:
    return type(orig).__module__.startswith("psycopg") and any(
        c.__name__ == "OperationalError" for c in type(orig).__mro__
    )
