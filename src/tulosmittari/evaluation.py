"""Judging actuals against the agreement: a pure function from agreement and observations to one
`CheckReport`.

The rules come from the agreement as data (each metric's direction, period kind, profile,
tolerance, formula, printed bounds); nothing here knows a metric by name. A missing actual and
a missing target are their own outcomes, never a pass and never a fail; a figure for part of a
period is judged only where the part can show the verdict (`judgement`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple, TypedDict

from tulosmittari.formula import (
    Formula,
    FormulaError,
    describe_break,
    evaluation_order,
    holds,
    parse,
)
from tulosmittari.judgement import (
    Goal,
    coverage,
    derived_observed,
    forecast,
    judge_on_part,
    projection,
    scale_gap,
)
from tulosmittari.observations import Actuals, Observed
from tulosmittari.periods import Granularity, Period, share_of_year
from tulosmittari.problems import DataPath, Location, Locator, Message, Problem, Severity
from tulosmittari.results import (
    Bound,
    CheckReport,
    Combination,
    Coverage,
    Forecast,
    ItemStatus,
    Outcome,
    ReasonCode,
    ResultKind,
    TargetResult,
)
from tulosmittari.schema import (
    Aggregation,
    Agreement,
    BoundCell,
    Direction,
    IdentityScope,
    Metric,
    MissingCell,
    MissingReason,
    PeriodKind,
    QualitativeGroup,
    QualitativeItem,
    RangeCell,
    Table,
    ValueRole,
)

_STATUS = {
    ItemStatus.MET: (Outcome.PASS, ReasonCode.STATUS_MET),
    ItemStatus.PARTLY_MET: (Outcome.WARN, ReasonCode.STATUS_PARTLY_MET),
    ItemStatus.NOT_MET: (Outcome.FAIL, ReasonCode.STATUS_NOT_MET),
}

TargetCell = Decimal | MissingCell | BoundCell | RangeCell


def parsed_formulas(agreement: Agreement) -> tuple[dict[str, Formula], dict[str, Formula]]:
    """Derived metrics' and identities' formulas that parse; the others are validation's to
    report, and an agreement with one is never evaluated."""
    derived: dict[str, Formula] = {}
    for _, metric in agreement.iter_metrics():
        if metric.formula is not None:
            with contextlib.suppress(FormulaError):
                derived[metric.id] = parse(metric.formula)
    identities: dict[str, Formula] = {}
    for identity in agreement.identities:
        with contextlib.suppress(FormulaError):
            identities[identity.id] = parse(identity.formula, allow_comparison=True)
    return derived, identities


def _row_path(table: int, row: int) -> DataPath:
    return ("tables", table, "metrics", row)


def _item_path(table: int, group: int, year: int, item: int) -> DataPath:
    return ("tables", table, "groups", group, "years", year, item)


def _identity_path(identity: int) -> DataPath:
    return ("identities", identity, "formula")


def evaluate(
    agreement: Agreement,
    actuals: Actuals,
    periods: Sequence[Period],
    *,
    agreement_file: str = "",
    source: Locator | None = None,
) -> CheckReport:
    """Every target of every evaluated period, in the agreement's printed order."""
    derived, identities = parsed_formulas(agreement)
    observed = _ObservedValues(agreement, actuals, derived)
    results: list[TargetResult] = []
    scale_warnings: list[Problem] = []
    for t, table in enumerate(agreement.tables):
        for m, row in enumerate(table.metrics):
            if not isinstance(row, Metric) or not row.printed:
                continue
            location = source.locate(_row_path(t, m)) if source else None
            for period in periods:
                found = observed.get(row.id, period)
                judged = list(_metric_results(table, row, period, found, location))
                results.extend(judged)
                if found is not None and not found[1]:
                    scale_warnings.extend(_scale_warning(row, found[0], judged))
        for g, group in enumerate(table.groups):
            for period in periods:
                items = group.years.get(period.year)
                if not isinstance(items, list):
                    continue
                for i, item in enumerate(items):
                    path = _item_path(t, g, period.year, i)
                    location = source.locate(path) if source else None
                    results.append(
                        _item_result(agreement, table, group, item, period, actuals, location)
                    )
    problems = [
        *observed.problems,
        *scale_warnings,
        *_identity_breaks(agreement, identities, observed, periods, source, agreement_file),
    ]
    return CheckReport(
        agreement_id=agreement.meta.id,
        agreement_title=agreement.meta.title,
        agreement_title_en=agreement.meta.title_en,
        agreement_file=agreement_file,
        actuals_files=tuple(actuals.files),
        periods=tuple(str(p) for p in periods),
        results=tuple(results),
        problems=tuple(problems),
    )


