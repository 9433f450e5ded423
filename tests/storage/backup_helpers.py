"""Shared by the backup tests and their writer process: scans and a comparable store dump."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import text

from desktop.services.context import DeskContext
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


def dump(ctx: DeskContext) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the case tables (scans by digest), in a stable order."""
    with ctx.store.engine.connect() as conn:
        return {
            "cases": [tuple(r) for r in conn.execute(text("SELECT * FROM cases ORDER BY id"))],
            "events": [tuple(r) for r in conn.execute(text("SELECT * FROM events ORDER BY id"))],
            "attachments": [
                (*r[:-1], hashlib.sha256(r[-1]).hexdigest())
                for r in conn.execute(
                    text(
                        "SELECT id, case_id, item_key, document_id, page_no, mime, data "
                        "FROM attachments ORDER BY id"
                    )
                )
            ],
            "officers": [
                tuple(r) for r in conn.execute(text("SELECT * FROM officers ORDER BY id"))
            ],
        }
