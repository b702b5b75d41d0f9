"""The folded figures and their queries, filled by hand as the reader fills them: an exact period
wins, the figures inside a period combine by the metric's aggregation, exactly, and the ids,
years and periods reported are those given figures."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal, localcontext

import pytest

from actuals_fixtures import build_agreement
from tulosmittari.figures import Number
from tulosmittari.observations import (
    MAX_TEXTS,
    Actuals,
    ItemState,
    MetricState,
    Observation,
    Observed,
    StatusRecord,
    last_working_day,
    month_key,
    month_of_key,
    share,
)
from tulosmittari.periods import Period
from tulosmittari.problems import Location
from tulosmittari.results import Combination, ItemStatus

D = Decimal
P = Period.parse
AGREEMENT = build_agreement()


def state(metric_id: str) -> MetricState:
    return MetricState(AGREEMENT.metric_index[metric_id][1])


def days(
    metric: MetricState, month: str, values: dict[int, Number], at: tuple[int, int] = (0, 2)
) -> Observation:
    """A month of days as the reader folds them, in the order given: a bit per day, the sum,
    the value of the latest day."""
    period = P(month)
    obs = Observation(metric, period, True, *at)
    obs.first_day = next(iter(values))
    for day, value in values.items():
        if day > obs.mask.bit_length():
            obs.last_value = value
        obs.mask |= 1 << (day - 1)
        obs.total += value
    metric.days[month_key(period)] = obs
    return obs


def figure(
    metric: MetricState, period: str, value: Number, at: tuple[int, int] = (0, 2)
) -> Observation:
    """A row given for a month or a longer period; a share's without its weights is bare."""
    obs = Observation(metric, P(period), False, *at)
    obs.total = obs.last_value = value
    if metric.parts:
        obs.bare = at
    metric.coarse[P(period)] = obs
    return obs


def weighted(obs: Observation, numerator: Number, denominator: Number) -> Observation:
    """The share's weights summed over the observation's rows."""
    obs.numerator, obs.denominator, obs.bare = numerator, denominator, None
    return obs


def actuals(*metrics: MetricState, items: tuple[ItemState, ...] = ()) -> Actuals:
    return Actuals(
        ("a.csv", "b.csv"),
        {m.id: m for m in metrics},
        {i.id: i for i in items},
    )


def value(found: Actuals, metric: str, period: str) -> tuple[Decimal, int, set[int]] | None:
    observed = found.value(metric, P(period))
    if observed is None:
        return None
    return observed.value, observed.count, set(observed.months)


# --- figures ---------------------------------------------------------------------------------


def test_a_figure_given_for_the_period_wins_over_those_inside_it() -> None:
    costs = state("operating_costs")
    figure(costs, "2024", 9)
    days(costs, "2024-03", {1: 1, 2: 2})
    found = actuals(costs)
    assert value(found, "operating_costs", "2024") == (D(9), 1, set(range(1, 13)))
    assert value(found, "operating_costs", "2024-Q1") == (D(3), 2, {3})
    assert value(found, "operating_costs", "2024-03") == (D(3), 2, {3})
    assert value(found, "operating_costs", "2024-Q2") is None


@pytest.mark.parametrize(
    ("metric", "q1", "january"),
    [
        ("operating_costs", (D(35), 3, {1, 2}), (D(30), 2, {1})),  # sum
        ("outages_per_month", (D(35) / D(3), 3, {1, 2}), (D(15), 2, {1})),  # mean
        ("personnel", (D(5), 3, {1, 2}), (D(20), 2, {1})),  # last: February ends last
    ],
)
def test_figures_inside_a_period_combine_by_the_metrics_aggregation(
    metric: str, q1: tuple[Decimal, int, set[int]], january: tuple[Decimal, int, set[int]]
) -> None:
    given = state(metric)
    days(given, "2024-01", {31: 20, 5: 10})  # the last day comes first: last is by date
    figure(given, "2024-02", 5)
    found = actuals(given)
    assert value(found, metric, "2024-Q1") == q1
    assert value(found, metric, "2024-01") == january


def test_a_share_is_weighted_by_its_denominators_unless_given_bare() -> None:
    sla = state("sla_share")
    weighted(days(sla, "2024-01", {1: D(90), 2: D(95)}), 185, 200)
    weighted(figure(sla, "2024-02", share(D(1900), D(2000))), 1900, 2000)
    figure(sla, "2024-H2", D("97.5"))  # bare: the only figure of its half
    found = actuals(sla)
    assert value(found, "sla_share", "2024-Q1") == (share(D(2085), D(2200)), 3, {1, 2})
    assert value(found, "sla_share", "2024-H2") == (D("97.5"), 1, set(range(7, 13)))


