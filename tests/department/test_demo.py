"""The demo end to end: mission export → Department receive/decide/send → mission import,
and the documented openssl commands on a package made by the demo."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

import desktop.cli
from desktop.department import cli as department_cli
from desktop.department.demo import create_demo_department
from desktop.services import demo, session
from tests.conftest import FAST_KDF
from tests.department.test_openssl_doc import doc_commands


def test_demo_exchange_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "demo"
    demo.create_demo(data_dir, cases=6, seed=2, password=demo.DEMO_PASSWORD, kdf=FAST_KDF)
    ctx = session.login(data_dir, "admin", demo.DEMO_PASSWORD)
    try:
        create_demo_department(
            ctx,
            data_dir / "department",
            [login for login, _name, _role in demo.DEMO_OFFICERS],
            demo.DEMO_PASSWORD,
        )
    finally:
        ctx.close()
    monkeypatch.setenv("QONYS_PASSWORD", demo.DEMO_PASSWORD)
    monkeypatch.setenv("QONYS_OFFICER", "officer")

    def qonys(*argv: str) -> str:
        code = desktop.cli.main(["--data-dir", str(data_dir), *argv])
        out = capsys.readouterr()
        assert code == 0, out.err
        return out.out

    def department(*argv: str) -> str:
        code = department_cli.main(["--data-dir", str(data_dir / "department"), *argv])
        out = capsys.readouterr()
        assert code == 0, out.err
        return out.out

    # The demo's story is told relative to the day it is made: how many cases it forwards
    # depends on that day's working days, so the count comes from the mission's own list.
    forwarded = [c for c in json.loads(qonys("cases", "--json")) if c["stage"] == "forwarded"]
    assert forwarded
    usb = tmp_path / "usb"
    qonys("export", "--out", str(usb))
    [pkg] = usb.iterdir()
    received = department("receive", str(pkg))
    accepted = re.search(r"accepted package 1 from KZ-BER: (\d+) cases", received)
    assert accepted, received
    # Every forwarded case travels; a case past forwarding (a returned step) travels too.
    assert int(accepted.group(1)) >= len(forwarded)
    mission_cases = json.loads(qonys("cases", "--json"))
    number = next(c["number"] for c in mission_cases if c["stage"] == "forwarded")
    department(
        "decide",
        number,
        "--kind",
        "permission",
        "--police-department",
        "Алматы облысы ПД",
        "--number",
        "12-3/456",
        "--date",
        "2026-11-20",
    )
    back = tmp_path / "back"
    back.mkdir()
    department("send", "--mission", "KZ-BER", "--out", str(back))
    [decision] = back.iterdir()
    assert "1 decisions applied, 1 packages acknowledged" in qonys("import", str(decision))
    after = {c["number"]: c["stage"] for c in json.loads(qonys("cases", "--json"))}
    assert after[number] == "permitted"  # §10: the notice of permission, as a workflow step

    # The documented openssl commands, as written, on the demo's package.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("QONYS_KEY_PASSWORD", "key-export-pw")
    department("export-key", "--out", str(work / "department-key.pem"))
    env = {**os.environ, "PKG": str(pkg), "KEYS": str(data_dir / "department" / "keys")}
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", doc_commands()],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "CMS Verification successful" in result.stderr


def _serve(department_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`qonys-department --data-dir DIR/department --user admin serve --port P`, as the demo
    says, in a process of its own; returns once /health answers."""
    import ssl
    import sys
    import time

    import httpx

    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "desktop.department.cli", "--data-dir", str(department_dir),
                "--user", "admin", "serve", "--port", str(port),
            ],
            env={**os.environ, "QONYS_PASSWORD": demo.DEMO_PASSWORD},
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    trust = ssl.create_default_context(cafile=str(department_dir / "keys" / "ca.crt.pem"))
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"https://127.0.0.1:{port}/health", verify=trust, timeout=2).is_success:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.kill()
    pytest.fail(f"the server did not start: {log.read_text(errors='replace')}")


