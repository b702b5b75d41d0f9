"""Actuals files read against an agreement: each row checked, and folded as it streams past.

Every problem of every file is reported in one run, or the files' figures are given as
`Actuals`. Plain day rows take a short path that folds them into their month's observation,
keeping a bit per day to see a repeat (actuals_rows.py); the rest take the full checks, and a
repeated day is compared with its first row in a second reading at the end. Memory holds months,
not rows; a file or pipe is read up to `ReadLimits`, and no further once it is known to be
unusable.

The format, its limits and its errors, for users: docs/actuals-format.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import localcontext
from itertools import chain
from pathlib import Path

from tulosmittari.actuals_csv import Problems, UnusableFileError
from tulosmittari.actuals_rows import Day, Figure, FileReader, Row
from tulosmittari.observations import (
    EXACT,
    Actuals,
    ItemState,
    MetricState,
    Observation,
    StatusRecord,
    month_key,
    month_of_key,
)
from tulosmittari.periods import Granularity, Period, PeriodError
from tulosmittari.problems import InputError, Location, Message, Problem
from tulosmittari.schema import Agreement

MAX_SUGGESTIONS = 20  # distinct unknown ids given a did-you-mean
MAX_REPEATS = 100_000  # repeated days held for the second pass
MAX_SAME_ROW = 1_000  # repeats of one metric and period: a stream repeating itself

_Repeat = tuple[Figure, str, int, int, int]  # the figure, its text, file, line, column


@dataclass(frozen=True)
class ReadLimits:
    """The most read from one file or pipe; more is an error (the CLI takes them from
    TULOS_MAX_BYTES and TULOS_MAX_ROWS)."""

    max_bytes: int = 2 << 30
    max_rows: int = 10_000_000


def read_actuals(
    paths: Sequence[Path],
    agreement: Agreement,
    *,
    display_names: Sequence[str] | None = None,
    limits: ReadLimits = ReadLimits(),
) -> Actuals:
    """Read actuals files against the agreement's ids; all problems of all files, or the data."""
    names = tuple(display_names) if display_names is not None else tuple(str(p) for p in paths)
    if len(names) != len(paths):
        raise ValueError("give one display name per path")
    reader = Reader(agreement, names, limits)
    with localcontext(EXACT):
        stopped = False
        for index, path in enumerate(paths):
            file = FileReader(reader, Path(path), index)
            file.read()
            stopped = stopped or file.text.stopped
            reader.rereadable[index] = file.text.rereadable
        if not stopped:  # once an input is known to be unusable, nothing reads it again
            reader.settle_repeats([Path(p) for p in paths])
        reader.check_combinations()
    problems = [p for file in reader.problems for p in file.all()]
    if not problems:
        problems = reader.no_figures()
    if problems:
        raise InputError(problems)
    return Actuals(names, reader.metrics, reader.items, tuple(reader.unreported))


