"""The house rules of DESIGN.md, checked: inner rooms import no Qt, the domain does no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"
QT_FREE = ("domain", "services", "storage", "sync", "documents", "scanning", "department")
DOMAIN_FORBIDDEN = (
    "PySide6",
    "sqlalchemy",
    "sqlcipher3",
    "alembic",
    "os",
    "pathlib",
    "io",
    "subprocess",
    "socket",
    "shutil",
    "tempfile",
    "desktop.storage",
    "desktop.services",
    "desktop.ui",
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(room: str) -> list[Path]:
    return sorted((DESKTOP / room).rglob("*.py"))


@pytest.mark.parametrize("room", QT_FREE)
def test_room_imports_no_qt(room: str) -> None:
    for path in _modules(room):
        qt = {name for name in _imports(path) if name.split(".")[0] in ("PySide6", "shiboken6")}
        assert not qt, f"{path.relative_to(DESKTOP)} imports {qt}"


def test_domain_is_pure() -> None:
    assert _modules("domain")
    for path in _modules("domain"):
        for name in _imports(path):
            assert not any(name == f or name.startswith(f + ".") for f in DOMAIN_FORBIDDEN), (
                f"{path.relative_to(DESKTOP)} imports {name}"
            )
        source = path.read_text(encoding="utf-8")
        assert "open(" not in source, f"{path.name} opens files"


def test_widgets_do_not_touch_storage_or_crypto() -> None:
    for path in _modules("ui"):
        for name in _imports(path):
            assert not name.startswith(
                ("sqlalchemy", "sqlcipher3", "desktop.storage", "cryptography")
            ), f"{path.name} imports {name}"


# Services are the only way in (issue 15): a widget reaches documents, scanners, packages and
# the store through `desktop.services`; the command line leaves cryptography to the services
# (trust folders are read by services/verification.py). Nothing is allowed around it.
UI_FORBIDDEN = ("desktop.documents", "desktop.scanning", "desktop.sync", "desktop.storage")
CLI_FORBIDDEN = ("cryptography",)


@pytest.mark.parametrize(("room", "forbidden"), [("ui", UI_FORBIDDEN), ("cli", CLI_FORBIDDEN)])
def test_rooms_go_through_the_services(room: str, forbidden: tuple[str, ...]) -> None:
    assert _modules(room)
    crossings = sorted(
        f"{path.relative_to(DESKTOP)} imports {name}"
        for path in _modules(room)
        for name in _imports(path)  # ast.walk: also imports inside functions
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )
    assert not crossings, "\n".join(crossings)
