"""§3(2) registers for the desk: ID cards held in custody and originals handed back.

The same registers `qonys custody` and `qonys originals` print (`procedure.custody_register`,
`originals.returned_register`), for a period of days at the mission, with their rows said in
the officer's language, and written out as CSV (UTF-8 with BOM, for spreadsheets) or as a PDF
to print (Kazakh / Russian headings, like the Annex 5 journal). Reading them takes any officer's
login, as on the command line; releasing a held document takes an officer (`release_custody`).
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from desktop.domain.calendar import mission_local
from desktop.domain.checklist import KIND_TEXT
from desktop.domain.i18n import Text
from desktop.services import handouts, originals, procedure
from desktop.services.backup import BackupWriteFailed
from desktop.services.context import DeskContext, Role
from desktop.services.errors import InvalidInput
from desktop.services.os_reasons import os_reason

log = logging.getLogger(__name__)

__all__ = [
    "KIND_NAMES",
    "Register",
    "RegisterRow",
    "RegisterView",
    "release",
    "render",
    "view",
    "write",
]


class Register(StrEnum):
    CUSTODY = "custody"  # §3(2): ID cards retained
    RETURNED = "returned"  # §3(2): passports and birth certificates copied and handed back


TITLES: dict[Register, Text] = {
    Register.CUSTODY: Text(
        "Сақтауға алынған жеке куәліктер тізілімі",
        "Реестр удостоверений личности, принятых на хранение",
        "Register of ID cards held in custody",
    ),
    Register.RETURNED: Text(
        "Көшірмесі жасалып, қайтарылған түпнұсқалар тізілімі",
        "Реестр оригиналов, возвращенных после снятия копий",
        "Register of originals copied and handed back",
    ),
}

KIND_NAMES: dict[str, Text] = {
    **{kind.value: text for kind, text in KIND_TEXT.items()},
    "birth_certificate": Text("Туу туралы куәлік", "Свидетельство о рождении", "Birth certificate"),
}

# Column headings: (kk, ru, en) — the printed register carries the Kazakh and Russian ones.
COLUMNS: dict[Register, tuple[Text, ...]] = {
    Register.CUSTODY: (
        Text("№", "№", "No."),
        Text("Іс", "Дело", "Case"),
        Text("Құжат", "Документ", "Document"),
        Text("Құжат нөмірі", "Номер документа", "Document number"),
        Text("Қабылданған күні", "Дата приема", "Received"),
        Text("Қабылдаған", "Принял", "Received by"),
        Text("Берілген күні", "Дата выдачи", "Released"),
        Text("Қайда берілді", "Куда передан", "Released to"),
    ),
    Register.RETURNED: (
        Text("№", "№", "No."),
        Text("Іс", "Дело", "Case"),
        Text("Құжат", "Документ", "Document"),
        Text("Құжат нөмірі", "Номер документа", "Document number"),
        Text("Қайтарылған күні", "Дата возврата", "Handed back"),
        Text("Кімге қайтарылды", "Кому возвращен", "Handed back to"),
        Text("Жазған", "Записал", "Recorded by"),
    ),
}

M_PERIOD = Text(
    "Кезеңнің соңы басынан бұрын",
    "Конец периода раньше начала",
    "the period ends before it starts",
)
HELD = Text("сақтауда", "на хранении", "held")


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One entry, as shown: `id` is the register's own (custody: what a release names)."""

    id: int
    case_id: int
    case_number: str
    kind: str
    document_number: str
    day: date  # received (custody) or handed back (returned)
    by: str  # the officer who received or recorded it
    released_on: date | None  # custody: when it left the safe (None: still held)
    released_by: str
    note: str  # custody: where it went; returned: to whom it was handed back

    def kind_name(self, lang: str) -> str:
        name = KIND_NAMES.get(self.kind)
        return name.get(lang) if name is not None else self.kind

    def cells(self, register: Register, lang: str) -> list[str]:
        """The row's cells in `lang`, in the order of `COLUMNS[register]`."""
        day = self.day.strftime("%d.%m.%Y")
        if register is Register.CUSTODY:
            released = self.released_on.strftime("%d.%m.%Y") if self.released_on else ""
            where = self.note if self.released_on else HELD.get(lang)
            return [
                str(self.id),
                self.case_number,
                self.kind_name(lang),
                self.document_number,
                day,
                self.by,
                released,
                where,
            ]
        return [
            str(self.id),
            self.case_number,
            self.kind_name(lang),
            self.document_number,
            day,
            self.note,
            self.by,
        ]


