"""The §3 rules as amended by order No. 11-1-4/730 of 05.12.2025: the items a case needs, with
their labels and the reasons shown to the officer, and the warnings of a set."""

from __future__ import annotations

from datetime import date

from desktop.domain.checklist.model import (
    GUARDIANSHIP_AGE,
    MAJORITY_AGE,
    CaseFacts,
    DocumentStatus,
    IdentityKind,
    Representative,
    RequiredItem,
    Residence,
    Variant,
)
from desktop.domain.dates import age_on
from desktop.domain.formats import cite, ru_plural
from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Questionnaire, Relative

# --- The §3 rules as amended by order No. 11-1-4/730 of 05.12.2025 ---------------------------

L_QUESTIONNAIRE = Text("Өтініш-сауалнама", "Заявление-анкета", "Application-questionnaire")
L_PASSPORT = Text("Паспорттың көшірмесі", "Копия паспорта", "Passport copy")
L_ID_CARD = Text(
    "Жеке куәліктің түпнұсқасы (алынып қойылады)",
    "Оригинал удостоверения личности (изымается)",
    "ID card original (retained)",
)
L_E_DOCUMENT = Text(
    "Цифрлық құжаттар сервисіндегі электрондық құжат",
    "Электронный документ из сервиса цифровых документов",
    "Electronic document from the digital documents service",
)
L_IDENTITY = Text(
    "Жеке басын куәландыратын құжат",
    "Документ, удостоверяющий личность",
    "Identity document",
)
L_EXPLANATION = Text(
    "Еркін нысандағы жазбаша түсініктеме ({doc})",
    "Письменное объяснение в произвольной форме ({doc})",
    "Written explanation in free form ({doc})",
)
L_PASSPORT_APPLICATION = Text(
    "Шет елде паспорт дайындауға арналған құжаттар (№ 11-1-4/149 бұйрық)",
    "Документы на оформление паспорта за рубежом (приказ № 11-1-4/149)",
    "Documents for a new passport abroad (order No. 11-1-4/149)",
)
L_ALIMONY = Text(
    "Алимент төлеу туралы келісім немесе сот шешімі",
    "Соглашение об уплате алиментов или решение суда",
    "Alimony agreement or court decision",
)
L_ENFORCEMENT = Text(
    "Атқарушылық іс жүргізудің тоқтатылғанын растайтын құжаттар",
    "Документы о прекращении исполнительного производства",
    "Proof that enforcement proceedings were terminated",
)
L_GUARDIANSHIP = Text(
    "Қорғаншылық және қамқоршылық органының қорытындысы: {child}",
    "Заключение органа опеки и попечительства: {child}",
    "Guardianship authority's conclusion: {child}",
)
L_CONSENT = Text(
    "Екінші заңды өкілдің нотариалды келісімі немесе сот рұқсаты: {child}",
    "Нотариальное согласие второго законного представителя или разрешение суда: {child}",
    "Notarised consent of the other legal representative, or a court permission: {child}",
)
L_BIRTH_CERTIFICATE = Text(
    "Туу туралы куәліктің немесе анықтаманың көшірмесі: {child}",
    "Копия свидетельства или справки о рождении: {child}",
    "Copy of the birth certificate or certificate of birth: {child}",
)
L_PASSPORT_EXPIRED = Text(
    "Мерзімі өткен паспорттың көшірмесі",
    "Копия паспорта с истекшим сроком",
    "Copy of the expired passport",
)
L_ID_CARD_EXPIRED = Text(
    "Мерзімі өткен жеке куәліктің түпнұсқасы (алынып қойылады)",
    "Оригинал удостоверения личности с истекшим сроком (изымается)",
    "Expired ID card original (retained)",
)
L_DEATH_CERTIFICATE = Text(
    "Қайтыс болғаны туралы куәлік: {name}",
    "Свидетельство о смерти: {name}",
    "Death certificate: {name}",
)
L_FEE_EXEMPTION = Text(
    "Консулдық алымнан босату: {ground}",
    "Освобождение от консульского сбора: {ground}",
    "Exemption from the consular fee: {ground}",
)
L_APPLICANT = Text("өтініш беруші", "заявитель", "the applicant")
M_NO_SUCH_VARIANT = Text(
    "«{key}» құжатының «{variant}» түрі жоқ",
    "У документа «{key}» нет вида «{variant}»",
    "Document {key!r} has no form {variant!r}",
)
# §3(2): "баланың туу туралы куәлігін немесе анықтамасын".
BIRTH_VARIANTS = (
    Variant(
        "certificate", Text("Туу туралы куәлік", "Свидетельство о рождении", "Birth certificate")
    ),
    Variant(
        "record", Text("Туу туралы анықтама", "Справка о рождении", "Certificate of birth (record)")
    ),
)
# §3(6): the notarised consent, or ("Келісім болмаған жағдайда") a court's permission.
CONSENT_VARIANTS = (
    Variant(
        "consent",
        Text("Нотариалды келісім", "Нотариальное согласие", "Notarised consent"),
        has_expiry=True,
    ),
    Variant("court", Text("Сот рұқсаты", "Разрешение суда", "Court permission")),
)
L_FEE = Text(
    "Консулдық алымның төленгенін растайтын құжаттың көшірмесі",
    "Копия документа об оплате консульского сбора",
    "Copy of the consular fee receipt",
)

