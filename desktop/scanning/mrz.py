"""Machine-readable zones of ICAO Doc 9303: passports (TD3), ID cards (TD1, TD2) and
machine-readable visas (MRV-A, MRV-B).

Every check digit is verified and a failure is *reported* field by field: nothing here
guesses a character away (the OCR's correction lives in ``ocr/correct.py`` and is bounded by the
check digits). The name line has no check digit at all, so the officer always confirms it.

Input comes from three places and all go through :func:`parse_mrz`:
- a passport reader that types the lines as keyboard input ("keyboard wedge"): with or
  without line breaks, CR/LF, stray spaces (:func:`normalize_mrz_text`);
- a reader on a serial port (:class:`MrzStreamReader`, pyserial optional);
- OCR of a scanned data page (``desktop.scanning.ocr``).

Pure Python: no Qt, no I/O beyond the stream reader.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from desktop.domain.i18n import Text
from desktop.scanning.messages import scan_text

__all__ = [
    "FieldCheck",
    "Mismatch",
    "MrzAccumulator",
    "MrzError",
    "MrzFormat",
    "MrzProblem",
    "MrzResult",
    "MrzStreamReader",
    "check_digit",
    "compare_with_questionnaire",
    "compose_td1",
    "compose_td3",
    "fold_latin",
    "format_of",
    "normalize_mrz_text",
    "parse_mrz",
    "split_mrz_lines",
    "transliterate",
]

MRZ_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
_WEIGHTS = (7, 3, 1)


class MrzError(ValueError):
    """The text is not an MRZ at all (wrong shape or characters): a message for the officer.

    `code` names its wording in `desktop.scanning.messages`, `text` is that wording in kk/ru/en
    (the desk shows the officer's language); `str()` is English, for the log and the CLI."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.text = scan_text(code, **values)
        super().__init__(self.text.en)


class MrzFormat(enum.Enum):
    TD1 = "TD1"  # ID card: 3 lines of 30
    TD2 = "TD2"  # ID card, official travel document: 2 lines of 36
    TD3 = "TD3"  # passport: 2 lines of 44
    MRVA = "MRV-A"  # visa, full-page size: 2 lines of 44, code V
    MRVB = "MRV-B"  # visa, smaller: 2 lines of 36, code V

    @property
    def shape(self) -> tuple[int, int]:
        return _SHAPES[self]

    @property
    def is_visa(self) -> bool:
        return self in (MrzFormat.MRVA, MrzFormat.MRVB)


_SHAPES = {
    MrzFormat.TD1: (3, 30),
    MrzFormat.TD2: (2, 36),
    MrzFormat.TD3: (2, 44),
    MrzFormat.MRVA: (2, 44),
    MrzFormat.MRVB: (2, 36),
}
# The shapes a zone can have; a visa is told from a TD3/TD2 by its document code 'V'.
_LAYOUTS = ((MrzFormat.TD3, 2, 44), (MrzFormat.TD1, 3, 30), (MrzFormat.TD2, 2, 36))


def format_of(lines: tuple[str, ...] | list[str]) -> MrzFormat:
    """The format of lines of a known shape: 2 × 44 is a passport (TD3) or, with the document
    code V, a visa (MRV-A); 2 × 36 an ID card (TD2) or a visa (MRV-B); 3 × 30 an ID card."""
    shape = (len(lines), len(lines[0]) if lines else 0)
    visa = bool(lines) and lines[0][:1] == "V"
    if shape == (2, 44):
        return MrzFormat.MRVA if visa else MrzFormat.TD3
    if shape == (2, 36):
        return MrzFormat.MRVB if visa else MrzFormat.TD2
    if shape == (3, 30):
        return MrzFormat.TD1
    raise MrzError("mrz.shape", lines=shape[0], width=shape[1])


def _char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise MrzError("mrz.characters", chars=ch)


def check_digit(data: str) -> str:
    """ICAO 9303 part 3 §4.9: weights 7,3,1 repeating, values 0-9, A=10..Z=35, '<'=0, mod 10."""
    total = sum(_char_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(data))
    return str(total % 10)


@dataclass(frozen=True)
class MrzProblem:
    """A format finding (an impossible date, a bad sex code, no surname), by stable code in
    `desktop.scanning.messages`: `text` is its wording in kk/ru/en (the desk and `qonys mrz
    --lang` show the officer's language); `str()` is English, for the log and `--json`."""

    code: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def coded(cls, code: str, **values: object) -> MrzProblem:
        return cls(code, tuple(values.items()))

    @property
    def text(self) -> Text:
        return scan_text(self.code, **dict(self.values))

    def __str__(self) -> str:
        return self.text.en


@dataclass(frozen=True)
class FieldCheck:
    """One check digit: which field, the digit printed, the digit computed, and the verdict."""

    name: str
    data: str
    found: str
    expected: str

    @property
    def ok(self) -> bool:
        return self.found == self.expected


@dataclass(frozen=True)
class MrzResult:
    """A parsed MRZ. Values are as printed (Latin, '<' turned into spaces in names).

    ``checks`` holds every check digit; ``problems`` holds other format findings
    (an impossible date, a bad sex code, a truncated name) — both are shown to the officer.
    """

    format: MrzFormat
    lines: tuple[str, ...]
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date_raw: str
    birth_date: date | None
    sex: str  # "M", "F" or "X" (unspecified)
    expiry_date_raw: str
    expiry_date: date | None
    optional_data: str  # TD3: personal number; TD1: optional data of line 1; TD2, visas: line 2
    optional_data_2: str  # TD1: optional data of line 2; otherwise ""
    checks: tuple[FieldCheck, ...]
    problems: tuple[MrzProblem, ...] = ()
    name_truncated: bool = False

    @property
    def failed_checks(self) -> tuple[FieldCheck, ...]:
        return tuple(c for c in self.checks if not c.ok)

    @property
    def valid(self) -> bool:
        """True when every check digit is right and no format problem was found."""
        return not self.failed_checks and not self.problems

    @property
    def is_passport(self) -> bool:
        return self.document_code.startswith("P")

    @property
    def personal_number(self) -> str:
        return self.optional_data

    @property
    def iin(self) -> str | None:
        """The Kazakh IIN (12 digits), which KAZ documents carry in the optional data field."""
        if self.issuing_state != "KAZ":
            return None
        m = re.match(r"(\d{12})", self.optional_data.replace(" ", ""))
        return m.group(1) if m else None

    def is_expired(self, today: date) -> bool:
        """§5: an expired document is a ground to refuse acceptance. Unknown expiry → False."""
        return self.expiry_date is not None and self.expiry_date < today

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# --- input normalisation -------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_mrz_text(text: str) -> str:
    """Clean what a keyboard-wedge reader typed: control characters (STX/ETX), spaces and
    tabs go, CR/LF become one LF, letters are upper-cased. Line breaks are kept as given."""
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t]+", "", text)
    # Some keyboard layouts make a reader type '«' or a shifted key for '<'; never seen '<' lost.
    return "\n".join(line for line in text.upper().split("\n") if line)


