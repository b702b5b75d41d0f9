"""The single definition of an agreement: immutable, strict Pydantic models.

The models follow the standard shape every Finnish central-government performance agreement shares
(sections, numbered tables, yearly columns), so that any ministry's and agency's agreement can be
written in this schema; nothing here knows about one agency's metrics. Domain rules a metric needs
(direction, period kind, tolerance, formula) are fields, never code keyed on metric ids.
"""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tulosmittari.printed import (
    CELL_FORMS,
    PRINTED_CELL_PATTERN,
    PRINTED_NUMBER_PATTERN,
    printed_cell,
    printed_number,
)

SCHEMA_VERSION = 1


def rule_error(key: str, **params: object) -> PydanticCustomError:
    """A rule of the schema broken: `key` is the message's catalogue key, worded by the loader."""
    return PydanticCustomError(key, key, params)


def _to_decimal(value: object) -> object:
    """Numbers arrive as int or Decimal from our YAML loader, or as text printed in Finnish
    (`3,5`, `53 946`, `−3`); never accept bool or other text."""
    if isinstance(value, bool):
        return value  # rejected by the strict Decimal check with a clear message
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        number = printed_number(value)
        return value if number is None else number
    return value


def _to_date(value: object) -> object:
    """Dates are written as ISO text; the loader never turns them into dates by itself."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # rejected by the strict date check
    return value


PrintedNumber = Annotated[
    str,
    Field(
        pattern=PRINTED_NUMBER_PATTERN,
        description="A number as printed: `3,5`, `53 946`, `−3`.",
    ),
]
Number = Annotated[
    Decimal, BeforeValidator(_to_decimal, json_schema_input_type=Decimal | PrintedNumber)
]
IsoDate = Annotated[dt.date, BeforeValidator(_to_date)]
Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,79}$",
        description="A readable ASCII id, usable in formulas: a-z first, then a-z, 0-9 or _.",
    ),
]
Year = Annotated[int, Field(ge=1900, le=2200)]
BudgetItem = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{2}(\.[0-9]{2}){1,2}$",
        description="A budget item (momentti) as printed, e.g. `28.20.07`.",
    ),
]
Text = Annotated[str, Field(min_length=1)]

LAX = Strict(False)  # enums are written as their values; strict mode alone wants instances


class Model(BaseModel):
    """Strict and immutable: unknown keys are errors, values are never coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- Vocabulary of the standard tables -------------------------------------------------------


class ValueRole(StrEnum):
    """What a printed figure is, whatever the column header calls it."""

    ACTUAL = "actual"
    ESTIMATE = "estimate"
    TARGET = "target"
    PRELIMINARY_TARGET = "preliminary_target"


class ColumnKind(StrEnum):
    """Column headers of the standard tables (`Toteuma 2022`, `2024 TA`, ...)."""

    TOTEUMA = "toteuma"
    ARVIO = "arvio"
    TAVOITE = "tavoite"
    ALUSTAVA_TAVOITE = "alustava_tavoite"
    TP = "tp"
    TA = "ta"
    KEHYS = "kehys"

    @property
    def role(self) -> ValueRole:
        return _COLUMN_ROLES[self]


_COLUMN_ROLES = {
    ColumnKind.TOTEUMA: ValueRole.ACTUAL,
    ColumnKind.TP: ValueRole.ACTUAL,
    ColumnKind.ARVIO: ValueRole.ESTIMATE,
    ColumnKind.TAVOITE: ValueRole.TARGET,
    ColumnKind.TA: ValueRole.TARGET,
    ColumnKind.ALUSTAVA_TAVOITE: ValueRole.PRELIMINARY_TARGET,
    ColumnKind.KEHYS: ValueRole.PRELIMINARY_TARGET,
}


