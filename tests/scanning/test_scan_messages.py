"""Scanner, camera and file errors have stable codes and kk/ru/en wording (issue 14)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from PIL import Image

from desktop.scanning import messages
from desktop.scanning.camera import page_from_frame
from desktop.scanning.messages import MESSAGES, kept, scan_text
from desktop.scanning.sources import MAX_PAGES, FileSource, ScanError, ScanOptions
from desktop.services.scans import ScanFailed, scan_error

SCANNING = Path(messages.__file__).parent
UI = SCANNING.parent / "ui"
CLI = SCANNING.parent / "cli"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_code_says_the_same_in_three_languages(code: str) -> None:
    text = MESSAGES[code]
    assert text.kk and text.ru and text.en
    assert _fields(text.kk) == _fields(text.ru) == _fields(text.en), code
    assert re.fullmatch(r"[a-z]+\.[a-z_]+", code)


def test_every_raise_names_a_known_code_and_no_bare_message_is_left() -> None:
    used: set[str] = set()
    for path in [*SCANNING.rglob("*.py"), UI / "camera.py", CLI / "scanning.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "coded":
                code = node.args[0]
                assert isinstance(code, ast.Constant), f"{path.name}:{node.lineno}"
                assert code.value in MESSAGES, f"{path.name}:{node.lineno}: {code.value}"
                used.add(code.value)
            elif isinstance(func, ast.Name) and func.id == "MrzError":
                # Not an MRZ at all: the reader's errors take their code the same way.
                code = node.args[0]
                assert isinstance(code, ast.Constant), f"{path.name}:{node.lineno}"
                assert code.value in MESSAGES, f"{path.name}:{node.lineno}: {code.value}"
                used.add(code.value)
            elif isinstance(func, ast.Name) and func.id == "scan_text" and node.args:
                # A part of a message (where on the zone): its code is a constant too.
                code = node.args[0]
                if isinstance(code, ast.Constant):
                    assert code.value in MESSAGES, f"{path.name}:{node.lineno}: {code.value}"
                    used.add(code.value)
            elif isinstance(func, ast.Name) and func.id == "Mismatch":
                # A note on a disagreement with the case: a code, or none.
                for kw in node.keywords:
                    if kw.arg != "note_code":
                        continue
                    branches = (
                        [kw.value.body, kw.value.orelse]
                        if isinstance(kw.value, ast.IfExp)
                        else [kw.value]
                    )
                    for branch in branches:
                        assert isinstance(branch, ast.Constant), f"{path.name}:{node.lineno}"
                        if branch.value:
                            assert branch.value in MESSAGES, f"{path.name}:{node.lineno}"
                            used.add(branch.value)
            elif isinstance(func, ast.Name) and func.id in ("ScanError", "ScanCancelled"):
                # Only a copy of a coded error (ScanError.about) may be built directly.
                passed = {kw.arg for kw in node.keywords}
                assert "code" in passed, f"{path.name}:{node.lineno}: a ScanError without a code"
    # Windows-only and driver-only codes are raised too: nothing in the catalogue is dead.
    assert used == set(MESSAGES)


def test_a_file_error_carries_its_code_and_three_languages() -> None:
    with pytest.raises(ScanError) as caught:
        list(FileSource().read_bytes(b"plain text, no picture"))
    assert caught.value.code == "file.unsupported"
    assert str(caught.value) == caught.value.text.en
    assert caught.value.text.kk.startswith("Бұл файл түрі қолданылмайды")
    known = scan_error(caught.value)
    assert isinstance(known, ScanFailed) and known.code == "file.unsupported"
    assert known.message.ru.startswith("Ошибка сканирования: Тип файла не поддерживается")


def test_too_many_pages_and_a_tiny_frame_in_russian() -> None:
    frames = [Image.new("L", (80, 80), 255) for _ in range(3)]
    from io import BytesIO

    buf = BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(ScanError) as caught:
        list(FileSource().read_bytes(buf.getvalue(), ScanOptions(max_pages=2)))
    assert caught.value.code == "file.too_many_pages"
    assert caught.value.text.ru == (
        f"В файле TIFF страниц: 3; в документе не более {MAX_PAGES}, здесь осталось 2"
    )
    with pytest.raises(ScanError) as caught:
        page_from_frame(Image.new("RGB", (10, 10)))
    assert caught.value.code == "camera.empty"
    assert caught.value.text.ru.startswith("Камера передала пустой снимок")


def test_kept_pages_are_said_only_when_there_are_some() -> None:
    assert kept(0).ru == ""
    said = scan_text("scanner.jammed", kept=kept(3))
    assert said.ru.endswith("Отсканированные страницы сохранены: 3.")
    assert said.kk.endswith("Сканерленген беттер сақталды: 3.")
