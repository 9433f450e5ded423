"""Mission settings: one typed registry over the `mission.settings` JSON of the store.

What lives here is what the mission's printed forms and clocks need and what an administrator
changes once in a while: the mission's code and name, the host country and city, the address
and contacts printed on forms, the reception schedule and closures, the signing officials, and
the backup folder with its reminder. Every change is validated, then audited (the key, not the
value: an official's name is personal data and the audit log must not repeat it).

The calendar part is kept in the shape of `CalendarSpec.to_dict()` of the working-day calendar
(`desktop/domain/calendar.py`): `settings["calendar"]` can be handed to `CalendarSpec.from_dict`
as it is (host country, subdivision, time zone, weekend, closures, extra working days,
reception schedule with intake/issue windows and non-reception weekdays, Kazakhstan's transfers).
"""

from __future__ import annotations

import copy
import json
import re
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from sqlalchemy.exc import IntegrityError, OperationalError

from desktop.domain.i18n import Text
from desktop.services.context import DeskContext, Role, calendar_time_zone
from desktop.services.errors import InvalidInput, NotFound, StoreDamaged

SETTINGS_VERSION = 1
DEFAULT_REMINDER_DAYS = 7
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MISSION_CODE_RE = re.compile(r"^[A-Z0-9-]{2,16}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{5,32}$")
_WINDOW_RE = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")


def _bad(kk: str, ru: str, en: str) -> InvalidInput:
    return InvalidInput(Text(kk, ru, en))


# --- parsers: text from the CLI or a dialog -> the stored JSON value ------------------------


def _text(limit: int, *, required: bool = False) -> Callable[[str], Any]:
    def parse(raw: str) -> str:
        value = raw.strip()
        if required and not value:
            raise _bad("Мән міндетті", "Значение обязательно", "A value is required")
        if len(value) > limit:
            raise _bad(
                f"Тым ұзын (ең көбі {limit} таңба)",
                f"Слишком длинно (не более {limit} символов)",
                f"Too long (at most {limit} characters)",
            )
        return value

    return parse


def _mission_code(raw: str) -> str:
    code = raw.strip().upper()
    if not _MISSION_CODE_RE.match(code):
        raise _bad(
            "Шет елдердегі мекеменің коды: латын бас әріптері, цифрлар, дефис (2–16)",
            "Код загранучреждения: заглавные латинские буквы, цифры, дефис (2–16)",
            "Mission code: capital Latin letters, digits, hyphen (2–16)",
        )
    return code


def _country(raw: str) -> str:
    iso = raw.strip().upper()
    if len(iso) != 2 or not iso.isascii() or not iso.isalpha():
        raise _bad(
            "Ел коды: ISO 3166 екі әріп (мысалы, DE)",
            "Код страны: две буквы ISO 3166 (например, DE)",
            "Country: two-letter ISO 3166 code (e.g. DE)",
        )
    if iso != "KZ" and iso not in holidays.list_supported_countries():
        # The working-day calendar needs the host's public holidays (§6, §10 count working days).
        raise _bad(
            f"{iso} елінің мерекелер күнтізбесі жоқ",
            f"Нет календаря праздников для страны {iso}",
            f"No public-holiday calendar is known for {iso}",
        )
    return iso


def _subdivision(raw: str) -> str:
    value = raw.strip().upper()
    if value and not re.fullmatch(r"[A-Z0-9]{1,8}", value):
        raise _bad(
            "Аймақ коды: ISO 3166-2 (мысалы, `BE`)",
            "Код региона: ISO 3166-2 (например, `BE`)",
            "Subdivision: ISO 3166-2 code (e.g. BE)",
        )
    return value


def _timezone(raw: str) -> str:
    value = raw.strip()
    if not value:
        return ""  # this computer's own zone (a mission's computers run on local time)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _bad(
            f"Белгісіз уақыт белдеуі: {value} (мысалы, `Europe/Berlin`)",
            f"Неизвестный часовой пояс: {value} (например, `Europe/Berlin`)",
            f"Unknown time zone: {value} (e.g. Europe/Berlin)",
        ) from None
    return value


def _email(raw: str) -> str:
    value = raw.strip()
    if value and not _EMAIL_RE.match(value):
        raise _bad("Электрондық пошта қате", "Неверный адрес эл. почты", "Not an e-mail address")
    return value


