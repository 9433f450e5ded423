"""What a scanner, a camera or a page file can go wrong with, by stable code, in kk/ru/en.

Every `ScanError` the scanning room raises names one of these codes (`ScanError.coded`); the
desk shows the officer's language, the log and the CLI keep the code and the English. A code
never changes meaning once given (tests and support notes refer to it); add new ones instead.

Values that come from outside (a driver's own message, a file system's reason) are data: they
are put in as they are, after the wording.
"""

from __future__ import annotations

from desktop.domain import form_labels
from desktop.domain.i18n import Text

T = Text

MESSAGES: dict[str, Text] = {
    # --- scanners ---
    "scanner.driver_missing": T(
        "Сканер қолдауы орнатылмаған ({package})",
        "Поддержка сканеров не установлена ({package})",
        "scanner support is not installed ({package})",
    ),
    "scanner.list_failed": T(
        "Сканерлер тізімі алынбады: {detail}",
        "Не удалось получить список сканеров: {detail}",
        "could not list scanners: {detail}",
    ),
    "scanner.open_failed": T(
        "Сканер ашылмады: {detail}",
        "Сканер не открывается: {detail}",
        "the scanner could not be opened: {detail}",
    ),
    "scanner.not_connected": T(
        "Сканер қосылмаған: кабелі мен қуатын тексеріңіз",
        "Сканер не подключен: проверьте кабель и питание",
        "the scanner is not connected: check its cable and power",
    ),
    "scanner.not_responding": T(
        "Сканер жауап бермейді ({detail}): қосулы және жалғанғанын тексеріңіз.{kept}",
        "Сканер не отвечает ({detail}): проверьте, что он включен и подключен.{kept}",
        "the scanner stopped responding ({detail}): check that it is on and connected.{kept}",
    ),
    "scanner.jammed": T(
        "Сканерде қағаз кептеліп қалды: оны алып, қайта сканерлеңіз.{kept}",
        "В сканере застряла бумага: извлеките ее и отсканируйте снова.{kept}",
        "the paper is jammed in the scanner: clear it and scan again.{kept}",
    ),
    "scanner.cover_open": T(
        "Сканердің қақпағы ашық: жабып, қайта сканерлеңіз.{kept}",
        "Крышка сканера открыта: закройте ее и отсканируйте снова.{kept}",
        "the scanner's cover is open: close it and scan again.{kept}",
    ),
    "scanner.fault": T(
        "Сканер қате туралы хабарлады: {detail}.{kept}",
        "Сканер сообщил об ошибке: {detail}.{kept}",
        "the scanner reported an error: {detail}.{kept}",
    ),
    "scanner.none": T(
        "Сканер табылмады: қосулы және жалғанғанын тексеріңіз",
        "Сканер не найден: проверьте, что он включен и подключен",
        "no scanner found: check that one is on and connected",
    ),
    "scan.fault": T(
        "Сканерлеу сәтсіз аяқталды: {detail}",
        "Сканирование не удалось: {detail}",
        "scanning failed: {detail}",
    ),
    "scanner.feeder_empty": T(
        "Құжат беру құрылғысы бос: беттерді салыңыз",
        "Автоподатчик пуст: вложите страницы",
        "the document feeder is empty: put the pages in the feeder",
    ),
    "scanner.no_feeder": T(
        "Бұл сканерде құжат беру құрылғысы жоқ: планшетті пайдаланыңыз",
        "У этого сканера нет автоподатчика: используйте планшет",
        "this scanner has no document feeder: use the flatbed",
    ),
    "scan.resolution": T(
        "Ажыратымдылық {low} мен {high} dpi аралығында болуы керек, {value} емес",
        "Разрешение должно быть от {low} до {high} dpi, а не {value}",
        "the resolution must be between {low} and {high} dpi, not {value}",
    ),
    "scan.cancelled": T(
        "Сканерлеу тоқтатылды.{kept}",
        "Сканирование отменено.{kept}",
        "scanning was cancelled.{kept}",
    ),
    # --- the camera ---
    "camera.empty": T(
        "Камера бос сурет берді: бетті қайта түсіріңіз",
        "Камера передала пустой снимок: сфотографируйте страницу еще раз",
        "the camera delivered an empty picture: capture the page again",
    ),
    "camera.too_large": T(
        "Камераның суреті тым үлкен ({width} × {height} пиксель): төменірек ажыратымдылықты таңдаңыз",
        "Снимок камеры слишком большой ({width} × {height} пикселей): выберите меньшее разрешение",
        "the camera's picture is too large ({width} × {height} pixels): choose a lower resolution",
    ),
    # --- files and pictures ---
    "file.unreadable": T(
        "Файл оқылмады: {detail}",
        "Файл не читается: {detail}",
        "the file cannot be read: {detail}",
    ),
    "file.empty": T("Файл бос (0 байт)", "Файл пуст (0 байт)", "the file is empty (0 bytes)"),
    "file.too_large": T(
        "Файл тым үлкен ({size} МБ; ең көбі {limit} МБ)",
        "Файл слишком большой ({size} МБ; не более {limit} МБ)",
        "the file is too large ({size} MB; at most {limit} MB)",
    ),
    "file.unsupported": T(
        "Бұл файл түрі қолданылмайды: JPEG, PNG, TIFF немесе PDF пайдаланыңыз",
        "Тип файла не поддерживается: используйте JPEG, PNG, TIFF или PDF",
        "unsupported file type: use JPEG, PNG, TIFF or PDF",
    ),
    "file.too_many_pages": T(
        "{kind} файлындағы бет саны: {count}; бір құжатта ең көбі {limit} бет, мұнда тағы {room}",
        "В файле {kind} страниц: {count}; в документе не более {limit}, здесь осталось {room}",
        "the {kind} file has {count} pages; a document holds at most {limit} ({room} more here)",
    ),
    "file.damaged": T(
        "{kind} файлы зақымданған, оқылмайды",
        "Файл {kind} поврежден и не читается",
        "the {kind} file is damaged and cannot be read",
    ),
    "file.truncated": T(
        "{kind} файлы толық емес (көшірме немесе жүктеу аяқталмаған болар)",
        "Файл {kind} обрезан (копирование или загрузка не завершены?)",
        "the {kind} file is truncated (incomplete copy or download?)",
    ),
    "image.bomb": T(
        "{kind} суреті қауіпсіз ашу үшін тым үлкен",
        "Изображение {kind} слишком велико, чтобы открыть его безопасно",
        "the {kind} picture is too large to open safely (decompression bomb?)",
    ),
    "image.too_large": T(
        "Сурет тым үлкен ({width} × {height} пиксель): ол зақымданған болуы мүмкін; 300 dpi "
        "ажыратымдылықпен сканерлеңіз",
        "Изображение слишком большое ({width} × {height} пикселей): возможно, оно повреждено; "
        "отсканируйте с разрешением 300 dpi",
        "the picture is too large ({width} × {height} pixels): it may be damaged or hostile; "
        "scan at 300 dpi instead",
    ),
    "pdf.password": T(
        "PDF құпиясөзбен қорғалған: қорғалмаған көшірмесін сақтап, соны қосыңыз",
        "PDF защищен паролем: сохраните незащищенную копию и добавьте ее",
        "the PDF is password-protected: save an unprotected copy and import that",
    ),
    "pdf.damaged": T(
        "PDF зақымданған немесе PDF емес: ашылмайды",
        "PDF поврежден или это не PDF: файл не открывается",
        "the PDF is damaged or not a PDF: it cannot be opened",
    ),
    "pdf.empty": T("PDF-те бет жоқ", "В PDF нет страниц", "the PDF has no pages"),
    "pdf.page_too_large": T(
        "PDF-тің {page}-бетін салу үшін ол тым үлкен ({width} × {height} мм)",
        "Страница {page} PDF слишком велика для отрисовки ({width} × {height} мм)",
        "page {page} of the PDF is too large to render ({width} × {height} mm)",
    ),
    "pdf.page_unrenderable": T(
        "PDF-тің {page}-беті салынбады",
        "Страницу {page} PDF не удалось отрисовать",
        "page {page} of the PDF cannot be rendered",
    ),
    # --- the passport's machine-readable zone ---
    "mrz.not_found": T(
        "Беттерде машинамен оқылатын аймақ (MRZ) табылмады",
        "На страницах не найдена машиночитаемая зона (MRZ)",
        "no machine-readable zone found on the pages",
    ),
    "mrz.not_in_file": T(
        "Файлда машинамен оқылатын аймақ (MRZ) табылмады",
        "В файле не найдена машиночитаемая зона (MRZ)",
        "no machine-readable zone found in the file",
    ),
    "mrz.reader_failed": T(
        "Паспорт оқу құрылғысы жұмыс істемеді: {detail}",
        "Считыватель паспортов не сработал: {detail}",
        "the passport reader failed: {detail}",
    ),
    # --- the machine-readable zone itself (`MrzError`) ---
    "mrz.layout": T(
        "MRZ-да 44 таңбадан 2 жол (паспорт, виза), 30 таңбадан 3 жол немесе 36 таңбадан 2 жол "
        "(жеке куәлік, виза) болады; енгізілген жол саны: {lines}, олардағы таңба саны: {widths}",
        "В MRZ 2 строки по 44 символа (паспорт, виза), 3 строки по 30 или 2 строки по 36 "
        "(удостоверение личности, виза); введено строк: {lines}, символов в них: {widths}",
        "an MRZ has 2 lines of 44 characters (passport, visa), 3 lines of 30 or 2 of 36 "
        "(ID card, visa); got {lines} line(s) of {widths} characters",
    ),
    "mrz.shape": T(
        "Жол саны {lines}, жолдағы таңба саны {width}: бұл MRZ пішіні емес",
        "Строк: {lines}, символов в строке: {width} — это не форма MRZ",
        "{lines} line(s) of {width} characters is not an MRZ shape",
    ),
    "mrz.characters": T(
        "MRZ-да болмайтын таңбалар: {chars}",
        "Символы, недопустимые в MRZ: {chars}",
        "characters not allowed in an MRZ: {chars}",
    ),
    "mrz.too_long": T(
        "«{value}» {width} таңбадан ұзын",
        "«{value}» длиннее {width} символов",
        "{value!r} is longer than {width} characters",
    ),
    "mrz.serial_missing": T(
        "Сериялық портқа қосылған паспорт оқу құрылғысының қолдауы орнатылмаған ({package})",
        "Поддержка считывателей паспортов на последовательном порту не установлена ({package})",
        "serial passport readers need the {package!r} package: pip install 'qonys[readers]'",
    ),
    "mrz.port_failed": T(
        "Паспорт оқу құрылғысының {port} порты ашылмады: {detail}",
        "Порт {port} считывателя паспортов не открывается: {detail}",
        "the passport reader's port {port} cannot be opened: {detail}",
    ),
    "mrz.reader_silent": T(
        "Паспорт оқу құрылғысы {seconds} секунд ішінде ештеңе жібермеді",
        "Считыватель паспортов ничего не передал за {seconds} с",
        "the passport reader sent nothing in {seconds} s",
    ),
    # --- format findings in a zone that parsed (`MrzProblem`): the officer decides ---
    "mrz.birth_date_invalid": T(
        "MRZ-дағы туған күні («{value}») жарамды күн емес",
        "Дата рождения в MRZ («{value}») не является датой",
        "date of birth {value!r} is not a valid date",
    ),
    "mrz.expiry_date_invalid": T(
        "MRZ-дағы жарамдылық мерзімі («{value}») жарамды күн емес",
        "Срок действия в MRZ («{value}») не является датой",
        "date of expiry {value!r} is not a valid date",
    ),
    "mrz.sex_invalid": T(
        "MRZ-дағы жынысы («{value}») M, F немесе < емес",
        "Пол в MRZ («{value}») не M, F и не <",
        "sex {value!r} is not M, F or <",
    ),
    "mrz.no_surname": T(
        "MRZ-дың аты-жөні жолында тегі жоқ",
        "В строке имени MRZ нет фамилии",
        "the name field has no surname",
    ),
    "mrz.issuing_state_invalid": T(
        "Құжатты берген мемлекет («{value}») ел коды емес",
        "Государство выдачи («{value}») не является кодом страны",
        "issuing state {value!r} is not a country code",
    ),
    "mrz.nationality_invalid": T(
        "Азаматтығы («{value}») ел коды емес",
        "Гражданство («{value}») не является кодом страны",
        "nationality {value!r} is not a country code",
    ),
    "mrz.name_digits": T(
        "MRZ-дың аты-жөні жолында цифрлар бар",
        "В строке имени MRZ есть цифры",
        "the name field contains digits",
    ),
    "mrz.document_code_invalid": T(
        "«{value}» құжат коды {format} пішініне сәйкес емес",
        "Код документа «{value}» не соответствует формату {format}",
        "document code {value!r} is not a {format} code",
    ),
    "mrz.unclear": T(
        "Бақылау цифры жоқ таңбалар анық ажыратылмады ({where}): құжатты қайта оқыңыз",
        "Символы без контрольной цифры не удалось различить ({where}): считайте документ еще раз",
        "characters without a check digit could not be told apart ({where}): read the "
        "document again",
    ),
    "mrz.unclear_at": T(
        "{line}-жол, {column}-позиция",
        "строка {line}, позиция {column}",
        "line {line} position {column}",
    ),
    # --- notes on a disagreement between the zone and the case (`Mismatch`) ---
    "mrz.note_name_truncated": T(
        "паспорттағы аты-жөні жолы қысқартылған",
        "строка имени в паспорте усечена",
        "the passport's name line was truncated",
    ),
    "mrz.note_birth_incomplete": T(
        "MRZ-дағы туған күні толық емес",
        "дата рождения в MRZ неполная",
        "the MRZ date of birth is incomplete",
    ),
    # --- a document's pages ---
    "document.no_pages": T(
        "Құжатта бет жоқ", "В документе нет страниц", "the document has no pages to export"
    ),
    "document.pdf_failed": T(
        "Беттерден PDF жасалмады: {detail}",
        "Из страниц не удалось собрать PDF: {detail}",
        "the pages could not be made into a PDF: {detail}",
    ),
}

