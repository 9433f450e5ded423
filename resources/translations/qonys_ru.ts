<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <source>(optional)</source>
        <translation>(необязательно)</translation>
    </message>
</context>
<context>
    <name>Administration</name>
    <message>
        <source>Make a backup</source>
        <translation>Создать резервную копию</translation>
    </message>
    <message>
        <source>An encrypted copy of the store; keep it on a disk outside this computer.</source>
        <translation>Зашифрованная копия хранилища; храните ее на диске вне компьютера.</translation>
    </message>
    <message>
        <source>Make a backup…</source>
        <translation>Создать копию…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Восстановить из копии</translation>
    </message>
    <message>
        <source>The backup is restored into a new, empty folder; this store is not changed. Then start Qonys with that folder.</source>
        <translation>Копия разворачивается в новую пустую папку; это хранилище не меняется. Затем запустите Qonys с этой папкой.</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>Файл копии:</translation>
    </message>
    <message>
        <source>New folder:</source>
        <translation>Новая папка:</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Ключ восстановления</translation>
    </message>
    <message>
        <source>Key passphrase:</source>
        <translation>Парольная фраза ключа:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Повторите:</translation>
    </message>
    <message>
        <source>Keep the key and its passphrase apart, in the safe. The key is handed out once.</source>
        <translation>Храните ключ и его парольную фразу раздельно, в сейфе. Ключ выдается один раз.</translation>
    </message>
    <message>
        <source>Make a new recovery key</source>
        <translation>Создать новый ключ</translation>
    </message>
    <message>
        <source>Recovery key: {kid}</source>
        <translation>Ключ восстановления: {kid}</translation>
    </message>
    <message>
        <source>No recovery key yet</source>
        <translation>Ключа восстановления нет</translation>
    </message>
    <message>
        <source>The backup of {code} made {day} is restored into {folder}</source>
        <translation>Копия {code} от {day} восстановлена в {folder}</translation>
    </message>
    <message>
        <source>Recovery key {kid} written to {path}: move it off this computer.</source>
        <translation>Ключ {kid} записан в {path}: перенесите его с этого компьютера.</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>Сотрудники</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Департамент</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Резервные копии</translation>
    </message>
    <message>
        <source>Journal and monitoring</source>
        <translation>Журнал и мониторинг</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>Реестры</translation>
    </message>
    <message>
        <source>Scanned pages</source>
        <translation>Сканированные страницы</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Администрирование</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Details: {details}</source>
        <translation>Технические подробности: {details}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Выполняется…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>The two passwords differ</source>
        <translation>Пароли не совпадают</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Выберите файл</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Выберите папку</translation>
    </message>
    <message>
        <source>Choose an officer in the list</source>
        <translation>Выберите сотрудника в списке</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>Repeat the password:</source>
        <translation>Повторите пароль:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>С:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>По:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Сохранить в:</translation>
    </message>
    <message>
        <source>Working days: Kazakhstan&apos;s holidays, the host country&apos;s holidays, the mission&apos;s closure days and extra working days. Saving recomputes every open deadline.</source>
        <translation>Рабочие дни: праздники Казахстана, праздники страны пребывания, дни закрытия загранучреждения и дополнительные рабочие дни. При сохранении открытые сроки пересчитываются.</translation>
    </message>
    <message>
        <source>Host country (ISO):</source>
        <translation>Страна пребывания (ISO):</translation>
    </message>
    <message>
        <source>Region (e.g. BE):</source>
        <translation>Регион (например, BE):</translation>
    </message>
    <message>
        <source>Closure days</source>
        <translation>Дни закрытия</translation>
    </message>
    <message>
        <source>Extra working days</source>
        <translation>Дополнительные рабочие дни</translation>
    </message>
    <message>
        <source>Save the calendar</source>
        <translation>Сохранить календарь</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>The Department&apos;s enrolment bundle</source>
        <translation>Пакет регистрации Департамента</translation>
    </message>
    <message>
        <source>Bundle password:</source>
        <translation>Пароль пакета:</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>Установить</translation>
    </message>
    <message>
        <source>A consul installs their own signing certificate (logged in as themself): the key is locked with their password.</source>
        <translation>Консул устанавливает свой сертификат подписи сам (войдя под своим логином): ключ запирается его паролем.</translation>
    </message>
    <message>
        <source>My signing certificate (PKCS#12)</source>
        <translation>Мой сертификат подписи (PKCS#12)</translation>
    </message>
    <message>
        <source>Consul:</source>
        <translation>Консул:</translation>
    </message>
    <message>
        <source>File password:</source>
        <translation>Пароль файла:</translation>
    </message>
    <message>
        <source>The mission is not enrolled with the Department yet.</source>
        <translation>Загранучреждение еще не зарегистрировано в Департаменте.</translation>
    </message>
    <message>
        <source>{code} is enrolled; trust list v{version} issued {day}.</source>
        <translation>{code} зарегистрировано; список доверия, версия {version} от {day}.</translation>
    </message>
    <message>
        <source>{code} enrolled; trust list v{version} installed.</source>
        <translation>{code} зарегистрировано; установлен список доверия, версия {version}.</translation>
    </message>
    <message>
        <source>Online sync with the Department: {url}.</source>
        <translation>Онлайн-обмен с Департаментом: {url}.</translation>
    </message>
    <message>
        <source>Signing certificate installed for {login} ({subject}), valid until {day}</source>
        <translation>Сертификат подписи для {login} установлен ({subject}), действует до {day}</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Remove the selected officer</source>
        <translation>Удалить выбранного</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>Сброс пароля</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <source>The selected officer gets a new password; the old one no longer opens the store.</source>
        <translation>Выбранному сотруднику задается новый пароль; старый больше не открывает хранилище.</translation>
    </message>
    <message>
        <source>Reset the password</source>
        <translation>Сбросить пароль</translation>
    </message>
    <message>
        <source>Add an officer</source>
        <translation>Добавить сотрудника</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <source>Added {login} ({role})</source>
        <translation>Добавлен {login} ({role})</translation>
    </message>
    <message>
        <source>Remove {login}? Their password will no longer open the store.</source>
        <translation>Удалить {login}? Его пароль больше не будет открывать хранилище.</translation>
    </message>
    <message>
        <source>Removed {login}: their password no longer opens the store</source>
        <translation>{login} удален: его пароль больше не открывает хранилище</translation>
    </message>
    <message>
        <source>{login} has a new password</source>
        <translation>Для {login} задан новый пароль</translation>
    </message>
    <message>
        <source>Register:</source>
        <translation>Реестр:</translation>
    </message>
    <message>
        <source>Choose a held document in the list</source>
        <translation>Выберите в списке документ на хранении</translation>
    </message>
    <message>
        <source>Only those still held (whenever received)</source>
        <translation>Только находящиеся на хранении (независимо от даты приема)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Release the selected ID card</source>
        <translation>Выдать выбранное удостоверение</translation>
    </message>
    <message>
        <source>Where it went:</source>
        <translation>Куда передано:</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Выдать</translation>
    </message>
    <message>
        <source>Save to a file</source>
        <translation>Сохранить в файл</translation>
    </message>
    <message>
        <source>Save the register</source>
        <translation>Сохранить реестр</translation>
    </message>
    <message>
        <source>Entries: {n}</source>
        <translation>Записей: {n}</translation>
    </message>
    <message>
        <source>{document} of case {number} released: {note}</source>
        <translation>Документ {document} по делу {number} выдан: {note}</translation>
    </message>
    <message>
        <source>Rows written to {path}: {rows}</source>
        <translation>В {path} записано строк: {rows}</translation>
    </message>
    <message>
        <source>Journal of permissions (Annex 5)</source>
        <translation>Журнал разрешений (приложение 5)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Формат:</translation>
    </message>
    <message>
        <source>Save the journal</source>
        <translation>Сохранить журнал</translation>
    </message>
    <message>
        <source>Monitoring data (§14)</source>
        <translation>Данные мониторинга (п. 14)</translation>
    </message>
    <message>
        <source>Include the applicants&apos; IINs</source>
        <translation>Включить ИИН заявителей</translation>
    </message>
    <message>
        <source>Save the data</source>
        <translation>Сохранить данные</translation>
    </message>
    <message>
        <source>{rows} rows written to {path}</source>
        <translation>{rows} строк записано в {path}</translation>
    </message>
    <message>
        <source>A store made by an older version of Qonys keeps its scanned pages inside the database; new pages are each kept in an encrypted file of their own, which an export reads much faster. This moves the old pages into such files, 32 pages at a time, and removes orphan files that no page names (left by an interrupted save). Officers may keep working. It can be cancelled or the window closed at any moment: the pages moved stay in their files, and running it again continues.</source>
        <translation>Хранилище, созданное прежними версиями Qonys, держит сканированные страницы внутри базы данных; новые страницы хранятся каждая в отдельном зашифрованном файле, который экспорт читает намного быстрее. Это действие переносит старые страницы в такие файлы, по 32 страницы за раз, и удаляет лишние файлы, на которые не ссылается ни одна страница (остаются после прерванного сохранения). Сотрудники могут продолжать работу. Действие можно отменить или закрыть окно в любой момент: перенесенные страницы остаются в файлах, повторный запуск продолжит перенос.</translation>
    </message>
    <message>
        <source>Pages still in the database: {pages} ({size})</source>
        <translation>Страниц в базе данных: {pages} ({size})</translation>
    </message>
    <message>
        <source>Every page is kept in a file: there is nothing to move</source>
        <translation>Все страницы хранятся в файлах: переносить нечего</translation>
    </message>
    <message>
        <source>This store is a PostgreSQL database: it keeps the pages sealed inside it, and there is nothing to move.</source>
        <translation>Это хранилище — база данных PostgreSQL: страницы хранятся в ней в запечатанном виде, переносить нечего.</translation>
    </message>
    <message>
        <source>{pages} moved, {orphans} removed</source>
        <translation>Перенесено в файлы: {pages}; удалено: {orphans}</translation>
    </message>
    <message>
        <source>Move pages into files</source>
        <translation>Перенос страниц в файлы</translation>
    </message>
    <message>
        <source>Move the pages</source>
        <translation>Перенести страницы</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Подсчет…</translation>
    </message>
    <message>
        <source>The mission&apos;s details, the address on the forms, the backup folder and more.</source>
        <translation>Реквизиты загранучреждения, адрес на бланках, папка резервных копий и др.</translation>
    </message>
    <message>
        <source>Open the mission settings…</source>
        <translation>Открыть настройки…</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup</source>
        <translation>Резервная копия</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Папка:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Make the backup</source>
        <translation>Создать копию</translation>
    </message>
    <message>
        <source>Save to a disk outside this computer (USB, network folder). Others can keep working.</source>
        <translation>Сохраняйте на диск вне компьютера (USB, сетевая папка). Остальные могут продолжать работу.</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Выберите папку</translation>
    </message>
    <message>
        <source>Done: {path} ({size})</source>
        <translation>Готово: {path} ({size})</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Take picture</source>
        <translation>Сфотографировать</translation>
    </message>
    <message>
        <source>Space or Enter</source>
        <translation>Пробел или Enter</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Камера:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Разрешение:</translation>
    </message>
    <message>
        <source>Document camera — no camera found</source>
        <translation>Документ-камера — камера не найдена</translation>
    </message>
    <message>
        <source>Document camera</source>
        <translation>Документ-камера</translation>
    </message>
    <message>
        <source>Take the picture again: it replaces page {n}</source>
        <translation>Сфотографируйте еще раз: снимок заменит страницу {n}</translation>
    </message>
    <message>
        <source>The camera is not ready yet</source>
        <translation>Камера еще не готова</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>Камера не найдена</translation>
    </message>
    <message>
        <source>{width} × {height} ({megapixels} MP)</source>
        <translation>{width} × {height} ({megapixels} Мп)</translation>
    </message>
    <message>
        <source>Camera default</source>
        <translation>Разрешение по умолчанию</translation>
    </message>
    <message>
        <source>The camera was disconnected. The pages already taken are kept; connect it again or choose another source.</source>
        <translation>Камера отключена. Уже снятые страницы сохранены; подключите ее снова или выберите другой источник.</translation>
    </message>
    <message>
        <source>The camera stopped ({reason}). The pages already taken are kept.</source>
        <translation>Камера остановилась ({reason}). Уже снятые страницы сохранены.</translation>
    </message>
    <message>
        <source>The picture could not be taken ({reason})</source>
        <translation>Не удалось сделать снимок ({reason})</translation>
    </message>
    <message>
        <source>Processing the picture…</source>
        <translation>Обработка снимка…</translation>
    </message>
    <message>
        <source>Picture taken</source>
        <translation>Снимок сделан</translation>
    </message>
    <message>
        <source>Internal error ({name})</source>
        <translation>Внутренняя ошибка ({name})</translation>
    </message>
    <message>
        <source>MRZ read: {number}, {name}. Every check digit is right and the reading agrees in {n} pictures in a row.</source>
        <translation>MRZ прочитана: {number}, {name}. Все контрольные цифры верны, результат совпадает в {n} кадрах подряд.</translation>
    </message>
    <message>
        <source>MRZ read once: hold the document still…</source>
        <translation>MRZ прочитана один раз: держите документ неподвижно…</translation>
    </message>
    <message>
        <source>MRZ seen, but not every check digit is right yet: hold the document still, flat and without glare</source>
        <translation>MRZ видна, но еще не все контрольные цифры верны: держите документ неподвижно, ровно и без бликов</translation>
    </message>
    <message>
        <source>No MRZ in the picture</source>
        <translation>В кадре нет MRZ</translation>
    </message>
    <message>
        <source>No camera found: connect a document camera, or use a scanner or files.</source>
        <translation>Камера не найдена: подключите документ-камеру или используйте сканер или файлы.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>{stage} (incomplete)</source>
        <translation>{stage} (не заполнено)</translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>просрочено на %n день</numerusform>
            <numerusform>просрочено на %n дня</numerusform>
            <numerusform>просрочено на %n дней</numerusform>
        </translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <source>IIN</source>
        <translation>ИИН</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>Ближайший срок</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Осталось дней</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Поиск:</translation>
    </message>
    <message>
        <source>IIN, surname, name or case number</source>
        <translation>ИИН, фамилия, имя или номер дела</translation>
    </message>
    <message>
        <source>Find cases</source>
        <translation>Поиск дел</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>&amp;Этап:</translation>
    </message>
    <message>
        <source>Stage filter</source>
        <translation>Фильтр по этапу</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Дела</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Все этапы</translation>
    </message>
    <message>
        <source>{stage} ({n})</source>
        <translation>{stage} ({n})</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n дело</numerusform>
            <numerusform>%n дела</numerusform>
            <numerusform>%n дел</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Documents ({paragraph})</source>
        <translation>Документы ({paragraph})</translation>
    </message>
    <message>
        <source>Timeline and deadlines</source>
        <translation>Хронология и сроки</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>Received</source>
        <translation>Получен</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Действителен до</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Скан-копии</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Оригинал</translation>
    </message>
    <message>
        <source>Scan copies of the selected document…</source>
        <translation>Скан-копии выбранного документа…</translation>
    </message>
    <message>
        <source>Case facts (identity, fee, representative)…</source>
        <translation>Сведения по делу (личность, сбор, представитель)…</translation>
    </message>
    <message>
        <source>Original handed back…</source>
        <translation>Оригинал возвращен…</translation>
    </message>
    <message>
        <source>§3(2): a passport or birth certificate is copied and its original returned</source>
        <translation>п. 3, пп. 2: с паспорта или свидетельства о рождении снимается копия, оригинал возвращается</translation>
    </message>
    <message>
        <source>Expired: the set cannot be accepted (§5)</source>
        <translation>Срок действия истек: комплект документов не может быть принят (п. 5)</translation>
    </message>
    <message>
        <source>Expired: the explanation route of §3(2) applies, not a refusal</source>
        <translation>Срок истек: применяется порядок с объяснением по п. 3, пп. 2, а не отказ</translation>
    </message>
    <message>
        <source>Handed back {on} to {name}</source>
        <translation>Возвращен {on}: {name}</translation>
    </message>
    <message>
        <source>Retained (custody register)</source>
        <translation>Изъят (реестр хранения)</translation>
    </message>
    <message>
        <source>Retained at acceptance</source>
        <translation>Изымается при приеме</translation>
    </message>
    <message>
        <source>To be handed back</source>
        <translation>Подлежит возврату</translation>
    </message>
    <message>
        <source>§3 checklist, version {version}{frozen}</source>
        <translation>Перечень по п. 3, версия {version}{frozen}</translation>
    </message>
    <message>
        <source> (as accepted)</source>
        <translation> (на момент приема)</translation>
    </message>
    <message>
        <source>The set as it stood when the case left the draft stage</source>
        <translation>Комплект документов на момент выхода дела из этапа «Черновик»</translation>
    </message>
    <message>
        <source>Complete: the documents can be accepted (§4)</source>
        <translation>Комплект полный: документы могут быть приняты (п. 4)</translation>
    </message>
    <message>
        <source>Missing: {missing}; expired: {expired}</source>
        <translation>Отсутствуют: {missing}; просрочены: {expired}</translation>
    </message>
    <message>
        <source>Select the document in the list</source>
        <translation>Выберите документ в списке</translation>
    </message>
    <message>
        <source>Original handed back</source>
        <translation>Оригинал возвращен</translation>
    </message>
    <message>
        <source>To whom was the original handed back?</source>
        <translation>Кому возвращен оригинал?</translation>
    </message>
    <message>
        <source>Dates are written as DD.MM.YYYY</source>
        <translation>Даты указываются в формате ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>Select the document to scan in the list</source>
        <translation>Выберите в списке документ для сканирования</translation>
    </message>
</context>
<context>
    <name>CropDialog</name>
    <message>
        <source>Crop the page</source>
        <translation>Обрезка страницы</translation>
    </message>
    <message>
        <source>Drag a rectangle around what to keep.</source>
        <translation>Выделите прямоугольником область, которую нужно оставить.</translation>
    </message>
</context>
<context>
    <name>DeadlineDashboard</name>
    <message>
        <source>Only my cases</source>
        <translation>Только мои дела</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="vanished">Статус</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Крайний срок</translation>
    </message>
    <message>
        <source>Paragraph of the Rules</source>
        <translation type="vanished">Пункт Правил</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Дело</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="vanished">Сотрудник</translation>
    </message>
    <message>
        <source>Open cases by stage</source>
        <translation>Незавершенные дела по этапам</translation>
    </message>
    <message>
        <source>Deadlines per week</source>
        <translation>Сроки по неделям</translation>
    </message>
    <message>
        <source>{today}: {overdue} overdue, {today_n} due today, {soon} due soon</source>
        <translation>{today}: просрочено — {overdue}, срок сегодня — {today_n}, срок скоро — {soon}</translation>
    </message>
    <message numerus="yes">
        <source>The calendar changed: %n deadline(s) recomputed</source>
        <translation>
            <numerusform>Календарь изменен: пересчитан %n срок</numerusform>
            <numerusform>Календарь изменен: пересчитано %n срока</numerusform>
            <numerusform>Календарь изменен: пересчитано %n сроков</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>consular officer</source>
        <translation>консульское должностное лицо</translation>
    </message>
    <message>
        <source>consul (signs)</source>
        <translation>консул (подписывает)</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Qonys: internal error</source>
        <translation>Qonys: внутренняя ошибка</translation>
    </message>
    <message>
        <source>Something went wrong inside Qonys. Your saved work is safe. Please send the details below (they hold no personal data) to support.</source>
        <translation>В Qonys произошла ошибка. Сохраненная работа не пострадала. Отправьте сведения ниже (в них нет персональных данных) в службу поддержки.</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>E&amp;xchange with the Department…</source>
        <translation>Об&amp;мен с Департаментом…</translation>
    </message>
    <message>
        <source>Exchange with the Department</source>
        <translation>Обмен с Департаментом</translation>
    </message>
    <message>
        <source>Send to the Department</source>
        <translation>Отправка в Департамент</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Папка:</translation>
    </message>
    <message>
        <source>Folder for the package files</source>
        <translation>Папка для файлов пакетов</translation>
    </message>
    <message>
        <source>a USB stick or a shared folder</source>
        <translation>USB-накопитель или общая папка</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Вы&amp;брать…</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>Выбрать папку</translation>
    </message>
    <message>
        <source>&amp;Split into parts of at most:</source>
        <translation>&amp;Разбить на части не более:</translation>
    </message>
    <message>
        <source>Largest part in MB, 0 for one file</source>
        <translation>Наибольший размер части в МБ; 0 — один файл</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> МБ</translation>
    </message>
    <message>
        <source>one file</source>
        <translation>один файл</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорт</translation>
    </message>
    <message>
        <source>Cance&amp;l export</source>
        <translation>О&amp;тменить экспорт</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Ход экспорта</translation>
    </message>
    <message>
        <source>Receive from the Department</source>
        <translation>Получение из Департамента</translation>
    </message>
    <message>
        <source>&amp;Import packages…</source>
        <translation>&amp;Импортировать пакеты…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Ход импорта</translation>
    </message>
    <message>
        <source>&amp;What each package did:</source>
        <translation>&amp;Результат по каждому пакету:</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>Результаты импорта</translation>
    </message>
    <message>
        <source>Outbox: packages sent</source>
        <translation>Исходящие: отправленные пакеты</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Исходящие пакеты</translation>
    </message>
    <message>
        <source>&amp;Mark as carried</source>
        <translation>&amp;Отметить как переданный</translation>
    </message>
    <message>
        <source>The package has left the mission (courier, pouch, e-mail, shared folder)</source>
        <translation>Пакет покинул загранучреждение (курьер, дипломатическая почта, электронная почта, общая папка)</translation>
    </message>
    <message>
        <source>Cases go once forwarded (§7); the package is signed and encrypted for the Department.</source>
        <translation>Дела уходят после направления через Департамент (п. 7); пакет подписывается и шифруется для Департамента.</translation>
    </message>
    <message>
        <source>Mission {code} is enrolled with the Department. Trust list: version {version}, issued {issued} ({age} days old); missions: {missions}, revocations: {revocations}.</source>
        <translation>Загранучреждение {code} зарегистрировано в Департаменте. Список доверия: версия {version}, выпущен {issued} ({age} дн. назад); загранучреждений: {missions}, отзывов: {revocations}.</translation>
    </message>
    <message>
        <source>Choose the folder for the package files first.</source>
        <translation>Сначала выберите папку для файлов пакетов.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Cancelling: removing what was written…</source>
        <translation>Отмена: записанное удаляется…</translation>
    </message>
    <message>
        <source>Nothing new to send: every change has gone already.</source>
        <translation>Новых данных для отправки нет: все изменения уже отправлены.</translation>
    </message>
    <message>
        <source>Written: packages: {packages}, {size}; cases: {cases}, events: {events}, scan pages: {scans}.</source>
        <translation>Записано: пакетов: {packages}, {size}; дел: {cases}, событий: {events}, страниц сканов: {scans}.</translation>
    </message>
    <message>
        <source>{file} — package {sequence}, {size}</source>
        <translation>{file} — пакет {sequence}, {size}</translation>
    </message>
    <message>
        <source>Mark each package as carried once it has left the mission; it is acknowledged when the Department&apos;s reply is imported.</source>
        <translation>Отметьте каждый пакет как переданный, когда он покинет загранучреждение; он будет подтвержден после импорта ответа Департамента.</translation>
    </message>
    <message>
        <source>Export cancelled: no file was left behind and nothing was recorded.</source>
        <translation>Экспорт отменен: ни одного файла не осталось, ничего не записано.</translation>
    </message>
    <message>
        <source>Packages from the Department</source>
        <translation>Пакеты из Департамента</translation>
    </message>
    <message>
        <source>Qonys packages (*.qpkg);;All files (*)</source>
        <translation>Пакеты Qonys (*.qpkg);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Verifying and applying…</source>
        <translation>Проверка и применение…</translation>
    </message>
    <message>
        <source>Packages missing</source>
        <translation>Не хватает пакетов</translation>
    </message>
    <message>
        <source>{file} arrived before package(s) {missing} from the Department, which never came. Import those first if you can.

Accept {file} anyway? Do this only when the Department confirms the missing packages are lost.</source>
        <translation>{file} поступил раньше пакетов Департамента с номерами {missing}, которые так и не поступили. По возможности сначала импортируйте их.

Все равно принять {file}? Делайте это, только если Департамент подтвердил, что недостающие пакеты утеряны.</translation>
    </message>
    <message>
        <source>{file}: refused, nothing changed. {reason}</source>
        <translation>{file}: отклонен, ничего не изменилось. {reason}</translation>
    </message>
    <message>
        <source>{file}: package {sequence} was imported before; nothing changed.</source>
        <translation>{file}: пакет {sequence} уже импортирован; ничего не изменилось.</translation>
    </message>
    <message>
        <source>{file}: package {sequence} applied. Decisions: {decisions}; packages acknowledged: {acknowledged}.</source>
        <translation>{file}: пакет {sequence} применен. Решений: {decisions}; подтверждено пакетов: {acknowledged}.</translation>
    </message>
    <message>
        <source>Trust list updated to version {version}.</source>
        <translation>Список доверия обновлен до версии {version}.</translation>
    </message>
    <message>
        <source>Accepted although package(s) {missing} never arrived.</source>
        <translation>Принят, хотя пакеты с номерами {missing} так и не поступили.</translation>
    </message>
    <message>
        <source>Kept on the case but not applied (the case is not at a stage that takes it); record it by hand: {cases}.</source>
        <translation>Сохранено в деле, но не применено (дело не на том этапе, где принимается это решение); внесите вручную: {cases}.</translation>
    </message>
    <message>
        <source>Technical details: {details}</source>
        <translation>Технические подробности: {details}</translation>
    </message>
    <message>
        <source>{where}: the disk is full; nothing was recorded.</source>
        <translation>{where}: диск заполнен; ничего не записано.</translation>
    </message>
    <message>
        <source>Internal error ({kind}); a report without personal data was saved: {path}</source>
        <translation>Внутренняя ошибка ({kind}); отчет без персональных данных сохранен: {path}</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file}: файл не найден</translation>
    </message>
</context>
<context>
    <name>FactsDialog</name>
    <message>
        <source>Case facts (§3)</source>
        <translation>Сведения по делу (п. 3)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Действителен до</translation>
    </message>
    <message>
        <source>Add a document</source>
        <translation>Добавить документ</translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation>Удалить выбранный документ</translation>
    </message>
    <message>
        <source>Identity documents presented (§3(2))</source>
        <translation>Представленные документы, удостоверяющие личность (п. 3, пп. 2)</translation>
    </message>
    <message>
        <source>Missing, lost or expired passport or ID card: the applicant writes an explanation; for a passport, the new-passport documents come with it.</source>
        <translation>Паспорт или удостоверение личности отсутствует, утерян или просрочен: заявитель пишет объяснение; для паспорта вместе с ним подаются документы на новый паспорт.</translation>
    </message>
    <message>
        <source>Alimony obligations to family members in Kazakhstan (§3(3))</source>
        <translation>Алиментные обязательства перед членами семьи в Казахстане (п. 3, пп. 3)</translation>
    </message>
    <message>
        <source>Debtor in enforcement proceedings (§3(4))</source>
        <translation>Должник по исполнительному производству (п. 3, пп. 4)</translation>
    </message>
    <message>
        <source>Exempt from the consular fee under the Tax Code (Annex 3, line 6)</source>
        <translation>Освобожден от консульского сбора по Налоговому кодексу (приложение 3, строка 6)</translation>
    </message>
    <message>
        <source>Ground of the exemption</source>
        <translation>Основание освобождения</translation>
    </message>
    <message>
        <source>Applies through a legal representative (§3; a minor applicant)</source>
        <translation>Обращается через законного представителя (п. 3; несовершеннолетний заявитель)</translation>
    </message>
    <message>
        <source>e.g. passport N12345678</source>
        <translation>например, удостоверение личности № 012345678</translation>
    </message>
    <message>
        <source>e.g. birth certificate, guardianship decision</source>
        <translation>например, свидетельство о рождении, решение об опеке</translation>
    </message>
    <message>
        <source>The minor applicant leaves with this representative only (§3(6))</source>
        <translation>Несовершеннолетний заявитель выезжает только с этим представителем (п. 3, пп. 6)</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Фамилия, имя, отчество</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Документ, удостоверяющий личность</translation>
    </message>
    <message>
        <source>Acts as</source>
        <translation>Полномочие</translation>
    </message>
    <message>
        <source>Document of authority</source>
        <translation>Документ о полномочиях</translation>
    </message>
    <message>
        <source>The other legal representative</source>
        <translation>Второй законный представитель</translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>Expired: the explanation route of §3(2) applies, not a refusal</source>
        <translation>Срок истек: применяется порядок с объяснением по п. 3, пп. 2, а не отказ</translation>
    </message>
    <message>
        <source>Dates are written as DD.MM.YYYY</source>
        <translation>Даты пишутся как ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>Internal error: the facts were not read (see the application log)</source>
        <translation>Внутренняя ошибка: сведения не прочитаны (см. журнал приложения)</translation>
    </message>
    <message>
        <source>Write the ground of the fee exemption</source>
        <translation>Укажите основание освобождения от сбора</translation>
    </message>
    <message>
        <source>Write the representative&apos;s full name</source>
        <translation>Укажите фамилию, имя, отчество представителя</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Qonys — first run</source>
        <translation>Qonys — первый запуск</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>Creating the encrypted store…</source>
        <translation>Создается зашифрованное хранилище…</translation>
    </message>
    <message>
        <source>Give the shared database&apos;s address first.</source>
        <translation>Сначала укажите адрес общей базы данных.</translation>
    </message>
    <message>
        <source>Joining the shared database…</source>
        <translation>Подключение к общей базе данных…</translation>
    </message>
    <message>
        <source>The mission&apos;s store is already on this database: this desk joins it. Go back and press Join it beside the address.</source>
        <translation>Хранилище загранучреждения уже есть в этой базе данных: это рабочее место подключается к нему. Вернитесь назад и нажмите «Подключиться» рядом с адресом.</translation>
    </message>
</context>
<context>
    <name>IssueListModel</name>
    <message>
        <source>{field}, row {row}</source>
        <translation>{field}, строка {row}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Warning (confirmed)</source>
        <translation>Предупреждение (подтверждено)</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <source>{kind}: {field} — {message}</source>
        <translation>{kind}: {field} — {message}</translation>
    </message>
</context>
<context>
    <name>LinkLabel</name>
    <message>
        <source>Department: syncing {percent} %</source>
        <translation>Департамент: синхронизация {percent} %</translation>
    </message>
    <message>
        <source>Department: not yet connected</source>
        <translation>Департамент: еще нет связи</translation>
    </message>
    <message>
        <source>Department: online</source>
        <translation>Департамент: на связи</translation>
    </message>
    <message>
        <source>Department: offline since {time}</source>
        <translation>Департамент: нет связи с {time}</translation>
    </message>
    <message>
        <source>{reason}. Next try at {time}.</source>
        <translation>{reason}. Следующая попытка: {time}.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The desk is locked</source>
        <translation>Рабочее место заблокировано</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message numerus="yes">
        <source>Wrong passwords since the last unlock: %n</source>
        <translation>
            <numerusform>Неверных паролей после последней разблокировки: %n</numerusform>
            <numerusform>Неверных паролей после последней разблокировки: %n</numerusform>
            <numerusform>Неверных паролей после последней разблокировки: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Слишком много неудачных попыток. Повторите через %n секунду.</numerusform>
            <numerusform>Слишком много неудачных попыток. Повторите через %n секунды.</numerusform>
            <numerusform>Слишком много неудачных попыток. Повторите через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked by {name}. Only this officer can unlock it.</source>
        <translation>Кем заблокировано: {name}. Разблокировать может только этот сотрудник.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Shared database</source>
        <translation>Общая база данных</translation>
    </message>
    <message>
        <source>The mission&apos;s shared store on PostgreSQL, e.g. postgresql+psycopg://qonys@db.mission.local/qonys?sslmode=verify-full&amp;sslrootcert=/etc/qonys/db-ca.pem (no password: see the administrator&apos;s guide)</source>
        <translation>Общее хранилище загранучреждения на сервере PostgreSQL, например postgresql+psycopg://qonys@db.mission.local/qonys?sslmode=verify-full&amp;sslrootcert=/etc/qonys/db-ca.pem (без пароля: см. руководство администратора)</translation>
    </message>
    <message>
        <source>Connecting to the shared database…</source>
        <translation>Подключение к общей базе данных…</translation>
    </message>
    <message>
        <source>Store: this computer (an encrypted file)</source>
        <translation>Хранилище: этот компьютер (зашифрованный файл)</translation>
    </message>
    <message>
        <source>Store: the shared database {url}</source>
        <translation>Хранилище: общая база данных {url}</translation>
    </message>
    <message>
        <source>Qonys — log in</source>
        <translation>Qonys — вход</translation>
    </message>
    <message>
        <source>Qonys: emigration cases desk</source>
        <translation>Qonys: рабочее место по делам эмиграции</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Shared &amp;database…</source>
        <translation>Общая &amp;база данных…</translation>
    </message>
    <message>
        <source>Open the mission&apos;s store shared by several desks on PostgreSQL</source>
        <translation>Открыть общее хранилище загранучреждения для нескольких рабочих мест на сервере PostgreSQL</translation>
    </message>
    <message>
        <source>Enter your login and password.</source>
        <translation>Введите логин и пароль.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Проверка пароля…</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Слишком много неудачных попыток. Повторите через %n секунду.</numerusform>
            <numerusform>Слишком много неудачных попыток. Повторите через %n секунды.</numerusform>
            <numerusform>Слишком много неудачных попыток. Повторите через %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>You may try again.</source>
        <translation>Можно попробовать снова.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>&amp;Дела</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;New questionnaire</source>
        <translation>&amp;Новое заявление-анкета</translation>
    </message>
    <message>
        <source>&amp;Open selected case</source>
        <translation>&amp;Открыть выбранное дело</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>&amp;Edit questionnaire</source>
        <translation>&amp;Изменить заявление-анкету</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>&amp;Закрыть вкладку</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Заблокировать рабочее место</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Find cases</source>
        <translation>&amp;Поиск дел</translation>
    </message>
    <message>
        <source>Case &amp;list</source>
        <translation>&amp;Список дел</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Auto-lock after…</source>
        <translation>&amp;Автоблокировка…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About Qonys</source>
        <translation>&amp;О программе Qonys</translation>
    </message>
    <message>
        <source>&amp;Verify a notification…</source>
        <translation>Проверить &amp;уведомление…</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Дела</translation>
    </message>
    <message>
        <source>Qonys — locked</source>
        <translation>Qonys — заблокировано</translation>
    </message>
    <message>
        <source>Qonys — {mission}</source>
        <translation>Qonys — {mission}</translation>
    </message>
    <message>
        <source>The shared database does not answer: nothing can be saved until it does. The desk reconnects by itself.</source>
        <translation>Общая база данных не отвечает: пока она не ответит, ничего сохранить нельзя. Рабочее место подключится само.</translation>
    </message>
    <message>
        <source>Mission: {code}</source>
        <translation>Загранучреждение: {code}</translation>
    </message>
    <message>
        <source>Store: locked, key dropped</source>
        <translation>Хранилище: заблокировано, ключ удален</translation>
    </message>
    <message>
        <source>Store: the shared database does not answer; trying again</source>
        <translation>Хранилище: общая база данных не отвечает; повторяем попытку</translation>
    </message>
    <message numerus="yes">
        <source>Store: open, encrypted; %n case(s) listed</source>
        <translation>
            <numerusform>Хранилище: открыто, зашифровано; в списке %n дело</numerusform>
            <numerusform>Хранилище: открыто, зашифровано; в списке %n дела</numerusform>
            <numerusform>Хранилище: открыто, зашифровано; в списке %n дел</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n questionnaire(s) have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation>
            <numerusform>В %n заявлении-анкете есть несохраненные изменения. Разблокируйте, чтобы сохранить их, или выйдите, потеряв их?</numerusform>
            <numerusform>В %n заявлениях-анкетах есть несохраненные изменения. Разблокируйте, чтобы сохранить их, или выйдите, потеряв их?</numerusform>
            <numerusform>В %n заявлениях-анкетах есть несохраненные изменения. Разблокируйте, чтобы сохранить их, или выйдите, потеряв их?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохраненные изменения</translation>
    </message>
    <message>
        <source>A&amp;dministration</source>
        <translation>&amp;Администрирование</translation>
    </message>
    <message>
        <source>Officers…</source>
        <translation>Сотрудники…</translation>
    </message>
    <message>
        <source>Enrolment with the Department…</source>
        <translation>Регистрация в Департаменте…</translation>
    </message>
    <message>
        <source>Consul&apos;s signing certificate…</source>
        <translation>Сертификат подписи консула…</translation>
    </message>
    <message>
        <source>Mission calendar…</source>
        <translation>Календарь загранучреждения…</translation>
    </message>
    <message>
        <source>Make a backup…</source>
        <translation>Создать резервную копию…</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Восстановить из копии…</translation>
    </message>
    <message>
        <source>Recovery key…</source>
        <translation>Ключ восстановления…</translation>
    </message>
    <message>
        <source>Journal of permissions (Annex 5)…</source>
        <translation>Журнал разрешений (прил. 5)…</translation>
    </message>
    <message>
        <source>ID cards held in custody…</source>
        <translation>Удостоверения на хранении…</translation>
    </message>
    <message>
        <source>Originals handed back…</source>
        <translation>Возвращенные оригиналы…</translation>
    </message>
    <message>
        <source>Monitoring data (§14)…</source>
        <translation>Данные мониторинга (п. 14)…</translation>
    </message>
    <message>
        <source>Move scanned pages into files…</source>
        <translation>Перенос сканированных страниц в файлы…</translation>
    </message>
    <message>
        <source>Mission settings…</source>
        <translation>Настройки загранучреждения…</translation>
    </message>
    <message>
        <source>These questionnaires have unsaved changes:
{names}</source>
        <translation>В этих анкетах есть несохраненные изменения:
{names}</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Автоблокировка</translation>
    </message>
    <message>
        <source>Lock the desk after this many idle minutes (0: never):</source>
        <translation>Блокировать после стольких минут бездействия (0 — никогда):</translation>
    </message>
    <message>
        <source>Add a table row</source>
        <translation>Добавить строку таблицы</translation>
    </message>
    <message>
        <source>Remove a table row</source>
        <translation>Удалить строку таблицы</translation>
    </message>
    <message>
        <source>Move a table row</source>
        <translation>Переместить строку таблицы</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>About Qonys</source>
        <translation>О программе Qonys</translation>
    </message>
    <message>
        <source>Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1).</source>
        <translation>Qonys {version}: консульское рабочее место по делам эмиграции (приказ МИД № 11-1-4/1).</translation>
    </message>
    <message>
        <source>Officer: {name} ({role})</source>
        <translation>Сотрудник: {name} ({role})</translation>
    </message>
