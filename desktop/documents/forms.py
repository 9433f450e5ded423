"""The printed handouts other than Annex 4, and the Annex 5 journal.

* `render_receipt` — §4: the copy of the Annex 1 application with the acceptance mark;
* `render_refusal` — §5: refusal to accept (incomplete set and/or expired documents);
* `render_hearing` — §11: draft preliminary decision to refuse with the hearing notice;
* `render_reasoned_refusal` — §11/§15: reasoned refusal on the grounds of Annex 3 line 9;
* `render_journal_pdf` / `render_journal_csv` — §13: the Annex 5 journal for a period.

Each returns bytes; the same bytes go to the file, the print preview and the printer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop.documents.data import (
    AcceptanceReceiptData,
    HearingNoticeData,
    JournalData,
    PlaceView,
    PoliceDecision,
    QuestionnaireView,
    ReasonedRefusalData,
    RefusalReason,
    RefusalToAcceptData,
)
from desktop.documents.fonts import BOLD, REGULAR
from desktop.documents.layout import (
    FormContext,
    annex_heading,
    bilingual,
    build_pdf,
    esc,
    fmt_date,
    footer_painter,
    form_context,
    label,
)
from desktop.documents.texts import Bilingual, load_bilingual

GRID = colors.Color(0.35, 0.35, 0.35)
FILL = colors.Color(0.93, 0.93, 0.93)
GROUNDS = range(1, 7)  # Annex 3, line 9: six grounds


def _grid(header_rows: int = 0) -> TableStyle:
    cmds: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), FILL))
    return TableStyle(cmds)


def _signature_line(ctx: FormContext, officer: str, when: str) -> list[Flowable]:
    s = ctx.styles
    sig = ctx.kk("signature") + (f" / {ctx.ru('signature')}" if ctx.ru("signature") else "")
    rows = [
        [
            Paragraph(esc(ctx.kk("date", date=when)), s.body),
            Paragraph(esc(ctx.kk("officer", name=officer)), s.body),
        ],
        [
            Paragraph(esc(ctx.ru("date", date=when) or ""), s.body_ru),
            Paragraph(esc(ctx.ru("officer", name=officer) or ""), s.body_ru),
        ],
        ["", Paragraph("_" * 34 + "<br/>" + esc(sig), s.small)],
    ]
    table = Table(rows, colWidths=[60 * mm, 115 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("TOPPADDING", (0, 2), (-1, 2), 6 * mm),
            ]
        )
    )
    return [Spacer(1, 4 * mm), KeepTogether([table])]


# §4 ------------------------------------------------------------------------------------------


def _option(annex: Bilingual, prefix: str, code: int | None) -> str:
    if code is None:
        return ""
    kk = annex.kk.get(f"{prefix}_{code}")
    if kk is None:
        return str(code)
    ru = annex.ru.get(f"{prefix}_{code}") if annex.ru is not None else None
    return kk + (f" / {ru}" if ru else "")


def _annex1_label(annex: Bilingual, key: str) -> str:
    ru = annex.ru.get(key) if annex.ru is not None else None
    return annex.kk[key] + (f" / {ru}" if ru else "")


def _place_rows(annex: Bilingual, place: PlaceView) -> list[tuple[str, str]]:
    return [
        (_annex1_label(annex, "country"), place.country),
        (_annex1_label(annex, "region"), place.region),
        (_annex1_label(annex, "district"), place.district),
        (_annex1_label(annex, "okrug"), place.okrug),
        (_annex1_label(annex, "settlement"), place.settlement),
    ]


def _annex1_story(
    ctx: FormContext,
    annex: Bilingual,
    q: QuestionnaireView,
    registered_on: date,
    signer_note: str = "",
) -> list[Flowable]:
    s = ctx.styles
    cell, bold = s.cell, s.cell_bold
    width = 175 * mm

    def fields(rows: Sequence[tuple[str, str]], label_w: float = 80 * mm) -> Table:
        data = [[Paragraph(esc(k), cell), Paragraph(esc(v), bold)] for k, v in rows]
        t = Table(data, colWidths=[label_w, width - label_w])
        t.setStyle(_grid())
        return t

    def heading(key: str) -> Paragraph:
        return Paragraph(esc(_annex1_label(annex, key)), s.heading)

    sex = {"male": "sex_male", "female": "sex_female"}.get(q.sex)
    story: list[Flowable] = [
        fields(
            [
                (_annex1_label(annex, "iin"), q.iin),
                (_annex1_label(annex, "surname"), q.surname),
                (_annex1_label(annex, "name"), q.name),
                (_annex1_label(annex, "patronymic"), q.patronymic),
                (_annex1_label(annex, "birth_date"), fmt_date(q.birth_date)),
                (_annex1_label(annex, "sex"), _annex1_label(annex, sex) if sex else ""),
                (_annex1_label(annex, "citizenship"), q.citizenship),
                (_annex1_label(annex, "nationality"), q.nationality),
                (_annex1_label(annex, "contact"), q.contact),
                (_annex1_label(annex, "departure"), fmt_date(q.departure_date)),
            ]
        ),
        heading("birth_place"),
        fields(_place_rows(annex, q.birth_place)),
        heading("leaving_place"),
        fields(_place_rows(annex, q.leaving_place)),
        heading("destination"),
        fields(
            [
                (_annex1_label(annex, "country"), q.destination_country),
                (_annex1_label(annex, "settlement"), q.destination_settlement),
            ]
        ),
        Spacer(1, 2 * mm),
        fields([(_annex1_label(annex, "purpose"), _option(annex, "purpose", q.purpose))]),
    ]
    if any(v is not None for v in (q.social_category, q.education, q.speciality, q.marital_status)):
        story += [
            Paragraph(esc(_annex1_label(annex, "adults_only")), s.small),
            fields(
                [
                    (_annex1_label(annex, "social"), _option(annex, "social", q.social_category)),
                    (_annex1_label(annex, "education"), _option(annex, "education", q.education)),
                    (
                        _annex1_label(annex, "speciality"),
                        _option(annex, "speciality", q.speciality),
                    ),
                    (_annex1_label(annex, "marital"), _option(annex, "marital", q.marital_status)),
                ]
            ),
        ]

    def table(
        title_key: str,
        head_keys: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
    ) -> list[Flowable]:
        header = [Paragraph(esc(_annex1_label(annex, k)), cell) for k in head_keys]
        body = [[Paragraph(esc(v), cell) for v in row] for row in rows]
        if not body:
            body = [["" for _ in head_keys]]
        t = Table([header, *body], colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(_grid(header_rows=1))
        return [heading(title_key), t]

    sex_text = {
        "male": _annex1_label(annex, "sex_male"),
        "female": _annex1_label(annex, "sex_female"),
    }
    story += table(
        "children",
        ["child_name", "child_iin", "child_birth", "child_passport", "child_sex"],
        [
            [
                c.full_name,
                c.iin,
                fmt_date(c.birth_date),
                c.passport_number,
                sex_text.get(c.sex, c.sex),
            ]
            for c in q.children
        ],
        [55, 35, 25, 30, 30],
    )
    story += table(
        "relatives",
        [
            "rel_name",
            "rel_iin",
            "rel_kinship",
            "rel_birth",
            "rel_residence",
            "rel_work",
            "rel_marriage",
        ],
        [
            [
                r.full_name,
                r.iin,
                r.kinship,
                r.birth_year_place,
                r.residence,
                r.workplace,
                r.marriage_place,
            ]
            for r in q.relatives
        ],
        [30, 25, 24, 22, 27, 22, 25],
    )
    story += table(
        "employment",
        ["emp_years", "emp_org", "emp_address", "emp_place", "emp_position", "emp_secrets"],
        [
            [e.years, e.organisation, e.address, e.workplace, e.position, e.state_secrets]
            for e in q.employment
        ],
        [22, 32, 34, 27, 25, 35],
    )
    declaration = [Paragraph(esc(annex.kk["declaration"]), s.small)]
    if annex.ru is not None:
        declaration.append(Paragraph(esc(annex.ru["declaration"]), s.small_ru))
    sign = _annex1_label(annex, "applicant_signature")
    reg = _annex1_label(annex, "registered")
    story += [
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                *declaration,
                Spacer(1, 7 * mm),
                Paragraph(f"{fmt_date(q.signed_on)}    " + "_" * 50 + "<br/>" + esc(sign), s.small),
                # §3: a legal representative signs for the applicant — who, as what.
                *(
                    [Paragraph(esc(signer_note).replace("\n", "<br/>"), s.small)]
                    if signer_note
                    else []
                ),
                Spacer(1, 2 * mm),
                Paragraph(
                    f"{esc(reg)}: <b>{fmt_date(q.registered_on or registered_on)}</b>", s.small
                ),
            ]
        ),
    ]
    return story


def render_receipt(data: AcceptanceReceiptData) -> bytes:
    """§4: the application copy with the acceptance mark (date, accepting officer's name)."""
    ctx = form_context("receipt")
    annex = load_bilingual("annex1")
    s = ctx.styles
    title = annex.kk["title"] + (f"/{annex.ru['title']}" if annex.ru is not None else "")
    head = [
        esc(ctx.common.kk["annex_header"]),
        esc(annex.kk["annex"]) + (f" / {esc(annex.ru['annex'])}" if annex.ru else ""),
    ]
    story: list[Flowable] = [
        Paragraph("<br/>".join(head), s.header),
        Spacer(1, 3 * mm),
        Paragraph(esc(data.mission_name), s.center),
        Paragraph(esc(title), s.title),
        Paragraph(esc(ctx.kk("case", case=data.case_number)), s.center),
        Spacer(1, 4 * mm),
        *_annex1_story(
            ctx, annex, data.questionnaire, data.accepted_on, _representative_note(ctx, data)
        ),
    ]
    mark_rows = [
        [Paragraph("<b>" + esc(label(ctx, "mark_title")) + "</b>", s.body), ""],
        [
            Paragraph(esc(ctx.kk("accepted_on")), s.cell),
            Paragraph(f"<b>{fmt_date(data.accepted_on)}</b>", s.body),
        ],
        [Paragraph(esc(ctx.ru("accepted_on") or ""), s.small_ru), ""],
        [
            Paragraph(esc(ctx.kk("accepted_by")), s.cell),
            Paragraph(f"<b>{esc(data.accepted_by)}</b>", s.body),
        ],
        [Paragraph(esc(ctx.ru("accepted_by") or ""), s.small_ru), ""],
        [
            Paragraph(esc(ctx.kk("rule")), s.small_ru),
            Paragraph("<br/><br/>" + "_" * 30 + "<br/>" + esc(label(ctx, "signature")), s.small),
        ],
    ]
    # Annex 3 line 6: an exemption instead of the fee.
    extra = []
    if data.fee_exemption:
        extra.append(_both(ctx, "fee_exemption", ground=data.fee_exemption))
    first_extra = len(mark_rows) - 1
    for n, text in enumerate(extra):
        mark_rows.insert(first_extra + n, [Paragraph(esc(text).replace("\n", "<br/>"), s.cell), ""])
    spans = [("SPAN", (0, first_extra + n), (1, first_extra + n)) for n in range(len(extra))]
    mark = Table(mark_rows, colWidths=[95 * mm, 80 * mm])
    mark.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("SPAN", (0, 0), (1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), FILL),
                *spans,
            ]
        )
    )
    story += [Spacer(1, 6 * mm), KeepTogether([mark])]
    return build_pdf(story, title=annex.kk["title"], painter=footer_painter(ctx, data.case_number))


