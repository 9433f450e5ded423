"""What every handout shares: its errors and results, the case as printing reads it, and why a
form cannot be printed yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.documents.data import (
    PoliceDecision,
)
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError
from desktop.domain.workflow import (
    STAGE_TITLES,
    TRANSITIONS,
    Action,
    CaseState,
    Stage,
    replay,
)
from desktop.services import procedure
from desktop.services.errors import (
    KnownError,
    NotFound,
    StoreDamaged,
    case_ref,
)
from desktop.storage.models import (
    CaseRow,
)
from desktop.storage.uow import UnitOfWork

# A reprint of an issued notification: an event of its own (not a procedure step).
EVENT_REPRINT = "notification_reprinted"
# Stages at which the Annex 4 notification has been issued already (a print is a duplicate).
ISSUED_STAGES = frozenset({Stage.NOTIFICATION_ISSUED, Stage.HANDED_OVER, Stage.CLOSED})
AUDIT_ISSUED = "handouts.notification_issued"
AUDIT_DUPLICATE = "handouts.notification_duplicate"


class HandoutError(KnownError):
    """This handout cannot be printed now; the message says why, in one line."""

    def __init__(self, kk: str, ru: str, en: str) -> None:
        super().__init__(Text(kk, ru, en))


class NoSigningKey(KnownError):
    def __init__(self, login: str) -> None:
        super().__init__(
            Text(
                f"{login} үшін қол қою кілті орнатылмаған: `qonys handouts install-official P12`",
                f"Для {login} не установлен ключ подписи: `qonys handouts install-official P12`",
                f"no signing key installed for {login}: "
                "run `qonys handouts install-official FILE.p12` first",
            )
        )


@dataclass(frozen=True)
class IssuedHandout:
    """What a print produces: the PDF bytes, and for Annex 4 the seal text."""

    case_number: str
    pdf: bytes
    duplicate: bool = False
    seal_text: str = ""


@dataclass(frozen=True)
class OfficialInstalled:
    login: str
    subject: str
    serial: int
    not_after: datetime


# --- case data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CaseSnapshot:
    """The columns of a case row that printing needs, read inside the transaction."""

    number: str
    surname: str
    name: str
    patronymic: str
    birth_date: date | None
    questionnaire: dict[str, Any]
    version: int


@dataclass(frozen=True)
class _Case:
    row: _CaseSnapshot
    events: list[Any]
    state: CaseState

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.row.surname, self.row.name, self.row.patronymic) if p)


def _load(uow: UnitOfWork, case_id: int) -> _Case:
    row = uow.cases.get(case_id)
    if row is None:
        raise NotFound(case_ref(case_id))
    events = procedure.case_events(uow, case_id)
    snap = _CaseSnapshot(
        row.number,
        row.surname,
        row.name,
        row.patronymic,
        row.birth_date,
        dict(row.questionnaire),
        row.version,
    )
    return _Case(snap, events, replay(events))


def _questionnaire(row: CaseRow | _CaseSnapshot) -> Questionnaire:
    try:
        return Questionnaire.from_dict(row.questionnaire)
    except QuestionnaireFormatError as exc:
        raise StoreDamaged(f"case {row.number}: {exc}") from None


def _birth(case: _Case) -> date:
    if case.row.birth_date is None:
        raise HandoutError(
            f"{case.row.number}: туған күні жоқ",
            f"{case.row.number}: нет даты рождения",
            f"{case.row.number}: the questionnaire has no date of birth",
        )
    return case.row.birth_date


def _notification_printable(case: _Case) -> bool:
    """§10: after permission, or a reprint of a notification already issued."""
    stage = case.state.stage
    recorded = stage in ISSUED_STAGES and case.state.notification_issued_on is not None
    return stage is Stage.PERMITTED or recorded


# The handouts by name (accusative in Kazakh and Russian: «… басып шығаруға», «печатать …»),
# and what each needs first, for the message that says why one cannot be printed yet.
_FORMS: dict[str, tuple[Text, Text]] = {
    "notification": (
        Text(
            "4-қосымша бойынша хабарламаны", "уведомление по приложению 4", "Annex 4 notification"
        ),
        Text(
            "тек рұқсат туралы хабарлама алынғаннан кейін, 10-тармақ",
            "только после уведомления о разрешении, п. 10",
            "only after permission, §10",
        ),
    ),
    "receipt": (
        Text(
            "қабылданғаны туралы белгісі бар өтініш көшірмесін",
            "копию заявления с отметкой о принятии",
            "acceptance receipt",
        ),
        Text(
            "құжаттар қабылданбаған, 4-тармақ",
            "документы не приняты, п. 4",
            "the documents were not accepted, §4",
        ),
    ),
    "refusal": (
        Text("қабылдаудан бас тартуды", "отказ в приеме", "refusal to accept"),
        Text(
            "қабылдаудан бас тартылмаған, 5-тармақ",
            "в приеме не отказано, п. 5",
            "acceptance was not refused, §5",
        ),
    ),
    "hearing": (
        Text("тыңдау туралы хабарламаны", "уведомление о заслушивании", "hearing notice"),
        Text(
            "алдымен «{step}» қадамын тыңдау уақытымен жазыңыз, 11-тармақ",
            "сначала запишите шаг «{step}» со временем заслушивания, п. 11",
            "record '{step}' with the hearing first, §11",
        ),
    ),
    "child-notification": (
        Text(
            "баланың 4-қосымша бойынша хабарламасын",
            "уведомление ребенка по приложению 4",
            "child's Annex 4 notification",
        ),
        Text(
            "тек өтініш берушінің хабарламасынан кейін, 10-тармақ",
            "только после уведомления заявителя, п. 10",
            "only after the applicant's notification, §10",
        ),
    ),
    "reasoned-refusal": (
        Text("дәлелді бас тартуды", "мотивированный отказ", "reasoned refusal"),
        Text(
            "тек бас тартудан кейін, 11-тармақ",
            "только после отказа, п. 11",
            "only after a refusal, §11",
        ),
    ),
}


def _wrong_stage(case: _Case, form: str) -> HandoutError:
    name, needed = _FORMS[form]
    step = TRANSITIONS[Action.SEND_PRELIMINARY_REFUSAL].title
    message = Text(
        "{number}: «{stage}» кезеңінде {form} басып шығаруға болмайды ({needed})",
        "{number}: на этапе «{stage}» нельзя печатать {form} ({needed})",
        "{number}: cannot print the {form} at stage '{stage}' ({needed})",
    ).format(
        number=case.row.number,
        stage=STAGE_TITLES[case.state.stage],
        form=name,
        needed=needed.format(step=step),
    )
    return HandoutError(message.kk, message.ru, message.en)


def _decision(case: _Case, data: Mapping[str, Any] | None = None) -> PoliceDecision:
    d = data if data is not None else case.state.decision
    try:
        return PoliceDecision(
            department=str(d["police_department"]),
            number=str(d["decision_number"]),
            date=date.fromisoformat(str(d["decision_date"])),
            # Recorded by hand since issue 12 §16; older records and packages have none.
            department_ru=str(d.get("police_department_ru") or ""),
        )
    except (KeyError, ValueError):
        raise HandoutError(
            f"{case.row.number}: Полиция департаментінің шешімі жазылмаған",
            f"{case.row.number}: решение Департамента полиции не записано",
            f"{case.row.number}: the Police Department's decision is not recorded",
        ) from None


def _last_event(case: _Case, action: Action) -> Mapping[str, Any] | None:
    for e in reversed(case.events):
        if e.kind == action.value:
            return dict(e.data)
    return None


def _grounds(data: Mapping[str, Any]) -> tuple[int, ...]:
    ground = str(data.get("ground") or "").strip()
    return (int(ground),) if ground.isdigit() else ()
