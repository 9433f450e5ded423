"""Printed handouts from a real demo store (mission + Department, consul with a certificate)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select

from desktop.documents.verify import verify_pdf
from desktop.domain.workflow import OBJECTION_WORKING_DAYS, Action, Stage
from desktop.services import demo, handouts, procedure, session
from desktop.services.context import DeskContext, Role
from desktop.services.errors import InvalidInput, PermissionDenied
from desktop.storage.models import AuditRow, CaseRow, EventRow
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.documents.pki import make_pki


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("handouts") / "store"
    demo.create_demo(
        data_dir,
        cases=20,
        seed=3,
        password=PASSWORD,
        kdf=FAST_KDF,
        clock=MovableClock(),
        department=True,
        route_cases=True,
    )
    return data_dir


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "store"
    shutil.copytree(template, data_dir)
    return data_dir


def _login(store: Path, login: str) -> DeskContext:
    return session.login(store, login, PASSWORD, clock=MovableClock())


@pytest.fixture
def consul(store: Path) -> Iterator[DeskContext]:
    ctx = _login(store, "consul")
    yield ctx
    ctx.close()


@pytest.fixture
def officer(store: Path) -> Iterator[DeskContext]:
    ctx = _login(store, "officer")
    yield ctx
    ctx.close()


def _case_at(ctx: DeskContext, stage: Stage) -> int:
    with ctx.uow() as uow:
        case_id = uow.session.scalar(
            select(CaseRow.id).where(CaseRow.stage == stage.value).order_by(CaseRow.id).limit(1)
        )
    assert case_id is not None, f"the demo has no case at {stage}"
    return case_id


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def _audit(ctx: DeskContext, action: str) -> list[str]:
    """The entity ids of the audit entries of one action."""
    with ctx.uow() as uow:
        return list(
            uow.session.scalars(select(AuditRow.entity_id).where(AuditRow.action == action))
        )


def test_only_a_consul_issues_the_notification(officer: DeskContext) -> None:
    case_id = _case_at(officer, Stage.PERMITTED)
    with pytest.raises(PermissionDenied):
        handouts.issue_notification(officer, case_id)


def test_issue_verifies_records_the_step_and_the_journal_row(
    consul: DeskContext, tmp_path: Path
) -> None:
    case_id = _case_at(consul, Stage.PERMITTED)
    issued = handouts.issue_notification(consul, case_id)
    assert not issued.duplicate

    result = verify_pdf(issued.pdf, handouts.trust_anchors(consul))
    assert result.ok, [p.message for p in result.problems]
    assert result.signer == "Оспанов Дәулет Бақытұлы"

    with consul.uow() as uow:
        row = uow.cases.get(case_id)
        assert row is not None
        name = " ".join(p for p in (row.surname, row.name, row.patronymic) if p)
        number = row.number
    text = " ".join(_text(issued.pdf, tmp_path).split())
    assert name in text
    assert "РҰҚСАТ ЕТІЛДІ" in text
    assert "ТЕЛНҰСҚА" not in text

    view = procedure.procedure_view(consul, case_id)
    assert view.state.stage is Stage.NOTIFICATION_ISSUED
    today = procedure.working_calendar(consul).local_date(consul.now())
    journal = handouts.journal_data(consul, date(2000, 1, 1), date(2100, 1, 1))
    mine = [r for r in journal.rows if r.full_name == name]
    # Column 6 "Хабарлама берілген күн": the day it is given to the applicant (§10), so
    # blank while it is only signed, and the hand-over date after that.
    assert len(mine) == 1 and mine[0].notification_given_on is None
    assert isinstance(mine[0].number, int)
    procedure.perform(consul, case_id, Action.HAND_OVER, {"way": "in_person"})
    journal = handouts.journal_data(consul, date(2000, 1, 1), date(2100, 1, 1))
    again = [r for r in journal.rows if r.full_name == name]
    assert again[0].notification_given_on == today and again[0].number == mine[0].number
    assert _audit(consul, "handouts.notification_issued")
    assert _audit(consul, "procedure.issue_notification")
    assert number in issued.seal_text or issued.seal_text.startswith("QNS1:")


def test_a_reprint_is_a_logged_duplicate(consul: DeskContext, tmp_path: Path) -> None:
    case_id = _case_at(consul, Stage.PERMITTED)
    first = handouts.issue_notification(consul, case_id)
    again = handouts.issue_notification(consul, case_id)
    assert not first.duplicate and again.duplicate
    assert "ТЕЛНҰСҚА / ДУБЛИКАТ" in _text(again.pdf, tmp_path)
    assert verify_pdf(again.pdf, handouts.trust_anchors(consul)).ok
    with consul.uow() as uow:
        kinds = list(uow.session.scalars(select(EventRow.kind).where(EventRow.case_id == case_id)))
    assert kinds.count(handouts.EVENT_REPRINT) == 1
    assert kinds.count("issue_notification") == 1
    logged = _audit(consul, "handouts.notification_duplicate")
    assert logged == [str(case_id)]


def test_wrong_stage_and_missing_key_say_so(store: Path, consul: DeskContext) -> None:
    forwarded = _case_at(consul, Stage.FORWARDED)
    with pytest.raises(handouts.HandoutError) as wrong:
        handouts.issue_notification(consul, forwarded)
    message = wrong.value.message
    assert (
        "«Направлено»" in message.ru
        and "(только после уведомления о разрешении, п. 10)" in message.ru
    )
    assert "forwarded" not in message.ru + message.kk and "«Жіберілді»" in message.kk
    assert "Forwarded" in message.en and "§10" in message.en

    admin = _login(store, "admin")
    try:
        session.add_officer(admin, "consul2", "Әлиев Нұрлан", Role.CONSUL, PASSWORD, FAST_KDF)
    finally:
        admin.close()
    second = _login(store, "consul2")
    try:
        with pytest.raises(handouts.NoSigningKey) as missing:
            handouts.issue_notification(second, _case_at(second, Stage.PERMITTED))
        assert "no signing key installed for consul2" in missing.value.message.en
    finally:
        second.close()


def test_no_key_in_the_clear_under_the_data_dir(store: Path) -> None:
    for path in store.rglob("*"):
        if path.is_file() and "department" not in path.parts:
            assert b"PRIVATE KEY" not in path.read_bytes(), path


def test_install_refuses_a_certificate_from_another_ca(consul: DeskContext) -> None:
    pki = make_pki()
    p12 = pkcs12.serialize_key_and_certificates(
        b"x",
        pki.signer_key,
        pki.signer_cert,
        [pki.ca_cert],
        serialization.BestAvailableEncryption(b"p12-password"),
    )
    with pytest.raises(InvalidInput) as exc:
        handouts.install_official(consul, p12, "p12-password")
    assert "not issued by the Department CA" in exc.value.message.en
    with pytest.raises(InvalidInput):
        handouts.install_official(consul, p12, "wrong password")


def test_other_forms_come_from_the_case(officer: DeskContext, tmp_path: Path) -> None:
    accepted = _case_at(officer, Stage.ACCEPTED)
    receipt = handouts.print_case_form(officer, "receipt", accepted)
    data = handouts.receipt_data(officer, accepted)
    assert data.questionnaire.surname in _text(receipt.pdf, tmp_path)
    assert data.accepted_by  # §4: the accepting officer's full name

    refusal = handouts.refusal_data(officer, _case_at(officer, Stage.REFUSED_ACCEPTANCE))
    assert refusal.items

    hearing_case = _case_at(officer, Stage.HEARING_NOTIFIED)
    hearing = handouts.hearing_data(officer, hearing_case)
    cal = procedure.working_calendar(officer)
    delivered = procedure.procedure_view(officer, hearing_case).state.draft_delivered_on
    assert delivered is not None
    # §11: two working days of the mission's calendar from receipt.
    assert hearing.objection_deadline == cal.add_working_days(delivered, OBJECTION_WORKING_DAYS)
    assert hearing.police_notice.number
    pdf = handouts.print_case_form(officer, "hearing", hearing_case).pdf
    assert hearing.applicant_full_name in " ".join(_text(pdf, tmp_path).split())

    sent = handouts.reasoned_refusal_data(officer, _case_at(officer, Stage.REFUSAL_SENT))
    assert sent.grounds and sent.police_decision.number
    with pytest.raises(handouts.HandoutError):
        handouts.reasoned_refusal_data(officer, _case_at(officer, Stage.PERMITTED))


def test_journal_csv_and_pdf(officer: DeskContext) -> None:
    csv_bytes = handouts.print_journal(officer, date(2000, 1, 1), date(2100, 1, 1), "csv")
    lines = csv_bytes.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("№ р/с")
    assert len(lines) >= 2
    assert handouts.print_journal(officer, date(2000, 1, 1), date(2100, 1, 1)).startswith(b"%PDF")
    with pytest.raises(InvalidInput):
        handouts.journal_data(officer, date(2026, 2, 1), date(2026, 1, 1))


def test_step_recorded_by_hand_prints_the_original_first(
    consul: DeskContext, tmp_path: Path
) -> None:
    case_id = _case_at(consul, Stage.NOTIFICATION_ISSUED)  # the demo recorded it, no PDF yet
    issued_on = procedure.procedure_view(consul, case_id).state.notification_issued_on
    first = handouts.issue_notification(consul, case_id)
    second = handouts.issue_notification(consul, case_id)
    assert not first.duplicate and second.duplicate
    assert "ТЕЛНҰСҚА" not in _text(first.pdf, tmp_path)
    assert issued_on is not None and issued_on.strftime("%d.%m.%Y") in _text(first.pdf, tmp_path)


def test_rules_16_permission_recorded_by_hand_names_the_body_in_russian(
    consul: DeskContext, tmp_path: Path
) -> None:
    """Issue 12 §16: the decision-maker recorded in both languages reaches the Russian line;
    issue 18: the QR holds the Department's verifier address from the trust list."""
    from desktop.department.demo import DEMO_VERIFIER_URL
    from desktop.documents.texts import load_bilingual
    from desktop.domain.workflow import Action

    case_id = _case_at(consul, Stage.FORWARDED)
    with consul.uow() as uow:
        row = uow.cases.get(case_id)
        assert row is not None
        version = row.version
    decided = procedure.working_calendar(consul).local_date(consul.now())
    procedure.perform(
        consul,
        case_id,
        Action.RECORD_PERMISSION,
        {
            "on": decided.isoformat(),
            "police_department": "Шымкент қаласы",
            "police_department_ru": "города Шымкента",
            "decision_number": "7/88",
            "decision_date": decided.isoformat(),
            "channel": "paper",
        },
        expected_version=version,
    )
    issued = handouts.issue_notification(consul, case_id)
    text = " ".join(_text(issued.pdf, tmp_path).split())
    assert "Негіздеме: Шымкент қаласы Полиция департаментінің" in text
    common = load_bilingual("common")
    assert common.ru is not None
    kk_month = common.kk.list("months_locative")[decided.month - 1]
    ru_month = common.ru.list("months")[decided.month - 1]
    assert f"{decided.year} жылғы {decided.day} {kk_month} № 7/88 шешімі" in text
    assert (
        "Основание: решение Департамента полиции города Шымкента "
        f"от {decided.day} {ru_month} {decided.year} года № 7/88"
    ) in text
    assert "Шымкент қаласы" not in text.split("Основание:", 1)[1]
    assert verify_pdf(issued.pdf, handouts.trust_anchors(consul)).ok
    # The QR (rendered at 300 dpi, read by zbar) is the verifier URL with the seal.
    pdf = tmp_path / "n.pdf"
    pdf.write_bytes(issued.pdf)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf), str(tmp_path / "n")],
        check=True,
    )
    scanned = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "n.png")], capture_output=True, text=True
    ).stdout.strip()
    assert scanned.startswith(DEMO_VERIFIER_URL + "#QNS1:")