def split_mrz_lines(text: str) -> tuple[MrzFormat, tuple[str, ...]]:
    """Return the format and the lines of an MRZ typed with or without line breaks."""
    clean = normalize_mrz_text(text)
    lines = clean.split("\n") if clean else []
    for _fmt, n, width in _LAYOUTS:
        if len(lines) == n and all(len(line) == width for line in lines):
            return format_of(lines), tuple(lines)
    # Without (or with misplaced) line breaks: the total length tells the format.
    joined = "".join(lines)
    for _fmt, n, width in _LAYOUTS:
        if len(joined) == n * width:
            split = tuple(joined[i * width : (i + 1) * width] for i in range(n))
            return format_of(split), split
    raise MrzError("mrz.layout", lines=len(lines), widths=[len(line) for line in lines] or [0])


# --- parsing ---------------------------------------------------------------------------------


def _names(field_text: str) -> tuple[str, str, bool]:
    truncated = not field_text.endswith("<")
    primary, _, secondary = field_text.partition("<<")
    surname = primary.replace("<", " ").strip()
    given = re.sub(r" +", " ", secondary.replace("<", " ")).strip()
    return surname, given, truncated


def _date(raw: str, *, kind: str, today: date) -> date | None:
    if not raw.isdigit():
        return None
    yy, mm, dd = int(raw[:2]), int(raw[2:4]), int(raw[4:6])
    if kind == "birth":
        # A person is never born in the future: 20YY if that is not after today, else 19YY.
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
    else:
        # Documents are valid at most some decades: 20YY unless that is absurdly far (>50 y).
        year = 2000 + yy if 2000 + yy <= today.year + 50 else 1900 + yy
    try:
        d = date(year, mm, dd)
    except ValueError:
        return None
    if kind == "birth" and d > today:
        try:
            d = date(year - 100, mm, dd)
        except ValueError:
            return None
    return d


