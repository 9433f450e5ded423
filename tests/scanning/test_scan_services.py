"""The scanning services on a real encrypted store: attach, list, reorder, replace, delete,
export, and the MRZ pre-fill with mismatches and expiry."""

from __future__ import annotations

import random
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from desktop.domain.questionnaire import Sex
from desktop.scanning.mrz import MrzFormat, compose_td3, parse_mrz
from desktop.scanning.pages import compress, decode
from desktop.scanning.sources import FileSource, ScannedPage
from desktop.scanning.synthetic import SyntheticIdentity, render
from desktop.services import cases as case_service
from desktop.services import procedure, scans
from desktop.services.context import DeskContext
from desktop.services.errors import InvalidInput, NotFound

# The desk's day: the synthetic documents are dated from the day they are drawn.
TODAY = datetime.now(UTC).date()

JFIF = b"\xff\xd8\xff\xe0\x00\x10JFIF"


def _pages(n: int) -> list[ScannedPage]:
    out = []
    for i in range(n):
        img = Image.new("RGB", (827, 1169), (250, 250, 250))
        img.paste((20, 20, 20), (50, 50 + 40 * i, 700, 70 + 40 * i))  # tell the pages apart
        out.append(ScannedPage(img, 100, "scanner"))
    return out


def test_attach_list_and_files_stay_encrypted(
    officer: DeskContext, draft_case: int, demo_dir: Path
) -> None:
    case_id = draft_case
    noisy = ScannedPage(Image.effect_noise((600, 800), 60).convert("RGB"), 100, "scanner")
    doc = scans.attach_scanned(officer, case_id, "fee_receipt", [noisy, _pages(1)[0]])
    assert [p.page_no for p in doc.pages] == [1, 2]
    assert doc.item_key == "fee_receipt" and doc.size_bytes > 0
    listed = scans.list_documents(officer, case_id)
    assert [d.document_id for d in listed] == [doc.document_id]
    assert scans.list_documents(officer, case_id, "identity:passport") == []
    stored = scans.page_data(officer, case_id, doc.pages[0].id)
    assert stored.data.startswith(JFIF)
    # No image byte in clear anywhere under the data directory (database, WAL, anything).
    needle = stored.data[-400:-336]  # entropy-coded picture data
    assert len(set(needle)) > 20
    for path in demo_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert JFIF not in content, path.name
            assert needle not in content, path.name
    kinds = [e.kind for e in case_service.get_case(officer, case_id).events]
    assert scans.EVENT_ATTACHED in kinds
    assert scans.attached_items(officer, case_id) == {"fee_receipt": 2}
    # The checklist item knows which document holds its copies.
    view = procedure.get_checklist(officer, case_id)
    entry = next(e for e in view.status.entries if e.key == "fee_receipt")
    assert entry.state.scan_ids == (doc.document_id,)


def test_reorder_replace_delete(officer: DeskContext, draft_case: int) -> None:
    case_id = draft_case
    doc = scans.attach_scanned(officer, case_id, "identity:passport", _pages(3))
    first, second, third = (p.id for p in doc.pages)
    scans.reorder_pages(officer, case_id, doc.document_id, [third, first, second])
    (again,) = scans.list_documents(officer, case_id, "identity:passport")
    assert [p.id for p in again.pages] == [third, first, second]
    assert [p.page_no for p in again.pages] == [1, 2, 3]
    with pytest.raises(InvalidInput):
        scans.reorder_pages(officer, case_id, doc.document_id, [first, second])

    replacement = compress(ScannedPage(Image.new("RGB", (300, 200), "white"), 100, "scanner"))
    scans.replace_page(officer, case_id, first, replacement)
    assert scans.page_data(officer, case_id, first).width == 300

    scans.delete_page(officer, case_id, third)
    (after,) = scans.list_documents(officer, case_id, "identity:passport")
    assert [(p.id, p.page_no) for p in after.pages] == [(first, 1), (second, 2)]

    scans.delete_document(officer, case_id, doc.document_id)
    assert scans.list_documents(officer, case_id, "identity:passport") == []
    view = procedure.get_checklist(officer, case_id)
    entry = next(e for e in view.status.entries if e.key == "identity:passport")
    assert doc.document_id not in entry.state.scan_ids
    with pytest.raises(NotFound):
        scans.delete_document(officer, case_id, doc.document_id)


