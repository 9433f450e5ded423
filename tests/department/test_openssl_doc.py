"""The `openssl` commands of docs/package-format.md work as written on a Qonys package."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.department.helpers import case, export

DOC = Path(__file__).resolve().parents[2] / "docs" / "package-format.md"


def doc_commands() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- openssl-commands: begin.*?-->\s*```sh\n(.*?)```\s*<!-- openssl-commands: end -->",
        text,
        re.S,
    )
    assert block, "the openssl block is missing from docs/package-format.md"
    return block.group(1)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_openssl_commands_as_documented(
    run,
    enrolled,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = case(1, pages=1, page_size=5000)
    expected_page = c.scans[0].load()
    [pkg] = export(enrolled, tmp_path / "out", [c], sequence=1, previous=None)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("QONYS_KEY_PASSWORD", "key-export-pw")
    code, _, err = run("export-key", "--out", str(work / "department-key.pem"))
    assert code == 0, err
    env = {
        **os.environ,
        "PKG": str(pkg.path),
        "KEYS": str(run.data_dir / "keys"),
        "QONYS_KEY_PASSWORD": "key-export-pw",
    }
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
    assert "members match the signed manifest" in result.stdout
    assert (work / "member-000001.bin").read_bytes() == expected_page

    # The same commands fail on a tampered member.
    data = bytearray(pkg.path.read_bytes())
    data[200] ^= 0xFF  # inside data/000001.p7m
    pkg.path.write_bytes(data)
    bad = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", doc_commands()],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
