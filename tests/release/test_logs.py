"""The application log and crash reports never hold personal data."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import crash, logs
from desktop.storage.models import CaseRow

IIN = "870214315379"
SURNAME = "Әбдірахманов"
LATIN = "ABDIRAKHMANOV"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup_logging(tmp_path / "log")
    yield path
    logs.close_logging()


def _read(path: Path) -> str:
    for handler in logging.getLogger("desktop").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_personal_data_never_reaches_the_log(log_file: Path) -> None:
    log = logging.getLogger("desktop.services.cases")
    log.info("opened case %s for %s %s", "KZ-BER-2026-00001", SURNAME, IIN)
    log.warning(f"search for {SURNAME.upper()} / {LATIN!r} by IIN {IIN}")
    log.info("passport N12345678, phone +49 30 1234 5678, mail a.b@example.kz")
    try:
        int(LATIN)
    except ValueError:
        log.exception("parsing failed for case %d", 17)
    try:
        raise KeyError(f"{SURNAME} {IIN}")
    except KeyError:
        log.error("lookup failed", exc_info=True)
    text = _read(log_file)
    assert "KZ-BER-2026-00001" in text and "case 17" in text
    for secret in (
        IIN,
        SURNAME,
        SURNAME.upper(),
        LATIN,
        "N12345678",
        "1234 5678",
        "a.b@example.kz",
    ):
        assert secret not in text, secret
    assert "ValueError" in text and "KeyError" in text  # the bug is still described


def test_database_errors_lose_their_parameters(log_file: Path, demo_dir: Path) -> None:
    from sqlalchemy.exc import IntegrityError

    from desktop.services import session
    from tests.conftest import PASSWORD

    ctx = session.login(demo_dir, "admin", PASSWORD)
    try:
        with ctx.uow() as uow:
            existing = uow.cases.get(1)
            assert existing is not None
            uow.session.add(
                CaseRow(
                    **{
                        "number": existing.number,
                        "created_at": existing.created_at,
                        "updated_at": existing.created_at,
                        "created_by": 1,
                        "surname": SURNAME,
                        "iin": IIN,
                        "questionnaire": {"surname": LATIN},
                    }
                )
            )
            with pytest.raises(IntegrityError) as caught:
                uow.session.flush()
        assert IIN in str(caught.value)  # SQLAlchemy does put the row in its message...
        logging.getLogger("desktop.storage").error("insert failed", exc_info=caught.value)
    finally:
        ctx.close()
    text = _read(log_file)
    assert "IntegrityError" in text
    for secret in (IIN, SURNAME, LATIN):  # ...and the filter takes it out
        assert secret not in text


def test_log_rotates(log_file: Path) -> None:
    log = logging.getLogger("desktop.bench")
    for i in range(30_000):
        log.info("case %d saved %s", i, "x" * 40)
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert "qonys.log.1" in names and len(names) <= logs.BACKUPS + 1
    assert all(p.stat().st_size <= logs.MAX_BYTES + 200 for p in log_file.parent.iterdir())


def test_crash_report_holds_no_personal_data(tmp_path: Path) -> None:
    def save(surname: str, iin: str) -> None:
        raise ValueError(f"cannot save {surname} ({iin}) {LATIN!r}")

    try:
        save(SURNAME, IIN)
    except ValueError as exc:
        path = crash.write_report(exc, exc.__traceback__, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "ValueError" in text and "in save" in text and "Qonys" in text
    for secret in (IIN, SURNAME, LATIN, str(Path.home())):
        assert secret not in text, secret


def test_uncaught_exception_writes_a_report(tmp_path: Path) -> None:
    script = (
        "from desktop import crash; crash.install();"
        f"raise RuntimeError('failed on {IIN} {SURNAME}')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QONYS_LOG_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "report:" in result.stderr and IIN not in result.stderr
    reports = list(tmp_path.glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError" in text and IIN not in text and SURNAME not in text


def test_the_log_is_outside_any_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QONYS_LOG_DIR", raising=False)
    from desktop.cli import default_data_dir

    assert not logs.log_dir().is_relative_to(default_data_dir())


def test_a_day_at_the_desk_is_logged_by_ids_only(tmp_path: Path) -> None:
    """A demo, an export, an import (and a refused one), a print, a verification and a backup
    leave a trace a help desk can follow, and not one surname, name or IIN of the demo."""
    import warnings
    from datetime import timedelta

    from sqlalchemy import select

    from desktop.department.service import Department
    from desktop.domain.workflow import Stage
    from desktop.services import backup, cases, demo, exchange, handouts, session, verification
    from tests.conftest import FAST_KDF, NOW, PASSWORD, MovableClock

    path = logs.setup_logging(tmp_path / "log")
    try:
        store = tmp_path / "store"
        clock = MovableClock()
        demo.create_demo(
            store,
            cases=20,
            seed=3,
            password=PASSWORD,
            kdf=FAST_KDF,
            clock=clock,
            department=True,
        )
        ctx = session.login(store, "consul", PASSWORD, clock=clock)
        try:
            with ctx.uow() as uow:
                people = list(
                    uow.session.execute(
                        select(
                            CaseRow.id,
                            CaseRow.surname,
                            CaseRow.name,
                            CaseRow.patronymic,
                            CaseRow.iin,
                        )
                    )
                )
                permitted = uow.session.scalar(
                    select(CaseRow.id).where(CaseRow.stage == Stage.PERMITTED.value).limit(1)
                )
            assert permitted is not None
            usb = tmp_path / "usb"
            exported = exchange.export(ctx, usb)
            assert exported.packages
            dep = Department.open(store / "department", "admin", PASSWORD)
            try:
                for entry in exported.packages:
                    dep.receive(usb / entry.file_name)
                number = cases.list_cases(ctx, "", ("forwarded",), limit=1)[0].number
                dep.decide(
                    number,
                    "permission",
                    police_department="Алматы ПД",
                    number="12/3",
                    on=NOW.date() - timedelta(days=2),
                )
                sent = dep.send("KZ-BER", tmp_path / "back")
            finally:
                dep.close()
            tampered = tmp_path / "tampered.qpkg"
            data = bytearray(sent.path.read_bytes())
            data[len(data) // 2] ^= 0xFF
            tampered.write_bytes(bytes(data))
            with pytest.raises(exchange.ExchangeFailed):
                exchange.import_package(ctx, tampered)
            imported = exchange.import_package(ctx, sent.path)
            assert imported.decisions == 1
            issued = handouts.print_case_form(ctx, "notification", permitted)
            verdict = verification.check_pdf_bytes(issued.pdf, handouts.trust_anchors(ctx))
            assert verdict.genuine
            backup.backup_store(ctx, tmp_path / "backups", into_folder=True)
            with warnings.catch_warnings():
                warnings.simplefilter("always")
                warnings.warn("a library's warning", DeprecationWarning, stacklevel=1)
        finally:
            ctx.close()
    finally:
        for name in ("desktop", *logs.ROUTED_LOGGERS):
            for handler in logging.getLogger(name).handlers:
                handler.flush()
        text = path.read_text(encoding="utf-8")
        logs.close_logging()

    # What support needs: what was done and why something was refused, by ids.
    assert "store schema upgraded" in text
    assert f"officer {ctx.officer.id} logged in" in text
    assert "exported packages [1" in text
    assert "import refused:" in text
    assert f"package {imported.sequence} imported: 1 decisions" in text
    assert f"printed notification of case {permitted}" in text
    assert "PDF check: genuine" in text
    assert "backup written by officer" in text
    assert "a library's warning" in text  # Python warnings reach the same file
    # ...and never who it was about.
    secrets = {value for row in people for value in row[1:] if value}
    assert len(secrets) > 40
    raw = path.read_bytes()
    for secret in sorted(secrets):
        assert secret.encode("utf-8") not in raw, secret


def test_library_warnings_reach_the_same_log(tmp_path: Path) -> None:
    path = logs.setup_logging(tmp_path / "log")
    try:
        logging.getLogger("pyhanko.sign.validation").warning("no path to %s", SURNAME)
        logging.getLogger("alembic.ddl").warning("table for %s", IIN)
        logging.getLogger("pyhanko.sign.general").info("chatter")
        for name in logs.ROUTED_LOGGERS:
            for handler in logging.getLogger(name).handlers:
                handler.flush()
        text = path.read_text(encoding="utf-8")
    finally:
        logs.close_logging()
    assert "pyhanko.sign.validation: no path to" in text and "alembic.ddl: table for" in text
    assert "chatter" not in text
    assert SURNAME not in text and IIN not in text


def test_records_before_the_log_file_opens_are_written_first_and_redacted(
    tmp_path: Path,
) -> None:
    """The desk opens its log once the login window is up (issue 19): what it logged before
    is held, then written first, through the same filter, and nothing is held after."""
    logs.hold_records()
    try:
        logging.getLogger("desktop.ui").info("desk starting for %s %s", SURNAME, IIN)
        logging.getLogger("alembic").warning("a library's warning")
        logging.getLogger("alembic").info("a library's chatter")  # below its level: dropped
        path = logs.setup_logging(tmp_path / "log")
        logging.getLogger("desktop.ui").info("after the file opened")
        text = _read(path)
    finally:
        logs.close_logging()
    lines = text.splitlines()
    assert "desk starting for <text> <iin>" in lines[0]
    assert "a library's warning" in lines[1]
    assert "after the file opened" in lines[2] and len(lines) == 3
    assert SURNAME not in text and IIN not in text
    for name in ("desktop", *logs.ROUTED_LOGGERS):
        assert not [h for h in logging.getLogger(name).handlers if h.get_name() == "qonys-held"]


def test_held_records_are_dropped_when_no_log_file_can_open(tmp_path: Path) -> None:
    logs.hold_records()
    blocked = tmp_path / "file"
    blocked.write_text("a file where the log folder should be")
    logging.getLogger("desktop.ui").info("held")
    with pytest.raises(OSError):
        logs.setup_logging(blocked / "log")
    for name in ("desktop", *logs.ROUTED_LOGGERS):
        assert not [h for h in logging.getLogger(name).handlers if h.get_name() == "qonys-held"]
