"""The Annex 1 form's own labels, Kazakh and Russian as printed (seed/rules-kk.txt, Annex 1).

Keys are the field paths used by `validation` (`contacts.phone`, `birth_place.region`); the
columns of the three tables are keyed `children.*`, `relatives.*`, `employment.*`. English is a
working translation for the interface, never printed.
"""

from __future__ import annotations

from desktop.domain.i18n import Text

TITLE = Text("Сауалнама-өтініш", "Заявление-анкета", "Application-questionnaire")

SECTION_PERSON = Text("Жеке деректері", "Личные данные", "Personal data")
SECTION_CONTACTS = Text("8-1. Байланыс деректері", "8-1. Контактные данные", "8-1. Contact data")
SECTION_BIRTH_PLACE = Text("9. Туған жері", "9. Место рождения", "9. Place of birth")
SECTION_LEAVING_PLACE = Text("10. Қайдан кетеді", "10. Откуда выбывает", "10. Leaving from")
SECTION_DESTINATION = Text("11. Қайда кетеді", "11. Куда выбывает", "11. Going to")
SECTION_ADULT = Text(
    "Келесі бөлімдерді 16 және одан жоғары жастағы адамдар толтыруы тиіс",
    "В дальнейших разделах необходимо заполнить лицам в возрасте 16 лет и старше",
    "The following sections are filled by persons aged 16 and over",
)
SECTION_CHILDREN = Text(
    "Осымен бір уақытта менің кәмелетке толмаған балаларыма шығу құжаттарын ресімдеп беруді "
    "сұраймын",
    "Одновременно прошу оформить документы на выезд моим несовершеннолетним детям",
    "I also ask that exit documents be issued for my minor children",
)
SECTION_RELATIVES = Text(
    "17. Жақын туыстары (ата-анасы, жұбайлары (оның ішінде бұрынғы), балалары) туралы мәліметтер",
    "17. Сведения о близких родственниках (родители, супруги (в том числе бывшие), дети)",
    "17. Close relatives (parents, spouses including former, children)",
)
SECTION_EMPLOYMENT = Text(
    "18. Соңғы 5 жыл ішіндегі еңбек қызметі",
    "18. Трудовая деятельность за последние 5 лет",
    "18. Employment in the last 5 years",
)
SECTION_DECLARATION = Text("Мәлімдеме", "Заявление", "Declaration")

_COUNTRY = Text("Ел", "Страна", "Country")
_REGION = Text(
    "Облыс / Республикалық маңызы бар қала",
    "Область / Город республиканского значения",
    "Region / city of republican significance",
)
_DISTRICT = Text(
    "Аудан / Облыстық маңызы бар қала",
    "Район / Город областного значения",
    "District / city of regional significance",
)
_OKRUG = Text(
    "Округ / Аудандық маңызы бар қала",
    "Округ / Город районного значения",
    "Rural district / city of district significance",
)
_SETTLEMENT = Text("Елді мекен", "Населенный пункт", "Settlement")
_FULL_NAME = Text(
    "Тегі, аты, әкесінің аты (болған жағдайда)",
    "Фамилия, имя, отчество (при его наличии)",
    "Surname, name, patronymic (if any)",
)
_IIN = Text(
    "Жеке сәйкестендіру нөмірі",
    "Индивидуальный идентификационный номер",
    "Individual identification number",
)
_BIRTH_DATE = Text("Туған күні", "Дата рождения", "Date of birth")
_SEX = Text("Жынысы", "Пол", "Sex")

