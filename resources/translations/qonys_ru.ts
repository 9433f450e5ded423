<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="222" />
        <source>{stage} (incomplete)</source>
        <translation>{stage} (не заполнено)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="234" />
        <source>Case number</source>
        <translation>Номер дела</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="235" />
        <source>Applicant</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="236" />
        <source>IIN</source>
        <translation>ИИН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="237" />
        <source>Born</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="238" />
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="239" />
        <source>Next deadline</source>
        <translation>Ближайший срок</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="240" />
        <source>Days left</source>
        <translation>Осталось дней</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="332" />
        <source>&amp;Find:</source>
        <translation>&amp;Поиск:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="333" />
        <source>IIN, surname, name or case number</source>
        <translation>ИИН, фамилия, имя или номер дела</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="334" />
        <source>Find cases</source>
        <translation>Поиск дел</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="335" />
        <source>&amp;Stage:</source>
        <translation>&amp;Этап:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="336" />
        <source>Stage filter</source>
        <translation>Фильтр по этапу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="337" />
        <source>Cases</source>
        <translation>Дела</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="372" />
        <source>All stages</source>
        <translation>Все этапы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="375" />
        <source>{stage} ({n})</source>
        <translation>{stage} ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="388" />
        <source>{n} cases</source>
        <translation>Дел: {n}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="25" />
        <source>Qonys: internal error</source>
        <translation>Qonys: внутренняя ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="27" />
        <source>Something went wrong inside Qonys. Your saved work is safe. Please send the details below (they hold no personal data) to support.</source>
        <translation>В Qonys произошла ошибка. Сохраненная работа не пострадала. Отправьте сведения ниже (в них нет персональных данных) в службу поддержки.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="160" />
        <source>Qonys — first run</source>
        <translation>Qonys — первый запуск</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="181" />
        <source>The passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="188" />
        <source>Creating the encrypted store…</source>
        <translation>Создается зашифрованное хранилище…</translation>
    </message>