class Direction(StrEnum):
    """How an actual is judged against a target."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    BREAK_EVEN = "break_even"
    NOT_A_TARGET = "not_a_target"


class PeriodKind(StrEnum):
    """Level metrics compare a part-year value directly; flows compare with a share of the year."""

    LEVEL = "level"
    FLOW = "flow"


class Aggregation(StrEnum):
    """How observations inside a period combine into one value."""

    SUM = "sum"
    MEAN = "mean"
    LAST = "last"
    WEIGHTED = "weighted"  # a share: 100 × Σ numerator / Σ denominator
    RATIO = (
        "ratio"  # a ratio that is no percentage (days per person-year): Σ numerator / Σ denominator
    )


class MissingReason(StrEnum):
    """Why a printed cell has no value; each is shown, never read as zero."""

    TBD = "tbd"
    NEW_METRIC = "new_metric"  # "Uusi mittari, ei toteumaa"
    DASH = "dash"  # "-" or "–"
    BLANK = "blank"  # an empty cell


class LineRole(StrEnum):
    """The role of a line in a budget table."""

    EXPENSE = "expense"
    INCOME = "income"
    TOTAL_EXPENSE = "total_expense"
    TOTAL_INCOME = "total_income"
    NET = "net"
    FINANCING = "financing"
    APPROPRIATION = "appropriation"


# --- Cells -----------------------------------------------------------------------------------


class MissingCell(Model):
    """A cell printed without a value, such as `tbd` or "Uusi mittari, ei toteumaa"."""

    missing: Annotated[MissingReason, LAX]
    text: str | None = Field(default=None, description="The cell as printed, when not obvious.")


class ReferenceCell(Model):
    """A cell that points at another metric ("Viite: Taulukko 7")."""

    see: Slug
    text: Text


class Comparison(StrEnum):
    """A strict or inclusive inequality printed as a target: `< 10`, `≥ 3,5`."""

    BELOW = "<"
    AT_MOST = "<="
    ABOVE = ">"
    AT_LEAST = ">="


class BoundCell(Model):
    """A target printed as an inequality (`< 10`, `≥ 3,5`): strict comparisons are strict."""

    comparison: Annotated[Comparison, LAX]
    value: Number
    printed: Text = Field(description="The target as printed, e.g. `< 10`.")


class RangeCell(Model):
    """A target printed as a range (`3,6–3,8`): met inside it, both ends included."""

    low: Number
    high: Number
    printed: Text = Field(description="The target as printed, e.g. `3,6–3,8`.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise rule_error("schema.rule.range_order")
        return self


TargetExpression = BoundCell | RangeCell
"""A printed target that is not a single number; judged by its own comparison."""


def _cell_tag(value: Any) -> str:
    if isinstance(value, dict):
        if "see" in value:
            return "reference"
        if "comparison" in value:
            return "bound"
        if "low" in value or "high" in value:
            return "range"
        return "missing"
    return "number"


def _printed_cell(value: object) -> object:
    """A cell written as printed (`3,7`, `–`, `< 10`) as its model's data; other text refused."""
    data = printed_cell(value)
    if data is None:
        raise rule_error("schema.rule.printed_cell", text=value, forms=CELL_FORMS)
    return data


PrintedCell = Annotated[
    str,
    Field(
        pattern=PRINTED_CELL_PATTERN,
        description=f"A cell as printed: {CELL_FORMS}; empty for a blank cell.",
    ),
]
Cell = Annotated[
    Annotated[
        Annotated[Number, Tag("number")]
        | Annotated[MissingCell, Tag("missing")]
        | Annotated[ReferenceCell, Tag("reference")]
        | Annotated[BoundCell, Tag("bound")]
        | Annotated[RangeCell, Tag("range")],
        Discriminator(_cell_tag),
    ],
    BeforeValidator(
        _printed_cell,
        json_schema_input_type=Decimal
        | PrintedCell
        | None
        | MissingCell
        | ReferenceCell
        | BoundCell
        | RangeCell,
    ),
]


# --- Metrics ---------------------------------------------------------------------------------


class Tolerance(Model):
    """How far a miss may go and still be a warning rather than a failure."""

    absolute: Number | None = Field(default=None, ge=0)
    relative: Number | None = Field(
        default=None, ge=0, description="A fraction of the target, e.g. 0.01 for 1 %."
    )

    @model_validator(mode="after")
    def _one_given(self) -> Self:
        if self.absolute is None and self.relative is None:
            raise rule_error("schema.rule.tolerance_empty")
        return self

    def allowance(self, target: Decimal) -> Decimal:
        """The larger of the two allowances at this target."""
        allowances = [Decimal(0)]
        if self.absolute is not None:
            allowances.append(self.absolute)
        if self.relative is not None:
            allowances.append(abs(target) * self.relative)
        return max(allowances)


