"""What the actuals files said, folded per metric and period, and the queries evaluation asks.

The reader fills the accumulators as rows stream past (`Observation`: one period's figure, or a
month's days folded together; `MetricState` and `ItemState` hold them by period); `Actuals` then
answers, read-only, what a metric's figure or an item's status was for any period, combining
the figures inside it by the metric's aggregation. No file, row or format is known here.
"""

from __future__ import annotations

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

    `total` is the sum of the values (shares: of each row's own share), `numerator` and
    `denominator` a share's sums; for days, bit d - 1 of `mask` says day d was given, and
    `last_value` is the value of day `last_day`. `file_index` and `line` are the first row's.
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
        "last_day",
        "last_value",
        "line",
        "mask",
        "notes",
        "numerator",
        "period",
        "shown",
        "sources",
        "total",
    )

    def __init__(
        self, state: MetricState, period: Period, days: bool, file_index: int, line: int
    ) -> None:
        self.period = period  # for days: their month
        self.days = days
        self.bounds = state.bounds
        self.last = state.aggregation is Aggregation.LAST
        self.total: Number = 0
        self.mask = 0
        self.last_day = 0
        self.last_value: Number = 0
        self.numerator: Number = 0
        self.denominator: Number = 0
        self.bare: tuple[int, int] | None = None  # first row of a share without n and d
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
        return self.period.start.replace(day=self.last_day) if self.days else self.period.end

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

    __slots__ = ("aggregation", "bounds", "coarse", "days", "id", "metric", "weighted")

    def __init__(self, metric: Metric) -> None:
        self.metric = metric
        self.id = metric.id
        self.aggregation = metric.effective_aggregation
        self.weighted = self.aggregation is Aggregation.WEIGHTED
        self.bounds: tuple[Decimal, Decimal] | None = (
            (metric.scale.min, metric.scale.max) if metric.scale else None
        )
        self.days: dict[int, Observation] = {}
        self.coarse: dict[Period, Observation] = {}  # months, quarters, halves, years


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
                found = self._observed(state, [exact])
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
        self, state: MetricState, parts: list[Observation], mixed: bool = True
    ) -> Observed:
        if mixed:  # months of days alone come in order
            parts.sort(key=lambda o: (o.period.start, o.order))
        aggregation = state.aggregation
        if mixed:
            count = sum(o.count for o in parts)
            months = frozenset(chain.from_iterable(o.period.months for o in parts))
        else:  # months of days, counted in C: their masks hold the days
            count = sum(map(int.bit_count, map(_MASK, parts)))
            months = frozenset(map(_MONTH, parts))
        first = min(parts, key=_READING_ORDER)
        value: Decimal
        if aggregation is Aggregation.LAST:
            latest = max(parts, key=lambda o: o.end)
            value = Decimal(latest.last_value if latest.days else latest.total)
        elif aggregation is Aggregation.WEIGHTED and all(o.bare is None for o in parts):
            numerator = _sum(o.numerator for o in parts)
            value = share(numerator, _sum(o.denominator for o in parts))
        else:
            total = _sum(o.total for o in parts)
            if aggregation is Aggregation.MEAN or aggregation is Aggregation.WEIGHTED:
                # a share without n and d is only ever alone here (the reader checks it)
                value = _QUOTIENT.divide(total, Decimal(count)) if count > 1 else total
            else:
                value = total
        return Observed(
            value=value,
            count=count,
            months=months,
            notes=_distinct(map(_NOTES, parts)),
            sources=_distinct(map(_SOURCES, parts)),
            first_location=Location(self.files[first.file_index], first.line),
        )


def month_key(period: Period) -> int:
    """The key of the month a period starts in, as `MetricState.days` holds its days."""
    return period.year * 12 + period.first_month - 1


@functools.lru_cache(maxsize=4096)
def month_of_key(key: int) -> Period:
    return Period.of_month(key // 12, key % 12 + 1)


def share(numerator: Decimal, denominator: Decimal) -> Decimal:
    """100 × numerator / denominator, to 28 digits whatever the caller's decimal context."""
    return _QUOTIENT.divide(_QUOTIENT.multiply(_HUNDRED, numerator), denominator)


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
