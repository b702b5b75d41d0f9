"""The semantic diff of two agreement versions as grids, for every text format `tulos diff` offers.

One module for the diff's wording, so that a change reads the same in every format: each change
becomes a row of display strings (worded from the catalogue), grouped by the part of the
agreement it is in, and the text formats lay these grids out as they lay out their own. JSON
carries the same changes as data, with `change_text` as its description.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel

from tulosmittari.diff import (
    AgreementDiff,
    Change,
    ChangeKind,
    Effect,
    Flip,
    Subject,
    SubjectKind,
    TableRef,
    Value,
)
from tulosmittari.i18n import (
    amount,
    direction_label,
    in_lang,
    message,
    missing_label,
    result_name,
    role_label,
)
from tulosmittari.numbers import Lang, format_number, with_unit
from tulosmittari.render.grid import Grid, cell_text, outcome_word
from tulosmittari.results import TargetResult
from tulosmittari.safe_text import clean
from tulosmittari.schema import (
    ColumnKind,
    Direction,
    LineRole,
    MissingCell,
    PeriodKind,
    ReferenceCell,
    Scale,
    Tolerance,
    ValueRole,
)

# --- Wording ---------------------------------------------------------------------------------


def subject_text(subject: Subject, lang: Lang) -> str:
    """`mittari: Palvelujen käyttöaste`; items by id, since their text can be a paragraph."""
    label = message(f"subject.{subject.kind.value}", lang)
    name = subject.name_en if lang == "en" and subject.name_en else subject.name
    if subject.kind is SubjectKind.AGREEMENT:
        return label
    if subject.kind is SubjectKind.ITEM or not name:
        return f"{label}: {subject.id}"
    if subject.kind is SubjectKind.SECTION:
        return f"{label}: {subject.id} {name}"
    return f"{label}: {name}"


def change_text(change: Change, lang: Lang) -> str:
    """What changed: `tavoite`, `lisätty tavoite (talousarvioesitys)`, `kenttä meta.date`."""
    kind = change.kind.value
    if change.source is not None and change.kind in (
        ChangeKind.ADDED,
        ChangeKind.REMOVED,
        ChangeKind.TARGET_CHANGED,
    ):
        return message(f"change.{kind}.source", lang, source=change.source)
    if change.kind is ChangeKind.FIELD_CHANGED:
        return message("change.field_changed", lang, field=change.field)
    if change.kind is ChangeKind.ROLE_CHANGED and change.subject.kind is SubjectKind.AGREEMENT:
        return message("change.role_changed.agreement", lang)
    return message(f"change.{kind}", lang)


# Changes whose numbers are figures in the metric's unit (not weights, years or counts).
_IN_UNIT = frozenset(
    {
        ChangeKind.TARGET_CHANGED,
        ChangeKind.VALUE_CHANGED,
        ChangeKind.TOLERANCE_CHANGED,
        ChangeKind.ADDED,
        ChangeKind.REMOVED,
    }
)


def side_text(change: Change, value: Value, lang: Lang) -> str:
    """One side of a change; figures carry the metric's unit where they are in it."""
    subject = change.subject
    unit = subject.unit_en if lang == "en" and subject.unit_en else subject.unit
    return value_text(value, unit if change.kind in _IN_UNIT else None, lang)


def value_text(value: Value, unit: str | None, lang: Lang) -> str:
    """A value as a reader of the agreement would write it: `99,5 %`, `13.12.2023`, `tbd`."""
    if value is None or value == ():
        return "–"
    if isinstance(value, bool):
        return message("value.yes" if value else "value.no", lang)
    if isinstance(value, Decimal):
        return with_unit(format_number(value, lang, max_places=6), unit)
    if isinstance(value, StrEnum):
        return _enum_text(value, lang)
    if isinstance(value, str | int):
        return str(value)
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}" if lang == "fi" else value.isoformat()
    if isinstance(value, TableRef):
        return message("table.heading", lang, number=value.number, title=value.title)
    if isinstance(value, tuple | list):  # a list inside a model given on one side only
        return ", ".join(value_text(v, unit, lang) for v in value)
    return _model_text(value, unit, lang)


def _enum_text(value: StrEnum, lang: Lang) -> str:
    if isinstance(value, Direction):
        return direction_label(value, lang)
    if isinstance(value, ValueRole):
        return role_label(value, lang)
    if isinstance(value, ColumnKind):
        return f"{value.value} ({role_label(value.role, lang)})"
    if isinstance(value, PeriodKind | LineRole):
        return message(f"{type(value).__name__.lower()}.{value.value}", lang)
    return value.value


def _model_text(value: BaseModel, unit: str | None, lang: Lang) -> str:
    if isinstance(value, MissingCell | ReferenceCell):
        return cell_text(value, lang)
    if isinstance(value, Scale):
        return f"{format_number(value.min, lang)}–{format_number(value.max, lang)}"
    if isinstance(value, Tolerance):
        parts = []
        if value.absolute is not None:
            parts.append(f"± {value_text(value.absolute, unit, lang)}")
        if value.relative is not None:
            parts.append(f"± {with_unit(format_number(value.relative * 100, lang), '%')}")
        return " / ".join(parts)
    shown = (getattr(value, name) for name in type(value).model_fields)
    return ", ".join(value_text(v, unit, lang) for v in shown if v not in (None, [], ""))


