"""Shared page furniture of the printed forms: styles, the annex heading, bilingual lines.

Every style uses the bundled font (fonts.py); nothing here may name a base-14 font.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.texts import OWN, Bilingual, FormText, load_bilingual

RU_COLOR = colors.Color(0.25, 0.25, 0.25)
PRODUCER = "Qonys"


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_ru: ParagraphStyle
    small: ParagraphStyle
    small_ru: ParagraphStyle
    title: ParagraphStyle
    title_ru: ParagraphStyle
    heading: ParagraphStyle
    heading_ru: ParagraphStyle
    header: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    center: ParagraphStyle
    big: ParagraphStyle


def make_styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13, alignment=TA_LEFT)
    return Styles(
        body=body,
        body_ru=ParagraphStyle(
            "body_ru", parent=body, fontSize=9, leading=11.5, textColor=RU_COLOR
        ),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        small_ru=ParagraphStyle(
            "small_ru", parent=body, fontSize=7.5, leading=9.5, textColor=RU_COLOR
        ),
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=12.5, leading=16, alignment=TA_CENTER
        ),
        title_ru=ParagraphStyle(
            "title_ru",
            parent=body,
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
            textColor=RU_COLOR,
        ),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=BOLD, fontSize=10.5, leading=13.5, spaceBefore=6
        ),
        heading_ru=ParagraphStyle(
            "heading_ru", parent=body, fontSize=9, leading=11.5, textColor=RU_COLOR
        ),
        header=ParagraphStyle("header", parent=body, fontSize=7.5, leading=9.5, alignment=TA_RIGHT),
        cell=ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.3),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5
        ),
        center=ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        big=ParagraphStyle("big", parent=body, fontName=BOLD, fontSize=14, leading=18),
    )


def esc(value: object) -> str:
    return escape(str(value))


def fmt_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def long_date(text: FormText, value: date) -> tuple[str, str, str]:
    """Year, day and month name for the blanks `20__ жылғы "__" ______` of the forms."""
    months = text.list("months")
    return str(value.year), f"{value.day:02d}", months[value.month - 1]


@dataclass(frozen=True)
class FormContext:
    """The wording of a form plus the common furniture (annex heading, months, notes)."""

    form: Bilingual
    common: Bilingual
    styles: Styles

    @property
    def translation_used(self) -> bool:
        # The common furniture (page numbers, month names) is not worth a note on its own.
        return self.form.ru_is_translation

    def kk(self, key: str, **values: object) -> str:
        return self.form.kk.fmt(key, **values) if values else self.form.kk[key]

    def ru(self, key: str, **values: object) -> str | None:
        if self.form.ru is None or self.form.ru.get(key) is None:
            return None
        return self.form.ru.fmt(key, **values) if values else self.form.ru[key]


def form_context(form: str) -> FormContext:
    return FormContext(load_bilingual(form), load_bilingual("common"), make_styles())


def bilingual(
    ctx: FormContext,
    key: str,
    kk_style: ParagraphStyle,
    ru_style: ParagraphStyle,
    *,
    bold_ru: bool = False,
    **values: object,
) -> list[Flowable]:
    """The Kazakh line, then the Russian line (grey) when the form has Russian wording."""
    out: list[Flowable] = [Paragraph(esc(ctx.kk(key, **values)), kk_style)]
    ru = ctx.ru(key, **values)
    if ru is not None:
        out.append(Paragraph(f"<b>{esc(ru)}</b>" if bold_ru else esc(ru), ru_style))
    return out


def label(ctx: FormContext, key: str) -> str:
    """A bilingual label for a table cell: "Kazakh / Russian" (Annex 1 style)."""
    ru = ctx.ru(key)
    return ctx.kk(key) + (f" / {ru}" if ru else "")


def annex_heading(ctx: FormContext, annex_key: str | None) -> list[Flowable]:
    """The heading the Rules put on each annex: "… қағидаларына / N-қосымша / Нысан"."""
    s = ctx.styles
    common = ctx.common
    lines = [esc(common.kk["annex_header"])]
    if annex_key is not None:
        ru = ctx.ru(annex_key)
        lines.append(esc(ctx.kk(annex_key)) + (f" / {esc(ru)}" if ru else ""))
        lines.append(esc(common.kk["form"]) + (f" / {esc(common.ru['form'])}" if common.ru else ""))
    return [Paragraph("<br/>".join(lines), s.header), Spacer(1, 4 * mm)]


def footer_painter(ctx: FormContext, case_ref: str = "") -> Callable[[Canvas, object], None]:
    """Page number, case reference and, when Russian is a translation, the note saying so."""

    def paint(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        width, _height = canvas._pagesize
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(RU_COLOR)
        page = canvas.getPageNumber()
        right = ctx.common.kk.fmt("page", page=page)
        if ctx.common.ru is not None:
            right += " / " + ctx.common.ru.fmt("page", page=page)
        canvas.drawRightString(width - 15 * mm, 9 * mm, right)
        if case_ref:
            canvas.drawString(20 * mm, 9 * mm, case_ref)
        if ctx.form.kk.status == OWN:
            # Issue 12 §16: a document the Rules give no form for is not passed off as one;
            # the note sits in the top margin, above the content frame.
            _width, height = canvas._pagesize
            canvas.setFont(REGULAR, 6.5)
            canvas.drawString(20 * mm, height - 7 * mm, ctx.common.kk["own_form_note"])
            if ctx.common.ru is not None:
                canvas.drawString(20 * mm, height - 10 * mm, ctx.common.ru["own_form_note"])
            canvas.setFont(REGULAR, 7)
        if ctx.translation_used and ctx.common.ru is not None:
            canvas.drawString(20 * mm, 15.5 * mm, "* " + ctx.common.kk["translation_note"])
            canvas.drawString(20 * mm, 12.5 * mm, "  " + ctx.common.ru["translation_note"])
        canvas.restoreState()

    return paint


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    painter: Callable[[Canvas, object], None],
    pagesize: tuple[float, float] = A4,
) -> bytes:
    """Lay out a flowing form on A4 with our margins and return the PDF bytes."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=20 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=PRODUCER,
        creator=PRODUCER,
        lang="kk",
        # The canvas preamble selects a font before any text: never let it be Helvetica.
        initialFontName=REGULAR,
    )
    doc.build(list(story), onFirstPage=painter, onLaterPages=painter)
    return buf.getvalue()
