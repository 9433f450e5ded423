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
        kk, ru = _REFUSALS.get(code, _REFUSED)
        # The Kazakh and Russian sentences are whole without the English detail (the exact
        # check, the file): it goes apart, as the technical details (`KnownError.details`).
        super().__init__(Text(kk, ru, detail), details=detail)
        self.detail = detail
        self.code = code


_REFUSED = ("Пакет қабылданбады", "Пакет отклонён")


# What an administrator can do about a second store (issue 21), in English. Nothing moves
# cases from one store into another: the desk joins the mission's store, or the Department
# re-binds the mission (`reset-chain … --to 0` forgets the binding; the mission's next package
# binds it to the store that package comes from).
WAY_OUT_EN = (
    "Connect this desk to the mission's store with `qonys --db URL` (several desks "
    "share one store on a PostgreSQL server: README, 'Several desks'; administrator's "
    "guide, section 12), or, if this store is to be the mission's store from now on, "
    "ask the Department to re-bind the mission: `qonys-department reset-chain MISSION "
    "--to 0 --reason …` forgets the binding. Cases entered in this store stay in it: "
    "Qonys does not merge two stores"
)
_WAY_OUT_KK = (
    "Бұл жұмыс орнын шет елдердегі мекеменің қоймасына `qonys --db` арқылы қосыңыз "
    "(бірнеше жұмыс орны PostgreSQL серверіндегі бір ортақ қойманы пайдаланады: "
    "әкімшінің нұсқаулығы, 12-бөлім) немесе, егер бұдан былай осы қойма шет елдердегі "
    "мекеменің қоймасы болуға тиіс болса, Департаменттен байланыстыруды қайта орнатуды "
    "сұраңыз (Департаменттің `qonys-department reset-chain` командасы, `--to 0`). Бұл "
    "қоймаға енгізілген істер осында қалады: бағдарлама екі қойманы біріктірмейді"
)
_WAY_OUT_RU = (
    "Подключите это рабочее место к хранилищу загранучреждения через `qonys --db` "
    "(несколько рабочих мест работают с одним общим хранилищем на сервере PostgreSQL: "
    "руководство администратора, раздел 12) или, если впредь хранилищем "
    "загранучреждения должно быть это хранилище, попросите Департамент заново привязать"
    " загранучреждение (команда Департамента `qonys-department reset-chain`, `--to 0`)."
    " Дела, внесенные в это хранилище, остаются в нем: программа не объединяет "
    "хранилища"
)

# English wording of a refusal the Department sends back by its code alone (the online
# exchange), where the code does not say enough.
EXPLAINED_EN: dict[str, str] = {
    "second-store": (
        "The Department refused the package: it comes from another store of the mission than "
        "its earlier packages, so the enrolment bundle was installed on a second store. "
        + WAY_OUT_EN
    ),
    "package-refused": (
        "The package was refused: it failed one of the checks. Nothing was changed. Tell the "
        "administrator, who finds out whether the package is to be sent again."
    ),
    "exchange-error": (
        "The package was not applied: its contents do not fit this store's records (a "
        "decision on a case that is not here, say). Nothing was changed. Tell the "
        "administrator, who finds out with the Department which package is due."
    ),
    "for-another-store": (
        "The Department's package is for another store of the mission than the one this desk "
        "uses: the Department bound the mission's enrolment bundle to the store its first "
        "package came from. Nothing of the package was applied. " + WAY_OUT_EN
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
        "Департамент бұл пакетті қабылдамады: ол шет елдердегі мекеменің бұрынғы пакеттері "
        "келген қоймадан емес, басқа қоймадан келген, яғни тіркеу бумасы екінші қоймаға "
        "орнатылған. " + _WAY_OUT_KK,
        "Департамент отклонил пакет: он пришел не из того хранилища загранучреждения, из "
        "которого пришли прежние пакеты, то есть пакет регистрации установлен во второе "
        "хранилище. " + _WAY_OUT_RU,
    ),
    "for-another-store": (
        "Департамент пакеті осы жұмыс орны пайдаланатын қоймаға емес, шет елдердегі "
        "мекеменің басқа қоймасына арналған: Департамент тіркеу бумасын шет елдердегі "
        "мекеменің бірінші пакеті келген қоймамен байланыстырған. Пакеттен ештеңе "
        "қолданылмады. " + _WAY_OUT_KK,
        "Пакет Департамента предназначен не для хранилища, с которым работает это рабочее "
        "место, а для другого хранилища загранучреждения: Департамент привязал пакет "
        "регистрации к хранилищу, из которого пришел первый пакет загранучреждения. Из "
        "пакета ничего не применено. " + _WAY_OUT_RU,
    ),
    # The two base codes: a check without a code of its own (`PackageError`), and a package
    # whose contents do not fit this store (`ExchangeError`: a decision for a case not here, a
    # rule set before any trust list). The check itself is in the technical details.
    "package-refused": (
        "Пакет қабылданбады: ол тексерулердің бірінен өтпеді. Ештеңе өзгертілмеді. Бұл "
        "туралы әкімшіге хабарлаңыз: ол пакетті қайта жіберу қажеттігін анықтайды",
        "Пакет отклонён: он не прошёл одну из проверок. Ничего не изменено. Сообщите об "
        "этом администратору: он выяснит, нужно ли отправить пакет заново",
    ),
    "exchange-error": (
        "Пакет қолданылмады: оның мазмұны осы қоймадағы деректерге сәйкес келмейді (мысалы, "
        "мұнда жоқ іс бойынша шешім). Ештеңе өзгертілмеді. Бұл туралы әкімшіге хабарлаңыз: "
        "ол Департаментпен қай пакет қажет екенін анықтайды",
        "Пакет не применён: его содержимое не согласуется с данными этого хранилища "
        "(например, решение по делу, которого здесь нет). Ничего не изменено. Сообщите об "
        "этом администратору: он выяснит с Департаментом, какой пакет нужен",
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
