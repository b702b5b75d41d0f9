"""Markdown: exact transcripts in Finnish, what English changes in them, and text from files
escaped so it shows literally."""

from __future__ import annotations

from dataclasses import replace

import pytest

from results_fixtures import (
    PROBLEMS,
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
from tulosmittari.render.markdown import (
    escape,
    render_check,
    render_problems,
    render_summary,
    render_targets,
)
from tulosmittari.summary import summarize

FI = RenderOptions(lang="fi", width=100)
EN = RenderOptions(lang="en", width=100)


def test_check_transcript() -> None:
    assert_golden("markdown/check.fi.md", render_check(meeting_report(), FI))


def test_check_in_english() -> None:
    assert_english_of(lambda options: render_check(meeting_report(), options), meeting_data())


def test_summary_transcript() -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    assert_golden("markdown/summary.fi.md", render_summary(summary, FI))


@pytest.mark.parametrize("full", [False, True], ids=["screen", "all"])
def test_summary_in_english(full: bool) -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    assert_english_of(
        lambda options: render_summary(summary, replace(options, full=full)), meeting_data()
    )


def test_a_summary_cut_to_its_height_names_the_command_as_code() -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    options = replace(FI, height=14, check_command="tulos check 'h1 `x`.csv'")
    text = render_summary(summary, options)
    assert len(text.splitlines()) <= 14
    rows = [line for line in text.splitlines() if line.startswith("| ✗")]
    assert text.endswith(f"\n\n{10 - len(rows)} muuta — ``tulos check 'h1 `x`.csv'``\n")


def test_free_text_wraps_to_the_width_but_tables_do_not() -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    text = render_summary(summary, replace(FI, width=60, full=True))
    long = [line for line in text.splitlines() if len(line) > 60]
    assert long
    assert all(line.startswith(("|", "#")) for line in long)


def test_targets_transcript() -> None:
    assert_golden("markdown/targets.fi.md", render_targets(meeting_agreement(), FI, 2024))


def test_targets_in_english() -> None:
    assert_english_of(
        lambda options: render_targets(meeting_agreement(), options, 2024), meeting_data()
    )


def test_problems_table() -> None:
    assert render_problems(PROBLEMS, EN) == (
        "| Location | Severity | Message |\n"
        "| --- | --- | --- |\n"
        "| agreements/esimerkki.yaml:12:5 | error | unknown metric 'hairi' |\n"
        "| agreements/esimerkki.yaml:40 | info | year 2025 is both binding and preliminary |\n"
        "| actuals/2024-h1.csv | warning | 2 rows have neither a value nor a status and count as"
        " not reported yet (lines 4 and 5) |\n"
    )
    assert render_problems([], FI) == "Ei havaintoja.\n"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a|b", "a\\|b"),
        ("[bold red]x[/]", "\\[bold red\\]x\\[/\\]"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("*x* _y_ `z` ~w~", "\\*x\\* \\_y\\_ \\`z\\` \\~w\\~"),
        ("&lt; # $x$", "\\&lt; \\# \\$x\\$"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\r\n", "two lines\\\\x0d "),
        ("\x1b]8;;http://evil\x1b\\", "\\\\x1b\\]8;;http://evil\\\\x1b\\\\"),
        ("Tori- ja Tuve-palvelut 3.5 (a)!", "Tori- ja Tuve-palvelut 3.5 (a)!"),
    ],
)
def test_escape(text: str, shown: str) -> None:
    assert escape(text) == shown


def test_hostile_check_stays_inside_its_cells() -> None:
    text = render_check(hostile_report(), FI)
    assert "\x1b" not in text
    assert "\r" not in text
    assert text.splitlines()[2] == (
        "## Taulukko 2. \\<script\\>alert(1)\\</script\\> \\*x\\* \\`y\\`"
    )
    row = text.splitlines()[6]
    assert row.startswith(
        "| \\[bold red\\]x\\[/\\] \\\\x1b\\]8;;http://evil\\\\x1b\\\\klik\\\\x1b\\]8;;\\\\x1b\\\\"
        " a\\|b\\\\x0dZ | 3,3"
    )
    assert row.count(" | ") == 5  # six cells: no `|` from the name opened another


def test_summary_without_results_says_so() -> None:
    empty = summarize(agreement(), replace(report(), results=(), periods=()))
    assert render_summary(empty, FI).endswith(
        "\n\nEi tarkistettavaa: toteumatiedostoissa ei ole yhtään jaksoa.\n"
    )
