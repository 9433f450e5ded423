<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <source>(optional)</source>
        <translation>(міндетті емес)</translation>
    </message>
</context>
<context>
    <name>Administration</name>
    <message>
        <source>Make a backup</source>
        <translation>Сақтық көшірме жасау</translation>
    </message>
    <message>
        <source>An encrypted copy of the store; keep it on a disk outside this computer.</source>
        <translation>Қойманың шифрланған көшірмесі; компьютерден тыс дискіге сақтаңыз.</translation>
    </message>
    <message>
        <source>Make a backup…</source>
        <translation>Көшірме жасау…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Көшірмені қалпына келтіру</translation>
    </message>
    <message>
        <source>The backup is restored into a new, empty folder; this store is not changed. Then start Qonys with that folder.</source>
        <translation>Көшірме жаңа, бос қалтаға ашылады; осы қойма өзгермейді. Кейін Qonys-ті сол қалтамен іске қосыңыз.</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>Көшірме файлы:</translation>
    </message>
    <message>
        <source>New folder:</source>
        <translation>Жаңа қалта:</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Қалпына келтіру</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Қалпына келтіру кілті</translation>
    </message>
    <message>
        <source>Key passphrase:</source>
        <translation>Кілт құпия сөзі:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Қайталаңыз:</translation>
    </message>
    <message>
        <source>Keep the key and its passphrase apart, in the safe. The key is handed out once.</source>
        <translation>Кілтті және оның құпия сөзін бөлек, сейфте сақтаңыз. Кілт бір рет беріледі.</translation>
    </message>
    <message>
        <source>Make a new recovery key</source>
        <translation>Жаңа кілт жасау</translation>
    </message>
    <message>
        <source>Recovery key: {kid}</source>
        <translation>Қалпына келтіру кілті: {kid}</translation>
    </message>
    <message>
        <source>No recovery key yet</source>
        <translation>Қалпына келтіру кілті жоқ</translation>
    </message>
    <message>
        <source>The backup of {code} made {day} is restored into {folder}</source>
        <translation>{code} көшірмесі ({day}) {folder} қалтасына ашылды</translation>
    </message>
    <message>
        <source>Recovery key {kid} written to {path}: move it off this computer.</source>
        <translation>{kid} кілті {path} файлына жазылды: оны осы компьютерден алып тастаңыз.</translation>
    </message>
    <message>
        <source>Officers</source>
        <translation>Қызметкерлер</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Департамент</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Күнтізбе</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Сақтық көшірме</translation>
    </message>
    <message>
        <source>Journal and monitoring</source>
        <translation>Журнал және мониторинг</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>Тізілімдер</translation>
    </message>
    <message>
        <source>Scanned pages</source>
        <translation>Сканерленген беттер</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Баптаулар</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Әкімшілік</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Таңдау…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Тоқтату</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Details: {details}</source>
        <translation>Техникалық мәліметтер: {details}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Орындалуда…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Тоқтатылды</translation>
    </message>
    <message>
        <source>The two passwords differ</source>
        <translation>Екі құпиясөз сәйкес емес</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Файлды таңдаңыз</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Қалтаны таңдаңыз</translation>
    </message>
    <message>
        <source>Choose an officer in the list</source>
        <translation>Қызметкерді тізімнен таңдаңыз</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Құпиясөз:</translation>
    </message>
    <message>
        <source>Repeat the password:</source>
        <translation>Құпиясөзді қайталаңыз:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Басы:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Соңы:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Сақтау орны:</translation>
    </message>
    <message>
        <source>Working days: Kazakhstan&apos;s holidays, the host country&apos;s holidays, the mission&apos;s closure days and extra working days. Saving recomputes every open deadline.</source>
        <translation>Жұмыс күндері: Қазақстанның мерекелері, қабылдаушы елдің мерекелері, шет елдердегі мекеменің жабылған күндері мен қосымша жұмыс күндері. Сақтағанда ашық мерзімдер қайта есептеледі.</translation>
    </message>
    <message>
        <source>Host country (ISO):</source>
        <translation>Қабылдаушы ел (ISO):</translation>
    </message>
    <message>
        <source>Region (e.g. BE):</source>
        <translation>Аймақ (мысалы, BE):</translation>
    </message>
    <message>
        <source>Closure days</source>
        <translation>Жабылған күндер</translation>
    </message>
    <message>
        <source>Extra working days</source>
        <translation>Қосымша жұмыс күндері</translation>
    </message>
    <message>
        <source>Save the calendar</source>
        <translation>Күнтізбені сақтау</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Қосу</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Өшіру</translation>
    </message>
    <message>
        <source>The Department&apos;s enrolment bundle</source>
        <translation>Департаменттің тіркеу пакеті</translation>
    </message>
    <message>
        <source>Bundle password:</source>
        <translation>Пакет құпиясөзі:</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>Орнату</translation>
    </message>
    <message>
        <source>A consul installs their own signing certificate (logged in as themself): the key is locked with their password.</source>
        <translation>Консул қол қою сертификатын өзі орнатады (өз логинімен кіріп): кілт оның құпиясөзімен құлыпталады.</translation>
    </message>
    <message>
        <source>My signing certificate (PKCS#12)</source>
        <translation>Менің қол қою сертификатым (PKCS#12)</translation>
    </message>
    <message>
        <source>Consul:</source>
        <translation>Консул:</translation>
    </message>
    <message>
        <source>File password:</source>
        <translation>Файл құпиясөзі:</translation>
    </message>
    <message>
        <source>The mission is not enrolled with the Department yet.</source>
        <translation>Шет елдердегі мекеме Департаментте әлі тіркелмеген.</translation>
    </message>
    <message>
        <source>{code} is enrolled; trust list v{version} issued {day}.</source>
        <translation>{code} тіркелген; сенім тізімінің {version} нұсқасы, {day} шығарылған.</translation>
    </message>
    <message>
        <source>{code} enrolled; trust list v{version} installed.</source>
        <translation>{code} тіркелді; сенім тізімінің {version} нұсқасы орнатылды.</translation>
    </message>
    <message>
        <source>Online sync with the Department: {url}.</source>
        <translation>Департаментпен онлайн алмасу: {url}.</translation>
    </message>
    <message>
        <source>Signing certificate installed for {login} ({subject}), valid until {day}</source>
        <translation>{login} үшін қол қою сертификаты орнатылды ({subject}), {day} дейін жарамды</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Аты-жөні</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Рөлі</translation>
    </message>
    <message>
        <source>Remove the selected officer</source>
        <translation>Таңдалғанды өшіру</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>Құпиясөзді қалпына келтіру</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Жаңа құпиясөз:</translation>
    </message>
    <message>
        <source>The selected officer gets a new password; the old one no longer opens the store.</source>
        <translation>Таңдалған қызметкерге жаңа құпиясөз беріледі; ескісі енді қойманы ашпайды.</translation>
    </message>
    <message>
        <source>Reset the password</source>
        <translation>Құпиясөзді қалпына келтіру</translation>
    </message>
    <message>
        <source>Add an officer</source>
        <translation>Қызметкер қосу</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>Аты-жөні:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Рөлі:</translation>
    </message>
    <message>
        <source>Added {login} ({role})</source>
        <translation>{login} қосылды ({role})</translation>
    </message>
    <message>
        <source>Remove {login}? Their password will no longer open the store.</source>
        <translation>{login} өшірілсін бе? Оның құпиясөзі енді қойманы ашпайды.</translation>
    </message>
    <message>
        <source>Removed {login}: their password no longer opens the store</source>
        <translation>{login} өшірілді: оның құпиясөзі енді қойманы ашпайды</translation>
    </message>
    <message>
        <source>{login} has a new password</source>
        <translation>{login} үшін жаңа құпиясөз орнатылды</translation>
    </message>
    <message>
        <source>Register:</source>
        <translation>Тізілім:</translation>
    </message>
    <message>
        <source>Choose a held document in the list</source>
        <translation>Тізімнен сақтаудағы құжатты таңдаңыз</translation>
    </message>
    <message>
        <source>Only those still held (whenever received)</source>
        <translation>Тек сақтаудағылар (қабылданған күніне қарамастан)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Көрсету</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Басып шығару…</translation>
    </message>
    <message>
        <source>Release the selected ID card</source>
        <translation>Таңдалған жеке куәлікті беру</translation>
    </message>
    <message>
        <source>Where it went:</source>
        <translation>Қайда берілді:</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Беру</translation>
    </message>
    <message>
        <source>Save to a file</source>
        <translation>Файлға сақтау</translation>
    </message>
    <message>
        <source>Save the register</source>
        <translation>Тізілімді сақтау</translation>
    </message>
    <message>
        <source>Entries: {n}</source>
        <translation>Жазбалар: {n}</translation>
    </message>
    <message>
        <source>{document} of case {number} released: {note}</source>
        <translation>{number} ісінің {document} құжаты берілді: {note}</translation>
    </message>
    <message>
        <source>Rows written to {path}: {rows}</source>
        <translation>{path} файлына жазылған жолдар: {rows}</translation>
    </message>
    <message>
        <source>Journal of permissions (Annex 5)</source>
        <translation>Рұқсаттар журналы (5-қосымша)</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Пішімі:</translation>
    </message>
    <message>
        <source>Save the journal</source>
        <translation>Журналды сақтау</translation>
    </message>
    <message>
        <source>Monitoring data (§14)</source>
        <translation>Мониторинг деректері (14-тармақ)</translation>
    </message>
    <message>
        <source>Include the applicants&apos; IINs</source>
        <translation>Өтініш берушілердің ЖСН-ін қосу</translation>
    </message>
    <message>
        <source>Save the data</source>
        <translation>Деректерді сақтау</translation>
    </message>
    <message>
        <source>{rows} rows written to {path}</source>
        <translation>{rows} жол {path} файлына жазылды</translation>
    </message>
    <message>
        <source>A store made by an older version of Qonys keeps its scanned pages inside the database; new pages are each kept in an encrypted file of their own, which an export reads much faster. This moves the old pages into such files, 32 pages at a time, and removes orphan files that no page names (left by an interrupted save). Officers may keep working. It can be cancelled or the window closed at any moment: the pages moved stay in their files, and running it again continues.</source>
        <translation>Qonys-тің бұрынғы нұсқалары жасаған қойма сканерленген беттерді дерекқордың ішінде сақтайды; жаңа беттер әрқайсысы жеке шифрланған файлда сақталады, экспорт оларды әлдеқайда жылдам оқиды. Бұл әрекет ескі беттерді осындай файлдарға бір жолы 32 беттен ауыстырады және ешбір бет сілтемейтін артық файлдарды (үзілген сақтаудан қалған) жояды. Қызметкерлер жұмысын жалғастыра береді. Әрекетті кез келген сәтте тоқтатуға немесе терезені жабуға болады: ауыстырылған беттер сол күйінде қалады, қайта іске қосқанда ауыстыру жалғасады.</translation>
    </message>
    <message>
        <source>Pages still in the database: {pages} ({size})</source>
        <translation>Дерекқорда қалған беттер: {pages} ({size})</translation>
    </message>
    <message>
        <source>Every page is kept in a file: there is nothing to move</source>
        <translation>Барлық беттер файлдарда сақталады: ауыстыратын ештеңе жоқ</translation>
    </message>
    <message>
        <source>This store is a PostgreSQL database: it keeps the pages sealed inside it, and there is nothing to move.</source>
        <translation>Бұл қойма — PostgreSQL дерекқоры: беттер оның ішінде мөрленген түрде сақталады, ауыстыратын ештеңе жоқ.</translation>
    </message>
    <message>
        <source>{pages} moved, {orphans} removed</source>
        <translation>{pages} файлдарға ауыстырылды, {orphans} жойылды</translation>
    </message>
    <message>
        <source>Move pages into files</source>
        <translation>Беттерді файлдарға ауыстыру</translation>
    </message>
    <message>
        <source>Move the pages</source>
        <translation>Беттерді ауыстыру</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Саналуда…</translation>
    </message>
    <message>
        <source>The mission&apos;s details, the address on the forms, the backup folder and more.</source>
        <translation>Шет елдердегі мекеменің деректері, бланкілердегі мекенжай, сақтық көшірме қалтасы және т.б.</translation>
    </message>
    <message>
        <source>Open the mission settings…</source>
        <translation>Баптауларды ашу…</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup</source>
        <translation>Сақтық көшірме</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Қалта:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Таңдау…</translation>
    </message>
    <message>
        <source>Make the backup</source>
        <translation>Көшірме жасау</translation>
    </message>
    <message>
        <source>Save to a disk outside this computer (USB, network folder). Others can keep working.</source>
        <translation>Компьютерден тыс дискіге (USB, желілік қалта) сақтаңыз. Басқалар жұмысын жалғастыра береді.</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Қалтаны таңдаңыз</translation>
    </message>
    <message>
        <source>Done: {path} ({size})</source>
        <translation>Дайын: {path} ({size})</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Take picture</source>
        <translation>Суретке түсіру</translation>
    </message>
    <message>
        <source>Space or Enter</source>
        <translation>Бос орын пернесі немесе Enter</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Камера:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Ажыратымдылық:</translation>
    </message>
    <message>
        <source>Document camera — no camera found</source>
        <translation>Құжат камерасы — камера табылмады</translation>
    </message>
    <message>
        <source>Document camera</source>
        <translation>Құжат камерасы</translation>
    </message>
    <message>
        <source>Take the picture again: it replaces page {n}</source>
        <translation>Қайта суретке түсіріңіз: сурет {n}-бетті алмастырады</translation>
    </message>
    <message>
        <source>The camera is not ready yet</source>
        <translation>Камера әлі дайын емес</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>Камера табылмады</translation>
    </message>
    <message>
        <source>{width} × {height} ({megapixels} MP)</source>
        <translation>{width} × {height} ({megapixels} Мп)</translation>
    </message>
    <message>
        <source>Camera default</source>
        <translation>Әдепкі ажыратымдылық</translation>
    </message>
    <message>
        <source>The camera was disconnected. The pages already taken are kept; connect it again or choose another source.</source>
        <translation>Камера ажыратылды. Түсірілген беттер сақталды; камераны қайта қосыңыз немесе басқа көзді таңдаңыз.</translation>
    </message>
    <message>
        <source>The camera stopped ({reason}). The pages already taken are kept.</source>
        <translation>Камера тоқтады ({reason}). Түсірілген беттер сақталды.</translation>
    </message>
    <message>
        <source>The picture could not be taken ({reason})</source>
        <translation>Суретке түсіру мүмкін болмады ({reason})</translation>
    </message>
    <message>
        <source>Processing the picture…</source>
        <translation>Сурет өңделуде…</translation>
    </message>
    <message>
        <source>Picture taken</source>
        <translation>Сурет түсірілді</translation>
    </message>
    <message>
        <source>Internal error ({name})</source>
        <translation>Ішкі қате ({name})</translation>
    </message>
    <message>
        <source>MRZ read: {number}, {name}. Every check digit is right and the reading agrees in {n} pictures in a row.</source>
        <translation>MRZ оқылды: {number}, {name}. Барлық бақылау цифрлары дұрыс, оқылған деректер қатарынан {n} кадрда сәйкес келеді.</translation>
    </message>
    <message>
        <source>MRZ read once: hold the document still…</source>
        <translation>MRZ бір рет оқылды: құжатты қозғалтпай ұстаңыз…</translation>
    </message>
    <message>
        <source>MRZ seen, but not every check digit is right yet: hold the document still, flat and without glare</source>
        <translation>MRZ көрінеді, бірақ барлық бақылау цифрлары әлі дұрыс емес: құжатты қозғалтпай, тегіс және жылтырсыз ұстаңыз</translation>
    </message>
    <message>
        <source>No MRZ in the picture</source>
        <translation>Кадрда MRZ жоқ</translation>
    </message>
    <message>
        <source>No camera found: connect a document camera, or use a scanner or files.</source>
        <translation>Камера табылмады: құжат камерасын қосыңыз немесе сканерді не файлдарды пайдаланыңыз.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>{stage} (incomplete)</source>
        <translation>{stage} (толық емес)</translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>%n күнге кешікті</numerusform>
            <numerusform>%n күнге кешікті</numerusform>
        </translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Іс нөмірі</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Өтініш беруші</translation>
    </message>
    <message>
        <source>IIN</source>
        <translation>ЖСН</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Туған күні</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Кезең</translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation>Келесі мерзім</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Қалған күн</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Іздеу:</translation>
    </message>
    <message>
        <source>IIN, surname, name or case number</source>
        <translation>ЖСН, тегі, аты немесе іс нөмірі</translation>
    </message>
    <message>
        <source>Find cases</source>
        <translation>Істерді іздеу</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>&amp;Кезең:</translation>
    </message>
    <message>
        <source>Stage filter</source>
        <translation>Кезең сүзгісі</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Барлық кезеңдер</translation>
    </message>
    <message>
        <source>{stage} ({n})</source>
        <translation>{stage} ({n})</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n іс</numerusform>
            <numerusform>%n іс</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Documents ({paragraph})</source>
        <translation>Құжаттар ({paragraph})</translation>
    </message>
    <message>
        <source>Timeline and deadlines</source>
        <translation>Хронология және мерзімдер</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>Received</source>
        <translation>Алынды</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Құжат</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Негізі</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Жарамдылық мерзімі</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Скандар</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Түрі</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Түпнұсқа</translation>
    </message>
    <message>
        <source>Scan copies of the selected document…</source>
        <translation>Таңдалған құжаттың скан-көшірмелері…</translation>
    </message>
    <message>
        <source>Case facts (identity, fee, representative)…</source>
        <translation>Іс деректері (жеке басы, алым, өкіл)…</translation>
    </message>
    <message>
        <source>Original handed back…</source>
        <translation>Түпнұсқа қайтарылды…</translation>
    </message>
    <message>
        <source>§3(2): a passport or birth certificate is copied and its original returned</source>
        <translation>3-тармақтың 2) тармақшасы: паспорттың немесе туу туралы куәліктің көшірмесі жасалып, түпнұсқасы қайтарылады</translation>
    </message>
    <message>
        <source>Expired: the set cannot be accepted (§5)</source>
        <translation>Мерзімі өткен: құжаттар топтамасын қабылдауға болмайды (5-тармақ)</translation>
    </message>
    <message>
        <source>Expired: the explanation route of §3(2) applies, not a refusal</source>
        <translation>Мерзімі өткен: бас тарту емес, 3-тармақтың 2) тармақшасы бойынша түсініктеме тәртібі қолданылады</translation>
    </message>
    <message>
        <source>Handed back {on} to {name}</source>
        <translation>{on} күні қайтарылды: {name}</translation>
    </message>
    <message>
        <source>Retained (custody register)</source>
        <translation>Алынып қойылды (сақтау тізілімі)</translation>
    </message>
    <message>
        <source>Retained at acceptance</source>
        <translation>Қабылдау кезінде алынып қойылады</translation>
    </message>
    <message>
        <source>To be handed back</source>
        <translation>Қайтарылуға тиіс</translation>
    </message>
    <message>
        <source>§3 checklist, version {version}{frozen}</source>
        <translation>3-тармақ бойынша тізбе, {version} нұсқа{frozen}</translation>
    </message>
    <message>
        <source> (as accepted)</source>
        <translation> (қабылданған кездегі)</translation>
    </message>
    <message>
        <source>The set as it stood when the case left the draft stage</source>
        <translation>Іс «Жоба» кезеңінен шыққан кездегі құжаттар топтамасы</translation>
    </message>
    <message>
        <source>Complete: the documents can be accepted (§4)</source>
        <translation>Толық: құжаттарды қабылдауға болады (4-тармақ)</translation>
    </message>
    <message>
        <source>Missing: {missing}; expired: {expired}</source>
        <translation>Жетіспейді: {missing}; мерзімі өткен: {expired}</translation>
    </message>
    <message>
        <source>Select the document in the list</source>
        <translation>Тізімнен құжатты таңдаңыз</translation>
    </message>
    <message>
        <source>Original handed back</source>
        <translation>Түпнұсқа қайтарылды</translation>
    </message>
    <message>
        <source>To whom was the original handed back?</source>
        <translation>Түпнұсқа кімге қайтарылды?</translation>
    </message>
    <message>
        <source>Dates are written as DD.MM.YYYY</source>
        <translation>Күндер КК.АА.ЖЖЖЖ түрінде жазылады</translation>
    </message>
    <message>
        <source>Select the document to scan in the list</source>
        <translation>Сканерлейтін құжатты тізімнен таңдаңыз</translation>
    </message>
