"""The §3 checklist: the documents a case needs, derived from the questionnaire and the facts.

§3 lists the only documents that may be asked for ("no other documents may be requested"), so
the checklist is *computed*: every item comes from a rule with its paragraph and the fact that
triggered it, and there is no way to add an item of one's own. The officer only records, per
item, whether it was received, its expiry date where it has one, and (through scanning) its
scans.

The rules change with amendments of the order. A `RuleSet` (`rulesets.py`, read from a
rule-set document) carries the date it took effect; `ruleset_for(day)` picks the one in
force, and a case keeps the version it was accepted under (§14-1: missions must be able to
see which version applied).

How the paragraphs are read (docs/rules.md has the reasons and the Kazakh words):

* §3(2): a passport or ID card that is missing, lost or expired — recorded as a status, or by
  an expiry date typed on the item or read from the MRZ — leads to the explanation route
  (free-form explanation; for a passport also the new-passport documents), never to a §5
  refusal. An expired ID card is still withdrawn (custody); an expired passport still copied.
* §3(2): a child's birth certificate *or* certificate of birth (`ItemState.variant`); passport
  and birth-certificate originals are returned (`RequiredItem.returned_original`).
* §3(5)/(6) apply to every minor named in the application and to an applicant who is a minor
  (acting through a legal representative, `CaseFacts.representative`); the consent is needed
  only when the other representative lives in Kazakhstan; a court permission has no expiry.
* §3(7) / Annex 3 line 6: an exemption under the Tax Code replaces the receipt.
* Annex 1 item 17: a deceased relative's death certificate is attached.
"""

from __future__ import annotations

from desktop.domain.checklist.evaluation import (
    BUNDLED_2025_12_05,
    DERIVATIONS,
    ROUTES,
    RULESETS,
    effective_facts,
    evaluate,
    load_ruleset,
    record,
    required_items,
    routes,
    ruleset_by_version,
    ruleset_for,
)
from desktop.domain.checklist.model import (
    AUTHORITY_TEXT,
    GUARDIANSHIP_AGE,
    M_NOT_REQUIRED,
    MAJORITY_AGE,
    CaseFacts,
    ChecklistEntry,
    ChecklistError,
    ChecklistStatus,
    Deriver,
    DocumentStatus,
    IdentityDocument,
    IdentityKind,
    ItemState,
    Representative,
    RepresentativeAuthority,
    RequiredItem,
    Residence,
    Variant,
)
from desktop.domain.checklist.rules_2025_12_05 import (
    BIRTH_VARIANTS,
    CONSENT_VARIANTS,
    KIND_TEXT,
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
    M_NO_SUCH_VARIANT,
    STATUS_TEXT,
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
    child_key,
    relative_key,
)
from desktop.domain.rulesets import RuleSet, RuleSetError

__all__ = [
    "AUTHORITY_TEXT",
    "BIRTH_VARIANTS",
    "BUNDLED_2025_12_05",
    "CONSENT_VARIANTS",
    "DERIVATIONS",
    "GUARDIANSHIP_AGE",
    "KIND_TEXT",
    "L_ALIMONY",
    "L_APPLICANT",
    "L_BIRTH_CERTIFICATE",
    "L_CONSENT",
    "L_DEATH_CERTIFICATE",
    "L_ENFORCEMENT",
    "L_EXPLANATION",
    "L_E_DOCUMENT",
    "L_FEE",
    "L_FEE_EXEMPTION",
    "L_GUARDIANSHIP",
    "L_IDENTITY",
    "L_ID_CARD",
    "L_ID_CARD_EXPIRED",
    "L_PASSPORT",
    "L_PASSPORT_APPLICATION",
    "L_PASSPORT_EXPIRED",
    "L_QUESTIONNAIRE",
    "MAJORITY_AGE",
    "M_NOT_REQUIRED",
    "M_NO_SUCH_VARIANT",
    "ROUTES",
    "RULESETS",
    "STATUS_TEXT",
    "W_ALIMONY",
    "W_ALWAYS",
    "W_BIRTH_CERTIFICATE",
    "W_CHECK_EXEMPTION",
    "W_CONSENT",
    "W_DEATH_CERTIFICATE",
    "W_ENFORCEMENT",
    "W_EXPIRED_DOCUMENT",
    "W_EXPLANATION",
    "W_FEE_EXEMPTION",
    "W_GUARDIANSHIP",
    "W_IDENTITY",
    "W_ID_CARD",
    "W_MINOR_WITHOUT_REPRESENTATIVE",
    "W_NO_VALID_IDENTITY",
    "W_PASSPORT_APPLICATION",
    "W_RESIDENCE_UNKNOWN",
    "CaseFacts",
    "ChecklistEntry",
    "ChecklistError",
    "ChecklistStatus",
    "Deriver",
    "DocumentStatus",
    "IdentityDocument",
    "IdentityKind",
    "ItemState",
    "Representative",
    "RepresentativeAuthority",
    "RequiredItem",
    "Residence",
    "RuleSet",
    "RuleSetError",
    "Variant",
    "child_key",
    "effective_facts",
    "evaluate",
    "load_ruleset",
    "record",
    "relative_key",
    "required_items",
    "routes",
    "ruleset_by_version",
    "ruleset_for",
]
