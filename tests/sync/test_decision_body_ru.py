"""Issue 12 §16 (Annex 4): the decision-maker recorded in both languages at the Department,
carried in its decision package, and printed on the notification's Russian line in Russian
(no Kazakh words there). Checked on the printed PDF with pdftotext."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.department import cli as department_cli
from desktop.department.service import Department
from desktop.department.store import Decision
from desktop.domain.workflow import Stage
from desktop.services import demo, handouts, session
from desktop.services import exchange as service
from desktop.services.context import DeskContext
from desktop.storage.models import CaseRow
from desktop.sync import records
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "n.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())


def _forwarded(ctx: DeskContext) -> str:
    with ctx.uow() as uow:
        number = uow.session.scalar(
            select(CaseRow.number).where(CaseRow.stage == Stage.FORWARDED.value).limit(1)
        )
    assert number is not None
    return number


@pytest.fixture
def store(tmp_path: Path) -> Path:
    data_dir = tmp_path / "store"
    demo.create_demo(
        data_dir,
        cases=12,
        seed=5,
        password=PASSWORD,
        kdf=FAST_KDF,
        clock=MovableClock(),
        department=True,
    )
    return data_dir


def test_rules_16_department_decision_names_the_body_in_russian_on_annex_4(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = session.login(store, "admin", PASSWORD, clock=MovableClock())
    consul = session.login(store, "consul", PASSWORD, clock=MovableClock())
    try:
        out = tmp_path / "usb"
        out.mkdir()
        [entry] = service.export(admin, out).packages
        number = _forwarded(admin)
        # The console records the body in both languages.
        monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
        base = ["--data-dir", str(store / "department"), "--user", "admin"]
        assert department_cli.main([*base, "receive", str(out / entry.file_name)]) == 0
        decided = date(2026, 11, 20)
        argv = [
            *base,
            "decide",
            number,
            "--kind",
            "permission",
            "--police-department",
            "Көліктегі",
            "--police-department-ru",
            "на транспорте",
            "--number",
            "5/61",
            "--date",
            decided.isoformat(),
        ]
        assert department_cli.main(argv) == 0
        back = tmp_path / "back"
        back.mkdir()
        dep = Department.open(store / "department", "admin", PASSWORD)
        try:
            sent = dep.send(admin.mission.code, back)
            with dep.uow() as tx:
                stored = tx.session.scalars(select(Decision)).one()
                assert stored.police_department_ru == "на транспорте"
        finally:
            dep.close()
        service.import_package(admin, sent.path)
        with admin.uow() as uow:
            case_id = uow.session.scalar(select(CaseRow.id).where(CaseRow.number == number))
        assert case_id is not None
        issued = handouts.issue_notification(consul, case_id)
        text = _pdf_text(issued.pdf, tmp_path)
        assert "Негіздеме: Көліктегі Полиция департаментінің 2026 жылғы 20" in text
        russian = text.split("Основание:", 1)[1]
        assert russian.startswith(
            " решение Департамента полиции на транспорте от 20 ноября 2026 года № 5/61"
        )
        # A body not on the list of Police Departments: without the recorded Russian name the
        # Kazakh one would stand here.
        assert "Көліктегі" not in russian
    finally:
        consul.close()
        admin.close()


def test_rules_16_older_decision_packages_without_the_russian_name_still_read() -> None:
    """Backward compatible: a decision without `police_department_ru` (an older Department)
    follows the schema, and one with it is read back."""
    decision = {
        "id": "d1",
        "case_id": "1",
        "case_number": "KZ-BER-2026-0001",
        "kind": "permission",
        "after_objection": False,
        "police_department": "Алматы қаласы",
        "number": "1",
        "date": "2026-11-20",
        "recorded_at": "2026-11-20T10:00:00+00:00",
        "note": None,
    }
    old = records.Records(decisions=[decision]).to_json()
    assert "police_department_ru" not in json.loads(old)["decisions"][0]
    assert records.Records.from_json(old).decisions == [decision]
    new = records.Records(
        decisions=[{**decision, "police_department_ru": "города Алматы"}]
    ).to_json()
    assert records.Records.from_json(new).decisions[0]["police_department_ru"] == "города Алматы"
