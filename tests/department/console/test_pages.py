"""Issue 17: the console's pages over HTTP — search, the §9 overdue list, police bodies, missions,
staff administration, monitoring exports, the watched folder; and the log filter."""

from __future__ import annotations

import base64
import csv
import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.department.casebook import CaseFilter, cases_page, search_keys
from desktop.department.console import ConsoleSettings
from desktop.department.console.web import NoQueryStrings
from desktop.department.service import Department
from desktop.department.store import AuditEntry, Case, Decision, Mission, PoliceBody
from desktop.sync import exchange
from tests.department.console.conftest import STAFF_PW
from tests.department.console.server import Client, serve
from tests.department.helpers import BUNDLE_PASSWORD, case, export, identity


@pytest.fixture
def mission(department: Department, tmp_path: Path) -> exchange.Identity:
    bundle = tmp_path / "m.bundle"
    bundle.write_bytes(department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PASSWORD))
    return identity(bundle)


@pytest.fixture
def watched(tmp_path: Path, mission: exchange.Identity) -> Path:
    folder = tmp_path / "watched"
    cases = [case(1), case(2), case(3)]
    cases[0].record["questionnaire"] = {
        "iin": "900517312343",
        "surname": "Жұмабаева",
        "name": "Әсел",
        "leaving_place": {"country": "Қазақстан", "region": "Алматы", "settlement": "Алматы"},
    }
    export(mission, folder, cases, sequence=1, previous=None)
    return folder


@pytest.fixture
def base(department: Department, watched: Path, tmp_path: Path) -> Iterator[str]:
    settings = ConsoleSettings(secure_cookies=False, watch_dir=watched, outbox_dir=tmp_path / "out")
    with serve(department, settings) as url:
        yield url


def _client(base: str, user: str) -> Client:
    c = Client(base)
    assert c.login(user, STAFF_PW).status == 303
    return c


def test_search_keys_fold_case_and_script() -> None:
    iin, key = search_keys({"iin": "900517312343", "surname": "ӘБДІРАХМАНОВА", "name": "Әсел"})
    assert iin == "900517312343"
    assert "әбдірахманова әсел" in key and "abdirakhmanova asel" in key
    assert search_keys({"iin": "12", "surname": "Li"}) == (None, "li")


def test_inbox_search_route_letter_and_overdue(
    base: str, department: Department, watched: Path
) -> None:
    clerk = _client(base, "clerk")
    [name] = [p.name for p in watched.glob("*.qpkg")]
    assert name in clerk.get("/inbox").body
    r = clerk.post("/inbox/pick", {"csrf": clerk.csrf(), "name": name})
    assert r.status == 200 and "KZ-BER" in r.body
    assert not (watched / name).exists() and (watched / "received" / name).exists()
    assert name not in clerk.get("/inbox").body.split("packages")[0]
    # The same package again (uploaded): a harmless replay.
    for query, found in (
        ("/cases?q=900517312343", True),
        ("/cases?q=%D0%B6%D2%B1%D0%BC%D0%B0%D0%B1", True),  # "жұмаб"
        ("/cases?q=ZHUMABAEVA", True),
        ("/cases?q=KZ-BER-2026-0001", True),
        ("/cases?q=kz-ber-2026-0001", True),
        ("/cases?q=Petrov", False),
    ):
        assert ("KZ-BER-2026-0001" in clerk.get(query).body) == found, query
    with department.uow() as tx:
        case_id = tx.session.scalar(select(Case.id).where(Case.number == "KZ-BER-2026-0001"))
    page = clerk.get(f"/cases/{case_id}").body
    # Suggested from the last registered place (item 10): Almaty's police.
    assert re.search(r'<option value="almaty" selected>', page)
    assert (
        clerk.post(
            f"/cases/{case_id}/route", {"csrf": clerk.csrf(), "police_body": "almaty"}
        ).status
        == 303
    )
    assert (
        clerk.post("/routing/letters", {"csrf": clerk.csrf(), "police_body": "almaty"}).status
        == 303
    )
    assert "Ілеспе хат № " in clerk.get("/routing").body
    letter_id = department.letters()[0].id
    sent = (datetime.now(UTC).date() - timedelta(days=31)).strftime("%d.%m.%Y")
    r = clerk.post(f"/routing/letters/{letter_id}/sent", {"csrf": clerk.csrf(), "date": sent})
    assert r.status == 303
    # Twice is refused; a future date too.
    assert (
        clerk.post(
            f"/routing/letters/{letter_id}/sent", {"csrf": clerk.csrf(), "date": sent}
        ).status
        == 400
    )
    overdue = clerk.get("/decisions").body
    assert "KZ-BER-2026-0001" in overdue and "Алматы қаласы" in overdue
    assert "KZ-BER-2026-0001" in clerk.get("/cases?police=almaty&routed=yes").body
    assert "KZ-BER-2026-0001" in clerk.get("/cases?overdue=yes").body
    assert "KZ-BER-2026-0002" not in clerk.get("/cases?overdue=yes").body
    assert "KZ-BER-2026-0001" not in clerk.get("/cases?routed=no").body
    with department.uow() as tx:
        page2 = cases_page(tx.session, CaseFilter(routed="no"), 1, size=1)
        assert len(page2.rows) == 1 and page2.has_next
        audit = list(
            tx.session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "clerk"))
        )
    assert {"route", "letter", "letter-sent", "receive", "console-login"} <= set(audit)
    # The permission names the body in both languages (Annex 4's Russian line, issue 12 §16):
    # the Russian name comes from the reference list.
    with department.uow() as tx:
        routed = tx.session.get(Case, case_id)
        assert routed is not None
        version = routed.updated_at.isoformat()
    r = clerk.post(
        f"/cases/{case_id}/decide",
        {
            "csrf": clerk.csrf(),
            "kind": "permission",
            "police_department": "Алматы қаласы",
            "number": "12/3",
            "date": sent,
            "version": version,
        },
    )
    assert r.status == 303, r.body
    with department.uow() as tx:
        decided = tx.session.scalars(select(Decision).where(Decision.case_id == case_id)).one()
        names = (decided.police_department, decided.police_department_ru)
    assert names == ("Алматы қаласы", "города Алматы")


