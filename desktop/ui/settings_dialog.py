"""The mission settings dialog: every key of the registry in one form (administrator).

Self-contained: `MissionSettingsDialog(ctx, lang=..., parent=...)`. Values are edited as the
same text the command line takes (`qonys settings set KEY VALUE`), each checked by the service
when saved; a refused value is shown next to its field and nothing of it is stored. Officers who
are not administrators see the settings read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.i18n import Text
from desktop.services import settings as settings_service
from desktop.services.context import DeskContext, Role
from desktop.services.errors import KnownError

_TITLE = Text("Өкілдік баптаулары", "Настройки загранучреждения", "Mission settings")
_SAVED = Text("Сақталды", "Сохранено", "Saved")
_READ_ONLY = Text(
    "Тек әкімші өзгерте алады",
    "Изменять может только администратор",
    "Only an administrator can change these",
)


# Each setting by its name on the screen, and a hint (examples in the form the value takes).
# The key (`qonys settings set KEY VALUE`) stays in the field's tooltip only.
LABELS: dict[str, tuple[Text, Text]] = {
    "mission.code": (
        Text("Өкілдік коды", "Код загранучреждения", "Mission code"),
        Text("мысалы KZ-BER", "например KZ-BER", "e.g. KZ-BER"),
    ),
    "mission.name": (
        Text("Өкілдіктің ресми атауы", "Официальное название", "Official name"),
        Text("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "host.country": (
        Text("Қабылдаушы ел", "Страна пребывания", "Host country"),
        Text("ISO 3166 екі әріп, мысалы DE", "ISO 3166, две буквы, например DE",
             "ISO 3166 two letters, e.g. DE"),
    ),
    "host.city": (Text("Қала", "Город", "City"), Text("", "", "")),
    "host.subdivision": (
        Text("Мерекелері қолданылатын аймақ", "Регион, чьи праздники действуют",
             "Region whose holidays apply"),
        Text("ISO 3166-2, мысалы BE", "ISO 3166-2, например BE", "ISO 3166-2, e.g. BE"),
    ),
    "host.timezone": (
        Text("Уақыт белдеуі", "Часовой пояс", "Time zone"),
        Text("мысалы Europe/Berlin; бос: осы компьютердікі",
             "например Europe/Berlin; пусто: как на этом компьютере",
             "e.g. Europe/Berlin; empty: this computer's own"),
    ),
    "forms.address_kk": (
        Text("Мекенжай (қазақша)", "Адрес (на казахском)", "Address (Kazakh)"), Text("", "", "")
    ),
    "forms.address_ru": (
        Text("Мекенжай (орысша)", "Адрес (на русском)", "Address (Russian)"), Text("", "", "")
    ),
    "forms.phone": (
        Text("Телефон", "Телефон", "Telephone"),
        Text("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "forms.email": (
        Text("Электрондық пошта", "Электронная почта", "E-mail"),
        Text("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "forms.website": (
        Text("Веб-сайт", "Веб-сайт", "Web site"),
        Text("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "reception.intake": (
        Text("Құжаттарды қабылдау сағаттары", "Часы приёма документов", "Hours of intake"),
        Text("мысалы 09:30-12:30", "например 09:30-12:30", "e.g. 09:30-12:30"),
    ),
    "reception.issue": (
        Text("Нәтижелерді беру сағаттары", "Часы выдачи результатов", "Hours of issue"),
        Text("мысалы 16:00-17:00", "например 16:00-17:00", "e.g. 16:00-17:00"),
    ),
    "reception.closed_weekdays": (
        Text("Қабылдаусыз жұмыс күндері", "Рабочие дни без приёма",
             "Working days without reception"),
        Text("күн кодтары: mon … sun", "коды дней: mon … sun", "day codes: mon … sun"),
    ),
    "calendar.weekend": (
        Text("Демалыс күндері", "Выходные дни", "Weekend"),
        Text("күн кодтары, мысалы sat,sun", "коды дней, например sat,sun",
             "day codes, e.g. sat,sun"),
    ),
    "calendar.closures": (
        Text("Өкілдік жабық күндер", "Дни закрытия", "Closure days"),
        Text("мысалы 2026-12-24,2026-12-30..2026-12-31",
             "например 2026-12-24,2026-12-30..2026-12-31",
             "e.g. 2026-12-24,2026-12-30..2026-12-31"),
    ),
    "calendar.extra_working_days": (
        Text("Қосымша жұмыс күндері", "Дополнительные рабочие дни", "Extra working days"),
        Text("мысалы 2026-05-08", "например 2026-05-08", "e.g. 2026-05-08"),
    ),
    "calendar.follow_kz_transfers": (
        Text("Қазақстанның ауыстырылған жұмыс күндері", "Переносы рабочих дней Казахстана",
             "Kazakhstan's transferred working days"),
        Text("yes немесе no", "yes или no", "yes or no"),
    ),
    "signing.officials": (
        Text("Қол қоятын лауазымды адамдар", "Подписывающие должностные лица",
             "Signing officials"),
        Text("JSON тізімі", "список JSON", "a JSON list"),
    ),
    "backup.folder": (
        Text("Сақтық көшірмелер қалтасы", "Папка резервных копий", "Backup folder"),
        Text("", "", ""),
    ),
    "backup.reminder_days": (
        Text("Еске салу, күн", "Напоминать через, дней", "Remind after, days"),
        Text("соңғы көшірмеден кейін", "после последней копии", "after the last backup"),
    ),
}


def _label(key: str, lang: str) -> tuple[str, str]:
    known = LABELS.get(key)
    if known is None:  # a setting added without a label yet: its key, not nothing
        return key, ""
    return known[0].get(lang), known[1].get(lang)


class MissionSettingsDialog(QDialog):
    """Signals: settings_saved(list): the keys that were changed."""

    settings_saved = Signal(list)

    def __init__(
        self, ctx: DeskContext, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.setWindowTitle(_TITLE.get(lang))
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._shown: dict[str, str] = {}
        editable = ctx.officer.may(Role.ADMIN)
        form_host = QWidget()
        form = QFormLayout(form_host)
        values = settings_service.show(ctx).values
        for setting in settings_service.REGISTRY:
            text = settings_service.format_value(values[setting.key])
            edit = QLineEdit(text)
            label, hint = _label(setting.key, lang)
            edit.setToolTip(f"{hint}\n(qonys settings set {setting.key} …)".lstrip())
            edit.setPlaceholderText(hint)
            edit.setReadOnly(not editable)
            error = QLabel()
            error.setStyleSheet("color: #b00020")
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(edit)
            column.addWidget(error)
            holder = QWidget()
            holder.setLayout(column)
            form.addRow(label, holder)
            self.fields[setting.key] = edit
            self.errors[setting.key] = error
            self._shown[setting.key] = text
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.status = QLabel("" if editable else _READ_ONLY.get(lang))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
            if editable
            else QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        """Save what changed; keep the dialog open to show what was refused."""
        changed: list[str] = []
        refused = 0
        for key, edit in self.fields.items():
            error = self.errors[key]
            if edit.text() == self._shown[key]:
                error.hide()
                continue
            try:
                value = settings_service.set_value(self._ctx, key, edit.text())
            except KnownError as exc:
                error.setText(exc.message.get(self._lang))
                error.show()
                refused += 1
                continue
            error.hide()
            shown = settings_service.format_value(value)
            edit.setText(shown)
            self._shown[key] = shown
            changed.append(key)
        self.status.setText(_SAVED.get(self._lang) if not refused else "")
        if changed:
            self.settings_saved.emit(changed)
