"""Wording in the reader's language: the catalogue's texts with their parameters filled in.

Renderers and the CLI ask here for labels, for the wording of a result's reason and for the
sentence of a problem; nothing else composes text a person reads, so both languages stay complete
and consistent. The texts themselves are in `tulosmittari.catalogue`.

Templates are `str.format` strings whose parameters are worded by type: a `Decimal` as a number
of the language (`465 668,5`, `465,668.5`), a nested `Message` in the same language, anything
else as `str()`. A format spec chooses a form:

* `{count:rivi|riviä}`: the first word when the number is 1, else the second (plural forms);
* `{name:q}`: quoted, with control characters escaped (`'billing_rate'`);
* `{names:or}` / `{names:and}`: a list joined the language's way (`a, b tai c`); `{names:qor}`
  and `{names:qand}` quote each item first (`'a', 'b' tai 'c'`);
* `{value:n}`: a number grouped by thousands, also for an `int` (`100 000`).
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal

from tulosmittari.catalogue import CATALOGUE
from tulosmittari.numbers import NBSP, Lang, format_number, with_unit
from tulosmittari.problems import Message, Problem
from tulosmittari.results import (
    Bound,
    Combination,
    Coverage,
    Outcome,
    ReasonCode,
    TargetResult,
    direction_bound,
)
from tulosmittari.schema import Direction, MissingReason, ValueRole

DEFAULT_LANG: Lang = "fi"
MESSAGE_PLACES = 6  # decimals shown of a figure inside a message: enough to tell two apart
_CONJUNCTIONS = {"or": ("tai", "or"), "and": ("ja", "and")}


def resolve_lang(lang: str | None) -> Lang:
    """`--lang` wins, then TULOS_LANG, then Finnish."""
    chosen = (lang or os.environ.get("TULOS_LANG") or DEFAULT_LANG).strip().lower()
    if chosen not in ("fi", "en"):
        raise ValueError(f"unknown language '{chosen}': use fi or en")
    return "fi" if chosen == "fi" else "en"


def message(key: str, lang: Lang, **params: object) -> str:
    """The catalogue text for a key in a language, with its parameters filled in."""
    fi, en = CATALOGUE[key]
    return _Wording(lang).format(fi if lang == "fi" else en, **params)


def word(text: Message | str, lang: Lang) -> str:
    """A message in the reader's language (a plain string is already worded)."""
    if isinstance(text, str):
        return text
    return message(text.key, lang, **text.arguments)


def problem_line(problem: Problem, lang: Lang) -> str:
    """`file:line:col [field]: error: message`, the one line a problem is shown as.

    The severity stays the English token in both languages: editors, CI problem matchers and
    `grep` read this form as compilers and linters write it; the message is the reader's.
    """
    return f"{problem.location}: {problem.severity.value}: {word(problem.message, lang)}"


class _Wording(string.Formatter):
    """`str.format` that words each parameter in one language (see the module's docstring)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if value == 1 else other
        if format_spec.removeprefix("q") in _CONJUNCTIONS:
            quoted = format_spec.startswith("q")
            return self._listed(value, _CONJUNCTIONS[format_spec.removeprefix("q")], quoted)
        if format_spec == "q":
            return repr(str(value))
        if format_spec == "n":
            return format_number(Decimal(value), self.lang, MESSAGE_PLACES)
        return self._worded(value) if not format_spec else format(value, format_spec)

    def _worded(self, value: object) -> str:
        if isinstance(value, Message):
            return word(value, self.lang)
        if isinstance(value, Decimal):
            return format_number(value, self.lang, MESSAGE_PLACES)
        return str(value)

    def _listed(self, values: Iterable[object], conjunctions: tuple[str, str], quoted: bool) -> str:
        items = list(values)
        shown = [repr(str(v)) if quoted else self._worded(v) for v in items]
        if len(shown) < 2:
            return "".join(shown)
        conjunction = conjunctions[0] if self.lang == "fi" else conjunctions[1]
        # "3,5, 4,5" would read as four numbers: Finnish lists of figures take semicolons
        comma = "; " if self.lang == "fi" and any(isinstance(v, Decimal) for v in items) else ", "
        return f"{comma.join(shown[:-1])} {conjunction} {shown[-1]}"


def outcome_label(outcome: Outcome, lang: Lang) -> str:
    return message(f"outcome.{outcome.value}", lang)


def role_label(role: ValueRole, lang: Lang) -> str:
    return message(f"role.{role.value}", lang)


def direction_label(direction: Direction, lang: Lang) -> str:
    return message(f"direction.{direction.value}", lang)


def in_lang(text: str, text_en: str | None, lang: Lang) -> str:
    """The agreement's own words: Finnish as printed, English where the agreement gives it."""
    return text_en if lang == "en" and text_en else text


