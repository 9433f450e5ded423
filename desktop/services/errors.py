"""Known errors: situations an officer or administrator can act on, never bugs.

Each carries its message in Kazakh, Russian and English; the CLI prints one line, the desk
shows a dialog. Anything else that escapes a service is a bug.
"""

from __future__ import annotations

import re

from desktop.domain.formats import ru_plural
from desktop.domain.i18n import Text


class KnownError(Exception):
    """`message`: whole sentences in each language. `details`: technical details (the exact
    check that failed, a file, in English) shown apart from the message, under a heading of
    their own — never appended to a Kazakh or Russian sentence."""

    details: str = ""

    def __init__(self, message: Text, *, details: str = "") -> None:
        super().__init__(message.en)
        self.message = message
        self.details = details


# The heading of the technical details where a message is printed as text (the command line).
TECHNICAL_DETAILS = Text("техникалық мәліметтер", "технические подробности", "details")


def technical_details(exc: KnownError, lang: str) -> str:
    """The details an officer reading `lang` has not been told by the message ("" if none)."""
    details = exc.details.strip()
    return details if details and details not in exc.message.get(lang) else ""


class StoreMissing(KnownError):
    def __init__(self, where: str) -> None:
        super().__init__(
            Text(
                f"{where} қалтасында Qonys қоймасы жоқ (алдымен `qonys init` немесе `qonys demo` орындаңыз)",
                f"В папке {where} нет хранилища Qonys (сначала выполните `qonys init` или `qonys demo`)",
                f"No Qonys store in {where} (run init or demo first)",
            )
        )


class StoreExists(KnownError):
    def __init__(self, where: str) -> None:
        super().__init__(
            Text(
                f"{where} қалтасында қойма бар; басқа қалтаны таңдаңыз",
                f"В папке {where} уже есть хранилище; выберите другую папку",
                f"{where} already holds a store; choose another folder",
            )
        )


class DatabaseUnreachable(KnownError):
    """The shared store's PostgreSQL server does not answer or refuses this desk (issue 21).

    `failure` is the kind (storage/pg_failures.py `Failure`'s values): each is said in the
    officer's language with what to do; libpq's own words (English) only for a kind not
    known, and always in the application log."""

    def __init__(self, where: str, reason: str = "", failure: str = "other") -> None:
        self.failure = failure
        self.reason = reason
        self.where = where
        template = _DATABASE_FAILURES.get(failure, _DATABASE_DID_NOT_OPEN)
        detail = f"{where}: {reason}" if reason else where
        super().__init__(template.format(where=where, detail=detail))
        # The same sentence without the address, for a window that shows it already beside
        # the message (the login's store line): said once, not twice.
        self.without_address = _without_address(template, reason)


_DATABASE_DID_NOT_OPEN = Text(
    "Ортақ дерекқор ашылмады: {detail}. Серверді, желіні және мекенжайды тексеріңіз.",
    "Общая база данных не открылась: {detail}. Проверьте сервер, сеть и адрес.",
    "The shared database did not open: {detail}. Check the server, the network and the address.",
)
# Where a template names the address: " (ADDRESS)" or "…: ADDRESS)"; and the colon before
# the detail, left with nothing to introduce when the server gave no words.
_ADDRESS = re.compile(r" \(\{where\}\)|: \{where\}")
_EMPTY_DETAIL = re.compile(r": \{detail\}")


def _without_address(template: Text, reason: str) -> Text:
    def drop(sentence: str) -> str:
        sentence = _ADDRESS.sub("", sentence)
        return sentence if reason else _EMPTY_DETAIL.sub("", sentence)

    return Text(drop(template.kk), drop(template.ru), drop(template.en)).format(detail=reason)


