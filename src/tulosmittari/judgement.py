"""The rules a verdict rests on: the comparison a target sets, how far a miss may go, which part
of its period a figure covers and what a part can show, and where the year is heading.

Pure functions of figures, months and bounds; `evaluation` applies them to each target of an
agreement. Kept apart so that every rule of "what a verdict may rest on" is in one short place.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from tulosmittari.observations import Observed
from tulosmittari.periods import Period
from tulosmittari.problems import Location
from tulosmittari.results import (
    Bound,
    Combination,
    Coverage,
    Forecast,
    ForecastMethod,
    ForecastStatus,
    Outcome,
    ReasonCode,
    direction_bound,
)
from tulosmittari.schema import BoundCell, Comparison, Direction, RangeCell, Tolerance

FLOORS = frozenset({Bound.AT_LEAST, Bound.ABOVE})  # once reached by part of a flow, reached
_STRICT = frozenset({Bound.BELOW, Bound.ABOVE})
_COMPARISONS = {
    Comparison.BELOW: Bound.BELOW,
    Comparison.AT_MOST: Bound.AT_MOST,
    Comparison.ABOVE: Bound.ABOVE,
    Comparison.AT_LEAST: Bound.AT_LEAST,
}
_YEAR = frozenset(range(1, 13))
SCALE_WARNING = 2  # a figure 10² times (or a hundredth of) its target is probably in another unit
_FAR_ABOVE = Decimal(10) ** SCALE_WARNING
_FAR_BELOW = Decimal(10) ** -SCALE_WARNING


@dataclass(frozen=True, slots=True)
class Goal:
    """A target as the comparison it sets: `low` is the target (a range's lower end), `high` a
    range's upper end, `text` the target as printed where the agreement prints an expression."""

    bound: Bound
    low: Decimal
    high: Decimal | None = None
    text: str | None = None

    @classmethod
    def of(cls, direction: Direction, cell: Decimal | BoundCell | RangeCell) -> Goal:
        """A printed expression sets its own comparison; a plain number the metric's direction."""
        if isinstance(cell, RangeCell):
            return cls(Bound.WITHIN, cell.low, cell.high, cell.printed)
        if isinstance(cell, BoundCell):
            return cls(_COMPARISONS[cell.comparison], cell.value, None, cell.printed)
        return cls(direction_bound(direction), cell)

    def scaled(self, share: Decimal) -> Goal:
        """The part of a flow's yearly goal due within part of the year: both ends scale."""
        high = self.high * share if self.high is not None else None
        return replace(self, low=self.low * share, high=high)

    def allowance(self, tolerance: Tolerance | None, actual: Decimal) -> Decimal:
        """How far the actual may miss and still warn: the tolerance at the end it is nearest."""
        return tolerance.allowance(self._end(actual)) if tolerance else Decimal(0)

    def difference(self, actual: Decimal) -> Decimal:
        """actual − target; for a range, how far outside it (0 inside)."""
        if self.high is not None and self.low <= actual <= self.high:
            return Decimal(0)
        return actual - self._end(actual)

    def judge(self, actual: Decimal, allowance: Decimal) -> tuple[Outcome, ReasonCode]:
        """Met on the right side of the bound (strictly for `<` and `>`, ends included for a
        range); a miss within the allowance warns; a break-even point is met within it or not."""
        if self.bound is Bound.EQUAL:
            if abs(actual - self.low) <= allowance:
                return Outcome.PASS, ReasonCode.BREAK_EVEN_MET
            return Outcome.FAIL, ReasonCode.BREAK_EVEN_MISSED
        shortfall = self._shortfall(actual)
        met = shortfall < 0 if self.bound in _STRICT else shortfall <= 0
        if met:
            return Outcome.PASS, ReasonCode.MET
        if allowance > 0 and shortfall <= allowance:
            return Outcome.WARN, ReasonCode.MISSED_WITHIN_TOLERANCE
        return Outcome.FAIL, ReasonCode.MISSED

    def _shortfall(self, actual: Decimal) -> Decimal:
        """How far the actual lies on the wrong side of the bound (zero or less: on the right)."""
        if self.bound in FLOORS:
            return self.low - actual
        if self.high is not None:
            return max(self.low - actual, actual - self.high)
        return actual - self.low

    def _end(self, actual: Decimal) -> Decimal:
        return self.high if self.high is not None and actual > self.high else self.low


def judge_on_part(goal: Goal, outcome: Outcome, reason: ReasonCode) -> tuple[Outcome, ReasonCode]:
    """A flow's figure for part of its period: a floor it already meets is met, since the rest
    can only add; a ceiling, a range or a point cannot be judged before the period is whole."""
    if goal.bound in FLOORS and outcome is Outcome.PASS:
        return outcome, reason
    return Outcome.INCOMPLETE, ReasonCode.PARTIAL_PERIOD


# --- Coverage --------------------------------------------------------------------------------


def coverage(period: Period, observed: Observed) -> Coverage:
    """Which months of `period` the figure covers, which it lacks, which stop short."""
    covered = observed.covered
    stopped = _stopped(observed, covered)
    months = period.months
    return Coverage(
        months=len(months),
        covered=sum(1 for m in months if m in covered),
        missing=tuple(
            f"{period.year}-{m:02d}" for m in months if m not in covered and m not in stopped
        ),
        partial=tuple(stopped[m].isoformat() for m in months if m in stopped),
    )


def derived_observed(
    value: Decimal, parts: Sequence[Observed], fallback: Location, latest: Decimal | None = None
) -> Observed:
    """A figure computed from others covers what all of them cover: a month is covered when
    every input covers it, and stops short at the earliest day any input stops."""
    months = _YEAR.intersection(*(p.months for p in parts))
    covered = _YEAR.intersection(*(p.covered for p in parts))
    ends: dict[int, dt.date] = {}
    for part in parts:
        for day in part.partial:
            if day.month in months and day.month not in covered:
                ends[day.month] = min(day, ends.get(day.month, day))
    return Observed(
        value=value,
        count=sum(p.count for p in parts),
        months=months,
        notes=(),
        sources=(),
        first_location=parts[0].first_location if parts else fallback,
        combination=Combination.DERIVED,
        covered=covered,
        partial=tuple(sorted(ends.values())),
        latest=latest,
    )


def _stopped(observed: Observed, covered: frozenset[int]) -> dict[int, dt.date]:
    """Months not covered whose days stop short, each by the earliest last day given."""
    stopped: dict[int, dt.date] = {}
    for day in sorted(observed.partial, reverse=True):
        if day.month not in covered:
            stopped[day.month] = day
    return stopped


# --- Forecast --------------------------------------------------------------------------------


def projection(
    observed: Observed, period: Period, flow: bool, profile: Sequence[Decimal] | None
) -> tuple[Decimal, ForecastMethod] | None:
    """The year's figure as the covered part of `period` suggests: a flow scaled up from the
    months (and days) it covers by its monthly profile, pro rata without one; a level's latest
    value. None when nothing of the period is covered."""
    covered = observed.covered
    stopped = {m: day for m, day in _stopped(observed, covered).items() if m in period.months}
    months = [m for m in period.months if m in covered]
    if not months and not stopped:
        return None
    if not flow:
        latest = observed.latest if observed.latest is not None else observed.value
        return latest, ForecastMethod.LATEST
    weights = profile if profile is not None else [Decimal(1)] * 12
    part = sum((weights[m - 1] for m in months), Decimal(0))
    for month, day in stopped.items():
        days = calendar.monthrange(day.year, month)[1]
        part += weights[month - 1] * Decimal(day.day) / Decimal(days)
    if part == 0:
        return None  # the profile expects nothing of the months covered: no scale to use
    method = ForecastMethod.PROFILE if profile is not None else ForecastMethod.PRO_RATA
    return observed.value * sum(weights, Decimal(0)) / part, method


def forecast(
    yearly: Goal, tolerance: Tolerance | None, value: Decimal, method: ForecastMethod
) -> Forecast:
    """The projection judged as the year's actual would be: on track only where it would pass."""
    outcome, _ = yearly.judge(value, yearly.allowance(tolerance, value))
    status = ForecastStatus.ON_TRACK if outcome is Outcome.PASS else ForecastStatus.AT_RISK
    return Forecast(value=value, target=yearly.low, status=status, method=method)


# --- Plausibility ----------------------------------------------------------------------------


def scale_gap(actual: Decimal, target: Decimal) -> int:
    """The power of ten by which the actual is off its target, from 100× on (negative: below
    it), else 0: a figure in euros where the unit is 1000 euroa is about 10³ times its target."""
    if actual == 0 or target == 0:
        return 0
    ratio = abs(actual / target)
    if ratio >= _FAR_ABOVE:
        return max(round(ratio.log10()), SCALE_WARNING)
    if ratio <= _FAR_BELOW:
        return min(round(ratio.log10()), -SCALE_WARNING)
    return 0
