"""Checks a schema-valid agreement for what the schema alone cannot see.

Like bean-check's validators: plain functions that each return problems with source locations,
all run in one pass so that an author sees every finding at once. Ids are unique, references
resolve, years fall within the agreement's span, printed figures are plausible for their metric
(`Metric.plausible_bounds`), quoted targets match the metric they quote, derived metrics and
identities hold on the printed figures. An identity that breaks is reported at the figure that
breaks it: the one edited since a known earlier version (`baseline`), else the single figure its
left side prints.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tulosmittari.formula import (
    CycleError,
    Formula,
    FormulaError,
    describe_break,
    evaluation_order,
    holds,
    parse,
)
from tulosmittari.problems import Locator, Message, Problem, Severity
from tulosmittari.schema import (
    Agreement,
    BoundCell,
    Metric,
    RangeCell,
    ReferenceCell,
    ReferenceRow,
    ValueRole,
)

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class _Context:
    agreement: Agreement
    source: Locator
    baseline: Agreement | None = None  # an earlier version, to find the figure an edit changed
    printed: dict[int, dict[str, Decimal]] = dataclasses.field(default_factory=dict)  # by year

    def printed_numbers(self, year: int) -> dict[str, Decimal]:
        """`printed_numbers`, once a year: every formula of every year reads them."""
        if year not in self.printed:
            self.printed[year] = printed_numbers(self.agreement, year)
        return self.printed[year]

    def at(
        self,
        path: Path,
        message: Message,
        severity: Severity = Severity.ERROR,
        code: str = "invalid",
    ) -> Problem:
        return Problem(self.source.locate(path), message, severity, code)

    def at_key(self, path: Path, message: Message, code: str = "invalid") -> Problem:
        return Problem(self.source.locate_key(path), message, Severity.ERROR, code)


def validate(
    agreement: Agreement, source: Locator, *, baseline: Agreement | None = None
) -> list[Problem]:
    """Every finding about a schema-valid agreement, in file order.

    `baseline`, an earlier version of the same agreement (`tulos diff` knows one), locates an
    identity that breaks at the figure the edit changed.
    """
    context = _Context(agreement, source, baseline)
    problems: list[Problem] = []
    for check in _CHECKS:
        problems.extend(check(context))
    return sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0))


# --- Where things are ------------------------------------------------------------------------


def metric_path(agreement: Agreement, metric_id: str) -> Path | None:
    """The data path of a metric row, for locating it in the source."""
    for t, table in enumerate(agreement.tables):
        for m, row in enumerate(table.metrics):
            if isinstance(row, Metric) and row.id == metric_id:
                return ("tables", t, "metrics", m)
    return None


def _metric_rows(agreement: Agreement) -> Iterator[tuple[Path, int, Metric]]:
    for t, table in enumerate(agreement.tables):
        for m, row in enumerate(table.metrics):
            if isinstance(row, Metric):
                yield ("tables", t, "metrics", m), t, row


def _ids(agreement: Agreement) -> Iterator[tuple[Path, str, str]]:
    """Every declared id with its path and kind (a `subject.*` text), in file order."""
    for g, goal in enumerate(agreement.impact_goals):
        yield ("impact_goals", g, "id"), goal.id, "impact_goal"
    for t, table in enumerate(agreement.tables):
        yield ("tables", t, "id"), table.id, "table"
        for m, row in enumerate(table.metrics):
            if isinstance(row, Metric):
                yield ("tables", t, "metrics", m, "id"), row.id, "metric"
        for g, group in enumerate(table.groups):
            yield ("tables", t, "groups", g, "id"), group.id, "group"
            for year, items in group.years.items():
                if isinstance(items, list):
                    for i, item in enumerate(items):
                        path = ("tables", t, "groups", g, "years", year, i, "id")
                        yield path, item.id, "item"
    for i, identity in enumerate(agreement.identities):
        yield ("identities", i, "id"), identity.id, "identity"


# --- Checks ----------------------------------------------------------------------------------


def _unique_ids(ctx: _Context) -> Iterator[Problem]:
    seen: dict[str, tuple[Path, str]] = {}
    for path, ident, kind in _ids(ctx.agreement):
        if ident in seen:
            first_path, first_kind = seen[ident]
            first = ctx.source.locate(first_path)
            yield ctx.at(
                path,
                Message(
                    "validation.duplicate_id",
                    id=ident,
                    kind=Message(f"subject.{kind}"),
                    first_kind=Message(f"subject.{first_kind}"),
                    line=first.line,
                ),
                code="duplicate-id",
            )
        else:
            seen[ident] = (path, kind)


def _suggest(name: str, known: Sequence[str]) -> Message | str:
    close = difflib.get_close_matches(name, known, n=3)
    return Message("validation.did_you_mean", names=close) if close else ""


def _references(ctx: _Context) -> Iterator[Problem]:
    agreement = ctx.agreement
    metrics = sorted(agreement.metric_index)
    goals = [g.id for g in agreement.impact_goals]
    parties = [p.id for p in agreement.meta.parties]

    def unknown(path: Path, what: str, name: str, known: Sequence[str]) -> Problem:
        return ctx.at(
            path,
            Message(
                "validation.unknown",
                what=Message(f"subject.{what}"),
                name=name,
                hint=_suggest(name, known),
            ),
            code="reference",
        )

    for s, signatory in enumerate(agreement.meta.signatories):
        if signatory.party not in parties:
            yield unknown(("meta", "signatories", s, "party"), "party", signatory.party, parties)
    for t, table in enumerate(agreement.tables):
        marks = [f.mark for f in table.footnotes]
        for m, row in enumerate(table.metrics):
            path = ("tables", t, "metrics", m)
            if isinstance(row, ReferenceRow):
                if row.see not in agreement.metric_index:
                    yield unknown((*path, "see"), "metric", row.see, metrics)
                if row.impact_goal is not None and row.impact_goal not in goals:
                    yield unknown((*path, "impact_goal"), "impact_goal", row.impact_goal, goals)
                continue
            if row.parent is not None and row.parent not in agreement.metric_index:
                yield unknown((*path, "parent"), "metric", row.parent, metrics)
            if row.impact_goal is not None and row.impact_goal not in goals:
                yield unknown((*path, "impact_goal"), "impact_goal", row.impact_goal, goals)
            for f, mark in enumerate(row.footnotes):
                if mark not in marks:
                    yield ctx.at(
                        (*path, "footnotes", f),
                        Message(
                            "validation.unknown_footnote",
                            mark=mark,
                            table=table.number,
                            marks=", ".join(marks) if marks else Message("validation.none"),
                        ),
                        code="reference",
                    )
            for year, cell in row.values.items():
                if isinstance(cell, ReferenceCell) and cell.see not in agreement.metric_index:
                    yield unknown((*path, "values", year, "see"), "metric", cell.see, metrics)
        for g, group in enumerate(table.groups):
            gpath = ("tables", t, "groups", g)
            if group.impact_goal is not None and group.impact_goal not in goals:
                yield unknown((*gpath, "impact_goal"), "impact_goal", group.impact_goal, goals)
            for year, items in group.years.items():
                if not isinstance(items, list):
                    continue
                for i, item in enumerate(items):
                    if item.metric is not None and item.metric not in agreement.metric_index:
                        ipath = (*gpath, "years", year, i, "metric")
                        yield unknown(ipath, "metric", item.metric, metrics)
        for r, impact_row in enumerate(table.impact_rows):
            rpath = ("tables", t, "impact_rows", r)
            if impact_row.indicator not in agreement.metric_index:
                yield unknown((*rpath, "indicator"), "metric", impact_row.indicator, metrics)
            for i, quoted in enumerate(impact_row.item_targets):
                if quoted.metric not in agreement.metric_index:
                    quote_path: Path = (*rpath, "item_targets", i, "metric")
                    yield unknown(quote_path, "metric", quoted.metric, metrics)


def _years_in_span(ctx: _Context) -> Iterator[Problem]:
    agreement = ctx.agreement
    span = agreement.meta.years

    def outside(path: Path, year: int, key: bool = False) -> Problem:
        message = Message("validation.year_outside", year=year, first=span.first, last=span.last)
        return ctx.at_key(path, message) if key else ctx.at(path, message)

    validity = agreement.meta.validity
    if validity is not None:
        for field in ("binding_years", "preliminary_years"):
            for i, year in enumerate(getattr(validity, field)):
                if year not in span:
                    yield outside(("meta", "validity", field, i), year)
        for year in set(validity.binding_years) & set(validity.preliminary_years):
            yield ctx.at(
                ("meta", "validity", "preliminary_years"),
                Message("validation.binding_and_preliminary", year=year),
            )
    for t, table in enumerate(agreement.tables):
        for c, column in enumerate(table.columns):
            if column.year not in span:
                yield outside(("tables", t, "columns", c, "year"), column.year)
        for g, group in enumerate(table.groups):
            for year in group.years:
                if year not in span:
                    yield outside(("tables", t, "groups", g, "years", year), year, key=True)
        for r, impact_row in enumerate(table.impact_rows):
            for i, quoted in enumerate(impact_row.item_targets):
                if quoted.year not in span:
                    year_path: Path = ("tables", t, "impact_rows", r, "item_targets", i, "year")
                    yield outside(year_path, quoted.year)
    for path, t, metric in _metric_rows(agreement):
        table = agreement.tables[t]
        for year in metric.values:
            if year not in span:
                yield outside((*path, "values", year), year, key=True)
            elif table.column_for(year) is None:
                yield ctx.at_key(
                    (*path, "values", year),
                    Message("validation.no_column", table=table.number, year=year),
                )
        for e, extra in enumerate(metric.extra_targets):
            if extra.year not in span:
                yield outside((*path, "extra_targets", e, "year"), extra.year)
        for year in metric.scale_by_year:
            if year not in span:
                yield outside((*path, "scale_by_year", year), year, key=True)
    for i, identity in enumerate(agreement.identities):
        for y, year in enumerate(identity.years or []):
            if year not in span:
                yield outside(("identities", i, "years", y), year)
        for a, ack in enumerate(identity.acknowledged):
            if ack.year not in span:
                yield outside(("identities", i, "acknowledged", a, "year"), ack.year)


def _printed_figures(metric: Metric) -> Iterator[tuple[Path, int, Decimal]]:
    """Every figure a metric prints, with its path below the metric and its year: values of
    every column kind (targets, actuals, estimates), the ends of printed target expressions and
    extra targets."""
    for year, cell in metric.values.items():
        if isinstance(cell, Decimal):
            yield ("values", year), year, cell
        elif isinstance(cell, BoundCell):
            yield ("values", year), year, cell.value
        elif isinstance(cell, RangeCell):
            yield ("values", year), year, cell.low
            yield ("values", year), year, cell.high
    for e, extra in enumerate(metric.extra_targets):
        yield ("extra_targets", e, "value"), extra.year, extra.value


def _plausible(ctx: _Context) -> Iterator[Problem]:
    """A printed figure outside what its metric can be (`Metric.plausible_bounds`) is a typo or
    a wrong unit: 730 % where a share is meant, a count below zero."""
    for path, _, metric in _metric_rows(ctx.agreement):
        for sub, year, value in _printed_figures(metric):
            message = _implausible(metric, year, value)
            if message is not None:
                yield ctx.at((*path, *sub), message, code="bounds")


def _implausible(metric: Metric, year: int, value: Decimal) -> Message | None:
    """Why `value` cannot be a figure of `metric` in `year`, naming where the bound comes from."""
    low, high = metric.plausible_bounds(year)
    if (low is None or value >= low) and (high is None or value <= high):
        return None
    scale = metric.scale_for(year)
    if metric.bounds is None and scale is not None:
        return Message(
            "validation.outside_scale",
            value=value,
            min=scale.min,
            max=scale.max,
            metric=metric.id,
        )
    if metric.bounds is None and high is not None:
        return Message("validation.outside_percent", value=value, metric=metric.id)
    if metric.bounds is None:
        return Message("validation.below_zero", value=value, metric=metric.id)
    if low is not None and value < low:
        return Message("validation.below_min", value=value, min=low, metric=metric.id)
    return Message("validation.above_max", value=value, max=high, metric=metric.id)


def targets_for_year(agreement: Agreement, metric_id: str, year: int) -> list[Decimal]:
    """Every target a metric carries for a year: its table column and any extra targets."""
    table, metric = agreement.metric_index[metric_id]
    found: list[Decimal] = []
    column = table.column_for(year)
    cell = metric.values.get(year)
    if column is not None and column.kind.role in (ValueRole.TARGET, ValueRole.PRELIMINARY_TARGET):
        if isinstance(cell, Decimal):
            found.append(cell)
        elif isinstance(cell, BoundCell):
            found.append(cell.value)
    found.extend(x.value for x in metric.extra_targets if x.year == year)
    return found


def _quoted_targets(ctx: _Context) -> Iterator[Problem]:
    """Table 1 quotes targets set elsewhere: each quote must match a target of that metric."""
    agreement = ctx.agreement
    for t, table in enumerate(agreement.tables):
        for r, impact_row in enumerate(table.impact_rows):
            for i, quoted in enumerate(impact_row.item_targets):
                if quoted.metric not in agreement.metric_index:
                    continue  # reported by _references
                targets = targets_for_year(agreement, quoted.metric, quoted.year)
                if quoted.value not in targets:
                    yield ctx.at(
                        ("tables", t, "impact_rows", r, "item_targets", i, "value"),
                        Message(
                            "validation.quoted_target",
                            value=quoted.value,
                            metric=quoted.metric,
                            year=quoted.year,
                            targets=Message("validation.numbers", numbers=targets)
                            if targets
                            else Message("validation.none"),
                        ),
                        code="quoted-target",
                    )


# --- Formulas --------------------------------------------------------------------------------


def _formula_problem(ctx: _Context, path: Path, error: FormulaError) -> Problem:
    return Problem(
        ctx.source.locate_in_scalar(path, error.offset), error.message, Severity.ERROR, "formula"
    )


def printed_numbers(agreement: Agreement, year: int) -> dict[str, Decimal]:
    """Every metric's printed figure for a year, whatever its column kind."""
    return {
        m.id: v for _, m in agreement.iter_metrics() if isinstance(v := m.values.get(year), Decimal)
    }