class Reader:
    """State shared by the files read together: ids, caches and the folded figures."""

    def __init__(self, agreement: Agreement, names: tuple[str, ...], limits: ReadLimits) -> None:
        self.names = names
        self.limits = limits
        self.problems = [Problems(name) for name in names]
        self.headers: list[dict[str, int] | None] = [None for _ in names]  # column indexes
        self.rereadable = [False for _ in names]
        self.metrics = {mid: MetricState(m) for mid, (_, m) in agreement.metric_index.items()}
        self.items: dict[str, ItemState] = {}
        for _, _, year, item in agreement.iter_items():
            if item.id not in self.metrics:
                self.items.setdefault(item.id, ItemState(item.id)).years.add(year)
        self.ids = sorted([*self.metrics, *self.items])
        # the short path: raw text -> state or day, filled as rows pass the long path
        # day text -> the day's month's observations by raw id text, day bit, day
        self.fast_days: dict[str, Day] = {}
        # metrics whose days fold as plain values: not shares and ratios (their rows may give
        # numerator and denominator), not those measured once a year (a day is an error)
        self.fast_metrics = {
            k: v for k, v in self.metrics.items() if not (v.parts or v.metric.yearly_only)
        }
        self.day_maps: dict[int, dict[str, Observation]] = {}  # month key -> raw id text -> days
        self.periods: dict[str, Period | Message] = {}  # text -> period or the error message
        self.unknown: dict[str, Message] = {}  # unknown id -> message
        self.suggested = 0
        # repeated days by metric and day: each repeat's figure (`Row.key`), its text, file,
        # line and column, to compare with the first row in the second pass
        self.repeats: dict[tuple[str, Period], list[_Repeat]] = {}
        self.repeat_count = 0
        self.unreported: list[Location] = []  # rows with no figure and no status
        self.unfilled_rows = [0 for _ in names]  # of each file
        self.unfilled_kinds: list[set[str]] = [set() for _ in names]  # what they lack

    # --- ids and periods, cached ---

    def period(self, text: str) -> Period | Message:
        found = self.periods.get(text)
        if found is None:
            try:
                found = Period.parse(text)
            except PeriodError as error:
                found = error.message
            if len(self.periods) < 100_000:
                self.periods[text] = found
        return found

    def unknown_id(self, text: str) -> Message:
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
            hint = Message("actuals.id.did_you_mean", ids=close) if close else ""
            message = Message("actuals.id.unknown", id=text, hint=hint)
            if len(self.unknown) < 10_000:
                self.unknown[text] = message
        return message

    def day(self, text: str, period: Period) -> Day | None:
        """The short path's entry for a day's text (as written), made on first sight."""
        day = self.fast_days.get(text)
        if day is None and len(self.fast_days) < 100_000:
            key = month_key(period)
            observations = self.day_maps.setdefault(key, {})
            day = (observations, 1 << (period.start.day - 1), period.start.day, key)
            self.fast_days[text] = day
        return day

    def unfilled(self, file_index: int, location: Location, kind: str) -> None:
        """A row with an id and a period but no figure: `kind` says which column it lacks."""
        self.unreported.append(location)
        self.unfilled_rows[file_index] += 1
        self.unfilled_kinds[file_index].add(kind)

    # --- folding ---

    def fold(self, row: Row, file_index: int, line: int, value_column: int) -> None:
        """Add a checked row to its metric's or item's figures (or note a repeat)."""
        if row.item is not None:
            self._fold_status(row, file_index, line, value_column)
            return
        state = row.metric
        figure = row.figure
        assert state is not None
        assert figure is not None
        period = row.period
        if period.granularity is Granularity.DAY:
            key = month_key(period)
            day = period.start.day
            bit = 1 << (day - 1)
            obs = state.days.get(key)
            if obs is None:
                obs = state.days[key] = Observation(
                    state, month_of_key(key), True, file_index, line
                )
                obs.first_day = day
            elif obs.mask & bit:
                self._repeat(state, row, file_index, line, value_column)
                return
            if bit > obs.mask:  # the month's latest day yet
                obs.last_value = figure
            obs.mask |= bit
        else:
            known = state.coarse.get(period)
            if known is not None:
                if known.key != row.key:
                    self.problems[file_index].at(
                        line,
                        value_column,
                        "value",
                        self._conflict(
                            "actuals.conflict.values",
                            state.id,
                            period,
                            (known.shown, known.file_index, known.line),
                            (row.shown, file_index, line),
                        ),
                    )
                    return
                known.repeats += 1
                if known.repeats >= MAX_SAME_ROW:
                    first = self._where(known.file_index, known.line)
                    raise self._same_row(state.id, period, first, file_index, line, value_column)
                return
            obs = state.coarse[period] = Observation(state, period, False, file_index, line)
            obs.key = row.key
            obs.shown = row.shown
            obs.last_value = figure
        if row.numerator is not None and row.denominator is not None:
            obs.numerator += row.numerator
            obs.denominator += row.denominator
            obs.total += figure
            if obs.weights is None:
                obs.weights = (file_index, line)
        else:
            assert row.value is not None
            obs.total += row.value
            if state.parts and obs.bare is None:
                obs.bare = (file_index, line)
        if row.note:
            obs.add_note(row.note)
        if row.source:
            obs.add_source(row.source)

    def _fold_status(self, row: Row, file_index: int, line: int, column: int) -> None:
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
                    self._conflict(
                        "actuals.conflict.statuses",
                        item.id,
                        row.period,
                        (record.status.value, known_file, known_line),
                        (row.status.value, file_index, line),
                    ),
                )
            return
        location = Location(self.names[file_index], line)
        record = StatusRecord(row.status, row.period, row.note, row.source, location)
        item.records[row.period] = (record, (file_index, line))

    def _repeat(
        self, state: MetricState, row: Row, file_index: int, line: int, column: int
    ) -> None:
        """A day seen before: compared with the first row in a second pass, at the end; too
        many repeats, in all or of one day, make the input unusable."""
        if self.repeat_count >= MAX_REPEATS:
            too_many = Message("actuals.repeat.too_many", limit=MAX_REPEATS)
            raise self._stop(file_index, line, column, too_many)
        self.repeat_count += 1
        key = (state.id, row.period)
        repeated = self.repeats.setdefault(key, [])
        repeated.append((row.key, row.shown, file_index, line, column))
        if len(repeated) >= MAX_SAME_ROW:
            first = self._where(repeated[0][2], repeated[0][3])
            del self.repeats[key]  # reported once, here
            raise self._same_row(state.id, row.period, first, file_index, line, column)

    def _same_row(
        self, ident: str, period: Period, first: str, file_index: int, line: int, column: int
    ) -> UnusableFileError:
        repeated = Message(
            "actuals.repeat.same_row", id=ident, period=str(period), count=MAX_SAME_ROW, first=first
        )
        return self._stop(file_index, line, column, repeated)

    def _stop(self, file_index: int, line: int, column: int, message: Message) -> UnusableFileError:
        location = Location(self.names[file_index], line, column, "value")
        return UnusableFileError(Problem(location, message))

    def _conflict(
        self,
        key: str,
        ident: str,
        period: Period,
        first: tuple[str, int, int],
        second: tuple[str, int, int],
    ) -> Message:
        """Two different figures (or statuses) for one period, each with where it was read."""
        return Message(
            key,
            id=ident,
            period=str(period),
            first=first[0],
            first_at=self._where(first[1], first[2]),
            second=second[0],
            second_at=self._where(second[1], second[2]),
        )

    def _column(self, file_index: int, name: str) -> int | None:
        index = (self.headers[file_index] or {}).get(name)
        return None if index is None else index + 1

    def _where(self, file_index: int, line: int) -> str:
        return f"{self.names[file_index]}:{line}"

    # --- after all files ---

    def settle_repeats(self, paths: list[Path]) -> None:
        """Find the first row of each repeated day and compare: equal is fine, different is not.

        Only regular files are read again: a pipe cannot be, and one still being written
        would be read for ever."""
        if not self.repeats:
            return
        wanted_ids = {k[0] for k in self.repeats}
        wanted_periods = {str(k[1]) for k in self.repeats}
        last_file = max(f for rows in self.repeats.values() for _, _, f, _, _ in rows)
        first: dict[tuple[str, Period], tuple[Row, int, int]] = {}

        def found(row: Row, file_index: int, line: int) -> None:
            assert row.metric is not None
            key = (row.metric.id, row.period)
            if key in self.repeats and key not in first:
                first[key] = (row, file_index, line)

        for index, path in enumerate(paths[: last_file + 1]):
            if self.rereadable[index]:
                FileReader(self, path, index, probe=True).rows(wanted_ids, wanted_periods, found)
        for key, repeated in self.repeats.items():
            if key not in first:  # the first row was there, but a pipe cannot be read twice
                for _, _, file_index, line, column in repeated:
                    again = Message("actuals.repeat.pipe", id=key[0], period=str(key[1]))
                    self.problems[file_index].at(line, column, "value", again)
                continue
            row0, file0, line0 = first[key]
            first_figure = row0.key
            for figure, shown, file_index, line, column in repeated:
                if figure != first_figure:
                    self.problems[file_index].at(
                        line,
                        column,
                        "value",
                        self._conflict(
                            "actuals.conflict.values",
                            key[0],
                            key[1],
                            (row0.shown, file0, line0),
                            (shown, file_index, line),
                        ),
                    )

    def check_combinations(self) -> None:
        """Part-year figures that overlap, and shares or ratios given both ways in a year."""
        for state in self.metrics.values():
            if not (state.coarse or state.parts):
                continue  # months of days alone cannot overlap
            by_year: dict[int, list[Observation]] = {}
            for obs in chain(state.coarse.values(), state.days.values()):
                if obs.period.granularity is not Granularity.YEAR:
                    by_year.setdefault(obs.period.year, []).append(obs)
            for year, year_obs in by_year.items():
                self._check_overlap(state, year_obs)
                if state.parts:
                    self._check_parts(state, year, year_obs)

    def _check_overlap(self, state: MetricState, year_obs: list[Observation]) -> None:
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
                        Message(
                            "actuals.overlap",
                            id=state.id,
                            early=early.label,
                            early_at=self._where(early.file_index, early.line),
                            late=late.label,
                            late_at=self._where(late.file_index, late.line),
                        ),
                    )
                    return

    def _check_parts(self, state: MetricState, year: int, year_obs: list[Observation]) -> None:
        """Bare values combine as their plain mean, numerators and denominators as the share
        of their sums; a year given both ways has no one right figure."""
        bare = [o.bare for o in year_obs if o.bare is not None]
        weights = [o.weights for o in year_obs if o.weights is not None]
        if not (bare and weights):
            return
        file_index, line = min(bare)
        self.problems[file_index].at(
            line,
            self._column(file_index, "value"),
            "value",
            Message(
                "actuals.parts.mixed",
                id=state.id,
                year=year,
                parts_at=self._where(*min(weights)),
                bare_at=self._where(file_index, line),
            ),
        )

    def no_figures(self) -> list[Problem]:
        """When no file gave a single figure or status: for each, what to fill in."""
        if any(s.days or s.coarse for s in self.metrics.values()):
            return []
        if any(i.records for i in self.items.values()):
            return []
        problems = []
        for index, name in enumerate(self.names):
            rows = self.unfilled_rows[index]
            kinds = self.unfilled_kinds[index]
            if not kinds:  # nothing but the header: what its columns take
                columns = self.headers[index] or {}
                kinds = {k for k, c in _FILLED_BY.items() if c in columns}
            fill = [message for kind, message in _FILL if kind in kinds]
            message = (
                Message("actuals.empty.unfilled", rows=rows, fill=fill)
                if rows
                else Message("actuals.empty.header_only", fill=fill)
            )
            problems.append(Problem(Location(name), message))
        return problems


_FILLED_BY = {"value": "value", "status": "status", "parts": "numerator"}
_FILL = (
    ("value", Message("actuals.fill.value")),
    ("status", Message("actuals.fill.status")),
    ("parts", Message("actuals.fill.parts")),
)
