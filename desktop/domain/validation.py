"""Field-level validation of the Annex 1 questionnaire.

`validate` never raises: any questionnaire gives a list of issues, each with the path of the
field (`relatives[2].iin`), a stable code, a severity and a message in three languages. Errors
block saving a complete questionnaire; warnings are shown and may be confirmed by the officer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain import iin as iin_rules
from desktop.domain.codes import (
    EDUCATION,
    KINSHIP,
    MARITAL_STATUS,
    PURPOSE,
    RESIDENCE,
    SOCIAL_CATEGORY,
    SPECIALITY,
    CodeList,
)
from desktop.domain.dates import age_on
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Place, Questionnaire, Relative, Sex

ADULT_SECTIONS_AGE = 16  # Annex 1: "sections below are filled by persons aged 16 and over"
MAJORITY_AGE = 18
EMPLOYMENT_YEARS = 5  # item 18: "in the last 5 years"
EARLIEST_BIRTH = date(1900, 1, 1)

_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’\-.][^\W\d_]+)*\.?$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,22}[0-9]$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PASSPORT_RE = re.compile(r"^(?:N\d{8}|\d{9}|[A-Z0-9]{6,9})$")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    path: str
    code: str
    severity: Severity
    message: Text
    confirmed: bool = False

    @property
    def key(self) -> str:
        """The identity an officer's confirmation of a warning is stored under."""
        return f"{self.path}:{self.code}"


M_REQUIRED = Text("Толтыру міндетті", "Обязательное поле", "Required")
M_NAME = Text(
    "Тек әріптер, бос орын, дефис немесе апостроф",
    "Только буквы, пробел, дефис или апостроф",
    "Letters, spaces, hyphens or apostrophes only",
)
M_IIN_FORM = Text("ЖСН 12 цифрдан тұрады", "ИИН состоит из 12 цифр", "An IIN has 12 digits")
M_IIN_CHECK = Text(
    "ЖСН бақылау цифры дұрыс емес",
    "Неверная контрольная цифра ИИН",
    "The IIN check digit is wrong",
)
M_IIN_NEVER = Text(
    "Мұндай ЖСН берілмейді",
    "Такой ИИН не выдается",
    "No IIN is ever issued with these digits",
)
M_IIN_BIRTH = Text(
    "ЖСН туған күнге сәйкес келмейді ({iin_date}); тексеріп, растаңыз",
    "ИИН не совпадает с датой рождения ({iin_date}); проверьте и подтвердите",
    "The IIN does not match the date of birth ({iin_date}); check and confirm",
)
M_IIN_SEX = Text(
    "ЖСН жынысқа сәйкес келмейді; тексеріп, растаңыз",
    "ИИН не совпадает с полом; проверьте и подтвердите",
    "The IIN does not match the sex; check and confirm",
)
M_FUTURE = Text(
    "Күн болашақта болмауы керек",
    "Дата не может быть в будущем",
    "The date cannot be in the future",
)
M_TOO_OLD = Text("Күн тым ерте", "Слишком ранняя дата", "The date is too early")
M_BEFORE_BIRTH = Text(
    "Кету күні туған күннен ерте болмауы керек",
    "Дата выезда не может быть раньше даты рождения",
    "The departure cannot be before the birth",
)
M_PHONE = Text(
    "Телефон нөмірі: цифрлар, басында + болуы мүмкін",
    "Номер телефона: цифры, в начале может быть +",
    "Phone number: digits, optionally starting with +",
)
M_EMAIL = Text(
    "Электрондық пошта мекенжайы дұрыс емес",
    "Неверный адрес электронной почты",
    "Not a valid e-mail address",
)
M_CODE = Text(
    "Тізімнен мәнді таңдаңыз", "Выберите значение из списка", "Choose a value from the list"
)
M_UNDER_16 = Text(
    "13–16 бөлімдерді 16 жасқа толған адамдар ғана толтырады",
    "Разделы 13–16 заполняют только лица в возрасте 16 лет и старше",
    "Sections 13–16 are filled only by persons aged 16 and over",
)
M_NOT_MINOR = Text(
    "Бала өтініш күні кәмелетке толмаған болуы керек",
    "Ребенок должен быть несовершеннолетним на дату заявления",
    "The child must be a minor on the application date",
)
M_YEARS = Text(
    "Жылдар дұрыс емес (орналасқан ≤ босаған ≤ ағымдағы жыл)",
    "Неверные годы (поступление ≤ увольнение ≤ текущий год)",
    "Years are wrong (hired ≤ dismissed ≤ this year)",
)
M_OLD_JOB = Text(
    "Соңғы 5 жылдан бұрынғы жұмыс",
    "Работа ранее последних 5 лет",
    "A job that ended before the last 5 years",
)
M_BIRTH_YEAR = Text(
    "Туған жылы дұрыс емес", "Неверный год рождения", "Not a plausible year of birth"
)
M_PASSPORT = Text(
    "Паспорт нөмірі: N және 8 цифр (немесе шетелдік нөмір)",
    "Номер паспорта: N и 8 цифр (или иностранный номер)",
    "Passport number: N and 8 digits (or a foreign number)",
)
M_DECLARATION = Text(
    "Жалған деректер үшін жауапкершілік туралы ескерту расталмаған",
    "Не подтверждено предупреждение об ответственности за ложные данные",
    "The warning about liability for false data is not acknowledged",
)
M_CONSENT = Text(
    "Дербес деректерге қол жеткізуге келісім берілмеген",
    "Не дано согласие на доступ к персональным данным",
    "Consent to access personal data is not given",
)
M_APPLICATION_DATE = Text(
    "Өтініш күні туған күннен ерте болмауы керек",
    "Дата заявления не может быть раньше даты рождения",
    "The application date cannot be before the birth",
)


