"""Another agency's tables in fifteen minutes, through the commands: a minimal file with figures
as printed, the YAML slips a copied figure makes, implausible figures, and identity breaks
located at the figure that breaks them (issues 13 and 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Tulos
from tulosmittari.cli import main

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = REPO / "agreements" / "2024-2027.yaml"
DOCS = REPO / "docs" / "agreement-format.md"

# Palkeet's TAE 2021 table as printed, and targets printed as a bound and a range: nothing but
# meta.id, title and years, and the tables.
PALKEET = """\
schema_version: 1
meta:
  id: palkeet_tae_2021
  title: Palvelukeskus Palkeet, TAE 2021
  years: {first: 2019, last: 2021}
tables:
  - id: tunnusluvut
    title: Toiminnallinen tehokkuus
    columns:
      - {year: 2019, kind: tp, label: 2019 toteutuma}
      - {year: 2020, kind: arvio, label: 2020 arvio}
      - {year: 2021, kind: tavoite, label: 2021 tavoite}
    metrics:
      - id: tyytyvaisyys
        name: Asiakastyytyväisyys (1–5)
        unit: asteikko 1–5
        scale: {min: 1, max: 5}
        direction: higher_is_better
        period_kind: level
        values:
          2019: 3,6
          2020: 3,6
          2021: 3,7
      - id: kustannusvastaavuus
        name: Kustannusvastaavuus, %
        unit: "%"
        bounds: {min: 0}
        direction: break_even
        period_kind: level
        values:
          2019: 101,20
          2020: 100,00
          2021: 100,00
      - id: palkkalaskelmat
        name: Palkkalaskelmat, kpl
        unit: kpl
        direction: higher_is_better
        period_kind: flow
        values:
          2019: 52 310
          2020: 53 100
          2021: 53 946
      - id: uusi_mittari
        name: Sähköisten asiointien osuus, %
        unit: "%"
        direction: higher_is_better
        period_kind: level
        values:
          2019: –
          2020: –
          2021: 60
      - id: tuottavuus
        name: Tuottavuuden muutos, %
        unit: "%"
        bounds: {}
        direction: higher_is_better
        period_kind: level
        values:
          2019: −1,5
          2020: 2,0
          2021: 9,5
      - id: henkilotyovuodet
        name: Henkilötyövuodet
        unit: htv
        direction: not_a_target
        period_kind: flow
        values:
          2019: 608
          2020: 590
          2021: 580
  - id: henkilosto
    title: Henkilöstö
    columns:
      - {year: 2021, kind: tavoite, label: 2021 tavoite}
    metrics:
      - id: sairauspoissaolot
        name: Sairauspoissaolot, pv/htv
        unit: pv/htv
        direction: lower_is_better
        period_kind: level
        aggregation: ratio
        values:
          2021: < 10
      - id: tyotyytyvaisyys
        name: Työtyytyväisyys (1–5)
        unit: asteikko 1–5
        scale: {min: 1, max: 5}
        direction: higher_is_better
        period_kind: level
        values:
          2021: 3,6–3,8
"""

ACTUALS = """\
metric;period;value
tyytyvaisyys;2021;3,8
kustannusvastaavuus;2021;100,00
palkkalaskelmat;2021;54 120
tuottavuus;2021;9,1
sairauspoissaolot;2021;8,7
tyotyytyvaisyys;2021;3,7
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_budget_proposal_table_as_printed_validates_and_checks(
    tulos: Tulos, tmp_path: Path
) -> None:
    agreement = write(tmp_path, "palkeet.yaml", PALKEET)
    actuals = write(tmp_path, "2021.csv", ACTUALS)
    code, out, err = tulos("validate", "--lang", "en", "--format", "json", str(agreement))
    assert (code, err) == (0, f"{agreement}: valid\n")
    assert json.loads(out)["problems"] == []

    code, out, _ = tulos(
        "check",
        "-a",
        str(agreement),
        str(actuals),
        "--format",
        "json",
        "--fail-on",
        "never",
    )
    assert code == 0
    results = {(r["metric"], r["period"]): r for r in json.loads(out)["results"]}
    expected = {
        "tyytyvaisyys": ("pass", 3.7, 3.8),
        "kustannusvastaavuus": ("pass", 100, 100),
        "tuottavuus": ("fail", 9.5, 9.1),
    }
    for metric, (outcome, target, actual) in expected.items():
        result = results[(metric, "2021")]
        assert (result["outcome"], result["target"], result["actual"]) == (outcome, target, actual)
        assert result["target_role"] == "target"  # no validity: the tavoite column binds
    assert results[("palkkalaskelmat", "2021")]["target"] == 53946


def test_a_table_number_defaults_to_its_position(tulos: Tulos, tmp_path: Path) -> None:
    agreement = write(tmp_path, "palkeet.yaml", PALKEET)
    actuals = write(
        tmp_path,
        "2021.csv",
        "metric;period;value\ntyytyvaisyys;2021;3,8\nsairauspoissaolot;2021;8,7\n",
    )
    _, out, _ = tulos("check", "-a", str(agreement), str(actuals), "--format", "json")
    tables = {(r["table_id"], r["table"]) for r in json.loads(out)["results"]}
    assert tables == {("tunnusluvut", 1), ("henkilosto", 2)}