</context>
<context>
    <name>MissionSettingsDialog</name>
    <message>
        <source>Mission settings</source>
        <translation>Настройки загранучреждения</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <source>Only an administrator can change these</source>
        <translation>Изменять может только администратор</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Built, not yet carried</source>
        <translation>Создан, еще не передан</translation>
    </message>
    <message>
        <source>Carried, awaiting acknowledgement</source>
        <translation>Передан, ждет подтверждения</translation>
    </message>
    <message>
        <source>Acknowledged by the Department</source>
        <translation>Подтвержден Департаментом</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Часть</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Дела</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Сканы</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>С момента</translation>
    </message>
    <message>
        <source>{part} of {parts}</source>
        <translation>{part} из {parts}</translation>
    </message>
    <message>
        <source>Built: {when}</source>
        <translation>Создан: {when}</translation>
    </message>
    <message>
        <source>Carried: {when}</source>
        <translation>Передан: {when}</translation>
    </message>
    <message>
        <source>Acknowledged: {when}</source>
        <translation>Подтвержден: {when}</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <source>The application names no minor children</source>
        <translation>В заявлении не указаны несовершеннолетние дети</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Annex 4 notification (signed, sealed) §10</source>
        <translation>Уведомление по приложению 4 (с подписью и печатью) (п. 10)</translation>
    </message>
    <message>
        <source>Application copy with the acceptance mark §4</source>
        <translation>Копия заявления с отметкой о принятии (п. 4)</translation>
    </message>
    <message>
        <source>Refusal to accept §5</source>
        <translation>Отказ в приеме (п. 5)</translation>
    </message>
    <message>
        <source>Draft refusal and hearing notice §11</source>
        <translation>Проект отказа и уведомление о заслушивании (п. 11)</translation>
    </message>
    <message>
        <source>Reasoned refusal §11</source>
        <translation>Мотивированный отказ (п. 11)</translation>
    </message>
    <message>
        <source>Annex 4 notification of a child…</source>
        <translation>Уведомление по приложению 4 для ребенка…</translation>
    </message>
    <message>
        <source>Save the last printed PDF…</source>
        <translation>Сохранить последний напечатанный PDF…</translation>
    </message>
    <message>
        <source>Annex 4 notification of a child</source>
        <translation>Уведомление по приложению 4 для ребенка</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Ребенок</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Сохранить PDF</translation>
    </message>
