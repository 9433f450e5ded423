"""Known errors speak the officer's language: no English phrase, code or ISO moment inside a
Kazakh or Russian message (issue 20)."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from desktop.services.errors import (
    ACTION_TITLES,
    LoginThrottled,
    NotFound,
    PermissionDenied,
    case_ref,
)
from desktop.services.procedure import ClockSetBack

ROOT = Path(__file__).resolve().parents[2]


def test_every_required_permission_has_a_title() -> None:
    """Each `ctx.require(role, "…")` in desktop/ names an action the officer reads in their
    language (ACTION_TITLES), never the English phrase inside a Kazakh or Russian message."""
    phrases = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "require"
                and len(node.args) == 2
                and isinstance(node.args[1], ast.Constant)
            ):
                phrases.add(node.args[1].value)
    assert len(phrases) > 5
    assert phrases <= set(ACTION_TITLES), phrases - set(ACTION_TITLES)


def test_permission_denied_in_each_language() -> None:
    message = PermissionDenied("add officers", "admin").message
    assert message.ru == "Нет прав добавлять сотрудников (нужна роль: администратор)"
    assert message.kk == "Қызметкерлерді қосуға құқығыңыз жоқ (қажет рөл: әкімші)"
    assert message.en == "You may not add officers (role needed: administrator)"


def test_waiting_time_in_full_words_and_plural_forms() -> None:
    assert "2 секундтан кейін" in LoginThrottled(2).message.kk
    assert LoginThrottled(1).message.ru.endswith("через 1 секунду")
    assert LoginThrottled(3).message.ru.endswith("через 3 секунды")
    assert LoginThrottled(5).message.ru.endswith("через 5 секунд")
    assert LoginThrottled(1).message.en.endswith("in 1 second")


def test_not_found_names_the_thing_in_each_language() -> None:
    message = NotFound(case_ref("KZ-BER-2026-00001")).message
    assert message.ru == "Не найдено: дело № KZ-BER-2026-00001"
    assert message.kk == "Табылмады: № KZ-BER-2026-00001 іс"


def test_clock_set_back_in_the_missions_time() -> None:
    now = datetime(2026, 11, 10, 9, 3, tzinfo=UTC)
    last = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
    message = ClockSetBack(now, last, "Asia/Almaty").message
    assert "сейчас 10.11.2026 14:03, а последнее событие 10.11.2026 15:00" in message.ru
    assert "2026-11-10" not in message.ru + message.kk + message.en
