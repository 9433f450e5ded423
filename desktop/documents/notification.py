"""Annex 4: the notification that permission to leave for permanent residence was issued.

§10: handed to the applicant within five working days, certified by the signature and seal of
a consular official. The page is drawn on a fixed A4 layout so that the place for the wet
signature and the seal ("қол мен мөрдің орны") stays a clear, empty box, and the visible
digital seal (a QR code, seal.py) sits where a phone can read it after photocopying.
"""

from __future__ import annotations

import io
from datetime import date

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from desktop.documents.data import NotificationData, PoliceDecision, SignatureInfo
from desktop.documents.fonts import BOLD, REGULAR, register_fonts
from desktop.documents.layout import (
    PRODUCER,
    RU_COLOR,
    FormContext,
    esc,
    fmt_date,
    form_context,
    long_date,
)
from desktop.documents.police import russian_name
from desktop.documents.seal import SealClaims, seal_qr
from desktop.documents.texts import FormText

PAGE_W, PAGE_H = A4
LEFT = 22 * mm
RIGHT = PAGE_W - 18 * mm
WIDTH = RIGHT - LEFT
# The signature-and-seal place: a round seal is 40-45 mm, a signature ~50 mm wide.
SIGN_BOX_W = 90 * mm
SIGN_BOX_H = 48 * mm
MIN_SIGN_BOX_H = 42 * mm
# At 40 mm a version-13 QR (69 modules + quiet zone) has modules of ~0.52 mm: ~6 printer
# dots at 300 dpi, which survives a photocopy (FIELD-NOTES: 20 mm already scans at 150 dpi).
QR_SIZE = 40 * mm


class NotificationLayoutError(ValueError):
    """The data does not fit the one-page Annex 4 layout without covering the seal zone."""


def _para(c: Canvas, text: str, style: ParagraphStyle, x: float, top: float, width: float) -> float:
    """Draw a wrapped paragraph whose top edge is at `top`; return the new top."""
    p = Paragraph(text, style)
    _w, h = p.wrapOn(c, width, PAGE_H)
    p.drawOn(c, x, top - h)
    return float(top - h)