W_ALWAYS = Text(
    "Әр өтінішке қажет ({para})",
    "Требуется для каждого заявления ({para})",
    "Required for every application ({para})",
)
W_IDENTITY = Text(
    "Жеке басын сәйкестендіру үшін (3-тармақтың 2) тармақшасы)",
    "Для идентификации личности (пп. 2 п. 3)",
    "To identify the applicant (§3(2))",
)
W_ID_CARD = Text(
    "Жеке куәлік ұсынылды: түпнұсқасы алынып қойылады (3-тармақтың 2) тармақшасы)",
    "Представлено удостоверение личности: оригинал изымается (пп. 2 п. 3)",
    "An ID card is presented: its original is retained (§3(2))",
)
W_EXPLANATION = Text(
    "{doc}: {status} (3-тармақтың 2) тармақшасы)",
    "{doc}: {status} (пп. 2 п. 3)",
    "{doc} is {status} (§3(2))",
)
W_PASSPORT_APPLICATION = Text(
    "Паспорт {status}: жаңа паспорт құжаттары түсініктемемен бірге беріледі (3-тармақтың 2) тармақшасы)",
    "Паспорт {status}: документы на новый паспорт подаются вместе с объяснением (пп. 2 п. 3)",
    "The passport is {status}: the new-passport documents come with the explanation (§3(2))",
)
W_ALIMONY = Text(
    "Қазақстанда тұратын отбасы мүшелері алдында алимент міндеттемелері бар (3-тармақтың 3) тармақшасы)",
    "Есть алиментные обязательства перед членами семьи в Казахстане (пп. 3 п. 3)",
    "Alimony obligations to family members living in Kazakhstan (§3(3))",
)
W_ENFORCEMENT = Text(
    "Өтініш беруші атқарушылық іс жүргізу бойынша борышкер (3-тармақтың 4) тармақшасы)",
    "Заявитель — должник по исполнительному производству (пп. 4 п. 3)",
    "The applicant is a debtor in enforcement proceedings (§3(4))",
)
W_GUARDIANSHIP = Text(
    "{child} {on} күні {age} жаста: 10 жасқа толған баланың пікірі (3-тармақтың 5) тармақшасы)",
    "{child} на {on} — {age}: мнение ребенка, достигшего 10 лет (пп. 5 п. 3)",
    "{child} is {age} on {on}: the opinion of a child aged 10 or over (§3(5))",
)
W_CONSENT = Text(
    "{child} {on} күні {age} жаста, заңды өкілдердің біреуімен шығады; екінші заңды өкілі "
    "Қазақстанда тұрады немесе тұратын жері жазылмаған (3-тармақтың 6) тармақшасы)",
    "{child} на {on} — {age}, выезжает с одним из законных представителей; второй проживает "
    "в Казахстане или место его проживания не указано (пп. 6 п. 3)",
    "{child} is {age} on {on} and leaves with one legal representative; the other lives in "
    "Kazakhstan or where they live is not recorded (§3(6))",
)
W_EXPIRED_DOCUMENT = Text(
    "{doc} мерзімі өткен: 5-тармақ бойынша бас тарту емес, түсініктеме жолы (3-тармақтың 2) тармақшасы)",
    "{doc} просрочен: не отказ по п. 5, а порядок с объяснением (пп. 2 п. 3)",
    "{doc} expired: not a §5 refusal but the explanation route (§3(2))",
)
W_DEATH_CERTIFICATE = Text(
    "{name} қайтыс болған: куәлік қоса беріледі (1-қосымшаның 17-тармағы)",
    "{name}: прилагается свидетельство о смерти (приложение 1, п. 17)",
    "{name} is deceased: the death certificate is attached (Annex 1, item 17)",
)
W_FEE_EXEMPTION = Text(
    "Салық кодексіне сәйкес консулдық алымнан босатылған: түбіртектің орнына (3-қосымша, 6-жол)",
    "Освобожден от консульского сбора по Налоговому кодексу: вместо квитанции "
    "(приложение 3, строка 6)",
    "Exempt from the consular fee under the Tax Code: instead of the receipt (Annex 3, line 6)",
)
W_NO_VALID_IDENTITY = Text(
    "Жарамды жеке басын куәландыратын құжат жоқ: сәйкестендіру түсініктемеге және жаңа "
    "паспорт құжаттарына сүйенеді (3-тармақтың 2) тармақшасы); электрондық құжат болса, оны жазыңыз",
    "Действительного документа нет: идентификация опирается на объяснение и документы на "
    "новый паспорт (пп. 2 п. 3); если есть электронный документ, укажите его",
    "No valid identity document: identification rests on the explanation and the new-passport "
    "documents (§3(2)); record an e-document if there is one",
)
W_MINOR_WITHOUT_REPRESENTATIVE = Text(
    "Өтініш беруші кәмелетке толмаған: оның атынан әрекет ететін заңды өкілді жазыңыз (3-тармақ)",
    "Заявитель несовершеннолетний: укажите законного представителя, действующего от его "
    "имени (п. 3)",
    "The applicant is a minor: record the legal representative who acts for them (§3)",
)
W_RESIDENCE_UNKNOWN = Text(
    "{child}: екінші заңды өкілдің қайда тұратынын жазыңыз — келісім ол Қазақстанда тұрса ғана "
    "керек (3-тармақтың 6) тармақшасы)",
    "{child}: укажите, где проживает второй законный представитель — согласие нужно, только "
    "если он проживает в Казахстане (пп. 6 п. 3)",
    "{child}: record where the other legal representative lives — the consent is needed only "
    "if they live in Kazakhstan (§3(6))",
)
W_CHECK_EXEMPTION = Text(
    "Консулдық алымнан босату негізін Салық кодексі бойынша тексеріңіз (3-қосымша, 6-жол)",
    "Проверьте основание освобождения от консульского сбора по Налоговому кодексу "
    "(приложение 3, строка 6)",
    "Check the ground of the consular fee exemption against the Tax Code (Annex 3, line 6)",
)
W_BIRTH_CERTIFICATE = Text(
    "{child} өтініш берушімен бірге шығады: көшірмесі жасалып, түпнұсқасы қайтарылады (3-тармақтың 2) тармақшасы)",
    "{child} выезжает с заявителем: делается копия, оригинал возвращается (пп. 2 п. 3)",
    "{child} leaves with the applicant: a copy is made, the original returned (§3(2))",
)