LABELS: dict[str, Text] = {
    "iin": _IIN,
    "surname": Text("Тегі", "Фамилия", "Surname"),
    "name": Text("Аты", "Имя", "Name"),
    "patronymic": Text(
        "Әкесінің аты (бар болған жағдайда)",
        "Отчество (при его наличии)",
        "Patronymic (if any)",
    ),
    "birth_date": Text("4. Туған күні", "4. Дата рождения", "4. Date of birth"),
    "sex": Text("5. Жынысы", "5. Пол", "5. Sex"),
    "citizenship": Text("7. Азаматтығы", "7. Гражданство", "7. Citizenship"),
    "nationality": Text("8. Ұлты", "8. Национальность", "8. Nationality"),
    "contacts.address": Text("Мекенжайы", "Адрес", "Address"),
    "contacts.phone": Text("Телефон нөмірі", "Номер телефона", "Phone number"),
    "contacts.email": Text("Электрондық пошта", "Электронная почта", "E-mail"),
    "departure_date": Text(
        "8-2. Елден кету күні", "8-2. Дата выезда из страны", "8-2. Date of leaving the country"
    ),
    "destination_country": _COUNTRY,
    "destination_settlement": _SETTLEMENT,
    "purpose": Text("12. Кету мақсаты", "12. Цель выбытия", "12. Purpose of leaving"),
    "social_category": Text(
        "13. Қоғамдық санаты", "13. Общественная категория", "13. Social category"
    ),
    "education": Text("14. Білім деңгейі", "14. Уровень образования", "14. Level of education"),
    "speciality": Text(
        "15. Білімі бойынша мамандығы",
        "15. Специальность по образованию",
        "15. Speciality by education",
    ),
    "marital_status": Text("16. Неке жағдайы", "16. Состояние в браке", "16. Marital status"),
    "declaration_acknowledged": Text(
        "Сауалнама-өтініште біле тұра көрсетілген жалған деректерге қатысты жауапкершілік "
        "туралы ескертілдім",
        "Предупрежден(-а) об ответственности за заведомо ложные данные в заявлении-анкете",
        "Warned of liability for knowingly false data in the application",
    ),
    "consent_given": Text(
        "Қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісімімді беремін",
        "Даю согласие на доступ к персональным данным ограниченного доступа",
        "Consents to access to restricted personal data",
    ),
    "application_date": Text("Өтініш күні", "Дата заявления", "Application date"),
    "children.full_name": _FULL_NAME,
    "children.iin": _IIN,
    "children.birth_date": _BIRTH_DATE,
    "children.passport_number": Text("Паспорт №", "№ паспорта", "Passport No."),
    "children.sex": _SEX,
    "children.with_one_representative": Text(
        "Заңды өкілдің біреуімен кетеді",
        "Выезжает с одним из законных представителей",
        "Leaves with one legal representative",
    ),
    "children.other_representative_residence": Text(
        "Екінші заңды өкілі қайда тұрады",
        "Где проживает второй законный представитель",
        "Where the other legal representative lives",
    ),
    "relatives.full_name": _FULL_NAME,
    "relatives.iin": _IIN,
    "relatives.kinship": Text("Туыстық дәрежесі", "Степень родства", "Degree of kinship"),
    "relatives.deceased": Text("Қайтыс болған", "Умер(ла)", "Deceased"),
    "relatives.birth_year": Text("Туған жылы", "Год рождения", "Year of birth"),
    "relatives.birth_place": Text("Туған орны", "Место рождения", "Place of birth"),
    "relatives.country_and_address": Text(
        "Болу елі мен тұрғылықты мекенжайы",
        "Страна пребывания и адрес места жительства",
        "Country of stay and address",
    ),
    "relatives.workplace": Text("Жұмыс орны", "Место работы", "Place of work"),
    "relatives.marriage_registration_place": Text(
        "Некесі (лері) тіркелген орын",
        "Место регистрации брака (-ов)",
        "Place of marriage registration",
    ),
    "employment.year_from": Text("Орналасқан жылы", "Год поступления", "Year hired"),
    "employment.year_to": Text("Босаған жылы", "Год увольнения", "Year left"),
    "employment.organisation": Text(
        "Кәсіпорының, мекеменің атауы",
        "Наименование предприятия, учреждения",
        "Enterprise or institution",
    ),
    "employment.organisation_address": Text(
        "Кәсіпорының, мекеменің мекенжайы",
        "Адрес предприятия, учреждения",
        "Address of the enterprise",
    ),
    "employment.workplace": Text("Жұмыс орны", "Место работы", "Place of work"),
    "employment.position": Text("Лауазымы", "Занимаемая должность", "Position"),
    "employment.state_secrets_clearance": Text(
        "Мемлекеттік құпияларға рұқсаты",
        "Допуск к государственным секретам",
        "State secrets clearance",
    ),
}

for _place in ("birth_place", "leaving_place"):
    LABELS[f"{_place}.country"] = _COUNTRY
    LABELS[f"{_place}.region"] = _REGION
    LABELS[f"{_place}.district"] = _DISTRICT
    LABELS[f"{_place}.okrug"] = _OKRUG
    LABELS[f"{_place}.settlement"] = _SETTLEMENT


def label(path: str) -> Text:
    """The label of a field path; `relatives[2].iin` is labelled like `relatives.iin`."""
    key = path
    if "[" in path:
        head, _, rest = path.partition("[")
        key = head + rest[rest.index("]") + 1 :]
    return LABELS[key]