def test_available_forms_follow_the_stage(officer: DeskContext) -> None:
    """Issue 14: the desk's Print menu offers only what the case's stage allows."""
    assert handouts.available_forms(officer, _case_at(officer, Stage.DRAFT)) == []
    accepted = _case_at(officer, Stage.ACCEPTED)
    assert handouts.available_forms(officer, accepted) == ["receipt"]
    refused = _case_at(officer, Stage.REFUSED_ACCEPTANCE)
    assert handouts.available_forms(officer, refused) == ["refusal"]
    permitted = handouts.available_forms(officer, _case_at(officer, Stage.PERMITTED))
    assert "notification" in permitted and "refusal" not in permitted
    for case_id in (accepted, refused):
        for form in set(handouts.FORMS) - {
            "notification",
            *handouts.available_forms(officer, case_id),
        }:
            with pytest.raises(handouts.HandoutError):
                handouts.print_case_form(officer, form, case_id)


# --- issue 12: the §3 routes on paper (the demo has one case on each) ---------------------------


def _route_case(ctx: DeskContext, route: str) -> int:
    from desktop.services import originals

    with ctx.uow() as uow:
        ids = list(uow.session.scalars(select(CaseRow.id).order_by(CaseRow.id.desc()).limit(8)))
    found = [i for i, r in originals.case_routes(ctx, ids).items() if route in r]
    assert found, f"the demo has no case on the route {route}"
    return min(found)


