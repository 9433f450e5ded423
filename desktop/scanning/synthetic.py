"""Synthetic passport data pages and ID cards of fictitious people, for tests and benchmarks.

Each sample carries the MRZ lines it was drawn with, so the OCR's accuracy can be measured.
The MRZ is set in OCR-B at ICAO size (10 characters per inch, 9303 part 3 §4.2) and the
image is degraded like a desk scan: paper tint, background pattern, noise, blur, a slight
rotation and JPEG compression. No real person's data: names are drawn from short lists and
combined at random.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from desktop.resources import font_path
from desktop.scanning.mrz import MrzFormat, compose_td1, compose_td3
from desktop.scanning.ocr import ocrb_font_path

__all__ = [
    "SyntheticIdentity",
    "SyntheticSample",
    "a4_copy",
    "generate_set",
    "on_a4",
    "other_ocrb_fonts",
    "random_identity",
    "realistic",
    "render",
]

_SURNAMES = (
    "ABENOV", "AKHMETOVA", "BAIMUKHAMBETOV", "DZHAKSYBEKOVA", "ESPENBETOV", "ZHUMABAYEVA",
    "IBRAYEV", "KASYMOVA", "MUKHTAROV", "NURPEISOVA", "ORAZBAYEV", "SADYKOVA", "TOKHTAROV",
    "UTEPBERGENOVA", "KHAMITOV", "SHAIMERDENOVA", "YERZHANOV", "KUANYSHBAYEVA", "OQ", "LI",
)  # fmt: skip
_GIVEN = (
    "AIGERIM", "ARMAN", "DANIYAR", "GULNARA", "YERLAN", "ZHANAR", "KAIRAT", "MADINA",
    "NURLAN", "SAULE", "TIMUR", "ASEL", "BAUYRZHAN", "DINARA", "ALIYA", "OLZHAS", "ZARINA",
)  # fmt: skip


@dataclass(frozen=True)
class SyntheticIdentity:
    surname: str
    given_names: str
    document_number: str
    birth_date: date
    sex: str
    expiry_date: date
    iin: str


@dataclass(frozen=True)
class SyntheticSample:
    format: MrzFormat
    identity: SyntheticIdentity
    lines: tuple[str, ...]
    image: Image.Image
    dpi: int


def _iin(birth: date, sex: str, rng: random.Random) -> str:
    """A checksum-valid IIN for a fictitious person (FIELD-NOTES: weights 1..11, then 3..2)."""
    century = {18: 1, 19: 3, 20: 5}[birth.year // 100] + (0 if sex == "M" else 1)
    while True:
        digits = birth.strftime("%y%m%d") + str(century) + f"{rng.randrange(10000):04d}"
        d = [int(c) for c in digits]
        s = sum(w * x for w, x in zip(range(1, 12), d, strict=True)) % 11
        if s == 10:
            s = sum(w * x for w, x in zip((3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), d, strict=True)) % 11
        if s != 10:
            return digits + str(s)


def random_identity(rng: random.Random, fmt: MrzFormat = MrzFormat.TD3) -> SyntheticIdentity:
    sex = rng.choice("MF")
    surname = rng.choice(_SURNAMES)
    if sex == "F" and not surname.endswith("A") and len(surname) > 3:
        surname += "A"
    given = rng.choice(_GIVEN)
    if rng.random() < 0.3:
        given += " " + rng.choice(_GIVEN)
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 60))
    expiry = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 12))
    if fmt is MrzFormat.TD3:
        number = "N" + f"{rng.randrange(10**8):08d}"  # FIELD-NOTES: N + 8 digits
    else:
        number = f"{rng.randrange(10**9):09d}"  # ID card: 9 digits
    return SyntheticIdentity(surname, given, number, birth, sex, expiry, _iin(birth, sex, rng))


def _mm(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


def render(
    identity: SyntheticIdentity,
    fmt: MrzFormat,
    rng: random.Random,
    *,
    dpi: int = 300,
    degrade: bool = True,
    lines: tuple[str, ...] | None = None,
    mrz_font: Path | None = None,
) -> SyntheticSample:
    """Draw a data page (TD3, 125 × 88 mm), a TD2 card or visa (105 × 74 mm) or the back of
    an ID card (TD1, 85.6 × 54 mm). ``mrz_font``: another OCR-B rendering for the zone."""
    if lines is not None:
        # Given lines (a test drawing a misprinted or tampered MRZ, a TD2, a visa) are drawn
        # as they are, on a document of their size.
        size_mm = {44: (125.0, 88.0), 36: (105.0, 74.0)}.get(len(lines[0]), (85.6, 54.0))
    elif fmt is MrzFormat.TD3:
        lines = compose_td3(
            surname=identity.surname, given_names=identity.given_names,
            document_number=identity.document_number, birth_date=identity.birth_date,
            sex=identity.sex, expiry_date=identity.expiry_date, personal_number=identity.iin,
        )  # fmt: skip
        size_mm = (125.0, 88.0)
    else:
        lines = compose_td1(
            surname=identity.surname, given_names=identity.given_names,
            document_number=identity.document_number, birth_date=identity.birth_date,
            sex=identity.sex, expiry_date=identity.expiry_date, optional_data=identity.iin,
        )  # fmt: skip
        size_mm = (85.6, 54.0)
    w, h = _mm(size_mm[0], dpi), _mm(size_mm[1], dpi)
    tint = tuple(rng.randrange(225, 250) for _ in range(3))
    page = Image.new("RGB", (w, h), tint)
    draw = ImageDraw.Draw(page)
    # A light guilloche-like background pattern over the upper part (not the MRZ band).
    mrz_top = h - _mm(4.0 + 4.23 * len(lines), dpi)
    colour = tuple(max(0, c - rng.randrange(25, 45)) for c in tint)
    for k in range(0, w, max(4, _mm(1.5, dpi))):
        pts = [
            (k + _mm(3, dpi) * math.sin(y / _mm(6, dpi) + k), y)
            for y in range(0, mrz_top - _mm(2, dpi), max(2, _mm(1, dpi)))
        ]
        draw.line(pts, fill=colour, width=1)
    label = ImageFont.truetype(str(font_path()), _mm(2.2, dpi))
    value = ImageFont.truetype(str(font_path(bold=True)), _mm(3.0, dpi))
    draw.text((_mm(4, dpi), _mm(3, dpi)), "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ / SPECIMEN", font=label,
              fill=(40, 40, 90))  # fmt: skip
    photo = (_mm(4, dpi), _mm(10, dpi), _mm(4 + size_mm[0] * 0.26, dpi), mrz_top - _mm(4, dpi))
    draw.rectangle(photo, fill=(170, 170, 175))
    draw.ellipse(
        (photo[0] + _mm(4, dpi), photo[1] + _mm(4, dpi), photo[2] - _mm(4, dpi),
         photo[3] - _mm(2, dpi)),
        fill=(120, 110, 105),
    )  # fmt: skip
    x = photo[2] + _mm(5, dpi)
    fields = (
        ("Тегі / Surname", identity.surname),
        ("Аты / Given names", identity.given_names),
        ("Туған күні / Date of birth", identity.birth_date.strftime("%d.%m.%Y")),
        ("Жарамды / Date of expiry", identity.expiry_date.strftime("%d.%m.%Y")),
    )
    y = _mm(9, dpi)
    step = (mrz_top - _mm(12, dpi)) // len(fields)
    for name, text in fields:
        draw.text((x, y), name, font=label, fill=(80, 80, 80))
        draw.text((x, y + _mm(2.6, dpi)), text, font=value, fill=(20, 20, 20))
        y += step
    # The MRZ: OCR-B at 10 characters per inch, lines about 4.23 mm apart (9303 part 3).
    zone_font = str(mrz_font or ocrb_font_path())
    ocrb = ImageFont.truetype(zone_font, 10)
    size = round(10 * (25.4 / 10 * dpi / 25.4) / ocrb.getlength("0"))
    ocrb = ImageFont.truetype(zone_font, size)
    ink = rng.randrange(0, 50)
    left = _mm(rng.uniform(4.0, 6.5) if len(lines[0]) == 44 else rng.uniform(2.5, 3.5), dpi)
    for i, line in enumerate(lines):
        y = mrz_top + _mm(1.0 + 4.23 * i, dpi)
        draw.text((left, y), line, font=ocrb, fill=(ink, ink, ink))
    if degrade:
        page = _degrade(page, rng)
    return SyntheticSample(fmt, identity, lines, page, dpi)


def _degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    import numpy as np

    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1)))
    page = page.rotate(rng.uniform(-2.0, 2.0), resample=Image.Resampling.BICUBIC, expand=True,
                       fillcolor=(250, 250, 250))  # fmt: skip
    arr = np.asarray(page).astype(np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    arr += gen.standard_normal(arr.shape, dtype=np.float32) * np.float32(rng.uniform(3, 10))
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=rng.randrange(70, 92))
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def other_ocrb_fonts() -> list[Path]:
    """OCR-B renderings other than the reader's own (Debian's fonts-ocr-b: the sharp cut),
    where installed: a zone drawn with them tests the reader on another printer's glyphs."""
    folder = Path("/usr/share/fonts/opentype/ocr-b")
    return [p for p in (folder / "OCRBS.otf", folder / "OCRBL.otf") if p.is_file()][:1]