def draw_qr(c: Canvas, qr: segno.QRCode, x: float, y: float, size: float) -> None:
    """Draw a QR as vector rectangles (sharp at any printer resolution), quiet zone included."""
    border = 4  # ISO/IEC 18004: four modules of quiet zone
    modules = len(qr.matrix) + 2 * border
    cell = size / modules
    c.saveState()
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(colors.black)
    path = c.beginPath()
    for row_index, row in enumerate(qr.matrix):
        top = y + size - (row_index + border) * cell
        col = 0
        width = len(row)
        while col < width:
            if row[col]:
                start = col
                while col < width and row[col]:
                    col += 1
                # Runs of dark modules become one rectangle: fewer operators, no hairline gaps.
                path.rect(x + (start + border) * cell, top - cell, (col - start) * cell, cell)
            else:
                col += 1
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def _draw(
    c: Canvas,
    ctx: FormContext,
    data: NotificationData,
    seal_text: str | None,
    signature: SignatureInfo | None,
    gap: float = 1.0,
    qr_text: str | None = None,
) -> None:
    s = ctx.styles
    common = ctx.common
    kk, ru = ctx.form.kk, ctx.form.ru

    _draw_heading(c, ctx, data.duplicate)

    top = PAGE_H - (48 if gap >= 1 else 40) * mm
    top = _para(c, f"<b>{esc(data.mission_name)}</b>", s.center, LEFT, top, WIDTH) - 2 * mm
    number = kk.fmt("number", number=data.notification_id)
    issued = f"{kk['issued']}: {fmt_date(data.issue_date)}"
    line = f"{esc(number)}    {esc(issued)}"
    top = _para(c, line, ParagraphStyle("n", parent=s.center, fontSize=9), LEFT, top, WIDTH)
    if ru is not None:
        line_ru = (
            f"{esc(ru.fmt('number', number=data.notification_id))}    "
            f"{esc(ru['issued'])}: {fmt_date(data.issue_date)}"
        )
        top = _para(
            c, line_ru, ParagraphStyle("nr", parent=s.title_ru, fontSize=8), LEFT, top, WIDTH
        )
    top -= 8 * mm * gap

    top = _para(c, esc(kk["title"]), s.title, LEFT + 8 * mm, top, WIDTH - 16 * mm) - 1.5 * mm
    if ru is not None:
        top = _para(
            c,
            esc(ru["title"]) + (" *" if not ru.official else ""),
            s.title_ru,
            LEFT + 8 * mm,
            top,
            WIDTH - 16 * mm,
        )
    top -= 10 * mm * gap

    # "__________________ тұрғылықты тұру үшін шығуға РҰҚСАТ ЕТІЛДІ": the blank names the person.
    top = _para(c, esc(data.person_full_name), s.big, LEFT, top, WIDTH)
    c.setLineWidth(0.5)
    c.line(LEFT, top - 1 * mm, RIGHT, top - 1 * mm)
    top -= 2.5 * mm
    birth = f"{esc(kk['birth_date'])}"
    if ru is not None:
        birth += f" / {esc(ru['birth_date'])}"
    top = _para(c, f"{birth}: <b>{fmt_date(data.birth_date)}</b>", s.body, LEFT, top, WIDTH)
    dest = (
        f"{esc(kk['destination'])}: {esc(kk['country'])} — <b>{esc(data.destination_country)}"
        f"</b>, {esc(kk['settlement'])} — <b>{esc(data.destination_settlement)}</b>"
    )
    top = _para(c, dest, s.body, LEFT, top - 1 * mm, WIDTH)
    if ru is not None:
        dest_ru = (
            f"{esc(ru['destination'])}: {esc(ru['country'])} — "
            f"{esc(data.destination_country)}, {esc(ru['settlement'])} — "
            f"{esc(data.destination_settlement)}"
        )
        top = _para(c, dest_ru, s.body_ru, LEFT, top, WIDTH)
    top -= 5 * mm * gap
    top = _para(c, esc(kk["permitted"]), s.big, LEFT, top, WIDTH)
    if ru is not None:
        top = _para(
            c, esc(ru["permitted"]) + (" *" if not ru.official else ""), s.body_ru, LEFT, top, WIDTH
        )
    top -= 8 * mm * gap

    # Basis: the Police Department's decision, date and number (§8-§10), in the form's words
    # and order; the date in the official style ("2026 жылғы 10 қарашадағы").
    dec = data.decision
    basis = (
        esc(kk.fmt("basis_department", department=dec.department))
        + "<br/>"
        + esc(
            kk.fmt("basis_decision", **kazakh_decision_date(common.kk, dec.date), number=dec.number)
        )
    )
    top = _para(c, basis, s.body, LEFT, top, WIDTH)
    if ru is not None and common.ru is not None:
        basis_ru = (
            esc(ru.fmt("basis_department", department=russian_department(dec)))
            + " "
            + esc(
                ru.fmt(
                    "basis_decision",
                    year=dec.date.year,
                    day=dec.date.day,
                    month=common.ru.list("months")[dec.date.month - 1],
                    number=dec.number,
                )
            )
        )
        top = _para(c, basis_ru, s.body_ru, LEFT, top - 0.5 * mm, WIDTH)
    top -= 10 * mm * gap

    _draw_official(c, ctx, data.consular_official, top)

    _draw_seal(c, ctx, seal_text, signature, qr_text)

    c.setFont(REGULAR, 6.5)
    c.setFillColor(RU_COLOR)
    if ru is not None and not ru.official and common.ru is not None:
        c.drawString(LEFT, 15 * mm, "* " + common.kk["translation_note"])
        c.drawString(LEFT, 12 * mm, "  " + common.ru["translation_note"])


def _draw_heading(c: Canvas, ctx: FormContext, duplicate: bool) -> None:
    """The annex heading, and on a reprint the DUPLICATE mark."""
    s = ctx.styles
    common = ctx.common
    kk, ru = ctx.form.kk, ctx.form.ru

    # The annex heading, top right, as the Rules print it.
    header = ParagraphStyle("nh", parent=s.header, fontSize=7, leading=8.6)
    head = esc(common.kk["annex_header"]) + "<br/>" + esc(kk["annex"])
    if ru is not None:
        head += " / " + esc(ru["annex"])
    head += "<br/>" + esc(common.kk["form"])
    if common.ru is not None:
        head += " / " + esc(common.ru["form"])
    _para(c, head, header, RIGHT - 82 * mm, PAGE_H - 14 * mm, 82 * mm)

    if duplicate:
        # A reprint must never pass for the original: a framed mark, top left.
        c.saveState()
        mark = common.kk["duplicate"]
        if common.ru is not None:
            mark += " / " + common.ru["duplicate"]
        mark_w = c.stringWidth(mark, BOLD, 14) + 8 * mm
        c.setStrokeColor(colors.black)
        c.setLineWidth(1.5)
        c.rect(LEFT, PAGE_H - 32 * mm, mark_w, 14 * mm, stroke=1, fill=0)
        c.setFont(BOLD, 14)
        c.drawCentredString(LEFT + mark_w / 2, PAGE_H - 27 * mm, mark)
        c.restoreState()