</context>
<context>
    <name>CropDialog</name>
    <message>
        <source>Crop the page</source>
        <translation>Бетті қию</translation>
    </message>
    <message>
        <source>Drag a rectangle around what to keep.</source>
        <translation>Сақталатын бөлікті тіктөртбұрышпен белгілеңіз.</translation>
    </message>
</context>
<context>
    <name>DeadlineDashboard</name>
    <message>
        <source>Only my cases</source>
        <translation>Тек менің істерім</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="vanished">Күйі</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Соңғы күні</translation>
    </message>
    <message>
        <source>Paragraph of the Rules</source>
        <translation type="vanished">Қағидалардың тармағы</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Іс</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Мерзім</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="vanished">Қызметкер</translation>
    </message>
    <message>
        <source>Open cases by stage</source>
        <translation>Кезеңдер бойынша аяқталмаған істер</translation>
    </message>
    <message>
        <source>Deadlines per week</source>
        <translation>Апталар бойынша мерзімдер</translation>
    </message>
    <message>
        <source>{today}: {overdue} overdue, {today_n} due today, {soon} due soon</source>
        <translation>{today}: мерзімі өткені — {overdue}, мерзімі бүгін — {today_n}, мерзімі жақында — {soon}</translation>
    </message>
    <message numerus="yes">
        <source>The calendar changed: %n deadline(s) recomputed</source>
        <translation>
            <numerusform>Күнтізбе өзгерді: %n мерзім қайта есептелді</numerusform>
            <numerusform>Күнтізбе өзгерді: %n мерзім қайта есептелді</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Desk</name>
    <message>
        <source>consular officer</source>
        <translation>консулдық лауазымды адам</translation>
    </message>
    <message>
        <source>consul (signs)</source>
        <translation>консул (қол қояды)</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>әкімші</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Qonys: internal error</source>
        <translation>Qonys: ішкі қате</translation>
    </message>
    <message>
        <source>Something went wrong inside Qonys. Your saved work is safe. Please send the details below (they hold no personal data) to support.</source>
        <translation>Qonys ішінде қате шықты. Сақталған жұмысыңызға зиян келген жоқ. Төмендегі мәліметтерді (дербес деректер жоқ) қолдау қызметіне жіберіңіз.</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>E&amp;xchange with the Department…</source>
        <translation>Департаментпен &amp;алмасу…</translation>
    </message>
    <message>
        <source>Exchange with the Department</source>
        <translation>Департаментпен алмасу</translation>
    </message>
    <message>
        <source>Send to the Department</source>
        <translation>Департаментке жіберу</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Қалта:</translation>
    </message>
    <message>
        <source>Folder for the package files</source>
        <translation>Пакет файлдарына арналған қалта</translation>
    </message>
    <message>
        <source>a USB stick or a shared folder</source>
        <translation>USB жинақтауыш немесе ортақ қалта</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Таң&amp;дау…</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>Қалтаны таңдау</translation>
    </message>
    <message>
        <source>&amp;Split into parts of at most:</source>
        <translation>Бөліктерге &amp;бөлу, ең көбі:</translation>
    </message>
    <message>
        <source>Largest part in MB, 0 for one file</source>
        <translation>Бөліктің ең үлкен көлемі, МБ; 0 — бір файл</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> МБ</translation>
    </message>
    <message>
        <source>one file</source>
        <translation>бір файл</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Экспорттау</translation>
    </message>
    <message>
        <source>Cance&amp;l export</source>
        <translation>Экспортты &amp;тоқтату</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Экспорттау барысы</translation>
    </message>
    <message>
        <source>Receive from the Department</source>
        <translation>Департаменттен қабылдау</translation>
    </message>
    <message>
        <source>&amp;Import packages…</source>
        <translation>Пакеттерді &amp;импорттау…</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Импорттау барысы</translation>
    </message>
    <message>
        <source>&amp;What each package did:</source>
        <translation>&amp;Әр пакеттің нәтижесі:</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>Импорттау нәтижелері</translation>
    </message>
    <message>
        <source>Outbox: packages sent</source>
        <translation>Шығыс пакеттер: жіберілгендер</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Шығыс пакеттер</translation>
    </message>
    <message>
        <source>&amp;Mark as carried</source>
        <translation>&amp;Жөнелтілді деп белгілеу</translation>
    </message>
    <message>
        <source>The package has left the mission (courier, pouch, e-mail, shared folder)</source>
        <translation>Пакет шет елдердегі мекемеден жөнелтілді (курьер, дипломатиялық пошта, электрондық пошта, ортақ қалта)</translation>
    </message>
    <message>
        <source>Cases go once forwarded (§7); the package is signed and encrypted for the Department.</source>
        <translation>Істер Департамент арқылы жіберілгеннен кейін ғана кетеді (7-тармақ); пакетке қол қойылып, ол Департамент үшін шифрланады.</translation>
    </message>
    <message>
        <source>Mission {code} is enrolled with the Department. Trust list: version {version}, issued {issued} ({age} days old); missions: {missions}, revocations: {revocations}.</source>
        <translation>{code} шет елдердегі мекемесі Департаментте тіркелген. Сенім тізімі: {version}-нұсқа, {issued} берілген ({age} күн бұрын); шет елдердегі мекемелер: {missions}, қайтарып алынғандар: {revocations}.</translation>
    </message>
    <message>
        <source>Choose the folder for the package files first.</source>
        <translation>Алдымен пакет файлдарына арналған қалтаны таңдаңыз.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Экспорттау…</translation>
    </message>
    <message>
        <source>Cancelling: removing what was written…</source>
        <translation>Тоқтатылуда: жазылғаны жойылуда…</translation>
    </message>
    <message>
        <source>Nothing new to send: every change has gone already.</source>
        <translation>Жіберетін жаңа дерек жоқ: барлық өзгеріс жіберіліп қойған.</translation>
    </message>
    <message>
        <source>Written: packages: {packages}, {size}; cases: {cases}, events: {events}, scan pages: {scans}.</source>
        <translation>Жазылды: пакеттер: {packages}, {size}; істер: {cases}, оқиғалар: {events}, скан беттері: {scans}.</translation>
    </message>
    <message>
        <source>{file} — package {sequence}, {size}</source>
        <translation>{file} — №{sequence} пакет, {size}</translation>
    </message>
    <message>
        <source>Mark each package as carried once it has left the mission; it is acknowledged when the Department&apos;s reply is imported.</source>
        <translation>Әр пакет шет елдердегі мекемеден кеткен соң оны «жөнелтілді» деп белгілеңіз; Департаменттің жауабы импортталғанда ол расталады.</translation>
    </message>
    <message>
        <source>Export cancelled: no file was left behind and nothing was recorded.</source>
        <translation>Экспорт тоқтатылды: бірде-бір файл қалмады, ештеңе тіркелмеді.</translation>
    </message>
    <message>
        <source>Packages from the Department</source>
        <translation>Департаменттен келген пакеттер</translation>
    </message>
    <message>
        <source>Qonys packages (*.qpkg);;All files (*)</source>
        <translation>Qonys пакеттері (*.qpkg);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>Verifying and applying…</source>
        <translation>Тексеру және қолдану…</translation>
    </message>
    <message>
        <source>Packages missing</source>
        <translation>Пакеттер жетіспейді</translation>
    </message>
    <message>
        <source>{file} arrived before package(s) {missing} from the Department, which never came. Import those first if you can.

