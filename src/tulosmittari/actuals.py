"""Actuals files read against an agreement: each row checked, and folded as it streams past.

Every problem of every file is reported in one run, or the files' figures are given as
`Actuals`. Plain day rows take a short path that folds them into their month's observation,
keeping a bit per day to see a repeat; the rest take the full checks, and a repeated day is
compared with its first row in a second reading at the end. Memory holds months, not rows.

The format, its limits and its errors, for users: docs/actuals-format.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from itertools import chain
from pathlib import Path

from tulosmittari.actuals_csv import IGNORED, CsvFile, Header, Lines, Problems, either
from tulosmittari.figures import MAX_NUMBER, Number, parse_number, plain_number
from tulosmittari.observations import (
    EXACT,
    Actuals,
    ItemState,
    MetricState,
    Observation,
    StatusRecord,
    month_key,
    month_of_key,
    share,
)
from tulosmittari.periods import Granularity, Period
from tulosmittari.problems import InputError, Location
from tulosmittari.results import ItemStatus
from tulosmittari.schema import Agreement

MAX_SUGGESTIONS = 20  # distinct unknown ids given a did-you-mean
MAX_REPEATS = 100_000  # repeated days held for the second pass
SHARE_AGREEMENT = Decimal("0.05")  # how far a share's value may be from 100 × n / d

STATUS_WORDS: dict[str, ItemStatus] = {
    "met": ItemStatus.MET,
    "partly met": ItemStatus.PARTLY_MET,
    "not met": ItemStatus.NOT_MET,
    "toteutunut": ItemStatus.MET,
    "osittain toteutunut": ItemStatus.PARTLY_MET,
    "ei toteutunut": ItemStatus.NOT_MET,
}
STATUS_FORMS = "met, partly met or not met (toteutunut, osittain toteutunut, ei toteutunut)"

_ProblemSink = Callable[[str, str], None]  # column name, message
# a day's text on the short path: its month's observations by raw id text, day bit, day, month key
_Day = tuple[dict[str, Observation], int, int, int]


@dataclass(frozen=True)
class _Row:
    """A data row that passed every check, ready to fold."""

    metric: MetricState | None
    item: ItemState | None
    period: Period
    value: Number | None
    numerator: Number | None
    denominator: Number | None
    status: ItemStatus | None
    note: str | None
    source: str | None
    shown: str  # the figure as the row gave it, for messages


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
    with localcontext(EXACT):
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
        self.names = names
        self.problems = [Problems(name) for name in names]
        self.headers: list[dict[str, int]] = [{} for _ in names]  # column indexes by name
        self.metrics = {mid: MetricState(m) for mid, (_, m) in agreement.metric_index.items()}
        self.items: dict[str, ItemState] = {}
        for _, _, year, item in agreement.iter_items():
            if item.id not in self.metrics:
                self.items.setdefault(item.id, ItemState(item.id)).years.add(year)
        self.ids = sorted([*self.metrics, *self.items])
        # the short path: raw text -> state or day, filled as rows pass the long path
        # day text -> the day's month's observations by raw id text, day bit, day
        self.fast_days: dict[str, _Day] = {}
        self.fast_metrics = {k: v for k, v in self.metrics.items() if not v.weighted}
        self.day_maps: dict[int, dict[str, Observation]] = {}  # month key -> raw id text -> days
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
            hint = f" (did you mean {either(close)}?)" if close else ""
            message = f"unknown metric or item {text!r}{hint}: use the ids of the agreement"
            if len(self.unknown) < 10_000:
                self.unknown[text] = message
        return message

    def day(self, text: str, period: Period) -> _Day | None:
        """The short path's entry for a day's text (as written), made on first sight."""
        day = self.fast_days.get(text)
        if day is None and len(self.fast_days) < 100_000:
            key = month_key(period)
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
            key = month_key(period)
            day = period.start.day
            obs = state.days.get(key)
            if obs is None:
                obs = state.days[key] = Observation(
                    state, month_of_key(key), True, file_index, line
                )
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
            obs = state.coarse[period] = Observation(state, period, False, file_index, line)
            obs.key = _key(row)
            obs.shown = row.shown
            obs.last_value = _effective(row)
        if row.numerator is not None and row.denominator is not None:
            obs.numerator += row.numerator
            obs.denominator += row.denominator
            obs.total += share(Decimal(row.numerator), Decimal(row.denominator))
        else:
            assert row.value is not None
            obs.total += row.value
            if state.weighted and obs.bare is None:
                obs.bare = (file_index, line)
        if row.note:
            obs.add_note(row.note)
        if row.source:
            obs.add_source(row.source)

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
        self, state: MetricState, row: _Row, file_index: int, line: int, column: int
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

        def found(row: _Row, file_index: int, line: int) -> None:
            assert row.metric is not None
            key = (row.metric.id, row.period)
            if key in self.repeats and key not in first:
                first[key] = (row, file_index, line)

        for index, path in enumerate(paths[: last_file + 1]):
            _FileReader(self, path, index, probe=True).rows(wanted_ids, wanted_periods, found)
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
            by_year: dict[int, list[Observation]] = {}
            for obs in chain(state.coarse.values(), state.days.values()):
                if obs.period.granularity is not Granularity.YEAR:
                    by_year.setdefault(obs.period.year, []).append(obs)
            for year_obs in by_year.values():
                self._check_overlap(state, year_obs)
                if state.weighted:
                    self._check_weights(state, year_obs)

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
                        f"{state.id!r} has figures for {early.label} "
                        f"({self._where(early.file_index, early.line)}) and {late.label} "
                        f"({self._where(late.file_index, late.line)}), which overlap: give a "
                        "metric's part-year figures at one granularity (a whole-year figure may "
                        "stand beside them)",
                    )
                    return

    def _check_weights(self, state: MetricState, year_obs: list[Observation]) -> None:
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
        return share(Decimal(row.numerator), Decimal(row.denominator))
    assert row.value is not None
    return row.value


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


class _FileReader:
    """One file's rows: checked and folded, their problems recorded with the file's."""

    def __init__(self, reader: _Reader, path: Path, index: int, *, probe: bool = False) -> None:
        self.reader = reader
        self.index = index
        self.name = reader.names[index]
        # the second pass's problems and empty rows were all recorded by the first
        self.problems = Problems(self.name) if probe else reader.problems[index]
        self.unreported: list[Location] = [] if probe else reader.unreported
        self.text = CsvFile(path, self.name, self.problems)

    def read(self) -> None:
        """Fold every row of the file; whole-file problems stop it where they are seen."""
        self.text.read(self._fold_lines)

    def rows(
        self, ids: set[str], periods: set[str], found: Callable[[_Row, int, int], None]
    ) -> None:
        """The second pass: each checked row whose id and period text are wanted, to `found`
        with the file's index and the row's line."""

        def probe(header: Header, lines: Lines) -> None:
            im, ip = header.columns["metric"], header.columns["period"]
            for line, text in lines:
                fields = self.text.split(line, text, lines, header)
                if fields is None or len(fields) <= max(im, ip):
                    continue
                if fields[im].strip() not in ids or fields[ip].strip() not in periods:
                    continue
                row = self._check(line, fields, header)
                if row is not None:
                    found(row, self.index, line)

        self.text.read(probe)

    def _fold_lines(self, header: Header, lines: Lines) -> None:
        """The hot loop: plain day rows fold here, everything else goes through `_row`.

        A plain row has no quotes, the header's number of fields, empty optional columns, a day
        whose text was seen before, an id known by that spelling, a number in plain form and no
        repeat of its day. Anything else (comments, coarse periods, errors, repeats, the first
        row of a day) takes the full checks, which then let later rows like it take this path.
        """
        self.reader.headers[self.index] = header.columns
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
        plain = plain_number
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
            obs = Observation(state, month_of_key(day[3]), True, self.index, line)
            state.days[day[3]] = obs
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
        lines: Lines,
        header: Header,
        file_index: int,
    ) -> None:
        fields = self.text.split(line, text, lines, header)
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

    def _learn(self, fields: list[str], header: Header, state: MetricState, period: Period) -> None:
        """Let later rows with the same raw id and period text take the short path."""
        if state.weighted:
            return
        day = self.reader.day(fields[header.columns["period"]], period)
        obs = state.days.get(month_key(period))
        if day is not None and obs is not None:
            day[0][fields[header.columns["metric"]]] = obs

    def _check(self, line: int, fields: list[str], header: Header) -> _Row | None:
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
            self.unreported.append(Location(self.name, line))
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
                given_share = share(Decimal(numerator), Decimal(denominator))
                if value is not None and abs(value - given_share) > SHARE_AGREEMENT:
                    problem(
                        "value",
                        f"the value {value_text} does not agree with 100 × {numerator_text} / "
                        f"{denominator_text} = {given_share.quantize(Decimal('0.01'))}",
                    )
                shown = value_text or f"{numerator_text}/{denominator_text}"
                checked: Number | None = given_share
            else:
                checked = value
            bounds = metric.bounds
            if checked is not None and bounds is not None and not bounds[0] <= checked <= bounds[1]:
                problem(
                    "value",
                    f"{checked} is outside the scale {bounds[0]}–{bounds[1]} of {ident!r}",
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
