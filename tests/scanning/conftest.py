"""SANE's real `test` backend, and only it (FIELD-NOTES: probing every backend takes seconds)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.questionnaire import Questionnaire
from desktop.scanning.mrz import compose_td3
from desktop.services import cases as case_service
from desktop.services.context import DeskContext


@pytest.fixture(scope="session")
def sane_test_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # CI installs both (scripts/system-deps.sh, pyproject): there a missing one is a failure,
    # never a silent skip; elsewhere (Windows, macOS) the tests skip with the reason.
    give_up = pytest.fail if os.environ.get("CI") else pytest.skip
    try:
        import sane  # noqa: F401
    except ImportError:
        give_up("python-sane is not installed (Linux only: apt libsane-dev, pip python-sane)")
    if not Path("/usr/lib/x86_64-linux-gnu/sane/libsane-test.so.1").exists() and not list(
        Path("/usr/lib").rglob("libsane-test.so*")
    ):
        give_up("SANE's test backend is missing (apt install libsane1 sane-utils)")
    config = tmp_path_factory.mktemp("sane")
    (config / "dll.conf").write_text("test\n", encoding="ascii")
    old = os.environ.get("SANE_CONFIG_DIR")
    # SANE reads the variable once, at sane_init: the session fixture runs before any scan.
    os.environ["SANE_CONFIG_DIR"] = str(config)
    yield "test:0"
    if old is None:
        os.environ.pop("SANE_CONFIG_DIR", None)
    else:
        os.environ["SANE_CONFIG_DIR"] = old


@pytest.fixture
def draft_case(officer: DeskContext) -> int:
    """A fresh draft case (its checklist can still change): the demo applicant's data again."""
    source = case_service.list_cases(officer, limit=1)[0]
    q = case_service.get_case(officer, source.id).questionnaire
    return case_service.create_draft(officer, q).summary.id


@pytest.fixture(scope="session")
def mrz_specimens() -> tuple[Path, dict[str, list[str]]]:
    """Real specimen documents (``shared/mrz-specimens`` beside the checkout: never copied
    into the repository) and their lines as read by eye (``bench/mrz_specimens.json``).
    CI has ``shared/`` beside the clone: there a missing folder is a failure."""
    import json

    from bench.scanning import SPECIMENS_JSON, specimens_dir

    folder = specimens_dir()
    if folder is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(
            "the specimen images (shared/mrz-specimens beside the checkout) are not here"
        )
    expected = json.loads(SPECIMENS_JSON.read_text(encoding="utf-8"))["specimens"]
    return folder, {name: entry["lines"] for name, entry in expected.items()}


def zone_with_findings(q: Questionnaire, number: str) -> tuple[tuple[str, str], date]:
    """A passport zone for `q` whose check digits are all right, but whose sex code is Q (no
    check digit covers it: a format finding) and whose date of birth is a year before the
    questionnaire's (a mismatch); the zone's lines and that date."""
    assert q.birth_date is not None
    other = date(q.birth_date.year - 1, 1, 2)
    l1, l2 = compose_td3(
        surname=q.surname, given_names=q.name, document_number=number,
        birth_date=other, sex="M", expiry_date=date(2031, 2, 3),
    )  # fmt: skip
    return (l1, l2[:20] + "Q" + l2[21:]), other