def test_police_list_is_a_heads_to_edit(base: str, department: Department) -> None:
    head, clerk = _client(base, "head"), _client(base, "clerk")
    data = {
        "code": "transport",
        "name_kk": "Көліктегі",
        "name_ru": "на транспорте",
        "places": "Вокзал\nАэропорт",
        "active": "on",
    }
    assert clerk.post("/police", {"csrf": clerk.csrf(), **data}).status == 403
    assert head.post("/police", {"csrf": head.csrf(), **data}).status == 303
    assert head.post("/police", {"csrf": head.csrf(), **data, "code": "Bad Code!"}).status == 400
    with department.uow() as tx:
        body = tx.session.get(PoliceBody, "transport")
        assert body is not None and body.places == "Вокзал\nАэропорт"
        assert tx.session.get(PoliceBody, "almaty").name_ru == "города Алматы"  # type: ignore[union-attr]


def test_missions_enrol_once_send_and_revoke(
    base: str, department: Department, tmp_path: Path
) -> None:
    head = _client(base, "head")
    r = head.post("/missions/enrol", {"csrf": head.csrf(), "code": "KZ-PAR", "name": "Paris"})
    assert r.status == 200
    password = re.search(r'id="bundle-password">([^<]+)<', r.body)
    assert password and "base64," in r.body
    assert password.group(1) not in head.get("/missions").body  # shown once
    assert "KZ-PAR" in head.get("/missions").body
    r = head.post("/missions/KZ-BER/send", {"csrf": head.csrf()})
    assert r.status == 200 and "attachment" in r.headers["content-disposition"]
    assert list((tmp_path / "out" / "KZ-BER").glob("*.qpkg"))
    assert (
        head.post("/missions/KZ-PAR/revoke", {"csrf": head.csrf(), "reason": "closed"}).status
        == 303
    )
    with department.uow() as tx:
        assert tx.session.get(Mission, "KZ-PAR").revoked_at is not None  # type: ignore[union-attr]


RULES = Path(__file__).resolve().parents[3] / "resources/rules/2025-12-05.json"


def test_missions_publish_rules_and_the_verifier_site(base: str, department: Department) -> None:
    """A head publishes a rule update (checked as `publish-rules` checks it, audited, the
    result shown) and the verifier site (its address, and the site as a ZIP); a clerk may
    not. Refusals are in the page's language, the service's English line on English pages."""
    import zipfile

    head, clerk = _client(base, "head"), _client(base, "clerk")
    page = head.get("/missions").body
    assert "Қағидалардың жаңартулары" in page and "Тексеру беті" in page
    rules = RULES.read_bytes()
    assert (
        clerk.upload("/missions/rules", {"csrf": clerk.csrf()}, "rules", "r.json", rules).status
        == 403
    )
    r = head.upload("/missions/rules", {"csrf": head.csrf()}, "rules", RULES.name, rules)
    assert r.status == 200 and "Қағидалар нұсқасына қол қойылды" in r.body
    version = ".".join(reversed(json.loads(rules)["version"].split("-")))  # 05.12.2025
    assert version in r.body and version in head.get("/missions").body
    assert len(department.signed_rule_sets()) == 1
    with department.uow() as tx:
        actors = tx.session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "rules-published")
        ).all()
    assert actors == ["head"]
    for data, said in (
        (b"{", "Қағидалар файлы JSON емес"),
        (b'{"format": "something else"}', "Қағидалар файлы жарамсыз"),
    ):
        r = head.upload("/missions/rules", {"csrf": head.csrf()}, "rules", "bad.json", data)
        assert r.status == 400 and said in r.body, r.body.split("<main")[1]
        assert "rule set" not in r.body  # no English line on a Kazakh page
    assert len(department.signed_rule_sets()) == 1

    r = head.post("/missions/verifier", {"csrf": head.csrf(), "url": "http://verify.example"})
    assert r.status == 400 and "Тексеру бетінің мекенжайы жарамсыз" in r.body
    assert "must be" not in r.body
    r = head.post("/missions/verifier", {"csrf": head.csrf(), "url": "https://verify.qonys.kz"})
    assert r.status == 303
    assert "https://verify.qonys.kz" in head.get("/missions").body
    assert clerk.download("/missions/verifier.zip")[0] == 403
    status, data, headers = head.download("/missions/verifier.zip")
    assert status == 200 and headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(data)) as site:
        names = site.namelist()
        assert "index.html" in names
        trust = site.read("trust.js").decode()  # the signed list, base64 in a script
        listed = json.loads(trust[trust.index("{") : trust.rindex("}") + 1])["list"]
        assert "https://verify.qonys.kz" in base64.b64decode(listed).decode()

    # The same refusal on an English page carries the service's own line too.
    assert (
        head.post("/lang", {"csrf": head.csrf(), "lang": "en", "next": "/missions"}).status == 303
    )
    r = head.upload("/missions/rules", {"csrf": head.csrf()}, "rules", "bad.json", b"{")
    assert "The rules file is not JSON" in r.body and "the rule set is not JSON" in r.body


