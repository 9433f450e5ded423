"""The §3 rules as amended by order No. 11-1-4/730 of 05.12.2025: the items a case needs and
the warnings about facts still to be recorded.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.checklist.model import (
    GUARDIANSHIP_AGE,
    MAJORITY_AGE,
    CaseFacts,
    DocumentStatus,
    IdentityKind,
    Representative,
    RequiredItem,
    Residence,
)
from desktop.domain.checklist.wording import (
    _KIND_TEXT,
    _STATUS_TEXT,
    BIRTH_VARIANTS,
    CONSENT_VARIANTS,
    L_ALIMONY,
    L_APPLICANT,
    L_BIRTH_CERTIFICATE,
    L_CONSENT,
    L_DEATH_CERTIFICATE,
    L_E_DOCUMENT,
    L_ENFORCEMENT,
    L_EXPLANATION,
    L_FEE,
    L_FEE_EXEMPTION,
    L_GUARDIANSHIP,
    L_ID_CARD,
    L_ID_CARD_EXPIRED,
    L_IDENTITY,
    L_PASSPORT,
    L_PASSPORT_APPLICATION,
    L_PASSPORT_EXPIRED,
    L_QUESTIONNAIRE,
    W_ALIMONY,
    W_ALWAYS,
    W_BIRTH_CERTIFICATE,
    W_CHECK_EXEMPTION,
    W_CONSENT,
    W_DEATH_CERTIFICATE,
    W_ENFORCEMENT,
    W_EXPIRED_DOCUMENT,
    W_EXPLANATION,
    W_FEE_EXEMPTION,
    W_GUARDIANSHIP,
    W_ID_CARD,
    W_IDENTITY,
    W_MINOR_WITHOUT_REPRESENTATIVE,
    W_NO_VALID_IDENTITY,
    W_PASSPORT_APPLICATION,
    W_RESIDENCE_UNKNOWN,
    _age,
    _pick,
)
from desktop.domain.dates import age_on
from desktop.domain.formats import cite
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Questionnaire, Relative


def child_key(child: Child, index: int) -> str:
    """A child's part of an item key: the IIN when there is one, so reordering keeps states."""
    return f"child:{child.iin}" if child.iin else f"child#{index}"


def _identity_items(facts: CaseFacts) -> tuple[list[RequiredItem], bool, bool]:
    """§3(2): the identity items; also whether a valid document identifies the applicant and
    whether the explanation route applies (a passport or ID card missing, lost or expired)."""
    items: list[RequiredItem] = []
    identified = False
    route = False
    for doc in facts.identity:
        kind_text = _KIND_TEXT[doc.kind]
        if doc.kind is IdentityKind.E_DOCUMENT:
            if doc.status is DocumentStatus.VALID:
                identified = True
                items.append(
                    RequiredItem(
                        "identity:e_document", "identity", "§3(2)", L_E_DOCUMENT, W_IDENTITY
                    )
                )
            continue  # the Rules ask an explanation only for a passport or an ID card
        passport = doc.kind is IdentityKind.PASSPORT
        if doc.status is DocumentStatus.VALID:
            identified = True
            items.append(
                RequiredItem(
                    f"identity:{doc.kind.value}",
                    "identity",
                    "§3(2)",
                    L_PASSPORT if passport else L_ID_CARD,
                    W_IDENTITY if passport else W_ID_CARD,
                    has_expiry=True,
                    retained_original=not passport,
                    returned_original=passport,
                    expiry_refuses=False,
                )
            )
            continue
        route = True
        status = _STATUS_TEXT[doc.status]
        if doc.status is DocumentStatus.EXPIRED:
            # The expired document is still there: a passport is copied and handed back, an
            # ID card's original is withdrawn "whatever its state" ("алынып қояды").
            items.append(
                RequiredItem(
                    f"identity:{doc.kind.value}",
                    "identity",
                    "§3(2)",
                    L_PASSPORT_EXPIRED if passport else L_ID_CARD_EXPIRED,
                    _pick(W_EXPIRED_DOCUMENT, doc=kind_text),
                    has_expiry=True,
                    retained_original=not passport,
                    returned_original=passport,
                    expiry_refuses=False,
                )
            )
        items.append(
            RequiredItem(
                f"explanation:{doc.kind.value}",
                "explanation",
                "§3(2)",
                _pick(L_EXPLANATION, doc=kind_text),
                _pick(W_EXPLANATION, doc=kind_text, status=status),
            )
        )
        if passport:
            items.append(
                RequiredItem(
                    "passport_application",
                    "passport_application",
                    "§3(2)",
                    L_PASSPORT_APPLICATION,
                    _pick(W_PASSPORT_APPLICATION, status=status),
                )
            )
    return items, identified, route


