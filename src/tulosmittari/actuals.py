"""Actuals files: CSV rows read into typed observations, folded as they stream past.

The format
----------
* UTF-8, with or without a byte-order mark. Blank lines are skipped, and so are lines that start
  with ``#`` (comments, before the header or between rows) and rows whose cells are all empty.
* The first other line is the header. Column names are case-insensitive and surrounding spaces
  are ignored. ``metric`` and ``period`` are required, with ``value`` and/or ``status`` and/or
  ``numerator`` + ``denominator``; ``note`` and ``source`` are optional; ``name`` and ``unit`` (the
  ``tulos template`` form carries them) are accepted and ignored, and so are unnamed columns at
  the end of the header (spreadsheets add them). Any other column is an error.
* The delimiter is a comma, a semicolon (Finnish Excel) or a tab, whichever the header uses.
  Fields may be quoted (``"..."``, a quote inside doubled) and then hold the delimiter and line
  breaks. Spaces around a field are ignored. Fields missing at the end of a row are empty, and
  extra empty fields at its end are ignored; a row of one field under a wider header is an error
  (it is usually split by another delimiter).
* ``metric`` is the id of a metric or of a qualitative item of the agreement. ``period`` is
  ``2024``, ``2024-H1``, ``2024-Q1``, ``2024-03`` or ``2024-03-15``.
* ``value`` (metrics) takes a decimal point or a decimal comma (``3.5``, ``3,5``; with the comma
  delimiter a decimal comma must be quoted), a sign (``-``, ``−`` or ``+``), spaces, no-break
  spaces or narrow no-break spaces between groups of three digits (``465 668,5``) and a trailing
  ``%``. A comma is always a decimal separator, never a thousands separator. Values are exact;
  ``NaN``, ``inf``, exponents and text are rejected, and so is a value outside the metric's scale.
* ``status`` (qualitative items) is ``met``, ``partly met`` or ``not met`` (``partly_met`` and
  ``not_met`` too), or in Finnish ``toteutunut``, ``osittain toteutunut`` or ``ei toteutunut``.
* ``numerator`` and ``denominator`` belong to shares (metrics aggregated ``weighted``): the share
  of a period is 100 × Σnumerator / Σdenominator. A row's ``value`` beside them must agree with
  its own 100 × numerator / denominator within 0.05. The denominator must be above zero.
* ``note`` and ``source`` are free text carried into the report.
* A row with neither a value nor a status (nor a numerator and denominator) is a line of a form
  not filled in yet: no data for that target, not an error; `Actuals.unreported` lists such rows.

One figure per metric and period: the same metric and period given again with an equal figure
(an export that repeated a line, in any of the files read together) is accepted and counted once;
with a different figure it is an error naming both rows. (More than 100 000 repeated days are
taken as the same data read twice, an error.) A header with no rows is not an error: it is a file
with no data yet. An empty file is.

Periods combine as follows (`Actuals.value`): a figure given for exactly the period asked wins;
otherwise the figures inside it combine by the metric's aggregation (sum, mean of the
observations, last, or weighted). Part-year figures of one metric and year must not overlap each
other (``2024-H1`` beside ``2024-03``, or a month beside its days): that is an error at read time,
since no sum or mean over both would be right. A whole-year figure may stand beside part-year
ones; it is what the year is judged by.

Shares combine only by their weights: a share given as a bare value must be the only figure of
its year apart from a whole-year one. A qualitative item's status must fall in a year the item is
a target for; `Actuals.status` gives the latest status recorded within the period asked.

Problems: every problem of a file is reported in one run, with the file, physical line, column
and column name, capped at 100 per file and then counted. The whole file is unusable, and reading
it stops where it is seen, when it is empty, UTF-16, not UTF-8 (the message names the byte as
Windows-1252 would read it), holds NUL bytes, has a line over 1 MiB or a quoted field that is
never closed, uses bare CR line ends, or its header is unusable (no header, one column, an
unknown or missing column).

Reading streams: lines are decoded and split in blocks, the common row (no quotes, a known id, a
cached day period, a plain number) takes a short path, days fold into their month's accumulator,
and a repeated day is detected with a bit per day; only when a day repeats are the files read a
second time to find the first row and compare the figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import operator
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from tulosmittari.periods import Granularity, Period, evaluation_period
from tulosmittari.problems import InputError, Location, Problem, Severity
from tulosmittari.results import ItemStatus
from tulosmittari.schema import Aggregation, Agreement, Metric

MAX_LINE = 1 << 20  # bytes; longer lines mean the file is not a CSV of actuals
MAX_PROBLEMS = 100  # per file; the rest are counted
MAX_TEXTS = 5  # distinct notes or sources kept per observation
MAX_SUGGESTIONS = 20  # distinct unknown ids given a did-you-mean
MAX_NUMBER = 64  # characters in one number
MAX_REPEATS = 100_000  # repeated days held for the second pass
SHARE_AGREEMENT = Decimal("0.05")  # how far a share's value may be from 100 × n / d

REQUIRED = ("metric", "period")
FIGURES = ("value", "status", "numerator", "denominator")
OPTIONAL = ("note", "source")
IGNORED = ("name", "unit")
COLUMNS = REQUIRED + FIGURES + OPTIONAL + IGNORED

STATUS_WORDS: dict[str, ItemStatus] = {
    "met": ItemStatus.MET,
    "partly met": ItemStatus.PARTLY_MET,
    "not met": ItemStatus.NOT_MET,
    "toteutunut": ItemStatus.MET,
    "osittain toteutunut": ItemStatus.PARTLY_MET,
    "ei toteutunut": ItemStatus.NOT_MET,
}
STATUS_FORMS = "met, partly met or not met (toteutunut, osittain toteutunut, ei toteutunut)"
NUMBER_FORMS = "write e.g. 12, -3.5, 3,5, 465 668 or 97,5 %"
SAVE_AS_UTF8 = "save it as UTF-8 (in Excel: CSV UTF-8)"

_CHUNK = 64 << 10  # small blocks keep the lines of a block in the CPU cache
_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_GROUP_SPACES = re.compile("[ \u00a0\u202f]")
_SIGNS = {"-": "-", "−": "-", "+": ""}
_NOT_NUMBERS = {"nan", "snan", "inf", "infinity"}
_EXACT = Context(prec=1000)  # sums of numbers of at most MAX_NUMBER characters stay exact
_QUOTIENT = Context()  # the default context: means and shares to 28 digits
_HUNDRED = Decimal(100)

Number = int | Decimal
_ProblemSink = Callable[[str, str], None]  # column name, message
# a day's text on the short path: its month's observations by raw id text, day bit, day, month key
_Day = tuple[dict[str, "_Obs"], int, int, int]


# --- The result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observed:
    """A metric's figure for one period, with what it was combined from."""

    value: Decimal
    count: int  # observations combined
    months: frozenset[int]  # months of the year covered
    notes: tuple[str, ...]
    sources: tuple[str, ...]
    first_location: Location  # the first row (in reading order) that contributed


