"""The optional extras: everything `make` installs, and a clear word when one is missing.

A plain `pip install qonys` is the desk without the Department's PostgreSQL driver, the
camera's Qt add-ons and the hardware readers' packages; asking for one of them says which
extra to install instead of failing with an import error. (A module set to None in
``sys.modules`` is how Python itself makes an import fail: the package "is not installed".)
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from desktop.department.store import StoreError, open_engine
from desktop.scanning import sources
from desktop.scanning.mrz import MrzError, MrzStreamReader

ROOT = Path(__file__).resolve().parents[2]


def test_make_installs_every_extra() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    [line] = re.findall(r"^EXTRAS := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert set(line.strip().split(",")) == set(extras)
    assert {"department", "camera", "readers", "dev"} <= set(extras)


def test_department_on_postgresql_without_its_driver(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(
        StoreError, match=r"psycopg is not installed: pip install 'qonys\[department\]'"
    ):
        open_engine(tmp_path, "postgresql+psycopg://qonys@127.0.0.1:1/qonys", b"k" * 32)


def test_serial_passport_reader_without_pyserial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "serial", None)
    with pytest.raises(MrzError, match=r"pip install 'qonys\[readers\]'"):
        MrzStreamReader.open_serial("/dev/ttyUSB0")


def test_sane_scanner_without_python_sane(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sane", None)
    with pytest.raises(sources.ScanError, match=r"pip install 'qonys\[readers\]'"):
        sources._sane()
    # And the list of sources simply has no SANE scanner in it.
    assert not any(isinstance(s, sources.SaneSource) for s in sources.available_sources())