def realistic(sample: SyntheticSample, rng: random.Random) -> SyntheticSample:
    """The picture a desk camera or a phone takes: the document turned (a quarter turn or
    more, and askew up to ±20°), seen at a slant (perspective), on a darker desk, with a
    laminate's glare, low contrast, blur, sensor noise and strong JPEG compression."""
    import numpy as np

    page = sample.image.convert("RGB")
    w, h = page.size
    # Lower contrast, then glare: a bright soft ellipse somewhere over the page.
    arr = np.asarray(page).astype(np.float32)
    arr = 255 - (255 - arr) * rng.uniform(0.55, 0.9)
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.1, 0.9) * h
    rx, ry = rng.uniform(0.15, 0.35) * w, rng.uniform(0.1, 0.3) * h
    glare = np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2))[..., None]
    arr = arr + (255 - arr) * glare * rng.uniform(0.2, 0.45)
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    # Perspective: the far edge up to 8 % shorter than the near one.
    m = rng.uniform(0.0, 0.08) * w
    quad = (0, 0, -m / 2, h, w + m / 2, h, w, 0) if rng.random() < 0.5 else (
        -m / 2, 0, 0, h, w, h, w + m / 2, 0)  # fmt: skip
    desk = tuple(rng.randrange(90, 160) for _ in range(3))
    page = page.transform((w, h), Image.Transform.QUAD, quad, Image.Resampling.BICUBIC,
                          fillcolor=desk)  # fmt: skip
    canvas = Image.new("RGB", (int(w * 1.3), int(h * 1.4)), desk)
    canvas.paste(page, (int(w * 0.15), int(h * 0.2)))
    angle = rng.choice((0, 90, 180, 270)) + rng.uniform(-20, 20)
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=desk)
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.2)))
    arr = np.asarray(canvas).astype(np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    arr += gen.standard_normal(arr.shape, dtype=np.float32) * np.float32(rng.uniform(3, 8))
    buf = io.BytesIO()
    Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).save(
        buf, "JPEG", quality=rng.randrange(45, 75)
    )
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return replace(sample, image=out)