class Bounds(Model):
    """Where a metric's figures can plausibly lie; given, it replaces the default bounds.

    Default (`Metric.plausible_bounds`): the metric's scale where it has one; 0–100 for a
    percentage (unit `%`); otherwise not below zero. A balance that may be negative (cost
    recovery in euros, net use) says `bounds: {}`; a percentage that may pass 100 (income as a
    share of costs) says `bounds: {min: 0}`.
    """

    min: Number | None = None
    max: Number | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise rule_error("schema.rule.bounds_order")
        return self


class RatioParts(Model):
    """What a share's or ratio's numerator and denominator count, for the actuals form."""

    numerator: Text = Field(description="E.g. `sairauspoissaolopäivät`.")
    denominator: Text = Field(description="E.g. `jakson henkilötyövuodet`.")
    numerator_en: str | None = None
    denominator_en: str | None = None


class Scale(Model):
    """Bounds a value must stay within, where the agreement states a scale (1–5)."""

    min: Number
    max: Number

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min >= self.max:
            raise rule_error("schema.rule.scale_order")
        return self


class ExtraTarget(Model):
    """A second target for one metric-year from another source (the budget proposal's TAE)."""

    year: Year
    value: Number
    source: Text = Field(description="Where the target comes from, e.g. `talousarvioesitys`.")
    source_en: str | None = Field(
        default=None, description="`source` in English, e.g. `budget proposal`."
    )
    label: Text = Field(description="The target as printed.")
    kind: Annotated[ColumnKind, LAX] = ColumnKind.ALUSTAVA_TAVOITE


class Metric(Model):
    """A numeric row: a metric, a budget line or an estimate, with its printed yearly values."""

    id: Slug
    name: Text = Field(description="The name exactly as printed.")
    name_en: str | None = None
    unit: Text
    unit_en: str | None = None
    symbol: str | None = Field(
        default=None,
        description="What follows a number in text (`t€`, `h`, empty for scales); default: unit.",
    )
    symbol_en: str | None = Field(
        default=None, description="`symbol` in English (`k€` for `t€`); default: `symbol`."
    )
    scale: Scale | None = None
    scale_by_year: dict[Year, Scale] = Field(
        {}, description="Years whose scale differs from `scale` (a 1–4 grade became 1–5)."
    )
    bounds: Bounds | None = Field(
        default=None, description="Plausible figures; default: the scale, 0–100 for %, else ≥ 0."
    )
    budget_item: BudgetItem | None = None
    direction: Annotated[Direction, LAX]
    period_kind: Annotated[PeriodKind, LAX]
    aggregation: Annotated[Aggregation, LAX] | None = Field(
        default=None, description="Default: sum for flows, mean for levels."
    )
    parts: RatioParts | None = Field(
        default=None, description="A weighted share or a ratio: what its two parts count."
    )
    profile: list[Number] | None = Field(
        default=None,
        min_length=12,
        max_length=12,
        description="Monthly weights of a flow's yearly figure; default pro rata.",
    )
    yearly_only: bool = Field(
        default=False, description="Measured once a year (a survey): no part-year actuals."
    )
    tae: bool = Field(default=False, description="Also a target in the state budget proposal.")
    printed: bool = Field(
        default=True,
        description="False for inputs a formula needs that the document does not print as rows.",
    )
    role: Annotated[LineRole, LAX] | None = None
    parent: Slug | None = Field(default=None, description="The row this one is a part of.")
    impact_goal: Slug | None = None
    footnotes: list[str] = Field([], description="Marks of the table's notes.")
    tolerance: Tolerance | None = None
    formula: str | None = Field(default=None, description="Derived metrics: the definition.")
    values: dict[Year, Cell] = {}
    extra_targets: list[ExtraTarget] = []
    note: str | None = None

    @property
    def effective_aggregation(self) -> Aggregation:
        if self.aggregation is not None:
            return self.aggregation
        return Aggregation.SUM if self.period_kind is PeriodKind.FLOW else Aggregation.MEAN

    def scale_for(self, year: int) -> Scale | None:
        """The scale figures of `year` are on: the year's own, else the metric's."""
        return self.scale_by_year.get(year, self.scale)

    def plausible_bounds(self, year: int) -> tuple[Decimal | None, Decimal | None]:
        """(lowest, highest) figure of `year` that can be right; None: no bound that side."""
        if self.bounds is not None:
            return self.bounds.min, self.bounds.max
        scale = self.scale_for(year)
        if scale is not None:
            return scale.min, scale.max
        if self.unit.strip() == "%":
            return Decimal(0), Decimal(100)
        return Decimal(0), None


