"""Issue 13, points 8 and 9: each input the attack run found ends in its own message, not in
"internal error" (exit 70) nor a traceback, and limits are said before any work is done."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest

import desktop.cli
from desktop.services import cases as case_service
from desktop.services import session
from tests.conftest import PASSWORD


@pytest.fixture
def qonys(demo_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QONYS_OFFICER", "admin")
    monkeypatch.setenv("QONYS_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.chdir(tmp_path)

    def run(*argv: str, data_dir: Path = demo_dir) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = desktop.cli.main(["--data-dir", str(data_dir), *argv])
            except SystemExit as exc:
                code = int(exc.code or 0)
        assert "Traceback" not in err.getvalue()
        return code, out.getvalue(), err.getvalue()

    return run


def _number(demo_dir: Path, stage: str) -> str:
    ctx = session.login(demo_dir, "admin", PASSWORD)
    try:
        [first, *_] = case_service.list_cases(ctx, "", (stage,), limit=5)
        return first.number
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["cases", "--search", "\udcff\udcfe"], 2, "not valid UTF-8 text"),
        (["cases", "--limit", "1" + "0" * 30], 2, "a whole number from 1 to 1000000"),
        (["case", "1" * 40], 1, "Not found: case 1111"),
        (["export", "--out", "usb", "--split-mb", "nan"], 2, "a number from 1 to 100000"),
        (
            ["monitoring", "--out", ".", "--from", "2026-01-01", "--to", "2026-12-31"],
            2,
            "is a folder: give the file to write",
        ),
        (
            ["scan", "file", "1", "passport", "x.png", "--store-dpi", "0"],
            2,
            "a whole number from 100 to 600",
        ),
        (
            ["scan", "file", "1", "passport", "x.png", "--resolution", "100000"],
            2,
            "a whole number from 75 to 1200",
        ),
        (["calendar", "--set", "0"], 2, "--set: a JSON object"),
        (["trust", "import", "a\x00b"], 2, "not valid UTF-8 text"),
    ],
)
def test_bad_values_are_refused_with_their_own_message(
    qonys,
    argv: list[str],
    code: int,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    got, _out, err = qonys(*argv)
    assert (got, message in err) == (code, True), err


def test_checklist_json_and_dates(qonys, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    number = _number(demo_dir, "draft")
    for facts, message in (
        ("[]", "a JSON object"),
        ("[" * 5000 + "]" * 5000, "the JSON is nested too deeply"),
        ('{"a":' * 5000 + "1" + "}" * 5000, "the JSON is nested too deeply"),
    ):
        code, _out, err = qonys("checklist", number, "--facts", facts)
        assert code == 2 and f"--facts: {message}" in err, err
    code, _out, err = qonys(
        "checklist", number, "--expires", "passport=2026-02-30", "--receive", "passport"
    )
    assert code == 2 and "--expires passport: not a date (YYYY-MM-DD): 2026-02-30" in err


def test_a_data_dir_that_is_a_file(qonys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _out, err = qonys("cases", data_dir=afile)
    assert code == 1 and "No Qonys store in" in err


def test_a_damaged_page_of_the_store_says_so_and_points_to_restore(
    qonys,
    demo_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    db = demo_dir / "qonys.db"
    data = bytearray(db.read_bytes())
    page = 4096
    for i in range(5 * page, 6 * page):
        data[i] ^= 0x55
    db.write_bytes(bytes(data))
    code, _out, err = qonys("cases")
    assert code == 1
    assert (
        "The store is damaged: part of qonys.db does not read back. Restore the last "
        "backup: qonys restore FILE" in err
    )


@pytest.mark.parametrize("params", [{"m": -1, "t": 3, "p": 4}, {"m": 2**40, "t": 3, "p": 4}, None])
def test_absurd_or_deeply_nested_vaults(
    qonys,
    demo_dir: Path,
    params: dict[str, int] | None,  # type: ignore[no-untyped-def]
) -> None:
    vault = demo_dir / "qonys.vault"
    doc = json.loads(vault.read_bytes())
    if params is None:
        vault.write_text(
            '{"format": "qonys-vault", "version": 1, "slots": '
            + "[" * 100_000
            + "]" * 100_000
            + "}"
        )
    else:
        for slot in doc["slots"].values():
            slot["params"] = params
        vault.write_text(json.dumps(doc))
    code, _out, err = qonys("cases")
    assert code == 1 and "damaged" in err, err


def test_a_long_burkit_reference_is_refused_before_it_is_stored(
    qonys,
    demo_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    number = _number(demo_dir, "accepted")
    code, _out, err = qonys("step", number, "record_burkit", "--set", "reference=" + "7" * 60_000)
    assert code in (1, 2)
    assert "Bürkit reference is too long: at most 40 characters (60000 given)" in err
    code, _out, err = qonys("step", number, "record_burkit", "--set", "reference=BRK-2026-000123")
    assert code == 0, err


def test_a_questionnaire_field_longer_than_its_form_line_is_not_stored(demo_dir: Path) -> None:
    from dataclasses import replace

    from desktop.services.errors import InvalidInput

    ctx = session.login(demo_dir, "admin", PASSWORD)
    try:
        number = _number(demo_dir, "draft")
        detail = case_service.find_case(ctx, number)
        q = replace(detail.questionnaire, surname="Ә" * 101)
        with pytest.raises(InvalidInput, match=r"surname: Too long: at most 100 characters"):
            case_service.update_questionnaire(ctx, detail.summary.id, q)
        assert case_service.find_case(ctx, number).questionnaire.surname != "Ә" * 101
    finally:
        ctx.close()