# --- What YAML makes of a figure copied as printed ----------------------------------------------


@pytest.mark.parametrize(
    ("written", "where", "english", "finnish"),
    [
        (
            "2021: > 95",
            "9:17",
            "'> 95': YAML reads '>' at the start of a value as the start of a block of text; put"
            " the target in quotes: '> 95'",
            "'> 95': YAML lukee arvon alussa olevan merkin '>' lohkotekstin aloitukseksi; laita"
            " tavoite lainausmerkkeihin: '> 95'",
        ),
        (
            "{2020: 4,3, 2021: 4,1}",
            "9:18",
            "'4,3': inside {…} YAML splits at commas, so it was read as the value 4 and a key 3"
            " without a value; write the values one a line (`2020: 4,3`) or the figure in quotes"
            " ('4,3')",
            "'4,3': aaltosulkeiden {…} sisällä YAML jakaa arvot pilkun kohdalta, joten 4 luettiin"
            " arvoksi ja 3 avaimeksi ilman arvoa; kirjoita arvot omille riveilleen"
            " (`2020: 4,3`) tai luku lainausmerkkeihin ('4,3')",
        ),
        (
            "2021: -",
            "9:17",
            "YAML reads a lone '-' as the start of a list; write the dash in quotes ('-') or as an"
            " en dash (–)",
            "YAML lukee yksinäisen '-'-merkin listan aloitukseksi; kirjoita viiva lainausmerkeissä"
            " ('-') tai ajatusviivana (–)",
        ),
    ],
    ids=["folded-block", "flow-comma", "lone-dash"],
)
def test_a_yaml_slip_says_what_happened_and_the_fix(
    tulos: Tulos,
    tmp_path: Path,
    written: str,
    where: str,
    english: str,
    finnish: str,
) -> None:
    head = "schema_version: 1\nmeta: {id: a, title: A, years: {first: 2020, last: 2021}}\n"
    table = (
        "tables:\n  - id: t\n    title: T\n    metrics:\n      - id: m\n        values:\n"
        f"          {written}\n"
    )
    agreement = write(tmp_path, "a.yaml", head + table)
    code, _, err = tulos("validate", "--lang", "en", str(agreement))
    assert code == 2
    assert err.splitlines()[0] == f"{agreement}:{where}: error: {english}"
    assert tulos("validate", str(agreement))[2].splitlines()[0] == (
        f"{agreement}:{where}: error: {finnish}"
    )


def test_a_cell_that_is_no_printed_form_names_the_forms(tulos: Tulos, tmp_path: Path) -> None:
    agreement = write(tmp_path, "a.yaml", PALKEET.replace("2021: 3,7", "2021: noin 3,7"))
    code, out, err = tulos("validate", "--lang", "en", str(agreement))
    assert code == 1
    assert out.splitlines() == [
        f"{agreement}:23:17: error: metric 'tyytyvaisyys': 'noin 3,7' is not a cell value: write"
        " a figure or a mark as printed (3,7, 53 946, −3, –, tbd, < 10, ≥ 3,5, 3,6–3,8), or a"
        " mapping such as {missing: new_metric}"
    ]
    assert err == f"{agreement}: 1 finding\n"


# --- Figures that cannot be right -------------------------------------------------------------


def test_a_target_outside_its_plausible_bounds_is_a_finding(tulos: Tulos, tmp_path: Path) -> None:
    text = AGREEMENT.read_text(encoding="utf-8")
    printed = "values: {2022: 72, 2023: 72, 2024: 72, 2025: 73, 2026: 74, 2027: 75}"
    assert text.count(printed) == 1
    edited = write(tmp_path, "edited.yaml", text.replace(printed, printed.replace("73", "730")))
    line = text[: text.index(printed)].count("\n") + 1
    column = text.splitlines()[line - 1].index("73,") + 1
    code, out, _ = tulos("validate", "--lang", "en", str(edited))
    assert code == 1
    assert [row for row in out.splitlines() if ": error: " in row] == [
        f"{edited}:{line}:{column}: error: 730 is not a plausible percentage for 'billing_rate':"
        " a share lies in 0–100; if the figure may pass 100, give the metric `bounds: {min: 0}`"
    ]
    code, out, _ = tulos("validate", str(edited))
    assert [row for row in out.splitlines() if ": error: " in row] == [
        f"{edited}:{line}:{column}: error: 730 ei ole uskottava prosenttiluku mittarille"
        " 'billing_rate': osuus on 0–100; jos luku voi ylittää sadan, anna mittarille"
        " `bounds: {min: 0}`"
    ]