class ReferenceRow(Model):
    """A table row that only points at a metric printed in another table."""

    see: Slug
    name: Text = Field(description="The row's name as printed here.")
    text: Text = Field(description="The cells as printed, e.g. `Viite: Taulukko 7`.")
    impact_goal: Slug | None = None


def _row_tag(value: Any) -> str:
    return "reference" if isinstance(value, dict) and "see" in value else "metric"


Row = Annotated[
    Annotated[Metric, Tag("metric")] | Annotated[ReferenceRow, Tag("reference")],
    Discriminator(_row_tag),
]


# --- Qualitative targets ---------------------------------------------------------------------


class QualitativeItem(Model):
    """One yearly qualitative target; its id is what an actuals file records a status against."""

    id: Slug
    text: Text
    metric: Slug | None = Field(
        default=None, description="A numeric metric stating the same target in figures."
    )


class QualitativeGroup(Model):
    """A goal, other target or project with its items for each year."""

    id: Slug
    number: int | None = None
    title: Text
    goal_text: str | None = Field(default=None, description="The linked goal as printed.")
    impact_goal: Slug | None = None
    note: str | None = None
    years: dict[Year, list[QualitativeItem] | MissingCell]


# --- Table 1 ---------------------------------------------------------------------------------


class ImpactTarget(Model):
    """A target quoted in the societal-impact table, pointing at the metric it sets."""

    metric: Slug
    year: Year
    value: Number
    text: Text = Field(description="The target as printed.")


class SocietalImpactRow(Model):
    """A row of the societal-impact table: the ministry's goal down to the agency's targets."""

    goal: Text
    indicator: Slug
    chapter_goal: Text
    item_targets: list[ImpactTarget]


# --- Tables, sections, metadata --------------------------------------------------------------


class Column(Model):
    """A year column and what kind of figure it holds."""

    year: Year
    kind: Annotated[ColumnKind, LAX]
    label: Text = Field(description="The header as printed, e.g. `Alustava tavoite 2025`.")


class Footnote(Model):
    mark: Text
    text: Text


def _number_not_required(schema: dict[str, Any]) -> None:
    """`number` has a default the agreement gives (`Agreement._number_tables`)."""
    schema["required"] = [name for name in schema.get("required", []) if name != "number"]


class Table(Model):
    """A numbered table of the agreement, in printed row order."""

    model_config = ConfigDict(json_schema_extra=_number_not_required)

    id: Slug
    number: int = Field(ge=1, description="As printed; default: its position in `tables`, from 1.")
    title: Text
    title_en: str | None = None
    section: Text | None = Field(default=None, description="The section it is printed in, `3.2.1`.")
    budget_item: BudgetItem | None = None
    unit_note: str | None = Field(default=None, description="E.g. `1000 euroa` in a header.")
    columns: list[Column] = []
    metrics: list[Row] = []
    groups: list[QualitativeGroup] = []
    impact_rows: list[SocietalImpactRow] = []
    footnotes: list[Footnote] = []

    def column_for(self, year: int) -> Column | None:
        return next((c for c in self.columns if c.year == year), None)


class Section(Model):
    number: Text
    title: Text
    text: str | None = None


class ImpactGoal(Model):
    id: Slug
    number: int
    title: Text
    text: Text
    outcomes: list[str] = Field([], description="Listed results, if any.")


class Strategy(Model):
    """Section 1, kept as text, with its lists of goals addressable."""

    text: Text
    ministry_goals: list[Text]
    agency_strategic_goals: list[Text]


class Party(Model):
    id: Slug
    name: Text
    role: Literal["ministry", "agency"]


class Signatory(Model):
    party: Slug
    name: Text
    title: Text


class YearSpan(Model):
    first: Year
    last: Year

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.first > self.last:
            raise rule_error("schema.rule.years_order")
        return self

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


class Validity(Model):
    binding_years: list[Year] = Field(min_length=1)
    preliminary_years: list[Year] = []
    valid_until: IsoDate
    text: Text


