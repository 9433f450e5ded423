"""Why the console refused a request, in Kazakh, Russian and English (issue 17).

The Department's services explain a refusal in one English line (the command line prints
it as it is). The console never shows that line on a Kazakh or Russian page: a package
refused by a check is worded by the check's stable code (``desktop.sync.errors``), any other refusal by the phrase of the service's message
it matches (``PHRASES``), and a message no phrase matches as a general refusal; the
service's English line is added on English pages only.
"""

from __future__ import annotations

# Each package check's code (desktop.sync.errors), as the Department's inbox tells it.
PACKAGE_TEXTS: dict[str, tuple[str, str, str]] = {
    f"refusal_{code}": texts
    for code, texts in {
        "malformed": ("Пакеттің құрылымы бұзылған", "Пакет поврежден", "The package is damaged"),
        "truncated": (
            "Пакет толық емес, файл кесілген",
            "Файл пакета обрезан",
            "The package is incomplete: the file is cut short",
        ),
        "unsupported-version": (
            "Пакет пішімінің бұл нұсқасы қолдау таппайды",
            "Эта версия формата пакета не поддерживается",
            "This version of the package format is not supported",
        ),
        "bad-signature": (
            "Пакеттің қолтаңбасы жарамсыз",
            "Подпись пакета недействительна",
            "The package's signature is not valid",
        ),
        "signature-not-canonical": (
            "Қолтаңба файлы өзгертілген (қол қойылмаған өріс)",
            "Файл подписи изменен (неподписанное поле)",
            "The signature file was altered (an unsigned field)",
        ),
        "untrusted-signer": (
            "Қол қоюшының сертификаты сенім тізімінде жоқ",
            "Сертификат подписавшего не входит в список доверия",
            "The signer's certificate is not on the trust list",
        ),
        "tampered-member": (
            "Пакеттің мазмұны өзгертілген",
            "Содержимое пакета изменено",
            "The package's contents were altered",
        ),
        "wrong-recipient": (
            "Пакет басқа алушыға арналған",
            "Пакет адресован другому получателю",
            "The package is addressed to another recipient",
        ),
        "unknown-sender": (
            "Пакетті жіберуші белгісіз: сертификатын Департамент бермеген",
            "Отправитель пакета неизвестен: его сертификат выдан не Департаментом",
            "The package's sender is unknown: its certificate was not issued here",
        ),
        "revoked-sender": (
            "Жіберушінің сертификаты кері қайтарып алынған",
            "Сертификат отправителя отозван",
            "The sender's certificate has been revoked",
        ),
        "sequence": (
            "Пакеттің реттік нөмірі дұрыс емес",
            "Неверный порядковый номер пакета",
            "The package's sequence number is wrong",
        ),
        "sequence-gap": (
            "Осы шет елдердегі мекеменің алдыңғы пакеттері әлі келмеген",
            "Предыдущие пакеты этого загранучреждения еще не получены",
            "Earlier packages from this mission have not arrived",
        ),
        "replay": (
            "Бұл пакет бұрын қабылданған",
            "Этот пакет уже был принят",
            "This package was received before",
        ),
        "second-store": (
            "Пакет шет елдердегі мекеменің басқа қоймасынан келген: тіркеу бумасы екінші "
            "қоймаға орнатылған",
            "Пакет пришел из другого хранилища загранучреждения: пакет регистрации установлен "
            "во второе хранилище",
            "The package comes from another store of the mission: its enrolment bundle was "
            "installed on a second store",
        ),
        "rollback": (
            "Бұл пакет соңғы қабылданған пакеттен ескі",
            "Этот пакет старее последнего принятого",
            "This package is older than the last one received",
        ),
        "broken-chain": (
            "Пакеттер тізбегі үзілген: алдыңғы пакеттің хэші сәйкес емес",
            "Цепочка пакетов нарушена: хэш предыдущего пакета не совпадает",
            "The chain of packages is broken: the previous package's hash differs",
        ),
        "decryption-failed": (
            "Пакетті Департаменттің кілтімен ашу мүмкін емес",
            "Пакет не расшифровывается ключом Департамента",
            "The package does not open with the Department's key",
        ),
    }.items()
}

