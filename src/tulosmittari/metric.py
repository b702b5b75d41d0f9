"""A table's rows: metrics with their printed cells, and rows that point at another table.

A cell may be written as the document prints it (`printed`); a metric says how its figures are
judged and combined (direction, period kind, aggregation, tolerance, bounds) as data, never as
code keyed on its id.
"""

from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from tulosmittari.printed import CELL_FORMS, PRINTED_CELL_PATTERN, printed_cell
from tulosmittari.vocabulary import (
    LAX,
    Aggregation,
    BudgetItem,
    ColumnKind,
    Comparison,
    Direction,
    LineRole,
    MissingReason,
    Model,
    Number,
    PeriodKind,
    Slug,
    Text,
    Year,
    rule_error,
)

# --- Cells -----------------------------------------------------------------------------------


class MissingCell(Model):
    """A cell printed without a value, such as `tbd` or "Uusi mittari, ei toteumaa"."""

    missing: Annotated[MissingReason, LAX]
    """Why: `tbd`, `new_metric` (\"Uusi mittari, ei toteumaa\"), `dash` or `blank`."""
    text: str | None = Field(default=None, description="The cell as printed, when not obvious.")


class ReferenceCell(Model):
    """A cell that points at another metric ("Viite: Taulukko 7")."""

    see: Slug
    """The id of the metric referred to."""
    text: Text
    """The cell as printed."""


class BoundCell(Model):
    """A target printed as an inequality (`< 10`, `≥ 3,5`): strict comparisons are strict."""

    comparison: Annotated[Comparison, LAX]
    """The comparison: `<`, `<=`, `>` or `>=`."""
    value: Number
    """The bound."""
    printed: Text = Field(description="The target as printed, e.g. `< 10`.")


class RangeCell(Model):
    """A target printed as a range (`3,6–3,8`): met inside it, both ends included."""

    low: Number
    """The lower end."""
    high: Number
    """The upper end."""
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
    """In the metric's unit."""
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
    """The lowest plausible figure; none: no bound below."""
    max: Number | None = None
    """The highest plausible figure; none: no bound above."""

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
    """The numerator in English."""
    denominator_en: str | None = None
    """The denominator in English."""


class Scale(Model):
    """Bounds a value must stay within, where the agreement states a scale (1–5)."""

    min: Number
    """The lowest value of the scale."""
    max: Number
    """The highest value of the scale."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min >= self.max:
            raise rule_error("schema.rule.scale_order")
        return self


class ExtraTarget(Model):
    """A second target for one metric-year from another source (the budget proposal's TAE)."""

    year: Year
    """The year it is set for."""
    value: Number
    """The target."""
    source: Text = Field(description="Where the target comes from, e.g. `talousarvioesitys`.")
    source_en: str | None = Field(
        default=None, description="`source` in English, e.g. `budget proposal`."
    )
    label: Text = Field(description="The target as printed.")
    kind: Annotated[ColumnKind, LAX] = ColumnKind.ALUSTAVA_TAVOITE
    """Whether it binds: `tavoite` or `alustava_tavoite` (default)."""


class Metric(Model):
    """A numeric row: a metric, a budget line or an estimate, with its printed yearly values."""

    id: Slug
    """Its id, unique in the agreement, used in formulas and actuals files."""
    name: Text = Field(description="The name exactly as printed.")
    name_en: str | None = None
    """The name in English."""
    unit: Text
    """The unit as printed: `%`, `1000 euroa`, `asteikko 1-5`."""
    unit_en: str | None = None
    """The unit in English."""
    symbol: str | None = Field(
        default=None,
        description="What follows a number in text (`t€`, `h`, empty for scales); default: unit.",
    )
    symbol_en: str | None = Field(
        default=None, description="`symbol` in English (`k€` for `t€`); default: `symbol`."
    )
    scale: Scale | None = None
    """The scale of a survey score, e.g. `{min: 1, max: 5}`."""
    scale_by_year: dict[Year, Scale] = Field(
        {}, description="Years whose scale differs from `scale` (a 1–4 grade became 1–5)."
    )
    bounds: Bounds | None = Field(
        default=None, description="Plausible figures; default: the scale, 0–100 for %, else ≥ 0."
    )
    budget_item: BudgetItem | None = None
    """The budget item (momentti) of the row, e.g. `28.20.07`."""
    direction: Annotated[Direction, LAX]
    """How a figure is judged: `higher_is_better`, `lower_is_better`, `break_even` (a balance, met
    within the tolerance) or `not_a_target` (shown, not judged)."""
    period_kind: Annotated[PeriodKind, LAX]
    """`level` (a %, score, index: part of a year is compared with the yearly target) or `flow`
    (euros, counts: part of a year is compared with a share of it)."""
    aggregation: Annotated[Aggregation, LAX] | None = None
    """How the figures of a period's parts combine: `sum`, `mean`, `last` (the latest stands),
    `weighted` (a share: 100 × Σ numerator / Σ denominator) or `ratio` (per person-year and
    such: Σ numerator / Σ denominator, no × 100). Default: sum for flows, mean for levels."""
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
    """A budget line's role: `expense`, `income`, `total_expense`, `total_income`, `net`,
    `financing`, `appropriation`."""
    parent: Slug | None = Field(default=None, description="The row this one is a part of.")
    impact_goal: Slug | None = None
    """The impact goal the row is printed under."""
    footnotes: list[str] = Field([], description="Marks of the table's notes.")
    tolerance: Tolerance | None = None
    """How far a miss may go and be a warning, not a failure."""
    formula: str | None = Field(default=None, description="Derived metrics: the definition.")
    values: dict[Year, Cell] = {}
    """The printed cells by year: a number, a mark or a target expression as printed."""
    extra_targets: list[ExtraTarget] = []
    """Targets for a year from another source."""
    note: str | None = None
    """What an author should know about the row."""

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
    """The id of the metric referred to."""
    name: Text = Field(description="The row's name as printed here.")
    text: Text = Field(description="The cells as printed, e.g. `Viite: Taulukko 7`.")
    impact_goal: Slug | None = None
    """The impact goal the row is printed under."""


def _row_tag(value: Any) -> str:
    return "reference" if isinstance(value, dict) and "see" in value else "metric"


Row = Annotated[
    Annotated[Metric, Tag("metric")] | Annotated[ReferenceRow, Tag("reference")],
    Discriminator(_row_tag),
]
