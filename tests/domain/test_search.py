import pytest

from desktop.domain.search import case_number_tail, latin_key, prefix_upper_bound, search_key


@pytest.mark.parametrize(
    ("text", "key"),
    [("ӘБДІРАХМАНОВА", "әбдірахманова"), ("  Ёлкин  Пётр ", "елкин петр"), ("SMITH", "smith")],
)
def test_search_key_folds_cyrillic_case(text: str, key: str) -> None:
    assert search_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [("Әбдірахманова", "abdirakhmanova"), ("Жұмабаев", "zhumabaev"), ("Щукин", "shchukin")],
)
def test_latin_key(text: str, key: str) -> None:
    assert latin_key(text) == key


def test_prefix_bound_orders_after_every_continuation() -> None:
    bound = prefix_upper_bound("әб")
    for word in ("әб", "әбд", "әб\uffff", "әб😀"):
        assert "әб" <= word < bound
        assert word.encode() < bound.encode()
    assert bound < "әв"


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("31", "-00031"),
        ("00031", "-00031"),
        (" 2026-00031 ", "-2026-00031"),
        ("2026-31", "-2026-00031"),
        ("0", None),
        ("000000", None),
        ("KZ-BER-2026-00031", None),
        ("Әлиева", None),
        ("123456789012", None),
        ("31%", None),
    ],
)
def test_case_number_tail(text: str, tail: str | None) -> None:
    assert case_number_tail(text) == tail
