"""Pydantic's validation errors as problems at the offending key or value, in plain words.

Pydantic's errors are mapped back onto the YAML by walking the data and the schema's types side by
side, so that a union's tag names in an error's `loc` are recognised as such and never mistaken
for keys, and every message names the field, the object and what to write instead. The messages
are catalogue `Message`s (`schema.*`); the models' own rules raise errors whose type is their
message's key (`schema.rule_error`).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Final

import pydantic
from pydantic import BaseModel

from tulosmittari.catalogue.agreement import model_key
from tulosmittari.problems import DataPath, Location, Message, Problem, Severity
from tulosmittari.schema import Agreement, Year
from tulosmittari.source_map import SourceMap
from tulosmittari.vocabulary import BUDGET_ITEM_PATTERN, SLUG_PATTERN
from tulosmittari.yaml_source import describe, quote, resolve_plain, scalar_text


def _bounds(metadata: Sequence[Any]) -> dict[str, Any]:
    """`ge`, `gt`, `le`, `lt`, `min_length`, `max_length` from Pydantic and annotated_types."""
    found: dict[str, Any] = {}
    pending = list(metadata)
    while pending:
        item = pending.pop()
        pending.extend(getattr(item, "metadata", None) or [])
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
            value = getattr(item, name, None)
            if value is not None:
                found.setdefault(name, value)
    return found


_YEAR_BOUNDS: Final = _bounds(typing.get_args(Year)[1:])

_EXPECTED: Final = {  # Pydantic's error type, and what was expected (`schema.expected.*`)
    "string_type": "text",
    "int_type": "whole_number",
    "int_from_float": "whole_number",
    "bool_type": "bool",
    "list_type": "list",
    "dict_type": "mapping",
    "decimal_type": "number",
    "float_type": "number",
    "date_type": "date",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


@dataclass
class _Walk:
    """Where an error's `loc` leads in the data and in the schema."""

    path: DataPath  # the deepest existing data path
    present: bool  # the whole loc exists in the data
    node: Any  # the data at `path`
    tp: Any  # the schema type at the end, None when unknown
    metadata: list[Any]  # constraints of that type
    frames: list[tuple[type[BaseModel], Any, DataPath, bool]]  # models passed, with their data
    is_key: bool  # the error is about a mapping key
    unions: list[tuple[DataPath, Any]]  # untagged unions passed: their path and the member chosen


def _strip(tp: Any, metadata: list[Any] | None = None) -> Any:
    """Without Annotated and without `| None`, collecting the Annotated metadata."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            if metadata is not None:
                metadata.extend(args[1:])
            tp = args[0]
            continue
        if origin is typing.Union or origin is types.UnionType:
            members = [arg for arg in typing.get_args(tp) if arg is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _union_members(tp: Any) -> list[Any] | None:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return [arg for arg in typing.get_args(tp) if arg is not type(None)]
    return None


def _model(tp: Any) -> type[BaseModel] | None:
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _choose_member(members: list[Any], component: str | int) -> tuple[Any, bool] | None:
    """The union member a loc component names: by its Tag, or by Pydantic's name for it."""
    for member in members:
        metadata: list[Any] = []
        base = _strip(member, metadata)
        if any(isinstance(m, pydantic.Tag) and m.tag == component for m in metadata):
            return member, True
        if not isinstance(component, str):
            continue
        origin = typing.get_origin(base)
        if (isinstance(base, type) and base.__name__ == component) or (
            origin is not None and component.startswith(f"{getattr(origin, '__name__', '')}[")
        ):
            return member, False
    return None


def _walk(loc: Sequence[str | int], data: Any) -> _Walk:
    """Follow an error's `loc` through the schema and the data together.

    Components that select a union member (a Tag name, or Pydantic's `list[...]` and class names
    for an untagged union) move in the schema only; the rest are keys and indices of the data.
    A component the schema does not know is taken as a data key when the data has it, else skipped.
    """
    tp: Any = Agreement
    node = data
    path: list[str | int] = []
    present = True
    metadata: list[Any] = []
    frames: list[tuple[type[BaseModel], Any, DataPath, bool]] = [(Agreement, data, (), False)]
    unions: list[tuple[DataPath, Any]] = []
    is_key = False
    is_item = False  # whether the last data step entered a list item or a mapping's value
    for index, component in enumerate(loc):
        if component == "[key]":
            is_key = True
            continue
        members = _union_members(_strip(tp, metadata)) if tp is not None else None
        if members is not None:
            chosen = _choose_member(members, component)
            if chosen is not None:
                tp, tagged = chosen
                if not tagged:
                    unions.append((tuple(path), tp))
                _note_model(frames, tp, node, tuple(path), present, is_item)
                continue
            tp = None
        key_next = index + 1 < len(loc) and loc[index + 1] == "[key]"
        step, tp, metadata = _child_type(tp, component, key_next)
        found, child = _child_node(node, component) if present else (False, None)
        if found:
            node = child
            path.append(component)
            is_item = step != "field"
        elif step is not None:
            present = False
            continue
        else:
            continue
        _note_model(frames, tp, node, tuple(path), present, is_item)
    if tp is not None:
        tp = _strip(tp, metadata)
    return _Walk(tuple(path), present, node, tp, metadata, frames, is_key, unions)


