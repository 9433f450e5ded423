"""A notification check's verdict in the officer's words (issue 14): the desk's verify dialog
shows this `Text` in its language; `Verdict.lines` stay the English of `qonys verify` and the
log. The wording follows the border posts' verifier page (resources/verifier/verifier.js).

Technical details (a parser's message, a byte offset) are not repeated in Kazakh and Russian:
what failed is said by its kind, and what the seal claims is listed field by field.
"""

from __future__ import annotations

from desktop.documents.seal import SealClaims, SealFailure
from desktop.documents.verify import Failure
from desktop.domain.i18n import Text
from desktop.services.verification import Verdict

T = Text

GENUINE = T("ТҮПНҰСҚА", "ПОДЛИННОЕ", "GENUINE")
NOT_GENUINE = T("ТҮПНҰСҚА ЕМЕС", "НЕ ПОДЛИННОЕ", "NOT GENUINE")
SEAL_OK = T(
    "{head}: цифрлық мөр жарамды; мәліметтерді қағаздағымен салыстырыңыз:",
    "{head}: цифровая печать действительна; сравните сведения с бумагой:",
    "{head}: the seal is valid; compare with the paper:",
)
PDF_OK = T(
    "{head}: {signer} қол қойған (сертификат {serial}); цифрлық мөр жарамды және бетке сәйкес",
    "{head}: подписано {signer} (сертификат {serial}); цифровая печать действительна и "
    "совпадает со страницей",
    "{head}: signed by {signer} (certificate {serial}); the seal is valid and matches the page",
)
UNREADABLE = T(
    "{name} файлы оқылмады",
    "Файл {name} не читается",
    "cannot read {name}",
)

FAILURES: dict[SealFailure | Failure, Text] = {
    SealFailure.NOT_A_SEAL: T(
        "Бұл Qonys мөрі емес: мәтін хабарламаның цифрлық мөрі емес (QNS1: деп басталмайды)",
        "Это не печать Qonys: текст не является цифровой печатью уведомления (не начинается "
        "с QNS1:)",
        "not a Qonys seal (the text does not start with QNS1:)",
    ),
    SealFailure.BAD_ENCODING: T(
        "Мөр мәтіні бүлінген: оны толық оқу мүмкін болмады",
        "Текст печати поврежден: его не удалось прочитать целиком",
        "the seal text is damaged (not valid Base45)",
    ),
    SealFailure.BAD_STRUCTURE: T(
        "Мөр бүлінген: оны толық оқу мүмкін болмады",
        "Печать повреждена: ее не удалось прочитать целиком",
        "the seal is damaged (not a COSE_Sign1 message)",
    ),
    SealFailure.UNSUPPORTED_ALGORITHM: T(
        "Мөр Qonys білмейтін қолтаңба тәсілімен жасалған",
        "Печать сделана способом подписи, которого Qonys не знает",
        "the seal uses an unsupported signature algorithm",
    ),
    SealFailure.UNKNOWN_KEY: T(
        "Мөрді сенім тізімінде жоқ кілт қойған",
        "Печать поставлена ключом, которого нет в списке доверия",
        "the seal was signed by a key not in the trust list",
    ),
    SealFailure.BAD_SIGNATURE: T(
        "Мөр өзгертілген немесе жалған: қолтаңбасы сәйкес келмейді",
        "Печать изменена или подделана: подпись не сходится",
        "the seal's signature does not verify (altered or forged)",
    ),
    SealFailure.BAD_CLAIMS: T(
        "Мөрдің мазмұны дұрыс құрылмаған",
        "Содержимое печати составлено неверно",
        "the seal's contents are malformed",
    ),
    SealFailure.WRONG_MISSION: T(
        "Мөрде оның кілті тиесілі шет елдердегі мекеме емес, басқа мекеме аталған",
        "В печати указано не то загранучреждение, которому принадлежит ее ключ",
        "the seal names another mission than the one its key belongs to",
    ),
    Failure.NOT_A_PDF: T(
        "Файл оқылатын PDF емес",
        "Файл не является читаемым PDF",
        "not a readable PDF file",
    ),
    Failure.NOT_SIGNED: T(
        "Қол қойылмаған: PDF-те цифрлық қолтаңба жоқ",
        "Не подписано: в PDF нет цифровой подписи",
        "not signed: the PDF carries no digital signature",
    ),
    Failure.ALTERED: T(
        "Қол қойылғаннан кейін өзгертілген: қол қойылған деректер қолтаңбаға сәйкес келмейді",
        "Изменено после подписания: подписанные данные не совпадают с подписью",
        "altered after signing: the signed bytes do not match the signature",
    ),
    Failure.UNKNOWN_SIGNER: T(
        "Белгісіз қол қоюшы: сертификат сенімді куәландырушы орталыққа апармайды",
        "Неизвестный подписант: сертификат не восходит к доверенному удостоверяющему центру",
        "unknown signer: the certificate does not chain to a trusted CA",
    ),
    Failure.REVOKED_SIGNER: T(
        "Қол қоюшының сертификаты кері қайтарып алынған",
        "Сертификат подписанта отозван",
        "revoked signer: the signing certificate is on the revocation list",
    ),
    Failure.SEAL_MISSING: T(
        "Цифрлық мөр жоқ: PDF-те мөр жоқ немесе ол оқылмайды",
        "Нет цифровой печати: в PDF ее нет или она не читается",
        "no seal: the PDF carries no digital seal",
    ),
    Failure.SEAL_INVALID: T(
        "Цифрлық мөр жарамсыз",
        "Цифровая печать недействительна",
        "seal invalid",
    ),
    Failure.SEAL_MISMATCH: T(
        "Цифрлық мөр беттегі мәтінге сәйкес келмейді",
        "Цифровая печать не совпадает с текстом страницы",
        "seal does not match the page",
    ),
}