def _draw_official(c: Canvas, ctx: FormContext, consular_official: str, top: float) -> None:
    """The consular official and the box for the wet signature and the seal."""
    s = ctx.styles
    kk, ru = ctx.form.kk, ctx.form.ru

    # The consular official and the clear place for the wet signature and the seal.
    official = f"{esc(kk['official'])}"
    if ru is not None:
        official += f" / {esc(ru['official'])}"
    _para(c, official, s.body, LEFT, top, 70 * mm)
    name_top = _para(c, f"<b>{esc(consular_official)}</b>", s.body, LEFT, top - 11 * mm, 70 * mm)
    c.line(LEFT, name_top - 1 * mm, LEFT + 70 * mm, name_top - 1 * mm)
    box_x = RIGHT - SIGN_BOX_W
    # The seal zone (QR and signature block) takes the bottom 66 mm; the box and its caption
    # must stay above it. Long names shrink the box a little, never into the seal zone.
    seal_zone_top = 22 * mm + QR_SIZE + 4 * mm
    box_h = min(SIGN_BOX_H, top - 7 * mm - seal_zone_top)
    if box_h < MIN_SIGN_BOX_H:
        raise NotificationLayoutError(
            "the notification's names are too long for one page; shorten the mission name "
            "or the Police Department's name"
        )
    box_y = top - box_h
    c.saveState()
    c.setStrokeColor(colors.Color(0.45, 0.45, 0.45))
    c.setDash(3, 2)
    c.setLineWidth(0.6)
    c.rect(box_x, box_y, SIGN_BOX_W, box_h, stroke=1, fill=0)
    c.restoreState()
    caption = esc(kk["sign_place"])
    if ru is not None:
        caption += " / " + esc(ru["sign_place"])
    _para(
        c,
        caption,
        ParagraphStyle("cap", parent=s.small, alignment=1),
        box_x,
        box_y - 1 * mm,
        SIGN_BOX_W,
    )


def _draw_seal(
    c: Canvas,
    ctx: FormContext,
    seal_text: str | None,
    signature: SignatureInfo | None,
    qr_text: str | None,
) -> None:
    """The visible digital seal (QR and caption) and the drawn signature block."""
    s = ctx.styles
    kk, ru = ctx.form.kk, ctx.form.ru

    # The visible digital seal and the drawn digital signature block, bottom of the page.
    bottom = 22 * mm
    text_x = LEFT + QR_SIZE + 4 * mm
    block_h = 0.0
    lines: list[str] = []
    if signature is not None:
        lines = [
            kk.fmt("signed_by", name=signature.signer_name),
            kk.fmt("certificate", serial=signature.certificate_serial, issuer=signature.issuer),
        ]
        if ru is not None:
            lines += [
                ru.fmt("signed_by", name=signature.signer_name),
                ru.fmt("certificate", serial=signature.certificate_serial, issuer=signature.issuer),
            ]
        block = Paragraph("<br/>".join(esc(x) for x in lines), s.small)
        _w, text_h = block.wrapOn(c, RIGHT - text_x - 4 * mm, PAGE_H)
        block_h = text_h + 3 * mm
    if seal_text is not None:
        draw_qr(c, seal_qr(qr_text or seal_text), LEFT - 2 * mm, bottom, QR_SIZE)
        # A citizen's words: point the camera (URL in the QR), else paste the code's text.
        key = "seal_caption_url" if qr_text and qr_text != seal_text else "seal_caption"
        cap = esc(kk[key])
        if ru is not None:
            cap += "<br/>" + f"<font color='#404040'>{esc(ru[key])}</font>"
        # Between the top of the QR and the signature block; smaller type if it must.
        room = QR_SIZE - 2 * mm - (block_h + 1.5 * mm if block_h else 0)
        style = s.small
        for size in (s.small.fontSize, 7.5, 7.0, 6.5, 6.0, 5.5):
            style = ParagraphStyle("seal", parent=s.small, fontSize=size, leading=size * 1.2)
            _w, cap_h = Paragraph(cap, style).wrapOn(c, RIGHT - text_x, PAGE_H)
            if cap_h <= room:
                break
        _para(c, cap, style, text_x, bottom + QR_SIZE - 2 * mm, RIGHT - text_x)
    if signature is not None:
        c.saveState()
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.rect(text_x, bottom, RIGHT - text_x, block_h, stroke=1, fill=0)
        c.restoreState()
        _para(
            c,
            "<br/>".join(esc(x) for x in lines),
            s.small,
            text_x + 2 * mm,
            bottom + block_h - 1.5 * mm,
            RIGHT - text_x - 4 * mm,
        )


