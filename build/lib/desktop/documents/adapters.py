"""From the domain's Annex 1 model to the printable view the receipt form lays out."""

from __future__ import annotations

from desktop.documents.data import (
    ChildRow,
    EmploymentRow,
    PlaceView,
    QuestionnaireView,
    RelativeRow,
)
from desktop.domain.codes import KINSHIP
from desktop.domain.questionnaire import Place, Questionnaire

# Item 18's last column asks "бар/жоғы" (has / has not) a clearance to state secrets.
_CLEARANCE = {True: "бар / есть", False: "жоқ / нет", None: ""}
_DECEASED = "қайтыс болған / умер(ла)"


def _place(place: Place) -> PlaceView:
    return PlaceView(place.country, place.region, place.district, place.okrug, place.settlement)


def _years(year_from: int | None, year_to: int | None) -> str:
    if year_from is None and year_to is None:
        return ""
    return f"{year_from or ''}–{year_to or ''}"


def questionnaire_view(q: Questionnaire) -> QuestionnaireView:
    """Everything of Annex 1, in printable form; raises ValueError without a date of birth."""
    if q.birth_date is None:
        raise ValueError("the questionnaire has no date of birth (item 4)")
    contact = "; ".join(x for x in (q.contacts.address, q.contacts.phone, q.contacts.email) if x)
    relatives = []
    for r in q.relatives:
        kinship = KINSHIP[r.kinship].bilingual if r.kinship in KINSHIP else r.kinship
        if r.deceased:
            kinship += f" ({_DECEASED})"
        born = ", ".join(x for x in (str(r.birth_year or ""), r.birth_place) if x)
        relatives.append(
            RelativeRow(
                r.full_name,
                r.iin,
                kinship,
                born,
                r.country_and_address,
                r.workplace,
                r.marriage_registration_place,
            )
        )
    return QuestionnaireView(
        iin=q.iin,
        surname=q.surname,
        name=q.name,
        patronymic=q.patronymic,
        birth_date=q.birth_date,
        sex=q.sex.value if q.sex is not None else "",
        citizenship=q.citizenship,
        nationality=q.nationality,
        contact=contact,
        departure_date=q.departure_date,
        birth_place=_place(q.birth_place),
        leaving_place=_place(q.leaving_place),
        destination_country=q.destination_country,
        destination_settlement=q.destination_settlement,
        purpose=q.purpose,
        social_category=q.social_category,
        education=q.education,
        speciality=q.speciality,
        marital_status=q.marital_status,
        children=tuple(
            ChildRow(
                c.full_name,
                c.iin,
                c.birth_date,
                c.passport_number,
                c.sex.value if c.sex is not None else "",
            )
            for c in q.children
        ),
        relatives=tuple(relatives),
        employment=tuple(
            EmploymentRow(
                _years(e.year_from, e.year_to),
                e.organisation,
                e.organisation_address,
                e.workplace,
                e.position,
                _CLEARANCE[e.state_secrets_clearance],
            )
            for e in q.employment
        ),
        declaration_signed=q.declaration_acknowledged and q.consent_given,
        signed_on=q.application_date,
    )
