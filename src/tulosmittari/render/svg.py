"""Small inline SVG charts of one metric across the agreement's years, drawn by hand.

No library and no script: the chart is text inside the HTML report, so it opens offline and
prints. Printed actuals and estimates are a solid line, targets a dashed one; a new actual is a
large marker whose shape and mark (not only its colour) tell its outcome, so a black-and-white
print still reads. The evaluated year is a shaded band; a year-end projection is a dotted ring
labelled as one, never an outcome's marker.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape

from tulosmittari.i18n import message
from tulosmittari.numbers import Lang, format_number
from tulosmittari.render.grid import OUTCOME_MARK
from tulosmittari.results import Outcome
from tulosmittari.summary import PointKind, Trend, TrendPoint

WIDTH, HEIGHT = 520, 210
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 26, 30
TICKS = 4

PRINTED = (PointKind.ACTUAL, PointKind.ESTIMATE)
TARGETS = (PointKind.TARGET, PointKind.PRELIMINARY)


def _nice_step(span: Decimal) -> Decimal:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about four intervals."""
    raw = span / TICKS
    power = Decimal(10) ** math.floor(math.log10(raw))
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        if raw <= power * factor:
            return power * factor
    return power * 10


def axis_ticks(values: Sequence[Decimal]) -> list[Decimal]:
    """Round values from below the smallest figure to above the largest."""
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    count = int((last - first) / step)
    return [first + step * i for i in range(count + 1)]


class _Frame:
    """Where a year and a value land inside the plot area."""

    def __init__(self, years: Sequence[int], ticks: Sequence[Decimal]) -> None:
        self.years = list(years)
        self.low, self.high = ticks[0], ticks[-1]
        self.step = (WIDTH - LEFT - RIGHT) / len(self.years)

    def x(self, year: int) -> float:
        return round(LEFT + self.step * (self.years.index(year) + 0.5), 1)

    def y(self, value: Decimal) -> float:
        share = float((value - self.low) / (self.high - self.low))
        return round(HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM), 1)


def _polyline(frame: _Frame, points: Sequence[TrendPoint], css: str) -> str:
    if len(points) < 2:
        return ""
    coords = " ".join(f"{frame.x(p.year)},{frame.y(p.value)}" for p in points)
    return f'<polyline class="{css}" points="{coords}"/>'


def marker(kind: PointKind | Outcome | None, x: float, y: float) -> str:
    """The shape of a point: circles for printed actuals, squares for targets, and for a new
    actual its outcome's own shape (a cross for a fail, a triangle for a warning)."""
    if kind is PointKind.ACTUAL:
        return f'<circle class="printed" cx="{x}" cy="{y}" r="4"/>'
    if kind is PointKind.ESTIMATE:
        return f'<circle class="printed hollow" cx="{x}" cy="{y}" r="4"/>'
    if kind is PointKind.TARGET:
        return f'<rect class="target" x="{x - 4}" y="{y - 4}" width="8" height="8"/>'
    if kind is PointKind.PRELIMINARY:
        return f'<rect class="target hollow" x="{x - 4}" y="{y - 4}" width="8" height="8"/>'
    if kind is Outcome.FAIL:
        d = f"M{x - 6},{y - 6}L{x + 6},{y + 6}M{x - 6},{y + 6}L{x + 6},{y - 6}"
        return f'<path class="new fail" d="{d}"/>'
    if kind is Outcome.WARN:
        return f'<path class="new warn" d="M{x},{y - 7}L{x + 7},{y + 6}L{x - 7},{y + 6}Z"/>'
    if kind is Outcome.PASS:
        return f'<circle class="new pass" cx="{x}" cy="{y}" r="6"/>'
    if kind is Outcome.INCOMPLETE:
        return f'<circle class="new incomplete" cx="{x}" cy="{y}" r="6"/>'
    return f'<circle class="new none" cx="{x}" cy="{y}" r="6"/>'


def _diamond(x: float, y: float) -> str:
    return f'<path class="target hollow" d="M{x},{y - 5}L{x + 5},{y}L{x},{y + 5}L{x - 5},{y}Z"/>'