def _check(name: str, data: str, found: str) -> FieldCheck:
    # A field that is entirely filler may carry '<' as its check digit (9303 part 4 §4.2.2).
    expected = check_digit(data)
    if found == "<" and set(data) <= {"<"}:
        expected = "<"
    return FieldCheck(name=name, data=data, found=found, expected=expected)


def parse_mrz(text: str | tuple[str, ...] | list[str], today: date) -> MrzResult:
    """Parse an MRZ (TD1, TD2, TD3, MRV-A, MRV-B; lines, or text as typed by a reader) and
    check every digit.

    Raises :class:`MrzError` only when the text cannot be an MRZ (shape, characters).
    Check-digit failures and bad dates are recorded in the result, never corrected here.
    ``today`` (the desk's day) tells the century of a two-digit year and a date of birth in
    the future.
    """
    if isinstance(text, str):
        fmt, lines = split_mrz_lines(text)
    else:
        fmt, lines = split_mrz_lines("\n".join(text))
    for line in lines:
        bad = sorted({ch for ch in line if ch not in MRZ_ALPHABET})
        if bad:
            raise MrzError("mrz.characters", chars=" ".join(bad))
    if fmt is MrzFormat.TD3:
        return _parse_td3(lines, today)
    if fmt is MrzFormat.TD1:
        return _parse_td1(lines, today)
    return _parse_two_line(fmt, lines, today)


def _finish(
    fmt: MrzFormat,
    lines: tuple[str, ...],
    *,
    document_code: str,
    issuing_state: str,
    name_field: str,
    document_number: str,
    nationality: str,
    birth_raw: str,
    sex: str,
    expiry_raw: str,
    optional_data: str,
    optional_data_2: str,
    checks: list[FieldCheck],
    today: date,
) -> MrzResult:
    surname, given, truncated = _names(name_field)
    problems: list[MrzProblem] = []
    birth = _date(birth_raw, kind="birth", today=today)
    expiry = _date(expiry_raw, kind="expiry", today=today)
    if birth is None:
        problems.append(MrzProblem.coded("mrz.birth_date_invalid", value=birth_raw))
    if expiry is None:
        problems.append(MrzProblem.coded("mrz.expiry_date_invalid", value=expiry_raw))
    sex_code = {"<": "X"}.get(sex, sex)
    if sex_code not in {"M", "F", "X"}:
        problems.append(MrzProblem.coded("mrz.sex_invalid", value=sex))
    if not surname:
        problems.append(MrzProblem.coded("mrz.no_surname"))
    if not re.fullmatch(r"[A-Z]{1,3}<{0,2}", issuing_state):
        problems.append(MrzProblem.coded("mrz.issuing_state_invalid", value=issuing_state))
    if not re.fullmatch(r"[A-Z]{1,3}<{0,2}", nationality):
        problems.append(MrzProblem.coded("mrz.nationality_invalid", value=nationality))
    # The name line has no check digit: its character set and the document code are the only
    # checks there are (9303 part 4 §4.2.2: A–Z and '<' only; TD3 code P, visas V, TD1 and
    # TD2 A, C, I; the second character is the issuer's choice — the US prints C1).
    if re.search(r"[0-9]", name_field):
        problems.append(MrzProblem.coded("mrz.name_digits"))
    allowed = {MrzFormat.TD3: "P", MrzFormat.MRVA: "V", MrzFormat.MRVB: "V"}.get(fmt, "ACI")
    if document_code[:1] not in allowed or not re.fullmatch(r"[A-Z][A-Z0-9<]", document_code):
        problems.append(
            MrzProblem.coded("mrz.document_code_invalid", value=document_code, format=fmt.value)
        )
    return MrzResult(
        format=fmt,
        lines=lines,
        document_code=document_code.rstrip("<"),
        issuing_state=issuing_state.rstrip("<"),
        surname=surname,
        given_names=given,
        document_number=document_number.rstrip("<").replace("<", ""),
        nationality=nationality.rstrip("<"),
        birth_date_raw=birth_raw,
        birth_date=birth,
        sex=sex_code,
        expiry_date_raw=expiry_raw,
        expiry_date=expiry,
        optional_data=optional_data.rstrip("<").replace("<", " ").strip(),
        optional_data_2=optional_data_2.rstrip("<").replace("<", " ").strip(),
        checks=tuple(checks),
        problems=tuple(problems),
        name_truncated=truncated,
    )


