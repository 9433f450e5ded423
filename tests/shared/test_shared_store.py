"""The mission store shared on PostgreSQL by several desks (issue 21), on a real server."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from desktop.services import cases, demo, session, shared_store
from desktop.services.context import DeskContext
from desktop.services.errors import Conflict, InvalidInput
from desktop.storage.postgres import StoreUrlError, check_url
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer
from tests.storage.backup_helpers import add_scan, add_table_scan, pages


def _demo(server: PgServer, folder: Path, cases_: int = 12) -> str:
    url = server.create_database(server.mission_template())
    demo.create_demo(
        folder, cases=cases_, seed=7, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    return url


def _desk(folder: Path, url: str, login: str = "officer") -> DeskContext:
    shared_store.join(folder, url)
    return session.login(folder, login, PASSWORD, clock=MovableClock())


def test_two_desks_share_cases_and_numbers(pg_server: PgServer, tmp_path: Path) -> None:
    url = _demo(pg_server, tmp_path / "a")
    a = session.login(tmp_path / "a", "officer", PASSWORD, clock=MovableClock())
    b = _desk(tmp_path / "b", url, "admin")
    try:
        first = cases.list_cases(a, limit=1000, order_by="number", descending=False)
        made = cases.create_draft(b, _q(a, 0))
        seen = {c.number for c in cases.list_cases(a, limit=1000)}
        assert made.summary.number in seen
        assert len(seen) == len(first) + 1
        # The other desk finds it through the keyed tokens: IIN, surname prefix in any case.
        for query in (made.summary.iin, made.summary.surname[:3].lower()):
            assert made.summary.id in {c.id for c in cases.list_cases(a, query)}
    finally:
        a.close()
        b.close()


def _q(ctx: DeskContext, index: int):  # type: ignore[no-untyped-def]
    """A demo questionnaire to open another case with."""
    summary = cases.list_cases(ctx, limit=100, order_by="number", descending=False)[index]
    return cases.get_case(ctx, summary.id).questionnaire


def test_second_save_of_a_case_is_refused_with_a_message(
    pg_server: PgServer, tmp_path: Path
) -> None:
    url = _demo(pg_server, tmp_path / "a")
    a = session.login(tmp_path / "a", "officer", PASSWORD, clock=MovableClock())
    b = _desk(tmp_path / "b", url, "admin")
    try:
        row = cases.list_cases(a, limit=1)[0]
        detail_a, detail_b = cases.get_case(a, row.id), cases.get_case(b, row.id)
        version = detail_a.summary.version
        from dataclasses import replace

        cases.update_questionnaire(
            a, row.id, replace(detail_a.questionnaire, patronymic="Бірінші"), version
        )
        with pytest.raises(Conflict) as refused:
            cases.update_questionnaire(
                b, row.id, replace(detail_b.questionnaire, patronymic="Екінші"), version
            )
        assert "changed by someone else" in refused.value.message.en
        assert cases.get_case(b, row.id).summary.patronymic == "Бірінші"
    finally:
        a.close()
        b.close()


def test_a_second_store_on_the_same_database_is_refused(
    pg_server: PgServer, tmp_path: Path
) -> None:
    url = _demo(pg_server, tmp_path / "a", cases_=1)
    with pytest.raises(shared_store.DatabaseHoldsStore) as refused:
        demo.create_demo(tmp_path / "b", cases=1, password=PASSWORD, kdf=FAST_KDF, database=url)
    assert "qonys --db" in refused.value.message.en
    # A folder with its own one-desk store is not hidden behind the shared one.
    demo.create_demo(tmp_path / "own", cases=1, password=PASSWORD, kdf=FAST_KDF)
    with pytest.raises(shared_store.FolderHoldsOwnStore):
        shared_store.join(tmp_path / "own", url)


def test_a_remote_server_only_over_pinned_tls() -> None:
    with pytest.raises(StoreUrlError, match="verify-full"):
        check_url("postgresql+psycopg://qonys@db.mission.example/qonys")
    with pytest.raises(StoreUrlError, match="verify-full"):
        check_url("postgresql+psycopg://qonys@10.1.2.3/qonys?sslmode=require")
    check_url(
        "postgresql+psycopg://qonys@db.mission.example/qonys"
        "?sslmode=verify-full&sslrootcert=/etc/qonys/ca.pem"
    )
    check_url("postgresql+psycopg://qonys@127.0.0.1:5432/qonys")
    with pytest.raises(InvalidInput):
        shared_store.checked_url("mysql://x/y")


def _needles(ctx: DeskContext) -> list[bytes]:
    words: set[str] = set()
    for c in cases.list_cases(ctx, limit=1000):
        words |= {c.iin, c.surname, c.name}
        words.add(cases.get_case(ctx, c.id).questionnaire.surname)
    words.discard("")
    out: list[bytes] = []
    for word in words:
        out += [word.encode(), word.encode("utf-16-le"), word.encode("utf-16-be")]
    return out


def test_the_server_sees_no_names_or_iins(pg_server: PgServer, tmp_path: Path) -> None:
    url = _demo(pg_server, tmp_path / "a", cases_=20)
    ctx = session.login(tmp_path / "a", "admin", PASSWORD, clock=MovableClock())
    try:
        needles = _needles(ctx)
        with ctx.store.engine.connect() as conn:
            conn.execute(text("CHECKPOINT"))
            conn.commit()
    finally:
        ctx.close()
    assert len(needles) > 60
    name = url.rsplit("/", 1)[1]
    dump = subprocess.run(
        ["pg_dump", "-h", pg_server.host, "-p", str(pg_server.port), "-U", pg_server.user, name],
        capture_output=True,
        check=True,
    ).stdout
    assert b"CREATE TABLE public.cases" in dump
    assert [n for n in needles if n in dump] == []
    assert pg_server.data is not None
    # This store's own files: the session's server also holds the databases of other tests
    # (the Department's, whose console keeps IINs for search in its own database).
    with psycopg.connect(
        host=pg_server.host, port=pg_server.port, user=pg_server.user, dbname=name
    ) as conn:
        row = conn.execute("SELECT oid FROM pg_database WHERE datname = %s", (name,)).fetchone()
    assert row is not None
    files = [p for p in (pg_server.data / "base" / str(row[0])).rglob("*") if p.is_file()]
    assert len(files) > 20
    for path in files:
        raw = path.read_bytes()
        assert [n for n in needles if n in raw] == [], path


def _make_cases(folder: str, count: int, start: multiprocessing.synchronize.Event) -> None:
    ctx = session.login(Path(folder), "officer", PASSWORD)
    try:
        q = _q(ctx, 0)
        start.wait(60)
        for _ in range(count):
            cases.create_draft(ctx, q)
    finally:
        ctx.close()


def test_four_desks_create_cases_at_once(pg_server: PgServer, tmp_path: Path) -> None:
    per_desk = int(os.environ.get("QONYS_SHARED_CASES", "250"))
    url = _demo(pg_server, tmp_path / "a", cases_=1)
    folders = []
    for n in range(4):
        folder = tmp_path / f"desk{n}"
        shared_store.join(folder, url)
        folders.append(str(folder))
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Event()
    desks = [spawn.Process(target=_make_cases, args=(f, per_desk, start)) for f in folders]
    for desk in desks:
        desk.start()
    start.set()
    for desk in desks:
        desk.join(600)
        assert desk.exitcode == 0
    ctx = session.login(tmp_path / "a", "admin", PASSWORD, clock=MovableClock())
    try:
        numbers = [c.number for c in cases.list_cases(ctx, limit=100_000)]
        report = session.audit_report(ctx)
    finally:
        ctx.close()
    # The demo's one case, then the desks' — unique and gap-free within each year (the demo's
    # case is dated by its story and may fall in the year before today's).
    assert len(numbers) == len(set(numbers)) == 4 * per_desk + 1
    by_year: dict[str, list[int]] = {}
    for number in numbers:
        year, serial = number.rsplit("-", 2)[1:]
        by_year.setdefault(year, []).append(int(serial))
    assert all(sorted(s) == list(range(1, len(s) + 1)) for s in by_year.values()), by_year.keys()
    assert report.problems == []


def _hold_a_transaction(folder: str, ready: multiprocessing.synchronize.Event) -> None:
    ctx = session.login(Path(folder), "officer", PASSWORD)
    q = _q(ctx, 0)
    uow = ctx.uow().__enter__()
    from desktop.storage.models import CaseRow

    row = uow.session.get(CaseRow, 1)
    assert row is not None
    row.patronymic = "Жазылмаған"
    uow.session.flush()  # written, not committed: the store's write lock is held
    del q
    ready.set()
    signal.pause()


def test_a_desk_killed_mid_transaction_loses_nothing(pg_server: PgServer, tmp_path: Path) -> None:
    url = _demo(pg_server, tmp_path / "a", cases_=3)
    shared_store.join(tmp_path / "b", url)
    spawn = multiprocessing.get_context("spawn")
    ready = spawn.Event()
    desk = spawn.Process(target=_hold_a_transaction, args=(str(tmp_path / "b"), ready))
    desk.start()
    assert ready.wait(120)
    assert desk.pid is not None
    os.kill(desk.pid, signal.SIGKILL)
    desk.join(30)
    ctx = session.login(tmp_path / "a", "admin", PASSWORD, clock=MovableClock())
    try:
        made = cases.create_draft(ctx, _q(ctx, 0))  # waits for the dead desk's lock to go
        assert made.summary.number.endswith("-00004")
        assert cases.get_case(ctx, 1).summary.patronymic != "Жазылмаған"
        assert session.audit_report(ctx).problems == []
    finally:
        ctx.close()
    # The killed desk starts again on the same store and sees the other desk's work.
    back = session.login(tmp_path / "b", "officer", PASSWORD, clock=MovableClock())
    try:
        assert made.summary.number in {c.number for c in cases.list_cases(back, limit=100)}
        assert cases.create_draft(back, _q(back, 0)).summary.number.endswith("-00005")
    finally:
        back.close()


def test_store_move_then_both_list_the_same_cases(pg_server: PgServer, tmp_path: Path) -> None:
    from desktop import cli

    folder = tmp_path / "one-desk"
    demo.create_demo(
        folder, cases=15, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock()
    )
    ctx = session.login(folder, "admin", PASSWORD, clock=MovableClock())
    before = [c.to_json() for c in cases.list_cases(ctx, limit=1000, order_by="number")]
    # One page in a scan file (issue 19), one in the table (a store made before): both move
    # into PostgreSQL's sealed column.
    add_scan(ctx, 1, b"page in a file" + os.urandom(3000))
    add_table_scan(ctx, 2, b"page in the table" + os.urandom(3000))
    scans_before = pages(ctx)
    assert len(list((folder / "scans").rglob("*.qscan"))) == 1
    url = pg_server.create_database(pg_server.mission_template())
    try:
        result = shared_store.move_to_database(ctx, url)
    finally:
        ctx.close()
    assert result.rows["cases"] == 15 and result.rows["attachments"] >= 0
    assert result.rows["audit_log"] >= 10 and result.rows["officers"] == 3
    assert (result.retired / "qonys.db").exists() and not (folder / "qonys.db").exists()
    assert (result.retired / "scans").is_dir() and not (folder / "scans").exists()
    other = tmp_path / "second-desk"
    os.environ["QONYS_PASSWORD"] = PASSWORD
    try:
        outs = []
        for argv in (
            ["--data-dir", str(folder), "--officer", "admin", "cases", "--json"],
            ["--data-dir", str(other), "--db", url, "--officer", "officer", "cases", "--json"],
        ):
            import contextlib
            import io

            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                assert cli.main(argv) == 0
            outs.append(json.loads(buffer.getvalue()))
    finally:
        del os.environ["QONYS_PASSWORD"]
    assert outs[0] == outs[1]
    assert sorted(c["number"] for c in outs[0]) == sorted(c["number"] for c in before)
    moved = session.login(other, "admin", PASSWORD, clock=MovableClock())
    try:
        assert session.audit_report(moved).problems == []
        assert pages(moved) == scans_before
        again = cases.create_draft(moved, _q(moved, 0))
        assert again.summary.number.endswith("-00016")
    finally:
        moved.close()


def test_desks_reconnect_after_a_server_restart(tmp_path: Path) -> None:
    from tests.pg import postgres_server

    with postgres_server() as own:  # its own server: the others' tests are not cut
        _demo(own, tmp_path / "a", cases_=2)
        ctx = session.login(tmp_path / "a", "officer", PASSWORD, clock=MovableClock())
        try:
            q = _q(ctx, 0)
            cases.create_draft(ctx, q)
            assert len(cases.list_cases(ctx, limit=100)) == 3  # a read connection, in its pool
            own.restart()
            # Reads go through their own pool, without a ping: the first read after the cut
            # fails on its dead connection and is tried once more on a new one.
            assert cases.count_cases(ctx) == 3
            made = cases.create_draft(ctx, q)  # the pool notices the cut and reconnects
            assert made.summary.number.endswith("-00004")
            assert len(cases.list_cases(ctx, limit=100)) == 4
        finally:
            ctx.close()


def _everything(ctx: DeskContext) -> list[object]:
    """Each case as the desk shows it (summary, questionnaire, events), and every scan page."""
    shown: list[object] = []
    for row in cases.list_cases(ctx, limit=1000, order_by="number", descending=False):
        detail = cases.get_case(ctx, row.id)
        shown.append((detail.summary, detail.questionnaire, detail.events))
    return [*shown, pages(ctx)]


def test_a_backup_of_the_shared_store_restores_and_moves_back(
    pg_server: PgServer, tmp_path: Path
) -> None:
    from desktop.services import backup as backup_service
    from desktop.storage import backup as container

    _demo(pg_server, tmp_path / "a", cases_=8)
    ctx = session.login(tmp_path / "a", "admin", PASSWORD, clock=MovableClock())
    try:
        add_scan(ctx, 1, b"a page" + os.urandom(5000))
        before = _everything(ctx)
        made = backup_service.backup_store(ctx, tmp_path / "usb", into_folder=True)
    finally:
        ctx.close()
    restored_dir = tmp_path / "restored"
    key = backup_service.key_from_password(container.read_header(made.path), "officer", PASSWORD)
    backup_service.restore_backup(made.path, restored_dir, key, actor="officer")
    restored = session.login(restored_dir, "admin", PASSWORD, clock=MovableClock())
    try:
        assert not shared_store.is_shared(restored)  # back as a one-desk store
        assert _everything(restored) == before
        assert session.audit_report(restored).problems == []
        # ... and onto a new database again, as administration.md §12 "Backups" says.
        shared_store.move_to_database(restored, pg_server.create_database())
    finally:
        restored.close()
    again = session.login(restored_dir, "admin", PASSWORD, clock=MovableClock())
    try:
        assert shared_store.is_shared(again)
        assert _everything(again) == before
        assert session.audit_report(again).problems == []
    finally:
        again.close()


def _guess(folder: str, count: int, start: multiprocessing.synchronize.Event) -> None:
    """A desk where someone tries wrong passwords for the officer, all at the tests' instant
    (a real clock would let the waits run out while a loaded machine starts the processes)."""
    from desktop.services.errors import LoginThrottled, WrongCredentials

    start.wait(60)
    for _ in range(count):
        with contextlib.suppress(WrongCredentials, LoginThrottled):
            session.login(Path(folder), "officer", "wrong-password", clock=MovableClock()).close()


def test_failed_logins_at_other_desks_slow_down_this_one(
    pg_server: PgServer, tmp_path: Path
) -> None:
    """The failed-login counters live in the shared vault: wrong passwords tried at two other
    desks at once make the officer wait at this desk too. Every attempt is made at the same
    instant: the first two wrong passwords count (the second starts a 1-second wait) and the
    two others are refused unchecked while that wait runs — whichever desk tries first."""
    from desktop.services.errors import LoginThrottled

    url = _demo(pg_server, tmp_path / "a", cases_=1)
    folders = []
    for n in range(2):
        shared_store.join(tmp_path / f"guess{n}", url)
        folders.append(str(tmp_path / f"guess{n}"))
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Event()
    guessers = [spawn.Process(target=_guess, args=(f, 2, start)) for f in folders]
    for guesser in guessers:
        guesser.start()
    start.set()
    for guesser in guessers:
        guesser.join(120)
        assert guesser.exitcode == 0
    clock = MovableClock()  # the guessing desks' instant
    with pytest.raises(LoginThrottled) as throttled:
        session.login(tmp_path / "a", "officer", PASSWORD, clock=clock)
    assert throttled.value.retry_after == 1.0  # two failures counted, not one, not four
    clock.advance(seconds=400)  # past the longest wait: the right password opens
    session.login(tmp_path / "a", "officer", PASSWORD, clock=clock).close()
    session.login(tmp_path / "a", "consul", PASSWORD, clock=clock).close()  # another officer


def test_a_move_whose_copy_differs_retires_nothing(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old store goes to retired-… only once every table's count and digest match: a copy
    that lost a row is refused, the one-desk store stays as it was, the database stays empty,
    and the move succeeds when tried again."""
    folder = tmp_path / "one-desk"
    demo.create_demo(folder, cases=4, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock())
    url = pg_server.create_database(pg_server.mission_template())
    copy = shared_store.copy_rows

    def copy_losing_an_event(source, target) -> None:  # type: ignore[no-untyped-def]
        copy(source, target)
        target.execute(text("DELETE FROM events WHERE id = (SELECT max(id) FROM events)"))

    ctx = session.login(folder, "admin", PASSWORD, clock=MovableClock())
    try:
        before = _everything(ctx)
        monkeypatch.setattr(shared_store, "copy_rows", copy_losing_an_event)
        with pytest.raises(shared_store.MoveNotVerified) as refused:
            shared_store.move_to_database(ctx, url)
        assert "events" in refused.value.message.en
        assert (folder / "qonys.db").exists() and not list(folder.glob("retired-*"))
        assert shared_store.database_of(folder) is None
        assert not shared_store.is_shared(ctx) and _everything(ctx) == before
        monkeypatch.undo()
        shared_store.move_to_database(ctx, url)  # nothing of the refused copy was kept
    finally:
        ctx.close()
    moved = session.login(folder, "admin", PASSWORD, clock=MovableClock())
    try:
        assert shared_store.is_shared(moved) and _everything(moved) == before
    finally:
        moved.close()