def test_bad_requests(officer: DeskContext, draft_case: int) -> None:
    case_id = draft_case
    with pytest.raises(InvalidInput):
        scans.attach_document(officer, case_id, "identity:passport", [])
    with pytest.raises(InvalidInput):
        scans.attach_scanned(officer, case_id, "Bad Key!", _pages(1))
    with pytest.raises(InvalidInput, match="not on the checklist"):
        scans.attach_scanned(officer, case_id, "alimony", _pages(1))  # §3: not asked here
    with pytest.raises(NotFound):
        scans.attach_scanned(officer, 999_999, "identity:passport", _pages(1))
    with pytest.raises(NotFound):
        scans.page_data(officer, case_id, 999_999)


def test_export_pdf(officer: DeskContext, draft_case: int, tmp_path: Path) -> None:
    case_id = draft_case
    doc = scans.attach_scanned(officer, case_id, "fee_receipt", _pages(3))
    path = tmp_path / "export.pdf"
    path.write_bytes(scans.export_document_pdf(officer, case_id, doc.document_id))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:           3" in info.stdout
    # 827 × 1169 px at 100 dpi is an A4 sheet (595 × 842 pt).
    assert "595.44 x 841.68 pts (A4)" in info.stdout


def test_file_import_into_a_case(officer: DeskContext, draft_case: int, tmp_path: Path) -> None:
    """The "scan to folder" path: a multi-page TIFF becomes one document."""
    frames = [p.image for p in _pages(2)]
    path = tmp_path / "scan0001.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(100, 100))
    pages = list(FileSource().read(path))
    doc = scans.attach_scanned(officer, draft_case, "fee_receipt", pages)
    assert len(doc.pages) == 2


def _mrz_for_case(ctx: DeskContext, case_id: int, expiry: date) -> tuple[str, str]:
    q = case_service.get_case(ctx, case_id).questionnaire
    assert q.birth_date is not None and q.sex is not None
    return compose_td3(
        surname=q.surname, given_names=q.name, document_number="N01234567",
        birth_date=q.birth_date, sex="M" if q.sex is Sex.MALE else "F",
        expiry_date=expiry, personal_number=q.iin,
    )  # fmt: skip


def test_mrz_prefill_from_a_passport_reader(officer: DeskContext, draft_case: int) -> None:
    case_id = draft_case
    lines = _mrz_for_case(officer, case_id, date(2031, 1, 1))
    proposal = scans.propose_from_text(officer, case_id, "\r\n".join(lines))
    assert proposal.checks_passed and proposal.mismatches == []
    assert proposal.document_kind == "passport" and proposal.document_number == "N01234567"
    assert not proposal.expired and proposal.names_need_confirmation
    assert proposal.surname_latin == lines[0][5:].split("<<")[0].replace("<", " ")
    json = proposal.to_json()
    assert json["expiry_date"] == "2031-01-01"


def test_mrz_prefill_reports_mismatches_and_expiry(officer: DeskContext, draft_case: int) -> None:
    case_id = draft_case
    q = case_service.get_case(officer, case_id).questionnaire
    assert q.birth_date is not None
    l1, l2 = compose_td3(
        surname="Someoneelse", given_names="Other", document_number="N01234567",
        birth_date=date(q.birth_date.year - 1, 1, 1),
        sex="F" if q.sex is Sex.MALE else "M", expiry_date=date(2024, 1, 1),
    )  # fmt: skip
    proposal = scans.propose_from_text(officer, case_id, l1 + l2)
    assert {m.field for m in proposal.mismatches} >= {"surname", "given_names", "birth_date", "sex"}
    assert proposal.expired  # §5: an expired passport
    assert scans.record_document_check(officer, case_id, "identity:passport", proposal)
    view = procedure.get_checklist(officer, case_id)
    entry = next(e for e in view.status.entries if e.key == "identity:passport")
    # §3(2), issue 12: an expired passport read from the MRZ leads to the explanation route
    # (explanation and new-passport documents), not to a §5 refusal.
    assert not entry.expired and entry.state.expires_on == date(2024, 1, 1)
    assert view.status.expired == ()
    assert {"explanation:passport", "passport_application"} <= set(view.status.missing)
    events = case_service.get_case(officer, case_id).events
    checked = [e for e in events if e.kind == scans.EVENT_CHECKED]
    assert checked[-1].data["expired"] is True
    assert checked[-1].data["expiry_date"] == "2024-01-01"
    check = scans.document_checks(officer, case_id)["identity:passport"]
    assert check.expiry_date == date(2024, 1, 1) and check.expired(officer.today())
    assert check.kind == "passport" and check.checks_passed


