"""The hash-pinned lock (requirements/lock-linux.txt) covers what pyproject.toml asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock-linux.txt"
LINUX_311 = {"sys_platform": "linux", "platform_system": "Linux", "python_version": "3.11"}


def _locked() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes)."""
    pins: dict[str, tuple[str, int]] = {}
    current = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
        if pin:
            current = canonicalize_name(pin.group(1))
            pins[current] = (pin.group(2), 0)
        elif "--hash=sha256:" in line and current:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # Every extra: `make run`, `make test` and `make dist` install them all from the lock.
    extras = project["optional-dependencies"]
    names = [*project["dependencies"], *(r for extra in extras.values() for r in extra)]
    requirements = [Requirement(r) for r in names]
    return [r for r in requirements if r.marker is None or r.marker.evaluate(LINUX_311)]


def test_every_requirement_is_locked_with_a_version_it_allows_and_its_hashes() -> None:
    locked = _locked()
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in the lock: run `make lock`"
        version, hashes = locked[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"the lock has {requirement.name}=={version}, pyproject.toml asks {requirement}"
        )
        assert hashes > 0, f"{requirement.name} has no hash in the lock"


def test_the_calendar_library_is_pinned_exactly() -> None:
    # Its version is part of every deadline's calendar fingerprint (domain/calendar.py).
    [holidays] = [r for r in _wanted() if canonicalize_name(r.name) == "holidays"]
    assert str(holidays.specifier).startswith("==")