class _Collector:
    def __init__(self, confirmed: set[str]) -> None:
        self.issues: list[Issue] = []
        self._confirmed = confirmed

    def error(self, path: str, code: str, message: Text) -> None:
        self.issues.append(Issue(path, code, Severity.ERROR, message))

    def warning(self, path: str, code: str, message: Text) -> None:
        key = f"{path}:{code}"
        self.issues.append(Issue(path, code, Severity.WARNING, message, key in self._confirmed))

    def required(self, path: str, value: str) -> bool:
        if not value.strip():
            self.error(path, "required", M_REQUIRED)
            return False
        return True


def application_day(q: Questionnaire, today: date) -> date:
    """The day ages are counted on: the signed application date, else today."""
    return q.application_date or today


def applicant_age(q: Questionnaire, today: date) -> int | None:
    if q.birth_date is None:
        return None
    return age_on(q.birth_date, application_day(q, today))


def adult_sections_apply(q: Questionnaire, today: date) -> bool:
    """Sections 13–16 are for applicants aged 16 and over on the application date."""
    age = applicant_age(q, today)
    return age is not None and age >= ADULT_SECTIONS_AGE


def validate(q: Questionnaire, today: date) -> list[Issue]:
    out = _Collector(set(q.confirmed_warnings))
    on = application_day(q, today)
    _check_applicant(out, q, today)
    _check_departure(out, q, today)
    if q.application_date is not None:
        if q.application_date > today:
            out.error("application_date", "future", M_FUTURE)
        elif q.birth_date is not None and q.application_date < q.birth_date:
            out.error("application_date", "before_birth", M_APPLICATION_DATE)
    _check_place(out, "birth_place", q.birth_place, ("country", "settlement"))
    _check_place(out, "leaving_place", q.leaving_place, ("country", "region", "settlement"))
    out.required("destination_country", q.destination_country)
    out.required("destination_settlement", q.destination_settlement)
    _check_code(out, "purpose", q.purpose, PURPOSE, required=True)
    _check_adult_sections(out, q, today)
    for i, child in enumerate(q.children):
        _check_child(out, f"children[{i}]", child, today, on)
    for i, rel in enumerate(q.relatives):
        _check_relative(out, f"relatives[{i}]", rel, today)
    for i, job in enumerate(q.employment):
        _check_job(out, f"employment[{i}]", job.year_from, job.year_to, on)
        out.required(f"employment[{i}].organisation", job.organisation)
        out.required(f"employment[{i}].position", job.position)
        if job.state_secrets_clearance is None:
            out.error(f"employment[{i}].state_secrets_clearance", "required", M_REQUIRED)
    if not q.declaration_acknowledged:
        out.error("declaration_acknowledged", "required", M_DECLARATION)
    if not q.consent_given:
        out.error("consent_given", "required", M_CONSENT)
    _check_lengths(out, q, "")
    return out.issues


