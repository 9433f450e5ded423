"""Who acts (roles), the steps they take (actions) and the choices the step forms offer."""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.i18n import Text


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
