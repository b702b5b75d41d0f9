"""Judging actuals against the agreement: a pure function from agreement and observations to one
`CheckReport`.

The rules come from the agreement as data (each metric's direction, period kind, profile,
tolerance, formula); nothing here knows a metric by name. A missing actual and a missing target
are their own outcomes, never a pass and never a fail.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from tulosmittari.formula import Formula, FormulaError, evaluation_order, holds
from tulosmittari.observations import Actuals, Observed
from tulosmittari.periods import Granularity, Period, share_of_year
from tulosmittari.problems import Location, Locator, Message, Problem, Severity
from tulosmittari.results import (
    CheckReport,
    ItemStatus,
    Outcome,
    ReasonCode,
    ResultKind,
    TargetResult,
)
from tulosmittari.schema import (
    Agreement,
    Direction,
    IdentityScope,
    Metric,
    MissingCell,
    PeriodKind,
    QualitativeGroup,
    QualitativeItem,
    Table,
    ValueRole,
)
from tulosmittari.validation import parsed_formulas

_STATUS = {
    ItemStatus.MET: (Outcome.PASS, ReasonCode.STATUS_MET),
    ItemStatus.PARTLY_MET: (Outcome.WARN, ReasonCode.STATUS_PARTLY_MET),
    ItemStatus.NOT_MET: (Outcome.FAIL, ReasonCode.STATUS_NOT_MET),
}


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
    for t, table in enumerate(agreement.tables):
        for m, row in enumerate(table.metrics):
            if not isinstance(row, Metric) or not row.printed:
                continue
            location = source.locate(("tables", t, "metrics", m)) if source else None
            for period in periods:
                results.extend(_metric_results(agreement, table, row, period, observed, location))
        for g, group in enumerate(table.groups):
            for period in periods:
                items = group.years.get(period.year)
                if not isinstance(items, list):
                    continue
                for i, item in enumerate(items):
                    path = ("tables", t, "groups", g, "years", period.year, i)
                    location = source.locate(path) if source else None
                    results.append(
                        _item_result(agreement, table, group, item, period, actuals, location)
                    )
    problems = [
        *observed.problems,
        *_identity_breaks(agreement, identities, observed, periods, source, agreement_file),
    ]
    return CheckReport(
        agreement_id=agreement.meta.id,
        agreement_title=agreement.meta.title,
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
        self._cache: dict[str, dict[str, tuple[Decimal, bool]]] = {}
        self._observations: dict[str, dict[str, Observed]] = {}  # by period, as the files gave them
        self.problems: list[Problem] = []

    def get(self, metric_id: str, period: Period) -> tuple[Decimal, bool] | None:
        """The actual and whether it was computed from the metric's formula."""
        return self._for_period(period).get(metric_id)

    def observation(self, metric_id: str, period: Period) -> Observed | None:
        """What the files gave for the metric (notes, sources, rows), asked of them once."""
        self._for_period(period)
        return self._observations[str(period)].get(metric_id)

    def _for_period(self, period: Period) -> dict[str, tuple[Decimal, bool]]:
        key = str(period)
        if key in self._cache:
            return self._cache[key]
        values: dict[str, tuple[Decimal, bool]] = {}
        observations: dict[str, Observed] = {}
        self._observations[key] = observations
        for metric_id in self._actuals.metric_ids():
            found = self._actuals.value(metric_id, period)
            if found is not None:
                observations[metric_id] = found
                values[metric_id] = (found.value, False)
        for metric_id in self._order:
            formula = self._derived[metric_id]
            inputs = {name: values[name][0] for name in formula.names if name in values}
            if len(inputs) < len(formula.names):
                continue
            try:
                computed = formula.evaluate(inputs)
            except FormulaError as error:
                self.problems.append(self._problem(metric_id, period, error.message))
                continue
            given = values.get(metric_id)
            if given is None:
                values[metric_id] = (computed, True)
            else:
                self._compare(metric_id, period, given[0], computed)
        self._cache[key] = values
        return values

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
        observed = self._observations[str(period)].get(metric_id)
        location = observed.first_location if observed else Location(", ".join(self._actuals.files))
        return Problem(location, message, Severity.WARNING, "actuals-formula")


def _period_target(metric: Metric, annual: Decimal, period: Period) -> Decimal:
    """Levels compare with the annual target directly; flows with the period's share of it."""
    if metric.period_kind is PeriodKind.LEVEL or period.granularity is Granularity.YEAR:
        return annual
    return annual * share_of_year(period, metric.profile)


def _targets(
    table: Table, metric: Metric, year: int
) -> Iterator[tuple[ValueRole, str | None, Decimal | MissingCell]]:
    """(role, source, value) of each target the metric carries for the year."""
    column = table.column_for(year)
    cell = metric.values.get(year)
    if column is not None and isinstance(cell, Decimal | MissingCell):
        yield column.kind.role, None, cell
    for extra in metric.extra_targets:
        if extra.year == year:
            yield extra.kind.role, extra.source, extra.value


