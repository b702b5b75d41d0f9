"""Faults at the edges of the command (issue 16), each as a user meets it: exit 3 only for bugs,
no empty report passed as a success, limits and usage errors in one line of the tool's own, in
both languages. Races and temporary files are in tests/test_atomic_writes.py; real signals, pipes
and a full disk as a process in tests/test_process.py.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import REPO, Tulos
from results_fixtures import report
from tulosmittari.cli import main
from tulosmittari.i18n import word
from tulosmittari.invocation import FailOn, exit_code_for_report, input_limits
from tulosmittari.problems import Message
from tulosmittari.results import Outcome

H1 = "actuals/2024-h1.csv"
AGREEMENT = REPO / "agreements" / "2024-2027.yaml"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def undecodable(folder: Path, name: bytes, content: Path) -> Path:
    """A copy of `content` under a name that is not UTF-8, as Python hands such a name over."""
    path = folder / os.fsdecode(name)
    path.write_bytes(content.read_bytes())
    return path


# --- 1. Exit 3 only for bugs ---------------------------------------------------------------------

WRITTEN = {
    "check-json": ["check", "{actuals}", "-a", "{agreement}", "--format", "json"],
    "check-csv": ["check", "{actuals}", "-a", "{agreement}", "--format", "csv"],
    "check-github": ["check", "{actuals}", "-a", "{agreement}", "--format", "github"],
    "report": ["report", "{actuals}", "-a", "{agreement}"],
    "validate-csv": ["validate", "{agreement}", "--format", "csv"],
    "validate-json": ["validate", "{agreement}", "--format", "json"],
    "validate-github": ["validate", "{agreement}", "--format", "github"],
}


@pytest.mark.parametrize("how", sorted(WRITTEN))
def test_a_name_that_is_not_utf8_is_escaped_in_every_file_written(
    tulos: Tulos, tmp_path: Path, how: str
) -> None:
    actuals = undecodable(tmp_path, b"h1\xff.csv", REPO / H1)
    agreement = undecodable(tmp_path, b"agr\xe4.yaml", AGREEMENT)
    args = [a.format(actuals=actuals, agreement=agreement) for a in WRITTEN[how]]
    target = tmp_path / "out"
    code, _, err = tulos(*args, "-o", target)
    assert code in (0, 1), err
    text = target.read_bytes().decode("utf-8")  # strictly: a lone surrogate would not encode
    if how.endswith("json"):
        text = json.dumps(json.loads(text), ensure_ascii=False).replace("\\\\", "\\")
    assert "agr\\xe4.yaml" in text
    assert err.endswith(f"tulos: kirjoitettiin {target}\n")


def test_json_to_stdout_names_the_file_escaped(tulos: Tulos, tmp_path: Path) -> None:
    actuals = undecodable(tmp_path, b"h1\xff.csv", REPO / H1)
    code, out, _ = tulos("check", actuals, "--format", "json")
    assert code == 1
    out.encode("utf-8")  # what a strict UTF-8 stdout accepts
    assert json.loads(out)["actuals"] == [str(tmp_path / "h1\\xff.csv")]


def test_an_unreadable_name_that_is_not_utf8_is_named_escaped(tulos: Tulos, tmp_path: Path) -> None:
    missing = tmp_path / os.fsdecode(b"puuttuu\xff.csv")
    code, out, err = tulos("check", missing)
    assert (code, out) == (2, "")
    assert err.startswith(f"{tmp_path}/puuttuu\\xff.csv: error: ")
    err.encode("utf-8")


def test_a_line_break_in_a_name_keeps_a_diagnostic_on_one_line(
    tulos: Tulos, tmp_path: Path
) -> None:
    missing = tmp_path / "rivi\nvaihto.csv"
    code, out, err = tulos("check", missing, "--lang", "en")
    assert (code, out) == (2, "")
    assert (
        err
        == f"{tmp_path}/rivi\\nvaihto.csv: error: cannot read the file: No such file or directory\n"
    )


@pytest.mark.parametrize(
    ("lang", "directory", "unreadable"),
    [
        ("fi", "tämä on hakemisto, ei tiedosto", "tiedostoa ei voi lukea: Not a directory"),
        ("en", "this is a directory, not a file", "cannot read the file: Not a directory"),
    ],
)
def test_an_agreement_and_an_actuals_file_that_cannot_be_read_are_worded_alike(
    tulos: Tulos, tmp_path: Path, lang: str, directory: str, unreadable: str
) -> None:
    """One message for each fault, whichever reader meets it (YAML or CSV)."""
    not_a_folder = tmp_path / "tiedosto"
    not_a_folder.write_text("", encoding="utf-8")
    for fault, path in ((directory, tmp_path), (unreadable, not_a_folder / "x")):
        code, _, agreement_err = tulos("check", H1, "--agreement", path, "--lang", lang)
        assert code == 2
        assert agreement_err == f"{path}: error: {fault}\n"
        code, out, actuals_err = tulos("check", path, "--lang", lang)
        assert (code, out) == (2, "")
        assert actuals_err == agreement_err


YEARS = ["0", "-1", "1000", "10000", "1" * 23, "2_024", "+2024", " 2024", "２０２４", "2024.0"]


@pytest.mark.parametrize("year", YEARS)
def test_a_year_that_is_no_year_is_a_usage_error(tulos: Tulos, year: str) -> None:
    for args in (["check", H1], ["summary", H1], ["report", H1, "-o", "-"], ["targets"]):
        code, out, err = tulos(*args, "--year", year)
        assert (code, out) == (2, ""), args
        assert err == f"tulos: error: --year {year!r}: anna vuosi väliltä 1900–2200\n"


def test_a_year_in_english(tulos: Tulos) -> None:
    code, _, err = tulos("check", H1, "--year", "2_024", "--lang", "en")
    assert (code, err) == (2, "tulos: error: --year '2_024': give a year from 1900 to 2200\n")


@pytest.mark.parametrize("args", [["--help"], ["schema"], ["check", H1], ["--version"]])
def test_a_full_disk_on_stdout_is_exit_2_naming_it(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        monkeypatch.setattr(sys, "stdout", full)
        assert main([*args, "--lang", "en"] if args[0] == "check" else args) == 2
    err = capsys.readouterr().err
    if args[0] == "check":
        assert err == "tulos: error: cannot write to standard output: No space left on device\n"
    else:
        assert err == "tulos: error: vakiotulosteeseen ei voi kirjoittaa: No space left on device\n"


def test_a_closed_pipe_ends_quietly_with_141(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader went away (`tulos check … | head -1`): nothing to say, and to no one; 141 is
    what a shell reports for a process SIGPIPE ended, and what `pipefail` scripts expect."""
    reading, writing = os.pipe()
    os.close(reading)
    with open(writing, "w", encoding="utf-8") as pipe:
        monkeypatch.setattr(sys, "stdout", pipe)
        assert main(["check", H1]) == 141
    assert capsys.readouterr().err == ""