def test_a_server_restart_in_the_middle_of_a_save(tmp_path: Path) -> None:
    """The server restarts while a desk's unit of work has written but not committed: that
    desk is told its change was not saved (a message, not a crash), nothing of it is kept, and
    both desks go on at their next action with the next numbers."""
    from desktop.services.errors import StoreConnectionLost
    from desktop.storage.models import CaseRow
    from tests.pg import postgres_server

    with postgres_server() as own:  # its own server: the others' tests are not cut
        url = _demo(own, tmp_path / "a", cases_=2)
        a = session.login(tmp_path / "a", "officer", PASSWORD, clock=MovableClock())
        b = _desk(tmp_path / "b", url, "admin")
        try:
            q = _q(a, 0)
            with pytest.raises(StoreConnectionLost) as lost, b.uow() as uow:
                row = uow.session.get(CaseRow, 1)
                assert row is not None
                row.patronymic = "Жазылмаған"
                uow.session.flush()  # written, holding the store's lock
                own.restart()
                uow.commit()
            assert "not saved" in lost.value.message.en
            assert "сақталмады" in lost.value.message.kk
            assert cases.create_draft(a, q).summary.number.endswith("-00003")
            assert cases.create_draft(b, q).summary.number.endswith("-00004")
            assert cases.get_case(a, 1).summary.patronymic != "Жазылмаған"
            assert session.audit_report(b).problems == []
        finally:
            a.close()
            b.close()


