"""Issue 12 end to end on the command line: `qonys case new --json FILE` and `qonys accept`
on a questionnaire with errors (§4)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli.test_procedure_cli import run, store
from tests.services.procedure_store import questionnaire

__all__ = ["store"]


def _new(data_dir: Path, tmp_path: Path, doc: object, *extra: str) -> int:
    path = tmp_path / "q.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return run(data_dir, *extra, "case", "new", "--json", str(path))


def _tick_all(data_dir: Path, number: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data_dir, "checklist", number, "--json") == 0
    keys = [i["key"] for i in json.loads(capsys.readouterr().out)["items"]]
    receive = [arg for key in keys for arg in ("--receive", key)]
    assert run(data_dir, "checklist", number, *receive) == 0
    capsys.readouterr()


def test_case_new_from_json_round_trip(
    store: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = store
    q = replace(questionnaire("900517331207"), surname="Нұрланов")
    assert _new(data_dir, tmp_path, q.to_dict()) == 0
    out = capsys.readouterr()
    number = out.out.strip()
    assert number.startswith("KZ-BER-") and out.err == ""  # a valid questionnaire: no issues
    assert run(data_dir, "case", number, "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["stage"] == "draft" and doc["questionnaire"] == q.to_dict()
    # The whole of `qonys case NUMBER --json` is accepted as well (its "questionnaire").
    assert _new(data_dir, tmp_path, doc) == 0
    again = capsys.readouterr().out.strip()
    assert again != number
    assert run(data_dir, "case", "new") == 2  # --json FILE is needed
    assert "--json FILE" in capsys.readouterr().err


def test_p4_accept_exits_1_with_the_list_in_the_chosen_language(
    store: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The done-when of issue 12: `qonys accept` on a questionnaire with an error exits 1
    with the list of what is missing in the --lang language, naming the field."""
    data_dir, _ = store
    bad = replace(
        questionnaire("900517312344"),
        sex=None,
        citizenship="",
        declaration_acknowledged=False,
        consent_given=False,
    )
    assert _new(data_dir, tmp_path, bad.to_dict(), "--lang", "kk") == 0
    out = capsys.readouterr()
    number = out.out.strip()
    # Validated as the desk does: the issues, by the form's labels.
    assert "Жеке сәйкестендіру нөмірі — ЖСН бақылау цифры дұрыс емес" in out.err
    assert "7. Азаматтығы" in out.err and "citizenship" not in out.err
    _tick_all(data_dir, number, capsys)
    assert run(data_dir, "--lang", "kk", "accept", number) == 1
    err = capsys.readouterr().err
    assert "Өтініш-сауалнама толық толтырылмаған" in err
    assert "Жеке сәйкестендіру нөмірі — ЖСН бақылау цифры дұрыс емес" in err
    assert err.count("•") == 5 and "identity:" not in err and "iin" not in err
    assert run(data_dir, "--lang", "ru", "accept", number) == 1
    assert "Индивидуальный идентификационный номер" in capsys.readouterr().err
    assert run(data_dir, "case", number, "--json") == 0
    assert json.loads(capsys.readouterr().out)["stage"] == "draft"


def test_p11_older_refusal_without_hearing_is_shown_irregular(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store written before the amendment holds forwarded → refused: `qonys case` shows the
    case as irregular and changes nothing."""
    from datetime import UTC, datetime, timedelta

    from desktop.domain.workflow import Action
    from desktop.services import cases as case_service
    from desktop.services import procedure
    from tests.services.procedure_store import PASSWORD, make_desk, ready_case

    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(
        days=10
    )
    desk = make_desk(tmp_path, start)
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B"})
    procedure.perform(desk.officer, case_id, Action.FORWARD, {"package_reference": "P"})
    number = case_service.get_case(desk.officer, case_id).summary.number
    with desk.officer.uow() as uow:  # as the old code wrote it
        uow.events.add(
            case_id,
            Action.RECORD_REFUSAL.value,
            desk.clock.now,
            None,
            {
                "on": desk.clock.now.date().isoformat(),
                "police_department": "X",
                "decision_number": "1",
                "decision_date": desk.clock.now.date().isoformat(),
                "channel": "paper",
                "reasons": "old",
            },
        )
        row = uow.cases.get(case_id)
        assert row is not None
        row.stage = "refused"
        uow.commit()
    desk.admin.close()
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    data_dir = tmp_path / "store"
    assert run(data_dir, "case", number, "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["stage"] == "refused" and "Irregular" in doc["irregularities"][0]
    assert run(data_dir, "--lang", "ru", "case", number) == 0
    assert "Нерегулярное дело" in capsys.readouterr().out