def _check_applicant(out: _Collector, q: Questionnaire, today: date) -> None:
    """The applicant's identity and contacts (sections 1-6 of Annex 1)."""
    _check_iin(out, "iin", q.iin, q.birth_date, q.sex, required=True)
    for name in ("surname", "name"):
        value = getattr(q, name)
        if out.required(name, value):
            _check_name(out, name, value)
    if q.patronymic.strip():
        _check_name(out, "patronymic", q.patronymic)
    _check_birth(out, "birth_date", q.birth_date, today)
    if q.sex is None:
        out.error("sex", "required", M_REQUIRED)
    out.required("citizenship", q.citizenship)
    out.required("nationality", q.nationality)
    out.required("contacts.address", q.contacts.address)
    if out.required("contacts.phone", q.contacts.phone) and not _PHONE_RE.match(
        q.contacts.phone.strip()
    ):
        out.error("contacts.phone", "format", M_PHONE)
    if q.contacts.email.strip() and not _EMAIL_RE.match(q.contacts.email.strip()):
        out.error("contacts.email", "format", M_EMAIL)


def _check_child(out: _Collector, path: str, child: Child, today: date, on: date) -> None:
    if out.required(f"{path}.full_name", child.full_name):
        _check_name(out, f"{path}.full_name", child.full_name)
    _check_iin(out, f"{path}.iin", child.iin, child.birth_date, child.sex, required=True)
    if _check_birth(out, f"{path}.birth_date", child.birth_date, today) and (
        child.birth_date is not None and age_on(child.birth_date, on) >= MAJORITY_AGE
    ):
        out.error(f"{path}.birth_date", "not_minor", M_NOT_MINOR)
    if child.sex is None:
        out.error(f"{path}.sex", "required", M_REQUIRED)
    number = child.passport_number.strip().upper()
    if number and not _PASSPORT_RE.match(number):
        out.error(f"{path}.passport_number", "format", M_PASSPORT)
    residence = child.other_representative_residence
    if residence and residence not in RESIDENCE:
        out.error(f"{path}.other_representative_residence", "code", M_CODE)


def _check_relative(out: _Collector, path: str, rel: Relative, today: date) -> None:
    if out.required(f"{path}.full_name", rel.full_name):
        _check_name(out, f"{path}.full_name", rel.full_name)
    if rel.iin.strip():
        _check_iin(out, f"{path}.iin", rel.iin.strip(), None, None, required=False)
    if not rel.kinship:
        out.error(f"{path}.kinship", "required", M_REQUIRED)
    elif rel.kinship not in KINSHIP:
        out.error(f"{path}.kinship", "code", M_CODE)
    if rel.birth_year is not None and not (1880 <= rel.birth_year <= today.year):
        out.error(f"{path}.birth_year", "range", M_BIRTH_YEAR)


# The longest text each questionnaire field takes: what fits its line on the Annex 1 form.
# Names and codes are short; addresses and workplaces run over a line or two. A field over
# its limit is an error with the code "too_long", which the services refuse to store.
TEXT_LIMITS: dict[str, int] = {
    "iin": 12,
    "surname": 100,
    "name": 100,
    "patronymic": 100,
    "full_name": 200,
    "passport_number": 20,
    "phone": 40,
    "email": 120,
    "address": 300,
    "country_and_address": 300,
    "organisation_address": 300,
    "marriage_registration_place": 300,
}
TEXT_LIMIT_DEFAULT = 200
ENTRY_LIMIT = 50  # children, relatives, jobs: rows of a table on the form
M_TOO_LONG = Text(
    "Тым ұзын: ең көбі {limit} таңба ({length} енгізілді)",
    "Слишком длинно: не более {limit} знаков (введено {length})",
    "Too long: at most {limit} characters ({length} given)",
)
M_TOO_MANY = Text(
    "Жолдар тым көп: ең көбі {limit}",
    "Слишком много строк: не более {limit}",
    "Too many rows: at most {limit}",
)


