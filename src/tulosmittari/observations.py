"""What the actuals files said, folded per metric and period, and the queries evaluation asks.

The reader fills the accumulators as rows stream past (`Observation`: one period's figure, or a
month's days folded together; `MetricState` and `ItemState` hold them by period); `Actuals` then
answers, read-only, what a metric's figure or an item's status was for any period, combining
the figures inside it by the metric's aggregation. No file, row or format is known here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal
from itertools import chain

from tulosmittari.figures import Number
from tulosmittari.periods import Granularity, Period, evaluation_period
from tulosmittari.problems import Location
from tulosmittari.results import Combination, ItemStatus
from tulosmittari.schema import Aggregation, Metric

MAX_TEXTS = 5  # distinct notes or sources kept per observation

EXACT = Context(prec=1000)  # sums of figures (at most 64 characters each) stay exact in it
_QUOTIENT = Context()  # the default context: means and shares to 28 digits
_HUNDRED = Decimal(100)
_OPEN = (Decimal("-Infinity"), Decimal("Infinity"))  # no bound on either side


@dataclass(frozen=True)
class Observed:
    """A metric's figure for one period, with what it was combined from."""

    value: Decimal
    count: int  # observations combined
    months: frozenset[int]  # months of the year with any figure
    notes: tuple[str, ...]
    sources: tuple[str, ...]
    first_location: Location  # the first row (in reading order) that contributed
    combination: Combination = Combination.GIVEN
    # months of the year whose figures are complete: a period's figure covers its months; a
    # month given by days is complete when its days reach the month's last working day
    covered: frozenset[int] = frozenset()
    partial: tuple[dt.date, ...] = ()  # months given by days that stop short: the last day given
    latest: Decimal | None = None  # the figure of the latest part (a level's forecast)


@dataclass(frozen=True)
class StatusRecord:
    """A qualitative item's status as one row recorded it."""

    status: ItemStatus
    period: Period
    note: str | None
    source: str | None
    location: Location


class Observation:
    """One period's figure (a coarse row) or one month's days folded together.

    `total` is the sum of the values (shares and ratios: of each row's own), `numerator` and
    `denominator` a share's or ratio's sums; for days, bit d - 1 of `mask` says day d was given,
    and `last_value` is the value of the latest day, `mask.bit_length()` (kept for `last` only).
    `file_index` and `line` are the first row's; `bounds` the plausible figures of the period's
    year.
    """

    __slots__ = (
        "bare",
        "bounds",
        "days",
        "denominator",
        "file_index",
        "first_day",
        "key",
        "last",
        "last_value",
        "line",
        "mask",
        "notes",
        "numerator",
        "period",
        "repeats",
        "shown",
        "sources",
        "total",
        "unbounded",
        "weights",
    )

    def __init__(
        self, state: MetricState, period: Period, days: bool, file_index: int, line: int
    ) -> None:
        self.period = period  # for days: their month
        self.days = days
        # `unbounded`: every figure not below zero is plausible, the short path checks none
        self.bounds, self.unbounded = state.bounds_for(period.start.year)
        self.last = state.aggregation is Aggregation.LAST
        self.total: Number = 0
        self.mask = 0
        self.last_value: Number = 0
        self.numerator: Number = 0
        self.denominator: Number = 0
        self.bare: tuple[int, int] | None = None  # first row of a share or ratio without n, d
        self.weights: tuple[int, int] | None = None  # first row with numerator and denominator
        self.repeats = 0  # a coarse row given again, identical
        self.file_index = file_index
        self.line = line
        self.first_day = 0
        self.notes: list[str] | None = None
        self.sources: list[str] | None = None
        # a coarse row's figure, to compare a repeat with, and as the row gave it
        self.key: tuple[Number | None, Number | None, Number | None] | None = None
        self.shown = ""

    @property
    def count(self) -> int:
        return self.mask.bit_count() if self.days else 1

    @property
    def order(self) -> tuple[int, int]:
        return (self.file_index, self.line)

    @property
    def end(self) -> dt.date:
        """When the observation's last figure falls: the latest wins under `last`."""
        return (
            self.period.start.replace(day=self.mask.bit_length()) if self.days else self.period.end
        )

    @property
    def complete(self) -> bool:
        """A period's figure covers its months; a month of days, when they reach its last
        working day."""
        if not self.days:
            return True
        start = self.period.start
        return self.mask.bit_length() >= last_working_day(start.year, start.month)

    @property
    def label(self) -> str:
        if self.days:
            return f"{self.period}-{self.first_day:02d}"
        return str(self.period)

    def add_note(self, text: str) -> None:
        self.notes = _add_text(self.notes, text)

    def add_source(self, text: str) -> None:
        self.sources = _add_text(self.sources, text)


