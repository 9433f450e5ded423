"""The console's pages: each calls the Department's services (the same as `qonys-department`)."""

from __future__ import annotations

import base64
import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from starlette.responses import JSONResponse, RedirectResponse, Response

from desktop.department import ca, casebook, users, vault
from desktop.department.console.charts import bar_chart
from desktop.department.console.refusals import PHRASES
from desktop.department.console.texts import T
from desktop.department.console.web import Ctx, NotFound, back, page, render
from desktop.department.core import STAGES, DepartmentError
from desktop.department.decisions import StaleCase
from desktop.department.store import (
    AuditEntry,
    Case,
    Decision,
    DecisionDocument,
    Mission,
    PoliceBody,
    ReceivedPackage,
    SentPackage,
    TrustListVersion,
    utcnow,
)
from desktop.sync import records
from desktop.sync.errors import ExchangeError, ReplayError


def _failed(ctx: Ctx, exc: Exception, status: int = 400) -> Response:
    """A refused request, in the page's language (refusals.py): a package check by its code,
    a service's refusal by its phrase; the service's own English line on English pages."""
    message = str(exc)
    detail = message if ctx.lang == "en" else ""
    if isinstance(exc, ExchangeError) and not isinstance(exc, DepartmentError):
        key = f"refusal_{exc.code}"
        return render(
            ctx, "error.html", status, err=key if key in T else "package_refused", detail=detail
        )
    for fragment, key in PHRASES:
        if fragment in message:
            return render(ctx, "error.html", status, err=key, detail=detail)
    return render(ctx, "error.html", status, err="refused_other", detail=detail)


def _today() -> date:
    return utcnow().date()


def _parse_date(text: str) -> date:
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC).date()  # a day: no zone
        except ValueError:
            continue
    raise DepartmentError("a date is written dd.mm.yyyy")


# -- inbox ---------------------------------------------------------------------------------
@page("read", "inbox")
def inbox(ctx: Ctx) -> Response:
    with ctx.dep.uow() as tx:
        packages = casebook.packages_page(tx.session, ctx.int_param("page"))
        new = casebook.new_cases_by_mission(tx.session, utcnow() - timedelta(days=1))
    watched = sorted(p.name for p in _watched(ctx)) if ctx.settings.watch_dir else None
    return render(ctx, "inbox.html", packages=packages, new=new, watched=watched)


def _watched(ctx: Ctx) -> list[Path]:
    folder = ctx.settings.watch_dir
    if folder is None or not folder.is_dir():
        return []
    return [p for p in folder.glob("*.qpkg") if p.is_file()][:500]


def _receive(ctx: Ctx, path: Path, *, watched: bool = False) -> Response:
    try:
        r = ctx.dep.receive(path)
    except ReplayError:
        if watched:
            _file_away(path)
        return back(ctx, "inbox", ok="replay")
    except ExchangeError as exc:
        return _failed(ctx, exc)
    if watched:
        _file_away(path)
    return render(ctx, "received.html", result=r)


def _file_away(path: Path) -> None:
    """A package taken from the watched folder moves to its ``received/`` subfolder."""
    done = path.parent / "received"
    done.mkdir(exist_ok=True)
    path.replace(done / path.name)


@page("write", "inbox_upload")
def inbox_upload(ctx: Ctx) -> Response:
    upload = ctx.files.get("package")
    if upload is None:
        return back(ctx, "inbox", err="error")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="qonys-upload-") as tmp:
        path = Path(tmp) / (Path(upload[0]).name or "upload.qpkg")
        path.write_bytes(upload[2])
        return _receive(ctx, path)


@page("write", "inbox_pick")
def inbox_pick(ctx: Ctx) -> Response:
    wanted = ctx.form.get("name", "")
    for path in _watched(ctx):
        if path.name == wanted:
            return _receive(ctx, path, watched=True)
    raise NotFound


# -- cases ---------------------------------------------------------------------------------
@page("read", "cases")
def cases(ctx: Ctx) -> Response:
    q = ctx.request.query_params
    f = casebook.CaseFilter(
        text=q.get("q", "")[:200],
        mission=q.get("mission", "")[:50],
        stage=q.get("stage", "") if q.get("stage", "") in STAGES else "",
        police_body=q.get("police", "")[:40],
        routed=q.get("routed", "") if q.get("routed", "") in ("yes", "no") else "",
        overdue=q.get("overdue", "") == "yes",
    )
    with ctx.dep.uow() as tx:
        result = casebook.cases_page(tx.session, f, ctx.int_param("page"))
        missions = list(tx.session.scalars(select(Mission.code).order_by(Mission.code)))
    bodies = ctx.dep.police_bodies()
    return render(ctx, "cases.html", result=result, f=f, missions=missions, bodies=bodies)


