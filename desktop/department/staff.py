"""The console's staff: roles, password check and sessions (docs/console.md).

Passwords are the Department vault's key slots (Argon2id, `vault.unlock_user`): a login opens
the staff member's own slot, so a wrong password is counted and throttled by the vault's
failure log exactly as at the terminal. Roles:

- ``clerk``: receives packages, routes cases, prints letters, records decisions;
- ``head``: a clerk's work, and what only a head may: the final decision after an
  objection (§11), the reference list of police bodies, missions and trust;
- ``admin``: a head who also administers the staff (add, remove, reset, roles);
- ``auditor``: reads everything, changes nothing.

A user with no role cannot use the console. The first time the console starts on a store
without any admin, the user who started it becomes admin.

Sessions live in the database (every worker process sees them): the cookie holds a random
token, the table its SHA-256, so a copy of the table opens no session.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select

from desktop.department import users, vault
from desktop.department.core import DepartmentCore, DepartmentError, _aware
from desktop.department.store import ConsoleSession, StaffRole, utcnow

ROLES = ("clerk", "head", "admin", "auditor")
WRITERS = frozenset({"clerk", "head", "admin"})
HEADS = frozenset({"head", "admin"})
LANGS = ("kk", "ru", "en")
IDLE = timedelta(minutes=30)
_TOUCH_EVERY = timedelta(seconds=30)  # last_seen is written at most this often


def allowed(role: str, needed: str) -> bool:
    """Whether ``role`` may do what needs ``needed`` (read, write, head, admin)."""
    if needed == "read":
        return role in ROLES
    if needed == "write":
        return role in WRITERS
    if needed == "head":
        return role in HEADS
    return role == "admin"


@dataclass(frozen=True)
class StaffSession:
    token_hash: str
    user: str
    role: str
    csrf: str
    lang: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


class StaffRoom(DepartmentCore):
    """Roles and sessions of the console's staff (a room of the console's Department)."""

    def roles(self) -> dict[str, str]:
        with self.uow() as tx:
            return {r.user: r.role for r in tx.session.scalars(select(StaffRole))}

    def staff(self) -> list[tuple[str, str]]:
        """Every user of the vault with their role ("" for none)."""
        with self.uow() as tx:
            roles = {r.user: r.role for r in tx.session.scalars(select(StaffRole))}
            names = sorted(users.known(tx.session).values(), key=str.casefold)
        return [(n, roles.get(n, "")) for n in names]

    def set_role(self, user: str, role: str) -> None:
        if role not in (*ROLES, ""):
            raise DepartmentError(f"unknown role {role!r}; one of: {', '.join(ROLES)}")
        with self.uow() as tx:
            s = tx.session
            if user not in users.known(s).values():
                raise DepartmentError(f"no user {user}")
            row = s.get(StaffRole, user)
            if role == "" and row is not None:
                s.delete(row)
            elif row is None and role:
                s.add(StaffRole(user=user, role=role))
            elif row is not None:
                row.role = role
            s.flush()
            if not s.scalar(select(StaffRole.user).where(StaffRole.role == "admin").limit(1)):
                raise DepartmentError("the console must keep at least one admin")
            self._audit(s, "staff-role", f"user {user}: role {role or 'none'}")
            tx.commit()

    def ensure_admin(self) -> None:
        """On a store without any admin, the user who opened it becomes admin."""
        with self.uow() as tx:
            s = tx.session
            if s.scalar(select(StaffRole.user).where(StaffRole.role == "admin").limit(1)):
                return
            row = s.get(StaffRole, self.user)
            if row is None:
                s.add(StaffRole(user=self.user, role="admin"))
            else:
                row.role = "admin"
            self._audit(s, "staff-role", f"user {self.user}: role admin (first console start)")
            tx.commit()

    # -- sessions --------------------------------------------------------------------------
    def log_in(self, user: str, password: str, lang: str) -> tuple[str, StaffSession]:
        """Check the password against the user's own vault slot (Argon2id, throttled);
        returns (the cookie token, the session). Raises vault.VaultError / Throttled."""
        user = user.strip()
        if not user or not password:
            raise vault.VaultError("wrong user name or password")
        opened = vault.unlock_user(Path(self.data_dir), user, password)
        if opened.master.key != self.master.key:
            raise vault.VaultError("this user belongs to another store")
        with self.uow() as tx:
            s = tx.session
            name = opened.user or user
            users.name_at_login(s, opened.slot_id, name)
            row = s.get(StaffRole, name)
            if row is None:
                self._audit(s, "console-login-refused", f"user {name}: no console role")
                tx.commit()
                raise vault.VaultError("you have no console role: ask an administrator")
            token = secrets.token_urlsafe(32)
            now = utcnow()
            session = ConsoleSession(
                id=_hash(token),
                user=name,
                csrf=secrets.token_urlsafe(32),
                lang=lang if lang in LANGS else "kk",
                created_at=now,
                last_seen=now,
            )
            s.add(session)
            s.execute(delete(ConsoleSession).where(ConsoleSession.last_seen < now - IDLE))
            s.add(self._entry(name, "console-login", f"user {name}"))
            tx.commit()
            return token, StaffSession(session.id, name, row.role, session.csrf, session.lang)

    def _entry(self, actor: str, action: str, detail: str):  # type: ignore[no-untyped-def]
        from desktop.department.store import AuditEntry

        return AuditEntry(at=utcnow(), actor=actor, action=action, detail=detail)

    def session(self, token: str, now: datetime | None = None) -> StaffSession | None:
        """The live session of a cookie token (its idle time renewed), or None."""
        if not token or len(token) > 200:
            return None
        now = now or utcnow()
        with self.uow() as tx:
            s = tx.session
            row = s.get(ConsoleSession, _hash(token))
            if row is None:
                return None
            if _aware(row.last_seen) + IDLE < now:
                s.delete(row)
                tx.commit()
                return None
            role = s.get(StaffRole, row.user)
            if role is None:
                return None
            if now - _aware(row.last_seen) > _TOUCH_EVERY:
                row.last_seen = now
                tx.commit()
            return StaffSession(row.id, row.user, role.role, row.csrf, row.lang)

    def set_language(self, token_hash: str, lang: str) -> None:
        if lang not in LANGS:
            return
        with self.uow() as tx:
            row = tx.session.get(ConsoleSession, token_hash)
            if row is not None:
                row.lang = lang
                tx.commit()

    def log_out(self, token_hash: str) -> None:
        with self.uow() as tx:
            s = tx.session
            row = s.get(ConsoleSession, token_hash)
            if row is not None:
                s.delete(row)
                s.add(self._entry(row.user, "console-logout", f"user {row.user}"))
                tx.commit()

    def end_sessions_of(self, user: str) -> None:
        with self.uow() as tx:
            tx.session.execute(delete(ConsoleSession).where(ConsoleSession.user == user))
            tx.commit()