def _check_lengths(out: _Collector, value: object, path: str) -> None:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _check_lengths(out, getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, list | tuple):
        if len(value) > ENTRY_LIMIT and path != "confirmed_warnings":
            out.error(path, "too_long", M_TOO_MANY.format(limit=ENTRY_LIMIT))
        for i, item in enumerate(value[:ENTRY_LIMIT]):
            _check_lengths(out, item, f"{path}[{i}]")
    elif isinstance(value, str):
        name = path.rsplit(".", 1)[-1].split("[", 1)[0]
        limit = TEXT_LIMITS.get(name, TEXT_LIMIT_DEFAULT)
        if len(value) > limit:
            out.error(path, "too_long", M_TOO_LONG.format(limit=limit, length=len(value)))


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.ERROR]


def unconfirmed_warnings(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity is Severity.WARNING and not i.confirmed]


def _check_name(out: _Collector, path: str, value: str) -> None:
    if not _NAME_RE.match(value.strip()):
        out.error(path, "format", M_NAME)


def _check_iin(
    out: _Collector, path: str, value: str, birth: date | None, sex: Sex | None, *, required: bool
) -> None:
    value = value.strip()
    if not value:
        if required:
            out.error(path, "required", M_REQUIRED)
        return
    problem = iin_rules.problem(value)
    if problem is iin_rules.IinProblem.NOT_TWELVE_DIGITS:
        out.error(path, "format", M_IIN_FORM)
        return
    if problem is iin_rules.IinProblem.NEVER_ISSUED:
        out.error(path, "never_issued", M_IIN_NEVER)
        return
    if problem is iin_rules.IinProblem.BAD_CHECK_DIGIT:
        out.error(path, "check_digit", M_IIN_CHECK)
        return
    encoded = iin_rules.facts(value)
    if birth is not None and encoded.birth_date != birth:
        shown = encoded.birth_date.strftime("%d.%m.%Y") if encoded.birth_date else "—"
        out.warning(path, "birth_mismatch", M_IIN_BIRTH.format(iin_date=shown))
    if sex is not None and encoded.male is not None and encoded.male != (sex is Sex.MALE):
        out.warning(path, "sex_mismatch", M_IIN_SEX)


def _check_birth(out: _Collector, path: str, value: date | None, today: date) -> bool:
    if value is None:
        out.error(path, "required", M_REQUIRED)
        return False
    if value > today:
        out.error(path, "future", M_FUTURE)
        return False
    if value < EARLIEST_BIRTH:
        out.error(path, "too_old", M_TOO_OLD)
        return False
    return True


def _check_departure(out: _Collector, q: Questionnaire, today: date) -> None:
    if q.departure_date is None:
        out.error("departure_date", "required", M_REQUIRED)
    elif q.departure_date > today:
        out.error("departure_date", "future", M_FUTURE)
    elif q.birth_date is not None and q.departure_date < q.birth_date:
        out.error("departure_date", "before_birth", M_BEFORE_BIRTH)


def _check_place(out: _Collector, path: str, place: Place, required: tuple[str, ...]) -> None:
    for level in required:
        out.required(f"{path}.{level}", getattr(place, level))


def _check_code(
    out: _Collector, path: str, value: int | None, codes: CodeList, *, required: bool
) -> None:
    if value is None:
        if required:
            out.error(path, "required", M_REQUIRED)
    elif value not in codes:
        out.error(path, "code", M_CODE)


def _check_adult_sections(out: _Collector, q: Questionnaire, today: date) -> None:
    sections = (
        ("social_category", q.social_category, SOCIAL_CATEGORY, True),
        ("education", q.education, EDUCATION, True),
        ("speciality", q.speciality, SPECIALITY, False),
        ("marital_status", q.marital_status, MARITAL_STATUS, True),
    )
    if q.birth_date is None:
        return
    if adult_sections_apply(q, today):
        for path, value, codes, required in sections:
            _check_code(out, path, value, codes, required=required)
    else:
        for path, value, _codes, _required in sections:
            if value is not None:
                out.error(path, "under_16", M_UNDER_16)


def _check_job(
    out: _Collector, path: str, year_from: int | None, year_to: int | None, on: date
) -> None:
    if year_from is None:
        out.error(f"{path}.year_from", "required", M_REQUIRED)
        return
    end = on.year if year_to is None else year_to
    if not (1900 <= year_from <= end <= on.year):
        out.error(f"{path}.year_from", "range", M_YEARS)
    elif end < on.year - EMPLOYMENT_YEARS:
        out.warning(f"{path}.year_to", "older_than_5_years", M_OLD_JOB)
