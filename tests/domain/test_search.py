import pytest

from desktop.domain.search import latin_key, prefix_upper_bound, search_key


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