</context>
<context>
    <name>ProcedureDocks</name>
    <message>
        <source>Deadlines</source>
        <translation>Сроки</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Процедура</translation>
    </message>
    <message>
        <source>Open a saved case to see its documents, timeline and steps.</source>
        <translation>Откройте сохраненное дело, чтобы увидеть его документы, хронологию и шаги.</translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Issues</source>
        <translation>&amp;Замечания</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Замечания</translation>
    </message>
    <message>
        <source>Enter: go to the field. Space: confirm the selected warning.</source>
        <translation>Enter — перейти к полю. Пробел — подтвердить выбранное предупреждение.</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Заявление-анкета</translation>
    </message>
    <message>
        <source>New questionnaire</source>
        <translation>Новое заявление-анкета</translation>
    </message>
    <message>
        <source>Read-only view</source>
        <translation>Только просмотр</translation>
    </message>
    <message>
        <source>New, not saved yet</source>
        <translation>Новая, еще не сохранена</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Редактирование</translation>
    </message>
    <message>
        <source>Enter the date of birth first.</source>
        <translation>Сначала введите дату рождения.</translation>
    </message>
    <message>
        <source>The applicant is 16 or over: fill these in.</source>
        <translation>Заявителю 16 лет или больше: заполните.</translation>
    </message>
    <message>
        <source>The applicant is under 16: not filled in.</source>
        <translation>Заявителю нет 16 лет: не заполняется.</translation>
    </message>
    <message>
        <source>{mark} Error: {message}</source>
        <translation>{mark} Ошибка: {message}</translation>
    </message>
    <message>
        <source>{mark} Warning (confirmed): {message}</source>
        <translation>{mark} Предупреждение (подтверждено): {message}</translation>
    </message>
    <message>
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Предупреждение: {message}</translation>
    </message>
    <message>
        <source>No issues: the questionnaire is complete.</source>
        <translation>Замечаний нет: заявление-анкета заполнено полностью.</translation>
    </message>
    <message>
        <source>{e} errors, {w} warnings ({c} confirmed)</source>
        <translation>Ошибок: {e}, предупреждений: {w} (подтверждено: {c})</translation>
    </message>
    <message>
        <source>Fix the dates and years that cannot be read first.</source>
        <translation>Сначала исправьте нераспознанные даты и годы.</translation>
    </message>
    <message>
        <source>Saved {number}.</source>
        <translation>{number} сохранено.</translation>
    </message>
    <message numerus="yes">
        <source>Still incomplete: %n error(s).</source>
        <translation>
            <numerusform>Еще не заполнено: %n ошибка.</numerusform>
            <numerusform>Еще не заполнено: %n ошибки.</numerusform>
            <numerusform>Еще не заполнено: %n ошибок.</numerusform>
        </translation>
    </message>
    <message>
        <source>Other cases with this IIN: {numbers}.</source>
        <translation>Другие дела с этим ИИН: {numbers}.</translation>
    </message>
    <message>
        <source>{number} was saved at another desk after you opened it, so your changes were not saved. They are still here.</source>
        <translation>Дело № {number} сохранено на другом рабочем месте после того, как вы его открыли, поэтому ваши изменения не сохранены. Они остались в этом окне.</translation>
    </message>
    <message>
        <source>Re-apply them to the case as it is now: the other desk&apos;s changes stay, and yours go on top. Check the form, then save again.</source>
        <translation>Примените их к делу в нынешнем виде: изменения другого рабочего места сохранятся, ваши лягут поверх. Проверьте заявление-анкету и сохраните снова.</translation>
    </message>
    <message>
        <source>Re-apply my changes</source>
        <translation>Применить мои изменения</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
    <message>
        <source>Your changes are re-applied to the case as saved now; check and save.</source>
        <translation>Ваши изменения применены к делу в сохраненном сейчас виде; проверьте и сохраните.</translation>
    </message>
    <message>
        <source>Changed at the other desk too (yours kept): {fields}.</source>
        <translation>Изменено и на другом рабочем месте (оставлено ваше): {fields}.</translation>
    </message>
