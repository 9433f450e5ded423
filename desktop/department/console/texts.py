"""Every text the console shows, in Kazakh, Russian and English (key -> (kk, ru, en))."""

from __future__ import annotations

from desktop.department.console.refusals import ERROR_TEXTS

T: dict[str, tuple[str, str, str]] = {
    "app": (
        "Консулдық қызмет департаменті",
        "Департамент консульской службы",
        "Consular Service Department",
    ),
    "login": ("Кіру", "Вход", "Log in"),
    "logout": ("Шығу", "Выйти", "Log out"),
    "user": ("Пайдаланушы", "Пользователь", "User"),
    "password": ("Құпиясөз", "Пароль", "Password"),
    "language": ("Тіл", "Язык", "Language"),
    "inbox": ("Кіріс", "Входящие", "Inbox"),
    "cases": ("Істер", "Дела", "Cases"),
    "routing": ("Жолдау", "Направление", "Routing"),
    "decisions": ("Шешімдер", "Решения", "Decisions"),
    "missions": ("Шет елдердегі мекемелер", "Загранучреждения", "Missions"),
    "monitoring": ("Мониторинг", "Мониторинг", "Monitoring"),
    "staff": ("Қызметкерлер", "Сотрудники", "Staff"),
    "police_list": ("Полиция органдары", "Органы полиции", "Police bodies"),
    "role": ("Рөлі", "Роль", "Role"),
    "role_clerk": ("Маман", "Специалист", "Clerk"),
    "role_head": ("Басшы", "Руководитель", "Head"),
    "role_admin": ("Әкімші", "Администратор", "Administrator"),
    "role_auditor": ("Аудитор", "Аудитор", "Auditor"),
    "role_": ("Рөлі жоқ", "Без роли", "No role"),
    "stage": ("Кезеңі", "Этап", "Stage"),
    "stage_awaiting_decision": ("Шешім күтілуде", "Ожидает решения", "Awaiting decision"),
    "stage_preliminary_refusal": (
        "Алдын ала бас тарту",
        "Предварительный отказ",
        "Preliminary refusal",
    ),
    "stage_objection": ("Қарсылық түсті", "Поступило возражение", "Objection received"),
    "stage_permission": ("Рұқсат", "Разрешение", "Permission"),
    "stage_reasoned_refusal": ("Дәлелді бас тарту", "Мотивированный отказ", "Reasoned refusal"),
    "mission": ("Шет елдердегі мекеме", "Загранучреждение", "Mission"),
    "number": ("Нөмірі", "Номер", "Number"),
    "applicant": ("Өтініш беруші", "Заявитель", "Applicant"),
    "received": ("Алынды", "Получено", "Received"),
    "police_body": ("Полиция органы", "Орган полиции", "Police body"),
    "sent_on": ("Жіберілген күні", "Дата отправки", "Date sent"),
    "due": ("Мерзімі", "Срок", "Due"),
    "overdue": ("Мерзімі өткен", "Просрочено", "Overdue"),
    "search": ("Іздеу", "Поиск", "Search"),
    "search_hint": (
        "ЖСН, аты-жөні (кирилл не латын) немесе іс нөмірі",
        "ИИН, ФИО (кириллицей или латиницей) или номер дела",
        "IIN, name (Cyrillic or Latin) or case number",
    ),
    "any": ("Барлығы", "Все", "Any"),
    "routed": ("Жолданған", "Направлено", "Routed"),
    "yes": ("Иә", "Да", "Yes"),
    "no": ("Жоқ", "Нет", "No"),
    "next": ("Келесі бет", "Следующая страница", "Next page"),
    "prev": ("Алдыңғы бет", "Предыдущая страница", "Previous page"),
    "page": ("Бет", "Страница", "Page"),
    "nothing": ("Ештеңе табылмады", "Ничего не найдено", "Nothing found"),
    "packages": ("Алынған пакеттер", "Полученные пакеты", "Packages received"),
    "sequence": ("Пакет нөмірі", "Номер пакета", "Package No."),
    "events": ("Оқиғалар", "События", "Events"),
    "scans": ("Сканерленген беттер", "Сканированные страницы", "Scanned pages"),
    "checks": ("Тексеру нәтижесі", "Результат проверки", "Check result"),
    "check_ok": (
        "Қолтаңба, шифр және реттілік дұрыс",
        "Подпись, шифрование и последовательность в порядке",
        "Signature, encryption and sequence valid",
    ),
    "check_gap": ("Үзіліспен қабылданды", "Принят с пропуском", "Accepted with a gap"),
    "new_since": (
        "Кеше бастап келген жаңа істер",
        "Новые дела со вчерашнего дня",
        "New cases since yesterday",
    ),
    "upload": ("Пакетті жүктеу", "Загрузить пакет", "Upload a package"),
    "file": ("Файл", "Файл", "File"),
    "receive": ("Қабылдау", "Принять", "Receive"),
    "watched": ("Бақыланатын қалта", "Отслеживаемая папка", "Watched folder"),
    "no_watched": (
        "Бақыланатын қалта бапталмаған",
        "Отслеживаемая папка не задана",
        "No watched folder is set",
    ),
    "accepted": ("Қабылданды", "Принято", "Accepted"),
    "replay": (
        "Бұл пакет бұрын алынған",
        "Этот пакет уже получен",
        "This package was received before",
    ),
    "refused": ("Қабылданбады", "Отклонено", "Refused"),
    "questionnaire": ("Өтініш-сауалнама", "Заявление-анкета", "Application-questionnaire"),
    "mission_events": ("Мекеменің қадамдары", "Шаги загранучреждения", "The mission's steps"),
    "dep_steps": ("Департаменттің қадамдары", "Шаги Департамента", "The Department's steps"),
    "route": ("Жолдау", "Направить", "Route"),
    "suggested": (
        "Тіркелген соңғы мекенжайы бойынша",
        "По последнему месту регистрации",
        "By the last registered place",
    ),
    "in_letter": (
        "Ілеспе хатпен жіберілді",
        "Отправлено сопроводительным письмом",
        "Sent with a covering letter",
    ),
    "letter": ("Ілеспе хат", "Сопроводительное письмо", "Covering letter"),
    "letters": ("Ілеспе хаттар", "Сопроводительные письма", "Covering letters"),
    "make_letter": ("Ілеспе хат жасау", "Составить письмо", "Make the letter"),
    "waiting_letter": (
        "Хатты күтетін істер",
        "Дела, ожидающие письма",
        "Cases waiting for a letter",
    ),
    "record_sent": ("Жіберілген күнін жазу", "Записать дату отправки", "Record the date sent"),
    "date": ("Күні", "Дата", "Date"),
    "kind": ("Түрі", "Вид", "Kind"),
    "decision_number": ("Шешім нөмірі", "Номер решения", "Decision number"),
    "decision_date": ("Шешім күні", "Дата решения", "Decision date"),
    "decision_doc": ("Шешім құжаты (скан)", "Документ решения (скан)", "Decision document (scan)"),
    "note": ("Ескерту", "Примечание", "Note"),
    "record": ("Жазу", "Записать", "Record"),
    "record_decision": (
        "Полиция шешімін жазу",
        "Записать решение полиции",
        "Record the police decision",
    ),
    "after_objection": ("Қарсылықтан кейін", "После возражения", "After the objection"),
    "head_only": (
        "Қарсылықтан кейінгі шешімді тек басшы жазады",
        "Решение после возражения записывает только руководитель",
        "Only a head records the decision after an objection",
    ),
    "clock": ("30 күндік мерзім", "Тридцатидневный срок", "Thirty-day term"),
    "overdue_by_body": (
        "Полиция органдары бойынша мерзімі өткен істер",
        "Просроченные дела по органам полиции",
        "Overdue cases per police body",
    ),
    "awaiting": ("Шешім күтетін істер", "Дела, ожидающие решения", "Cases awaiting a decision"),
    "code": ("Коды", "Код", "Code"),
    "name": ("Атауы", "Наименование", "Name"),
    "name_kk": ("Қазақша атауы", "Наименование на казахском", "Name in Kazakh"),
    "name_ru": (
        "Орысша атауы (ілік септігі)",
        "Наименование на русском (родительный падеж)",
        "Name in Russian (genitive)",
    ),
    "places": ("Мекенжайлар (әр жолға біреу)", "Места (по одному в строке)", "Places (one a line)"),
    "active": ("Қолданыста", "Действует", "Active"),
    "save": ("Сақтау", "Сохранить", "Save"),
    "enrol": ("Тіркеу", "Зарегистрировать", "Enrol"),
    "enrol_title": ("Жаңа мекемені тіркеу", "Регистрация загранучреждения", "Enrol a mission"),
    "bundle_once": (
        "Файл мен құпиясөз бір рет қана көрсетіледі: қазір сақтаңыз, құпиясөзді мекемеге басқа арнамен беріңіз.",
        "Файл и пароль показываются один раз: сохраните их сейчас, пароль передайте загранучреждению другим каналом.",
        "The file and its password are shown once: save them now and give the password to the mission by another channel.",
    ),
    "download": ("Жүктеп алу", "Скачать", "Download"),
    "revoke": ("Кері қайтарып алу", "Отозвать", "Revoke"),
    "revoked": ("Кері қайтарып алынған", "Отозван", "Revoked"),
    "reason": ("Себебі", "Причина", "Reason"),
    "last_contact": ("Соңғы байланыс", "Последний контакт", "Last contact"),
    "outstanding": (
        "Расталмаған шешімдер",
        "Неподтвержденные решения",
        "Decisions not acknowledged",
    ),
    "unacked_packages": (
        "Расталмаған пакеттер",
        "Неподтвержденные пакеты",
        "Packages not acknowledged",
    ),
    "send": ("Шешімдер пакетін жасау", "Сформировать пакет решений", "Make the decisions package"),
    "trust_list": ("Сенім тізімі", "Список доверия", "Trust list"),
    "version": ("Нұсқасы", "Версия", "Version"),
    "period": ("Кезең", "Период", "Period"),
    "from": ("Басы", "С", "From"),
    "to": ("Соңы", "По", "To"),
    "export": ("Жүктеп алу", "Выгрузить", "Export"),
    "volumes": ("Мекемелер бойынша істер", "Дела по загранучреждениям", "Cases per mission"),
    "decided": ("Шешілген", "Решено", "Decided"),
    "add_user": ("Қызметкер қосу", "Добавить сотрудника", "Add a staff member"),
    "new_password": ("Жаңа құпиясөз", "Новый пароль", "New password"),
    "reset_password": ("Құпиясөзді ауыстыру", "Сменить пароль", "Reset the password"),
    "remove": ("Жою", "Удалить", "Remove"),
    "set_role": ("Рөлді сақтау", "Сохранить роль", "Save the role"),
    "forbidden": (
        "Бұл әрекетке рұқсатыңыз жоқ",
        "У вас нет права на это действие",
        "You may not do this",
    ),
    "bad_csrf": (
        "Пішін ескірген: бетті жаңартып, қайталаңыз",
        "Форма устарела: обновите страницу и повторите",
        "The form is stale: reload the page and try again",
    ),
    "stale": (
        "Бұл істі сізден бұрын басқа қызметкер өзгертті; ештеңе жазылмады, істі қайта қараңыз",
        "Это дело только что изменил другой сотрудник; ничего не записано, посмотрите дело заново",
        "Someone else changed this case just before you; nothing was recorded: look at it again",
    ),
    "done": ("Орындалды", "Выполнено", "Done"),
    "error": ("Қате", "Ошибка", "Error"),
    "not_found": ("Табылмады", "Не найдено", "Not found"),
    "wrong_login": (
        "Пайдаланушы аты немесе құпиясөз қате",
        "Неверное имя пользователя или пароль",
        "Wrong user name or password",
    ),
    "throttled": (
        "Тым көп қате әрекет; {s} секундтан кейін қайталаңыз",
        "Слишком много неудачных попыток; повторите через {s} с",
        "Too many failed attempts; try again in {s} s",
    ),
    "no_role": (
        "Сізге консоль рөлі берілмеген: әкімшіге хабарласыңыз",
        "Вам не назначена роль в консоли: обратитесь к администратору",
        "You have no console role: ask an administrator",
    ),
    "session_over": (
        "Сессия аяқталды: қайта кіріңіз",
        "Сеанс завершен: войдите снова",
        "Your session has ended: log in again",
    ),
    "skip": ("Негізгі мазмұнға өту", "Перейти к содержимому", "Skip to content"),
    "audit": ("Аудит журналы", "Журнал аудита", "Audit log"),
    "actor": ("Кім", "Кто", "Who"),
    "action": ("Әрекет", "Действие", "Action"),
    "when": ("Қашан", "Когда", "When"),
    "detail": ("Толығырақ", "Подробности", "Detail"),
    "iin": ("ЖСН", "ИИН", "IIN"),
    "surname": ("Тегі", "Фамилия", "Surname"),
    "first_name": ("Аты", "Имя", "Name"),
    "patronymic": ("Әкесінің аты", "Отчество", "Patronymic"),
    "leaving_place": (
        "Соңғы тіркелген мекенжайы",
        "Последнее место регистрации",
        "Last registered place",
    ),
    "field": ("Жол", "Поле", "Field"),
    "value": ("Мәні", "Значение", "Value"),
    "none": ("Жоқ", "Нет", "None"),
    "bad_date": (
        "Күн кк.аа.жжжж түрінде жазылады",
        "Дата записывается в виде дд.мм.гггг",
        "A date is written dd.mm.yyyy",
    ),
    "future_date": ("Күн әлі келген жоқ", "Эта дата еще не наступила", "The date is in the future"),
    "required": (
        "Міндетті жолдар толтырылмаған",
        "Не заполнены обязательные поля",
        "Required fields are empty",
    ),
    "already_final": (
        "Істе түпкілікті шешім бар",
        "По делу уже есть окончательное решение",
        "The case already has a final decision",
    ),
    "no_prelim": (
        "Дәлелді бас тарту алдын ала бас тартудан және қарсылықты қараудан кейін ғана жазылады",
        "Мотивированный отказ записывается только после предварительного отказа и рассмотрения возражения",
        "A reasoned refusal comes only after a preliminary refusal and the objection",
    ),
    "letter_sent_twice": (
        "Хаттың жіберілген күні бұрын жазылған",
        "Дата отправки письма уже записана",
        "The letter's date sent is recorded already",
    ),
    "nothing_to_letter": (
        "Бұл органға хат күтетін іс жоқ",
        "Нет дел, ожидающих письма в этот орган",
        "No routed case waits for a letter to this body",
    ),
    "rules_title": ("Қағидалардың жаңартулары", "Обновления Правил", "Rule updates"),
    "rules_published_list": ("Жарияланған нұсқалар", "Опубликованные редакции", "Published"),
    "rules_file": ("Қағидалар файлы", "Файл Правил", "Rules file"),
    "rules_publish": ("Қол қойып жариялау", "Подписать и опубликовать", "Sign and publish"),
    "rules_hint": (
        "Файл пәрмен жолындағыдай тексеріледі; әр шет елдердегі мекеме оны келесі шешімдер "
        "пакетімен алады",
        "Файл проверяется так же, как в командной строке; каждое загранучреждение получит его "
        "со следующим пакетом решений",
        "Checked as the command line checks it; every mission receives it with its next "
        "decisions package",
    ),
    "rules_done": (
        "Қағидалар нұсқасына қол қойылды",
        "Редакция Правил подписана",
        "Rule set signed",
    ),
    "in_force_from": ("Күшіне енеді", "Вступает в силу", "In force from"),
    "rules_assumed": (
        "болжамды күн: ресми жариялану күні көрсетілмеген",
        "предполагаемая дата: дата официального опубликования не указана",
        "assumed: the date of first official publication is not given",
    ),
    "rules_next_package": (
        "Әр шет елдердегі мекеменің келесі шешімдер пакеті оны жеткізеді.",
        "Следующий пакет решений каждого загранучреждения доставит ее.",
        "Every mission's next decisions package carries it.",
    ),
    "verifier_title": ("Тексеру беті", "Страница проверки", "Verifier site"),
    "verifier_address": ("Мекенжайы", "Адрес", "Address"),
    "verifier_no_address": (
        "берілмеген: QR кодтарда тек мөр мәтіні болады",
        "не задан: в QR-кодах только текст печати",
        "not set: QR codes hold the seal text only",
    ),
    "verifier_set": ("Мекенжайды сақтау", "Сохранить адрес", "Save the address"),
    "verifier_download": (
        "Тексеру бетін мұрағат ретінде жүктеп алу",
        "Скачать страницу проверки архивом",
        "Download the verifier site (ZIP)",
    ),
    "verifier_hint": (
        "Бет интернетсіз жұмыс істейді: оны осы мекенжайда орналастырыңыз немесе шекара бекетіне "
        "көшіріңіз. Жаңа мекенжай сенім тізімімен шет елдердегі мекемелерге келесі пакеттермен "
        "жетеді",
        "Страница работает без интернета: разместите ее по этому адресу или скопируйте на "
        "пограничный пост. Новый адрес доходит до загранучреждений со списком доверия в "
        "следующих пакетах",
        "The page works offline: host it at this address or copy it to a border post. A new "
        "address reaches the missions in the trust list with the next packages",
    ),
    "cases_count": ("Істер саны", "Количество дел", "Cases"),
}

T.update(ERROR_TEXTS)  # why a request was refused (refusals.py)

# The Department's own steps (audit actions) as the case page lists them.
STEPS: dict[str, tuple[str, str, str]] = {
    "route": ("Полиция органына жолданды", "Направлено в орган полиции", "Routed to a police body"),
    "decide": ("Полиция шешімі жазылды", "Записано решение полиции", "Police decision recorded"),
    "receive": ("Пакет қабылданды", "Пакет принят", "Package received"),
}

STAGE_KEYS = (
    "awaiting_decision",
    "preliminary_refusal",
    "objection",
    "permission",
    "reasoned_refusal",
)


def pick(texts: tuple[str, str, str], lang: str) -> str:
    return {"kk": texts[0], "ru": texts[1]}.get(lang, texts[2])


def text(key: str, lang: str) -> str:
    kk, ru, en = T[key]
    return {"kk": kk, "ru": ru}.get(lang, en)
