"""The data a step takes: field kinds, the named fields of the step forms, their limits, and
`clean`, which checks and normalises what the desk or the command line gives."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desktop.domain.i18n import Text
from desktop.domain.workflow.actions import (
    CHOICE_TITLES,
    ComplaintAddressee,
    ComplaintOutcome,
    DecisionChannel,
    HandoverWay,
)
from desktop.domain.workflow.errors import (
    M_FIELD_CHOICE,
    M_FIELD_DATE,
    M_FIELD_DATETIME,
    M_FIELD_REQUIRED,
    M_FIELD_TOO_LONG,
    M_FIELD_UNKNOWN,
    WorkflowError,
)


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


def _text_field(name: str, label: Text, *, required: bool = True) -> FieldSpec:
    return FieldSpec(name, FieldKind.TEXT, label, required=required)


F_REFERENCE = _text_field(
    "reference", _t("«Бүркіт» нөмірі", "Номер в «Бүркіт»", "Bürkit reference")
)
F_PACKAGE_REFERENCE = _text_field(
    "package_reference", _t("Пакет нөмірі", "Номер пакета", "Package reference")
)
F_HEARING_AT = FieldSpec(
    "hearing_at",
    FieldKind.DATETIME,
    _t("Тыңдау күні мен уақыты", "Дата и время заслушивания", "Hearing date and time"),
)
F_HEARING_PLACE = _text_field(
    "hearing_place",
    _t("Тыңдау орны (тәсілі)", "Место (способ) заслушивания", "Hearing place or way"),
)
F_DELIVERED_ON = FieldSpec(
    "delivered_on",
    FieldKind.DATE,
    _t("Өтініш беруші алған күн", "Дата получения заявителем", "Received by the applicant on"),
    required=False,
)
F_SUMMARY = _text_field("summary", _t("Қарсылық", "Возражение", "Objection"))
F_WAIVER_ON = FieldSpec(
    "waiver_on",
    FieldKind.DATE,
    _t(
        "Қарсылық беруден жазбаша бас тартқан күні",
        "Дата письменного отказа от возражений",
        "Written waiver of objection dated",
    ),
    required=False,
)
F_NOTIFICATION_NO = _text_field(
    "notification_number",
    _t("Хабарлама нөмірі", "Номер уведомления", "Notification number"),
    required=False,
)
F_WAY = FieldSpec(
    "way",
    FieldKind.CHOICE,
    _t("Тәсілі", "Способ", "Way"),
    choices=tuple(w.value for w in HandoverWay),
)
F_REASON = _text_field("reason", _t("Себебі", "Причина", "Reason"), required=False)
F_RECEIVED_ON = FieldSpec(
    "received_on", FieldKind.DATE, _t("Түскен күні", "Дата поступления", "Received on")
)
F_REGISTERED_ON = FieldSpec(
    "registered_on",
    FieldKind.DATE,
    _t("Тіркелген күні", "Дата регистрации", "Registered on"),
    required=False,
)
F_AGAINST = _text_field("against", _t("Шағым неге", "На что жалоба", "Complaint against"))
F_ADDRESSEE = FieldSpec(
    "addressee",
    FieldKind.CHOICE,
    _t("Кімге", "Адресат", "Addressed to"),
    choices=tuple(a.value for a in ComplaintAddressee),
)
F_COMPLAINT = _text_field("complaint_id", _t("Шағым", "Жалоба", "Complaint"))
F_BODY = _text_field(
    "body", _t("Шағымды қарайтын орган", "Орган, рассматривающий жалобу", "Reviewing body")
)
F_OUTCOME = FieldSpec(
    "outcome",
    FieldKind.CHOICE,
    _t("Нәтиже", "Результат", "Outcome"),
    choices=tuple(o.value for o in ComplaintOutcome),
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


def clean(fields: Sequence[FieldSpec], data: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the data of a step: dates as ISO text, choices from their lists."""
    out: dict[str, Any] = {}
    known = {f.name for f in fields}
    for name in data:
        if name not in known:
            raise WorkflowError("field_unknown", M_FIELD_UNKNOWN.format(field=name))
    for spec in fields:
        raw = data.get(spec.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if spec.required:
                raise WorkflowError("field_required", M_FIELD_REQUIRED.format(field=spec.label))
            continue
        if spec.kind is FieldKind.DATETIME:
            out[spec.name] = local_moment(spec, raw).isoformat(timespec="minutes")
        elif spec.kind is FieldKind.DATE:
            if isinstance(raw, date) and not isinstance(raw, datetime):
                out[spec.name] = raw.isoformat()
            else:
                try:
                    out[spec.name] = parse_date(str(raw)).isoformat()
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


def parse_date(text: str) -> date:
    """A date as stored (ISO) or as the officer writes it (dd.mm.yyyy)."""
    text = text.strip()
    if len(text) == 10 and text[2] == "." and text[5] == ".":
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))
    return date.fromisoformat(text)


def local_moment(spec: FieldSpec, raw: Any) -> datetime:
    """A mission-local date and time: "YYYY-MM-DDTHH:MM" (or with a space); no time zone."""
    if isinstance(raw, datetime):
        moment = raw
    else:
        text = str(raw).strip()
        try:
            # As the officer writes it (dd.mm.yyyy HH:MM) or as stored (ISO).
            shown = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2})", text)
            if shown:  # a wall time of the mission: no zone by design
                text = f"{shown[3]}-{shown[2]}-{shown[1]} {shown[4]}"
            moment = datetime.fromisoformat(text)
        except ValueError as exc:
            raise WorkflowError(
                "field_datetime", M_FIELD_DATETIME.format(field=spec.label)
            ) from exc
        if len(str(raw).strip()) <= 10:  # a date alone is not a time
            raise WorkflowError("field_datetime", M_FIELD_DATETIME.format(field=spec.label))
    if moment.tzinfo is not None:
        raise WorkflowError("field_datetime", M_FIELD_DATETIME.format(field=spec.label))
    return moment.replace(second=0, microsecond=0)


def date_of(data: Mapping[str, Any], name: str) -> date | None:
    raw = data.get(name)
    return date.fromisoformat(raw) if isinstance(raw, str) and raw else None