def test_a_negative_count_is_a_finding_but_a_balance_may_be_negative(
    tulos: Tulos, tmp_path: Path
) -> None:
    negative = write(tmp_path, "a.yaml", PALKEET.replace("2021: 53 946", "2021: −53 946"))
    code, out, _ = tulos("validate", str(negative))
    assert code == 1
    assert out.splitlines() == [
        f"{negative}:42:17: error: −53\u00a0946 on alle nollan, mutta mittari 'palkkalaskelmat'"
        " ei voi olla negatiivinen; jos se voi (esimerkiksi tase), anna mittarille `bounds: {}`"
    ]
    assert "2019: −1,5" in PALKEET  # 'tuottavuus' says `bounds: {}`: no finding for it


# --- Identity breaks at the figure that breaks them ---------------------------------------------


def _position(text: str, block: str, figure: str) -> tuple[int, int]:
    index = text.index(figure, text.index(block))
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def test_diff_places_a_break_at_the_edited_figure(tulos: Tulos, tmp_path: Path) -> None:
    text = AGREEMENT.read_text(encoding="utf-8")
    assert text.count("2025: 117426") == 1
    old = write(tmp_path, "old.yaml", text)
    new = write(tmp_path, "new.yaml", text.replace("2025: 117426", "2025: 117999"))
    line, column = _position(text, "id: personnel_costs", "117426")
    code, out, err = tulos("diff", "--lang", "en", str(old), str(new))
    assert (code, out) == (2, "")
    first = err.splitlines()[0]
    assert first.startswith(
        f"{new}:{line}:{column}: error: identity 't11_gross_expenses_sum' breaks in 2025:"
    )
    assert f"personnel_costs = 117,999 ({line}:{column})" in first


def test_validate_places_a_break_at_the_total_and_github_annotates_it(
    tulos: Tulos, tmp_path: Path
) -> None:
    """Without the earlier version, the total printed against its parts is the figure."""
    text = AGREEMENT.read_text(encoding="utf-8")
    edited = write(tmp_path, "new.yaml", text.replace("2025: 117426", "2025: 117999"))
    line, column = _position(text, "id: gross_expenses", "513533")
    code, out, _ = tulos("validate", "--lang", "en", "--format", "github", str(edited))
    assert code == 1
    errors = [row for row in out.splitlines() if row.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"::error file={edited},line={line},col={column},")
    assert "identity 't11_gross_expenses_sum' breaks in 2025" in errors[0]


# --- The reference ------------------------------------------------------------------------------


def test_the_format_reference_is_what_the_schema_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--markdown"]) == 0
    assert DOCS.read_text(encoding="utf-8") == capsys.readouterr().out, (
        "docs/agreement-format.md is stale: run "
        "`tulos schema --markdown > docs/agreement-format.md` and commit it"
    )


def test_the_reference_documents_every_field(tulos: Tulos) -> None:
    from tulosmittari.schema_file import agreement_json_schema

    text = DOCS.read_text(encoding="utf-8")
    schema = agreement_json_schema()
    for name, model in [("The top level", schema), *schema["$defs"].items()]:
        if "properties" not in model:
            continue  # an enum, written out where it is used
        section = text[text.index(f"\n### {name}\n") :]
        section = section[: section.find("\n### ", 1)]
        for field, prop in model["properties"].items():
            assert prop.get("description"), f"{name}.{field} has no description"
            assert f"| `{field}` |" in section, f"{name}.{field} is not in the reference"


def test_the_full_example_validates(tulos: Tulos) -> None:
    example = REPO / "src" / "tulosmittari" / "examples" / "full.yaml"
    code, out, err = tulos("validate", "--lang", "en", str(example))
    assert (code, err) == (0, f"{example}: valid, 1 acknowledged discrepancy noted\n")
    assert ": info: identity 'kustannukset_kasvavat_hallitusti' breaks in 2024" in out
    assert example.read_text(encoding="utf-8") in DOCS.read_text(encoding="utf-8")


def test_diff_of_a_part_given_on_one_side_only(tulos: Tulos, tmp_path: Path) -> None:
    """Validity and strategy are optional: dropping them is one change each, roles unchanged
    while the target columns say the same."""
    full = (REPO / "tests" / "data" / "validation" / "base.yaml").read_text(encoding="utf-8")
    validity = full[full.index("  validity:\n") : full.index("  reporting:\n")]
    strategy = full[full.index("strategy:\n") : full.index("impact_goals:\n")]
    old = write(tmp_path, "old.yaml", full)
    new = write(tmp_path, "new.yaml", full.replace(validity, "").replace(strategy, ""))
    code, out, err = tulos("diff", "--format", "json", str(old), str(new))
    assert (code, err) == (1, "")
    changes = json.loads(out)["changes"]
    assert [(c["kind"], c["field"], c["new"]) for c in changes] == [
        ("field_changed", "meta.validity", None),
        ("field_changed", "strategy", None),
    ]
    assert changes[0]["old"]["binding_years"] == [2025]
    code, out, _ = tulos("diff", "--lang", "en", "--format", "plain", str(new), str(old))
    assert code == 1
    assert "field strategy" in out
    assert "Strategia., Tavoite, Tyytyväinen asiakas" in out
