"""One rule for "what day is it at the mission": the calendar's zone, for every use."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.domain.calendar import CalendarError, CalendarSpec, mission_local
from desktop.services import procedure, session
from desktop.services.context import DeskContext
from tests.conftest import PASSWORD, MovableClock

LATE_EVENING_UTC = datetime(2026, 11, 24, 20, 30, tzinfo=UTC)  # already the 25th in Seoul


def test_mission_local_follows_the_zone() -> None:
    assert mission_local(LATE_EVENING_UTC, "Asia/Seoul").date() == date(2026, 11, 25)
    assert mission_local(LATE_EVENING_UTC, "America/New_York").date() == date(2026, 11, 24)
    with pytest.raises(CalendarError):
        mission_local(datetime(2026, 11, 24, 20, 30), "Asia/Seoul")  # noqa: DTZ001 - the point


def test_the_desk_s_today_is_the_calendar_s_day(
    admin: DeskContext, demo_dir: Path, clock: MovableClock
) -> None:
    clock.now = LATE_EVENING_UTC
    procedure.set_calendar(admin, CalendarSpec(host_country="KR", timezone="Asia/Seoul"))
    # The same session follows at once, and so does the next login.
    assert admin.today() == date(2026, 11, 25)
    assert procedure.working_calendar(admin).local_date(clock()) == admin.today()
    again = session.login(demo_dir, "officer", PASSWORD, clock=clock)
    try:
        assert again.time_zone == "Asia/Seoul" and again.today() == date(2026, 11, 25)
    finally:
        again.close()
    procedure.set_calendar(admin, CalendarSpec(host_country="US", timezone="America/New_York"))
    assert admin.today() == date(2026, 11, 24)


def test_a_damaged_zone_setting_does_not_keep_officers_out(
    admin: DeskContext, demo_dir: Path, clock: MovableClock
) -> None:
    with admin.uow() as uow:
        mission = uow.mission.get()
        assert mission is not None
        mission.settings = {**(mission.settings or {}), "calendar": {"timezone": "Mars/Olympus"}}
        uow.commit()
    ctx = session.login(demo_dir, "officer", PASSWORD, clock=clock)
    try:
        assert ctx.time_zone == ""  # the workstation's zone; the calendar screen shows the fault
        assert ctx.today() == mission_local(clock()).date()
    finally:
        ctx.close()


def test_the_settings_screen_s_zone_is_today_s_zone_at_once(
    admin: DeskContext, clock: MovableClock
) -> None:
    from desktop.services import settings

    clock.now = LATE_EVENING_UTC
    assert settings.show(admin).values["host.timezone"] == "Europe/Berlin"  # the demo mission
    settings.set_value(admin, "host.timezone", "Asia/Seoul")
    assert admin.today() == date(2026, 11, 25)
    settings.set_value(admin, "host.timezone", "")
    assert admin.time_zone == "" and admin.today() == mission_local(clock()).date()