def kazakh_decision_date(common_kk: FormText, day: date) -> dict[str, str]:
    """The blanks of "20__ жылғы "__" ______" in the official style: 2026, 10, қарашадағы."""
    months = common_kk.list("months_locative")
    return {"year": str(day.year), "day": str(day.day), "month": months[day.month - 1]}


def russian_department(decision: PoliceDecision) -> str:
    """The Police Department in the Russian line: its Russian name, never Kazakh words."""
    return decision.department_ru.strip() or russian_name(decision.department)


def render_notification(
    data: NotificationData,
    seal_text: str | None = None,
    signature: SignatureInfo | None = None,
    qr_text: str | None = None,
) -> bytes:
    """The Annex 4 page as PDF bytes (unsigned; `signing.PdfSigner` adds the PAdES signature).

    `seal_text` is the output of `SealSigner.sign` for this notification; `signature` describes
    the certificate that will sign the PDF, for the drawn signature block; `qr_text` is what
    the QR holds when it is not the seal text itself (the verifier URL, `seal.seal_url`).
    """
    register_fonts()
    ctx = form_context("notification")
    # Long names push the signature box towards the seal zone: then draw again, tighter.
    for gap in (1.0, 0.4):
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=A4, initialFontName=REGULAR, lang="kk")
        c.setTitle(ctx.form.kk["title"])
        c.setAuthor(data.mission_name)
        c.setCreator(PRODUCER)
        c.setSubject(f"{ctx.form.kk['annex']} {data.notification_id}")
        try:
            _draw(c, ctx, data, seal_text, signature, gap, qr_text)
        except NotificationLayoutError:
            if gap < 1.0:
                raise
            continue
        c.showPage()
        c.save()
        return buf.getvalue()
    raise AssertionError("unreachable")  # pragma: no cover


# How notifications printed before issue 12 §16 worded the decision date (they still verify).
LEGACY_BASIS_DECISION = '{year} жылғы "{day}" {month} № {number} шешімі'


def page_fragments(claims: SealClaims) -> list[tuple[str, tuple[str, ...]]]:
    """What the Annex 4 page must show for these seal claims, exactly as `_draw` prints it:
    (what, the wordings accepted), the current one first, then the earlier print's.

    Verification compares these with the page text: a genuine seal pasted onto someone else's
    notification names a different person, date or decision, and is caught.
    """
    ctx = form_context("notification")
    kk = ctx.form.kk
    when = kazakh_decision_date(ctx.common.kk, claims.decision_date)
    year, day, month = long_date(ctx.common.kk, claims.decision_date)
    legacy = LEGACY_BASIS_DECISION.format(
        year=year, day=day, month=month, number=claims.decision_number
    )
    return [
        ("notification number", (kk.fmt("number", number=claims.notification_id),)),
        ("person", (claims.person_full_name,)),
        ("date of birth", (fmt_date(claims.birth_date),)),
        ("destination country", (claims.destination_country,)),
        ("destination settlement", (claims.destination_settlement,)),
        (
            "police department",
            (kk.fmt("basis_department", department=claims.police_department),),
        ),
        (
            "decision date and number",
            (kk.fmt("basis_decision", **when, number=claims.decision_number), legacy),
        ),
        ("date of issue", (f"{kk['issued']}: {fmt_date(claims.issue_date)}",)),
    ]
