"""The mission settings as the settings dialog names them, in Kazakh, Russian and English.

The registry (`settings.REGISTRY`) keys are the CLI's names (`qonys settings set mission.code
…`); an officer on screen reads these titles and hints instead. tests/services/test_settings.py
checks every registry key has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.i18n import Text


@dataclass(frozen=True, slots=True)
class SettingTitle:
    label: Text
    hint: Text


def _s(label: tuple[str, str, str], hint: tuple[str, str, str]) -> SettingTitle:
    return SettingTitle(Text(*label), Text(*hint))


SETTING_TITLES: dict[str, SettingTitle] = {
    "mission.code": _s(
        ("Шет елдердегі мекеменің коды", "Код загранучреждения", "Mission code"),
        ("мысалы, KZ-BER", "например, KZ-BER", "e.g. KZ-BER"),
    ),
    "mission.name": _s(
        (
            "Шет елдердегі мекеменің ресми атауы",
            "Официальное наименование загранучреждения",
            "Official name of the mission",
        ),
        ("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "host.country": _s(
        ("Болу елі", "Страна пребывания", "Host country"),
        (
            "ISO 3166 бойынша екі әріп, мысалы, DE",
            "две буквы по ISO 3166, например, DE",
            "ISO 3166 two letters, e.g. DE",
        ),
    ),
    "host.city": _s(
        ("Қала", "Город", "City"),
        (
            "шет елдердегі мекеме орналасқан қала",
            "город, где находится загранучреждение",
            "city of the mission",
        ),
    ),
    "host.subdivision": _s(
        ("Болу елінің өңірі", "Регион страны пребывания", "Region of the host country"),
        (
            "мерекелері қолданылатын өңір (ISO 3166-2), мысалы, BE",
            "регион, чьи праздники действуют (ISO 3166-2), например, BE",
            "region whose public holidays apply (ISO 3166-2, e.g. BE)",
        ),
    ),
    "host.timezone": _s(
        ("Уақыт белдеуі", "Часовой пояс", "Time zone"),
        (
            "IANA атауы, мысалы, `Europe/Berlin`; бос болса — осы компьютердің белдеуі",
            "название IANA, например, `Europe/Berlin`; пусто — пояс этого компьютера",
            "IANA time zone of the mission (empty: this computer's own)",
        ),
    ),
    "forms.address_kk": _s(
        ("Мекенжай (қазақ тілінде)", "Адрес (на казахском языке)", "Address, in Kazakh"),
        ("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "forms.address_ru": _s(
        ("Мекенжай (орыс тілінде)", "Адрес (на русском языке)", "Address, in Russian"),
        ("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "forms.phone": _s(
        ("Телефон", "Телефон", "Telephone"),
        ("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "forms.email": _s(
        ("Электрондық пошта", "Электронная почта", "E-mail"),
        ("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "forms.website": _s(
        ("Интернет-ресурс", "Интернет-ресурс", "Web site"),
        ("бланкілерде басылады", "печатается на бланках", "printed on the forms"),
    ),
    "reception.intake": _s(
        ("Құжаттарды қабылдау уақыты", "Часы приема документов", "Hours documents are accepted"),
        ("мысалы, 09:30-12:30", "например, 09:30-12:30", "e.g. 09:30-12:30"),
    ),
    "reception.issue": _s(
        ("Нәтижелерді беру уақыты", "Часы выдачи результатов", "Hours results are issued"),
        ("мысалы, 16:00-17:00", "например, 16:00-17:00", "e.g. 16:00-17:00"),
    ),
    "reception.closed_weekdays": _s(
        (
            "Қабылдау жүргізілмейтін жұмыс күндері",
            "Рабочие дни без приема",
            "Working days without reception",
        ),
        (
            "апта күндерінің қысқа ағылшынша атаулары, мысалы, `wed`",
            "краткие английские названия дней недели, например, `wed`",
            "e.g. wed",
        ),
    ),
    "calendar.weekend": _s(
        ("Демалыс күндері", "Выходные дни", "Weekend"),
        ("мысалы, `sat,sun`", "например, `sat,sun`", "e.g. sat,sun"),
    ),
    "calendar.closures": _s(
        (
            "Шет елдердегі мекеме жұмыс істемейтін күндер",
            "Дни, когда загранучреждение закрыто",
            "Days the mission is closed",
        ),
        (
            "КК.АА.ЖЖЖЖ түріндегі күндер мен аралықтар (..), үтір арқылы",
            "даты и периоды (..) в виде ДД.ММ.ГГГГ через запятую",
            "dates and ranges (..) as DD.MM.YYYY, comma-separated",
        ),
    ),
    "calendar.extra_working_days": _s(
        ("Қосымша жұмыс күндері", "Дополнительные рабочие дни", "Extra working days"),
        (
            "күнтізбе бойынша демалыс болса да, мекеме жұмыс істейтін күндер",
            "дни, когда загранучреждение работает, хотя по календарю выходной",
            "days the mission works although a calendar says it is off",
        ),
    ),
    "calendar.follow_kz_transfers": _s(
        (
            "Қазақстанның ауыстырылған жұмыс күндері",
            "Переносы рабочих дней Казахстана",
            "Kazakhstan's transferred working days",
        ),
        (
            "`yes` — ескеру, `no` — ескермеу",
            "`yes` — учитывать, `no` — не учитывать",
            "follow them (yes/no)",
        ),
    ),
    "signing.officials": _s(
        ("Қол қоятын лауазымды адамдар", "Подписывающие должностные лица", "Signing officials"),
        (
            'JSON тізімі: `{"name", "position_kk", "position_ru"[, "login"]}`',
            'список JSON: `{"name", "position_kk", "position_ru"[, "login"]}`',
            'JSON list of {"name", "position_kk", "position_ru"[, "login"]}',
        ),
    ),
    "backup.folder": _s(
        ("Сақтық көшірмелер қалтасы", "Папка резервных копий", "Backup folder"),
        ("әдепкі қалта", "папка по умолчанию", "default folder for backups"),
    ),
    "backup.reminder_days": _s(
        (
            "Сақтық көшірме туралы еске салу (күн)",
            "Напоминание о резервной копии (дней)",
            "Backup reminder (days)",
        ),
        (
            "соңғы көшірме осыдан ескі болса, еске салады",
            "напомнить, если последняя копия старше",
            "remind when the last backup is older than this",
        ),
    ),
    "sync.department_url": _s(
        ("Департамент серверінің мекенжайы", "Адрес сервера Департамента", "Department server"),
        (
            "бос болса, пакеттер тек қолмен жеткізіледі",
            "если пусто, пакеты доставляются только вручную",
            "empty: packages travel by hand only",
        ),
    ),
    "sync.bandwidth_kbps": _s(
        (
            "Синхрондау жолағының шегі (кбит/с)",
            "Ограничение полосы синхронизации (кбит/с)",
            "Sync bandwidth limit (kbit/s)",
        ),
        ("0 болса, шек жоқ", "0 означает без ограничения", "0 means no limit"),
    ),
    "sync.warn_after_days": _s(
        (
            "Жеткізілмеген пакет туралы ескерту (жұмыс күні)",
            "Предупреждение о недоставленном пакете (рабочих дней)",
            "Warn about an undelivered package after (working days)",
        ),
        (
            "бақылау тақтасында көрсетіледі",
            "показывается на панели сроков",
            "shown on the dashboard",
        ),
    ),
}
