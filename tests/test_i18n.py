"""The message catalogue: both languages complete and alike, every key the code asks for present,
and each reason worded as a reader expects."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from results_fixtures import (
    AUTOMATION,
    COST_RECOVERY,
    COSTS,
    OUTAGES,
    PERSON_YEARS,
    PILOT,
    PLAN,
    PRODUCTIVITY,
    SATISFACTION,
)
from tulosmittari.catalogue import AREAS, CATALOGUE
from tulosmittari.i18n import (
    describe_reason,
    message,
    resolve_lang,
    result_name,
    result_unit,
    word,
)
from tulosmittari.numbers import Lang
from tulosmittari.problems import Message
from tulosmittari.results import TargetResult
from tulosmittari.schema import ValueRole

SOURCE = Path(__file__).resolve().parent.parent / "src" / "tulosmittari"
EMPTY_ON_PURPOSE = {"missing.blank"}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_say_something_with_the_same_placeholders(key: str) -> None:
    fi, en = CATALOGUE[key]
    assert fields(fi) == fields(en)
    if key not in EMPTY_ON_PURPOSE:
        assert fi.strip()
        assert en.strip()


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    named = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'(?:message|Message)\(\s*"([a-z_.]+)"', text))
    assert len(named) > 100
    assert named - set(CATALOGUE) == set()


def test_no_key_is_defined_in_two_areas() -> None:
    assert sum(len(texts) for texts in AREAS.values()) == len(CATALOGUE)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fi",
            "täsmäytys 'a' ei pidä vuonna 2024: odotettiin 1\u00a0100,5 = b + c, painettu"
            " 1\u00a0200 (a), erotus 99,5, toleranssi 0",
        ),
        (
            "en",
            "identity 'a' breaks in 2024: expected 1,100.5 = b + c, printed 1,200 (a),"
            " difference 99.5, tolerance 0",
        ),
    ],
)
def test_figures_in_a_message_are_worded_in_its_language(lang: Lang, expected: str) -> None:
    text = Message(
        "validation.identity_breaks",
        identity="a",
        year=2024,
        right=Decimal("1100.5"),
        right_text="b + c",
        left=Decimal("1200"),
        left_text="a",
        difference=Decimal("99.5"),
        tolerance=Decimal("0"),
        terms="",
    )
    assert word(text, lang) == expected


def test_nested_messages_lists_and_quotes_follow_the_language() -> None:
    hint = Message("validation.did_you_mean", names=["a", "b", "c"])
    text = Message("validation.unknown", what=Message("subject.metric"), name="x", hint=hint)
    assert word(text, "fi") == "tuntematon mittari 'x'; tarkoititko 'a', 'b' tai 'c'?"
    assert word(text, "en") == "unknown metric 'x'; did you mean 'a', 'b' or 'c'?"
    figures = Message("validation.numbers", numbers=[Decimal("3.5"), Decimal("4.5")])
    assert word(figures, "fi") == "3,5 ja 4,5"
    assert word(Message("validation.numbers", numbers=[Decimal("3.5"), 4, 5]), "fi") == (
        "3,5; 4 ja 5"  # commas inside Finnish figures: the list takes semicolons
    )
    assert word(figures, "en") == "3.5 and 4.5"


@pytest.mark.parametrize(("count", "fi"), [(1, "1 muutos"), (2, "2 muutosta"), (0, "0 muutosta")])
def test_plural_forms(monkeypatch: pytest.MonkeyPatch, count: int, fi: str) -> None:
    monkeypatch.setitem(
        CATALOGUE, "test.changes", ("{n} {n:muutos|muutosta}", "{n} {n:change|changes}")
    )
    assert message("test.changes", "fi", n=count) == fi
    assert message("test.changes", "en", n=count).endswith("change" if count == 1 else "changes")


@pytest.mark.parametrize(
    ("given", "environment", "chosen"),
    [(None, None, "fi"), (None, "en", "en"), ("fi", "en", "fi"), (" EN ", None, "en")],
)
def test_resolve_lang(
    monkeypatch: pytest.MonkeyPatch, given: str | None, environment: str | None, chosen: Lang
) -> None:
    if environment is None:
        monkeypatch.delenv("TULOS_LANG", raising=False)
    else:
        monkeypatch.setenv("TULOS_LANG", environment)
    assert resolve_lang(given) == chosen


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'sv': use fi or en"):
        resolve_lang("sv")


@pytest.mark.parametrize(
    ("result", "fi", "en"),
    [
        (
            OUTAGES,
            "3,6 kpl/kk > tavoite 3,3 kpl/kk; pienempi on parempi",
            "3.6 per month > target 3.3 per month; lower is better",
        ),
        (
            COSTS,
            "234 000 1000 euroa > tavoite 232 834 1000 euroa, toleranssin 2 328,34 1000 euroa "
            "sisällä (osuus vuoden tavoitteesta 465 668 1000 euroa)",
            "234,000 EUR 1,000 > target 232,834 EUR 1,000, within tolerance 2,328.34 EUR 1,000 "
            "(share of the yearly 465,668 EUR 1,000)",
        ),
        (
            COST_RECOVERY,
            "−120 000,5 euroa ≠ tavoite 0 euroa ± 50 000 euroa (laskettu osista)",
            "-120,000.5 EUR ≠ target 0 EUR ± 50,000 EUR (computed from its parts)",
        ),
        (
            PRODUCTIVITY,
            "102,6 indeksi ≥ tavoite 102 indeksi; suurempi on parempi",
            "102.6 index ≥ target 102 index; higher is better",
        ),
        (
            SATISFACTION,
            "mitataan kerran vuodessa; ei osavuoden lukua",
            "measured once a year; no part-year figure",
        ),
        (PERSON_YEARS, "ei tavoitetta", "not a target"),
        (
            replace(PERSON_YEARS, target_role=ValueRole.ESTIMATE),
            "ei tavoitetta (arvio)",
            "not a target (estimate)",
        ),
        (AUTOMATION, "tavoitetta ei ole asetettu (tbd)", "no target set (tbd)"),
        (PLAN, "osittain toteutunut", "partly met"),
        (PILOT, "tilaa ei ole raportoitu", "no status reported"),
    ],
)
def test_describe_reason(result: TargetResult, fi: str, en: str) -> None:
    # the figures keep their unit on one line: no-break spaces, shown here as spaces
    assert describe_reason(result, "fi").replace("\u00a0", " ") == fi
    assert describe_reason(result, "en").replace("\u00a0", " ") == en


def test_names_and_units_in_english_where_the_agreement_gives_them() -> None:
    assert (result_name(OUTAGES, "en"), result_unit(OUTAGES, "en")) == (
        "Wide-impact outages",
        "per month",
    )
    assert result_name(PLAN, "en") == "Uudistuksen suunnitelma on hyväksytty."  # Finnish only
    assert result_name(OUTAGES, "fi") == "Laajavaikutteisten häiriöiden määrä"


def test_message_fills_in_its_parameters() -> None:
    assert message("table.heading", "en", number=7, title="Laatu") == "Table 7. Laatu"
