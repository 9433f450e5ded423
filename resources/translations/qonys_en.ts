<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CaseListModel</name>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>overdue by %n day</numerusform>
            <numerusform>overdue by %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlineDashboard</name>
    <message numerus="yes">
        <source>The calendar changed: %n deadline(s) recomputed</source>
        <translation>
            <numerusform>The calendar changed: %n deadline recomputed</numerusform>
            <numerusform>The calendar changed: %n deadlines recomputed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message numerus="yes">
        <source>Wrong passwords since the last unlock: %n</source>
        <translation>
            <numerusform>One wrong password since the last unlock</numerusform>
            <numerusform>Wrong passwords since the last unlock: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed attempts. Try again in %n second.</numerusform>
            <numerusform>Too many failed attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed attempts. Try again in %n second.</numerusform>
            <numerusform>Too many failed attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Store: open, encrypted; %n case(s) listed</source>
        <translation>
            <numerusform>Store: open, encrypted; %n case listed</numerusform>
            <numerusform>Store: open, encrypted; %n cases listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n questionnaire(s) have unsaved changes. Unlock to save them, or quit and lose them?</source>
        <translation>
            <numerusform>%n questionnaire has unsaved changes. Unlock to save it, or quit and lose it?</numerusform>
            <numerusform>%n questionnaires have unsaved changes. Unlock to save them, or quit and lose them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionnaireEditor</name>
    <message numerus="yes">
        <source>Still incomplete: %n error(s).</source>
        <translation>
            <numerusform>Still incomplete: %n error.</numerusform>
            <numerusform>Still incomplete: %n errors.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message numerus="yes">
        <source>%n page(s) taken</source>
        <translation>
            <numerusform>%n page taken</numerusform>
            <numerusform>%n pages taken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached: %n page(s)</source>
        <translation>
            <numerusform>Attached: %n page</numerusform>
            <numerusform>Attached: %n pages</numerusform>
        </translation>
    </message>
</context>
</TS>
