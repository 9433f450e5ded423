"""The scan dialog: files and the SANE test scanner in, pages edited, stored; the MRZ."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.checklist import IdentityDocument, IdentityKind
from desktop.domain.questionnaire import Sex
from desktop.scanning.mrz import compose_td3
from desktop.scanning.sources import SaneSource
from desktop.services import cases as case_service
from desktop.services import procedure, scans
from desktop.services.context import DeskContext
from desktop.ui.language import Language
from desktop.ui.scan_dialog import ScanDialog
from tests.scanning.conftest import (
    sane_test_backend,  # noqa: F401 - a fixture
    zone_with_findings,
)
from tests.ui.conftest import ModalLog

TIMEOUT = 30_000


def _open(qtbot: QtBot, ctx: DeskContext, **kw: object) -> ScanDialog:
    source = case_service.list_cases(ctx, limit=1)[0]
    q = case_service.get_case(ctx, source.id).questionnaire
    case_id = case_service.create_draft(ctx, q).summary.id  # a draft: its checklist is open
    dialog = ScanDialog(ctx, case_id, "fee_receipt", **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args == ["devices"]
    return dialog


def _tiff(path: Path, widths: list[int]) -> Path:
    frames = [Image.new("RGB", (w, 300), "white") for w in widths]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(150, 150))
    return path


def test_files_edit_and_attach(qtbot: QtBot, officer: DeskContext, tmp_path: Path) -> None:
    dialog = _open(qtbot, officer, sources=[])
    assert dialog.source_combo.currentData() is None  # no scanner: files only
    png = tmp_path / "one.png"
    Image.new("RGB", (100, 300), "white").save(png)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([_tiff(tmp_path / "two.tif", [200, 300]), png])
    assert [p.image.width for p in dialog.document.pages] == [200, 300, 100]
    assert dialog.page_list.count() == 3
    dialog.page_list.setCurrentRow(2)
    dialog.up_button.click()
    assert [p.image.width for p in dialog.document.pages] == [200, 100, 300]
    dialog.right_button.click()  # the selection followed the page to row 1
    assert dialog.document.pages[1].image.size == (300, 100)
    dialog.page_list.setCurrentRow(0)
    dialog.delete_button.click()
    assert len(dialog.document) == 2
    with qtbot.waitSignal(dialog.document_saved, timeout=TIMEOUT) as saved:
        dialog.save_button.click()
    info = saved.args[0]
    assert len(info.pages) == 2
    stored = scans.list_documents(officer, info.case_id, "fee_receipt")
    assert [d.document_id for d in stored] == [info.document_id]
    assert dialog.page_list.count() == 0


def test_bad_file_shows_a_message(qtbot: QtBot, officer: DeskContext, tmp_path: Path) -> None:
    dialog = _open(qtbot, officer, sources=[])
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([empty])
    assert dialog.message.text() == "the file is empty (0 bytes)"
    dialog._lang = "kk"  # the desk shows the officer's language (issue 14)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([empty])
    assert dialog.message.text() == "Файл бос (0 байт)"
    # A file of no known kind and a damaged picture: the officer's language, never English.
    odd = tmp_path / "notes.txt"
    odd.write_bytes(b"hello, not a picture")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    dialog._lang = "ru"
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([odd])
    assert dialog.message.text() == (
        "Тип файла не поддерживается: используйте JPEG, PNG, TIFF или PDF"
    )
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([broken])
    assert dialog.message.text() == "Файл PNG поврежден и не читается"
    assert len(dialog.document) == 0
    assert not dialog.save_button.isEnabled()


def test_scan_from_the_sane_test_device(
    qtbot: QtBot,
    officer: DeskContext,
    sane_test_backend: str,  # noqa: F811
    language: Language,  # the English catalogue holds the plural forms
) -> None:
    dialog = _open(qtbot, officer, sources=[SaneSource()])
    index = dialog.source_combo.findData(sane_test_backend)
    assert index >= 0
    dialog.source_combo.setCurrentIndex(index)
    dialog.resolution_combo.setCurrentIndex(0)  # 150 dpi
    dialog.feeder_check.setChecked(True)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.scan_button.click()
    assert len(dialog.document) >= 2, dialog.message.text()
    # Qt plural forms (issue 20): «2 pages taken», never «2 page(s) taken».
    assert dialog.message.text() == f"{len(dialog.document)} pages taken"
    # Rescan the first page on the flatbed: it is replaced, not appended.
    count = len(dialog.document)
    dialog.page_list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.rescan_button.click()
    assert len(dialog.document) == count


def test_typed_mrz_gives_a_proposal(qtbot: QtBot, officer: DeskContext) -> None:
    dialog = _open(qtbot, officer, sources=[])
    q = case_service.get_case(officer, dialog._case_id).questionnaire
    assert q.birth_date is not None
    lines = compose_td3(
        surname=q.surname, given_names=q.name, document_number="N01234567",
        birth_date=q.birth_date, sex="M" if q.sex is Sex.MALE else "F",
        expiry_date=date(2020, 2, 2),
    )  # fmt: skip
    dialog.mrz_edit.setPlainText("\r\n".join(lines))
    with qtbot.waitSignal(dialog.proposal_ready) as ready:
        dialog.mrz_button.click()
    assert ready.args[0].expired
    assert "EXPIRED" in dialog.mrz_warning.text() and dialog.mrz_warning.isVisibleTo(dialog)
    assert dialog.prefill_button.isEnabled()
    with qtbot.waitSignal(dialog.prefilled, timeout=TIMEOUT) as prefilled:
        dialog.prefill_button.click()
    assert prefilled.args[0].facts_updated and prefilled.args[0].filled == []
    facts = procedure.get_checklist(officer, dialog._case_id).facts
    assert any(d.number == "N01234567" for d in facts.identity)
    dialog.mrz_edit.setPlainText("nonsense")
    dialog.mrz_button.click()
    assert "MRZ" in dialog.mrz_result.text()
    assert not dialog.prefill_button.isEnabled() and not dialog.mrz_warning.isVisibleTo(dialog)


def test_crop_a_page(qtbot: QtBot, officer: DeskContext, tmp_path: Path) -> None:
    from PySide6.QtCore import QRect

    dialog = _open(qtbot, officer, sources=[])
    png = tmp_path / "page.png"
    Image.new("RGB", (1400, 1000), "white").save(png)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([png])
    crop = dialog.crop_dialog(0)
    qtbot.addWidget(crop)
    assert crop.box() is None  # nothing selected yet
    crop.view.set_selection(QRect(70, 50, 350, 250))  # the preview is half size
    assert crop.box() == (140, 100, 840, 600)
    dialog.apply_crop(0, crop)
    assert dialog.document.pages[0].image.size == (700, 500)


def test_scanning_from_the_checklist_panel(
    qtbot: QtBot, officer: DeskContext, tmp_path: Path
) -> None:
    from desktop.ui.procedure.checklist_panel import COL_SCANS, ChecklistPanel

    source = case_service.list_cases(officer, limit=1)[0]
    q = case_service.get_case(officer, source.id).questionnaire
    case_id = case_service.create_draft(officer, q).summary.id
    panel = ChecklistPanel(officer, case_id)
    qtbot.addWidget(panel)
    row = panel.row_of("fee_receipt")
    assert panel.table.item(row, COL_SCANS).text() == "0"
    dialog = panel.open_scan_dialog("fee_receipt", sources=[])
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        pass
    png = tmp_path / "receipt.png"
    Image.new("RGB", (600, 800), "white").save(png)
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([png])
    with qtbot.waitSignal(panel.checklist_changed, timeout=TIMEOUT):
        dialog.save_button.click()
    assert panel.table.item(panel.row_of("fee_receipt"), COL_SCANS).text() == "1"
    dialog.close()


def test_pages_framed_previewed_and_kept_until_the_officer_agrees(
    qtbot: QtBot, officer: DeskContext, tmp_path: Path, modals: ModalLog
) -> None:
    """Issue 14: a large view of the chosen page, and Close asks before pages are lost."""
    dialog = _open(qtbot, officer, sources=[], lang="ru")
    dialog.show()
    assert dialog.preview.pixmap().isNull()
    with qtbot.waitSignal(dialog.task_finished, timeout=TIMEOUT):
        dialog.add_files([_tiff(tmp_path / "two.tif", [200, 300])])
    assert "border" in dialog.page_list.styleSheet()
    dialog.page_list.setCurrentRow(0)
    first = dialog.preview.pixmap()
    assert not first.isNull()
    assert first.width() > 160 or first.height() > 160  # larger than a thumbnail
    dialog.page_list.setCurrentRow(1)
    second = dialog.preview.pixmap()
    assert second.width() / second.height() == pytest.approx(300 / 300, rel=0.05)
    assert first.width() / first.height() == pytest.approx(200 / 300, rel=0.05)

    modals.answer = QMessageBox.StandardButton.Cancel
    dialog.close_button.click()
    assert dialog.isVisible() and len(dialog.document) == 2
    assert modals.shown[-1].startswith("2 ")  # "2 page(s) are not attached…"
    modals.answer = QMessageBox.StandardButton.Discard
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_mrz_result_in_the_officers_words(qtbot: QtBot, officer: DeskContext) -> None:
    """Issue 14: field names as on the form, dates dd.mm.yyyy, in the desk's language."""
    dialog = _open(qtbot, officer, sources=[], lang="ru")
    q = case_service.get_case(officer, dialog._case_id).questionnaire
    assert q.birth_date is not None
    other = date(q.birth_date.year - 1, 1, 2)
    lines = compose_td3(
        surname=q.surname, given_names=q.name + "X", document_number="N01234567",
        birth_date=other, sex="M" if q.sex is Sex.MALE else "F", expiry_date=date(2031, 2, 3),
    )  # fmt: skip
    dialog.mrz_edit.setPlainText("\r\n".join(lines))
    with qtbot.waitSignal(dialog.proposal_ready):
        dialog.mrz_button.click()
    text = dialog.mrz_result.text() + "\n" + dialog.mrz_warning.text()
    assert other.strftime("%d.%m.%Y") in text and "03.02.2031" in text
    assert "Дата рождения: MRZ " + other.strftime("%d.%m.%Y") in text
    assert "birth_date" not in text and "given_names" not in text
    assert other.isoformat() not in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", ("В MRZ 2 строки по 44 символа", "введено строк: 1")),
     ("kk", ("MRZ-да 44 таңбадан 2 жол", "енгізілген жол саны: 1"))],
)  # fmt: skip
def test_mrz_errors_in_the_officers_language(
    qtbot: QtBot, officer: DeskContext, lang: str, words: tuple[str, ...]
) -> None:
    """Issue 14: what the MRZ reader says about a zone it cannot read, in the desk's language;
    a wrong check digit is named as on the form, never by its internal key."""
    dialog = _open(qtbot, officer, sources=[], lang=lang)
    dialog.mrz_edit.setPlainText("P<UTOERIKSSON")
    dialog.mrz_button.click()
    text = dialog.mrz_result.text()
    for word in words:
        assert word in text
    assert "line(s)" not in text and "got" not in text
    dialog.mrz_edit.setPlainText("P<UTOERIKSSON<<ANNA<MARIA\u00e9")
    dialog.mrz_button.click()
    assert "MRZ" in dialog.mrz_result.text() and "allowed" not in dialog.mrz_result.text()
    q = case_service.get_case(officer, dialog._case_id).questionnaire
    assert q.birth_date is not None
    lines = compose_td3(
        surname=q.surname, given_names=q.name, document_number="N01234567",
        birth_date=q.birth_date, sex="M" if q.sex is Sex.MALE else "F",
        expiry_date=date(2031, 2, 3),
    )  # fmt: skip
    broken = lines[1][:9] + str((int(lines[1][9]) + 1) % 10) + lines[1][10:]  # its check digit
    dialog.mrz_edit.setPlainText(lines[0] + "\n" + broken)
    with qtbot.waitSignal(dialog.proposal_ready):
        dialog.mrz_button.click()
    text = dialog.mrz_warning.text()
    assert {"ru": "Номер документа", "kk": "Құжат нөмірі"}[lang] in text
    assert "document_number" not in text and "composite" not in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", ("Пол в MRZ («Q») не M, F и не <", "MRZ не совпадает с данными дела",
             "Номер документа: MRZ N01234567 ≠ перечень по п. 3 N07777777")),
     ("kk", ("MRZ-дағы жынысы («Q») M, F немесе < емес",
             "MRZ іс деректерімен сәйкес келмейді",
             "Құжат нөмірі: MRZ N01234567 ≠ 3-тармақ бойынша тізбе N07777777"))],
)  # fmt: skip
def test_mrz_findings_and_mismatches_are_a_warning_the_officer_decides_on(
    qtbot: QtBot, officer: DeskContext, language: Language, lang: str, words: tuple[str, ...]
) -> None:
    """A zone whose check digits are right but whose sex code is not M, F or <, with another
    date of birth than the questionnaire's and another passport number than the checklist
    recorded: each is said in the officer's language, and pre-filling stays possible."""
    language.install(lang)
    dialog = _open(qtbot, officer, sources=[], lang=lang)
    case_id = dialog._case_id
    facts = procedure.get_checklist(officer, case_id).facts
    passport = IdentityDocument(IdentityKind.PASSPORT, number="N07777777")
    procedure.set_facts(officer, case_id, replace(facts, identity=(passport,)))
    lines, other = zone_with_findings(
        case_service.get_case(officer, case_id).questionnaire, "N01234567"
    )
    dialog.mrz_edit.setPlainText("\n".join(lines))
    with qtbot.waitSignal(dialog.proposal_ready) as ready:
        dialog.mrz_button.click()
    proposal = ready.args[0]
    assert proposal.checks_passed and [p.code for p in proposal.problems] == ["mrz.sex_invalid"]
    warning = dialog.mrz_warning.text()
    assert dialog.mrz_warning.isVisibleTo(dialog)
    for word in words:
        assert word in warning
    assert "MRZ " + other.strftime("%d.%m.%Y") in warning
    assert "sex" not in warning and "document_number" not in warning
    assert dialog.prefill_button.isEnabled()
