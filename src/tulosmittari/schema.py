"""The single definition of an agreement: immutable, strict Pydantic models.

The models follow the standard shape every Finnish central-government performance agreement shares
(sections, numbered tables, yearly columns), so that any ministry's and agency's agreement can be
written in this schema; nothing here knows about one agency's metrics. Domain rules a metric needs
(direction, period kind, tolerance, formula) are fields, never code keyed on metric ids. A table's
rows are in `metric`, the value types and the tables' words in `vocabulary`; every name is
importable from here.
"""

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import ConfigDict, Field, model_validator

from tulosmittari.metric import (
    BoundCell,
    Bounds,
    Cell,
    ExtraTarget,
    Metric,
    MissingCell,
    RangeCell,
    RatioParts,
    ReferenceCell,
    ReferenceRow,
    Row,
    Scale,
    TargetExpression,
    Tolerance,
)
from tulosmittari.vocabulary import (
    LAX,
    Aggregation,
    BudgetItem,
    ColumnKind,
    Comparison,
    Direction,
    IdentityScope,
    IsoDate,
    LineRole,
    MissingReason,
    Model,
    Number,
    PeriodKind,
    Slug,
    Text,
    ValueRole,
    Year,
    rule_error,
)

__all__ = [
    "SCHEMA_VERSION",
    "Acknowledgement",
    "Aggregation",
    "Agreement",
    "BoundCell",
    "Bounds",
    "BudgetItem",
    "Cell",
    "Column",
    "ColumnKind",
    "Comparison",
    "Direction",
    "ExtraTarget",
    "Footnote",
    "Identity",
    "IdentityScope",
    "ImpactGoal",
    "ImpactTarget",
    "IsoDate",
    "LineRole",
    "Meta",
    "Metric",
    "MissingCell",
    "MissingReason",
    "Model",
    "Number",
    "Party",
    "PeriodKind",
    "QualitativeGroup",
    "QualitativeItem",
    "RangeCell",
    "RatioParts",
    "ReferenceCell",
    "ReferenceRow",
    "Report",
    "Reporting",
    "Row",
    "Scale",
    "Section",
    "Signatory",
    "Slug",
    "SocietalImpactRow",
    "Strategy",
    "Table",
    "TargetExpression",
    "Text",
    "Tolerance",
    "Validity",
    "ValueRole",
    "Year",
    "YearSpan",
]

SCHEMA_VERSION = 1


# --- Qualitative targets ---------------------------------------------------------------------


class QualitativeItem(Model):
    """One yearly qualitative target; its id is what an actuals file records a status against."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    text: Text
    """The target as printed."""
    metric: Slug | None = Field(
        default=None, description="A numeric metric stating the same target in figures."
    )


class QualitativeGroup(Model):
    """A goal, other target or project with its items for each year."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    number: int | None = None
    """Its number as printed."""
    title: Text
    """Its title as printed."""
    goal_text: str | None = Field(default=None, description="The linked goal as printed.")
    impact_goal: Slug | None = None
    """The impact goal it serves."""
    note: str | None = None
    """What an author should know about it."""
    years: dict[Year, list[QualitativeItem] | MissingCell]
    """The items of each year, or a missing cell (`{missing: dash}`)."""


# --- Table 1 ---------------------------------------------------------------------------------


class ImpactTarget(Model):
    """A target quoted in the societal-impact table, pointing at the metric it sets."""

    metric: Slug
    """The metric whose target is quoted."""
    year: Year
    """The year of the target."""
    value: Number
    """The target quoted."""
    text: Text = Field(description="The target as printed.")


class SocietalImpactRow(Model):
    """A row of the societal-impact table: the ministry's goal down to the agency's targets."""

    goal: Text
    """The ministry's goal as printed."""
    indicator: Slug
    """The metric that is the goal's indicator."""
    chapter_goal: Text
    """The budget chapter's goal as printed."""
    item_targets: list[ImpactTarget]
    """The targets quoted for the budget item."""


# --- Tables, sections, metadata --------------------------------------------------------------


class Column(Model):
    """A year column and what kind of figure it holds."""

    year: Year
    """The year of the column."""
    kind: Annotated[ColumnKind, LAX]
    """The header: `toteuma`, `tp` (actuals), `arvio` (an estimate), `tavoite`, `ta` (binding
    targets), `alustava_tavoite`, `kehys` (preliminary targets)."""
    label: Text = Field(description="The header as printed, e.g. `Alustava tavoite 2025`.")


class Footnote(Model):
    """A footnote of a table."""

    mark: Text
    """The mark as printed: `1`, `*`."""
    text: Text
    """The footnote as printed."""


def _number_not_required(schema: dict[str, Any]) -> None:
    """`number` has a default the agreement gives (`Agreement._number_tables`)."""
    schema["required"] = [name for name in schema.get("required", []) if name != "number"]


class Table(Model):
    """A numbered table of the agreement, in printed row order."""

    model_config = ConfigDict(json_schema_extra=_number_not_required)

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    number: int = Field(ge=1, description="As printed; default: its position in `tables`, from 1.")
    title: Text
    """The title as printed."""
    title_en: str | None = None
    """The title in English."""
    section: Text | None = Field(default=None, description="The section it is printed in, `3.2.1`.")
    budget_item: BudgetItem | None = None
    """The budget item (momentti) the table is about, e.g. `28.20.07`."""
    unit_note: str | None = Field(default=None, description="E.g. `1000 euroa` in a header.")
    columns: list[Column] = []
    """The year columns in printed order."""
    metrics: list[Row] = []
    """The numeric rows in printed order: metrics and references."""
    groups: list[QualitativeGroup] = []
    """Qualitative targets: goals, other targets, projects."""
    impact_rows: list[SocietalImpactRow] = []
    """Rows of the societal-impact table."""
    footnotes: list[Footnote] = []
    """The table's footnotes."""

    def column_for(self, year: int) -> Column | None:
        return next((c for c in self.columns if c.year == year), None)