def on_a4(sample: SyntheticSample, rng: random.Random) -> SyntheticSample:
    """The same document copied onto an A4 sheet at a random place (a "scan to folder" copy)."""
    dpi = sample.dpi
    sheet = Image.new("RGB", (_mm(210, dpi), _mm(297, dpi)), (252, 252, 250))
    x = rng.randrange(0, max(1, sheet.width - sample.image.width))
    y = rng.randrange(0, max(1, sheet.height // 2 - sample.image.height // 2))
    sheet.paste(sample.image.convert("RGB"), (x, y))
    return SyntheticSample(sample.format, sample.identity, sample.lines, sheet, dpi)


def generate_set(
    n: int, seed: int = 2026, *, td1_share: float = 0.3, a4_share: float = 0.0
) -> list[SyntheticSample]:
    """``n`` degraded samples, passports and ID cards mixed, scanned at 250–350 dpi;
    ``a4_share`` of them pasted on a whole A4 sheet."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        fmt = MrzFormat.TD1 if rng.random() < td1_share else MrzFormat.TD3
        identity = random_identity(rng, fmt)
        sample = render(identity, fmt, rng, dpi=rng.choice((250, 300, 300, 350)))
        if rng.random() < a4_share:
            sample = on_a4(sample, rng)
        out.append(sample)
    return out


def a4_copy(rng: random.Random, dpi: int = 300, noise: float = 3.0) -> SyntheticSample:
    """A typical copy at a mission: a passport data page on the upper half of an A4 sheet and
    a block of printed text (a certificate's wording) below, with a scanner's sensor noise."""
    import numpy as np

    sample = render(random_identity(rng), MrzFormat.TD3, rng, dpi=dpi)
    sheet = Image.new("RGB", (_mm(210, dpi), _mm(297, dpi)), (250, 250, 248))
    sheet.paste(sample.image.convert("RGB"), (_mm(20, dpi), _mm(15, dpi)))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(font_path()), _mm(3.0, dpi))
    words = ("туу", "туралы", "куәлік", "свидетельство", "о", "рождении", "республика",
             "азамат", "гражданин", "дата", "место", "әкесі", "анасы", "отец", "мать")  # fmt: skip
    y = _mm(130, dpi)
    while y < _mm(280, dpi):
        line = " ".join(rng.choice(words) for _ in range(12))
        draw.text((_mm(20, dpi), y), line, font=font, fill=(25, 25, 30))
        y += _mm(6.0, dpi)
    arr = np.asarray(sheet).astype(np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    arr += gen.standard_normal(arr.shape, dtype=np.float32) * np.float32(noise)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    out.info["dpi"] = (dpi, dpi)
    return SyntheticSample(sample.format, sample.identity, sample.lines, out, dpi)
