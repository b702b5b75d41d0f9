"""What an edit of an agreement changes in meaning, not in text.

Agreements are revised every year: preliminary targets are re-set and a year becomes binding. The
edits happen in git, where a text diff shows moved lines and reformatting as loudly as a target
made easier. Here two loaded agreements are compared as models: rows, groups, items and
identities are matched by id (so moving or reordering them is not an edit), and every difference
becomes one `Change` value with the figures it speaks of. Changes come in the agreement's order;
the renderers word them, nothing here does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeAlias, TypeVar

from pydantic import BaseModel

from tulosmittari.problems import Location
from tulosmittari.results import CheckReport, Outcome, TargetResult
from tulosmittari.schema import (
    Agreement,
    ColumnKind,
    Direction,
    ExtraTarget,
    Identity,
    ImpactTarget,
    Metric,
    MissingCell,
    QualitativeGroup,
    QualitativeItem,
    ReferenceRow,
    SocietalImpactRow,
    Table,
    ValueRole,
)


class ChangeKind(StrEnum):
    """What kind of difference a change is; the JSON contract uses these words."""

    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"  # a row or group now lives in another table
    TARGET_CHANGED = "target_changed"  # a target or preliminary target, set, changed or unset
    VALUE_CHANGED = "value_changed"  # a printed actual or estimate
    ROLE_CHANGED = "role_changed"  # a column's kind, or which years the agreement binds
    TEXT_CHANGED = "text_changed"  # the wording of a qualitative item, footnote or note
    UNIT_CHANGED = "unit_changed"
    DIRECTION_CHANGED = "direction_changed"
    PERIOD_KIND_CHANGED = "period_kind_changed"
    SCALE_CHANGED = "scale_changed"
    TOLERANCE_CHANGED = "tolerance_changed"
    FORMULA_CHANGED = "formula_changed"
    LINE_ROLE_CHANGED = "line_role_changed"  # a budget line's role (expense, income, ...)
    FIELD_CHANGED = "field_changed"  # any other field, named by `Change.field`


class SubjectKind(StrEnum):
    """What a change is about."""

    AGREEMENT = "agreement"  # metadata, validity, strategy
    SECTION = "section"
    IMPACT_GOAL = "impact_goal"
    TABLE = "table"
    COLUMN = "column"
    METRIC = "metric"
    BUDGET_LINE = "budget_line"  # a metric with a `role`
    REFERENCE_ROW = "reference_row"
    QUOTED_TARGET = "quoted_target"  # a target quoted in the societal-impact table
    IMPACT_ROW = "impact_row"
    GROUP = "group"
    ITEM = "item"
    FOOTNOTE = "footnote"
    IDENTITY = "identity"
    ACKNOWLEDGEMENT = "acknowledgement"


class Effect(StrEnum):
    """What a changed target means for the agency, given the metric's direction."""

    EASIER = "easier"
    HARDER = "harder"
    SHIFTED = "shifted"  # break-even: the point moved, neither easier nor harder
    CHANGED = "changed"  # not a target, or the direction changed as well


@dataclass(frozen=True, slots=True)
class TableRef:
    """A table as a reader knows it: by number and title."""

    id: str
    number: int
    title: str
    title_en: str | None = None


