"""Personal data sealed in its columns when the store is on PostgreSQL (issue 21).

A SQLCipher store encrypts every page of its file, so its columns hold plain values (their
format is unchanged). A database server encrypts nothing its administrator cannot read, so on
PostgreSQL every column that can hold personal data (names, IINs, birth dates, questionnaires,
event details, scans, notes, private keys) is stored as AES-256-GCM ciphertext under a key
derived (HKDF-SHA256) from the mission's data key, the column's name as associated data:

    nonce (12 random bytes) | ciphertext | tag (16 bytes)

Finding a case by IIN or by the prefix of a surname/name (Cyrillic or Latin) goes through
keyed search tokens: HMAC-SHA256 under a second derived key, truncated to 16 bytes, one per
IIN and per prefix of each name key (`search_tokens`). The server sees which cases share a
token, never what it stands for.

`Sealed` is a column type: on SQLite it is its inner type (nothing changes); on PostgreSQL it is
`bytea` and seals/opens through the `Sealer` the store's engine carries on its dialect.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = NONCE_BYTES + TAG_BYTES
TOKEN_BYTES = 16
MAX_PREFIX = 32  # prefixes longer than this match by their first 32 characters
OPENED_KEPT = 200_000  # opened sort keys a desk keeps per column (see Sealer.opener)
_COLUMN_INFO = b"qonys/postgresql/columns/v1"
_TOKEN_INFO = b"qonys/postgresql/search-tokens/v1"
SEALER_ATTRIBUTE = "qonys_sealer"

Kind = Literal["str", "date", "json", "bytes"]


class SealBroken(Exception):
    """A sealed value does not open: damaged, moved to another column, or another store's."""


def _derive(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


class Sealer:
    """Seals column values and makes search tokens, with keys derived from the data key."""

    def __init__(self, data_key: bytes | bytearray) -> None:
        self._aead = AESGCM(_derive(bytes(data_key), _COLUMN_INFO))
        self._token_key = _derive(bytes(data_key), _TOKEN_INFO)
        self._opened: dict[str, dict[bytes, bytes]] = {}

    def seal(self, label: str, plain: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plain, label.encode())

    def open(self, label: str, sealed: bytes) -> bytes:
        return self.open_as(label.encode(), sealed)

    def open_as(self, label: bytes, sealed: bytes) -> bytes:
        """`open` with the label already encoded (the column reader's path: once per value)."""
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], label)
        except (InvalidTag, ValueError):
            raise SealBroken(label.decode()) from None

    def opener(self, label: str) -> Callable[[bytes], bytes]:
        """`open` for one column, remembering what it opened (the sort keys of searches).

        A search sorted by a sealed column opens the key of every case it finds; the same
        cases come back search after search, so the desk keeps what it opened, by the sealed
        bytes (a value written again has a new nonce: a new entry, never a stale one). At most
        OPENED_KEPT values per column, the memory of a desk that shows them anyway.
        """
        kept = self._opened.setdefault(label, {})

        def opened(sealed: bytes) -> bytes:
            plain = kept.get(sealed)
            if plain is None:
                plain = self.open(label, sealed)
                if len(kept) >= OPENED_KEPT:
                    kept.clear()
                kept[sealed] = plain
            return plain

        return opened

    def token(self, kind: str, value: str) -> bytes:
        message = f"{kind}\0{value}".encode()
        return hmac.new(self._token_key, message, hashlib.sha256).digest()[:TOKEN_BYTES]

    def prefix_tokens(self, kind: str, key: str) -> set[bytes]:
        """A token for every prefix of `key` (up to MAX_PREFIX characters)."""
        key = key[:MAX_PREFIX]
        return {self.token(kind, key[:n]) for n in range(1, len(key) + 1)}


def sealer_of(dialect: Dialect) -> Sealer | None:
    """The sealer of a PostgreSQL store's engine (None on SQLite, whose file is encrypted)."""
    return getattr(dialect, SEALER_ATTRIBUTE, None)


def _encode(kind: Kind, value: Any) -> bytes:
    if kind == "str":
        return str(value).encode()
    if kind == "date":
        return value.isoformat().encode()  # type: ignore[no-any-return]
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return bytes(value)


def _decode(kind: Kind, raw: bytes) -> Any:
    return _DECODERS[kind](raw)


_DECODERS: dict[Kind, Callable[[bytes], Any]] = {
    "str": bytes.decode,
    "date": lambda raw: date.fromisoformat(raw.decode()),
    "json": json.loads,
    "bytes": lambda raw: raw,
}


class Sealed(TypeDecorator[Any]):
    """`inner` on SQLite; AES-GCM ciphertext (`bytea`) on PostgreSQL, `label` as associated
    data (the table and column: a value copied into another column does not open)."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, inner: TypeEngine[Any], label: str, kind: Kind) -> None:
        super().__init__()
        self.inner = inner
        self.label = label
        self.kind = kind

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(LargeBinary())
        return dialect.type_descriptor(self.inner)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if dialect.name != "postgresql":
            return value
        if value is None:
            return None
        sealer = sealer_of(dialect)
        if sealer is None:
            raise RuntimeError("a PostgreSQL store is written only through its keyed engine")
        return sealer.seal(self.label, _encode(self.kind, value))

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """On PostgreSQL, a reader made once per statement and column that opens each value
        (TypeDecorator's generic path, through `process_result_value`, cost more than the
        decryption itself: a page of the list opens 500 values)."""
        if dialect.name != "postgresql":
            return super().result_processor(dialect, coltype)
        label, decode = self.label.encode(), _DECODERS[self.kind]

        def opened(value: Any) -> Any:
            if value is None:
                return None
            sealer = sealer_of(dialect)
            if sealer is None:
                raise RuntimeError("a PostgreSQL store is read only through its keyed engine")
            return decode(sealer.open_as(label, bytes(value)))

        return opened

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if dialect.name != "postgresql" or value is None:
            return value
        sealer = sealer_of(dialect)
        if sealer is None:
            raise RuntimeError("a PostgreSQL store is read only through its keyed engine")
        return _decode(self.kind, sealer.open(self.label, bytes(value)))

    @property
    def python_type(self) -> type[Any]:
        return self.inner.python_type
