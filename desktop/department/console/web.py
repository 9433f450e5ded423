"""The console's plumbing: sessions from the cookie, CSRF on every form, roles per route,
rendering in the staff member's language, security headers, a log filter that keeps query
strings (names, IINs) out of the server log."""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from desktop.department import staff
from desktop.department.console.texts import STAGE_KEYS, STEPS, T, pick, text
from desktop.domain.form_labels import LABELS
from desktop.domain.workflow import TRANSITIONS, Action

if False:  # pragma: no cover - typing only, avoids an import cycle at run time
    from desktop.department.service import Department

COOKIE = "qonys_console"
LOGIN_COOKIE = "qonys_login"
MAX_UPLOAD = 512 * 1024 * 1024  # a package of scans; the form refuses more
HERE = Path(__file__).resolve().parent
log = logging.getLogger("desktop.department.console")


@dataclass(frozen=True)
class ConsoleSettings:
    """How the console runs (docs/console.md)."""

    secure_cookies: bool = True  # Secure cookies: the console is served over HTTPS
    watch_dir: Path | None = None  # packages dropped here are offered in the inbox
    outbox_dir: Path | None = None  # decision packages are written here (and downloaded)
    root_path: str = ""  # where the console is mounted ("" for /)


@dataclass
class Ctx:
    """One request of a logged-in staff member."""

    request: Request
    session: staff.StaffSession
    dep: Department
    settings: ConsoleSettings
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.session.lang

    def t(self, key: str) -> str:
        return text(key, self.lang)

    def int_param(self, name: str, default: int = 1) -> int:
        raw = self.request.query_params.get(name, "")
        return int(raw) if raw.isdigit() and len(raw) < 9 else default

    def path_int(self, name: str) -> int:
        raw = str(self.request.path_params.get(name, ""))
        if not raw.isdigit() or len(raw) > 12:
            raise NotFound
        return int(raw)


class NotFound(Exception):
    pass


_env = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _date(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        parts = value[:10].split("-")
        return ".".join(reversed(parts)) if len(parts) == 3 else value
    if hasattr(value, "hour"):
        return str(value.astimezone().strftime("%d.%m.%Y %H:%M"))
    return str(value.strftime("%d.%m.%Y"))


_env.filters["d"] = _date


def _field_label(key: str, lang: str) -> str:
    found = LABELS.get(key)
    return found.get(lang) if found is not None else key


def _event_label(kind: str, lang: str) -> str:
    try:
        return TRANSITIONS[Action(kind)].title.get(lang)
    except (ValueError, KeyError):
        return kind


def _step_label(action: str, lang: str) -> str:
    return pick(STEPS[action], lang) if action in STEPS else action


def _body_name(body: Any, lang: str) -> str:
    """«Алматы қаласы Полиция департаменті» / «Департамент полиции города Алматы»."""
    get = body.get if isinstance(body, dict) else lambda k: getattr(body, k)
    if lang == "kk":
        return f"{get('name_kk')} Полиция департаменті"
    if lang == "ru":
        return f"Департамент полиции {get('name_ru')}"
    return f"Police Department of {get('name_kk')}"


def render(ctx: Ctx, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    request = ctx.request
    lang = ctx.lang

    def url(name: str, **params: Any) -> str:
        return str(request.url_for(name, **{k: str(v) for k, v in params.items()}).path)

    def query(**params: Any) -> str:
        merged = dict(request.query_params)
        merged.update({k: str(v) for k, v in params.items()})
        return "?" + urlencode(merged)

    html = _env.get_template(template).render(
        t=ctx.t,
        lang=ctx.lang,
        user=ctx.session.user,
        role=ctx.session.role,
        csrf=ctx.session.csrf,
        url=url,
        query=query,
        may=lambda needed: staff.allowed(ctx.session.role, needed),
        stages=STAGE_KEYS,
        # Only keys of the catalogue reach the page (a query string cannot put text there).
        msg=message_key(request.query_params.get("ok", "")),
        err=message_key(values.pop("err", None) or request.query_params.get("err", "")),
        path=request.url.path,
        field_label=lambda key: _field_label(key, lang),
        event_label=lambda kind: _event_label(kind, lang),
        step_label=lambda action: _step_label(action, lang),
        body_name=lambda body: _body_name(body, lang),
        **values,
    )
    return HTMLResponse(html, status_code=status)


def message_key(key: str) -> str:
    return key if key in T else ""


def back(ctx: Ctx, name: str, ok: str = "", err: str = "", **params: Any) -> RedirectResponse:
    target = str(ctx.request.url_for(name, **{k: str(v) for k, v in params.items()}).path)
    q = {k: v for k, v in (("ok", ok), ("err", err)) if v}
    return RedirectResponse(target + ("?" + urlencode(q) if q else ""), status_code=303)


Handler = Callable[[Ctx], Response]
ROLE_OF_ROUTE: dict[str, str] = {}  # route name -> what it needs (read, write, head, admin)


def page(needed: str, name: str) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """A console endpoint: a live session, the role ``needed``, and (POST) the session's CSRF
    token in the form; the handler runs in a worker thread (blocking SQL, Argon2id)."""

    def wrap(fn: Handler) -> Callable[[Request], Awaitable[Response]]:
        ROLE_OF_ROUTE[name] = needed

        async def endpoint(request: Request) -> Response:
            dep: Department = request.app.state.department
            settings: ConsoleSettings = request.app.state.settings
            token = request.cookies.get(COOKIE, "")
            session = await run_in_threadpool(dep.session, token)
            if session is None:
                if request.method == "GET":
                    login = str(request.url_for("login").path)
                    return RedirectResponse(login + "?err=session_over", status_code=303)
                lang = request.cookies.get("qonys_lang", "kk")
                said = text("session_over", lang if lang in staff.LANGS else "kk")
                return PlainTextResponse(said, status_code=401)
            ctx = Ctx(request, session, dep.for_user(session.user), settings)
            if request.method == "POST":
                form = await request.form(max_files=4, max_fields=200, max_part_size=MAX_UPLOAD)
                sent = str(form.get("csrf", ""))
                if not hmac.compare_digest(sent.encode(), session.csrf.encode()):
                    return render(ctx, "error.html", 403, err="bad_csrf")
                for key, value in form.multi_items():
                    if isinstance(value, UploadFile):
                        data = await value.read()
                        if data:
                            ctx.files[key] = (
                                Path(value.filename or "upload").name,
                                value.content_type or "application/octet-stream",
                                data,
                            )
                    else:
                        ctx.form[key] = value
                await form.close()
            if not staff.allowed(session.role, needed):
                return render(ctx, "error.html", 403, err="forbidden")
            try:
                return await run_in_threadpool(fn, ctx)
            except NotFound:
                return render(ctx, "error.html", 404, err="not_found")

        endpoint.__name__ = name
        return endpoint

    return wrap


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


async def security_headers(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


class NoQueryStrings(logging.Filter):
    """uvicorn's access log would print ``/cases?q=<IIN or name>``: keep the path only."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def keep_personal_data_out_of_logs() -> None:
    """Install the filter on uvicorn's access logger (the server calls it once)."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, NoQueryStrings) for f in logger.filters):
        logger.addFilter(NoQueryStrings())
