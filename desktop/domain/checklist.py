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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.domain.dates import age_on
from desktop.domain.formats import cite, ru_plural
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Questionnaire, Relative
from desktop.domain.rulesets import RuleSet, parse_ruleset
from desktop.domain.rulesets import RuleSetError as RuleSetError
from desktop.domain.rulesets import ruleset_by_version as _ruleset_by_version
from desktop.domain.rulesets import ruleset_for as _ruleset_for

# §3(5): the guardianship conclusion takes into account the opinion of a child aged 10 or over.
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
    "Туу туралы куәліктің немесе анықтаманың көшірмесі: {child}",
    "Копия свидетельства или справки о рождении: {child}",
    "Copy of the birth certificate or certificate of birth: {child}",
)
L_PASSPORT_EXPIRED = Text(
    "Мерзімі өткен паспорттың көшірмесі",
    "Копия паспорта с истекшим сроком",
    "Copy of the expired passport",
)
L_ID_CARD_EXPIRED = Text(
    "Мерзімі өткен жеке куәліктің түпнұсқасы (алынып қойылады)",
    "Оригинал удостоверения личности с истекшим сроком (изымается)",
    "Expired ID card original (retained)",
)
L_DEATH_CERTIFICATE = Text(
    "Қайтыс болғаны туралы куәлік: {name}",
    "Свидетельство о смерти: {name}",
    "Death certificate: {name}",
)
L_FEE_EXEMPTION = Text(
    "Консулдық алымнан босату: {ground}",
    "Освобождение от консульского сбора: {ground}",
    "Exemption from the consular fee: {ground}",
)
L_APPLICANT = Text("өтініш беруші", "заявитель", "the applicant")
M_NO_SUCH_VARIANT = Text(
    "«{key}» құжатының «{variant}» түрі жоқ",
    "У документа «{key}» нет вида «{variant}»",
    "Document {key!r} has no form {variant!r}",
)
# §3(2): "баланың туу туралы куәлігін немесе анықтамасын".
BIRTH_VARIANTS = (
    Variant(
        "certificate", Text("Туу туралы куәлік", "Свидетельство о рождении", "Birth certificate")
    ),
    Variant(
        "record", Text("Туу туралы анықтама", "Справка о рождении", "Certificate of birth (record)")
    ),
)
# §3(6): the notarised consent, or ("Келісім болмаған жағдайда") a court's permission.
CONSENT_VARIANTS = (
    Variant(
        "consent",
        Text("Нотариалды келісім", "Нотариальное согласие", "Notarised consent"),
        has_expiry=True,
    ),
    Variant("court", Text("Сот рұқсаты", "Разрешение суда", "Court permission")),
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
    "{child} {on} күні {age} жаста, заңды өкілдердің біреуімен шығады; екінші заңды өкілі "
    "Қазақстанда тұрады немесе тұратын жері жазылмаған (3-тармақтың 6) тармақшасы)",
    "{child} на {on} — {age}, выезжает с одним из законных представителей; второй проживает "
    "в Казахстане или место его проживания не указано (пп. 6 п. 3)",
    "{child} is {age} on {on} and leaves with one legal representative; the other lives in "
    "Kazakhstan or where they live is not recorded (§3(6))",
)
W_EXPIRED_DOCUMENT = Text(
    "{doc} мерзімі өткен: 5-тармақ бойынша бас тарту емес, түсініктеме жолы (3-тармақтың 2) тармақшасы)",
    "{doc} просрочен: не отказ по п. 5, а порядок с объяснением (пп. 2 п. 3)",
    "{doc} expired: not a §5 refusal but the explanation route (§3(2))",
)
W_DEATH_CERTIFICATE = Text(
    "{name} қайтыс болған: куәлік қоса беріледі (1-қосымшаның 17-тармағы)",
    "{name}: прилагается свидетельство о смерти (приложение 1, п. 17)",
    "{name} is deceased: the death certificate is attached (Annex 1, item 17)",
)
W_FEE_EXEMPTION = Text(
    "Салық кодексіне сәйкес консулдық алымнан босатылған: түбіртектің орнына (3-қосымша, 6-жол)",
    "Освобожден от консульского сбора по Налоговому кодексу: вместо квитанции "
    "(приложение 3, строка 6)",
    "Exempt from the consular fee under the Tax Code: instead of the receipt (Annex 3, line 6)",
)
W_NO_VALID_IDENTITY = Text(
    "Жарамды жеке басын куәландыратын құжат жоқ: сәйкестендіру түсініктемеге және жаңа "
    "паспорт құжаттарына сүйенеді (3-тармақтың 2) тармақшасы); электрондық құжат болса, оны жазыңыз",
    "Действительного документа нет: идентификация опирается на объяснение и документы на "
    "новый паспорт (пп. 2 п. 3); если есть электронный документ, укажите его",
    "No valid identity document: identification rests on the explanation and the new-passport "
    "documents (§3(2)); record an e-document if there is one",
)
W_MINOR_WITHOUT_REPRESENTATIVE = Text(
    "Өтініш беруші кәмелетке толмаған: оның атынан әрекет ететін заңды өкілді жазыңыз (3-тармақ)",
    "Заявитель несовершеннолетний: укажите законного представителя, действующего от его "
    "имени (п. 3)",
    "The applicant is a minor: record the legal representative who acts for them (§3)",
)
W_RESIDENCE_UNKNOWN = Text(
    "{child}: екінші заңды өкілдің қайда тұратынын жазыңыз — келісім ол Қазақстанда тұрса ғана "
    "керек (3-тармақтың 6) тармақшасы)",
    "{child}: укажите, где проживает второй законный представитель — согласие нужно, только "
    "если он проживает в Казахстане (пп. 6 п. 3)",
    "{child}: record where the other legal representative lives — the consent is needed only "
    "if they live in Kazakhstan (§3(6))",
)
W_CHECK_EXEMPTION = Text(
    "Консулдық алымнан босату негізін Салық кодексі бойынша тексеріңіз (3-қосымша, 6-жол)",
    "Проверьте основание освобождения от консульского сбора по Налоговому кодексу "
    "(приложение 3, строка 6)",
    "Check the ground of the consular fee exemption against the Tax Code (Annex 3, line 6)",
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


# Public names for the desk's facts editor.
STATUS_TEXT = _STATUS_TEXT
KIND_TEXT = _KIND_TEXT


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


# The §3 rules Qonys carries, by the name a rule-set document gives them (`derivation`).
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