def _age(years: int) -> Text:
    """An age inside a sentence: «12» (Kazakh «12 жаста»), «12 лет», «12»."""
    return Text(str(years), f"{years} {ru_plural(years, 'год', 'года', 'лет')}", str(years))


_STATUS_TEXT: dict[DocumentStatus, Text] = {
    DocumentStatus.MISSING: Text("жоқ", "отсутствует", "missing"),
    DocumentStatus.LOST: Text("жоғалған", "утерян", "lost"),
    DocumentStatus.EXPIRED: Text("мерзімі өткен", "просрочен", "expired"),
    DocumentStatus.VALID: Text("жарамды", "действителен", "valid"),
}
_KIND_TEXT: dict[IdentityKind, Text] = {
    IdentityKind.PASSPORT: Text("Паспорт", "Паспорт", "Passport"),
    IdentityKind.ID_CARD: Text("Жеке куәлік", "Удостоверение личности", "ID card"),
    IdentityKind.E_DOCUMENT: Text("Электрондық құжат", "Электронный документ", "E-document"),
}


# Public names for the desk's facts editor.
STATUS_TEXT = _STATUS_TEXT
KIND_TEXT = _KIND_TEXT


def _pick(text_by_lang: Text, **parts: Text | str) -> Text:
    """Format a three-language text where some parts are themselves three-language texts."""
    out = []
    for lang in ("kk", "ru", "en"):
        values = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in parts.items()}
        out.append(text_by_lang.get(lang).format(**values))
    return Text(*out)


