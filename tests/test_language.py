"""Issue 20: every Kazakh and Russian text of the desk reads as official Kazakh and Russian.

Collected: every `Text(kk, ru, en)` (and `_t(...)`) written in desktop/ (read with `ast`: the
string parts of the kk and ru arguments, placeholders left out), every translation in
resources/translations/*.ts and every text of the printed forms (resources/forms/*.toml).
Each fails on: a Latin letter inside a Cyrillic word, an ISO date (or its pattern), an English
word or an internal code (outside an allow-list of proper names and codes), and a known wrong
variant from the term base (resources/terms.toml).
"""

from __future__ import annotations

import ast
import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TERMS = ROOT / "resources" / "terms.toml"

# Proper names, codes and key names that stay Latin inside Kazakh and Russian sentences.
ALLOWED_LATIN = {
    "IIN",
    "MRZ",
    "PDF",
    "QR",
    "CSV",
    "SANE",
    "Qonys",
    "Bürkit",
    "P12",
    "PKCS",
    "PEM",
    "DER",
    "X",
    "ID",
    "TD1",
    "TD2",
    "TD3",
    "ICAO",
    "UTC",
    "ISO",
    "Insert",
    "Up",
    "Down",
    "Left",
    "Right",
    "QNS1",
    "KZ",
    "BER",
    "DE",
    "BE",
    "IANA",
    "SQLCipher",
    "PostgreSQL",
    "Enter",
    "Esc",
    "Ctrl",
    "Shift",
    "Alt",
    "Tab",
    "Del",
    "Delete",
    "Space",
    "Backspace",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "F1",
    "F2",
    "F3",
    "F5",
    "F6",
    "F7",
    "F8",
    "F9",
    "F10",
    "F11",
    "F12",
    "USB",
    "TLS",
    "SHA",
    "SHA256",
    "RSA",
    "ECDSA",
    "CA",
    "OCR",
    "DPI",
    "JPEG",
    "PNG",
    "TIFF",
    "JSON",
    "TOML",
    "ZIP",
    "OK",
    "dpi",
    "E",
    "I",
    "A",
    "B",
    "C",
    "D",
    "F",
    "G",
    "H",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "R",
    "S",
    "T",
    "V",
    "W",
    "Y",
    "Z",
}

CYR = "а-яёәіңғүұқөһА-ЯЁӘІҢҒҮҰҚӨҺ"
MIXED = re.compile(rf"\b(?=\w*[{CYR}])(?=\w*[A-Za-z])\w+\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|ЖЖЖЖ-АА-КК|ГГГГ-ММ-ДД|YYYY-MM-DD")
LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"  # Latin letters (not × or ÷)
LATIN_WORD = re.compile(rf"(?<![\w.@/\\-])[{LATIN}][{LATIN}0-9_]*(?:\.[A-Za-z0-9_]+)*")
# Parts of a message that are not language: placeholders, Qt %n/%1, commands in `backticks`
# or «qonys …», file names, paths, e-mail addresses.
NOT_LANGUAGE = re.compile(
    r"\{[^{}]*\}|%\w|`[^`]*`|«qonys [^»]*»|\bqonys(?: [a-z-]+)+|"
    r"\b[\w-]+\.(?:p12|pem|pdf|csv|toml|png|json|qonys[a-z-]*)\b|\S+@\S+|<[^>]+>|&\w+;|&(?=\w)"
)


@dataclass(frozen=True)
class Sample:
    where: str
    lang: str
    text: str


