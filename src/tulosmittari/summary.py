"""A meeting's view of one check: outcomes counted by impact goal and by table, the missed targets
with their gap, what needs attention most pressing first, the year-end projections, and each
metric's figures across the agreement's years.

A pure function of the agreement and the report, so that every summary renderer (terminal,
Markdown, JSON, HTML) shows the same figures and only formats them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tulosmittari.periods import Period
from tulosmittari.results import (
    CheckReport,
    ForecastStatus,
    Outcome,
    ResultKind,
    TargetResult,
)
from tulosmittari.schema import Agreement, Direction, Metric, PeriodKind, Table, ValueRole

MISSED = (Outcome.FAIL, Outcome.WARN)


class PointKind(StrEnum):
    """What a figure on a metric's trend is; the JSON contract uses these words."""

    ACTUAL = "actual"  # printed in the agreement (Toteuma, TP)
    ESTIMATE = "estimate"  # printed (Arvio)
    TARGET = "target"  # binding
    PRELIMINARY = "preliminary"  # preliminary target or spending-limits plan
    NEW_ACTUAL = "new_actual"  # from the actuals files


_POINT_KIND = {
    ValueRole.ACTUAL: PointKind.ACTUAL,
    ValueRole.ESTIMATE: PointKind.ESTIMATE,
    ValueRole.TARGET: PointKind.TARGET,
    ValueRole.PRELIMINARY_TARGET: PointKind.PRELIMINARY,
}

_TARGET_KINDS = (PointKind.TARGET, PointKind.PRELIMINARY)

# Which figure stands for a year on a one-line trend: what happened beats what was planned.
_LINE_PRECEDENCE = (
    PointKind.NEW_ACTUAL,
    PointKind.ACTUAL,
    PointKind.ESTIMATE,
    PointKind.TARGET,
    PointKind.PRELIMINARY,
)


@dataclass(frozen=True, slots=True)
class OutcomeCounts:
    """Outcomes of the results under one impact goal or one table."""

    id: str | None  # None: results that belong to no impact goal
    number: int | None
    title: str | None
    counts: Mapping[Outcome, int]
    title_en: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Miss:
    """A failed or warned target and how far it is on the wrong side."""

    result: TargetResult
    gap: Decimal | None  # in the metric's unit, positive; None for qualitative items
    relative_gap: Decimal | None  # gap as a fraction of the target; None when the target is 0


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One figure of a metric in one year: printed in the agreement or newly reported."""

    year: int
    kind: PointKind
    value: Decimal
    period: str  # the year for printed figures; the reported period for new actuals
    source: str | None = None  # a target from another source, e.g. the budget proposal
    target: Decimal | None = None  # new actuals: the period's target they were judged against
    outcome: Outcome | None = None  # new actuals: that judgement


@dataclass(frozen=True, slots=True)
class Trend:
    """A metric's figures across the years, with the result that heads it in this check."""

    metric_id: str
    name: str
    name_en: str | None
    unit: str
    unit_en: str | None
    table_id: str
    table_number: int
    direction: Direction
    points: tuple[TrendPoint, ...]  # every figure, by year
    line: tuple[TrendPoint, ...]  # one comparable figure a year, for a sparkline
    result: TargetResult  # the agreement's own target in the last evaluated period


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything a meeting's one screen (or the HTML report) shows."""

    agreement_id: str
    title: str
    title_en: str | None
    periods: tuple[str, ...]
    periods_by_year: Mapping[int, tuple[str, ...]]  # the evaluated periods within each year
    years: tuple[int, ...]  # the span every trend is drawn across
    total: Mapping[Outcome, int]
    by_impact_goal: tuple[OutcomeCounts, ...]
    by_table: tuple[OutcomeCounts, ...]
    misses: tuple[Miss, ...]
    trends: tuple[Trend, ...]
    attention: tuple[Miss, ...]  # misses, incomplete results and projections at risk, see below
    forecasts: tuple[TargetResult, ...]  # results with a year-end projection, in printed order


def summarize(agreement: Agreement, report: CheckReport) -> Summary:
    """The summary of one check of `agreement`; the report's order is kept throughout."""
    trends = tuple(_trends(agreement, report))
    years = sorted(
        {p.year for t in trends for p in t.points}
        | set(range(agreement.meta.years.first, agreement.meta.years.last + 1))
    )
    return Summary(
        agreement_id=agreement.meta.id,
        title=agreement.meta.title,
        title_en=agreement.meta.title_en,
        periods=report.periods,
        periods_by_year=_periods_by_year(report.periods),
        years=tuple(years),
        total=report.counts(),
        by_impact_goal=tuple(_by_impact_goal(agreement, report.results)),
        by_table=tuple(_by_table(agreement, report.results)),
        misses=tuple(_miss(r) for r in report.results if r.outcome in MISSED),
        trends=trends,
        attention=_attention(report.results),
        forecasts=tuple(r for r in report.results if r.forecast is not None),
    )


def _attention(results: Iterable[TargetResult]) -> tuple[Miss, ...]:
    """What a meeting looks at first: binding targets failed; then warned or incomplete; then
    binding targets met so far whose year-end projection is at risk; then preliminary targets
    (and targets from other sources) in the same order. Ties keep the agreement's order."""
    ranked = []
    for index, result in enumerate(results):
        rank = _concern(result)
        if rank is not None:
            ranked.append((rank, index, result))
    return tuple(_miss(result) for _, _, result in sorted(ranked, key=lambda r: r[:2]))


