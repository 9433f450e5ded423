"""The rule set in force on a day, the checklist evaluated against the recorded states, and the
routes a case takes (named for scripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from desktop.domain.checklist.model import (
    M_NOT_REQUIRED,
    MAJORITY_AGE,
    CaseFacts,
    ChecklistEntry,
    ChecklistError,
    ChecklistStatus,
    DocumentStatus,
    IdentityKind,
    ItemState,
    RequiredItem,
    Residence,
    RuleSet,
)
from desktop.domain.checklist.rules_2025_12_05 import _derive_2025_12_05, _warnings
from desktop.domain.checklist.wording import M_NO_SUCH_VARIANT
from desktop.domain.dates import age_on
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Questionnaire

RULESETS: tuple[RuleSet, ...] = (
    RuleSet(
        version="2025-12-05",
        # Order No. 11-1-4/730 of 05.12.2025 (in force ten calendar days after its first
        # official publication); the date of the order is used until the mission sets the
        # publication date.
        effective_from=date(2025, 12, 5),
        title=Text(
            "3-тармақ, 05.12.2025 № 11-1-4/730 бұйрықтың редакциясында",
            "Пункт 3 в редакции приказа от 05.12.2025 № 11-1-4/730",
            "§3 as amended by order No. 11-1-4/730 of 05.12.2025",
        ),
        derive=_derive_2025_12_05,
    ),
)


class RuleSetError(LookupError):
    pass


def ruleset_for(day: date, rulesets: Sequence[RuleSet] = RULESETS) -> RuleSet:
    """The version in force on `day`; before the first known version, the first one (the
    app has no older rule text, and says so by the version it records)."""
    ordered = sorted(rulesets, key=lambda r: r.effective_from)
    chosen = ordered[0]
    for rs in ordered:
        if rs.effective_from <= day:
            chosen = rs
    return chosen


def ruleset_by_version(version: str, rulesets: Sequence[RuleSet] = RULESETS) -> RuleSet:
    for rs in rulesets:
        if rs.version == version:
            return rs
    raise RuleSetError(f"unknown checklist version {version!r}")


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
