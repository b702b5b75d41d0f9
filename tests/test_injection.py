"""Output is never an injection channel: text from an agreement, an actuals file or a file name
shows literally in every format of every command, stderr included.

One crafted agreement carries the same payload in every free-text field (titles, names, units,
labels, sources, footnotes, item texts), and one actuals file in its notes and sources: Rich
markup, a screen clear, an OSC 8 hyperlink, a carriage return, a bidi override, a spreadsheet
formula, HTML that closes a cell and opens a script, a Markdown pipe and a line break. Whatever the
format, no ESC, CR or U+202E reaches the reader, markup stays text, and the payload cannot leave
its Markdown cell, HTML element, GitHub annotation or CSV cell.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, Tulos

MINIMAL = REPO / "tests" / "data" / "agreements" / "valid" / "minimal.yaml"

PAYLOAD = (
    "[bold red]x[/] [link=http://evil]y[/link] \x1b[2J "
    "\x1b]8;;http://evil\x1b\\z\x1b]8;;\x1b\\ a\rb \u202eevil "
    '=HYPERLINK("http://evil") </td><script>alert(1)</script> | pipe\nnewline'
)
FORMULA = '=HYPERLINK("http://evil")' + PAYLOAD  # as a whole cell, a spreadsheet would run it
TEXT_FIELDS = {"title", "text", "label", "source", "goal", "chapter_goal", "unit_note"}
CELL_FIELDS = {"name", "unit"}  # what the CSV formats put in a cell of their own

UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours and bold: the only escapes allowed
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _poison(node: Any, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, key) for v in node]
    if isinstance(node, str) and key in CELL_FIELDS:
        return FORMULA
    if isinstance(node, str) and key in TEXT_FIELDS:
        return PAYLOAD
    return node


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class Files:
    agreement: Path  # the minimal agreement with every free text replaced by the payload
    actuals: Path  # figures for it, the payload in notes and sources
    findings: Path  # an agreement with schema errors quoting the payload
    folder: Path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    folder = tmp_path_factory.mktemp("injection")
    agreement = folder / "evil.yaml"
    data = _poison(yaml.safe_load(MINIMAL.read_text(encoding="utf-8")))
    agreement.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), "utf-8")
    rows = [
        "metric;period;value;status;note;source",
        f"kayttoaste;2024-H1;99,6;;{_csv_field(FORMULA)};{_csv_field(PAYLOAD)}",
        f"tyytyvaisyys;2024;3,5;;{_csv_field(PAYLOAD)};{_csv_field(FORMULA)}",
        "tuotot;2024-H1;600;;;",
        "kulut;2024-H1;700;;;",
        f"uudistus_2024;2024;;ei toteutunut;{_csv_field(FORMULA)};{_csv_field(PAYLOAD)}",
    ]
    actuals = folder / "evil.csv"
    actuals.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    findings = folder / "findings.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    quoted = json.dumps(PAYLOAD)  # a YAML double-quoted string: its escapes make the ESC
    text = text.replace("  id: esimerkki_2024\n", f"  id: esimerkki_2024\n  {quoted}: 1\n", 1)
    text = text.replace("date: 2023-12-13", f"date: {quoted}", 1)
    findings.write_text(text, encoding="utf-8")
    return Files(agreement, actuals, findings, folder)


# --- What every output must be -----------------------------------------------------------------


def assert_inert(text: str, *, line_ends: str = "\n") -> None:
    """No control character but line ends (CRLF where the format has them), no bidi override,
    no escape sequence but Rich's SGR styling, and so no OSC 8 hyperlink."""
    assert "\x1b]8;" not in text
    body = SGR.sub("", text).replace(line_ends, "\n")
    assert UNSEEN.findall(body) == []


def _flat(text: str) -> str:
    """Text with its colours and every space and line break removed: what a wrapped table says."""
    return re.sub(r"\s", "", SGR.sub("", text))


def assert_literal_markup(text: str) -> None:
    assert "[boldred]x[/][link=http://evil]y[/link]" in _flat(text)