Accept {file} anyway? Do this only when the Department confirms the missing packages are lost.</source>
        <translation>{file} Департаменттің {missing} пакетінен бұрын келді, ал ол әлі келген жоқ. Мүмкін болса, алдымен соны импорттаңыз.

{file} бәрібір қабылдансын ба? Мұны жетіспейтін пакеттердің жоғалғанын Департамент растағанда ғана істеңіз.</translation>
    </message>
    <message>
        <source>{file}: refused, nothing changed. {reason}</source>
        <translation>{file}: қабылданбады, ештеңе өзгерген жоқ. {reason}</translation>
    </message>
    <message>
        <source>{file}: package {sequence} was imported before; nothing changed.</source>
        <translation>{file}: №{sequence} пакет бұрын импортталған; ештеңе өзгерген жоқ.</translation>
    </message>
    <message>
        <source>{file}: package {sequence} applied. Decisions: {decisions}; packages acknowledged: {acknowledged}.</source>
        <translation>{file}: №{sequence} пакет қолданылды. Шешімдер: {decisions}; расталған пакеттер: {acknowledged}.</translation>
    </message>
    <message>
        <source>Trust list updated to version {version}.</source>
        <translation>Сенім тізімі {version}-нұсқаға жаңартылды.</translation>
    </message>
    <message>
        <source>Accepted although package(s) {missing} never arrived.</source>
        <translation>{missing} пакеті келмесе де қабылданды.</translation>
    </message>
    <message>
        <source>Kept on the case but not applied (the case is not at a stage that takes it); record it by hand: {cases}.</source>
        <translation>Іске сақталды, бірақ қолданылмады (іс бұл шешімді қабылдайтын кезеңде емес); қолмен енгізіңіз: {cases}.</translation>
    </message>
    <message>
        <source>Technical details: {details}</source>
        <translation>Техникалық мәліметтер: {details}</translation>
    </message>
    <message>
        <source>{where}: the disk is full; nothing was recorded.</source>
        <translation>{where}: диск толы; ештеңе тіркелмеді.</translation>
    </message>
    <message>
        <source>Internal error ({kind}); a report without personal data was saved: {path}</source>
        <translation>Ішкі қате ({kind}); дербес деректерсіз есеп сақталды: {path}</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file}: мұндай файл жоқ</translation>
    </message>
