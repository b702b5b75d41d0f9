"""The agreement schema as a JSON Schema document, for editors and for CI.

Generated from the Pydantic models, so that an editor (yaml-language-server reads the
`$schema` comment at the top of an agreement) flags what `tulos validate` would reject. Pydantic's
default output is laxer than our strict models in two places, and both are corrected here rather
than in the committed file: a `Decimal` would also accept any numeric text (the models take text
only in the printed forms, which have patterns of their own), and a bound on a number that
passes through a validator first comes out as Pydantic's own `ge`, which JSON Schema ignores.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import json
import sys
import textwrap
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from tulosmittari.schema import SCHEMA_VERSION, Agreement

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = (
    "https://raw.githubusercontent.com/tulosmittari/tulosmittari/main/schema/agreement.schema.json"
)
TITLE = f"Tulossopimus: a performance agreement for tulosmittari (schema_version {SCHEMA_VERSION})"

# Pydantic's names for bounds it could not push into a type, and what JSON Schema calls them.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


class _StrictSchema(GenerateJsonSchema):
    """JSON Schema as strict as the models: numbers are numbers, year keys are digits."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        def bound(value: Decimal | None) -> float | None:
            return float(value) if value is not None else None

        number = core_schema.float_schema(
            ge=bound(schema.get("ge")),
            le=bound(schema.get("le")),
            gt=bound(schema.get("gt")),
            lt=bound(schema.get("lt")),
        )
        return self.float_schema(number)

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        if schema.get("keys_schema", {}).get("type") == "int":
            json_schema["propertyNames"] = {"pattern": "^[0-9]+$"}
        return json_schema

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, Decimal):
            return int(dft) if dft == dft.to_integral_value() else float(dft)
        return super().encode_default(dft)


def _bounds_named(node: Any, in_names: bool = False) -> Any:
    """Rename leaked bounds to JSON Schema's keywords; property and definition names stay."""
    if isinstance(node, list):
        return [_bounds_named(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        (key if in_names else _BOUNDS.get(key, key)): _bounds_named(
            value, in_names=not in_names and key in ("properties", "$defs")
        )
        for key, value in node.items()
    }


_NUMBER_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _alternatives_tidied(node: Any) -> Any:
    """A number that may also be written as printed text comes out as `anyOf` [number, text]
    with its bounds beside the `anyOf`: the bounds go into the number, and an `anyOf` nested in
    an `anyOf` (a value that may also be null) is flattened, for a schema a person can read."""
    if isinstance(node, list):
        return [_alternatives_tidied(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _alternatives_tidied(value) for key, value in node.items()}
    if "anyOf" not in node:
        return node
    bounds = {key: node.pop(key) for key in _NUMBER_BOUNDS if key in node}
    members: list[Any] = []
    for member in node["anyOf"]:
        nested = member.get("anyOf") if isinstance(member, dict) else None
        extra = set(member) - {"anyOf", *_NUMBER_BOUNDS} if nested is not None else set()
        if nested is not None and not extra:
            inner = {key: member[key] for key in _NUMBER_BOUNDS if key in member}
            members.extend(_with_bounds(m, inner) for m in nested)
        else:
            members.append(member)
    node["anyOf"] = [_with_bounds(m, bounds) for m in members]
    return node


def _with_bounds(member: Any, bounds: dict[str, Any]) -> Any:
    if bounds and isinstance(member, dict) and member.get("type") in ("number", "integer"):
        return {**bounds, **member}
    return member


@functools.cache
def _module_classes(module: str) -> dict[str, ast.ClassDef]:
    """A module's top-level classes by name, the first of a name as `inspect` finds it; each
    module is parsed once, not once for each of its models."""
    classes: dict[str, ast.ClassDef] = {}
    for node in ast.parse(inspect.getsource(sys.modules[module])).body:
        if isinstance(node, ast.ClassDef):
            classes.setdefault(node.name, node)
    return classes


def _class_body(model: type[BaseModel]) -> list[ast.stmt]:
    found = _module_classes(model.__module__).get(model.__qualname__)
    if found is not None:
        return found.body
    tree = ast.parse(textwrap.dedent(inspect.getsource(model)))  # a nested or local class
    return tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []


def attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """The string written under each field of a model's class body: its description.

    Pydantic can read them itself (`use_attribute_docstrings`), but then every command pays for
    parsing the schema's source when the models are built; only this schema needs them."""
    body = _class_body(model)
    found: dict[str, str] = {}
    for field, after in itertools.pairwise(body):
        constant = after.value if isinstance(after, ast.Expr) else None
        text = constant.value if isinstance(constant, ast.Constant) else None
        name = field.target if isinstance(field, ast.AnnAssign) else None
        if isinstance(name, ast.Name) and isinstance(text, str):
            found[name.id] = inspect.cleandoc(text)
    return found


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model the root's fields reach, by name, as the schema's `$defs` name them."""
    seen: dict[str, type[BaseModel]] = {}
    pending: list[Any] = [root]
    while pending:
        kind = pending.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind.__name__ in seen:
                continue
            seen[kind.__name__] = kind
            pending.extend(field.annotation for field in kind.model_fields.values())
        pending.extend(typing.get_args(kind))
    return seen


def _described(schema: dict[str, Any], models: dict[str, type[BaseModel]]) -> dict[str, Any]:
    """Each model's properties with their field's docstring as description, unless one is set."""
    for name, definition in [("Agreement", schema), *schema.get("$defs", {}).items()]:
        model = models.get(name)
        properties = definition.get("properties") if model is not None else None
        if model is None or properties is None:
            continue
        for field, text in attribute_docstrings(model).items():
            if field in properties and "description" not in properties[field]:
                properties[field] = {**properties[field], "description": text}
    return schema


def agreement_json_schema() -> dict[str, Any]:
    """The schema of an agreement file, with its dialect, id and title first."""
    generated = Agreement.model_json_schema(mode="validation", schema_generator=_StrictSchema)
    generated = _StrictSchema().sort(_described(generated, _models(Agreement)))
    tidied = _alternatives_tidied(_bounds_named(generated))
    body = {k: v for k, v in tidied.items() if k != "title"}
    return {"$schema": DIALECT, "$id": SCHEMA_ID, "title": TITLE, **body}


def schema_text() -> str:
    """The committed file's exact text: `tulos schema > schema/agreement.schema.json`."""
    return json.dumps(agreement_json_schema(), ensure_ascii=False, indent=2) + "\n"