def _parse_td3(lines: tuple[str, ...], today: date) -> MrzResult:
    l1, l2 = lines
    number, number_cd = l2[0:9], l2[9]
    birth, birth_cd = l2[13:19], l2[19]
    expiry, expiry_cd = l2[21:27], l2[27]
    personal, personal_cd = l2[28:42], l2[42]
    composite_data = l2[0:10] + l2[13:20] + l2[21:43]
    checks = [
        _check("document_number", number, number_cd),
        _check("birth_date", birth, birth_cd),
        _check("expiry_date", expiry, expiry_cd),
        _check("personal_number", personal, personal_cd),
        _check("composite", composite_data, l2[43]),
    ]
    return _finish(
        MrzFormat.TD3,
        lines,
        document_code=l1[0:2],
        issuing_state=l1[2:5],
        name_field=l1[5:44],
        document_number=number,
        nationality=l2[10:13],
        birth_raw=birth,
        sex=l2[20],
        expiry_raw=expiry,
        optional_data=personal,
        optional_data_2="",
        checks=checks,
        today=today,
    )


def _parse_two_line(fmt: MrzFormat, lines: tuple[str, ...], today: date) -> MrzResult:
    """TD2 (2 × 36) and the visas MRV-A (2 × 44) and MRV-B (2 × 36): line 2 is laid out as in
    a passport up to the expiry's check digit; then optional data, and (TD2 only) a composite
    check digit. Visas have no composite (9303 part 7)."""
    l1, l2 = lines
    width = len(l1)
    number, number_cd = l2[0:9], l2[9]
    birth, birth_cd = l2[13:19], l2[19]
    expiry, expiry_cd = l2[21:27], l2[27]
    if fmt is MrzFormat.TD2:
        optional = l2[28:35]
        if number_cd == "<" and optional.strip("<"):
            # 9303 part 6 §4.2.4: a longer number continues in the optional data, its check
            # digit after the last character of the number.
            rest = optional.rstrip("<")
            number, number_cd = number + rest[:-1], rest[-1]
            optional = optional[len(rest) :]
        checks = [
            _check("document_number", number, number_cd),
            _check("birth_date", birth, birth_cd),
            _check("expiry_date", expiry, expiry_cd),
            _check("composite", l2[0:10] + l2[13:20] + l2[21:35], l2[35]),
        ]
    else:
        optional = l2[28:width]
        checks = [
            _check("document_number", number, number_cd),
            _check("birth_date", birth, birth_cd),
            _check("expiry_date", expiry, expiry_cd),
        ]
    return _finish(
        fmt,
        lines,
        document_code=l1[0:2],
        issuing_state=l1[2:5],
        name_field=l1[5:width],
        document_number=number,
        nationality=l2[10:13],
        birth_raw=birth,
        sex=l2[20],
        expiry_raw=expiry,
        optional_data=optional,
        optional_data_2="",
        checks=checks,
        today=today,
    )