def table_title(result: TargetResult, lang: Lang) -> str:
    return in_lang(result.table_title, result.table_title_en, lang)


def result_name(result: TargetResult, lang: Lang) -> str:
    """Metric names as printed in Finnish; English where the agreement gives it."""
    return result.name_en if lang == "en" and result.name_en else result.name


def result_unit(result: TargetResult, lang: Lang) -> str | None:
    return result.unit_en if lang == "en" and result.unit_en else result.unit


def amount(result: TargetResult, value: object, lang: Lang) -> str:
    """A figure of this result with its unit symbol, or empty when there is no figure."""
    if not isinstance(value, Decimal):
        return ""
    return with_unit(format_number(value, lang), symbol(result, lang))


def missing_word(reason: MissingReason, printed: str | None, lang: Lang) -> str:
    """A cell printed without a value: as printed in Finnish, the catalogue's word in English
    (the printed text is Finnish: "Uusi mittari, ei toteumaa")."""
    if printed and lang == "fi":
        return printed
    return message(f"missing.{reason.value}", lang)


def missing_label(result: TargetResult, lang: Lang) -> str:
    """Why a result's target has no value, as `missing_word` words it; empty when it has one."""
    if result.missing is None:
        return ""
    return missing_word(result.missing, result.missing_text, lang)


_COMPARED = (ReasonCode.MET, ReasonCode.MISSED, ReasonCode.MISSED_WITHIN_TOLERANCE)
_JUDGED = (Outcome.PASS, Outcome.WARN, Outcome.FAIL)


def describe_reason(result: TargetResult, lang: Lang) -> str:
    """The one-line reason a person reads, worded by the bound judged: `3,2 % < tavoite 3,5 %`,
    `9 < 10`, `3,7 on välillä 3,6–3,8`, `ei arvioitavissa: kattaa 5/6 kuukautta; 2024-06
    puuttuu`; in parentheses what the verdict rests on (a share of the yearly target, figures
    computed from parts, part of the period, an unweighted mean)."""
    code = result.reason
    if code in _COMPARED:
        text = _comparison(result, lang)
    elif code in (ReasonCode.BREAK_EVEN_MET, ReasonCode.BREAK_EVEN_MISSED):
        exact = ".exact" if not result.allowance else ""
        text = message(f"reason.{code.value}{exact}", lang, **_figures(result, lang))
    elif code is ReasonCode.PARTIAL_PERIOD:
        text = _partial_period(result.coverage, lang)
    elif code is ReasonCode.NOT_A_TARGET:
        text = (
            message("reason.not_a_target", lang, role=role_label(result.target_role, lang))
            if result.target_role in (ValueRole.ESTIMATE, ValueRole.ACTUAL)
            else message("reason.not_a_target.plain", lang)
        )
    elif code is ReasonCode.NO_TARGET_VALUE:
        text = (
            message("reason.no_target_value", lang, missing=missing_label(result, lang))
            if result.missing is not None
            else message("reason.no_target_value.plain", lang)
        )
    else:
        text = message(f"reason.{code.value}", lang)
    extras = _grounds(result, lang, "reason")
    return f"{text} ({'; '.join(extras)})" if extras else text


def _figures(result: TargetResult, lang: Lang) -> dict[str, object]:
    """The figures a comparison speaks of, each with its unit; a range as `3,6–3,8 %`."""
    high = result.target_high
    return {
        "actual": amount(result, result.actual, lang),
        "target": amount(result, result.target, lang),
        "allowance": amount(result, result.allowance, lang),
        "range": (
            f"{format_number(result.target, lang)}–{amount(result, high, lang)}"
            if result.target is not None and high is not None
            else ""
        ),
    }


def _comparison(result: TargetResult, lang: Lang) -> str:
    """A met or missed bound; a plain number's target also says which way is better."""
    bound = result.bound
    if bound is None:  # built without one: a plain number, judged by the metric's direction
        if result.direction is None or result.direction is Direction.NOT_A_TARGET:
            raise ValueError(f"{result.id}: a comparison needs a bound or a direction")
        bound = direction_bound(result.direction)
    text = message(f"reason.{result.reason.value}.{bound.value}", lang, **_figures(result, lang))
    by_direction = result.target_text is None and bound in (Bound.AT_LEAST, Bound.AT_MOST)
    if (
        by_direction
        and result.direction
        and result.reason is not ReasonCode.MISSED_WITHIN_TOLERANCE
    ):
        text = f"{text}; {direction_label(result.direction, lang)}"
    return text