@page("read", "case")
def case(ctx: Ctx) -> Response:
    case_id = ctx.path_int("case_id")
    try:
        with ctx.dep.uow() as tx:
            view = casebook.case_view(tx.session, case_id)
    except DepartmentError:
        raise NotFound from None
    bodies = {b.code: b for b in ctx.dep.police_bodies()}
    kinds = _decision_kinds(view)
    return render(
        ctx,
        "case.html",
        c=view,
        bodies=bodies,
        kinds=kinds,
        head_needed=view.stage in ("preliminary_refusal", "objection"),
        today=_today().strftime("%d.%m.%Y"),
    )


def _decision_kinds(view: casebook.CaseView) -> list[str]:
    if view.stage == "awaiting_decision":
        return ["permission", "preliminary_refusal"]
    if view.stage == "objection":
        return ["permission", "reasoned_refusal"]
    return []


@page("read", "scan")
def scan(ctx: Ctx) -> Response:
    try:
        with ctx.dep.uow() as tx:
            media_type, data = casebook.scan_data(tx.session, ctx.path_int("scan_id"))
    except DepartmentError:
        raise NotFound from None
    if media_type not in ("image/png", "image/jpeg", "image/tiff", "application/pdf"):
        media_type = "application/octet-stream"
    return Response(data, media_type=media_type)


@page("read", "decision_document")
def decision_document(ctx: Ctx) -> Response:
    decision_id = str(ctx.request.path_params["decision_id"])[:64]
    with ctx.dep.uow() as tx:
        doc = tx.session.get(DecisionDocument, decision_id)
        if doc is None:
            raise NotFound
        media = (
            doc.media_type
            if doc.media_type in ("image/png", "image/jpeg", "application/pdf")
            else "application/octet-stream"
        )
        return Response(doc.data, media_type=media, headers={"Content-Disposition": "attachment"})


@page("write", "case_route")
def case_route(ctx: Ctx) -> Response:
    case_id = ctx.path_int("case_id")
    try:
        ctx.dep.route(case_id, ctx.form.get("police_body", ""))
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "case", ok="done", case_id=case_id)


@page("write", "case_decide")
def case_decide(ctx: Ctx) -> Response:
    case_id = ctx.path_int("case_id")
    form = ctx.form
    kind = form.get("kind", "")
    if kind not in records.DECISION_KINDS:
        return render(ctx, "error.html", 400, err="bad_kind")
    with ctx.dep.uow() as tx:
        earlier = tx.session.scalar(
            select(func.count(Decision.id)).where(
                Decision.case_id == case_id, Decision.kind == "preliminary_refusal"
            )
        )
    if earlier and ctx.session.role not in ("head", "admin"):
        return render(ctx, "error.html", 403, err="head_only")
    body = form.get("police_department", "").strip()[:300]
    with ctx.dep.uow() as tx:
        # Annex 4's Russian line names the body in Russian (issue 12, point 16): from the
        # reference list when the body typed is one of it.
        body_ru = tx.session.scalar(select(PoliceBody.name_ru).where(PoliceBody.name_kk == body))
    try:
        ctx.dep.decide(
            "",
            kind,
            police_department=body,
            police_department_ru=body_ru,
            number=form.get("number", "")[:100],
            on=_parse_date(form.get("date", "")),
            note=form.get("note", "")[:2000] or None,
            case_id=case_id,
            expected_version=form.get("version", ""),
            document=ctx.files.get("document"),
        )
    except StaleCase:
        return render(ctx, "error.html", 409, err="stale")
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "case", ok="done", case_id=case_id)


# -- routing (§7) ----------------------------------------------------------------------------
@page("read", "routing")
def routing(ctx: Ctx) -> Response:
    from desktop.department.store import Routing

    with ctx.dep.uow() as tx:
        waiting = dict(
            tx.session.execute(
                select(Routing.police_body, func.count(Routing.case_id))
                .where(Routing.letter_id.is_(None))
                .group_by(Routing.police_body)
            ).all()
        )
    bodies = ctx.dep.police_bodies()
    return render(
        ctx,
        "routing.html",
        bodies=bodies,
        by_code={b.code: b for b in bodies},
        waiting=waiting,
        letters=ctx.dep.letters(),
        today=_today().strftime("%d.%m.%Y"),
    )