@dataclass(frozen=True, slots=True)
class RegisterView:
    register: Register
    start: date
    end: date
    held_only: bool
    rows: tuple[RegisterRow, ...]


def _day(ctx: DeskContext, moment: datetime) -> date:
    return mission_local(moment, ctx.time_zone).date()


def view(
    ctx: DeskContext, register: Register, start: date, end: date, *, held_only: bool = False
) -> RegisterView:
    """The register's entries made from `start` to `end` (days at the mission, both included);
    `held_only` (custody): only documents still in the safe, whenever received."""
    ctx.require(Role.OFFICER, "read the §3(2) registers")
    if end < start:
        raise InvalidInput(M_PERIOD)
    rows: list[RegisterRow] = []
    if register is Register.CUSTODY:
        for c in procedure.custody_register(ctx, held_only=held_only):
            received = _day(ctx, c.received_at)
            if not held_only and not start <= received <= end:
                continue
            rows.append(
                RegisterRow(
                    c.id,
                    c.case_id,
                    c.case_number,
                    c.document_kind,
                    c.document_number,
                    received,
                    c.received_by,
                    _day(ctx, c.released_at) if c.released_at else None,
                    c.released_by,
                    c.release_note,
                )
            )
    else:
        for r in originals.returned_register(ctx):
            if not start <= r.returned_on <= end:
                continue
            # A passport's item is "identity:passport" (kind "identity"); a birth
            # certificate's is "birth_certificate:<child>".
            kind = r.item_key.split(":", 1)[1] if r.document_kind == "identity" else r.document_kind
            rows.append(
                RegisterRow(
                    r.id,
                    r.case_id,
                    r.case_number,
                    kind,
                    r.document_number,
                    r.returned_on,
                    r.recorded_by,
                    None,
                    "",
                    r.returned_to,
                )
            )
    return RegisterView(register, start, end, held_only, tuple(rows))


def release(ctx: DeskContext, custody_id: int, note: str) -> None:
    """`qonys custody --release ID --note TEXT`: a held ID card leaves the safe, and where to."""
    procedure.release_custody(ctx, custody_id, note)


def render(ctx: DeskContext, data: RegisterView, fmt: str = "pdf") -> bytes:
    """The register as PDF (A4 landscape, Kazakh / Russian) or CSV; the print is audited."""
    from desktop.documents import registers as register_pdf

    with ctx.uow() as uow:
        ctx.audit(
            uow,
            f"registers.print.{data.register.value}",
            "mission",
            ctx.mission.code,
            {
                "from": data.start.isoformat(),
                "to": data.end.isoformat(),
                "rows": len(data.rows),
                "format": fmt,
            },
        )
        uow.commit()
    log.info("printed the %s register (%d rows, %s)", data.register.value, len(data.rows), fmt)
    columns = COLUMNS[data.register]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([f"{c.kk} / {c.ru}" for c in columns])
        for row in data.rows:
            writer.writerow(row.cells(data.register, "ru"))
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    return register_pdf.render_register(
        mission=ctx.mission.name,
        title=TITLES[data.register],
        period=(data.start, data.end),
        held_only=data.held_only,
        columns=columns,
        rows=[
            (row.cells(data.register, "kk"), row.cells(data.register, "ru")) for row in data.rows
        ],
    )


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    rows: int
    kind: str  # "pdf" or "csv"


def write(ctx: DeskContext, data: RegisterView, out: Path) -> Written:
    """The register into `out` (.csv by the suffix, otherwise PDF), owner-only like a handout."""
    kind = "csv" if out.suffix.lower() == ".csv" else "pdf"
    content = render(ctx, data, kind)
    try:
        handouts.save_pdf(out, content)
    except OSError as exc:
        raise BackupWriteFailed(out, os_reason(exc)) from None
    return Written(out, len(data.rows), kind)