def test_sums_are_exact_and_means_have_28_digits_whatever_the_callers_context() -> None:
    costs, outages = state("operating_costs"), state("outages_per_month")
    big = D("123456789012345678901234567890.5")
    twice = D("246913578024691357802469135781")
    figure(costs, "2024-01", big)
    figure(costs, "2024-02", big)
    days(outages, "2024-01", {1: 1, 2: 1, 3: 2})
    with localcontext() as context:
        context.prec = 3
        found = actuals(costs, outages)
        assert value(found, "operating_costs", "2024") == (twice, 2, {1, 2})
        mean = found.value("outages_per_month", P("2024"))
        assert mean is not None
        assert mean.value == D("1.333333333333333333333333333")
        assert share(D(1), D(3)) == D("33.33333333333333333333333333")


def test_the_first_location_is_the_first_row_read_and_texts_are_distinct_and_few() -> None:
    costs = state("operating_costs")
    february = figure(costs, "2024-02", 1, at=(1, 2))  # b.csv:2
    march = days(costs, "2024-03", {4: 1}, at=(0, 9))  # a.csv:9, read first
    for n in (1, 2, 1, 3):
        february.add_note(f"note {n}")
    for n in (3, 4, 5, 6, 7, 8):
        march.add_note(f"note {n}")
    march.add_source("ledger")
    observed = actuals(costs).value("operating_costs", P("2024-Q1"))
    assert observed == Observed(
        value=D(2),
        count=2,
        months=frozenset({2, 3}),
        notes=("note 1", "note 2", "note 3", "note 4", "note 5"),
        sources=("ledger",),
        first_location=Location("a.csv", 9),
        combination=Combination.SUM,
        covered=frozenset({2}),  # March's days stop on the 4th
        partial=(dt.date(2024, 3, 4),),
        latest=D(1),
    )
    assert march.notes is not None
    assert len(march.notes) == MAX_TEXTS


def test_figures_are_asked_for_months_or_longer() -> None:
    costs = state("operating_costs")
    days(costs, "2024-03", {1: 1})
    with pytest.raises(ValueError, match="2024-03-01: figures are asked for months or longer"):
        actuals(costs).value("operating_costs", P("2024-03-01"))


def test_a_day_is_kept_under_its_months_key() -> None:
    assert month_of_key(month_key(P("2024-03-15"))) == P("2024-03")
    assert month_of_key(month_key(P("2024-Q4"))) == P("2024-10")


# --- coverage, combination, latest -------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day"),
    [
        ("2024-01", 31),  # a Wednesday
        ("2024-02", 29),  # a leap day, a Thursday
        ("2024-03", 29),  # the 31st is a Sunday: Friday the 29th
        ("2024-06", 28),  # the 30th is a Sunday
        ("2024-08", 30),  # the 31st is a Saturday
    ],
)
def test_the_last_working_day_is_the_last_monday_to_friday(month: str, day: int) -> None:
    start = P(month).start
    assert last_working_day(start.year, start.month) == day


def observed(found: Actuals, metric: str, period: str) -> Observed:
    result = found.value(metric, P(period))
    assert result is not None
    return result


def test_a_month_of_days_is_covered_when_they_reach_its_last_working_day() -> None:
    costs = state("operating_costs")
    days(costs, "2024-03", dict.fromkeys(range(1, 30), 1))  # to Friday the 29th
    days(costs, "2024-04", {1: 1, 29: 1})  # Monday the 29th; the 30th is a Tuesday
    days(costs, "2024-05", {31: 1})  # a single day, the last: covered by the rule
    found = observed(actuals(costs), "operating_costs", "2024-Q2")
    assert (found.months, found.covered) == (frozenset({4, 5}), frozenset({5}))
    assert found.partial == (dt.date(2024, 4, 29),)
    march = observed(actuals(costs), "operating_costs", "2024-03")
    assert (march.covered, march.partial) == (frozenset({3}), ())


def test_a_figure_for_a_period_covers_its_months() -> None:
    costs = state("operating_costs")
    figure(costs, "2024-Q1", 5)
    figure(costs, "2024-04", 1)
    days(costs, "2024-06", {3: 1})
    found = observed(actuals(costs), "operating_costs", "2024-H1")
    assert found.covered == frozenset({1, 2, 3, 4})
    assert found.months == frozenset({1, 2, 3, 4, 6})
    assert found.partial == (dt.date(2024, 6, 3),)
    given = observed(actuals(costs), "operating_costs", "2024-Q1")
    assert (given.combination, given.covered, given.latest) == (
        Combination.GIVEN,
        frozenset({1, 2, 3}),
        D(5),
    )


