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
    logger = logging.getLogger("desktop")
    for handler in [h for h in logger.handlers if h.get_name() == "qonys-file"]:
        logger.removeHandler(handler)
        handler.close()


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
        path = crash.write_report(type(exc), exc, exc.__traceback__, tmp_path)
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