# (a phrase of the service's English message, the text's key), most specific first.
PHRASES: tuple[tuple[str, str], ...] = (
    ("a date is written", "bad_date"),
    ("in the future", "future_date"),
    ("the Kazakh and the Russian names are required", "names_required"),
    ("are required", "required"),
    ("already has a final decision", "already_final"),
    ("already has a preliminary refusal", "already_prelim"),
    ("needs an earlier preliminary refusal", "no_prelim"),
    ("has no preliminary refusal", "no_prelim"),
    ("after an objection the decision is", "after_objection_kind"),
    ("unknown decision kind", "bad_kind"),
    ("longer than 300 characters", "too_long"),
    ("recorded as sent already", "letter_sent_twice"),
    ("waits for a letter", "nothing_to_letter"),
    ("is past routing", "past_routing"),
    ("has gone with a letter already", "in_letter_already"),
    ("choose a police body of the reference list", "choose_body"),
    ("no such police body", "choose_body"),
    ("the code is 2-40 Latin letters", "body_code"),
    ("no letter", "not_found"),
    ("no case", "not_found"),
    ("no scan", "not_found"),
    ("a mission code is", "mission_code"),
    ("is already enrolled", "already_enrolled"),
    ("is already revoked", "already_revoked"),
    ("is revoked; nothing is sent", "mission_revoked"),
    ("no active mission", "no_mission"),
    ("no mission", "no_mission"),
    ("the period ends before it starts", "bad_period"),
    ("at least 8 characters", "short_password"),
    ("every password must have at least", "short_password"),
    ("wrong user name or password", "wrong_login"),
    ("belongs to another store", "wrong_login"),
    ("no console role", "no_role"),
    ("unknown stage", "not_found"),
    ("already exists; use", "user_exists"),
    ("no user", "no_user"),
    ("cannot remove yourself", "remove_yourself"),
    ("the last user of the store cannot be removed", "last_user"),
    ("at least one admin", "last_admin"),
    ("unknown role", "bad_role"),
    ("a user name is required", "required"),
    ("the verifier address must be", "verifier_url_bad"),
    ("the rule set is not JSON", "rules_not_json"),
    ("rule set", "rules_invalid"),
    ("rule sets", "rules_invalid"),
)

