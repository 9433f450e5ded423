"""Shared by the backup tests and their writer process: scans and a comparable store dump."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import select, text, update

from desktop.services.context import DeskContext
from desktop.storage import scanfiles
from desktop.storage.models import AttachmentRow


def add_scan(ctx: DeskContext, case_id: int, data: bytes, page: int = 1) -> None:
    with ctx.uow() as uow:
        uow.attachments.add(
            AttachmentRow(
                case_id=case_id,
                item_key="passport_copy",
                document_id=str(uuid.uuid4()),
                page_no=page,
                mime="image/jpeg",
                width=1240,
                height=1754,
                data=data,
                created_at=ctx.now(),
                created_by=ctx.officer.id,
                note="",
            )
        )
        uow.commit()


def add_table_scan(ctx: DeskContext, case_id: int, data: bytes, page: int = 1) -> None:
    """A scan kept in `attachments.data`, as the releases before scan files (issue 19) did."""
    dialect = ctx.store.engine.dialect
    files = getattr(dialect, scanfiles.ATTRIBUTE)
    delattr(dialect, scanfiles.ATTRIBUTE)
    try:
        add_scan(ctx, case_id, data, page)
    finally:
        setattr(dialect, scanfiles.ATTRIBUTE, files)


def pages_into_table(ctx: DeskContext) -> None:
    """Every scan page back into `attachments.data`, as stores made before scan files kept
    them (their files stay behind, named by no row)."""
    with ctx.uow() as uow:
        rows = uow.session.scalars(select(AttachmentRow)).all()
        moved = [(r.id, r.data) for r in rows if r.scan_file is not None]
        for aid, data in moved:
            uow.session.execute(
                update(AttachmentRow)
                .where(AttachmentRow.id == aid)
                .values({AttachmentRow.stored: data, AttachmentRow.scan_file: None})
            )
        uow.commit()


def pages(ctx: DeskContext) -> list[tuple[Any, ...]]:
    """Every scan page (by digest of its bytes, wherever the store keeps them)."""
    with ctx.store.reader() as uow:
        rows = uow.session.scalars(select(AttachmentRow).order_by(AttachmentRow.id)).all()
        return [
            (r.id, r.case_id, r.item_key, r.document_id, r.page_no, r.mime,
             hashlib.sha256(r.data).hexdigest())
            for r in rows
        ]  # fmt: skip


def dump(ctx: DeskContext) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the case tables (scans by digest), in a stable order."""
    with ctx.store.engine.connect() as conn:
        return {
            "cases": [tuple(r) for r in conn.execute(text("SELECT * FROM cases ORDER BY id"))],
            "events": [tuple(r) for r in conn.execute(text("SELECT * FROM events ORDER BY id"))],
            "attachments": pages(ctx),
            "officers": [
                tuple(r) for r in conn.execute(text("SELECT * FROM officers ORDER BY id"))
            ],
        }
