"""MRZ parsing and checking: ICAO 9303 specimens, every check digit, wedge and serial input."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.scanning.mrz import (
    MrzAccumulator,
    MrzError,
    MrzFormat,
    MrzStreamReader,
    check_digit,
    compare_with_questionnaire,
    compose_td1,
    compose_td3,
    fold_latin,
    parse_mrz,
)

TODAY = date(2026, 11, 24)
# The specimens of ICAO Doc 9303 part 4 (TD3) and part 5 (TD1).
TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


def _kaz_passport(**over: object) -> tuple[str, str]:
    args: dict[str, object] = dict(
        surname="Жұмабаева",
        given_names="Айгерим",
        document_number="N12345678",
        birth_date=date(1990, 3, 8),
        sex="F",
        expiry_date=date(2030, 5, 1),
        personal_number="900308450123",
    )
    args.update(over)
    return compose_td3(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "digit"),
    [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"),
     ("D23145890", "7"), ("<<<<<<<<<", "0"), ("AB2134", "5")],
)  # fmt: skip
def test_check_digit(data: str, digit: str) -> None:
    assert check_digit(data) == digit


def test_td3_specimen() -> None:
    r = parse_mrz("\n".join(TD3), today=TODAY)
    assert r.format is MrzFormat.TD3
    assert r.valid and not r.failed_checks and not r.problems
    assert (r.document_code, r.issuing_state, r.nationality) == ("P", "UTO", "UTO")
    assert (r.surname, r.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert r.document_number == "L898902C3"
    assert r.birth_date == date(1974, 8, 12)
    assert r.expiry_date == date(2012, 4, 15)
    assert r.sex == "F"
    assert r.personal_number == "ZE184226B"
    assert r.is_expired(TODAY)
    assert [c.name for c in r.checks] == [
        "document_number", "birth_date", "expiry_date", "personal_number", "composite",
    ]  # fmt: skip


def test_td1_specimen() -> None:
    r = parse_mrz(TD1, today=TODAY)
    assert r.format is MrzFormat.TD1
    assert r.valid
    assert r.document_code == "I"
    assert r.document_number == "D23145890"
    assert (r.surname, r.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert r.birth_date == date(1974, 8, 12)
    assert r.optional_data == "" and r.optional_data_2 == ""


def test_compose_reproduces_the_specimens() -> None:
    assert compose_td3(
        surname="Eriksson", given_names="Anna Maria", document_number="L898902C3",
        birth_date=date(1974, 8, 12), sex="F", expiry_date=date(2012, 4, 15),
        issuing_state="UTO", nationality="UTO", personal_number="ZE184226B",
    ) == TD3  # fmt: skip
    assert compose_td1(
        surname="Eriksson", given_names="Anna Maria", document_number="D23145890",
        birth_date=date(1974, 8, 12), sex="F", expiry_date=date(2012, 4, 15),
        issuing_state="UTO", nationality="UTO",
    ) == TD1  # fmt: skip


def test_kazakh_passport_carries_the_iin() -> None:
    lines = _kaz_passport()
    assert lines[0].startswith("P<KAZZHUMABAEVA<<AIGERIM<")
    r = parse_mrz(lines, today=TODAY)
    assert r.valid
    assert r.iin == "900308450123"
    assert not r.is_expired(TODAY)


def test_kazakh_id_card_iin_in_optional_data() -> None:
    lines = compose_td1(
        surname="Abenov", given_names="Arman", document_number="041234567",
        birth_date=date(1985, 1, 2), sex="M", expiry_date=date(2031, 1, 1),
        optional_data="850102300125",
    )  # fmt: skip
    r = parse_mrz(lines, today=TODAY)
    assert r.valid and r.iin == "850102300125" and r.document_number == "041234567"


def _flip(line: str, pos: int) -> str:
    ch = line[pos]
    new = "1" if ch != "1" else "2"
    return line[:pos] + new + line[pos + 1 :]


@pytest.mark.parametrize(
    ("pos", "failed"),
    [
        (9, {"document_number", "composite"}),  # the number's check digit itself
        (3, {"document_number", "composite"}),  # a digit of the number
        (19, {"birth_date", "composite"}),
        (15, {"birth_date", "composite"}),
        (27, {"expiry_date", "composite"}),
        (24, {"expiry_date", "composite"}),
        (42, {"personal_number", "composite"}),
        (30, {"personal_number", "composite"}),
        (43, {"composite"}),
    ],
)
def test_td3_each_check_digit_failure_is_reported(pos: int, failed: set[str]) -> None:
    l1, l2 = _kaz_passport()
    r = parse_mrz((l1, _flip(l2, pos)), today=TODAY)
    assert {c.name for c in r.failed_checks} == failed
    assert not r.valid
    bad = next(c for c in r.checks if c.name == sorted(failed)[0])
    assert bad.found != bad.expected


@pytest.mark.parametrize(
    ("line", "pos", "failed"),
    [
        (0, 14, {"document_number", "composite"}),
        (0, 7, {"document_number", "composite"}),
        (1, 6, {"birth_date", "composite"}),
        (1, 2, {"birth_date", "composite"}),
        (1, 14, {"expiry_date", "composite"}),
        (1, 10, {"expiry_date", "composite"}),
        (1, 29, {"composite"}),
        (0, 20, {"composite"}),  # optional data is covered by the composite only
    ],
)
def test_td1_each_check_digit_failure_is_reported(line: int, pos: int, failed: set[str]) -> None:
    lines = list(TD1)
    lines[line] = _flip(lines[line], pos)
    r = parse_mrz(tuple(lines), today=TODAY)
    assert {c.name for c in r.failed_checks} == failed


def test_td1_long_document_number_continues_in_optional_data() -> None:
    # 9303 part 5: a 12-character number, '<' in the check position, rest + check digit after.
    number = "D23145890AB1"
    cd = check_digit(number)
    l1 = f"I<UTO{number[:9]}<{number[9:]}{cd}" + "<" * 11
    l2 = "7408122F1204159UTO<<<<<<<<<<<"
    composite = check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    r = parse_mrz((l1, l2 + composite, TD1[2]), today=TODAY)
    assert r.valid, r.failed_checks
    assert r.document_number == number


def test_impossible_dates_and_sex_are_problems_not_guesses() -> None:
    l1, l2 = _kaz_passport()
    birth = "901341"  # month 13
    l2 = l2[:13] + birth + check_digit(birth) + "Q" + l2[21:]
    r = parse_mrz((l1, l2), today=TODAY)
    assert r.birth_date is None
    assert any("date of birth" in str(p) for p in r.problems)
    assert any("sex" in str(p) for p in r.problems)
    assert not r.valid
    # Each finding has a code and the officer's wording (the desk, `qonys mrz --lang`).
    assert [p.code for p in r.problems] == ["mrz.birth_date_invalid", "mrz.sex_invalid"]
    assert r.problems[0].text.ru == "Дата рождения в MRZ («901341») не является датой"
    assert r.problems[1].text.kk == "MRZ-дағы жынысы («Q») M, F немесе < емес"
    assert str(r.problems[0]) == "date of birth '901341' is not a valid date"


@pytest.mark.parametrize(
    "typed",
    [
        "\n".join(TD3),
        "\r\n".join(TD3) + "\r\n",
        "".join(TD3),  # a reader configured without line breaks
        "  " + TD3[0] + " \r" + TD3[1].lower() + "  ",
        "\x02" + TD3[0] + "\r" + TD3[1] + "\x03",  # STX/ETX framing
        TD3[0][:20] + " " + TD3[0][20:] + "\n" + TD3[1],  # a stray space in a line
        "".join(TD1),
        "\r".join(TD1),
    ],
)
def test_keyboard_wedge_input(typed: str) -> None:
    r = parse_mrz(typed, today=TODAY)
    assert r.valid
    assert r.surname == "ERIKSSON"


@pytest.mark.parametrize(
    "typed",
    ["", "P<UTO", "\n".join(TD3)[:-1], "P<UTOÉRIKSSON" + "<" * 31 + "\n" + TD3[1], "x" * 89],
)
def test_not_an_mrz(typed: str) -> None:
    with pytest.raises(MrzError):
        parse_mrz(typed, today=TODAY)


def test_accumulator_emits_each_complete_zone() -> None:
    acc = MrzAccumulator(today=lambda: TODAY)
    out = acc.feed(TD3[0][:10])
    assert out == []
    out = acc.feed(TD3[0][10:] + "\r\n" + TD3[1] + "\r\n")
    assert len(out) == 1 and out[0].surname == "ERIKSSON"
    out = acc.feed("\n".join(TD1) + "\n")
    assert len(out) == 1 and out[0].format is MrzFormat.TD1


def test_serial_reader_over_a_byte_stream() -> None:
    stream = io.BytesIO(
        b"noise\r\n" + "\r".join(TD3).encode() + b"\r" + "\n".join(TD1).encode()
    )  # the last line has no terminator: flushed at end of stream
    results = list(MrzStreamReader(stream, today=lambda: TODAY))
    assert [r.format for r in results] == [MrzFormat.TD3, MrzFormat.TD1]
    assert all(r.valid for r in results)


def test_serial_reader_over_a_text_stream() -> None:
    results = list(MrzStreamReader(io.StringIO("".join(TD3) + "\n"), today=lambda: TODAY))
    assert len(results) == 1 and results[0].valid


def test_birth_century() -> None:
    l1, l2 = _kaz_passport(birth_date=date(2015, 6, 1))
    assert parse_mrz((l1, l2), today=TODAY).birth_date == date(2015, 6, 1)
    l1, l2 = _kaz_passport(birth_date=date(1940, 6, 1))
    assert parse_mrz((l1, l2), today=TODAY).birth_date == date(1940, 6, 1)


def test_fold_latin_matches_romanisation_variants() -> None:
    assert fold_latin("Жұмабаева") == fold_latin("ZHUMABAYEVA") == fold_latin("JUMABAEVA")
    assert fold_latin("Хамитов") == fold_latin("KHAMITOV") == fold_latin("HAMITOV")
    assert fold_latin("Қасымова") == fold_latin("KASYMOVA")
    assert fold_latin("Ерлан") == fold_latin("YERLAN")


def test_compare_with_questionnaire() -> None:
    r = parse_mrz(_kaz_passport(), today=TODAY)
    assert (
        compare_with_questionnaire(
            r, surname="Жұмабаева", given_names="Айгерим Сериковна",
            birth_date=date(1990, 3, 8), sex="Ж",
        )
        == []
    )  # fmt: skip
    found = compare_with_questionnaire(
        r, surname="Жумабекова", given_names="Асель", birth_date=date(1990, 8, 3), sex="M"
    )
    assert [m.field for m in found] == ["surname", "given_names", "birth_date", "sex"]
    assert found[2].mrz_value == "1990-03-08"
    # Missing questionnaire values are not mismatches.
    assert compare_with_questionnaire(r) == []


def test_serial_reader_on_a_real_tty() -> None:
    """A pseudo-terminal stands in for the reader's serial port: pyserial opens it like a
    COM port and the reader types the two lines with CR line ends."""
    import os
    import threading

    if not hasattr(os, "openpty"):  # pragma: no cover - Windows
        pytest.skip("no pseudo-terminals on this platform")
    master, slave = os.openpty()
    try:
        stop = threading.Event()
        reader = MrzStreamReader.open_serial(
            os.ttyname(slave), timeout=0.2, should_stop=stop.is_set, today=lambda: TODAY
        )
        os.write(master, ("\r".join(TD3) + "\r").encode("ascii"))
        first = next(iter(reader))
        stop.set()
        reader.close()
        assert first.valid and first.document_number == "L898902C3"
    finally:
        os.close(master)
        os.close(slave)


def test_serial_port_that_does_not_exist() -> None:
    with pytest.raises(MrzError, match="cannot be opened"):
        MrzStreamReader.open_serial("/dev/nonexistent-reader")


_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@given(
    surname=st.text(_LATIN, min_size=1, max_size=15),
    given=st.text(_LATIN, min_size=1, max_size=12),
    number=st.text("0123456789" + _LATIN, min_size=9, max_size=9),
    birth=st.dates(date(1927, 1, 1), TODAY),  # two-digit years: ages up to 99
    expiry=st.dates(date(2000, 1, 1), date(2070, 12, 31)),
    sex=st.sampled_from("MF"),
    personal=st.text("0123456789", min_size=0, max_size=14),
    td1=st.booleans(),
)
def test_compose_then_parse_round_trip(
    surname: str, given: str, number: str, birth: date, expiry: date, sex: str,
    personal: str, td1: bool,
) -> None:  # fmt: skip
    if td1:
        lines: tuple[str, ...] = compose_td1(
            surname=surname, given_names=given, document_number=number, birth_date=birth,
            sex=sex, expiry_date=expiry, optional_data=personal,
        )  # fmt: skip
    else:
        lines = compose_td3(
            surname=surname, given_names=given, document_number=number, birth_date=birth,
            sex=sex, expiry_date=expiry, personal_number=personal,
        )  # fmt: skip
    r = parse_mrz("".join(lines), today=TODAY)
    assert r.valid
    assert (r.surname, r.document_number, r.sex) == (surname, number, sex)
    assert r.given_names == given[: len(r.given_names)]
    assert r.birth_date == birth and r.expiry_date == expiry
    assert r.optional_data == personal


@given(position=st.integers(0, 43), replacement=st.sampled_from("0123456789"))
def test_any_single_digit_change_on_line_two_is_caught(position: int, replacement: str) -> None:
    l1, l2 = TD3
    if l2[position] == replacement or not l2[position].isdigit():
        return
    changed = l2[:position] + replacement + l2[position + 1 :]
    r = parse_mrz((l1, changed), today=TODAY)
    # Weights 7, 3, 1 are prime to 10: any single digit change breaks a check digit.
    assert r.failed_checks


def test_name_line_without_check_digit_is_still_checked() -> None:
    """Line 1 of a passport has no check digit: its alphabet and document code are checked,
    so a misread name line is not taken for a valid MRZ."""
    l1, l2 = _kaz_passport()
    r = parse_mrz(("F7KAZZHUMA8AEVA" + l1[15:], l2), today=TODAY)
    assert not r.failed_checks
    assert "the name field contains digits" in [str(p) for p in r.problems]
    assert any("document code" in str(p) for p in r.problems)
    assert not r.valid
    r = parse_mrz((l1[:10] + "7" + l1[11:], l2), today=TODAY)
    assert not r.valid


# ICAO Doc 9303 part 6 (TD2) and part 7 (MRV-A, MRV-B) specimens.
TD2 = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")
MRVA = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB = ("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<")


def test_td2_id_card() -> None:
    r = parse_mrz(TD2, today=TODAY)
    assert r.format is MrzFormat.TD2 and r.valid
    assert (r.document_number, r.surname, r.given_names) == ("D23145890", "ERIKSSON", "ANNA MARIA")
    assert [c.name for c in r.checks] == [
        "document_number", "birth_date", "expiry_date", "composite",
    ]  # fmt: skip
    assert r.birth_date == date(1974, 8, 12) and r.expiry_date == date(2012, 4, 15)
    # The composite covers the number, birth and expiry: one wrong digit is caught twice.
    broken = (TD2[0], TD2[1][:14] + "9" + TD2[1][15:])
    assert {c.name for c in parse_mrz(broken, today=TODAY).failed_checks} == {
        "birth_date", "composite",
    }  # fmt: skip


def test_td2_long_document_number_continues_in_the_optional_data() -> None:
    number = "D23145890AB"
    line2 = number[:9] + "<" + "UTO7408122F1204159" + number[9:] + check_digit(number)
    line2 = line2.ljust(35, "<")
    line2 += check_digit(line2[0:10] + line2[13:20] + line2[21:35])
    r = parse_mrz((TD2[0], line2), today=TODAY)
    assert r.valid and r.document_number == number


def test_machine_readable_visas() -> None:
    a = parse_mrz(MRVA, today=TODAY)
    assert a.format is MrzFormat.MRVA and a.valid and a.format.is_visa
    assert [c.name for c in a.checks] == ["document_number", "birth_date", "expiry_date"]
    assert (a.document_code, a.nationality, a.optional_data) == ("V", "XXX", "6ZE184226B")
    b = parse_mrz("\n".join(MRVB), today=TODAY)
    assert b.format is MrzFormat.MRVB and b.valid and b.document_number == "L8988901C"
    # A passport's line 1 with a visa's code is a visa: no personal number, no composite.
    assert parse_mrz(TD3, today=TODAY).format is MrzFormat.TD3


def test_document_codes_of_the_formats() -> None:
    p_as_td2 = ("P" + TD2[0][1:], TD2[1])
    found = [str(p) for p in parse_mrz(p_as_td2, today=TODAY).problems]
    assert "document code 'P<' is not a TD2 code" in found
    # The second letter is the issuer's: the US permanent resident card prints C1.
    c1 = ("C1" + TD2[0][2:], TD2[1])
    assert parse_mrz(c1, today=TODAY).valid


def test_two_lines_of_36_from_a_reader() -> None:
    acc = MrzAccumulator(lambda: TODAY)
    assert acc.feed(TD2[0] + "\r\n") == []
    (r,) = acc.feed(TD2[1] + "\r\n")
    assert r.format is MrzFormat.TD2
    (one_line,) = MrzAccumulator(lambda: TODAY).feed("".join(MRVB) + "\n")
    assert one_line.format is MrzFormat.MRVB