ERROR_TEXTS: dict[str, tuple[str, str, str]] = {
    "refused_other": (
        "Сұрау орындалмады; ештеңе өзгерген жоқ",
        "Запрос не выполнен; ничего не изменено",
        "The request was refused; nothing changed",
    ),
    "package_refused": (
        "Пакет қабылданбады; ештеңе өзгерген жоқ",
        "Пакет отклонен; ничего не изменено",
        "The package was refused; nothing changed",
    ),
    "names_required": (
        "Қазақша және орысша атаулары міндетті",
        "Казахское и русское названия обязательны",
        "The Kazakh and the Russian names are required",
    ),
    "already_prelim": (
        "Істе алдын ала бас тарту бұрыннан бар",
        "По делу уже есть предварительный отказ",
        "The case already has a preliminary refusal",
    ),
    "after_objection_kind": (
        "Қарсылықтан кейінгі шешім: рұқсат немесе дәлелді бас тарту",
        "После возражения решение: разрешение или мотивированный отказ",
        "After an objection the decision is permission or a reasoned refusal",
    ),
    "bad_kind": ("Шешім түрі белгісіз", "Неизвестный вид решения", "Unknown kind of decision"),
    "too_long": (
        "Мәтін тым ұзын (300 таңбадан аспауы керек)",
        "Слишком длинный текст (не более 300 знаков)",
        "The text is too long (300 characters at most)",
    ),
    "past_routing": (
        "Іс жолдау кезеңінен өтіп кеткен",
        "Дело уже прошло этап направления",
        "The case is past routing",
    ),
    "in_letter_already": (
        "Іс хатпен жіберіліп қойған",
        "Дело уже отправлено с письмом",
        "The case has gone with a letter already",
    ),
    "choose_body": (
        "Анықтамалықтағы полиция органын таңдаңыз",
        "Выберите орган полиции из справочника",
        "Choose a police body of the reference list",
    ),
    "body_code": (
        "Коды 2–40 латын әрпі, цифр немесе дефис",
        "Код: от 2 до 40 латинских букв, цифр или дефисов",
        "The code is 2 to 40 Latin letters, digits or hyphens",
    ),
    "mission_code": (
        "Мекеме коды 1–50 әріп, цифр, «-» немесе «_»",
        "Код загранучреждения: от 1 до 50 букв, цифр, «-» или «_»",
        "A mission code is 1 to 50 letters, digits, «-» or «_»",
    ),
    "already_enrolled": (
        "Бұл шет елдердегі мекеме бұрын тіркелген; қайта тіркеу үшін алдымен кері қайтарыңыз",
        "Это загранучреждение уже зарегистрировано; чтобы зарегистрировать заново, сначала отзовите",
        "The mission is already enrolled; revoke it first to enrol it again",
    ),
    "already_revoked": (
        "Бұл шет елдердегі мекеме бұрын кері қайтарып алынған",
        "Это загранучреждение уже отозвано",
        "The mission is already revoked",
    ),
    "mission_revoked": (
        "Шет елдердегі мекеме кері қайтарып алынған; оған ештеңе жіберілмейді",
        "Загранучреждение отозвано; ему ничего не отправляется",
        "The mission is revoked; nothing is sent to it",
    ),
    "no_mission": (
        "Мұндай шет елдердегі мекеме тіркелмеген",
        "Такое загранучреждение не зарегистрировано",
        "No such mission is enrolled",
    ),
    "bad_period": (
        "Кезеңнің соңы басынан ерте",
        "Конец периода раньше его начала",
        "The period ends before it starts",
    ),
    "short_password": (
        "Құпиясөз кемінде 8 таңбадан тұруы керек",
        "Пароль должен содержать не менее 8 знаков",
        "The password must have at least 8 characters",
    ),
    "user_exists": (
        "Мұндай пайдаланушы бар; құпиясөзін өзгертуге болады",
        "Такой пользователь уже есть; можно сменить его пароль",
        "The user exists already; reset their password instead",
    ),
    "no_user": ("Мұндай пайдаланушы жоқ", "Такого пользователя нет", "No such user"),
    "remove_yourself": (
        "Өзіңізді жоя алмайсыз: басқа пайдаланушы ретінде кіріңіз",
        "Нельзя удалить себя: войдите под другим пользователем",
        "You cannot remove yourself: log in as another user",
    ),
    "last_user": (
        "Соңғы пайдаланушыны жоюға болмайды",
        "Последнего пользователя удалить нельзя",
        "The last user cannot be removed",
    ),
    "last_admin": (
        "Консольде кемінде бір әкімші қалуы керек",
        "В консоли должен остаться хотя бы один администратор",
        "The console must keep at least one administrator",
    ),
    "bad_role": ("Рөл белгісіз", "Неизвестная роль", "Unknown role"),
    "rules_not_json": (
        "Қағидалар файлы JSON емес",
        "Файл Правил не является JSON",
        "The rules file is not JSON",
    ),
    "rules_invalid": (
        "Қағидалар файлы жарамсыз: пішімі, күндері немесе мәтіндері Qonys білетін түрде емес",
        "Файл Правил недействителен: формат, даты или тексты не соответствуют Qonys",
        "The rules file cannot be used: its format, dates or texts are not as Qonys reads them",
    ),
    "verifier_url_bad": (
        "Тексеру бетінің мекенжайы жарамсыз: шифрланған байланыстың мекенжайы керек, бос "
        "орынсыз, «?» және «#» белгілерінсіз",
        "Адрес страницы проверки недопустим: нужен адрес защищенного соединения, без "
        "пробелов, знаков «?» и «#»",
        "The verifier address is an https:// address without spaces, «?» or «#»",
    ),
    **PACKAGE_TEXTS,
}
