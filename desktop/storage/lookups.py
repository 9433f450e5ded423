"""Read-only queries that feed the desk's pick lists (place completion, stage filter)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.storage.models import CaseRow, DeadlineRow


def recent_questionnaires(session: Session, limit: int) -> Sequence[dict[str, Any]]:
    """The questionnaire documents of the `limit` most recently opened cases."""
    return session.scalars(
        select(CaseRow.questionnaire).order_by(CaseRow.id.desc()).limit(limit)
    ).all()


def stage_counts(session: Session) -> dict[str, int]:
    """How many cases are at each stage (an index-only GROUP BY)."""
    rows = session.execute(select(CaseRow.stage, func.count(CaseRow.id)).group_by(CaseRow.stage))
    return {str(stage): int(count) for stage, count in rows}


def next_deadlines(session: Session, case_ids: Sequence[int]) -> dict[int, tuple[date, str]]:
    """For each case, its earliest open clock: (due date, paragraph of the Rules)."""
    found: dict[int, tuple[date, str]] = {}
    if not case_ids:
        return found
    rows = session.execute(
        select(DeadlineRow.case_id, DeadlineRow.due, DeadlineRow.paragraph).where(
            DeadlineRow.case_id.in_(list(case_ids))
        )
    )
    for case_id, due, paragraph in rows:
        if case_id not in found or due < found[case_id][0]:
            found[int(case_id)] = (due, str(paragraph))
    return found
