"""The §3 checklist: the documents a case needs, derived from the questionnaire and the facts.

§3 lists the only documents that may be asked for ("no other documents may be requested"), so
the checklist is *computed*: every item comes from a rule with its paragraph and the fact that
triggered it, and there is no way to add an item of one's own. The officer only records, per
item, whether it was received, its expiry date where it has one, and (through scanning) its
scans.

The rules change with amendments of the order. A `RuleSet` carries the date it took effect;
`ruleset_for(day)` picks the one in force, and a case keeps the version it was accepted under
(§14-1: missions must be able to see which version applied).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.domain.dates import age_on
from desktop.domain.formats import cite, ru_plural
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Questionnaire

# §3(5): the guardianship conclusion takes into account the opinion of a child aged 10 or over.
GUARDIANSHIP_AGE = 10
# §3(6): citizens under 18 leaving with one legal representative.
MAJORITY_AGE = 18


class IdentityKind(StrEnum):
    PASSPORT = "passport"  # §3(2): a copy is made, the original returned
    ID_CARD = "id_card"  # §3(2): the original is retained (custody register)
    E_DOCUMENT = "e_document"  # §3(2): from the digital documents service


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
class CaseFacts:
    """What the officer establishes with the applicant beyond the questionnaire itself."""

    identity: tuple[IdentityDocument, ...] = (IdentityDocument(IdentityKind.PASSPORT),)
    # §3(3): obligations to family members in Kazakhstan that the applicant must support.
    alimony_obligations: bool = False
    # §3(4): a debtor in enforcement proceedings.
    enforcement_debtor: bool = False

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
        return cls(
            identity=identity,
            alimony_obligations=bool(data.get("alimony_obligations", False)),
            enforcement_debtor=bool(data.get("enforcement_debtor", False)),
        )


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


@dataclass(frozen=True, slots=True)
class ItemState:
    """What the officer recorded for an item; scan ids are filled by the scanning room."""

    received: bool = False
    expires_on: date | None = None
    scan_ids: tuple[str, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "scan_ids": list(self.scan_ids),
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ItemState:
        return cls(
            received=bool(data.get("received", False)),
            expires_on=date.fromisoformat(data["expires_on"]) if data.get("expires_on") else None,
            scan_ids=tuple(str(s) for s in data.get("scan_ids", [])),
            note=str(data.get("note", "")),
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


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One version of §3, in force from `effective_from` until the next version."""

    version: str
    effective_from: date
    title: Text
    derive: Deriver = field(compare=False)


# --- The §3 rules as amended by order No. 11-1-4/730 of 05.12.2025 ---------------------------

L_QUESTIONNAIRE = Text("Өтініш-сауалнама", "Заявление-анкета", "Application-questionnaire")
L_PASSPORT = Text("Паспорттың көшірмесі", "Копия паспорта", "Passport copy")
L_ID_CARD = Text(
    "Жеке куәліктің түпнұсқасы (алынып қойылады)",
    "Оригинал удостоверения личности (изымается)",
    "ID card original (retained)",
)
L_E_DOCUMENT = Text(
    "Цифрлық құжаттар сервисіндегі электрондық құжат",
    "Электронный документ из сервиса цифровых документов",
    "Electronic document from the digital documents service",
)
L_IDENTITY = Text(
    "Жеке басын куәландыратын құжат",
    "Документ, удостоверяющий личность",
    "Identity document",
)
L_EXPLANATION = Text(
    "Еркін нысандағы жазбаша түсініктеме ({doc})",
    "Письменное объяснение в произвольной форме ({doc})",
    "Written explanation in free form ({doc})",
)
L_PASSPORT_APPLICATION = Text(
    "Шет елде паспорт дайындауға арналған құжаттар (№ 11-1-4/149 бұйрық)",
    "Документы на оформление паспорта за рубежом (приказ № 11-1-4/149)",
    "Documents for a new passport abroad (order No. 11-1-4/149)",
)
L_ALIMONY = Text(
    "Алимент төлеу туралы келісім немесе сот шешімі",
    "Соглашение об уплате алиментов или решение суда",
    "Alimony agreement or court decision",
)
L_ENFORCEMENT = Text(
    "Атқарушылық іс жүргізудің тоқтатылғанын растайтын құжаттар",
    "Документы о прекращении исполнительного производства",
    "Proof that enforcement proceedings were terminated",
)
L_GUARDIANSHIP = Text(
    "Қорғаншылық және қамқоршылық органының қорытындысы: {child}",
    "Заключение органа опеки и попечительства: {child}",
    "Guardianship authority's conclusion: {child}",
)
L_CONSENT = Text(
    "Екінші заңды өкілдің нотариалды келісімі немесе сот рұқсаты: {child}",
    "Нотариальное согласие второго законного представителя или разрешение суда: {child}",
    "Notarised consent of the other legal representative, or a court permission: {child}",
)
L_BIRTH_CERTIFICATE = Text(
    "Туу туралы куәліктің көшірмесі: {child}",
    "Копия свидетельства о рождении: {child}",
    "Birth certificate copy: {child}",
)
L_FEE = Text(
    "Консулдық алымның төленгенін растайтын құжаттың көшірмесі",
    "Копия документа об оплате консульского сбора",
    "Copy of the consular fee receipt",
)

