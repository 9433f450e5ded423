"""The MRZ reader on synthetic passports and ID cards (OCR-B, noise, blur, rotation)."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime

import pytest
from PIL import Image, ImageDraw, ImageFont

from desktop.scanning.mrz import MrzFormat, compose_td3, parse_mrz
from desktop.scanning.ocr import ocrb_font_path, read_mrz_image
from desktop.scanning.synthetic import generate_set, random_identity, render

# The desk's day: the synthetic documents are dated from the day they are drawn.
TODAY = datetime.now(UTC).date()


def test_accuracy_on_a_generated_set() -> None:
    samples = generate_set(16, seed=4242, td1_share=0.4, a4_share=0.25)
    assert {s.format for s in samples} == {MrzFormat.TD1, MrzFormat.TD3}
    exact = 0
    for sample in samples:
        result = read_mrz_image(sample.image, today=TODAY)
        if result.ok and result.lines == sample.lines:
            exact += 1
        # Never a wrong reading that passes every check: it would pre-fill wrong data.
        if result.ok:
            assert result.lines == sample.lines
    assert exact >= 15, f"{exact}/16 read exactly"


def test_upside_down_page() -> None:
    sample = generate_set(1, seed=7)[0]
    result = read_mrz_image(sample.image.rotate(180, expand=True), today=TODAY)
    assert result.ok and result.lines == sample.lines


def test_page_without_mrz() -> None:
    result = read_mrz_image(Image.new("RGB", (1200, 900), (250, 250, 250)), today=TODAY)
    assert result.mrz is None
    assert result.error == "no machine-readable zone found on the page"


def _drawn(lines: tuple[str, str]) -> Image.Image:
    rng = random.Random(99)
    identity = random_identity(rng)
    return render(identity, MrzFormat.TD3, rng, dpi=300, lines=lines).image


def test_letter_in_a_date_is_corrected_only_when_the_check_digit_agrees() -> None:
    l1, l2 = compose_td3(
        surname="Abenov", given_names="Arman", document_number="N12345678",
        birth_date=date(1980, 1, 5), sex="M", expiry_date=date(2030, 10, 1),
    )  # fmt: skip
    assert l2[13:19] == "800105"
    printed = l2[:14] + "O" + l2[15:]  # a misprinted O in the date of birth
    result = read_mrz_image(_drawn((l1, printed)), today=TODAY)
    assert result.ok
    assert result.lines == (l1, l2)
    fixes = [c for c in result.corrections if c.field == "birth_date"]
    assert [(c.line, c.column, c.read, c.corrected) for c in fixes] == [(1, 14, "O", "0")]


def test_wrong_check_digit_is_reported_not_guessed() -> None:
    l1, l2 = compose_td3(
        surname="Abenov", given_names="Arman", document_number="N12345678",
        birth_date=date(1980, 1, 5), sex="M", expiry_date=date(2030, 10, 1),
    )  # fmt: skip
    wrong = str((int(l2[19]) + 3) % 10)
    tampered = l2[:19] + wrong + l2[20:]
    result = read_mrz_image(_drawn((l1, tampered)), today=TODAY)
    assert result.mrz is not None
    assert result.lines == (l1, tampered)  # read as printed
    assert {c.name for c in result.mrz.failed_checks} == {"birth_date", "composite"}
    assert not result.ok
    assert result.error is not None and "birth_date" in result.error
    # The parser agrees with the reader on the same text.
    assert parse_mrz(result.lines, today=TODAY).failed_checks == result.mrz.failed_checks


def test_small_print_is_read_or_refused_never_guessed() -> None:
    # A whole document photographed from afar: 6 to 7 pixels a character. Thin strokes are
    # grey smears there (the foot of an E or an L); most are still read, none wrongly.
    rng = random.Random(3)
    right = 0
    for i in range(8):
        fmt = MrzFormat.TD1 if i % 3 == 2 else MrzFormat.TD3
        sample = render(random_identity(rng, fmt), fmt, rng, dpi=300)
        f = (6.0 + rng.random()) / 30.0  # 300 dpi: 30 pixels a character
        image = sample.image.resize(
            (int(sample.image.width * f), int(sample.image.height * f)), Image.Resampling.LANCZOS
        )
        result = read_mrz_image(image, today=TODAY)
        if result.ok:
            assert result.lines == sample.lines
        right += result.ok
    assert right >= 5, f"{right} of 8"


def _line_with_enye(text: str, font_size: int = 48) -> Image.Image:
    """One MRZ line drawn cell by cell in OCR-B, each 'Ñ' as some cards print it: a
    shortened N under a tilde (OCR-B has no Ñ; it is no MRZ character)."""
    font = ImageFont.truetype(str(ocrb_font_path()), font_size)
    pitch = font.getlength("0")
    img = Image.new("L", (int(pitch * (len(text) + 4)), font_size * 2), 255)
    draw = ImageDraw.Draw(img)
    top = font_size // 2
    _, cap_top, _, baseline = font.getbbox("N")
    for i, ch in enumerate(text):
        x = int(pitch * (i + 2))
        if ch != "Ñ":
            draw.text((x, top), ch, font=font, fill=0)
            continue
        glyph = Image.new("L", (int(pitch), font_size * 2), 255)
        ImageDraw.Draw(glyph).text((0, 0), "N", font=font, fill=0)
        glyph = glyph.crop((0, cap_top, int(pitch), baseline))
        short = glyph.resize((glyph.width, int(glyph.height * 0.68)))
        img.paste(short, (x, top + baseline - short.height))
        y = top + baseline - short.height - int(0.2 * (baseline - cap_top))
        wave = [
            (x + 3 + k, y + 3 * math.sin(k / (pitch - 6) * 2 * math.pi))
            for k in range(int(pitch) - 6)
        ]
        draw.line(wave, fill=0, width=max(2, font_size // 14))
    return img


@pytest.mark.parametrize("scale", [1.0, 0.45])  # ~29 and ~13 pixels a character
def test_a_national_letter_printed_in_the_zone_is_read_as_its_base_letter(scale: float) -> None:
    want = (
        "IDESPAAA1000014<00000023T<<<<<",
        "7212018F1101236ESP<<<<<<<<<<<8",
        "ESPANOLA<ESPANOLA<CARMEN<<<<<<",
    )
    printed = (*want[:2], "ESPAÑOLA<ESPAÑOLA<CARMEN<<<<<<")
    rows = [_line_with_enye(line) for line in printed]
    page = Image.new("L", (rows[0].width + 200, 220 * len(rows) + 200), 255)
    for k, row in enumerate(rows):
        page.paste(row, (100, 100 + k * int(row.height * 0.85)))
    size = (int(page.width * scale), int(page.height * scale))
    result = read_mrz_image(page.resize(size, Image.Resampling.LANCZOS).convert("RGB"), today=TODAY)
    assert result.lines == want
    # The specimen's own check digits are wrong: reported, never corrected.
    assert result.mrz is not None and not result.ok
    marks = [(c.line, c.column) for c in result.corrections if "mark printed above" in c.reason]
    assert marks == [(2, 4), (2, 13)]


def _zone_reading(doubtful: str) -> tuple[list[str], list[str]]:
    """A TD1 card's raw reading whose number's 0s were all read as O, each scoring within a
    hair of 0 (as on a card printed in another OCR-B); the cells as matched: the zone's 0s
    (in its dates) look alike, its O (in the name) looks otherwise, the doubtful cells look
    like the 0s (``doubtful='zero'``) or halfway (``'both'``)."""
    import numpy as np

    from desktop.scanning.mrz import MRZ_ALPHABET
    from desktop.scanning.ocr.correct import apply_constraints

    raw = [
        "IDCHESOOO2O68<8<<<<<<<<<<<<<<<",
        "8102287F1301014CHE<<<<<<<<<<<4",
        "VADIS<<QUO<<<<<<<<<<<<<<<<<<<<",
    ]
    rng = np.random.default_rng(1)
    zero, letter_o = rng.normal(size=480), rng.normal(size=480)
    cells = rng.normal(size=(90, 480))
    details = []
    for li, line in enumerate(raw):
        row = []
        for col, ch in enumerate(line):
            scores = dict.fromkeys(MRZ_ALPHABET, 0.5)
            scores[ch] = 0.9
            if li == 0 and col in (6, 7, 8, 10):
                scores["0"] = 0.88
                cells[col] = zero if doubtful == "zero" else zero + letter_o
            row.append((ch, 0.9, scores))
        details.append(row)
    for col in (2, 10, 12):  # the 0s of the dates of birth and expiry
        cells[30 + col] = zero + 0.1 * rng.normal(size=480)
    cells[60 + 9] = letter_o  # the O of QUO
    cells = cells - cells.mean(axis=1, keepdims=True)
    cells /= np.linalg.norm(cells, axis=1, keepdims=True)
    lines, corrections = apply_constraints(raw, MrzFormat.TD1, details, cells)
    return lines, [c.reason for c in corrections]


def test_o_or_0_that_the_check_digit_cannot_tell_is_told_by_the_zones_own_print() -> None:
    # O at positions 7, 8, 9 and 11 of the number: three choices agree with its check digit.
    lines, reasons = _zone_reading("zero")
    assert lines[0] == "IDCHES0002068<8<<<<<<<<<<<<<<<"
    assert parse_mrz(tuple(lines), today=TODAY).valid
    assert reasons.count("O and 0 look alike here; only this one agrees with the check digits") == 4


def test_o_or_0_left_unread_when_the_zones_own_print_does_not_tell_either() -> None:
    lines, _ = _zone_reading("both")
    assert lines[0] == "IDCHESOOO2O68<8<<<<<<<<<<<<<<<"
    failed = {c.name for c in parse_mrz(tuple(lines), today=TODAY).failed_checks}
    assert "document_number" in failed