def test_a_refused_package_is_told_in_the_pages_language(base: str) -> None:
    clerk = _client(base, "clerk")
    r = clerk.upload("/inbox/upload", {"csrf": clerk.csrf()}, "package", "x.qpkg", b"not a zip")
    assert r.status == 400 and "Пакет толық емес, файл кесілген" in r.body
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", r.body.split("<main")[1]), r.body


def test_staff_administration(base: str, department: Department) -> None:
    admin, head = _client(base, "admin"), _client(base, "head")
    token = admin.csrf()
    assert head.get("/staff").status == 403
    r = admin.post(
        "/staff/add",
        {"csrf": token, "name": "newclerk", "password": "new-clerk-pw-1", "role": "clerk"},
    )
    assert r.status == 303
    assert "newclerk" in admin.get("/staff").body
    newcomer = Client(base)
    assert newcomer.login("newclerk", "new-clerk-pw-1").status == 303
    assert newcomer.get("/inbox").status == 200
    # A reset ends the newcomer's sessions; the new password works.
    r = admin.post(
        "/staff/password", {"csrf": token, "name": "newclerk", "password": "second-pw-22"}
    )
    assert r.status == 303
    assert newcomer.get("/inbox").status == 303
    c = Client(base)
    assert c.login("newclerk", "second-pw-22").status == 303
    assert (
        admin.post("/staff/role", {"csrf": token, "name": "newclerk", "role": "auditor"}).status
        == 303
    )
    assert c.post("/routing/letters", {"csrf": c.csrf(), "police_body": "almaty"}).status == 403
    assert (
        admin.post("/staff/role", {"csrf": token, "name": "admin", "role": "clerk"}).status == 400
    )
    assert admin.post("/staff/remove", {"csrf": token, "name": "newclerk"}).status == 303
    assert c.get("/inbox").status == 303
    assert Client(base).login("newclerk", "second-pw-22").status == 401
    assert dict(department.staff()).get("newclerk") is None


def test_monitoring_exports(base: str, department: Department, watched: Path) -> None:
    clerk = _client(base, "clerk")
    [name] = [p.name for p in watched.glob("*.qpkg")]
    clerk.post("/inbox/pick", {"csrf": clerk.csrf(), "name": name})
    today = datetime.now(UTC).date().strftime("%d.%m.%Y")
    r = clerk.get(f"/monitoring/export?from={today}&to={today}&format=json")
    doc = json.loads(r.body)
    assert doc["schema"] == "qonys.department-monitoring/1"
    assert sorted(row["case_number"] for row in doc["rows"]) == [
        "KZ-BER-2026-0001",
        "KZ-BER-2026-0002",
        "KZ-BER-2026-0003",
    ]
    assert "900517312343" not in r.body and "Жұмабаева" not in r.body  # no personal data
    r = clerk.get(f"/monitoring/export?from={today}&to={today}&format=csv")
    rows = list(csv.DictReader(io.StringIO(r.body.lstrip("\ufeff"))))
    assert len(rows) == 3 and rows[0]["stage"] == "awaiting_decision"
    page = clerk.get("/monitoring").body
    assert "<svg" in page and "KZ-BER" in page


def test_access_log_keeps_no_query_strings() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/cases?q=900517312343", "1.1", 200), None,
    )  # fmt: skip
    assert NoQueryStrings().filter(record)
    assert "900517312343" not in record.getMessage() and "/cases" in record.getMessage()


def test_mounted_at_the_root_of_the_departments_server(department: Department) -> None:
    """As the Department's server takes it: its own routes first, the console at ``/``."""
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Mount, Route

    from desktop.department.console import create_console

    console = create_console(department, ConsoleSettings(secure_cookies=False))
    outer = Starlette(
        routes=[
            Route("/health", lambda _request: PlainTextResponse("ok")),
            Mount("/", app=console),
        ]
    )
    with serve(department, app=outer) as base:
        assert Client(base).get("/health").body == "ok"
        clerk = _client(base, "clerk")
        page = clerk.get("/cases")
        assert page.status == 200 and 'action="/cases"' in page.body
        assert clerk.get("/static/console.css").status == 200
