"""`tulos diff` end to end: two files, a git revision, actuals that flip, and unusable input; and
`tulos validate --format github` as the CI workflow in docs/ci.md runs it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import BUNDLED_AGREEMENT as BUNDLED
from conftest import REPO, Tulos

MINIMAL = REPO / "tests" / "data" / "agreements" / "valid" / "minimal.yaml"
NBSP = "\u00a0"


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


AGREEMENT = MINIMAL.read_text(encoding="utf-8")


def _harder(text: str) -> str:
    """The 2024 target of `kayttoaste` raised, with the societal-impact table quoting it."""
    text = _edit(text, "          2024: 99.5\n", "          2024: 99.7\n")
    return _edit(
        text, 'value: 99.5, text: "vähintään 99,5 %"', 'value: 99.7, text: "vähintään 99,7 %"'
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- Two files -----------------------------------------------------------------------------------


def test_no_semantic_change_exits_0(tmp_path: Path, tulos: Tulos) -> None:
    old = _write(tmp_path / "old.yaml", AGREEMENT)
    new = _write(tmp_path / "new.yaml", "# reformatted\n" + AGREEMENT.replace("99.5\n", "99.50\n"))
    code, out, err = tulos("diff", str(old), str(new), "--format", "plain", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.endswith("\n\nNo changes in meaning.\n")


def test_a_harder_target_exits_1_and_says_so(tmp_path: Path, tulos: Tulos) -> None:
    old = _write(tmp_path / "old.yaml", AGREEMENT)
    new = _write(tmp_path / "new.yaml", _harder(AGREEMENT))
    code, out, _ = tulos("diff", str(old), str(new), "--format", "json")
    assert code == 1
    changes = json.loads(out)["changes"]
    summary = [
        (c["subject"]["kind"], c["year"], c["field"], c["old"], c["new"], c["effect"])
        for c in changes
    ]
    assert summary == [
        ("quoted_target", 2024, None, 99.5, 99.7, "harder"),
        ("quoted_target", 2024, "text", "vähintään 99,5 %", "vähintään 99,7 %", None),
        ("metric", 2024, None, 99.5, 99.7, "harder"),
    ]
    line = _harder(AGREEMENT).splitlines().index("          2024: 99.7") + 1
    assert changes[2]["line"] == line


def test_the_bundled_agreement_against_itself(tulos: Tulos) -> None:
    code, out, _ = tulos("diff", str(BUNDLED), str(BUNDLED), "--format", "markdown")
    assert code == 0
    assert out.endswith("**Ei sisällöllisiä muutoksia.**\n")


# --- A git revision ------------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=30,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with one agreement committed, the working directory inside it."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "repo"
    _write(folder / "agreements" / "sopimus.yaml", AGREEMENT)
    _git(folder, "init", "-q")
    _git(folder, "add", "agreements/sopimus.yaml")
    _git(folder, "commit", "-q", "-m", "agreement")
    monkeypatch.chdir(folder)
    return folder


def test_rev_compares_the_committed_version_with_the_working_file(repo: Path, tulos: Tulos) -> None:
    _write(repo / "agreements" / "sopimus.yaml", _harder(AGREEMENT))
    code, out, _ = tulos("diff", "--rev", "HEAD", "--format", "markdown", "--lang", "en")
    assert code == 1
    heading = "changes agreements/sopimus.yaml@HEAD → agreements/sopimus.yaml"
    assert out.startswith(f"## Tulossopimus 2024–2025: {heading}\n")
    assert f"| 2024 | target | 99.5{NBSP}% | 99.7{NBSP}% | harder |" in out


def test_rev_names_the_file_from_the_top_of_the_repository(repo: Path, tulos: Tulos) -> None:
    args = ["diff", "--rev", "HEAD", "sopimus.yaml", "--format", "json"]
    code, out, _ = tulos(*args, cwd=repo / "agreements")
    assert code == 0
    assert json.loads(out)["old"]["source"] == "agreements/sopimus.yaml@HEAD"


def test_a_missing_revision_is_one_clean_line(repo: Path, tulos: Tulos) -> None:
    code, out, err = tulos("diff", "--rev", "nosuchbranch", "--lang", "en")
    assert (code, out) == (2, "")
    assert err == f"tulos: error: --rev nosuchbranch: no such revision in {repo.resolve()}\n"


def test_a_file_that_did_not_exist_at_the_revision(repo: Path, tulos: Tulos) -> None:
    later = _write(repo / "agreements" / "later.yaml", AGREEMENT)
    code, _, err = tulos("diff", "--rev", "HEAD", str(later), "--lang", "en")
    assert code == 2
    assert err == "tulos: error: agreements/later.yaml did not exist at revision HEAD\n"


def test_an_option_is_never_taken_for_a_revision(repo: Path, tulos: Tulos) -> None:
    code, _, err = tulos("diff", "--rev=--output=x", "agreements/sopimus.yaml")
    assert code == 2
    assert err == "tulos: error: --rev '--output=x' ei ole versio\n"
    assert not (repo / "x").exists()


def test_outside_a_repository(tmp_path: Path, tulos: Tulos) -> None:
    path = _write(tmp_path / "plain" / "sopimus.yaml", AGREEMENT)
    ceiling = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    code, _, err = tulos("diff", "--rev", "HEAD", str(path), "--lang", "en", env=ceiling)
    assert code == 2
    assert err == f"tulos: error: {path} is not in a git repository\n"


def test_an_invalid_agreement_at_the_revision(repo: Path, tulos: Tulos) -> None:
    _write(repo / "agreements" / "sopimus.yaml", AGREEMENT.replace("tae: true", "tae: [true"))
    _git(repo, "commit", "-q", "-a", "-m", "broken")
    _write(repo / "agreements" / "sopimus.yaml", AGREEMENT)
    code, out, err = tulos("diff", "--rev", "HEAD")
    assert (code, out) == (2, "")
    assert err.startswith("agreements/sopimus.yaml@HEAD:")
    assert err.count("\n") == 1


# --- Unusable input ------------------------------------------------------------------------------


def test_invalid_yaml_on_one_side_is_one_clean_line(tmp_path: Path, tulos: Tulos) -> None:
    old = _write(tmp_path / "old.yaml", AGREEMENT)
    new = _write(tmp_path / "new.yaml", AGREEMENT.replace("tae: true", "tae: [true"))
    code, out, err = tulos("diff", str(old), str(new))
    assert (code, out) == (2, "")
    assert err.startswith(f"{new}:")
    assert err.count("\n") == 1


def test_a_schema_problem_on_one_side(tmp_path: Path, tulos: Tulos) -> None:
    old = _write(tmp_path / "old.yaml", AGREEMENT.replace("higher_is_better", "higher", 1))
    new = _write(tmp_path / "new.yaml", AGREEMENT)
    code, out, err = tulos("diff", str(old), str(new), "--lang", "en")
    assert (code, out) == (2, "")
    assert "'higher' is not a valid value" in err
    assert err.endswith(f"run `tulos validate {old}` and fix what it reports\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["only.yaml"], "give two agreement files, OLD NEW, or one file with --rev REV"),
        (
            ["a.yaml", "b.yaml", "--rev", "HEAD"],
            "with --rev give one agreement file (the old side is its git revision)",
        ),
        (
            ["a.yaml", "b.yaml", "--format", "csv"],
            "unknown format 'csv': choose from table, plain, markdown, json",
        ),
    ],
)
def test_usage_errors(args: list[str], message: str, tulos: Tulos) -> None:
    code, _, err = tulos("diff", *args, "--lang", "en")
    assert (code, err) == (2, f"tulos: error: {message}\n")


# --- Actuals -------------------------------------------------------------------------------------


def test_actuals_show_the_outcomes_the_edit_flips(tmp_path: Path, tulos: Tulos) -> None:
    old = _write(tmp_path / "old.yaml", AGREEMENT)
    new = _write(tmp_path / "new.yaml", _harder(AGREEMENT))
    actuals = _write(tmp_path / "2024.csv", "metric,period,value\nkayttoaste,2024,99.55\n")
    args = ["diff", str(old), str(new), "--actuals", str(actuals), "--lang", "en"]
    code, out, _ = tulos(*args, "--format", "plain")
    assert code == 1
    flips = out.split("Outcomes that change with the same actuals 2024\n", 1)[1]
    rows = [line.split("  ") for line in flips.splitlines() if line.startswith("Palvelujen")]
    cells = [[cell.strip() for cell in row if cell.strip()] for row in rows]
    assert cells == [
        [
            "Palvelujen käyttöaste",
            "2024",
            f"99.5{NBSP}% (binding)",
            f"99.7{NBSP}% (binding)",
            f"99.55{NBSP}%",
            "✓ pass",
            "✗ fail",
        ]
    ]
    code, out, _ = tulos(*args, "--format", "json")
    document = json.loads(out)
    assert document["periods"] == ["2024"]
    assert document["flips"] == [
        {
            "kind": "metric",
            "id": "kayttoaste",
            "name": "Palvelujen käyttöaste",
            "period": "2024",
            "target_source": None,
            "actual": 99.55,
            "old": {"target": 99.5, "outcome": "pass"},
            "new": {"target": 99.7, "outcome": "fail"},
        }
    ]


def test_actuals_that_do_not_fit_the_new_version(tmp_path: Path, tulos: Tulos) -> None:
    old = _write(tmp_path / "old.yaml", AGREEMENT)
    actuals = _write(tmp_path / "x.csv", "metric,period,value\nkaytoaste,2024,99\n")
    code, out, err = tulos("diff", str(old), str(old), "--actuals", str(actuals), "--lang", "en")
    assert (code, out) == (2, "")
    assert "unknown metric or item 'kaytoaste'" in err


# --- validate --format github, as CI runs it -----------------------------------------------------


def test_validate_annotates_the_offending_line_for_github(tmp_path: Path, tulos: Tulos) -> None:
    text = _edit(AGREEMENT, "          2024: 99.5\n", "          2024: 99.7\n")
    path = _write(tmp_path / "sopimus.yaml", text)
    code, out, _ = tulos("validate", "--format", "github", "--lang", "en", str(path))
    assert code == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "vähintään 99,5 %" in row)
    errors = [row for row in out.splitlines() if row.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"::error file={path},line={line},col=")
    assert "quoted target 99.5 for 'kayttoaste' in 2024" in errors[0]


def test_validate_for_github_on_unusable_yaml_exits_2(tmp_path: Path, tulos: Tulos) -> None:
    path = _write(tmp_path / "sopimus.yaml", AGREEMENT.replace("tae: true", "tae: [true"))
    code, out, _ = tulos("validate", "--format", "github", str(path))
    assert code == 2
    assert out.startswith(f"::error file={path},line=")


def test_an_edit_that_breaks_an_identity_is_placed_at_the_edited_figure(
    tulos: Tulos, tmp_path: Path
) -> None:
    """`diff` knows the earlier version: the break is at the figure changed, not the total."""
    text = BUNDLED.read_text(encoding="utf-8")
    old = _write(tmp_path / "old.yaml", text)
    new = _write(tmp_path / "new.yaml", _edit(text, "2024: 111664", "2024: 111674"))
    code, out, err = tulos("diff", str(old), str(new), "--lang", "en")
    assert (code, out) == (2, "")
    edited = next(n for n, row in enumerate(text.splitlines(), 1) if "2024: 111664" in row)
    first = err.splitlines()[0]
    assert first.startswith(f"{new}:{edited}:")
    assert "identity 't11_gross_expenses_sum' breaks in 2024" in first
    code, _, err = tulos("validate", str(new), "--lang", "en")
    assert code == 1  # without the earlier version, at the total that differs from its lines