</context>
<context>
    <name>IssueListModel</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="77" />
        <source>{field}, row {row}</source>
        <translation>{field}, строка {row}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="79" />
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="81" />
        <source>Warning (confirmed)</source>
        <translation>Предупреждение (подтверждено)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="83" />
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="84" />
        <source>{kind}: {field} — {message}</source>
        <translation>{kind}: {field} — {message}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../desktop/ui/lock.py" line="156" />
        <source>The desk is locked</source>
        <translation>Рабочее место заблокировано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="158" />
        <source>Locked by {name} ({login}). Only this officer can unlock it.</source>
        <translation>Заблокировал(а): {name} ({login}). Разблокировать может только этот сотрудник.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="162" />
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="163" />
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="164" />
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="165" />
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="203" />
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Слишком много неудачных попыток. Повторите через {n} с.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login.py" line="107" />
        <source>Qonys — log in</source>
        <translation>Qonys — вход</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="108" />
        <source>Qonys: emigration cases desk</source>
        <translation>Qonys: рабочее место по делам эмиграции</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="109" />
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="110" />
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="111" />
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="112" />
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="113" />
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="125" />
        <source>Enter your login and password.</source>
        <translation>Введите логин и пароль.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="128" />
        <source>Checking the password…</source>
        <translation>Проверка пароля…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="162" />
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Слишком много неудачных попыток. Повторите через {n} с.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="171" />
        <source>You may try again.</source>
        <translation>Можно попробовать снова.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="171" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="172" />
        <source>&amp;Cases</source>
        <translation>&amp;Дела</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="173" />
        <source>&amp;Settings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="174" />
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="175" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="176" />
        <source>&amp;New questionnaire</source>
        <translation>&amp;Новая анкета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="177" />
        <source>&amp;Open selected case</source>
        <translation>&amp;Открыть выбранное дело</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="178" />
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="179" />
        <source>&amp;Edit questionnaire</source>
        <translation>&amp;Изменить анкету</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="180" />
        <source>&amp;Close tab</source>
        <translation>&amp;Закрыть вкладку</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181" />
        <source>&amp;Lock the desk</source>
        <translation>&amp;Заблокировать рабочее место</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="182" />
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="183" />
        <source>&amp;Find cases</source>
        <translation>&amp;Поиск дел</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="184" />
        <source>Case &amp;list</source>
        <translation>&amp;Список дел</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="185" />
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="186" />
        <source>&amp;Auto-lock after…</source>
        <translation>&amp;Автоблокировка…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="187" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="188" />
        <source>&amp;About Qonys</source>
        <translation>&amp;О программе Qonys</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="189" />
        <source>Cases</source>
        <translation>Дела</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="200" />
        <source>Qonys — locked</source>
        <translation>Qonys — заблокировано</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="203" />
        <source>Qonys — {mission}</source>
        <translation>Qonys — {mission}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="210" />
        <source>Officer: {name} ({login})</source>
        <translation>Сотрудник: {name} ({login})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="213" />
        <source>Mission: {code}</source>
        <translation>Загранучреждение: {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="216" />
        <source>Store: locked, key dropped</source>
        <translation>Хранилище: заблокировано, ключ удален</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="219" />
        <source>Store: open, encrypted; {n} cases listed</source>
        <translation>Хранилище: открыто, зашифровано; дел в списке: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="356" />
        <location filename="../../desktop/ui/main_window.py" line="418" />
        <source>Unsaved changes</source>
        <translation>Несохраненные изменения</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="357" />
        <source>These questionnaires have unsaved changes:
{names}</source>
        <translation>В этих анкетах есть несохраненные изменения:
{names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="420" />
        <source>{n} questionnaires have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation>Анкет с несохраненными изменениями: {n}. Разблокируйте, чтобы сохранить их. Или выйти и потерять их?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="445" />
        <source>Auto-lock</source>
        <translation>Автоблокировка</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="446" />
        <source>Lock the desk after this many idle minutes (0: never):</source>
        <translation>Блокировать после стольких минут бездействия (0 — никогда):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="466" />
        <source>Add a table row</source>
        <translation>Добавить строку таблицы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="467" />
        <source>Remove a table row</source>
        <translation>Удалить строку таблицы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="468" />
        <source>Move a table row</source>
        <translation>Переместить строку таблицы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="471" />
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="477" />
        <source>About Qonys</source>
        <translation>О программе Qonys</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="479" />
        <source>Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1).</source>
        <translation>Qonys {version}: консульское рабочее место по делам эмиграции (приказ МИД № 11-1-4/1).</translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="292" />
        <location filename="../../desktop/ui/questionnaire/editor.py" line="401" />
        <source>DD.MM.YYYY</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="388" />
        <source>&amp;Edit</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="389" />
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="390" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="391" />
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="392" />
        <source>&amp;Issues</source>
        <translation>&amp;Замечания</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="393" />
        <source>Issues</source>
        <translation>Замечания</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="395" />
        <source>Enter: go to the field. Space: confirm the selected warning.</source>
        <translation>Enter — перейти к полю. Пробел — подтвердить выбранное предупреждение.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="397" />
        <source>Questionnaire</source>
        <translation>Анкета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="432" />
        <source>New questionnaire</source>
        <translation>Новая анкета</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="442" />
        <source>Read-only view</source>
        <translation>Только просмотр</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="444" />
        <source>New, not saved yet</source>
        <translation>Новая, еще не сохранена</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="446" />
        <source>Editing</source>
        <translation>Редактирование</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="586" />
        <source>Enter the date of birth first.</source>
        <translation>Сначала введите дату рождения.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="588" />
        <source>The applicant is 16 or over: fill these in.</source>
        <translation>Заявителю 16 лет или больше: заполните.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="590" />
        <source>The applicant is under 16: not filled in.</source>
        <translation>Заявителю нет 16 лет: не заполняется.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="615" />
        <source>{mark} Error: {message}</source>
        <translation>{mark} Ошибка: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="618" />
        <source>{mark} Warning (confirmed): {message}</source>
        <translation>{mark} Предупреждение (подтверждено): {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="621" />
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Предупреждение: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="634" />
        <source>No issues: the questionnaire is complete.</source>
        <translation>Замечаний нет: анкета заполнена полностью.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="637" />
        <source>{e} errors, {w} warnings ({c} confirmed)</source>
        <translation>Ошибок: {e}, предупреждений: {w} (подтверждено: {c})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="716" />
        <source>Fix the dates and years that cannot be read first.</source>
        <translation>Сначала исправьте нераспознанные даты и годы.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="736" />
        <source>Saved {number}.</source>
        <translation>{number} сохранено.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="738" />
        <source>Still incomplete: {n} errors.</source>
        <translation>Еще не заполнено: ошибок — {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="742" />
        <source>Other cases with this IIN: {numbers}.</source>
        <translation>Другие дела с этим ИИН: {numbers}.</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="422" />
        <source>Add row (Insert)</source>
        <translation>Добавить строку (Insert)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="423" />
        <source>Remove row (Ctrl+Del)</source>
        <translation>Удалить строку (Ctrl+Del)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="424" />
        <source>Move up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="425" />
        <source>Move down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="426" />
        <source>Ctrl+Shift+Up</source>
        <translation>Ctrl+Shift+Up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="427" />
        <source>Ctrl+Shift+Down</source>
        <translation>Ctrl+Shift+Down</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="61" />
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="100" />
        <source>The first administrator</source>
        <translation>Первый администратор</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="102" />
        <source>The administrator adds the other officers. Keep the password safe.</source>
        <translation>Администратор добавляет остальных сотрудников. Храните пароль надежно.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="105" />
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="106" />
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="107" />
        <source>&amp;Password (8 or more characters):</source>
        <translation>&amp;Пароль (не менее 8 символов):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="108" />
        <source>&amp;Repeat the password:</source>
        <translation>&amp;Повторите пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="121" />
        <source>The passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>_MissionPage</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="56" />
        <source>The mission</source>
        <translation>Загранучреждение</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="57" />
        <source>This desk keeps the cases of one foreign mission.</source>
        <translation>Это рабочее место хранит дела одного загранучреждения.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="58" />
        <source>Mission &amp;code:</source>
        <translation>&amp;Код загранучреждения:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="59" />
        <source>e.g. KZ-BER</source>
        <translation>например, KZ-BER</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="60" />
        <source>Mission &amp;name:</source>
        <translation>&amp;Название загранучреждения:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="61" />
        <source>Host &amp;country (ISO, two letters):</source>
        <translation>&amp;Страна пребывания (ISO, две буквы):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="62" />
        <source>e.g. DE</source>
        <translation>например, DE</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="63" />
        <source>&amp;Reception hours:</source>
        <translation>&amp;Часы приема:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="64" />
        <source>e.g. Mon–Fri 9:00–12:00</source>
        <translation>например, Пн–Пт 9:00–12:00</translation>
    </message>
</context>
</TS>