"""The export from a mission store shared on PostgreSQL: its scan pages travel as from SQLCipher."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.department.service import Department
from desktop.services import demo, session
from desktop.services import exchange as service
from desktop.storage.models import AttachmentRow, CaseRow
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer


def test_export_from_a_shared_store_carries_its_scans(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.create_database(pg_server.mission_template())
    demo.create_demo(
        tmp_path / "desk", cases=6, seed=5, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    dep = Department.init(tmp_path / "department", {"admin": "department-pw-1234"})
    ctx = session.login(tmp_path / "desk", "admin", PASSWORD, clock=MovableClock())
    try:
        service.install_enrolment(
            ctx, dep.enrol_mission("KZ-BER", "Embassy in Berlin", "bundle-pw"), "bundle-pw"
        )
        pages = {}
        with ctx.uow() as uow:
            cid = uow.session.scalars(select(CaseRow.id).order_by(CaseRow.id)).first()
            assert cid is not None
            uow.session.get(CaseRow, cid).stage = "forwarded"  # type: ignore[union-attr]
            for page in (1, 2, 3):
                pages[page] = f"page {page} of a passport ".encode() * 4000
                uow.attachments.add(
                    AttachmentRow(
                        case_id=cid, item_key="passport", document_id="doc", page_no=page,
                        mime="image/png", width=10, height=10, data=pages[page],
                        created_at=ctx.now(), created_by=None, note="",
                    )
                )  # fmt: skip
            uow.commit()
        out = tmp_path / "usb"
        result = service.export(ctx, out)
        assert result.scans == 3
        [entry] = result.packages
        # The Department checks every page's bytes against the digest the records carry.
        assert dep.receive(out / entry.file_name).scans == 3
    finally:
        ctx.close()
        dep.close()
