"""The MRZ reader on synthetic passports and ID cards (OCR-B, noise, blur, rotation)."""

from __future__ import annotations

import random
from datetime import date

from PIL import Image

from desktop.scanning.mrz import MrzFormat, compose_td3, parse_mrz
from desktop.scanning.ocr import read_mrz_image
from desktop.scanning.synthetic import generate_set, random_identity, render


def test_accuracy_on_a_generated_set() -> None:
    samples = generate_set(16, seed=4242, td1_share=0.4, a4_share=0.25)
    assert {s.format for s in samples} == {MrzFormat.TD1, MrzFormat.TD3}
    exact = 0
    for sample in samples:
        result = read_mrz_image(sample.image)
        if result.ok and result.lines == sample.lines:
            exact += 1
        # Never a wrong reading that passes every check: it would pre-fill wrong data.
        if result.ok:
            assert result.lines == sample.lines
    assert exact >= 15, f"{exact}/16 read exactly"


def test_upside_down_page() -> None:
    sample = generate_set(1, seed=7)[0]
    result = read_mrz_image(sample.image.rotate(180, expand=True))
    assert result.ok and result.lines == sample.lines


def test_page_without_mrz() -> None:
    result = read_mrz_image(Image.new("RGB", (1200, 900), (250, 250, 250)))
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
    result = read_mrz_image(_drawn((l1, printed)))
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
    result = read_mrz_image(_drawn((l1, tampered)))
    assert result.mrz is not None
    assert result.lines == (l1, tampered)  # read as printed
    assert {c.name for c in result.mrz.failed_checks} == {"birth_date", "composite"}
    assert not result.ok
    assert result.error is not None and "birth_date" in result.error
    # The parser agrees with the reader on the same text.
    assert parse_mrz(result.lines).failed_checks == result.mrz.failed_checks
