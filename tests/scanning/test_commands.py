"""`qonys scan …` / `qonys mrz …` end to end through the command line on a demo store."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from desktop import cli
from desktop.domain.questionnaire import Sex
from desktop.scanning.mrz import compose_td3
from desktop.services import cases as case_service
from desktop.services.context import DeskContext
from tests.conftest import PASSWORD, MovableClock
from tests.scanning.conftest import zone_with_findings

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def clock() -> MovableClock:
    # The CLI runs on the real clock: the demo store's history must lie in its past.
    return MovableClock(datetime.now(UTC) - timedelta(days=10))


@pytest.fixture
def run(demo_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QONYS_OFFICER", "officer")

    def go(*argv: str) -> tuple[int, str, str]:
        code = cli.main(["--data-dir", str(demo_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return go


def test_import_list_export_delete(
    run: Run, officer: DeskContext, draft_case: int, tmp_path: Path
) -> None:
    number = case_service.get_case(officer, draft_case).summary.number
    scan = tmp_path / "scan.tif"
    frames = [Image.new("RGB", (827, 1169), "white") for _ in range(2)]
    frames[0].save(scan, save_all=True, append_images=frames[1:], dpi=(100, 100))
    code, out, err = run("scan", "file", number, "fee_receipt", str(scan))
    assert code == 0, err
    document_id = out.split()[0]
    code, out, _ = run("scan", "list", number, "--json")
    docs = json.loads(out)
    assert docs[0]["document_id"] == document_id and len(docs[0]["pages"]) == 2
    pdf = tmp_path / "out.pdf"
    code, out, _ = run("scan", "export", number, document_id, str(pdf))
    assert code == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           2" in info.stdout
    assert run("scan", "delete", number, document_id)[0] == 0
    assert json.loads(run("scan", "list", number, "--json")[1]) == []


def test_bad_file_is_a_clear_message_and_nothing_is_stored(
    run: Run, officer: DeskContext, draft_case: int, tmp_path: Path
) -> None:
    number = case_service.get_case(officer, draft_case).summary.number
    good = tmp_path / "good.png"
    Image.new("RGB", (100, 100), "white").save(good)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    code, _, err = run("scan", "file", number, "identity:passport", str(good), str(empty))
    assert code == 2
    assert "empty.jpg: the file is empty" in err
    assert json.loads(run("scan", "list", number, "--json")[1]) == []
    # In Russian too (the CLI's --lang): the file's name, then the scanning error's wording.
    code, _, err = run(
        "--lang", "ru", "scan", "file", number, "identity:passport", str(good), str(empty)
    )
    assert code == 2
    assert "Ошибка сканирования: empty.jpg: Файл пуст (0 байт)" in err


def test_mrz_from_typed_text(run: Run, officer: DeskContext, draft_case: int) -> None:
    summary = case_service.get_case(officer, draft_case).summary
    q = case_service.get_case(officer, summary.id).questionnaire
    assert q.birth_date is not None
    lines = compose_td3(
        surname=q.surname, given_names=q.name, document_number="N07654321",
        birth_date=q.birth_date, sex="M" if q.sex is Sex.MALE else "F",
        expiry_date=date(2020, 1, 1),
    )  # fmt: skip
    code, out, err = run(
        "mrz", summary.number, "--text", "".join(lines), "--json", "--record", "identity:passport"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["document_number"] == "N07654321" and doc["expired"] is True
    assert doc["mismatches"] == []
    code, out, err = run("mrz", summary.number, "--text", "".join(lines), "--prefill")
    assert code == 0, err
    assert "identity document recorded" in out and "EXPIRED (§5)" in out
    code, _, err = run("mrz", summary.number, "--text", "garbage")
    assert code == 2 and "machine-readable" in err


def test_mrz_findings_follow_the_language(run: Run, officer: DeskContext, draft_case: int) -> None:
    """`qonys mrz` says its findings (a sex code that is not M, F or <, a date of birth other
    than the questionnaire's) in the --lang chosen; English stays as scripts know it."""
    summary = case_service.get_case(officer, draft_case).summary
    q = case_service.get_case(officer, summary.id).questionnaire
    lines, other = zone_with_findings(q, "N07654321")
    typed = "".join(lines)
    code, out, err = run("--lang", "ru", "mrz", summary.number, "--text", typed)
    assert code == 0, err
    assert "  замечание: Пол в MRZ («Q») не M, F и не <" in out
    shown = other.strftime("%d.%m.%Y")
    assert f"  расхождение, Дата рождения: MRZ «{shown}» ≠ заявление-анкета" in out
    assert "problem:" not in out and "mismatch" not in out
    code, out, err = run("--lang", "kk", "mrz", summary.number, "--text", typed)
    assert "  ескерту: MRZ-дағы жынысы («Q») M, F немесе < емес" in out
    code, out, err = run("mrz", summary.number, "--text", typed)
    assert "  problem: sex 'Q' is not M, F or <" in out
    assert f"  mismatch birth_date: MRZ '{other.isoformat()}' ≠ questionnaire" in out


def test_scan_from_the_sane_test_device(
    run: Run, officer: DeskContext, draft_case: int, sane_test_backend: str
) -> None:
    number = case_service.get_case(officer, draft_case).summary.number
    code, out, err = run(
        "scan", "device", number, "identity:passport", "--device", sane_test_backend,
        "--resolution", "75", "--feeder",
    )  # fmt: skip
    assert code == 0, err
    assert "page(s)" in out
    code, out, _ = run("scan", "devices")
    assert sane_test_backend in out


def test_mrz_from_a_scanned_file(
    run: Run, officer: DeskContext, draft_case: int, tmp_path: Path
) -> None:
    import random

    from desktop.scanning.mrz import MrzFormat
    from desktop.scanning.synthetic import random_identity, render

    number = case_service.get_case(officer, draft_case).summary.number
    rng = random.Random(8)
    sample = render(random_identity(rng), MrzFormat.TD3, rng)
    path = tmp_path / "passport.jpg"
    sample.image.save(path, quality=90)
    code, out, err = run("mrz", number, "--image", str(path), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["checks_passed"] and doc["document_number"] == sample.identity.document_number
    assert {m["field"] for m in doc["mismatches"]} >= {"surname"}  # someone else's passport


def test_mrz_from_real_specimen_images(
    run: Run,
    officer: DeskContext,
    draft_case: int,
    tmp_path: Path,
    mrz_specimens: tuple[Path, dict[str, list[str]]],
) -> None:
    folder, _ = mrz_specimens
    number = case_service.get_case(officer, draft_case).summary.number
    code, out, err = run("mrz", number, "--image", str(folder / "passport-td2.jpg"), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["document_format"], doc["document_kind"]) == ("TD2", "id_card")
    assert doc["checks_passed"] and doc["document_number"] == "D23145890"
    code, out, err = run("mrz", number, "--image", str(folder / "visa-usa.jpg"), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert (doc["document_format"], doc["document_kind"]) == ("MRV-A", "visa")
    assert doc["checks_passed"] and doc["surname_latin"] == "TRAVELER"
    # A visa proposes no identity document for the checklist.
    code, out, err = run("mrz", number, "--image", str(folder / "visa-usa.jpg"), "--prefill")
    assert code != 0 and "a visa is not an identity document" in err
    # The card prints two wrong check digits: read as printed and said so, never corrected.
    code, out, err = run("mrz", number, "--image", str(folder / "id-usa2.jpg"))
    assert code == 0, err
    assert "check digits WRONG: document_number, composite" in out
    # A page without a zone: said plainly.
    blank = tmp_path / "blank.png"
    Image.new("RGB", (900, 600), (250, 250, 250)).save(blank)
    code, out, err = run("mrz", number, "--image", str(blank), "--json")
    assert code != 0 and "no machine-readable zone found" in err and out == ""
