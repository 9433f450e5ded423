"""Reading: the received cases and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from desktop.department.core import STAGES, DepartmentCore, DepartmentError, _aware
from desktop.department.store import Case, Decision, Scan


@dataclass(frozen=True)
class CaseSummary:
    mission: str
    number: str
    case_ref: str
    stage: str
    applicant: str
    received_at: datetime
    updated_at: datetime
    decisions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def irregular(self) -> bool:
        """§11 (05.12.2025): a reasoned refusal recorded without an earlier preliminary
        refusal (an older store let it through); shown, never changed."""
        kinds = [d["kind"] for d in self.decisions]
        if "reasoned_refusal" not in kinds:
            return False
        return "preliminary_refusal" not in kinds[: kinds.index("reasoned_refusal")]

    def as_dict(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "number": self.number,
            "id": self.case_ref,
            "stage": self.stage,
            "applicant": self.applicant,
            "received_at": self.received_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "decisions": self.decisions,
            "irregular": self.irregular,
        }


class Queries(DepartmentCore):
    """Reading: the received cases and counts."""

    # -- listing ---------------------------------------------------------------------------
    def cases(self, *, mission: str | None = None, stage: str | None = None) -> list[CaseSummary]:
        if stage is not None and stage not in STAGES:
            raise DepartmentError(f"unknown stage {stage!r}; one of: {', '.join(STAGES)}")
        with self.uow() as tx:
            s = tx.session
            query = select(Case).order_by(Case.mission_code, Case.number)
            if mission:
                query = query.where(Case.mission_code == mission)
            if stage:
                query = query.where(Case.stage == stage)
            result = []
            for c in s.scalars(query):
                q = c.questionnaire
                applicant = " ".join(
                    str(q.get(k, "")) for k in ("surname", "name", "patronymic") if q.get(k)
                )
                decisions = [
                    {
                        "kind": d.kind,
                        "number": d.number,
                        "date": d.date,
                        "police_department": d.police_department,
                        "after_objection": d.after_objection,
                        "acknowledged": d.acknowledged_at is not None,
                    }
                    for d in s.scalars(
                        select(Decision)
                        .where(Decision.case_id == c.id)
                        .order_by(Decision.recorded_at)
                    )
                ]
                result.append(
                    CaseSummary(
                        c.mission_code,
                        c.number,
                        c.case_ref,
                        c.stage,
                        applicant,
                        _aware(c.received_at),
                        _aware(c.updated_at),
                        decisions,
                    )
                )
            return result

    def scan_count(self) -> int:
        with self.uow() as tx:
            s = tx.session
            return int(s.scalar(select(func.count(Scan.id))) or 0)
