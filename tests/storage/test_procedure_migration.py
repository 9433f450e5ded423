"""Revision 0002_procedure on a store of release 0.1: old cases take part in the procedure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import inspect

from desktop.domain.checklist import CaseFacts, IdentityDocument, IdentityKind
from desktop.domain.workflow import Stage
from desktop.services import cases as case_service
from desktop.services import procedure, session
from desktop.storage import migrate
from tests.conftest import NOW, PASSWORD
from tests.domain.test_validation import complete
from tests.storage.test_migrations import _store_at_first_revision


def test_old_case_is_accepted_after_the_upgrade(tmp_path: Path) -> None:
    _store_at_first_revision(tmp_path)
    ctx = session.login(tmp_path, "admin", PASSWORD, clock=lambda: NOW)
    try:
        assert migrate.current_revision(ctx.store.engine) == migrate.head_revision()
        tables = set(inspect(ctx.store.engine).get_table_names())
        assert {"case_checklists", "deadlines", "custody"} <= tables
        # No calendar stored yet: the mission's country is the host.
        assert procedure.calendar_spec(ctx).host_country == "DE"
        # §4: the old draft's questionnaire is completed first (acceptance needs Annex 1
        # without errors); the IIN and surname are the old row's.
        old = case_service.get_case(ctx, 1).questionnaire
        case_service.update_questionnaire(
            ctx, 1, replace(complete(), iin=old.iin, surname=old.surname)
        )
        view = procedure.set_facts(
            ctx, 1, CaseFacts(identity=(IdentityDocument(IdentityKind.ID_CARD, number="1"),))
        )
        for entry in view.status.entries:
            procedure.record_item(ctx, 1, entry.key, received=True)
        result = procedure.accept(ctx, 1)
        assert result.stage is Stage.ACCEPTED and result.custody_ids
        assert ctx.store.integrity() == ["ok"]
    finally:
        ctx.close()