def test_annex3_6_fee_exemption_on_the_receipt_and_in_the_journal(
    officer: DeskContext, tmp_path: Path
) -> None:
    case_id = _route_case(officer, "fee_exemption")
    data = handouts.receipt_data(officer, case_id)
    assert data.fee_exemption
    text = " ".join(
        _text(handouts.print_case_form(officer, "receipt", case_id).pdf, tmp_path).split()
    )
    assert "Консулдық алымнан босатылған (3-қосымша, 6-жол; Салық кодексі)" in text
    assert data.fee_exemption in text
    journal = handouts.journal_data(officer, date(2000, 1, 1), date(2100, 1, 1))
    [row] = [r for r in journal.rows if r.fee_exemption]
    pdf = handouts.print_journal(officer, date(2000, 1, 1), date(2100, 1, 1))
    assert f"№ {row.number}: консулдық алымнан босатылған" in " ".join(_text(pdf, tmp_path).split())


def test_p3_representative_is_printed_where_the_applicant_signs(
    officer: DeskContext, tmp_path: Path
) -> None:
    case_id = _route_case(officer, "minor_applicant")
    data = handouts.receipt_data(officer, case_id)
    assert data.representative is not None
    text = " ".join(
        _text(handouts.print_case_form(officer, "receipt", case_id).pdf, tmp_path).split()
    )
    assert "Көрсетілетін қызметті алушының заңды өкілі: " + data.representative.full_name in text
    assert "ата-анасы / родитель" in text


