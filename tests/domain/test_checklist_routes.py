"""Issue 12, points 5–12: the §3 routes the Rules allow and the checklist used to refuse.

Each test names its paragraph; docs/rules.md quotes the Kazakh words each reading rests on.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.checklist import (
    W_CHECK_EXEMPTION,
    W_MINOR_WITHOUT_REPRESENTATIVE,
    W_NO_VALID_IDENTITY,
    CaseFacts,
    ChecklistError,
    DocumentStatus,
    IdentityDocument,
    IdentityKind,
    ItemState,
    Representative,
    RepresentativeAuthority,
    evaluate,
    record,
    required_items,
)
from desktop.domain.journal import journal_rows
from desktop.domain.questionnaire import Child, Contacts, Questionnaire, Relative, Sex
from desktop.domain.workflow import CaseState, Stage

TODAY = date(2026, 11, 24)
PASSPORT = IdentityDocument(IdentityKind.PASSPORT, number="N12345678", expires_on=date(2030, 1, 1))


def applicant(*children: Child, born: date = date(1990, 5, 17)) -> Questionnaire:
    return Questionnaire(
        iin="900517312343",
        surname="Сейітқали",
        name="Асқар",
        birth_date=born,
        children=list(children),
    )


def keys(
    q: Questionnaire, facts: CaseFacts, states: dict[str, ItemState] | None = None
) -> set[str]:
    return {i.key for i in required_items(q, facts, TODAY, states=states)}


def all_received(
    q: Questionnaire, facts: CaseFacts, states: dict[str, ItemState] | None = None
) -> dict[str, ItemState]:
    out = dict(states or {})
    for item in required_items(q, facts, TODAY, states=states):
        out[item.key] = ItemState(
            received=True,
            expires_on=out[item.key].expires_on if item.key in out else None,
            variant=out[item.key].variant if item.key in out else "",
        )
    return out


ROUTE = {"questionnaire", "identity:passport", "explanation:passport", "passport_application"}
EXPIRED_ON = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("how", "facts", "states"),
    [
        (
            "status recorded as expired",
            CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.EXPIRED),)),
            {},
        ),
        (
            "expiry date with the document (the MRZ pre-fill writes it there)",
            CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, expires_on=EXPIRED_ON),)),
            {},
        ),
        (
            "expiry date typed on the identity item",
            CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT),)),
            {"identity:passport": ItemState(received=True, expires_on=EXPIRED_ON)},
        ),
    ],
)
def test_p3_2_expired_passport_leads_to_explanation_route(
    how: str, facts: CaseFacts, states: dict[str, ItemState]
) -> None:
    # §3(2): "паспорты ... қолданылу мерзімі өтіп кеткен жағдайда ... жазбаша түсініктеме" and
    # the new-passport documents "жазбаша түсініктемемен бір уақытта"; not a §5 refusal.
    q = applicant()
    assert keys(q, facts, states) == ROUTE | {"fee_receipt"}, how
    status = evaluate(q, facts, all_received(q, facts, states), TODAY)
    assert status.complete, how
    assert status.expired == (), how
    passport = status.entry("identity:passport")
    assert passport.item.returned_original and not passport.item.retained_original
    assert "explanation" in passport.item.why.en
    assert W_NO_VALID_IDENTITY in status.warnings  # identification rests on the route


@pytest.mark.parametrize("lost", [DocumentStatus.LOST, DocumentStatus.MISSING])
def test_p3_2_lost_passport_alone_is_the_explanation_route_not_a_dead_end(
    lost: DocumentStatus,
) -> None:
    q = applicant()
    facts = CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, lost),))
    assert keys(q, facts) == {
        "questionnaire",
        "explanation:passport",
        "passport_application",
        "fee_receipt",
    }
    status = evaluate(q, facts, all_received(q, facts), TODAY)
    assert status.complete and W_NO_VALID_IDENTITY in status.warnings


def test_p3_2_expired_id_card_is_withdrawn_and_explained() -> None:
    # §3(2): "жеке куәлігінің түпнұсқасы алынып қойылады" — whatever its state.
    q = applicant()
    facts = CaseFacts(
        identity=(
            PASSPORT,
            IdentityDocument(IdentityKind.ID_CARD, number="012345678", expires_on=EXPIRED_ON),
        )
    )
    assert keys(q, facts) == {
        "questionnaire",
        "identity:passport",
        "identity:id_card",
        "explanation:id_card",
        "fee_receipt",
    }
    status = evaluate(q, facts, all_received(q, facts), TODAY)
    assert status.complete and status.expired == ()
    card = status.entry("identity:id_card")
    assert card.item.retained_original and card.state.expires_on == EXPIRED_ON
    assert W_NO_VALID_IDENTITY not in status.warnings  # the valid passport identifies


def one_parent_child(residence: str) -> Child:
    return Child(
        full_name="Сейітқали Әли",
        iin="200101500005",
        birth_date=date(2020, 1, 1),
        sex=Sex.MALE,
        with_one_representative=True,
        other_representative_residence=residence,
    )


@pytest.mark.parametrize(
    ("residence", "consent", "warned"),
    [("kz", True, False), ("abroad", False, False), ("", True, True)],
)
def test_p3_6_consent_only_when_the_other_representative_lives_in_kazakhstan(
    residence: str, consent: bool, warned: bool
) -> None:
    # §3(6): "баланың Қазақстан Республикасының аумағында тұратын екінші заңды өкілінің
    # нотариалды түрде расталған келісімі".
    q = applicant(one_parent_child(residence))
    facts = CaseFacts(identity=(PASSPORT,))
    assert ("representative_consent:child:200101500005" in keys(q, facts)) is consent
    status = evaluate(q, facts, all_received(q, facts), TODAY)
    assert any("where the other legal representative lives" in w.en for w in status.warnings) is (
        warned
    )


def test_p3_6_court_permission_has_no_expiry() -> None:
    # §3(6): "Келісім болмаған жағдайда ... сот тәртібімен рұқсат етілуі мүмкін".
    key = "representative_consent:child:200101500005"
    q = applicant(one_parent_child("kz"))
    facts = CaseFacts(identity=(PASSPORT,))
    court = all_received(q, facts, {key: ItemState(expires_on=EXPIRED_ON, variant="court")})
    assert evaluate(q, facts, court, TODAY).complete
    consent = all_received(q, facts, {key: ItemState(expires_on=EXPIRED_ON, variant="consent")})
    assert evaluate(q, facts, consent, TODAY).expired == (key,)
    item = next(i for i in required_items(q, facts, TODAY) if i.key == key)
    assert [v.key for v in item.variants] == ["consent", "court"]
    assert not item.expiry_applies("court") and item.expiry_applies("consent")


def test_annex3_6_fee_exemption_replaces_the_receipt() -> None:
    # Annex 3, line 6: "Консулдық алымды төлеуден босату шарты ... Салық кодексіне сәйкес
    # реттеледі".
    q = applicant()
    facts = CaseFacts(identity=(PASSPORT,), fee_exemption="Салық кодексі, консулдық алым")
    assert keys(q, facts) == {"questionnaire", "identity:passport", "fee_exemption"}
    status = evaluate(q, facts, all_received(q, facts), TODAY)
    assert status.complete
    assert "Салық кодексі, консулдық алым" in status.entry("fee_exemption").item.label.kk
    assert W_CHECK_EXEMPTION in status.warnings
    assert CaseFacts.from_dict(facts.to_dict()) == facts


def test_p3_2_birth_certificate_or_certificate_of_birth() -> None:
    # §3(2): "баланың туу туралы куәлігін немесе анықтамасын ... түпнұсқаларын қайтарып береді".
    q = applicant(one_parent_child("abroad"))
    facts = CaseFacts(identity=(PASSPORT,))
    items = required_items(q, facts, TODAY)
    key = "birth_certificate:child:200101500005"
    item = next(i for i in items if i.key == key)
    assert [v.key for v in item.variants] == ["certificate", "record"]
    assert item.returned_original and not item.retained_original
    assert "анықтама" in item.label.kk
    states = record(items, {}, key, ItemState(received=True, variant="record"))
    assert states[key].variant == "record"
    assert ItemState.from_dict(states[key].to_dict()) == states[key]
    with pytest.raises(ChecklistError):
        record(items, {}, key, ItemState(received=True, variant="passport"))


def test_p3_minor_applicant_acts_through_a_representative() -> None:
    # §3: "азаматтарының өздері немесе олардың заңды өкiлдерi"; §3(5)/(6) on the applicant's
    # own age: 12 on TODAY, leaving with the mother, the father lives in Kazakhstan.
    q = applicant(born=date(2014, 5, 17))
    rep = Representative(
        full_name="Сейітқали Гүлнұр Серікқызы",
        document="Паспорт N87654321",
        authority=RepresentativeAuthority.PARENT,
        authority_document="Туу туралы куәлік № 123456",
        with_one_representative=True,
        other_residence="kz",
    )
    facts = CaseFacts(identity=(PASSPORT,), representative=rep)
    assert keys(q, facts) >= {"guardianship:applicant", "representative_consent:applicant"}
    status = evaluate(q, facts, all_received(q, facts), TODAY)
    assert status.complete and W_MINOR_WITHOUT_REPRESENTATIVE not in status.warnings
    assert CaseFacts.from_dict(facts.to_dict()) == facts
    # Without the representative recorded the desk warns (it does not guess who signs).
    bare = CaseFacts(identity=(PASSPORT,))
    assert W_MINOR_WITHOUT_REPRESENTATIVE in evaluate(q, bare, {}, TODAY).warnings
    # An adult applicant gets none of the minor's items.
    assert not {k for k in keys(applicant(), facts) if k.endswith(":applicant")}


def test_annex1_17_deceased_relative_needs_death_certificate() -> None:
    # Annex 1, item 17: "егер қайтыс болса қайтыс болғаны туралы куәлік қоса беріледі".
    q = applicant()
    q.relatives = [
        Relative(full_name="Сейітқали Бақыт", kinship="father", deceased=True),
        Relative(full_name="Сейітқалиева Ғалия", kinship="mother"),
    ]
    facts = CaseFacts(identity=(PASSPORT,))
    items = {i.key: i for i in required_items(q, facts, TODAY)}
    assert set(items) == {
        "questionnaire",
        "identity:passport",
        "fee_receipt",
        "death_certificate:relative#0",
    }
    assert "Сейітқали Бақыт" in items["death_certificate:relative#0"].label.ru


def test_annex5_each_child_named_in_the_application_has_its_own_journal_row() -> None:
    q = applicant(
        one_parent_child("abroad"),
        Child("Сейітқали Айша", "170601600001", date(2017, 6, 1), "N11112222", Sex.FEMALE),
    )
    q.contacts = Contacts(address="Berlin", phone="+49 151 1234567")
    facts = CaseFacts(identity=(PASSPORT,), fee_exemption="Салық кодексі")
    # §13: the entry's number was given with the permission; the children take the next ones.
    state = CaseState(
        stage=Stage.HANDED_OVER,
        accepted_on=date(2026, 9, 2),
        handed_over_on=date(2026, 10, 20),
        journal_number=7,
        journal_year=2026,
    )
    rows = journal_rows([("KZ-1", q, facts, state)])
    assert [(r.number, r.full_name, r.child_of) for r in rows] == [
        (7, "Сейітқали Асқар", None),
        (8, "Сейітқали Әли", 7),
        (9, "Сейітқали Айша", 7),
    ]
    aisha = rows[2]
    assert (aisha.birth_date, aisha.passport_number) == (date(2017, 6, 1), "N11112222")
    assert aisha.application_date == date(2026, 9, 2) and aisha.contacts == rows[0].contacts
    assert rows[0].fee_exemption == "Салық кодексі" and aisha.fee_exemption == ""


def test_p3_6_residence_of_the_other_representative_is_a_code() -> None:
    from desktop.domain.validation import validate

    q = applicant(one_parent_child("Berlin"))
    issues = validate(q, TODAY)
    assert any(
        i.path == "children[0].other_representative_residence" and i.code == "code" for i in issues
    )
    q = applicant(one_parent_child("abroad"))
    assert not [i for i in validate(q, TODAY) if "other_representative" in i.path]
    assert Questionnaire.from_dict(q.to_dict()).children[0].other_representative_residence == (
        "abroad"
    )