def _formulas(ctx: _Context) -> Iterator[Problem]:
    agreement = ctx.agreement
    known = sorted(agreement.metric_index)
    derived: dict[str, Formula] = {}
    derived_paths: dict[str, Path] = {}
    for path, _, metric in _metric_rows(agreement):
        if metric.formula is None:
            continue
        fpath = (*path, "formula")
        try:
            formula = parse(metric.formula)
        except FormulaError as error:
            yield _formula_problem(ctx, fpath, error)
            continue
        unknown = formula.unknown_names(known)
        for unknown_name in unknown:
            yield _formula_problem(ctx, fpath, unknown_name)
        if not unknown:
            derived[metric.id] = formula
            derived_paths[metric.id] = fpath
    try:
        evaluation_order(derived)
    except CycleError as error:
        yield _formula_problem(ctx, derived_paths[error.cycle[0]], error)
        return
    for metric_id, formula in derived.items():
        yield from _derived_against_print(ctx, metric_id, formula, derived_paths[metric_id])

    for i, identity in enumerate(agreement.identities):
        fpath = ("identities", i, "formula")
        try:
            formula = parse(identity.formula, allow_comparison=True)
        except FormulaError as error:
            yield _formula_problem(ctx, fpath, error)
            continue
        if formula.comparison is None:
            yield ctx.at(fpath, Message("validation.no_comparison"), code="formula")
            continue
        unknown = formula.unknown_names(known)
        for unknown_name in unknown:
            yield _formula_problem(ctx, fpath, unknown_name)
        if not unknown:
            yield from _identity_against_print(ctx, i, formula)