class _ObservedValues:
    """Actuals by metric and period, with derived metrics computed where the file lacks them."""

    def __init__(self, agreement: Agreement, actuals: Actuals, derived: dict[str, Formula]) -> None:
        self._agreement = agreement
        self._actuals = actuals
        self._derived = derived
        self._order = evaluation_order(derived) if derived else []
        self._cache: dict[Period, dict[str, tuple[Observed, bool]]] = {}
        self.problems: list[Problem] = []

    def get(self, metric_id: str, period: Period) -> tuple[Observed, bool] | None:
        """The metric's figure and whether it was computed from the metric's formula."""
        return self._for_period(period).get(metric_id)

    def _for_period(self, period: Period) -> dict[str, tuple[Observed, bool]]:
        if period in self._cache:
            return self._cache[period]
        values: dict[str, tuple[Observed, bool]] = {}
        self._cache[period] = values
        for metric_id in self._actuals.metric_ids():
            found = self._actuals.value(metric_id, period)
            if found is not None:
                values[metric_id] = (found, False)
        for metric_id in self._order:
            formula = self._derived[metric_id]
            parts = [values[name][0] for name in formula.ordered_names if name in values]
            if len(parts) < len(formula.names):
                continue
            try:
                computed = formula.evaluate({n: values[n][0].value for n in formula.names})
            except FormulaError as error:
                self.problems.append(self._problem(metric_id, period, error.message))
                continue
            given = values.get(metric_id)
            if given is None:
                fallback = Location(", ".join(self._actuals.files))
                latest = self._latest(formula, {n: values[n][0] for n in formula.names})
                values[metric_id] = (derived_observed(computed, parts, fallback, latest), True)
            else:
                self._compare(metric_id, period, given[0].value, computed)
        return values

    @staticmethod
    def _latest(formula: Formula, inputs: dict[str, Observed]) -> Decimal | None:
        """A derived level's latest value: its formula over the inputs' latest values."""
        if all(o.latest is None for o in inputs.values()):
            return None
        latest = {n: o.latest if o.latest is not None else o.value for n, o in inputs.items()}
        try:
            return formula.evaluate(latest)
        except FormulaError:
            return None

    def _compare(self, metric_id: str, period: Period, given: Decimal, computed: Decimal) -> None:
        _, metric = self._agreement.metric_index[metric_id]
        allowance = metric.tolerance.allowance(computed) if metric.tolerance else Decimal(0)
        if abs(given - computed) > allowance:
            formula = self._derived[metric_id]
            self.problems.append(
                self._problem(
                    metric_id,
                    period,
                    Message(
                        "evaluation.derived_disagrees",
                        given=given,
                        metric=metric_id,
                        period=str(period),
                        computed=computed,
                        formula=formula.text,
                        allowance=allowance,
                    ),
                )
            )

    def _problem(self, metric_id: str, period: Period, message: Message) -> Problem:
        found = self._cache[period].get(metric_id)
        location = found[0].first_location if found else Location(", ".join(self._actuals.files))
        return Problem(location, message, Severity.WARNING, "actuals-formula")


def _accumulates(metric: Metric) -> bool:
    """A flow adds up over its period: part of the period holds part of its figure."""
    return metric.period_kind is PeriodKind.FLOW or metric.effective_aggregation is Aggregation.SUM


def _period_goal(metric: Metric, yearly: Goal, period: Period) -> Goal:
    """Levels compare with the annual target directly; flows with the period's share of it."""
    if metric.period_kind is PeriodKind.LEVEL or period.granularity is Granularity.YEAR:
        return yearly
    return yearly.scaled(share_of_year(period, metric.profile))


class _Target(NamedTuple):
    """A target a metric carries for a year: whether it binds, its cell, and where it comes from
    when it is not the agreement's own column (`talousarvioesitys`), also in English."""

    role: ValueRole
    cell: TargetCell
    source: str | None = None
    source_en: str | None = None


def _targets(table: Table, metric: Metric, year: int) -> Iterator[_Target]:
    """Each target the metric carries for the year: its column's, then any other source's."""
    column = table.column_for(year)
    cell = metric.values.get(year)
    if column is not None and isinstance(cell, Decimal | MissingCell | BoundCell | RangeCell):
        yield _Target(column.kind.role, cell)
    for extra in metric.extra_targets:
        if extra.year == year:
            yield _Target(extra.kind.role, extra.value, extra.source, extra.source_en)


