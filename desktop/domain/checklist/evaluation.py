"""Which rules apply (the bundled version, `load_ruleset`), and the checklist of a case:
the items required on a day, their evaluation, recording an item, and the routes of a case."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from desktop.domain.checklist.model import (
    M_NOT_REQUIRED,
    MAJORITY_AGE,
    CaseFacts,
    ChecklistEntry,
    ChecklistError,
    ChecklistStatus,
    Deriver,
    DocumentStatus,
    IdentityKind,
    ItemState,
    RequiredItem,
    Residence,
)
from desktop.domain.checklist.rules_2025_12_05 import (
    M_NO_SUCH_VARIANT,
    _derive_2025_12_05,
    _warnings,
)
from desktop.domain.dates import age_on
from desktop.domain.questionnaire import Questionnaire
from desktop.domain.rulesets import RuleSet, parse_ruleset
from desktop.domain.rulesets import ruleset_by_version as _ruleset_by_version
from desktop.domain.rulesets import ruleset_for as _ruleset_for

DERIVATIONS: dict[str, Deriver] = {"p3-2025-12-05": _derive_2025_12_05}

# The bundled version, as `resources/rules/2025-12-05.json` says it (a test keeps the two
# equal); the services read the bundled files and the Department's updates (§14-1).
BUNDLED_2025_12_05: dict[str, Any] = {
    "format": "qonys.rule-set",
    "format_version": 1,
    "version": "2025-12-05",
    "derivation": "p3-2025-12-05",
    "title": {
        "kk": "3-тармақ, 05.12.2025 № 11-1-4/730 бұйрықтың редакциясында",
        "ru": "Пункт 3 в редакции приказа от 05.12.2025 № 11-1-4/730",
        "en": "§3 as amended by order No. 11-1-4/730 of 05.12.2025",
    },
    "order_number": "11-1-4/730",
    "order_date": "2025-12-05",
    "published_on": None,
    "in_force_from": None,
    "source": (
        "seed/rules-kk.txt, note to §3: «3-тармақ жаңа редакцияда - ҚР Сыртқы істер "
        "министрінің м.а. 05.12.2025 № 11-1-4/730 (алғашқы ресми жарияланған күнінен "
        "кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) бұйрығымен». The date "
        "of the first official publication is not in the text Qonys carries; the "
        "Department sets it with `qonys-department publish-rules`."
    ),
}


def load_ruleset(doc: Any) -> RuleSet:
    """A rule-set document read with the §3 rules this Qonys knows."""
    return parse_ruleset(doc, DERIVATIONS)


RULESETS: tuple[RuleSet, ...] = (load_ruleset(BUNDLED_2025_12_05),)


def ruleset_for(day: date, rulesets: Sequence[RuleSet] = RULESETS) -> RuleSet:
    """The version in force on `day` (`rulesets.ruleset_for`)."""
    return _ruleset_for(day, rulesets)


def ruleset_by_version(version: str, rulesets: Sequence[RuleSet] = RULESETS) -> RuleSet:
    return _ruleset_by_version(version, rulesets)


def effective_facts(facts: CaseFacts, states: Mapping[str, ItemState], on: date) -> CaseFacts:
    """The facts as the checklist reads them on `on`: a passport or ID card whose expiry date
    (typed on its item, or recorded with the document, e.g. from the MRZ) is before `on` is
    expired — §3(2) then gives the explanation route, whatever way the date was recorded."""
    docs = []
    for doc in facts.identity:
        typed = states.get(f"identity:{doc.kind.value}")
        expiry = (typed.expires_on if typed is not None else None) or doc.expires_on
        if (
            doc.kind is not IdentityKind.E_DOCUMENT
            and doc.status is DocumentStatus.VALID
            and expiry is not None
            and expiry < on
        ):
            doc = replace(doc, status=DocumentStatus.EXPIRED, expires_on=expiry)
        docs.append(doc)
    return replace(facts, identity=tuple(docs))


def required_items(
    q: Questionnaire,
    facts: CaseFacts,
    on: date,
    ruleset: RuleSet | None = None,
    states: Mapping[str, ItemState] | None = None,
) -> list[RequiredItem]:
    """The documents §3 requires for this case on `on` (ages are taken on that day); with
    `states`, an expiry date typed on an identity item counts as the §3(2) route does."""
    rs = ruleset or ruleset_for(on)
    return rs.derive(q, effective_facts(facts, states or {}, on), on)


def evaluate(
    q: Questionnaire,
    facts: CaseFacts,
    states: Mapping[str, ItemState],
    on: date,
    ruleset: RuleSet | None = None,
) -> ChecklistStatus:
    """The checklist on `on`: each required item with what was recorded and whether it expired.

    A document expires when its expiry date is before `on` (valid through its last day); an
    identity document's expiry leads to the §3(2) route instead (`effective_facts`), and a
    court permission has no expiry (§3(6)). States of items the rules no longer require (a
    child removed) are ignored, never shown.
    """
    rs = ruleset or ruleset_for(on)
    entries = []
    facts = effective_facts(facts, states, on)
    facts_expiry = {f"identity:{d.kind.value}": d.expires_on for d in facts.identity}
    for item in rs.derive(q, facts, on):
        state = states.get(item.key, ItemState())
        if state.expires_on is None and item.key in facts_expiry and facts_expiry[item.key]:
            state = replace(state, expires_on=facts_expiry[item.key])
        expired = (
            item.expiry_refuses
            and item.expiry_applies(state.variant)
            and state.expires_on is not None
            and state.expires_on < on
        )
        entries.append(ChecklistEntry(item, state, expired))
    return ChecklistStatus(rs.version, on, tuple(entries), tuple(_warnings(q, facts, on)))


def record(
    items: Iterable[RequiredItem],
    states: Mapping[str, ItemState],
    key: str,
    state: ItemState,
) -> dict[str, ItemState]:
    """Record an item's state; a key the rules do not require is refused (§3, last sentence)."""
    by_key = {i.key: i for i in items}
    if key not in by_key:
        raise ChecklistError(M_NOT_REQUIRED.format(key=key))
    if state.variant and by_key[key].variant(state.variant) is None:
        raise ChecklistError(M_NO_SUCH_VARIANT.format(key=key, variant=state.variant))
    updated = dict(states)
    updated[key] = state
    return updated