_DATABASE_FAILURES = {
    "unreachable": Text(
        "Ортақ дерекқордың сервері жауап бермейді ({where}). Сервердің іске қосылғанын және "
        "осы компьютерден оған жетуге болатынын (желі, мекенжай, порт) тексеріп, қайталап "
        "көріңіз.",
        "Сервер общей базы данных не отвечает ({where}). Проверьте, что он запущен и доступен "
        "с этого компьютера (сеть, адрес, порт), и повторите попытку.",
        "The shared database's server does not answer ({where}). Check that it is running "
        "and that this computer reaches it (network, address, port), then try again.",
    ),
    "certificate": Text(
        "Ортақ дерекқор серверінің сертификаты осы жұмыс орны сенетін сертификатқа сәйкес "
        "келмейді немесе сол сертификаттың файлы оқылмайды (мекенжайдағы `sslrootcert`: "
        "{where}). Кірмеңіз: бұл басқа сервер болуы мүмкін. Әкімші сервердің сертификатын "
        "және файлды тексерсін (`docs/administration.md`, 12-бөлім).",
        "Сертификат сервера общей базы данных не совпадает с тем, которому доверяет это "
        "рабочее место, или файл этого сертификата не читается (`sslrootcert` в адресе: "
        "{where}). Не входите: это может быть чужой сервер. Администратору следует проверить "
        "сертификат сервера и файл (`docs/administration.md`, раздел 12).",
        "The shared database's server did not show the certificate this desk trusts, or the "
        "file of that certificate cannot be read (`sslrootcert` in the address: {where}). Do "
        "not log in: it may be another server. The administrator checks the server's "
        "certificate and the file (`docs/administration.md`, section 12).",
    ),
    "no-database": Text(
        "Серверде мекенжайда аталған дерекқор жоқ ({where}). Мекенжайдағы дерекқор атауын "
        "тексеріңіз немесе әкімшіден оны жасауды сұраңыз.",
        "На сервере нет базы данных, названной в адресе ({where}). Проверьте имя базы в "
        "адресе или попросите администратора создать ее.",
        "The server has no database of the name in the address ({where}). Check the "
        "database's name in the address, or ask the administrator to create it.",
    ),
    "not-let-in": Text(
        "Сервер осы жұмыс орнын мекенжайдағы рөлмен кіргізбеді ({where}): рөлдің құпиясөзі "
        "(`~/.pgpass` немесе `PGPASSFILE` файлында) немесе клиент сертификаты жоқ не қате, "
        "немесе сервердің `pg_hba.conf` файлы бұл компьютерге рұқсат етпейді.",
        "Сервер не впустил это рабочее место под ролью из адреса ({where}): пароль роли (в "
        "файле `~/.pgpass` или `PGPASSFILE`) или клиентский сертификат отсутствует или "
        "неверен, либо `pg_hba.conf` сервера не разрешает этот компьютер.",
        "The server did not let this desk in as the role in the address ({where}): the "
        "role's password (in ~/.pgpass or PGPASSFILE) or client certificate is missing or "
        "wrong, or the server's `pg_hba.conf` does not allow this computer.",
    ),
    "no-rights": Text(
        "Мекенжайдағы рөлдің осы дерекқордағы мекеме қоймасын оқуға құқығы жоқ ({where}). "
        "Әкімші рөлге құқық берсін (дерекқордың иесі ету немесе кестелерге `GRANT`).",
        "У роли из адреса нет прав на хранилище загранучреждения в этой базе данных "
        "({where}). Администратору следует дать роли права (сделать ее владельцем базы или "
        "`GRANT` на таблицы).",
        "The role in the address has no rights on the mission's store in this database "
        "({where}). The administrator gives the role its rights (owner of the database, or "
        "`GRANT` on its tables).",
    ),
}


class StoreConnectionLost(KnownError):
    """The shared store's server went away in the middle of a unit of work (issue 21)."""

    def __init__(self) -> None:
        super().__init__(
            Text(
                "Ортақ дерекқор жауап бермеді (сервер қайта іске қосылған болуы мүмкін); бұл "
                "өзгеріс сақталмады. Қайталап көріңіз: жұмыс орны қайта қосылады.",
                "Общая база данных не ответила (возможно, сервер перезапущен); это изменение не "
                "сохранено. Повторите: рабочее место подключится снова.",
                "The shared database did not answer (its server may have restarted); this "
                "change was not saved. Try again: the desk reconnects.",
            )
        )


class StoreNotAnswering(KnownError):
    """The shared store's server went away while the desk read from it (issue 21)."""

    def __init__(self) -> None:
        super().__init__(
            Text(
                "Ортақ дерекқор жауап бермейді (сервер тоқтаған, қайта іске қосылып жатқан "
                "немесе желі үзілген болуы мүмкін); ештеңе өзгертілмеді. Біраздан кейін "
                "қайталап көріңіз: жұмыс орны өзі қайта қосылады.",
                "Общая база данных не отвечает (сервер остановлен, перезапускается или "
                "прервана сеть); ничего не изменено. Повторите чуть позже: рабочее место "
                "подключится само.",
                "The shared database does not answer (its server is stopped or restarting, or "
                "the network is down); nothing was changed. Try again in a while: the desk "
                "reconnects by itself.",
            )
        )