def _parse_td1(lines: tuple[str, ...], today: date) -> MrzResult:
    l1, l2, l3 = lines
    number, number_cd, optional1 = l1[5:14], l1[14], l1[15:30]
    number_field = l1[5:30]  # for the composite
    if number_cd == "<" and optional1.strip("<"):
        # 9303 part 5 §4.2.4 note j: a number longer than 9 characters continues in the
        # optional data, whose last non-filler character is then the number's check digit.
        rest = optional1.rstrip("<")
        number = number + rest[:-1]
        number_cd = rest[-1]
        optional1 = optional1[len(rest) :]
    birth, birth_cd = l2[0:6], l2[6]
    expiry, expiry_cd = l2[8:14], l2[14]
    composite_data = number_field + l2[0:7] + l2[8:15] + l2[18:29]
    checks = [
        _check("document_number", number, number_cd),
        _check("birth_date", birth, birth_cd),
        _check("expiry_date", expiry, expiry_cd),
        _check("composite", composite_data, l2[29]),
    ]
    return _finish(
        MrzFormat.TD1,
        lines,
        document_code=l1[0:2],
        issuing_state=l1[2:5],
        name_field=l3,
        document_number=number,
        nationality=l2[15:18],
        birth_raw=birth,
        sex=l2[7],
        expiry_raw=expiry,
        optional_data=optional1,
        optional_data_2=l2[18:29],
        checks=checks,
        today=today,
    )


# --- readers that type or send the lines -----------------------------------------------------


class MrzAccumulator:
    """Collects characters from a reader (wedge keystrokes or serial bytes) and emits an
    MRZ each time the lines seen so far form a complete TD3 or TD1 zone."""

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        self._lines: list[str] = []
        self._current = ""
        self._today = today

    def feed(self, text: str) -> list[MrzResult]:
        out: list[MrzResult] = []
        for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
            if ch == "\n":
                line = normalize_mrz_text(self._current)
                self._current = ""
                if line:
                    self._lines.append(line)
                    result = self._try_complete()
                    if result is not None:
                        out.append(result)
            else:
                self._current += ch
        return out

    def flush(self) -> list[MrzResult]:
        """End of input (a pause, end of stream): use a last line without a line break."""
        return self.feed("\n") if self._current else []

    def _try_complete(self) -> MrzResult | None:
        for n, width in ((2, 44), (3, 30), (2, 36)):
            tail = self._lines[-n:]
            if len(tail) == n and all(len(x) == width for x in tail):
                if n == 2 and len(self._lines) >= 3 and all(len(x) == 30 for x in self._lines[-3:]):
                    continue
                self._lines.clear()
                return parse_mrz(tuple(tail), today=self._today())
        # A reader that sends everything on one line: 88, 90 or 72 characters.
        last = self._lines[-1]
        if len(last) in (88, 90, 72):
            self._lines.clear()
            return parse_mrz(last, today=self._today())
        if len(self._lines) > 3:
            del self._lines[:-3]
        return None


