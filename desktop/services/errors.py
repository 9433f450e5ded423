"""Known errors: situations an officer or administrator can act on, never bugs.

Each carries its message in Kazakh, Russian and English; the CLI prints one line, the desk
shows a dialog. Anything else that escapes a service is a bug.
"""

from __future__ import annotations

from desktop.domain.i18n import Text
from desktop.domain.validation import Issue


class KnownError(Exception):
    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


class StoreMissing(KnownError):
    def __init__(self, where: str) -> None:
        super().__init__(
            Text(
                f"{where} қалтасында Qonys қоймасы жоқ (алдымен init немесе demo орындаңыз)",
                f"В папке {where} нет хранилища Qonys (сначала выполните init или demo)",
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
                f"Сәтсіз әрекеттер тым көп; {seconds} с кейін қайталаңыз",
                f"Слишком много неудачных попыток; повторите через {seconds} с",
                f"Too many failed attempts; try again in {seconds} s",
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
                f"{seconds} с кейін қайталаңыз",
                f"Учёт неудачных попыток входа удалён или откачен; повторите через {seconds} с",
                f"The record of failed logins was removed or rolled back; "
                f"try again in {seconds} s",
            ),
        )


class PermissionDenied(KnownError):
    def __init__(self, action: str, role_needed: str) -> None:
        super().__init__(
            Text(
                f"«{action}» әрекетіне құқығыңыз жоқ (қажет рөл: {role_needed})",
                f"Нет прав на действие «{action}» (нужна роль: {role_needed})",
                f"You may not {action} (role needed: {role_needed})",
            )
        )


class NotFound(KnownError):
    def __init__(self, what: str) -> None:
        super().__init__(Text(f"Табылмады: {what}", f"Не найдено: {what}", f"Not found: {what}"))


class Conflict(KnownError):
    """Someone else saved the same record since it was read."""

    def __init__(self, what: str) -> None:
        super().__init__(
            Text(
                f"{what} басқа пайдаланушы өзгертті; қайта ашыңыз",
                f"{what} изменен другим пользователем; откройте заново",
                f"{what} was changed by someone else; open it again",
            )
        )


class InvalidInput(KnownError):
    """Bad values given to a service (not questionnaire validation, which is data)."""


class ValidationFailed(KnownError):
    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0]
        super().__init__(
            Text(
                f"{first.path}: {first.message.kk}",
                f"{first.path}: {first.message.ru}",
                f"{first.path}: {first.message.en}",
            )
        )
