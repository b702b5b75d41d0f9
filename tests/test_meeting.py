"""What a steering meeting sees, run as a user runs it: `tulos summary` on one screen of a real
terminal (and one page off it), names that stay distinct when cut, and in every human format the
basis of each verdict, the explanations, and gaps of percentages in percentage points. The
bundled agreement and its half-year example throughout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, Tulos

H1 = "actuals/2024-h1.csv"
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
MARKS = ("✓", "!", "✗", "◐", "–", "·")


def lines_of(text: str) -> list[str]:
    return ANSI.sub("", text).splitlines()


def attention_rows(lines: list[str]) -> list[str]:
    """The one-line rows of the summary's list: a mark, two spaces, the rest."""
    return [line for line in lines if line[:1] in MARKS and line[1:3] == "  "]


def cells(lines: list[str], row: str) -> list[str]:
    """A row of a plain grid cut into its cells by the dashes under the header."""
    rule = next(line for line in lines if line.startswith("-") and set(line) <= {"-", " "})
    spans = [m.span() for m in re.finditer(r"-+", rule)]
    return [row[start:end].strip() for start, end in spans]


# --- One screen ------------------------------------------------------------------------------


@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (40, 120)])
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_summary_fits_the_terminal(tulos: Tulos, rows: int, columns: int, lang: str) -> None:
    code, out, _ = tulos(
        "summary", H1, "--lang", lang, cwd=REPO, terminal=True, size=(rows, columns)
    )
    assert code == 1  # targets failed, as in check
    lines = lines_of(out)
    assert len(lines) < rows  # the prompt's line is left on screen
    assert max(len(line) for line in lines) <= columns
    assert lines[0].startswith(("Valtiovarainministeriön", "Performance agreement"))
    assert any(line.startswith(("Yhteensä 87:", "Total 87:")) for line in lines)
    shown = attention_rows(lines)
    assert shown[0].startswith("✗")  # a binding target failed comes first
    more = [line for line in lines if "— `tulos check" in line]
    if len(shown) < 16:  # 14 targets failed and 2 items partly met
        word = "muuta" if lang == "fi" else "more"
        assert more == [f"{16 - len(shown)} {word} — `tulos check {H1} --lang {lang}`"]
    else:
        assert more == []


def test_at_80_by_24_most_of_the_list_still_shows(tulos: Tulos) -> None:
    _, out, _ = tulos("summary", H1, cwd=REPO, terminal=True, size=(24, 80))
    lines = lines_of(out)
    assert len(attention_rows(lines)) >= 12
    assert lines[-1].startswith(f"{16 - len(attention_rows(lines))} muuta — `tulos check {H1}`")


@pytest.mark.parametrize("output", [False, True], ids=["piped", "to-a-file"])
def test_off_a_terminal_the_summary_is_a_page(tulos: Tulos, tmp_path: Path, output: bool) -> None:
    target = tmp_path / "summary.txt"
    args = ["-o", str(target)] if output else []
    code, out, _ = tulos("summary", H1, *args, cwd=REPO)
    text = target.read_text(encoding="utf-8") if output else out
    lines = lines_of(text)
    assert code == 1
    assert len(lines) <= 40
    assert max(len(line) for line in lines) <= 100
    assert len(attention_rows(lines)) == 16  # a page holds them all


def test_all_gives_the_full_summary(tulos: Tulos) -> None:
    _, page, _ = tulos("summary", H1, cwd=REPO)
    code, out, _ = tulos("summary", H1, "--all", cwd=REPO, env={"COLUMNS": "80"})
    lines = lines_of(out)
    assert code == 1
    assert len(lines) > 40
    assert max(len(line) for line in lines) <= 80
    for heading in ("Vaikuttavuustavoitteittain", "Taulukoittain", "Mittarien kehitys 2022–2027"):
        assert heading in lines
    assert "Vaikuttavuustavoitteittain" not in page


@pytest.mark.parametrize("columns", ["80", "132"])
def test_columns_sets_the_width_off_a_terminal(tulos: Tulos, columns: str) -> None:
    for command in ("summary", "check"):
        _, out, _ = tulos(command, H1, cwd=REPO, env={"COLUMNS": columns})
        lines = lines_of(out)
        assert max(len(line) for line in lines) <= int(columns)
        assert max(len(line) for line in lines) > int(columns) - 10  # and it is used


