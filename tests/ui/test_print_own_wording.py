"""Print in the desk uses the mission's own form wording (DATA_DIR/forms), as `qonys print` does."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.documents.texts import load_form_text
from desktop.domain.workflow import Stage
from desktop.services import demo, session
from desktop.services.context import DeskContext
from desktop.storage.models import CaseRow
from desktop.ui.procedure.case_panel import CasePanel
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.documents.conftest import flat, pdftotext
from tests.ui.conftest import ModalLog


def test_desk_prints_the_missions_own_wording(qtbot: QtBot, tmp_path: Path) -> None:
    store = tmp_path / "store"
    demo.create_demo(
        store,
        cases=20,
        seed=3,
        password=PASSWORD,
        kdf=FAST_KDF,
        clock=MovableClock(),
        department=True,
    )
    # The mission's official Russian text, dropped into its forms folder (resources/forms/README).
    bundled = load_form_text("notification", "ru")
    assert bundled is not None
    own = bundled.path.read_text(encoding="utf-8").replace(
        'status = "translation"', 'status = "official"'
    )
    assert "РАЗРЕШЕН выезд" in own
    (store / "forms").mkdir()
    (store / "forms" / "notification.ru.toml").write_text(
        own.replace("РАЗРЕШЕН выезд", "РАЗРЕШЁН выезд"), encoding="utf-8"
    )
    ctx = session.login(store, "consul", PASSWORD, clock=MovableClock())
    try:
        with ctx.uow() as uow:
            case_id = uow.session.scalar(
                select(CaseRow.id).where(CaseRow.stage == Stage.PERMITTED.value).limit(1)
            )
        assert case_id is not None
        panel = CasePanel(ctx, case_id)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.case_changed, timeout=30000):
            panel.print_button.print_form("notification")
        preview = panel.print_button.preview
        assert preview is not None
        printed = tmp_path / "printed.pdf"
        printed.write_bytes(preview.pdf)
        text = flat(pdftotext(printed))
        assert "РАЗРЕШЁН выезд на постоянное жительство" in text
        assert "РАЗРЕШЕН выезд" not in text
        preview.close()
    finally:
        ctx.close()


def test_a_child_notice_for_an_application_without_children_says_so_in_kazakh(
    qtbot: QtBot, admin: DeskContext, modals: ModalLog
) -> None:
    """The refusal comes from the catalogue in the desk's language (it was a literal)."""
    from desktop.services import cases
    from desktop.ui.printing import PrintButton

    listed = cases.list_cases(admin, limit=100)
    without = [s.id for s in listed if not cases.get_case(admin, s.id).questionnaire.children]
    assert without
    button = PrintButton(admin, without[0], lang="kk")
    qtbot.addWidget(button)
    button.child_action.trigger()
    assert modals.shown[-1] == "Өтініште кәмелетке толмаған балалар аталмаған"
