"""The audit log is append-only and its hash chain shows any edit or deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.domain.questionnaire import Questionnaire
from desktop.services import cases, session
from desktop.services.context import DeskContext
from desktop.services.errors import PermissionDenied


def _write_some(ctx: DeskContext) -> None:
    saved = cases.create_draft(ctx, Questionnaire(surname="Тестов", name="Ерлан"))
    q = cases.get_case(ctx, saved.summary.id).questionnaire
    q.patronymic = "Қайратұлы"
    cases.update_questionnaire(ctx, saved.summary.id, q)


def test_chain_verifies_and_records_fields_not_values(admin: DeskContext) -> None:
    _write_some(admin)
    report = session.audit_report(admin)
    assert report.ok, report.problems
    assert report.entries >= 8
    with admin.store.engine.connect() as conn:
        details = [r[0] for r in conn.execute(text("SELECT detail FROM audit_log"))]
    assert any("patronymic" in d for d in details)
    assert not any("Қайратұлы" in d or "\\u049a" in d for d in details)


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET officer = 'x'", "DELETE FROM audit_log"]
)
def test_database_refuses_to_change_the_log(admin: DeskContext, statement: str) -> None:
    with pytest.raises(IntegrityError, match="append-only"), admin.store.engine.begin() as conn:
        conn.execute(text(statement))


def _tamper(ctx: DeskContext, statement: str) -> None:
    with ctx.store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))
        conn.execute(text(statement))


def test_an_edited_entry_is_detected(admin: DeskContext) -> None:
    _write_some(admin)
    _tamper(admin, "UPDATE audit_log SET officer = 'someone' WHERE id = 3")
    report = session.audit_report(admin)
    assert report.problems == ["entry 3 was altered after it was written"]


def test_a_deleted_entry_is_detected(admin: DeskContext) -> None:
    _write_some(admin)
    _tamper(admin, "DELETE FROM audit_log WHERE id = 4")
    problems = session.audit_report(admin).problems
    assert "entries 4–4 are missing" in problems
    assert "entry 5 does not follow the entry before it" in problems


def test_a_deleted_tail_is_detected(admin: DeskContext) -> None:
    _write_some(admin)
    _tamper(admin, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    problems = session.audit_report(admin).problems
    assert len(problems) == 1 and "was written" in problems[0]


def test_only_an_administrator_verifies(officer: DeskContext) -> None:
    with pytest.raises(PermissionDenied):
        session.audit_report(officer)
