"""Mission settings: validated, stored in the store, audited, calendar-shaped."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.domain.calendar import CalendarSpec
from desktop.services import settings
from desktop.services.context import DeskContext
from desktop.services.errors import InvalidInput, NotFound, PermissionDenied
from desktop.storage.models import AuditRow


def test_defaults_follow_annex_3(admin: DeskContext) -> None:
    current = settings.show(admin)
    assert current.values["mission.code"] == "KZ-BER"
    assert current.values["host.country"] == "DE"
    # Annex 3, line 7: intake 09:30-12:30, issue 16:00-17:00, Wednesday without reception.
    assert current.values["reception.intake"] == ["09:30-12:30"]
    assert current.values["reception.issue"] == ["16:00-17:00"]
    assert current.values["reception.closed_weekdays"] == [2]
    assert current.values["backup.reminder_days"] == settings.DEFAULT_REMINDER_DAYS
    assert current.last_backup_at is None


@pytest.mark.parametrize(
    ("key", "raw", "stored"),
    [
        ("mission.name", "  Посольство РК в ФРГ ", "Посольство РК в ФРГ"),
        ("mission.code", "kz-fra", "KZ-FRA"),
        ("host.country", "tr", "TR"),
        ("host.city", "Берлин", "Берлин"),
        ("host.subdivision", "be", "BE"),
        ("host.timezone", "Europe/Berlin", "Europe/Berlin"),
        ("forms.phone", "+49 30 470 07 110", "+49 30 470 07 110"),
        ("forms.email", "berlin@mfa.kz", "berlin@mfa.kz"),
        ("reception.intake", "9:30-12:30, 14:00-15:00", ["09:30-12:30", "14:00-15:00"]),
        ("reception.closed_weekdays", "wed", [2]),
        ("calendar.weekend", "fri,sat", [4, 5]),
        (
            "calendar.closures",
            "2026-12-31, 2026-12-24..2026-12-25",
            ["2026-12-24", "2026-12-25", "2026-12-31"],
        ),
        ("calendar.follow_kz_transfers", "no", False),
        ("backup.folder", "/media/backup", "/media/backup"),
        ("backup.reminder_days", "3", 3),
        (
            "signing.officials",
            json.dumps(
                [{"name": "Оспанов Д. Б.", "position_kk": "Консул", "position_ru": "Консул"}]
            ),
            [{"name": "Оспанов Д. Б.", "position_kk": "Консул", "position_ru": "Консул"}],
        ),
    ],
)
def test_a_setting_is_stored_as_validated(
    admin: DeskContext, key: str, raw: str, stored: object
) -> None:
    assert settings.set_value(admin, key, raw) == stored
    assert settings.show(admin).values[key] == stored


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("mission.code", "берлин"),
        ("mission.name", "   "),
        ("host.country", "Germany"),
        ("host.country", "XX"),
        ("host.timezone", "Mars/Olympus"),
        ("forms.email", "not-an-address"),
        ("forms.phone", "call me"),
        ("reception.intake", "12:30-09:30"),
        ("reception.intake", "morning"),
        ("reception.intake", ""),
        ("reception.closed_weekdays", "someday"),
        ("calendar.weekend", "mon,tue,wed,thu,fri,sat"),
        ("calendar.closures", "31.02.2026"),
        ("calendar.closures", "2026-12-31..2026-12-01"),
        ("calendar.follow_kz_transfers", "perhaps"),
        ("backup.folder", "relative/folder"),
        ("backup.reminder_days", "0"),
        ("backup.reminder_days", "week"),
        ("signing.officials", '[{"name": "X"}]'),
        ("signing.officials", "not json"),
    ],
)
def test_bad_values_get_a_clear_message_and_change_nothing(
    admin: DeskContext, key: str, raw: str
) -> None:
    before = settings.show(admin)
    with pytest.raises(InvalidInput) as caught:
        settings.set_value(admin, key, raw)
    message = caught.value.message
    assert message.kk and message.ru and message.en and message.kk != message.en
    assert settings.show(admin) == before


def test_unknown_key(admin: DeskContext) -> None:
    with pytest.raises(NotFound):
        settings.set_value(admin, "mission.colour", "blue")


def test_only_an_administrator_changes_settings(officer: DeskContext) -> None:
    assert settings.show(officer).values["mission.code"] == "KZ-BER"
    with pytest.raises(PermissionDenied):
        settings.set_value(officer, "host.city", "Берлин")


def test_changes_are_audited_by_key_without_the_value(admin: DeskContext) -> None:
    settings.set_value(admin, "host.city", "Берлин")
    with admin.uow() as uow:
        row = uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).one()
        assert (row.action, row.officer, row.detail) == (
            "settings.set",
            "admin",
            {"key": "host.city"},
        )
        assert "Берлин" not in json.dumps(row.detail, ensure_ascii=False)


def test_mission_columns_change_with_the_settings(admin: DeskContext) -> None:
    settings.set_value(admin, "host.country", "TR")
    with admin.uow() as uow:
        mission = uow.mission.get()
        assert mission is not None
        assert mission.country == "TR"
        assert mission.settings["calendar"]["host_country"] == "TR"


def test_calendar_part_is_a_calendar_spec(admin: DeskContext) -> None:
    settings.set_value(admin, "host.timezone", "Europe/Berlin")
    settings.set_value(admin, "host.subdivision", "BE")
    settings.set_value(admin, "calendar.closures", "2026-12-24")
    spec = settings.show(admin).calendar_spec()
    assert spec["host_country"] == "DE" and spec["timezone"] == "Europe/Berlin"
    assert spec["schedule"]["no_reception_weekdays"] == [2]
    # The procedure room's calendar reads what the settings screen wrote.
    parsed = CalendarSpec.from_dict(spec)
    assert parsed.host_subdivision == "BE"
    assert parsed.closures[0].isoformat() == "2026-12-24"


def test_every_shown_value_reads_back_unchanged(admin: DeskContext) -> None:
    settings.set_value(admin, "calendar.closures", "2026-12-24..2026-12-25")
    settings.set_value(
        admin,
        "signing.officials",
        json.dumps([{"name": "Оспанов Д. Б.", "position_kk": "Консул", "position_ru": "Консул"}]),
    )
    before = settings.show(admin).values
    for key, value in before.items():
        settings.set_value(admin, key, settings.format_value(value))
    assert settings.show(admin).values == before


def test_closures_in_the_officers_date_format(admin: DeskContext) -> None:
    settings.set_value(admin, "calendar.closures", "24.12.2026, 30.12.2026..31.12.2026")
    closures = settings.show(admin).values["calendar.closures"]
    assert closures == ["2026-12-24", "2026-12-30", "2026-12-31"]


def test_every_setting_has_a_title_in_three_languages() -> None:
    """Issue 20: the settings dialog shows titles, never registry keys like mission.code."""
    from desktop.services.setting_titles import SETTING_TITLES

    assert set(SETTING_TITLES) == {s.key for s in settings.REGISTRY}
    for key, title in SETTING_TITLES.items():
        for lang in ("kk", "ru", "en"):
            assert title.label.get(lang) and key not in title.label.get(lang)
            assert title.hint.get(lang)