@page("write", "letter_make")
def letter_make(ctx: Ctx) -> Response:
    try:
        letter_id = ctx.dep.make_letter(ctx.form.get("police_body", ""), _today())
    except DepartmentError as exc:
        return _failed(ctx, exc)
    _ = letter_id
    return back(ctx, "routing", ok="done")


@page("read", "letter_pdf")
def letter_pdf(ctx: Ctx) -> Response:
    try:
        pdf = ctx.dep.letter_pdf(ctx.path_int("letter_id"))
    except DepartmentError:
        raise NotFound from None
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="letter-{ctx.path_int("letter_id")}.pdf"'
        },
    )


@page("write", "letter_sent")
def letter_sent(ctx: Ctx) -> Response:
    try:
        ctx.dep.record_sent(ctx.path_int("letter_id"), _parse_date(ctx.form.get("date", "")))
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "routing", ok="done")


@page("read", "police")
def police(ctx: Ctx) -> Response:
    return render(ctx, "police.html", bodies=ctx.dep.police_bodies())


@page("head", "police_save")
def police_save(ctx: Ctx) -> Response:
    f = ctx.form
    try:
        ctx.dep.save_police_body(
            f.get("code", ""),
            f.get("name_kk", ""),
            f.get("name_ru", ""),
            f.get("places", "")[:4000],
            f.get("active", "") == "on",
        )
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "police", ok="done")


# -- decisions (§8-§11) ----------------------------------------------------------------------
@page("read", "decisions")
def decisions(ctx: Ctx) -> Response:
    today = _today()
    with ctx.dep.uow() as tx:
        overdue = casebook.overdue_by_body(tx.session, today)
        waiting = casebook.cases_page(
            tx.session, casebook.CaseFilter(stage="objection"), ctx.int_param("page")
        )
    return render(ctx, "decisions.html", overdue=overdue, objections=waiting)


# -- missions ------------------------------------------------------------------------------
@page("read", "missions")
def missions(ctx: Ctx) -> Response:
    with ctx.dep.uow() as tx:
        s = tx.session
        rows = []
        for m in s.scalars(select(Mission).order_by(Mission.code)):
            last = s.scalar(
                select(func.max(ReceivedPackage.received_at)).where(
                    ReceivedPackage.mission_code == m.code
                )
            )
            outstanding = s.scalar(
                select(func.count(Decision.id))
                .join(Case, Case.id == Decision.case_id)
                .where(Case.mission_code == m.code, Decision.acknowledged_at.is_(None))
            )
            unacked = s.scalar(
                select(func.count(SentPackage.id)).where(
                    SentPackage.mission_code == m.code, SentPackage.acknowledged_at.is_(None)
                )
            )
            shown = {"code": m.code, "name": m.name, "revoked_at": m.revoked_at}
            rows.append((shown, last, int(outstanding or 0), int(unacked or 0)))
        version = s.scalar(select(func.max(TrustListVersion.version)))
    from desktop.department.console.publishing import published

    return render(ctx, "missions.html", rows=rows, trust_version=version, **published(ctx))


@page("head", "mission_enrol")
def mission_enrol(ctx: Ctx) -> Response:
    code = ctx.form.get("code", "").strip()[:50]
    name = ctx.form.get("name", "").strip()[:300]
    password = ca.new_bundle_password()
    try:
        bundle = ctx.dep.enrol_mission(code, name, password)
    except (DepartmentError, ValueError) as exc:
        return _failed(ctx, exc)
    # Shown once: the bundle and its password are in this response only, never stored.
    return render(
        ctx,
        "enrolled.html",
        code=code,
        password=password,
        bundle=base64.b64encode(bundle).decode("ascii"),
    )


@page("head", "mission_revoke")
def mission_revoke(ctx: Ctx) -> Response:
    code = str(ctx.request.path_params["code"])[:50]
    reason = ctx.form.get("reason", "").strip()[:300] or "revoked by the Department"
    try:
        ctx.dep.revoke_mission(code, reason)
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "missions", ok="done")


