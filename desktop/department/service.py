"""The Department's use cases: enrol, revoke, receive, decide, send, list (DESIGN: department).

Each public method is one transaction. A package that fails any check changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from desktop.department import ca, migrate, store, users, vault
from desktop.department.core import DEPARTMENT_CODE, KEYS_DIR, _pem
from desktop.department.decisions import Decisions
from desktop.department.inbox import Inbox
from desktop.department.outbox import Outbox
from desktop.department.pki import Pki
from desktop.department.queries import Queries
from desktop.department.routing import RoutingRoom
from desktop.department.rules import Rules
from desktop.department.staff import StaffRoom
from desktop.department.store import Setting
from desktop.storage.files import make_private_dir, write_atomic
from desktop.sync.trust import encrypt_key


class Department(Pki, Inbox, Decisions, Outbox, Queries, RoutingRoom, StaffRoom, Rules):
    """An unlocked Department store: its keys, its database and its current user. Each room
    (a base class) holds one part of the use cases; this class opens and creates the store."""

    def for_user(self, user: str) -> Department:
        """The same unlocked store acting as another staff member (the console: one opened
        store, each request audited under its own user). Shares the engine and keys."""
        view = type(self)(self.data_dir, self.engine, self.master, user)
        view.uow = self.uow
        view._keys = self.keys
        return view

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def init(
        cls,
        data_dir: Path,
        members: dict[str, str],
        *,
        db_url: str | None = None,
        code: str = DEPARTMENT_CODE,
    ) -> Department:
        """Create a Department store: vault, CA and keys, database schema, trust list v1.

        If any step fails (an unreachable database, say), what was created is removed, so
        ``init`` can simply be run again.
        """
        make_private_dir(data_dir)  # owner-only (0700), as the mission's store
        master = vault.create(data_dir, members)
        keys_dir = data_dir / KEYS_DIR
        engine = None
        try:
            make_private_dir(keys_dir)
            keys = ca.new_department()
            for label, cred in (
                ("ca", keys.ca),
                ("signing", keys.signing),
                ("encryption", keys.encryption),
            ):
                write_atomic(
                    keys_dir / f"{label}.key.pem",
                    encrypt_key(cred.key, master.key_passphrase).encode(),
                )
                # Certificates are public: kept as PEM so `openssl` can use them directly.
                write_atomic(keys_dir / f"{label}.crt.pem", _pem(cred.cert))
            engine = store.open_engine(data_dir, db_url, master.database_key)
            migrate.create_schema(engine)
            dep = cls(data_dir, engine, master, next(iter(members)))
            dep._keys = keys
            with dep.uow() as tx:
                s = tx.session
                s.merge(Setting(key="department_code", value=code))
                users.remember(s, {vault.slot_id(data_dir, name): name for name in members})
                dep._audit(s, "init", f"department {code}")
                dep._publish_trust_list(s)
                tx.commit()
        except BaseException:
            if engine is not None:
                engine.dispose()
            vault_file = data_dir / vault.VAULT_NAME
            lock_file = vault_file.with_name(vault_file.name + ".lock")
            for leftover in (vault_file, lock_file, *keys_dir.glob("*.pem")):
                leftover.unlink(missing_ok=True)
            if db_url is None:
                for suffix in ("", "-wal", "-shm"):
                    (data_dir / f"{store.DB_NAME}{suffix}").unlink(missing_ok=True)
            raise
        return dep

    @classmethod
    def open(
        cls, data_dir: Path, user: str | None, password: str, *, db_url: str | None = None
    ) -> Department:
        """Unlock as ``user`` (None: the only user of a one-user store)."""
        opened = vault.unlock_user(data_dir, user, password)
        engine = store.open_engine(data_dir, db_url, opened.master.database_key)
        try:
            migrate.open_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        dep = cls(data_dir, engine, opened.master, opened.user or "")
        with dep.uow() as tx:
            s = tx.session
            dep.user, changed = users.name_at_login(s, opened.slot_id, opened.user)
            if opened.record_altered:
                dep.alerts.append(
                    "the record of failed logins was altered or removed since the last login"
                )
                dep._audit(s, "login-record-altered", "failed-login record altered or removed")
            if changed or opened.record_altered:
                tx.commit()
        return dep
