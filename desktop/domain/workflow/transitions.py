"""The transitions table: which step is allowed from which stage, to which stage, by whom,
under which paragraph, with which fields, and which date of the case it records.

One row per step; the titles the officer reads are in `STEP_TITLES` below the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.i18n import Text
from desktop.domain.workflow.actions import Action, Role
from desktop.domain.workflow.fields import (
    F_ADDRESSEE,
    F_AGAINST,
    F_BODY,
    F_CHANNEL,
    F_COMPLAINT,
    F_DECISION_DATE,
    F_DECISION_NO,
    F_DELIVERED_ON,
    F_DEPARTMENT,
    F_DEPARTMENT_RU,
    F_GROUND,
    F_GROUND_OPTIONAL,
    F_HEARING_AT,
    F_HEARING_PLACE,
    F_NOTE,
    F_NOTIFICATION_NO,
    F_ON,
    F_OUTCOME,
    F_PACKAGE_REFERENCE,
    F_REASON,
    F_REASONS,
    F_RECEIVED_ON,
    F_REFERENCE,
    F_REGISTERED_ON,
    F_SUMMARY,
    F_WAIVER_ON,
    F_WAY,
    FieldSpec,
)
from desktop.domain.workflow.stages import TERMINAL, Stage


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    sources: frozenset[Stage] | None  # None: any stage but the terminal ones
    target: Stage | None  # None: the stage does not change (complaints)
    roles: frozenset[Role]
    paragraph: str
    fields: tuple[FieldSpec, ...]
    title: Text
    records: str | None = None  # the date of `CaseState` the step's `on` sets


A, S = Action, Stage
_DESK = frozenset({Role.OFFICER})
_CONSUL = frozenset({Role.CONSUL})  # §10: signature and seal of a consular official

# The fields of each kind of step.
_ON = (F_ON, F_NOTE)
_BURKIT = (F_ON, F_REFERENCE, F_NOTE)
_SENT = (F_ON, F_PACKAGE_REFERENCE, F_NOTE)
_PERMISSION = (
    F_ON,
    F_DEPARTMENT,
    F_DEPARTMENT_RU,
    F_DECISION_NO,
    F_DECISION_DATE,
    F_CHANNEL,
    F_NOTE,
)
_REFUSAL = (
    F_ON,
    F_DEPARTMENT,
    F_DECISION_NO,
    F_DECISION_DATE,
    F_CHANNEL,
    F_GROUND_OPTIONAL,
    F_REASONS,
    F_NOTE,
)
_HEARING = (F_ON, F_HEARING_AT, F_HEARING_PLACE, F_DELIVERED_ON, F_NOTE)
_OBJECTION = (F_ON, F_SUMMARY, F_NOTE)
_NO_OBJECTION = (F_ON, F_WAIVER_ON, F_NOTE)
_REASONED = (F_ON, F_GROUND, F_REASONS, F_NOTE)
_ISSUE = (F_ON, F_NOTIFICATION_NO, F_NOTE)
_HANDOVER = (F_ON, F_WAY, F_NOTE)
_WITHDRAW = (F_ON, F_REASON)
_COMPLAINT = (F_RECEIVED_ON, F_REGISTERED_ON, F_AGAINST, F_ADDRESSEE, F_NOTE)
_SATISFY = (F_COMPLAINT, F_ON, F_NOTE)
_FORWARD_COMPLAINT = (F_COMPLAINT, F_ON, F_BODY, F_NOTE)
_OUTCOME = (F_COMPLAINT, F_ON, F_OUTCOME, F_NOTE)

_Row = tuple[Action, Iterable[Stage] | None, Stage | None, str, tuple[FieldSpec, ...], str | None]

# One row per step: the action, the stages it may start from (None: any but the terminal
# ones), the stage it leads to (None: unchanged), its paragraph, its fields, and the date of
# the case it records. Every step is an officer's but the Annex 4 notification, which a
# consular official signs and seals (§10): see `_ROLES`.
# fmt: off
_TABLE: tuple[_Row, ...] = (
    (A.ACCEPT,                     {S.DRAFT},                S.ACCEPTED,            "§4",  _ON,      "accepted_on"),
    (A.REFUSE_ACCEPTANCE,          {S.DRAFT},                S.REFUSED_ACCEPTANCE,  "§5",  _ON,      None),
    (A.RESUBMIT,                   {S.REFUSED_ACCEPTANCE},   S.DRAFT,               "§3",  (F_NOTE,), None),
    (A.RECORD_BURKIT,              {S.ACCEPTED},             S.BURKIT_ENTERED,      "§6",  _BURKIT,  "burkit_on"),
    (A.FORWARD,                    {S.BURKIT_ENTERED},       S.FORWARDED,           "§7",  _SENT,    "forwarded_on"),
    (A.RECORD_PERMISSION,          {S.FORWARDED, S.OBJECTION_FORWARDED},
                                                             S.PERMITTED,           "§10", _PERMISSION, "permission_notice_on"),
    (A.RECORD_PRELIMINARY_REFUSAL, {S.FORWARDED},            S.PRELIMINARY_REFUSAL, "§11", _REFUSAL, "preliminary_notice_on"),
    # §11 (05.12.2025): the police refuse only preliminarily; a final refusal comes only after
    # the objection was reviewed ("қарсылықтары бар материалдарды қарағаннан кейін бас тартқан
    # жағдайда").
    (A.RECORD_REFUSAL,             {S.OBJECTION_FORWARDED},  S.REFUSED,             "§11", _REFUSAL, "refusal_notice_on"),
    (A.SEND_PRELIMINARY_REFUSAL,   {S.PRELIMINARY_REFUSAL},  S.HEARING_NOTIFIED,    "§11", _HEARING, "draft_sent_on"),
    (A.RECORD_OBJECTION,           {S.HEARING_NOTIFIED},     S.OBJECTION_RECEIVED,  "§11", _OBJECTION, "objection_on"),
    (A.RECORD_NO_OBJECTION,        {S.HEARING_NOTIFIED},     S.NO_OBJECTION,        "§11", _NO_OBJECTION, "no_objection_on"),
    (A.FORWARD_OBJECTION,          {S.OBJECTION_RECEIVED},   S.OBJECTION_FORWARDED, "§11", _SENT,    "objection_forwarded_on"),
    (A.SEND_REASONED_REFUSAL,      {S.NO_OBJECTION, S.REFUSED},
                                                             S.REFUSAL_SENT,        "§11, §15", _REASONED, "refusal_sent_on"),
    (A.ISSUE_NOTIFICATION,         {S.PERMITTED},            S.NOTIFICATION_ISSUED, "§10", _ISSUE,   "notification_issued_on"),
    (A.HAND_OVER,                  {S.NOTIFICATION_ISSUED},  S.HANDED_OVER,         "§10", _HANDOVER, "handed_over_on"),
    (A.CLOSE,                      {S.HANDED_OVER, S.REFUSAL_SENT, S.REFUSED_ACCEPTANCE},
                                                             S.CLOSED,              "§12", (F_NOTE,), "closed_on"),
    (A.WITHDRAW,                   None,                     S.WITHDRAWN,           "§3",  _WITHDRAW, "withdrawn_on"),
    # §16: complaints ride on the case and do not move its stage.
    (A.REGISTER_COMPLAINT,         None,                     None,                  "§16", _COMPLAINT, None),
    (A.SATISFY_COMPLAINT,          None,                     None,                  "§16", _SATISFY, None),
    (A.FORWARD_COMPLAINT,          None,                     None,                  "§16", _FORWARD_COMPLAINT, None),
    (A.RECORD_COMPLAINT_OUTCOME,   None,                     None,                  "§16", _OUTCOME, None),
)
# fmt: on
_ROLES: dict[Action, frozenset[Role]] = {A.ISSUE_NOTIFICATION: _CONSUL}


def _t(kk: str, ru: str, en: str) -> Text:
    return Text(kk, ru, en)


STEP_TITLES: dict[Action, Text] = {
    A.ACCEPT: _t("Құжаттарды қабылдау", "Принять документы", "Accept the documents"),
    A.REFUSE_ACCEPTANCE: _t("Қабылдаудан бас тарту", "Отказать в приеме", "Refuse to accept"),
    A.RESUBMIT: _t("Қайта тапсыру", "Повторная подача", "Resubmission"),
    A.RECORD_BURKIT: _t("«Бүркіт»-ке енгізілді", "Внесено в «Бүркіт»", "Entered into Bürkit"),
    A.FORWARD: _t(
        "Департамент арқылы жіберілді", "Направлено через Департамент", "Sent via the Department"
    ),
    A.RECORD_PERMISSION: _t(
        "Рұқсат туралы хабарлама", "Уведомление о разрешении", "Notice of permission"
    ),
    A.RECORD_PRELIMINARY_REFUSAL: _t(
        "Алдын ала бас тарту", "Предварительный отказ", "Preliminary refusal"
    ),
    A.RECORD_REFUSAL: _t(
        "Бас тарту туралы хабарлама", "Уведомление об отказе", "Notice of refusal"
    ),
    A.SEND_PRELIMINARY_REFUSAL: _t(
        "Алдын ала шешім жобасы мен тыңдау туралы хабарлама жіберілді",
        "Направлены проект предварительного решения и уведомление о заслушивании",
        "Draft preliminary refusal and hearing notice sent",
    ),
    A.RECORD_OBJECTION: _t("Қарсылық алынды", "Получено возражение", "Objection received"),
    A.RECORD_NO_OBJECTION: _t("Қарсылық жоқ", "Возражений нет", "No objection"),
    A.FORWARD_OBJECTION: _t("Қарсылық жіберілді", "Возражение направлено", "Objection forwarded"),
    A.SEND_REASONED_REFUSAL: _t(
        "Дәлелді бас тарту жіберілді", "Направлен мотивированный отказ", "Reasoned refusal sent"
    ),
    A.ISSUE_NOTIFICATION: _t(
        "4-қосымша хабарламасы ресімделді",
        "Оформлено уведомление (прил. 4)",
        "Annex 4 notification issued",
    ),
    A.HAND_OVER: _t("Хабарлама табысталды", "Уведомление вручено", "Notification handed over"),
    A.CLOSE: _t("Істі жабу", "Закрыть дело", "Close the case"),
    A.WITHDRAW: _t(
        "Өтініш кері қайтарып алынды", "Заявление отозвано", "Withdrawn by the applicant"
    ),
    A.REGISTER_COMPLAINT: _t("Шағым тіркелді", "Жалоба зарегистрирована", "Complaint registered"),
    A.SATISFY_COMPLAINT: _t(
        "Шағым толық қанағаттандырылды",
        "Жалоба полностью удовлетворена",
        "Complaint fully satisfied",
    ),
    A.FORWARD_COMPLAINT: _t("Шағым жіберілді", "Жалоба направлена", "Complaint forwarded"),
    A.RECORD_COMPLAINT_OUTCOME: _t("Шағым бойынша шешім", "Решение по жалобе", "Complaint decided"),
}

TRANSITIONS: dict[Action, Transition] = {
    action: Transition(
        action,
        None if sources is None else frozenset(sources),
        target,
        _ROLES.get(action, _DESK),
        paragraph,
        fields,
        STEP_TITLES[action],
        records,
    )
    for action, sources, target, paragraph, fields, records in _TABLE
}

COMPLAINT_ACTIONS = frozenset(
    {
        Action.REGISTER_COMPLAINT,
        Action.SATISFY_COMPLAINT,
        Action.FORWARD_COMPLAINT,
        Action.RECORD_COMPLAINT_OUTCOME,
    }
)


def source_ok(t: Transition, stage: Stage) -> bool:
    """Whether step `t` may be taken from `stage`."""
    if t.action in COMPLAINT_ACTIONS:
        # §16: a decision, action or inaction can be complained of at any time, also after
        # the case was closed (a complaint about the reasoned refusal).
        return True
    if t.sources is None:
        return stage not in TERMINAL and not (
            t.action is Action.WITHDRAW and stage in {Stage.HANDED_OVER, Stage.REFUSAL_SENT}
        )
    return stage in t.sources


def actions_at(stage: Stage, roles: frozenset[Role]) -> list[Action]:
    """The steps a person holding `roles` can take at `stage` (the desk's action buttons)."""
    return [
        action
        for action, t in TRANSITIONS.items()
        if roles & t.roles and action not in COMPLAINT_ACTIONS and source_ok(t, stage)
    ]
