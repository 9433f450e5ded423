"""The online sync's pieces that need no server: back-off, wording, the dashboard warning."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from desktop.services import exchange as exchange_service
from desktop.services import session, sync_online
from desktop.storage.models import OutboxRow
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


def test_backoff_grows_to_an_hour_with_jitter() -> None:
    rng = random.Random(7)
    waits = [sync_online.backoff(n, rng) for n in range(1, 12)]
    assert timedelta(seconds=15) <= waits[0] <= timedelta(seconds=30)
    assert all(timedelta(minutes=30) <= w <= timedelta(hours=1) for w in waits[8:])
    # Jitter: two missions failing together do not come back at the same moment.
    assert sync_online.backoff(5, random.Random(1)) != sync_online.backoff(5, random.Random(2))


def test_reasons_are_worded_in_each_language() -> None:
    for code in ("unreachable", "tls-untrusted", "tampered-member", "revoked-sender", "?"):
        text = sync_online.reason_text(code)
        assert text.kk and text.ru and text.en and text.kk != text.en


def test_the_dashboard_warns_about_packages_not_acknowledged_in_time(tmp_path: Path) -> None:
    clock = MovableClock()  # Tuesday 24.11.2026
    store = tmp_path / "store"
    session.create_store(store, mission_code="KZ-BER", mission_name="Berlin", country="DE",
                         admin_login="admin", admin_full_name="Әкімші", admin_password=PASSWORD,
                         kdf=FAST_KDF, clock=clock)  # fmt: skip
    ctx = session.login(store, "admin", PASSWORD, clock=clock)
    try:
        with ctx.uow() as uow:
            for seq, days, state in ((1, 6, "built"), (2, 6, "acknowledged"), (3, 0, "built")):
                uow.session.add(
                    OutboxRow(sequence=seq, sha256="0" * 64, file_name=f"p{seq}.qpkg",
                              folder=str(tmp_path), size=1, cases=1, events=1, scans=0,
                              state=state, created_at=clock.now - timedelta(days=days))
                )  # fmt: skip
            uow.commit()
        warning = sync_online.delivery_warning(ctx)
        assert warning is not None
        assert warning.en.endswith("more than 2 working days: 1")
        assert "2 рабочих дней: 1" in warning.ru
        clock.advance(days=3)  # Friday: package 3 has waited 3 working days too
        warning = sync_online.delivery_warning(ctx)
        assert warning is not None and warning.en.endswith(": 1, 3")
        assert exchange_service.outbox(ctx)[1].state == "acknowledged"
    finally:
        ctx.close()