</context>
<context>
    <name>FactsDialog</name>
    <message>
        <source>Case facts (§3)</source>
        <translation>Іс деректері (3-тармақ)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Құжат</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Жай-күйі</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Нөмірі</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Жарамдылық мерзімі</translation>
    </message>
    <message>
        <source>Add a document</source>
        <translation>Құжат қосу</translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation>Таңдалған құжатты алып тастау</translation>
    </message>
    <message>
        <source>Identity documents presented (§3(2))</source>
        <translation>Ұсынылған жеке басын куәландыратын құжаттар (3-тармақтың 2) тармақшасы)</translation>
    </message>
    <message>
        <source>Missing, lost or expired passport or ID card: the applicant writes an explanation; for a passport, the new-passport documents come with it.</source>
        <translation>Паспорт немесе жеке куәлік жоқ, жоғалған немесе мерзімі өткен: өтініш беруші түсініктеме жазады; паспорт үшін жаңа паспорт құжаттары бірге беріледі.</translation>
    </message>
    <message>
        <source>Alimony obligations to family members in Kazakhstan (§3(3))</source>
        <translation>Қазақстандағы отбасы мүшелері алдында алимент міндеттемелері (3-тармақтың 3) тармақшасы)</translation>
    </message>
    <message>
        <source>Debtor in enforcement proceedings (§3(4))</source>
        <translation>Атқарушылық іс жүргізу бойынша борышкер (3-тармақтың 4) тармақшасы)</translation>
    </message>
    <message>
        <source>Exempt from the consular fee under the Tax Code (Annex 3, line 6)</source>
        <translation>Салық кодексіне сәйкес консулдық алымнан босатылған (3-қосымша, 6-жол)</translation>
    </message>
    <message>
        <source>Ground of the exemption</source>
        <translation>Босату негізі</translation>
    </message>
    <message>
        <source>Applies through a legal representative (§3; a minor applicant)</source>
        <translation>Заңды өкіл арқылы өтініш береді (3-тармақ; кәмелетке толмаған өтініш беруші)</translation>
    </message>
    <message>
        <source>e.g. passport N12345678</source>
        <translation>мысалы, жеке куәлік № 012345678</translation>
    </message>
    <message>
        <source>e.g. birth certificate, guardianship decision</source>
        <translation>мысалы, туу туралы куәлік, қорғаншылық туралы шешім</translation>
    </message>
    <message>
        <source>The minor applicant leaves with this representative only (§3(6))</source>
        <translation>Кәмелетке толмаған өтініш беруші тек осы өкілмен шығады (3-тармақтың 6) тармақшасы)</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Тегі, аты, әкесінің аты</translation>
    </message>
    <message>
        <source>Identity document</source>
        <translation>Жеке басын куәландыратын құжат</translation>
    </message>
    <message>
        <source>Acts as</source>
        <translation>Өкілеттігі</translation>
    </message>
    <message>
        <source>Document of authority</source>
        <translation>Өкілеттікті растайтын құжат</translation>
    </message>
    <message>
        <source>The other legal representative</source>
        <translation>Екінші заңды өкілі</translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>КК.АА.ЖЖЖЖ</translation>
    </message>
    <message>
        <source>Expired: the explanation route of §3(2) applies, not a refusal</source>
        <translation>Мерзімі өткен: бас тарту емес, 3-тармақтың 2) тармақшасы бойынша түсініктеме тәртібі қолданылады</translation>
    </message>
    <message>
        <source>Dates are written as DD.MM.YYYY</source>
        <translation>Күн КК.АА.ЖЖЖЖ түрінде жазылады</translation>
    </message>
    <message>
        <source>Internal error: the facts were not read (see the application log)</source>
        <translation>Ішкі қате: мәліметтер оқылмады (қолданба журналын қараңыз)</translation>
    </message>
    <message>
        <source>Write the ground of the fee exemption</source>
        <translation>Алымнан босату негізін жазыңыз</translation>
    </message>
    <message>
        <source>Write the representative&apos;s full name</source>
        <translation>Өкілдің тегін, атын, әкесінің атын жазыңыз</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Qonys — first run</source>
        <translation>Qonys — алғашқы іске қосу</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Құпиясөздер сәйкес емес.</translation>
    </message>
    <message>
        <source>Creating the encrypted store…</source>
        <translation>Шифрланған қойма құрылуда…</translation>
    </message>
    <message>
        <source>Give the shared database&apos;s address first.</source>
        <translation>Алдымен ортақ дерекқордың мекенжайын енгізіңіз.</translation>
    </message>
    <message>
        <source>Joining the shared database…</source>
        <translation>Ортақ дерекқорға қосылуда…</translation>
    </message>
    <message>
        <source>The mission&apos;s store is already on this database: this desk joins it. Go back and press Join it beside the address.</source>
        <translation>Шет елдердегі мекеменің қоймасы осы дерекқорда бар: бұл жұмыс орны оған қосылады. Артқа оралып, мекенжайдың жанындағы «Қосылу» түймесін басыңыз.</translation>
    </message>
