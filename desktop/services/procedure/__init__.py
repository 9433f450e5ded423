"""Use cases of the procedure (§3–§12): the checklist, each step of a case, deadlines, custody.

Every step is one transaction that writes an event, moves `cases.stage`, replaces the case's
stored open deadlines and appends an audit entry. Guards the officers rely on:

- the workstation clock must not be behind the newest stored event (a clock set back is
  reported and audited, and nothing is written with the wrong time);
- an IIN that already has an open case is reported with that case (a warning with a link);
- acceptance only with a complete checklist (§4); a refusal records what was missing (§5);
- an action outside the Annex 3 reception hours succeeds with a warning.

The rooms: `errors.py` (the refusals), `loading.py` (a case, its checklist, the calendar and the
clock guard inside a unit of work), `duplicates.py` (the duplicate-IIN guard),
`calendar_admin.py` (changing the calendar, recomputing deadlines), `checklist.py` (§3),
`custody.py` (§3(2) ID cards withdrawn), `steps.py` (each step, §4–§13), `timeline.py` (a
case's procedure as the desk shows it), `dashboard_view.py`, `journal_view.py` (§13) and
`handout_reads.py` (what the §4/§5 handouts print).
"""

from __future__ import annotations

from desktop.services.errors import InvalidInput  # callers catch it from here too
from desktop.services.procedure.calendar_admin import (
    CalendarChange,
    DeadlineChange,
    recompute_deadlines,
    set_calendar,
)
from desktop.services.procedure.checklist import (
    ChecklistView,
    attach_scans,
    detach_scans,
    get_checklist,
    record_item,
    set_facts,
)
from desktop.services.procedure.custody import (
    CustodyEntry,
    custody_register,
    release_custody,
    take_into_custody,
)
from desktop.services.procedure.dashboard_view import Dashboard, DashboardRow, dashboard
from desktop.services.procedure.duplicates import duplicate_warning, open_cases_with_iin
from desktop.services.procedure.errors import (
    M_CALENDAR_CHANGED,
    M_DUPLICATE,
    M_FROZEN,
    M_NO_ACCEPTANCE,
    ClockSetBack,
    ProcedureError,
)
from desktop.services.procedure.handout_reads import (
    AcceptanceHandout,
    HandoutItem,
    acceptance_handout,
)
from desktop.services.procedure.journal_view import journal, journal_cases
from desktop.services.procedure.loading import (
    CALENDAR_HISTORY_SETTING,
    CALENDAR_SETTING,
    EVENT_CALENDAR,
    EVENT_CHECKLIST,
    EVENT_FACTS,
    EVENT_RETURNED,
    EVENT_SCANS,
    _facts,
    actor_of,
    calendar_by_fingerprint,
    calendar_in,
    calendar_spec,
    case_events,
    checklist_row,
    checklist_status,
    load_events,
    mission_row,
    store_deadlines,
    working_calendar,
)
from desktop.services.procedure.steps import (
    StepResult,
    accept,
    perform,
    refuse_acceptance,
    with_journal_number,
)
from desktop.services.procedure.timeline import (
    ProcedureView,
    StoredDeadline,
    TimelineEntry,
    procedure_view,
    stored_deadlines,
)

__all__ = [
    "CALENDAR_HISTORY_SETTING",
    "CALENDAR_SETTING",
    "EVENT_CALENDAR",
    "EVENT_CHECKLIST",
    "EVENT_FACTS",
    "EVENT_RETURNED",
    "EVENT_SCANS",
    "M_CALENDAR_CHANGED",
    "M_DUPLICATE",
    "M_FROZEN",
    "M_NO_ACCEPTANCE",
    "AcceptanceHandout",
    "CalendarChange",
    "ChecklistView",
    "ClockSetBack",
    "CustodyEntry",
    "Dashboard",
    "DashboardRow",
    "DeadlineChange",
    "HandoutItem",
    "InvalidInput",
    "ProcedureError",
    "ProcedureView",
    "StepResult",
    "StoredDeadline",
    "TimelineEntry",
    "_facts",
    "accept",
    "acceptance_handout",
    "actor_of",
    "attach_scans",
    "calendar_by_fingerprint",
    "calendar_in",
    "calendar_spec",
    "case_events",
    "checklist_row",
    "checklist_status",
    "custody_register",
    "dashboard",
    "detach_scans",
    "duplicate_warning",
    "get_checklist",
    "journal",
    "journal_cases",
    "load_events",
    "mission_row",
    "open_cases_with_iin",
    "perform",
    "procedure_view",
    "recompute_deadlines",
    "record_item",
    "refuse_acceptance",
    "release_custody",
    "set_calendar",
    "set_facts",
    "store_deadlines",
    "stored_deadlines",
    "take_into_custody",
    "with_journal_number",
    "working_calendar",
]
