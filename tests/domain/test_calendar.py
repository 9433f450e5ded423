"""The working-day calendar behind every clock of §6, §7, §10, §11 and §16, and Annex 3 hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import (
    CalendarError,
    CalendarSpec,
    ReceptionPurpose,
    ReceptionSchedule,
    TimeWindow,
    WorkingCalendar,
    add_months,
)


def cal(host: str = "", **kw: object) -> WorkingCalendar:
    return WorkingCalendar(CalendarSpec(host_country=host, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("host", "start", "n", "expected", "why"),
    [
        # Kazakhstan alone
        ("", date(2026, 11, 23), 2, date(2026, 11, 25), "§6: Monday + 2 working days"),
        ("", date(2026, 11, 27), 2, date(2026, 12, 1), "weekend skipped"),
        ("", date(2025, 12, 31), 1, date(2026, 1, 5), "year end: 1-2 Jan holidays + weekend"),
        ("", date(2025, 1, 2), 1, date(2025, 1, 5), "KZ transfer: 3 Jan off, Sunday 5 Jan worked"),
        ("", date(2024, 5, 3), 1, date(2024, 5, 4), "KZ transfer: Saturday 4 May 2024 worked"),
        ("", date(2024, 5, 7), 1, date(2024, 5, 10), "8 May 2024 off (transfer), 9 May Victory"),
        ("", date(2025, 3, 20), 1, date(2025, 3, 26), "Nauryz 21-25 March 2025"),
        ("", date(2025, 12, 15), 1, date(2025, 12, 17), "16 December Independence Day"),
        # Germany
        ("DE", date(2025, 12, 23), 2, date(2025, 12, 29), "DE Christmas 25-26 Dec"),
        ("DE", date(2025, 10, 2), 1, date(2025, 10, 6), "DE 3 October"),
        ("DE", date(2025, 12, 31), 1, date(2026, 1, 5), "DE+KZ year end"),
        # Russia (its own transferred days off apply; its working Saturdays do not)
        ("RU", date(2025, 12, 31), 1, date(2026, 1, 12), "RU New Year holidays to 9 Jan"),
        (
            "RU",
            date(2025, 10, 31),
            1,
            date(2025, 11, 5),
            "RU 1 Nov worked there, not here; 3-4 off",
        ),
        # Turkey
        ("TR", date(2025, 3, 28), 1, date(2025, 4, 2), "TR Ramazan Bayramı 30 Mar-1 Apr"),
        ("TR", date(2025, 10, 28), 1, date(2025, 10, 30), "TR Republic Day 29 Oct"),
        # Korea
        ("KR", date(2025, 10, 2), 1, date(2025, 10, 10), "KR Foundation Day, Chuseok, Hangul Day"),
        # Backwards (§11: hearing notice ≥ 3 working days before the term ends)
        ("", date(2026, 11, 27), -3, date(2026, 11, 24), "three working days back from a Friday"),
        ("", date(2026, 1, 5), -1, date(2025, 12, 31), "backwards over the year end"),
    ],
)
def test_add_working_days(host: str, start: date, n: int, expected: date, why: str) -> None:
    c = cal(host)
    assert c.add_working_days(start, n) == expected, why
    assert c.working_days_between(start, expected) == n


def test_zero_days_is_the_day_or_the_next_working_one() -> None:
    c = cal()
    assert c.add_working_days(date(2026, 11, 24), 0) == date(2026, 11, 24)
    assert c.add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)


def test_transfers_can_be_switched_off() -> None:
    c = cal(follow_kz_transfers=False)
    assert not c.is_working_day(date(2025, 1, 5))


def test_mission_overrides_win() -> None:
    closed = date(2026, 11, 25)
    open_holiday = date(2025, 12, 16)
    c = cal(closures=(closed,), extra_working_days=(open_holiday,))
    assert not c.is_working_day(closed)
    assert c.is_working_day(open_holiday)
    assert c.add_working_days(date(2026, 11, 24), 1) == date(2026, 11, 26)
    assert "mission closure" in c.holiday_names(closed)


def test_holiday_names_explain_a_day_off() -> None:
    names = cal("DE").holiday_names(date(2025, 12, 16))
    assert any(n.startswith("KZ:") for n in names)
    assert cal("DE").holiday_names(date(2025, 12, 25))[0].startswith("DE:")


def test_subdivision_holidays() -> None:
    # 6 January is a holiday in Bavaria, not in Berlin.
    assert not cal("DE", host_subdivision="BY").is_working_day(date(2026, 1, 6))
    assert cal("DE", host_subdivision="BE").is_working_day(date(2026, 1, 6))


def test_working_days_between_signs() -> None:
    c = cal()
    assert c.working_days_between(date(2026, 11, 24), date(2026, 11, 24)) == 0
    assert c.working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert c.working_days_between(date(2026, 11, 23), date(2026, 11, 20)) == -1


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["", "DE", "RU", "TR", "KR"]),
)
def test_add_and_count_agree(start: date, n: int, host: str) -> None:
    c = cal(host)
    end = c.add_working_days(start, n)
    assert c.is_working_day(end)
    assert c.working_days_between(start, end) == n
    assert c.add_working_days(end, -n) <= start or not c.is_working_day(start)


def test_spec_round_trip_and_fingerprint() -> None:
    spec = CalendarSpec(
        host_country="de",
        host_subdivision="BE",
        timezone="Europe/Berlin",
        closures=(date(2026, 12, 24),),
        schedule=ReceptionSchedule(no_reception_weekdays=(2, 4)),
    )
    again = CalendarSpec.from_dict(spec.to_dict())
    assert again.to_dict() == spec.to_dict()
    assert again.fingerprint == spec.fingerprint
    changed = CalendarSpec.from_dict({**spec.to_dict(), "closures": []})
    assert changed.fingerprint != spec.fingerprint
    # The hours do not change which days are working days.
    hours = CalendarSpec.from_dict({**spec.to_dict(), "schedule": {"intake": ["10:00-12:00"]}})
    assert hours.fingerprint == spec.fingerprint
    assert "KZ+DE-BE" in spec.describe()


@pytest.mark.parametrize(
    "bad",
    [
        {"host_country": "XX"},
        {"timezone": "Mars/Olympus"},
        {"weekend": (7,)},
    ],
)
def test_bad_specs_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(CalendarError):
        CalendarSpec(**bad)  # type: ignore[arg-type]


def test_time_window_parse() -> None:
    assert TimeWindow.parse("09:30-12:30") == TimeWindow(time(9, 30), time(12, 30))
    with pytest.raises(CalendarError):
        TimeWindow.parse("12:30-09:30")
    with pytest.raises(CalendarError):
        TimeWindow.parse("noon")


ALMATY = CalendarSpec(timezone="Asia/Almaty")  # UTC+5
ALMATY_ZONE = ZoneInfo("Asia/Almaty")


@pytest.mark.parametrize(
    ("local", "purpose", "ok", "why"),
    [
        (
            datetime(2026, 11, 24, 9, 30, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            True,
            "Annex 3: from 09:30",
        ),
        (
            datetime(2026, 11, 24, 12, 29, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            True,
            "until 12:30",
        ),
        (
            datetime(2026, 11, 24, 12, 30, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            False,
            "12:30 is past",
        ),
        (
            datetime(2026, 11, 24, 9, 0, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            False,
            "before 09:30",
        ),
        (
            datetime(2026, 11, 24, 16, 15, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.ISSUE,
            True,
            "results 16:00-17:00",
        ),
        (
            datetime(2026, 11, 24, 10, 0, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.ISSUE,
            False,
            "no results at 10:00",
        ),
        (
            datetime(2026, 11, 25, 10, 0, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            False,
            "Wednesday: no reception",
        ),
        (
            datetime(2026, 11, 28, 10, 0, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            False,
            "Saturday",
        ),
        (
            datetime(2026, 12, 16, 10, 0, tzinfo=ALMATY_ZONE),
            ReceptionPurpose.INTAKE,
            False,
            "Independence Day",
        ),
    ],
)
def test_reception_hours(local: datetime, purpose: ReceptionPurpose, ok: bool, why: str) -> None:
    c = WorkingCalendar(ALMATY)
    moment = local.astimezone(UTC)
    assert c.is_reception_time(moment, purpose) is ok, why
    warning = c.reception_warning(moment, purpose)
    assert (warning is None) is ok
    if warning is not None:
        assert warning.kk and warning.ru and warning.en
        # Issue 20: a day in the message reads dd.mm.yyyy, never ISO.
        assert local.date().isoformat() not in warning.kk + warning.ru + warning.en
        if "Saturday" in why or "Wednesday" in why:
            assert local.strftime("%d.%m.%Y") in warning.ru


def test_local_date_uses_the_mission_zone() -> None:
    c = WorkingCalendar(ALMATY)
    late_utc = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 01:00 on the 25th in Almaty
    assert c.local_date(late_utc) == date(2026, 11, 25)
    with pytest.raises(CalendarError):
        c.local(datetime(2026, 11, 24, 20, 0))  # noqa: DTZ001 - refusing it is the point


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 11, 24), 3, date(2027, 2, 24)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 10, 31), 3, date(2027, 1, 31)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    # §12: three months from submission; a missing day falls back to the month's last day.
    assert add_months(start, months) == expected


def test_a_calendar_without_working_days_is_an_error() -> None:
    c = cal(weekend=(0, 1, 2, 3, 4, 5, 6))
    with pytest.raises(CalendarError):
        c.add_working_days(date(2026, 1, 1), 1)
    assert c.working_days_between(date(2026, 1, 1), date(2026, 1, 1) + timedelta(days=10)) == 0


def test_without_a_zone_the_workstation_time_is_local() -> None:
    c = WorkingCalendar(CalendarSpec())
    moment = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    assert c.local(moment) == moment.astimezone()
    assert "tz local" in CalendarSpec().describe()
