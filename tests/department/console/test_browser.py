"""Issue 17: the decision path from the browser — Debian's chromium driven by Playwright against
the console on 127.0.0.1, the Department on the throw-away PostgreSQL, a real mission store.

A clerk logs in, finds a received case (by the applicant's name typed in Latin letters, any
case), routes it to the suggested police body, prints the forwarding letter (pdftotext reads
it back in Kazakh), records the date sent and a preliminary refusal; the decisions package is
downloaded and the mission imports it; the mission records the hearing and the objection and
exports; the clerk uploads that package and cannot record the final decision; the head does;
the mission receives it.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.department.console import ConsoleSettings
from desktop.department.service import Department
from desktop.domain.search import latin_key
from desktop.domain.workflow import Action
from desktop.services import exchange, procedure
from desktop.services.context import DeskContext
from desktop.storage.models import CaseRow
from tests.conftest import MovableClock
from tests.department.console.conftest import STAFF_PW
from tests.department.console.server import serve

BUNDLE_PW = "bundle-pw-console"
SHOTS = os.environ.get("QONYS_SCREENSHOTS")
RULES = Path(__file__).resolve().parents[3] / "resources/rules/2025-12-05.json"


def _login(page, base: str, user: str, lang: str = "kk") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login?lang={lang}")
    page.fill("input[name=user]", user)
    page.fill("input[name=password]", STAFF_PW)
    page.keyboard.press("Enter")  # keyboard-usable: Enter submits
    page.wait_for_url(f"{base}/inbox")


def _logout(page) -> None:  # type: ignore[no-untyped-def]
    page.click("header form[action='/logout'] button")
    page.wait_for_url("**/login")


def _off_loop(fn, *args):  # type: ignore[no-untyped-def]
    """Playwright's sync API keeps an event loop running in this thread, and the package
    verification (pyHanko) calls asyncio.run: the mission's services run in another thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"department-{name}.png"), full_page=False)