def _metric_results(
    agreement: Agreement,
    table: Table,
    metric: Metric,
    period: Period,
    observed: _ObservedValues,
    location: Location | None,
) -> Iterator[TargetResult]:
    actual_pair = observed.get(metric.id, period)
    actual, derived = actual_pair if actual_pair is not None else (None, False)
    observation = observed.observation(metric.id, period)
    targets = list(_targets(table, metric, period.year))
    if not targets and actual is None:
        return

    notes = observation.notes if observation else ()
    sources = observation.sources if observation else ()

    def result(  # each result built once: no copies of copies
        role: ValueRole | None = None,
        source: str | None = None,
        annual: Decimal | None = None,
        target: Decimal | None = None,
        outcome: Outcome = Outcome.NO_TARGET,
        reason: ReasonCode = ReasonCode.NO_TARGET_VALUE,
        difference: Decimal | None = None,
        allowance: Decimal | None = None,
        missing: MissingCell | None = None,
    ) -> TargetResult:
        return TargetResult(
            kind=ResultKind.METRIC,
            id=metric.id,
            name=metric.name,
            name_en=metric.name_en,
            table_id=table.id,
            table_number=table.number,
            table_title=table.title,
            table_title_en=table.title_en,
            section=table.section or "",
            impact_goal=metric.impact_goal,
            group_id=None,
            unit=metric.unit,
            unit_en=metric.unit_en,
            symbol=metric.symbol,
            direction=metric.direction,
            period=str(period),
            year=period.year,
            target_role=role,
            target_source=source,
            annual_target=annual,
            target=target,
            actual=actual,
            difference=difference,
            allowance=allowance,
            outcome=outcome,
            reason=reason,
            derived=derived,
            missing=missing.missing if missing else None,
            missing_text=missing.text if missing else None,
            notes=notes,
            sources=sources,
            location=location,
        )

    if not targets:
        yield result()
        return
    for role, target_source, cell in targets:
        if metric.direction is Direction.NOT_A_TARGET or role in (
            ValueRole.ACTUAL,
            ValueRole.ESTIMATE,
        ):
            annual = cell if isinstance(cell, Decimal) else None
            yield result(role, target_source, annual, reason=ReasonCode.NOT_A_TARGET)
            continue
        if isinstance(cell, MissingCell):
            yield result(role, target_source, missing=cell)
            continue
        target = _period_target(metric, cell, period)
        if actual is None:
            yearly = metric.yearly_only and period.granularity is not Granularity.YEAR
            reason = ReasonCode.MEASURED_YEARLY if yearly else ReasonCode.NO_ACTUAL
            yield result(role, target_source, cell, target, Outcome.NO_DATA, reason)
            continue
        allowance = metric.tolerance.allowance(target) if metric.tolerance else Decimal(0)
        outcome, reason = judge(metric.direction, actual, target, allowance)
        yield result(role, target_source, cell, target, outcome, reason, actual - target, allowance)


def judge(
    direction: Direction, actual: Decimal, target: Decimal, allowance: Decimal
) -> tuple[Outcome, ReasonCode]:
    """The outcome of one comparison, by the metric's direction and tolerance."""
    if direction is Direction.BREAK_EVEN:
        if abs(actual - target) <= allowance:
            return Outcome.PASS, ReasonCode.BREAK_EVEN_MET
        return Outcome.FAIL, ReasonCode.BREAK_EVEN_MISSED
    shortfall = target - actual if direction is Direction.HIGHER_IS_BETTER else actual - target
    if shortfall <= 0:
        return Outcome.PASS, ReasonCode.MET
    if shortfall <= allowance:
        return Outcome.WARN, ReasonCode.MISSED_WITHIN_TOLERANCE
    return Outcome.FAIL, ReasonCode.MISSED


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
    if record is None:
        outcome, reason = Outcome.NO_DATA, ReasonCode.NO_STATUS
    else:
        outcome, reason = _STATUS[record.status]
    return TargetResult(
        kind=ResultKind.ITEM,
        id=item.id,
        name=item.text,
        name_en=None,
        table_id=table.id,
        table_number=table.number,
        table_title=table.title,
        table_title_en=table.title_en,
        section=table.section or "",
        impact_goal=group.impact_goal,
        group_id=group.id,
        unit=None,
        unit_en=None,
        direction=None,
        period=str(period),
        year=period.year,
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
        location=location,
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
                values[name] = found[0]
            else:
                try:
                    left, right = formula.sides(values)
                except FormulaError:
                    continue  # e.g. a zero divisor in the actuals: nothing to compare
                if not holds(comparison, left, right, identity.tolerance):
                    location = (
                        source.locate(("identities", index, "formula"))
                        if source
                        else Location(agreement_file)
                    )
                    message = Message(
                        "evaluation.identity_breaks",
                        identity=identity.id,
                        period=str(period),
                        right=right,
                        right_text=formula.right_text,
                        left=left,
                        left_text=formula.left_text,
                        difference=left - right,
                        tolerance=identity.tolerance,
                    )
                    yield Problem(location, message, Severity.WARNING, "actuals-identity")