def _both(ctx: FormContext, key: str, **values: object) -> str:
    """A product label in Kazakh, then Russian on the next line when the form has it."""
    ru = ctx.ru(key, **values)
    return ctx.kk(key, **values) + (f"\n{ru}" if ru else "")


def _representative_note(ctx: FormContext, data: AcceptanceReceiptData) -> str:
    rep = data.representative
    if rep is None:
        return ""
    return _both(
        ctx, "representative", name=rep.full_name, document=rep.document, authority=rep.authority
    )


# §5 ------------------------------------------------------------------------------------------


def _person_block(ctx: FormContext, mission: str, name: str, birth: str) -> list[Flowable]:
    s = ctx.styles
    return [
        Paragraph(esc(mission), s.center),
        Spacer(1, 4 * mm),
        *bilingual(ctx, "title", s.title, s.title_ru),
        Spacer(1, 4 * mm),
        *bilingual(ctx, "applicant", s.body, s.body_ru, name=name, birth=birth),
        Spacer(1, 2 * mm),
    ]


def render_refusal(data: RefusalToAcceptData) -> bytes:
    """§5: refusal to accept, listing each missing or expired document."""
    ctx = form_context("refusal")
    s = ctx.styles
    story: list[Flowable] = _person_block(
        ctx, data.mission_name, data.applicant_full_name, fmt_date(data.birth_date)
    )
    story += bilingual(ctx, "rule", s.body, s.body_ru)
    for reason, key in ((RefusalReason.MISSING, "missing"), (RefusalReason.EXPIRED, "expired")):
        items = [i for i in data.items if i.reason is reason]
        if not items:
            continue
        story += [Spacer(1, 3 * mm), *bilingual(ctx, key, s.heading, s.heading_ru)]
        rows = []
        for n, item in enumerate(items, 1):
            kk = esc(item.document_kk)
            ru = esc(item.document_ru)
            if item.expired_on is not None:
                kk += " — " + esc(ctx.kk("expired_on", date=fmt_date(item.expired_on)))
                ru_exp = ctx.ru("expired_on", date=fmt_date(item.expired_on))
                if ru_exp:
                    ru += " — " + esc(ru_exp)
            rows.append(
                [Paragraph(str(n), s.body), [Paragraph(kk, s.body), Paragraph(ru, s.body_ru)]]
            )
        t = Table(rows, colWidths=[10 * mm, 165 * mm])
        t.setStyle(_grid())
        story.append(t)
    story += [Spacer(1, 3 * mm), *bilingual(ctx, "no_other", s.small, s.small_ru)]
    story += _signature_line(ctx, data.officer, fmt_date(data.refused_on))
    return build_pdf(story, title=ctx.kk("title"), painter=footer_painter(ctx, data.case_number))


