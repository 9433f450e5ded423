<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="kk_KZ" sourcelanguage="en">
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="279" />
        <source>{stage} (incomplete)</source>
        <translation>{stage} (толық емес)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="288" />
        <source>overdue by {n}</source>
        <translation>{n} күнге кешікті</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="299" />
        <source>Case number</source>
        <translation>Іс нөмірі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="300" />
        <source>Applicant</source>
        <translation>Өтініш беруші</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="301" />
        <source>IIN</source>
        <translation>ЖСН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="302" />
        <source>Born</source>
        <translation>Туған күні</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="303" />
        <source>Stage</source>
        <translation>Кезең</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="304" />
        <source>Next deadline</source>
        <translation>Келесі мерзім</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="305" />
        <source>Days left</source>
        <translation>Қалған күн</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="395" />
        <source>&amp;Find:</source>
        <translation>&amp;Іздеу:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="396" />
        <source>IIN, surname, name or case number</source>
        <translation>ЖСН, тегі, аты немесе іс нөмірі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="397" />
        <source>Find cases</source>
        <translation>Істерді іздеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="398" />
        <source>&amp;Stage:</source>
        <translation>&amp;Кезең:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="399" />
        <source>Stage filter</source>
        <translation>Кезең сүзгісі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="400" />
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="444" />
        <source>All stages</source>
        <translation>Барлық кезеңдер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="447" />
        <source>{stage} ({n})</source>
        <translation>{stage} ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="464" />
        <source>{n} cases</source>
        <translation>Істер: {n}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="23" />
        <source>Qonys: internal error</source>
        <translation>Qonys: ішкі қате</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="25" />
        <source>Something went wrong inside Qonys. Your saved work is safe. Please send the details below (they hold no personal data) to support.</source>
        <translation>Qonys ішінде қате шықты. Сақталған жұмысыңыз сақталды. Төмендегі мәліметтерді (дербес деректер жоқ) қолдау қызметіне жіберіңіз.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="160" />
        <source>Qonys — first run</source>
        <translation>Qonys — алғашқы іске қосу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="181" />
        <source>The passwords differ.</source>
        <translation>Құпиясөздер сәйкес емес.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="188" />
        <source>Creating the encrypted store…</source>
        <translation>Шифрланған қойма құрылуда…</translation>
    </message>
