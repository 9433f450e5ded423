"""The §3 checklist, derived from the questionnaire and the case facts (§3(1)–(7), §4, §5)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.checklist import (
    RULESETS,
    CaseFacts,
    ChecklistError,
    DocumentStatus,
    IdentityDocument,
    IdentityKind,
    ItemState,
    RuleSet,
    RuleSetError,
    evaluate,
    record,
    required_items,
    ruleset_by_version,
    ruleset_for,
)
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Questionnaire, Sex

TODAY = date(2026, 11, 24)
PASSPORT = IdentityDocument(IdentityKind.PASSPORT, number="N12345678", expires_on=date(2030, 1, 1))


def child(name: str, born: date, iin: str = "", *, one_rep: bool = False) -> Child:
    return Child(
        full_name=name, iin=iin, birth_date=born, sex=Sex.FEMALE, with_one_representative=one_rep
    )


def applicant(*children: Child) -> Questionnaire:
    return Questionnaire(
        iin="900517312343", surname="Сейітқали", name="Асқар", children=list(children)
    )


NINE = child("Айша", date(2017, 6, 1), "170601600001")  # 9 on TODAY
ELEVEN = child("Нұрлан", date(2015, 6, 1), "150601500002")  # 11 on TODAY
TEN_TODAY = child("Дана", date(2016, 11, 24), "161124600003")  # 10 exactly on TODAY
SEVENTEEN = child("Ерлан", date(2009, 6, 1), "090601500004")


def keys(q: Questionnaire, facts: CaseFacts | None = None) -> set[str]:
    facts = facts or CaseFacts(identity=(PASSPORT,))
    return {i.key for i in required_items(q, facts, TODAY)}


BASE = {"questionnaire", "identity:passport", "fee_receipt"}


@pytest.mark.parametrize(
    ("case", "q", "facts", "expected"),
    [
        (
            "§3(1),(2),(7): no children, valid passport",
            applicant(),
            CaseFacts(identity=(PASSPORT,)),
            BASE,
        ),
        (
            "§3(2),(5): a 9-year-old needs a birth certificate copy only",
            applicant(NINE),
            CaseFacts(identity=(PASSPORT,)),
            BASE | {"birth_certificate:child:170601600001"},
        ),
        (
            "§3(5): an 11-year-old needs the guardianship conclusion",
            applicant(ELEVEN),
            CaseFacts(identity=(PASSPORT,)),
            BASE | {"birth_certificate:child:150601500002", "guardianship:child:150601500002"},
        ),
        (
            "§3(5): aged 10 on the very day counts",
            applicant(TEN_TODAY),
            CaseFacts(identity=(PASSPORT,)),
            BASE | {"birth_certificate:child:161124600003", "guardianship:child:161124600003"},
        ),
        (
            "§3(6): a minor leaving with both parents needs no consent",
            applicant(child("Әли", date(2020, 1, 1), "200101500005")),
            CaseFacts(identity=(PASSPORT,)),
            BASE | {"birth_certificate:child:200101500005"},
        ),
        (
            "§3(6): a minor leaving with one parent needs the other's consent or a court",
            applicant(child("Әли", date(2020, 1, 1), "200101500005", one_rep=True)),
            CaseFacts(identity=(PASSPORT,)),
            BASE
            | {"birth_certificate:child:200101500005", "representative_consent:child:200101500005"},
        ),
        (
            "§3(5),(6): a 17-year-old with one parent needs both",
            applicant(child("Ерлан", date(2009, 6, 1), "090601500004", one_rep=True)),
            CaseFacts(identity=(PASSPORT,)),
            BASE
            | {
                "birth_certificate:child:090601500004",
                "guardianship:child:090601500004",
                "representative_consent:child:090601500004",
            },
        ),
        (
            "§3(2): a lost passport needs an explanation and the passport application",
            applicant(),
            CaseFacts(
                identity=(
                    IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.LOST),
                    IdentityDocument(IdentityKind.E_DOCUMENT),
                )
            ),
            {
                "questionnaire",
                "identity:e_document",
                "explanation:passport",
                "passport_application",
                "fee_receipt",
            },
        ),
        (
            "§3(2): an expired passport, nothing else: copied, explained, new-passport documents",
            applicant(),
            CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.EXPIRED),)),
            {
                "questionnaire",
                "identity:passport",
                "explanation:passport",
                "passport_application",
                "fee_receipt",
            },
        ),
        (
            "§3(2): nothing recorded at all: identification is still needed",
            applicant(),
            CaseFacts(identity=()),
            {"questionnaire", "identity", "fee_receipt"},
        ),
        (
            "§3(2): a missing ID card needs an explanation but no passport application",
            applicant(),
            CaseFacts(
                identity=(PASSPORT, IdentityDocument(IdentityKind.ID_CARD, DocumentStatus.MISSING))
            ),
            BASE | {"explanation:id_card"},
        ),
        (
            "§3(2): an ID card is retained",
            applicant(),
            CaseFacts(
                identity=(IdentityDocument(IdentityKind.ID_CARD, expires_on=date(2031, 1, 1)),)
            ),
            {"questionnaire", "identity:id_card", "fee_receipt"},
        ),
        (
            "§3(3): alimony obligations",
            applicant(),
            CaseFacts(identity=(PASSPORT,), alimony_obligations=True),
            BASE | {"alimony"},
        ),
        (
            "§3(4): a debtor in enforcement proceedings",
            applicant(),
            CaseFacts(identity=(PASSPORT,), enforcement_debtor=True),
            BASE | {"enforcement_terminated"},
        ),
        (
            "§3(3),(4),(5),(6): everything at once",
            applicant(NINE, child("Нұрлан", date(2015, 6, 1), "150601500002", one_rep=True)),
            CaseFacts(identity=(PASSPORT,), alimony_obligations=True, enforcement_debtor=True),
            BASE
            | {
                "alimony",
                "enforcement_terminated",
                "birth_certificate:child:170601600001",
                "birth_certificate:child:150601500002",
                "guardianship:child:150601500002",
                "representative_consent:child:150601500002",
            },
        ),
    ],
)
def test_required_items(case: str, q: Questionnaire, facts: CaseFacts, expected: set[str]) -> None:
    assert keys(q, facts) == expected, case


def test_every_item_says_why_in_three_languages_with_its_paragraph() -> None:
    q = applicant(NINE, child("Нұрлан", date(2015, 6, 1), "150601500002", one_rep=True))
    facts = CaseFacts(
        identity=(
            IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.LOST),
            IdentityDocument(IdentityKind.ID_CARD),
        ),
        alimony_obligations=True,
        enforcement_debtor=True,
    )
    for item in required_items(q, facts, TODAY):
        assert item.paragraph.startswith("§3(")
        for text in (item.label, item.why):
            assert isinstance(text, Text)
            assert text.kk and text.ru and text.en
            assert "{" not in text.kk + text.ru + text.en, item.key
    guardianship = next(i for i in required_items(q, facts, TODAY) if i.kind == "guardianship")
    assert "11" in guardianship.why.en and "Нұрлан" in guardianship.why.ru
    id_card = next(i for i in required_items(q, facts, TODAY) if i.key == "identity:id_card")
    assert id_card.retained_original  # §3(2): goes into the custody register


def test_children_without_iin_are_keyed_by_position() -> None:
    q = applicant(child("Айша", date(2017, 6, 1)))
    assert "birth_certificate:child#0" in keys(q)


def test_a_child_without_a_birth_date_gets_no_age_rule() -> None:
    q = applicant(Child(full_name="Белгісіз"))
    assert keys(q) == BASE | {"birth_certificate:child#0"}


def all_received(q: Questionnaire, facts: CaseFacts) -> dict[str, ItemState]:
    return {i.key: ItemState(received=True) for i in required_items(q, facts, TODAY)}


def test_complete_set_is_complete() -> None:
    q, facts = applicant(ELEVEN), CaseFacts(identity=(PASSPORT,))
    status = evaluate(q, facts, all_received(q, facts), TODAY)
    assert status.complete
    assert status.missing == () and status.expired == ()
    assert status.ruleset == "2025-12-05"
    # The passport's expiry comes from the facts when the officer did not type it again.
    assert status.entry("identity:passport").state.expires_on == date(2030, 1, 1)


def test_missing_item_makes_it_incomplete_and_says_which() -> None:
    q, facts = applicant(ELEVEN), CaseFacts(identity=(PASSPORT,))
    states = all_received(q, facts)
    del states["guardianship:child:150601500002"]
    status = evaluate(q, facts, states, TODAY)
    assert not status.complete
    assert status.missing == ("guardianship:child:150601500002",)
    assert status.summary()["missing"] == ["guardianship:child:150601500002"]


@pytest.mark.parametrize(
    ("expires_on", "expired"),
    [
        (date(2026, 11, 23), True),  # §5: expired yesterday
        (date(2026, 11, 24), False),  # valid through its last day
        (date(2027, 1, 1), False),
    ],
)
def test_expired_document_blocks_acceptance(expires_on: date, expired: bool) -> None:
    # §5 still refuses an expired document other than the identity document (§3(2) route).
    key = "representative_consent:child:200101500005"
    q = applicant(child("Әли", date(2020, 1, 1), "200101500005", one_rep=True))
    facts = CaseFacts(identity=(PASSPORT,))
    states = all_received(q, facts)
    states[key] = ItemState(received=True, expires_on=expires_on)
    status = evaluate(q, facts, states, TODAY)
    assert status.complete is not expired
    assert (status.expired == (key,)) is expired


def test_expired_consent_blocks_acceptance() -> None:
    q = applicant(child("Әли", date(2020, 1, 1), "200101500005", one_rep=True))
    facts = CaseFacts(identity=(PASSPORT,))
    states = all_received(q, facts)
    states["representative_consent:child:200101500005"] = ItemState(
        received=True, expires_on=date(2026, 1, 1)
    )
    status = evaluate(q, facts, states, TODAY)
    assert status.expired == ("representative_consent:child:200101500005",)
    assert not status.complete


def test_items_without_expiry_never_expire() -> None:
    q, facts = applicant(), CaseFacts(identity=(PASSPORT,))
    states = all_received(q, facts)
    states["fee_receipt"] = ItemState(received=True, expires_on=date(2000, 1, 1))
    assert evaluate(q, facts, states, TODAY).complete


def test_officer_cannot_add_items() -> None:
    # §3, last sentence: no other documents may be requested.
    q, facts = applicant(), CaseFacts(identity=(PASSPORT,))
    items = required_items(q, facts, TODAY)
    with pytest.raises(ChecklistError) as err:
        record(items, {}, "bank_statement", ItemState(received=True))
    assert "§3" in err.value.message.en and err.value.message.kk
    updated = record(items, {}, "fee_receipt", ItemState(received=True, scan_ids=("s1",)))
    assert updated["fee_receipt"].scan_ids == ("s1",)


def test_states_of_items_no_longer_required_are_ignored() -> None:
    q, facts = applicant(), CaseFacts(identity=(PASSPORT,))
    states = all_received(q, facts) | {"alimony": ItemState(received=True)}
    status = evaluate(q, facts, states, TODAY)
    assert "alimony" not in {e.key for e in status.entries}


def test_round_trips() -> None:
    facts = CaseFacts(
        identity=(PASSPORT, IdentityDocument(IdentityKind.ID_CARD, DocumentStatus.LOST)),
        alimony_obligations=True,
    )
    assert CaseFacts.from_dict(facts.to_dict()) == facts
    state = ItemState(received=True, expires_on=date(2030, 1, 1), scan_ids=("a", "b"), note="x")
    assert ItemState.from_dict(state.to_dict()) == state


def test_rulesets_are_versioned_by_effective_date() -> None:
    # §14-1: rule versions are visible; a case keeps the version it was accepted under.
    older = RuleSet(
        version="2022-11-23",
        effective_from=date(2022, 12, 3),
        title=Text("ескі", "старая", "old"),
        derive=lambda q, f, on: [],
    )
    both = (*RULESETS, older)
    assert ruleset_for(date(2025, 1, 1), both).version == "2022-11-23"
    assert ruleset_for(date(2025, 12, 5), both).version == "2025-12-05"
    assert ruleset_for(TODAY, both).version == "2025-12-05"
    assert ruleset_by_version("2022-11-23", both) is older
    with pytest.raises(RuleSetError):
        ruleset_by_version("1999-01-01")
    # An accepted case is evaluated with its own version, whatever is in force now.
    status = evaluate(applicant(), CaseFacts(identity=(PASSPORT,)), {}, TODAY, older)
    assert status.ruleset == "2022-11-23" and status.complete and status.entries == ()