W_ALWAYS = Text(
    "Әр өтінішке қажет ({para})",
    "Требуется для каждого заявления ({para})",
    "Required for every application ({para})",
)
W_IDENTITY = Text(
    "Жеке басын сәйкестендіру үшін (3-тармақтың 2) тармақшасы)",
    "Для идентификации личности (пп. 2 п. 3)",
    "To identify the applicant (§3(2))",
)
W_ID_CARD = Text(
    "Жеке куәлік ұсынылды: түпнұсқасы алынып қойылады (3-тармақтың 2) тармақшасы)",
    "Представлено удостоверение личности: оригинал изымается (пп. 2 п. 3)",
    "An ID card is presented: its original is retained (§3(2))",
)
W_EXPLANATION = Text(
    "{doc}: {status} (3-тармақтың 2) тармақшасы)",
    "{doc}: {status} (пп. 2 п. 3)",
    "{doc} is {status} (§3(2))",
)
W_PASSPORT_APPLICATION = Text(
    "Паспорт {status}: жаңа паспорт құжаттары түсініктемемен бірге беріледі (3-тармақтың 2) тармақшасы)",
    "Паспорт {status}: документы на новый паспорт подаются вместе с объяснением (пп. 2 п. 3)",
    "The passport is {status}: the new-passport documents come with the explanation (§3(2))",
)
W_ALIMONY = Text(
    "Қазақстанда тұратын отбасы мүшелері алдында алимент міндеттемелері бар (3-тармақтың 3) тармақшасы)",
    "Есть алиментные обязательства перед членами семьи в Казахстане (пп. 3 п. 3)",
    "Alimony obligations to family members living in Kazakhstan (§3(3))",
)
W_ENFORCEMENT = Text(
    "Өтініш беруші атқарушылық іс жүргізу бойынша борышкер (3-тармақтың 4) тармақшасы)",
    "Заявитель — должник по исполнительному производству (пп. 4 п. 3)",
    "The applicant is a debtor in enforcement proceedings (§3(4))",
)
W_GUARDIANSHIP = Text(
    "{child} {on} күні {age} жаста: 10 жасқа толған баланың пікірі (3-тармақтың 5) тармақшасы)",
    "{child} на {on} — {age}: мнение ребенка, достигшего 10 лет (пп. 5 п. 3)",
    "{child} is {age} on {on}: the opinion of a child aged 10 or over (§3(5))",
)
W_CONSENT = Text(
    "{child} {on} күні {age} жаста, заңды өкілдердің біреуімен шығады (3-тармақтың 6) тармақшасы)",
    "{child} на {on} — {age}, выезжает с одним из законных представителей (пп. 6 п. 3)",
    "{child} is {age} on {on} and leaves with one legal representative (§3(6))",
)
W_BIRTH_CERTIFICATE = Text(
    "{child} өтініш берушімен бірге шығады: көшірмесі жасалып, түпнұсқасы қайтарылады (3-тармақтың 2) тармақшасы)",
    "{child} выезжает с заявителем: делается копия, оригинал возвращается (пп. 2 п. 3)",
    "{child} leaves with the applicant: a copy is made, the original returned (§3(2))",
)

def _age(years: int) -> Text:
    """An age inside a sentence: «12» (Kazakh «12 жаста»), «12 лет», «12»."""
    return Text(str(years), f"{years} {ru_plural(years, 'год', 'года', 'лет')}", str(years))


_STATUS_TEXT: dict[DocumentStatus, Text] = {
    DocumentStatus.MISSING: Text("жоқ", "отсутствует", "missing"),
    DocumentStatus.LOST: Text("жоғалған", "утерян", "lost"),
    DocumentStatus.EXPIRED: Text("мерзімі өткен", "просрочен", "expired"),
    DocumentStatus.VALID: Text("жарамды", "действителен", "valid"),
}
_KIND_TEXT: dict[IdentityKind, Text] = {
    IdentityKind.PASSPORT: Text("Паспорт", "Паспорт", "Passport"),
    IdentityKind.ID_CARD: Text("Жеке куәлік", "Удостоверение личности", "ID card"),
    IdentityKind.E_DOCUMENT: Text("Электрондық құжат", "Электронный документ", "E-document"),
}


def _pick(text_by_lang: Text, **parts: Text | str) -> Text:
    """Format a three-language text where some parts are themselves three-language texts."""
    out = []
    for lang in ("kk", "ru", "en"):
        values = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in parts.items()}
        out.append(text_by_lang.get(lang).format(**values))
    return Text(*out)


