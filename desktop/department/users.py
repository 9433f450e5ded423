"""The Department's users: key slots in the vault, their names in the encrypted database.

The vault names no one (slots by HMAC); the database keeps which slot is whose, so the console
can list its users and a one-user store can be opened without the name. Every change is
audited (by slot id and name: the users are Department staff, not applicants).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from desktop.department import vault
from desktop.department.store import AuditEntry, Setting, utcnow

if TYPE_CHECKING:
    from desktop.department.service import Department

SETTING_USERS = "users"  # JSON {slot id: user name}


def known(s: Session) -> dict[str, str]:
    row = s.get(Setting, SETTING_USERS)
    return dict(json.loads(row.value)) if row else {}


def remember(s: Session, names: dict[str, str]) -> None:
    value = json.dumps(dict(sorted(names.items())))
    row = s.get(Setting, SETTING_USERS)
    if row is None:
        s.add(Setting(key=SETTING_USERS, value=value))
    else:
        row.value = value


def name_at_login(s: Session, slot_id: str, user: str | None) -> tuple[str, bool]:
    """(the user's name, whether the record changed): a name given is recorded for its slot."""
    names = known(s)
    if user is None:
        return names.get(slot_id, f"user-{slot_id[:8]}"), False
    if names.get(slot_id) == user:
        return user, False
    # A slot re-made under a new id (a vault converted from the old format) replaces the old.
    names = {sid: name for sid, name in names.items() if name != user}
    names[slot_id] = user
    remember(s, names)
    return user, True


def add(dep: Department, name: str, password: str) -> None:
    """A new user: a slot in the vault, the name in the database."""
    name = name.strip()
    with dep.uow() as tx:
        names = known(tx.session)
        sid = vault.slot_id(dep.data_dir, name)
        if sid in names:
            raise vault.VaultError(f"user {name} already exists; use `users passwd`")
        vault.add_user(dep.data_dir, dep.master, name, password)
        names[sid] = name
        remember(tx.session, names)
        _audit(tx.session, dep.user, "user-add", f"user {name}")
        tx.commit()


def change_password(dep: Department, name: str, password: str) -> None:
    name = name.strip()
    with dep.uow() as tx:
        if vault.slot_id(dep.data_dir, name) not in known(tx.session):
            raise vault.VaultError(f"no user {name}")
        vault.add_user(dep.data_dir, dep.master, name, password)
        _audit(tx.session, dep.user, "user-passwd", f"user {name}")
        tx.commit()


def remove(dep: Department, name: str) -> None:
    name = name.strip()
    if name.casefold() == dep.user.casefold():
        raise vault.VaultError("you cannot remove yourself; log in as another user")
    with dep.uow() as tx:
        sid = vault.remove_user(dep.data_dir, name)
        if sid is None:
            raise vault.VaultError(f"no user {name}")
        names = known(tx.session)
        names.pop(sid, None)
        remember(tx.session, names)
        _audit(tx.session, dep.user, "user-remove", f"user {name}")
        tx.commit()


def listing(dep: Department) -> list[str]:
    """The users with a slot (users of an upgraded old vault appear after their first login)."""
    with dep.uow() as tx:
        return sorted(known(tx.session).values(), key=str.casefold)


def _audit(s: Session, actor: str, action: str, detail: str) -> None:
    s.add(AuditEntry(at=utcnow(), actor=actor, action=action, detail=detail))
