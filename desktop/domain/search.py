"""Normalised keys for finding applicants by name, in Cyrillic or Latin, case-insensitively.

SQLite folds case for ASCII only and LIKE never uses an index (FIELD-NOTES), so the store keeps
these keys in indexed columns and searches them by prefix range.
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic to Latin as Kazakhstan's passports print names (ICAO 9303 style, with the Kazakh
# letters of the 2021 alphabet tables); used only to find people, never to print a name.
_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip


def search_key(text: str) -> str:
    """Case- and form-insensitive key: NFC, casefolded, ё as е, single spaces."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(folded.split())


def latin_key(text: str) -> str:
    """The search key of a Cyrillic name in Latin letters (Latin input passes through)."""
    key = search_key(text)
    return "".join(_TRANSLIT.get(ch, ch) for ch in key)


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`.

    SQLite compares TEXT as UTF-8 bytes, which orders like code points, and U+10FFFF is the
    largest code point: `key >= prefix AND key < prefix + U+10FFFF` is an indexed prefix scan.
    """
    return prefix + "\U0010ffff"


def looks_like_iin(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) == 12 and stripped.isascii() and stripped.isdigit()


_CASE_REFERENCE = re.compile(r"^(?:(\d{4})-)?(\d{1,5})$")


def case_number_tail(text: str) -> str | None:
    """The end of a case number (MISSION-YEAR-NNNNN) that a part of it stands for.

    "31" and "00031" stand for "-00031" (that serial in any year), "2026-31" and "2026-00031"
    for "-2026-00031"; anything else (a name, an IIN, a whole number) for None.
    """
    match = _CASE_REFERENCE.match(text.strip())
    if match is None:
        return None
    year, serial = match.groups()
    if int(serial) == 0:
        return None
    tail = f"{int(serial):05d}"
    return f"-{year}-{tail}" if year else f"-{tail}"
