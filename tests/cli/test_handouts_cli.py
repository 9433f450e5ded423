"""`qonys print …` end to end on a demo store, then `qonys verify` of what was printed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import qonys

PASSWORD = "handouts-cli-password"


def _as(login: str) -> dict[str, str]:
    return {"QONYS_OFFICER": login, "QONYS_PASSWORD": PASSWORD}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("print") / "store"
    result = qonys(
        "--data-dir",
        str(data_dir),
        "demo",
        "--cases",
        "20",
        "--seed",
        "4",
        env={"QONYS_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    return data_dir


def _case(store: Path, stage: str) -> dict[str, str]:
    result = qonys("--data-dir", str(store), "cases", "--json", env=_as("officer"))
    assert result.returncode == 0, result.stderr
    rows = [r for r in json.loads(result.stdout) if r["stage"] == stage]
    assert rows, f"no demo case at {stage}"
    return rows[0]


def test_print_notification_then_verify(store: Path, tmp_path: Path) -> None:
    case = _case(store, "permitted")
    out = tmp_path / "n.pdf"
    printed = qonys(
        "--data-dir",
        str(store),
        "print",
        "notification",
        case["number"],
        "--out",
        str(out),
        env=_as("consul"),
    )
    assert printed.returncode == 0, printed.stderr
    assert "DUPLICATE" not in printed.stdout
    assert out.stat().st_mode & 0o777 == 0o600  # personal data: owner-only (issue 13)

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert case["surname"] in text

    verified = qonys("--data-dir", str(store), "verify", str(out), env=_as("officer"))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith("GENUINE: signed by Оспанов Дәулет Бақытұлы")

    data = bytearray(out.read_bytes())
    start = data.index(b"stream", data.index(b"/Filter"))
    data[start + 40] ^= 0x01
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    bad = qonys("--data-dir", str(store), "verify", str(altered), env=_as("officer"))
    assert bad.returncode == 1
    assert "NOT GENUINE: altered after signing" in bad.stdout

    again = qonys(
        "--data-dir",
        str(store),
        "print",
        "notification",
        case["number"],
        "--out",
        str(tmp_path / "dup.pdf"),
        env=_as("consul"),
    )
    assert again.returncode == 0, again.stderr
    assert "(DUPLICATE, logged)" in again.stdout


def test_print_errors_are_one_line(store: Path, tmp_path: Path) -> None:
    issued = _case(store, "notification_issued")["number"]
    not_consul = qonys(
        "--data-dir",
        str(store),
        "print",
        "notification",
        issued,
        "--out",
        str(tmp_path / "x.pdf"),
        env=_as("officer"),
    )
    assert not_consul.returncode == 1
    assert not_consul.stderr.strip().splitlines() == [
        "qonys: You may not issue the Annex 4 notification (role needed: consul)"
    ]
    forwarded = _case(store, "forwarded")["number"]
    wrong = qonys(
        "--data-dir",
        str(store),
        "--lang",
        "en",
        "print",
        "notification",
        forwarded,
        "--out",
        str(tmp_path / "x.pdf"),
        env=_as("consul"),
    )
    assert wrong.returncode == 1
    assert "cannot print the Annex 4 notification at stage 'Forwarded'" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    ("form", "stage"),
    [
        ("receipt", "accepted"),
        ("refusal", "refused_acceptance"),
        ("hearing", "hearing_notified"),
        ("reasoned-refusal", "refusal_sent"),
    ],
)
def test_print_other_forms(store: Path, tmp_path: Path, form: str, stage: str) -> None:
    out = tmp_path / f"{form}.pdf"
    result = qonys(
        "--data-dir",
        str(store),
        "print",
        form,
        _case(store, stage)["number"],
        "--out",
        str(out),
        env=_as("officer"),
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    # Every font embedded (column "emb" is "yes" on every font line).
    for line in fonts.stdout.splitlines()[2:]:
        assert " yes " in line, line


def test_print_journal_csv_and_pdf(store: Path, tmp_path: Path) -> None:
    csv_out, pdf_out = tmp_path / "j.csv", tmp_path / "j.pdf"
    for out in (csv_out, pdf_out):
        result = qonys(
            "--data-dir",
            str(store),
            "print",
            "journal",
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--out",
            str(out),
            env=_as("officer"),
        )
        assert result.returncode == 0, result.stderr
    lines = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("№ р/с / № п/п,Өтініш білдірілген күн")
    assert len(lines) > 1
    assert pdf_out.read_bytes().startswith(b"%PDF")
    missing = qonys(
        "--data-dir", str(store), "print", "journal", "--out", str(csv_out), env=_as("officer")
    )
    assert missing.returncode == 2
    assert "needs --from DATE and --to DATE" in missing.stderr