def _concern(result: TargetResult) -> int | None:
    if result.outcome is Outcome.FAIL:
        rank = 0
    elif result.outcome in (Outcome.WARN, Outcome.INCOMPLETE):
        rank = 1
    elif result.forecast is not None and result.forecast.status is ForecastStatus.AT_RISK:
        rank = 2
    else:
        return None
    own = result.target_role is not ValueRole.PRELIMINARY_TARGET and result.target_source is None
    return rank if own else rank + 3


def _periods_by_year(periods: Iterable[str]) -> dict[int, tuple[str, ...]]:
    by_year: dict[int, tuple[str, ...]] = {}
    for text in periods:
        year = Period.parse(text).year
        by_year[year] = (*by_year.get(year, ()), text)
    return by_year


def _counts(results: Iterable[TargetResult]) -> dict[Outcome, int]:
    counted = Counter(r.outcome for r in results)
    return {outcome: counted.get(outcome, 0) for outcome in Outcome}


def _by_impact_goal(
    agreement: Agreement, results: tuple[TargetResult, ...]
) -> Iterable[OutcomeCounts]:
    """Every impact goal, even one without results, then what belongs to none."""
    known = {goal.id for goal in agreement.impact_goals}
    for goal in agreement.impact_goals:
        mine = [r for r in results if r.impact_goal == goal.id]
        yield OutcomeCounts(goal.id, goal.number, goal.title, _counts(mine))
    rest = [r for r in results if r.impact_goal not in known]
    if rest:
        yield OutcomeCounts(None, None, None, _counts(rest))


def _by_table(agreement: Agreement, results: tuple[TargetResult, ...]) -> Iterable[OutcomeCounts]:
    for table in agreement.tables:
        mine = [r for r in results if r.table_id == table.id]
        if mine:
            yield OutcomeCounts(table.id, table.number, table.title, _counts(mine), table.title_en)


def _miss(result: TargetResult) -> Miss:
    if result.outcome not in MISSED or result.difference is None or result.target is None:
        return Miss(result, None, None)
    # A miss lies on the wrong side of its own bound, whatever the metric's direction (a printed
    # `> 95` may disagree with it): the difference from the target's end is the gap.
    gap = abs(result.difference)
    relative = gap / abs(result.target) if result.target else None
    return Miss(result, gap, relative)


def _trends(agreement: Agreement, report: CheckReport) -> Iterable[Trend]:
    results: dict[str, list[TargetResult]] = {}
    for result in report.results:
        if result.kind is ResultKind.METRIC:
            results.setdefault(result.id, []).append(result)
    for table, metric in agreement.iter_metrics():
        mine = results.pop(metric.id, None)
        if mine is not None:
            yield _trend(table, metric, mine, report.periods)


def _trend(
    table: Table, metric: Metric, results: list[TargetResult], periods: tuple[str, ...]
) -> Trend:
    points = [*_printed_points(table, metric), *_new_points(results)]
    points.sort(key=lambda p: (p.year, _LINE_PRECEDENCE.index(p.kind)))
    comparable = [p for p in points if _comparable(metric, p)]
    line = []
    for year in sorted({p.year for p in comparable}):
        of_year = [p for p in comparable if p.year == year]
        line.append(min(of_year, key=lambda p: _LINE_PRECEDENCE.index(p.kind)))
    return Trend(
        metric_id=metric.id,
        name=metric.name,
        name_en=metric.name_en,
        unit=metric.unit,
        unit_en=metric.unit_en,
        table_id=table.id,
        table_number=table.number,
        direction=metric.direction,
        points=tuple(points),
        line=tuple(line),
        result=_headline(results, periods),
    )


def _printed_points(table: Table, metric: Metric) -> Iterable[TrendPoint]:
    """The agreement's figures; a metric that is not a target has estimates in its target
    columns (person-years), never targets."""

    def kind(role: ValueRole) -> PointKind:
        found = _POINT_KIND[role]
        if metric.direction is Direction.NOT_A_TARGET and found in _TARGET_KINDS:
            return PointKind.ESTIMATE
        return found

    for year, cell in sorted(metric.values.items()):
        column = table.column_for(year)
        if column is not None and isinstance(cell, Decimal):
            yield TrendPoint(year, kind(column.kind.role), cell, str(year))
    for extra in metric.extra_targets:
        yield TrendPoint(
            extra.year, kind(extra.kind.role), extra.value, str(extra.year), source=extra.source
        )


def _new_points(results: list[TargetResult]) -> Iterable[TrendPoint]:
    """One point per reported period, judged against the agreement's own target if it has one."""
    by_period: dict[str, TargetResult] = {}
    for result in results:
        if result.actual is None:
            continue
        seen = by_period.get(result.period)
        if seen is None or (seen.target_source is not None and result.target_source is None):
            by_period[result.period] = result
    for period, result in by_period.items():
        assert result.actual is not None
        yield TrendPoint(
            result.year,
            PointKind.NEW_ACTUAL,
            result.actual,
            period,
            target=result.target,
            outcome=result.outcome,
        )


def _comparable(metric: Metric, point: TrendPoint) -> bool:
    """Yearly figures line up with a part-year actual only for levels, not for flows; a target
    from another source would put two figures in one year."""
    if point.source is not None:
        return False
    part_year = point.kind is PointKind.NEW_ACTUAL and point.period != str(point.year)
    return not (part_year and metric.period_kind is PeriodKind.FLOW)


def _headline(results: list[TargetResult], periods: tuple[str, ...]) -> TargetResult:
    """The result against the agreement's own target in the last period, else the first."""
    for period in reversed(periods):
        for result in results:
            if result.period == period and result.target_source is None:
                return result
    return results[0]
