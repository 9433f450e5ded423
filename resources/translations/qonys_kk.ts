<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desktop/ui/procedure/actions.py" line="70"/>
        <source>(optional)</source>
        <translation>(міндетті емес)</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="279"/>
        <source>{stage} (incomplete)</source>
        <translation>{stage} (толық емес)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="288"/>
        <source>overdue by {n}</source>
        <translation>{n} күнге кешікті</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="299"/>
        <source>Case number</source>
        <translation>Іс нөмірі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="300"/>
        <source>Applicant</source>
        <translation>Өтініш беруші</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="301"/>
        <source>IIN</source>
        <translation>ЖСН</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="302"/>
        <source>Born</source>
        <translation>Туған күні</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="303"/>
        <source>Stage</source>
        <translation>Кезең</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="304"/>
        <source>Next deadline</source>
        <translation>Келесі мерзім</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="305"/>
        <source>Days left</source>
        <translation>Қалған күн</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="395"/>
        <source>&amp;Find:</source>
        <translation>&amp;Іздеу:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="396"/>
        <source>IIN, surname, name or case number</source>
        <translation>ЖСН, тегі, аты немесе іс нөмірі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="397"/>
        <source>Find cases</source>
        <translation>Істерді іздеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="398"/>
        <source>&amp;Stage:</source>
        <translation>&amp;Кезең:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="399"/>
        <source>Stage filter</source>
        <translation>Кезең сүзгісі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="400"/>
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="444"/>
        <source>All stages</source>
        <translation>Барлық кезеңдер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="447"/>
        <source>{stage} ({n})</source>
        <translation>{stage} ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/case_list.py" line="464"/>
        <source>{n} cases</source>
        <translation>Істер: {n}</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="159"/>
        <source>Documents (§3)</source>
        <translation>Құжаттар (§3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="160"/>
        <source>Timeline and deadlines</source>
        <translation>Хронология және мерзімдер</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="60"/>
        <source>Received</source>
        <translation>Алынды</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="61"/>
        <source>Document</source>
        <translation>Құжат</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="62"/>
        <source>Why</source>
        <translation>Негізі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="63"/>
        <source>Expires</source>
        <translation>Жарамдылық мерзімі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="64"/>
        <source>Scans</source>
        <translation>Скандар</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="74"/>
        <source>Scan copies of the selected document…</source>
        <translation>Таңдалған құжаттың скан-көшірмелері…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="119"/>
        <source>Expired: the set cannot be accepted (§5)</source>
        <translation>Мерзімі өткен: құжаттар топтамасын қабылдауға болмайды (§5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="129"/>
        <source>§3 checklist, version {version}{frozen}</source>
        <translation>§3 бойынша тізбе, {version} нұсқа{frozen}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="131"/>
        <source> (as accepted)</source>
        <translation> (қабылданған кездегі)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="135"/>
        <source>The set as it stood when the case left the draft stage</source>
        <translation>Іс «Жоба» кезеңінен шыққан кездегі құжаттар топтамасы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="137"/>
        <source>Complete: the documents can be accepted (§4)</source>
        <translation>Толық: құжаттарды қабылдауға болады (§4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="140"/>
        <source>Missing: {missing}; expired: {expired}</source>
        <translation>Жетіспейді: {missing}; мерзімі өткен: {expired}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="167"/>
        <source>Dates are written as DD.MM.YYYY</source>
        <translation>Күндер КК.АА.ЖЖЖЖ түрінде жазылады</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/checklist_panel.py" line="205"/>
        <source>Select the document to scan in the list</source>
        <translation>Сканерлейтін құжатты тізімнен таңдаңыз</translation>
    </message>
</context>
<context>
    <name>CropDialog</name>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="131"/>
        <source>Crop the page</source>
        <translation>Бетті қию</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="142"/>
        <source>Drag a rectangle around what to keep.</source>
        <translation>Сақталатын бөлікті тіктөртбұрышпен белгілеңіз.</translation>
    </message>
</context>
<context>
    <name>DeadlineDashboard</name>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="91"/>
        <source>Only my cases</source>
        <translation>Тек менің істерім</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="96"/>
        <source>Status</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="97"/>
        <source>Due</source>
        <translation>Соңғы күні</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="98"/>
        <source>§</source>
        <translation>§</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="99"/>
        <source>Case</source>
        <translation>Іс</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="100"/>
        <source>Deadline</source>
        <translation>Мерзім</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="101"/>
        <source>Officer</source>
        <translation>Қызметкер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="108"/>
        <source>Open cases by stage</source>
        <translation>Кезеңдер бойынша аяқталмаған істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="109"/>
        <source>Deadlines per week</source>
        <translation>Апталар бойынша мерзімдер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="170"/>
        <source>{today}: {overdue} overdue, {today_n} due today, {soon} due soon</source>
        <translation>{today}: мерзімі өткені — {overdue}, мерзімі бүгін — {today_n}, мерзімі жақында — {soon}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/dashboard.py" line="182"/>
        <source>The calendar changed: {n} deadlines were recomputed</source>
        <translation>Күнтізбе өзгерді: қайта есептелген мерзімдер — {n}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="23"/>
        <source>Qonys: internal error</source>
        <translation>Qonys: ішкі қате</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/widgets.py" line="25"/>
        <source>Something went wrong inside Qonys. Your saved work is safe. Please send the details below (they hold no personal data) to support.</source>
        <translation>Qonys ішінде қате шықты. Сақталған жұмысыңыз сақталды. Төмендегі мәліметтерді (дербес деректер жоқ) қолдау қызметіне жіберіңіз.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="160"/>
        <source>Qonys — first run</source>
        <translation>Qonys — алғашқы іске қосу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="181"/>
        <source>The passwords differ.</source>
        <translation>Құпиясөздер сәйкес емес.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="188"/>
        <source>Creating the encrypted store…</source>
        <translation>Шифрланған қойма құрылуда…</translation>
    </message>
</context>
<context>
    <name>IssueListModel</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="80"/>
        <source>{field}, row {row}</source>
        <translation>{field}, {row}-жол</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="82"/>
        <source>Error</source>
        <translation>Қате</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="84"/>
        <source>Warning (confirmed)</source>
        <translation>Ескерту (расталды)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="86"/>
        <source>Warning</source>
        <translation>Ескерту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/issues.py" line="87"/>
        <source>{kind}: {field} — {message}</source>
        <translation>{kind}: {field} — {message}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../desktop/ui/lock.py" line="156"/>
        <source>The desk is locked</source>
        <translation>Жұмыс орны құлыпталған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="158"/>
        <source>Locked by {name} ({login}). Only this officer can unlock it.</source>
        <translation>{name} ({login}) құлыптады. Оны тек осы қызметкер аша алады.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="162"/>
        <source>&amp;Password:</source>
        <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="163"/>
        <source>Password</source>
        <translation>Құпиясөз</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="164"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Ашу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="165"/>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lock.py" line="203"/>
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Сәтсіз әрекеттер тым көп. {n} с кейін қайталаңыз.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/login.py" line="144"/>
        <source>Qonys — log in</source>
        <translation>Qonys — кіру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="145"/>
        <source>Qonys: emigration cases desk</source>
        <translation>Qonys: көші-қон істерінің жұмыс орны</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="146"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="147"/>
        <source>&amp;Password:</source>
        <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="148"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="149"/>
        <source>Password</source>
        <translation>Құпиясөз</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="150"/>
        <source>Log in</source>
        <translation>Кіру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="162"/>
        <source>Enter your login and password.</source>
        <translation>Логин мен құпиясөзді енгізіңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="165"/>
        <source>Checking the password…</source>
        <translation>Құпиясөз тексерілуде…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="208"/>
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Сәтсіз әрекеттер тым көп. {n} с кейін қайталаңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login.py" line="217"/>
        <source>You may try again.</source>
        <translation>Қайта көруге болады.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="173"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="174"/>
        <source>&amp;Cases</source>
        <translation>&amp;Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="175"/>
        <source>&amp;Settings</source>
        <translation>&amp;Баптаулар</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="176"/>
        <source>&amp;Language</source>
        <translation>&amp;Тіл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="177"/>
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="178"/>
        <source>&amp;New questionnaire</source>
        <translation>&amp;Жаңа сауалнама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="179"/>
        <source>&amp;Open selected case</source>
        <translation>Таңдалған істі &amp;ашу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="180"/>
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181"/>
        <source>&amp;Edit questionnaire</source>
        <translation>Сауалнаманы &amp;өзгерту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="182"/>
        <source>&amp;Close tab</source>
        <translation>Қойындыны &amp;жабу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="183"/>
        <source>&amp;Lock the desk</source>
        <translation>Жұмыс орнын &amp;құлыптау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="184"/>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="185"/>
        <source>&amp;Find cases</source>
        <translation>Істерді &amp;іздеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="186"/>
        <source>Case &amp;list</source>
        <translation>Істер &amp;тізімі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="187"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Жаңарту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="188"/>
        <source>&amp;Auto-lock after…</source>
        <translation>&amp;Автоқұлыптау…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="189"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Пернетақта тіркесімдері</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="190"/>
        <source>&amp;About Qonys</source>
        <translation>Qonys &amp;туралы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="191"/>
        <source>&amp;Verify a notification…</source>
        <translation>Хабарламаны т&amp;ексеру…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="192"/>
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="203"/>
        <source>Qonys — locked</source>
        <translation>Qonys — құлыпталған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="206"/>
        <source>Qonys — {mission}</source>
        <translation>Qonys — {mission}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="213"/>
        <source>Officer: {name} ({login})</source>
        <translation>Қызметкер: {name} ({login})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="216"/>
        <source>Mission: {code}</source>
        <translation>Мекеме: {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="219"/>
        <source>Store: locked, key dropped</source>
        <translation>Қойма: құлыпталған, кілт жойылды</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="222"/>
        <source>Store: open, encrypted; {n} cases listed</source>
        <translation>Қойма: ашық, шифрланған; тізімде істер: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="359"/>
        <location filename="../../desktop/ui/main_window.py" line="421"/>
        <source>Unsaved changes</source>
        <translation>Сақталмаған өзгерістер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="360"/>
        <source>These questionnaires have unsaved changes:
{names}</source>
        <translation>Бұл сауалнамаларда сақталмаған өзгерістер бар:
{names}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="423"/>
        <source>{n} questionnaires have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation>Сақталмаған өзгерістері бар сауалнамалар: {n}. Сақтау үшін құлыпты ашыңыз. Әлде шығып, оларды жоғалтасыз ба?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="448"/>
        <source>Auto-lock</source>
        <translation>Автоқұлыптау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="449"/>
        <source>Lock the desk after this many idle minutes (0: never):</source>
        <translation>Әрекетсіз осынша минуттан кейін құлыптау (0 — ешқашан):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="469"/>
        <source>Add a table row</source>
        <translation>Кестеге жол қосу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="470"/>
        <source>Remove a table row</source>
        <translation>Кестеден жолды жою</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="471"/>
        <source>Move a table row</source>
        <translation>Кесте жолын жылжыту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="474"/>
        <source>Keyboard shortcuts</source>
        <translation>Пернетақта тіркесімдері</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="489"/>
        <source>About Qonys</source>
        <translation>Qonys туралы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="491"/>
        <source>Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1).</source>
        <translation>Qonys {version}: көші-қон істеріне арналған консулдық жұмыс орны (СІМ-нің № 11-1-4/1 бұйрығы).</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <location filename="../../desktop/ui/printing.py" line="106"/>
        <source>Print…</source>
        <translation>Басып шығару…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="111"/>
        <source>Annex 4 notification (signed, sealed) §10</source>
        <translation>4-қосымша бойынша хабарлама (қол қойылған, мөрмен бекітілген) §10</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="112"/>
        <source>Application copy with the acceptance mark §4</source>
        <translation>Қабылданғаны туралы белгісі бар өтініш көшірмесі §4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="113"/>
        <source>Refusal to accept §5</source>
        <translation>Қабылдаудан бас тарту §5</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="114"/>
        <source>Draft refusal and hearing notice §11</source>
        <translation>Бас тарту жобасы және тыңдау туралы хабарлама §11</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="115"/>
        <source>Reasoned refusal §11</source>
        <translation>Дәлелді бас тарту §11</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="122"/>
        <source>Save the last printed PDF…</source>
        <translation>Соңғы басып шығарылған PDF файлын сақтау…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/printing.py" line="151"/>
        <source>Save PDF</source>
        <translation>PDF сақтау</translation>
    </message>
</context>
<context>
    <name>ProcedureDocks</name>
    <message>
        <location filename="../../desktop/ui/procedure_docks.py" line="26"/>
        <source>Deadlines</source>
        <translation>Мерзімдер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure_docks.py" line="27"/>
        <source>Procedure</source>
        <translation>Рәсім</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure_docks.py" line="63"/>
        <source>Open a saved case to see its documents, timeline and steps.</source>
        <translation>Құжаттарын, хронологиясын және қадамдарын көру үшін сақталған істі ашыңыз.</translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="319"/>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="428"/>
        <source>DD.MM.YYYY</source>
        <translation>КК.АА.ЖЖЖЖ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="415"/>
        <source>&amp;Edit</source>
        <translation>Ө&amp;згерту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="416"/>
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="417"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="418"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="419"/>
        <source>&amp;Issues</source>
        <translation>&amp;Ескертулер мен қателер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="420"/>
        <source>Issues</source>
        <translation>Ескертулер мен қателер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="422"/>
        <source>Enter: go to the field. Space: confirm the selected warning.</source>
        <translation>Enter — өріске өту. Бос орын — таңдалған ескертуді растау.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="424"/>
        <source>Questionnaire</source>
        <translation>Сауалнама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="459"/>
        <source>New questionnaire</source>
        <translation>Жаңа сауалнама</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="469"/>
        <source>Read-only view</source>
        <translation>Тек қарау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="471"/>
        <source>New, not saved yet</source>
        <translation>Жаңа, әлі сақталмаған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="473"/>
        <source>Editing</source>
        <translation>Өзгертілуде</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="613"/>
        <source>Enter the date of birth first.</source>
        <translation>Алдымен туған күнді енгізіңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="615"/>
        <source>The applicant is 16 or over: fill these in.</source>
        <translation>Өтініш беруші 16 жаста немесе одан үлкен: толтырыңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="617"/>
        <source>The applicant is under 16: not filled in.</source>
        <translation>Өтініш беруші 16 жасқа толмаған: толтырылмайды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="642"/>
        <source>{mark} Error: {message}</source>
        <translation>{mark} Қате: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="645"/>
        <source>{mark} Warning (confirmed): {message}</source>
        <translation>{mark} Ескерту (расталды): {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="648"/>
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Ескерту: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="661"/>
        <source>No issues: the questionnaire is complete.</source>
        <translation>Ескертулер жоқ: сауалнама толық.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="664"/>
        <source>{e} errors, {w} warnings ({c} confirmed)</source>
        <translation>Қателер: {e}, ескертулер: {w} (расталғаны: {c})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="743"/>
        <source>Fix the dates and years that cannot be read first.</source>
        <translation>Алдымен оқылмайтын күндер мен жылдарды түзетіңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="763"/>
        <source>Saved {number}.</source>
        <translation>{number} сақталды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="765"/>
        <source>Still incomplete: {n} errors.</source>
        <translation>Әлі толық емес: қателер саны {n}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/editor.py" line="769"/>
        <source>Other cases with this IIN: {numbers}.</source>
        <translation>Осы ЖСН бар басқа істер: {numbers}.</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="430"/>
        <source>Add row (Insert)</source>
        <translation>Жол қосу (Insert)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="431"/>
        <source>Remove row (Ctrl+Del)</source>
        <translation>Жолды жою (Ctrl+Del)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="432"/>
        <source>Move up</source>
        <translation>Жоғары</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="433"/>
        <source>Move down</source>
        <translation>Төмен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="434"/>
        <source>Ctrl+Shift+Up</source>
        <translation>Ctrl+Shift+Up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/questionnaire/rows.py" line="435"/>
        <source>Ctrl+Shift+Down</source>
        <translation>Ctrl+Shift+Down</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="188"/>
        <source>Scan copies</source>
        <translation>Скан-көшірмелер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="196"/>
        <source>Grey</source>
        <translation>Сұр реңк</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="197"/>
        <source>Document feeder (all sheets)</source>
        <translation>Құжаттарды автоматты беру құрылғысы (барлық парақ)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="198"/>
        <source>Scan</source>
        <translation>Сканерлеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="199"/>
        <source>Add files…</source>
        <translation>Файлдарды қосу…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="210"/>
        <source>Rotate left</source>
        <translation>Солға бұру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="211"/>
        <source>Rotate right</source>
        <translation>Оңға бұру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="212"/>
        <source>Move earlier</source>
        <translation>Басына қарай жылжыту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="213"/>
        <source>Move later</source>
        <translation>Соңына қарай жылжыту</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="214"/>
        <source>Crop…</source>
        <translation>Қию…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="215"/>
        <source>Delete page</source>
        <translation>Бетті жою</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="216"/>
        <source>Rescan page</source>
        <translation>Бетті қайта сканерлеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="223"/>
        <source>MRZ: scan the passport with the reader here</source>
        <translation>Машинамен оқылатын аймақ (MRZ): паспортты осы жерде оқу құрылғысымен сканерлеңіз</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="225"/>
        <source>Use MRZ</source>
        <translation>MRZ деректерін қолдану</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="226"/>
        <source>Read MRZ from the pages</source>
        <translation>Беттерден MRZ оқу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="231"/>
        <source>Pre-fill the case</source>
        <translation>Істі алдын ала толтыру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="240"/>
        <source>Cancel scanning</source>
        <translation>Сканерлеуді болдырмау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="244"/>
        <source>Attach to the case</source>
        <translation>Іске тіркеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="245"/>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="315"/>
        <source>Internal error ({name})</source>
        <translation>Ішкі қате ({name})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="354"/>
        <source>No scanner — add files</source>
        <translation>Сканер жоқ — файлдарды қосыңыз</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="368"/>
        <source>No scanner is selected</source>
        <translation>Сканер таңдалмаған</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="408"/>
        <source>{n} page(s) taken</source>
        <translation>Түсірілген беттер: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="465"/>
        <source>Add scanned files</source>
        <translation>Сканерленген файлдарды қосу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="526"/>
        <source>Attached: {n} page(s)</source>
        <translation>Іске тіркелген беттер: {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="560"/>
        <source>No machine-readable zone found on the pages</source>
        <translation>Беттерде машинамен оқылатын аймақ табылмады</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="572"/>
        <source>The document has EXPIRED (§5)</source>
        <translation>Құжаттың мерзімі ӨТКЕН (§5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="574"/>
        <source>Wrong check digits: {f}</source>
        <translation>Бақылау сандары қате: {f}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="576"/>
        <source>{field}: MRZ {mrz} ≠ questionnaire {q}</source>
        <translation>{field}: MRZ {mrz} ≠ сауалнама {q}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_dialog.py" line="595"/>
        <source>Pre-filled: {fields}</source>
        <translation>Алдын ала толтырылды: {fields}</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <source>Draft</source>
        <translation type="vanished">Жоба</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="54"/>
        <source>Recorded</source>
        <translation>Тіркелген уақыты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="55"/>
        <source>Step</source>
        <translation>Қадам</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="56"/>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="57"/>
        <source>Officer</source>
        <translation>Қызметкер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="58"/>
        <source>Deadlines met</source>
        <translation>Мерзімдердің сақталуы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="64"/>
        <source>Due</source>
        <translation>Соңғы күні</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="64"/>
        <source>Deadline</source>
        <translation>Мерзім</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="64"/>
        <source>§</source>
        <translation>§</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="64"/>
        <source>Status</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="70"/>
        <source>Deadlines</source>
        <translation>Мерзімдер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="72"/>
        <source>Events</source>
        <translation>Оқиғалар</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="83"/>
        <source>{clock} due {due}: {verdict}</source>
        <translation>{clock}, соңғы күні {due}: {verdict}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="86"/>
        <source>in time</source>
        <translation>мерзімінде</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="86"/>
        <source>late</source>
        <translation>кешікті</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="120"/>
        <source>Working days: {calendar}</source>
        <translation>Жұмыс күндері: {calendar}</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="82"/>
        <source>Verify a notification</source>
        <translation>Хабарламаны тексеру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="86"/>
        <source>Paste the text scanned from the QR seal (QNS1:…)</source>
        <translation>QR мөрінен сканерленген мәтінді қойыңыз (QNS1:…)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="87"/>
        <source>Check the seal</source>
        <translation>Мөрді тексеру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="88"/>
        <source>Open a PDF…</source>
        <translation>PDF ашу…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="98"/>
        <source>Seal text or PDF, checked offline against the trust list</source>
        <translation>Мөр мәтіні немесе PDF сенім тізімі бойынша желіден тыс тексеріледі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="112"/>
        <source>Checking…</source>
        <translation>Тексерілуде…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="124"/>
        <source>Paste the seal text first.</source>
        <translation>Алдымен мөр мәтінін қойыңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/verify_dialog.py" line="140"/>
        <source>Open a notification</source>
        <translation>Хабарламаны ашу</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="100"/>
        <source>The first administrator</source>
        <translation>Бірінші әкімші</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="102"/>
        <source>The administrator adds the other officers. Keep the password safe.</source>
        <translation>Әкімші басқа қызметкерлерді қосады. Құпиясөзді сенімді жерде сақтаңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="105"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="106"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Аты-жөні:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="107"/>
        <source>&amp;Password (8 or more characters):</source>
        <translation>&amp;Құпиясөз (кемінде 8 таңба):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="108"/>
        <source>&amp;Repeat the password:</source>
        <translation>Құпиясөзді &amp;қайталаңыз:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="121"/>
        <source>The passwords differ.</source>
        <translation>Құпиясөздер сәйкес емес.</translation>
    </message>
</context>
<context>
    <name>_MissionPage</name>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="56"/>
        <source>The mission</source>
        <translation>Шетелдік мекеме</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="57"/>
        <source>This desk keeps the cases of one foreign mission.</source>
        <translation>Бұл жұмыс орны бір шетелдік мекеменің істерін сақтайды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="58"/>
        <source>Mission &amp;code:</source>
        <translation>Мекеме &amp;коды:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="59"/>
        <source>e.g. KZ-BER</source>
        <translation>мысалы, KZ-BER</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="60"/>
        <source>Mission &amp;name:</source>
        <translation>Мекеме &amp;атауы:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="61"/>
        <source>Host &amp;country (ISO, two letters):</source>
        <translation>Орналасқан &amp;ел (ISO, екі әріп):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="62"/>
        <source>e.g. DE</source>
        <translation>мысалы, DE</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="63"/>
        <source>&amp;Reception hours:</source>
        <translation>&amp;Қабылдау уақыты:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/first_run.py" line="64"/>
        <source>e.g. Mon–Fri 9:00–12:00</source>
        <translation>мысалы, Дс–Жм 9:00–12:00</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="131"/>
        <source>overdue</source>
        <translation>мерзімі өткен</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="132"/>
        <source>due today</source>
        <translation>мерзімі бүгін</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="133"/>
        <source>due within 3 working days</source>
        <translation>мерзімі 3 жұмыс күні ішінде</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/procedure/case_panel.py" line="134"/>
        <source>later</source>
        <translation>кейінірек</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="196"/>
        <source>E&amp;xchange with the Department…</source>
        <translation>Департаментпен &amp;алмасу…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="471"/>
        <source>Exchange with the Department</source>
        <translation>Департаментпен алмасу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="472"/>
        <source>Send to the Department</source>
        <translation>Департаментке жіберу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="473"/>
        <source>&amp;Folder:</source>
        <translation>&amp;Қалта:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="474"/>
        <source>Folder for the package files</source>
        <translation>Пакет файлдарына арналған қалта</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="475"/>
        <source>a USB stick or a shared folder</source>
        <translation>USB жинақтауыш немесе ортақ қалта</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="476"/>
        <source>C&amp;hoose…</source>
        <translation>Таң&amp;дау…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="477"/>
        <source>Choose the folder</source>
        <translation>Қалтаны таңдау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="478"/>
        <source>&amp;Split into parts of at most:</source>
        <translation>Бөліктерге &amp;бөлу, ең көбі:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="479"/>
        <source>Largest part in MB, 0 for one file</source>
        <translation>Бөліктің ең үлкен көлемі, МБ; 0 — бір файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="480"/>
        <source> MB</source>
        <translation> МБ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="481"/>
        <source>one file</source>
        <translation>бір файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="482"/>
        <source>&amp;Export</source>
        <translation>&amp;Экспорттау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="483"/>
        <source>Cance&amp;l export</source>
        <translation>Экспортты &amp;тоқтату</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="484"/>
        <source>Export progress</source>
        <translation>Экспорттау барысы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="485"/>
        <source>Receive from the Department</source>
        <translation>Департаменттен қабылдау</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="486"/>
        <source>&amp;Import packages…</source>
        <translation>Пакеттерді &amp;импорттау…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="487"/>
        <source>Import progress</source>
        <translation>Импорттау барысы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="488"/>
        <source>&amp;What each package did:</source>
        <translation>&amp;Әр пакеттің нәтижесі:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="489"/>
        <source>Import results</source>
        <translation>Импорттау нәтижелері</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="490"/>
        <source>Outbox: packages sent</source>
        <translation>Шығыс пакеттер: жіберілгендер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="491"/>
        <source>Outbox</source>
        <translation>Шығыс пакеттер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="492"/>
        <source>&amp;Mark as carried</source>
        <translation>&amp;Жеткізілді деп белгілеу</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="494"/>
        <source>The package has left the mission (courier, pouch, e-mail, shared folder)</source>
        <translation>Пакет өкілдіктен жөнелтілді (курьер, дипломатиялық пошта, e-mail, ортақ қалта)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="498"/>
        <source>Cases go once forwarded (§7); the package is signed and encrypted for the Department.</source>
        <translation>Істер Департамент арқылы жіберілгеннен кейін ғана кетеді (§7); пакетке қол қойылып, ол Департамент үшін шифрланады.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="538"/>
        <source>Mission {code} is enrolled with the Department. Trust list: version {version}, issued {issued} ({age} days old); missions: {missions}, revocations: {revocations}.</source>
        <translation>{code} өкілдігі Департаментте тіркелген. Сенім тізімі: {version}-нұсқа, {issued} берілген ({age} күн бұрын); өкілдіктер: {missions}, қайтарып алынғандар: {revocations}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="598"/>
        <source>Choose the folder for the package files first.</source>
        <translation>Алдымен пакет файлдарына арналған қалтаны таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="619"/>
        <source>Exporting…</source>
        <translation>Экспорттау…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="627"/>
        <source>Cancelling: removing what was written…</source>
        <translation>Тоқтатылуда: жазылғаны жойылуда…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="643"/>
        <source>Nothing new to send: every change has gone already.</source>
        <translation>Жіберетін жаңа дерек жоқ: барлық өзгеріс жіберіліп қойған.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="647"/>
        <source>Written: packages: {packages}, {size}; cases: {cases}, events: {events}, scan pages: {scans}.</source>
        <translation>Жазылды: пакеттер: {packages}, {size}; істер: {cases}, оқиғалар: {events}, скан беттері: {scans}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="659"/>
        <source>{file} — package {sequence}, {size}</source>
        <translation>{file} — №{sequence} пакет, {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="665"/>
        <source>Mark each package as carried once it has left the mission; it is acknowledged when the Department's reply is imported.</source>
        <translation>Әр пакет өкілдіктен кеткен соң оны «жеткізілді» деп белгілеңіз; Департаменттің жауабы импортталғанда ол расталады.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="679"/>
        <source>Export cancelled: no file was left behind and nothing was recorded.</source>
        <translation>Экспорт тоқтатылды: бірде-бір файл қалмады, ештеңе тіркелмеді.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="691"/>
        <source>Packages from the Department</source>
        <translation>Департаменттен келген пакеттер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="693"/>
        <source>Qonys packages (*.qpkg);;All files (*)</source>
        <translation>Qonys пакеттері (*.qpkg);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="739"/>
        <source>Verifying and applying…</source>
        <translation>Тексеру және қолдану…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="771"/>
        <source>Packages missing</source>
        <translation>Пакеттер жетіспейді</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="772"/>
        <source>{file} arrived before package(s) {missing} from the Department, which never came. Import those first if you can.

Accept {file} anyway? Do this only when the Department confirms the missing packages are lost.</source>
        <translation>{file} Департаменттің {missing} пакетінен бұрын келді, ал ол әлі келген жоқ. Мүмкін болса, алдымен соны импорттаңыз.

{file} бәрібір қабылдансын ба? Мұны жетіспейтін пакеттердің жоғалғанын Департамент растағанда ғана істеңіз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="788"/>
        <source>{file}: refused, nothing changed. {reason}</source>
        <translation>{file}: қабылданбады, ештеңе өзгерген жоқ. {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="792"/>
        <source>{file}: package {sequence} was imported before; nothing changed.</source>
        <translation>{file}: №{sequence} пакет бұрын импортталған; ештеңе өзгерген жоқ.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="796"/>
        <source>{file}: package {sequence} applied. Decisions: {decisions}; packages acknowledged: {acknowledged}.</source>
        <translation>{file}: №{sequence} пакет қолданылды. Шешімдер: {decisions}; расталған пакеттер: {acknowledged}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="803"/>
        <source>Trust list updated to version {version}.</source>
        <translation>Сенім тізімі {version}-нұсқаға жаңартылды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="809"/>
        <source>Accepted although package(s) {missing} never arrived.</source>
        <translation>{missing} пакеті келмесе де қабылданды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="815"/>
        <source>Kept on the case but not applied (the case is not at a stage that takes it); record it by hand: {cases}.</source>
        <translation>Іске сақталды, бірақ қолданылмады (істің сатысы бұл шешімді қабылдамайды); қолмен енгізіңіз: {cases}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="839"/>
        <source>{where}: the disk is full; nothing was recorded.</source>
        <translation>{where}: диск толы; ештеңе тіркелмеді.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="842"/>
        <source>Internal error ({kind}); a report without personal data was saved: {path}</source>
        <translation>Ішкі қате ({kind}); дербес деректерсіз есеп сақталды: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="863"/>
        <source>{file}: no such file</source>
        <translation>{file}: мұндай файл жоқ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="88"/>
        <source>{size} MB</source>
        <translation>{size} МБ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="89"/>
        <source>{size} KB</source>
        <translation>{size} КБ</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="130"/>
        <source>Built, not yet carried</source>
        <translation>Жасалды, әлі жеткізілмеген</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="131"/>
        <source>Carried, awaiting acknowledgement</source>
        <translation>Жеткізілді, растауды күтуде</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="132"/>
        <source>Acknowledged by the Department</source>
        <translation>Департамент растады</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="155"/>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="156"/>
        <source>Created</source>
        <translation>Жасалған уақыты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="157"/>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="158"/>
        <source>Part</source>
        <translation>Бөлік</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="159"/>
        <source>Size</source>
        <translation>Көлемі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="160"/>
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="161"/>
        <source>Scans</source>
        <translation>Скан беттері</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="162"/>
        <source>State</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="163"/>
        <source>Since</source>
        <translation>Күй уақыты</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="204"/>
        <source>{part} of {parts}</source>
        <translation>{parts} ішінен {part}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="222"/>
        <source>Built: {when}</source>
        <translation>Жасалды: {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="224"/>
        <source>Carried: {when}</source>
        <translation>Жеткізілді: {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_dialog.py" line="226"/>
        <source>Acknowledged: {when}</source>
        <translation>Расталды: {when}</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../desktop/ui/camera.py" line="120"/>
        <source>Take picture</source>
        <translation>Суретке түсіру</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="121"/>
        <source>Space or Enter</source>
        <translation>Бос орын пернесі немесе Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="130"/>
        <source>Camera:</source>
        <translation>Камера:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="132"/>
        <source>Resolution:</source>
        <translation>Ажыратымдылық:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="168"/>
        <source>Document camera — no camera found</source>
        <translation>Құжат камерасы — камера табылмады</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="169"/>
        <source>Document camera</source>
        <translation>Құжат камерасы</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="173"/>
        <source>Take the picture again: it replaces page {n}</source>
        <translation>Қайта суретке түсіріңіз: сурет {n}-бетті алмастырады</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="228"/>
        <source>The camera is not ready yet</source>
        <translation>Камера әлі дайын емес</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="243"/>
        <source>No camera found</source>
        <translation>Камера табылмады</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="260"/>
        <source>Camera default</source>
        <translation>Әдепкі ажыратымдылық</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="278"/>
        <source>The camera was disconnected. The pages already taken are kept; connect it again or choose another source.</source>
        <translation>Камера ажыратылды. Түсірілген беттер сақталды; камераны қайта қосыңыз немесе басқа көзді таңдаңыз.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="302"/>
        <source>The camera stopped ({reason}). The pages already taken are kept.</source>
        <translation>Камера тоқтады ({reason}). Түсірілген беттер сақталды.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="319"/>
        <source>The picture could not be taken ({reason})</source>
        <translation>Суретке түсіру мүмкін болмады ({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="326"/>
        <source>Processing the picture…</source>
        <translation>Сурет өңделуде…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="334"/>
        <source>Picture taken</source>
        <translation>Сурет түсірілді</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="342"/>
        <source>Internal error ({name})</source>
        <translation>Ішкі қате ({name})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/camera.py" line="361"/>
        <source>No camera found: connect a document camera, or use a scanner or files.</source>
        <translation>Камера табылмады: құжат камерасын қосыңыз немесе сканерді не файлдарды пайдаланыңыз.</translation>
    </message>
</context>
</TS>