def test_a_closed_stdout_fails_a_command_that_writes_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tulos … >&-` leaves Python without sys.stdout: stdout is needed only if written to."""
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["check", H1, "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "tulos: error: cannot write to standard output: Bad file descriptor\n"
    )
    assert main(["check", H1, "-o", str(tmp_path / "out.txt")]) == 1
    assert (tmp_path / "out.txt").exists()


def test_output_through_a_symlink_loop_is_exit_2(tulos: Tulos, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    code, out, err = tulos("check", H1, "-o", loop, "--force")
    assert (code, out) == (2, "")
    assert err == f"{loop}: error: tiedostoa ei voi kirjoittaa: Too many levels of symbolic links\n"


# --- 3. A selection that checks nothing is not a success ---------------------------------------

NOTHING = "ei tarkistettavaa; sopimus kattaa vuodet 2022–2027, ja toteumat kattavat jakson 2024-H1"


@pytest.mark.parametrize(
    ("command", "selection", "shown"),
    [
        ("check", ["--year", "2030"], "--year 2030"),
        ("check", ["--period", "2030-H1"], "--period 2030-H1"),
        ("check", ["--period", "2024-Q3"], "--period 2024-Q3"),  # not in the actuals
        ("check", ["--year", "2025"], "--year 2025"),
        ("summary", ["--year", "2030"], "--year 2030"),
        ("report", ["--period", "2024-Q3"], "--period 2024-Q3"),
    ],
)
def test_a_selection_with_nothing_to_check_is_exit_2(
    tulos: Tulos, command: str, selection: list[str], shown: str
) -> None:
    args = [command, H1, *selection] + (["-o", "-"] if command == "report" else [])
    code, out, err = tulos(*args)
    assert (code, out) == (2, "")
    assert err == f"tulos: error: {shown}: {NOTHING}\n"


def test_nothing_to_check_in_english(tulos: Tulos) -> None:
    code, _, err = tulos("check", H1, YEAR_ACTUALS, "--period", "2030-H1", "--lang", "en")
    assert (code, err) == (
        2,
        "tulos: error: --period 2030-H1: nothing to check; the agreement covers 2022–2027, and"
        " the actuals cover the periods 2024-H1 and 2024\n",
    )


YEAR_ACTUALS = "actuals/2024.csv"


def test_year_and_period_that_contradict_each_other(tulos: Tulos) -> None:
    code, out, err = tulos("check", H1, "--year", "2024", "--period", "2025-H1")
    assert (code, out) == (2, "")
    assert err == (
        "tulos: error: --year 2024 ja --period 2025-H1 ovat ristiriidassa: jakso on vuodelta 2025\n"
    )


@pytest.mark.parametrize(
    "selection",
    [
        ["--year", "2024"],
        ["--period", "2024"],
        ["--period", "2024-Q1"],
        ["-y", "2024", "-p", "2024"],
    ],
)
def test_a_selection_that_meets_the_actuals_is_checked(tulos: Tulos, selection: list[str]) -> None:
    code, out, err = tulos("check", H1, *selection, "--format", "json", "--fail-on", "never")
    assert (code, err) == (0, "")
    assert json.loads(out)["results"]


def test_a_year_outside_the_agreement_says_what_both_cover(tulos: Tulos, tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("metric;period;value\ntotal_costs;2024-H1;230 100\n", encoding="utf-8")
    code, _, err = tulos("check", actuals, "--year", "2031")
    assert code == 2
    assert err == (
        "tulos: error: --year 2031: ei tarkistettavaa; sopimus kattaa vuodet 2022–2027, ja"
        " toteumat kattavat jakson 2024-H1\n"
    )


# --- 4. Limits on input, from the environment --------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "1e6", "1" * 19, "１０"])
@pytest.mark.parametrize("setting", ["TULOS_MAX_BYTES", "TULOS_MAX_ROWS"])
def test_a_limit_that_is_no_positive_number_is_a_usage_error(
    tulos: Tulos, setting: str, value: str
) -> None:
    code, out, err = tulos("check", H1, env={setting: value})
    assert (code, out) == (2, "")
    assert err == f"tulos: error: {setting}={value!r}: anna positiivinen kokonaisluku\n"


def test_limits_as_the_reader_takes_them(tulos: Tulos) -> None:
    environment = {"TULOS_MAX_BYTES": " 2048 ", "TULOS_MAX_ROWS": "", "PATH": "/bin"}
    assert input_limits(environment) == {"max_bytes": 2048}
    assert input_limits({"TULOS_MAX_ROWS": "10"}) == {"max_rows": 10}
    assert tulos("check", H1, env={"TULOS_MAX_ROWS": "1000000"}).code == 1


# --- 5. Usage errors: one line, the tool's own voice, both languages ---------------------------

COMMANDS = "validate, targets, check, summary, report, template, diff, init"

USAGE = [
    (
        [],
        f"anna komento: {COMMANDS} tai schema (ohje: tulos --help)",
        f"give a command: {COMMANDS} or schema (help: tulos --help)",
    ),
    (
        ["chek"],
        f"tuntematon komento 'chek': komennot ovat {COMMANDS} ja schema",
        f"unknown command 'chek': the commands are {COMMANDS} and schema",
    ),
    (
        ["check"],
        "tulos check: argumentti ACTUALS puuttuu (ohje: tulos check --help)",
        "tulos check: missing argument ACTUALS (help: tulos check --help)",
    ),
    (
        ["check", H1, "--bogus"],
        "tuntematon valitsin '--bogus' (ohje: tulos check --help)",
        "no such option '--bogus' (help: tulos check --help)",
    ),
    (
        ["check", H1, "--for"],
        "tuntematon valitsin '--for'; tarkoititko '--force' tai '--format'?",
        "no such option '--for'; did you mean '--force' or '--format'?",
    ),
    (
        ["report", H1],
        "tulos report: valitsin --output on pakollinen",
        "tulos report: option --output is required",
    ),
    (
        ["check", H1, "--year"],
        "valitsimelle --year on annettava arvo",
        "option --year needs a value",
    ),
    (
        ["check", H1, "--force=yes"],
        "valitsimelle --force ei anneta arvoa",
        "option --force takes no value",
    ),
    (
        ["template", "2024", "extra"],
        "tulos template: liikaa argumentteja: extra",
        "tulos template: too many arguments: extra",
    ),
    (
        ["check", H1, "--fail-on", "sometimes"],
        "--fail-on 'sometimes': valitse 'fail', 'warn', 'incomplete', 'unexplained' tai 'never'",
        "--fail-on 'sometimes': choose 'fail', 'warn', 'incomplete', 'unexplained' or 'never'",
    ),
    (
        ["check", H1, "--fail-on", "never", "--fail-on", "warn"],
        "--fail-on never ei käy yhdessä muiden arvojen kanssa",
        "--fail-on never cannot be combined with other values",
    ),
    (
        ["template", "2024-H3"],
        "PERIOD: '2024-H3' ei ole jakso (puolivuosi on H1 tai H2): kirjoita 2024, 2024-H1,"
        " 2024-Q1, 2024-03 tai 2024-03-15",
        "PERIOD: '2024-H3' is not a period (a half-year is H1 or H2): write 2024, 2024-H1,"
        " 2024-Q1, 2024-03 or 2024-03-15",
    ),
]


@pytest.mark.parametrize(("args", "finnish", "english"), USAGE, ids=lambda a: str(a)[:30])
def test_a_usage_error_is_one_line_in_either_language(
    tulos: Tulos, args: list[str], finnish: str, english: str
) -> None:
    assert tulos(*args) == (2, "", f"tulos: error: {finnish}\n")
    assert tulos(*args, env={"TULOS_LANG": "en"}) == (2, "", f"tulos: error: {english}\n")


def test_dash_as_output_is_stdout(tulos: Tulos, tmp_path: Path) -> None:
    (tmp_path / "agreements").symlink_to(REPO / "agreements")
    code, out, err = tulos("check", REPO / H1, "-f", "json", "-o", "-", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert json.loads(out)["format"] == "tulosmittari.check"
    code, out, err = tulos("report", REPO / H1, "-o", "-", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert out.startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreements"]  # no file named '-'


# --- 6. --fail-on, repeatable ------------------------------------------------------------------


def _actuals(folder: Path, note: str) -> Path:
    path = folder / "a.csv"
    path.write_text(f"metric,period,value,note\nbilling_rate,2024,60,{note}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "fail_on", "explained", "unexplained"),
    [
        ("check", [], 1, 1),
        ("check", ["unexplained"], 0, 1),
        ("check", ["never"], 0, 0),
        ("check", ["warn"], 1, 1),
        ("check", ["incomplete"], 0, 0),
        ("check", ["incomplete", "unexplained"], 0, 1),
        ("summary", ["unexplained", "fail"], 1, 1),
        ("report", ["unexplained"], 0, 1),
    ],
)
def test_fail_on_conditions_add_up(
    tulos: Tulos,
    tmp_path: Path,
    command: str,
    fail_on: list[str],
    explained: int,
    unexplained: int,
) -> None:
    """billing_rate 60 misses its 72: with a note it is explained, without one it is not."""
    options = [o for condition in fail_on for o in ("--fail-on", condition)]
    options += ["-o", "-"] if command == "report" else []
    for note, expected in (("selitetty", explained), ("", unexplained)):
        code, _, err = tulos(command, _actuals(tmp_path, note), *options)
        assert code == expected, (note, err)


def test_each_condition_of_fail_on() -> None:
    base = report()
    results = [replace(r, outcome=Outcome.PASS, notes=()) for r in base.results]
    cases = {
        Outcome.FAIL: {FailOn.FAIL, FailOn.WARN, FailOn.UNEXPLAINED},
        Outcome.WARN: {FailOn.WARN, FailOn.UNEXPLAINED},
        Outcome.INCOMPLETE: {FailOn.INCOMPLETE},
        Outcome.NO_DATA: set(),
    }
    for outcome, holding in cases.items():
        checked = replace(base, results=(replace(results[0], outcome=outcome), *results[1:]))
        for condition in FailOn:
            expected = 1 if condition in holding else 0
            assert exit_code_for_report(checked, [condition]) == expected, (outcome, condition)
    noted = replace(results[0], outcome=Outcome.FAIL, notes=("selitys",))
    checked = replace(base, results=(noted, *results[1:]))
    assert exit_code_for_report(checked, [FailOn.UNEXPLAINED]) == 0
    assert exit_code_for_report(checked, [FailOn.UNEXPLAINED, FailOn.FAIL]) == 1


# --- 7. What the command says of its own, in Finnish as in English -----------------------------


@pytest.mark.parametrize(
    ("count", "finnish", "english"),
    [(1, "1 havainto", "1 finding"), (2, "2 havaintoa", "2 findings")],
)
def test_findings_are_counted_in_good_finnish(count: int, finnish: str, english: str) -> None:
    message = Message("cli.verdict.findings", count=count)
    assert (word(message, "fi"), word(message, "en")) == (finnish, english)


def test_validate_says_its_verdict_in_finnish(tulos: Tulos) -> None:
    code, _, err = tulos("validate")
    assert code == 0
    assert err == "agreements/2024-2027.yaml: kelvollinen, 3 hyväksyttyä poikkeamaa todettu\n"


def test_unfilled_rows_in_finnish(tulos: Tulos, tmp_path: Path) -> None:
    """Rows left empty beside a figure: not reported yet, said on stderr (with no figure at all
    the file is unusable, tests/test_actuals_command.py)."""
    rows = "".join(f"support_sla;2024-{m:02d};;\n" for m in range(1, 13))
    form = tmp_path / "form.csv"
    form.write_text(
        f"metric;period;value;status\n{rows}total_costs;2024;465 000;\n", encoding="utf-8"
    )
    code, _, err = tulos("check", form, "--format", "json")
    assert code == 0
    assert err == (
        f"{form}: warning: 12 riviä ilman arvoa ja tilaa lasketaan vielä raportoimattomiksi"
        " (rivit 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2 muuta)\n"
    )


def test_a_step_summary_that_cannot_be_written_is_a_warning(tulos: Tulos, tmp_path: Path) -> None:
    code, _, err = tulos(
        "check", H1, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path)}
    )
    assert code == 1
    assert (
        err == f"tulos: warning: yhteenvetoa ei voi lisätä tiedostoon {tmp_path}: Is a directory\n"
    )
