"""Plain text: exact transcripts of check, targets and summary in Finnish, what English changes
in them, the summary within 100 columns, and text from files shown literally."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT
from results_fixtures import (
    AGREEMENT_DATA,
    PROBLEMS,
    agreement,
    assert_golden,
    hostile_report,
    report,
)
from translation import assert_english_of
from tulosmittari.cli import main
from tulosmittari.render import RenderOptions
from tulosmittari.render.grid import Grid
from tulosmittari.render.plain import (
    layout,
    render_check,
    render_problems,
    render_summary,
    render_targets,
)
from tulosmittari.summary import summarize

FI = RenderOptions(lang="fi", width=100)
EN = RenderOptions(lang="en", width=100)


def test_check_transcript() -> None:
    assert_golden("plain/check.fi.txt", render_check(report(), FI))


def test_check_in_english() -> None:
    assert_english_of(lambda options: render_check(report(), options), AGREEMENT_DATA)


def test_summary_transcript() -> None:
    assert_golden("plain/summary.fi.txt", render_summary(summarize(agreement(), report()), FI))


def test_summary_in_english() -> None:
    summary = summarize(agreement(), report())
    assert_english_of(lambda options: render_summary(summary, options), AGREEMENT_DATA)


@pytest.mark.parametrize(("options", "width"), [(FI, 100), (EN, 100), (EN, 80)])
def test_summary_fits_the_width(options: RenderOptions, width: int) -> None:
    text = render_summary(summarize(agreement(), report()), replace(options, width=width))
    assert max(len(line) for line in text.splitlines()) <= width
    assert "…" in text  # the names gave way, the figures did not


def test_targets_transcript() -> None:
    assert_golden("plain/targets.fi.txt", render_targets(agreement(), FI, None))


def test_targets_in_english() -> None:
    assert_english_of(lambda options: render_targets(agreement(), options, None), AGREEMENT_DATA)


def test_targets_of_one_year_leave_the_other_columns_out() -> None:
    text = render_targets(agreement(), EN, 2025)
    assert "Alustava tavoite 2025" in text
    assert "Tavoite 2024" not in text


def test_problems_are_one_parsable_line_each() -> None:
    assert render_problems(PROBLEMS, FI) == (
        "agreements/esimerkki.yaml:12:5: error: unknown metric 'hairi'\n"
        "agreements/esimerkki.yaml:40: info: printed total is off by 1\n"
        "actuals/2024-h1.csv: warning: no rows for 2024-H2\n"
    )


def test_check_without_results_says_so() -> None:
    empty = replace(report(), results=(), periods=())
    assert render_check(empty, EN) == (
        "Tulossopimus 2024–2025: targets and actuals \n\n"
        "Nothing to check: the actuals files hold no period.\n"
    )


def test_text_from_files_is_shown_literally() -> None:
    text = render_check(hostile_report(), FI)
    assert "\x1b" not in text
    assert "\r" not in text
    assert "Sopimus \\x1b[31mpunainen: tavoitteet ja toteumat 2024-H1" in text
    assert "[bold red]x[/] \\x1b]8;;http://evil\\x1b\\klik\\x1b]8;;\\x1b\\ a|b\\x0dZ" in text
    assert "Taulukko 2. <script>alert(1)</script> *x* `y`" in text


def test_layout_shortens_the_widest_shrinking_column_first() -> None:
    grid = Grid(
        title="t",
        headers=("a", "b", "n"),
        right=frozenset({2}),
        rows=(("x" * 30, "y" * 20, "1"),),
        shrink=(0, 1),
    )
    assert layout(grid, 40).splitlines() == [
        "a                 b                    n",
        "----------------  -----------------  ---",
        "xxxxxxxxxxxxxxx…  yyyyyyyyyyyyyyyy…    1",
    ]
    assert layout(grid).splitlines()[2] == "x" * 30 + "  " + "y" * 20 + "    1"


# --- The commands' default format and output file ----------------------------------------------


def test_plain_is_the_default_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "--agreement", str(BUNDLED_AGREEMENT), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "\n-----" in out  # tabulate's rule
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
        "Performance agreement 2024–2025: status at \n\n"
        "Nothing to check: the actuals files hold no period.\n"
    )