def as_known(exc: BaseException) -> KnownError | None:
    """`exc` as a message the officer can act on, or None for a bug. Besides a KnownError:
    the shared store's server gone while a read or a save ran outside a desk's unit of
    work (the case list's pages, a search)."""
    if isinstance(exc, KnownError):
        return exc
    if type(exc).__module__.startswith("sqlalchemy"):
        from desktop.storage.pg_failures import connection_failed  # with the store, never before

        if connection_failed(exc):
            return StoreNotAnswering()
    return None


class StoreBusy(KnownError):
    """Another desk held the shared store's lock longer than the wait allows (issue 21)."""

    def __init__(self) -> None:
        super().__init__(
            Text(
                "Ортақ қойманы басқа жұмыс орны 30 секундтан астам ұстап тұр; бұл өзгеріс "
                "сақталмады. Қайталап көріңіз.",
                "Общее хранилище занято другим рабочим местом более 30 секунд; это изменение "
                "не сохранено. Повторите попытку.",
                "Another desk has held the shared store for more than 30 s; this change was not "
                "saved. Try again.",
            )
        )


class StoreDamaged(KnownError):
    def __init__(self, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            Text(
                f"Қойма зақымданған немесе Qonys қоймасы емес{extra}",
                f"Хранилище повреждено или не является хранилищем Qonys{extra}",
                f"The store is damaged or is not a Qonys store{extra}",
            )
        )


class WrongCredentials(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Логин немесе құпиясөз қате",
                "Неверный логин или пароль",
                "Wrong login or password",
            )
        )


class LoginThrottled(KnownError):
    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        seconds = max(1, round(retry_after))
        super().__init__(
            Text(
                f"Сәтсіз әрекеттер тым көп; {seconds} секундтан кейін қайталаңыз",
                f"Слишком много неудачных попыток; повторите через {seconds} "
                + ru_plural(seconds, "секунду", "секунды", "секунд"),
                f"Too many failed attempts; try again in {seconds} "
                + ("second" if seconds == 1 else "seconds"),
            )
        )


