"""The checklist's vocabulary: the facts the officer establishes (identity documents, the
representative, alimony, debts, the fee exemption), the required items, their recorded
states, and the status of a set."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Questionnaire

GUARDIANSHIP_AGE = 10
# §3(6): citizens under 18 leaving with one legal representative.
MAJORITY_AGE = 18


class IdentityKind(StrEnum):
    PASSPORT = "passport"  # §3(2): a copy is made, the original returned
    ID_CARD = "id_card"  # §3(2): the original is retained (custody register)
    E_DOCUMENT = "e_document"  # §3(2): from the digital documents service


class Residence(StrEnum):
    """§3(6): where the other legal representative lives ("" = not recorded)."""

    KAZAKHSTAN = "kz"
    ABROAD = "abroad"


class RepresentativeAuthority(StrEnum):
    """§3: "өздері немесе олардың заңды өкiлдерi" — on what ground the representative acts."""

    PARENT = "parent"  # ата-анасы
    GUARDIAN = "guardian"  # қорғаншы / қамқоршы
    OTHER = "other"  # another legal representative under the law


AUTHORITY_TEXT: dict[RepresentativeAuthority, Text] = {
    RepresentativeAuthority.PARENT: Text("ата-анасы", "родитель", "parent"),
    RepresentativeAuthority.GUARDIAN: Text(
        "қорғаншы (қамқоршы)", "опекун (попечитель)", "guardian (trustee)"
    ),
    RepresentativeAuthority.OTHER: Text(
        "өзге заңды өкіл", "иной законный представитель", "other legal representative"
    ),
}


class DocumentStatus(StrEnum):
    VALID = "valid"
    MISSING = "missing"  # never had one
    LOST = "lost"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    kind: IdentityKind
    status: DocumentStatus = DocumentStatus.VALID
    number: str = ""
    expires_on: date | None = None


@dataclass(frozen=True, slots=True)
class Representative:
    """§3: the legal representative who applies for the citizen (a minor, a ward).

    Who (`full_name`), with which identity document (`document`, kind and number as shown),
    and on what authority (`authority`, `authority_document`: e.g. the birth certificate that
    shows the parent, the guardianship decision). For a minor applicant, §3(6) asks whether
    the minor leaves with only one legal representative and where the other one lives.
    """

    full_name: str = ""
    document: str = ""
    authority: RepresentativeAuthority = RepresentativeAuthority.PARENT
    authority_document: str = ""
    with_one_representative: bool = False
    other_residence: str = ""  # Residence value or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "full_name": self.full_name,
            "document": self.document,
            "authority": self.authority.value,
            "authority_document": self.authority_document,
            "with_one_representative": self.with_one_representative,
            "other_residence": self.other_residence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Representative:
        residence = str(data.get("other_residence", "") or "")
        if residence:
            Residence(residence)  # ValueError on an unknown code
        return cls(
            full_name=str(data.get("full_name", "")),
            document=str(data.get("document", "")),
            authority=RepresentativeAuthority(data.get("authority", "parent")),
            authority_document=str(data.get("authority_document", "")),
            with_one_representative=bool(data.get("with_one_representative", False)),
            other_residence=residence,
        )


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the officer establishes with the applicant beyond the questionnaire itself."""

    identity: tuple[IdentityDocument, ...] = (IdentityDocument(IdentityKind.PASSPORT),)
    # §3(3): obligations to family members in Kazakhstan that the applicant must support.
    alimony_obligations: bool = False
    # §3(4): a debtor in enforcement proceedings.
    enforcement_debtor: bool = False
    # Annex 3, line 6: exempt from the consular fee under the Tax Code — the ground, as the
    # officer establishes it ("" = pays the fee; §3(7) then asks for the receipt).
    fee_exemption: str = ""
    # §3: the legal representative who applies for the citizen (None: the citizen applies).
    representative: Representative | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "identity": [
                {
                    "kind": d.kind.value,
                    "status": d.status.value,
                    "number": d.number,
                    "expires_on": d.expires_on.isoformat() if d.expires_on else None,
                }
                for d in self.identity
            ],
            "alimony_obligations": self.alimony_obligations,
            "enforcement_debtor": self.enforcement_debtor,
            "fee_exemption": self.fee_exemption,
            "representative": self.representative.to_dict() if self.representative else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseFacts:
        identity = tuple(
            IdentityDocument(
                kind=IdentityKind(d["kind"]),
                status=DocumentStatus(d.get("status", "valid")),
                number=str(d.get("number", "")),
                expires_on=date.fromisoformat(d["expires_on"]) if d.get("expires_on") else None,
            )
            for d in data.get("identity", [])
        )
        rep = data.get("representative")
        return cls(
            identity=identity,
            alimony_obligations=bool(data.get("alimony_obligations", False)),
            enforcement_debtor=bool(data.get("enforcement_debtor", False)),
            fee_exemption=str(data.get("fee_exemption", "") or ""),
            representative=Representative.from_dict(rep) if isinstance(rep, Mapping) else None,
        )