def child_key(child: Child, index: int) -> str:
    """A child's part of an item key: the IIN when there is one, so reordering keeps states."""
    return f"child:{child.iin}" if child.iin else f"child#{index}"


def _identity_items(facts: CaseFacts) -> tuple[list[RequiredItem], bool, bool]:
    """§3(2): the identity items; also whether a valid document identifies the applicant and
    whether the explanation route applies (a passport or ID card missing, lost or expired)."""
    items: list[RequiredItem] = []
    identified = False
    route = False
    for doc in facts.identity:
        kind_text = _KIND_TEXT[doc.kind]
        if doc.kind is IdentityKind.E_DOCUMENT:
            if doc.status is DocumentStatus.VALID:
                identified = True
                items.append(
                    RequiredItem(
                        "identity:e_document", "identity", "§3(2)", L_E_DOCUMENT, W_IDENTITY
                    )
                )
            continue  # the Rules ask an explanation only for a passport or an ID card
        passport = doc.kind is IdentityKind.PASSPORT
        if doc.status is DocumentStatus.VALID:
            identified = True
            items.append(
                RequiredItem(
                    f"identity:{doc.kind.value}",
                    "identity",
                    "§3(2)",
                    L_PASSPORT if passport else L_ID_CARD,
                    W_IDENTITY if passport else W_ID_CARD,
                    has_expiry=True,
                    retained_original=not passport,
                    returned_original=passport,
                    expiry_refuses=False,
                )
            )
            continue
        route = True
        status = _STATUS_TEXT[doc.status]
        if doc.status is DocumentStatus.EXPIRED:
            # The expired document is still there: a passport is copied and handed back, an
            # ID card's original is withdrawn "whatever its state" ("алынып қояды").
            items.append(
                RequiredItem(
                    f"identity:{doc.kind.value}",
                    "identity",
                    "§3(2)",
                    L_PASSPORT_EXPIRED if passport else L_ID_CARD_EXPIRED,
                    _pick(W_EXPIRED_DOCUMENT, doc=kind_text),
                    has_expiry=True,
                    retained_original=not passport,
                    returned_original=passport,
                    expiry_refuses=False,
                )
            )
        items.append(
            RequiredItem(
                f"explanation:{doc.kind.value}",
                "explanation",
                "§3(2)",
                _pick(L_EXPLANATION, doc=kind_text),
                _pick(W_EXPLANATION, doc=kind_text, status=status),
            )
        )
        if passport:
            items.append(
                RequiredItem(
                    "passport_application",
                    "passport_application",
                    "§3(2)",
                    L_PASSPORT_APPLICATION,
                    _pick(W_PASSPORT_APPLICATION, status=status),
                )
            )
    return items, identified, route


def _minor_items(
    ck: str, name: str, age: int, on: date, with_one: bool, residence: str
) -> list[RequiredItem]:
    """§3(5) and §3(6) for one minor (a child named in the application, or the applicant)."""
    items: list[RequiredItem] = []
    if age >= GUARDIANSHIP_AGE:
        items.append(
            RequiredItem(
                f"guardianship:{ck}",
                "guardianship",
                "§3(5)",
                L_GUARDIANSHIP.format(child=name),
                W_GUARDIANSHIP.format(child=name, age=_age(age), on=on),
                subject=name,
            )
        )
    # §3(6): the consent of the other legal representative "who lives in Kazakhstan"; not
    # recorded where they live → asked for (and the checklist warns to record it).
    if age < MAJORITY_AGE and with_one and residence != Residence.ABROAD.value:
        items.append(
            RequiredItem(
                f"representative_consent:{ck}",
                "representative_consent",
                "§3(6)",
                L_CONSENT.format(child=name),
                W_CONSENT.format(child=name, age=_age(age), on=on),
                has_expiry=True,
                subject=name,
                variants=CONSENT_VARIANTS,
            )
        )
    return items


def relative_key(relative: Relative, index: int) -> str:
    return f"relative:{relative.iin}" if relative.iin else f"relative#{index}"