class MrzStreamReader:
    """Reads MRZs from a byte or text stream: a serial-port passport reader (pyserial's
    ``Serial`` is such a stream), a pipe, or a file in tests.

    Readers send ASCII lines ending in CR, LF or CR LF; anything else is ignored. By default
    the iteration ends at end of stream (or at a serial read timeout with nothing read); with
    ``keep_listening`` it goes on until ``should_stop()`` says so, checked at every timeout —
    that is how the desk listens to a reader on a worker thread.
    """

    def __init__(
        self,
        stream: IO[bytes] | IO[str] | Any,
        today: Callable[[], date] = date.today,
        *,
        keep_listening: bool = False,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self._stream = stream
        self._acc = MrzAccumulator(today)
        self._keep = keep_listening
        self._should_stop = should_stop or (lambda: False)

    @classmethod
    def open_serial(
        cls,
        port: str,
        baudrate: int = 9600,
        timeout: float = 0.5,
        *,
        keep_listening: bool = True,
        should_stop: Callable[[], bool] | None = None,
        today: Callable[[], date] = date.today,
    ) -> MrzStreamReader:
        """Open a serial reader (COM3, /dev/ttyUSB0 ...) with the ``pyserial`` package."""
        try:
            import serial
        except ImportError as exc:  # the optional extra `readers`
            raise MrzError("mrz.serial_missing", package="pyserial") from exc
        try:
            port_stream = serial.Serial(port, baudrate=baudrate, timeout=timeout)
        except (serial.SerialException, ValueError) as exc:
            raise MrzError("mrz.port_failed", port=port, detail=str(exc)) from exc
        return cls(port_stream, today, keep_listening=keep_listening, should_stop=should_stop)

    def __iter__(self) -> Iterator[MrzResult]:
        while not self._should_stop():
            chunk = self._stream.readline()
            if not chunk:  # end of stream, or a read timeout with nothing read
                yield from self._acc.flush()
                if self._keep:
                    continue
                return
            text = chunk.decode("ascii", errors="replace") if isinstance(chunk, bytes) else chunk
            yield from self._acc.feed(text)

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


# --- comparison with the questionnaire -------------------------------------------------------

# ICAO 9303 part 3 §6 (Cyrillic), extended with the Kazakh letters.
_CYRILLIC = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU",
    "Я": "IA", "Ә": "A", "Ғ": "G", "Қ": "Q", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U",
    "Һ": "H", "І": "I",
}  # fmt: skip


def transliterate(text: str) -> str:
    """Cyrillic (Russian and Kazakh letters) to MRZ Latin, ICAO style; Latin passes through
    with diacritics removed. Only for *comparison*: names are stored as printed."""
    out = []
    for ch in text.upper():
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


# Kazakh passports were issued under several romanisations over the years (ZH/J, KH/H,
# Y/I, IA/YA, Q/K ...): comparison folds these together so that only real differences show.
_FOLDS = (
    ("SHCH", "SH"), ("ZH", "J"), ("KH", "H"), ("TS", "C"), ("IU", "U"), ("YU", "U"),
    ("IA", "A"), ("YA", "A"), ("IE", "E"), ("YE", "E"), ("Y", "I"), ("Q", "K"),
    ("DJ", "J"), ("W", "V"),
)  # fmt: skip


def fold_latin(text: str) -> str:
    s = re.sub(r"[^A-Z]", "", transliterate(text))
    for a, b in _FOLDS:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)  # doubled letters (NN/N) are spelled either way


@dataclass(frozen=True)
class Mismatch:
    """One disagreement between the MRZ and the questionnaire, for the officer to resolve."""

    field: str
    mrz_value: str
    questionnaire_value: str  # or, for the document number, what the checklist recorded
    note_code: str = ""  # a note's wording in `desktop.scanning.messages` ("" none)

    @property
    def note_text(self) -> Text:
        return scan_text(self.note_code) if self.note_code else Text("", "", "")

    @property
    def note(self) -> str:
        """The note in English (the log, `--json`)."""
        return self.note_text.en


_SEX_WORDS = {
    "M": "M", "MALE": "M", "М": "M", "Е": "M", "ЕР": "M", "МУЖ": "M", "МУЖСКОЙ": "M",
    "F": "F", "FEMALE": "F", "Ж": "F", "ӘЙЕЛ": "F", "ЖЕН": "F", "ЖЕНСКИЙ": "F",
}  # fmt: skip