@dataclass(frozen=True, slots=True)
class Variant:
    """One of the forms the Rules accept for an item ("куәлігін немесе анықтамасын")."""

    key: str
    label: Text
    has_expiry: bool = False


@dataclass(frozen=True, slots=True)
class RequiredItem:
    """One document the Rules require for this case, and why."""

    key: str  # stable: "fee_receipt", "guardianship:child:<iin>", ...
    kind: str  # the rule: "fee_receipt", "guardianship", ...
    paragraph: str  # "§3(5)"
    label: Text
    why: Text
    has_expiry: bool = False  # identity documents, notarised consents
    retained_original: bool = False  # §3(2): the ID card original is kept in custody
    subject: str = ""  # whose document: "" for the applicant, a child's name otherwise
    # §3(2): a passport or a birth certificate is copied and its original handed back.
    returned_original: bool = False
    # §5 refuses an expired document; an identity document's expiry leads instead to the
    # §3(2) explanation route, so its expiry date never refuses.
    expiry_refuses: bool = True
    variants: tuple[Variant, ...] = ()  # the forms the officer chooses between

    def variant(self, key: str) -> Variant | None:
        return next((v for v in self.variants if v.key == key), None)

    def expiry_applies(self, variant: str) -> bool:
        """Whether an expiry date is recorded for this item in the chosen form."""
        chosen = self.variant(variant) if variant else None
        return chosen.has_expiry if chosen is not None else self.has_expiry


@dataclass(frozen=True, slots=True)
class ItemState:
    """What the officer recorded for an item; scan ids are filled by the scanning room."""

    received: bool = False
    expires_on: date | None = None
    scan_ids: tuple[str, ...] = ()
    note: str = ""
    variant: str = ""  # the chosen form (`RequiredItem.variants`), "" if none chosen

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "scan_ids": list(self.scan_ids),
            "note": self.note,
            "variant": self.variant,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ItemState:
        return cls(
            received=bool(data.get("received", False)),
            expires_on=date.fromisoformat(data["expires_on"]) if data.get("expires_on") else None,
            scan_ids=tuple(str(s) for s in data.get("scan_ids", [])),
            note=str(data.get("note", "")),
            variant=str(data.get("variant", "") or ""),
        )


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    item: RequiredItem
    state: ItemState
    expired: bool

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def satisfied(self) -> bool:
        return self.state.received and not self.expired


@dataclass(frozen=True, slots=True)
class ChecklistStatus:
    """The checklist of a case on a day: what §4 (accept) and §5 (refuse) look at."""

    ruleset: str
    on: date
    entries: tuple[ChecklistEntry, ...]
    # What the officer should know and the text does not settle: shown, never blocking.
    warnings: tuple[Text, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entries if not e.state.received)

    @property
    def expired(self) -> tuple[str, ...]:
        return tuple(e.key for e in self.entries if e.state.received and e.expired)

    @property
    def complete(self) -> bool:
        """§4: every required document submitted and none expired (§5)."""
        return all(e.satisfied for e in self.entries)

    def entry(self, key: str) -> ChecklistEntry:
        for e in self.entries:
            if e.key == key:
                return e
        raise KeyError(key)

    def summary(self) -> dict[str, Any]:
        """The data an acceptance or a refusal to accept records (and prints)."""
        return {
            "ruleset": self.ruleset,
            "on": self.on.isoformat(),
            "received": [e.key for e in self.entries if e.state.received],
            "missing": list(self.missing),
            "expired": list(self.expired),
        }


class ChecklistError(ValueError):
    """An attempt to record something the checklist does not have (§3: no other documents)."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


M_NOT_REQUIRED = Text(
    "«{key}» құжаты талап етілмейді: Қағидаларда көзделмеген құжаттарды талап етуге жол берілмейді (3-тармақ)",
    "Документ «{key}» не требуется: истребовать иные документы не допускается (п. 3)",
    "Document {key!r} is not required: no other documents may be requested (§3)",
)


Deriver = Callable[[Questionnaire, CaseFacts, date], list[RequiredItem]]
