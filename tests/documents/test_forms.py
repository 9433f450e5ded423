"""Every form: the official wording comes back out of the PDF, and every font is embedded."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.documents import forms
from desktop.documents.notification import render_notification
from desktop.documents.texts import load_bilingual
from tests.documents import fixtures
from tests.documents.conftest import flat, need, pdftotext

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")

RENDERERS: dict[str, Callable[[], bytes]] = {
    "notification": lambda: render_notification(fixtures.notification()),
    "receipt": lambda: forms.render_receipt(fixtures.receipt()),
    "refusal": lambda: forms.render_refusal(fixtures.refusal()),
    "hearing": lambda: forms.render_hearing(fixtures.hearing()),
    "reasoned_refusal": lambda: forms.render_reasoned_refusal(fixtures.reasoned_refusal()),
    "journal": lambda: forms.render_journal_pdf(fixtures.journal()),
}

# What each form must say, verbatim: Kazakh from the Rules, Russian where the form has it.
EXPECTED: dict[str, list[str]] = {
    "notification": [
        "Қазақстан Республикасынан тыс жерге тұрақты тұру үшін шығуға рұқсат ресімделгені "
        "туралы хабарлама",
        "ӘБДІРАХМАНОВА Гүлнұр Сағындыққызы",
        "тұрғылықты тұру үшін шығуға РҰҚСАТ ЕТІЛДІ",
        "Негіздеме: Алматы қаласы Полиция департаментінің",
        "2026 жылғы 10 қарашадағы № 12-34/567 шешімі",
        "Консулдық лауазымды адам",
        "(қол мен мөрдің орны)",
        "ТҰҢҒЫШБАЕВ Өмірзақ Жиһанұлы",
        "Туған күні / Дата рождения: 04.03.1990",
        "Уведомление об оформлении разрешения на выезд на постоянное жительство за пределы "
        "Республики Казахстан *",
        "РАЗРЕШЕН выезд на постоянное жительство",
        "Текст на русском языке — перевод; официальный текст — на казахском языке.",
        "4-қосымша / Приложение 4",
    ],
    "receipt": [
        "САУАЛНАМА–ӨТІНІШ/ЗАЯВЛЕНИЕ – АНКЕТА",
        "Жеке сәйкестендіру нөмірі / Индивидуальный идентификационный номер",
        "Әкесінің аты (бар болған жағдайда) / Отчество (при его наличии)",
        "8-2. Елден кету күні / Дата выезда из страны",
        "4. Отбасылық жағдайға байланысты / Семейные обстоятельства",
        "1. Жалдамалы (ақы төленетін) қызметкер",
        "5. Экономикалық / Экономическая",
        "Қабылданған күні",
        "Дата приема",
        "03.08.2026",
        "Құжаттар топтамасын қабылдаған адамның тегі, аты, әкесінің аты (бар болса)",
        "ҮСЕНОВА Зуһра Ержанқызы",
        "Өскемен",
        "ШАҺМАРДАНОВ Нұрсұлтан Маратұлы",
        "Сауалнама-өтініште біле тұра көрсетілген жалған деректерге қатысты жауапкершілік",
        "Предупрежден(-а) об ответственности за заведомо ложные данные",
    ],
    "refusal": [
        "Өтінішті қабылдаудан бас тарту",
        "Отказ в приеме заявления",
        "Көрсетілетін қызметті алушы құжаттардың толық емес топтамасын және (немесе) қолдану "
        "мерзімі өтіп кеткен құжаттарды ұсынған жағдайда, көрсетілетін қызметті беруші "
        "өтінішті қабылдаудан бас тартады.",
        "Құжаттардың толық емес топтамасы",
        "Қолдану мерзімі өтіп кеткен құжаттар",
        "консулдық алым төленгенiн растайтын құжаттың көшiрмесi",
        "паспорт гражданина Республики Казахстан — срок истек 01.05.2026",
        "Азаматтардан басқа құжаттарды сұратуға жол берілмейді.",
    ],
    "hearing": [
        "Мемлекеттік қызметті көрсетуден бас тарту туралы алдын ала шешім жобасы",
        "Тыңдау туралы хабарлама",
        "25.11.2026 10:30",
        "Көрсетілетін қызметті алушы алдын ала шешімді алған күннен бастап 2 (екі) жұмыс "
        "күнінен кешіктірілмейтін мерзімде алдын ала шешімге қарсылық береді немесе білдіреді.",
        "Қарсылық беру мерзімі: 24.11.2026 дейін",
        "уәкілетті мемлекеттік органның мемлекеттік қызмет көрсету үшін қажетті келісімі",
        "Уведомление о заслушивании",
    ],
    "reasoned_refusal": [
        "Мемлекеттік қызмет көрсетуден дәлелді бас тарту",
        "Мотивированный отказ в оказании государственной услуги",
        "Көрсетілетін қызметті беруші мемлекеттік қызметті көрсетуден мынадай негіздер "
        "бойынша бас тартады:",
        "сондай-ақ сараптаманың, зерттеудің не тексерудің теріс қорытындысы;",
        "Қарсылық қаралды; ішкі істер органы бас тарту туралы шешімін өзгертпеді.",
    ],
    "journal": [
        "Қазақстан Республикасынан тыс жерге уақытша жұмыстармен шыққан және Қазақстан "
        "Республикасынан тыс жерге тұрақты тұру үшін шығуға рұқсат алған Қазақстан "
        "Республикасы азаматтарын есепке алу журналы",
        "Өтініш білдірілген күн",
        "Хабарлама берілген күн",
        "Байланыс деректері",
        "Дата выдачи уведомления",
        "Кезең: 01.11.2026 – 30.11.2026",
        "N10000030",
    ],
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("forms")
    out = {}
    for name, render in RENDERERS.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(render())
        out[name] = path
    return out


@pytest.mark.parametrize("form", sorted(RENDERERS))
def test_pdftotext_gives_back_the_wording(form: str, rendered: dict[str, Path]) -> None:
    text = flat(pdftotext(rendered[form]))
    for expected in EXPECTED[form]:
        assert flat(expected) in text, f"{form}: missing {expected!r}"


@pytest.mark.parametrize("form", sorted(RENDERERS))
def test_every_font_is_embedded_and_none_is_base14(form: str, rendered: dict[str, Path]) -> None:
    out = subprocess.run(
        [need("pdffonts"), str(rendered[form])], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts at all?"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert not any(base in name for base in BASE14), row
        assert "DejaVuSans" in name


def test_fixtures_use_all_nine_kazakh_letters(rendered: dict[str, Path]) -> None:
    text = "".join(pdftotext(path) for path in rendered.values())
    for letter in fixtures.KAZAKH_LETTERS:
        assert letter in text and letter.lower() in text, letter


def test_journal_is_landscape_and_repeats_its_header(rendered: dict[str, Path]) -> None:
    info = subprocess.run(
        [need("pdfinfo"), str(rendered["journal"])], check=True, capture_output=True, text=True
    ).stdout
    assert "841.89 x 595.276 pts (A4)" in info
    pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    assert pages >= 2
    last = flat(
        subprocess.run(
            [need("pdftotext"), "-f", str(pages), "-l", str(pages), str(rendered["journal"]), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert "Туған күні" in last and "Паспорт нөмірі" in last and "№ р/с" in last


def test_journal_csv_has_the_seven_columns() -> None:
    import csv
    import io

    data = forms.render_journal_csv(fixtures.journal())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "№ р/с / № п/п"
    assert rows[0][2].startswith("Тегі, аты, әкесінің аты (бар болған жағдайда)")
    assert all(len(r) == 7 for r in rows)
    assert len(rows) == 1 + 30
    assert rows[1] == [
        "1",
        "01.08.2026",
        "ӘБДІРАХМАНОВА Гүлнұр Сағындыққызы 1",
        "04.03.1990",
        "N10000001",
        "01.11.2026",
        "+49 30 1234567, Өскемен көшесі 1",
    ]


def test_unknown_refusal_ground_is_rejected() -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match="grounds 1-6"):
        forms.render_reasoned_refusal(replace(fixtures.reasoned_refusal(), grounds=(7,)))


def test_kazakh_wording_files_are_official_and_name_their_source() -> None:
    for form in (
        "notification",
        "journal",
        "refusal",
        "hearing",
        "reasoned_refusal",
        "receipt",
        "annex1",
        "grounds",
        "common",
    ):
        texts = load_bilingual(form)
        # Issue 12 §16: the four documents the Rules give no form for are Qonys's own layout.
        own = form in ("refusal", "hearing", "reasoned_refusal", "receipt")
        assert texts.kk.official is not own, form
        assert "11-1-4/1" in texts.kk.source or "бұйрығы" in texts.kk.source, form
        assert texts.ru is not None
    # The seed has official Russian only for the bilingual Annex 1.
    assert load_bilingual("annex1").ru.official  # type: ignore[union-attr]
    assert not load_bilingual("notification").ru.official  # type: ignore[union-attr]