def test_qonys_demo_gives_the_department_the_missions_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 17, "Done when": `qonys demo` leaves DIR/department with the demo mission's first
    package received (offline, through `receive`'s service), the console's roles set, the
    mission's outbox saying the package was carried; its console shows the cases to the demo's
    `admin`; the later `sync --once` sends the package again, answered as a duplicate, and
    the acknowledgement comes back."""
    from desktop.department.console import ConsoleSettings
    from desktop.department.service import Department
    from desktop.services import cases, exchange, settings, sync_online
    from desktop.services.exchange import NOT_EXPORTED_STAGES
    from tests.department.console.server import Client, free_port, serve

    data_dir = tmp_path / "demo"
    monkeypatch.setenv("QONYS_PASSWORD", demo.DEMO_PASSWORD)
    assert desktop.cli.main(["--data-dir", str(data_dir), "demo", "--cases", "6"]) == 0
    said = capsys.readouterr().out
    assert "package(s) 1 of the mission already received there" in said
    assert f"--data-dir {data_dir / 'department'} --user admin serve --port 8443" in said

    ctx = session.login(data_dir, "admin", demo.DEMO_PASSWORD)
    try:
        every = cases.list_cases(ctx, limit=1000)
        sent = {c.number for c in every if c.stage not in NOT_EXPORTED_STAGES}
        [entry] = exchange.outbox(ctx)
        assert (entry.sequence, entry.state) == (1, exchange.CARRIED)
    finally:
        ctx.close()
    assert sent

    dep = Department.open(data_dir / "department", "admin", demo.DEMO_PASSWORD)
    try:
        assert {c.number for c in dep.cases(mission="KZ-BER")} == sent
        assert dep.roles() == demo.DEMO_CONSOLE_ROLES
        plain = ConsoleSettings(secure_cookies=False)  # plain HTTP here: no Secure cookies
        with serve(dep, plain) as base:
            admin = Client(base)
            assert admin.login("admin", demo.DEMO_PASSWORD).status == 303
            inbox = admin.get("/inbox").body
            assert "KZ-BER" in inbox and f"<td>{len(sent)}</td>" in inbox
            listed = admin.get("/cases?mission=KZ-BER").body
            assert all(number in listed for number in sent)
            clerk = Client(base)
            assert clerk.login("officer", demo.DEMO_PASSWORD).status == 303
            number = min(sent)
            assert number in clerk.get(f"/cases?q={number}").body
    finally:
        dep.close()

    # The online road later: the same package again is a duplicate; the reply acknowledges it.
    port = free_port()
    server = _serve(data_dir / "department", port, tmp_path / "serve.log")
    try:
        ctx = session.login(data_dir, "admin", demo.DEMO_PASSWORD)
        try:
            settings.set_value(ctx, "sync.department_url", f"https://127.0.0.1:{port}")
        finally:
            ctx.close()
        monkeypatch.setenv("QONYS_OFFICER", "admin")
        code = desktop.cli.main(["--data-dir", str(data_dir), "sync", "--once"])
        said = capsys.readouterr().out
        assert code == 0, said
        assert "package 1: delivered (duplicate)" in said
        assert "1 packages acknowledged" in said
    finally:
        server.terminate()
        server.wait(30)
    ctx = session.login(data_dir, "admin", demo.DEMO_PASSWORD)
    try:
        assert [e.state for e in exchange.outbox(ctx)] == [exchange.ACKNOWLEDGED]
        assert sync_online.transfers(ctx)[1].state == "delivered"
    finally:
        ctx.close()
    dep = Department.open(data_dir / "department", "admin", demo.DEMO_PASSWORD)
    try:
        assert {c.number for c in dep.cases(mission="KZ-BER")} == sent  # nothing doubled
    finally:
        dep.close()
