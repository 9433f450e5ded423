"""A trust list the Department publishes with nothing else to send (a revocation, an
enrolment) reaches the mission on its next sync, once (issue 16)."""

from __future__ import annotations

from pathlib import Path

from desktop.services import exchange as exchange_service
from desktop.services import sync_online
from desktop.sync import exchange
from tests.online.conftest import Server
from tests.online.helpers import mission_store


def test_a_lone_revocation_reaches_the_mission_on_the_next_sync(
    served: tuple[Server, exchange.Identity], tmp_path: Path
) -> None:
    srv, _me = served
    ctx = mission_store(tmp_path, srv.bundle, srv.url)  # type: ignore[attr-defined]
    try:
        enrolled = exchange_service.trust_status(ctx)
        # The bundle carried the newest list: nothing to fetch.
        first = sync_online.sync_once(ctx, force=True)
        assert first.online and first.imported == [], first
        # Another mission enrolled and revoked: no case, no decision, only a newer list.
        other = tmp_path / "par.bundle"
        assert srv.cli("enrol-mission", "--code", "KZ-PAR", "--name", "Paris", "--out",
                       str(other)) == 0  # fmt: skip
        assert srv.cli("revoke-mission", "KZ-PAR") == 0
        report = sync_online.sync_once(ctx, force=True)
        assert report.online and len(report.imported) == 1, report
        now = exchange_service.trust_status(ctx)
        assert now.version == enrolled.version + 2
        assert now.revocations > enrolled.revocations
        # Sent once: the next round finds nothing new.
        again = sync_online.sync_once(ctx, force=True)
        assert again.online and again.imported == [], again
    finally:
        ctx.close()