def child_key(child: Child, index: int) -> str:
    """A child's part of an item key: the IIN when there is one, so reordering keeps states."""
    return f"child:{child.iin}" if child.iin else f"child#{index}"


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
    # §3(2): an identity document or an e-document; explanation (+ passport application).
    identified = False
    for doc in facts.identity:
        kind_text = _KIND_TEXT[doc.kind]
        if doc.status is DocumentStatus.VALID:
            identified = True
            if doc.kind is IdentityKind.PASSPORT:
                label, why, retained = L_PASSPORT, W_IDENTITY, False
            elif doc.kind is IdentityKind.ID_CARD:
                label, why, retained = L_ID_CARD, W_ID_CARD, True
            else:
                label, why, retained = L_E_DOCUMENT, W_IDENTITY, False
            items.append(
                RequiredItem(
                    f"identity:{doc.kind.value}",
                    "identity",
                    "§3(2)",
                    label,
                    why,
                    has_expiry=doc.kind is not IdentityKind.E_DOCUMENT,
                    retained_original=retained,
                )
            )
            continue
        if doc.kind is IdentityKind.E_DOCUMENT:
            continue  # the Rules ask an explanation only for a passport or an ID card
        status = _STATUS_TEXT[doc.status]
        items.append(
            RequiredItem(
                f"explanation:{doc.kind.value}",
                "explanation",
                "§3(2)",
                _pick(L_EXPLANATION, doc=kind_text),
                _pick(W_EXPLANATION, doc=kind_text, status=status),
            )
        )
        if doc.kind is IdentityKind.PASSPORT:
            items.append(
                RequiredItem(
                    "passport_application",
                    "passport_application",
                    "§3(2)",
                    L_PASSPORT_APPLICATION,
                    _pick(W_PASSPORT_APPLICATION, status=status),
                )
            )
    if not identified:
        # Identification is still needed; the e-document is the way without a valid paper one.
        items.append(RequiredItem("identity", "identity", "§3(2)", L_IDENTITY, W_IDENTITY))
    if facts.alimony_obligations:
        items.append(RequiredItem("alimony", "alimony", "§3(3)", L_ALIMONY, W_ALIMONY))
    if facts.enforcement_debtor:
        items.append(
            RequiredItem(
                "enforcement_terminated", "enforcement", "§3(4)", L_ENFORCEMENT, W_ENFORCEMENT
            )
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
            )
        )
        if child.birth_date is None:
            continue  # validation reports the missing date; no age, no age rule
        age = age_on(child.birth_date, on)
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
        if age < MAJORITY_AGE and child.with_one_representative:
            items.append(
                RequiredItem(
                    f"representative_consent:{ck}",
                    "representative_consent",
                    "§3(6)",
                    L_CONSENT.format(child=name),
                    W_CONSENT.format(child=name, age=_age(age), on=on),
                    has_expiry=True,
                    subject=name,
                )
            )
    items.append(
        RequiredItem("fee_receipt", "fee_receipt", "§3(7)", L_FEE, W_ALWAYS.format(para=cite("§3(7)")))
    )
    return items


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


def required_items(
    q: Questionnaire, facts: CaseFacts, on: date, ruleset: RuleSet | None = None
) -> list[RequiredItem]:
    """The documents §3 requires for this case on `on` (ages are taken on that day)."""
    rs = ruleset or ruleset_for(on)
    return rs.derive(q, facts, on)


def evaluate(
    q: Questionnaire,
    facts: CaseFacts,
    states: Mapping[str, ItemState],
    on: date,
    ruleset: RuleSet | None = None,
) -> ChecklistStatus:
    """The checklist on `on`: each required item with what was recorded and whether it expired.

    A document expires when its expiry date is before `on` (valid through its last day).
    States of items the rules no longer require (a child removed) are ignored, never shown.
    """
    rs = ruleset or ruleset_for(on)
    entries = []
    facts_expiry = {f"identity:{d.kind.value}": d.expires_on for d in facts.identity}
    for item in rs.derive(q, facts, on):
        state = states.get(item.key, ItemState())
        if state.expires_on is None and item.key in facts_expiry and facts_expiry[item.key]:
            state = replace(state, expires_on=facts_expiry[item.key])
        expired = item.has_expiry and state.expires_on is not None and state.expires_on < on
        entries.append(ChecklistEntry(item, state, expired))
    return ChecklistStatus(rs.version, on, tuple(entries))


def record(
    items: Iterable[RequiredItem],
    states: Mapping[str, ItemState],
    key: str,
    state: ItemState,
) -> dict[str, ItemState]:
    """Record an item's state; a key the rules do not require is refused (§3, last sentence)."""
    if key not in {i.key for i in items}:
        raise ChecklistError(M_NOT_REQUIRED.format(key=key))
    updated = dict(states)
    updated[key] = state
    return updated
