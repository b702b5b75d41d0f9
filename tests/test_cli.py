"""The command end to end: exit codes, stdout against stderr, golden transcripts of the main job
on the bundled files. Runs as a real process are in tests/test_process.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import BUNDLED_AGREEMENT as AGREEMENT
from conftest import REPO, Tulos
from results_fixtures import assert_golden
from translation import assert_translated

H1 = "actuals/2024-h1.csv"
YEAR = "actuals/2024.csv"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands find `agreements/` and the example actuals relative to the working folder."""
    monkeypatch.chdir(REPO)


# --- validate --------------------------------------------------------------------------------


def test_validate_the_bundled_agreement(tulos: Tulos) -> None:
    code, out, err = tulos("validate", "--lang", "en")
    assert code == 0
    assert err == "agreements/2024-2027.yaml: valid, 3 acknowledged discrepancies noted\n"
    assert len(out.splitlines()) == 3
    for line in out.splitlines():
        assert ": info: identity '" in line
        assert "(acknowledged: " in line


def test_an_edit_that_breaks_an_identity_fails_with_its_location(
    tulos: Tulos, tmp_path: Path
) -> None:
    """Without a known earlier version, the break is at the total its parts no longer make."""
    text = AGREEMENT.read_text(encoding="utf-8")
    assert text.count("2024: 111664") == 1
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("2024: 111664", "2024: 111674"), encoding="utf-8")
    total = _position(text, "id: gross_expenses", "465668")
    part = _position(text, "id: personnel_costs", "111664")
    code, out, err = tulos("validate", "--lang", "en", str(edited))
    assert code == 1
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].startswith(
        f"{edited}:{total}: error: identity"
        " 't11_gross_expenses_sum' breaks in 2024: expected 465,677 = sum(personnel_costs,"
        " premises_rents, service_purchases, other_expenses, investment_expenses), printed"
        " 465,668 (gross_expenses), difference -9, tolerance 1; the figures: gross_expenses ="
        f" 465,668 ({total}), personnel_costs = 111,674 ({part}), premises_rents = "
    )
    code, out, _ = tulos("validate", "--lang", "fi", str(edited))
    (finnish,) = [line for line in out.splitlines() if ": error: " in line]
    assert finnish.startswith(
        f"{edited}:{total}: error: täsmäytys"
        " 't11_gross_expenses_sum' ei pidä vuonna 2024: odotettiin 465\u00a0677 ="
        " sum(personnel_costs, premises_rents, service_purchases, other_expenses,"
        " investment_expenses), painettu 465\u00a0668 (gross_expenses), erotus −9, toleranssi 1;"
        f" luvut: gross_expenses = 465\u00a0668 ({total}), personnel_costs = 111\u00a0674 ({part}),"
    )
    assert finnish.endswith(
        " ja investment_expenses = 10\u00a0319 ("
        + _position(text, "id: investment_expenses", "10319")
        + ")"
    )
    assert err == f"{edited}: 1 finding, 3 acknowledged discrepancies noted\n"


