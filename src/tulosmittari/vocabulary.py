"""The vocabulary of an agreement: the value types its fields are made of (a number as printed,
an id, a year) and the words of the standard tables (column kinds, directions, aggregations).

Shared by the models of `metric` and `schema`; strict and immutable like them.
"""

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Final

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

from tulosmittari.printed import PRINTED_NUMBER_PATTERN, printed_number


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
# The patterns of an id and of a budget item, named once: the schema, docs/agreement-format.md,
# `schema_errors` (which words a mismatch of either) and `tulos init` all read these.
SLUG_PATTERN: Final = r"^[a-z][a-z0-9_]{0,79}$"
BUDGET_ITEM_PATTERN: Final = r"^[0-9]{2}(\.[0-9]{2}){1,2}$"

Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
"""A readable ASCII id, usable in formulas: a-z first, then a-z, 0-9 or _ (each field that holds
one says whose id it is)."""
Year = Annotated[int, Field(ge=1900, le=2200)]
BudgetItem = Annotated[
    str,
    Field(
        pattern=BUDGET_ITEM_PATTERN,
        description="A budget item (momentti) as printed, e.g. `28.20.07`.",
    ),
]
Text = Annotated[str, Field(min_length=1)]

LAX = Strict(False)  # enums are written as their values; strict mode alone wants instances


class Model(BaseModel):
    """Strict and immutable: unknown keys are errors, values are never coerced. A field's
    docstring is its description in the JSON Schema and docs/agreement-format.md; `schema_file`
    reads them from the source, so that a command that only loads an agreement does not."""

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


class Comparison(StrEnum):
    """A strict or inclusive inequality printed as a target: `< 10`, `≥ 3,5`."""

    BELOW = "<"
    AT_MOST = "<="
    ABOVE = ">"
    AT_LEAST = ">="


class IdentityScope(StrEnum):
    """What an identity is checked on: the printed figures only, or actuals files too."""

    PRINTED = "printed"  # arithmetic of how targets were set, e.g. "73 % - 1" in a footnote
    ALL = "all"  # accounting that holds for any figures, e.g. a total and its lines
