"""The `qonys` command line, run as administrators run it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "cli-test-password"


def qonys(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("QONYS_")}
    full_env["PYTHONPATH"] = str(ROOT)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


AS_OFFICER = {"QONYS_OFFICER": "officer", "QONYS_PASSWORD": PASSWORD}


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "store"
    result = qonys(
        "--data-dir",
        str(data_dir),
        "demo",
        "--cases",
        "12",
        "--seed",
        "5",
        env={"QONYS_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    assert "officer" in result.stdout and "consul" in result.stdout
    return data_dir


def _cases(data_dir: Path, *extra: str) -> list[dict[str, object]]:
    result = qonys("--data-dir", str(data_dir), "cases", "--json", *extra, env=AS_OFFICER)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def test_cases_json_has_the_promised_fields(demo_store: Path) -> None:
    rows = _cases(demo_store)
    assert len(rows) == 12 + 5  # and one case on each §3 route of issue 12
    for row in rows:
        assert {
            "id",
            "number",
            "iin",
            "surname",
            "name",
            "patronymic",
            "birth_date",
            "stage",
        } <= set(row)


def test_search_by_iin_and_lower_case_cyrillic_prefix(demo_store: Path) -> None:
    target = _cases(demo_store)[3]
    by_iin = _cases(demo_store, "--search", str(target["iin"]))
    assert [r["id"] for r in by_iin] == [target["id"]]
    prefix = str(target["surname"])[:3].lower()
    by_name = _cases(demo_store, "--search", prefix)
    assert target["id"] in [r["id"] for r in by_name]
    assert all(
        str(r["surname"]).lower().startswith(prefix) or str(r["name"]).lower().startswith(prefix)
        for r in by_name
    )


def test_case_show(demo_store: Path) -> None:
    number = str(_cases(demo_store)[0]["number"])
    result = qonys("--data-dir", str(demo_store), "case", number, "--json", env=AS_OFFICER)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["number"] == number
    assert doc["events"][0]["kind"] == "case_opened"
    assert doc["questionnaire"]["schema"] == 1


def test_same_seed_same_data(tmp_path: Path) -> None:
    # Both made here, seconds apart: the demo dates its stories from today, so a store made at
    # the start of the session would differ from one made after midnight.
    made = [tmp_path / "first", tmp_path / "again"]
    for folder in made:
        assert (
            qonys(
                "--data-dir",
                str(folder),
                "demo",
                "--cases",
                "12",
                "--seed",
                "5",
                env={"QONYS_PASSWORD": PASSWORD},
            ).returncode
            == 0
        )
    strip = lambda rows: [(r["number"], r["iin"], r["surname"], r["name"]) for r in rows]  # noqa: E731
    assert strip(_cases(made[1])) == strip(_cases(made[0]))


def test_init_then_login(tmp_path: Path) -> None:
    data_dir = tmp_path / "mission"
    pw_file = tmp_path / "pw"
    pw_file.write_text("init-password-1\n")
    result = qonys(
        "--data-dir",
        str(data_dir),
        "--password-file",
        str(pw_file),
        "init",
        "--mission-code",
        "kz-sel",
        "--mission-name",
        "Сеулдегі Бас консулдық",
        "--country",
        "kr",
        "--officer",
        "chief",
    )
    assert result.returncode == 0, result.stderr
    assert "KZ-SEL" in result.stdout
    listed = qonys(
        "--data-dir",
        str(data_dir),
        "--officer",
        "chief",
        "--password-file",
        str(pw_file),
        "cases",
        "--json",
    )
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["cases"],
            {"QONYS_OFFICER": "officer", "QONYS_PASSWORD": "wrong"},
            "Wrong login or password",
        ),
        (["cases"], {"QONYS_PASSWORD": PASSWORD}, "no officer"),
        (["cases"], {"QONYS_OFFICER": "officer"}, "no password"),
        (["case", "KZ-BER-1990-00001"], AS_OFFICER, "Not found"),
        (["officers", "add", "x", "--role", "officer"], AS_OFFICER, "You may not add officers"),
        (["demo"], {}, "already holds a store"),
    ],
)
def test_bad_input_is_one_clear_line(
    demo_store: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    result = qonys("--data-dir", str(demo_store), *args, env=env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_store_and_bad_options(tmp_path: Path) -> None:
    # A bad option value is refused by the option's own type, before any work (exit 2).
    result = qonys("--data-dir", str(tmp_path / "d"), "demo", "--cases", "-1", env={})
    assert result.returncode == 2 and "a whole number from 0 to 10000" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "d").exists()
    result = qonys("--data-dir", str(tmp_path / "none"), "cases", env=AS_OFFICER)
    assert result.returncode != 0 and "No Qonys store" in result.stderr
    result = qonys("--data-dir", str(tmp_path), "init", "--mission-code", "X", env={})
    assert result.returncode == 2 and "required" in result.stderr
    result = qonys(
        "--data-dir",
        str(tmp_path / "m"),
        "init",
        "--mission-code",
        "KZ-X",
        "--mission-name",
        "X",
        "--country",
        "Germany",
        "--officer",
        "chief",
        env={"QONYS_PASSWORD": "long-enough-pw"},
    )
    assert result.returncode == 2 and "ISO 3166" in result.stderr
    assert "Traceback" not in result.stderr


def test_messages_in_kazakh(demo_store: Path) -> None:
    result = qonys(
        "--data-dir",
        str(demo_store),
        "--lang",
        "kk",
        "cases",
        env={"QONYS_OFFICER": "officer", "QONYS_PASSWORD": "wrong"},
    )
    assert "Логин немесе құпиясөз қате" in result.stderr


def test_officers_and_audit_as_admin(demo_store: Path) -> None:
    admin = {"QONYS_OFFICER": "admin", "QONYS_PASSWORD": PASSWORD}
    listed = qonys("--data-dir", str(demo_store), "officers", "list", env=admin)
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [
        "admin",
        "consul",
        "officer",
    ]
    audit = qonys("--data-dir", str(demo_store), "audit", "verify", env=admin)
    assert audit.returncode == 0, audit.stderr
    assert "intact" in audit.stdout


def test_demo_has_a_case_on_each_route_of_issue_12(demo_store: Path) -> None:
    # §3(2) expired passport, Annex 3 line 6 exemption, §3 minor with a representative,
    # §3(6) other parent abroad, §3(2) certificate of birth: `cases --json` tells them apart.
    rows = _cases(demo_store)
    by_route: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        routes = row["routes"]
        assert isinstance(routes, list)
        for route in routes:
            by_route.setdefault(str(route), []).append(row)
    assert {
        "identity_explanation",
        "fee_exemption",
        "representative",
        "minor_applicant",
        "other_representative_abroad",
        "birth_record",
        "children",
    } <= set(by_route)
    minor = by_route["minor_applicant"][0]
    shown = qonys("--data-dir", str(demo_store), "case", str(minor["number"]), "--json",
                  env=AS_OFFICER)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert "minor_applicant" in doc["routes"]
    assert doc["facts"]["representative"]["full_name"]
    checklist = qonys("--data-dir", str(demo_store), "checklist", str(minor["number"]), "--json",
                      env=AS_OFFICER)  # fmt: skip
    items = {i["key"]: i for i in json.loads(checklist.stdout)["items"]}
    assert items["representative_consent:applicant"]["variant"] == "court"
    assert items["representative_consent:applicant"]["variants"] == ["consent", "court"]
    register = qonys("--data-dir", str(demo_store), "originals", env=AS_OFFICER)
    assert register.returncode == 0 and str(minor["number"]) in register.stdout


def test_a_command_writes_a_log_only_when_asked(demo_store: Path, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    env = {**AS_OFFICER, "QONYS_LOG_DIR": str(logs)}
    quiet = qonys("--data-dir", str(demo_store), "cases", "--json", env=env)
    assert quiet.returncode == 0, quiet.stderr
    assert not logs.exists()  # a script's run leaves nothing behind
    asked = qonys("--log", "--data-dir", str(demo_store), "cases", "--json", env=env)
    assert asked.returncode == 0, asked.stderr
    written = (logs / "qonys.log").read_text(encoding="utf-8")
    assert "qonys cases" in written
    assert "logged in (officer)" in written
    # Ids only: none of the names or IINs the command printed reaches the log.
    rows = json.loads(asked.stdout)
    for row in rows:
        for value in row.values():
            if isinstance(value, str) and len(value) > 3 and not value.isascii():
                assert value not in written
    assert not any("\u0400" <= ch <= "\u052f" for ch in written)