class Section(Model):
    """A numbered section of the document."""

    number: Text
    """Its number as printed: `3.2.1`."""
    title: Text
    """Its heading as printed."""
    text: str | None = None
    """Its text, where it is not elsewhere."""


class ImpactGoal(Model):
    """An impact goal (vaikuttavuustavoite) with its text."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    number: int
    """Its number as printed."""
    title: Text
    """The goal as printed."""
    text: Text
    """The text under it as printed."""
    outcomes: list[str] = Field([], description="Listed results, if any.")


class Strategy(Model):
    """Section 1, kept as text, with its lists of goals addressable."""

    text: Text
    """The section as printed."""
    ministry_goals: list[Text]
    """The ministry's goals listed in it."""
    agency_strategic_goals: list[Text]
    """The agency's strategic goals listed in it."""


class Party(Model):
    """A party to the agreement."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    name: Text
    """Its name as printed."""
    role: Literal["ministry", "agency"]
    """`ministry` or `agency`."""


class Signatory(Model):
    """A person who signed the agreement."""

    party: Slug
    """The id of the party signed for."""
    name: Text
    """The name as printed."""
    title: Text
    """The title as printed."""


class YearSpan(Model):
    """A span of years, both ends included."""

    first: Year
    """The first year."""
    last: Year
    """The last year."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.first > self.last:
            raise rule_error("schema.rule.years_order")
        return self

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


class Validity(Model):
    """Which years bind and until when (section 5)."""

    binding_years: list[Year] = Field(min_length=1)
    """The years whose targets bind."""
    preliminary_years: list[Year] = []
    """The years whose targets are preliminary."""
    valid_until: IsoDate
    """The last day it is in force."""
    text: Text
    """The paragraph as printed."""


class Report(Model):
    """A report the agency owes the ministry: what it covers and when it is due."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    name: Text
    """Its name: `Väliraportti`."""
    name_en: str | None = None
    """Its name in English."""
    covers: Literal["H1", "year"]
    """`H1` (January–June) or `year`."""
    due_month: int = Field(ge=1, le=12, description="Due by the end of this month.")
    due_year_offset: int = Field(ge=0, le=1, description="1: in the year after the period.")
    text: str | None = None
    """The sentence that sets it, as printed."""


class Reporting(Model):
    """What the agency reports to the ministry and when (section 5)."""

    reports: list[Report]
    """The reports due."""
    review_meetings: list[Text] = []
    """The meetings where the targets are reviewed."""
    text: str | None = None
    """The reporting paragraphs as printed."""


class Meta(Model):
    """What the agreement is; only `id`, `title` and `years` are needed to check against it."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    title: Text
    """The title as printed."""
    title_en: str | None = None
    """The title in English."""
    date: IsoDate | None = Field(default=None, description="The date it was signed.")
    diary_numbers: list[Text] = Field([], description="Its diary numbers (diaarinumerot).")
    parties: list[Party] = []
    """The ministry and the agency."""
    signatories: list[Signatory] = []
    """Who signed it, for which party."""
    years: YearSpan
    """The first and last year of its tables."""
    validity: Validity | None = Field(
        default=None,
        description="Which years bind. Default: a year with a `tavoite` or `ta` column in any"
        " table binds; the other years are preliminary.",
    )
    reporting: Reporting | None = None
    """The reports the agency owes and when."""
    notes: list[Text] = []
    """Other paragraphs of the closing section."""


class Acknowledgement(Model):
    """A break of an identity that the signed document itself contains."""

    year: Year
    """The year whose printed figures break the identity."""
    note: Text
    """Why: what the document prints and how the figures disagree."""


class Identity(Model):
    """A relation between printed figures that must hold in every year it can be evaluated."""

    id: Slug
    """Its id, unique in the agreement: a-z first, then a-z, 0-9 or _."""
    name: Text
    """What the relation says, as a person reads it."""
    formula: Text
    """Two sides and a comparison over metric ids: `total == sum(a, b)`."""
    tolerance: Number = Field(default=Decimal(0), ge=0)
    """How far the sides may differ (rounding of printed figures)."""
    years: list[Year] | None = Field(default=None, description="Default: every year with values.")
    acknowledged: list[Acknowledgement] = []
    """Years the signed document itself breaks it in, each with a note."""
    scope: Annotated[IdentityScope, LAX] = IdentityScope.ALL
    """`all`: holds for actuals too; `printed`: only for the printed figures."""
    note: str | None = None
    """Why it holds, or where it does not."""


class Agreement(Model):
    """A whole performance agreement."""

    schema_version: Literal[1]
    """The version of this format: 1."""
    meta: Meta
    """What the agreement is."""
    strategy: Strategy | None = None
    """Section 1, the strategy, as printed."""
    sections: list[Section] = []
    """The numbered sections as printed, for tables to name."""
    impact_goals: list[ImpactGoal] = []
    """The impact goals (vaikuttavuustavoitteet) of section 3.1."""
    tables: list[Table]
    """The numbered tables, in printed order."""
    identities: list[Identity] = []
    """Relations the printed figures must satisfy (a total and its lines)."""

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