</context>
<context>
    <name>IssueListModel</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="80" />
        <source>{field}, row {row}</source>
        <translation>{field}, {row}-жол</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="82" />
        <source>Error</source>
        <translation>Қате</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="84" />
        <source>Warning (confirmed)</source>
        <translation>Ескерту (расталды)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="86" />
        <source>Warning</source>
        <translation>Ескерту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="87" />
        <source>{kind}: {field} — {message}</source>
        <translation>{kind}: {field} — {message}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../desktop/ui/lock.py" line="156" />
        <source>The desk is locked</source>
        <translation>Жұмыс орны құлыпталған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="158" />
        <source>Locked by {name} ({login}). Only this officer can unlock it.</source>
        <translation>{name} ({login}) құлыптады. Оны тек осы қызметкер аша алады.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="162" />
        <source>&amp;Password:</source>
        <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="163" />
        <source>Password</source>
        <translation>Құпиясөз</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="164" />
        <source>&amp;Unlock</source>
        <translation>&amp;Ашу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="165" />
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="203" />
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Сәтсіз әрекеттер тым көп. {n} с кейін қайталаңыз.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login.py" line="144" />
        <source>Qonys — log in</source>
        <translation>Qonys — кіру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="145" />
        <source>Qonys: emigration cases desk</source>
        <translation>Qonys: көші-қон істерінің жұмыс орны</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="146" />
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="147" />
        <source>&amp;Password:</source>
        <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="148" />
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="149" />
        <source>Password</source>
        <translation>Құпиясөз</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="150" />
        <source>Log in</source>
        <translation>Кіру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="162" />
        <source>Enter your login and password.</source>
        <translation>Логин мен құпиясөзді енгізіңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="165" />
        <source>Checking the password…</source>
        <translation>Құпиясөз тексерілуде…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="208" />
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Сәтсіз әрекеттер тым көп. {n} с кейін қайталаңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="217" />
        <source>You may try again.</source>
        <translation>Қайта көруге болады.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="170" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="171" />
        <source>&amp;Cases</source>
        <translation>&amp;Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="172" />
        <source>&amp;Settings</source>
        <translation>&amp;Баптаулар</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="173" />
        <source>&amp;Language</source>
        <translation>&amp;Тіл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="174" />
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="175" />
        <source>&amp;New questionnaire</source>
        <translation>&amp;Жаңа сауалнама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="176" />
        <source>&amp;Open selected case</source>
        <translation>Таңдалған істі &amp;ашу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="177" />
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="178" />
        <source>&amp;Edit questionnaire</source>
        <translation>Сауалнаманы &amp;өзгерту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="179" />
        <source>&amp;Close tab</source>
        <translation>Қойындыны &amp;жабу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="180" />
        <source>&amp;Lock the desk</source>
        <translation>Жұмыс орнын &amp;құлыптау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181" />
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="182" />
        <source>&amp;Find cases</source>
        <translation>Істерді &amp;іздеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="183" />
        <source>Case &amp;list</source>
        <translation>Істер &amp;тізімі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="184" />
        <source>&amp;Refresh</source>
        <translation>&amp;Жаңарту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="185" />
        <source>&amp;Auto-lock after…</source>
        <translation>&amp;Автоқұлыптау…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="186" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Пернетақта тіркесімдері</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="187" />
        <source>&amp;About Qonys</source>
        <translation>Qonys &amp;туралы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="188" />
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="199" />
        <source>Qonys — locked</source>
        <translation>Qonys — құлыпталған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="202" />
        <source>Qonys — {mission}</source>
        <translation>Qonys — {mission}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="209" />
        <source>Officer: {name} ({login})</source>
        <translation>Қызметкер: {name} ({login})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="212" />
        <source>Mission: {code}</source>
        <translation>Мекеме: {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="215" />
        <source>Store: locked, key dropped</source>
        <translation>Қойма: құлыпталған, кілт жойылды</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="218" />
        <source>Store: open, encrypted; {n} cases listed</source>
        <translation>Қойма: ашық, шифрланған; тізімде істер: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="355" />
        <location filename="../../desktop/ui/main_window.py" line="417" />
        <source>Unsaved changes</source>
        <translation>Сақталмаған өзгерістер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="356" />
        <source>These questionnaires have unsaved changes:
{names}</source>
        <translation>Бұл сауалнамаларда сақталмаған өзгерістер бар:
{names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="419" />
        <source>{n} questionnaires have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation>Сақталмаған өзгерістері бар сауалнамалар: {n}. Сақтау үшін құлыпты ашыңыз. Әлде шығып, оларды жоғалтасыз ба?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="444" />
        <source>Auto-lock</source>
        <translation>Автоқұлыптау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="445" />
        <source>Lock the desk after this many idle minutes (0: never):</source>
        <translation>Әрекетсіз осынша минуттан кейін құлыптау (0 — ешқашан):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="465" />
        <source>Add a table row</source>
        <translation>Кестеге жол қосу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="466" />
        <source>Remove a table row</source>
        <translation>Кестеден жолды жою</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="467" />
        <source>Move a table row</source>
        <translation>Кесте жолын жылжыту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="470" />
        <source>Keyboard shortcuts</source>
        <translation>Пернетақта тіркесімдері</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="476" />
        <source>About Qonys</source>
        <translation>Qonys туралы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="478" />
        <source>Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1).</source>
        <translation>Qonys {version}: көші-қон істеріне арналған консулдық жұмыс орны (СІМ-нің № 11-1-4/1 бұйрығы).</translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="319" />
        <location filename="../../desktop/ui/questionnaire/editor.py" line="428" />
        <source>DD.MM.YYYY</source>
        <translation>КК.АА.ЖЖЖЖ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="415" />
        <source>&amp;Edit</source>
        <translation>Ө&amp;згерту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="416" />
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="417" />
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="418" />
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="419" />
        <source>&amp;Issues</source>
        <translation>&amp;Ескертулер мен қателер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="420" />
        <source>Issues</source>
        <translation>Ескертулер мен қателер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="422" />
        <source>Enter: go to the field. Space: confirm the selected warning.</source>
        <translation>Enter — өріске өту. Бос орын — таңдалған ескертуді растау.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="424" />
        <source>Questionnaire</source>
        <translation>Сауалнама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="459" />
        <source>New questionnaire</source>
        <translation>Жаңа сауалнама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="469" />
        <source>Read-only view</source>
        <translation>Тек қарау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="471" />
        <source>New, not saved yet</source>
        <translation>Жаңа, әлі сақталмаған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="473" />
        <source>Editing</source>
        <translation>Өзгертілуде</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="613" />
        <source>Enter the date of birth first.</source>
        <translation>Алдымен туған күнді енгізіңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="615" />
        <source>The applicant is 16 or over: fill these in.</source>
        <translation>Өтініш беруші 16 жаста немесе одан үлкен: толтырыңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="617" />
        <source>The applicant is under 16: not filled in.</source>
        <translation>Өтініш беруші 16 жасқа толмаған: толтырылмайды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="642" />
        <source>{mark} Error: {message}</source>
        <translation>{mark} Қате: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="645" />
        <source>{mark} Warning (confirmed): {message}</source>
        <translation>{mark} Ескерту (расталды): {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="648" />
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Ескерту: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="661" />
        <source>No issues: the questionnaire is complete.</source>
        <translation>Ескертулер жоқ: сауалнама толық.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="664" />
        <source>{e} errors, {w} warnings ({c} confirmed)</source>
        <translation>Қателер: {e}, ескертулер: {w} (расталғаны: {c})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="743" />
        <source>Fix the dates and years that cannot be read first.</source>
        <translation>Алдымен оқылмайтын күндер мен жылдарды түзетіңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="763" />
        <source>Saved {number}.</source>
        <translation>{number} сақталды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="765" />
        <source>Still incomplete: {n} errors.</source>
        <translation>Әлі толық емес: қателер саны {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="769" />
        <source>Other cases with this IIN: {numbers}.</source>
        <translation>Осы ЖСН бар басқа істер: {numbers}.</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="430" />
        <source>Add row (Insert)</source>
        <translation>Жол қосу (Insert)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="431" />
        <source>Remove row (Ctrl+Del)</source>
        <translation>Жолды жою (Ctrl+Del)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="432" />
        <source>Move up</source>
        <translation>Жоғары</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="433" />
        <source>Move down</source>
        <translation>Төмен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="434" />
        <source>Ctrl+Shift+Up</source>
        <translation>Ctrl+Shift+Up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="435" />
        <source>Ctrl+Shift+Down</source>
        <translation>Ctrl+Shift+Down</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>Draft</source>
        <translation>Жоба</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="100" />
        <source>The first administrator</source>
        <translation>Бірінші әкімші</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="102" />
        <source>The administrator adds the other officers. Keep the password safe.</source>
        <translation>Әкімші басқа қызметкерлерді қосады. Құпиясөзді сенімді жерде сақтаңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="105" />
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="106" />
        <source>&amp;Full name:</source>
        <translation>&amp;Аты-жөні:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="107" />
        <source>&amp;Password (8 or more characters):</source>
        <translation>&amp;Құпиясөз (кемінде 8 таңба):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="108" />
        <source>&amp;Repeat the password:</source>
        <translation>Құпиясөзді &amp;қайталаңыз:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="121" />
        <source>The passwords differ.</source>
        <translation>Құпиясөздер сәйкес емес.</translation>
    </message>
</context>
<context>
    <name>_MissionPage</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="56" />
        <source>The mission</source>
        <translation>Шетелдік мекеме</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="57" />
        <source>This desk keeps the cases of one foreign mission.</source>
        <translation>Бұл жұмыс орны бір шетелдік мекеменің істерін сақтайды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="58" />
        <source>Mission &amp;code:</source>
        <translation>Мекеме &amp;коды:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="59" />
        <source>e.g. KZ-BER</source>
        <translation>мысалы, KZ-BER</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="60" />
        <source>Mission &amp;name:</source>
        <translation>Мекеме &amp;атауы:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="61" />
        <source>Host &amp;country (ISO, two letters):</source>
        <translation>Орналасқан &amp;ел (ISO, екі әріп):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="62" />
        <source>e.g. DE</source>
        <translation>мысалы, DE</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="63" />
        <source>&amp;Reception hours:</source>
        <translation>&amp;Қабылдау уақыты:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="64" />
        <source>e.g. Mon–Fri 9:00–12:00</source>
        <translation>мысалы, Дс–Жм 9:00–12:00</translation>
    </message>
</context>
</TS>