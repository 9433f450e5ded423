<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <source>(optional)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <source>Take picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space or Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document camera — no camera found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the picture again: it replaces page {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera is not ready yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera was disconnected. The pages already taken are kept; connect it again or choose another source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera stopped ({reason}). The pages already taken are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be taken ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing the picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRZ read: {number}, {name}. Every check digit is right and the reading agrees in {n} pictures in a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRZ read once: hold the document still…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRZ seen, but not every check digit is right yet: hold the document still, flat and without glare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MRZ in the picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera found: connect a document camera, or use a scanner or files.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>{stage} (incomplete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue by {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IIN, surname, name or case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{stage} ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Documents (§3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline and deadlines</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan copies of the selected document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired: the set cannot be accepted (§5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>§3 checklist, version {version}{frozen}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (as accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The set as it stood when the case left the draft stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete: the documents can be accepted (§4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing: {missing}; expired: {expired}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates are written as DD.MM.YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the document to scan in the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CropDialog</name>
    <message>
        <source>Crop the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a rectangle around what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlineDashboard</name>
    <message>
        <source>Only my cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>§</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{today}: {overdue} overdue, {today_n} due today, {soon} due soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar changed: {n} deadlines were recomputed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Qonys: internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Qonys. Your saved work is safe. Please send the details below (they hold no personal data) to support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>{size} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange with the Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the package files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a USB stick or a shared folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Split into parts of at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest part in MB, 0 for one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cance&amp;l export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive from the Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import packages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What each package did:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox: packages sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark as carried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The package has left the mission (courier, pouch, e-mail, shared folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases go once forwarded (§7); the package is signed and encrypted for the Department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission {code} is enrolled with the Department. Trust list: version {version}, issued {issued} ({age} days old); missions: {missions}, revocations: {revocations}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder for the package files first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: removing what was written…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing new to send: every change has gone already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written: packages: {packages}, {size}; cases: {cases}, events: {events}, scan pages: {scans}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} — package {sequence}, {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark each package as carried once it has left the mission; it is acknowledged when the Department&apos;s reply is imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: no file was left behind and nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages from the Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonys packages (*.qpkg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying and applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} arrived before package(s) {missing} from the Department, which never came. Import those first if you can.

Accept {file} anyway? Do this only when the Department confirms the missing packages are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: refused, nothing changed. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: package {sequence} was imported before; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: package {sequence} applied. Decisions: {decisions}; packages acknowledged: {acknowledged}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust list updated to version {version}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted although package(s) {missing} never arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept on the case but not applied (the case is not at a stage that takes it); record it by hand: {cases}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: the disk is full; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error ({kind}); a report without personal data was saved: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xchange with the Department…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Qonys — first run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the encrypted store…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueListModel</name>
    <message>
        <source>{field}, row {row}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning (confirmed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: {field} — {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The desk is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked by {name}. Only this officer can unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Qonys — log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonys: emigration cases desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your login and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open selected case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auto-lock after…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Qonys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify a notification…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonys — locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonys — {mission}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer: {name} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: locked, key dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Store: open, encrypted; %n case(s) listed</source>
        <translation>
            <numerusform>Store: open, encrypted; %n case listed</numerusform>
            <numerusform>Store: open, encrypted; %n cases listed</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These questionnaires have unsaved changes:
{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} questionnaires have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the desk after this many idle minutes (0: never):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a table row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a table row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a table row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Qonys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qonys {version}: the consular desk for emigration cases (MFA order No. 11-1-4/1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Built, not yet carried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried, awaiting acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by the Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{part} of {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged: {when}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annex 4 notification (signed, sealed) §10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application copy with the acceptance mark §4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusal to accept §5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft refusal and hearing notice §11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoned refusal §11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the last printed PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcedureDocks</name>
    <message>
        <source>Deadlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved case to see its documents, timeline and steps.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message>
        <source>DD.MM.YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter: go to the field. Space: confirm the selected warning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New, not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date of birth first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant is 16 or over: fill these in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant is under 16: not filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} Error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} Warning (confirmed): {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} Warning: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No issues: the questionnaire is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{e} errors, {w} warnings ({c} confirmed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the dates and years that cannot be read first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still incomplete: {n} errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other cases with this IIN: {numbers}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowTable</name>
    <message>
        <source>Add row (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove row (Ctrl+Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Scan copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document feeder (all sheets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MRZ: scan the passport with the reader here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use MRZ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read MRZ from the pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-fill the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to the case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scanner — add files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scanner is selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} page(s) taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add scanned files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached: {n} page(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No machine-readable zone found on the pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document {number}, born {birth}, sex: {sex}, valid until {expiry}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document has EXPIRED (§5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong check digits: {f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: MRZ {mrz} ≠ questionnaire {q}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-filled: {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} page(s) are not attached to the case. Close and discard them?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>§</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{clock} due {due}: {verdict}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Urgency</name>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due within 3 working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the text scanned from the QR seal (QNS1:…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the seal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal text or PDF, checked offline against the trust list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the seal text first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a notification</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <source>The first administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The administrator adds the other officers. Keep the password safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password (8 or more characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_MissionPage</name>
    <message>
        <source>The mission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desk keeps the cases of one foreign mission.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. KZ-BER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host &amp;country (ISO, two letters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reception hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Mon–Fri 9:00–12:00</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