def _child_node(node: Any, component: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and component in node:
        return True, node[component]
    if isinstance(node, list) and isinstance(component, int) and 0 <= component < len(node):
        return True, node[component]
    return False, None


def _note_model(
    frames: list[tuple[type[BaseModel], Any, DataPath, bool]],
    tp: Any,
    node: Any,
    path: DataPath,
    present: bool,
    is_item: bool,
) -> None:
    """Remember the model a data mapping is validated as, for naming it in messages."""
    model = _model(_strip(tp)) if tp is not None else None
    if not present or model is None or not isinstance(node, dict):
        return
    if frames[-1][2] == path:
        frames[-1] = (model, node, path, is_item)
    else:
        frames.append((model, node, path, is_item))


def _child_type(tp: Any, component: str | int, key_next: bool) -> tuple[str | None, Any, list[Any]]:
    """The kind of data step `component` is from `tp` ("field", "item" or None when the schema
    does not know it), with the type it leads to and that type's constraints."""
    if tp is None:
        return None, None, []
    tp = _strip(tp)
    model = _model(tp)
    if model is not None:
        info = model.model_fields.get(component) if isinstance(component, str) else None
        if info is None:
            return None, None, []
        return "field", info.annotation, list(info.metadata)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and isinstance(component, int):
        return "item", (args[0] if args else None), []
    if origin is dict:
        if not args:
            return "item", None, []
        return "item", (args[0] if key_next else args[1]), []
    return None, None, []


def _noun(model: type[BaseModel], form: str = "noun") -> Message:
    """A model as a message names it (`schema.noun.metric`: "mittari", "metric"); `form` is one
    of the catalogue's forms: noun, noun_of, a_noun, noun_partitive, nouns."""
    return Message(f"schema.{form}.{model_key(model.__name__)}")


def _format_path(path: DataPath) -> str:
    text = ""
    for component in path:
        if isinstance(component, int):
            text += f"[{component}]"
        else:
            text += f".{component}" if text else component
    return text


def _identity(obj: Any) -> str | None:
    ident = obj.get("id") if isinstance(obj, dict) else None
    return quote(ident) if isinstance(ident, str | int) and not isinstance(ident, bool) else None


def _subject(frames: list[tuple[type[BaseModel], Any, DataPath, bool]]) -> Message:
    """The object an error is in: `metric 'x'`, `a column of table 't'`, `'meta.validity'`.

    A list item or mapping value is named by its model and its id; an object that is a field's
    value is named by its path from the nearest such item.
    """
    if len(frames) == 1:
        return Message("schema.subject.top")
    model, obj, path, is_item = frames[-1]
    owner = next((f for f in reversed(frames[:-1]) if f[3] and _identity(f[1])), None)
    owner_path = owner[2] if owner is not None else ()
    if not is_item:
        field = f"'{_format_path(path[len(owner_path) :])}'"
        if owner is None:
            return Message("schema.subject.field", field=field)
        return Message(
            "schema.subject.field_of",
            field=field,
            owner=_noun(owner[0], "noun_of"),
            owner_id=_identity(owner[1]),
        )
    ident = _identity(obj)
    if ident is not None:
        return Message("schema.subject.named", noun=_noun(model), id=ident)
    if owner is None:
        return Message("schema.subject.item", a_noun=_noun(model, "a_noun"))
    return Message(
        "schema.subject.item_of",
        a_noun=_noun(model, "a_noun"),
        owner=_noun(owner[0], "noun_of"),
        owner_id=_identity(owner[1]),
    )


def _where(subject: Message) -> Message:
    """`in metric 'x'` or `at the top level`, where an English message says where."""
    if subject.key == "schema.subject.top":
        return Message("schema.where.top")
    return Message("schema.where", subject=subject)


def _allowed_values(tp: Any) -> list[Any] | None:
    base = _strip(tp) if tp is not None else None
    if isinstance(base, type) and issubclass(base, Enum):
        return [member.value for member in base]
    if typing.get_origin(base) is typing.Literal:
        return list(typing.get_args(base))
    return None


def _suggest(word: Any, choices: Sequence[Any]) -> str | None:
    if not isinstance(word, str) or not choices:
        return None
    by_lower = {str(choice).lower(): str(choice) for choice in choices}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def _number_hint(value: Any, whole: bool) -> Message | str:
    """What to write instead of text where a number is expected (a whole number: `whole`)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if _reads_as_number(text):
        return Message("schema.hint.remove_quotes")
    if whole and re.fullmatch(r"-?[0-9]{1,3}(?:[ _\u00a0\u202f][0-9]{3})+", text):
        return Message("schema.hint.no_separators")
    if re.fullmatch(r"-?0[0-9]+(?:\.[0-9]+)?", text):
        return Message("schema.hint.leading_zeros")
    if re.fullmatch(r"-?[0-9.]+[eE][-+]?[0-9]+", text):
        return Message("schema.hint.exponent")
    return "" if whole else Message("schema.hint.printed_number")


def _reads_as_number(text: str) -> bool:
    """Whether the text, written without quotes, would be loaded as a number."""
    try:
        return type(resolve_plain(text)) in (int, Decimal)
    except ValueError:
        return True  # a number, if a very long one


def _type_message(kind: str, walk: _Walk, value: Any, ctx: Mapping[str, Any]) -> Message:
    name = _EXPECTED.get(kind)
    expected: Message = Message(f"schema.expected.{name}")
    if kind == "is_instance_of":
        name = "number" if ctx.get("class") == "Decimal" else None
        expected = (
            Message("schema.expected.number")
            if name
            else Message("schema.expected.class", name=ctx.get("class"))
        )
    model = _model(_strip(walk.tp)) if walk.tp is not None else None
    if kind in ("model_type", "model_attributes_type", "dict_type") and model is not None:
        expected = Message("schema.expected.model", noun=_noun(model, "noun_partitive"))
    hint: Message | str = ""
    if name in ("number", "whole_number"):
        hint = _number_hint(value, whole=name == "whole_number")
    elif name == "text" and isinstance(value, int | Decimal | bool):
        hint = Message("schema.hint.quote")
    elif name == "bool" and isinstance(value, str):
        hint = Message("schema.hint.true_false")
    elif kind == "date_type" and isinstance(value, str):
        shaped = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
        hint = Message("schema.hint.no_such_day" if shaped else "schema.hint.date_form")
    elif name == "list" and isinstance(value, str):
        hint = Message("schema.hint.list_form")
    return Message("schema.type", expected=expected, got=describe(value), hint=hint)


def _range_message(kind: str, walk: _Walk, value: Any, ctx: Mapping[str, Any]) -> Message:
    bounds = {**_bounds(walk.metadata), **{k: v for k, v in ctx.items() if k in ("ge", "le")}}
    shown = scalar_text(value)
    low, high = bounds.get("ge"), bounds.get("le")
    if low is not None and high is not None:
        key = "year_out_of_range" if {"ge": low, "le": high} == _YEAR_BOUNDS else "out_of_range"
        return Message(f"schema.{key}", value=shown, low=low, high=high)
    key, limit = {
        "greater_than_equal": ("too_small", "ge"),
        "greater_than": ("too_small_strict", "gt"),
        "less_than_equal": ("too_large", "le"),
    }.get(kind, ("too_large_strict", "lt"))
    return Message(f"schema.{key}", value=shown, limit=ctx.get(limit))


def _length_message(kind: str, walk: _Walk, ctx: Mapping[str, Any]) -> Message:
    bounds = {**_bounds(walk.metadata), **ctx}
    low, high = bounds.get("min_length"), bounds.get("max_length")
    actual = ctx.get("actual_length")
    if low is not None and low == high:
        return Message("schema.length_exactly", count=low, actual=actual)
    if kind == "too_short":
        return Message("schema.length_at_least", count=low, actual=actual)
    return Message("schema.length_at_most", count=high, actual=actual)


def _message(error: Mapping[str, Any], walk: _Walk, loc: Sequence[str | int]) -> Message:
    kind = str(error["type"])
    value = error.get("input")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("extra_forbidden", "invalid_key"):
        key = walk.path[-1] if walk.path and walk.present else (loc[-1] if loc else "")
        model = walk.frames[-1][0]
        fields = list(model.model_fields)
        suggestion = _suggest(key, fields)
        hint = (
            Message("schema.hint.did_you_mean", name=suggestion)
            if suggestion is not None
            else Message("schema.hint.use_fields", fields=", ".join(fields))
            if len(fields) <= 8
            else Message("schema.hint.remove_or_correct")
        )
        where = _where(_subject(walk.frames))
        return Message("schema.unknown_field", field=quote(key), where=where, hint=hint)
    if kind == "missing":
        name = loc[-1] if loc else ""
        where = _where(_subject(walk.frames))
        return Message("schema.missing_field", field=quote(name), where=where)
    if kind in ("enum", "literal_error"):
        allowed = _allowed_values(walk.tp)
        choices = allowed if allowed is not None else re.findall(r"'([^']*)'", ctx["expected"])
        listed = ", ".join(scalar_text(choice) for choice in choices) or ctx.get("expected", "")
        use = Message("schema.use_one_of" if len(choices) > 1 else "schema.use", values=listed)
        suggestion = _suggest(value, choices)
        close = Message("schema.hint.did_you_mean", name=suggestion) if suggestion else ""
        return Message("schema.invalid_value", value=quote(value), use=use, hint=close)
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == SLUG_PATTERN:
            long = Message("schema.id_too_long") if len(str(value)) > 80 else ""
            return Message("schema.bad_id", value=quote(value), long=long)
        if pattern == BUDGET_ITEM_PATTERN:
            return Message("schema.bad_budget_item", value=quote(value))
        return Message("schema.pattern", value=quote(value), pattern=pattern)
    if kind == "string_too_short":
        return Message("schema.empty_text")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _range_message(kind, walk, value, ctx)
    if kind in ("too_short", "too_long"):
        return _length_message(kind, walk, ctx)
    if kind.startswith("schema.rule.") or kind == "value_error":
        rule: Message | str = (
            Message(kind, **ctx)
            if kind != "value_error"
            else str(error.get("msg", "")).removeprefix("Value error, ").replace("`", "'")
        )
        subject = _subject(walk.frames)
        if subject.key == "schema.subject.top":
            return rule if isinstance(rule, Message) else Message("schema.other_rule", rule=rule)
        return Message("schema.rule_in", subject=subject, rule=rule)
    if kind in _EXPECTED or kind == "is_instance_of":
        return _type_message(kind, walk, value, ctx)
    detail = str(error.get("msg", "invalid value"))
    return Message("schema.other", detail=detail, got=describe(value))


def _union_kind(tp: Any) -> str:
    base = _strip(tp)
    if typing.get_origin(base) is list:
        return "list"
    return "mapping" if _model(base) is not None else "scalar"


def _data_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    return "mapping" if isinstance(value, dict) else "scalar"


def _union_phrase(tp: Any) -> Message:
    base = _strip(tp)
    if typing.get_origin(base) is list:
        items = typing.get_args(base)
        inner = _model(_strip(items[0])) if items else None
        if inner is not None:
            return Message("schema.list_of", nouns=_noun(inner, "nouns"))
        return Message("schema.expected.list")
    model = _model(base)
    return _noun(model, "a_noun") if model is not None else Message("schema.a_value")


def _node_at(data: Any, path: DataPath) -> Any:
    node = data
    for component in path:
        node = node[component]
    return node


def problems_from_validation_error(
    error: pydantic.ValidationError, data: Any, source: SourceMap
) -> list[Problem]:
    """One problem per schema error, at the offending key or value, in plain words.

    An untagged union makes Pydantic report every member's errors; only the member that has the
    input's shape (a list, a mapping) is kept, and when none has, one problem names the shapes.
    """
    walked = []
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        walked.append((item, loc, _walk(loc, data)))

    by_union: dict[DataPath, list[int]] = {}
    for index, (_, _, walk) in enumerate(walked):
        if walk.unions:
            by_union.setdefault(walk.unions[0][0], []).append(index)
    dropped: set[int] = set()
    problems: list[Problem] = []
    for union_path, indices in by_union.items():
        kind = _data_kind(_node_at(data, union_path))
        matching = [i for i in indices if _union_kind(walked[i][2].unions[0][1]) == kind]
        if matching:
            dropped.update(i for i in indices if i not in matching)
            continue
        dropped.update(indices)
        members = []
        for i in indices:
            phrase = _union_phrase(walked[i][2].unions[0][1])
            if phrase not in members:
                members.append(phrase)
        value = _node_at(data, union_path)
        message = Message("schema.union", members=tuple(members), got=describe(value))
        problems.append(Problem(_value_location(source, data, union_path), message, code="schema"))

    for index, (item, loc, walk) in enumerate(walked):
        if index in dropped:
            continue
        message = _message(item, walk, loc)
        if item["type"] in ("extra_forbidden", "invalid_key") or walk.is_key:
            location = source.locate_key(walk.path)
        else:
            location = _value_location(source, data, walk.path)
        problems.append(Problem(location, message, Severity.ERROR, "schema"))

    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return unique


def _value_location(source: SourceMap, data: Any, path: DataPath) -> Location:
    """A scalar's own position; a mapping's or list's key, where the reader looks for it."""
    if path and isinstance(_node_at(data, path), dict | list):
        parent = _node_at(data, path[:-1])
        if isinstance(parent, dict):
            return source.locate_key(path)
    return source.locate(path)