def compare_with_questionnaire(
    mrz: MrzResult,
    *,
    surname: str | None = None,
    given_names: str | None = None,
    birth_date: date | None = None,
    sex: str | None = None,
) -> list[Mismatch]:
    """Compare an MRZ with questionnaire facts given as plain values (Cyrillic or Latin).

    Names are compared after transliteration and folding of the usual romanisation variants;
    a missing questionnaire value is not a mismatch (nothing to compare with yet).
    """
    found: list[Mismatch] = []
    if surname and fold_latin(surname) != fold_latin(mrz.surname):
        found.append(Mismatch("surname", mrz.surname, surname))
    if given_names:
        q_first = given_names.split()
        m_first = mrz.given_names.split()
        # The questionnaire may hold a patronymic that the passport omits: compare the names
        # the passport prints, in order, against the start of the questionnaire's.
        same = len(m_first) <= len(q_first) and all(
            fold_latin(a) == fold_latin(b) for a, b in zip(m_first, q_first, strict=False)
        )
        if not same or (not m_first and q_first):
            found.append(Mismatch("given_names", mrz.given_names, given_names, note_code=(
                "mrz.note_name_truncated" if mrz.name_truncated else "")))  # fmt: skip
    if birth_date is not None:
        if mrz.birth_date is None:
            found.append(
                Mismatch(
                    "birth_date",
                    mrz.birth_date_raw,
                    birth_date.isoformat(),
                    note_code="mrz.note_birth_incomplete",
                )
            )
        elif mrz.birth_date != birth_date:
            found.append(Mismatch("birth_date", mrz.birth_date.isoformat(), birth_date.isoformat()))
    if sex:
        q_sex = _SEX_WORDS.get(sex.strip().upper(), sex.strip().upper())
        if mrz.sex != "X" and q_sex != mrz.sex:
            found.append(Mismatch("sex", mrz.sex, sex))
    return found


# --- composing an MRZ (demo data, synthetic test images) -------------------------------------


def _pad(value: str, width: int) -> str:
    value = re.sub(r"[^A-Z0-9<]", "<", value.upper().replace(" ", "<").replace("-", "<"))
    if len(value) > width:
        raise MrzError("mrz.too_long", value=value, width=width)
    return value + "<" * (width - len(value))


def _name_field(surname: str, given_names: str, width: int) -> str:
    s = transliterate(surname).replace(" ", "<")
    g = transliterate(given_names).replace(" ", "<")
    text = f"{s}<<{g}" if g else s
    return _pad(text[:width], width)


def compose_td3(
    *,
    surname: str,
    given_names: str,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    issuing_state: str = "KAZ",
    nationality: str = "KAZ",
    personal_number: str = "",
    document_code: str = "P",
) -> tuple[str, str]:
    """Two lines of a passport MRZ with every check digit computed (ICAO 9303 part 4)."""
    l1 = _pad(document_code, 2) + _pad(issuing_state, 3) + _name_field(surname, given_names, 39)
    number = _pad(document_number, 9)
    personal = _pad(personal_number, 14)
    personal_cd = "<" if set(personal) == {"<"} else check_digit(personal)
    birth = birth_date.strftime("%y%m%d")
    expiry = expiry_date.strftime("%y%m%d")
    body = (
        number
        + check_digit(number)
        + _pad(nationality, 3)
        + birth
        + check_digit(birth)
        + _pad(sex, 1)
        + expiry
        + check_digit(expiry)
        + personal
        + personal_cd
    )
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    return l1, body + composite


def compose_td1(
    *,
    surname: str,
    given_names: str,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    issuing_state: str = "KAZ",
    nationality: str = "KAZ",
    optional_data: str = "",
    optional_data_2: str = "",
    document_code: str = "I",
) -> tuple[str, str, str]:
    """Three lines of an ID-card MRZ (numbers of at most 9 characters)."""
    number = _pad(document_number, 9)
    l1 = (
        _pad(document_code, 2)
        + _pad(issuing_state, 3)
        + number
        + check_digit(number)
        + _pad(optional_data, 15)
    )
    birth = birth_date.strftime("%y%m%d")
    expiry = expiry_date.strftime("%y%m%d")
    l2 = (
        birth
        + check_digit(birth)
        + _pad(sex, 1)
        + expiry
        + check_digit(expiry)
        + _pad(nationality, 3)
        + _pad(optional_data_2, 11)
    )
    composite = check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    return l1, l2 + composite, _name_field(surname, given_names, 30)
