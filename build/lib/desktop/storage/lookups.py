"""Read-only queries that feed the desk's pick lists (place completion, stage filter)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.storage.models import CaseRow


def recent_questionnaires(session: Session, limit: int) -> Sequence[dict[str, Any]]:
    """The questionnaire documents of the `limit` most recently opened cases."""
    return session.scalars(
        select(CaseRow.questionnaire).order_by(CaseRow.id.desc()).limit(limit)
    ).all()


def stage_counts(session: Session) -> dict[str, int]:
    """How many cases are at each stage (an index-only GROUP BY)."""
    rows = session.execute(select(CaseRow.stage, func.count(CaseRow.id)).group_by(CaseRow.stage))
    return {str(stage): int(count) for stage, count in rows}
