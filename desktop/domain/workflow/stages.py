"""The stages of a case (§4–§12) and the terms the workflow itself counts."""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.i18n import Text


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
