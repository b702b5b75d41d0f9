"""The one result model every renderer consumes.

Evaluation produces a `CheckReport`; renderers only format it. A result's reason is structured
(a code and the figures it speaks of) so that each renderer can word it in the reader's language
without judging anything itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from tulosmittari.problems import Location, Problem
from tulosmittari.schema import Direction, MissingReason, ValueRole

RESULT_FORMAT_VERSION = 2  # 2: the outcome `incomplete`; bound, coverage and forecast per result


class Outcome(StrEnum):
    """The judgement of one target in one period; the JSON contract uses these words."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    INCOMPLETE = "incomplete"  # figures for part of the period only: no verdict can rest on them
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


class ResultKind(StrEnum):
    METRIC = "metric"
    ITEM = "item"


class ReasonCode(StrEnum):
    """Why a result has its outcome; the message catalogue words each one."""

    MET = "met"  # actual on the right side of the target
    PARTIAL_PERIOD = "partial_period"  # a flow judged on part of its period: cannot be judged
    MISSED_WITHIN_TOLERANCE = "missed_within_tolerance"
    MISSED = "missed"
    BREAK_EVEN_MET = "break_even_met"
    BREAK_EVEN_MISSED = "break_even_missed"
    NO_ACTUAL = "no_actual"
    MEASURED_YEARLY = "measured_yearly"  # a survey: no part-year figure is expected
    NOT_A_TARGET = "not_a_target"
    NO_TARGET_VALUE = "no_target_value"  # tbd, "Uusi mittari", "-": printed without a value
    STATUS_MET = "status_met"
    STATUS_PARTLY_MET = "status_partly_met"
    STATUS_NOT_MET = "status_not_met"
    NO_STATUS = "no_status"


class Bound(StrEnum):
    """The comparison an actual had to pass: from the metric's direction, or as printed."""

    AT_MOST = "at_most"  # actual ≤ target: lower is better, an expense is a ceiling
    AT_LEAST = "at_least"  # actual ≥ target
    BELOW = "below"  # actual < target, printed "< 10"
    ABOVE = "above"  # actual > target, printed "> 95"
    WITHIN = "within"  # target ≤ actual ≤ target_high, printed "3,6–3,8"
    EQUAL = "equal"  # break-even: actual = target ± the allowance


def direction_bound(direction: Direction) -> Bound:
    """The comparison a plain number sets, by the metric's direction: a floor, a ceiling or a
    point to hit."""
    if direction is Direction.NOT_A_TARGET:
        raise ValueError("a figure that is not a target sets no bound")
    return _DIRECTION_BOUNDS[direction]


_DIRECTION_BOUNDS = {
    Direction.HIGHER_IS_BETTER: Bound.AT_LEAST,
    Direction.LOWER_IS_BETTER: Bound.AT_MOST,
    Direction.BREAK_EVEN: Bound.EQUAL,
}


class Combination(StrEnum):
    """How the actual of a period was made from the figures the files gave."""

    GIVEN = "given"  # one figure given for exactly the period
    SUM = "sum"  # a flow: the figures inside the period added up
    MEAN = "mean"  # a level: the mean of the figures inside the period
    LAST = "last"  # a level taken as the latest figure
    WEIGHTED = "weighted"  # a share: 100 × Σ numerator / Σ denominator
    RATIO = "ratio"  # a ratio: Σ numerator / Σ denominator
    UNWEIGHTED_MEAN = "unweighted_mean"  # a share given as bare percentages: their plain mean
    DERIVED = "derived"  # computed from its parts by the metric's formula


class Coverage(NamedTuple):
    """Which part of the evaluated period the actual's figures cover.

    A month given by days counts as covered when its days reach the month's last working day
    (Monday to Friday); one that stops short is listed in `partial` by its last day given.
    """

    months: int  # months in the period
    covered: int  # of them, covered
    missing: tuple[str, ...] = ()  # months with no figure: "2024-06"
    partial: tuple[str, ...] = ()  # months given by days that stop short: "2024-06-20"

    @property
    def complete(self) -> bool:
        return self.covered == self.months


class ForecastStatus(StrEnum):
    """Where a projection of the year stands against the yearly target; never an outcome."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"


class ForecastMethod(StrEnum):
    PRO_RATA = "pro_rata"  # a flow's part-year figure scaled to twelve months
    PROFILE = "profile"  # a flow's figure scaled by the metric's monthly weights
    LATEST = "latest"  # a level: its latest value stands for the year


class Forecast(NamedTuple):
    """A projection of the year from part-year figures, beside the yearly target."""

    value: Decimal
    target: Decimal  # the yearly target (its lower end for a range)
    status: ForecastStatus
    method: ForecastMethod


class ItemStatus(StrEnum):
    """The status an actuals file records for a qualitative item."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


@dataclass(frozen=True, slots=True)
class TargetResult:
    """One target (or qualitative item) judged in one period."""

    kind: ResultKind
    id: str
    name: str
    name_en: str | None
    table_id: str
    table_number: int
    table_title: str
    section: str
    impact_goal: str | None
    group_id: str | None  # qualitative items: the goal, other target or project they belong to
    unit: str | None
    unit_en: str | None
    direction: Direction | None
    period: str  # as written in actuals files: 2024, 2024-H1, ...
    year: int
    target_role: ValueRole | None  # binding or preliminary
    target_source: str | None  # None: the agreement's own column; else e.g. talousarvioesitys
    annual_target: Decimal | None
    target: Decimal | None  # the part of the annual target due in this period
    actual: Decimal | None
    difference: Decimal | None  # actual - target; a range: how far outside it (0 inside)
    allowance: Decimal | None  # how far a miss may go and still warn
    outcome: Outcome
    reason: ReasonCode
    status: ItemStatus | None = None
    derived: bool = False  # the actual was computed from the metric's formula
    missing: MissingReason | None = None  # why the target has no value (tbd, new metric, …)
    missing_text: str | None = None  # that cell as printed, where the agreement gives it
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    location: Location | None = None  # where the target is defined in the agreement file
    symbol: str | None = None  # what follows a number in text (`%`, `t€`); None: the unit
    symbol_en: str | None = None  # that in English (`k€`, `days/person-year`), where it differs
    table_title_en: str | None = None
    target_source_en: str | None = None  # `target_source` in English, where the agreement gives it
    bound: Bound | None = None  # the comparison the target sets, wherever there is a target
    target_high: Decimal | None = None  # a range's upper end (`target` is its lower end)
    target_text: str | None = None  # a target printed as an expression: "< 10", "3,6–3,8"
    combination: Combination | None = None  # how the actual was made, where there is one
    observations: int = 0  # figures the actual was combined from
    coverage: Coverage | None = None  # what part of the period those figures cover
    forecast: Forecast | None = None  # at part-year, a projection of the year: not an outcome

    @property
    def unexplained(self) -> bool:
        """A miss with no note from the actuals files: the report owes an explanation."""
        return self.outcome in (Outcome.FAIL, Outcome.WARN) and not self.notes


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything a `check` run found, in the agreement's printed order."""

    agreement_id: str
    agreement_title: str
    agreement_file: str
    actuals_files: tuple[str, ...]
    periods: tuple[str, ...]
    results: tuple[TargetResult, ...]
    problems: tuple[Problem, ...] = field(default=())
    agreement_title_en: str | None = None

    def counts(self) -> dict[Outcome, int]:
        """Results by outcome, every outcome present (zero where none)."""
        counted = Counter(r.outcome for r in self.results)
        return {outcome: counted.get(outcome, 0) for outcome in Outcome}
