"""§11: the preliminary refusal, the hearing and the applicant's objection term, and what an
older store let through that the 05.12.2025 text forbids."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from desktop.domain.calendar import WorkingCalendar, add_months
from desktop.domain.i18n import Text
from desktop.domain.workflow.actions import Action
from desktop.domain.workflow.errors import (
    M_HEARING_AFTER_OBJECTION_TERM,
    M_HEARING_BEFORE_NOTICE,
    M_HEARING_DAY_OFF,
    M_HEARING_NEAR_TERM_END,
    M_OBJECTION_TERM,
    M_WAIVER_AFTER,
    WorkflowError,
)
from desktop.domain.workflow.fields import date_of
from desktop.domain.workflow.stages import HEARING_BEFORE_END_WORKING_DAYS, OBJECTION_WORKING_DAYS
from desktop.domain.workflow.state import CaseState, Event


def objection_term_end(delivered: date, calendar: WorkingCalendar) -> date:
    """§11: the last day the applicant may object ("алдын ала шешімді алған күннен бастап
    2 (екі) жұмыс күнінен кешіктірілмейтін мерзімде")."""
    return calendar.add_working_days(delivered, OBJECTION_WORKING_DAYS)


def check_hearing(data: Mapping[str, Any], calendar: WorkingCalendar | None) -> None:
    """§11: the hearing on a working day of the mission, not before the applicant has the
    notice, and within the 2-working-day objection term (the hearing is where the applicant
    expresses a position on the preliminary decision, which that term bounds)."""
    hearing = datetime.fromisoformat(str(data["hearing_at"])).date()
    delivered = date_of(data, "delivered_on") or date_of(data, "on")
    assert delivered is not None
    if hearing < delivered:
        raise WorkflowError(
            "hearing_before_notice",
            M_HEARING_BEFORE_NOTICE.format(day=hearing, delivered=delivered),
        )
    if calendar is None:
        return
    if not calendar.is_working_day(hearing):
        raise WorkflowError("hearing_day_off", M_HEARING_DAY_OFF.format(day=hearing))
    due = objection_term_end(delivered, calendar)
    if hearing > due:
        raise WorkflowError(
            "hearing_after_term",
            M_HEARING_AFTER_OBJECTION_TERM.format(day=hearing, due=due),
        )


def advisories(state: CaseState, event: Event, calendar: WorkingCalendar) -> list[Text]:
    """Warnings a step earns without being refused, where the Rules can be read two ways.

    §11 "Тыңдау туралы хабарлама мемлекеттік қызмет көрсету мерзімі аяқталардан кемі 3 (үш)
    жұмыс күні бұрын жіберіледі" speaks of the notice; the hearing itself is also expected
    by then (docs/rules.md), so a later hearing is warned about, not refused."""
    out: list[Text] = []
    if event.kind == Action.SEND_PRELIMINARY_REFUSAL.value and state.accepted_on is not None:
        end = add_months(state.accepted_on, 3)
        latest = calendar.add_working_days(end, -HEARING_BEFORE_END_WORKING_DAYS)
        hearing = datetime.fromisoformat(str(event.data["hearing_at"])).date()
        if hearing > latest:
            out.append(M_HEARING_NEAR_TERM_END.format(day=hearing, end=end, latest=latest))
    return out


M_IRREGULAR_REFUSAL = Text(
    "Тұрақсыз іс: бас тарту алдын ала бас тартусыз және тыңдаусыз жазылған (11-тармақ, "
    "05.12.2025 редакциясы). Іс өзгертілмеді; оны тексеріңіз.",
    "Нерегулярное дело: отказ записан без предварительного отказа и заслушивания (п. 11 в "
    "ред. от 05.12.2025). Дело не изменено; проверьте его.",
    "Irregular case: a refusal was recorded without a preliminary refusal and the hearing "
    "(§11 as amended on 05.12.2025). The case was not changed; check it.",
)


def irregularities(state: CaseState) -> list[Text]:
    """What an older store let through that the Rules now forbid; shown, never changed."""
    out: list[Text] = []
    if (
        state.refusal_notice_on is not None or state.refusal_sent_on is not None
    ) and state.preliminary_notice_on is None:
        out.append(M_IRREGULAR_REFUSAL)
    return out


def check_no_objection(
    state: CaseState, data: Mapping[str, Any], calendar: WorkingCalendar | None
) -> None:
    """§11: "no objection" only after the objection term ended, unless waived in writing."""
    on = date_of(data, "on")
    waiver = date_of(data, "waiver_on")
    if waiver is not None and on is not None and waiver > on:
        raise WorkflowError("waiver_after", M_WAIVER_AFTER.format(day=waiver))
    delivered = state.draft_delivered_on or state.draft_sent_on
    if calendar is not None and on is not None and delivered is not None and waiver is None:
        last_day = objection_term_end(delivered, calendar)
        if on <= last_day:
            raise WorkflowError("objection_term", M_OBJECTION_TERM.format(due=last_day))
