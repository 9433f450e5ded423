"""The demo end to end: mission export → Department receive/decide/send → mission import,
and the documented openssl commands on a package made by the demo."""

from __future__ import annotations

import json
import os
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

    usb = tmp_path / "usb"
    qonys("export", "--out", str(usb))
    [pkg] = usb.iterdir()
    assert "accepted package 1 from KZ-BER: 2 cases" in department("receive", str(pkg))
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
