"""How a result's figures and basis are worded beside its row, in both languages: targets as
printed, gaps of percentages in points, coverage, projections labelled as such, explanations."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO, Tulos
from results_fixtures import (
    COST_RECOVERY,
    DEVELOPMENT,
    DEVELOPMENT_TAE,
    INCOME,
    PERSONNEL,
    PRODUCTIVITY,
    PROJECTS,
    SICK_DAYS,
    meeting_agreement,
    meeting_report,
)
from tulosmittari.i18n import (
    basis,
    coverage_text,
    describe_reason,
    explanation,
    figure_basis,
    forecast_text,
    gap_text,
    message,
    signed_difference,
    source_label,
    target_amount,
)
from tulosmittari.numbers import NBSP
from tulosmittari.render.grid import target_cell
from tulosmittari.results import Coverage, Outcome, TargetResult
from tulosmittari.summary import summarize

D = Decimal


def nb(text: str) -> str:
    """A text written with `_` where the output has a no-break space."""
    return text.replace("_", NBSP)


@pytest.mark.parametrize(
    ("result", "fi", "en"),
    [
        (SICK_DAYS, "<_10_pv/htv", "<_10_days per person-year"),  # strict, as printed
        (PROJECTS, "3,6–3,8", "3.6–3.8"),  # a range (a scale has no symbol)
        (DEVELOPMENT, "3,5_%", "3.5_%"),
        (PERSONNEL, "55_832_t€", "55,832_t€"),
    ],
)
def test_the_target_as_judged(result: TargetResult, fi: str, en: str) -> None:
    assert target_amount(result, "fi") == nb(fi)
    assert target_amount(result, "en") == nb(en)


def test_a_preliminary_target_is_marked() -> None:
    assert target_cell(DEVELOPMENT_TAE, "fi") == nb("4,5_% *")


def test_the_source_of_a_target_reads_in_english() -> None:
    assert source_label(DEVELOPMENT_TAE, "fi") == "talousarvioesitys"
    assert source_label(DEVELOPMENT_TAE, "en") == "budget proposal"
    printed_only = replace(DEVELOPMENT_TAE, target_source_en=None)
    assert source_label(printed_only, "en") == "talousarvioesitys"
    assert source_label(DEVELOPMENT, "en") is None


@pytest.mark.parametrize(
    ("lang", "source"), [("fi", "talousarvioesitys"), ("en", "budget proposal")]
)
def test_the_command_names_a_targets_source_in_the_readers_language(
    tulos: Tulos, tmp_path: Path, lang: str, source: str
) -> None:
    """An extra target's `source_en` reaches what an English reader sees: the check's rows and
    the report's verdicts; JSON keeps the agreement's own `source` as the key it is."""
    minimal = (REPO / "tests" / "data" / "agreements" / "valid" / "minimal.yaml").read_text("utf-8")
    printed = "source: talousarvioesitys, label:"
    assert printed in minimal
    agreement_file = tmp_path / "sopimus.yaml"
    agreement_file.write_text(
        minimal.replace(printed, "source: talousarvioesitys, source_en: budget proposal, label:"),
        encoding="utf-8",
    )
    actuals_file = tmp_path / "toteumat.csv"
    actuals_file.write_text("metric,period,value\nkayttoaste,2024,99.7\n", encoding="utf-8")
    given = (actuals_file, "--agreement", agreement_file, "--lang", lang)
    code, out, err = tulos("check", *given, "-f", "plain")
    assert (code, err) == (0, "")
    (row,) = [line for line in out.splitlines() if line.startswith("Palvelujen käyttöaste (")]
    assert row.startswith(f"Palvelujen käyttöaste ({source}) ")
    page = tmp_path / "raportti.html"
    code, _, _ = tulos("report", *given, "-o", page)
    assert code == 0
    assert f"<strong>2024 ({source}) ✓" in page.read_text(encoding="utf-8")
    code, out, _ = tulos("check", *given, "-f", "json")
    sources = {
        r["target_source"] for r in json.loads(out)["results"] if r["metric"] == "kayttoaste"
    }
    assert sources == {None, "talousarvioesitys"}


@pytest.mark.parametrize(
    ("result", "fi", "en"),
    [
        (DEVELOPMENT, "−0,3_%-yks.", "-0.3_pp"),  # two percentages: points
        (PERSONNEL, "+1_068_t€", "+1,068_t€"),
        (INCOME, "", ""),  # incomplete: no difference
    ],
)
def test_the_difference(result: TargetResult, fi: str, en: str) -> None:
    assert signed_difference(result, "fi") == nb(fi)
    assert signed_difference(result, "en") == nb(en)


def test_a_relative_gap_only_where_it_means_something() -> None:
    assert gap_text(PERSONNEL, D("1068"), D("1068") / D("55832"), "fi") == nb("1_068_t€ (1,9_%)")
    assert gap_text(DEVELOPMENT, D("0.3"), D("0.3") / D("3.5"), "fi") == nb("0,3_%-yks.")
    assert gap_text(COST_RECOVERY, D("120000.5"), None, "en") == nb("120,000.5_EUR")


@pytest.mark.parametrize(
    ("coverage", "fi", "en"),
    [
        (
            Coverage(6, 5, ("2024-06",)),
            "5/6 kuukautta; 2024-06 puuttuu",
            "5/6 months; 2024-06 missing",
        ),
        (
            Coverage(6, 4, ("2024-05", "2024-06")),
            "4/6 kuukautta; 2024-05 ja 2024-06 puuttuvat",
            "4/6 months; 2024-05 and 2024-06 missing",
        ),
        (
            Coverage(12, 5, ("2024-07",), ("2024-06-20",)),
            "5/12 kuukautta; 2024-07 puuttuu; luvut 2024-06-20 asti",
            "5/12 months; 2024-07 missing; figures up to 2024-06-20",
        ),
    ],
)
def test_coverage(coverage: Coverage, fi: str, en: str) -> None:
    assert coverage_text(coverage, "fi") == fi
    assert coverage_text(coverage, "en") == en


def test_a_projection_is_labelled_as_one() -> None:
    assert forecast_text(PERSONNEL, "fi") == nb(
        "ennuste vuodelle 2024: 113_800_t€ — tavoite 111_664_t€ vaarassa"
    )
    assert forecast_text(PERSONNEL, "en") == nb(
        "year-end projection 2024: 113,800_t€ — target 111,664_t€ at risk"
    )
    assert forecast_text(SICK_DAYS, "fi") == nb(
        "ennuste vuodelle 2024: 8,4_pv/htv — tavoite < 10_pv/htv saavutettavissa"
    )
    assert forecast_text(PERSONNEL, "fi", short=True) == "ennuste: vaarassa"
    assert forecast_text(PERSONNEL, "en", short=True) == "projection: at risk"
    assert forecast_text(DEVELOPMENT_TAE, "fi") == ""


def test_an_explanation_or_its_absence() -> None:
    assert explanation(PERSONNEL, "fi") == "Palkkaratkaisu nosti kuluja keväällä."
    assert explanation(DEVELOPMENT, "fi") == "selitys puuttuu"
    assert explanation(DEVELOPMENT, "en") == "no explanation"
    assert explanation(PRODUCTIVITY, "fi") == ""  # met: owes no explanation
    assert explanation(INCOME, "fi") == ""  # incomplete: not a miss


def test_the_basis_of_a_verdict() -> None:
    assert basis(PERSONNEL, "fi") == [
        nb("osuus vuoden tavoitteesta 111_664_t€"),
        nb("ennuste vuodelle 2024: 113_800_t€ — tavoite 111_664_t€ vaarassa"),
        "selitys: Palkkaratkaisu nosti kuluja keväällä.",
    ]
    assert basis(INCOME, "en") == [
        nb("share of the yearly 21,114_t€"),
        "5/6 months; 2024-06 missing",
        nb("year-end projection 2024: 19,200_t€ — target 21,114_t€ at risk"),
    ]
    assert basis(COST_RECOVERY, "fi") == [
        "laskettu osista",
        nb("ennuste vuodelle 2024: −240_001_euroa — tavoite 0_euroa vaarassa"),
        "selitys puuttuu",
    ]


def test_beside_a_reason_nothing_is_said_twice() -> None:
    with_reason = basis(PERSONNEL, "fi", reason=True)
    assert with_reason[0].endswith(nb("(osuus vuoden tavoitteesta 111_664_t€)"))
    assert sum("111_664_t€".replace("_", NBSP) in p for p in with_reason) == 2  # and the forecast
    said = describe_reason(INCOME, "fi")  # a reason that says it
    assert said.startswith("ei arvioitavissa: kattaa 5/6 kuukautta; 2024-06 puuttuu")
    assert INCOME.coverage is not None
    beside = figure_basis(INCOME, "fi", beside_reason=True)
    assert coverage_text(INCOME.coverage, "fi") not in beside
    assert coverage_text(INCOME.coverage, "fi") in figure_basis(INCOME, "fi")


def test_plural_forms_of_a_diffs_count() -> None:
    counts = {"harder": 1, "easier": 0, "shifted": 2, "changed": 0}
    assert message("diff.summary", "fi", count=1, **counts) == (
        "1 muutos; tavoitteet: 1 tiukempi, 0 helpompaa, 2 siirtynyttä, 0 muuttunutta"
    )
    assert message("diff.summary", "en", count=1, **counts) == (
        "1 change; targets: 1 harder, 0 easier, 2 shifted, 0 changed"
    )


# --- What needs attention first --------------------------------------------------------------


def test_attention_ranks_binding_failures_first_and_preliminary_targets_last() -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    ranked = [(m.result.id, m.result.target_source, m.result.outcome) for m in summary.attention]
    assert ranked == [
        ("hairiot", None, Outcome.FAIL),  # binding targets failed, in printed order
        ("kustannusvastaavuus", None, Outcome.FAIL),
        ("tiekartta", None, Outcome.FAIL),
        ("kehitys_kulut", None, Outcome.FAIL),
        ("henkilostokulut", None, Outcome.FAIL),
        ("kustannukset", None, Outcome.WARN),  # then warned and incomplete
        ("suunnitelma", None, Outcome.WARN),
        ("tuotot", None, Outcome.INCOMPLETE),
        ("vuokrat", None, Outcome.PASS),  # met so far, its projection at risk
        ("kehitys_kulut", "talousarvioesitys", Outcome.FAIL),  # the budget proposal's
    ]
    gaps = {m.result.id: m.gap for m in summary.attention}
    assert gaps["tuotot"] is None  # no gap where there is no verdict
    assert gaps["vuokrat"] is None


def test_projections_are_listed_and_never_counted() -> None:
    summary = summarize(meeting_agreement(), meeting_report())
    assert [r.id for r in summary.forecasts] == [
        "hairiot",
        "kustannukset",
        "kustannusvastaavuus",
        "tuottavuus",
        "tuottavuus",  # and its budget-proposal target
        "kehitys_kulut",
        "henkilostokulut",
        "vuokrat",
        "tuotot",
        "sairauspoissaolot",
    ]
    assert summary.total == meeting_report().counts()