@pytest.mark.skipif(
    "faketime" in os.environ.get("LD_PRELOAD", ""),
    reason="the test's server inherits libfaketime, under which its lock_timeout never fires",
)
def test_a_desk_that_waits_too_long_for_the_store_is_told(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """administration.md §12: a desk that waits longer than the lock's timeout (30 s; 1 s
    here) gives up with a message; the desk holding the store commits as usual."""
    from desktop.services.errors import StoreBusy
    from desktop.storage import postgres
    from desktop.storage.models import CaseRow

    url = _demo(pg_server, tmp_path / "a", cases_=2)
    a = session.login(tmp_path / "a", "officer", PASSWORD, clock=MovableClock())
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT", "1s")
    b = _desk(tmp_path / "b", url, "admin")
    try:
        other = cases.get_case(b, 2)
        edited = replace(other.questionnaire, patronymic="Екінші")
        with a.uow() as holding:
            row = holding.session.get(CaseRow, 1)
            assert row is not None
            row.patronymic = "Бірінші"
            holding.session.flush()  # desk A holds the store's writer lock
            with pytest.raises(StoreBusy) as busy:
                cases.update_questionnaire(b, 2, edited, other.summary.version)
            holding.commit()
        assert "not saved" in busy.value.message.en and "30" in busy.value.message.ru
        assert cases.get_case(b, 1).summary.patronymic == "Бірінші"
        assert cases.get_case(b, 2).summary.patronymic == other.summary.patronymic
        cases.update_questionnaire(b, 2, edited, other.summary.version)  # tried again: saved
        assert cases.get_case(a, 2).summary.patronymic == "Екінші"
    finally:
        a.close()
        b.close()