</context>
<context>
    <name>IssueListModel</name>
    <message>
        <source>{field}, row {row}</source>
        <translation>{field}, {row}-жол</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Қате</translation>
    </message>
    <message>
        <source>Warning (confirmed)</source>
        <translation>Ескерту (расталды)</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Ескерту</translation>
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
        <translation>Департамент: синхрондау {percent} %</translation>
    </message>
    <message>
        <source>Department: not yet connected</source>
        <translation>Департамент: әлі қосылмаған</translation>
    </message>
    <message>
        <source>Department: online</source>
        <translation>Департамент: байланыс бар</translation>
    </message>
    <message>
        <source>Department: offline since {time}</source>
        <translation>Департамент: {time} бастап байланыс жоқ</translation>
    </message>
    <message>
        <source>{reason}. Next try at {time}.</source>
        <translation>{reason}. Келесі әрекет: {time}.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The desk is locked</source>
        <translation>Жұмыс орны құлыпталған</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Құпиясөз</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Ашу</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message numerus="yes">
        <source>Wrong passwords since the last unlock: %n</source>
        <translation>
            <numerusform>Соңғы ашылғаннан бері қате құпиясөздер: %n</numerusform>
            <numerusform>Соңғы ашылғаннан бері қате құпиясөздер: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Сәтсіз әрекеттер тым көп. %n секундтан кейін қайталаңыз.</numerusform>
            <numerusform>Сәтсіз әрекеттер тым көп. %n секундтан кейін қайталаңыз.</numerusform>
        </translation>
    </message>
    <message>
        <source>Locked by {name}. Only this officer can unlock it.</source>
        <translation>{name} құлыптады. Оны тек осы қызметкер аша алады.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Shared database</source>
        <translation>Ортақ дерекқор</translation>
    </message>
    <message>
        <source>The mission&apos;s shared store on PostgreSQL, e.g. postgresql+psycopg://qonys@db.mission.local/qonys?sslmode=verify-full&amp;sslrootcert=/etc/qonys/db-ca.pem (no password: see the administrator&apos;s guide)</source>
        <translation>Шет елдердегі мекеменің PostgreSQL серверіндегі ортақ қоймасы, мысалы postgresql+psycopg://qonys@db.mission.local/qonys?sslmode=verify-full&amp;sslrootcert=/etc/qonys/db-ca.pem (құпиясөзсіз: әкімшінің нұсқаулығын қараңыз)</translation>
    </message>
    <message>
        <source>Connecting to the shared database…</source>
        <translation>Ортақ дерекқорға қосылу…</translation>
    </message>
    <message>
        <source>Store: this computer (an encrypted file)</source>
        <translation>Қойма: осы компьютер (шифрланған файл)</translation>
    </message>
    <message>
        <source>Store: the shared database {url}</source>
        <translation>Қойма: ортақ дерекқор {url}</translation>
    </message>
    <message>
        <source>Qonys — log in</source>
        <translation>Qonys — кіру</translation>
    </message>
    <message>
        <source>Qonys: emigration cases desk</source>
        <translation>Qonys: көші-қон істерінің жұмыс орны</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Құпиясөз</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Кіру</translation>
    </message>
    <message>
        <source>Shared &amp;database…</source>
        <translation>Ортақ &amp;дерекқор…</translation>
    </message>
    <message>
        <source>Open the mission&apos;s store shared by several desks on PostgreSQL</source>
        <translation>Шет елдердегі мекеменің бірнеше жұмыс орнына ортақ PostgreSQL серверіндегі қоймасын ашу</translation>
    </message>
    <message>
        <source>Enter your login and password.</source>
        <translation>Логин мен құпиясөзді енгізіңіз.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Құпиясөз тексерілуде…</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Сәтсіз әрекеттер тым көп. %n секундтан кейін қайталаңыз.</numerusform>
            <numerusform>Сәтсіз әрекеттер тым көп. %n секундтан кейін қайталаңыз.</numerusform>
        </translation>
    </message>
    <message>
        <source>You may try again.</source>
        <translation>Қайталап көруге болады.</translation>
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
        <translation>&amp;Істер</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Баптаулар</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Тіл</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <source>&amp;New questionnaire</source>
        <translation>&amp;Жаңа өтініш-сауалнама</translation>
    </message>
    <message>
        <source>&amp;Open selected case</source>
        <translation>Таңдалған істі &amp;ашу</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
    </message>
    <message>
        <source>&amp;Edit questionnaire</source>
        <translation>Өтініш-сауалнаманы &amp;өзгерту</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>Қойындыны &amp;жабу</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>Жұмыс орнын &amp;құлыптау</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>&amp;Find cases</source>
        <translation>Істерді &amp;іздеу</translation>
    </message>
    <message>
        <source>Case &amp;list</source>
        <translation>Істер &amp;тізімі</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Жаңарту</translation>
    </message>
    <message>
        <source>&amp;Auto-lock after…</source>
        <translation>&amp;Автоқұлыптау…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Пернетақта тіркесімдері</translation>
    </message>
    <message>
        <source>&amp;About Qonys</source>
        <translation>Qonys &amp;туралы</translation>
    </message>
    <message>
        <source>&amp;Verify a notification…</source>
        <translation>Хабарламаны т&amp;ексеру…</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <source>Qonys — locked</source>
        <translation>Qonys — құлыпталған</translation>
    </message>
    <message>
        <source>Qonys — {mission}</source>
        <translation>Qonys — {mission}</translation>
    </message>
    <message>
        <source>The shared database does not answer: nothing can be saved until it does. The desk reconnects by itself.</source>
        <translation>Ортақ дерекқор жауап бермейді: ол жауап бергенше ештеңе сақталмайды. Жұмыс орны өзі қайта қосылады.</translation>
    </message>
    <message>
        <source>Mission: {code}</source>
        <translation>Мекеме: {code}</translation>
    </message>
    <message>
        <source>Store: locked, key dropped</source>
        <translation>Қойма: құлыпталған, кілт жойылды</translation>
    </message>
    <message>
        <source>Store: the shared database does not answer; trying again</source>
        <translation>Қойма: ортақ дерекқор жауап бермейді; қайта қосылу әрекеті</translation>
    </message>
    <message numerus="yes">
        <source>Store: open, encrypted; %n case(s) listed</source>
        <translation>
            <numerusform>Қойма: ашық, шифрланған; тізімде %n іс</numerusform>
            <numerusform>Қойма: ашық, шифрланған; тізімде %n іс</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n questionnaire(s) have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation>
            <numerusform>%n өтініш-сауалнамада сақталмаған өзгерістер бар. Сақтау үшін құлыпты ашыңыз. Әлде шығып, оларды жоғалтасыз ба?</numerusform>
            <numerusform>%n өтініш-сауалнамада сақталмаған өзгерістер бар. Сақтау үшін құлыпты ашыңыз. Әлде шығып, оларды жоғалтасыз ба?</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Сақталмаған өзгерістер</translation>
    </message>
    <message>
        <source>A&amp;dministration</source>
        <translation>Ә&amp;кімшілік</translation>
    </message>
    <message>
        <source>Officers…</source>
        <translation>Қызметкерлер…</translation>
    </message>
    <message>
        <source>Enrolment with the Department…</source>
        <translation>Департаментте тіркелу…</translation>
    </message>
    <message>
        <source>Consul&apos;s signing certificate…</source>
        <translation>Консулдың қол қою сертификаты…</translation>
    </message>
    <message>
        <source>Mission calendar…</source>
        <translation>Шет елдердегі мекеменің күнтізбесі…</translation>
    </message>
    <message>
        <source>Make a backup…</source>
        <translation>Сақтық көшірме жасау…</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Көшірмені қалпына келтіру…</translation>
    </message>
    <message>
        <source>Recovery key…</source>
        <translation>Қалпына келтіру кілті…</translation>
    </message>
    <message>
        <source>Journal of permissions (Annex 5)…</source>
        <translation>Рұқсаттар журналы (5-қосымша)…</translation>
    </message>
    <message>
        <source>ID cards held in custody…</source>
        <translation>Сақтаудағы жеке куәліктер…</translation>
    </message>
    <message>
        <source>Originals handed back…</source>
        <translation>Қайтарылған түпнұсқалар…</translation>
    </message>
    <message>
        <source>Monitoring data (§14)…</source>
        <translation>Мониторинг деректері (14-тармақ)…</translation>
    </message>
    <message>
        <source>Move scanned pages into files…</source>
        <translation>Сканерленген беттерді файлдарға ауыстыру…</translation>
    </message>
    <message>
        <source>Mission settings…</source>
        <translation>Шет елдердегі мекеменің баптаулары…</translation>
    </message>
    <message>
        <source>These questionnaires have unsaved changes:
{names}</source>
        <translation>Бұл өтініш-сауалнамаларда сақталмаған өзгерістер бар:
{names}</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Автоқұлыптау</translation>
    </message>
    <message>
        <source>Lock the desk after this many idle minutes (0: never):</source>
        <translation>Әрекетсіз осынша минуттан кейін құлыптау (0 — ешқашан):</translation>
    </message>
    <message>
        <source>Add a table row</source>
        <translation>Кестеге жол қосу</translation>
    </message>
    <message>
        <source>Remove a table row</source>
        <translation>Кестеден жолды жою</translation>
    </message>
    <message>
        <source>Move a table row</source>
        <translation>Кесте жолын жылжыту</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Пернетақта тіркесімдері</translation>
    </message>
    <message>
        <source>About Qonys</source>
        <translation>Qonys туралы</translation>
    </message>
    <message>
        <source>Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1).</source>
        <translation>Qonys {version}: көші-қон істеріне арналған консулдық жұмыс орны (СІМ-нің № 11-1-4/1 бұйрығы).</translation>
    </message>
    <message>
        <source>Officer: {name} ({role})</source>
        <translation>Қызметкер: {name} ({role})</translation>
    </message>
