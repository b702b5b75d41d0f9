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

from tulosmittari.problems import Location, Problem
from tulosmittari.schema import Direction, MissingReason, ValueRole

RESULT_FORMAT_VERSION = 1


class Outcome(StrEnum):
    """The judgement of one target in one period; the JSON contract uses these words."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


class ResultKind(StrEnum):
    METRIC = "metric"
    ITEM = "item"


class ReasonCode(StrEnum):
    """Why a result has its outcome; the message catalogue words each one."""

    MET = "met"  # actual on the right side of the target
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
    difference: Decimal | None  # actual - target
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
    table_title_en: str | None = None


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

    def counts(self) -> dict[Outcome, int]:
        """Results by outcome, every outcome present (zero where none)."""
        counted = Counter(r.outcome for r in self.results)
        return {outcome: counted.get(outcome, 0) for outcome in Outcome}