def _phone(raw: str) -> str:
    value = raw.strip()
    if value and not _PHONE_RE.match(value):
        raise _bad(
            "Телефон: цифрлар, +, бос орын, жақша, дефис",
            "Телефон: цифры, +, пробел, скобки, дефис",
            "Phone: digits, +, spaces, brackets, hyphens",
        )
    return value


def _windows(raw: str) -> list[str]:
    """'09:30-12:30, 14:00-15:00' -> ['09:30-12:30', '14:00-15:00'] (Annex 3, line 7)."""
    out: list[str] = []
    for part in (p for p in raw.split(",") if p.strip()):
        match = _WINDOW_RE.match(part)
        try:
            if not match:
                raise ValueError
            start, end = (
                time.fromisoformat(match[1].zfill(5)),
                time.fromisoformat(match[2].zfill(5)),
            )
        except ValueError:
            raise _bad(
                f"Уақыт аралығы СС:ММ-СС:ММ болуы керек: {part.strip()}",
                f"Интервал должен быть ЧЧ:ММ-ЧЧ:ММ: {part.strip()}",
                f"A time window is HH:MM-HH:MM: {part.strip()}",
            ) from None
        if end <= start:
            raise _bad(
                f"Аралық басталмай тұрып аяқталады: {part.strip()}",
                f"Интервал заканчивается раньше начала: {part.strip()}",
                f"The window ends before it starts: {part.strip()}",
            )
        out.append(f"{start:%H:%M}-{end:%H:%M}")
    if not out:
        raise _bad(
            "Кемінде бір уақыт аралығы керек",
            "Нужен хотя бы один интервал",
            "At least one time window is needed",
        )
    return out


def _weekdays(raw: str) -> list[int]:
    """'sat,sun' or '5,6' -> [5, 6] (Monday is 0, as in CalendarSpec)."""
    days: set[int] = set()
    for part in (p.strip().lower() for p in raw.split(",") if p.strip()):
        if part in WEEKDAYS:
            days.add(WEEKDAYS.index(part))
        elif part.isdigit() and 0 <= int(part) <= 6:
            days.add(int(part))
        else:
            raise _bad(
                f"Апта күні: `mon`…`sun` немесе 0…6, берілгені {part}",
                f"День недели: `mon`…`sun` или 0…6, дано {part}",
                f"A weekday is mon…sun or 0…6, got {part}",
            )
    return sorted(days)


def _weekend(raw: str) -> list[int]:
    days = _weekdays(raw)
    if len(days) > 5:
        raise _bad(
            "Аптада кемінде екі жұмыс күні болуы керек",
            "В неделе должно быть хотя бы два рабочих дня",
            "A week needs at least two working days",
        )
    return days


def _day(text: str) -> date:
    """A date as the officer writes it (dd.mm.yyyy) or as stored (ISO)."""
    text = text.strip()
    if len(text) == 10 and text[2] == "." and text[5] == ".":
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))
    return date.fromisoformat(text)


def _dates(raw: str) -> list[str]:
    """'24.12.2026, 31.12.2026' or a range '24.12.2026..31.12.2026' (or ISO) -> ISO dates."""
    found: set[date] = set()
    for part in (p.strip() for p in raw.split(",") if p.strip()):
        try:
            if ".." in part:
                first, last = (_day(x) for x in part.split("..", 1))
                if last < first or (last - first).days > 366:
                    raise ValueError
                found.update(first + timedelta(days=i) for i in range((last - first).days + 1))
            else:
                found.add(_day(part))
        except ValueError:
            raise _bad(
                f"Күн КК.АА.ЖЖЖЖ түрінде (немесе аралық КК.АА.ЖЖЖЖ..КК.АА.ЖЖЖЖ): {part}",
                f"Дата в виде ДД.ММ.ГГГГ (или период ДД.ММ.ГГГГ..ДД.ММ.ГГГГ): {part}",
                f"A date is DD.MM.YYYY (or a range DD.MM.YYYY..DD.MM.YYYY): {part}",
            ) from None
    return sorted(d.isoformat() for d in found)


def _flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"yes", "true", "1", "on", "иә", "да"}:
        return True
    if value in {"no", "false", "0", "off", "жоқ", "нет"}:
        return False
    raise _bad("Иә немесе жоқ (`yes`/`no`)", "Да или нет (`yes`/`no`)", "yes or no")


