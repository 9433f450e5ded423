"""Issue 17, security: no session, another session's CSRF token, a clerk doing a head's work,
an auditor writing, SQL and HTML in every text field — all refused; every route is walked
with every role and answers as the route table says. Also two staff deciding one case at
once: one wins, the other is told (optimistic locking), nothing doubled."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.department.console import ROLE_OF_ROUTE, ConsoleSettings, console_routes
from desktop.department.decisions import StaleCase
from desktop.department.service import Department
from desktop.department.store import AuditEntry, Case, Decision, PoliceBody
from desktop.sync import exchange
from tests.department.console.conftest import STAFF_PW
from tests.department.console.server import Client, csrf_of, serve
from tests.department.helpers import BUNDLE_PASSWORD, case, export, identity

EVIL = "'; DROP TABLE dep_case; -- <script>alert(1)</script><b>x</b>"


@pytest.fixture
def received(department: Department, tmp_path: Path) -> int:
    """One received case (id returned) from a test mission."""
    bundle = tmp_path / "m.bundle"
    bundle.write_bytes(department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PASSWORD))
    me: exchange.Identity = identity(bundle)
    [pkg] = export(me, tmp_path / "pkgs", [case(1), case(2)], sequence=1, previous=None)
    department.receive(pkg.path)
    with department.uow() as tx:
        return int(tx.session.scalar(select(func.min(Case.id))) or 0)


@pytest.fixture
def base(department: Department, received: int) -> Iterator[str]:
    with serve(department, ConsoleSettings(secure_cookies=False)) as url:
        yield url


def _client(base: str, user: str) -> Client:
    c = Client(base)
    r = c.login(user, STAFF_PW)
    assert r.status == 303, r.body[:300]
    return c


def _sample_path(path: str, case_id: int) -> str:
    return (
        path.replace("{case_id}", str(case_id))
        .replace("{scan_id}", "1")
        .replace("{letter_id}", "1")
        .replace("{decision_id}", "none")
        .replace("{code}", "KZ-BER")
    )


def test_no_session_and_bad_login_are_refused(base: str, department: Department) -> None:
    anon = Client(base)
    for route in console_routes():
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", None) or {"GET"}
        if path in ("/login", "/static") or path.startswith("/static"):
            continue
        if "POST" in methods:
            assert anon.post(_sample_path(path, 1), {"csrf": "x"}).status in (401, 403), path
        elif path != "/":
            r = anon.get(_sample_path(path, 1))
            assert r.status == 303 and "/login" in r.headers["location"], path
    # A wrong password is refused and counted; the login form needs its own CSRF cookie.
    c = Client(base)
    assert c.login("clerk", "not-the-password").status == 401
    assert (
        Client(base)
        .post("/login", {"csrf": "forged", "user": "clerk", "password": STAFF_PW})
        .status
        == 403
    )


def test_another_sessions_csrf_token_is_refused(base: str, received: int) -> None:
    clerk, other = _client(base, "clerk"), _client(base, "head")
    foreign = other.csrf()
    r = clerk.post(f"/cases/{received}/route", {"csrf": foreign, "police_body": "almaty"})
    assert r.status == 403
    assert clerk.post(f"/cases/{received}/route", {"police_body": "almaty"}).status == 403
    # With its own token the same request goes through.
    ok = clerk.post(f"/cases/{received}/route", {"csrf": clerk.csrf(), "police_body": "almaty"})
    assert ok.status == 303


def test_roles_clerk_head_auditor(base: str, department: Department, received: int) -> None:
    clerk, auditor = _client(base, "clerk"), _client(base, "auditor")
    token = clerk.csrf()
    # A clerk may not do a head's work: the reference list, missions, staff.
    for path, data in (
        ("/police", {"code": "x-1", "name_kk": "a", "name_ru": "b", "places": ""}),
        ("/missions/enrol", {"code": "KZ-X", "name": "X"}),
        ("/missions/KZ-BER/revoke", {"reason": "r"}),
        ("/staff/add", {"name": "eve", "password": "12345678", "role": "admin"}),
    ):
        assert clerk.post(path, {"csrf": token, **data}).status == 403, path
    # The final decision after an objection is a head's (§11).
    department.decide(
        "",
        "preliminary_refusal",
        police_department="Алматы қаласы",
        number="1",
        on=date(2026, 11, 23),
        case_id=received,
    )
    with department.uow() as tx:
        c = tx.session.get(Case, received)
        assert c is not None
        c.stage = "objection"
        tx.commit()
        version = c.updated_at.isoformat()
    r = clerk.post(
        f"/cases/{received}/decide",
        {
            "csrf": token,
            "kind": "reasoned_refusal",
            "police_department": "x",
            "number": "2",
            "date": "24.11.2026",
            "version": version,
        },
    )
    assert r.status == 403
    # An auditor reads everything and writes nothing.
    assert auditor.get(f"/cases/{received}").status == 200
    a_token = auditor.csrf()
    for path in (
        f"/cases/{received}/route",
        "/routing/letters",
        "/inbox/pick",
        f"/cases/{received}/decide",
    ):
        assert auditor.post(path, {"csrf": a_token, "police_body": "almaty"}).status == 403, path
    with department.uow() as tx:
        kinds = list(tx.session.scalars(select(Decision.kind).where(Decision.case_id == received)))
    assert kinds == ["preliminary_refusal"]


def test_every_route_answers_for_its_role(base: str, department: Department, received: int) -> None:
    """The route table: each role gets in where its role allows, and is refused elsewhere."""
    rank = {"read": 0, "write": 1, "head": 2, "admin": 3}
    level = {"auditor": 0, "clerk": 1, "head": 2, "admin": 3}
    clients = {role: _client(base, role) for role in level}
    walked = 0
    for route in console_routes():
        name = getattr(route, "name", "")
        if name not in ROLE_OF_ROUTE:
            continue
        needed = ROLE_OF_ROUTE[name]
        path = _sample_path(route.path, received)  # type: ignore[attr-defined]
        methods = route.methods or {"GET"}  # type: ignore[attr-defined]
        for role, client in clients.items():
            if "POST" in methods:
                r = client.post(path, {"csrf": client.csrf()})  # empty forms: refused or 4xx
                refused = r.status == 403 and ("рұқсатыңыз жоқ" in r.body)
            else:
                r = client.get(path)
                refused = r.status == 403
            assert refused == (level[role] < rank[needed]), (name, role, r.status)
            walked += 1
    assert walked >= 4 * 25


def test_sql_and_html_in_every_text_field(base: str, department: Department, received: int) -> None:
    admin = _client(base, "admin")
    token = admin.csrf()
    for path, data in (
        (f"/cases?q={EVIL}", None),
        (f"/cases?mission={EVIL}&police={EVIL}&stage={EVIL}", None),
        (
            "/police",
            {"code": "evil-1", "name_kk": EVIL, "name_ru": EVIL, "places": EVIL, "active": "on"},
        ),
        (f"/cases/{received}/route", {"police_body": EVIL}),
        (
            f"/cases/{received}/decide",
            {
                "kind": "permission",
                "police_department": EVIL,
                "number": EVIL,
                "date": "23.11.2026",
                "note": EVIL,
                "version": EVIL,
            },
        ),
        ("/missions/enrol", {"code": EVIL, "name": EVIL}),
        ("/staff/add", {"name": EVIL, "password": EVIL, "role": EVIL}),
        ("/routing/letters", {"police_body": EVIL}),
        ("/inbox/pick", {"name": EVIL}),
        (f"/monitoring/export?from={EVIL}&to={EVIL}", None),
    ):
        r = (
            admin.get(
                path.replace(" ", "%20")
                .replace("<", "%3C")
                .replace(">", "%3E")
                .replace("'", "%27")
                .replace(";", "%3B")
            )
            if data is None
            else admin.post(path, {"csrf": token, **data})
        )
        assert r.status < 500, (path, r.status)
        assert "<script>alert(1)</script>" not in r.body, path
    for page in ("/police", f"/cases/{received}", "/staff", "/cases"):
        body = admin.get(page).body
        assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in admin.get("/police").body
    with department.uow() as tx:
        assert tx.session.scalar(select(func.count(Case.id))) == 2  # nothing dropped
        assert tx.session.get(PoliceBody, "evil-1") is not None  # stored as text
        assert tx.session.scalar(select(func.count(Decision.id))) == 0  # stale version refused
        actors = set(tx.session.scalars(select(AuditEntry.actor)))
    assert "admin" in actors


def test_two_staff_deciding_at_once_one_wins(department: Department, received: int) -> None:
    with department.uow() as tx:
        c = tx.session.get(Case, received)
        assert c is not None
        version = c.updated_at
    from desktop.department.casebook import version_of

    with department.uow() as tx:
        seen = version_of(tx.session.get(Case, received))  # type: ignore[arg-type]
    _ = version
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def decide(user: str, kind: str) -> None:
        dep = department.for_user(user)
        barrier.wait()
        try:
            dep.decide(
                "",
                kind,
                police_department="Алматы қаласы",
                number=user,
                on=date(2026, 11, 23),
                case_id=received,
                expected_version=seen,
            )
            outcomes.append("won")
        except StaleCase:
            outcomes.append("told")

    threads = [
        threading.Thread(target=decide, args=("clerk", "permission")),
        threading.Thread(target=decide, args=("head", "preliminary_refusal")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["told", "won"]
    with department.uow() as tx:
        assert (
            tx.session.scalar(select(func.count(Decision.id)).where(Decision.case_id == received))
            == 1
        )


def test_login_page_has_its_csrf_and_idle_sessions_end(base: str, department: Department) -> None:
    from datetime import timedelta

    from desktop.department import staff
    from desktop.department.store import utcnow

    c = Client(base)
    page = c.get("/login")
    assert csrf_of(page.body)
    token, _session = department.log_in("clerk", STAFF_PW, "ru")
    assert department.session(token) is not None
    assert department.session(token, utcnow() + staff.IDLE + timedelta(minutes=1)) is None
    assert department.session(token) is None  # ended for good
