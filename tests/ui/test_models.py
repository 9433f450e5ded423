"""Every item model of the desk passes Qt's model tester, and the case list is lazy."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Child, Employment, Relative, Sex
from desktop.domain.validation import Issue, Severity
from desktop.ui.case_list import CASE_ID_ROLE, COL_APPLICANT, COL_NUMBER, CaseListModel
from desktop.ui.desk import Desk
from desktop.ui.questionnaire.issues import KEY_ROLE, IssueListModel
from desktop.ui.questionnaire.rows import (
    CHILDREN,
    EMPLOYMENT,
    RELATIVES,
    RowsModel,
    item_from,
    row_from,
)


def _loaded(qtbot: QtBot, model: CaseListModel) -> None:
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.reload()


def test_case_list_model(qtbot: QtBot, qtmodeltester: ModelTester, desk: Desk) -> None:
    model = CaseListModel(desk, page=10)
    counts: list[int] = []
    model.counted.connect(counts.append)
    with qtbot.waitSignal(model.loaded, timeout=10000) as first:
        model.reload()
    # The first page comes before the count: "more than what is shown" until then.
    assert first.args == [11]
    assert model.rowCount() == 10 and not model.is_counted
    qtbot.waitUntil(lambda: counts == [25], timeout=10000)
    assert model.is_counted
    assert model.total == 25
    assert model.rowCount() == 10  # one page; the rest on demand
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    numbers = [model.index(r, COL_NUMBER).data() for r in range(25)]
    assert numbers == sorted(numbers, reverse=True)
    assert all(isinstance(model.index(r, 0).data(CASE_ID_ROLE), int) for r in range(25))

    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.sort(COL_APPLICANT, Qt.SortOrder.AscendingOrder)
    assert model.ordering == ("surname", False)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    surnames = [model.index(r, COL_APPLICANT).data().split()[0].casefold()
                for r in range(model.rowCount())]  # fmt: skip
    assert surnames == sorted(surnames)

    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_filter("no such person", ())
    assert model.rowCount() == 0 and model.total == 0


def test_case_list_model_empties_on_lock(qtbot: QtBot, desk: Desk) -> None:
    model = CaseListModel(desk)
    _loaded(qtbot, model)
    desk.lock()
    assert model.rowCount() == 0 and model.total == 0


def test_rows_models(qtmodeltester: ModelTester) -> None:
    for spec, item in (
        (CHILDREN, Child("Әлі", "", date(2015, 1, 2), "N12345678", Sex.MALE, True)),
        (RELATIVES, Relative("Әкесі", kinship="father", deceased=True, birth_year=1960)),
        (
            EMPLOYMENT,
            Employment(2020, None, "Siemens AG", position="инженер", state_secrets_clearance=False),
        ),
    ):
        model = RowsModel(spec, lambda: "ru")
        model.set_rows([row_from(spec, item), row_from(spec, spec.row_type())])
        issue = Issue(f"{spec.name}[1].{spec.columns[0].key}", "required", Severity.ERROR,
                      Text("к", "р", "e"))  # fmt: skip
        model.set_issues([issue])
        qtmodeltester.check(model)
        assert item_from(spec, 0, model.rows()[0], []) == item
        model.move_row(0, 1)
        assert item_from(spec, 1, model.rows()[1], []) == item
        model.remove_row(0)
        assert model.rowCount() == 1
        qtmodeltester.check(model)


def test_unreadable_table_values_are_input_issues() -> None:
    issues: list[Issue] = []
    child = item_from(CHILDREN, 0, {**row_from(CHILDREN, Child()), "birth_date": "32.13.2020"},
                      issues)  # fmt: skip
    assert child.birth_date is None
    assert [(i.path, i.code) for i in issues] == [("children[0].birth_date", "input")]


def test_issue_list_model(qtmodeltester: ModelTester) -> None:
    model = IssueListModel(lambda: "kk")
    warning = Issue("iin", "birth_mismatch", Severity.WARNING, Text("ескерту", "пред", "warn"))
    error = Issue("surname", "required", Severity.ERROR, Text("міндетті", "обяз", "req"))
    model.set_issues([warning, error])
    qtmodeltester.check(model)
    assert model.index(0, 0).data(KEY_ROLE) == "surname:required"  # errors first
    assert "міндетті" in model.index(0, 0).data()
    toggled: list[tuple[str, bool]] = []
    model.confirm_toggled.connect(lambda key, on: toggled.append((key, on)))
    assert not model.setData(model.index(0, 0), Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert model.setData(model.index(1, 0), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    assert toggled == [("iin:birth_mismatch", True)]
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
