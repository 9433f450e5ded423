"""Refusals of the exchange: the stable code of each failed check, worded in kk/ru/en."""

from __future__ import annotations

from desktop.domain.i18n import Text
from desktop.services.errors import KnownError


class ExchangeFailed(KnownError):
    """A package or bundle failed a check; the English detail names the check.

    ``code`` is the failed check's stable code (``desktop.sync.errors``: 'wrong-recipient',
    'sequence-gap', 'replay', …) or one of this module's ('not-a-folder', 'write-failed', …),
    for the desk to word in Kazakh and Russian.
    """

    def __init__(self, detail: str, code: str = "exchange-failed") -> None:
        kk, ru = _REFUSALS.get(code, ("Пакет қабылданбады", "Пакет отклонён"))
        # The English detail names the exact check (and the file); kk/ru lead with the reason.
        super().__init__(Text(f"{kk}: {detail}", f"{ru}: {detail}", detail))
        self.detail = detail
        self.code = code


# English wording of a refusal the Department sends back by its code alone (the online
# exchange), where the code does not say enough.
EXPLAINED_EN: dict[str, str] = {
    "second-store": (
        "The Department refused the package: it comes from another store of the mission than "
        "its earlier packages, so the enrolment bundle was installed on a second store. A "
        "mission keeps one store; several desks share it on a PostgreSQL server (README, "
        "'Several desks'; administrator's guide, section 12). Move this store's cases into the "
        "mission's store and join this desk to it with `qonys --db URL`"
    ),
    "for-another-store": (
        "The Department's package is for another store of the mission: the enrolment bundle "
        "was installed on a second store, and nothing of the package was applied. A mission "
        "keeps one store; several desks share it on a PostgreSQL server (README, 'Several "
        "desks'; administrator's guide, section 12). Move this store's cases into the "
        "mission's store and join this desk to it with `qonys --db URL`"
    ),
}