def _minor_items(
    ck: str, name: str, age: int, on: date, with_one: bool, residence: str
) -> list[RequiredItem]:
    """§3(5) and §3(6) for one minor (a child named in the application, or the applicant)."""
    items: list[RequiredItem] = []
    if age >= GUARDIANSHIP_AGE:
        items.append(
            RequiredItem(
                f"guardianship:{ck}",
                "guardianship",
                "§3(5)",
                L_GUARDIANSHIP.format(child=name),
                W_GUARDIANSHIP.format(child=name, age=_age(age), on=on),
                subject=name,
            )
        )
    # §3(6): the consent of the other legal representative "who lives in Kazakhstan"; not
    # recorded where they live → asked for (and the checklist warns to record it).
    if age < MAJORITY_AGE and with_one and residence != Residence.ABROAD.value:
        items.append(
            RequiredItem(
                f"representative_consent:{ck}",
                "representative_consent",
                "§3(6)",
                L_CONSENT.format(child=name),
                W_CONSENT.format(child=name, age=_age(age), on=on),
                has_expiry=True,
                subject=name,
                variants=CONSENT_VARIANTS,
            )
        )
    return items


def relative_key(relative: Relative, index: int) -> str:
    return f"relative:{relative.iin}" if relative.iin else f"relative#{index}"


def _derive_2025_12_05(q: Questionnaire, facts: CaseFacts, on: date) -> list[RequiredItem]:
    items: list[RequiredItem] = [
        # §3(1)
        RequiredItem(
            "questionnaire",
            "questionnaire",
            "§3(1)",
            L_QUESTIONNAIRE,
            W_ALWAYS.format(para=cite("§3(1)")),
        )
    ]
    # Annex 1, item 17: "егер қайтыс болса қайтыс болғаны туралы куәлік қоса беріледі".
    for index, rel in enumerate(q.relatives):
        if rel.deceased:
            name = rel.full_name or f"#{index + 1}"
            items.append(
                RequiredItem(
                    f"death_certificate:{relative_key(rel, index)}",
                    "death_certificate",
                    "§3(1)",
                    L_DEATH_CERTIFICATE.format(name=name),
                    W_DEATH_CERTIFICATE.format(name=name),
                    subject=name,
                )
            )
    # §3(2): an identity document or an e-document; explanation (+ passport application).
    identity, identified, route = _identity_items(facts)
    items += identity
    if not identified and not route:
        # Identification is still needed; the e-document is the way without a paper one.
        items.append(RequiredItem("identity", "identity", "§3(2)", L_IDENTITY, W_IDENTITY))
    if facts.alimony_obligations:
        items.append(RequiredItem("alimony", "alimony", "§3(3)", L_ALIMONY, W_ALIMONY))
    if facts.enforcement_debtor:
        items.append(
            RequiredItem(
                "enforcement_terminated", "enforcement", "§3(4)", L_ENFORCEMENT, W_ENFORCEMENT
            )
        )
    # §3(5)/(6) for an applicant who is a minor, applying through a legal representative.
    if q.birth_date is not None:
        age = age_on(q.birth_date, on)
        if age < MAJORITY_AGE:
            rep = facts.representative or Representative()
            name = q.full_name or L_APPLICANT.en
            items += _minor_items(
                "applicant", name, age, on, rep.with_one_representative, rep.other_residence
            )
    for index, child in enumerate(q.children):
        name = child.full_name or f"#{index + 1}"
        ck = child_key(child, index)
        items.append(
            RequiredItem(
                f"birth_certificate:{ck}",
                "birth_certificate",
                "§3(2)",
                L_BIRTH_CERTIFICATE.format(child=name),
                W_BIRTH_CERTIFICATE.format(child=name),
                subject=name,
                returned_original=True,
                variants=BIRTH_VARIANTS,
            )
        )
        if child.birth_date is None:
            continue  # validation reports the missing date; no age, no age rule
        items += _minor_items(
            ck,
            name,
            age_on(child.birth_date, on),
            on,
            child.with_one_representative,
            child.other_representative_residence,
        )
    if facts.fee_exemption.strip():
        # Annex 3, line 6: "Консулдық алымды төлеуден босату шарты ... Салық кодексіне сәйкес".
        items.append(
            RequiredItem(
                "fee_exemption",
                "fee_exemption",
                "§3(7)",
                L_FEE_EXEMPTION.format(ground=facts.fee_exemption.strip()),
                W_FEE_EXEMPTION,
            )
        )
    else:
        items.append(
            RequiredItem(
                "fee_receipt", "fee_receipt", "§3(7)", L_FEE, W_ALWAYS.format(para=cite("§3(7)"))
            )
        )
    return items


def _warnings(q: Questionnaire, facts: CaseFacts, on: date) -> list[Text]:
    """What the text leaves to the officer's judgement: shown with the checklist."""
    out: list[Text] = []
    _items, identified, route = _identity_items(facts)
    if route and not identified:
        out.append(W_NO_VALID_IDENTITY)
    if q.birth_date is not None and age_on(q.birth_date, on) < MAJORITY_AGE:
        rep = facts.representative
        if rep is None or not rep.full_name.strip():
            out.append(W_MINOR_WITHOUT_REPRESENTATIVE)
        elif rep.with_one_representative and not rep.other_residence:
            out.append(W_RESIDENCE_UNKNOWN.format(child=q.full_name))
    for index, child in enumerate(q.children):
        if child.with_one_representative and not child.other_representative_residence:
            out.append(W_RESIDENCE_UNKNOWN.format(child=child.full_name or f"#{index + 1}"))
    if facts.fee_exemption.strip():
        out.append(W_CHECK_EXEMPTION)
    return out
