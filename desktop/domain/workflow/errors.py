"""The workflow's refusals: `WorkflowError` and the messages it carries (kk/ru/en)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.domain.calendar import mission_local
from desktop.domain.i18n import Text


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


class ClockSetBackError(WorkflowError):
    """The workstation clock is behind the last recorded event (§12 terms depend on it)."""

    def __init__(self, at: datetime, last: datetime, zone: ZoneInfo | None = None) -> None:
        super().__init__(
            "clock_set_back",
            M_CLOCK_BACK.format(at=mission_local(at, zone), last=mission_local(last, zone)),
        )
        self.at = at
        self.last = last