def assert_markdown_cells(text: str) -> None:
    """Every row of a pipe table has as many cell borders as its header, and no character that
    Markdown or HTML acts on is left unescaped."""
    assert "\nnewline" not in text
    unescaped = re.sub(r"\\.", "", text)
    assert "<" not in unescaped
    assert "[" not in unescaped
    borders = None
    for line in unescaped.splitlines():
        if not line.startswith("|"):
            borders = None
            continue
        count = line.count("|")
        borders = borders or count
        assert count == borders, line


def assert_csv_cells(text: str) -> None:
    """No cell a spreadsheet would run; the payload's formula is there, neutralised."""
    cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            float(cell)  # only a negative number may start with '-'
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


ANNOTATION = re.compile(r"::(error|warning|notice) [a-z]+=[^,:\n]*(,[a-z]+=[^,:\n]*)*::[^\n]*")


def assert_annotations(text: str) -> None:
    """Each line a workflow command the runner parses as one, or the closing summary line: the
    payload can end neither its property nor its line."""
    lines = text.splitlines()
    for line in lines[:-1]:
        assert ANNOTATION.fullmatch(line), line


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(value or "" for _, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_html_escaped(page: str) -> None:
    parsed = _Elements()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert not any("evil" in value for value in parsed.attributes)
    assert "</td><script>alert(1)</script>" in "".join(parsed.text)  # there, as text


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def assert_json_exact(text: str, expected: str) -> None:
    """The data is exact (the payload decodes intact); only its escapes keep it off the screen."""
    assert any(expected in s for s in _strings(json.loads(text)))


# --- Every format of every command -------------------------------------------------------------


COMMANDS = {
    "check": ("table", "plain", "markdown", "json", "csv", "github"),
    "check-by-year": ("table", "plain", "markdown"),  # other grids: a column per period
    "summary": ("table", "plain", "markdown", "json"),
    "targets": ("table", "plain", "markdown", "json"),
    "validate": ("table", "plain", "markdown", "json", "csv", "github"),
    "diff": ("table", "plain", "markdown", "json"),
}
CASES = [(command, fmt, False) for command, formats in COMMANDS.items() for fmt in formats]
CASES += [(c, "table", True) for c in ("check", "check-by-year", "summary", "targets", "diff")]


def _arguments(command: str, files: Files) -> list[str]:
    agreement, actuals = str(files.agreement), str(files.actuals)
    return {
        "check": ["check", "--agreement", agreement, actuals],
        "check-by-year": ["check", "--agreement", agreement, actuals, "--by-year"],
        "summary": ["summary", "--agreement", agreement, actuals],
        "targets": ["targets", "--agreement", agreement],
        "validate": ["validate", str(files.findings), agreement],
        "diff": ["diff", str(MINIMAL), agreement, "--actuals", actuals],
    }[command]


@pytest.mark.parametrize(
    ("command", "fmt", "colour"), CASES, ids=[f"{c}-{f}{'-colour' * k}" for c, f, k in CASES]
)
def test_every_format_shows_the_payload_literally(
    files: Files, tulos: Tulos, command: str, fmt: str, colour: bool
) -> None:
    """`colour`: at a terminal, where Rich writes its escape sequences."""
    code, out, err = tulos(*_arguments(command, files), "--format", fmt, terminal=colour)
    assert code == (0 if command == "targets" else 1), err
    assert_inert(out, line_ends="\r\n" if fmt == "csv" else "\n")
    assert_inert(err)
    assert ("\x1b[" in out) is colour
    expected = "\x1b[2J" if command == "validate" else PAYLOAD
    if fmt in ("table", "plain"):
        assert_literal_markup(out)
    elif fmt == "markdown":
        assert_markdown_cells(out)
    elif fmt == "json":
        assert_json_exact(out, expected)
    elif fmt == "csv":
        assert_csv_cells(out) if command == "check" else assert_inert(out, line_ends="\r\n")
    else:
        assert_annotations(out)
        assert command == "validate" or "%0Anewline" in out


def test_the_step_summary_is_markdown_kept_in_its_cells(files: Files, tulos: Tulos) -> None:
    summary = files.folder / "step-summary.md"
    step = {"GITHUB_STEP_SUMMARY": str(summary)}
    tulos(*_arguments("check", files), "--format", "github", env=step)
    text = summary.read_text(encoding="utf-8")
    assert_inert(text)
    assert_markdown_cells(text)


def test_the_html_report(files: Files, tulos: Tulos, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    args = ["report", str(files.actuals), "--agreement", str(files.agreement), "-o", str(page)]
    code, _, err = tulos(*args)
    assert code == 1, err
    text = page.read_text(encoding="utf-8")
    assert_inert(text)
    assert_html_escaped(text)


def test_the_actuals_form(files: Files, tulos: Tulos, tmp_path: Path) -> None:
    form = tmp_path / "form.csv"
    code, _, err = tulos("template", "2024", "--agreement", str(files.agreement), "-o", str(form))
    assert code == 0, err
    text = form.read_text(encoding="utf-8")
    assert_inert(text, line_ends="\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert {len(row) for row in rows} == {8}
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    assert rows[1][6].startswith("'=HYPERLINK")


def test_on_a_real_terminal(files: Files, tulos: Tulos) -> None:
    """The command itself decides to colour its table for a terminal, and still writes no
    escape of the payload's."""
    code, out, err = tulos(*_arguments("check", files), terminal=True)
    assert code == 1, err
    assert SGR.search(out)  # coloured: it did see a terminal
    assert_inert(out)
    assert_literal_markup(out)


# --- Diagnostics on stderr ---------------------------------------------------------------------


def test_an_unknown_id_is_quoted_literally(files: Files, tulos: Tulos, tmp_path: Path) -> None:
    actuals = tmp_path / "a.csv"
    actuals.write_text("metric;period;value\nx\x1b[2J\u202e;2024;1\n", encoding="utf-8")
    arguments = ["check", "--agreement", str(files.agreement), str(actuals), "--lang", "en"]
    code, out, err = tulos(*arguments)
    assert (code, out) == (2, "")
    assert f"{actuals}:2:1 [metric]: error: unknown metric or item 'x\\x1b[2J\\u202e'" in err
    assert_inert(err)


def test_a_key_with_an_escape_in_an_unusable_file(tulos: Tulos, tmp_path: Path) -> None:
    agreement = tmp_path / "a.yaml"
    agreement.write_text('"\\e[2J\\u202e": 1\n"\\e[2J\\u202e": 2\n', encoding="utf-8")
    code, out, err = tulos("validate", "--lang", "en", str(agreement))
    assert code == 2
    assert err == f"{agreement}:2:1: error: duplicate key '\\x1b[2J\\u202e' (first at line 1)\n"
    assert_inert(out)


def test_file_names_are_shown_literally(files: Files, tulos: Tulos, tmp_path: Path) -> None:
    """A name is chosen by whoever made the file: in a pull request, anyone."""
    evil = "\x1b]8;;evil\x1b\\x\x1b]8;;\x1b\\\u202e"  # a file name holds no '/'
    shown = "\\x1b]8;;evil\\x1b\\x\\x1b]8;;\\x1b\\\\u202e"
    agreement = tmp_path / f"{evil}.yaml"
    agreement.write_bytes(MINIMAL.read_bytes())
    output = tmp_path / f"{evil}.txt"
    folder = tmp_path / f"{evil}.csv"
    folder.mkdir()
    runs = [
        ["validate", str(agreement), "-o", str(output)],  # the verdict, then 'wrote'
        ["validate", str(tmp_path / f"{evil}-missing.yaml")],
        ["check", "--agreement", str(files.agreement), str(folder)],
        ["targets", "--agreement", str(agreement), "--format", evil],
    ]
    for args in runs:
        _, out, err = tulos(*args)
        assert_inert(out)
        assert_inert(err)
        assert shown in err
    assert output.exists()
