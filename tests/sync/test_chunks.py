"""The sync client's chunk sizes (issue 16): adapted to the link, no short tail, and kept for
the next upload to the same server; the server's Server-Timing read back."""

from __future__ import annotations

import time

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from desktop.department import ca
from desktop.sync import http_client
from desktop.sync.http_client import CHUNK, MAX_CHUNK, SyncClient, _receive_seconds


def _client(base: str, chunk: int | None = None) -> SyncClient:
    dep = ca.new_ca()
    mission = ca.new_mission(dep, "KZ-BER", "Berlin")
    key = mission.signing.key
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return SyncClient(base, dep.cert, mission.signing.cert, key, chunk=chunk)


def test_the_last_chunk_takes_a_short_tail_and_never_passes_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(http_client, "_learned", {})
    with _client("https://a.example") as c:
        assert c.chunk == CHUNK
        assert c._chunk_end(0, 10 * CHUNK) == CHUNK
        assert c._chunk_end(0, CHUNK + CHUNK // 4) == CHUNK + CHUNK // 4  # the tail comes too
        assert c._chunk_end(0, CHUNK + CHUNK // 2) == CHUNK  # half a chunk is worth a request
        c.chunk = MAX_CHUNK
        assert c._chunk_end(0, MAX_CHUNK + 1) == MAX_CHUNK  # never past the cap
    with _client("https://a.example", chunk=CHUNK) as fixed:  # a fixed chunk stays fixed
        assert fixed._chunk_end(0, CHUNK + 1) == CHUNK


def test_a_proved_link_keeps_its_chunk_for_the_next_upload_for_a_while(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(http_client, "_learned", {})
    with _client("https://a.example") as c:
        c._adapt(8 * CHUNK, time.monotonic() - 1.0)  # 8 MiB in a second: 16 MiB in two
        assert c.chunk == pytest.approx(16 * CHUNK, rel=0.05)
    with _client("https://a.example") as again, _client("https://b.example") as other:
        assert again.chunk == pytest.approx(16 * CHUNK, rel=0.05)
        assert other.chunk == CHUNK  # another server: proved again
    when, size = http_client._learned["https://a.example"]
    http_client._learned["https://a.example"] = (when - http_client.LEARNED_FOR - 1, size)
    with _client("https://a.example") as later:
        assert later.chunk == CHUNK


def test_server_timing_is_read_in_seconds() -> None:
    assert _receive_seconds("receive;dur=1234") == pytest.approx(1.234)
    assert _receive_seconds("db;dur=3, receive;desc=x;dur=50") == pytest.approx(0.05)
    assert _receive_seconds("receive;dur=abc") is None
    assert _receive_seconds("") is None