</context>
<context>
    <name>MissionSettingsDialog</name>
    <message>
        <source>Mission settings</source>
        <translation>Шет елдердегі мекеменің баптаулары</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Сақталды</translation>
    </message>
    <message>
        <source>Only an administrator can change these</source>
        <translation>Тек әкімші өзгерте алады</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Built, not yet carried</source>
        <translation>Жасалды, әлі жеткізілмеген</translation>
    </message>
    <message>
        <source>Carried, awaiting acknowledgement</source>
        <translation>Жөнелтілді, растауды күтуде</translation>
    </message>
    <message>
        <source>Acknowledged by the Department</source>
        <translation>Департамент растады</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Жасалған уақыты</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Бөлік</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Көлемі</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Істер</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Скан беттері</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Күй уақыты</translation>
    </message>
    <message>
        <source>{part} of {parts}</source>
        <translation>{parts} ішінен {part}</translation>
    </message>
    <message>
        <source>Built: {when}</source>
        <translation>Жасалды: {when}</translation>
    </message>
    <message>
        <source>Carried: {when}</source>
        <translation>Жөнелтілді: {when}</translation>
    </message>
    <message>
        <source>Acknowledged: {when}</source>
        <translation>Расталды: {when}</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <source>The application names no minor children</source>
        <translation>Өтініште кәмелетке толмаған балалар аталмаған</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Басып шығару…</translation>
    </message>
    <message>
        <source>Annex 4 notification (signed, sealed) §10</source>
        <translation>4-қосымша бойынша хабарлама (қол қойылған, мөрмен бекітілген) (10-тармақ)</translation>
    </message>
    <message>
        <source>Application copy with the acceptance mark §4</source>
        <translation>Қабылданғаны туралы белгісі бар өтініш көшірмесі (4-тармақ)</translation>
    </message>
    <message>
        <source>Refusal to accept §5</source>
        <translation>Қабылдаудан бас тарту (5-тармақ)</translation>
    </message>
    <message>
        <source>Draft refusal and hearing notice §11</source>
        <translation>Бас тарту жобасы және тыңдау туралы хабарлама (11-тармақ)</translation>
    </message>
    <message>
        <source>Reasoned refusal §11</source>
        <translation>Дәлелді бас тарту (11-тармақ)</translation>
    </message>
    <message>
        <source>Annex 4 notification of a child…</source>
        <translation>Баланың 4-қосымша хабарламасы…</translation>
    </message>
    <message>
        <source>Save the last printed PDF…</source>
        <translation>Соңғы басып шығарылған PDF файлын сақтау…</translation>
    </message>
    <message>
        <source>Annex 4 notification of a child</source>
        <translation>Баланың 4-қосымша хабарламасы</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Бала</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDF сақтау</translation>
    </message>