class _Place(TypedDict):
    """Where a result belongs, shared by every result of a row in a period."""

    table_id: str
    table_number: int
    table_title: str
    table_title_en: str | None
    section: str
    period: str
    year: int
    location: Location | None


class _Figure(TypedDict):
    """What the files gave for a metric in a period, shared by each of its targets."""

    actual: Decimal | None
    derived: bool
    notes: tuple[str, ...]
    sources: tuple[str, ...]
    combination: Combination | None
    observations: int
    coverage: Coverage | None


class _Verdict(TypedDict):
    """One target of the row: what it asks, and how the figure fares against it."""

    target_role: ValueRole | None
    target_source: str | None
    target_source_en: str | None
    annual_target: Decimal | None
    target: Decimal | None
    target_high: Decimal | None
    target_text: str | None
    bound: Bound | None
    difference: Decimal | None
    allowance: Decimal | None
    outcome: Outcome
    reason: ReasonCode
    forecast: Forecast | None
    missing: MissingReason | None
    missing_text: str | None


def _place(table: Table, period: Period, location: Location | None) -> _Place:
    return _Place(
        table_id=table.id,
        table_number=table.number,
        table_title=table.title,
        table_title_en=table.title_en,
        section=table.section or "",
        period=str(period),
        year=period.year,
        location=location,
    )


def _figure(period: Period, found: tuple[Observed, bool] | None) -> _Figure:
    if found is None:
        return _Figure(
            actual=None,
            derived=False,
            notes=(),
            sources=(),
            combination=None,
            observations=0,
            coverage=None,
        )
    observed, derived = found
    return _Figure(
        actual=observed.value,
        derived=derived,
        notes=observed.notes,
        sources=observed.sources,
        combination=observed.combination,
        observations=observed.count,
        coverage=coverage(period, observed),
    )


def _unjudged(
    reason: ReasonCode,
    target: _Target | None = None,
    annual: Decimal | None = None,
    missing: MissingCell | None = None,
) -> _Verdict:
    """A target that is none: not a target, or printed without a value."""
    return _Verdict(
        target_role=target.role if target else None,
        target_source=target.source if target else None,
        target_source_en=target.source_en if target else None,
        annual_target=annual,
        target=None,
        target_high=None,
        target_text=None,
        bound=None,
        difference=None,
        allowance=None,
        outcome=Outcome.NO_TARGET,
        reason=reason,
        forecast=None,
        missing=missing.missing if missing else None,
        missing_text=missing.text if missing else None,
    )


def _metric_results(
    table: Table,
    metric: Metric,
    period: Period,
    found: tuple[Observed, bool] | None,
    location: Location | None,
) -> Iterator[TargetResult]:
    targets = list(_targets(table, metric, period.year))
    if not targets and found is None:
        return
    place = _place(table, period, location)
    figure = _figure(period, found)
    verdicts = [_verdict(metric, period, target, found, figure["coverage"]) for target in targets]
    for verdict in verdicts or [_unjudged(ReasonCode.NO_TARGET_VALUE)]:
        yield TargetResult(
            kind=ResultKind.METRIC,
            id=metric.id,
            name=metric.name,
            name_en=metric.name_en,
            impact_goal=metric.impact_goal,
            group_id=None,
            unit=metric.unit,
            unit_en=metric.unit_en,
            symbol=metric.symbol,
            symbol_en=metric.symbol_en,
            direction=metric.direction,
            **place,
            **figure,
            **verdict,
        )