def _reminder_days(raw: str) -> int:
    try:
        days = int(raw.strip())
    except ValueError:
        days = -1
    if not 1 <= days <= 365:
        raise _bad(
            "Еске салу: 1-ден 365 күнге дейін",
            "Напоминание: от 1 до 365 дней",
            "Reminder: 1 to 365 days",
        )
    return days


def _folder(raw: str) -> str:
    value = raw.strip()
    if value and not Path(value).expanduser().is_absolute():
        raise _bad(
            "Сақтық көшірме қалтасы толық жол болуы керек",
            "Папка резервных копий должна быть полным путем",
            "The backup folder must be an absolute path",
        )
    return value


def _department_url(raw: str) -> str:
    """The Department's sync server: https://host[:port][/path], or empty (hand carriage only)."""
    from urllib.parse import urlsplit

    value = raw.strip().rstrip("/")
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme != "https" or not parts.hostname or parts.query:
        raise _bad(
            "Департамент мекенжайы `https://` деп басталуы керек, мысалы `https://sync.example:8443`",
            "Адрес Департамента должен начинаться с `https://`, например `https://sync.example:8443`",
            "The Department's address must start with https://, e.g. https://sync.example:8443",
        )
    return value


def _whole(low: int, high: int, what: tuple[str, str, str]) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        text = raw.strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise _bad(
                f"{what[0]}: {low}-ден {high}-ге дейін бүтін сан",
                f"{what[1]}: целое число от {low} до {high}",
                f"{what[2]}: a whole number from {low} to {high}",
            )
        return int(text)

    return parse


_OFFICIAL_FIELDS = ("name", "position_kk", "position_ru")