def _derived_against_print(
    ctx: _Context, metric_id: str, formula: Formula, path: Path
) -> Iterator[Problem]:
    """A derived metric's printed figure must be what its formula gives from printed inputs."""
    agreement = ctx.agreement
    _, metric = agreement.metric_index[metric_id]
    for year, printed in sorted(metric.values.items()):
        if not isinstance(printed, Decimal):
            continue
        values = ctx.printed_numbers(year)
        if not formula.names <= values.keys():
            continue
        try:
            computed = formula.evaluate(values)
        except FormulaError as error:
            yield ctx.at(
                path,
                Message("validation.in_year", year=year, message=error.message),
                code="formula",
            )
            continue
        if computed != printed:
            yield ctx.at(
                (*path[:-1], "values", year),
                Message(
                    "validation.derived_differs",
                    metric=metric_id,
                    year=year,
                    formula=formula.text,
                    computed=computed,
                    printed=printed,
                ),
                code="derived",
            )


def _identity_against_print(ctx: _Context, index: int, formula: Formula) -> Iterator[Problem]:
    agreement = ctx.agreement
    identity = agreement.identities[index]
    acknowledged = {a.year: a for a in identity.acknowledged}
    span = range(agreement.meta.years.first, agreement.meta.years.last + 1)
    years = identity.years if identity.years is not None else list(span)
    path = ("identities", index, "formula")
    assert formula.comparison is not None
    for year in years:
        values = ctx.printed_numbers(year)
        if not formula.names <= values.keys():
            if identity.years is not None:
                yield ctx.at(
                    ("identities", index, "years"),
                    Message(
                        "validation.identity_unevaluable",
                        identity=identity.id,
                        year=year,
                        missing=sorted(formula.names - values.keys()),
                    ),
                    code="identity",
                )
            continue
        try:
            left, right = formula.sides(values)
        except FormulaError as error:
            yield ctx.at(
                path,
                Message(
                    "validation.identity_error",
                    identity=identity.id,
                    year=year,
                    message=error.message,
                ),
                code="identity",
            )
            continue
        ack = acknowledged.get(year)
        if holds(formula.comparison, left, right, identity.tolerance):
            if ack is not None:  # a break acknowledged that is no longer there
                yield ctx.at(
                    ("identities", index, "acknowledged"),
                    Message("validation.identity_holds", identity=identity.id, year=year),
                    severity=Severity.WARNING,
                    code="identity-ack",
                )
            continue
        message = describe_break(
            "validation.identity_breaks",
            identity.id,
            {"year": year},
            formula,
            left,
            right,
            identity.tolerance,
            terms=_terms(ctx, formula, year),
        )
        if ack is not None:
            yield ctx.at(
                path,
                Message("validation.acknowledged", message=message, note=ack.note),
                severity=Severity.INFO,
                code="identity-acknowledged",
            )
        else:
            figure = _breaking_figure(ctx, formula, year)
            yield ctx.at(figure if figure is not None else path, message, code="identity")
    for a, ack in enumerate(identity.acknowledged):
        if ack.year not in years:
            yield ctx.at(
                ("identities", index, "acknowledged", a, "year"),
                Message("validation.acknowledged_year", year=ack.year),
                severity=Severity.WARNING,
                code="identity-ack",
            )