@page("write", "mission_send")
def mission_send(ctx: Ctx) -> Response:
    """The decisions package for a mission, written to the outbox folder and downloaded."""
    import tempfile

    code = str(ctx.request.path_params["code"])[:50]
    folder = ctx.settings.outbox_dir
    try:
        if folder is None:
            with tempfile.TemporaryDirectory(prefix="qonys-send-") as tmp:
                r = ctx.dep.send(code, Path(tmp))
                data = r.path.read_bytes()
        else:
            r = ctx.dep.send(code, folder / code)
            data = r.path.read_bytes()
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{r.path.name}"'},
    )


# -- monitoring (§14) ------------------------------------------------------------------------
def _period(ctx: Ctx) -> tuple[date, date]:
    q = ctx.request.query_params
    today = _today()
    try:
        start = _parse_date(q["from"]) if q.get("from") else today.replace(day=1)
        end = _parse_date(q["to"]) if q.get("to") else today
    except DepartmentError:
        start, end = today.replace(day=1), today
    return start, end


@page("read", "monitoring")
def monitoring(ctx: Ctx) -> Response:
    start, end = _period(ctx)
    with ctx.dep.uow() as tx:
        loads = casebook.mission_loads(tx.session, _today())
    chart = bar_chart(
        [(m.mission, [m.awaiting, m.overdue, m.decided]) for m in loads],
        [ctx.t("awaiting"), ctx.t("overdue"), ctx.t("decided")],
    )
    return render(
        ctx,
        "monitoring.html",
        loads=loads,
        chart=chart,
        start=start.strftime("%d.%m.%Y"),
        end=end.strftime("%d.%m.%Y"),
    )


@page("read", "monitoring_export")
def monitoring_export(ctx: Ctx) -> Response:
    start, end = _period(ctx)
    try:
        with ctx.dep.uow() as tx:
            rows = casebook.monitoring_rows(tx.session, start, end)
    except DepartmentError as exc:
        return _failed(ctx, exc)
    name = f"department-monitoring-{start.isoformat()}-{end.isoformat()}"
    if ctx.request.query_params.get("format") == "json":
        doc = {
            "schema": casebook.MONITORING_SCHEMA,
            "period": {"from": start.isoformat(), "to": end.isoformat()},
            "rows": rows,
        }
        return JSONResponse(
            doc, headers={"Content-Disposition": f'attachment; filename="{name}.json"'}
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=casebook.MONITORING_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(
        out.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


# -- staff (admin) ---------------------------------------------------------------------------
@page("admin", "staff")
def staff_page(ctx: Ctx) -> Response:
    with ctx.dep.uow() as tx:
        audit = [
            {"at": a.at, "actor": a.actor, "action": a.action, "detail": a.detail}
            for a in tx.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(50))
        ]
    return render(ctx, "staff.html", people=ctx.dep.staff(), audit=audit)


@page("admin", "staff_add")
def staff_add(ctx: Ctx) -> Response:
    name = ctx.form.get("name", "").strip()[:100]
    role = ctx.form.get("role", "clerk")
    try:
        users.add(ctx.dep, name, ctx.form.get("password", ""))
        ctx.dep.set_role(name, role)
    except (vault.VaultError, DepartmentError) as exc:
        return _failed(ctx, exc)
    return back(ctx, "staff", ok="done")


@page("admin", "staff_password")
def staff_password(ctx: Ctx) -> Response:
    name = ctx.form.get("name", "")[:100]
    try:
        users.change_password(ctx.dep, name, ctx.form.get("password", ""))
        ctx.dep.end_sessions_of(name)
    except vault.VaultError as exc:
        return _failed(ctx, exc)
    return back(ctx, "staff", ok="done")


@page("admin", "staff_role")
def staff_role(ctx: Ctx) -> Response:
    try:
        ctx.dep.set_role(ctx.form.get("name", "")[:100], ctx.form.get("role", ""))
    except DepartmentError as exc:
        return _failed(ctx, exc)
    return back(ctx, "staff", ok="done")


@page("admin", "staff_remove")
def staff_remove(ctx: Ctx) -> Response:
    name = ctx.form.get("name", "")[:100]
    try:
        if name in dict(ctx.dep.staff()) and dict(ctx.dep.staff())[name]:
            ctx.dep.set_role(name, "")
        users.remove(ctx.dep, name)
        ctx.dep.end_sessions_of(name)
    except (vault.VaultError, DepartmentError) as exc:
        return _failed(ctx, exc)
    return back(ctx, "staff", ok="done")


@page("read", "home")
def home(ctx: Ctx) -> Response:
    return RedirectResponse(str(ctx.request.url_for("inbox").path), status_code=303)


_ = json  # the JSON export goes through JSONResponse