</context>
<context>
    <name>RowDetail</name>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>{mark} Error: {message}</source>
        <translation>{mark} Ошибка: {message}</translation>
    </message>
    <message>
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Предупреждение: {message}</translation>
    </message>
    <message>
        <source>Choose a row (or add one with Insert) to fill in its fields</source>
        <translation>Выберите строку (или добавьте новую клавишей Insert), чтобы заполнить ее поля</translation>
    </message>
    <message>
        <source>Row {n}: every field</source>
        <translation>Строка {n}: все поля</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <source>Add row (Insert)</source>
        <translation>Добавить строку (Insert)</translation>
    </message>
    <message>
        <source>Remove row (Ctrl+Del)</source>
        <translation>Удалить строку (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Up</source>
        <translation>Ctrl+Shift+Up</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Down</source>
        <translation>Ctrl+Shift+Down</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Scan copies</source>
        <translation>Скан-копии</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Оттенки серого</translation>
    </message>
    <message>
        <source>Document feeder (all sheets)</source>
        <translation>Автоподатчик документов (все листы)</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Сканировать</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Добавить файлы…</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>Повернуть влево</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>Повернуть вправо</translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation>Переместить ближе к началу</translation>
    </message>
    <message>
        <source>Move later</source>
        <translation>Переместить ближе к концу</translation>
    </message>
    <message>
        <source>Crop…</source>
        <translation>Обрезать…</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>Удалить страницу</translation>
    </message>
    <message>
        <source>Rescan page</source>
        <translation>Пересканировать страницу</translation>
    </message>
    <message>
        <source>MRZ: scan the passport with the reader here</source>
        <translation>Машиночитаемая зона (MRZ): отсканируйте паспорт считывателем здесь</translation>
    </message>
    <message>
        <source>Use MRZ</source>
        <translation>Использовать данные MRZ</translation>
    </message>
    <message>
        <source>Read MRZ from the pages</source>
        <translation>Считать MRZ со страниц</translation>
    </message>
    <message>
        <source>Pre-fill the case</source>
        <translation>Предварительно заполнить дело</translation>
    </message>
    <message>
        <source>Cancel scanning</source>
        <translation>Отменить сканирование</translation>
    </message>
    <message>
        <source>Attach to the case</source>
        <translation>Приложить к делу</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Internal error ({name})</source>
        <translation>Внутренняя ошибка ({name})</translation>
    </message>
    <message>
        <source>No scanner — add files</source>
        <translation>Сканер отсутствует — добавьте файлы</translation>
    </message>
    <message>
        <source>No scanner is selected</source>
        <translation>Сканер не выбран</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) taken</source>
        <translation>
            <numerusform>Снята %n страница</numerusform>
            <numerusform>Снято %n страницы</numerusform>
            <numerusform>Снято %n страниц</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached: %n page(s)</source>
        <translation>
            <numerusform>Прикреплена %n страница</numerusform>
            <numerusform>Прикреплено %n страницы</numerusform>
            <numerusform>Прикреплено %n страниц</numerusform>
        </translation>
    </message>
    <message>
        <source>Add scanned files</source>
        <translation>Добавить отсканированные файлы</translation>
    </message>
    <message>
        <source>No machine-readable zone found on the pages</source>
        <translation>На страницах не найдена машиночитаемая зона</translation>
    </message>
    <message>
        <source>The document has EXPIRED (§5)</source>
        <translation>Срок действия документа ИСТЕК (п. 5)</translation>
    </message>
    <message>
        <source>Wrong check digits: {f}</source>
        <translation>Неверные контрольные цифры: {f}</translation>
    </message>
    <message>
        <source>The MRZ does not match the case: compare with the document</source>
        <translation>MRZ не совпадает с данными дела: сверьте с документом</translation>
    </message>
    <message>
        <source>{field}: MRZ {mrz} ≠ checklist {q}</source>
        <translation>{field}: MRZ {mrz} ≠ перечень по п. 3 {q}</translation>
    </message>
    <message>
        <source>{field}: MRZ {mrz} ≠ questionnaire {q}</source>
        <translation>{field}: MRZ {mrz} ≠ заявление-анкета {q}</translation>
    </message>
    <message>
        <source>Pre-filled: {fields}</source>
        <translation>Предварительно заполнено: {fields}</translation>
    </message>
    <message>
        <source>No pages yet</source>
        <translation>Страниц пока нет</translation>
    </message>
    <message>
        <source>Document {number}, born {birth}, sex: {sex}, valid until {expiry}</source>
        <translation>Документ {number}, дата рождения {birth}, пол: {sex}, действителен до {expiry}</translation>
    </message>
    <message>
        <source>{n} page(s) are not attached to the case. Close and discard them?</source>
        <translation>Страниц, не прикрепленных к делу: {n}. Закрыть и удалить их?</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Delivered online, awaiting acknowledgement</source>
        <translation>Доставлен по сети, ожидает подтверждения</translation>
    </message>
    <message>
        <source>Uploading {percent} %</source>
        <translation>Отправляется: {percent} %</translation>
    </message>
    <message>
        <source>Refused by the Department: {reason}</source>
        <translation>Отклонен Департаментом: {reason}</translation>
    </message>
    <message>
        <source>{reason}; next try {time}</source>
        <translation>{reason}; следующая попытка: {time}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Recorded</source>
        <translation>Время записи</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Deadlines met</source>
        <translation>Соблюдение сроков</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Крайний срок</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Paragraph of the Rules</source>
        <translation>Пункт Правил</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Сроки</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>{clock} due {due}: {verdict}</source>
        <translation>{clock}, крайний срок {due}: {verdict}</translation>
    </message>
    <message>
        <source>in time</source>
        <translation>в срок</translation>
    </message>
    <message>
        <source>late</source>
        <translation>с опозданием</translation>
    </message>
    <message>
        <source>Working days: {calendar}</source>
        <translation>Рабочие дни: {calendar}</translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>срок сегодня</translation>
    </message>
    <message>
        <source>due within 3 working days</source>
        <translation>срок в течение 3 рабочих дней</translation>
    </message>
    <message>
        <source>later</source>
        <translation>позже</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a notification</source>
        <translation>Проверка уведомления</translation>
    </message>
    <message>
        <source>Paste the text scanned from the QR seal (QNS1:…)</source>
        <translation>Вставьте текст, считанный с QR-печати (QNS1:…)</translation>
    </message>
    <message>
        <source>Check the seal</source>
        <translation>Проверить печать</translation>
    </message>
    <message>
        <source>Open a PDF…</source>
        <translation>Открыть PDF…</translation>
    </message>
    <message>
        <source>Seal text or PDF, checked offline against the trust list</source>
        <translation>Текст печати или PDF проверяется офлайн по списку доверия</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Paste the seal text first.</source>
        <translation>Сначала вставьте текст печати.</translation>
    </message>
    <message>
        <source>Open a notification</source>
        <translation>Открыть уведомление</translation>
    </message>
    <message>
        <source>an internal error (written to the application log)</source>
        <translation>внутренняя ошибка (записана в журнал приложения)</translation>
    </message>
    <message>
        <source>Cannot check: {reason}</source>
        <translation>Проверить невозможно: {reason}</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <source>The first administrator</source>
        <translation>Первый администратор</translation>
    </message>
    <message>
        <source>The administrator adds the other officers. Keep the password safe.</source>
        <translation>Администратор добавляет остальных сотрудников. Храните пароль надежно.</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <source>&amp;Password (8 or more characters):</source>
        <translation>&amp;Пароль (не менее 8 символов):</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>&amp;Повторите пароль:</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>_MissionPage</name>
    <message>
        <source>The mission</source>
        <translation>Загранучреждение</translation>
    </message>
    <message>
        <source>This desk keeps the cases of one foreign mission.</source>
        <translation>Это рабочее место хранит дела одного загранучреждения.</translation>
    </message>
    <message>
        <source>Mission &amp;code:</source>
        <translation>&amp;Код загранучреждения:</translation>
    </message>
    <message>
        <source>e.g. KZ-BER</source>
        <translation>например, KZ-BER</translation>
    </message>
    <message>
        <source>Mission &amp;name:</source>
        <translation>&amp;Название загранучреждения:</translation>
    </message>
    <message>
        <source>Host &amp;country (ISO, two letters):</source>
        <translation>&amp;Страна пребывания (ISO, две буквы):</translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation>например, DE</translation>
    </message>
    <message>
        <source>&amp;Reception hours:</source>
        <translation>&amp;Часы приема:</translation>
    </message>
    <message>
        <source>e.g. Mon–Fri 9:00–12:00</source>
        <translation>например, Пн–Пт 9:00–12:00</translation>
    </message>
    <message>
        <source>Shared &amp;database (several desks):</source>
        <translation>Общая &amp;база данных (несколько рабочих мест):</translation>
    </message>
    <message>
        <source>empty: this computer only</source>
        <translation>пусто: только этот компьютер</translation>
    </message>
    <message>
        <source>&amp;Join it</source>
        <translation>&amp;Подключиться</translation>
    </message>
    <message>
        <source>Another desk already keeps the mission&apos;s store on this database: this desk joins it, and the officers log in with their own passwords.</source>
        <translation>В этой базе данных хранилище загранучреждения уже ведет другое рабочее место: это рабочее место подключится к нему, сотрудники входят со своими паролями.</translation>
    </message>
</context>
</TS>