# kk, ru wording of each refusal code (desktop.sync.errors and this module).
_REFUSALS: dict[str, tuple[str, str]] = {
    "refusal-without-hearing": (
        "Пакетте алдын ала бас тартусыз және қаралған қарсылықсыз дәлелді бас тарту бар "
        "(11-тармақ); пакет толығымен қабылданбады",
        "Пакет содержит мотивированный отказ без предварительного отказа и рассмотренного "
        "возражения (п. 11); пакет отклонён целиком",
    ),
    "malformed": ("Пакеттің құрылымы бұзылған", "Пакет повреждён"),
    "truncated": ("Пакет толық емес, файл кесілген", "Пакет неполный, файл обрезан"),
    "unsupported-version": (
        "Пакет пішімінің бұл нұсқасы қолдау таппайды",
        "Эта версия формата пакета не поддерживается",
    ),
    "bad-signature": ("Пакеттің қолтаңбасы жарамсыз", "Подпись пакета недействительна"),
    "untrusted-signer": (
        "Қол қоюшының сертификаты сенім тізімінде жоқ",
        "Сертификат подписавшего не входит в список доверия",
    ),
    "tampered-member": ("Пакеттің мазмұны өзгертілген", "Содержимое пакета изменено"),
    "wrong-recipient": ("Пакет басқа алушыға арналған", "Пакет адресован другому получателю"),
    "unknown-sender": ("Пакетті жіберуші белгісіз", "Отправитель пакета неизвестен"),
    "revoked-sender": (
        "Жіберушінің сертификаты кері қайтарылған",
        "Сертификат отправителя отозван",
    ),
    "sequence": ("Пакеттің реттік нөмірі дұрыс емес", "Неверный порядковый номер пакета"),
    "sequence-gap": ("Алдыңғы пакеттер әлі келмеген", "Предыдущие пакеты ещё не получены"),
    "replay": ("Бұл пакет бұрын қабылданған", "Этот пакет уже был принят"),
    "rollback": (
        "Бұл пакет соңғы қабылданған пакеттен ескі",
        "Этот пакет старее последнего принятого",
    ),
    "broken-chain": (
        "Пакеттер тізбегі үзілген: алдыңғы пакеттің хэші сәйкес емес",
        "Цепочка пакетов нарушена: хэш предыдущего пакета не совпадает",
    ),
    "decryption-failed": (
        "Пакетті бұл кілтпен ашу мүмкін емес",
        "Пакет не расшифровывается этим ключом",
    ),
    "bad-trust-list": ("Сенім тізімі жарамсыз", "Список доверия недействителен"),
    "bad-rule-set": (
        "Департаменттің Қағидалар нұсқасы жарамсыз (қолтаңбасы немесе мазмұны); пакет толығымен "
        "қабылданбады",
        "Редакция Правил от Департамента недействительна (подпись или содержание); пакет "
        "отклонён целиком",
    ),
    "wrong-mission": (
        "Бума басқа өкілдікке арналған",
        "Пакет регистрации для другого загранучреждения",
    ),
    "revoked-self": (
        "Бұл өкілдіктің сертификатын Департамент кері қайтарған",
        "Сертификат этого загранучреждения отозван Департаментом",
    ),
    "second-store": (
        "Департамент бұл пакетті қабылдамады: ол шет елдердегі мекеменің басқа қоймасынан "
        "келген, тіркеу бумасы екінші қоймаға орнатылған. Шет елдердегі мекеменің қоймасы біреу "
        "ғана болады; бірнеше жұмыс орны PostgreSQL серверіндегі бір ортақ қойманы пайдаланады "
        "(әкімшінің нұсқаулығы, 12-бөлім). Бұл қоймадағы "
        "істерді негізгі қоймаға көшіріңіз, бұл жұмыс орнын ортақ қоймаға `qonys --db` арқылы "
        "қосыңыз",
        "Департамент отклонил пакет: он пришел из другого хранилища загранучреждения, пакет "
        "регистрации установлен во второе хранилище. У загранучреждения одно хранилище; "
        "несколько рабочих мест работают с одним общим хранилищем на сервере PostgreSQL "
        "(руководство администратора, раздел 12). Перенесите "
        "дела из этого хранилища в основное и подключите это рабочее место к общему хранилищу "
        "через `qonys --db`",
    ),
    "for-another-store": (
        "Департамент пакеті шет елдердегі мекеменің басқа қоймасына арналған: тіркеу бумасы "
        "екінші қоймаға орнатылған, пакеттен ештеңе қолданылмады. Шет елдердегі мекеменің "
        "қоймасы біреу ғана болады; бірнеше жұмыс орны PostgreSQL серверіндегі бір ортақ "
        "қойманы пайдаланады (әкімшінің нұсқаулығы, 12-бөлім). Бұл қоймадағы істерді негізгі "
        "қоймаға көшіріңіз, бұл жұмыс орнын ортақ қоймаға `qonys --db` арқылы қосыңыз",
        "Пакет Департамента предназначен для другого хранилища загранучреждения: пакет "
        "регистрации установлен во второе хранилище, из пакета ничего не применено. У "
        "загранучреждения одно хранилище; несколько рабочих мест работают с одним общим "
        "хранилищем на сервере PostgreSQL (руководство администратора, раздел 12). Перенесите "
        "дела из этого хранилища в основное и подключите это рабочее место к общему хранилищу "
        "через `qonys --db`",
    ),
    "not-a-folder": ("Бұл қалта емес", "Это не папка"),
    "write-failed": (
        "Экспорт жазылмады, ештеңе сақталмады",
        "Экспорт не записан, ничего не сохранено",
    ),
    "part-too-small": (
        "Бөліктің көлемі кемінде 1 МБ болуы керек",
        "Часть должна быть не меньше 1 МБ",
    ),
    "reset-refused": ("Тізбек қалпына келтірілмеді", "Цепочка не сброшена"),
    "signature-not-canonical": (
        "Қолтаңба файлы өзгертілген (қол қойылмаған өріс)",
        "Файл подписи изменён (неподписанное поле)",
    ),
    "no-such-package": (
        "Шығыс пакеттер тізімінде мұндай пакет жоқ",
        "В исходящих нет такого пакета",
    ),
}


class ExportCancelled(KnownError):
    """The officer stopped an export: every file it wrote is gone and nothing was recorded."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__(
            Text(
                "Экспорт тоқтатылды: бірде-бір файл қалмады, ештеңе жазылмады.",
                "Экспорт отменен: файлы удалены, ничего не записано.",
                "Export cancelled: no file was left behind and nothing was recorded.",
            )
        )


class _Stop(Exception):
    """Raised between two cases when ``should_stop`` says so; becomes ExportCancelled."""


class NotEnrolled(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Шет елдердегі мекеме әлі тіркелмеген: алдымен `qonys trust import BUNDLE` орындаңыз",
                "Загранучреждение не зарегистрировано: сначала `qonys trust import BUNDLE`",
                "This mission is not enrolled yet: run `qonys trust import BUNDLE` first",
            )
        )
