"""The refusals of the procedure services: `ProcedureError` (a step the Rules or the case do
not allow) and `ClockSetBack` (the workstation clock behind the newest event)."""

from __future__ import annotations

from datetime import datetime

from desktop.domain.calendar import mission_local
from desktop.domain.i18n import Text
from desktop.services.errors import KnownError


class ProcedureError(KnownError):
    """A step the Rules or the case do not allow (wraps the domain's `WorkflowError`);
    `items` lists what is missing, one line each, for a dialog to show as a list."""

    def __init__(self, message: Text, code: str, items: tuple[Text, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.items = items


class ClockSetBack(KnownError):
    """The workstation clock is behind the newest stored event."""

    def __init__(self, now: datetime, last: datetime, zone: str = "") -> None:
        super().__init__(
            Text(
                "Компьютер сағаты кері жылжытылған: қазір {now}, бірақ соңғы оқиға {last}. "
                "Сағатты түзетіңіз; ештеңе жазылмады, мерзімдер өзгермеді.",
                "Часы компьютера переведены назад: сейчас {now}, а последнее событие {last}. "
                "Исправьте часы; ничего не записано, сроки не изменены.",
                "The workstation clock has been set back: it says {now}, but the last event "
                "is {last}. Fix the clock; nothing was written and no deadline changed.",
            ).format(now=mission_local(now, zone), last=mission_local(last, zone))
        )
        self.now = now
        self.last = last


M_NO_ACCEPTANCE = Text(
    "{case}: құжаттар қабылданбаған да, қабылдаудан бас тартылмаған да",
    "{case}: документы не приняты, и в приеме не отказано",
    "{case}: neither accepted nor refused",
)


M_FROZEN = Text(
    "Құжаттар қабылданғаннан кейін тізбені өзгертуге болмайды (4-тармақ)",
    "После приема документов перечень не меняется (п. 4)",
    "The checklist cannot change after the documents were accepted (§4)",
)
M_DUPLICATE = Text(
    "Осы ЖСН бойынша ашық іс бар: {numbers}",
    "По этому ИИН уже есть открытое дело: {numbers}",
    "This IIN already has an open case: {numbers}",
)
M_CALENDAR_CHANGED = Text(
    "Күнтізбе өзгерді: {count} қайта есептелді",
    "Календарь изменен: пересчитано сроков: {n}",
    "The calendar changed: {count} recomputed",
)