@pytest.mark.parametrize(
    ("metric", "combination", "value", "latest"),
    [
        ("operating_costs", Combination.SUM, D(17), D(12)),  # March's days summed
        ("outages_per_month", Combination.MEAN, D(17) / D(4), D(4)),  # each day counts once
        ("personnel", Combination.LAST, D(7), D(7)),  # the day given last
    ],
)
def test_how_the_figure_was_made_and_the_latest_parts(
    metric: str, combination: Combination, value: Decimal, latest: Decimal
) -> None:
    given = state(metric)
    figure(given, "2024-01", 5)
    days(given, "2024-03", {12: 2, 31: 7, 2: 3})
    found = observed(actuals(given), metric, "2024-Q1")
    assert (found.combination, found.value, found.latest, found.count) == (
        combination,
        value,
        latest,
        4,
    )


def test_shares_and_ratios_combine_their_sums_or_bare_values_as_a_plain_mean() -> None:
    sla, sick = state("sla_share"), state("sick_days")
    weighted(figure(sla, "2024-01", share(D(90), D(100))), 90, 100)
    weighted(days(sla, "2024-02", {1: D(50), 2: D(100)}), 3, 4)  # the month's sums
    weighted(figure(sick, "2024-H1", D(0)), 3400, 820)
    figure(sick, "2025-01", D(4))
    figure(sick, "2025-02", D(5))
    found = actuals(sla, sick)
    q1 = observed(found, "sla_share", "2024-Q1")
    assert (q1.combination, q1.value, q1.latest) == (
        Combination.WEIGHTED,
        share(D(93), D(104)),
        D(75),
    )
    ratio = observed(found, "sick_days", "2024")
    assert (ratio.combination, ratio.value) == (Combination.RATIO, D(3400) / D(820))
    assert ratio.value == D("4.146341463414634146341463415")
    mean = observed(found, "sick_days", "2025-Q1")
    assert (mean.combination, mean.value, mean.count) == (
        Combination.UNWEIGHTED_MEAN,
        D("4.5"),
        2,
    )


# --- statuses, ids and periods ---------------------------------------------------------------


def item(item_id: str, *records: tuple[str, ItemStatus]) -> ItemState:
    state = ItemState(item_id)
    for line, (period, status) in enumerate(records, 2):
        record = StatusRecord(status, P(period), None, None, Location("a.csv", line))
        state.records[P(period)] = (record, (0, line))
    return state


def test_the_status_is_the_latest_and_of_two_ending_together_the_longer() -> None:
    cloud = item(
        "cloud_strategy",
        ("2024-03", ItemStatus.NOT_MET),
        ("2024-Q1", ItemStatus.PARTLY_MET),
        ("2024-12", ItemStatus.MET),
    )
    found = actuals(items=(cloud,))

    def status(period: str) -> ItemStatus | None:
        record = found.status("cloud_strategy", P(period))
        return None if record is None else record.status

    assert status("2024-Q1") is ItemStatus.PARTLY_MET
    assert status("2024-03") is ItemStatus.NOT_MET
    assert status("2024") is ItemStatus.MET
    assert status("2024-Q2") is None
    assert found.status("security_audit", P("2024")) is None


def test_only_what_was_given_figures_is_listed_and_judged() -> None:
    costs, outages, personnel = (
        state(m) for m in ("operating_costs", "outages_per_month", "personnel")
    )
    figure(costs, "2024-H1", 5)
    days(outages, "2024-10", {3: 1})
    days(personnel, "2025-02", {1: 1})
    found = actuals(
        costs,
        outages,
        personnel,
        state("sla_share"),  # nothing given
        items=(item("cloud_strategy", ("2023", ItemStatus.MET)), item("security_audit")),
    )
    assert found.metric_ids() == frozenset({"operating_costs", "outages_per_month", "personnel"})
    assert found.item_ids() == frozenset({"cloud_strategy"})
    assert found.years() == [2023, 2024, 2025]
    # the year of the October day, its half-year given a figure of its own, and 2025's Q1
    assert found.evaluation_periods() == [P("2023"), P("2024-H1"), P("2024"), P("2025-Q1")]


def test_evaluation_gets_the_figures_without_the_reader_that_fills_them() -> None:
    """The pure core: a fresh process importing evaluation imports no reader, loader or CLI."""
    script = "import sys, tulosmittari.evaluation; print('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    modules = set(done.stdout.split())
    assert "tulosmittari.observations" in modules
    readers = {"tulosmittari.actuals", "tulosmittari.actuals_csv", "tulosmittari.loading"}
    assert modules & {*readers, "tulosmittari.cli"} == set()