def _partial_period(coverage: Coverage | None, lang: Lang) -> str:
    """`ei arvioitavissa: kattaa 5/6 kuukautta; 2024-06 puuttuu`: which months the figures lack."""
    if coverage is None:
        return message("reason.partial_period", lang)
    gaps = ""
    if coverage.missing:
        spans = _month_spans(coverage.missing)
        if len(coverage.missing) == 1:  # the Finnish verb agrees: puuttuu, puuttuvat
            gaps += message("reason.coverage.missing.one", lang, spans=spans)
        else:
            gaps += message("reason.coverage.missing.many", lang, spans=spans)
    if coverage.partial:
        gaps += message("reason.coverage.partial", lang, days=list(coverage.partial))
    return message(
        "reason.partial_period.months",
        lang,
        covered=coverage.covered,
        months=coverage.months,
        gaps=gaps,
    )


def _month_spans(months: Sequence[str]) -> list[str]:
    """Months (`2024-06`) with runs of three or more shown as one span: `2024-07–2024-12`."""
    runs: list[list[str]] = []
    for month in months:
        if runs and _month_number(runs[-1][-1]) + 1 == _month_number(month):
            runs[-1].append(month)
        else:
            runs.append([month])
    return [s for run in runs for s in ([f"{run[0]}–{run[-1]}"] if len(run) > 2 else run)]


def _month_number(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number)


_Place = Literal["reason", "alone", "beside"]
"""Where the facts a verdict rests on are said: in the reason's parentheses; as phrases of their
own where no reason is shown; as phrases beside a reason, where only what it leaves out is said."""


def _grounds(result: TargetResult, lang: Lang, place: _Place) -> list[str]:
    """What the verdict rests on besides the comparison, each fact tested once and worded for
    its place: the yearly target behind a part-year one (in the reason as a figure, a range as
    printed; on its own as printed, with its unit), a value computed from its parts, the part of
    the period the figures cover (the reason says the share of a verdict on part of it, and a
    `partial_period` reason which months are lacking), an unweighted mean (the reason only)."""
    grounds = []
    if (
        result.target is not None
        and result.annual_target is not None
        and result.target != result.annual_target
    ):
        if place == "reason":
            ranged = result.target_high is not None and result.target_text  # as printed: 3,6–3,8
            annual = result.target_text if ranged else amount(result, result.annual_target, lang)
            grounds.append(message("reason.pro_rata", lang, annual=annual))
        elif place == "alone":
            grounds.append(message("reason.pro_rata", lang, annual=yearly_target(result, lang)))
    if result.derived and place != "beside":
        grounds.append(message("reason.derived", lang))
    coverage = result.coverage
    if coverage is not None and not coverage.complete:
        on_part = result.outcome in _JUDGED  # a verdict on part of the period says on how much
        if place == "reason":
            if on_part:
                grounds.append(
                    message(
                        "reason.on_part", lang, covered=coverage.covered, months=coverage.months
                    )
                )
        elif place == "alone":
            grounds.append(coverage_text(coverage, lang))
        elif result.reason is not ReasonCode.PARTIAL_PERIOD:  # that reason names the gaps
            gaps = coverage_text(coverage, lang, share=not on_part)
            if gaps:
                grounds.append(gaps)
    if result.combination is Combination.UNWEIGHTED_MEAN and place == "reason":
        grounds.append(message("reason.unweighted_mean", lang, count=result.observations))
    return grounds


# --- What a row of results shows beside its figures ------------------------------------------

_BOUND_SIGN = {Bound.BELOW: "<", Bound.ABOVE: ">", Bound.AT_MOST: "≤", Bound.AT_LEAST: "≥"}


def source_label(result: TargetResult, lang: Lang) -> str | None:
    """Where a target other than the agreement's own comes from, in the reader's language."""
    if result.target_source is None:
        return None
    return in_lang(result.target_source, result.target_source_en, lang)


def is_percentage(result: TargetResult) -> bool:
    """A figure in percent: the difference of two is in percentage points."""
    return (symbol(result, "fi") or "").strip() == "%"


def target_amount(result: TargetResult, lang: Lang) -> str:
    """The period's target as judged: a range `3,6–3,8`, a printed inequality `< 10`, else the
    figure; with its unit, empty when there is none."""
    if result.target is None:
        return ""
    if result.bound is Bound.WITHIN and result.target_high is not None:
        low, high = (format_number(v, lang) for v in (result.target, result.target_high))
        return with_unit(f"{low}–{high}", symbol(result, lang))
    figure = amount(result, result.target, lang)
    strict = result.bound in (Bound.BELOW, Bound.ABOVE)
    if result.bound in _BOUND_SIGN and (strict or result.target_text is not None):
        return f"{_BOUND_SIGN[result.bound]}{NBSP}{figure}"
    return figure


