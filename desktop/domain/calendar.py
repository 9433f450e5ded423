"""The working-day calendar of a mission, and its reception schedule (Annex 3, line 7).

The Rules count most clocks in *working days* (§6, §7, §10, §11, §16). A mission abroad is
closed on weekends, on Kazakhstan's public holidays (it is a Kazakh state body under the Labour
Code), on the host country's public holidays (the building and the host's offices are shut),
and on days of its own (a mission closure). Kazakhstan transfers days off: a Saturday may
become a working day in exchange for a bridge day; the `holidays` package knows both sides of
such a transfer and the mission follows Kazakhstan's, not the host's, transfers.

`CalendarSpec` is the serialisable description of one mission's calendar. Each deadline
records the spec's `fingerprint`, so a deadline can always say which calendar it was computed
with, and a changed calendar is noticed.

Counting convention: a term of *n* working days that starts on day D (the acceptance, the
receipt of a notice) ends on the *n*-th working day after D; D itself is not counted (Civil
Code of Kazakhstan, art. 176: a term begins on the day after the event that starts it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from desktop.domain.i18n import Text

CALENDAR_SPEC_VERSION = 1
KAZAKHSTAN = "KZ"
# Working-day arithmetic never walks further than this: a calendar without a working day in
# two years is a configuration error, not a long wait.
_MAX_SCAN_DAYS = 730
HOLIDAYS_VERSION = str(getattr(holidays, "__version__", "unknown"))


class CalendarError(ValueError):
    """A calendar specification that cannot be used (unknown country, bad time window)."""


class ReceptionPurpose(StrEnum):
    """Annex 3, line 7: documents are accepted and results issued in different hours."""

    INTAKE = "intake"
    ISSUE = "issue"


@dataclass(frozen=True, slots=True)
class TimeWindow:
    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise CalendarError(f"time window ends before it starts: {self}")

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end

    def to_text(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> TimeWindow:
        try:
            start, end = text.split("-")
            return cls(time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
        except ValueError as exc:
            raise CalendarError(f"not a time window (HH:MM-HH:MM): {text!r}") from exc


@dataclass(frozen=True, slots=True)
class ReceptionSchedule:
    """Annex 3, line 7: documents accepted 09:30-12:30, results issued 16:00-17:00,
    Wednesday is a non-reception day. "In hot and humid countries the schedule follows local
    conditions", so every part is configurable per mission."""

    intake: tuple[TimeWindow, ...] = (TimeWindow(time(9, 30), time(12, 30)),)
    issue: tuple[TimeWindow, ...] = (TimeWindow(time(16, 0), time(17, 0)),)
    no_reception_weekdays: tuple[int, ...] = (2,)  # Monday is 0: Wednesday

    def windows(self, purpose: ReceptionPurpose) -> tuple[TimeWindow, ...]:
        return self.intake if purpose is ReceptionPurpose.INTAKE else self.issue

    def to_dict(self) -> dict[str, Any]:
        return {
            "intake": [w.to_text() for w in self.intake],
            "issue": [w.to_text() for w in self.issue],
            "no_reception_weekdays": sorted(self.no_reception_weekdays),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReceptionSchedule:
        return cls(
            intake=tuple(TimeWindow.parse(t) for t in data.get("intake", ["09:30-12:30"])),
            issue=tuple(TimeWindow.parse(t) for t in data.get("issue", ["16:00-17:00"])),
            no_reception_weekdays=tuple(int(d) for d in data.get("no_reception_weekdays", [2])),
        )


@dataclass(frozen=True, slots=True)
class CalendarSpec:
    """Which days a mission works, in a form that can be stored beside every deadline.

    `closures` are days the mission is shut although the calendars say it works (a local
    event, a move); `extra_working_days` are days it works although a calendar says it is
    off (e.g. it does not observe one host holiday). Overrides win over every calendar.
    """

    host_country: str = ""  # ISO 3166-1 alpha-2; "" for a mission that keeps KZ days only
    host_subdivision: str = ""  # e.g. "BE" for Berlin, where holidays differ by state
    # IANA zone of the mission: decides what "today" is there, for deadlines and for
    # `DeskContext.today()` alike (`mission_local`). "" means the workstation's own zone (a
    # mission's computers run on local time).
    timezone: str = ""
    weekend: tuple[int, ...] = (5, 6)  # Saturday, Sunday (Annex 3: Monday-Friday)
    closures: tuple[date, ...] = ()
    extra_working_days: tuple[date, ...] = ()
    schedule: ReceptionSchedule = field(default_factory=ReceptionSchedule)
    # Kazakhstan's transferred working Saturdays/Sundays: a mission follows them by default
    # (Labour Code); one whose host country makes weekend work impossible can switch it off.
    follow_kz_transfers: bool = True

    def __post_init__(self) -> None:
        if any(not 0 <= d <= 6 for d in self.weekend):
            raise CalendarError(f"weekend days are 0 (Monday) to 6: {self.weekend}")
        try:
            if self.timezone:
                ZoneInfo(self.timezone)
        except (KeyError, ValueError) as exc:
            raise CalendarError(f"unknown time zone {self.timezone!r}") from exc
        if (
            self.host_country
            and self.host_country.upper() not in holidays.list_supported_countries()
        ):
            raise CalendarError(f"no holiday calendar for country {self.host_country!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": CALENDAR_SPEC_VERSION,
            "host_country": self.host_country.upper(),
            "host_subdivision": self.host_subdivision,
            "timezone": self.timezone,
            "weekend": sorted(self.weekend),
            "closures": sorted(d.isoformat() for d in self.closures),
            "extra_working_days": sorted(d.isoformat() for d in self.extra_working_days),
            "schedule": self.schedule.to_dict(),
            "follow_kz_transfers": self.follow_kz_transfers,
            # The holiday tables change between releases of the package (new years, moved
            # Eid dates): the version is part of what a deadline was computed with.
            "holidays_package": HOLIDAYS_VERSION,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CalendarSpec:
        if data.get("version", CALENDAR_SPEC_VERSION) != CALENDAR_SPEC_VERSION:
            raise CalendarError(f"unknown calendar spec version {data.get('version')!r}")
        return cls(
            host_country=str(data.get("host_country", "")),
            host_subdivision=str(data.get("host_subdivision", "")),
            timezone=str(data.get("timezone", "")),
            weekend=tuple(int(d) for d in data.get("weekend", [5, 6])),
            closures=tuple(date.fromisoformat(d) for d in data.get("closures", [])),
            extra_working_days=tuple(
                date.fromisoformat(d) for d in data.get("extra_working_days", [])
            ),
            schedule=ReceptionSchedule.from_dict(data.get("schedule", {})),
            follow_kz_transfers=bool(data.get("follow_kz_transfers", True)),
        )

    @property
    def fingerprint(self) -> str:
        """A short stable hash of everything that decides working days (not the hours)."""
        data = self.to_dict()
        data.pop("schedule")
        canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def describe(self) -> str:
        host = self.host_country.upper() or "-"
        if self.host_subdivision:
            host += f"-{self.host_subdivision}"
        return (
            f"KZ+{host} holidays {HOLIDAYS_VERSION}, weekend {sorted(self.weekend)}, "
            f"{len(self.closures)} closures, {len(self.extra_working_days)} extra working days, "
            f"tz {self.timezone or 'local'} [{self.fingerprint}]"
        )

    def describe_text(self) -> Text:
        """The calendar for the officer: host holidays, weekend, closures, time zone."""
        days = {
            0: Text("дс", "пн", "Mon"),
            1: Text("сс", "вт", "Tue"),
            2: Text("ср", "ср", "Wed"),
            3: Text("бс", "чт", "Thu"),
            4: Text("жм", "пт", "Fri"),
            5: Text("сб", "сб", "Sat"),
            6: Text("жс", "вс", "Sun"),
        }
        host = self.host_country.upper() or "-"
        if self.host_subdivision:
            host += f"-{self.host_subdivision}"
        weekend = [days[d] for d in sorted(self.weekend)]
        zone = self.timezone or Text("осы компьютердің белдеуі", "пояс этого компьютера", "local")
        return Text(
            "Қазақстан мен {host} мерекелері; демалыс: {weekend}; жабық күндер: {closures}; "
            "қосымша жұмыс күндері: {extra}; уақыт белдеуі: {zone}",
            "праздники Казахстана и {host}; выходные: {weekend}; закрытые дни: {closures}; "
            "дополнительные рабочие дни: {extra}; часовой пояс: {zone}",
            "holidays of Kazakhstan and {host}; weekend: {weekend}; closures: {closures}; "
            "extra working days: {extra}; time zone: {zone}",
        ).format(
            host=host,
            weekend=weekend,
            closures=len(self.closures),
            extra=len(self.extra_working_days),
            zone=zone,
        )


M_NOT_WORKING_DAY = Text(
    "{day} — шет елдердегі мекеменің жұмыс күні емес",
    "{day} — нерабочий день загранучреждения",
    "{day} is not a working day of the mission",
)
M_NO_RECEPTION_DAY = Text(
    "{day} — қабылдау жүргізілмейтін күн (3-қосымша)",
    "{day} — неприемный день (приложение 3)",
    "{day} is a non-reception day (Annex 3)",
)
M_OUTSIDE_HOURS_INTAKE = Text(
    "Құжаттар {hours} қабылданады (3-қосымша); қазір {now}",
    "Документы принимаются {hours} (приложение 3); сейчас {now}",
    "Documents are accepted {hours} (Annex 3); it is {now}",
)
M_OUTSIDE_HOURS_ISSUE = Text(
    "Нәтижелер {hours} беріледі (3-қосымша); қазір {now}",
    "Результаты выдаются {hours} (приложение 3); сейчас {now}",
    "Results are issued {hours} (Annex 3); it is {now}",
)


class WorkingCalendar:
    """Working-day arithmetic over one `CalendarSpec` (immutable; caches day lookups)."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        self.zone: ZoneInfo | None = ZoneInfo(spec.timezone) if spec.timezone else None
        self._kz = holidays.country_holidays(KAZAKHSTAN)
        self._host: holidays.HolidayBase | None = None
        if spec.host_country and spec.host_country.upper() != KAZAKHSTAN:
            self._host = holidays.country_holidays(
                spec.host_country.upper(), subdiv=spec.host_subdivision or None
            )
        self._closures = frozenset(spec.closures)
        self._extra = frozenset(spec.extra_working_days)
        self._weekend = frozenset(spec.weekend)
        self._cache: dict[date, bool] = {}

    @property
    def fingerprint(self) -> str:
        return self.spec.fingerprint

    def holiday_names(self, day: date) -> list[str]:
        """Why a day is off, for the officer: the holidays of both countries and closures."""
        names: list[str] = []
        if day in self._closures:
            names.append("mission closure")
        kz = self._kz.get_list(day)
        names.extend(f"KZ: {n}" for n in kz)
        if self._host is not None:
            names.extend(f"{self.spec.host_country.upper()}: {n}" for n in self._host.get_list(day))
        return names

    def is_working_day(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        result = self._decide(day)
        self._cache[day] = result
        return result

    def _decide(self, day: date) -> bool:
        if day in self._extra:
            return True
        if day in self._closures:
            return False
        if day in self._kz:  # includes Kazakhstan's transferred days off
            return False
        if self._host is not None and day in self._host:
            return False
        if day.weekday() in self._weekend:
            # A Saturday that Kazakhstan made a working day (in exchange for a bridge day)
            # is a working day of a Kazakh mission too.
            # (`day in self._kz` above has populated that year, transfers included.)
            return self.spec.follow_kz_transfers and day in self._kz.weekend_workdays
        return True

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (before it when `count` is negative).

        `add_working_days(d, 0)` is `d` itself when it is a working day, else the next one.
        """
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        day = start
        if remaining == 0:
            return self.next_working_day(start, include=True)
        for _ in range(_MAX_SCAN_DAYS * max(1, remaining)):
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
                if remaining == 0:
                    return day
        raise CalendarError("no working days found: check the mission's calendar")

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        current = day if include else day + timedelta(days=1)
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise CalendarError("no working days found: check the mission's calendar")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: 0 for the same day, negative when `end` < `start`."""
        if end == start:
            return 0
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def local(self, moment: datetime) -> datetime:
        """An aware moment (stored in UTC) in the mission's own time."""
        return mission_local(moment, self.zone)

    def local_date(self, moment: datetime) -> date:
        return self.local(moment).date()

    def is_reception_time(self, moment: datetime, purpose: ReceptionPurpose) -> bool:
        return self.reception_warning(moment, purpose) is None

    def reception_warning(self, moment: datetime, purpose: ReceptionPurpose) -> Text | None:
        """Why `moment` is outside the Annex 3 reception hours, or None when it is inside.

        A warning, never a block: an officer may accept documents late for a good reason, but
        the app says so (issue 4, item 4).
        """
        local = self.local(moment)
        day = local.date()
        if not self.is_working_day(day):
            return M_NOT_WORKING_DAY.format(day=day)
        if day.weekday() in self.spec.schedule.no_reception_weekdays:
            return M_NO_RECEPTION_DAY.format(day=day)
        windows = self.spec.schedule.windows(purpose)
        if any(w.contains(local.time()) for w in windows):
            return None
        hours = ", ".join(w.to_text() for w in windows)
        message = (
            M_OUTSIDE_HOURS_INTAKE if purpose is ReceptionPurpose.INTAKE else M_OUTSIDE_HOURS_ISSUE
        )
        return message.format(hours=hours, now=f"{local:%H:%M}")


def add_months(day: date, months: int) -> date:
    """The corresponding day `months` later; when the month is shorter, its last day
    (Civil Code of Kazakhstan, art. 173: a term in months ends on the corresponding date of
    the last month, or on that month's last day)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def mission_local(moment: datetime, zone: ZoneInfo | str | None = None) -> datetime:
    """An aware moment in the mission's time: its IANA zone, or the workstation's when unset.

    The one rule for "what day is it at the mission": deadlines, forms and the desk all use it.
    """
    if moment.tzinfo is None:
        raise CalendarError("a moment without a time zone cannot be placed in a calendar")
    if isinstance(zone, str):
        zone = ZoneInfo(zone) if zone else None
    return moment.astimezone(zone) if zone is not None else moment.astimezone()