CLAIMS = T(
    "Хабарлама № {number} ({mission}), берілген күні {issued}\n"
    "Тегі, аты, әкесінің аты: {person}, туған күні {birth}\n"
    "Қайда кетеді: {country}, {settlement}\n"
    "Полиция департаментінің шешімі: {police}, № {decision}, {decided}",
    "Уведомление № {number} ({mission}), выдано {issued}\n"
    "Фамилия, имя, отчество: {person}, дата рождения {birth}\n"
    "Куда выбывает: {country}, {settlement}\n"
    "Решение Департамента полиции: {police}, № {decision} от {decided}",
    "Notification No. {number} ({mission}), issued {issued}\n"
    "Full name: {person}, born {birth}\n"
    "Destination: {country}, {settlement}\n"
    "Police Department's decision: {police}, No. {decision} of {decided}",
)


def claims_text(claims: SealClaims) -> Text:
    """What the seal vouches for, to compare with the paper (the data as written on it)."""
    return CLAIMS.format(
        number=claims.notification_id, mission=claims.mission_code, issued=claims.issue_date,
        person=claims.person_full_name, birth=claims.birth_date,
        country=claims.destination_country, settlement=claims.destination_settlement,
        police=claims.police_department, decision=claims.decision_number,
        decided=claims.decision_date,
    )  # fmt: skip


def verdict_text(verdict: Verdict) -> Text:
    """The verdict, then what the seal claims (genuine) or one line per failure."""
    if verdict.unreadable:
        return UNREADABLE.format(name=verdict.unreadable)
    if verdict.genuine:
        if verdict.signer_serial is not None:
            head = PDF_OK.format(
                head=GENUINE, signer=verdict.signer, serial=f"{verdict.signer_serial:X}"
            )
        else:
            head = SEAL_OK.format(head=GENUINE)
        if verdict.claims is None:
            return head
        claims = claims_text(verdict.claims)
        return Text(*(f"{head.get(lg)}\n{claims.get(lg)}" for lg in ("kk", "ru", "en")))
    lines = [FAILURES[f] for f in verdict.failures] or [FAILURES[Failure.SEAL_INVALID]]
    return Text(
        *(
            "\n".join(f"{NOT_GENUINE.get(lg)}: {line.get(lg)}" for line in lines)
            for lg in ("kk", "ru", "en")
        )
    )


__all__ = ["claims_text", "verdict_text"]