def effect_text(effect: Effect | None, lang: Lang) -> str:
    return message(f"effect.{effect.value}", lang) if effect is not None else ""


def summary_text(diff: AgreementDiff, lang: Lang) -> str:
    """`12 muutosta; tavoitteet: 3 tiukempi, 2 helpompi, ...`, or that nothing changed."""
    if not diff.changed:
        return message("diff.none", lang)
    counts = {effect.value: n for effect, n in diff.effect_counts().items()}
    return message("diff.summary", lang, count=len(diff.changes), **counts)


def title_text(diff: AgreementDiff, lang: Lang) -> str:
    return message(
        "diff.heading", lang, title=diff.new_title, old=diff.old_source, new=diff.new_source
    )


# --- Grids -----------------------------------------------------------------------------------


def _group_key(change: Change) -> str:
    if change.subject.table is not None:
        return f"table:{change.subject.table.id}"
    if change.subject.kind in (SubjectKind.IDENTITY, SubjectKind.ACKNOWLEDGEMENT):
        return "identities"
    return "agreement"


def _group_title(change: Change, lang: Lang) -> str:
    table = change.subject.table
    if table is not None:
        title = in_lang(table.title, table.title_en, lang)
        return message("table.heading", lang, number=table.number, title=title)
    return message(f"diff.group.{_group_key(change)}", lang)


def change_grids(diff: AgreementDiff, lang: Lang) -> Iterator[Grid]:
    """One grid per part of the agreement (its metadata, each table, the identities)."""
    lines = any(c.location is not None and c.location.line is not None for c in diff.changes)
    keys = ("subject", "year", "change", "old", "new", "effect")
    headers = tuple(message(f"col.{key}", lang) for key in keys)
    if lines:
        headers = (message("col.line", lang), *headers)
    for group in change_groups(diff):
        yield _grid(group, headers, lines, lang)


def change_groups(diff: AgreementDiff) -> list[list[Change]]:
    """Consecutive changes of one part of the agreement (changes come in agreement order)."""
    groups: list[list[Change]] = []
    for change in diff.changes:
        if groups and _group_key(groups[-1][0]) == _group_key(change):
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups


def _grid(changes: list[Change], headers: tuple[str, ...], lines: bool, lang: Lang) -> Grid:
    rows = []
    for change in changes:
        row: tuple[str, ...] = (
            subject_text(change.subject, lang),
            str(change.year) if change.year is not None else "",
            change_text(change, lang),
            side_text(change, change.old, lang),
            side_text(change, change.new, lang),
            effect_text(change.effect, lang),
        )
        if lines:
            line = change.location.line if change.location else None
            row = (str(line) if line is not None else "", *row)
        rows.append(row)
    return Grid(
        title=_group_title(changes[0], lang),
        headers=headers,
        right=frozenset({0} if lines else ()),
        rows=tuple(rows),
        shrink=tuple(range(len(headers))),  # a value can be a paragraph: any column may wrap
    )


def flip_grid(diff: AgreementDiff, lang: Lang) -> Grid:
    """Targets whose outcome against the same actuals differs between the versions."""
    keys = ("metric", "period", "target_before", "target_after", "actual", "before", "after")
    return Grid(
        title=message("diff.flips", lang, periods=", ".join(diff.periods)),
        headers=tuple(message(f"col.{key}", lang) for key in keys),
        right=frozenset({2, 3, 4}),
        rows=tuple(_flip_row(flip, lang) for flip in diff.flips),
        shrink=tuple(range(len(keys))),
        empty=message("diff.no_flips", lang),
    )


def _target_text(result: TargetResult, lang: Lang) -> str:
    """The target with its kind (binding, preliminary) and any other source."""
    if result.target is None:
        return clean(missing_label(result, lang))
    text = clean(amount(result, result.target, lang))
    notes = []
    if result.target_role is not None:
        notes.append(role_label(result.target_role, lang))
    if result.target_source:
        notes.append(clean(result.target_source))
    return f"{text} ({', '.join(notes)})" if notes else text


def _flip_row(flip: Flip, lang: Lang) -> tuple[str, ...]:
    result = flip.result

    def target(side: TargetResult | None) -> str:
        return _target_text(side, lang) if side is not None else "–"

    def outcome(side: TargetResult | None) -> str:
        return outcome_word(side.outcome, lang) if side is not None else "–"

    return (
        result_name(result, lang),
        result.period,
        target(flip.old),
        target(flip.new),
        amount(result, result.actual, lang),
        outcome(flip.old),
        outcome(flip.new),
    )


def diff_grids(diff: AgreementDiff, lang: Lang) -> list[Grid]:
    """The changes by part of the agreement, then the flips when actuals were given."""
    grids = list(change_grids(diff, lang))
    if diff.periods:
        grids.append(flip_grid(diff, lang))
    return grids