# §11 -----------------------------------------------------------------------------------------


def _grounds(ctx: FormContext, grounds: Sequence[int]) -> list[Flowable]:
    g = load_bilingual("grounds")
    s = ctx.styles
    rows = []
    for n in grounds:
        if n not in GROUNDS:
            raise ValueError(f"Annex 3 line 9 has grounds 1-6, not {n}")
        cell = [Paragraph(esc(g.kk[f"ground_{n}"]), s.small)]
        if g.ru is not None:
            cell.append(Paragraph(esc(g.ru[f"ground_{n}"]), s.small_ru))
        rows.append([Paragraph(f"{n})", s.body), cell])
    intro = [Paragraph(esc(g.kk["intro"]), s.small)]
    if g.ru is not None:
        intro.append(Paragraph(esc(g.ru["intro"]), s.small_ru))
    t = Table(rows, colWidths=[10 * mm, 165 * mm])
    t.setStyle(_grid())
    return [*bilingual(ctx, "grounds", s.heading, s.heading_ru), *intro, Spacer(1, 1 * mm), t]


def _reasoning(ctx: FormContext, text: str) -> list[Flowable]:
    s = ctx.styles
    return [
        Spacer(1, 3 * mm),
        *bilingual(ctx, "reasoning", s.heading, s.heading_ru),
        Paragraph(esc(text).replace("\n", "<br/>"), s.body),
    ]