@dataclass(frozen=True)
class StatusRecord:
    """A qualitative item's status as one row recorded it."""

    status: ItemStatus
    period: Period
    note: str | None
    source: str | None
    location: Location


class _Obs:
    """One period's figure (a coarse row) or one month's days folded together."""

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
        self, state: _MetricState, period: Period, days: bool, file_index: int, line: int
    ) -> None:
        self.period = period  # for days: their month
        self.days = days
        self.bounds = state.bounds
        self.last = state.aggregation is Aggregation.LAST
        self.total: Number = 0  # sum of the values
        self.mask = 0  # days seen, bit d - 1 for day d
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


class _MetricState:
    __slots__ = ("aggregation", "bounds", "coarse", "days", "id", "metric", "weighted")

    def __init__(self, metric: Metric) -> None:
        self.metric = metric
        self.id = metric.id
        self.aggregation = metric.effective_aggregation
        self.weighted = self.aggregation is Aggregation.WEIGHTED
        self.bounds: tuple[Decimal, Decimal] | None = (
            (metric.scale.min, metric.scale.max) if metric.scale else None
        )
        self.days: dict[int, _Obs] = {}  # by year * 12 + month - 1
        self.coarse: dict[Period, _Obs] = {}  # months, quarters, halves, years


class _ItemState:
    __slots__ = ("id", "records", "years")

    def __init__(self, item_id: str) -> None:
        self.id = item_id
        self.years: set[int] = set()
        self.records: dict[Period, tuple[StatusRecord, tuple[int, int]]] = {}


