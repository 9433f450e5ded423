"""§3(2) registers on paper: ID cards in custody, originals handed back (A4 landscape).

The Rules prescribe no form for these registers: the page says so in its top margin (the
common "own form" note, as for the §16 documents). Headings are Kazakh with Russian beneath,
each cell Kazakh then Russian where the two differ (a document's kind, "held").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from desktop.documents.fonts import REGULAR
from desktop.documents.layout import RU_COLOR, build_pdf, esc, fmt_date, make_styles
from desktop.documents.texts import load_bilingual
from desktop.domain.i18n import Text

PERIOD = Text("{start} – {end} кезеңі", "Период: {start} – {end}", "Period {start} – {end}")
HELD_ONLY = Text(
    "Тек сақтаудағы құжаттар (қабылданған күніне қарамастан)",
    "Только документы на хранении (независимо от даты приема)",
    "Only documents still held (whenever received)",
)
EMPTY = Text("Кезеңде жазба жоқ", "За период записей нет", "No entries in the period")


def _painter(canvas: Canvas, _doc: object) -> None:
    common = load_bilingual("common")
    canvas.saveState()
    width, height = canvas._pagesize
    canvas.setFont(REGULAR, 7)
    canvas.setFillColor(RU_COLOR)
    page = canvas.getPageNumber()
    right = common.kk.fmt("page", page=page)
    if common.ru is not None:
        right += " / " + common.ru.fmt("page", page=page)
    canvas.drawRightString(width - 15 * mm, 9 * mm, right)
    canvas.setFont(REGULAR, 6.5)
    canvas.drawString(20 * mm, height - 7 * mm, common.kk["own_form_note"])
    if common.ru is not None:
        canvas.drawString(20 * mm, height - 10 * mm, common.ru["own_form_note"])
    canvas.restoreState()


def render_register(
    *,
    mission: str,
    title: Text,
    period: tuple[date, date],
    held_only: bool,
    columns: Sequence[Text],
    rows: Sequence[tuple[Sequence[str], Sequence[str]]],
) -> bytes:
    """`rows`: each entry's cells in Kazakh and in Russian (the same cells where they agree)."""
    s = make_styles()
    cell = s.cell
    ru_cell = ParagraphStyle("reg_ru", parent=s.cell, textColor=RU_COLOR)
    head = [
        Paragraph(esc(c.kk) + f"<br/><font color='#404040'>{esc(c.ru)}</font>", cell)
        for c in columns
    ]
    body: list[list[Flowable]] = []
    for kk_cells, ru_cells in rows:
        line: list[Flowable] = []
        for kk, ru in zip(kk_cells, ru_cells, strict=True):
            text = esc(kk) if kk == ru else esc(kk) + f"<br/><font color='#404040'>{esc(ru)}</font>"
            line.append(Paragraph(text, cell if kk == ru else ru_cell))
        body.append(line)
    usable = landscape(A4)[0] - 35 * mm
    first = 12 * mm
    widths = [first] + [(usable - first) / (len(columns) - 1)] * (len(columns) - 1)
    table = Table([head, *body], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, RU_COLOR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), (0.93, 0.93, 0.93)),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ]
        )
    )
    start, end = fmt_date(period[0]), fmt_date(period[1])
    scope = HELD_ONLY if held_only else PERIOD.format(start=start, end=end)
    story: list[Flowable] = [
        Paragraph(esc(mission), s.center),
        Spacer(1, 2 * mm),
        Paragraph(esc(title.kk), s.title),
        Paragraph(esc(title.ru), s.title_ru),
        Paragraph(esc(scope.kk) + " / " + esc(scope.ru), s.center),
        Spacer(1, 4 * mm),
        table if body else Paragraph(esc(EMPTY.kk) + " / " + esc(EMPTY.ru), s.body),
    ]
    return build_pdf(story, title=title.kk, painter=_painter, pagesize=landscape(A4))