def _police_grounds(
    ctx: FormContext,
    mission_name: str,
    applicant: str,
    birth_date: date,
    decision: PoliceDecision,
    grounds: Sequence[int],
    reasoning: str,
) -> list[Flowable]:
    """The opening of the §11 forms: the person, the police's notice or decision, the grounds
    (Annex 3) and the reasoning."""
    s = ctx.styles
    story = _person_block(ctx, mission_name, applicant, fmt_date(birth_date))
    story += bilingual(
        ctx,
        "police",
        s.body,
        s.body_ru,
        department=decision.department,
        date=fmt_date(decision.date),
        number=decision.number,
    )
    story += [Spacer(1, 3 * mm), *_grounds(ctx, grounds), *_reasoning(ctx, reasoning)]
    return story


def render_hearing(data: HearingNoticeData) -> bytes:
    """§11: the draft preliminary decision to refuse and the notice of the hearing."""
    ctx = form_context("hearing")
    s = ctx.styles
    story = _police_grounds(
        ctx,
        data.mission_name,
        data.applicant_full_name,
        data.birth_date,
        data.police_notice,
        data.grounds,
        data.reasoning,
    )
    when = data.hearing_at.strftime("%d.%m.%Y %H:%M")
    hearing = Table(
        [
            [
                Paragraph(esc(label(ctx, "hearing_time")), s.cell),
                Paragraph(f"<b>{esc(when)}</b>", s.body),
            ],
            [
                Paragraph(esc(label(ctx, "hearing_place")), s.cell),
                Paragraph(f"<b>{esc(data.hearing_place)}</b>", s.body),
            ],
        ],
        colWidths=[70 * mm, 105 * mm],
    )
    hearing.setStyle(_grid())
    story += [
        Spacer(1, 2 * mm),
        KeepTogether(
            [
                *bilingual(ctx, "hearing_title", s.heading, s.heading_ru),
                *bilingual(ctx, "hearing_purpose", s.small, s.small_ru),
                Spacer(1, 1.5 * mm),
                hearing,
            ]
        ),
        Spacer(1, 3 * mm),
        *bilingual(ctx, "objection", s.body, s.body_ru),
        *bilingual(
            ctx,
            "deadline",
            ParagraphStyle("dl", parent=s.body, fontName=BOLD),
            s.body_ru,
            date=fmt_date(data.objection_deadline),
        ),
        Spacer(1, 2 * mm),
        *bilingual(ctx, "no_objection", s.small, s.small_ru),
    ]
    story += _signature_line(ctx, data.officer, fmt_date(data.sent_on))
    return build_pdf(story, title=ctx.kk("title"), painter=footer_painter(ctx, data.case_number))


