"""The shared store's exchange (issue 21): the export beside the other desks' work, one package
sequence per mission, and an enrolment bundle bound to one store."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.department.service import Department
from desktop.services import cases, demo, session, shared_store
from desktop.services import exchange as service
from desktop.services.context import DeskContext
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer

DEP_PW = "department-pw-1234"
BUNDLE_PW = "bundle-pw-1234"


def _enrolled_demo(server: PgServer, folder: Path, department: Department) -> str:
    url = server.create_database(server.mission_template())
    demo.create_demo(
        folder, cases=6, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    ctx = session.login(folder, "admin", PASSWORD, clock=MovableClock())
    try:
        bundle = department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW)
        service.install_enrolment(ctx, bundle, BUNDLE_PW)
    finally:
        ctx.close()
    return url


def _desk(folder: Path, url: str, login: str) -> DeskContext:
    shared_store.join(folder, url)
    return session.login(folder, login, PASSWORD, clock=MovableClock())


def test_desks_keep_saving_while_another_exports(pg_server: PgServer, tmp_path: Path) -> None:
    dep = Department.init(tmp_path / "department", {"admin": DEP_PW})
    try:
        url = _enrolled_demo(pg_server, tmp_path / "a", dep)
    finally:
        dep.close()
    a = session.login(tmp_path / "a", "admin", PASSWORD, clock=MovableClock())
    b = _desk(tmp_path / "b", url, "admin")
    q = cases.get_case(b, cases.list_cases(b, limit=1)[0].id).questionnaire
    saved: list[str] = []
    second: list[service.ExportResult] = []
    other_export = threading.Thread(
        target=lambda: second.append(service.export(b, tmp_path / "out-b", include_stages=True))
    )

    def during_a_s_export(done: int, _total: int) -> None:
        if done == 1:
            # Desk B saves while desk A builds its package: no wait for A's export (the lock
            # of a unit of work would time out here after 30 s and fail the save).
            saved.append(cases.create_draft(b, q).summary.number)
            # B's export waits for A's (the mission-wide export lock): one sequence.
            other_export.start()

    try:
        first = service.export(
            a, tmp_path / "out-a", include_stages=True, progress=during_a_s_export
        )
        other_export.join(120)
        assert not other_export.is_alive()
        assert saved and saved[0] in {c.number for c in cases.list_cases(a, limit=100)}
        assert [e.sequence for e in first.packages] == [1]
        # The case B saved meanwhile was not in A's package: it went in B's, number 2.
        assert [e.sequence for e in second[0].packages] == [2]
        assert second[0].cases >= 1
        assert session.audit_report(a).problems == []
    finally:
        a.close()
        b.close()