def _figure_path(agreement: Agreement, metric_id: str, year: int) -> Path | None:
    path = metric_path(agreement, metric_id)
    return (*path, "values", year) if path is not None else None


def _terms(ctx: _Context, formula: Formula, year: int) -> Message | str:
    """Each metric of an identity with its figure in `year` and where that figure is printed;
    empty for an identity of no metrics."""
    values = ctx.printed_numbers(year)
    terms = []
    for name in formula.ordered_names:
        path = _figure_path(ctx.agreement, name, year)
        location = ctx.source.locate(path) if path is not None else None
        if location is not None and location.line is not None:
            terms.append(
                Message(
                    "validation.identity_term_at",
                    name=name,
                    value=values[name],
                    line=location.line,
                    column=location.column,
                )
            )
        else:
            terms.append(Message("validation.identity_term", name=name, value=values[name]))
    return Message("validation.identity_terms", terms=tuple(terms)) if terms else ""


def _breaking_figure(ctx: _Context, formula: Formula, year: int) -> Path | None:
    """The figure an identity's break is reported at: the first one edited since the baseline;
    else the left side's only figure (the total printed against its parts), else the right
    side's only figure; None when the break belongs to no one figure."""
    names = formula.ordered_names
    if ctx.baseline is not None:
        before = printed_numbers(ctx.baseline, year)
        now = ctx.printed_numbers(year)
        edited = [name for name in names if before.get(name) != now[name]]
        if edited:
            return _figure_path(ctx.agreement, edited[0], year)
    left = [name for name in names if formula.on_left(name)]
    right = [name for name in names if name not in left]
    if len(left) == 1:
        return _figure_path(ctx.agreement, left[0], year)
    if not left and len(right) == 1:
        return _figure_path(ctx.agreement, right[0], year)
    return None


_CHECKS: tuple[Callable[[_Context], Iterator[Problem]], ...] = (
    _unique_ids,
    _references,
    _years_in_span,
    _plausible,
    _quoted_targets,
    _formulas,
)
