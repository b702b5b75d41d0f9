"""The English rules of tests/translation.py catch each slip they are there for: an English
output that passes them all, changed in one place, fails with the rule that names it."""

from __future__ import annotations

import pytest

from results_fixtures import AGREEMENT_DATA, report
from translation import WIDE, assert_translated
from tulosmittari.render import RenderOptions
from tulosmittari.render.markdown import render_check

FINNISH = render_check(report(), RenderOptions(lang="fi", width=WIDE))
ENGLISH = render_check(report(), RenderOptions(lang="en", width=WIDE))


def test_the_english_output_passes() -> None:
    assert_translated(FINNISH, ENGLISH, AGREEMENT_DATA)


@pytest.mark.parametrize(
    ("english", "message"),
    [
        (ENGLISH.replace("✗ fail", "✗ ei saavutettu", 1), "Finnish catalogue texts"),
        (ENGLISH.replace("| Difference |", "| Diff |"), "catalogue texts missing"),
        (ENGLISH.replace("Wide-impact outages", "Laajavaikutteisten häiriöiden määrä"), "no 'Wide"),
        (ENGLISH.replace("232,834", "232\u00a0834"), "no '232,834'"),
        (ENGLISH.replace("| 3.3\u00a0per", "| 3,3\u00a0per"), "'3,3' in the English output"),
    ],
    ids=["finnish-left", "english-missing", "finnish-name", "number-grouping", "decimal-comma"],
)
def test_a_slip_fails(english: str, message: str) -> None:
    assert english != ENGLISH
    with pytest.raises(AssertionError, match=message):
        assert_translated(FINNISH, english, AGREEMENT_DATA)
