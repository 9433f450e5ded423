"""The case workflow of §4–§11 (and the complaints of §16) as an explicit state machine.

Every step is an *event*: `decide` checks a requested action against the case's current state
(stage, who asks, what data they give, the checklist for §4/§5) and returns the event to store,
or raises `WorkflowError` with a message in Kazakh, Russian and English. `replay` folds stored
events back into a `CaseState`; the deadlines (`deadlines.py`), the timeline and the monitoring
export are all read from that state and those events.

Event data holds the *effective* date of a step (`on`: the day the Bürkit entry was made, the
day the written notice arrived), which may be earlier than the moment it was recorded (`at`)
but never later; the clocks run from the effective dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from desktop.domain import acceptance
from desktop.domain.calendar import WorkingCalendar, add_months, mission_local
from desktop.domain.checklist import ChecklistStatus
from desktop.domain.i18n import Text, join
from desktop.domain.validation import Issue


class Stage(StrEnum):
    DRAFT = "draft"  # intake: questionnaire and documents being gathered
    ACCEPTED = "accepted"  # §4: complete set accepted, clocks started
    REFUSED_ACCEPTANCE = "refused_acceptance"  # §5: incomplete set or an expired document
    BURKIT_ENTERED = "burkit_entered"  # §6
    FORWARDED = "forwarded"  # §7: sent through the Consular Service Department
    PERMITTED = "permitted"  # §10: notice of permission received
    PRELIMINARY_REFUSAL = "preliminary_refusal"  # §11: notice of a preliminary refusal received
    HEARING_NOTIFIED = "hearing_notified"  # §11: draft refusal and hearing notice sent
    OBJECTION_RECEIVED = "objection_received"  # §11: the applicant objected
    NO_OBJECTION = "no_objection"  # §11: two working days passed without an objection
    OBJECTION_FORWARDED = "objection_forwarded"  # §11: objection sent to the police
    REFUSED = "refused"  # §11: notice of a (final) refusal received
    REFUSAL_SENT = "refusal_sent"  # §11: reasoned refusal sent to the applicant
    NOTIFICATION_ISSUED = "notification_issued"  # §10: Annex 4 signed and sealed
    HANDED_OVER = "handed_over"  # §10: Annex 4 given to the applicant
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # the applicant withdrew the application


STAGE_TITLES: dict[Stage, Text] = {
    Stage.DRAFT: Text("Жоба", "Черновик", "Draft"),
    Stage.ACCEPTED: Text("Қабылданды", "Принято", "Accepted"),
    Stage.REFUSED_ACCEPTANCE: Text(
        "Қабылдаудан бас тартылды", "Отказано в приеме", "Acceptance refused"
    ),
    Stage.BURKIT_ENTERED: Text(
        "«Бүркіт»-ке енгізілді", "Внесено в «Бүркіт»", "Entered into Bürkit"
    ),
    Stage.FORWARDED: Text("Жіберілді", "Направлено", "Forwarded"),
    Stage.PERMITTED: Text("Рұқсат берілді", "Разрешено", "Permitted"),
    Stage.PRELIMINARY_REFUSAL: Text(
        "Алдын ала бас тарту", "Предварительный отказ", "Preliminary refusal"
    ),
    Stage.HEARING_NOTIFIED: Text(
        "Тыңдау туралы хабарланды", "Направлено уведомление о заслушивании", "Hearing notified"
    ),
    Stage.OBJECTION_RECEIVED: Text("Қарсылық алынды", "Получено возражение", "Objection received"),
    Stage.NO_OBJECTION: Text("Қарсылық жоқ", "Возражений нет", "No objection"),
    Stage.OBJECTION_FORWARDED: Text(
        "Қарсылық жіберілді", "Возражение направлено", "Objection forwarded"
    ),
    Stage.REFUSED: Text("Бас тартылды", "Отказано", "Refused"),
    Stage.REFUSAL_SENT: Text(
        "Дәлелді бас тарту жіберілді", "Мотивированный отказ направлен", "Reasoned refusal sent"
    ),
    Stage.NOTIFICATION_ISSUED: Text(
        "Хабарлама ресімделді", "Уведомление оформлено", "Notification issued"
    ),
    Stage.HANDED_OVER: Text(
        "Хабарлама табысталды", "Уведомление вручено", "Notification handed over"
    ),
    Stage.CLOSED: Text("Жабылды", "Закрыто", "Closed"),
    Stage.WITHDRAWN: Text("Кері қайтарып алынды", "Отозвано", "Withdrawn"),
}

TERMINAL: frozenset[Stage] = frozenset({Stage.CLOSED, Stage.WITHDRAWN})
# §11: the applicant objects within 2 working days of receiving the preliminary decision.
OBJECTION_WORKING_DAYS = 2
# §11: the hearing notice goes out at least 3 working days before the §12 term ends.
HEARING_BEFORE_END_WORKING_DAYS = 3
# §16: the provider may keep a complaint it fully satisfies within 3 working days of receipt.
COMPLAINT_SATISFY_WORKING_DAYS = 3
# Stages where the service is still being provided (the §12 term runs).
IN_SERVICE: frozenset[Stage] = frozenset(
    {
        Stage.ACCEPTED,
        Stage.BURKIT_ENTERED,
        Stage.FORWARDED,
        Stage.PERMITTED,
        Stage.PRELIMINARY_REFUSAL,
        Stage.HEARING_NOTIFIED,
        Stage.OBJECTION_RECEIVED,
        Stage.NO_OBJECTION,
        Stage.OBJECTION_FORWARDED,
        Stage.REFUSED,
        Stage.NOTIFICATION_ISSUED,
    }
)
# An "open case" for the duplicate-IIN guard: anything not finished.
OPEN_STAGES: frozenset[Stage] = frozenset({Stage.DRAFT}) | IN_SERVICE


class Role(StrEnum):
    """The desk's roles (same values as `services.context.Role`). An actor holds a set of
    them: a consul is also an officer, an administrator also an officer."""

    OFFICER = "officer"
    CONSUL = "consul"  # the consular official who signs and seals (§10, Annex 4)
    ADMIN = "admin"


class Action(StrEnum):
    ACCEPT = "accept"
    REFUSE_ACCEPTANCE = "refuse_acceptance"
    RESUBMIT = "resubmit"
    RECORD_BURKIT = "record_burkit"
    FORWARD = "forward"
    RECORD_PERMISSION = "record_permission"
    RECORD_PRELIMINARY_REFUSAL = "record_preliminary_refusal"
    RECORD_REFUSAL = "record_refusal"
    SEND_PRELIMINARY_REFUSAL = "send_preliminary_refusal"
    RECORD_OBJECTION = "record_objection"
    RECORD_NO_OBJECTION = "record_no_objection"
    FORWARD_OBJECTION = "forward_objection"
    SEND_REASONED_REFUSAL = "send_reasoned_refusal"
    ISSUE_NOTIFICATION = "issue_notification"
    HAND_OVER = "hand_over"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    # §16: complaints ride on the case and do not move its stage.
    REGISTER_COMPLAINT = "register_complaint"
    SATISFY_COMPLAINT = "satisfy_complaint"
    FORWARD_COMPLAINT = "forward_complaint"
    RECORD_COMPLAINT_OUTCOME = "record_complaint_outcome"


class FieldKind(StrEnum):
    DATE = "date"
    DATETIME = "datetime"  # a local date and time of the mission, "YYYY-MM-DDTHH:MM"
    TEXT = "text"
    CHOICE = "choice"
    BOOL = "bool"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: FieldKind
    label: Text
    required: bool = True
    choices: tuple[str, ...] = ()

    def choice_title(self, value: str) -> Text:
        """What the officer sees for a choice (never its stored code)."""
        if self.name == "ground" and value in REFUSAL_GROUNDS:
            g = REFUSAL_GROUNDS[value]
            return Text(f"{value}) {g.kk}", f"{value}) {g.ru}", f"{value}) {g.en}")
        return CHOICE_TITLES[value]


class ComplaintAddressee(StrEnum):
    PROVIDER = "provider"  # §16: considered within 5 working days of registration
    AUTHORISED_BODY = "authorised_body"  # quality-of-public-services body: 15 working days


class ComplaintOutcome(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    REJECTED = "rejected"


class ComplaintStage(StrEnum):
    REGISTERED = "registered"
    SATISFIED = "satisfied"  # §16: fully satisfied within 3 working days, not forwarded
    FORWARDED = "forwarded"  # §16: sent with the administrative case to the reviewing body
    DECIDED = "decided"


class DecisionChannel(StrEnum):
    PACKAGE = "package"  # a decision package from the Department
    PAPER = "paper"  # a written notice keyed in
    BURKIT = "burkit"  # a mark seen in Bürkit


class HandoverWay(StrEnum):
    IN_PERSON = "in_person"
    POST = "post"
    REPRESENTATIVE = "representative"


ROLE_TITLES: dict[Role, Text] = {
    Role.OFFICER: Text("қызметкер", "сотрудник", "officer"),
    Role.CONSUL: Text("консулдық лауазымды адам", "консульское должностное лицо", "consul"),
    Role.ADMIN: Text("әкімші", "администратор", "administrator"),
}

# The choices of the step forms as the officer reads them (the stored values are codes).
CHOICE_TITLES: dict[str, Text] = {
    DecisionChannel.PACKAGE: Text(
        "Департаменттен келген пакет", "Пакет из Департамента", "Package from the Department"
    ),
    DecisionChannel.PAPER: Text("Жазбаша хабарлама", "Письменное уведомление", "Written notice"),
    DecisionChannel.BURKIT: Text(
        "«Бүркіт» жүйесіндегі белгі", "Отметка в «Бүркіт»", "Mark in Bürkit"
    ),
    HandoverWay.IN_PERSON: Text("Жеке өзіне", "Лично заявителю", "In person"),
    HandoverWay.POST: Text("Пошта арқылы", "По почте", "By post"),
    HandoverWay.REPRESENTATIVE: Text("Өкіліне", "Представителю", "To the representative"),
    ComplaintAddressee.PROVIDER: Text(
        "Көрсетілетін қызметті берушіге", "Услугодателю", "The service provider"
    ),
    ComplaintAddressee.AUTHORISED_BODY: Text(
        "Мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға",
        "В уполномоченный орган по оценке и контролю за качеством оказания государственных услуг",
        "The authorised body for the quality of public services",
    ),
    ComplaintOutcome.UPHELD: Text("Қанағаттандырылды", "Удовлетворена", "Upheld"),
    ComplaintOutcome.PARTLY_UPHELD: Text(
        "Ішінара қанағаттандырылды", "Удовлетворена частично", "Partly upheld"
    ),
    ComplaintOutcome.REJECTED: Text(
        "Қанағаттандырудан бас тартылды", "Отказано в удовлетворении", "Rejected"
    ),
}

COMPLAINT_STAGE_TITLES: dict[ComplaintStage, Text] = {
    ComplaintStage.REGISTERED: Text("тіркелді", "зарегистрирована", "registered"),
    ComplaintStage.SATISFIED: Text(
        "толық қанағаттандырылды", "полностью удовлетворена", "fully satisfied"
    ),
    ComplaintStage.FORWARDED: Text("жіберілді", "направлена", "forwarded"),
    ComplaintStage.DECIDED: Text("шешім қабылданды", "рассмотрена", "decided"),
}


def _t(kk: str, ru: str, en: str) -> Text:
    return Text(kk, ru, en)


# §15, Annex 3 line 9: the only grounds for refusing the service. Labels for the desk; a
# printed refusal takes the official wording from resources/ (the Russian is a working text).
REFUSAL_GROUNDS: dict[str, Text] = {
    "1": _t(
        "Құжаттардың және (немесе) деректердің анық еместігінің белгілі болуы",
        "Установление недостоверности документов и (или) данных",
        "The documents or their data were found unreliable",
    ),
    "2": _t(
        "Өтініш берушінің және (немесе) материалдардың Қағидалар талаптарына сәйкес келмеуі",
        "Несоответствие заявителя и (или) материалов требованиям Правил",
        "The applicant or the materials do not meet the Rules",
    ),
    "3": _t(
        "Қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімнің болмауы",
        "Отсутствие согласия на доступ к персональным данным ограниченного доступа",
        "No consent to access restricted personal data",
    ),
    "4": _t(
        "Уәкілетті органның теріс жауабы немесе тексерудің теріс қорытындысы",
        "Отрицательный ответ уполномоченного органа или отрицательное заключение проверки",
        "A negative answer of an authorised body, or a negative check",
    ),
    "5": _t(
        "Қызметке тыйым салу туралы соттың заңды күшіне енген шешімі (үкімі)",
        "Вступившее в силу решение (приговор) суда о запрете деятельности",
        "A court decision in force prohibiting the activity",
    ),
    "6": _t(
        "Арнаулы құқықтан айыру туралы соттың заңды күшіне енген үкімі",
        "Вступивший в силу приговор суда о лишении специального права",
        "A court sentence in force depriving a special right",
    ),
}


F_ON = FieldSpec("on", FieldKind.DATE, _t("Күні", "Дата", "Date"))
F_NOTE = FieldSpec("note", FieldKind.TEXT, _t("Ескертпе", "Примечание", "Note"), required=False)
F_DEPARTMENT = FieldSpec(
    "police_department",
    FieldKind.TEXT,
    _t("Полиция департаменті", "Департамент полиции", "Police Department"),
)
# Issue 12 §16: the Russian line of Annex 4 names the body in Russian ("решение Департамента
# полиции города Алматы"). Optional: without it the known Police Departments' Russian names
# are used (documents/police.py).
F_DEPARTMENT_RU = FieldSpec(
    "police_department_ru",
    FieldKind.TEXT,
    _t(
        "Полиция департаменті орысша (ілік септігінде: «города Алматы»)",
        "Департамент полиции по-русски (в родительном падеже: «города Алматы»)",
        "Police Department in Russian (genitive: «города Алматы»)",
    ),
    required=False,
)
F_DECISION_NO = FieldSpec(
    "decision_number", FieldKind.TEXT, _t("Шешім нөмірі", "Номер решения", "Decision number")
)
F_DECISION_DATE = FieldSpec(
    "decision_date", FieldKind.DATE, _t("Шешім күні", "Дата решения", "Decision date")
)
F_CHANNEL = FieldSpec(
    "channel",
    FieldKind.CHOICE,
    _t("Қалай келді", "Как поступило", "Received via"),
    choices=tuple(c.value for c in DecisionChannel),
)
F_REASONS = FieldSpec(
    "reasons", FieldKind.TEXT, _t("Бас тарту себебі", "Мотивировка отказа", "Reasons of refusal")
)
F_GROUND = FieldSpec(
    "ground",
    FieldKind.CHOICE,
    _t(
        "Бас тарту негізі (3-қосымша, 9-жол)",
        "Основание отказа (прил. 3, стр. 9)",
        "Ground of refusal (Annex 3, line 9)",
    ),
    choices=tuple(REFUSAL_GROUNDS),
)
F_GROUND_OPTIONAL = replace(F_GROUND, required=False)


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    sources: frozenset[Stage] | None  # None: any stage but the terminal ones
    target: Stage | None  # None: the stage does not change (complaints)
    roles: frozenset[Role]
    paragraph: str
    fields: tuple[FieldSpec, ...]
    title: Text


_DESK = frozenset({Role.OFFICER})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(
            Action.ACCEPT,
            frozenset({Stage.DRAFT}),
            Stage.ACCEPTED,
            _DESK,
            "§4",
            (F_ON, F_NOTE),
            _t("Құжаттарды қабылдау", "Принять документы", "Accept the documents"),
        ),
        Transition(
            Action.REFUSE_ACCEPTANCE,
            frozenset({Stage.DRAFT}),
            Stage.REFUSED_ACCEPTANCE,
            _DESK,
            "§5",
            (F_ON, F_NOTE),
            _t("Қабылдаудан бас тарту", "Отказать в приеме", "Refuse to accept"),
        ),
        Transition(
            Action.RESUBMIT,
            frozenset({Stage.REFUSED_ACCEPTANCE}),
            Stage.DRAFT,
            _DESK,
            "§3",
            (F_NOTE,),
            _t("Қайта тапсыру", "Повторная подача", "Resubmission"),
        ),
        Transition(
            Action.RECORD_BURKIT,
            frozenset({Stage.ACCEPTED}),
            Stage.BURKIT_ENTERED,
            _DESK,
            "§6",
            (
                F_ON,
                FieldSpec(
                    "reference",
                    FieldKind.TEXT,
                    _t("«Бүркіт» нөмірі", "Номер в «Бүркіт»", "Bürkit reference"),
                ),
                F_NOTE,
            ),
            _t("«Бүркіт»-ке енгізілді", "Внесено в «Бүркіт»", "Entered into Bürkit"),
        ),
        Transition(
            Action.FORWARD,
            frozenset({Stage.BURKIT_ENTERED}),
            Stage.FORWARDED,
            _DESK,
            "§7",
            (
                F_ON,
                FieldSpec(
                    "package_reference",
                    FieldKind.TEXT,
                    _t("Пакет нөмірі", "Номер пакета", "Package reference"),
                ),
                F_NOTE,
            ),
            _t(
                "Департамент арқылы жіберілді",
                "Направлено через Департамент",
                "Sent via the Department",
            ),
        ),
        Transition(
            Action.RECORD_PERMISSION,
            frozenset({Stage.FORWARDED, Stage.OBJECTION_FORWARDED}),
            Stage.PERMITTED,
            _DESK,
            "§10",
            (
                F_ON,
                F_DEPARTMENT,
                F_DEPARTMENT_RU,
                F_DECISION_NO,
                F_DECISION_DATE,
                F_CHANNEL,
                F_NOTE,
            ),
            _t("Рұқсат туралы хабарлама", "Уведомление о разрешении", "Notice of permission"),
        ),
        Transition(
            Action.RECORD_PRELIMINARY_REFUSAL,
            frozenset({Stage.FORWARDED}),
            Stage.PRELIMINARY_REFUSAL,
            _DESK,
            "§11",
            (
                F_ON,
                F_DEPARTMENT,
                F_DECISION_NO,
                F_DECISION_DATE,
                F_CHANNEL,
                F_GROUND_OPTIONAL,
                F_REASONS,
                F_NOTE,
            ),
            _t("Алдын ала бас тарту", "Предварительный отказ", "Preliminary refusal"),
        ),
        Transition(
            Action.RECORD_REFUSAL,
            # §11 (05.12.2025): the police refuse only preliminarily; a final refusal comes
            # only after the objection was reviewed ("қарсылықтары бар материалдарды
            # қарағаннан кейін бас тартқан жағдайда").
            frozenset({Stage.OBJECTION_FORWARDED}),
            Stage.REFUSED,
            _DESK,
            "§11",
            (
                F_ON,
                F_DEPARTMENT,
                F_DECISION_NO,
                F_DECISION_DATE,
                F_CHANNEL,
                F_GROUND_OPTIONAL,
                F_REASONS,
                F_NOTE,
            ),
            _t("Бас тарту туралы хабарлама", "Уведомление об отказе", "Notice of refusal"),
        ),
        Transition(
            Action.SEND_PRELIMINARY_REFUSAL,
            frozenset({Stage.PRELIMINARY_REFUSAL}),
            Stage.HEARING_NOTIFIED,
            _DESK,
            "§11",
            (
                F_ON,
                FieldSpec(
                    "hearing_at",
                    FieldKind.DATETIME,
                    _t(
                        "Тыңдау күні мен уақыты",
                        "Дата и время заслушивания",
                        "Hearing date and time",
                    ),
                ),
                FieldSpec(
                    "hearing_place",
                    FieldKind.TEXT,
                    _t(
                        "Тыңдау орны (тәсілі)",
                        "Место (способ) заслушивания",
                        "Hearing place or way",
                    ),
                ),
                FieldSpec(
                    "delivered_on",
                    FieldKind.DATE,
                    _t(
                        "Өтініш беруші алған күн",
                        "Дата получения заявителем",
                        "Received by the applicant on",
                    ),
                    required=False,
                ),
                F_NOTE,
            ),
            _t(
                "Алдын ала шешім жобасы мен тыңдау туралы хабарлама жіберілді",
                "Направлены проект предварительного решения и уведомление о заслушивании",
                "Draft preliminary refusal and hearing notice sent",
            ),
        ),
        Transition(
            Action.RECORD_OBJECTION,
            frozenset({Stage.HEARING_NOTIFIED}),
            Stage.OBJECTION_RECEIVED,
            _DESK,
            "§11",
            (
                F_ON,
                FieldSpec("summary", FieldKind.TEXT, _t("Қарсылық", "Возражение", "Objection")),
                F_NOTE,
            ),
            _t("Қарсылық алынды", "Получено возражение", "Objection received"),
        ),
        Transition(
            Action.RECORD_NO_OBJECTION,
            frozenset({Stage.HEARING_NOTIFIED}),
            Stage.NO_OBJECTION,
            _DESK,
            "§11",
            (
                F_ON,
                FieldSpec(
                    "waiver_on",
                    FieldKind.DATE,
                    _t(
                        "Қарсылық беруден жазбаша бас тартқан күні",
                        "Дата письменного отказа от возражений",
                        "Written waiver of objection dated",
                    ),
                    required=False,
                ),
                F_NOTE,
            ),
            _t("Қарсылық жоқ", "Возражений нет", "No objection"),
        ),
        Transition(
            Action.FORWARD_OBJECTION,
            frozenset({Stage.OBJECTION_RECEIVED}),
            Stage.OBJECTION_FORWARDED,
            _DESK,
            "§11",
            (
                F_ON,
                FieldSpec(
                    "package_reference",
                    FieldKind.TEXT,
                    _t("Пакет нөмірі", "Номер пакета", "Package reference"),
                ),
                F_NOTE,
            ),
            _t("Қарсылық жіберілді", "Возражение направлено", "Objection forwarded"),
        ),
        Transition(
            Action.SEND_REASONED_REFUSAL,
            frozenset({Stage.NO_OBJECTION, Stage.REFUSED}),
            Stage.REFUSAL_SENT,
            _DESK,
            "§11, §15",
            (F_ON, F_GROUND, F_REASONS, F_NOTE),
            _t(
                "Дәлелді бас тарту жіберілді",
                "Направлен мотивированный отказ",
                "Reasoned refusal sent",
            ),
        ),
        Transition(
            Action.ISSUE_NOTIFICATION,
            frozenset({Stage.PERMITTED}),
            Stage.NOTIFICATION_ISSUED,
            frozenset({Role.CONSUL}),  # §10: signature and seal of a consular official
            "§10",
            (
                F_ON,
                FieldSpec(
                    "notification_number",
                    FieldKind.TEXT,
                    _t("Хабарлама нөмірі", "Номер уведомления", "Notification number"),
                    required=False,
                ),
                F_NOTE,
            ),
            _t(
                "4-қосымша хабарламасы ресімделді",
                "Оформлено уведомление (прил. 4)",
                "Annex 4 notification issued",
            ),
        ),
        Transition(
            Action.HAND_OVER,
            frozenset({Stage.NOTIFICATION_ISSUED}),
            Stage.HANDED_OVER,
            _DESK,
            "§10",
            (
                F_ON,
                FieldSpec(
                    "way",
                    FieldKind.CHOICE,
                    _t("Тәсілі", "Способ", "Way"),
                    choices=tuple(w.value for w in HandoverWay),
                ),
                F_NOTE,
            ),
            _t("Хабарлама табысталды", "Уведомление вручено", "Notification handed over"),
        ),
        Transition(
            Action.CLOSE,
            frozenset({Stage.HANDED_OVER, Stage.REFUSAL_SENT, Stage.REFUSED_ACCEPTANCE}),
            Stage.CLOSED,
            _DESK,
            "§12",
            (F_NOTE,),
            _t("Істі жабу", "Закрыть дело", "Close the case"),
        ),
        Transition(
            Action.WITHDRAW,
            None,
            Stage.WITHDRAWN,
            _DESK,
            "§3",
            (
                F_ON,
                FieldSpec(
                    "reason", FieldKind.TEXT, _t("Себебі", "Причина", "Reason"), required=False
                ),
            ),
            _t("Өтініш кері қайтарып алынды", "Заявление отозвано", "Withdrawn by the applicant"),
        ),
        Transition(
            Action.REGISTER_COMPLAINT,
            None,
            None,
            _DESK,
            "§16",
            (
                FieldSpec(
                    "received_on",
                    FieldKind.DATE,
                    _t("Түскен күні", "Дата поступления", "Received on"),
                ),
                FieldSpec(
                    "registered_on",
                    FieldKind.DATE,
                    _t("Тіркелген күні", "Дата регистрации", "Registered on"),
                    required=False,
                ),
                FieldSpec(
                    "against",
                    FieldKind.TEXT,
                    _t("Шағым неге", "На что жалоба", "Complaint against"),
                ),
                FieldSpec(
                    "addressee",
                    FieldKind.CHOICE,
                    _t("Кімге", "Адресат", "Addressed to"),
                    choices=tuple(a.value for a in ComplaintAddressee),
                ),
                F_NOTE,
            ),
            _t("Шағым тіркелді", "Жалоба зарегистрирована", "Complaint registered"),
        ),
        Transition(
            Action.SATISFY_COMPLAINT,
            None,
            None,
            _DESK,
            "§16",
            (
                FieldSpec("complaint_id", FieldKind.TEXT, _t("Шағым", "Жалоба", "Complaint")),
                F_ON,
                F_NOTE,
            ),
            _t(
                "Шағым толық қанағаттандырылды",
                "Жалоба полностью удовлетворена",
                "Complaint fully satisfied",
            ),
        ),
        Transition(
            Action.FORWARD_COMPLAINT,
            None,
            None,
            _DESK,
            "§16",
            (
                FieldSpec("complaint_id", FieldKind.TEXT, _t("Шағым", "Жалоба", "Complaint")),
                F_ON,
                FieldSpec(
                    "body",
                    FieldKind.TEXT,
                    _t("Шағымды қарайтын орган", "Орган, рассматривающий жалобу", "Reviewing body"),
                ),
                F_NOTE,
            ),
            _t("Шағым жіберілді", "Жалоба направлена", "Complaint forwarded"),
        ),
        Transition(
            Action.RECORD_COMPLAINT_OUTCOME,
            None,
            None,
            _DESK,
            "§16",
            (
                FieldSpec("complaint_id", FieldKind.TEXT, _t("Шағым", "Жалоба", "Complaint")),
                F_ON,
                FieldSpec(
                    "outcome",
                    FieldKind.CHOICE,
                    _t("Нәтиже", "Результат", "Outcome"),
                    choices=tuple(o.value for o in ComplaintOutcome),
                ),
                F_NOTE,
            ),
            _t("Шағым бойынша шешім", "Решение по жалобе", "Complaint decided"),
        ),
    )
}

COMPLAINT_ACTIONS = frozenset(
    {
        Action.REGISTER_COMPLAINT,
        Action.SATISFY_COMPLAINT,
        Action.FORWARD_COMPLAINT,
        Action.RECORD_COMPLAINT_OUTCOME,
    }
)


# --- errors -----------------------------------------------------------------------------------


class WorkflowError(Exception):
    """A step the Rules or the case do not allow, with a message the officer can act on.

    `items` lists what is missing, one line each (§4: the questionnaire's fields and the
    checklist's documents), for a dialog to show as a list; `message` holds them too."""

    def __init__(self, code: str, message: Text, items: tuple[Text, ...] = ()) -> None:
        super().__init__(message.en)
        self.code = code
        self.message = message
        self.items = items


M_ILLEGAL = Text(
    "«{action}» қадамын «{stage}» кезеңінде орындауға болмайды",
    "Шаг «{action}» невозможен на этапе «{stage}»",
    "{action} is not possible at stage {stage}",
)
M_ILLEGAL_SINCE = Text(
    "«{action}» қадамын «{stage}» кезеңінде ({since} бастап) орындауға болмайды",
    "Шаг «{action}» невозможен на этапе «{stage}» (с {since})",
    "{action} is not possible at stage {stage} (since {since})",
)
M_ROLE = Text(
    "«{action}» қадамын тек {roles} орындай алады (сіздің рөліңіз: {role})",
    "Шаг «{action}» может выполнить только {roles} (ваша роль: {role})",
    "Only {roles} may do {action} (your role: {role})",
)
M_FIELD_TOO_LONG = Text(
    "«{field}» тым ұзын: ең көбі {limit} таңба ({length} енгізілді)",
    "Поле «{field}» слишком длинное: не более {limit} знаков (введено {length})",
    "{field} is too long: at most {limit} characters ({length} given)",
)
# The longest text each step field takes: what fits its line on the paper forms (a registry
# number is a short code; reasons fill a paragraph). The desk and the command line both go
# through `_clean`, so both say the limit before anything is stored.
TEXT_LIMITS: dict[str, int] = {
    "reference": 40,
    "package_reference": 40,
    "notification_number": 40,
    "decision_number": 100,
    "police_department": 300,
    "hearing_place": 300,
    "against": 300,
    "body": 300,
    "note": 2000,
    "reasons": 4000,
}
TEXT_LIMIT_DEFAULT = 500
M_FIELD_REQUIRED = Text(
    "«{field}» өрісі толтырылуы керек",
    "Поле «{field}» обязательно для заполнения",
    "{field} is required",
)
M_FIELD_DATE = Text(
    "«{field}»: күнді КК.АА.ЖЖЖЖ түрінде жазыңыз",
    "«{field}»: укажите дату в виде ДД.ММ.ГГГГ",
    "{field}: a date as DD.MM.YYYY",
)
M_FIELD_DATETIME = Text(
    "«{field}»: күні мен уақытын КК.АА.ЖЖЖЖ СС:ММ түрінде жазыңыз",
    "«{field}»: укажите дату и время в виде ДД.ММ.ГГГГ ЧЧ:ММ",
    "{field}: a date and time as DD.MM.YYYY HH:MM",
)
M_FIELD_CHOICE = Text(
    "«{field}»: мына мәндердің бірін таңдаңыз: {choices}",
    "«{field}»: выберите одно из значений: {choices}",
    "{field}: one of {choices}",
)
M_FIELD_UNKNOWN = Text(
    "Белгісіз өріс: {field}", "Неизвестное поле: {field}", "Unknown field: {field}"
)
M_FUTURE = Text(
    "«{field}» ({day}) әлі келмеген күн (бүгін {today})",
    "«{field}» ({day}) — дата в будущем (сегодня {today})",
    "{field} ({day}) is in the future (today is {today})",
)
M_BEFORE_PREVIOUS = Text(
    "«{field}» ({day}) алдыңғы қадамның күнінен ({previous}) бұрын болмауы керек",
    "«{field}» ({day}) не может быть раньше даты предыдущего шага ({previous})",
    "{field} ({day}) cannot be before the previous step ({previous})",
)
M_CLOCK_BACK = Text(
    "Компьютер сағаты кері жылжытылған сияқты: {at} соңғы оқиғадан ({last}) бұрын. "
    "Сағатты тексеріңіз; мерзімдер қайта есептелмейді.",
    "Похоже, часы компьютера переведены назад: {at} раньше последнего события ({last}). "
    "Проверьте часы; сроки не пересчитываются.",
    "The workstation clock seems to have been set back: {at} is before the last event "
    "({last}). Check the clock; deadlines are not recomputed from it.",
)
M_INCOMPLETE = Text(
    "Құжаттар топтамасы толық емес немесе мерзімі өткен құжат бар (4, 5-тармақтар):",
    "Комплект документов неполный или есть просроченный документ (п. 4, 5):",
    "The set is incomplete or a document has expired (§4, §5):",
)
M_MISSING_ITEM = Text("{label} — ұсынылмады", "{label} — не представлен", "{label} — not submitted")
M_QUESTIONNAIRE = Text(
    "Өтініш-сауалнама толық толтырылмаған (3-тармақтың 1) тармақшасы, 4-тармақ); "
    "құжаттарды қабылдау үшін мыналарды түзетіңіз:",
    "Заявление-анкета заполнено не полностью (пп. 1 п. 3, п. 4); для приема документов исправьте:",
    "The questionnaire is not complete (§3(1), §4); to accept the documents, correct:",
)
M_NO_QUESTIONNAIRE = Text(
    "Өтініш-сауалнама тексерілмеді",
    "Заявление-анкета не проверено",
    "The questionnaire was not checked",
)
M_REFUSAL_WITHOUT_HEARING = Text(
    "Дәлелді бас тарту тек алдын ала бас тартудан, тыңдаудан кейін және қарсылық "
    "болмағанда немесе қарсылық қаралғаннан кейін ғана (11-тармақ)",
    "Мотивированный отказ возможен только после предварительного отказа, заслушивания и "
    "при отсутствии возражений либо после рассмотрения возражений (п. 11)",
    "A reasoned refusal comes only after a preliminary refusal and the hearing, when there "
    "was no objection or after the objection was reviewed (§11)",
)
M_HEARING_DAY_OFF = Text(
    "Тыңдау күні ({day}) — шет елдердегі мекеменің жұмыс күні емес (11-тармақ)",
    "День заслушивания ({day}) — нерабочий день загранучреждения (п. 11)",
    "The hearing day ({day}) is not a working day of the mission (§11)",
)
M_HEARING_BEFORE_NOTICE = Text(
    "Тыңдау ({day}) хабарлама алынғанға дейін ({delivered}) болмайды (11-тармақ)",
    "Заслушивание ({day}) не может быть раньше получения уведомления ({delivered}) (п. 11)",
    "The hearing ({day}) cannot be before the notice is received ({delivered}) (§11)",
)
M_HEARING_AFTER_OBJECTION_TERM = Text(
    "Тыңдау ({day}) қарсылық беру мерзімі ішінде, {due} қоса алғанға дейін өтуі керек (11-тармақ)",
    "Заслушивание ({day}) должно пройти в срок для возражений, не позднее {due} (п. 11)",
    "The hearing ({day}) must fall within the objection term, by {due} (§11)",
)
M_HEARING_NEAR_TERM_END = Text(
    "Тыңдау ({day}) қызмет көрсету мерзімі ({end}) аяқталардан кемі 3 жұмыс күні бұрын "
    "({latest} дейін) болуы тиіс (11, 12-тармақтар)",
    "Заслушивание ({day}) должно быть не позднее чем за 3 рабочих дня до окончания срока "
    "оказания услуги ({end}), то есть до {latest} (п. 11, 12)",
    "The hearing ({day}) should be at least 3 working days before the service term ends "
    "({end}), i.e. by {latest} (§11, §12)",
)
M_WAIVER_AFTER = Text(
    "Жазбаша бас тарту күні ({day}) «қарсылық жоқ» күнінен кейін болмайды",
    "Дата письменного отказа ({day}) не может быть позже отметки «возражений нет»",
    "The written waiver ({day}) cannot be dated after the no-objection entry",
)
M_COMPLAINT_SATISFY_AFTER_TERM = Text(
    "Шағым {received} түсті: оны жібермей қанағаттандыру тек {due} дейін мүмкін; енді "
    "шағым мен әкімшілік іс шағымды қарайтын органға жіберілуі керек (16-тармақ)",
    "Жалоба поступила {received}: удовлетворить ее без направления можно только до {due}; "
    "теперь жалоба и административное дело направляются в орган, рассматривающий жалобу "
    "(п. 16)",
    "The complaint arrived on {received}: it could be satisfied without forwarding only by "
    "{due}; now it must be forwarded with the administrative case to the reviewing body (§16)",
)
M_EXPIRED_ITEM = Text(
    "{item} (мерзімі {on} өтті)", "{item} (срок истек {on})", "{item} (expired on {on})"
)
M_COMPLETE_NO_REFUSAL = Text(
    "Құжаттар топтамасы толық: қабылдаудан бас тартуға негіз жоқ (5-тармақ)",
    "Комплект документов полный: оснований для отказа в приеме нет (п. 5)",
    "The set is complete: there is no ground to refuse acceptance (§5)",
)
M_NO_CHECKLIST = Text(
    "Құжаттар тізбесі берілмеді", "Не передан перечень документов", "No checklist was given"
)
M_OFFICER_NAME = Text(
    "Құжаттарды қабылдаған адамның тегі, аты, әкесінің аты (бар болса) қажет (4-тармақ)",
    "Нужны Ф.И.О. принявшего документы (п. 4)",
    "The accepting officer's full name is required (§4)",
)
M_OBJECTION_TERM = Text(
    "Көрсетілетін қызметті алушы {due} дейін қарсылық бере алады (11-тармақ): «Қарсылық жоқ» деп белгілеуге әлі ерте "
    "(ол қарсылық беруден жазбаша бас тартса, оның күнін көрсетіңіз)",
    "Заявитель вправе возразить до {due} (п. 11): отмечать «возражений нет» рано "
    "(если заявитель письменно отказался от возражений, укажите дату отказа)",
    "The applicant may object until {due} (§11): too early to record no objection "
    "(if the applicant waived it in writing, give the date of the waiver)",
)
M_COMPLAINT_UNKNOWN = Text(
    "Мұндай шағым жоқ: {id}", "Нет такой жалобы: {id}", "No such complaint: {id}"
)
M_COMPLAINT_STAGE = Text(
    "{id} шағымы {stage}: бұл қадамды орындауға болмайды",
    "Жалоба {id} {stage}: этот шаг невозможен",
    "Complaint {id} is {stage}: this step is not possible",
)
M_COMPLAINT_SATISFY_LATE = Text(
    "Шағымды қарайтын органға жіберілген шағымды көрсетілетін қызметті беруші өзі "
    "қанағаттандыра алмайды "
    "(16-тармақ)",
    "Жалобу, уже направленную в орган, рассматривающий жалобу, услугодатель сам "
    "удовлетворить не может (п. 16)",
    "A complaint can be satisfied without forwarding only before it is forwarded (§16)",
)


# --- state ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    officer_id: int | None
    full_name: str
    roles: frozenset[Role]

    @classmethod
    def of(cls, officer_id: int | None, full_name: str, *roles: Role) -> Actor:
        return cls(officer_id, full_name, frozenset(roles))


@dataclass(frozen=True, slots=True)
class Event:
    """One stored step. `at` is the aware UTC moment it was recorded."""

    kind: str
    at: datetime
    officer_id: int | None
    data: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Complaint:
    complaint_id: str
    received_on: date
    registered_on: date
    against: str
    addressee: ComplaintAddressee
    stage: ComplaintStage = ComplaintStage.REGISTERED
    satisfied_on: date | None = None
    forwarded_on: date | None = None
    decided_on: date | None = None
    outcome: ComplaintOutcome | None = None


@dataclass(frozen=True, slots=True)
class CaseState:
    """What the events of a case add up to."""

    stage: Stage = Stage.DRAFT
    ruleset: str | None = None  # the §3 version the case was accepted under
    accepted_on: date | None = None  # §12: the term runs from the submission
    accepted_by: str = ""
    burkit_on: date | None = None
    forwarded_on: date | None = None
    permission_notice_on: date | None = None
    preliminary_notice_on: date | None = None
    draft_sent_on: date | None = None
    draft_delivered_on: date | None = None
    objection_on: date | None = None
    no_objection_on: date | None = None
    objection_forwarded_on: date | None = None
    refusal_notice_on: date | None = None
    refusal_sent_on: date | None = None
    notification_issued_on: date | None = None
    journal_number: int | None = None  # §13, Annex 5 column 1, given with the permission
    journal_year: int | None = None
    handed_over_on: date | None = None
    closed_on: date | None = None
    withdrawn_on: date | None = None
    last_at: datetime | None = None  # the latest recorded moment (clock set-back guard)
    last_on: date | None = None  # the latest effective date of a stage step
    complaints: tuple[Complaint, ...] = ()
    decision: Mapping[str, Any] = field(default_factory=dict)

    def complaint(self, complaint_id: str) -> Complaint:
        for c in self.complaints:
            if c.complaint_id == complaint_id:
                return c
        raise WorkflowError("complaint_unknown", M_COMPLAINT_UNKNOWN.format(id=complaint_id))


def available_actions(state: CaseState, roles: frozenset[Role]) -> list[Action]:
    """The steps a person holding `roles` can take now (for the action buttons of the desk)."""
    out = []
    for action, t in TRANSITIONS.items():
        if not (roles & t.roles) or action in COMPLAINT_ACTIONS:
            continue
        if _source_ok(t, state.stage):
            out.append(action)
    return out


def _source_ok(t: Transition, stage: Stage) -> bool:
    if t.action in COMPLAINT_ACTIONS:
        # §16: a decision, action or inaction can be complained of at any time, also after
        # the case was closed (a complaint about the reasoned refusal).
        return True
    if t.sources is None:
        return stage not in TERMINAL and not (
            t.action is Action.WITHDRAW and stage in {Stage.HANDED_OVER, Stage.REFUSAL_SENT}
        )
    return stage in t.sources


def _clean(t: Transition, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the data of a step: dates as ISO text, choices from their lists."""
    out: dict[str, Any] = {}
    known = {f.name for f in t.fields}
    for name in data:
        if name not in known:
            raise WorkflowError("field_unknown", M_FIELD_UNKNOWN.format(field=name))
    for spec in t.fields:
        raw = data.get(spec.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if spec.required:
                raise WorkflowError("field_required", M_FIELD_REQUIRED.format(field=spec.label))
            continue
        if spec.kind is FieldKind.DATETIME:
            out[spec.name] = _local_moment(spec, raw).isoformat(timespec="minutes")
        elif spec.kind is FieldKind.DATE:
            if isinstance(raw, date) and not isinstance(raw, datetime):
                out[spec.name] = raw.isoformat()
            else:
                try:
                    out[spec.name] = _parse_date(str(raw)).isoformat()
                except ValueError as exc:
                    raise WorkflowError(
                        "field_date", M_FIELD_DATE.format(field=spec.label)
                    ) from exc
        elif spec.kind is FieldKind.CHOICE:
            value = str(raw)
            if value not in spec.choices:
                raise WorkflowError(
                    "field_choice",
                    M_FIELD_CHOICE.format(
                        field=spec.label,
                        choices=[spec.choice_title(c) for c in spec.choices],
                    ),
                )
            out[spec.name] = value
        elif spec.kind is FieldKind.BOOL:
            out[spec.name] = bool(raw)
        else:
            text = str(raw).strip()
            limit = TEXT_LIMITS.get(spec.name, TEXT_LIMIT_DEFAULT)
            if len(text) > limit:
                raise WorkflowError(
                    "field_too_long",
                    M_FIELD_TOO_LONG.format(field=spec.label.en, limit=limit, length=len(text)),
                )
            out[spec.name] = text
    return out


def _parse_date(text: str) -> date:
    """A date as stored (ISO) or as the officer writes it (dd.mm.yyyy)."""
    text = text.strip()
    if len(text) == 10 and text[2] == "." and text[5] == ".":
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))
    return date.fromisoformat(text)


def _local_moment(spec: FieldSpec, raw: Any) -> datetime:
    """A mission-local date and time: "YYYY-MM-DDTHH:MM" (or with a space); no time zone."""
    if isinstance(raw, datetime):
        moment = raw
    else:
        text = str(raw).strip()
        try:
            # As the officer writes it (dd.mm.yyyy HH:MM) or as stored (ISO).
            moment = (
                datetime.strptime(text, "%d.%m.%Y %H:%M")
                if len(text) == 16 and text[2] == "."
                else datetime.fromisoformat(text)
            )
        except ValueError as exc:
            raise WorkflowError(
                "field_datetime", M_FIELD_DATETIME.format(field=spec.label)
            ) from exc
        if len(str(raw).strip()) <= 10:  # a date alone is not a time
            raise WorkflowError("field_datetime", M_FIELD_DATETIME.format(field=spec.label))
    if moment.tzinfo is not None:
        raise WorkflowError("field_datetime", M_FIELD_DATETIME.format(field=spec.label))
    return moment.replace(second=0, microsecond=0)


def _date(data: Mapping[str, Any], name: str) -> date | None:
    raw = data.get(name)
    return date.fromisoformat(raw) if isinstance(raw, str) and raw else None


def decide(
    state: CaseState,
    action: Action,
    data: Mapping[str, Any],
    actor: Actor,
    at: datetime,
    *,
    local_today: date,
    checklist: ChecklistStatus | None = None,
    calendar: WorkingCalendar | None = None,
    questionnaire_issues: Sequence[Issue] | None = None,
) -> Event:
    """Check one step and return the event that records it (nothing is stored here).

    `local_today` is the mission's date at `at`; `on` defaults to it. `checklist` and the
    Annex 1 `questionnaire_issues` are needed for §4 acceptance (and the checklist for the §5
    refusal); with the mission's `calendar`, "no objection" cannot be recorded while the
    applicant's §11 objection term still runs (unless waived in writing), the hearing must
    fall on a working day within that term, and a complaint satisfied after 3 working days
    must be forwarded (§16).
    """
    t = TRANSITIONS[action]
    if not (actor.roles & t.roles):
        roles = join([ROLE_TITLES[r] for r in sorted(t.roles)])
        held = join([ROLE_TITLES[r] for r in sorted(actor.roles)]) if actor.roles else "-"
        raise WorkflowError("role", M_ROLE.format(action=t.title, roles=roles, role=held))
    if not _source_ok(t, state.stage):
        stage = STAGE_TITLES[state.stage]
        message = (
            M_ILLEGAL_SINCE.format(action=t.title, stage=stage, since=state.last_on)
            if state.last_on is not None
            else M_ILLEGAL.format(action=t.title, stage=stage)
        )
        raise WorkflowError("illegal", message)
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("event moments must be aware (UTC)")
    if state.last_at is not None and at < state.last_at:
        raise ClockSetBackError(at, state.last_at, calendar.zone if calendar else None)
    given = dict(data)
    if any(f.name == "on" for f in t.fields) and not given.get("on"):
        given["on"] = local_today.isoformat()
    clean = _clean(t, given)
    for name, value in clean.items():
        spec = next(f for f in t.fields if f.name == name)
        if spec.kind is FieldKind.DATE and date.fromisoformat(value) > local_today:
            raise WorkflowError(
                "future",
                M_FUTURE.format(field=spec.label, day=date.fromisoformat(value), today=local_today),
            )
    on = _date(clean, "on")
    if (
        on is not None
        and state.last_on is not None
        and on < state.last_on
        and action not in (COMPLAINT_ACTIONS)
    ):
        raise WorkflowError(
            "before_previous",
            M_BEFORE_PREVIOUS.format(field=F_ON.label, day=on, previous=state.last_on),
        )
    if action is Action.RECORD_NO_OBJECTION:
        waiver = _date(clean, "waiver_on")
        if waiver is not None and on is not None and waiver > on:
            raise WorkflowError("waiver_after", M_WAIVER_AFTER.format(day=waiver))
        delivered = state.draft_delivered_on or state.draft_sent_on
        if calendar is not None and on is not None and delivered is not None and waiver is None:
            last_day = objection_term_end(delivered, calendar)
            if on <= last_day:
                raise WorkflowError("objection_term", M_OBJECTION_TERM.format(due=last_day))
    elif action is Action.SEND_PRELIMINARY_REFUSAL:
        _check_hearing(clean, calendar)
    if action is Action.ACCEPT:
        if checklist is None:
            raise WorkflowError("no_checklist", M_NO_CHECKLIST)
        if questionnaire_issues is None:
            raise WorkflowError("no_questionnaire", M_NO_QUESTIONNAIRE)
        _check_acceptance(checklist, questionnaire_issues)
        if not actor.full_name.strip():
            raise WorkflowError("officer_name", M_OFFICER_NAME)
        # §4: the mark carries the date and the full name of the person who accepted.
        clean["accepted_by"] = actor.full_name.strip()
        clean["checklist"] = checklist.summary()
    elif action is Action.REFUSE_ACCEPTANCE:
        if checklist is None:
            raise WorkflowError("no_checklist", M_NO_CHECKLIST)
        if checklist.complete:
            raise WorkflowError("complete", M_COMPLETE_NO_REFUSAL)
        # §5: the refusal records what was missing and what had expired.
        clean["checklist"] = checklist.summary()
        clean["refused_by"] = actor.full_name.strip()
    elif action is Action.REGISTER_COMPLAINT:
        clean.setdefault("registered_on", clean["received_on"])
        clean["complaint_id"] = f"C{len(state.complaints) + 1}"
    elif action in COMPLAINT_ACTIONS:
        _check_complaint_step(state, action, clean, calendar)
    return Event(kind=action.value, at=at, officer_id=actor.officer_id, data=clean)


def objection_term_end(delivered: date, calendar: WorkingCalendar) -> date:
    """§11: the last day the applicant may object ("алдын ала шешімді алған күннен бастап
    2 (екі) жұмыс күнінен кешіктірілмейтін мерзімде")."""
    return calendar.add_working_days(delivered, OBJECTION_WORKING_DAYS)


def _check_acceptance(checklist: ChecklistStatus, issues: Sequence[Issue]) -> None:
    """§4: the questionnaire without errors (confirmed warnings are fine) and the set complete;
    one list of everything that is missing, by the form's labels."""
    questionnaire = [acceptance.describe(i) for i in acceptance.blockers(issues)]
    documents = [_item_line(checklist, k, M_MISSING_ITEM) for k in checklist.missing] + [
        _item_line(checklist, k, M_EXPIRED_ITEM) for k in checklist.expired
    ]
    if not questionnaire and not documents:
        return
    parts: list[Text] = []
    if questionnaire:
        parts.append(acceptance.listing(M_QUESTIONNAIRE, questionnaire))
    if documents:
        parts.append(acceptance.listing(M_INCOMPLETE, documents))
    message = Text(*("\n\n".join(p.get(lang) for p in parts) for lang in ("kk", "ru", "en")))
    code = "questionnaire" if questionnaire else "incomplete"
    raise WorkflowError(code, message, tuple(questionnaire + documents))


def _item_line(checklist: ChecklistStatus, key: str, template: Text) -> Text:
    entry = checklist.entry(key)
    label = entry.item.label
    if entry.item.subject and entry.item.subject not in label.en:
        label = Text(*(f"{label.get(lg)} ({entry.item.subject})" for lg in ("kk", "ru", "en")))
    if template is M_EXPIRED_ITEM:
        return M_EXPIRED_ITEM.format(item=label, on=entry.state.expires_on)
    return template.format(label=label)


def _check_hearing(data: Mapping[str, Any], calendar: WorkingCalendar | None) -> None:
    """§11: the hearing on a working day of the mission, not before the applicant has the
    notice, and within the 2-working-day objection term (the hearing is where the applicant
    expresses a position on the preliminary decision, which that term bounds)."""
    hearing = datetime.fromisoformat(str(data["hearing_at"])).date()
    delivered = _date(data, "delivered_on") or _date(data, "on")
    assert delivered is not None
    if hearing < delivered:
        raise WorkflowError(
            "hearing_before_notice",
            M_HEARING_BEFORE_NOTICE.format(day=hearing, delivered=delivered),
        )
    if calendar is None:
        return
    if not calendar.is_working_day(hearing):
        raise WorkflowError("hearing_day_off", M_HEARING_DAY_OFF.format(day=hearing))
    due = objection_term_end(delivered, calendar)
    if hearing > due:
        raise WorkflowError(
            "hearing_after_term",
            M_HEARING_AFTER_OBJECTION_TERM.format(day=hearing, due=due),
        )


def advisories(state: CaseState, event: Event, calendar: WorkingCalendar) -> list[Text]:
    """Warnings a step earns without being refused, where the Rules can be read two ways.

    §11 "Тыңдау туралы хабарлама мемлекеттік қызмет көрсету мерзімі аяқталардан кемі 3 (үш)
    жұмыс күні бұрын жіберіледі" speaks of the notice; the hearing itself is also expected
    by then (docs/rules.md), so a later hearing is warned about, not refused."""
    out: list[Text] = []
    if event.kind == Action.SEND_PRELIMINARY_REFUSAL.value and state.accepted_on is not None:
        end = add_months(state.accepted_on, 3)
        latest = calendar.add_working_days(end, -HEARING_BEFORE_END_WORKING_DAYS)
        hearing = datetime.fromisoformat(str(event.data["hearing_at"])).date()
        if hearing > latest:
            out.append(M_HEARING_NEAR_TERM_END.format(day=hearing, end=end, latest=latest))
    return out


M_IRREGULAR_REFUSAL = Text(
    "Тұрақсыз іс: бас тарту алдын ала бас тартусыз және тыңдаусыз жазылған (11-тармақ, "
    "05.12.2025 редакциясы). Іс өзгертілмеді; оны тексеріңіз.",
    "Нерегулярное дело: отказ записан без предварительного отказа и заслушивания (п. 11 в "
    "ред. от 05.12.2025). Дело не изменено; проверьте его.",
    "Irregular case: a refusal was recorded without a preliminary refusal and the hearing "
    "(§11 as amended on 05.12.2025). The case was not changed; check it.",
)


def irregularities(state: CaseState) -> list[Text]:
    """What an older store let through that the Rules now forbid; shown, never changed."""
    out: list[Text] = []
    if (
        state.refusal_notice_on is not None or state.refusal_sent_on is not None
    ) and state.preliminary_notice_on is None:
        out.append(M_IRREGULAR_REFUSAL)
    return out


class ClockSetBackError(WorkflowError):
    """The workstation clock is behind the last recorded event (§12 terms depend on it)."""

    def __init__(self, at: datetime, last: datetime, zone: ZoneInfo | None = None) -> None:
        super().__init__(
            "clock_set_back",
            M_CLOCK_BACK.format(at=mission_local(at, zone), last=mission_local(last, zone)),
        )
        self.at = at
        self.last = last


def _check_complaint_step(
    state: CaseState,
    action: Action,
    data: Mapping[str, Any],
    calendar: WorkingCalendar | None = None,
) -> None:
    c = state.complaint(str(data["complaint_id"]))
    allowed: dict[Action, frozenset[ComplaintStage]] = {
        Action.SATISFY_COMPLAINT: frozenset({ComplaintStage.REGISTERED}),
        Action.FORWARD_COMPLAINT: frozenset({ComplaintStage.REGISTERED}),
        Action.RECORD_COMPLAINT_OUTCOME: frozenset(
            {ComplaintStage.REGISTERED, ComplaintStage.FORWARDED}
        ),
    }
    if c.stage not in allowed[action]:
        if action is Action.SATISFY_COMPLAINT and c.stage is ComplaintStage.FORWARDED:
            raise WorkflowError("complaint_forwarded", M_COMPLAINT_SATISFY_LATE)
        raise WorkflowError(
            "complaint_stage",
            M_COMPLAINT_STAGE.format(id=c.complaint_id, stage=COMPLAINT_STAGE_TITLES[c.stage]),
        )
    on = _date(data, "on")
    if on is not None and on < c.received_on:
        raise WorkflowError(
            "before_previous",
            M_BEFORE_PREVIOUS.format(field=F_ON.label, day=on, previous=c.received_on),
        )
    if action is Action.SATISFY_COMPLAINT and calendar is not None and on is not None:
        # §16: "егер үш жұмыс күні ішінде ... толық қанағаттандыратын шешім ... қабылдаса,
        # шағымды ... жібермеуге құқылы": only within 3 working days of receipt.
        due = calendar.add_working_days(c.received_on, COMPLAINT_SATISFY_WORKING_DAYS)
        if on > due:
            raise WorkflowError(
                "complaint_satisfy_late",
                M_COMPLAINT_SATISFY_AFTER_TERM.format(received=c.received_on, due=due),
            )


# --- replay -----------------------------------------------------------------------------------


WORKFLOW_KINDS = frozenset(a.value for a in Action)


def apply(state: CaseState, event: Event) -> CaseState:
    """The state after one stored event (trusted: `decide` checked it when it was made).

    Events of other kinds (the case opened, the questionnaire edited, a scan added) only move
    the case's latest moment forward: they are steps too, but not of the procedure.
    """
    if event.kind not in WORKFLOW_KINDS:
        return replace(state, last_at=max(event.at, state.last_at or event.at))
    action = Action(event.kind)
    t = TRANSITIONS[action]
    data = event.data
    on = _date(data, "on")
    changes: dict[str, Any] = {"last_at": max(event.at, state.last_at or event.at)}
    if t.target is not None:
        changes["stage"] = t.target
        if on is not None:
            changes["last_on"] = max(on, state.last_on or on)
    match action:
        case Action.ACCEPT:
            checklist = data.get("checklist", {})
            changes.update(
                accepted_on=on,
                accepted_by=str(data.get("accepted_by", "")),
                ruleset=checklist.get("ruleset") if isinstance(checklist, Mapping) else None,
            )
        case Action.RESUBMIT:
            changes["last_on"] = state.last_on
        case Action.RECORD_BURKIT:
            changes["burkit_on"] = on
        case Action.FORWARD:
            changes["forwarded_on"] = on
        case Action.RECORD_PERMISSION:
            changes["permission_notice_on"] = on
            changes["decision"] = dict(data)
            if isinstance(data.get("journal_number"), int):
                changes["journal_number"] = data["journal_number"]
                changes["journal_year"] = data.get("journal_year")
        case Action.RECORD_PRELIMINARY_REFUSAL:
            changes["preliminary_notice_on"] = on
            changes["decision"] = dict(data)
        case Action.RECORD_REFUSAL:
            changes["refusal_notice_on"] = on
            changes["decision"] = dict(data)
        case Action.SEND_PRELIMINARY_REFUSAL:
            changes["draft_sent_on"] = on
            changes["draft_delivered_on"] = _date(data, "delivered_on") or on
        case Action.RECORD_OBJECTION:
            changes["objection_on"] = on
        case Action.RECORD_NO_OBJECTION:
            changes["no_objection_on"] = on
        case Action.FORWARD_OBJECTION:
            changes["objection_forwarded_on"] = on
        case Action.SEND_REASONED_REFUSAL:
            changes["refusal_sent_on"] = on
        case Action.ISSUE_NOTIFICATION:
            changes["notification_issued_on"] = on
        case Action.HAND_OVER:
            changes["handed_over_on"] = on
        case Action.CLOSE:
            changes["closed_on"] = on or state.last_on
        case Action.WITHDRAW:
            changes["withdrawn_on"] = on
        case Action.REGISTER_COMPLAINT:
            received = _date(data, "received_on")
            assert received is not None
            complaint = Complaint(
                complaint_id=str(data["complaint_id"]),
                received_on=received,
                registered_on=_date(data, "registered_on") or received,
                against=str(data.get("against", "")),
                addressee=ComplaintAddressee(data["addressee"]),
            )
            changes["complaints"] = (*state.complaints, complaint)
        case Action.SATISFY_COMPLAINT | Action.FORWARD_COMPLAINT | Action.RECORD_COMPLAINT_OUTCOME:
            changes["complaints"] = tuple(
                _apply_complaint(c, action, data) if c.complaint_id == data["complaint_id"] else c
                for c in state.complaints
            )
    return replace(state, **changes)


def _apply_complaint(c: Complaint, action: Action, data: Mapping[str, Any]) -> Complaint:
    on = _date(data, "on")
    if action is Action.SATISFY_COMPLAINT:
        return replace(c, stage=ComplaintStage.SATISFIED, satisfied_on=on)
    if action is Action.FORWARD_COMPLAINT:
        return replace(c, stage=ComplaintStage.FORWARDED, forwarded_on=on)
    return replace(
        c,
        stage=ComplaintStage.DECIDED,
        decided_on=on,
        outcome=ComplaintOutcome(data["outcome"]),
    )


def replay(events: Iterable[Event]) -> CaseState:
    state = CaseState()
    for event in events:
        state = apply(state, event)
    return state


def step(
    state: CaseState,
    action: Action,
    data: Mapping[str, Any],
    actor: Actor,
    at: datetime,
    *,
    local_today: date,
    checklist: ChecklistStatus | None = None,
    calendar: WorkingCalendar | None = None,
    questionnaire_issues: Sequence[Issue] | None = None,
) -> tuple[CaseState, Event]:
    """`decide` then `apply`: the new state and the event to store."""
    event = decide(
        state,
        action,
        data,
        actor,
        at,
        local_today=local_today,
        checklist=checklist,
        calendar=calendar,
        questionnaire_issues=questionnaire_issues,
    )
    return apply(state, event), event


def utc(moment: datetime) -> datetime:
    """Normalise an aware moment to UTC (the events table stores UTC)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC)
