"""The console on the throw-away PostgreSQL, with three staff members (issue 17)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.department import users
from desktop.department.service import Department

STAFF_PW = "staff-password-1"
STAFF = {"clerk": "clerk", "head": "head", "auditor": "auditor"}


@pytest.fixture
def department(tmp_path: Path, pg_server: Any) -> Iterator[Department]:
    dep = Department.init(
        tmp_path / "department", {"admin": STAFF_PW}, db_url=pg_server.create_database()
    )
    dep.ensure_admin()
    for name, role in STAFF.items():
        users.add(dep, name, STAFF_PW)
        dep.set_role(name, role)
    yield dep
    dep.close()


@pytest.fixture
def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("Debian's chromium is not installed (scripts/system-deps.sh lists it)")
    return path