def test_decision_path_in_the_browser(
    admin: DeskContext,
    clock: MovableClock,
    department: Department,
    chromium: str,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    mission = admin
    bundle = department.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PW)
    exchange.install_enrolment(mission, bundle, BUNDLE_PW)
    usb = tmp_path / "usb"
    usb.mkdir()
    [first] = exchange.export(mission, usb).packages
    with mission.uow() as uow:
        case = uow.session.scalars(
            select(CaseRow).where(CaseRow.stage == "forwarded").order_by(CaseRow.id).limit(1)
        ).one()
        number, mission_case_id = case.number, case.id
    watched = tmp_path / "watched"
    watched.mkdir()
    (watched / first.file_name).write_bytes((usb / first.file_name).read_bytes())
    settings = ConsoleSettings(secure_cookies=True, watch_dir=watched, outbox_dir=tmp_path / "out")

    with serve(department, settings) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context(
            viewport={"width": 1366, "height": 768}, accept_downloads=True
        )
        page = context.new_page()

        # -- the clerk: receive from the watched folder, find, route, letter, refusal ----------
        _login(page, base, "clerk")
        cookies = {c["name"]: c for c in context.cookies()}
        session_cookie = cookies["qonys_console"]
        assert session_cookie["httpOnly"] and session_cookie["secure"]
        assert session_cookie["sameSite"] == "Strict"
        page.click("form[action='/inbox/pick'] button")
        page.wait_for_selector("dl.facts")
        assert "KZ-BER" in page.inner_text("dl.facts")
        page.goto(f"{base}/inbox")
        assert "KZ-BER" in page.inner_text("main")  # new since yesterday, and the package
        _shot(page, "inbox-kk")

        received = department.cases(mission="KZ-BER")
        applicant = next(c.applicant for c in received if c.number == number)
        surname = applicant.split()[0]
        page.goto(f"{base}/cases")
        page.fill("input[name=q]", latin_key(surname).upper())
        page.keyboard.press("Enter")
        page.wait_for_url("**/cases?q=*")
        assert number in page.inner_text("table")
        # Found by the Latin spelling, upper case: only that surname's cases are listed.
        listed = page.locator("tbody tr").count()
        assert 1 <= listed < len(received)
        assert listed == sum(1 for c in received if c.applicant.split()[0] == surname)
        _shot(page, "cases-kk")
        page.click(f"text={number}")
        page.wait_for_selector("#stage")
        # The suggested body comes from the applicant's last registered place (a demo city).
        chosen = page.eval_on_selector("select[name=police_body]", "s => s.value")
        assert chosen in ("almaty", "astana", "shymkent")
        page.click("form[action$='/route'] button")
        page.wait_for_selector("#routed-to")
        _shot(page, "case-kk")

        page.goto(f"{base}/routing")
        page.click("form[action='/routing/letters'] button")
        page.wait_for_load_state()
        page.wait_for_selector("text=№ 1")
        pdf = page.request.get(f"{base}/routing/letters/1.pdf")
        assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
        letter = tmp_path / "letter.pdf"
        letter.write_bytes(pdf.body())
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(letter), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Ілеспе хат № 1" in text and "Полиция департаментіне" in text
        assert number in text and surname in text
        page.fill(
            "form[action$='/sent'] input[name=date]", datetime.now(UTC).date().strftime("%d.%m.%Y")
        )
        page.click("form[action$='/sent'] button")
        page.wait_for_selector("p.ok")
        _shot(page, "routing-kk")

        page.goto(f"{base}/cases?q={number}")
        page.click(f"text={number}")
        page.select_option("select[name=kind]", "preliminary_refusal")
        page.fill("input[name=number]", "ПР-17/1")
        page.fill("input[name=date]", "23.11.2026")
        page.set_input_files("input[name=document]", str(letter))
        page.click("form[action$='/decide'] button")
        page.wait_for_selector("p.ok")
        assert "ПР-17/1" in page.inner_text("main")

        page.goto(f"{base}/missions")
        with page.expect_download() as dl:
            page.click("form[action='/missions/KZ-BER/send'] button")
        package_path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(package_path)

        # -- the mission imports the refusal; the hearing and the objection; its next package --
        imported = _off_loop(exchange.import_package, mission, package_path)
        assert imported.decisions == 1 and imported.held == ()
        with mission.uow() as uow:
            assert uow.session.get(CaseRow, mission_case_id).stage == "preliminary_refusal"
        _off_loop(
            procedure.perform,
            mission,
            mission_case_id,
            Action.SEND_PRELIMINARY_REFUSAL,
            {"hearing_at": "2026-11-25T10:00", "hearing_place": "Embassy, room 2"},
        )
        clock.advance(days=1)
        _off_loop(
            procedure.perform,
            mission,
            mission_case_id,
            Action.RECORD_OBJECTION,
            {"summary": "Documents attached"},
        )
        _off_loop(
            procedure.perform,
            mission,
            mission_case_id,
            Action.FORWARD_OBJECTION,
            {"package_reference": "PKG-2"},
        )
        back = tmp_path / "back"
        back.mkdir()
        [second] = _off_loop(exchange.export, mission, back).packages

        page.goto(f"{base}/inbox")
        page.set_input_files("input[name=package]", str(back / second.file_name))
        page.click("form[action='/inbox/upload'] button")
        page.wait_for_selector("dl.facts")
        page.goto(f"{base}/cases?q={number}")
        page.click(f"text={number}")
        assert page.inner_text("#stage") == "Қарсылық түсті"
        assert page.locator("form[action$='/decide']").count() == 0  # a head's decision
        assert "басшы" in page.inner_text("main")
        # A refused package is told in the page's language (no English line under it).
        page.goto(f"{base}/inbox")
        page.set_input_files("input[name=package]", str(letter))  # a PDF, not a package
        page.click("form[action='/inbox/upload'] button")
        assert page.inner_text("p.err").startswith("Пакет")
        assert page.locator("p.detail").count() == 0
        _shot(page, "refused-kk")
        _logout(page)

        # -- the head: the final decision after the objection (§11) ------------------------------
        _login(page, base, "head", "ru")
        page.goto(f"{base}/cases?q={number}")
        page.click(f"text={number}")
        _shot(page, "case-ru")
        page.select_option("select[name=kind]", "reasoned_refusal")
        page.fill("input[name=number]", "МО-17/2")
        page.fill("input[name=date]", "24.11.2026")
        page.click("form[action$='/decide'] button")
        page.wait_for_selector("p.ok")
        assert page.inner_text("#stage") == "Мотивированный отказ"
        page.goto(f"{base}/missions")
        _shot(page, "missions-ru")
        with page.expect_download() as dl:
            page.click("form[action='/missions/KZ-BER/send'] button")
        final = tmp_path / ("final-" + dl.value.suggested_filename)
        dl.value.save_as(final)
        # Rule updates published from the Missions page (checked, signed, the result shown).
        page.set_input_files("input[name=rules]", str(RULES))
        page.click("form[action='/missions/rules'] button")
        assert page.inner_text("h1") == "Редакция Правил подписана"
        _shot(page, "rules-ru")
        for name in ("inbox", "routing", "decisions", "monitoring", "police"):
            page.goto(f"{base}/{name}")
            _shot(page, f"{name}-ru")
        _logout(page)
        _login(page, base, "head", "kk")
        page.goto(f"{base}/missions")
        assert "Қағидалардың жаңартулары" in page.inner_text("main")
        _shot(page, "missions-kk")
        browser.close()

    clock.advance(days=1)
    result = exchange.import_package(mission, final)
    assert result.decisions == 1 and result.held == ()
    with mission.uow() as uow:
        events = uow.events.for_case(mission_case_id)
        assert events[-1].kind == Action.RECORD_REFUSAL.value
        assert events[-1].data["decision_number"] == "МО-17/2"
    decided = next(c for c in department.cases(mission="KZ-BER") if c.number == number)
    assert [d["kind"] for d in decided.decisions] == ["preliminary_refusal", "reasoned_refusal"]


pytestmark = pytest.mark.slow