# --- the routes of issue 12, named for scripts (`qonys case N --json`, `qonys cases --json`) ---

ROUTES = (
    "identity_explanation",  # §3(2): passport / ID card missing, lost or expired
    "fee_exemption",  # Annex 3, line 6
    "representative",  # §3: a legal representative applies for the citizen
    "minor_applicant",  # §3(5)/(6) on the applicant's own age
    "other_representative_abroad",  # §3(6): no consent, the other one lives abroad
    "court_permission",  # §3(6): a court's permission instead of the consent
    "birth_record",  # §3(2): a certificate of birth (анықтама) instead of the certificate
    "death_certificate",  # Annex 1, item 17
    "children",  # Annex 1: minor children named in the application
)


def routes(q: Questionnaire, facts: CaseFacts, status: ChecklistStatus) -> list[str]:
    """Which of the routes above a case takes (in the order of `ROUTES`)."""
    kinds = {e.item.kind for e in status.entries}
    variants = {e.state.variant for e in status.entries}
    found = set()
    if "explanation" in kinds:
        found.add("identity_explanation")
    if facts.fee_exemption.strip():
        found.add("fee_exemption")
    if facts.representative is not None:
        found.add("representative")
    if q.birth_date is not None and age_on(q.birth_date, status.on) < MAJORITY_AGE:
        found.add("minor_applicant")
    rep = facts.representative
    abroad = Residence.ABROAD.value
    if any(
        c.with_one_representative and c.other_representative_residence == abroad for c in q.children
    ) or (rep is not None and rep.with_one_representative and rep.other_residence == abroad):
        found.add("other_representative_abroad")
    if "court" in variants:
        found.add("court_permission")
    if any(
        e.item.kind == "birth_certificate" and e.state.variant == "record" for e in status.entries
    ):
        found.add("birth_record")
    if "death_certificate" in kinds:
        found.add("death_certificate")
    if q.children:
        found.add("children")
    return [r for r in ROUTES if r in found]
