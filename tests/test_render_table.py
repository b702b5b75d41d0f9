"""The terminal's tables at a fixed width without colour: exact transcripts; each outcome in its
colour when colour is on; markup and control sequences from files shown literally."""

from __future__ import annotations

from dataclasses import replace

import pytest

from results_fixtures import (
    INCOME,
    OUTAGES,
    PILOT,
    PLAN,
    PROBLEMS,
    PRODUCTIVITY,
    agreement,
    assert_golden,
    hostile_report,
    meeting_agreement,
    meeting_data,
    meeting_report,
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
    assert_golden("table/check.fi.txt", render_check(meeting_report(), FI))


def test_check_in_english() -> None:
    assert_english_of(lambda options: render_check(meeting_report(), options), meeting_data())


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
    summary = summarize(meeting_agreement(), meeting_report())
    assert_golden("table/summary.fi.txt", render_summary(summary, FI))


@pytest.mark.parametrize("full", [False, True], ids=["screen", "all"])
def test_summary_in_english(full: bool) -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    assert_english_of(
        lambda options: render_summary(summary, replace(options, full=full)), meeting_data()
    )


@pytest.mark.parametrize("full", [False, True], ids=["screen", "all"])
@pytest.mark.parametrize("width", [80, 100, 160])
def test_summary_fits_the_width(full: bool, width: int) -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    text = render_summary(summary, replace(FI, width=width, full=full))
    assert max(len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize("height", [8, 12, 16])
def test_the_summary_screen_fits_its_height(height: int) -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    lines = render_summary(summary, replace(FI, height=height)).splitlines()
    assert len(lines) <= height
    shown = sum(line[:1] in "✓!✗◐" and line[1:3] == "  " for line in lines)
    assert lines[-1] == f"{10 - shown} muuta — `tulos check`"


def test_targets_transcript() -> None:
    assert_golden("table/targets.fi.txt", render_targets(meeting_agreement(), FI, None))


def test_targets_in_english() -> None:
    assert_english_of(
        lambda options: render_targets(meeting_agreement(), options, None), meeting_data()
    )


def test_each_outcome_in_its_colour() -> None:
    checked = replace(report(), results=(OUTAGES, PRODUCTIVITY, INCOME))
    text = render_check(checked, replace(FI, color=True))
    for outcome, colour in (
        ("✗ ei saavutettu", "\x1b[1;31m"),  # bold red
        ("✓ saavutettu", "\x1b[32m"),  # green
        ("◐ vajaat tiedot", "\x1b[35m"),  # magenta
    ):
        assert f"{colour}{outcome}" in text, outcome


def test_problems() -> None:
    assert render_problems(PROBLEMS, FI).splitlines()[0] == (
        "agreements/esimerkki.yaml:12:5: error: tuntematon mittari 'hairi'"
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
