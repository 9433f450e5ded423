"""The mission's own settings kept in the store (shared by every desk of the mission)."""

from __future__ import annotations

from desktop.domain.i18n import Text
from desktop.services.context import DeskContext, Role
from desktop.services.errors import InvalidInput, StoreDamaged
from desktop.storage import audit

RECEPTION_HOURS = "reception_hours"
MAX_RECEPTION_HOURS = 200


def reception_hours(ctx: DeskContext) -> str:
    """When applicants are received (printed on handouts, shown on the desk)."""
    with ctx.uow() as uow:
        row = uow.mission.get()
        if row is None:
            raise StoreDamaged("the mission record is missing")
        value = (row.settings or {}).get(RECEPTION_HOURS, "")
        return value if isinstance(value, str) else ""


def set_reception_hours(ctx: DeskContext, hours: str) -> None:
    ctx.require(Role.ADMIN, "change the mission settings")
    hours = " ".join(hours.split())
    if len(hours) > MAX_RECEPTION_HOURS:
        raise InvalidInput(
            Text(
                f"Қабылдау уақыты {MAX_RECEPTION_HOURS} таңбадан аспауы керек",
                f"Часы приема — не более {MAX_RECEPTION_HOURS} символов",
                f"Reception hours: at most {MAX_RECEPTION_HOURS} characters",
            )
        )
    with ctx.uow() as uow:
        row = uow.mission.get()
        if row is None:
            raise StoreDamaged("the mission record is missing")
        # A new dict: SQLAlchemy sees a replaced JSON value, not an in-place mutation.
        row.settings = {**(row.settings or {}), RECEPTION_HOURS: hours}
        audit.append(
            uow.session,
            at=ctx.now(),
            officer=ctx.officer.login,
            action="mission.settings",
            entity="mission",
            entity_id=row.code,
            detail={"fields": [RECEPTION_HOURS]},
        )
        uow.commit()
