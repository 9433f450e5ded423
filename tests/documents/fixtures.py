"""Sample inputs for every form. Together they use all nine Kazakh letters: Ә Ғ Қ Ң Ө Ұ Ү Һ І."""

from __future__ import annotations

from datetime import date, datetime

from desktop.documents.data import (
    AcceptanceReceiptData,
    ChildRow,
    EmploymentRow,
    HearingNoticeData,
    JournalData,
    JournalRow,
    NotificationData,
    PlaceView,
    PoliceDecision,
    QuestionnaireView,
    ReasonedRefusalData,
    RefusalItem,
    RefusalReason,
    RefusalToAcceptData,
    RelativeRow,
)

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ"
MISSION = "Қазақстан Республикасының Германия Федеративтік Республикасындағы Елшілігі"
PERSON = "ӘБДІРАХМАНОВА Гүлнұр Сағындыққызы"
OFFICIAL = "ТҰҢҒЫШБАЕВ Өмірзақ Жиһанұлы"
OFFICER = "ҮСЕНОВА Зуһра Ержанқызы"
DEPARTMENT = "Алматы қаласы"

DECISION = PoliceDecision(DEPARTMENT, "12-34/567", date(2026, 11, 10))


def notification(duplicate: bool = False) -> NotificationData:
    return NotificationData(
        notification_id="BER-2026-000123",
        mission_code="BER",
        mission_name=MISSION,
        person_full_name=PERSON,
        birth_date=date(1990, 3, 4),
        destination_country="Германия",
        destination_settlement="Берлин",
        decision=DECISION,
        consular_official=OFFICIAL,
        issue_date=date(2026, 11, 20),
        duplicate=duplicate,
    )


def questionnaire() -> QuestionnaireView:
    return QuestionnaireView(
        iin="900304450012",
        surname="ӘБДІРАХМАНОВА",
        name="Гүлнұр",
        patronymic="Сағындыққызы",
        birth_date=date(1990, 3, 4),
        sex="female",
        citizenship="Қазақстан Республикасы",
        nationality="қазақ",
        contact="Berlin, Hauptstraße 5; +49 30 1234567; gulnur@example.kz",
        departure_date=date(2021, 6, 1),
        birth_place=PlaceView(
            "Қазақстан", "Шығыс Қазақстан облысы", "Өскемен қаласы", "", "Өскемен"
        ),
        leaving_place=PlaceView("Қазақстан", "Алматы", "Медеу ауданы", "", "Алматы"),
        destination_country="Германия",
        destination_settlement="Берлин",
        purpose=4,
        social_category=1,
        education=1,
        speciality=5,
        marital_status=2,
        children=(
            ChildRow(
                "ШАҺМАРДАНОВ Нұрсұлтан Маратұлы",
                "150812500123",
                date(2015, 8, 12),
                "N12345678",
                "male",
            ),
        ),
        relatives=(
            RelativeRow(
                "ҒАЛЫМЖАНОВ Марат Серікұлы",
                "880101300456",
                "жұбайы",
                "1988, Шымкент",
                "Германия, Берлин",
                "Siemens AG",
                "Алматы, 2012",
            ),
        ),
        employment=(
            EmploymentRow(
                "2019–2021",
                "«Қазақтелеком» АҚ",
                "Алматы, Абай даңғылы 1",
                "Алматы",
                "экономист",
                "жоқ",
            ),
        ),
        signed_on=date(2026, 8, 3),
    )


def receipt() -> AcceptanceReceiptData:
    return AcceptanceReceiptData(
        questionnaire=questionnaire(),
        case_number="BER-2026-0042",
        accepted_on=date(2026, 8, 3),
        accepted_by=OFFICER,
        mission_name=MISSION,
    )


def refusal() -> RefusalToAcceptData:
    return RefusalToAcceptData(
        applicant_full_name=PERSON,
        birth_date=date(1990, 3, 4),
        items=(
            RefusalItem(
                "консулдық алым төленгенiн растайтын құжаттың көшiрмесi",
                "копия документа, подтверждающего уплату консульского сбора",
                RefusalReason.MISSING,
            ),
            RefusalItem(
                "Қазақстан Республикасы азаматының паспорты",
                "паспорт гражданина Республики Казахстан",
                RefusalReason.EXPIRED,
                expired_on=date(2026, 5, 1),
            ),
        ),
        refused_on=date(2026, 8, 3),
        officer=OFFICER,
        mission_name=MISSION,
        case_number="BER-2026-0043",
    )


def hearing() -> HearingNoticeData:
    return HearingNoticeData(
        applicant_full_name=PERSON,
        birth_date=date(1990, 3, 4),
        police_notice=DECISION,
        grounds=(1, 4),
        reasoning="Ішкі істер органының хабарламасы бойынша ұсынылған мекенжай расталмады.",
        # A wall time of the mission, without a zone, as the services hand it over.
        hearing_at=datetime(2026, 11, 25, 10, 30),  # noqa: DTZ001
        hearing_place="Елшілік, Берлин, 2-кабинет (немесе бейнебайланыс)",
        objection_deadline=date(2026, 11, 24),
        sent_on=date(2026, 11, 17),
        officer=OFFICER,
        mission_name=MISSION,
        case_number="BER-2026-0042",
    )


def reasoned_refusal() -> ReasonedRefusalData:
    return ReasonedRefusalData(
        applicant_full_name=PERSON,
        birth_date=date(1990, 3, 4),
        police_decision=DECISION,
        grounds=(4,),
        reasoning="Қарсылық қаралды; ішкі істер органы бас тарту туралы шешімін өзгертпеді.",
        sent_on=date(2026, 12, 1),
        officer=OFFICER,
        mission_name=MISSION,
        case_number="BER-2026-0042",
    )


def journal() -> JournalData:
    rows = tuple(
        JournalRow(
            number=i,
            applied_on=date(2026, 8, i),
            full_name=f"{PERSON} {i}",
            birth_date=date(1990, 3, 4),
            passport_number=f"N{10000000 + i}",
            notification_given_on=date(2026, 11, i),
            contact="+49 30 1234567, Өскемен көшесі 1",
        )
        for i in range(1, 31)
    )
    return JournalData(MISSION, date(2026, 11, 1), date(2026, 11, 30), rows)
