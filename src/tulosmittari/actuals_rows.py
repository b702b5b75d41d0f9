"""One actuals file's rows: plain day rows folded on a short path, every other row checked in
full, and the file's decimal convention judged at its end.

The files read together share a `Reader` (actuals.py): ids, caches, the folded figures and
each file's problems. A row that passes every check becomes a `Row` and is folded there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from tulosmittari.actuals_csv import IGNORED, CsvFile, Header, Lines, Problems
from tulosmittari.convention import Convention
from tulosmittari.figures import MAX_NUMBER, FigureError, Mark, Number, parse_figure, plain_number
from tulosmittari.observations import MetricState, Observation, month_key, month_of_key
from tulosmittari.periods import Granularity, Period
from tulosmittari.problems import Location, Message
from tulosmittari.results import ItemStatus
from tulosmittari.schema import Metric

if TYPE_CHECKING:
    from tulosmittari.actuals import Reader
    from tulosmittari.observations import ItemState

SHARE_AGREEMENT = Decimal("0.05")  # how far a value may be from the share or ratio n and d make
_CENTS = Decimal("0.01")

STATUS_WORDS: dict[str, ItemStatus] = {
    "met": ItemStatus.MET,
    "partly met": ItemStatus.PARTLY_MET,
    "not met": ItemStatus.NOT_MET,
    "toteutunut": ItemStatus.MET,
    "osittain toteutunut": ItemStatus.PARTLY_MET,
    "ei toteutunut": ItemStatus.NOT_MET,
}

_ProblemSink = Callable[[str, Message], None]  # column name, message
# a day's text on the short path: its month's observations by raw id text, day bit, day, month key
Day = tuple[dict[str, Observation], int, int, int]
Figure = tuple[Number | None, Number | None, Number | None]  # value, numerator, denominator


@dataclass(frozen=True, slots=True)
class Row:
    """A data row that passed every check, ready to fold."""

    metric: MetricState | None
    item: ItemState | None
    period: Period
    value: Number | None
    numerator: Number | None
    denominator: Number | None
    # a metric's figure: the value, or the share or ratio of numerator and denominator, as the
    # checks computed it; None for an item's row
    figure: Number | None
    status: ItemStatus | None
    note: str | None
    source: str | None
    shown: str  # the figure as the row gave it, for messages

    @property
    def key(self) -> Figure:
        """What must be equal for a repeated row to be the same figure (an item's row has none
        of the three)."""
        return (self.figure, self.numerator, self.denominator)


class FileReader:
    """One file's rows: checked and folded, their problems recorded with the file's."""

    def __init__(self, reader: Reader, path: Path, index: int, *, probe: bool = False) -> None:
        self.reader = reader
        self.index = index
        self.name = reader.names[index]
        self.probe = probe
        # the second pass's problems and empty rows were all recorded by the first
        self.problems = Problems(self.name) if probe else reader.problems[index]
        limits = reader.limits
        self.text = CsvFile(path, self.name, self.problems, limits.max_bytes, limits.max_rows)
        self.convention = Convention()

    def read(self) -> None:
        """Fold every row of the file, then judge its ambiguous figures; whole-file problems
        stop it where they are seen."""
        self.text.read(self._fold_lines)
        if not self.text.stopped:
            self.convention.judge(self.problems)

    def rows(
        self, ids: set[str], periods: set[str], found: Callable[[Row, int, int], None]
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
        whose text was seen before, an id known by that spelling, a number in plain form (not a
        separator before exactly three digits, which may be ambiguous), a figure within its
        bounds and no repeat of its day. Anything else (comments, coarse periods, errors,
        repeats, the first row of a day) takes the full checks, which then let later rows like
        it take this path. The first decimal point and comma seen here are noted for the
        file's convention.
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
        point_line = comma_line = 0  # the first line of each on this path
        for line, text in lines:
            parts = text.split(delimiter)
            if len(parts) == width and not (quotes_matter and '"' in text):
                day = days.get(parts[ip])
                if day is not None:
                    raw = parts[iv]
                    whole, dot, fraction = raw.partition(".")
                    if whole.isdigit() and raw.isascii() and len(raw) <= limit:
                        if not dot:
                            value: Number | None = int(raw)
                        elif len(fraction) != 3 and fraction.isdigit():
                            value = decimal(raw)
                            if not point_line:
                                point_line = line
                        else:  # `12.`, or three decimals, which may be ambiguous
                            value = None
                        unsigned = True
                    else:
                        value = plain(raw)
                        unsigned = False
                        if type(value) is decimal:
                            if "," in raw:
                                comma_line = comma_line or line
                            else:
                                point_line = point_line or line
                    if value is not None and not (others and any(map(parts.__getitem__, others))):
                        obs = day[0].get(parts[im])
                        if obs is None:
                            if first(parts[im], day, value, line):
                                continue
                        elif (unsigned and obs.unbounded) or (
                            (bounds := obs.bounds)[0] <= value <= bounds[1]
                        ):
                            mask = obs.mask
                            bit = day[1]
                            if not mask & bit:
                                obs.mask = mask | bit
                                obs.total += value
                                if obs.last and bit > mask:  # the month's latest day yet
                                    obs.last_value = value
                                continue
            slow(line, text, lines, header, file_index)
        if point_line:
            self.convention.note(Mark.POINT, point_line)
        if comma_line:
            self.convention.note(Mark.COMMA, comma_line)

    def _first_of_month(self, metric_text: str, day: Day, value: Number, line: int) -> bool:
        """The short path's first row of a metric in a month: start the month's days."""
        state = self.reader.fast_metrics.get(metric_text)
        if state is None:
            return False
        obs = state.days.get(day[3])
        if obs is None:
            obs = Observation(state, month_of_key(day[3]), True, self.index, line)
            low, high = obs.bounds
            if not low <= value <= high:
                return False  # the full checks say why
            state.days[day[3]] = obs
            obs.first_day = day[2]
            obs.mask = day[1]
            obs.total = value
            if obs.last:  # only `last` reads it: others keep no second figure per month
                obs.last_value = value
            day[0][metric_text] = obs
            return True
        day[0][metric_text] = obs  # an earlier spelling of the id started the month
        return False

    def _row(self, line: int, text: str, lines: Lines, header: Header, file_index: int) -> None:
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
        if state.metric.id not in self.reader.fast_metrics:
            return
        day = self.reader.day(fields[header.columns["period"]], period)
        obs = state.days.get(month_key(period))
        if day is not None and obs is not None:
            day[0][fields[header.columns["metric"]]] = obs

    def _check(self, line: int, fields: list[str], header: Header) -> Row | None:
        """Every check of one row; its problems are all reported, and then it is not folded."""
        reader = self.reader
        columns = header.columns
        errors_before = len(self.problems.kept) + self.problems.more

        def cell(name: str) -> str:
            index = columns.get(name)
            return fields[index].strip() if index is not None else ""

        def problem(name: str, message: Message) -> None:
            index = columns.get(name)
            self.problems.at(line, None if index is None else index + 1, name, message)

        def number(name: str, text: str) -> Number | None:
            return self._number(text, name, problem, line, columns.get(name))

        ident = cell("metric")
        metric = reader.metrics.get(ident)
        item = reader.items.get(ident) if metric is None else None
        if not ident:
            problem("metric", Message("actuals.id.empty"))
        elif metric is None and item is None:
            problem("metric", reader.unknown_id(ident))

        period_text = cell("period")
        found = reader.period(period_text) if period_text else Message("actuals.period.empty")
        period = found if isinstance(found, Period) else None
        if not isinstance(found, Period):
            problem("period", found)

        note = cell("note") or None
        source = cell("source") or None
        value_text, status_text = cell("value"), cell("status")
        numerator_text, denominator_text = cell("numerator"), cell("denominator")
        value = numerator = denominator = None
        checked: Number | None = None  # a metric's figure, checked against its bounds
        status = None
        shown = value_text

        if (
            (metric is not None or item is not None)
            and period is not None
            and not (value_text or status_text or numerator_text or denominator_text)
        ):
            # a row of a form left unfilled: the target has no data yet, which is no error
            if not self.probe:
                kind = "status" if metric is None else "parts" if metric.parts else "value"
                reader.unfilled(self.index, Location(self.name, line), kind)
            return None
        if metric is None and item is None:
            if value_text:  # still worth saying, whatever the id was meant to be
                number("value", value_text)
        elif item is not None:
            for name, given in (
                ("value", value_text),
                ("numerator", numerator_text),
                ("denominator", denominator_text),
            ):
                if given:
                    problem(name, Message("actuals.item.figure", id=ident, column=name))
            if not status_text:
                column = "status" if "status" in columns else "metric"
                problem(column, Message("actuals.item.no_status", id=ident))
            else:
                status = STATUS_WORDS.get(" ".join(status_text.lower().replace("_", " ").split()))
                if status is None:
                    problem("status", Message("actuals.item.bad_status", text=status_text))
            if period is not None and period.year not in item.years:
                years = sorted(item.years)
                problem(
                    "period", Message("actuals.item.year", id=ident, years=years, year=period.year)
                )
            shown = status_text
        elif metric is not None:
            spec = metric.metric
            if status_text:
                problem("status", Message("actuals.metric.status", id=ident))
            if (
                spec.yearly_only
                and period is not None
                and period.granularity is not Granularity.YEAR
            ):
                yearly = Message(
                    "actuals.metric.yearly_only", id=ident, year=period.year, period=str(period)
                )
                problem("period", yearly)
            if numerator_text or denominator_text:
                if not metric.parts:
                    problem(
                        "numerator" if numerator_text else "denominator",
                        Message(
                            "actuals.metric.no_parts",
                            id=ident,
                            aggregation=metric.aggregation.value,
                        ),
                    )
                elif not (numerator_text and denominator_text):
                    problem(
                        "denominator" if numerator_text else "numerator",
                        Message("actuals.metric.needs_both", id=ident),
                    )
                else:
                    numerator = number("numerator", numerator_text)
                    denominator = number("denominator", denominator_text)
                    if denominator is not None and denominator <= 0:
                        problem(
                            "denominator",
                            Message("actuals.metric.denominator", denominator=Decimal(denominator)),
                        )
                        denominator = None
            if value_text:
                value = number("value", value_text)
            elif not (numerator_text or denominator_text or status_text):
                if "value" in columns:
                    problem("value", Message("actuals.metric.no_value", id=ident))
                else:
                    problem("metric", Message("actuals.metric.no_value_column", id=ident))
            checked = value
            if numerator is not None and denominator is not None:
                made = metric.of_parts(Decimal(numerator), Decimal(denominator))
                if value is not None and abs(value - made) > SHARE_AGREEMENT:
                    key = "actuals.share.disagrees" if metric.percent else "actuals.ratio.disagrees"
                    disagrees = Message(
                        key,
                        value=value_text,
                        numerator=numerator_text,
                        denominator=denominator_text,
                        share=made.quantize(_CENTS),
                    )
                    problem("value", disagrees)
                shown = value_text or f"{numerator_text}/{denominator_text}"
                checked = made
            if checked is not None and period is not None:
                (low, high), _ = metric.bounds_for(period.year)
                if not low <= checked <= high:
                    outside = _outside(spec, period.year, Decimal(checked), low, high)
                    problem("value" if "value" in columns else "numerator", outside)
        if len(self.problems.kept) + self.problems.more > errors_before or period is None:
            return None
        if metric is None and item is None:
            return None
        return Row(
            metric,
            item,
            period,
            value,
            numerator,
            denominator,
            checked,
            status,
            note,
            source,
            shown,
        )

    def _number(
        self, text: str, name: str, problem: _ProblemSink, line: int, index: int | None
    ) -> Number | None:
        try:
            value, mark = parse_figure(text)
        except FigureError as error:
            problem(name, error.message)
            return None
        if mark is Mark.AMBIGUOUS_COMMA or mark is Mark.AMBIGUOUS_POINT:
            column = None if index is None else index + 1
            assert isinstance(value, Decimal)
            self.convention.hold(mark, line, column, name, text, value)
        else:
            self.convention.note(mark, line)
        return value


def _outside(metric: Metric, year: int, value: Decimal, low: Decimal, high: Decimal) -> Message:
    """What to say of a figure outside its bounds: the scale, or the plausible range."""
    if metric.bounds is None and metric.scale_for(year) is not None:
        return Message("actuals.bounds.scale", value=value, low=low, high=high, id=metric.id)
    if not low.is_finite():
        return Message("actuals.bounds.above", value=value, high=high, id=metric.id)
    if not high.is_finite():
        return Message("actuals.bounds.below", value=value, low=low, id=metric.id)
    return Message("actuals.bounds.range", value=value, low=low, high=high, id=metric.id)