def trend_chart(
    trend: Trend,
    years: Sequence[int],
    evaluated: Mapping[int, Sequence[str]],
    lang: Lang,
    label: str,
) -> str:
    """One metric's chart with the evaluated periods' years shaded; `label` names it for screen
    readers."""
    printed = [p for p in trend.points if p.source is None]
    forecast = trend.result.forecast
    values = [p.value for p in trend.points]
    values += [p.target for p in trend.points if p.target is not None]
    if not values:
        return ""
    if forecast is not None and trend.result.year in years:
        values.append(forecast.value)
    else:
        forecast = None
    ticks = axis_ticks(values)
    frame = _Frame(years, ticks)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f"<title>{escape(label)}</title>"
    ]
    for year, names in sorted(evaluated.items()):
        if year not in years:
            continue
        x = frame.x(year) - frame.step / 2
        parts.append(
            f'<rect class="evaluated" x="{round(x, 1)}" y="{TOP - 14}" '
            f'width="{round(frame.step, 1)}" height="{HEIGHT - BOTTOM - TOP + 14}"/>'
        )
        parts.append(
            f'<text class="evaluated-label" x="{frame.x(year)}" y="{TOP - 4}" '
            f'text-anchor="middle">{escape(", ".join(names))}</text>'
        )
    for tick in ticks:
        y = frame.y(tick)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4}" text-anchor="end">'
            f"{escape(format_number(tick, lang))}</text>"
        )
    for year in years:
        parts.append(
            f'<text class="tick" x="{frame.x(year)}" y="{HEIGHT - 10}" '
            f'text-anchor="middle">{year}</text>'
        )
    realized = [p for p in printed if p.kind in PRINTED] + [
        p for p in trend.line if p.kind is PointKind.NEW_ACTUAL
    ]
    realized.sort(key=lambda p: p.year)
    parts.append(_polyline(frame, realized, "printed-line"))
    parts.append(_polyline(frame, [p for p in printed if p.kind in TARGETS], "target-line"))
    for point in printed:
        x, y = frame.x(point.year), frame.y(point.value)
        if point.kind is not PointKind.NEW_ACTUAL:
            parts.append(marker(point.kind, x, y))
    for point in trend.points:
        if point.source is not None:
            parts.append(_diamond(frame.x(point.year), frame.y(point.value)))
    yearly_targets = {(p.year, p.value) for p in printed if p.kind in TARGETS}
    for point in trend.points:
        if point.kind is PointKind.NEW_ACTUAL:
            own = (point.year, point.target) in yearly_targets
            parts.append(_new_actual(frame, point, lang, show_target=not own))
    if forecast is not None:
        parts.append(_projection(frame, trend.result.year, forecast.value, lang))
    parts.append("</svg>")
    return "".join(p for p in parts if p)


def _new_actual(frame: _Frame, point: TrendPoint, lang: Lang, show_target: bool) -> str:
    """The reported figure with its mark and value beside it, and the period's target as a bar
    where it is not the year's own (a flow's half-year share)."""
    x, y = frame.x(point.year), frame.y(point.value)
    parts = []
    if show_target and point.target is not None:
        ty = frame.y(point.target)
        parts.append(
            f'<line class="period-target" x1="{x - 12}" x2="{x + 12}" y1="{ty}" y2="{ty}"/>'
        )
    parts.append(marker(point.outcome, x, y))
    mark = OUTCOME_MARK[point.outcome] if point.outcome else ""
    text = f"{mark} {format_number(point.value, lang)}".strip()
    css = f"value {point.outcome.value}" if point.outcome else "value"
    parts.append(f'<text class="{css}" x="{x + 10}" y="{y - 8}">{escape(text)}</text>')
    return "".join(parts)


def _projection(frame: _Frame, year: int, value: Decimal, lang: Lang) -> str:
    """The year-end projection: a dotted ring with its value, named a projection."""
    x, y = frame.x(year), frame.y(value)
    text = message("forecast.value", lang, value=format_number(value, lang))
    return (
        f'<circle class="forecast" cx="{x}" cy="{y}" r="8"/>'
        f'<text class="forecast" x="{x - 10}" y="{y + 4}" text-anchor="end">{escape(text)}</text>'
    )


def legend(lang: Lang) -> str:
    """What each line and shape means; one legend serves every chart of the report."""
    entries = [
        (marker(PointKind.ACTUAL, 10, 10), message("point.actual", lang)),
        (marker(PointKind.ESTIMATE, 10, 10), message("point.estimate", lang)),
        (marker(PointKind.TARGET, 10, 10), message("point.target", lang)),
        (marker(PointKind.PRELIMINARY, 10, 10), message("point.preliminary", lang)),
        (_diamond(10, 10), message("point.other_target", lang)),
        (
            '<line class="period-target" x1="0" x2="20" y1="10" y2="10"/>',
            message("point.period_target", lang),
        ),
        *(
            (marker(outcome, 10, 10), f"{message('point.new_actual', lang)}: {label}")
            for outcome, label in (
                (Outcome.PASS, message("outcome.pass", lang)),
                (Outcome.WARN, message("outcome.warn", lang)),
                (Outcome.FAIL, message("outcome.fail", lang)),
                (Outcome.INCOMPLETE, message("outcome.incomplete", lang)),
                (Outcome.NO_TARGET, message("outcome.no_target", lang)),
            )
        ),
        ('<circle class="forecast" cx="10" cy="10" r="7"/>', message("col.forecast", lang)),
    ]
    return "".join(
        f'<li><svg class="key" viewBox="0 0 20 20" aria-hidden="true">{shape}</svg>'
        f"{escape(text)}</li>"
        for shape, text in entries
    )
