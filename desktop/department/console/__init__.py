"""The Department's staff console (issue 17): a server-rendered web application over the
same services as `qonys-department`, on the Department's database (PostgreSQL).

``create_console(department, settings)`` returns a Starlette application to mount at ``/``
of the Department's ASGI server (docs/console.md says how, and what each role may do).
"""

from __future__ import annotations

import hmac
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from desktop.department import staff, vault
from desktop.department.console import pages, publishing
from desktop.department.console.texts import text
from desktop.department.console.web import (
    COOKIE,
    HERE,
    LOGIN_COOKIE,
    ROLE_OF_ROUTE,
    ConsoleSettings,
    _env,
    keep_personal_data_out_of_logs,
    new_login_token,
    security_headers,
)

__all__ = [
    "ROLE_OF_ROUTE",
    "ConsoleSettings",
    "console_routes",
    "create_console",
    "keep_personal_data_out_of_logs",
]


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("qonys_lang", "kk")
    return lang if lang in staff.LANGS else "kk"


def _login_page(request: Request, err: str = "", status: int = 200, wait: int = 0) -> Response:
    lang = _lang(request)
    token = new_login_token()
    html = _env.get_template("login.html").render(
        t=lambda key: text(key, lang),
        lang=lang,
        csrf=token,
        err=err or request.query_params.get("err", ""),
        action=str(request.url_for("login_post").path),
        css=str(request.url_for("static", path="/console.css").path),
        detail="",
        wait=wait,
    )
    response = HTMLResponse(html, status_code=status)
    secure = request.app.state.settings.secure_cookies
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, secure=secure, samesite="strict")
    response.set_cookie("qonys_lang", lang, httponly=True, secure=secure, samesite="strict")
    return response


async def login(request: Request) -> Response:
    return _login_page(request)


async def login_post(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10)
    sent = str(form.get("csrf", ""))
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return _login_page(request, "bad_csrf", 403)
    dep = request.app.state.department
    lang = str(form.get("lang", "")) or _lang(request)
    try:
        token, session = await run_in_threadpool(
            dep.log_in, str(form.get("user", ""))[:100], str(form.get("password", ""))[:200], lang
        )
    except vault.Throttled as exc:
        return _login_page(request, "throttled", 429, max(1, round(exc.retry_after)))
    except vault.VaultError as exc:
        key = "no_role" if "role" in str(exc) else "wrong_login"
        return _login_page(request, key, 401)
    response = RedirectResponse(str(request.url_for("inbox").path), status_code=303)
    secure = request.app.state.settings.secure_cookies
    response.set_cookie(COOKIE, token, httponly=True, secure=secure, samesite="strict")
    response.set_cookie("qonys_lang", session.lang, httponly=True, secure=secure, samesite="strict")
    response.delete_cookie(LOGIN_COOKIE)
    return response


async def logout(request: Request) -> Response:
    dep = request.app.state.department
    session = await run_in_threadpool(dep.session, request.cookies.get(COOKIE, ""))
    if session is None:
        return PlainTextResponse(text("session_over", _lang(request)), status_code=401)
    form = await request.form(max_files=0, max_fields=10)
    if not hmac.compare_digest(str(form.get("csrf", "")).encode(), session.csrf.encode()):
        return PlainTextResponse(text("bad_csrf", session.lang), status_code=403)
    await run_in_threadpool(dep.log_out, session.token_hash)
    response = RedirectResponse(str(request.url_for("login").path), status_code=303)
    response.delete_cookie(COOKIE)
    return response


async def set_lang(request: Request) -> Response:
    dep = request.app.state.department
    session = await run_in_threadpool(dep.session, request.cookies.get(COOKIE, ""))
    if session is None:
        return PlainTextResponse(text("session_over", _lang(request)), status_code=401)
    form = await request.form(max_files=0, max_fields=10)
    if not hmac.compare_digest(str(form.get("csrf", "")).encode(), session.csrf.encode()):
        return PlainTextResponse(text("bad_csrf", session.lang), status_code=403)
    lang = str(form.get("lang", ""))
    await run_in_threadpool(dep.set_language, session.token_hash, lang)
    target = str(form.get("next", ""))
    if not target.startswith("/") or target.startswith("//"):
        target = str(request.url_for("inbox").path)
    return RedirectResponse(target, status_code=303)


def console_routes() -> list[BaseRoute]:
    """The console's routes (to mount at ``/`` of the Department's server)."""
    p, pub = pages, publishing
    return [
        Route("/", p.home, name="home"),
        Route("/login", login, name="login"),
        Route("/login", login_post, methods=["POST"], name="login_post"),
        Route("/logout", logout, methods=["POST"], name="logout"),
        Route("/lang", set_lang, methods=["POST"], name="lang"),
        Route("/inbox", p.inbox, name="inbox"),
        Route("/inbox/upload", p.inbox_upload, methods=["POST"], name="inbox_upload"),
        Route("/inbox/pick", p.inbox_pick, methods=["POST"], name="inbox_pick"),
        Route("/cases", p.cases, name="cases"),
        Route("/cases/{case_id}", p.case, name="case"),
        Route("/cases/{case_id}/route", p.case_route, methods=["POST"], name="case_route"),
        Route("/cases/{case_id}/decide", p.case_decide, methods=["POST"], name="case_decide"),
        Route("/scans/{scan_id}", p.scan, name="scan"),
        Route("/decision-documents/{decision_id}", p.decision_document, name="decision_document"),
        Route("/routing", p.routing, name="routing"),
        Route("/routing/letters", p.letter_make, methods=["POST"], name="letter_make"),
        Route("/routing/letters/{letter_id}.pdf", p.letter_pdf, name="letter_pdf"),
        Route(
            "/routing/letters/{letter_id}/sent", p.letter_sent, methods=["POST"], name="letter_sent"
        ),
        Route("/police", p.police, name="police"),
        Route("/police", p.police_save, methods=["POST"], name="police_save"),
        Route("/decisions", p.decisions, name="decisions"),
        Route("/missions", p.missions, name="missions"),
        Route("/missions/enrol", p.mission_enrol, methods=["POST"], name="mission_enrol"),
        Route("/missions/rules", pub.rules_publish, methods=["POST"], name="rules_publish"),
        Route("/missions/verifier", pub.verifier_url, methods=["POST"], name="verifier_url"),
        Route("/missions/verifier.zip", pub.verifier_site, name="verifier_site"),
        Route("/missions/{code}/revoke", p.mission_revoke, methods=["POST"], name="mission_revoke"),
        Route("/missions/{code}/send", p.mission_send, methods=["POST"], name="mission_send"),
        Route("/monitoring", p.monitoring, name="monitoring"),
        Route("/monitoring/export", p.monitoring_export, name="monitoring_export"),
        Route("/staff", p.staff_page, name="staff"),
        Route("/staff/add", p.staff_add, methods=["POST"], name="staff_add"),
        Route("/staff/password", p.staff_password, methods=["POST"], name="staff_password"),
        Route("/staff/role", p.staff_role, methods=["POST"], name="staff_role"),
        Route("/staff/remove", p.staff_remove, methods=["POST"], name="staff_remove"),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]


def create_console(department: Any, settings: ConsoleSettings | None = None) -> Starlette:
    """The console as a Starlette application over an opened ``Department`` (the user who
    opened it becomes admin on a store that has none)."""
    department.ensure_admin()
    app = Starlette(
        routes=console_routes(),
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=security_headers)],
    )
    app.state.department = department
    app.state.settings = settings or ConsoleSettings()
    return app