def _verdict(
    metric: Metric,
    period: Period,
    target: _Target,
    found: tuple[Observed, bool] | None,
    covered: Coverage | None,
) -> _Verdict:
    """One target of a metric judged: by its bound and tolerance, and by what part of the
    period the figure covers; at part-year, with where the year is heading."""
    role, cell = target.role, target.cell
    if metric.direction is Direction.NOT_A_TARGET or role in (ValueRole.ACTUAL, ValueRole.ESTIMATE):
        annual = cell if isinstance(cell, Decimal) else None
        return _unjudged(ReasonCode.NOT_A_TARGET, target, annual)
    if isinstance(cell, MissingCell):
        return _unjudged(ReasonCode.NO_TARGET_VALUE, target, missing=cell)
    yearly = Goal.of(metric.direction, cell)
    goal = _period_goal(metric, yearly, period)
    verdict = _Verdict(
        target_role=role,
        target_source=target.source,
        target_source_en=target.source_en,
        annual_target=yearly.low,
        target=goal.low,
        target_high=goal.high,
        target_text=goal.text,
        bound=goal.bound,
        difference=None,
        allowance=None,
        outcome=Outcome.NO_DATA,
        reason=ReasonCode.NO_ACTUAL,
        forecast=None,
        missing=None,
        missing_text=None,
    )
    part_year = period.granularity is not Granularity.YEAR
    if found is None:
        if metric.yearly_only and part_year:
            verdict["reason"] = ReasonCode.MEASURED_YEARLY
        return verdict
    observed = found[0]
    actual = observed.value
    allowance = goal.allowance(metric.tolerance, actual)
    outcome, reason = goal.judge(actual, allowance)
    flow = _accumulates(metric)
    if flow and covered is not None and not covered.complete:
        outcome, reason = judge_on_part(goal, outcome, reason)
    verdict["difference"] = goal.difference(actual)
    verdict["allowance"] = allowance
    verdict["outcome"], verdict["reason"] = outcome, reason
    if part_year and not metric.yearly_only:  # a survey's one figure says nothing of a trend
        projected = projection(observed, period, flow, metric.profile)
        if projected is not None:
            verdict["forecast"] = forecast(yearly, metric.tolerance, *projected)
    return verdict


def _scale_warning(
    metric: Metric, observed: Observed, results: list[TargetResult]
) -> list[Problem]:
    """A figure a hundred times or more off its target is judged as given, with a hint: the
    figure is probably in another unit (euros where the table counts thousands)."""
    judged = [r for r in results if r.target is not None and r.actual is not None]
    target = judged[0].target if judged else None
    exponent = scale_gap(observed.value, target) if target is not None else 0
    if not exponent:
        return []
    figures = {
        "metric": metric.id,
        "period": judged[0].period,
        "actual": observed.value,
        "target": target,
        "factor": 10 ** abs(exponent),
        "unit": metric.unit,
    }
    if exponent > 0:
        message = Message("evaluation.actuals_scale.above", **figures)
    else:
        message = Message("evaluation.actuals_scale.below", **figures)
    return [Problem(observed.first_location, message, Severity.WARNING, "actuals-scale")]


def _item_result(
    agreement: Agreement,
    table: Table,
    group: QualitativeGroup,
    item: QualitativeItem,
    period: Period,
    actuals: Actuals,
    location: Location | None,
) -> TargetResult:
    record = actuals.status(item.id, period)
    outcome, reason = _STATUS[record.status] if record else (Outcome.NO_DATA, ReasonCode.NO_STATUS)
    return TargetResult(
        kind=ResultKind.ITEM,
        id=item.id,
        name=item.text,
        name_en=None,
        impact_goal=group.impact_goal,
        group_id=group.id,
        unit=None,
        unit_en=None,
        direction=None,
        **_place(table, period, location),
        target_role=agreement.target_role(period.year),
        target_source=None,
        annual_target=None,
        target=None,
        actual=None,
        difference=None,
        allowance=None,
        outcome=outcome,
        reason=reason,
        status=record.status if record else None,
        notes=(record.note,) if record and record.note else (),
        sources=(record.source,) if record and record.source else (),
    )


def _identity_breaks(
    agreement: Agreement,
    identities: dict[str, Formula],
    observed: _ObservedValues,
    periods: Sequence[Period],
    source: Locator | None,
    agreement_file: str,
) -> Iterator[Problem]:
    """When an actuals file gives a total and its lines, they must agree."""
    for index, identity in enumerate(agreement.identities):
        formula = identities.get(identity.id)
        if formula is None or identity.scope is IdentityScope.PRINTED:
            continue
        comparison = formula.comparison
        if comparison is None:
            continue  # reported by validation
        for period in periods:
            if identity.years is not None and period.year not in identity.years:
                continue
            values = {}
            for name in formula.names:
                found = observed.get(name, period)
                if found is None or found[1]:
                    break
                values[name] = found[0].value
            else:
                try:
                    left, right = formula.sides(values)
                except FormulaError:
                    continue  # e.g. a zero divisor in the actuals: nothing to compare
                if not holds(comparison, left, right, identity.tolerance):
                    location = (
                        source.locate(_identity_path(index)) if source else Location(agreement_file)
                    )
                    message = describe_break(
                        "evaluation.identity_breaks",
                        identity.id,
                        {"period": str(period)},
                        formula,
                        left,
                        right,
                        identity.tolerance,
                    )
                    yield Problem(location, message, Severity.WARNING, "actuals-identity")
