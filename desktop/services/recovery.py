"""The recovery slot: how a mission whose officers have all gone (or forgotten their passwords)
still opens its store and its backups.

The vault holds the data key encrypted to an RSA public key (OAEP-SHA256). Two ways to set it:

- the **Department's** public key (`set_recovery_public_key`): the Department keeps the private
  key, and any mission store it configured can be opened in the capital;
- a **mission recovery key** made at set-up (`generate_recovery_key`) when no Department key is
  configured: an RSA-3072 key pair generated on this machine; the private key is handed out
  *once* as a passphrase-protected PEM (PKCS#8, PBES2/AES-256) to print or record, and never
  stored. Losing it and every officer's password loses the store: say so when it is shown.

`recover_store` uses the private key to open a store and give it a new administrator.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop.domain.i18n import Text
from desktop.services import session
from desktop.services.context import Clock, DeskContext, Role, system_clock
from desktop.services.errors import InvalidInput, KnownError, StoreDamaged
from desktop.storage import audit
from desktop.storage.engine import NotOurDatabase
from desktop.storage.files import write_atomic
from desktop.storage.models import OfficerRow
from desktop.storage.store import StorePaths, open_database
from desktop.storage.vault import KdfParams, WrongPassword, locked, wipe

RSA_BITS = 3072
MIN_PASSPHRASE = 12
RECOVERY_ACTOR = "recovery"


class NoRecoverySlot(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Бұл қоймада қалпына келтіру кілті жоқ",
                "В этом хранилище нет ключа восстановления",
                "This store has no recovery slot",
            )
        )


class RecoveryKeyMismatch(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Қалпына келтіру кілті бұл қоймаға сәйкес келмейді",
                "Ключ восстановления не подходит к этому хранилищу",
                "The recovery key does not fit this store",
            )
        )


class BadRecoveryKey(KnownError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            Text(
                f"Қалпына келтіру кілтін оқу мүмкін емес: {detail}",
                f"Не удалось прочитать ключ восстановления: {detail}",
                f"Cannot read the recovery key: {detail}",
            )
        )


@dataclass(frozen=True, slots=True)
class RecoveryKeyExport:
    key_id: str
    private_pem: str  # passphrase-protected; shown or written once, never kept by Qonys
    written_to: Path | None


def key_id(public_key: rsa.RSAPublicKey) -> str:
    """SHA-256 of the SubjectPublicKeyInfo, first 16 hex digits: printed next to the key."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()[:16]


def load_public_key(pem: bytes) -> rsa.RSAPublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise BadRecoveryKey(str(exc)) from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 2048:
        raise BadRecoveryKey("an RSA public key of 2048 bits or more is needed")
    return key


def load_private_key(pem: bytes, passphrase: str | None) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(
            pem, passphrase.encode("utf-8") if passphrase else None
        )
    except TypeError:
        raise BadRecoveryKey("the key is protected: give its passphrase") from None
    except ValueError:
        raise BadRecoveryKey("wrong passphrase, or not a PEM private key") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise BadRecoveryKey("an RSA private key is needed")
    return key


def _set_slot(ctx: DeskContext, public_key: rsa.RSAPublicKey, source: str) -> str:
    ctx.require(Role.ADMIN, "set the recovery key")
    paths = ctx.store.paths
    kid = key_id(public_key)
    with locked(paths.vault):  # no lost update against a login counting a failure meanwhile
        vault = session.load_vault(paths)
        vault.set_recovery(public_key, ctx.store.key, kid)
        vault.save(paths.vault)
    with ctx.uow() as uow:
        ctx.audit(uow, "recovery.set", "vault", kid, {"source": source})
        uow.commit()
    return kid


def set_recovery_public_key(ctx: DeskContext, pem: bytes) -> str:
    """Wrap the data key to the Department's public key (replaces any earlier recovery slot)."""
    return _set_slot(ctx, load_public_key(pem), "department")


def generate_recovery_key(
    ctx: DeskContext, passphrase: str, out: Path | None = None
) -> RecoveryKeyExport:
    """Make a mission recovery key pair, set its slot, and hand the private key out once."""
    ctx.require(Role.ADMIN, "set the recovery key")
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            Text(
                f"Кілт құпиясөзі кемінде {MIN_PASSPHRASE} таңба",
                f"Пароль ключа — не менее {MIN_PASSPHRASE} символов",
                f"The key passphrase needs at least {MIN_PASSPHRASE} characters",
            )
        )
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    if out is not None:
        # Written before the slot is set: if the medium fails, the old recovery slot stays.
        write_atomic(out, pem)
    kid = _set_slot(ctx, private_key.public_key(), "mission")
    return RecoveryKeyExport(kid, pem.decode("ascii"), out)


def recovery_status(ctx: DeskContext) -> str | None:
    """The key id of the recovery slot, or None when the store has none."""
    vault = session.load_vault(ctx.store.paths)
    return vault.recovery_key_id if vault.recovery is not None else None


def unwrap_with_recovery(data_dir: Path, private_key: rsa.RSAPrivateKey) -> bytearray:
    vault = session.load_vault(StorePaths(data_dir))
    if vault.recovery is None:
        raise NoRecoverySlot
    try:
        return vault.unwrap_recovery(private_key)
    except WrongPassword:
        raise RecoveryKeyMismatch from None


def recover_store(
    data_dir: Path,
    private_key: rsa.RSAPrivateKey,
    *,
    admin_login: str,
    admin_full_name: str,
    admin_password: str,
    kdf: KdfParams | None = None,
    clock: Clock = system_clock,
) -> None:
    """Open a store with the recovery key and give it an administrator with a new password.

    For a mission whose officers have all left or forgotten their passwords. An existing
    officer of that login is reactivated as administrator; the action is audited as
    "recovery" so the log shows how the store was entered.
    """
    login = session.validate_login(admin_login)
    session.validate_password(admin_password)
    if not admin_full_name.strip():
        raise InvalidInput(Text("Аты-жөні міндетті", "ФИО обязательно", "Full name is required"))
    paths = StorePaths(data_dir)
    recovery_key_id = session.load_vault(paths).recovery_key_id
    data_key = unwrap_with_recovery(data_dir, private_key)
    try:
        store = open_database(paths, bytearray(data_key))
    except NotOurDatabase as exc:
        raise StoreDamaged(str(exc)) from None
    try:
        now = clock()
        with store.uow() as uow:
            row = uow.officers.by_login(login)
            if row is None:
                row = uow.officers.add(
                    OfficerRow(
                        login=login,
                        full_name=admin_full_name.strip(),
                        role=Role.ADMIN.value,
                        active=True,
                        created_at=now,
                    )
                )
            else:
                row.full_name, row.role, row.active = (
                    admin_full_name.strip(),
                    Role.ADMIN.value,
                    True,
                )
            uow.session.flush()
            audit.append(
                uow.session,
                at=now,
                officer=RECOVERY_ACTOR,
                action="recovery.admin",
                entity="officer",
                entity_id=row.id,
                detail={"role": Role.ADMIN.value, "key_id": recovery_key_id},
            )
            with locked(paths.vault):
                vault = session.load_vault(paths)
                # A new personal key: a consul reset this way installs their PKCS#12 again.
                vault.set_password(login, admin_password, data_key, kdf)
                vault.clear_failures(login)
                uow.commit()
                vault.save(paths.vault)
    finally:
        store.close()
        wipe(data_key)
