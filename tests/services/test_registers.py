"""§3(2) registers as the desk reads them (services/registers.py): the same entries as the
CLI's registers, a period of mission days, held-only, three languages, and audited prints."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.services import procedure, registers
from desktop.services.context import DeskContext
from desktop.services.errors import InvalidInput
from desktop.services.registers import Register
from desktop.storage.models import AuditRow

EVER = (date(2000, 1, 1), date(2100, 1, 1))


def test_the_custody_register_for_a_period(officer: DeskContext) -> None:
    cli = procedure.custody_register(officer)
    assert cli, "the demo holds no ID card"
    every = registers.view(officer, Register.CUSTODY, *EVER)
    assert [r.id for r in every.rows] == [c.id for c in cli]
    days = sorted({r.day for r in every.rows})
    first = registers.view(officer, Register.CUSTODY, days[0], days[0])
    assert first.rows and {r.day for r in first.rows} == {days[0]}
    before = registers.view(officer, Register.CUSTODY, days[0] - timedelta(days=30), days[0])
    assert all(r.day <= days[0] for r in before.rows)
    row = every.rows[0]
    assert row.cells(Register.CUSTODY, "kk")[2] == "Жеке куәлік"
    assert row.cells(Register.CUSTODY, "ru")[7] == "на хранении"
    assert row.cells(Register.CUSTODY, "en")[2] == "ID card"
    with pytest.raises(InvalidInput):
        registers.view(officer, Register.CUSTODY, days[0], days[0] - timedelta(days=1))


def test_held_only_ignores_the_period_and_a_release_leaves_it(officer: DeskContext) -> None:
    held = registers.view(officer, Register.CUSTODY, *EVER, held_only=True)
    assert held.rows
    # A period that holds nothing still shows what is in the safe.
    none = registers.view(officer, Register.CUSTODY, date(2000, 1, 1), date(2000, 1, 2))
    assert none.rows == ()
    assert (
        registers.view(
            officer, Register.CUSTODY, date(2000, 1, 1), date(2000, 1, 2), held_only=True
        ).rows
        == held.rows
    )
    registers.release(officer, held.rows[0].id, "to the police")
    after = registers.view(officer, Register.CUSTODY, *EVER, held_only=True)
    assert [r.id for r in after.rows] == [r.id for r in held.rows[1:]]
    released = registers.view(officer, Register.CUSTODY, *EVER).rows[0]
    assert released.released_on == officer.today() and released.note == "to the police"


def test_a_written_register_is_audited(officer: DeskContext, tmp_path: Path) -> None:
    data = registers.view(officer, Register.CUSTODY, *EVER)
    written = registers.write(officer, data, tmp_path / "custody.csv")
    assert written.kind == "csv" and written.rows == len(data.rows)
    rows = list(csv.reader((tmp_path / "custody.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == len(data.rows) + 1
    assert (tmp_path / "custody.csv").stat().st_mode & 0o077 == 0  # owner-only: personal data
    pdf = registers.write(officer, data, tmp_path / "custody.pdf")
    assert pdf.kind == "pdf" and (tmp_path / "custody.pdf").read_bytes().startswith(b"%PDF")
    with officer.uow() as uow:
        actions = uow.session.scalars(
            select(AuditRow.action).where(AuditRow.action.like("registers.%"))
        ).all()
    assert actions == ["registers.print.custody", "registers.print.custody"]
    with pytest.raises(Exception, match="Cannot write"):
        registers.write(officer, data, tmp_path / "custody.csv" / "inside-a-file.csv")