def render_reasoned_refusal(data: ReasonedRefusalData) -> bytes:
    """§11/§15: the reasoned refusal to provide the service (Annex 3, line 9 grounds)."""
    ctx = form_context("reasoned_refusal")
    s = ctx.styles
    story = _police_grounds(
        ctx,
        data.mission_name,
        data.applicant_full_name,
        data.birth_date,
        data.police_decision,
        data.grounds,
        data.reasoning,
    )
    story += [Spacer(1, 3 * mm), *bilingual(ctx, "complaint", s.small, s.small_ru)]
    story += _signature_line(ctx, data.officer, fmt_date(data.sent_on))
    return build_pdf(story, title=ctx.kk("title"), painter=footer_painter(ctx, data.case_number))


# §13 -----------------------------------------------------------------------------------------

JOURNAL_COLUMNS = (
    "col_number",
    "col_applied",
    "col_name",
    "col_birth",
    "col_passport",
    "col_issued",
    "col_contact",
)


def render_journal_pdf(data: JournalData) -> bytes:
    """§13: the Annex 5 journal for a period, landscape A4, header repeated on every page."""
    ctx = form_context("journal")
    s = ctx.styles
    start, end = fmt_date(data.period_start), fmt_date(data.period_end)
    head = [
        [
            Paragraph(
                esc(ctx.kk(k))
                + (f"<br/><font color='#404040'>{esc(ctx.ru(k))}</font>" if ctx.ru(k) else ""),
                s.cell,
            )
            for k in JOURNAL_COLUMNS
        ],
        [Paragraph(str(i), ParagraphStyle("c", parent=s.cell, alignment=1)) for i in range(1, 8)],
    ]
    body = [
        [
            Paragraph("" if r.number is None else str(r.number), s.cell),
            Paragraph(fmt_date(r.applied_on), s.cell),
            Paragraph(esc(r.full_name), s.cell),
            Paragraph(fmt_date(r.birth_date), s.cell),
            Paragraph(esc(r.passport_number), s.cell),
            Paragraph(fmt_date(r.notification_given_on), s.cell),
            Paragraph(esc(r.contact), s.cell),
        ]
        for r in data.rows
    ]
    table = Table(
        [*head, *body], colWidths=[w * mm for w in (14, 26, 62, 24, 28, 28, 75)], repeatRows=2
    )
    table.setStyle(_grid(header_rows=2))
    story: list[Flowable] = [
        *annex_heading(ctx, "annex"),
        Paragraph(esc(data.mission_name), s.center),
        Spacer(1, 2 * mm),
        *bilingual(ctx, "title", s.title, s.title_ru),
        *bilingual(
            ctx,
            "period",
            s.center,
            ParagraphStyle("pr", parent=s.title_ru, fontSize=9),
            start=start,
            end=end,
        ),
        Spacer(1, 4 * mm),
        table,
        *_journal_notes(ctx, data),
    ]
    return build_pdf(
        story, title=ctx.kk("title"), painter=footer_painter(ctx), pagesize=landscape(A4)
    )


