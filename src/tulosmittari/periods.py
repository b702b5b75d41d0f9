"""Periods of a reporting year as one value type with one parser.

Actuals files, reports and targets all speak of the same few periods: a year (`2024`), a half-year
(`2024-H1`, the interim report), a quarter (`2024-Q1`), a month (`2024-03`) and a day
(`2024-03-15`, for daily exports). Parsing them in one place keeps every file and option strict in
the same way; a period is a closed range of dates, so containment and order are date comparisons.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from tulosmittari.problems import Message

MIN_YEAR = 1900
MAX_YEAR = 2200


_PATTERN = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-(?:(?P<half>[Hh][0-9])|(?P<quarter>[Qq][0-9])"
    r"|(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?))?"
)


class Granularity(StrEnum):
    """How long a period is; finer periods fold into coarser ones."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of dates that is a year, half-year, quarter, month or day.

    Periods order by first day, then last day, so a month sorts before the quarter that starts with
    it. Build them with `Period.parse` or the `of_*` constructors; any other range is rejected.
    """

    start: dt.date
    end: dt.date
    granularity: Granularity = field(init=False, compare=False, repr=False)
    _hash: int = field(init=False, compare=False, repr=False)  # periods key many lookups

    def __post_init__(self) -> None:
        object.__setattr__(self, "granularity", _granularity_of(self.start, self.end))
        object.__setattr__(self, "_hash", hash((self.start, self.end)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Period], tuple[dt.date, dt.date]]:
        return Period, (self.start, self.end)  # hashes differ between processes

    # --- construction ---

    @classmethod
    def parse(cls, text: str) -> Period:
        """The one parser: `2024`, `2024-H1`, `2024-Q1`, `2024-03` or `2024-03-15`, no other."""
        match = _PATTERN.fullmatch(text)
        if match is None:
            raise PeriodError(text)
        year = int(match["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(text, Message("period.year_range", first=MIN_YEAR, last=MAX_YEAR))
        if match["half"]:
            half = int(match["half"][1])
            if half not in (1, 2):
                raise PeriodError(text, Message("period.half"))
            return cls.of_half(year, half)
        if match["quarter"]:
            quarter = int(match["quarter"][1])
            if not 1 <= quarter <= 4:
                raise PeriodError(text, Message("period.quarter"))
            return cls.of_quarter(year, quarter)
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise PeriodError(text, Message("period.month"))
            if match["day"]:
                day = int(match["day"])
                if not 1 <= day <= calendar.monthrange(year, month)[1]:
                    raise PeriodError(
                        text, Message("period.day", month=f"{year}-{month:02d}", day=day)
                    )
                return cls.of_day(dt.date(year, month, day))
            return cls.of_month(year, month)
        return cls.of_year(year)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def of_half(cls, year: int, half: int) -> Period:
        return cls._months(year, 6 * half - 5, 6 * half)

    @classmethod
    def of_quarter(cls, year: int, quarter: int) -> Period:
        return cls._months(year, 3 * quarter - 2, 3 * quarter)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls._months(year, month, month)

    @classmethod
    def of_day(cls, day: dt.date) -> Period:
        return cls(day, day)

    @classmethod
    def _months(cls, year: int, first: int, last: int) -> Period:
        return cls(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]))

    # --- properties ---

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def first_month(self) -> int:
        return self.start.month

    @property
    def last_month(self) -> int:
        return self.end.month

    @property
    def months(self) -> range:
        """The months of the year the period touches (one for a day)."""
        return range(self.start.month, self.end.month + 1)

    def contains(self, other: Period) -> bool:
        """True when `other` lies wholly inside this period (a period contains itself)."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        granularity = self.granularity
        if granularity is Granularity.YEAR:
            return str(self.year)
        if granularity is Granularity.HALF:
            return f"{self.year}-H{(self.start.month + 5) // 6}"
        if granularity is Granularity.QUARTER:
            return f"{self.year}-Q{(self.start.month + 2) // 3}"
        if granularity is Granularity.MONTH:
            return f"{self.year}-{self.start.month:02d}"
        return self.start.isoformat()

    def __repr__(self) -> str:
        return f"Period('{self}')"


def _granularity_of(start: dt.date, end: dt.date) -> Granularity:
    """Only whole years, halves, quarters, months and single days are periods."""
    if start == end:
        return Granularity.DAY
    whole_months = (
        start.year == end.year
        and start.day == 1
        and end.day == calendar.monthrange(end.year, end.month)[1]
    )
    if whole_months:
        first, length = start.month, end.month - start.month + 1
        if length == 12:
            return Granularity.YEAR
        if length == 6 and first in (1, 7):
            return Granularity.HALF
        if length == 3 and first % 3 == 1:
            return Granularity.QUARTER
        if length == 1:
            return Granularity.MONTH
    raise ValueError(f"{start}..{end} is not a year, half-year, quarter, month or day")


class PeriodError(ValueError):
    """Text that is not a period, with why and the forms that are."""

    def __init__(self, text: str, reason: Message | None = None) -> None:
        key = "period.invalid_because" if reason is not None else "period.invalid"
        self.message = Message(key, text=text, reason=reason)
        super().__init__(str(self.message))


def share_of_year(period: Period, profile: Sequence[Decimal] | None) -> Decimal:
    """The part of a flow's yearly figure due within `period`.

    Pro rata it is months / 12; with a profile of twelve monthly weights it is the weights of the
    period's months over their total. A day gets its month's share divided by the month's days, so
    that the days of a month add up to the month.
    """
    if profile is not None and len(profile) != 12:
        raise ValueError(f"a profile has 12 monthly weights, not {len(profile)}")
    if profile is None:
        share = Decimal(len(period.months)) / Decimal(12)
    else:
        total = sum(profile, Decimal(0))
        if total == 0:
            raise ValueError("the profile's weights add up to zero")
        share = sum((profile[m - 1] for m in period.months), Decimal(0)) / total
    if period.granularity is Granularity.DAY:
        share /= calendar.monthrange(period.year, period.first_month)[1]
    return share


def evaluation_period(periods: Iterable[Period]) -> Period:
    """The report one year's observations make: the smallest of Q1, H1 and the year covering them.

    Agreements are followed up by the half-year interim report and the annual report (and a first
    quarter where one is asked for), so a file with January–June data is judged as H1 and one with
    any month after June as the whole year; a quarter is never inferred beyond Q1, since no
    report covers Q2 or Q3 alone.
    """
    years: set[int] = set()
    last = 0
    for period in periods:
        years.add(period.year)
        last = max(last, period.last_month)
    if not years:
        raise ValueError("no periods to evaluate")
    if len(years) > 1:
        raise ValueError(f"periods of several years: {', '.join(map(str, sorted(years)))}")
    (year,) = years
    if last <= 3:
        return Period.of_quarter(year, 1)
    if last <= 6:
        return Period.of_half(year, 1)
    return Period.of_year(year)