class MetricState:
    """A metric's observations: months of days by `month_key`, other periods by period."""

    __slots__ = ("_bounds", "aggregation", "coarse", "days", "id", "metric", "parts", "percent")

    def __init__(self, metric: Metric) -> None:
        self.metric = metric
        self.id = metric.id
        self.aggregation = metric.effective_aggregation
        # a share (100 × Σn / Σd) or a ratio (Σn / Σd): rows may give numerator and denominator
        self.parts = self.aggregation in (Aggregation.WEIGHTED, Aggregation.RATIO)
        self.percent = self.aggregation is Aggregation.WEIGHTED
        self._bounds: dict[int, tuple[tuple[Decimal, Decimal], bool]] = {}
        self.days: dict[int, Observation] = {}
        self.coarse: dict[Period, Observation] = {}  # months, quarters, halves, years

    def bounds_for(self, year: int) -> tuple[tuple[Decimal, Decimal], bool]:
        """The plausible figures of `year` (`Metric.plausible_bounds`), an open end infinite so
        that one comparison checks a figure; and whether any figure not below zero is."""
        found = self._bounds.get(year)
        if found is None:
            low, high = self.metric.plausible_bounds(year)
            bounds = (
                _OPEN[0] if low is None else Decimal(low),
                _OPEN[1] if high is None else Decimal(high),
            )
            found = self._bounds[year] = (bounds, bounds[0] <= 0 and not bounds[1].is_finite())
        return found

    def of_parts(self, numerator: Decimal, denominator: Decimal) -> Decimal:
        """The share or ratio a numerator and a denominator make."""
        return share(numerator, denominator) if self.percent else ratio(numerator, denominator)


class ItemState:
    """A qualitative item's statuses by period, each with where its row was read."""

    __slots__ = ("id", "records", "years")

    def __init__(self, item_id: str) -> None:
        self.id = item_id
        self.years: set[int] = set()  # the years it is a target for
        self.records: dict[Period, tuple[StatusRecord, tuple[int, int]]] = {}


class Actuals:
    """Everything the actuals files said, folded per metric and period; read-only."""

    def __init__(
        self,
        files: tuple[str, ...],
        metrics: dict[str, MetricState],
        items: dict[str, ItemState],
        unreported: tuple[Location, ...] = (),
    ) -> None:
        self.files = files
        self.unreported = unreported  # rows left empty: shown as no data, listed for the user
        self._metrics = {k: v for k, v in metrics.items() if v.days or v.coarse}
        self._items = {k: v for k, v in items.items() if v.records}
        self._values: dict[tuple[str, Period], Observed | None] = {}  # evaluation asks twice

    def value(self, metric_id: str, period: Period) -> Observed | None:
        """The figure for `period`: the row given for it, or the rows inside it combined."""
        key = (metric_id, period)
        if key in self._values:
            return self._values[key]
        if period.granularity is Granularity.DAY:
            raise ValueError(f"{period}: figures are asked for months or longer periods")
        state = self._metrics.get(metric_id)
        found = None
        if state is not None:
            exact = state.coarse.get(period)
            if exact is not None:
                found = self._observed(state, [exact], given=True)
            else:
                parts = [o for p, o in state.coarse.items() if period.contains(p)]
                mixed = bool(parts)
                base = period.year * 12 - 1
                parts.extend(
                    o for m in period.months if (o := state.days.get(base + m)) is not None
                )
                if parts:
                    found = self._observed(state, parts, mixed)
        self._values[key] = found
        return found

    def status(self, item_id: str, period: Period) -> StatusRecord | None:
        """The latest status recorded within `period`; of two ending together, the longer."""
        state = self._items.get(item_id)
        if state is None:
            return None
        inside = [r for p, (r, _) in state.records.items() if period.contains(p)]
        if not inside:
            return None
        return max(inside, key=lambda r: (r.period.end, -r.period.start.toordinal()))

    def years(self) -> list[int]:
        return sorted({p.year for p in self._periods()})

    def evaluation_periods(self) -> list[Period]:
        """For each year with data, the report its observations make (`evaluation_period`),
        and every half-year given figures of its own: files for H1 and for the whole year read
        together are judged for both."""
        by_year: dict[int, list[Period]] = {}
        halves: set[Period] = set()
        for period in self._periods():
            by_year.setdefault(period.year, []).append(period)
            if period.granularity is Granularity.HALF:
                halves.add(period)
        return sorted(halves.union(evaluation_period(by_year[year]) for year in by_year))

    def metric_ids(self) -> frozenset[str]:
        return frozenset(self._metrics)

    def item_ids(self) -> frozenset[str]:
        return frozenset(self._items)

    def _periods(self) -> Iterator[Period]:
        """Every period given figures, once each; months of days by their key."""
        months: set[int] = set()
        coarse: set[Period] = set()
        for state in self._metrics.values():
            coarse.update(state.coarse)
            months.update(state.days)
        for item in self._items.values():
            coarse.update(item.records)
        yield from coarse
        yield from map(month_of_key, months)

    def _observed(
        self, state: MetricState, parts: list[Observation], mixed: bool = True, given: bool = False
    ) -> Observed:
        """The parts' figure combined by the metric's aggregation, with what they cover.

        The parts of a year never overlap (the reader sees to it), so in order of their start
        the last one is the latest."""
        if mixed:  # months of days alone come in order
            parts.sort(key=lambda o: (o.period.start, o.order))
        if mixed:
            count = sum(o.count for o in parts)
            months = frozenset(chain.from_iterable(o.period.months for o in parts))
        else:  # months of days, counted in C: their masks hold the days
            count = sum(map(int.bit_count, map(_MASK, parts)))
            months = frozenset(map(_MONTH, parts))
        first = min(parts, key=_READING_ORDER)
        latest = parts[-1]
        value, combination = _combined(state, parts, latest, count)
        short = [o for o in parts if not o.complete]
        covered = months
        if short:
            complete = (o for o in parts if o.complete)
            covered = frozenset(chain.from_iterable(o.period.months for o in complete))
        return Observed(
            value=value,
            count=count,
            months=months,
            notes=_distinct(map(_NOTES, parts)),
            sources=_distinct(map(_SOURCES, parts)),
            first_location=Location(self.files[first.file_index], first.line),
            combination=Combination.GIVEN if given else combination,
            covered=covered,
            partial=tuple(o.end for o in short),
            latest=value if given else _part_value(state, latest),
        )


