"""The police decisions recorded on received cases (§8, §9, §11)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.department.casebook import version_of
from desktop.department.core import FINAL_KINDS, DepartmentCore, DepartmentError
from desktop.department.store import Case, Decision, DecisionDocument, utcnow
from desktop.sync import records


class StaleCase(DepartmentError):
    """The case changed since the officer looked at it (optimistic locking): nothing done."""

    code = "department-stale"


class Decisions(DepartmentCore):
    """The police decisions recorded on received cases (§8, §9, §11)."""

    # -- deciding --------------------------------------------------------------------------
    def find_case(self, s: Session, ref: str, mission: str | None = None) -> Case:
        query = select(Case).where((Case.number == ref) | (Case.case_ref == ref))
        if mission:
            query = query.where(Case.mission_code == mission)
        found = s.scalars(query).all()
        if not found:
            raise DepartmentError(f"no case {ref!r} has been received")
        if len(found) > 1:
            raise DepartmentError(f"{ref!r} names cases of several missions: add --mission")
        return found[0]

    def decide(
        self,
        case_ref: str,
        kind: str,
        *,
        police_department: str,
        police_department_ru: str | None = None,
        number: str,
        on: date,
        after_objection: bool = False,
        note: str | None = None,
        mission: str | None = None,
        case_id: int | None = None,
        expected_version: str | None = None,
        document: tuple[str, str, bytes] | None = None,
    ) -> Decision:
        """Record the police decision on a case (§8, §9; §11 after an objection).

        The case row is locked for the transaction, so two staff deciding one case at once
        take turns and the second finds the first's decision. ``expected_version`` (the
        console's form) is the case's ``updated_at`` as the deciding officer saw it: if the
        case changed since, ``StaleCase`` says so and nothing is recorded. ``document`` is
        (file name, media type, bytes) of the police's decision document.

        `police_department` is the body's name in Kazakh as Annex 4 prints it ("Алматы
        қаласы"), `police_department_ru` in Russian, genitive ("города Алматы"), for the
        notification's Russian line; without it the mission uses its list of the Police
        Departments (documents/police.py)."""
        if kind not in records.DECISION_KINDS:
            raise DepartmentError(f"unknown decision kind {kind!r}")
        if not police_department.strip() or not number.strip():
            raise DepartmentError("the Police Department and the decision number are required")
        if len(police_department.strip()) > 300 or len((police_department_ru or "").strip()) > 300:
            raise DepartmentError("the Police Department's name is longer than 300 characters")
        if on > datetime.now(UTC).date():
            raise DepartmentError("the decision date is in the future")
        with self.uow() as tx:
            s = tx.session
            if case_id is not None:
                found = s.get(Case, case_id, with_for_update=True)
                if found is None:
                    raise DepartmentError(f"no case {case_id} has been received")
                case = found
            else:
                case = self.find_case(s, case_ref, mission)
                s.refresh(case, with_for_update=True)
            if expected_version is not None and version_of(case) != expected_version:
                raise StaleCase(
                    f"case {case.number} was changed by someone else while you were deciding; "
                    "nothing was recorded: look at it again"
                )
            previous = s.scalars(
                select(Decision).where(Decision.case_id == case.id).order_by(Decision.recorded_at)
            ).all()
            kinds = [d.kind for d in previous]
            if any(k in FINAL_KINDS for k in kinds):
                raise DepartmentError(f"case {case.number} already has a final decision")
            if "preliminary_refusal" in kinds:
                # §11: after a preliminary refusal only the outcome of the objection remains.
                if kind == "preliminary_refusal":
                    raise DepartmentError(f"case {case.number} already has a preliminary refusal")
                after_objection = True
            elif after_objection:
                raise DepartmentError(
                    "--after-objection needs an earlier preliminary refusal on the case"
                )
            if after_objection and kind not in FINAL_KINDS:
                raise DepartmentError("after an objection the decision is permission or refusal")
            if kind == "reasoned_refusal" and "preliminary_refusal" not in kinds:
                # §11 (05.12.2025): the internal affairs body refuses only preliminarily
                # ("алдын ала бас тартқан жағдайда"); a reasoned refusal comes only after the
                # applicant's objection was reviewed (after "no objection" the mission sends
                # it itself).
                raise DepartmentError(
                    f"case {case.number} has no preliminary refusal: a reasoned refusal comes "
                    "only after a preliminary refusal and the review of the applicant's "
                    "objection (§11); record a preliminary refusal first"
                )
            decision = Decision(
                id=str(uuid.uuid4()),
                case_id=case.id,
                kind=kind,
                after_objection=after_objection,
                police_department=police_department.strip(),
                police_department_ru=(police_department_ru or "").strip() or None,
                number=number.strip(),
                date=on.isoformat(),
                note=note,
                recorded_at=utcnow(),
                recorded_by=self.user,
                acknowledged_at=None,
            )
            s.add(decision)
            if document is not None:
                name, media_type, data = document
                s.add(
                    DecisionDocument(
                        decision_id=decision.id,
                        file_name=name[:300],
                        media_type=media_type[:100],
                        data=data,
                    )
                )
            case.stage = kind
            case.updated_at = utcnow()
            self._audit(s, "decide", f"case {case.id}: {kind}")
            tx.commit()
            return decision