</context>
<context>
    <name>ProcedureDocks</name>
    <message>
        <source>Deadlines</source>
        <translation>Мерзімдер</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Рәсім</translation>
    </message>
    <message>
        <source>Open a saved case to see its documents, timeline and steps.</source>
        <translation>Құжаттарын, хронологиясын және қадамдарын көру үшін сақталған істі ашыңыз.</translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>КК.АА.ЖЖЖЖ</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Ө&amp;згерту</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сақтау</translation>
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
        <translation>&amp;Ескертулер мен қателер</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>Ескертулер мен қателер</translation>
    </message>
    <message>
        <source>Enter: go to the field. Space: confirm the selected warning.</source>
        <translation>Enter — өріске өту. Бос орын — таңдалған ескертуді растау.</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Өтініш-сауалнама</translation>
    </message>
    <message>
        <source>New questionnaire</source>
        <translation>Жаңа өтініш-сауалнама</translation>
    </message>
    <message>
        <source>Read-only view</source>
        <translation>Тек қарау</translation>
    </message>
    <message>
        <source>New, not saved yet</source>
        <translation>Жаңа, әлі сақталмаған</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Өзгертілуде</translation>
    </message>
    <message>
        <source>Enter the date of birth first.</source>
        <translation>Алдымен туған күнді енгізіңіз.</translation>
    </message>
    <message>
        <source>The applicant is 16 or over: fill these in.</source>
        <translation>Өтініш беруші 16 жаста немесе одан үлкен: толтырыңыз.</translation>
    </message>
    <message>
        <source>The applicant is under 16: not filled in.</source>
        <translation>Өтініш беруші 16 жасқа толмаған: толтырылмайды.</translation>
    </message>
    <message>
        <source>{mark} Error: {message}</source>
        <translation>{mark} Қате: {message}</translation>
    </message>
    <message>
        <source>{mark} Warning (confirmed): {message}</source>
        <translation>{mark} Ескерту (расталды): {message}</translation>
    </message>
    <message>
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Ескерту: {message}</translation>
    </message>
    <message>
        <source>No issues: the questionnaire is complete.</source>
        <translation>Ескертулер жоқ: өтініш-сауалнама толық.</translation>
    </message>
    <message>
        <source>{e} errors, {w} warnings ({c} confirmed)</source>
        <translation>Қателер: {e}, ескертулер: {w} (расталғаны: {c})</translation>
    </message>
    <message>
        <source>Fix the dates and years that cannot be read first.</source>
        <translation>Алдымен оқылмайтын күндер мен жылдарды түзетіңіз.</translation>
    </message>
    <message>
        <source>Saved {number}.</source>
        <translation>{number} сақталды.</translation>
    </message>
    <message numerus="yes">
        <source>Still incomplete: %n error(s).</source>
        <translation>
            <numerusform>Әлі толық емес: %n қате.</numerusform>
            <numerusform>Әлі толық емес: %n қате.</numerusform>
        </translation>
    </message>
    <message>
        <source>Other cases with this IIN: {numbers}.</source>
        <translation>Осы ЖСН бар басқа істер: {numbers}.</translation>
    </message>
    <message>
        <source>{number} was saved at another desk after you opened it, so your changes were not saved. They are still here.</source>
        <translation>№ {number} іс сіз ашқаннан кейін басқа жұмыс орнында сақталды, сондықтан сіздің өзгерістеріңіз сақталмады. Олар осы терезеде қалды.</translation>
    </message>
    <message>
        <source>Re-apply them to the case as it is now: the other desk&apos;s changes stay, and yours go on top. Check the form, then save again.</source>
        <translation>Оларды істің қазіргі нұсқасына қайта қолданыңыз: басқа жұмыс орнының өзгерістері сақталады, сіздікі солардың үстіне жазылады. Өтініш-сауалнаманы тексеріп, қайта сақтаңыз.</translation>
    </message>
    <message>
        <source>Re-apply my changes</source>
        <translation>Өзгерістерімді қайта қолдану</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Кейінірек</translation>
    </message>
    <message>
        <source>Your changes are re-applied to the case as saved now; check and save.</source>
        <translation>Өзгерістеріңіз істің қазір сақталған нұсқасына қолданылды; тексеріп, сақтаңыз.</translation>
    </message>
    <message>
        <source>Changed at the other desk too (yours kept): {fields}.</source>
        <translation>Басқа жұмыс орнында да өзгертілген (сіздікі қалдырылды): {fields}.</translation>
    </message>