Value: TypeAlias = (
    "Decimal | int | str | dt.date | StrEnum | BaseModel | TableRef | tuple[Value, ...] | None"
)
Path: TypeAlias = tuple[str | int, ...]
K = TypeVar("K", bound=Hashable)
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Subject:
    """The thing a change is about, with what a renderer needs to name it."""

    kind: SubjectKind
    id: str
    name: str | None = None
    name_en: str | None = None
    table: TableRef | None = None
    unit: str | None = None
    unit_en: str | None = None
    direction: Direction | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic difference. `old` is None when something was added, `new` when removed.

    `path` leads to the thing in the new agreement's data; for something removed, to the nearest
    place that still exists there (the list it was in), so the reviewer is pointed at the line.
    """

    kind: ChangeKind
    subject: Subject
    year: int | None = None
    field: str | None = None  # for FIELD_CHANGED (and a few others): the field, dotted
    source: str | None = None  # a second target's source, e.g. `talousarvioesitys`
    old: Value = None
    new: Value = None
    effect: Effect | None = None
    path: Path = ()
    location: Location | None = None  # `path` in the new file, when the caller can locate it


@dataclass(frozen=True, slots=True)
class Flip:
    """A target whose outcome against the same actuals differs between the two versions."""

    old: TargetResult | None
    new: TargetResult | None

    @property
    def result(self) -> TargetResult:
        """The result naming the target: the new one, or the old one if it is gone."""
        found = self.new or self.old
        assert found is not None, "a flip has at least one side"
        return found


@dataclass(frozen=True, slots=True)
class AgreementDiff:
    """Every semantic change from one version of an agreement to another, in agreement order."""

    old_id: str
    new_id: str
    old_title: str
    new_title: str
    changes: tuple[Change, ...]
    old_source: str = ""  # where each version came from, e.g. `agreements/x.yaml@HEAD~1`
    new_source: str = ""
    periods: tuple[str, ...] = ()  # the periods the flips were evaluated for
    flips: tuple[Flip, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def effect_counts(self) -> dict[Effect, int]:
        """Changed targets by effect, every effect present (zero where none)."""
        counted = dict.fromkeys(Effect, 0)
        for change in self.changes:
            if change.effect is not None:
                counted[change.effect] += 1
        return counted


def diff_agreements(
    old: Agreement,
    new: Agreement,
    *,
    old_source: str = "",
    new_source: str = "",
    locate: Callable[[Path], Location] | None = None,
) -> AgreementDiff:
    """Every semantic change from `old` to `new`; none when they mean the same.

    `locate` (the new file's `SourceMap.locate`) gives each change the line it is on.
    """
    changes = _Differ(old, new).changes()
    if locate is not None:
        changes = (replace(c, location=locate(c.path)) for c in changes)
    return AgreementDiff(
        old_id=old.meta.id,
        new_id=new.meta.id,
        old_title=old.meta.title,
        new_title=new.meta.title,
        changes=tuple(changes),
        old_source=old_source,
        new_source=new_source,
    )


_JUDGED = frozenset({Outcome.PASS, Outcome.WARN, Outcome.FAIL})


def with_flips(diff: AgreementDiff, old: CheckReport, new: CheckReport) -> AgreementDiff:
    """The diff with the targets whose outcome the edit changes against the same actuals.

    A target that is unjudged on both sides (no data, no target) is left out: an added table
    with no actuals yet would otherwise list every row without telling anything.
    """

    def key(result: TargetResult) -> tuple[str, str, str, str | None]:
        return (result.kind.value, result.id, result.period, result.target_source)

    before = {key(r): r for r in old.results}
    after = {key(r): r for r in new.results}
    pairs: list[tuple[TargetResult | None, TargetResult | None]] = [
        (before.get(k), r) for k, r in after.items()
    ]
    pairs.extend((r, None) for k, r in before.items() if k not in after)
    flips = tuple(
        Flip(a, b)
        for a, b in pairs
        if (a.outcome if a else None) != (b.outcome if b else None)
        and any(r is not None and r.outcome in _JUDGED for r in (a, b))
    )
    return replace(diff, periods=new.periods, flips=flips)


# --- Comparing ------------------------------------------------------------------------------


_TARGET_ROLES = frozenset({ValueRole.TARGET, ValueRole.PRELIMINARY_TARGET})

# Metric fields with a change kind of their own; the rest are compared generically.
_METRIC_FIELDS: dict[str, ChangeKind] = {
    "unit": ChangeKind.UNIT_CHANGED,
    "direction": ChangeKind.DIRECTION_CHANGED,
    "period_kind": ChangeKind.PERIOD_KIND_CHANGED,
    "scale": ChangeKind.SCALE_CHANGED,
    "tolerance": ChangeKind.TOLERANCE_CHANGED,
    "formula": ChangeKind.FORMULA_CHANGED,
    "role": ChangeKind.LINE_ROLE_CHANGED,
}


def _value(value: object) -> Value:
    """A field's value as a change holds it: lists become tuples, so a change stays immutable."""
    if isinstance(value, list | tuple):
        return tuple(_value(v) for v in value)
    if value is None or isinstance(value, Decimal | int | str | dt.date | StrEnum | BaseModel):
        return value
    raise TypeError(f"no change value for {type(value).__name__}")


def _merged(old: Sequence[K], new: Sequence[K]) -> list[K]:
    """Keys of both sides in the new order, each removed key placed after its old predecessor."""
    position = {key: index for index, key in enumerate(old)}
    kept = set(new)
    removed = [key for key in old if key not in kept]
    merged: list[K] = []
    for key in new:
        if key in position:
            while removed and position[removed[0]] < position[key]:
                merged.append(removed.pop(0))
        merged.append(key)
    merged.extend(removed)
    return merged


def _keyed(things: Iterable[tuple[K, object]]) -> dict[K, int]:
    """First index of each key; a key given again (invalid anyway) is matched once."""
    index: dict[K, int] = {}
    for position, (key, _) in enumerate(things):
        index.setdefault(key, position)
    return index


def _effect(
    old: Direction | None, new: Direction | None, before: Decimal, after: Decimal
) -> Effect:
    """Easier or harder for the agency; a break-even point just moves."""
    if old is not new or new is None or new is Direction.NOT_A_TARGET:
        return Effect.CHANGED
    if new is Direction.BREAK_EVEN:
        return Effect.SHIFTED
    lower_is_easier = new is Direction.HIGHER_IS_BETTER
    return Effect.EASIER if (after < before) == lower_is_easier else Effect.HARDER


def _table_ref(table: Table) -> TableRef:
    return TableRef(table.id, table.number, table.title, table.title_en)


def _role(table: Table, year: int) -> ColumnKind | None:
    column = table.column_for(year)
    return column.kind if column else None


class _Differ:
    """One comparison: both agreements with their ids indexed, yielding changes in order."""

    def __init__(self, old: Agreement, new: Agreement) -> None:
        self.old = old
        self.new = new
        self.old_groups = _groups(old)
        self.new_groups = _groups(new)
        self.old_items = _items(old)
        self.new_items = _items(new)

    def changes(self) -> Iterator[Change]:
        yield from self._meta()
        agreement = Subject(SubjectKind.AGREEMENT, self.new.meta.id, self.new.meta.title)
        yield from _fields(
            self.old,
            self.new,
            agreement,
            (),
            skip={"meta", "sections", "impact_goals", "tables", "identities"},
        )
        yield from self._listed(
            [(s.number, s) for s in self.old.sections],
            [(s.number, s) for s in self.new.sections],
            "sections",
            lambda s: Subject(SubjectKind.SECTION, s.number, s.title),
            lambda s: s.title,
        )
        yield from self._listed(
            [(g.id, g) for g in self.old.impact_goals],
            [(g.id, g) for g in self.new.impact_goals],
            "impact_goals",
            lambda g: Subject(SubjectKind.IMPACT_GOAL, g.id, g.title),
            lambda g: g.title,
        )
        yield from self._tables()
        yield from self._identities()

    # --- metadata ---

    def _meta(self) -> Iterator[Change]:
        old, new = self.old.meta, self.new.meta
        subject = Subject(SubjectKind.AGREEMENT, new.id, new.title)
        yield from _fields(old, new, subject, ("meta",), skip={"validity"}, prefix="meta.")
        years = range(
            min(old.years.first, new.years.first), max(old.years.last, new.years.last) + 1
        )
        for year in years:
            before, after = self.old.target_role(year), self.new.target_role(year)
            if before is not after:
                yield Change(
                    ChangeKind.ROLE_CHANGED,
                    subject,
                    year=year,
                    field="meta.validity.binding_years",
                    old=before,
                    new=after,
                    path=("meta", "validity", "binding_years"),
                )
        if old.validity is not None and new.validity is not None:
            yield from _fields(
                old.validity,
                new.validity,
                subject,
                ("meta", "validity"),
                skip={"binding_years"},
                prefix="meta.validity.",
            )
        elif old.validity != new.validity:  # given on one side only: the whole of it changed
            yield Change(
                ChangeKind.FIELD_CHANGED,
                subject,
                field="meta.validity",
                old=_value(old.validity),
                new=_value(new.validity),
                path=("meta", "validity"),
            )

    def _listed(
        self,
        old: list[tuple[str, M]],
        new: list[tuple[str, M]],
        key: str,
        subject: Callable[[M], Subject],
        label: Callable[[M], str],
    ) -> Iterator[Change]:
        """Added, removed and changed members of a top-level list matched by a key."""
        old_at, new_at = _keyed(old), _keyed(new)
        for name in _merged([k for k, _ in old], [k for k, _ in new]):
            if name not in new_at:
                thing = old[old_at[name]][1]
                yield Change(ChangeKind.REMOVED, subject(thing), old=label(thing), path=(key,))
            elif name not in old_at:
                thing = new[new_at[name]][1]
                yield Change(
                    ChangeKind.ADDED, subject(thing), new=label(thing), path=(key, new_at[name])
                )
            else:
                after = new[new_at[name]][1]
                yield from _fields(
                    old[old_at[name]][1], after, subject(after), (key, new_at[name]), skip=set()
                )

    # --- tables ---

    def _tables(self) -> Iterator[Change]:
        old_at = {t.id: i for i, t in enumerate(self.old.tables)}
        new_at = {t.id: i for i, t in enumerate(self.new.tables)}
        for table_id in _merged(list(old_at), list(new_at)):
            before = self.old.tables[old_at[table_id]] if table_id in old_at else None
            after = self.new.tables[new_at[table_id]] if table_id in new_at else None
            if after is None:
                assert before is not None
                subject = Subject(
                    SubjectKind.TABLE, before.id, before.title, table=_table_ref(before)
                )
                yield Change(ChangeKind.REMOVED, subject, old=before.title, path=("tables",))
                empty = before.model_copy(update={"metrics": [], "groups": [], "impact_rows": []})
                yield from self._table_contents(before, empty, ("tables",), removed=True)
                continue
            path: Path = ("tables", new_at[table_id])
            subject = Subject(SubjectKind.TABLE, after.id, after.title, table=_table_ref(after))
            if before is None:
                yield Change(ChangeKind.ADDED, subject, new=after.title, path=path)
                empty = after.model_copy(update={"metrics": [], "groups": [], "impact_rows": []})
                yield from self._table_contents(empty, after, path)
                continue
            yield from _fields(
                before,
                after,
                subject,
                path,
                skip={"columns", "metrics", "groups", "impact_rows", "footnotes"},
            )
            yield from self._columns(before, after, path)
            yield from self._table_contents(before, after, path)
            yield from self._footnotes(before, after, path)

    def _columns(self, before: Table, after: Table, path: Path) -> Iterator[Change]:
        old_at = {c.year: i for i, c in enumerate(before.columns)}
        new_at = {c.year: i for i, c in enumerate(after.columns)}
        ref = _table_ref(after)
        for year in _merged(list(old_at), list(new_at)):
            assert isinstance(year, int)
            subject = Subject(SubjectKind.COLUMN, str(year), table=ref)
            if year not in new_at:
                column = before.columns[old_at[year]]
                yield Change(
                    ChangeKind.REMOVED, subject, year=year, old=column.kind, path=(*path, "columns")
                )
                continue
            column = after.columns[new_at[year]]
            where: Path = (*path, "columns", new_at[year])
            subject = Subject(SubjectKind.COLUMN, str(year), column.label, table=ref)
            if year not in old_at:
                yield Change(ChangeKind.ADDED, subject, year=year, new=column.kind, path=where)
                continue
            previous = before.columns[old_at[year]]
            if previous.kind is not column.kind:
                yield Change(
                    ChangeKind.ROLE_CHANGED,
                    subject,
                    year=year,
                    field="kind",
                    old=previous.kind,
                    new=column.kind,
                    path=(*where, "kind"),
                )
            yield from _fields(previous, column, subject, where, skip={"year", "kind"})

    def _footnotes(self, before: Table, after: Table, path: Path) -> Iterator[Change]:
        old_at = _keyed((f.mark, f) for f in before.footnotes)
        new_at = _keyed((f.mark, f) for f in after.footnotes)
        ref = _table_ref(after)
        for mark in _merged(list(old_at), list(new_at)):
            assert isinstance(mark, str)
            subject = Subject(SubjectKind.FOOTNOTE, mark, table=ref)
            if mark not in new_at:
                old_text = before.footnotes[old_at[mark]].text
                yield Change(ChangeKind.REMOVED, subject, old=old_text, path=(*path, "footnotes"))
                continue
            where: Path = (*path, "footnotes", new_at[mark])
            text = after.footnotes[new_at[mark]].text
            if mark not in old_at:
                yield Change(ChangeKind.ADDED, subject, new=text, path=where)
            elif before.footnotes[old_at[mark]].text != text:
                yield Change(
                    ChangeKind.TEXT_CHANGED,
                    subject,
                    old=before.footnotes[old_at[mark]].text,
                    new=text,
                    path=(*where, "text"),
                )

    def _table_contents(
        self, before: Table, after: Table, path: Path, *, removed: bool = False
    ) -> Iterator[Change]:
        """Rows, groups and quoted targets; `removed`: the table is gone, `path` is `tables`."""
        yield from self._rows(before, after, path, removed)
        yield from self._groups(before, after, path, removed)
        yield from self._impact_rows(before, after, path, removed)

    # --- rows ---

    def _rows(self, before: Table, after: Table, path: Path, removed: bool) -> Iterator[Change]:
        old_keys = _row_keys(before.metrics)
        new_keys = _row_keys(after.metrics)
        old_at = {k: i for i, k in enumerate(old_keys)}
        new_at = {k: i for i, k in enumerate(new_keys)}
        for key in _merged(old_keys, new_keys):
            if key in new_at:
                where: Path = (*path, "metrics", new_at[key])
                row = after.metrics[new_at[key]]
                if isinstance(row, Metric):
                    yield from self._metric(after, row, where)
                else:
                    old_row = before.metrics[old_at[key]] if key in old_at else None
                    assert old_row is None or isinstance(old_row, ReferenceRow)
                    yield from _reference(after, old_row, row, where)
                continue
            row = before.metrics[old_at[key]]
            if isinstance(row, Metric) and row.id in self.new.metric_index:
                continue  # moved: reported where it is now
            where = path if removed else (*path, "metrics")
            subject = (
                _metric_subject(before, row)
                if isinstance(row, Metric)
                else Subject(SubjectKind.REFERENCE_ROW, row.see, row.name, table=_table_ref(before))
            )
            yield Change(ChangeKind.REMOVED, subject, old=row.name, path=where)

    def _metric(self, table: Table, metric: Metric, path: Path) -> Iterator[Change]:
        subject = _metric_subject(table, metric)
        found = self.old.metric_index.get(metric.id)
        if found is None:
            yield Change(ChangeKind.ADDED, subject, new=metric.name, path=path)
            yield from _values(None, None, table, metric, subject, path)
            yield from _extra_targets(None, metric, subject, path)
            return
        old_table, old_metric = found
        if old_table.id != table.id:
            yield Change(
                ChangeKind.MOVED,
                subject,
                old=_table_ref(old_table),
                new=_table_ref(table),
                path=path,
            )
        for name, kind in _METRIC_FIELDS.items():
            before, after = getattr(old_metric, name), getattr(metric, name)
            if before != after:
                yield Change(
                    kind,
                    subject,
                    field=name,
                    old=_value(before),
                    new=_value(after),
                    path=(*path, name),
                )
        yield from _fields(
            old_metric,
            metric,
            subject,
            path,
            skip={"id", "values", "extra_targets", *_METRIC_FIELDS},
        )
        yield from _values(old_table, old_metric, table, metric, subject, path)
        yield from _extra_targets(old_metric, metric, subject, path)

    # --- qualitative groups and items ---

    def _groups(self, before: Table, after: Table, path: Path, removed: bool) -> Iterator[Change]:
        old_at = {g.id: i for i, g in enumerate(before.groups)}
        new_at = {g.id: i for i, g in enumerate(after.groups)}
        for group_id in _merged(list(old_at), list(new_at)):
            assert isinstance(group_id, str)
            if group_id not in new_at:
                if group_id in self.new_groups:
                    continue  # moved: reported where it is now
                group = before.groups[old_at[group_id]]
                yield Change(
                    ChangeKind.REMOVED,
                    _group_subject(before, group),
                    old=group.title,
                    path=path if removed else (*path, "groups"),
                )
                continue
            group = after.groups[new_at[group_id]]
            where = (*path, "groups", new_at[group_id])
            subject = _group_subject(after, group)
            found = self.old_groups.get(group_id)
            if found is None:
                yield Change(ChangeKind.ADDED, subject, new=group.title, path=where)
                yield from self._items(None, after, group, where)
                continue
            old_table, old_group = found
            if old_table.id != after.id:
                yield Change(
                    ChangeKind.MOVED,
                    subject,
                    old=_table_ref(old_table),
                    new=_table_ref(after),
                    path=where,
                )
            yield from _fields(old_group, group, subject, where, skip={"id", "years"})
            for year in sorted({*old_group.years, *group.years}):
                was, now = old_group.years.get(year), group.years.get(year)
                was_missing = was if isinstance(was, MissingCell) else None
                now_missing = now if isinstance(now, MissingCell) else None
                if was_missing != now_missing:
                    yield Change(
                        ChangeKind.FIELD_CHANGED,
                        subject,
                        year=year,
                        field="years",
                        old=was_missing,
                        new=now_missing,
                        path=(*where, "years", year),
                    )
            yield from self._items(old_group, after, group, where)

    def _items(
        self, old_group: QualitativeGroup | None, table: Table, group: QualitativeGroup, path: Path
    ) -> Iterator[Change]:
        """Items of one group, old and new, by year; an added group has no old one."""
        old_keys = list(_group_items(old_group))
        new_keys = list(_group_items(group))
        kept = set(new_keys)
        for key in _merged(old_keys, new_keys):
            year, item_id = key
            if key not in kept:
                if item_id in self.new_items:
                    continue  # moved to another year or group: reported there
                old_table, _, _, item = self.old_items[item_id]
                yield Change(
                    ChangeKind.REMOVED,
                    _item_subject(old_table, item),
                    year=year,
                    old=item.text,
                    path=(*path, "years", year) if year in group.years else (*path, "years"),
                )
                continue
            _, _, _, item = self.new_items[item_id]
            index = [i.id for i in _year_items(group, year)].index(item_id)
            where: Path = (*path, "years", year, index)
            subject = _item_subject(table, item)
            found = self.old_items.get(item_id)
            if found is None:
                yield Change(ChangeKind.ADDED, subject, year=year, new=item.text, path=where)
                continue
            _, was_group, was_year, was = found
            if was_group.id != group.id:
                yield Change(
                    ChangeKind.FIELD_CHANGED,
                    subject,
                    year=year,
                    field="group",
                    old=was_group.id,
                    new=group.id,
                    path=where,
                )
            if was_year != year:
                yield Change(
                    ChangeKind.FIELD_CHANGED,
                    subject,
                    year=year,
                    field="year",
                    old=was_year,
                    new=year,
                    path=where,
                )
            if was.text != item.text:
                yield Change(
                    ChangeKind.TEXT_CHANGED,
                    subject,
                    year=year,
                    field="text",
                    old=was.text,
                    new=item.text,
                    path=(*where, "text"),
                )
            yield from _fields(was, item, subject, where, skip={"id", "text"})

    # --- the societal-impact table ---

    def _impact_rows(
        self, before: Table, after: Table, path: Path, removed: bool
    ) -> Iterator[Change]:
        old_keys = _occurrences(r.indicator for r in before.impact_rows)
        new_keys = _occurrences(r.indicator for r in after.impact_rows)
        old_at = {k: i for i, k in enumerate(old_keys)}
        new_at = {k: i for i, k in enumerate(new_keys)}
        ref = _table_ref(after)
        for key in _merged(old_keys, new_keys):
            was = before.impact_rows[old_at[key]] if key in old_at else None
            row = after.impact_rows[new_at[key]] if key in new_at else None
            current = row or was
            assert current is not None
            subject = Subject(SubjectKind.IMPACT_ROW, current.indicator, current.goal, table=ref)
            if row is None:
                where = path if removed else (*path, "impact_rows")
                yield Change(ChangeKind.REMOVED, subject, old=current.goal, path=where)
                continue
            where = (*path, "impact_rows", new_at[key])
            if was is None:
                yield Change(ChangeKind.ADDED, subject, new=current.goal, path=where)
            else:
                yield from _fields(was, row, subject, where, skip={"item_targets"})
            yield from self._quoted(was, row, ref, where)

    def _quoted(
        self,
        was: SocietalImpactRow | None,
        row: SocietalImpactRow | None,
        table: TableRef,
        path: Path,
    ) -> Iterator[Change]:
        """Targets quoted in the societal-impact table, matched by metric and year."""
        old_at = _keyed(((t.metric, t.year), t) for t in (was.item_targets if was else []))
        new_at = _keyed(((t.metric, t.year), t) for t in (row.item_targets if row else []))
        old_list = was.item_targets if was else []
        new_list = row.item_targets if row else []
        for key in _merged(list(old_at), list(new_at)):
            before = old_list[old_at[key]] if key in old_at else None
            after = new_list[new_at[key]] if key in new_at else None
            quoted = after or before
            assert quoted is not None
            subject = self._quoted_subject(quoted, table)
            where: Path = (*path, "item_targets", new_at[key]) if key in new_at else path
            if before is None or after is None:
                # Only the row's own removal is reported when the whole row is gone.
                if row is not None:
                    yield Change(
                        ChangeKind.ADDED if before is None else ChangeKind.REMOVED,
                        subject,
                        year=quoted.year,
                        old=before.value if before else None,
                        new=after.value if after else None,
                        path=where,
                    )
                continue
            if before.value != after.value:
                yield Change(
                    ChangeKind.TARGET_CHANGED,
                    subject,
                    year=after.year,
                    old=before.value,
                    new=after.value,
                    effect=_effect(
                        self._direction(self.old, after.metric),
                        self._direction(self.new, after.metric),
                        before.value,
                        after.value,
                    ),
                    path=(*where, "value"),
                )
            for change in _fields(before, after, subject, where, skip={"metric", "year", "value"}):
                yield replace(change, year=after.year)

    def _quoted_subject(self, quoted: ImpactTarget, table: TableRef) -> Subject:
        found = self.new.metric_index.get(quoted.metric) or self.old.metric_index.get(quoted.metric)
        metric = found[1] if found else None
        return Subject(
            SubjectKind.QUOTED_TARGET,
            quoted.metric,
            metric.name if metric else None,
            metric.name_en if metric else None,
            table,
            metric.unit if metric else None,
            metric.unit_en if metric else None,
            metric.direction if metric else None,
        )

    @staticmethod
    def _direction(agreement: Agreement, metric_id: str) -> Direction | None:
        found = agreement.metric_index.get(metric_id)
        return found[1].direction if found else None

    # --- identities ---

    def _identities(self) -> Iterator[Change]:
        old_at = _keyed((i.id, i) for i in self.old.identities)
        new_at = _keyed((i.id, i) for i in self.new.identities)
        for key in _merged(list(old_at), list(new_at)):
            if key not in new_at:
                gone = self.old.identities[old_at[key]]
                yield Change(
                    ChangeKind.REMOVED,
                    _identity_subject(gone),
                    old=gone.formula,
                    path=("identities",),
                )
                continue
            identity = self.new.identities[new_at[key]]
            where: Path = ("identities", new_at[key])
            subject = _identity_subject(identity)
            if key not in old_at:
                yield Change(ChangeKind.ADDED, subject, new=identity.formula, path=where)
                continue
            yield from _identity(self.old.identities[old_at[key]], identity, subject, where)


# --- Helpers without state --------------------------------------------------------------------


def _fields(
    old: BaseModel,
    new: BaseModel,
    subject: Subject,
    path: Path,
    *,
    skip: set[str],
    prefix: str = "",
) -> Iterator[Change]:
    """Every other field that differs, recursing into nested models so the field is precise.

    Fields are taken from the model class, so a field added to the schema later is compared
    without anyone remembering to add it here.
    """
    for name in type(new).model_fields:
        if name in skip:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if isinstance(before, BaseModel) and type(before) is type(after):
            yield from _fields(
                before, after, subject, (*path, name), skip=set(), prefix=f"{prefix}{name}."
            )
            continue
        yield Change(
            ChangeKind.FIELD_CHANGED,
            subject,
            field=f"{prefix}{name}",
            old=_value(before),
            new=_value(after),
            path=(*path, name),
        )


def _values(
    old_table: Table | None,
    old: Metric | None,
    table: Table,
    metric: Metric,
    subject: Subject,
    path: Path,
) -> Iterator[Change]:
    """A metric's printed values by year: targets (with their effect), actuals and estimates."""
    years = sorted({*(old.values if old else {}), *metric.values})
    for year in years:
        before = old.values.get(year) if old else None
        after = metric.values.get(year)
        was_kind = _role(old_table, year) if old_table else None
        kind = _role(table, year)
        moved = old_table is not None and old_table.id != table.id
        if moved and was_kind is not kind and (before is not None or after is not None):
            # In the same table a column's change is reported once, for the column.
            yield Change(
                ChangeKind.ROLE_CHANGED,
                subject,
                year=year,
                field="kind",
                old=was_kind,
                new=kind,
                path=(*path, "values", year),
            )
        if before == after:
            continue
        role = (kind if after is not None else was_kind) or kind
        is_target = role is None or role.role in _TARGET_ROLES
        effect = None
        if is_target and isinstance(before, Decimal) and isinstance(after, Decimal):
            effect = _effect(old.direction if old else None, metric.direction, before, after)
        yield Change(
            ChangeKind.TARGET_CHANGED if is_target else ChangeKind.VALUE_CHANGED,
            subject,
            year=year,
            old=_value(before),
            new=_value(after),
            effect=effect,
            path=(*path, "values", year) if after is not None else (*path, "values"),
        )


def _extra_targets(
    old: Metric | None, metric: Metric, subject: Subject, path: Path
) -> Iterator[Change]:
    """Second targets for a metric-year (the budget proposal's), matched by year and source."""
    before_list = old.extra_targets if old else []
    old_at = _keyed(((x.year, x.source), x) for x in before_list)
    new_at = _keyed(((x.year, x.source), x) for x in metric.extra_targets)
    for key in _merged(list(old_at), list(new_at)):
        before: ExtraTarget | None = before_list[old_at[key]] if key in old_at else None
        after = metric.extra_targets[new_at[key]] if key in new_at else None
        where: Path = (
            (*path, "extra_targets", new_at[key]) if key in new_at else (*path, "extra_targets")
        )
        if before is None or after is None:
            shown = after or before
            assert shown is not None
            yield Change(
                ChangeKind.ADDED if before is None else ChangeKind.REMOVED,
                subject,
                year=shown.year,
                source=shown.source,
                old=before.value if before else None,
                new=after.value if after else None,
                path=where,
            )
            continue
        if before.value != after.value:
            assert old is not None
            yield Change(
                ChangeKind.TARGET_CHANGED,
                subject,
                year=after.year,
                source=after.source,
                old=before.value,
                new=after.value,
                effect=_effect(old.direction, metric.direction, before.value, after.value),
                path=(*where, "value"),
            )
        for change in _fields(before, after, subject, where, skip={"year", "source", "value"}):
            yield replace(change, year=after.year, source=after.source)


def _reference(
    table: Table, old: ReferenceRow | None, row: ReferenceRow, path: Path
) -> Iterator[Change]:
    subject = Subject(SubjectKind.REFERENCE_ROW, row.see, row.name, table=_table_ref(table))
    if old is None:
        yield Change(ChangeKind.ADDED, subject, new=row.name, path=path)
    else:
        yield from _fields(old, row, subject, path, skip={"see"})


def _identity(old: Identity, new: Identity, subject: Subject, path: Path) -> Iterator[Change]:
    if old.formula != new.formula:
        yield Change(
            ChangeKind.FORMULA_CHANGED,
            subject,
            field="formula",
            old=old.formula,
            new=new.formula,
            path=(*path, "formula"),
        )
    if old.tolerance != new.tolerance:
        yield Change(
            ChangeKind.TOLERANCE_CHANGED,
            subject,
            field="tolerance",
            old=old.tolerance,
            new=new.tolerance,
            path=(*path, "tolerance"),
        )
    yield from _fields(old, new, subject, path, skip={"id", "formula", "tolerance", "acknowledged"})
    old_at = _keyed((a.year, a) for a in old.acknowledged)
    new_at = _keyed((a.year, a) for a in new.acknowledged)
    for year in _merged(list(old_at), list(new_at)):
        assert isinstance(year, int)
        before = old.acknowledged[old_at[year]] if year in old_at else None
        after = new.acknowledged[new_at[year]] if year in new_at else None
        acknowledgement = Subject(SubjectKind.ACKNOWLEDGEMENT, new.id, new.name)
        where: Path = (*path, "acknowledged", new_at[year]) if after else (*path, "acknowledged")
        if before is None or after is None:
            yield Change(
                ChangeKind.ADDED if before is None else ChangeKind.REMOVED,
                acknowledgement,
                year=year,
                old=before.note if before else None,
                new=after.note if after else None,
                path=where,
            )
        elif before.note != after.note:
            yield Change(
                ChangeKind.TEXT_CHANGED,
                acknowledgement,
                year=year,
                field="note",
                old=before.note,
                new=after.note,
                path=(*where, "note"),
            )


def _metric_subject(table: Table, metric: Metric) -> Subject:
    return Subject(
        SubjectKind.BUDGET_LINE if metric.role is not None else SubjectKind.METRIC,
        metric.id,
        metric.name,
        metric.name_en,
        _table_ref(table),
        metric.unit,
        metric.unit_en,
        metric.direction,
    )


def _group_subject(table: Table, group: QualitativeGroup) -> Subject:
    return Subject(SubjectKind.GROUP, group.id, group.title, table=_table_ref(table))


def _item_subject(table: Table, item: QualitativeItem) -> Subject:
    return Subject(SubjectKind.ITEM, item.id, item.text, table=_table_ref(table))


def _identity_subject(identity: Identity) -> Subject:
    return Subject(SubjectKind.IDENTITY, identity.id, identity.name)


def _occurrences(keys: Iterable[str]) -> list[tuple[str, int]]:
    """Keys made unique by counting repeats, so two rows with one key still match in order."""
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        unique.append((key, seen[key]))
    return unique


def _row_keys(rows: Sequence[Metric | ReferenceRow]) -> list[tuple[str | int, ...]]:
    keys: list[tuple[str | int, ...]] = []
    references = _occurrences(r.see for r in rows if isinstance(r, ReferenceRow))
    for row in rows:
        keys.append(("metric", row.id) if isinstance(row, Metric) else ("see", *references.pop(0)))
    return keys


def _groups(agreement: Agreement) -> dict[str, tuple[Table, QualitativeGroup]]:
    found: dict[str, tuple[Table, QualitativeGroup]] = {}
    for table in agreement.tables:
        for group in table.groups:
            found.setdefault(group.id, (table, group))
    return found


def _items(
    agreement: Agreement,
) -> dict[str, tuple[Table, QualitativeGroup, int, QualitativeItem]]:
    found: dict[str, tuple[Table, QualitativeGroup, int, QualitativeItem]] = {}
    for table, group, year, item in agreement.iter_items():
        found.setdefault(item.id, (table, group, year, item))
    return found


def _year_items(group: QualitativeGroup, year: int) -> list[QualitativeItem]:
    items = group.years.get(year)
    return items if isinstance(items, list) else []


def _group_items(group: QualitativeGroup | None) -> Iterator[tuple[int, str]]:
    if group is None:
        return
    for year in group.years:
        for item in _year_items(group, year):
            yield (year, item.id)