def _combined(
    state: MetricState, parts: list[Observation], latest: Observation, count: int
) -> tuple[Decimal, Combination]:
    """The figure of the parts by the metric's aggregation, and how it was made."""
    aggregation = state.aggregation
    if aggregation is Aggregation.LAST:
        return _part_value(state, latest), Combination.LAST
    if state.parts and all(o.bare is None for o in parts):
        numerator = _sum(o.numerator for o in parts)
        combination = Combination.WEIGHTED if state.percent else Combination.RATIO
        return state.of_parts(numerator, _sum(o.denominator for o in parts)), combination
    total = _sum(o.total for o in parts)
    if aggregation is Aggregation.SUM:
        return total, Combination.SUM
    mean = _QUOTIENT.divide(total, Decimal(count)) if count > 1 else total
    if aggregation is Aggregation.MEAN:
        return mean, Combination.MEAN
    # a share or ratio given as bare values: the reader lets them stand only without n and d
    if count > 1:
        return mean, Combination.UNWEIGHTED_MEAN
    return mean, Combination.WEIGHTED if state.percent else Combination.RATIO


def _part_value(state: MetricState, obs: Observation) -> Decimal:
    """One observation's own figure: a row's value, or a month's days combined."""
    if state.aggregation is Aggregation.LAST:
        return Decimal(obs.last_value if obs.days else obs.total)
    if obs.days or (state.parts and obs.bare is None):
        return _combined(state, [obs], obs, obs.count)[0]
    return Decimal(obs.total)


@functools.lru_cache(maxsize=4096)
def last_working_day(year: int, month: int) -> int:
    """The day of the month's last Monday to Friday (public holidays are not known here)."""
    last = calendar.monthrange(year, month)[1]
    return last - max(0, dt.date(year, month, last).weekday() - 4)


def month_key(period: Period) -> int:
    """The key of the month a period starts in, as `MetricState.days` holds its days."""
    return period.year * 12 + period.first_month - 1


@functools.lru_cache(maxsize=4096)
def month_of_key(key: int) -> Period:
    return Period.of_month(key // 12, key % 12 + 1)


def share(numerator: Decimal, denominator: Decimal) -> Decimal:
    """100 × numerator / denominator, to 28 digits whatever the caller's decimal context."""
    return _QUOTIENT.divide(_QUOTIENT.multiply(_HUNDRED, numerator), denominator)


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator / denominator, to 28 digits whatever the caller's decimal context."""
    return _QUOTIENT.divide(numerator, denominator)


def _sum(numbers: Iterable[Number]) -> Decimal:
    """Exactly, whatever the caller's decimal context."""
    return functools.reduce(EXACT.add, numbers, Decimal(0))


_MASK = operator.attrgetter("mask")
_MONTH = operator.attrgetter("period.start.month")
_NOTES = operator.attrgetter("notes")
_SOURCES = operator.attrgetter("sources")
_READING_ORDER = operator.attrgetter("file_index", "line")


def _add_text(texts: list[str] | None, text: str) -> list[str]:
    if texts is None:
        return [text]
    if len(texts) < MAX_TEXTS and text not in texts:
        texts.append(text)
    return texts


def _distinct(lists: Iterable[list[str] | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for texts in lists:
        for text in texts or ():
            seen.setdefault(text, None)
    return tuple(seen)[:MAX_TEXTS]
