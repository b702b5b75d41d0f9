"""Rich tables at a fixed width without colour: exact transcripts; markup and control sequences
from files shown literally, also when colour is on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from results_fixtures import (
    AGREEMENT_DATA,
    OUTAGES,
    PILOT,
    PLAN,
    PROBLEMS,
    agreement,
    assert_golden,
    hostile_report,
    report,
)
from translation import assert_english_of
from tulosmittari.render import RenderOptions
from tulosmittari.render.table import (
    render_check,
    render_problems,
    render_summary,
    render_targets,
)
from tulosmittari.results import Outcome, ReasonCode
from tulosmittari.summary import summarize

FI = RenderOptions(lang="fi", width=100)
EN = RenderOptions(lang="en", width=100)


def test_check_transcript() -> None:
    assert_golden("table/check.fi.txt", render_check(report(), FI))


def test_check_in_english() -> None:
    assert_english_of(lambda options: render_check(report(), options), AGREEMENT_DATA)


def test_check_by_year_transcript() -> None:
    no_actual = replace(
        OUTAGES,
        period="2024",
        actual=None,
        difference=None,
        outcome=Outcome.NO_DATA,
        reason=ReasonCode.NO_ACTUAL,
    )
    results = [OUTAGES, no_actual, PLAN, PILOT]
    checked = replace(report(), periods=("2024-H1", "2024"), results=tuple(results))
    assert_golden("table/check-by-year.fi.txt", render_check(checked, replace(FI, by_year=True)))


def test_summary_transcript() -> None:
    summary = summarize(agreement(), report())
    assert_golden("table/summary.fi.txt", render_summary(summary, FI))


def test_summary_in_english() -> None:
    summary = summarize(agreement(), report())
    assert_english_of(lambda options: render_summary(summary, options), AGREEMENT_DATA)


def test_summary_fits_the_width() -> None:
    text = render_summary(summarize(agreement(), report()), FI)
    assert max(len(line) for line in text.splitlines()) <= 100


def test_targets_transcript() -> None:
    assert_golden("table/targets.fi.txt", render_targets(agreement(), FI, None))


def test_targets_in_english() -> None:
    assert_english_of(lambda options: render_targets(agreement(), options, None), AGREEMENT_DATA)


def test_problems() -> None:
    assert render_problems(PROBLEMS, FI).splitlines()[0] == (
        "agreements/esimerkki.yaml:12:5: error: unknown metric 'hairi'"
    )


def test_no_colour_means_no_escape_sequences() -> None:
    assert "\x1b" not in render_check(report(), FI)
    assert "\x1b" not in render_summary(summarize(agreement(), report()), FI)


@pytest.mark.parametrize("color", [False, True])
def test_markup_and_control_sequences_from_files_are_shown_literally(color: bool) -> None:
    text = render_check(hostile_report(), replace(FI, color=color, width=200))
    assert "[bold red]x[/] \\x1b]8;;http://evil\\x1b\\klik\\x1b]8;;\\x1b\\" in text
    assert "a|b\\x0dZ" in text  # the name wraps here
    assert "Sopimus \\x1b[31mpunainen" in text
    assert "\x1b]8;;" not in text  # no hyperlink escape reaches the terminal
    assert "\r" not in text
    assert ("\x1b[" in text) is color  # colour, when asked for, is Rich's own


def test_summary_without_results_says_so() -> None:
    empty = summarize(agreement(), replace(report(), results=(), periods=()))
    assert render_summary(empty, EN).splitlines()[1] == (
        "Nothing to check: the actuals files hold no period."
    )
