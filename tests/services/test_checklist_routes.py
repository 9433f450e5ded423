"""Issue 12, points 5–10 through the services, on a real encrypted store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.domain.checklist import (
    CaseFacts,
    IdentityDocument,
    IdentityKind,
    Representative,
)
from desktop.domain.questionnaire import Child, Sex
from desktop.domain.workflow import Stage
from desktop.services import cases as case_service
from desktop.services import originals, procedure, session
from desktop.services.errors import InvalidInput
from desktop.storage import migrate
from tests.conftest import NOW, PASSWORD
from tests.services.procedure_store import FACTS, Desk, desk, questionnaire, ready_case
from tests.storage.test_migrations import _store_at_first_revision

__all__ = ["desk"]  # the fixture

EXPIRED_ON = date(2026, 3, 1)


def receive_all(desk: Desk, case_id: int) -> procedure.ChecklistView:
    view = procedure.get_checklist(desk.officer, case_id)
    for entry in view.status.entries:
        if not entry.state.received:
            procedure.record_item(
                desk.officer, case_id, entry.key, received=True, expires_on=entry.state.expires_on
            )
    return procedure.get_checklist(desk.officer, case_id)


def test_p3_2_expiry_typed_on_the_identity_item_leads_to_explanation_route(desk: Desk) -> None:
    # §3(2), not §5: the expired passport is copied, explained, and the new-passport documents
    # come with the explanation; the set can then be accepted.
    case_id = ready_case(desk, facts=CaseFacts(identity=(FACTS.identity[0],)))
    view = procedure.record_item(
        desk.officer, case_id, "identity:passport", received=True, expires_on=EXPIRED_ON
    )
    assert set(view.status.missing) == {"explanation:passport", "passport_application"}
    assert view.status.expired == ()
    view = receive_all(desk, case_id)
    assert view.status.complete
    result = procedure.accept(desk.officer, case_id)
    assert result.stage is Stage.ACCEPTED
    assert procedure.load_events(desk.officer, case_id)[-1].data["checklist"]["expired"] == []


def test_p3_2_expired_id_card_is_withdrawn_into_custody(desk: Desk) -> None:
    # §3(2): "жеке куәлігінің түпнұсқасы алынып қойылады" — an expired one too.
    facts = CaseFacts(
        identity=(
            FACTS.identity[0],
            IdentityDocument(IdentityKind.ID_CARD, number="012345678", expires_on=EXPIRED_ON),
        )
    )
    case_id = ready_case(desk, facts=facts)
    assert procedure.get_checklist(desk.officer, case_id).status.complete
    result = procedure.accept(desk.officer, case_id)
    held = procedure.custody_register(desk.officer, held_only=True)
    assert len(result.custody_ids) == 1
    assert [(c.document_kind, c.document_number) for c in held] == [("id_card", "012345678")]


def test_annex3_6_fee_exemption_lets_an_exempt_applicant_be_accepted(desk: Desk) -> None:
    facts = CaseFacts(identity=FACTS.identity, fee_exemption="Салық кодексі бойынша босатылған")
    case_id = ready_case(desk, facts=facts)
    view = procedure.get_checklist(desk.officer, case_id)
    assert "fee_receipt" not in {e.key for e in view.status.entries}
    assert view.status.complete
    assert procedure.accept(desk.officer, case_id).stage is Stage.ACCEPTED
    received = procedure.load_events(desk.officer, case_id)[-1].data["checklist"]["received"]
    assert "fee_exemption" in received


def child_with_one_parent(residence: str) -> Child:
    return Child(
        full_name="Сейітқали Әли",
        iin="200101500053",
        birth_date=date(2020, 1, 1),
        sex=Sex.MALE,
        with_one_representative=True,
        other_representative_residence=residence,
    )


def test_p3_6_court_permission_recorded_from_the_desk_has_no_expiry(desk: Desk) -> None:
    key = "representative_consent:child:200101500053"
    case_id = ready_case(desk, questionnaire("900517312343", child_with_one_parent("kz")))
    procedure.record_item(
        desk.officer, case_id, key, received=True, expires_on=EXPIRED_ON, variant="consent"
    )
    assert procedure.get_checklist(desk.officer, case_id).status.expired == (key,)
    view = procedure.record_item(
        desk.officer, case_id, key, received=True, expires_on=EXPIRED_ON, variant="court"
    )
    assert view.status.complete and view.status.entry(key).state.variant == "court"
    # Where the other parent lives abroad, the consent is not asked for at all (§3(6)).
    abroad = ready_case(desk, questionnaire("900517312343", child_with_one_parent("abroad")))
    keys = {e.key for e in procedure.get_checklist(desk.officer, abroad).status.entries}
    assert key not in keys


def test_p3_2_birth_certificate_form_and_originals_returned_register(desk: Desk) -> None:
    # §3(2): passport and birth-certificate originals are copied and handed back: when, to whom.
    case_id = ready_case(desk, questionnaire("900517312343", child_with_one_parent("abroad")))
    birth = "birth_certificate:child:200101500053"
    view = procedure.record_item(desk.officer, case_id, birth, received=True, variant="record")
    assert view.status.entry(birth).state.variant == "record"
    back = originals.return_original(desk.officer, case_id, "identity:passport", "Сейітқали Асқар")
    assert (back.document_kind, back.document_number) == ("identity", "N12345678")
    originals.return_original(
        desk.officer, case_id, birth, "Сейітқали Асқар", on=date(2026, 11, 23)
    )
    register = originals.returned_register(desk.officer)
    assert [(r.item_key, r.returned_on, r.returned_to, r.recorded_by) for r in register] == [
        ("identity:passport", date(2026, 11, 23), "Сейітқали Асқар", "Жұмабаева Әсел Нұрланқызы"),
        (birth, date(2026, 11, 23), "Сейітқали Асқар", "Жұмабаева Әсел Нұрланқызы"),
    ]
    # The ID card is retained, never handed back; the receiver must be named.
    with pytest.raises(procedure.ProcedureError) as err:
        originals.return_original(desk.officer, case_id, "identity:id_card", "Сейітқали Асқар")
    assert err.value.code == "not_returned"
    with pytest.raises(InvalidInput):
        originals.return_original(desk.officer, case_id, "identity:passport", "  ")
    kinds = [e.kind for e in procedure.load_events(desk.officer, case_id)]
    assert kinds.count(procedure.EVENT_RETURNED) == 2


def test_p3_minor_applicant_with_representative_through_the_desk(desk: Desk) -> None:
    q = questionnaire("140517500011")
    q.birth_date = date(2014, 5, 17)  # 12 on the day
    saved = case_service.create_draft(desk.officer, q)
    rep = Representative(
        full_name="Сейітқали Гүлнұр",
        document="Паспорт N87654321",
        with_one_representative=True,
        other_residence="kz",
    )
    view = procedure.set_facts(
        desk.officer, saved.summary.id, CaseFacts(identity=FACTS.identity, representative=rep)
    )
    keys = {e.key for e in view.status.entries}
    assert {"guardianship:applicant", "representative_consent:applicant"} <= keys
    assert view.facts.representative == rep


def test_p3_2_returned_register_on_an_upgraded_store(tmp_path: Path) -> None:
    # Revision 0008_returned_originals on a store of release 0.1.
    _store_at_first_revision(tmp_path)
    ctx = session.login(tmp_path, "admin", PASSWORD, clock=lambda: NOW)
    try:
        assert migrate.current_revision(ctx.store.engine) == migrate.head_revision()
        procedure.set_facts(
            ctx, 1, CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, number="N1"),))
        )
        back = originals.return_original(ctx, 1, "identity:passport", "Әбдірахманов Нұрлан")
        assert originals.returned_register(ctx) == [back]
        assert ctx.store.integrity() == ["ok"]
    finally:
        ctx.close()