def journal_notes(ctx: FormContext, data: JournalData) -> list[str]:
    """The notes under the Annex 5 table: children of an application, fee exemptions."""
    out = []
    for r in data.rows:
        if r.child_of is not None:
            out.append(_both(ctx, "note_child", number=r.number, parent=r.child_of))
        if r.fee_exemption:
            out.append(_both(ctx, "note_fee", number=r.number, ground=r.fee_exemption))
    return out


def _journal_notes(ctx: FormContext, data: JournalData) -> list[Flowable]:
    notes = journal_notes(ctx, data)
    if not notes:
        return []
    s = ctx.styles
    return [
        Spacer(1, 3 * mm),
        Paragraph(esc(label(ctx, "notes")), s.heading),
        *[Paragraph(esc(n).replace("\n", "<br/>"), s.small) for n in notes],
    ]


def render_journal_csv(data: JournalData) -> bytes:
    """§13: the Annex 5 journal as CSV for spreadsheets (UTF-8 with BOM, so Excel reads it)."""
    journal = load_bilingual("journal")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    # One header row (Kazakh / Russian) so that spreadsheets see one row per journal entry.
    writer.writerow(
        [
            journal.kk[k] + (f" / {journal.ru[k]}" if journal.ru is not None else "")
            for k in JOURNAL_COLUMNS
        ]
    )
    for r in data.rows:
        writer.writerow(
            [
                "" if r.number is None else r.number,
                fmt_date(r.applied_on),
                r.full_name,
                fmt_date(r.birth_date),
                r.passport_number,
                fmt_date(r.notification_given_on),
                r.contact,
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