</context>
<context>
    <name>RowDetail</name>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>КК.АА.ЖЖЖЖ</translation>
    </message>
    <message>
        <source>{mark} Error: {message}</source>
        <translation>{mark} Қате: {message}</translation>
    </message>
    <message>
        <source>{mark} Warning: {message}</source>
        <translation>{mark} Ескерту: {message}</translation>
    </message>
    <message>
        <source>Choose a row (or add one with Insert) to fill in its fields</source>
        <translation>Өрістерін толтыру үшін жолды таңдаңыз (немесе Insert пернесімен жаңасын қосыңыз)</translation>
    </message>
    <message>
        <source>Row {n}: every field</source>
        <translation>{n}-жол: барлық өрістері</translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <source>Add row (Insert)</source>
        <translation>Жол қосу (Insert)</translation>
    </message>
    <message>
        <source>Remove row (Ctrl+Del)</source>
        <translation>Жолды жою (Ctrl+Del)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Жоғары</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Төмен</translation>
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
        <translation>Скан-көшірмелер</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Сұр реңк</translation>
    </message>
    <message>
        <source>Document feeder (all sheets)</source>
        <translation>Құжаттарды автоматты беру құрылғысы (барлық парақ)</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Сканерлеу</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Файлдарды қосу…</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>Солға бұру</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>Оңға бұру</translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation>Басына қарай жылжыту</translation>
    </message>
    <message>
        <source>Move later</source>
        <translation>Соңына қарай жылжыту</translation>
    </message>
    <message>
        <source>Crop…</source>
        <translation>Қию…</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>Бетті жою</translation>
    </message>
    <message>
        <source>Rescan page</source>
        <translation>Бетті қайта сканерлеу</translation>
    </message>
    <message>
        <source>MRZ: scan the passport with the reader here</source>
        <translation>Машинамен оқылатын аймақ (MRZ): паспортты осы жерде оқу құрылғысымен сканерлеңіз</translation>
    </message>
    <message>
        <source>Use MRZ</source>
        <translation>MRZ деректерін қолдану</translation>
    </message>
    <message>
        <source>Read MRZ from the pages</source>
        <translation>Беттерден MRZ оқу</translation>
    </message>
    <message>
        <source>Pre-fill the case</source>
        <translation>Істі алдын ала толтыру</translation>
    </message>
    <message>
        <source>Cancel scanning</source>
        <translation>Сканерлеуді болдырмау</translation>
    </message>
    <message>
        <source>Attach to the case</source>
        <translation>Іске тіркеу</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабу</translation>
    </message>
    <message>
        <source>Internal error ({name})</source>
        <translation>Ішкі қате ({name})</translation>
    </message>
    <message>
        <source>No scanner — add files</source>
        <translation>Сканер жоқ — файлдарды қосыңыз</translation>
    </message>
    <message>
        <source>No scanner is selected</source>
        <translation>Сканер таңдалмаған</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) taken</source>
        <translation>
            <numerusform>%n бет түсірілді</numerusform>
            <numerusform>%n бет түсірілді</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached: %n page(s)</source>
        <translation>
            <numerusform>Іске %n бет тіркелді</numerusform>
            <numerusform>Іске %n бет тіркелді</numerusform>
        </translation>
    </message>
    <message>
        <source>Add scanned files</source>
        <translation>Сканерленген файлдарды қосу</translation>
    </message>
    <message>
        <source>No machine-readable zone found on the pages</source>
        <translation>Беттерде машинамен оқылатын аймақ табылмады</translation>
    </message>
    <message>
        <source>The document has EXPIRED (§5)</source>
        <translation>Құжаттың мерзімі ӨТКЕН (5-тармақ)</translation>
    </message>
    <message>
        <source>Wrong check digits: {f}</source>
        <translation>Бақылау сандары қате: {f}</translation>
    </message>
    <message>
        <source>The MRZ does not match the case: compare with the document</source>
        <translation>MRZ іс деректерімен сәйкес келмейді: құжатпен салыстырыңыз</translation>
    </message>
    <message>
        <source>{field}: MRZ {mrz} ≠ checklist {q}</source>
        <translation>{field}: MRZ {mrz} ≠ 3-тармақ бойынша тізбе {q}</translation>
    </message>
    <message>
        <source>{field}: MRZ {mrz} ≠ questionnaire {q}</source>
        <translation>{field}: MRZ {mrz} ≠ өтініш-сауалнама {q}</translation>
    </message>
    <message>
        <source>Pre-filled: {fields}</source>
        <translation>Алдын ала толтырылды: {fields}</translation>
    </message>
    <message>
        <source>No pages yet</source>
        <translation>Әзірге бет жоқ</translation>
    </message>
    <message>
        <source>Document {number}, born {birth}, sex: {sex}, valid until {expiry}</source>
        <translation>Құжат {number}, туған күні {birth}, жынысы: {sex}, {expiry} дейін жарамды</translation>
    </message>
    <message>
        <source>{n} page(s) are not attached to the case. Close and discard them?</source>
        <translation>Іске тіркелмеген беттер: {n}. Жауып, оларды жоя берейік пе?</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Delivered online, awaiting acknowledgement</source>
        <translation>Желі арқылы Департаментке жіберілді, растау күтілуде</translation>
    </message>
    <message>
        <source>Uploading {percent} %</source>
        <translation>Жіберілуде: {percent} %</translation>
    </message>
    <message>
        <source>Refused by the Department: {reason}</source>
        <translation>Департамент қабылдамады: {reason}</translation>
    </message>
    <message>
        <source>{reason}; next try {time}</source>
        <translation>{reason}; келесі әрекет: {time}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Recorded</source>
        <translation>Тіркелген уақыты</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Қадам</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Күні</translation>
    </message>
    <message>
        <source>Deadlines met</source>
        <translation>Мерзімдердің сақталуы</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Соңғы күні</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Мерзім</translation>
    </message>
    <message>
        <source>Paragraph of the Rules</source>
        <translation>Қағидалардың тармағы</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Күйі</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Мерзімдер</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Оқиғалар</translation>
    </message>
    <message>
        <source>{clock} due {due}: {verdict}</source>
        <translation>{clock}, соңғы күні {due}: {verdict}</translation>
    </message>
    <message>
        <source>in time</source>
        <translation>мерзімінде</translation>
    </message>
    <message>
        <source>late</source>
        <translation>кешікті</translation>
    </message>
    <message>
        <source>Working days: {calendar}</source>
        <translation>Жұмыс күндері: {calendar}</translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <source>overdue</source>
        <translation>мерзімі өткен</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>мерзімі бүгін</translation>
    </message>
    <message>
        <source>due within 3 working days</source>
        <translation>мерзімі 3 жұмыс күні ішінде</translation>
    </message>
    <message>
        <source>later</source>
        <translation>кейінірек</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a notification</source>
        <translation>Хабарламаны тексеру</translation>
    </message>
    <message>
        <source>Paste the text scanned from the QR seal (QNS1:…)</source>
        <translation>QR мөрінен сканерленген мәтінді қойыңыз (QNS1:…)</translation>
    </message>
    <message>
        <source>Check the seal</source>
        <translation>Мөрді тексеру</translation>
    </message>
    <message>
        <source>Open a PDF…</source>
        <translation>PDF ашу…</translation>
    </message>
    <message>
        <source>Seal text or PDF, checked offline against the trust list</source>
        <translation>Мөр мәтіні немесе PDF сенім тізімі бойынша желіден тыс тексеріледі</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Тексерілуде…</translation>
    </message>
    <message>
        <source>Paste the seal text first.</source>
        <translation>Алдымен мөр мәтінін қойыңыз.</translation>
    </message>
    <message>
        <source>Open a notification</source>
        <translation>Хабарламаны ашу</translation>
    </message>
    <message>
        <source>an internal error (written to the application log)</source>
        <translation>ішкі қате (қолданба журналына жазылды)</translation>
    </message>
    <message>
        <source>Cannot check: {reason}</source>
        <translation>Тексеру мүмкін емес: {reason}</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <source>The first administrator</source>
        <translation>Бірінші әкімші</translation>
    </message>
    <message>
        <source>The administrator adds the other officers. Keep the password safe.</source>
        <translation>Әкімші басқа қызметкерлерді қосады. Құпиясөзді сенімді жерде сақтаңыз.</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Аты-жөні:</translation>
    </message>
    <message>
        <source>&amp;Password (8 or more characters):</source>
        <translation>&amp;Құпиясөз (кемінде 8 таңба):</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>Құпиясөзді &amp;қайталаңыз:</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Құпиясөздер сәйкес емес.</translation>
    </message>
</context>
<context>
    <name>_MissionPage</name>
    <message>
        <source>The mission</source>
        <translation>Шет елдердегі мекеме</translation>
    </message>
    <message>
        <source>This desk keeps the cases of one foreign mission.</source>
        <translation>Бұл жұмыс орны шет елдердегі бір мекеменің істерін сақтайды.</translation>
    </message>
    <message>
        <source>Mission &amp;code:</source>
        <translation>Мекеме &amp;коды:</translation>
    </message>
    <message>
        <source>e.g. KZ-BER</source>
        <translation>мысалы, KZ-BER</translation>
    </message>
    <message>
        <source>Mission &amp;name:</source>
        <translation>Мекеме &amp;атауы:</translation>
    </message>
    <message>
        <source>Host &amp;country (ISO, two letters):</source>
        <translation>Орналасқан &amp;ел (ISO, екі әріп):</translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation>мысалы, DE</translation>
    </message>
    <message>
        <source>&amp;Reception hours:</source>
        <translation>&amp;Қабылдау уақыты:</translation>
    </message>
    <message>
        <source>e.g. Mon–Fri 9:00–12:00</source>
        <translation>мысалы, Дс–Жм 9:00–12:00</translation>
    </message>
    <message>
        <source>Shared &amp;database (several desks):</source>
        <translation>Ортақ &amp;дерекқор (бірнеше жұмыс орны):</translation>
    </message>
    <message>
        <source>empty: this computer only</source>
        <translation>бос: тек осы компьютер</translation>
    </message>
    <message>
        <source>&amp;Join it</source>
        <translation>Қо&amp;сылу</translation>
    </message>
    <message>
        <source>Another desk already keeps the mission&apos;s store on this database: this desk joins it, and the officers log in with their own passwords.</source>
        <translation>Бұл дерекқорда шет елдердегі мекеменің қоймасын басқа жұмыс орны жүргізіп отыр: осы жұмыс орны оған қосылады, қызметкерлер өз құпиясөздерімен кіреді.</translation>
    </message>
</context>
</TS>