class LoginRecordRemoved(LoginThrottled):
    """The failed-login record was removed or rolled back: everyone waits, then it is told."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        seconds = max(1, round(retry_after))
        KnownError.__init__(
            self,
            Text(
                f"Сәтсіз кіру әрекеттерінің есебі жойылған немесе ескі күйіне қайтарылған; "
                f"{seconds} секундтан кейін қайталаңыз",
                "Учет неудачных попыток входа удален или откачен; повторите через "
                f"{seconds} " + ru_plural(seconds, "секунду", "секунды", "секунд"),
                f"The record of failed logins was removed or rolled back; "
                f"try again in {seconds} " + ("second" if seconds == 1 else "seconds"),
            ),
        )


ROLE_TITLES: dict[str, Text] = {
    "officer": Text("қызметкер", "сотрудник", "officer"),
    "consul": Text("консулдық лауазымды адам", "консульское должностное лицо", "consul"),
    "admin": Text("әкімші", "администратор", "administrator"),
}

# What `DeskContext.require(role, action)` names, in the officer's language. The services pass
# the English phrase; tests/services/test_errors.py checks every literal `require` has one.
ACTION_TITLES: dict[str, Text] = {
    "move the store": Text("қойманы көшіруге", "переносить хранилище", ""),
    "move scan pages into files": Text(
        "сканерленген беттерді файлдарға көшіруге",
        "переносить отсканированные страницы в файлы",
        "",
    ),
    "change the mission settings": Text(
        "шет елдердегі мекеменің баптауларын өзгертуге", "изменять настройки загранучреждения", ""
    ),
    "change mission settings": Text(
        "шет елдердегі мекеменің баптауларын өзгертуге", "изменять настройки загранучреждения", ""
    ),
    "set the recovery key": Text(
        "қалпына келтіру кілтін орнатуға", "устанавливать ключ восстановления", ""
    ),
    "change the mission calendar": Text(
        "шет елдердегі мекеменің жұмыс күнтізбесін өзгертуге",
        "изменять рабочий календарь загранучреждения",
        "",
    ),
    "edit the checklist": Text("құжаттар тізбесін өзгертуге", "изменять перечень документов", ""),
    "attach scans": Text("сканерленген беттерді тіркеуге", "прикреплять сканы", ""),
    "release a retained document": Text(
        "сақтаудағы құжатты қайтаруға", "возвращать документ с хранения", ""
    ),
    "install a signing certificate for another officer": Text(
        "басқа қызметкерге қол қою сертификатын орнатуға",
        "устанавливать сертификат подписи другому сотруднику",
        "",
    ),
    "issue the Annex 4 notification": Text(
        "4-қосымша бойынша хабарламаны ресімдеуге", "оформлять уведомление по приложению 4", ""
    ),
    "install the Department's enrolment bundle": Text(
        "Департаменттің тіркеу жинағын орнатуға", "устанавливать пакет регистрации Департамента", ""
    ),
    "add officers": Text("қызметкерлерді қосуға", "добавлять сотрудников", ""),
    "remove officers": Text("қызметкерлерді өшіруге", "удалять сотрудников", ""),
    "reset passwords": Text("құпиясөздерді қайта орнатуға", "сбрасывать пароли", ""),
    "record a returned original": Text(
        "қайтарылған түпнұсқаны тіркеуге", "записывать возврат оригинала", ""
    ),
    "read the §3(2) registers": Text(
        "3-тармақтың 2) тармақшасы бойынша тізілімдерді қарауға",
        "просматривать реестры по пп. 2 п. 3",
        "",
    ),
    "verify the audit log": Text("аудит журналын тексеруге", "проверять журнал аудита", ""),
    "reset the chain of packages from the Department": Text(
        "Департаменттен келетін пакеттер тізбегін қайта бастауға",
        "сбрасывать цепочку пакетов от Департамента",
        "",
    ),
}


def action_title(action: str | Text) -> Text:
    if isinstance(action, Text):
        return action
    known = ACTION_TITLES.get(action)
    if known is None:
        return Text(action, action, action)
    return Text(known.kk, known.ru, known.en or action)


def case_ref(number: object) -> Text:
    """A case by its number or id, as a noun phrase in each language."""
    return Text(f"№ {number} іс", f"дело № {number}", f"case {number}")


def page_ref(page: object) -> Text:
    return Text(f"{page}-бет", f"страница {page}", f"page {page}")


def document_ref(document: object) -> Text:
    return Text(f"№ {document} құжат", f"документ № {document}", f"document {document}")


def officer_ref(login: str) -> Text:
    return Text(f"«{login}» қызметкері", f"сотрудник «{login}»", f"officer {login}")


def custody_ref(entry: object) -> Text:
    return Text(
        f"№ {entry} сақтау жазбасы", f"запись о хранении № {entry}", f"custody entry {entry}"
    )


class PermissionDenied(KnownError):
    def __init__(self, action: str | Text, role_needed: str) -> None:
        role = ROLE_TITLES.get(role_needed, Text(role_needed, role_needed, role_needed))
        title = action_title(action)
        # The Kazakh sentence starts with the action: a capital letter.
        title = Text(title.kk[:1].upper() + title.kk[1:], title.ru, title.en)
        super().__init__(
            Text(
                "{action} құқығыңыз жоқ (қажет рөл: {role})",
                "Нет прав {action} (нужна роль: {role})",
                "You may not {action} (role needed: {role})",
            ).format(action=title, role=role)
        )


class NotFound(KnownError):
    def __init__(self, what: str | Text) -> None:
        super().__init__(
            Text("Табылмады: {what}", "Не найдено: {what}", "Not found: {what}").format(what=what)
        )


class Conflict(KnownError):
    """Someone else saved the same record since it was read."""

    def __init__(self, what: str | Text) -> None:
        what = case_ref(what) if isinstance(what, str) else what
        super().__init__(
            Text(
                "{what} басқа пайдаланушы өзгертті; қайта ашыңыз",
                "{what}: изменено другим пользователем; откройте заново",
                "{what} was changed by someone else; open it again",
            ).format(what=what)
        )


class InvalidInput(KnownError):
    """Bad values given to a service (not questionnaire validation, which is data)."""
