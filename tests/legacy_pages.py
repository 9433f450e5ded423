"""Stores in the page format made before the SHA-256 page HMAC (for tests of old stores)."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3


def to_sha512_pages(path: Path, key: bytes) -> None:
    """Rewrite a store's file in SQLCipher 4's default page format (HMAC-SHA512), as stores
    made before the SHA-256 page HMAC were."""
    legacy = path.with_name("legacy.db")
    conn = sqlcipher3.dbapi2.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE '{legacy}' AS legacy KEY \"x'{key.hex()}'\"")
        conn.execute("SELECT sqlcipher_export('legacy')")
        conn.execute("DETACH DATABASE legacy")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    legacy.replace(path)
