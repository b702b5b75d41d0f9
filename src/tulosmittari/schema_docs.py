"""docs/agreement-format.md: the reference of the agreement format, generated from the schema.

Every model and field of the JSON Schema (`schema_file`, itself generated from the models and
their docstrings) becomes a table row with its type, default and description, so the reference
cannot drift from what `tulos validate` accepts; a test holds the committed file to what
`tulos schema --markdown` prints. The minimal example is what `tulos init` writes, the full one
the package's `examples/full.yaml`, which the tests validate.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any, Final

from tulosmittari.printed import CELL_FORMS, PRINTED_CELL_PATTERN, PRINTED_NUMBER_PATTERN
from tulosmittari.schema_file import agreement_json_schema
from tulosmittari.starter import starter_text
from tulosmittari.vocabulary import BUDGET_ITEM_PATTERN, SLUG_PATTERN

_NAMED_PATTERNS: Final = {
    SLUG_PATTERN: "id (`a-z`, then `a-z`, `0-9`, `_`)",
    BUDGET_ITEM_PATTERN: "budget item (`28.20.07`)",
    PRINTED_NUMBER_PATTERN: "number as printed (`3,5`)",
    PRINTED_CELL_PATTERN: "[cell as printed](#figures-as-printed)",
}

_INTRO: Final = """\
# The agreement file

<!-- Generated from the schema by `tulos schema --markdown > docs/agreement-format.md`;
edit the models' docstrings in src/tulosmittari/, not this file. -->

An agreement is one YAML file: the tables of a performance agreement (tulossopimus) or of a
budget proposal, with their figures as printed. Only `schema_version`, `meta.id`, `meta.title`,
`meta.years` and the tables (each with an `id`, a `title`, its `columns` and its rows) are
required; everything else is optional, with the defaults below. `tulos init` writes a file to
start from, `tulos validate` checks one, and editors that read JSON Schema check it as you type
against `schema/agreement.schema.json` (the first line of the bundled agreement shows how).
"""

_FIGURES: Final = """\
## Figures as printed

A cell of a table may be written as the signed document prints it:

| printed | read as |
|---|---|
| `3,7` · `100,00` · `3.7` | a number (a decimal comma or point) |
| `53 946` | a number: spaces, no-break spaces or narrow no-break spaces between thousands |
| `−3` · `-3` | a negative number (a Unicode minus or a hyphen) |
| `–` · `-` | a dash: no value (`{missing: dash}`) |
| empty | a blank cell: no value (`{missing: blank}`) |
| `tbd` | to be decided: no value (`{missing: tbd}`) |
| `< 10` · `> 95` | a strict target: exactly 10 does not meet `< 10` |
| `≤ 10` · `<= 10` · `≥ 3,5` · `>= 3,5` | an inclusive target |
| `3,6–3,8` · `3,6-3,8` | a range, both ends included |

A target expression keeps its printed form for reports. Any other text is an error that lists
these forms ({forms}). Other numbers of the format (tolerances, scales, bounds, extra targets)
may be written as printed too. Two things YAML does with printed figures:

* inside `{…}` YAML splits at commas: write `{2022: 4,3}` as `2022: 4,3` on its own line, or
  quote the figure (`{2022: '4,3'}`);
* a value that starts with `>` or `|` starts a block of text: quote a target such as `'> 95'`,
  and a lone `-` starts a list: write a dash as `–` or `'-'`.
"""


def agreement_format_markdown() -> str:
    """The whole of docs/agreement-format.md."""
    schema = agreement_json_schema()
    minimal = starter_text("vm_virasto_2024_2027", "Tulossopimus 2024–2027", 2024, 2027, "en")
    full = resources.files("tulosmittari").joinpath("examples/full.yaml").read_text("utf-8")
    parts = [
        _INTRO,
        "## A minimal agreement\n\nWhat `tulos init --id vm_virasto_2024_2027 --title "
        '"Tulossopimus 2024–2027" --years 2024-2027 --lang en` writes:\n',
        f"```yaml\n{minimal}```\n",
        _FIGURES.replace("{forms}", CELL_FORMS),
        "## A full example\n\nA made-up agency's agreement that uses every part of the format:\n",
        f"```yaml\n{full}```\n",
        "## Reference\n\nEvery object of the file, from the top level down.\n",
        *(_model_section(name, model, schema) for name, model in _models(schema)),
    ]
    return "\n".join(parts)


def _models(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The top level, then each model in the order a reader of the file meets it."""
    definitions: dict[str, Any] = schema["$defs"]
    order = ["Agreement"]
    found = {"Agreement": schema}
    index = 0
    while index < len(order):
        for property_schema in found[order[index]].get("properties", {}).values():
            for name in _refs(property_schema):
                if name not in found:
                    found[name] = definitions[name]
                    order.append(name)
        index += 1
    return [(name, found[name]) for name in order if "properties" in found[name]]


def _refs(node: Any) -> list[str]:
    if isinstance(node, list):
        return [name for item in node for name in _refs(item)]
    if not isinstance(node, dict):
        return []
    own = [node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else []
    return own + [name for value in node.values() for name in _refs(value)]


def _model_section(name: str, model: dict[str, Any], schema: dict[str, Any]) -> str:
    title = "The top level" if model is schema else name
    lines = [f"### {title}", "", _one_line(model.get("description", "")), ""]
    lines += ["| field | type | default | description |", "|---|---|---|---|"]
    required = set(model.get("required", []))
    for field, prop in model.get("properties", {}).items():
        default = "required" if field in required else _default(prop)
        description = _one_line(prop.get("description", ""))
        kind = _type(prop, schema["$defs"])
        lines.append(f"| `{field}` | {kind} | {default} | {_cell(description)} |")
    return "\n".join(lines) + "\n"


def _type(prop: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A property's type in words, with links to the objects it holds."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        if "enum" in definitions[name]:
            return _type(definitions[name], definitions)
        return f"[{name}](#{name.lower()})"
    alternatives = prop.get("anyOf", prop.get("oneOf"))
    if alternatives is not None:
        members = [m for m in alternatives if m.get("type") != "null"]
        return " or ".join(dict.fromkeys(_type(m, definitions) for m in members))
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), definitions)}"
    if kind == "object":
        values = prop.get("additionalProperties")
        inner = _type(values, definitions) if isinstance(values, dict) else "value"
        keys = "year" if "propertyNames" in prop else "text"
        return f"mapping of {keys} to {inner}"
    if kind == "string":
        if "pattern" in prop:
            return _NAMED_PATTERNS.get(prop["pattern"], "text")
        return "date (YYYY-MM-DD)" if prop.get("format") == "date" else "text"
    if kind == "integer":
        return "whole number" + _range(prop)
    if kind == "number":
        return "number" + _range(prop)
    if kind == "boolean":
        return "`true` or `false`"
    return "any"


def _range(prop: dict[str, Any]) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None:
        return f" {low}–{high}"
    if low is not None:
        return f" ≥ {low}"
    return f" ≤ {high}" if high is not None else ""


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop:
        return "see description"
    value = prop["default"]
    if value is None:
        return "none"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a `|` would end the cell."""
    return text.replace("|", "\\|")
