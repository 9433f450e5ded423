"""A refusal of the exchange reads whole in Kazakh and Russian: no English detail appended to
the sentence. The English detail (the exact check, the file) travels apart, as technical
details, and the desk and the command line show it under a heading of its own."""

from __future__ import annotations

import inspect
import re

import pytest

from desktop.services.errors import KnownError, technical_details
from desktop.services.exchange import importing
from desktop.services.exchange.refusals import _REFUSALS, ExchangeFailed
from desktop.services.sync_online import reason_text
from desktop.sync import errors as sync_errors
from desktop.sync.rulesets import BadRuleSetError

# Latin script a Kazakh or Russian sentence may hold: product names it cannot translate.
# Commands, options and codes are allowed only between `backquotes` or «quotes».
NAMES = {"PostgreSQL"}
_QUOTED = re.compile(r"`[^`]*`|«[^»]*»")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9'._-]*")


def latin_words(sentence: str) -> list[str]:
    """The words in Latin script outside quotes and the allowed names."""
    return [
        w for w in _LATIN_WORD.findall(_QUOTED.sub(" ", sentence)) if w.strip("._-") not in NAMES
    ]


def test_the_check_finds_english_and_lets_quoted_commands_and_names_be() -> None:
    kk, ru = _REFUSALS["bad-signature"]
    assert latin_words(f"{kk}: bad.qpkg: the manifest signature does not verify") == [
        "bad.qpkg", "the", "manifest", "signature", "does", "not", "verify"
    ]  # fmt: skip
    assert latin_words(f"{ru} (Refused)") == ["Refused"]
    # A Latin letter hidden in a Cyrillic word (a "с" typed as "c") is caught too.
    assert latin_words("Пакет отклонён: пoдпись") == ["o"]
    assert latin_words("через `qonys --db URL` на сервере PostgreSQL, «KZ-BER»") == []


def _codes() -> set[str]:
    """Every refusal code a desk can be handed: the package checks', the rule sets', the
    import's own, this module's, and the code of a refusal that names none."""
    checks = {
        cls.code
        for _name, cls in inspect.getmembers(sync_errors, inspect.isclass)
        if issubclass(cls, sync_errors.ExchangeError)
    }
    return (
        checks
        | set(_REFUSALS)
        | {
            BadRuleSetError.code,
            importing.RefusalWithoutHearing.code,
            "exchange-failed",
            "for-another-store",
        }
    )


DETAIL = "decision-7.qpkg: package 7: the manifest's signature does not verify (CMS: bad digest)"


@pytest.mark.parametrize("code", sorted(_codes()))
def test_every_refusal_is_whole_kazakh_and_russian(code: str) -> None:
    refused = ExchangeFailed(DETAIL, code)
    for lang in ("kk", "ru"):
        said = refused.message.get(lang)
        assert said.strip() and latin_words(said) == [], (code, lang, said)
        # The detail is not lost: it is the technical details, apart from the sentence.
        assert technical_details(refused, lang) == DETAIL
    assert refused.message.en == DETAIL and technical_details(refused, "en") == ""


@pytest.mark.parametrize("code", sorted(_codes()))
def test_the_online_exchange_words_every_code_in_kazakh_and_russian(code: str) -> None:
    said = reason_text(code)
    for lang in ("kk", "ru"):
        assert latin_words(said.get(lang)) == [], (code, lang)


def test_the_base_codes_are_worded_as_the_others() -> None:
    """`exchange-error` and `package-refused` (a check with no code of its own, a package that
    does not fit this store) have sentences of their own saying what to do, not the generic
    "package refused" of a refusal that names no code."""
    base = {sync_errors.ExchangeError.code, sync_errors.PackageError.code}
    assert base == {"exchange-error", "package-refused"} and base <= _codes()
    generic = ExchangeFailed(DETAIL, "exchange-failed").message
    for code in _codes() - {"exchange-failed"}:
        said = ExchangeFailed(DETAIL, code).message
        assert said.kk != generic.kk and said.ru != generic.ru, code
    for code in base:
        said = ExchangeFailed(DETAIL, code).message
        assert "администратор" in said.ru and "әкімші" in said.kk, code
        assert "Ничего не изменено" in said.ru and "Ештеңе өзгертілмеді" in said.kk, code
        online = reason_text(code)
        assert online.kk == said.kk and "administrator" in online.en, code


def test_a_known_error_without_details_shows_none() -> None:
    plain = KnownError(ExchangeFailed("x", "replay").message)
    assert technical_details(plain, "kk") == ""
