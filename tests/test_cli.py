"""The command end to end: exit codes, stdout against stderr, golden transcripts of the main job
on the bundled files, and a few runs as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from results_fixtures import assert_golden
from tulosmittari.cli import main

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = REPO / "agreements" / "2024-2027.yaml"
H1 = "actuals/2024-h1.csv"
YEAR = "actuals/2024.csv"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands find `agreements/` and the example actuals relative to the working folder."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("TULOS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- validate --------------------------------------------------------------------------------


def test_validate_the_bundled_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "--lang", "en")
    assert code == 0
    assert err == "agreements/2024-2027.yaml: valid, 3 acknowledged discrepancy(ies) noted\n"
    assert len(out.splitlines()) == 3
    for line in out.splitlines():
        assert ": info: identity '" in line
        assert "(acknowledged: " in line


def test_an_edit_that_breaks_an_identity_fails_with_its_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = AGREEMENT.read_text(encoding="utf-8")
    assert text.count("2024: 111664") == 1
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("2024: 111664", "2024: 111674"), encoding="utf-8")
    code, out, err = run(capsys, "validate", "--lang", "en", str(edited))
    assert code == 1
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert errors == [
        f"{edited}:{_line_of(text, 'id: t11_gross_expenses_sum') + 2}:14: error: identity"
        " 't11_gross_expenses_sum' breaks in 2024: expected 465,677 = sum(personnel_costs,"
        " premises_rents, service_purchases, other_expenses, investment_expenses), printed"
        " 465,668 (gross_expenses), difference -9, tolerance 1"
    ]
    code, out, _ = run(capsys, "validate", "--lang", "fi", str(edited))
    assert [line for line in out.splitlines() if ": error: " in line] == [
        f"{edited}:{_line_of(text, 'id: t11_gross_expenses_sum') + 2}:14: error: täsmäytys"
        " 't11_gross_expenses_sum' ei pidä vuonna 2024: odotettiin 465\u00a0677 ="
        " sum(personnel_costs, premises_rents, service_purchases, other_expenses,"
        " investment_expenses), painettu 465\u00a0668 (gross_expenses), erotus −9, toleranssi 1"
    ]
    assert err == f"{edited}: 1 finding(s), 3 acknowledged discrepancy(ies) noted\n"


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_validate_an_unreadable_file_is_unusable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert str(tmp_path / "missing.yaml") in out + err
    assert "Traceback" not in out + err


# --- check -----------------------------------------------------------------------------------


def test_check_half_year_transcript(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", H1, "--format", "plain")
    assert code == 1  # the example misses targets on purpose
    assert err == ""
    assert_golden("cli/check-2024-h1.fi.txt", out)


def test_check_year_transcript_in_english_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", YEAR, "--format", "markdown", "--lang", "en")
    assert code == 1
    assert err == ""
    assert_golden("cli/check-2024.en.md", out)


def test_both_files_together_give_both_periods(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", H1, YEAR, "--format", "json")
    document = json.loads(out)
    assert document["periods"] == ["2024-H1", "2024"]
    assert {r["period"] for r in document["results"]} == {"2024-H1", "2024"}
    assert code == 1


@pytest.mark.parametrize(("fail_on", "expected"), [("never", 0), ("fail", 1), ("warn", 1)])
def test_fail_on_chooses_what_exits_1(
    capsys: pytest.CaptureFixture[str], fail_on: str, expected: int
) -> None:
    code, _, _ = run(capsys, "check", H1, "--format", "json", "--fail-on", fail_on)
    assert code == expected


def test_a_passing_check_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    actuals = tmp_path / "good.csv"
    actuals.write_text("metric,period,value\nbilling_rate,2024,73\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(actuals), "--format", "json")
    assert (code, err) == (0, "")
    results = json.loads(out)["results"]
    assert [r["outcome"] for r in results if r["metric"] == "billing_rate"] == ["pass"]


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", H1, "--format", "json")
    document = json.loads(out)
    assert (document["format"], document["version"]) == ("tulosmittari.check", 1)
    assert sum(document["summary"].values()) == len(document["results"])
    for result in document["results"]:
        assert {"metric", "period", "target", "actual", "outcome", "reason"} <= set(result)
        assert result["outcome"] in {"pass", "warn", "fail", "no_data", "no_target"}
    costs = next(r for r in document["results"] if r["metric"] == "total_costs")
    assert (costs["target"], costs["actual"], costs["outcome"]) == (232834, 230100, "pass")
    assert costs["annual_target"] == 465668


def test_an_unknown_id_is_unusable_input_on_stderr_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    actuals = tmp_path / "typo.csv"
    actuals.write_text("metric,period,value\nbiling_rate,2024,72\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(actuals), "--lang", "en")
    assert (code, out) == (2, "")
    assert err == (
        f"{actuals}:2:1 [metric]: error: unknown metric or item 'biling_rate' (did you mean"
        " 'billing_rate'?): use the ids of the agreement\n"
    )


def test_unfilled_rows_are_listed_and_count_as_no_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    actuals = tmp_path / "form.csv"
    actuals.write_text(
        "metric;period;value;status\nbilling_rate;2024-H1;72,5;\nsupport_sla;2024-H1;;\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", str(actuals), "--format", "json")
    assert code == 0
    assert err == (
        f"{actuals}: warning: 1 row(s) have neither a value nor a status and count as not"
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
def test_bad_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "check", H1, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_an_invalid_agreement_is_unusable_for_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    text = AGREEMENT.read_text(encoding="utf-8")
    broken.write_text(text.replace("direction: lower_is_better", "direction: lower", 1), "utf-8")
    code, out, err = run(capsys, "check", H1, "--agreement", str(broken))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert "error: " in lines[0]
    assert "'lower'" in lines[0]
    assert lines[-1] == (
        f"{broken}: info: the agreement is not valid; run `tulos validate {broken}` and fix what"
        " it reports"
    )


def test_no_agreement_to_find_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", str(REPO / H1))
    assert code == 2
    assert err == (
        "tulos: error: no agreement found in agreements/: give one with --agreement PATH\n"
    )


def test_targets_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "targets", "--year", "2024", "--format", "json")
    assert code == 0
    document = json.loads(out)
    billing = next(m for m in document["metrics"] if m["id"] == "billing_rate")
    assert billing["values"] == [{"year": 2024, "kind": "tavoite", "role": "target", "value": 72}]
    assert len(document["items"]) == 31  # the qualitative items of 2024 in Tables 3, 8 and 9


# --- as a real process -----------------------------------------------------------------------


def _subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TULOS_LANG", "NO_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "tulosmittari", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
        check=False,
    )


def test_the_main_job_as_a_process() -> None:
    done = _subprocess("check", H1)
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.splitlines()[0].endswith("tavoitteet ja toteumat 2024-H1")
    assert "\x1b" not in done.stdout  # not a terminal: plain text, no colour


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh process has imported after running `tulos ARGS`."""
    script = (
        "import sys\n"
        "from tulosmittari.cli import main\n"
        "main(sys.argv[1:])\n"
        "sys.__stdout__.write('\\n'.join(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return set(done.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "used"),
    [
        (("validate", "--format", "github"), "tulosmittari.render.github"),
        (
            ("check", H1, "--format", "json", "-o", os.devnull, "--force"),
            "tulosmittari.render.json",
        ),
    ],
)
def test_a_chosen_format_imports_its_renderer_only(args: tuple[str, ...], used: str) -> None:
    modules = _modules_after(*args)
    assert used in modules
    unused = {"tulosmittari.render.table", "tulosmittari.render.csv", "tulosmittari.render.html"}
    assert unused & modules == set()
    assert "rich" not in modules  # the terminal renderer's library, the costliest to import
    assert "tabulate" not in modules  # no plain table is laid out


def _with_a_pydantic_plugin(tmp_path: Path, setting: str | None) -> Path:
    """Runs `tulos validate` beside an installed Pydantic plugin that leaves a file when loaded."""
    marker = tmp_path / "plugin-loaded"
    (tmp_path / "spy_plugin.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).touch()\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n",
        encoding="utf-8",
    )
    info = tmp_path / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = str(tmp_path)
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = subprocess.run(
        [sys.executable, "-m", "tulosmittari", "validate"],
        cwd=REPO,
        capture_output=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return marker


def test_pydantic_plugins_are_not_looked_for(tmp_path: Path) -> None:
    assert not _with_a_pydantic_plugin(tmp_path, None).exists()


def test_pydantic_plugins_run_when_the_user_asks(tmp_path: Path) -> None:
    assert _with_a_pydantic_plugin(tmp_path, "").exists()


def test_a_usage_error_as_a_process() -> None:
    done = _subprocess("check")
    assert done.returncode == 2
    assert "Missing argument" in done.stderr
    assert "Traceback" not in done.stderr


def test_version_as_a_process() -> None:
    done = _subprocess("--version")
    assert (done.returncode, done.stdout) == (0, "tulos 0.1.0\n")
