"""The Annex 1 application-questionnaire as data.

Field names follow the paper form's items; `to_dict`/`from_dict` give the stable JSON shape that
the store keeps and the packages carry (schema version `SCHEMA_VERSION`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class QuestionnaireFormatError(ValueError):
    """Stored or received questionnaire data that does not have the expected shape."""


@dataclass
class Place:
    """Items 9 and 10: five administrative levels, as the form lays them out."""

    country: str = ""
    region: str = ""  # область / город республиканского значения
    district: str = ""  # район / город областного значения
    okrug: str = ""  # округ / город районного значения
    settlement: str = ""  # населенный пункт

    LEVELS = ("country", "region", "district", "okrug", "settlement")


@dataclass
class Contacts:
    """Item 8-1."""

    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Child:
    """A minor child for whom exit documents are requested at the same time."""

    full_name: str = ""
    iin: str = ""
    birth_date: date | None = None
    passport_number: str = ""
    sex: Sex | None = None
    # §3(6): leaving with only one legal representative needs the other's consent or a court.
    with_one_representative: bool = False
    # §3(6): "... Қазақстан Республикасының аумағында тұратын екінші заңды өкілінің ... келісімі":
    # where the other legal representative lives (codes.RESIDENCE: "kz", "abroad"; "" unknown).
    other_representative_residence: str = ""


@dataclass
class Relative:
    """Item 17: parents, spouses (including former) and children."""

    full_name: str = ""
    iin: str = ""
    kinship: str = ""  # a key of codes.KINSHIP
    deceased: bool = False
    birth_year: int | None = None
    birth_place: str = ""
    country_and_address: str = ""
    workplace: str = ""
    marriage_registration_place: str = ""


@dataclass
class Employment:
    """Item 18: a job of the last five years; `year_to` None means still employed."""

    year_from: int | None = None
    year_to: int | None = None
    organisation: str = ""
    organisation_address: str = ""
    workplace: str = ""
    position: str = ""
    state_secrets_clearance: bool | None = None


@dataclass
class Questionnaire:
    iin: str = ""
    surname: str = ""
    name: str = ""
    patronymic: str = ""
    birth_date: date | None = None  # item 4
    sex: Sex | None = None  # item 5
    citizenship: str = ""  # item 7
    nationality: str = ""  # item 8
    contacts: Contacts = field(default_factory=Contacts)  # item 8-1
    departure_date: date | None = None  # item 8-2
    birth_place: Place = field(default_factory=Place)  # item 9
    leaving_place: Place = field(default_factory=Place)  # item 10
    destination_country: str = ""  # item 11
    destination_settlement: str = ""
    purpose: int | None = None  # item 12
    social_category: int | None = None  # item 13, aged 16+
    education: int | None = None  # item 14, aged 16+
    speciality: int | None = None  # item 15, aged 16+
    marital_status: int | None = None  # item 16, aged 16+
    children: list[Child] = field(default_factory=list)
    relatives: list[Relative] = field(default_factory=list)  # item 17
    employment: list[Employment] = field(default_factory=list)  # item 18
    declaration_acknowledged: bool = False  # warned of liability for false data
    consent_given: bool = False  # consent to restricted personal data (Annex 3, 9(3))
    application_date: date | None = None  # the date by the applicant's signature
    # Warnings the officer has looked at and confirmed, as "path:code".
    confirmed_warnings: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)

    def to_dict(self) -> dict[str, Any]:
        data = _plain(asdict(self))
        data["schema"] = SCHEMA_VERSION
        assert isinstance(data, dict)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Questionnaire:
        if not isinstance(data, dict):
            raise QuestionnaireFormatError("questionnaire data is not an object")
        schema = data.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise QuestionnaireFormatError(f"unknown questionnaire schema {schema!r}")
        try:
            built: Questionnaire = _build(cls, data)
        except (TypeError, ValueError, KeyError) as exc:
            raise QuestionnaireFormatError(f"questionnaire data is malformed: {exc}") from exc
        return built


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


_NESTED: dict[str, type] = {
    "contacts": Contacts,
    "birth_place": Place,
    "leaving_place": Place,
}
_LISTS: dict[str, type] = {"children": Child, "relatives": Relative, "employment": Employment}
_DATES = {"birth_date", "departure_date", "application_date"}
_INTS = {
    "purpose",
    "social_category",
    "education",
    "speciality",
    "marital_status",
    "birth_year",
    "year_from",
    "year_to",
}
_BOOLS = {"declaration_acknowledged", "consent_given", "with_one_representative", "deceased"}


def _build(kind: type, data: dict[str, Any]) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"{kind.__name__} must be an object")
    values: dict[str, Any] = {}
    for f in fields(kind):
        if f.name not in data:
            continue
        raw = data[f.name]
        values[f.name] = _coerce(f.name, raw, top_level=kind is Questionnaire)
    return kind(**values)


def _coerce(name: str, raw: Any, *, top_level: bool) -> Any:
    # Nested objects and lists exist only at the top level (a relative's birth_place is text).
    if top_level and name in _NESTED:
        return _build(_NESTED[name], raw)
    if top_level and name in _LISTS:
        if not isinstance(raw, list):
            raise TypeError(f"{name} must be a list")
        return [_build(_LISTS[name], item) for item in raw]
    if raw is None:
        return None
    if name in _DATES:
        if not isinstance(raw, str):
            raise TypeError(f"{name} must be an ISO date")
        return date.fromisoformat(raw)
    if name == "sex":
        return Sex(raw)
    if name in _INTS:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError(f"{name} must be a whole number")
        return raw
    if name in _BOOLS or name == "state_secrets_clearance":
        if not isinstance(raw, bool):
            raise TypeError(f"{name} must be true or false")
        return raw
    if name == "confirmed_warnings":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise TypeError("confirmed_warnings must be a list of strings")
        return list(raw)
    if not isinstance(raw, str):
        raise TypeError(f"{name} must be text")
    return raw
