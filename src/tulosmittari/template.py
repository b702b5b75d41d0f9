"""The actuals form an analyst fills in for one period: a row per figure and status due then.

What is due, decided from the agreement alone:
* every metric with a value, a `tbd` or another source's target for the period's year, and every
  formula input the document does not print (`printed: false`): the figures behind a derived
  metric are what the analyst knows;
* not a metric with a formula: it is computed from its inputs, and asking for both would invite
  two figures that disagree;
* not a metric measured once a year (a survey) when the period is part of a year;
* not an estimate that is no target (`not_a_target`) without a figure printed for the year:
  there is nothing to set it beside;
* every qualitative item of the period's year, whose row takes a status instead of a value.

A share or a ratio is best given as its two parts: the form then has `numerator` and
`denominator` columns, and where the agreement says what the parts count, the row's name says it
("Sairauspoissaolot: sairauspoissaolopäivät / jakson henkilötyövuodet").

The file is what Finnish Excel opens as columns: UTF-8 with a byte-order mark, `;` between fields,
CRLF line ends. `name` and `unit` are context for the reader of the form; the actuals reader
ignores them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tulosmittari.i18n import in_lang
from tulosmittari.numbers import Lang
from tulosmittari.periods import Granularity, Period
from tulosmittari.safe_text import neutralise
from tulosmittari.schema import Aggregation, Agreement, Direction, Metric, MissingCell

COLUMNS = ("metric", "period", "value", "status", "note", "source", "name", "unit")
PARTS_COLUMNS = ("numerator", "denominator")  # after `value`, when a row takes them
BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class TemplateRow:
    """One line of the form: which figure, for which period, and how the agreement names it."""

    id: str
    period: str
    name: str
    unit: str | None
    is_item: bool  # filled with a status, not a value
    has_parts: bool = False  # a share or a ratio: numerator and denominator may be filled


def template_rows(agreement: Agreement, period: Period, lang: Lang) -> list[TemplateRow]:
    """The rows due in `period`, in the agreement's printed order."""
    return [*_metric_rows(agreement, period, lang), *_item_rows(agreement, period)]


def _due(metric: Metric, period: Period) -> bool:
    if metric.formula is not None:
        return False
    if metric.yearly_only and period.granularity is not Granularity.YEAR:
        return False
    cell = metric.values.get(period.year)
    if metric.direction is Direction.NOT_A_TARGET:
        return isinstance(cell, Decimal)
    extra = any(x.year == period.year for x in metric.extra_targets)
    return not metric.printed or extra or isinstance(cell, Decimal | MissingCell)


def _metric_rows(agreement: Agreement, period: Period, lang: Lang) -> Iterator[TemplateRow]:
    for _, metric in agreement.iter_metrics():
        if _due(metric, period):
            yield TemplateRow(
                id=metric.id,
                period=str(period),
                name=_name(metric, lang),
                unit=in_lang(metric.unit, metric.unit_en, lang),
                is_item=False,
                has_parts=metric.effective_aggregation in (Aggregation.WEIGHTED, Aggregation.RATIO),
            )


def _name(metric: Metric, lang: Lang) -> str:
    """The metric's name, and what its numerator and denominator count where the agreement
    says so."""
    name = in_lang(metric.name, metric.name_en, lang)
    parts = metric.parts
    if parts is None:
        return name
    numerator = in_lang(parts.numerator, parts.numerator_en, lang)
    denominator = in_lang(parts.denominator, parts.denominator_en, lang)
    return f"{name}: {numerator} / {denominator}"


def _item_rows(agreement: Agreement, period: Period) -> Iterator[TemplateRow]:
    for _, _, year, item in agreement.iter_items():
        if year == period.year:
            yield TemplateRow(item.id, str(period), item.text, None, is_item=True)


def _context(text: str | None) -> str:
    """A name from the agreement that a spreadsheet will show, not run as a formula, with its
    control characters visible; line breaks become spaces so that every row stays one line."""
    return neutralise(" ".join((text or "").split()))


def render_template(rows: Sequence[TemplateRow]) -> str:
    """The form as CSV text, byte-order mark first; the figures, notes and sources empty, with
    `numerator` and `denominator` columns when a share or a ratio is due."""
    parts = any(row.has_parts for row in rows)
    columns = (*COLUMNS[:3], *PARTS_COLUMNS, *COLUMNS[3:]) if parts else COLUMNS
    empty = [""] * (len(columns) - 4)  # value to source
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.id, row.period, *empty, _context(row.name), _context(row.unit)])
    return BOM + buffer.getvalue()