def _string_parts(node: ast.expr) -> str | None:
    """The literal text of a string argument; placeholders of an f-string become {}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_parts(node.left), _string_parts(node.right)
        if left is None and right is None:
            return None
        return (left or "{}") + (right or "{}")
    return None


def python_texts() -> list[Sample]:
    out: list[Sample] = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in {"Text", "T", "_t", "_bad", "HandoutError"}:
                continue
            args: dict[str, ast.expr] = {}
            for lang, arg in zip(("kk", "ru"), node.args, strict=False):
                args[lang] = arg
            for kw in node.keywords:
                if kw.arg in ("kk", "ru"):
                    args[kw.arg] = kw.value
            for lang, arg in args.items():
                text = _string_parts(arg)
                if text:
                    out.append(Sample(f"{rel}:{node.lineno}", lang, text))
    return out


def ts_texts() -> list[Sample]:
    out: list[Sample] = []
    for lang in ("kk", "ru"):
        path = ROOT / "resources" / "translations" / f"qonys_{lang}.ts"
        for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 (our own file)
            ctx_name = context.findtext("name", "")
            for message in context.iter("message"):
                tr = message.find("translation")
                if tr is None or tr.get("type") in ("vanished", "obsolete"):
                    continue
                forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
                source = message.findtext("source", "")
                for text in forms:
                    if text:
                        out.append(Sample(f"{path.name} {ctx_name}: {source!r}", lang, text))
    return out


def _toml_strings(value: object, key: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(key, value)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _toml_strings(v, f"{key}[{i}]")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _toml_strings(v, f"{key}.{k}" if key else k)]
    return []


def form_texts() -> list[Sample]:
    out: list[Sample] = []
    for path in sorted((ROOT / "resources" / "forms").glob("*.toml")):
        lang = path.name.split(".")[-2]
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data.pop("meta", None)  # the source notes cite the seed and its file names
        for key, text in _toml_strings(data, ""):
            out.append(Sample(f"resources/forms/{path.name} {key}", lang, text))
    return out


def terms() -> list[dict[str, object]]:
    return list(tomllib.loads(TERMS.read_text(encoding="utf-8"))["term"])


def problems(sample: Sample, wrong: list[tuple[str, re.Pattern[str], list[str]]]) -> list[str]:
    found: list[str] = []
    text = sample.text
    bare = NOT_LANGUAGE.sub(" ", text)
    for m in MIXED.finditer(bare):
        found.append(f"Latin letters inside a Cyrillic word: {m[0]!r}")
    for m in ISO_DATE.finditer(bare):
        found.append(f"ISO date: {m[0]!r}")
    for m in LATIN_WORD.finditer(bare):
        word = m[0]
        if word in ALLOWED_LATIN or MIXED.fullmatch(word):
            continue
        kind = "an internal code" if "_" in word or "." in word else "an English word"
        found.append(f"{kind}: {word!r}")
    for term_id, pattern, exempt in wrong:
        if any(sample.where.startswith(e) or f"/{e}" in sample.where for e in exempt):
            continue
        for m in pattern.finditer(text):
            found.append(f"wrong variant of «{term_id}»: {m[0]!r}")
    return found


def wrong_variants(lang: str) -> list[tuple[str, re.Pattern[str], list[str]]]:
    out = []
    for term in terms():
        exempt = [str(e) for e in term.get("exempt", [])]  # type: ignore[attr-defined]
        for raw in term.get(f"wrong_{lang}", []):  # type: ignore[attr-defined]
            out.append((str(term["id"]), re.compile(str(raw), re.IGNORECASE), exempt))
    return out


def report(samples: list[Sample]) -> list[str]:
    wrong = {lang: wrong_variants(lang) for lang in ("kk", "ru")}
    lines = []
    for s in samples:
        for p in problems(s, wrong[s.lang]):
            lines.append(f"{s.where} [{s.lang}] {p}: {s.text!r}")
    return lines


def test_the_term_base_is_well_formed() -> None:
    ids = set()
    for term in terms():
        assert term["id"] not in ids, term["id"]
        ids.add(term["id"])
        assert term.get("source"), term["id"]
        for lang in ("kk", "ru"):
            for raw in term.get(f"wrong_{lang}", []):  # type: ignore[attr-defined]
                re.compile(str(raw), re.IGNORECASE)
    # The concepts the Rules name, with the law's words.
    by_id = {t["id"]: t for t in terms()}
    assert by_id["mission"]["kk"] == "шет елдердегі мекеме"
    assert by_id["mission"]["ru"] == "загранучреждение"
    assert by_id["questionnaire"]["kk"] == "өтініш-сауалнама"
    assert by_id["questionnaire"]["ru"] == "заявление-анкета"


def test_the_checker_finds_what_the_reviewer_found() -> None:
    """The checks themselves: each of the reviewer's examples is caught."""
    bad = [
        Sample("x", "ru", "Поле «Date» обязательно"),
        Sample("x", "ru", "Действие «record_permission» невозможно на этапе «forwarded»"),
        Sample("x", "kk", "2026-11-10 күні 12 жаста"),
        Sample("x", "kk", "күн ЖЖЖЖ-АА-КК түрінде"),
        Sample("x", "kk", "ол берiлмейдi"),  # Latin i (U+0069)
        Sample("x", "kk", "Кері қайтарылды"),
        Sample("x", "kk", "Жеткізілді"),
        Sample("x", "kk", "{n} с кейін қайталаңыз"),
        Sample("x", "ru", "Отправлено {n} пакета(ов)"),
        Sample("x", "ru", "Пакет документов неполный"),
        Sample("x", "kk", "Шетелдік мекеме"),
        Sample("x", "kk", "(3-т. 2) тт.)"),
        Sample("x", "ru", "§3(2)"),
        Sample("x", "ru", "Уведомлен о заслушивании"),
        Sample("x", "ru", "Что сделал каждый пакет"),
        Sample("x", "ru", "Всё"),
    ]
    wrong = {lang: wrong_variants(lang) for lang in ("kk", "ru")}
    for sample in bad:
        assert problems(sample, wrong[sample.lang]), sample
    good = [
        Sample("x", "ru", "Поле «Дата» обязательно для заполнения (Qonys, ИИН, PDF)"),
        Sample("x", "kk", "2026 жылғы 5 қарашадағы № 12 шешімі; `qonys verify --seal`"),
        Sample("x", "ru", "Отправлено: {n} пакет; заявление-анкета; п. 3"),
    ]
    for sample in good:
        assert not problems(sample, wrong[sample.lang]), (sample, problems(sample, wrong["ru"]))


@pytest.mark.parametrize(
    "source",
    [python_texts, ts_texts, form_texts],
    ids=["Text in desktop", "ts translations", "printed forms"],
)
def test_kazakh_and_russian_are_clean(source) -> None:  # type: ignore[no-untyped-def]
    samples = source()
    assert len(samples) > 50  # the collector found the texts at all
    found = report(samples)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def test_printed_month_names_agree_with_the_formats_module() -> None:
    """The forms' month names (resources/forms/common.*.toml) and desktop/domain/formats.py
    write the same official long dates."""
    from desktop.domain.formats import KK_MONTHS_DATED, RU_MONTHS

    def find(data: object, key: str) -> object:
        if isinstance(data, dict):
            if key in data:
                return data[key]
            for v in data.values():
                found = find(v, key)
                if found is not None:
                    return found
        return None

    kk = tomllib.loads((ROOT / "resources/forms/common.kk.toml").read_text(encoding="utf-8"))
    ru = tomllib.loads((ROOT / "resources/forms/common.ru.toml").read_text(encoding="utf-8"))
    assert find(kk, "months_locative") == list(KK_MONTHS_DATED)
    assert find(ru, "months") == list(RU_MONTHS)