class Report(Model):
    """A report the agency owes the ministry: what it covers and when it is due."""

    id: Slug
    name: Text
    name_en: str | None = None
    covers: Literal["H1", "year"]
    due_month: int = Field(ge=1, le=12, description="Due by the end of this month.")
    due_year_offset: int = Field(ge=0, le=1, description="1: in the year after the period.")
    text: str | None = None


class Reporting(Model):
    reports: list[Report]
    review_meetings: list[Text] = []
    text: str | None = None


class Meta(Model):
    """What the agreement is; only `id`, `title` and `years` are needed to check against it."""

    id: Slug
    title: Text
    title_en: str | None = None
    date: IsoDate | None = Field(default=None, description="The date it was signed.")
    diary_numbers: list[Text] = Field([], description="Its diary numbers (diaarinumerot).")
    parties: list[Party] = []
    signatories: list[Signatory] = []
    years: YearSpan
    validity: Validity | None = Field(
        default=None,
        description="Which years bind. Default: a year with a `tavoite` or `ta` column in any"
        " table binds; the other years are preliminary.",
    )
    reporting: Reporting | None = None
    notes: list[Text] = []


class Acknowledgement(Model):
    """A break of an identity that the signed document itself contains."""

    year: Year
    note: Text


class IdentityScope(StrEnum):
    """What an identity is checked on: the printed figures only, or actuals files too."""

    PRINTED = "printed"  # arithmetic of how targets were set, e.g. "73 % - 1" in a footnote
    ALL = "all"  # accounting that holds for any figures, e.g. a total and its lines


class Identity(Model):
    """A relation between printed figures that must hold in every year it can be evaluated."""

    id: Slug
    name: Text
    formula: Text
    tolerance: Number = Field(default=Decimal(0), ge=0)
    years: list[Year] | None = Field(default=None, description="Default: every year with values.")
    acknowledged: list[Acknowledgement] = []
    scope: Annotated[IdentityScope, LAX] = IdentityScope.ALL
    note: str | None = None


class Agreement(Model):
    """A whole performance agreement."""

    schema_version: Literal[1]
    meta: Meta
    strategy: Strategy | None = None
    sections: list[Section] = []
    impact_goals: list[ImpactGoal] = []
    tables: list[Table]
    identities: list[Identity] = []

    @model_validator(mode="before")
    @classmethod
    def _number_tables(cls, data: Any) -> Any:
        """A table written without `number` is numbered by its position, from 1."""
        if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
            return data
        tables = [
            {**table, "number": position}
            if isinstance(table, dict) and "number" not in table
            else table
            for position, table in enumerate(data["tables"], 1)
        ]
        return {**data, "tables": tables}

    def iter_metrics(self) -> Iterator[tuple[Table, Metric]]:
        """Every metric row with its table, in printed order."""
        for table in self.tables:
            for row in table.metrics:
                if isinstance(row, Metric):
                    yield table, row

    def iter_items(self) -> Iterator[tuple[Table, QualitativeGroup, int, QualitativeItem]]:
        """Every qualitative item with its table, group and year, in printed order."""
        for table in self.tables:
            for group in table.groups:
                for year, items in group.years.items():
                    if isinstance(items, list):
                        for item in items:
                            yield table, group, year, item

    @cached_property
    def metric_index(self) -> dict[str, tuple[Table, Metric]]:
        """Metrics by id; with duplicate ids the first wins (validation reports the rest)."""
        index: dict[str, tuple[Table, Metric]] = {}
        for table, metric in self.iter_metrics():
            index.setdefault(metric.id, (table, metric))
        return index

    @cached_property
    def binding_years(self) -> frozenset[int]:
        """The years whose targets bind: the validity's, else those of target columns."""
        if self.meta.validity is not None:
            return frozenset(self.meta.validity.binding_years)
        return frozenset(
            column.year
            for table in self.tables
            for column in table.columns
            if column.kind.role is ValueRole.TARGET
        )

    def target_role(self, year: int) -> ValueRole:
        """Qualitative targets have no column: the validity says which years bind, or, without
        one, whether any table has a binding target column (`tavoite`, `ta`) for the year."""
        if year in self.binding_years:
            return ValueRole.TARGET
        return ValueRole.PRELIMINARY_TARGET
