"""The forwarding letter (§7) to one internal affairs body with its cases, in Kazakh: a PDF
made with reportlab in the project's bundled font (never a base-14 font: FIELD-NOTES)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.documents.fonts import BOLD, REGULAR, register_fonts

if TYPE_CHECKING:
    from desktop.department.routing import LetterCase


def forwarding_letter_pdf(
    number: int, body_kk: str, cases: Sequence[LetterCase], on: date, department: str
) -> bytes:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15)
    right = ParagraphStyle("right", parent=body, alignment=2)
    title = ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=13, alignment=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=15 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Ілеспе хат № {number}",
        author="Qonys",
    )
    rows = [
        [
            Paragraph(t, head)
            for t in ("№", "Шет елдердегі мекеме", "Іс нөмірі", "Өтініш беруші", "Алынған күні")
        ]
    ]
    for i, c in enumerate(cases, 1):
        rows.append(
            [
                Paragraph(str(i), cell),
                Paragraph(escape(c.mission), cell),
                Paragraph(escape(c.number), cell),
                Paragraph(escape(c.applicant), cell),
                Paragraph(escape(c.received_on), cell),
            ]
        )
    table = Table(rows, colWidths=[10 * mm, 32 * mm, 42 * mm, 62 * mm, 28 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
            ]
        )
    )
    story = [
        Paragraph(f"{escape(body_kk)} Полиция департаментіне", right),
        Spacer(1, 8 * mm),
        Paragraph(f"Ілеспе хат № {number}", title),
        Spacer(1, 5 * mm),
        Paragraph(
            "Қазақстан Республикасы Сыртқы істер министрлігінің Консулдық қызмет "
            "департаменті Қағидалардың 7-тармағына сәйкес шет елдердегі мекемелерден "
            f"келіп түскен төмендегі {len(cases)} өтініш берушінің құжаттарын қарауға "
            "және шешім қабылдауға жолдайды. Шешім отыз күнтізбелік күн ішінде "
            "қабылданады (Қағидалардың 9-тармағы).",
            body,
        ),
        Spacer(1, 5 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph(f"Күні: {on.strftime('%d.%m.%Y')}", body),
        Paragraph(f"Консулдық қызмет департаменті ({escape(department)})", body),
    ]
    doc.build(story)
    return out.getvalue()