def test_annex4_each_child_named_in_the_application_has_its_own_notification(
    consul: DeskContext, tmp_path: Path
) -> None:
    case_id = _route_case(consul, "birth_record")
    with pytest.raises(handouts.HandoutError):
        handouts.print_case_form(consul, "notification", case_id, child=3)  # only two children
    applicant = handouts.issue_notification(consul, case_id)
    first = handouts.print_case_form(consul, "notification", case_id, child=1)
    second = handouts.print_case_form(consul, "notification", case_id, child=2)
    again = handouts.print_case_form(consul, "notification", case_id, child=2)
    assert not first.duplicate and not second.duplicate and again.duplicate
    assert handouts.issue_notification(consul, case_id).duplicate  # the applicant's reprint
    anchors = handouts.trust_anchors(consul)
    for issued in (applicant, first, second):
        result = verify_pdf(issued.pdf, anchors)
        assert result.ok, [p.message for p in result.problems]
    from desktop.services import cases as case_service

    q = case_service.get_case(consul, case_id).questionnaire
    text = " ".join(_text(second.pdf, tmp_path).split())
    child = q.children[1]
    assert child.full_name in text and q.full_name not in text
    assert child.birth_date is not None and child.birth_date.strftime("%d.%m.%Y") in text
    assert "/2" in text
    # Annex 5: each child a row of its own, noted as a child of the applicant's row.
    journal = handouts.journal_data(consul, date(2000, 1, 1), date(2100, 1, 1))
    parent = next(r for r in journal.rows if r.full_name == q.full_name)
    kids = [r for r in journal.rows if r.child_of == parent.number]
    assert [r.full_name for r in kids] == [c.full_name for c in q.children]
    assert [r.passport_number for r in kids] == [c.passport_number for c in q.children]