def _officials(raw: str) -> list[dict[str, str]]:
    """A JSON list: [{"name": …, "position_kk": …, "position_ru": …, "login": optional}]."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError:
        doc = None
    if not isinstance(doc, list):
        raise _bad(
            'JSON тізімі керек: [{"name": …, "position_kk": …, "position_ru": …}]',
            'Нужен JSON-список: [{"name": …, "position_kk": …, "position_ru": …}]',
            'Expected a JSON list: [{"name": …, "position_kk": …, "position_ru": …}]',
        )
    out: list[dict[str, str]] = []
    for i, item in enumerate(doc, 1):
        if not isinstance(item, dict) or any(
            not isinstance(item.get(f), str) or not item[f].strip() for f in _OFFICIAL_FIELDS
        ):
            raise _bad(
                f"{i}-лауазымды тұлға: `name`, `position_kk`, `position_ru` міндетті",
                f"Должностное лицо {i}: `name`, `position_kk`, `position_ru` обязательны",
                f"Official {i}: name, position_kk and position_ru are required",
            )
        official = {f: str(item[f]).strip()[:200] for f in _OFFICIAL_FIELDS}
        login = item.get("login")
        if isinstance(login, str) and login.strip():
            official["login"] = login.strip()
        out.append(official)
    return out


# --- the registry ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    path: tuple[str, ...]  # where in the JSON document; () for mission table columns
    parse: Callable[[str], Any]
    default: Any
    help: str


_DEFAULT_SCHEDULE = {
    "intake": ["09:30-12:30"],
    "issue": ["16:00-17:00"],
    "no_reception_weekdays": [2],  # Annex 3, line 7: Wednesday is not a reception day
}

REGISTRY: tuple[Setting, ...] = (
    Setting("mission.code", (), _mission_code, "", "mission code, e.g. KZ-BER"),
    Setting("mission.name", (), _text(200, required=True), "", "official name of the mission"),
    Setting("host.country", (), _country, "", "host country, ISO 3166 two letters"),
    Setting("host.city", ("host", "city"), _text(100), "", "city of the mission"),
    Setting(
        "host.subdivision",
        ("calendar", "host_subdivision"),
        _subdivision,
        "",
        "region whose public holidays apply (ISO 3166-2, e.g. BE)",
    ),
    Setting(
        "host.timezone",
        ("calendar", "timezone"),
        _timezone,
        "",  # as CalendarSpec: the workstation's zone until one is set
        "IANA time zone of the mission (empty: this computer's own)",
    ),
    Setting("forms.address_kk", ("forms", "address_kk"), _text(300), "", "address, in Kazakh"),
    Setting("forms.address_ru", ("forms", "address_ru"), _text(300), "", "address, in Russian"),
    Setting("forms.phone", ("forms", "phone"), _phone, "", "telephone printed on forms"),
    Setting("forms.email", ("forms", "email"), _email, "", "e-mail printed on forms"),
    Setting("forms.website", ("forms", "website"), _text(200), "", "web site printed on forms"),
    Setting(
        "reception.intake",
        ("calendar", "schedule", "intake"),
        _windows,
        _DEFAULT_SCHEDULE["intake"],
        "hours documents are accepted, e.g. 09:30-12:30",
    ),
    Setting(
        "reception.issue",
        ("calendar", "schedule", "issue"),
        _windows,
        _DEFAULT_SCHEDULE["issue"],
        "hours results are issued, e.g. 16:00-17:00",
    ),
    Setting(
        "reception.closed_weekdays",
        ("calendar", "schedule", "no_reception_weekdays"),
        _weekdays,
        _DEFAULT_SCHEDULE["no_reception_weekdays"],
        "working days without reception, e.g. wed",
    ),
    Setting("calendar.weekend", ("calendar", "weekend"), _weekend, [5, 6], "e.g. sat,sun"),
    Setting(
        "calendar.closures",
        ("calendar", "closures"),
        _dates,
        [],
        "days the mission is closed: 2026-12-24,2026-12-30..2026-12-31",
    ),
    Setting(
        "calendar.extra_working_days",
        ("calendar", "extra_working_days"),
        _dates,
        [],
        "days the mission works although a calendar says it is off",
    ),
    Setting(
        "calendar.follow_kz_transfers",
        ("calendar", "follow_kz_transfers"),
        _flag,
        True,
        "follow Kazakhstan's transferred working days (yes/no)",
    ),
    Setting(
        "signing.officials",
        ("signing", "officials"),
        _officials,
        [],
        'JSON list of {"name", "position_kk", "position_ru"[, "login"]}',
    ),
    Setting("backup.folder", ("backup", "folder"), _folder, "", "default folder for backups"),
    Setting(
        "backup.reminder_days",
        ("backup", "reminder_days"),
        _reminder_days,
        DEFAULT_REMINDER_DAYS,
        "remind when the last backup is older than this",
    ),
    Setting(
        "sync.department_url",
        ("sync", "department_url"),
        _department_url,
        "",
        "the Department's sync server, https://…; empty: packages travel by hand only",
    ),
    Setting(
        "sync.bandwidth_kbps",
        ("sync", "bandwidth_kbps"),
        _whole(0, 1_000_000, ("Жолақ ені", "Полоса", "Bandwidth")),
        0,
        "at most this many kilobits per second for the sync (0: no limit)",
    ),
    Setting(
        "sync.warn_after_days",
        ("sync", "warn_after_days"),
        _whole(1, 60, ("Ескерту", "Предупреждение", "Warning")),
        2,
        "warn when a package has waited this many working days for delivery",
    ),
)
BY_KEY = {s.key: s for s in REGISTRY}


@dataclass(frozen=True, slots=True)
class MissionSettings:
    """A read-only view: `values` by registry key, plus the raw document for other rooms."""

    values: dict[str, Any]
    document: dict[str, Any]
    last_backup_at: datetime | None

    def calendar_spec(self) -> dict[str, Any]:
        """The dict `CalendarSpec.from_dict` takes (desktop/domain/calendar.py)."""
        return copy.deepcopy(self.document["calendar"])


def format_value(value: Any) -> str:
    """A stored value as the text `set_value` accepts back (CLI, settings dialog)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return ",".join(WEEKDAYS[v] for v in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _get(doc: dict[str, Any], path: tuple[str, ...], default: Any) -> Any:
    node: Any = doc
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return copy.deepcopy(default)
        node = node[part]
    return node


def _put(doc: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = doc
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _complete(doc: dict[str, Any], country: str) -> dict[str, Any]:
    """Fill defaults so the document always has every part (and a calendar spec) in it."""
    full = copy.deepcopy(doc)
    full["version"] = SETTINGS_VERSION
    for setting in REGISTRY:
        if setting.path:
            _put(full, setting.path, _get(full, setting.path, setting.default))
    calendar = full["calendar"]
    calendar["version"] = 1
    calendar["host_country"] = "" if country == "KZ" else country
    return full


def show(ctx: DeskContext) -> MissionSettings:
    with ctx.uow() as uow:
        row = uow.mission.get()
        if row is None:
            raise StoreDamaged("the mission record is missing")
        doc = _complete(row.settings or {}, row.country)
        values: dict[str, Any] = {
            "mission.code": row.code,
            "mission.name": row.name,
            "host.country": row.country,
        }
        for setting in REGISTRY:
            if setting.path:
                values[setting.key] = _get(doc, setting.path, setting.default)
        last = _get(doc, ("backup", "last_at"), None)
        return MissionSettings(
            values, doc, datetime.fromisoformat(last) if isinstance(last, str) else None
        )


def set_value(ctx: DeskContext, key: str, raw: str) -> Any:
    """Validate and store one setting (administrator); returns the value as stored."""
    ctx.require(Role.ADMIN, "change mission settings")
    setting = BY_KEY.get(key)
    if setting is None:
        raise NotFound(f"setting {key} (known: {', '.join(BY_KEY)})")
    value = setting.parse(raw)
    with ctx.uow() as uow:
        row = uow.mission.get()
        if row is None:
            raise StoreDamaged("the mission record is missing")
        doc = copy.deepcopy(row.settings or {})
        if key == "mission.code":
            row.code = value
        elif key == "mission.name":
            row.name = value
        elif key == "host.country":
            row.country = value
        else:
            _put(doc, setting.path, value)
        # A fresh dict: SQLAlchemy's JSON type notices reassignment, not in-place changes.
        row.settings = _complete(doc, row.country)
        ctx.audit(uow, "settings.set", "mission", row.code, {"key": key})
        uow.commit()
        # "Today" follows the mission's zone in this session too (DeskContext.time_zone).
        ctx.time_zone = calendar_time_zone(row.settings)
    return value


def record_backup(ctx: DeskContext, at: datetime, size: int) -> None:
    """Remember when the last backup was made, for the reminder (and audit it).

    A backup is made while other desks write: if one of them appends to the audit chain
    between our read of its head and our commit, the store refuses the duplicate entry number
    (a unique key) and we simply do it again on the new head.
    """
    for attempt in range(_RECORD_ATTEMPTS):
        try:
            _record_backup_once(ctx, at, size)
            return
        except (IntegrityError, OperationalError):
            if attempt == _RECORD_ATTEMPTS - 1:
                raise
            _time.sleep(0.05 * (attempt + 1))


_RECORD_ATTEMPTS = 5


def _record_backup_once(ctx: DeskContext, at: datetime, size: int) -> None:
    with ctx.uow() as uow:
        row = uow.mission.get()
        if row is None:
            raise StoreDamaged("the mission record is missing")
        doc = copy.deepcopy(row.settings or {})
        _put(doc, ("backup", "last_at"), at.isoformat())
        _put(doc, ("backup", "last_size"), size)
        row.settings = _complete(doc, row.country)
        ctx.audit(uow, "store.backup", "mission", row.code, {"size": size})
        uow.commit()


@dataclass(frozen=True, slots=True)
class BackupReminder:
    due: bool
    last_at: datetime | None
    days_since: int | None
    reminder_days: int

    @property
    def message(self) -> Text:
        if self.last_at is None:
            return Text(
                "Сақтық көшірме әлі жасалмаған: қазір жасаңыз",
                "Резервная копия еще не создавалась: создайте ее сейчас",
                "No backup has been made yet: make one now",
            )
        return Text(
            f"Соңғы сақтық көшірме {self.days_since} күн бұрын жасалған",
            f"Последняя резервная копия создана {self.days_since} дн. назад",
            f"The last backup was made {self.days_since} days ago",
        )


def backup_reminder(ctx: DeskContext) -> BackupReminder:
    """Is a backup due? (The desk shows the message at login when `due`.)"""
    current = show(ctx)
    days = int(current.values["backup.reminder_days"])
    last = current.last_backup_at
    if last is None:
        return BackupReminder(True, None, None, days)
    since = (ctx.now() - last).days
    return BackupReminder(since >= days, last, since, days)