# --- Names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_cut_names_never_read_alike(tulos: Tulos, lang: str) -> None:
    _, out, _ = tulos("summary", H1, "--lang", lang, cwd=REPO, env={"COLUMNS": "80"})
    lines = lines_of(out)
    rows = attention_rows(lines)
    names = [cells(lines, row)[1] for row in rows]
    assert len(rows) == 16
    assert len(set(names)) == len(names), names
    assert any("…" in name for name in names)  # the test is about names that were cut
    development = [n for n in names if n.startswith(("Kehity", "Share"))]
    assert len(development) == 2  # its own target and the budget proposal's


# --- The basis of each verdict, explanations, units ------------------------------------------


BASIS = (
    "osuus vuoden tavoitteesta 465\u00a0668\u00a0t€",  # a half year of a yearly ceiling
    "laskettu osista",  # compliance, the mean of its two parts
    "4,5\u00a0%\u00a0*",  # the budget proposal's preliminary target
    "(talousarvioesitys)",
    "selitys: tulot − kulut",  # the actuals file's note
    "selitys puuttuu",  # a miss without one
)


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_the_terminal_shows_what_each_verdict_rests_on(tulos: Tulos, columns: int) -> None:
    code, out, _ = tulos("check", H1, cwd=REPO, terminal=True, size=(40, columns))
    text = ANSI.sub("", out)
    assert "\x1b[" in out  # the coloured table
    assert code == 1
    flat = re.sub(r"\s*\n\s*", " ", text)  # a phrase may wrap
    for phrase in BASIS:
        assert phrase.replace("\u00a0", " ") in flat.replace("\u00a0", " "), phrase
    assert max(len(line) for line in lines_of(out)) <= columns


@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_files_show_what_each_verdict_rests_on(tulos: Tulos, fmt: str) -> None:
    _, out, _ = tulos("check", H1, "--format", fmt, cwd=REPO)
    flat = re.sub(r"\s*\n\s*", " ", out).replace("\u00a0", " ").replace("\\*", "*")
    for phrase in BASIS:
        assert phrase.replace("\u00a0", " ") in flat, phrase


def test_the_report_carries_the_explanations(tulos: Tulos, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert tulos("report", H1, "-o", str(page), cwd=REPO).code == 1
    text = page.read_text(encoding="utf-8")
    assert '<p class="basis">selitys: tulot − kulut</p>' in text
    assert '<p class="basis unexplained">selitys puuttuu</p>' in text
    assert "kehittämissuunnitelma luonnosvaiheessa" in text  # an item's note


@pytest.mark.parametrize(
    ("lang", "points", "relative", "euros"),
    [
        ("fi", "0,3\u00a0%-yks.", "0,3\u00a0% (", "1\u00a0068\u00a0t€ (1,9\u00a0%)"),
        ("en", "0.3\u00a0pp", "0.3\u00a0% (", "1,068\u00a0k€ (1.9\u00a0%)"),
    ],
)
def test_gaps_of_percentages_are_in_points(
    tulos: Tulos, lang: str, points: str, relative: str, euros: str
) -> None:
    _, out, _ = tulos("summary", H1, "--all", "--lang", lang, cwd=REPO)
    assert points in out
    assert relative not in out  # no relative gap of a percentage
    assert euros in out  # a gap in euros keeps its relative size, in the language's unit


def test_the_summary_says_which_misses_are_unexplained(tulos: Tulos) -> None:
    _, fi, _ = tulos("summary", H1, cwd=REPO)
    _, en, _ = tulos("summary", H1, "--lang", "en", cwd=REPO)
    assert "selitys puuttuu" in fi
    assert "no explanation" in en
    assert "selitys puuttuu" not in en


def test_by_year_keeps_the_ids_of_qualitative_targets(tulos: Tulos) -> None:
    _, out, _ = tulos("check", H1, "actuals/2024.csv", "--by-year", "--fail-on", "never", cwd=REPO)
    lines = lines_of(out)
    heading = lines.index("Taulukko 3. Vaikuttavuustavoitteiden laadulliset mittarit")
    assert lines[heading + 1].split()[:2] == ["Tunnus", "Tavoite"]
    assert any(line.startswith("t3_g1_2024_1") for line in lines)
    assert max(len(line) for line in lines) <= 100