def signed_difference(result: TargetResult, lang: Lang) -> str:
    """`+1 166 t€`, `−0,3 %-yks.`: the actual less the target, in percentage points where both
    are percentages."""
    if result.difference is None:
        return ""
    sign = "+" if result.difference > 0 else ""
    return sign + gap_amount(result, result.difference, lang)


def gap_amount(result: TargetResult, value: Decimal, lang: Lang) -> str:
    """A distance between two figures of this result, in its unit or in percentage points."""
    if is_percentage(result):
        return with_unit(format_number(value, lang), message("unit.pp", lang))
    return amount(result, value, lang)


def gap_text(result: TargetResult, gap: Decimal, relative: Decimal | None, lang: Lang) -> str:
    """`1 166 t€ (0,5 %)`: the relative gap only where it means something, not for percentages
    (points are the measure there) nor for a target of zero."""
    text = gap_amount(result, gap, lang)
    if relative is None or is_percentage(result):
        return text
    return f"{text} ({with_unit(format_number(relative * 100, lang, 1), '%')})"


def coverage_text(coverage: Coverage, lang: Lang, *, share: bool = True) -> str:
    """`5/6 kk; 2024-06 puuttuu`: how much of the period the figures cover; without `share`,
    only which months lack figures (where the share is said already)."""
    parts = []
    if share:
        parts.append(
            message("basis.coverage", lang, covered=coverage.covered, months=coverage.months)
        )
    if coverage.missing:
        parts.append(
            message("basis.missing", lang, months=coverage.missing, count=len(coverage.missing))
        )
    if coverage.partial:
        parts.append(message("basis.partial", lang, days=coverage.partial))
    return "; ".join(parts)


def forecast_text(result: TargetResult, lang: Lang, *, short: bool = False) -> str:
    """The projection of the year, labelled as one: `ennuste vuodelle 2024: 470 100 t€ — tavoite
    465 668 t€ vaarassa`; `short`, for a one-line row: `ennuste: vaarassa`."""
    forecast = result.forecast
    if forecast is None:
        return ""
    status = message(f"forecast.{forecast.status.value}", lang)
    if short:
        return message("forecast.short", lang, status=status)
    value = amount(result, forecast.value, lang)
    target = yearly_target(result, lang) or amount(result, forecast.target, lang)
    return message(
        "forecast.line", lang, year=result.year, value=value, target=target, status=status
    )


def yearly_target(result: TargetResult, lang: Lang) -> str:
    """The year's target behind a part-year one: as printed for an expression, else the figure."""
    if result.target_text is not None:
        return with_unit(result.target_text, symbol(result, lang))
    return amount(result, result.annual_target, lang)


def symbol(result: TargetResult, lang: Lang) -> str | None:
    """What follows a figure: the metric's symbol (in English where it has one), else its unit."""
    if lang == "en" and result.symbol_en is not None:
        return result.symbol_en
    return result.symbol if result.symbol is not None else result_unit(result, lang)


def explanation(result: TargetResult, lang: Lang) -> str:
    """The notes of the actuals files, or, for a miss without one, that it is missing."""
    if result.notes:
        return "; ".join(result.notes)
    return message("basis.unexplained", lang) if result.unexplained else ""


def figure_basis(result: TargetResult, lang: Lang, *, beside_reason: bool = False) -> list[str]:
    """What the figures of a verdict rest on, a phrase each: the yearly target behind a part-year
    one, a value computed from its parts, the coverage of the period. `beside_reason`, where the
    reason (`describe_reason`) is shown next to them: only what the reason does not say."""
    return _grounds(result, lang, "beside" if beside_reason else "alone")


def basis(result: TargetResult, lang: Lang, *, reason: bool = False) -> list[str]:
    """What a verdict rests on beyond the row's own figures: `figure_basis`, the year-end
    projection and the explanation; with `reason`, led by the reason's sentence."""
    phrases = [describe_reason(result, lang)] if reason else []
    phrases.extend(figure_basis(result, lang, beside_reason=reason))
    if result.forecast is not None:
        phrases.append(forecast_text(result, lang))
    if result.notes:
        phrases.append(message("basis.note", lang, note=explanation(result, lang)))
    elif result.unexplained:
        phrases.append(explanation(result, lang))
    return phrases