class Actuals:
    """Everything the actuals files said, folded per metric and period; read-only."""

    def __init__(
        self,
        files: tuple[str, ...],
        metrics: dict[str, _MetricState],
        items: dict[str, _ItemState],
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
        yield from map(_month, months)

    def _observed(self, state: _MetricState, parts: list[_Obs], mixed: bool = True) -> Observed:
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
            value = _share(numerator, _sum(o.denominator for o in parts))
        else:
            total = _sum(o.total for o in parts)
            if aggregation is Aggregation.MEAN or aggregation is Aggregation.WEIGHTED:
                # a share without n and d is only ever alone here (checked when read)
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


def _month_key(period: Period) -> int:
    return period.year * 12 + period.first_month - 1


@functools.lru_cache(maxsize=4096)
def _month(key: int) -> Period:
    return Period.of_month(key // 12, key % 12 + 1)


def _sum(numbers: Iterable[Number]) -> Decimal:
    """Exactly, whatever the caller's decimal context."""
    return functools.reduce(_EXACT.add, numbers, Decimal(0))


_MASK = operator.attrgetter("mask")
_MONTH = operator.attrgetter("period.start.month")
_NOTES = operator.attrgetter("notes")
_SOURCES = operator.attrgetter("sources")
_READING_ORDER = operator.attrgetter("file_index", "line")


def _share(numerator: Decimal, denominator: Decimal) -> Decimal:
    return _QUOTIENT.divide(_QUOTIENT.multiply(_HUNDRED, numerator), denominator)


def _distinct(lists: Iterable[list[str] | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for texts in lists:
        for text in texts or ():
            seen.setdefault(text, None)
    return tuple(seen)[:MAX_TEXTS]


# --- Numbers ---------------------------------------------------------------------------------


def parse_number(text: str) -> Number:
    """A figure as people type it in Finland or elsewhere, exactly; ValueError says what is wrong.

    Returns an int when the text has no decimal separator, else a Decimal.
    """
    body = text.strip()
    if not body:
        raise ValueError("the value is empty")
    if len(body) > MAX_NUMBER:
        raise ValueError(f"{body[:12]!r}… is too long for a number ({len(body)} characters)")
    if body.endswith("%"):
        body = body[:-1].rstrip()
    sign = ""
    if body[:1] in _SIGNS:
        sign = _SIGNS[body[0]]
        body = body[1:]
    if body.lower() in _NOT_NUMBERS:
        raise ValueError(f"{text.strip()!r} is not a number: {NUMBER_FORMS}")
    separators = body.count(".") + body.count(",")
    if separators > 1:
        raise ValueError(
            f"{text.strip()!r} has more than one decimal separator: "
            "write e.g. 1234.5 or 1 234,5 (a comma is always a decimal comma)"
        )
    whole, separator, fraction = body.replace(",", ".").partition(".")
    if _GROUP_SPACES.search(whole):
        groups = _GROUP_SPACES.split(whole)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise ValueError(
                f"{text.strip()!r} has spaces that do not separate thousands: "
                "write e.g. 465 668 or 465668"
            )
        whole = "".join(groups)
    digits = whole + fraction
    if not digits or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{text.strip()!r} is not a number: {NUMBER_FORMS}")
    if not separator:
        return int(sign + whole)
    return Decimal(f"{sign}{whole or 0}.{fraction or 0}")


def _plain_number(text: str) -> Number | None:
    """The forms `123`, `-4`, `12.5`, `-12,5` quickly, each as `parse_number` gives it; None
    sends the text to `parse_number`."""
    body = text[1:] if text[:1] == "-" else text
    whole, separator, fraction = body.replace(",", ".").partition(".")
    if not (whole.isdigit() and text.isascii() and len(text) <= MAX_NUMBER):
        return None
    if not separator:
        return int(text)
    if fraction.isdigit():
        return Decimal(f"{text[: len(text) - len(body)]}{whole}.{fraction}")
    return None


def _fmt(number: Number) -> str:
    return str(number)


# --- Reading ---------------------------------------------------------------------------------


class _UnusableFileError(Exception):
    """A problem with the whole file: reading it stops here (None: already reported)."""

    def __init__(self, problem: Problem | None) -> None:
        super().__init__(problem.message if problem else "stop")
        self.problem = problem


@dataclass(frozen=True)
class _Row:
    """A data row that passed every check, ready to fold."""

    metric: _MetricState | None
    item: _ItemState | None
    period: Period
    value: Number | None
    numerator: Number | None
    denominator: Number | None
    status: ItemStatus | None
    note: str | None
    source: str | None
    shown: str  # the figure as the row gave it, for messages


@dataclass(frozen=True)
class _Header:
    delimiter: str
    columns: dict[str, int]  # name -> 0-based index
    width: int  # number of named columns (trailing unnamed ones are ignored)
    line: int

    @property
    def others(self) -> tuple[int, ...]:
        """Columns that must be empty for a row to take the short path."""
        names = ("status", "numerator", "denominator", *OPTIONAL)
        return tuple(self.columns[n] for n in names if n in self.columns)


class _Problems:
    """One file's problems, capped; whole-file problems are always kept."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.kept: list[Problem] = []
        self.more = 0

    def add(self, problem: Problem, *, always: bool = False) -> None:
        if len(self.kept) < MAX_PROBLEMS or always:
            self.kept.append(problem)
        else:
            self.more += 1

    @property
    def full(self) -> bool:
        """Further row problems are only counted: their messages need not be worded."""
        return len(self.kept) >= MAX_PROBLEMS

    def at(self, line: int | None, column: int | None, field: str | None, message: str) -> None:
        if self.full:
            self.more += 1
        else:
            self.add(Problem(Location(self.file, line, column, field), message, Severity.ERROR))

    def all(self) -> list[Problem]:
        problems = sorted(self.kept, key=_reading_order)
        if self.more:
            problems.append(
                Problem(
                    Location(self.file),
                    f"… and {self.more} more problem{'s' if self.more > 1 else ''}",
                    Severity.ERROR,
                )
            )
        return problems


def _reading_order(problem: Problem) -> tuple[int, int]:
    """By line; within a line, by column, the problems of the whole row last."""
    location = problem.location
    return (location.line or 0, location.column or 1 << 30)


def read_actuals(
    paths: Sequence[Path],
    agreement: Agreement,
    *,
    display_names: Sequence[str] | None = None,
) -> Actuals:
    """Read actuals files against the agreement's ids; all problems of all files, or the data."""
    names = tuple(display_names) if display_names is not None else tuple(str(p) for p in paths)
    if len(names) != len(paths):
        raise ValueError("give one display name per path")
    reader = _Reader(agreement, names)
    with localcontext(_EXACT):
        for index, path in enumerate(paths):
            _FileReader(reader, Path(path), index).read()
        reader.settle_repeats([Path(p) for p in paths])
        reader.check_combinations()
    problems = [p for file in reader.problems for p in file.all()]
    if problems:
        raise InputError(problems)
    return Actuals(names, reader.metrics, reader.items, tuple(reader.unreported))


class _Reader:
    """State shared by the files read together: ids, caches and the folded figures."""

    def __init__(self, agreement: Agreement, names: tuple[str, ...]) -> None:
        self.agreement = agreement
        self.names = names
        self.problems = [_Problems(name) for name in names]
        self.headers: list[dict[str, int]] = [{} for _ in names]  # column indexes by name
        self.metrics = {mid: _MetricState(m) for mid, (_, m) in agreement.metric_index.items()}
        self.items: dict[str, _ItemState] = {}
        for _, _, year, item in agreement.iter_items():
            if item.id not in self.metrics:
                self.items.setdefault(item.id, _ItemState(item.id)).years.add(year)
        self.ids = sorted([*self.metrics, *self.items])
        # the short path: raw text -> state or day, filled as rows pass the long path
        # day text -> the day's month's observations by raw id text, day bit, day
        self.fast_days: dict[str, _Day] = {}
        self.fast_metrics = {k: v for k, v in self.metrics.items() if not v.weighted}
        self.day_maps: dict[int, dict[str, _Obs]] = {}  # month key -> raw id text -> days
        self.periods: dict[str, Period | str] = {}  # text -> period or the error message
        self.unknown: dict[str, str] = {}  # unknown id -> message
        self.suggested = 0
        self.repeats: dict[tuple[str, Period], list[tuple[_Row, int, int, int]]] = {}
        self.repeat_count = 0
        self.unreported: list[Location] = []  # rows with no figure and no status

    # --- ids and periods, cached ---

    def period(self, text: str) -> Period | str:
        found = self.periods.get(text)
        if found is None:
            try:
                found = Period.parse(text)
            except ValueError as error:
                found = str(error)
            if len(self.periods) < 100_000:
                self.periods[text] = found
        return found

    def unknown_id(self, text: str) -> str:
        """The message for an id not in the agreement, with the nearest ids for the first few.

        Suggestions cost milliseconds each against hundreds of ids, so only MAX_SUGGESTIONS
        distinct unknown ids get them; messages are cached by text.
        """
        message = self.unknown.get(text)
        if message is None:
            close = []
            if self.suggested < MAX_SUGGESTIONS:
                self.suggested += 1
                close = difflib.get_close_matches(text, self.ids, n=3, cutoff=0.6)
            hint = f" (did you mean {_either(close)}?)" if close else ""
            message = f"unknown metric or item {text!r}{hint}: use the ids of the agreement"
            if len(self.unknown) < 10_000:
                self.unknown[text] = message
        return message

    def day(self, text: str, period: Period | None = None) -> _Day | None:
        """The short path's entry for a day's text (as written), made on first sight."""
        day = self.fast_days.get(text)
        if day is None and len(self.fast_days) < 100_000:
            if period is None:
                found = self.period(text)
                if not isinstance(found, Period) or found.granularity is not Granularity.DAY:
                    return None
                period = found
            key = _month_key(period)
            observations = self.day_maps.setdefault(key, {})
            day = (observations, 1 << (period.start.day - 1), period.start.day, key)
            self.fast_days[text] = day
        return day

    # --- folding ---

    def fold(self, row: _Row, file_index: int, line: int, value_column: int) -> None:
        """Add a checked row to its metric's or item's figures (or note a repeat)."""
        if row.item is not None:
            self._fold_status(row, file_index, line, value_column)
            return
        state = row.metric
        assert state is not None
        period = row.period
        if period.granularity is Granularity.DAY:
            key = _month_key(period)
            day = period.start.day
            obs = state.days.get(key)
            if obs is None:
                obs = state.days[key] = _Obs(state, _month(key), True, file_index, line)
                obs.first_day = day
            elif obs.mask >> (day - 1) & 1:
                self._repeat(state, row, file_index, line, value_column)
                return
            obs.mask |= 1 << (day - 1)
            if day > obs.last_day:
                obs.last_day = day
                obs.last_value = _effective(row)
        else:
            known = state.coarse.get(period)
            if known is not None:
                if known.key != _key(row):
                    self.problems[file_index].at(
                        line,
                        value_column,
                        "value",
                        _conflict_message(
                            state.id,
                            period,
                            (known.shown, self._where(known.file_index, known.line)),
                            (row.shown, self._where(file_index, line)),
                        ),
                    )
                return
            obs = state.coarse[period] = _Obs(state, period, False, file_index, line)
            obs.key = _key(row)
            obs.shown = row.shown
            obs.last_value = _effective(row)
        if row.numerator is not None and row.denominator is not None:
            obs.numerator += row.numerator
            obs.denominator += row.denominator
            obs.total += _share(Decimal(row.numerator), Decimal(row.denominator))
        else:
            assert row.value is not None
            obs.total += row.value
            if state.weighted and obs.bare is None:
                obs.bare = (file_index, line)
        if row.note:
            obs.notes = _add_text(obs.notes, row.note)
        if row.source:
            obs.sources = _add_text(obs.sources, row.source)

    def _fold_status(self, row: _Row, file_index: int, line: int, column: int) -> None:
        item = row.item
        assert item is not None
        assert row.status is not None
        known = item.records.get(row.period)
        if known is not None:
            record, (known_file, known_line) = known
            if record.status is not row.status:
                self.problems[file_index].at(
                    line,
                    column,
                    "status",
                    _conflict_message(
                        item.id,
                        row.period,
                        (record.status.value, self._where(known_file, known_line)),
                        (row.status.value, self._where(file_index, line)),
                        what="statuses",
                    ),
                )
            return
        location = Location(self.names[file_index], line)
        record = StatusRecord(row.status, row.period, row.note, row.source, location)
        item.records[row.period] = (record, (file_index, line))

    def _repeat(
        self, state: _MetricState, row: _Row, file_index: int, line: int, column: int
    ) -> None:
        """A day seen before: compared with the first row in a second pass, at the end."""
        if self.repeat_count >= MAX_REPEATS:
            if self.repeat_count == MAX_REPEATS:
                self.problems[file_index].at(
                    line,
                    column,
                    "value",
                    f"more than {MAX_REPEATS} rows repeat a metric and day given earlier: "
                    "is the same data in the files twice?",
                )
            self.repeat_count += 1
            return
        self.repeat_count += 1
        self.repeats.setdefault((state.id, row.period), []).append((row, file_index, line, column))

    def _column(self, file_index: int, name: str) -> int | None:
        index = self.headers[file_index].get(name)
        return None if index is None else index + 1

    def _where(self, file_index: int, line: int) -> str:
        return f"{self.names[file_index]}:{line}"

    # --- after all files ---

    def settle_repeats(self, paths: list[Path]) -> None:
        """Find the first row of each repeated day and compare: equal is fine, different is not."""
        if not self.repeats:
            return
        wanted_ids = {k[0] for k in self.repeats}
        wanted_periods = {str(k[1]) for k in self.repeats}
        last_file = max(f for rows in self.repeats.values() for _, f, _, _ in rows)
        first: dict[tuple[str, Period], tuple[_Row, int, int]] = {}
        for index, path in enumerate(paths[: last_file + 1]):
            probe = _FileReader(self, path, index, probe=True)
            for line, row in probe.rows(wanted_ids, wanted_periods):
                assert row.metric is not None
                key = (row.metric.id, row.period)
                if key in self.repeats and key not in first:
                    first[key] = (row, index, line)
        for key, repeated in self.repeats.items():
            if key not in first:  # the first row was there, but a pipe cannot be read twice
                for _, file_index, line, column in repeated:
                    self.problems[file_index].at(
                        line,
                        column,
                        "value",
                        f"{key[0]!r} is given for {key[1]} again here, and its earlier row could"
                        " not be read again to compare the two (a pipe can be read only once):"
                        " give the actuals as a file",
                    )
                continue
            row0, file0, line0 = first[key]
            for row, file_index, line, column in repeated:
                if _key(row) != _key(row0):
                    self.problems[file_index].at(
                        line,
                        column,
                        "value",
                        _conflict_message(
                            key[0],
                            key[1],
                            (row0.shown, self._where(file0, line0)),
                            (row.shown, self._where(file_index, line)),
                        ),
                    )

    def check_combinations(self) -> None:
        """Part-year figures that overlap, and shares without weights that would be averaged."""
        for state in self.metrics.values():
            if not (state.coarse or state.weighted):
                continue  # months of days alone cannot overlap
            by_year: dict[int, list[_Obs]] = {}
            for obs in chain(state.coarse.values(), state.days.values()):
                if obs.period.granularity is not Granularity.YEAR:
                    by_year.setdefault(obs.period.year, []).append(obs)
            for year_obs in by_year.values():
                self._check_overlap(state, year_obs)
                if state.weighted:
                    self._check_weights(state, year_obs)

    def _check_overlap(self, state: _MetricState, year_obs: list[_Obs]) -> None:
        if len({Granularity.DAY if o.days else o.period.granularity for o in year_obs}) < 2:
            return  # months of days, or periods of one length: none can overlap another
        year_obs.sort(key=lambda o: (o.period.start, o.order))
        for i, a in enumerate(year_obs):
            for b in year_obs[i + 1 :]:
                if a.period.overlaps(b.period):
                    early, late = sorted((a, b), key=lambda o: o.order)
                    self.problems[late.file_index].at(
                        late.line,
                        self._column(late.file_index, "period"),
                        "period",
                        f"{state.id!r} has figures for {early.label} "
                        f"({self._where(early.file_index, early.line)}) and {late.label} "
                        f"({self._where(late.file_index, late.line)}), which overlap: give a "
                        "metric's part-year figures at one granularity (a whole-year figure may "
                        "stand beside them)",
                    )
                    return

    def _check_weights(self, state: _MetricState, year_obs: list[_Obs]) -> None:
        bare = [o for o in year_obs if o.bare is not None]
        if bare and sum(o.count for o in year_obs) > 1:
            obs = min(bare, key=lambda o: o.bare or (0, 0))
            assert obs.bare is not None
            file_index, line = obs.bare
            self.problems[file_index].at(
                line,
                self._column(file_index, "value"),
                "value",
                f"{state.id!r} is a share combined from {sum(o.count for o in year_obs)} figures "
                f"in {obs.period.year}: give numerator and denominator on every row "
                "(a mean of percentages is not the share)",
            )


def _key(row: _Row) -> tuple[Number | None, Number | None, Number | None]:
    """What must be equal for a repeated row to be the same figure."""
    if row.status is not None:
        return (None, None, None)
    return (_effective(row), row.numerator, row.denominator)


def _effective(row: _Row) -> Number:
    if row.numerator is not None and row.denominator is not None:
        return _share(Decimal(row.numerator), Decimal(row.denominator))
    assert row.value is not None
    return row.value


def _add_text(texts: list[str] | None, text: str) -> list[str]:
    if texts is None:
        return [text]
    if len(texts) < MAX_TEXTS and text not in texts:
        texts.append(text)
    return texts


def _conflict_message(
    ident: str,
    period: Period,
    first: tuple[str, str],
    second: tuple[str, str],
    what: str = "values",
) -> str:
    return (
        f"{ident!r} has two different {what} for {period}: "
        f"{first[0]} ({first[1]}) and {second[0]} ({second[1]})"
    )


def _either(names: Sequence[str]) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


class _FileReader:
    """One file: its lines, header and rows, with the problems found in them."""

    def __init__(self, reader: _Reader, path: Path, index: int, *, probe: bool = False) -> None:
        self.reader = reader
        self.path = path
        self.index = index
        self.name = reader.names[index]
        self.problems = _Problems(self.name) if probe else reader.problems[index]
        self.probe = probe
        self.header: _Header | None = None

    def read(self) -> None:
        """Fold every row of the file; whole-file problems stop it where they are seen."""
        try:
            with _open(self.path) as handle:
                lines = enumerate(chain.from_iterable(self._blocks(handle)), 1)
                self.header = self._find_header(lines)
                if self.header is not None:
                    self.reader.headers[self.index] = self.header.columns
                else:
                    piped = stat.S_ISFIFO(os.fstat(handle.fileno()).st_mode)
                    what = "nothing came through the pipe" if piped else "the file is empty"
                    raise self._stop(
                        None, None, f"{what}: it needs a header row such as metric,period,value"
                    )
                self._fold_lines(lines, self.header)
        except _UnusableFileError as stop:
            if stop.problem is not None:
                self.problems.add(stop.problem, always=True)
        except IsADirectoryError:  # worded as an agreement's, which is checked before opening
            self.problems.add(
                Problem(Location(self.name), "this is a directory, not a file"), always=True
            )
        except OSError as error:
            self.problems.add(
                Problem(Location(self.name), f"cannot read the file: {error.strerror or error}"),
                always=True,
            )

    def rows(self, ids: set[str], periods: set[str]) -> Iterator[tuple[int, _Row]]:
        """Checked rows whose id and period text are wanted, for the second pass."""
        try:
            with _open(self.path) as handle:
                lines = enumerate(chain.from_iterable(self._blocks(handle)), 1)
                header = self._find_header(lines)
                if header is None:
                    return
                im, ip = header.columns["metric"], header.columns["period"]
                for line, text in lines:
                    fields = self._split(line, text, lines, header)
                    if fields is None or len(fields) <= max(im, ip):
                        continue
                    if fields[im].strip() not in ids or fields[ip].strip() not in periods:
                        continue
                    row = self._check(line, fields, header)
                    if row is not None:
                        yield line, row
        except (_UnusableFileError, OSError):
            return

    # --- lines ---

    def _blocks(self, handle: BinaryIO) -> Iterator[list[str]]:
        """Complete lines, decoded a block at a time; stops after the last usable line."""
        rest = b""
        start = True
        line = 1
        while True:
            data = handle.read(_CHUNK)
            if start:
                start = False
                if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise self._stop(1, 1, f"the file is UTF-16: {SAVE_AS_UTF8}")
                if data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
            if not data:
                if rest:
                    lines, problem = self._decode(rest, line)
                    yield lines
                    if problem:
                        raise problem
                return
            buffer = rest + data if rest else data
            cut = buffer.rfind(b"\n")
            if cut < 0:
                if len(buffer) > MAX_LINE:
                    raise self._too_long(line)
                rest = buffer
                continue
            body, rest = buffer[:cut], buffer[cut + 1 :]
            lines, problem = self._decode(body, line)
            if len(body) > MAX_LINE and max(map(len, lines)) > MAX_LINE:
                long = next(i for i, text in enumerate(lines) if len(text) > MAX_LINE)
                yield lines[:long]
                raise self._too_long(line + long)
            yield lines
            if problem:
                raise problem
            line += len(lines)
            if len(rest) > MAX_LINE:
                raise self._too_long(line)

    def _decode(self, body: bytes, line: int) -> tuple[list[str], _UnusableFileError | None]:
        """The lines of a block up to the first NUL or undecodable byte, and that problem."""
        stop = None
        bad = body.find(b"\0")
        if bad >= 0:
            stop = self._stop(
                *self._position(body, bad, line),
                "the file contains NUL bytes: it is not a text CSV file "
                "(a spreadsheet or UTF-16 file?); save it as CSV UTF-8",
            )
        else:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as error:
                bad = error.start
                byte = body[bad]
                hint = ""
                as_ansi = bytes([byte]).decode("cp1252", errors="replace")
                if byte >= 0xA0 and as_ansi.isprintable():
                    hint = f" (in Windows-1252 or Latin-1 it is {as_ansi!r})"
                stop = self._stop(
                    *self._position(body, bad, line),
                    f"the file is not UTF-8: byte 0x{byte:02X}{hint}; {SAVE_AS_UTF8}",
                )
        if stop is not None:
            good = body.rfind(b"\n", 0, bad)
            if good < 0:
                return [], stop
            text = body[:good].decode("utf-8", errors="replace")
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        return text.split("\n"), stop

    @staticmethod
    def _position(body: bytes, offset: int, line: int) -> tuple[int, int]:
        line_start = body.rfind(b"\n", 0, offset) + 1
        prefix = body[line_start:offset].decode("utf-8", errors="replace")
        return line + body.count(b"\n", 0, offset), len(prefix) + 1

    def _stop(self, line: int | None, column: int | None, message: str) -> _UnusableFileError:
        return _UnusableFileError(
            Problem(Location(self.name, line, column), message, Severity.ERROR)
        )

    def _too_long(self, line: int) -> _UnusableFileError:
        return self._stop(
            line, None, f"line {line} is longer than 1 MiB: this is not a CSV file of actuals"
        )

    # --- header ---

    def _find_header(self, lines: Iterator[tuple[int, str]]) -> _Header | None:
        for line, text in lines:
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            return self._header(line, text)
        return None

    def _header(self, line: int, text: str) -> _Header:
        if "\r" in text:
            raise self._stop(
                line,
                None,
                f"the lines end in a bare carriage return (old Mac format): {SAVE_AS_UTF8}",
            )
        candidates = [(d, n) for d in _DELIMITERS if (n := _split_header(text, d)) is not None]
        if not candidates:
            raise self._stop(
                line, None, 'the header\'s quotes are wrong: quote whole names, "" inside'
            )
        known = [c for c in candidates if {"metric", "period"} <= set(c[1])]
        if known:
            delimiter, names = max(known, key=lambda c: len(c[1]))
        else:
            delimiter, names = max(candidates, key=lambda c: (len(c[1]), -_DELIMITERS.index(c[0])))
            if len(names) == 1:
                raise self._stop(
                    line,
                    None,
                    f"the header {text.strip()[:60]!r} has a single column: separate the columns "
                    "with a comma, semicolon or tab (metric,period,value)",
                )
        while names and not names[-1]:
            names.pop()
        if not set(names) & set(COLUMNS):
            raise self._stop(
                line,
                None,
                f"the first line {text.strip()[:60]!r} is not a header: name the columns first, "
                "e.g. metric,period,value",
            )
        columns: dict[str, int] = {}
        for index, name in enumerate(names):
            column = index + 1
            if not name:
                self.problems.at(line, column, None, f"column {column} of the header has no name")
            elif name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problems.at(
                    line,
                    column,
                    name,
                    f"unknown column {name!r}{hint}: the columns are {', '.join(COLUMNS)}",
                )
            elif name in columns:
                self.problems.at(line, column, name, f"column {name!r} is given twice")
            else:
                columns[name] = index
        missing = [n for n in REQUIRED if n not in columns]
        if missing:
            self.problems.at(
                line,
                None,
                None,
                f"missing column {_either(missing)}: the header needs metric, period and value "
                f"(or status), separated by a {_DELIMITER_NAMES[delimiter]}",
            )
        if ("numerator" in columns) != ("denominator" in columns):
            have, lack = (
                ("numerator", "denominator")
                if "numerator" in columns
                else ("denominator", "numerator")
            )
            self.problems.at(line, None, None, f"column {have!r} needs a {lack!r} column")
        if not missing and not any(n in columns for n in FIGURES):
            self.problems.at(
                line,
                None,
                None,
                "missing column 'value': the header needs value, status or numerator and "
                "denominator",
            )
        if any(p.location.line == line for p in self.problems.kept):
            raise _UnusableFileError(None)  # the header is unusable: its rows cannot be read
        return _Header(delimiter, columns, len(names), line)

    # --- rows ---

    def _fold_lines(self, lines: Iterator[tuple[int, str]], header: _Header) -> None:
        """The hot loop: plain day rows fold here, everything else goes through `_row`.

        A plain row has no quotes, the header's number of fields, empty optional columns, a day
        whose text was seen before, an id known by that spelling, a number in plain form and no
        repeat of its day. Anything else (comments, coarse periods, errors, repeats, the first
        row of a day) takes the full checks, which then let later rows like it take this path.
        """
        days = self.reader.fast_days
        delimiter = header.delimiter
        columns = header.columns
        width = header.width
        im, ip = columns["metric"], columns["period"]
        iv = columns.get("value", -1)
        others = header.others
        file_index = self.index
        slow = self._row
        first = self._first_of_month
        if iv < 0:
            for line, text in lines:
                slow(line, text, lines, header, file_index)
            return
        # a quote can only hide in a column the short path does not look at
        quotes_matter = any(name in columns for name in IGNORED)
        limit = MAX_NUMBER
        plain = _plain_number
        decimal = Decimal
        for line, text in lines:
            parts = text.split(delimiter)
            if len(parts) == width and not (quotes_matter and '"' in text):
                day = days.get(parts[ip])
                if day is not None:
                    raw = parts[iv]
                    whole, dot, fraction = raw.partition(".")
                    if (
                        whole.isdigit()
                        and (fraction.isdigit() or not dot)
                        and raw.isascii()
                        and len(raw) <= limit
                    ):
                        value: Number | None = decimal(raw) if dot else int(raw)
                    else:
                        value = plain(raw)
                    if value is not None and not (others and any(map(parts.__getitem__, others))):
                        obs = day[0].get(parts[im])
                        if obs is None:
                            if first(parts[im], day, value, line):
                                continue
                        elif (bounds := obs.bounds) is None or bounds[0] <= value <= bounds[1]:
                            mask = obs.mask
                            bit = day[1]
                            if not mask & bit:
                                obs.mask = mask | bit
                                obs.total += value
                                if obs.last and day[2] > obs.last_day:
                                    obs.last_day = day[2]
                                    obs.last_value = value
                                continue
            slow(line, text, lines, header, file_index)

    def _first_of_month(self, metric_text: str, day: _Day, value: Number, line: int) -> bool:
        """The short path's first row of a metric in a month: start the month's days."""
        state = self.reader.fast_metrics.get(metric_text)
        if state is None:
            return False
        bounds = state.bounds
        if bounds is not None and not bounds[0] <= value <= bounds[1]:
            return False
        obs = state.days.get(day[3])
        if obs is None:
            obs = state.days[day[3]] = _Obs(state, _month(day[3]), True, self.index, line)
            obs.first_day = obs.last_day = day[2]
            obs.mask = day[1]
            obs.total = value
            if obs.last:  # only `last` reads it: others keep no second figure per month
                obs.last_value = value
            day[0][metric_text] = obs
            return True
        day[0][metric_text] = obs  # an earlier spelling of the id started the month
        return False

    def _row(
        self,
        line: int,
        text: str,
        lines: Iterator[tuple[int, str]],
        header: _Header,
        file_index: int,
    ) -> None:
        fields = self._split(line, text, lines, header)
        if fields is None:
            return
        row = self._check(line, fields, header)
        if row is None:
            return
        column = header.columns.get("status" if row.item else "value")
        if column is None:
            column = header.columns.get("numerator", header.columns["metric"])
        self.reader.fold(row, file_index, line, column + 1)
        if row.metric is not None and row.period.granularity is Granularity.DAY:
            self._learn(fields, header, row.metric, row.period)

    def _learn(
        self, fields: list[str], header: _Header, state: _MetricState, period: Period
    ) -> None:
        """Let later rows with the same raw id and period text take the short path."""
        if state.weighted:
            return
        day = self.reader.day(fields[header.columns["period"]], period)
        obs = state.days.get(_month_key(period))
        if day is not None and obs is not None:
            day[0][fields[header.columns["metric"]]] = obs

    def _split(
        self,
        line: int,
        text: str,
        lines: Iterator[tuple[int, str]],
        header: _Header,
    ) -> list[str] | None:
        """The row's fields, or None for a comment, a blank row or a row in error."""
        if not text or text.lstrip().startswith("#"):
            return None
        delimiter = header.delimiter
        if '"' in text:
            fields = self._split_quoted(line, text, lines, delimiter)
            if fields is None:
                return None
        else:
            fields = text.split(delimiter)
        if not any(f.strip() for f in fields):
            return None
        width = header.width
        if len(fields) != width:
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                return fields[:width]
            if 1 < len(fields) < width:
                return fields + [""] * (width - len(fields))  # empty cells left out at the end
            hint = ""
            if len(fields) == 1:
                hint = f" (is it separated by a {_DELIMITER_NAMES[delimiter]} like the header?)"
            elif delimiter == ",":
                hint = " (a decimal comma needs quotes, or use ; as the separator)"
            self.problems.at(
                line,
                None,
                None,
                f"the row has {len(fields)} field{'s' if len(fields) != 1 else ''} "
                f"but the header has {width}{hint}",
            )
            return None
        return fields

    def _split_quoted(
        self,
        line: int,
        text: str,
        lines: Iterator[tuple[int, str]],
        delimiter: str,
    ) -> list[str] | None:
        """A row with quotes, which may go on over the following lines."""

        def physical() -> Iterator[str]:
            yield text + "\n"
            size = len(text)
            for _, more in lines:
                size += len(more) + 1
                if size > MAX_LINE:
                    raise self._stop(
                        line,
                        None,
                        f"the quoted field that starts on line {line} runs over 1 MiB: "
                        "is a closing quote missing?",
                    )
                yield more + "\n"

        limit = csv.field_size_limit(MAX_LINE + 1)  # our own limit is the one that applies
        try:
            return next(
                csv.reader(physical(), delimiter=delimiter, skipinitialspace=True, strict=True)
            )
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise self._stop(
                    line, None, f"the quoted field that starts on line {line} is never closed"
                ) from None
            self.problems.at(
                line,
                None,
                None,
                f'the row\'s quotes are wrong ({error}): quote whole fields, "" inside',
            )
            return None
        except StopIteration:
            return None
        finally:
            csv.field_size_limit(limit)

    def _check(self, line: int, fields: list[str], header: _Header) -> _Row | None:
        """Every check of one row; its problems are all reported, and then it is not folded."""
        reader = self.reader
        columns = header.columns
        errors_before = len(self.problems.kept) + self.problems.more

        def cell(name: str) -> str:
            index = columns.get(name)
            return fields[index].strip() if index is not None else ""

        def problem(name: str, message: str) -> None:
            index = columns.get(name)
            self.problems.at(line, None if index is None else index + 1, name, message)

        ident = cell("metric")
        metric = reader.metrics.get(ident)
        item = reader.items.get(ident) if metric is None else None
        if not ident:
            problem("metric", "the metric id is empty")
        elif metric is None and item is None:
            problem("metric", "" if self.problems.full else reader.unknown_id(ident))

        period_text = cell("period")
        found = reader.period(period_text) if period_text else "the period is empty"
        period = found if isinstance(found, Period) else None
        if isinstance(found, str):
            problem("period", found)

        note = cell("note") or None
        source = cell("source") or None
        value_text, status_text = cell("value"), cell("status")
        numerator_text, denominator_text = cell("numerator"), cell("denominator")
        value = numerator = denominator = None
        status = None
        shown = value_text

        if (
            (metric is not None or item is not None)
            and period is not None
            and not (value_text or status_text or numerator_text or denominator_text)
        ):
            # a row of a form left unfilled: the target has no data yet, which is no error
            reader.unreported.append(Location(self.name, line))
            return None
        if metric is None and item is None:
            if value_text:  # still worth saying, whatever the id was meant to be
                self._number(value_text, "value", problem)
        elif item is not None:
            for name, given in (
                ("value", value_text),
                ("numerator", numerator_text),
                ("denominator", denominator_text),
            ):
                if given:
                    problem(name, f"{ident!r} is a qualitative item: give a status, not a {name}")
            if not status_text:
                problem("status" if "status" in columns else "metric", f"no status for {ident!r}")
            else:
                status = STATUS_WORDS.get(" ".join(status_text.lower().replace("_", " ").split()))
                if status is None:
                    problem("status", f"{status_text!r} is not a status: write {STATUS_FORMS}")
            if period is not None and period.year not in item.years:
                years = ", ".join(str(y) for y in sorted(item.years))
                problem("period", f"{ident!r} is a target for {years}, not {period.year}")
            shown = status_text
        elif metric is not None:
            if status_text:
                problem("status", f"{ident!r} is a metric: give a value, not a status")
            if numerator_text or denominator_text:
                if not metric.weighted:
                    problem(
                        "numerator" if numerator_text else "denominator",
                        f"{ident!r} is not a share (it aggregates by "
                        f"{metric.aggregation.value}): leave numerator and denominator empty",
                    )
                elif not (numerator_text and denominator_text):
                    problem(
                        "denominator" if numerator_text else "numerator",
                        f"{ident!r} needs both numerator and denominator",
                    )
                else:
                    numerator = self._number(numerator_text, "numerator", problem)
                    denominator = self._number(denominator_text, "denominator", problem)
                    if denominator is not None and denominator <= 0:
                        problem(
                            "denominator", f"the denominator must be above zero, not {denominator}"
                        )
                        denominator = None
            if value_text:
                value = self._number(value_text, "value", problem)
            elif not (numerator_text or denominator_text or status_text):
                problem(
                    "value" if "value" in columns else "metric",
                    f"no value for {ident!r}"
                    + ("" if "value" in columns else ": the file has no value column"),
                )
            if numerator is not None and denominator is not None:
                share = _share(Decimal(numerator), Decimal(denominator))
                if value is not None and abs(value - share) > SHARE_AGREEMENT:
                    problem(
                        "value",
                        f"the value {value_text} does not agree with 100 × {numerator_text} / "
                        f"{denominator_text} = {share.quantize(Decimal('0.01'))}",
                    )
                shown = value_text or f"{numerator_text}/{denominator_text}"
                checked: Number | None = share
            else:
                checked = value
            bounds = metric.bounds
            if checked is not None and bounds is not None and not bounds[0] <= checked <= bounds[1]:
                problem(
                    "value",
                    f"{_fmt(checked)} is outside the scale "
                    f"{_fmt(bounds[0])}–{_fmt(bounds[1])} of {ident!r}",
                )
        if len(self.problems.kept) + self.problems.more > errors_before or period is None:
            return None
        if metric is None and item is None:
            return None
        return _Row(
            metric, item, period, value, numerator, denominator, status, note, source, shown
        )

    @staticmethod
    def _number(text: str, name: str, problem: _ProblemSink) -> Number | None:
        try:
            return parse_number(text)
        except ValueError as error:
            problem(name, str(error))
            return None


def _open(path: Path) -> BinaryIO:
    """The file opened for reading without waiting for a writer: a named pipe that nothing
    writes to reads as empty instead of blocking for ever; one being written (`<(...)`) reads
    as usual."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX only: elsewhere an open never waits
    descriptor = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        if nonblocking:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _split_header(text: str, delimiter: str) -> list[str] | None:
    """Header names in lower case, or None when the quotes do not fit this delimiter."""
    try:
        names = next(csv.reader([text], delimiter=delimiter, skipinitialspace=True, strict=True))
    except (csv.Error, StopIteration):
        return None
    return [n.strip().lower() for n in names]