_KEPT = T(
    " Сканерленген беттер сақталды: {pages}.",
    " Отсканированные страницы сохранены: {pages}.",
    " The pages already scanned are kept: {pages}.",
)
_NOTHING = T("", "", "")


def kept(pages: int) -> Text:
    """The sentence saying that the pages taken before a fault are kept (nothing if none)."""
    return _KEPT.format(pages=pages) if pages else _NOTHING


def scan_text(code: str, **values: object) -> Text:
    """The wording of `code` with `values` filled in (a `Text` value gives its own language)."""
    return MESSAGES[code].format(**values)


_MRZ_FIELDS = {
    "surname": T("Тегі", "Фамилия", "Surname"),
    "given_names": T("Аты", "Имя", "Given names"),
    "birth_date": T("Туған күні", "Дата рождения", "Date of birth"),
    "sex": T("Жынысы", "Пол", "Sex"),
    "iin": T("ЖСН", "ИИН", "IIN"),
    "document_number": T("Құжат нөмірі", "Номер документа", "Document number"),
    "expiry_date": T("Жарамдылық мерзімі", "Срок действия", "Valid until"),
    "nationality": T("Азаматтығы", "Гражданство", "Nationality"),
    "personal_number": T("Дербес нөмір", "Персональный номер", "Personal number"),
    "composite": T("Жалпы бақылау саны", "Общая контрольная цифра", "Overall check digit"),
}


def mrz_field_name(field: str) -> Text:
    """A field of the zone (a check digit's, a mismatch's) by its name on the form, never its
    internal key (an unknown one stays as it is)."""
    known = _MRZ_FIELDS.get(field)
    if known is not None:
        return known
    try:
        return form_labels.label(field)
    except KeyError:
        return T(field, field, field)
