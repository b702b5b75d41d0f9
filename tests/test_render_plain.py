"""Plain text: exact transcripts of check, targets and summary in Finnish, what English changes
in them, every view within its width, and text from files shown literally."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT
from results_fixtures import (
    PLAN,
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
from tulosmittari.cli import main
from tulosmittari.render import RenderOptions
from tulosmittari.render.plain import (
    render_check,
    render_problems,
    render_summary,
    render_targets,
)
from tulosmittari.summary import Summary, summarize

FI = RenderOptions(lang="fi", width=100)
EN = RenderOptions(lang="en", width=100)


def summary() -> Summary:
    return summarize(meeting_agreement(), meeting_report())


def test_check_transcript() -> None:
    assert_golden("plain/check.fi.txt", render_check(meeting_report(), FI))


def test_check_in_english() -> None:
    assert_english_of(lambda options: render_check(meeting_report(), options), meeting_data())


def test_summary_transcript() -> None:
    assert_golden("plain/summary.fi.txt", render_summary(summary(), FI))


def test_full_summary_transcript() -> None:
    assert_golden("plain/summary-all.fi.txt", render_summary(summary(), replace(FI, full=True)))


@pytest.mark.parametrize("full", [False, True], ids=["screen", "all"])
def test_summary_in_english(full: bool) -> None:
    assert_english_of(
        lambda options: render_summary(summary(), replace(options, full=full)), meeting_data()
    )


def test_targets_transcript() -> None:
    assert_golden("plain/targets.fi.txt", render_targets(meeting_agreement(), FI, None))


def test_targets_in_english() -> None:
    assert_english_of(
        lambda options: render_targets(meeting_agreement(), options, None), meeting_data()
    )


def test_targets_of_one_year_leave_the_other_columns_out() -> None:
    text = render_targets(agreement(), EN, 2025)
    assert "Alustava tavoite 2025" in text
    assert "Tavoite 2024" not in text


VIEWS = {
    "check": lambda options: render_check(meeting_report(), options),
    "by-year": lambda options: render_check(meeting_report(), replace(options, by_year=True)),
    "summary": lambda options: render_summary(summary(), options),
    "summary --all": lambda options: render_summary(summary(), replace(options, full=True)),
    "targets": lambda options: render_targets(meeting_agreement(), options, None),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("width", [80, 100, 137])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_no_line_is_wider_than_the_page(view: str, width: int, lang: str) -> None:
    text = VIEWS[view](RenderOptions(lang="fi" if lang == "fi" else "en", width=width))
    assert max(len(line) for line in text.splitlines()) <= width


def test_qualitative_targets_wrap_rather_than_being_cut() -> None:
    long = replace(PLAN, name="Tiekartta " * 40)
    text = render_check(replace(report(), results=(long,)), replace(FI, width=80))
    assert text.count("Tiekartta") == 40
    assert "…" not in text


def test_problems_are_one_parsable_line_each() -> None:
    assert render_problems(PROBLEMS, FI) == (
        "agreements/esimerkki.yaml:12:5: error: tuntematon mittari 'hairi'\n"
        "agreements/esimerkki.yaml:40: info: vuosi 2025 on sekä sitova että alustava\n"
        "actuals/2024-h1.csv: warning: 2 riviä ilman arvoa ja tilaa lasketaan vielä"
        " raportoimattomiksi (rivit 4 ja 5)\n"
    )


def test_check_without_results_says_so() -> None:
    empty = replace(report(), results=(), periods=())
    assert render_check(empty, EN) == (
        "Tulossopimus 2024–2025: targets and actuals\n\n"
        "Nothing to check: the actuals files hold no period.\n"
    )


def test_text_from_files_is_shown_literally() -> None:
    text = render_check(hostile_report(), replace(FI, width=200))  # wide: the name unwrapped
    assert "\x1b" not in text
    assert "\r" not in text
    assert "Sopimus \\x1b[31mpunainen: tavoitteet ja toteumat 2024-H1" in text
    assert "[bold red]x[/] \\x1b]8;;http://evil\\x1b\\klik\\x1b]8;;\\x1b\\ a|b\\x0dZ" in text
    assert "Taulukko 2. <script>alert(1)</script> *x* `y`" in text


# --- The commands' default format and output file ----------------------------------------------


def test_plain_is_the_default_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "--agreement", str(BUNDLED_AGREEMENT), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "\n-----" in out  # a rule of dashes under each column
    assert "─" not in out  # Rich's box


def test_validate_and_targets_write_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = tmp_path / "findings.json"
    assert main(["validate", str(BUNDLED_AGREEMENT), "-f", "json", "-o", str(found)]) == 0
    assert '"format": "tulosmittari.validate"' in found.read_text(encoding="utf-8")
    listed = tmp_path / "targets.md"
    agreement_option = ["--agreement", str(BUNDLED_AGREEMENT)]
    assert main(["targets", *agreement_option, "-f", "markdown", "-o", str(listed)]) == 0
    assert listed.read_text(encoding="utf-8").startswith("# ")
    assert capsys.readouterr().out == ""
    refused = [
        "targets",
        *agreement_option,
        "-o",
        str(BUNDLED_AGREEMENT),
        "--force",
        "--lang",
        "en",
    ]
    assert main(refused) == 2
    assert "refusing to overwrite an input file" in capsys.readouterr().err


def test_summary_without_results_says_so() -> None:
    empty = summarize(agreement(), replace(report(), results=(), periods=()))
    assert render_summary(empty, EN) == (
        "Performance agreement 2024–2025: status at\n\n"
        "Nothing to check: the actuals files hold no period.\n"
    )
