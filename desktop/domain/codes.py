"""The code lists of the Annex 1 questionnaire with their official codes.

Kazakh and Russian labels are the form's own wording (seed/rules-kk.txt, Annex 1); English is a
working translation for the interface only, never printed on a form.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.i18n import Text


@dataclass(frozen=True, slots=True)
class Code:
    code: int
    label: Text


@dataclass(frozen=True, slots=True)
class CodeList:
    """An official list; `field` is its Annex 1 item (12 to 16)."""

    field: str
    title: Text
    codes: tuple[Code, ...]

    def label(self, code: int) -> Text:
        for item in self.codes:
            if item.code == code:
                return item.label
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return any(item.code == code for item in self.codes)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(item.code for item in self.codes)


PURPOSE = CodeList(
    "12",
    Text("Кету мақсаты", "Цель выбытия", "Purpose of leaving"),
    (
        Code(2, Text("Жұмысқа байланысты", "В связи с работой", "Work")),
        Code(3, Text("Оқуға байланысты", "В связи с учебой", "Study")),
        Code(
            4,
            Text(
                "Отбасылық жағдайға байланысты", "Семейные обстоятельства", "Family circumstances"
            ),
        ),
        Code(9, Text("Басқа", "Другое", "Other")),
    ),
)

SOCIAL_CATEGORY = CodeList(
    "13",
    Text("Қоғамдық санаты", "Общественная категория", "Social category"),
    (
        Code(
            1,
            Text(
                "Жалдамалы (ақы төленетін) қызметкер (ұйымда, мекемеде, жеке тұлғаларда, шаруа "
                "немесе фермер қожалығында)",
                "Наемный (оплачиваемый) работник (в организации, предприятии, у отдельных "
                "физических лиц, крестьянском или фермерском хозяйстве)",
                "Paid employee (organisation, enterprise, private persons, peasant or farm household)",
            ),
        ),
        Code(
            2,
            Text(
                "Өзін-өзі жұмыспен қамтыған қызметкер (жұмыс беруші, өз бетінше жұмыс істейтін "
                "(өз есебінен жұмыс істейтін), отбасы кәсіпорнының көмекші (ақы төленбейтін) "
                "қызметкері, кооператив мүшесі және жеке аулада жұмыс істейтін қызметкер",
                "Самозанятый работник (работодатель, самостоятельные работники (работающие за свой "
                "счет), помогающие не оплачиваемые работники семейных предприятий, члены "
                "кооперативов и занятые в личном подсобном хозяйстве)",
                "Self-employed (employer, own-account worker, unpaid family helper, cooperative "
                "member, personal subsidiary farming)",
            ),
        ),
        Code(3, Text("Жұмыссыз", "Безработный", "Unemployed")),
        Code(4, Text("Студент", "Студент", "Student")),
        Code(5, Text("Зейнеткер", "Пенсионер", "Pensioner")),
        Code(
            9,
            Text(
                "Өзгелер (оқушылар, үй шаруашылығындағы әйелдер және тағы басқа)",
                "Прочие (учащиеся, домохозяйки и так далее)",
                "Other (pupils, homemakers, etc.)",
            ),
        ),
    ),
)

EDUCATION = CodeList(
    "14",
    Text("Білім деңгейі", "Уровень образования", "Level of education"),
    (
        Code(1, Text("Жоғары", "Высшее", "Higher")),
        Code(
            2,
            Text(
                "Орта техникалық және кәсіптік",
                "Среднее техническое и профессиональное",
                "Secondary technical and vocational",
            ),
        ),
        Code(3, Text("Жалпы орта", "Общее среднее", "General secondary")),
        Code(4, Text("Негізгі орта", "Основное среднее", "Basic secondary")),
    ),
)

SPECIALITY = CodeList(
    "15",
    Text("Білімі бойынша мамандығы", "Специальность по образованию", "Speciality by education"),
    (
        Code(
            1, Text("Сәулет-құрылыс", "Архитектурно-строительная", "Architecture and construction")
        ),
        Code(2, Text("Медициналық", "Медицинская", "Medical")),
        Code(3, Text("Педагогикалық", "Педагогическая", "Pedagogical")),
        Code(4, Text("Техникалық", "Техническая", "Technical")),
        Code(5, Text("Экономикалық", "Экономическая", "Economic")),
        Code(6, Text("Заңгерлік", "Юридическая", "Legal")),
        Code(7, Text("Ауыл шаруашылығы", "Сельскохозяйственная", "Agricultural")),
        Code(8, Text("Басқа", "Другая", "Other")),
    ),
)

MARITAL_STATUS = CodeList(
    "16",
    Text("Неке жағдайы", "Состояние в браке", "Marital status"),
    (
        Code(1, Text("Ешқашан некеге тұрмаған", "Никогда не состоял (а) в браке", "Never married")),
        Code(2, Text("Некеге тұрған", "Состоит в браке", "Married")),
        Code(3, Text("Тұл еркек (жесір әйел)", "Вдовец (вдова)", "Widower (widow)")),
        Code(4, Text("Ажырасқан", "Разведен (а)", "Divorced")),
    ),
)

SEX_LABELS = {
    "male": Text("ер", "мужской", "male"),
    "female": Text("әйел", "женский", "female"),
}

# Item 17 names the circle (parents, spouses including former, children) without codes;
# these keys keep the degree of kinship comparable across cases.
KINSHIP = {
    "father": Text("әкесі", "отец", "father"),
    "mother": Text("анасы", "мать", "mother"),
    "spouse": Text("жұбайы", "супруг (супруга)", "spouse"),
    "former_spouse": Text("бұрынғы жұбайы", "бывший супруг (бывшая супруга)", "former spouse"),
    "son": Text("ұлы", "сын", "son"),
    "daughter": Text("қызы", "дочь", "daughter"),
}

CODE_LISTS = (PURPOSE, SOCIAL_CATEGORY, EDUCATION, SPECIALITY, MARITAL_STATUS)

# §3(6): where the other legal representative of a minor lives ("Қазақстан Республикасының
# аумағында тұратын"): their consent is needed only when they live in Kazakhstan.
RESIDENCE = {
    "kz": Text("Қазақстанда тұрады", "Проживает в Казахстане", "Lives in Kazakhstan"),
    "abroad": Text("Шетелде тұрады", "Проживает за рубежом", "Lives abroad"),
}
