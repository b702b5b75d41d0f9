"""A reason worded by the bound judged and by what the verdict rests on, in both languages:
strict bounds, ranges, tolerance, part of a period, an unweighted mean, no target."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from results_fixtures import OUTAGES, PERSON_YEARS, PRODUCTIVITY
from tulosmittari.i18n import describe_reason
from tulosmittari.results import (
    Bound,
    Combination,
    Coverage,
    Outcome,
    ReasonCode,
    TargetResult,
)
from tulosmittari.schema import ValueRole

D = Decimal
SHARE = replace(PRODUCTIVITY, unit="%", unit_en="%", symbol=None)
COUNT = replace(OUTAGES, symbol="")  # a count shown bare: `9 < 10`


def judged(base: TargetResult, reason: ReasonCode, bound: Bound, **fields: object) -> TargetResult:
    outcome = {
        ReasonCode.MET: Outcome.PASS,
        ReasonCode.MISSED: Outcome.FAIL,
        ReasonCode.MISSED_WITHIN_TOLERANCE: Outcome.WARN,
    }[reason]
    result = replace(base, reason=reason, outcome=outcome, bound=bound)
    return replace(result, annual_target=fields.get("target"), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("result", "fi", "en"),
    [
        (
            judged(SHARE, ReasonCode.MISSED, Bound.AT_LEAST, actual=D("3.2"), target=D("3.5")),
            "3,2 % < tavoite 3,5 %; suurempi on parempi",
            "3.2 % < target 3.5 %; higher is better",
        ),
        (
            judged(
                SHARE,
                ReasonCode.MET,
                Bound.AT_LEAST,
                actual=D("3.6"),
                target=D("3.5"),
                target_text="vähintään 3,5",
            ),
            "3,6 % ≥ tavoite 3,5 %",  # a printed bound: no direction to add
            "3.6 % ≥ target 3.5 %",
        ),
        (
            judged(
                COUNT, ReasonCode.MET, Bound.BELOW, actual=D(9), target=D(10), target_text="< 10"
            ),
            "9 < 10",
            "9 < 10",
        ),
        (
            judged(
                COUNT,
                ReasonCode.MISSED,
                Bound.BELOW,
                actual=D(10),
                target=D(10),
                target_text="< 10",
            ),
            "10 ei ole alle 10",
            "10 is not below 10",
        ),
        (
            judged(
                COUNT,
                ReasonCode.MISSED_WITHIN_TOLERANCE,
                Bound.ABOVE,
                actual=D(95),
                target=D(95),
                allowance=D(1),
                target_text="> 95",
            ),
            "95 ei ole yli 95, toleranssin 1 sisällä",
            "95 is not above 95, within tolerance 1",
        ),
        (
            judged(
                COUNT, ReasonCode.MET, Bound.ABOVE, actual=D(96), target=D(95), target_text="> 95"
            ),
            "96 > 95",
            "96 > 95",
        ),
        (
            judged(
                COUNT,
                ReasonCode.MET,
                Bound.WITHIN,
                actual=D("3.7"),
                target=D("3.6"),
                target_high=D("3.8"),
                target_text="3,6–3,8",
            ),
            "3,7 on välillä 3,6–3,8",
            "3.7 is within 3.6–3.8",
        ),
        (
            judged(
                SHARE,
                ReasonCode.MISSED_WITHIN_TOLERANCE,
                Bound.WITHIN,
                actual=D("3.9"),
                target=D("3.6"),
                target_high=D("3.8"),
                allowance=D("0.2"),
                target_text="3,6–3,8",
            ),
            "3,9 % ei ole välillä 3,6–3,8 %, toleranssin 0,2 % sisällä",
            "3.9 % is outside 3.6–3.8 %, within tolerance 0.2 %",
        ),
        (
            judged(
                SHARE,
                ReasonCode.MISSED,
                Bound.AT_MOST,
                actual=D("3.6"),
                target=D("3.3"),
                coverage=Coverage(6, 5, ("2024-06",)),
                combination=Combination.UNWEIGHTED_MEAN,
                observations=5,
            ),
            "3,6 % > tavoite 3,3 %; suurempi on parempi"
            " (5/6 kuukauden perusteella; painottamaton keskiarvo 5 luvusta)",
            "3.6 % > target 3.3 %; higher is better"
            " (on 5 of 6 months; unweighted mean of 5 values)",
        ),
    ],
)
def test_a_comparison_is_worded_by_its_bound(result: TargetResult, fi: str, en: str) -> None:
    assert describe_reason(result, "fi").replace("\u00a0", " ") == fi
    assert describe_reason(result, "en").replace("\u00a0", " ") == en


@pytest.mark.parametrize(
    ("coverage", "fi", "en"),
    [
        (
            Coverage(6, 5, ("2024-06",)),
            "ei arvioitavissa: kattaa 5/6 kuukautta; 2024-06 puuttuu",
            "cannot be judged: covers 5 of 6 months; 2024-06 missing",
        ),
        (
            Coverage(6, 4, ("2024-02", "2024-06")),
            "ei arvioitavissa: kattaa 4/6 kuukautta; 2024-02 ja 2024-06 puuttuvat",
            "cannot be judged: covers 4 of 6 months; 2024-02 and 2024-06 missing",
        ),
        (
            Coverage(12, 7, ("2024-01", "2024-08", "2024-09", "2024-10", "2024-11")),
            "ei arvioitavissa: kattaa 7/12 kuukautta; 2024-01 ja 2024-08–2024-11 puuttuvat",
            "cannot be judged: covers 7 of 12 months; 2024-01 and 2024-08–2024-11 missing",
        ),
        (
            Coverage(6, 5, (), ("2024-06-20",)),
            "ei arvioitavissa: kattaa 5/6 kuukautta; päivittäiset luvut vain 2024-06-20 asti",
            "cannot be judged: covers 5 of 6 months; daily figures only up to 2024-06-20",
        ),
        (
            Coverage(1, 0, (), ("2024-06-20",)),
            "ei arvioitavissa: kattaa 0/1 kuukautta; päivittäiset luvut vain 2024-06-20 asti",
            "cannot be judged: covers 0 of 1 month; daily figures only up to 2024-06-20",
        ),
    ],
)
def test_a_partial_period_says_which_months_it_lacks(coverage: Coverage, fi: str, en: str) -> None:
    result = replace(
        OUTAGES,
        outcome=Outcome.INCOMPLETE,
        reason=ReasonCode.PARTIAL_PERIOD,
        bound=Bound.AT_MOST,
        coverage=coverage,
    )
    assert describe_reason(result, "fi") == fi
    assert describe_reason(result, "en") == en


def test_an_estimate_is_no_target_in_idiomatic_finnish() -> None:
    estimate = replace(PERSON_YEARS, target_role=ValueRole.ESTIMATE)
    assert describe_reason(estimate, "fi") == "ei tavoitetta (arvio)"
    assert describe_reason(estimate, "en") == "not a target (estimate)"


def test_a_comparison_with_neither_bound_nor_direction_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="needs a bound or a direction"):
        describe_reason(replace(OUTAGES, direction=None, bound=None), "en")