def _position(text: str, block: str, figure: str) -> str:
    """`line:column` of the first `figure` after `block` (both as written)."""
    index = text.index(figure, text.index(block))
    line_start = text.rfind("\n", 0, index) + 1
    return f"{text.count(chr(10), 0, index) + 1}:{index - line_start + 1}"


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_validate_an_unreadable_file_is_unusable(tulos: Tulos, tmp_path: Path) -> None:
    code, out, err = tulos("validate", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert str(tmp_path / "missing.yaml") in out + err


# --- check -----------------------------------------------------------------------------------


def test_check_half_year_transcript(tulos: Tulos) -> None:
    code, out, err = tulos("check", H1, "--format", "plain")
    assert code == 1  # the example misses targets on purpose
    assert err == ""
    assert_golden("cli/check-2024-h1.fi.txt", out)


def test_check_year_transcript_in_markdown(tulos: Tulos) -> None:
    code, out, err = tulos("check", YEAR, "--format", "markdown")
    assert (code, err) == (1, "")
    assert_golden("cli/check-2024.fi.md", out)


def test_check_year_in_english(tulos: Tulos) -> None:
    args = ("check", YEAR, "--format", "markdown")
    finnish, english = tulos(*args), tulos(*args, "--lang", "en")
    assert (english.code, english.err) == (1, "")
    assert_translated(finnish.out, english.out, yaml.safe_load(AGREEMENT.read_text("utf-8")))
    assert tulos(*args, env={"TULOS_LANG": "en"}) == english


def test_both_files_together_give_both_periods(tulos: Tulos) -> None:
    code, out, _ = tulos("check", H1, YEAR, "--format", "json")
    document = json.loads(out)
    assert document["periods"] == ["2024-H1", "2024"]
    assert {r["period"] for r in document["results"]} == {"2024-H1", "2024"}
    assert code == 1


@pytest.mark.parametrize(("fail_on", "expected"), [("never", 0), ("fail", 1), ("warn", 1)])
def test_fail_on_chooses_what_exits_1(tulos: Tulos, fail_on: str, expected: int) -> None:
    code, _, _ = tulos("check", H1, "--format", "json", "--fail-on", fail_on)
    assert code == expected


def test_a_passing_check_exits_0(tulos: Tulos, tmp_path: Path) -> None:
    actuals = tmp_path / "good.csv"
    actuals.write_text("metric,period,value\nbilling_rate,2024,73\n", encoding="utf-8")
    code, out, err = tulos("check", str(actuals), "--format", "json")
    assert (code, err) == (0, "")
    results = json.loads(out)["results"]
    assert [r["outcome"] for r in results if r["metric"] == "billing_rate"] == ["pass"]


def test_json_contract(tulos: Tulos) -> None:
    _, out, _ = tulos("check", H1, "--format", "json")
    document = json.loads(out)
    assert (document["format"], document["version"]) == ("tulosmittari.check", 2)
    assert sum(document["summary"].values()) == len(document["results"])
    for result in document["results"]:
        assert {"metric", "period", "target", "actual", "outcome", "reason"} <= set(result)
        assert result["outcome"] in {"pass", "warn", "fail", "incomplete", "no_data", "no_target"}
    costs = next(r for r in document["results"] if r["metric"] == "total_costs")
    assert (costs["target"], costs["actual"], costs["outcome"]) == (232834, 230100, "pass")
    assert costs["annual_target"] == 465668


def test_an_unknown_id_is_unusable_input_on_stderr_only(tulos: Tulos, tmp_path: Path) -> None:
    actuals = tmp_path / "typo.csv"
    actuals.write_text("metric,period,value\nbiling_rate,2024,72\n", encoding="utf-8")
    code, out, err = tulos("check", str(actuals), "--lang", "en")
    assert (code, out) == (2, "")
    assert err == (
        f"{actuals}:2:1 [metric]: error: unknown metric or item 'biling_rate' (did you mean"
        " 'billing_rate'?): use the ids of the agreement\n"
    )


def test_unfilled_rows_are_listed_and_count_as_no_data(tulos: Tulos, tmp_path: Path) -> None:
    actuals = tmp_path / "form.csv"
    actuals.write_text(
        "metric;period;value;status\nbilling_rate;2024-H1;72,5;\nsupport_sla;2024-H1;;\n",
        encoding="utf-8",
    )
    code, out, err = tulos("check", str(actuals), "--format", "json", "--lang", "en")
    assert code == 0
    assert err == (
        f"{actuals}: warning: 1 row has neither a value nor a status and counts as not"
        " reported yet (line 3)\n"
    )
    sla = next(r for r in json.loads(out)["results"] if r["metric"] == "support_sla")
    assert sla["outcome"] == "no_data"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2024-H3"], "tulos: error: --period: "),
        (["--period", "2024-03-15"], "tulos: error: --period 2024-03-15: give a year, half"),
        (["--format", "yaml"], "tulos: error: unknown format 'yaml': choose from "),
        (["--lang", "sv"], "tulos: error: unknown language 'sv': use fi or en"),
    ],
)
def test_bad_options_are_usage_errors(tulos: Tulos, args: list[str], message: str) -> None:
    code, out, err = tulos("check", H1, *args, env={"TULOS_LANG": "en"})
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_an_invalid_agreement_is_unusable_for_check(tulos: Tulos, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = AGREEMENT.read_text(encoding="utf-8")
    broken.write_text(text.replace("direction: lower_is_better", "direction: lower", 1), "utf-8")
    code, out, err = tulos("check", H1, "--agreement", str(broken))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert "error: " in lines[0]
    assert "'lower'" in lines[0]
    assert lines[-1] == (
        f"{broken}: info: sopimus ei ole kelvollinen; aja `tulos validate {broken}` ja korjaa,"
        " mitä se ilmoittaa"
    )


def test_no_agreement_to_find_is_a_usage_error(tulos: Tulos, tmp_path: Path) -> None:
    code, _, err = tulos("check", str(REPO / H1), "--lang", "en", cwd=tmp_path)
    assert code == 2
    assert err == (
        "tulos: error: no agreement found in agreements/: give one with --agreement PATH\n"
    )


def test_targets_as_json(tulos: Tulos) -> None:
    code, out, _ = tulos("targets", "--year", "2024", "--format", "json")
    assert code == 0
    document = json.loads(out)
    billing = next(m for m in document["metrics"] if m["id"] == "billing_rate")
    assert billing["values"] == [{"year": 2024, "kind": "tavoite", "role": "target", "value": 72}]
    assert len(document["items"]) == 31  # the qualitative items of 2024 in Tables 3, 8 and 9


def test_version(tulos: Tulos) -> None:
    assert tulos("--version") == (0, "tulos 0.1.0\n", "")


# --- at a terminal ---------------------------------------------------------------------------

BOX = set("─━│┃┏┓┗┛╇╈╋")  # Rich draws its tables with these
SGR = "\x1b["


def test_at_a_terminal_the_default_is_a_coloured_table(tulos: Tulos) -> None:
    code, out, err = tulos("check", H1, terminal=True)
    assert (code, err) == (1, "")
    assert SGR in out
    assert BOX & set(out)


def test_no_color_at_a_terminal_gives_plain_text(tulos: Tulos) -> None:
    code, out, err = tulos("check", H1, terminal=True, env={"NO_COLOR": "1"})
    assert (code, err) == (1, "")
    assert SGR not in out
    assert not BOX & set(out)


def test_a_table_asked_for_at_a_terminal_without_colour(tulos: Tulos) -> None:
    code, out, _ = tulos("check", H1, "--format", "table", terminal=True, env={"NO_COLOR": "1"})
    assert code == 1
    assert SGR not in out
    assert BOX & set(out)


def test_a_table_written_to_a_file_has_no_colour(tulos: Tulos, tmp_path: Path) -> None:
    target = tmp_path / "table.txt"
    code, out, _ = tulos("check", H1, "--format", "table", "-o", target, terminal=True)
    assert (code, out) == (1, "")
    text = target.read_text(encoding="utf-8")
    assert SGR not in text
    assert BOX & set(text)