def test_mrz_prefill_rejects_garbage(officer: DeskContext, draft_case: int) -> None:
    with pytest.raises(InvalidInput, match="machine-readable"):
        scans.propose_from_text(officer, draft_case, "hello")


def test_mrz_from_a_stored_passport_copy(officer: DeskContext, draft_case: int) -> None:
    case_id = draft_case
    lines = _mrz_for_case(officer, case_id, date(2031, 1, 1))
    identity = SyntheticIdentity("X", "Y", "N01234567", date(1990, 1, 1), "M",
                                 date(2031, 1, 1), "")  # fmt: skip
    sample = render(identity, MrzFormat.TD3, random.Random(5), dpi=300, lines=lines)
    pages = [_pages(1)[0], ScannedPage(sample.image, 300, "scanner")]  # the MRZ on page 2
    doc = scans.attach_scanned(officer, case_id, "identity:passport", pages)
    reading = scans.read_document_mrz(officer, case_id, doc.document_id)
    assert reading.page_id == doc.pages[1].id
    assert reading.ocr is not None and reading.ocr.ok
    assert reading.proposal is not None and reading.proposal.mismatches == []
    assert parse_mrz(reading.ocr.lines, today=TODAY).document_number == "N01234567"
    # The stored page decodes to what was compressed.
    assert decode(scans.page_data(officer, case_id, doc.pages[1].id)).mode in ("L", "RGB")


def test_prefill_fills_only_empty_fields_and_the_identity_facts(officer: DeskContext) -> None:
    source = case_service.list_cases(officer, limit=1)[0]
    full = case_service.get_case(officer, source.id).questionnaire
    assert full.birth_date is not None and full.sex is not None
    q = case_service.get_case(officer, source.id).questionnaire
    q.birth_date, q.sex, q.iin = None, None, ""
    case_id = case_service.create_draft(officer, q).summary.id
    l1, l2 = compose_td3(
        surname=full.surname, given_names=full.name, document_number="N55555555",
        birth_date=full.birth_date, sex="M" if full.sex is Sex.MALE else "F",
        expiry_date=date(2024, 5, 5), personal_number=full.iin,
    )  # fmt: skip
    proposal = scans.propose_from_text(officer, case_id, l1 + "\n" + l2)
    result = scans.prefill_case(officer, case_id, proposal)
    assert result.filled == ["birth_date", "sex", "iin"] and result.facts_updated
    after = case_service.get_case(officer, case_id).questionnaire
    assert (after.birth_date, after.sex, after.iin) == (full.birth_date, full.sex, full.iin)
    view = procedure.get_checklist(officer, case_id)
    passport = next(d for d in view.facts.identity if d.kind.value == "passport")
    assert passport.number == "N55555555" and passport.expires_on == date(2024, 5, 5)
    entry = next(e for e in view.status.entries if e.key == "identity:passport")
    # §3(2), issue 12: the expiry from the MRZ leads to the explanation route, not to §5.
    assert not entry.expired and entry.state.expires_on == date(2024, 5, 5)
    assert {"explanation:passport", "passport_application"} <= {e.key for e in view.status.entries}

    # A second reading never overwrites what the questionnaire holds.
    l1, l2 = compose_td3(
        surname=full.surname, given_names=full.name, document_number="N55555555",
        birth_date=date(1950, 1, 1), sex="M", expiry_date=date(2024, 5, 5),
    )  # fmt: skip
    again = scans.prefill_case(officer, case_id, scans.propose_from_text(officer, case_id, l1 + l2))
    assert again.filled == [] and "birth_date" in {m.field for m in again.mismatches}
    assert case_service.get_case(officer, case_id).questionnaire.birth_date == full.birth_date


def test_prefill_refuses_a_wrong_check_digit(officer: DeskContext, draft_case: int) -> None:
    l1, l2 = compose_td3(
        surname="Abenov", given_names="Arman", document_number="N55555555",
        birth_date=date(1980, 1, 1), sex="M", expiry_date=date(2030, 1, 1),
    )  # fmt: skip
    broken = l2[:9] + str((int(l2[9]) + 1) % 10) + l2[10:]
    proposal = scans.propose_from_text(officer, draft_case, l1 + broken)
    assert proposal.failed_checks == ["document_number", "composite"]
    with pytest.raises(InvalidInput, match="check digits"):
        scans.prefill_case(officer, draft_case, proposal)
