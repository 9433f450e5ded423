"""Plain inputs of the printed forms.

The documents room renders from these dataclasses only: services fill them from the case
(so a form never reaches into storage), tests build them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


@dataclass(frozen=True)
class PoliceDecision:
    """The internal affairs body's decision (§8-§9): "__ Полиция департаментінің ... № __ шешімі"."""

    department: str
    number: str
    date: date
    # The same body in Russian, genitive ("города Алматы"): recorded with the decision, or
    # from `police.RUSSIAN_NAMES` for decisions recorded in Kazakh only.
    department_ru: str = ""


@dataclass(frozen=True)
class NotificationData:
    """Annex 4: the notification that permission to leave for permanent residence was issued."""

    notification_id: str
    mission_code: str
    mission_name: str
    person_full_name: str
    birth_date: date
    destination_country: str
    destination_settlement: str
    decision: PoliceDecision
    consular_official: str
    issue_date: date
    # A reprint of an issued notification is marked as a duplicate (and logged by the service).
    duplicate: bool = False


@dataclass(frozen=True)
class SignatureInfo:
    """What the reportlab-drawn signature block says about the PAdES signer."""

    signer_name: str
    certificate_serial: str
    issuer: str


@dataclass(frozen=True)
class ChildRow:
    full_name: str
    iin: str
    birth_date: date | None
    passport_number: str
    sex: str  # "male" | "female" | ""


@dataclass(frozen=True)
class RelativeRow:
    full_name: str
    iin: str
    kinship: str
    birth_year_place: str
    residence: str
    workplace: str
    marriage_place: str = ""


@dataclass(frozen=True)
class EmploymentRow:
    years: str
    organisation: str
    address: str
    workplace: str
    position: str
    state_secrets: str


@dataclass(frozen=True)
class PlaceView:
    """The five levels of Annex 1 items 9 and 10 (country … settlement)."""

    country: str = ""
    region: str = ""
    district: str = ""
    okrug: str = ""
    settlement: str = ""


@dataclass(frozen=True)
class QuestionnaireView:
    """Annex 1 as printed: every field, already in printable form.

    Codes (purpose, sections 13-16) stay codes; the form prints the official option text.
    """

    iin: str
    surname: str
    name: str
    patronymic: str
    birth_date: date
    sex: str  # "male" | "female"
    citizenship: str
    nationality: str
    contact: str
    departure_date: date | None
    birth_place: PlaceView
    leaving_place: PlaceView
    destination_country: str
    destination_settlement: str
    purpose: int | None
    social_category: int | None = None
    education: int | None = None
    speciality: int | None = None
    marital_status: int | None = None
    children: tuple[ChildRow, ...] = ()
    relatives: tuple[RelativeRow, ...] = ()
    employment: tuple[EmploymentRow, ...] = ()
    declaration_signed: bool = True
    signed_on: date | None = None  # the date beside the applicant's signature
    registered_on: date | None = None  # "Тіркелген күні"; the receipt uses the acceptance date

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)


@dataclass(frozen=True)
class AcceptanceReceiptData:
    """§4: the copy of the application with the acceptance mark."""

    questionnaire: QuestionnaireView
    case_number: str
    accepted_on: date
    accepted_by: str  # surname, name, patronymic (if any) of the accepting officer
    mission_name: str
    # Annex 3, line 6: the ground of a consular fee exemption ("" = the fee was paid).
    fee_exemption: str = ""
    # §3: the legal representative who signs for the applicant (None: the applicant signs).
    representative: RepresentativeLine | None = None


@dataclass(frozen=True)
class RepresentativeLine:
    """§3 "заңды өкілдері": who signs for the applicant, with what document and authority."""

    full_name: str
    document: str
    authority: str


class RefusalReason(Enum):
    MISSING = "missing"  # §5: incomplete set
    EXPIRED = "expired"  # §5: a document whose validity has expired


@dataclass(frozen=True)
class RefusalItem:
    """One document of §3 that was missing or expired; names in Kazakh and Russian."""

    document_kk: str
    document_ru: str
    reason: RefusalReason
    expired_on: date | None = None


@dataclass(frozen=True)
class RefusalToAcceptData:
    """§5: the refusal to accept the application."""

    applicant_full_name: str
    birth_date: date
    items: tuple[RefusalItem, ...]
    refused_on: date
    officer: str
    mission_name: str
    case_number: str = ""


@dataclass(frozen=True)
class HearingNoticeData:
    """§11: the draft preliminary decision to refuse, with the hearing notice."""

    applicant_full_name: str
    birth_date: date
    police_notice: PoliceDecision
    grounds: tuple[int, ...]  # Annex 3, line 9: grounds 1-6
    reasoning: str
    hearing_at: datetime
    hearing_place: str  # the place, or the way (video link, telephone …)
    objection_deadline: date  # §11: two working days from receipt (computed by the domain)
    sent_on: date
    officer: str
    mission_name: str
    case_number: str = ""


@dataclass(frozen=True)
class ReasonedRefusalData:
    """§11/§15: the reasoned refusal, on the grounds of Annex 3 line 9."""

    applicant_full_name: str
    birth_date: date
    police_decision: PoliceDecision
    grounds: tuple[int, ...]
    reasoning: str
    sent_on: date
    officer: str
    mission_name: str
    case_number: str = ""


@dataclass(frozen=True)
class JournalRow:
    """Annex 5, columns 1-7 exactly."""

    number: int | None  # 1 № р/с (the stored journal number; blank if it has none)
    applied_on: date | None  # 2 Өтініш білдірілген күн
    full_name: str  # 3 Тегі, аты, әкесінің аты (бар болған жағдайда)
    birth_date: date | None  # 4 Туған күні (blank when unknown: nothing is invented)
    passport_number: str  # 5 Паспорт нөмірі
    notification_given_on: date | None  # 6 Хабарлама берілген күн (given to the applicant)
    contact: str  # 7 Байланыс деректері
    # Not columns: printed as notes under the table.
    child_of: int | None = None  # a minor child named in the application of row `child_of`
    fee_exemption: str = ""  # Annex 3, line 6: the ground of a consular fee exemption


@dataclass(frozen=True)
class JournalData:
    mission_name: str
    period_start: date
    period_end: date
    rows: tuple[JournalRow, ...] = field(default_factory=tuple)