def _derive_2025_12_05(q: Questionnaire, facts: CaseFacts, on: date) -> list[RequiredItem]:
    items: list[RequiredItem] = [
        # §3(1)
        RequiredItem(
            "questionnaire",
            "questionnaire",
            "§3(1)",
            L_QUESTIONNAIRE,
            W_ALWAYS.format(para=cite("§3(1)")),
        )
    ]
    # Annex 1, item 17: "егер қайтыс болса қайтыс болғаны туралы куәлік қоса беріледі".
    for index, rel in enumerate(q.relatives):
        if rel.deceased:
            name = rel.full_name or f"#{index + 1}"
            items.append(
                RequiredItem(
                    f"death_certificate:{relative_key(rel, index)}",
                    "death_certificate",
                    "§3(1)",
                    L_DEATH_CERTIFICATE.format(name=name),
                    W_DEATH_CERTIFICATE.format(name=name),
                    subject=name,
                )
            )
    # §3(2): an identity document or an e-document; explanation (+ passport application).
    identity, identified, route = _identity_items(facts)
    items += identity
    if not identified and not route:
        # Identification is still needed; the e-document is the way without a paper one.
        items.append(RequiredItem("identity", "identity", "§3(2)", L_IDENTITY, W_IDENTITY))
    if facts.alimony_obligations:
        items.append(RequiredItem("alimony", "alimony", "§3(3)", L_ALIMONY, W_ALIMONY))
    if facts.enforcement_debtor:
        items.append(
            RequiredItem(
                "enforcement_terminated", "enforcement", "§3(4)", L_ENFORCEMENT, W_ENFORCEMENT
            )
        )
    # §3(5)/(6) for an applicant who is a minor, applying through a legal representative.
    if q.birth_date is not None:
        age = age_on(q.birth_date, on)
        if age < MAJORITY_AGE:
            rep = facts.representative or Representative()
            name = q.full_name or L_APPLICANT.en
            items += _minor_items(
                "applicant", name, age, on, rep.with_one_representative, rep.other_residence
            )
    for index, child in enumerate(q.children):
        name = child.full_name or f"#{index + 1}"
        ck = child_key(child, index)
        items.append(
            RequiredItem(
                f"birth_certificate:{ck}",
                "birth_certificate",
                "§3(2)",
                L_BIRTH_CERTIFICATE.format(child=name),
                W_BIRTH_CERTIFICATE.format(child=name),
                subject=name,
                returned_original=True,
                variants=BIRTH_VARIANTS,
            )
        )
        if child.birth_date is None:
            continue  # validation reports the missing date; no age, no age rule
        items += _minor_items(
            ck,
            name,
            age_on(child.birth_date, on),
            on,
            child.with_one_representative,
            child.other_representative_residence,
        )
    if facts.fee_exemption.strip():
        # Annex 3, line 6: "Консулдық алымды төлеуден босату шарты ... Салық кодексіне сәйкес".
        items.append(
            RequiredItem(
                "fee_exemption",
                "fee_exemption",
                "§3(7)",
                L_FEE_EXEMPTION.format(ground=facts.fee_exemption.strip()),
                W_FEE_EXEMPTION,
            )
        )
    else:
        items.append(
            RequiredItem(
                "fee_receipt", "fee_receipt", "§3(7)", L_FEE, W_ALWAYS.format(para=cite("§3(7)"))
            )
        )
    return items


def _warnings(q: Questionnaire, facts: CaseFacts, on: date) -> list[Text]:
    """What the text leaves to the officer's judgement: shown with the checklist."""
    out: list[Text] = []
    _items, identified, route = _identity_items(facts)
    if route and not identified:
        out.append(W_NO_VALID_IDENTITY)
    if q.birth_date is not None and age_on(q.birth_date, on) < MAJORITY_AGE:
        rep = facts.representative
        if rep is None or not rep.full_name.strip():
            out.append(W_MINOR_WITHOUT_REPRESENTATIVE)
        elif rep.with_one_representative and not rep.other_residence:
            out.append(W_RESIDENCE_UNKNOWN.format(child=q.full_name))
    for index, child in enumerate(q.children):
        if child.with_one_representative and not child.other_representative_residence:
            out.append(W_RESIDENCE_UNKNOWN.format(child=child.full_name or f"#{index + 1}"))
    if facts.fee_exemption.strip():
        out.append(W_CHECK_EXEMPTION)
    return out


# The §3 rules Qonys carries, by the name a rule-set document gives them (`derivation`).
