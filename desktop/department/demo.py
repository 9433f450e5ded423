"""A Department store for the demo, trusting the demo mission (issue 6, "Done when").

`qonys --data-dir DIR demo` can call `create_demo_department(ctx, DIR / "department", …)`
so that `qonys-department --data-dir DIR/department receive FILE` works at once, with the
same logins and password as the demo mission.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from desktop.department.core import ReceiveResult
from desktop.department.inbox import order_by_sequence
from desktop.department.service import Department
from desktop.services import exchange, handouts
from desktop.services.context import DeskContext

# Where the demo pretends the verifier page is hosted (a reserved name: nothing answers there;
# `qonys-department verifier --out DIR` writes the page to open from a file instead).
DEMO_VERIFIER_URL = "https://verify.qonys.example/"


def create_demo_department(
    mission: DeskContext,
    department_dir: Path,
    logins: Iterable[str],
    password: str,
    *,
    db_url: str | None = None,
    officials: Iterable[tuple[str, str]] = (),
    open_as: Callable[[str], DeskContext] | None = None,
    console_roles: Mapping[str, str] | None = None,
) -> None:
    """Create the Department store, enrol the mission, install the bundle at the mission.

    ``mission`` must be an administrator's context (installing trust is theirs to do).
    ``officials``: (login, full name) of the mission's consuls to give a signing certificate;
    each installs their own (its key is locked with their password): ``open_as(login)`` opens
    a session as that consul. ``console_roles``: the web console's role of each login (the
    first login is the console's admin whatever it says).
    """
    dep = Department.init(department_dir, dict.fromkeys(logins, password), db_url=db_url)
    try:
        dep.ensure_admin()
        for login, role in (console_roles or {}).items():
            if login != dep.user:
                dep.set_role(login, role)
        # Set before enrolment, so the trust list the mission installs carries the address.
        dep.set_verifier_base_url(DEMO_VERIFIER_URL)
        bundle_password = secrets.token_urlsafe(18)  # used once, right here, then forgotten
        bundle = dep.enrol_mission(mission.mission.code, mission.mission.name, bundle_password)
        exchange.install_enrolment(mission, bundle, bundle_password)
        # §10: each signing consul gets a certificate from the Department CA, installed into
        # the mission's encrypted store, so `qonys print notification` works at once.
        for login, full_name in officials:
            p12 = dep.issue_official(mission.mission.code, full_name, bundle_password)
            if open_as is None:
                handouts.install_official(mission, p12, bundle_password, login)
                continue
            official = open_as(login)
            try:
                handouts.install_official(official, p12, bundle_password)
            finally:
                official.close()
    finally:
        dep.close()


def receive_demo_packages(
    department_dir: Path, packages: Iterable[Path], user: str, password: str
) -> list[ReceiveResult]:
    """`qonys demo`: the demo mission's first packages, carried to the demo Department and
    received there as `qonys-department receive FILE` receives them (every check, audited
    under ``user``), so its console's inbox holds the mission's cases from the start."""
    dep = Department.open(department_dir, user, password)
    try:
        return [dep.receive(path) for path in order_by_sequence(packages)]
    finally:
        dep.close()
