"""Pins agreements/2024-2027.yaml to the signed document it encodes.

The expectations come from PARSING the text of the signed agreement (a byte copy in
tests/data/seed/), not from a second hand-typed copy of the YAML: every numeric row of Tables 1,
2, 4-7 and 10-13, every column header, footnote and qualitative cell, the section headings, the
impact goals, the strategy and the metadata. The only hand-made expectations are the counts of
qualitative items per group and year (counted from the document by hand), which pin how the
flattened lists were split.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from tulosmittari.formula import holds, parse
from tulosmittari.loading import LoadedAgreement, load_agreement
from tulosmittari.problems import Severity
from tulosmittari.schema import (
    Agreement,
    ColumnKind,
    Direction,
    LineRole,
    Metric,
    MissingCell,
    MissingReason,
    QualitativeGroup,
    QualitativeItem,
    ReferenceRow,
    Table,
)
from tulosmittari.validation import validate

REPO = Path(__file__).resolve().parent.parent
AGREEMENT_FILE = REPO / "agreements" / "2024-2027.yaml"
SEED_FILE = Path(__file__).resolve().parent / "data" / "seed" / "tulossopimus-valtori-2024-2027.txt"

NUMERIC_TABLES = (2, 4, 5, 6, 7, 10, 11, 12, 13)
QUALITATIVE_TABLES = (3, 8, 9)
GROUP_PREFIX = {3: "g", 8: "i", 9: "p"}  # goal, other target (item), project

# Counted by hand from the signed document: items per group and year; "-" where the year is
# printed as "-". Years not printed at all are absent.
EXPECTED_ITEMS: dict[str, dict[int, int | str]] = {
    "t3_g1": {2024: 3, 2025: 3, 2026: 3, 2027: 3},
    "t3_g2": {2024: 3, 2025: 2, 2026: 1, 2027: 1},
    "t3_g3": {2024: 3, 2025: 1, 2026: "-", 2027: "-"},
    "t3_g4": {2024: 6},
    "t8_i1": {2024: 1, 2025: 1, 2026: 1, 2027: 1},
    "t8_i2": {2024: 1, 2025: 1, 2026: 1, 2027: "-"},
    "t9_p1": {2024: 1, 2025: 1, 2026: 1, 2027: 1},
    "t9_p2": {2024: 4, 2025: "-", 2026: "-", 2027: "-"},
    "t9_p3": {2024: 2, 2025: "-", 2026: "-", 2027: "-"},
    "t9_p4": {2024: 1, 2025: 1, 2026: "-", 2027: "-"},
    "t9_p5": {2024: 6, 2025: "-", 2026: "-", 2027: "-"},
}

FOOTNOTE_MARKS = {"¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "*": "*"}
KINDS = {
    "Toteuma": ColumnKind.TOTEUMA,
    "Arvio": ColumnKind.ARVIO,
    "Tavoite": ColumnKind.TAVOITE,
    "Alustava tavoite": ColumnKind.ALUSTAVA_TAVOITE,
    "TP": ColumnKind.TP,
    "TA": ColumnKind.TA,
    "Kehys": ColumnKind.KEHYS,
}
MISSING = {
    "": MissingReason.BLANK,
    "tbd": MissingReason.TBD,
    "Uusi mittari, ei toteumaa": MissingReason.NEW_METRIC,
    "-": MissingReason.DASH,
    "–": MissingReason.DASH,
}
MONTHS = {"tammikuun": 1, "helmikuun": 2, "elokuun": 8, "joulukuun": 12}

_YEAR_LABEL = re.compile(
    r"^(?:(?P<kind>Toteuma|Arvio|Tavoite|Alustava tavoite) (?P<year>\d{4})"
    r"|(?P<year2>\d{4}) (?P<kind2>TP|Arvio|TA|Kehys))$"
)
_NUMBER = re.compile(r"^-?\d{1,3}(?: \d{3})*(?:,\d+)?$")
_TABLE_HEADING = re.compile(r"^Taulukko (\d+)\. (.+)$")
_SECTION_HEADING = re.compile(r"^(\d(?:\.\d)*) ([A-ZÄÖ].*)$")
_ROW_NAME = re.compile(r"^(?P<sub>- )?(?P<name>.*?)\s*(?P<mark>[¹²³⁴⁵⁶*])?$")
_LIST_NUMBER = re.compile(r"(?<!Taulukko )(?<!\S)\d\. (?=[A-ZÄÖ])")
_OL_TAG = re.compile(r"<ol[^>]*>")


# --- Reading the signed document ---------------------------------------------------------------


@cache
def seed_lines() -> tuple[str, ...]:
    return tuple(SEED_FILE.read_text(encoding="utf-8").split("\n"))


@cache
def section_headings() -> tuple[tuple[int, str, str], ...]:
    """(line index, number, title) of the numbered sections.

    The impact goals of 3.1 are numbered too ("1 Valtorin rooli ..."); they are not sections.
    """
    lines = seed_lines()
    goals_start = lines.index("3.1 Vaikuttavuustavoitteet")
    goals_end = next(i for i, line in enumerate(lines) if line.startswith("Taulukko 2. "))
    return tuple(
        (i, match.group(1), match.group(2))
        for i, line in enumerate(lines)
        if (match := _SECTION_HEADING.match(line)) and not goals_start < i < goals_end
    )


@cache
def table_segments() -> dict[int, tuple[str, ...]]:
    """The lines of each table: from its heading to the next table or numbered section."""
    ends = {index for index, _, _ in section_headings()}
    segments: dict[int, list[str]] = {}
    current: int | None = None
    for index, line in enumerate(seed_lines()):
        heading = _TABLE_HEADING.match(line)
        if heading:
            current = int(heading.group(1))
            segments[current] = [line]
        elif index in ends:
            current = None
        elif current is not None:
            segments[current].append(line)
    return {number: tuple(lines) for number, lines in segments.items()}


def table_title(number: int) -> str:
    heading = _TABLE_HEADING.match(table_segments()[number][0])
    assert heading
    return heading.group(2)


@dataclass(frozen=True)
class PrintedCell:
    raw: str
    number: Decimal | None = None
    missing: MissingReason | None = None
    see: str | None = None


def parse_cell(raw: str) -> PrintedCell:
    raw = raw.strip()
    if raw in MISSING:
        return PrintedCell(raw, missing=MISSING[raw])
    if raw.startswith("Viite: "):
        return PrintedCell(raw, see=raw)
    assert _NUMBER.match(raw), f"unreadable printed cell {raw!r}"
    return PrintedCell(raw, number=Decimal(raw.replace(" ", "").replace(",", ".")))


@dataclass(frozen=True)
class PrintedColumn:
    index: int
    year: int
    kind: ColumnKind
    label: str


@dataclass(frozen=True)
class PrintedRow:
    table: int
    name: str
    marks: tuple[str, ...]
    sub: bool
    cells: dict[int, PrintedCell]
    tae: bool


@dataclass
class PrintedTable:
    number: int
    caption: str = ""  # the header's first cell
    columns: list[PrintedColumn] = field(default_factory=list)
    rows: list[PrintedRow] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)


def header_columns(cells: Sequence[str]) -> list[PrintedColumn]:
    columns = []
    for index, cell in enumerate(cells):
        label = cell.strip()
        match = _YEAR_LABEL.match(label)
        if match:
            kind = match.group("kind") or match.group("kind2")
            year = match.group("year") or match.group("year2")
            columns.append(PrintedColumn(index, int(year), KINDS[kind], label))
    return columns


@cache
def printed_table(number: int) -> PrintedTable:
    """The tab-separated rows of a numeric table, with its header columns and footnotes."""
    table = PrintedTable(number)
    tae_index: int | None = None
    for line in table_segments()[number][1:]:
        footnote = re.match(r"^([¹²³⁴⁵⁶]) (.+)$|^\*(.+)$", line)
        if footnote:
            if footnote.group(1):
                table.footnotes.append((FOOTNOTE_MARKS[footnote.group(1)], footnote.group(2)))
            else:
                table.footnotes.append(("*", footnote.group(3)))
            continue
        if "\t" not in line:
            continue
        cells = line.split("\t")
        columns = header_columns(cells)
        if columns:
            assert not table.columns or table.columns == columns, f"Table {number}: two headers"
            table.columns = columns
            table.caption = cells[0].strip()
            tae_index = next((i for i, c in enumerate(cells) if c.startswith("talous")), None)
            continue
        assert table.columns, f"Table {number}: a row before the header: {line!r}"
        name = _ROW_NAME.match(cells[0].strip())
        assert name
        padded = [*cells, *[""] * (len(table.columns) + 2)]
        tae = tae_index is not None and padded[tae_index].strip() == "TAE"
        table.rows.append(
            PrintedRow(
                table=number,
                name=name.group("name"),
                marks=(FOOTNOTE_MARKS[name.group("mark")],) if name.group("mark") else (),
                sub=bool(name.group("sub")),
                cells={c.year: parse_cell(padded[c.index]) for c in table.columns},
                tae=tae,
            )
        )
    return table


@dataclass
class PrintedGroup:
    number: int
    title: str
    goal_text: str | None
    years: dict[int, str] = field(default_factory=dict)  # the cell as printed, "-" for a dash


@cache
def printed_groups(number: int) -> tuple[PrintedGroup, ...]:
    """The groups of a qualitative table and the text of each yearly cell."""
    groups: list[PrintedGroup] = []
    last_year: int | None = None
    for line in table_segments()[number][1:]:
        if not line.strip():
            continue
        heading = re.match(r"^\t(\d)\. (.+)$", line)
        project = re.match(r"^Hanke (\d)\. (.+?)\t(.+)$", line)
        year_row = re.match(r"^(20\d\d)\t(.*)$", line)
        if heading or project:
            match = heading or project
            assert match
            group_number = int(match.group(1))
            if groups and groups[-1].number == group_number:
                continue  # the heading repeated after a page break: the same group goes on
            goal_text = project.group(3) if project else None
            groups.append(PrintedGroup(group_number, match.group(2), goal_text))
            last_year = None
        elif year_row:
            last_year = int(year_row.group(1))
            groups[-1].years[last_year] = year_row.group(2).strip()
        elif line.startswith("\t") and last_year is not None:
            groups[-1].years[last_year] += " " + line.strip()  # the row goes on after a break
        else:
            pytest.fail(f"Table {number}: unexpected line {line!r}")
    return tuple(groups)


def clean_cell(text: str, *, list_numbers: bool = True) -> str:
    """A printed cell without the extraction's markup, whitespace collapsed."""
    text = _OL_TAG.sub(" ", text).replace("**", "")
    if list_numbers:
        text = _LIST_NUMBER.sub("", text)
    return " ".join(text.split())


def printed_pattern(printed: str) -> re.Pattern[str]:
    """The printed text, where each "- " may have been a line-break hyphenation.

    The only liberty an encoded text may take: "vähene- misessä" → "vähenemisessä",
    "Tuve- palveluympäristölle" → "Tuve-palveluympäristölle". Everything else is verbatim.
    """
    return re.compile("-? ?".join(re.escape(part) for part in printed.split("- ")))


def assert_printed_as(encoded: str, printed: str, what: str) -> None:
    assert printed_pattern(printed).fullmatch(" ".join(encoded.split())), (
        f"{what}: {encoded!r} is not the printed {printed!r}"
    )


def finnish(number: Decimal) -> str:
    """A number the way the document prints it: 24 483 289, 3,5."""
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + " ".join(groups) + ("," + fraction if fraction else "")


def lines_between(start: str, end: str) -> list[str]:
    lines = seed_lines()
    first = lines.index(start)
    return list(lines[first + 1 : lines.index(end, first)])


def paragraphs(lines: Sequence[str]) -> list[str]:
    """Blank-line separated paragraphs, each joined into one line."""
    result: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            result.append(" ".join(current))
            current = []
    return result


# --- Reading the agreement file ------------------------------------------------------------------


@cache
def loaded() -> LoadedAgreement:
    return load_agreement(AGREEMENT_FILE)


def agreement() -> Agreement:
    result = loaded()
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.agreement is not None
    return result.agreement


def table(number: int) -> Table:
    matches = [t for t in agreement().tables if t.number == number]
    assert len(matches) == 1, f"Table {number} is encoded {len(matches)} times"
    return matches[0]


def metrics() -> dict[str, Metric]:
    return {metric.id: metric for _, metric in agreement().iter_metrics()}


def groups_of(number: int) -> list[QualitativeGroup]:
    return list(table(number).groups)


def items_of(group: QualitativeGroup, year: int) -> list[QualitativeItem]:
    items = group.years[year]
    assert isinstance(items, list), f"{group.id} {year} is not a list of items"
    return items


# --- The whole document is encoded ---------------------------------------------------------------


def test_seed_copy_is_the_signed_text() -> None:
    text = SEED_FILE.read_text(encoding="utf-8")
    assert "VN/17411/2023" in text
    assert len(table_segments()) == 13
    assert sorted(table_segments()) == list(range(1, 14))


def test_every_table_is_encoded_once_with_its_printed_title() -> None:
    encoded = [t.number for t in agreement().tables]
    assert encoded == list(range(1, 14))
    for number in encoded:
        assert table(number).id == f"t{number}"
        assert table(number).title == table_title(number)


def test_tables_sit_in_their_printed_sections() -> None:
    sections = {index: number for index, number, _ in section_headings()}
    section = None
    expected: dict[int, str] = {}
    for index, line in enumerate(seed_lines()):
        section = sections.get(index, section)
        heading = _TABLE_HEADING.match(line)
        if heading:
            assert section
            expected[int(heading.group(1))] = section
    assert {t.number: t.section for t in agreement().tables} == expected


# --- Numeric tables ----------------------------------------------------------------------------


def encoded_rows(number: int) -> list[Metric | ReferenceRow]:
    """A table's rows that stand for printed rows: no formula inputs, no footnote figures."""
    printed_names = {row.name for row in printed_table(number).rows}
    return [
        row
        for row in table(number).metrics
        if isinstance(row, ReferenceRow) or (row.printed and row.name in printed_names)
    ]


def footnote_figures(number: int) -> list[Metric]:
    printed_names = {row.name for row in printed_table(number).rows}
    return [
        row
        for row in table(number).metrics
        if isinstance(row, Metric) and row.printed and row.name not in printed_names
    ]


@pytest.mark.parametrize("number", NUMERIC_TABLES)
def test_every_printed_row_is_encoded_in_printed_order(number: int) -> None:
    printed = [row.name for row in printed_table(number).rows]
    assert printed, f"no rows parsed from Table {number}"
    assert [row.name for row in encoded_rows(number)] == printed


@pytest.mark.parametrize("number", NUMERIC_TABLES)
def test_column_kinds_and_labels_match_the_printed_header(number: int) -> None:
    printed = [(c.year, c.kind, c.label) for c in printed_table(number).columns]
    assert len(printed) == 6
    assert [(c.year, c.kind, c.label) for c in table(number).columns] == printed


@pytest.mark.parametrize("number", NUMERIC_TABLES)
def test_budget_table_captions_are_kept(number: int) -> None:
    caption = printed_table(number).caption
    if caption in ("", "mittari"):
        assert table(number).unit_note is None
    else:
        assert table(number).unit_note == caption


@pytest.mark.parametrize("number", NUMERIC_TABLES)
def test_every_printed_value_is_encoded_exactly(number: int) -> None:
    for printed, row in zip(printed_table(number).rows, encoded_rows(number), strict=True):
        if isinstance(row, ReferenceRow):
            texts = {cell.see for cell in printed.cells.values()}
            assert texts == {row.text}, f"{row.name}: every cell must be the printed reference"
            continue
        assert set(row.values) == set(printed.cells), f"{row.id}: years differ from print"
        for year, cell in printed.cells.items():
            value = row.values[year]
            where = f"{row.id} {year} (printed {cell.raw!r})"
            assert cell.see is None, f"{where}: a reference cell in a metric row"
            if cell.number is not None:
                assert isinstance(value, Decimal), where
                assert value == cell.number, where
            else:
                assert isinstance(value, MissingCell), where
                assert value.missing is cell.missing, where
                if value.text is not None:
                    assert value.text == cell.raw, where


@pytest.mark.parametrize("number", NUMERIC_TABLES)
def test_footnote_marks_sub_rows_and_tae_match_the_print(number: int) -> None:
    main_row: Metric | None = None
    for printed, row in zip(printed_table(number).rows, encoded_rows(number), strict=True):
        if isinstance(row, ReferenceRow):
            continue
        assert tuple(row.footnotes) == printed.marks, row.id
        assert row.tae == printed.tae, row.id
        if printed.sub:
            assert main_row is not None
            assert row.parent == main_row.id, f"{row.id}: a '- ' row belongs to {main_row.id}"
        else:
            assert row.parent is None, row.id
            main_row = row


def test_table_2_rows_belong_to_the_impact_goal_printed_above_them() -> None:
    """Table 2 groups its rows under headings that paraphrase an impact goal of section 3.1."""
    goals = agreement().impact_goals
    heading_of_row: dict[str, str] = {}
    heading = None
    for line in table_segments()[2][1:]:
        if "\t" in line:
            name = _ROW_NAME.match(line.split("\t")[0].strip())
            if name and not header_columns(line.split("\t")):
                assert heading is not None
                heading_of_row[name.group("name")] = heading
        elif line.strip() and not line.startswith(tuple(FOOTNOTE_MARKS)):
            heading = line.strip()
    assert len(set(heading_of_row.values())) == 2
    for row in encoded_rows(2):
        printed_heading = heading_of_row[row.name]
        closest = max(
            goals, key=lambda g: difflib.SequenceMatcher(None, g.title, printed_heading).ratio()
        )
        assert row.impact_goal == closest.id, row.name


def test_table_2_reference_row_points_at_the_table_7_metric() -> None:
    references = [row for row in table(2).metrics if isinstance(row, ReferenceRow)]
    assert len(references) == 1
    reference = references[0]
    target = re.fullmatch(r"Viite: Taulukko (\d+)", reference.text)
    assert target
    referred = {m.id: m for m in table(int(target.group(1))).metrics if isinstance(m, Metric)}
    assert reference.see in referred

    def loose(name: str) -> str:
        return re.sub(r"[\s-]", "", name)

    assert loose(referred[reference.see].name) == loose(reference.name)


@pytest.mark.parametrize("number", NUMERIC_TABLES)
def test_every_footnote_is_encoded_verbatim(number: int) -> None:
    printed = printed_table(number).footnotes
    assert [(f.mark, f.text) for f in table(number).footnotes] == printed
    used = {
        mark for row in table(number).metrics if isinstance(row, Metric) for mark in row.footnotes
    }
    assert used == {mark for mark, _ in printed}, "every footnote is attached to a row"


def test_no_other_table_has_footnotes() -> None:
    for t in agreement().tables:
        if t.number not in NUMERIC_TABLES:
            assert t.footnotes == [], t.id


def test_footnote_figures_are_the_numbers_printed_in_their_footnote() -> None:
    for number in NUMERIC_TABLES:
        notes = dict(printed_table(number).footnotes)
        figures = footnote_figures(number)
        printed_numbers = [
            Decimal(n.replace(" ", ""))
            for text in notes.values()
            for n in re.findall(r"\d{1,3}(?: \d{3})+(?= euroa)", text)
        ]
        encoded_numbers = []
        for figure in figures:
            assert figure.footnotes, f"{figure.id}: not a printed row, not in a footnote"
            text = notes[figure.footnotes[0]]
            assert figure.name in text, figure.id
            assert figure.unit == "euroa", figure.id
            for value in figure.values.values():
                assert isinstance(value, Decimal)
                assert f"{finnish(value)} euroa" in text, figure.id
                encoded_numbers.append(value)
        assert sorted(encoded_numbers) == sorted(printed_numbers), f"Table {number}"
    assert len(footnote_figures(12)) == 4


def test_unprinted_inputs_are_formula_inputs_without_values() -> None:
    by_id = metrics()
    unprinted = [m for m in by_id.values() if not m.printed]
    assert unprinted
    for metric in unprinted:
        assert metric.values == {}, metric.id
        assert metric.parent is not None, metric.id
        parent = by_id[metric.parent]
        assert parent.formula is not None, metric.id
        assert metric.id in parse(parent.formula).names, metric.id
        assert (metric.unit, metric.scale, metric.direction) == (
            parent.unit,
            parent.scale,
            parent.direction,
        ), metric.id


# --- Table 1 ------------------------------------------------------------------------------------


def test_table_1_row_is_encoded_as_printed() -> None:
    header, row = (line.split("\t") for line in table_segments()[1][1:] if "\t" in line)
    impact_rows = table(1).impact_rows
    assert len(impact_rows) == 1
    impact = impact_rows[0]
    assert impact.goal == row[0]
    assert impact.chapter_goal == row[3]
    indicator = metrics()[impact.indicator]
    assert indicator.name == row[1]
    assert indicator.direction is Direction.NOT_A_TARGET
    arvio = header.index("Arvio 2024")
    assert [(c.year, c.kind, c.label) for c in table(1).columns] == [
        (2024, ColumnKind.ARVIO, header[arvio])
    ]
    assert indicator.values == {2024: parse_cell(row[arvio]).number}


def test_table_1_targets_cover_the_whole_cell_in_order() -> None:
    rows = [line.split("\t") for line in table_segments()[1][1:] if "\t" in line]
    cell = rows[1][4]
    rest = cell
    by_id = metrics()
    for target in table(1).impact_rows[0].item_targets:
        head, found, rest = rest.partition(target.text)
        assert found, f"{target.text!r} not printed (in this order)"
        assert head.strip(" ,") == "", f"unencoded text before {target.text!r}: {head!r}"
        figure = re.search(r"(\d+(?:,\d+)?)(?: %| kpl/kk| h)?$", target.text)
        assert figure
        assert target.value == Decimal(figure.group(1).replace(",", "."))
        metric = by_id[target.metric]
        if "TAE" in target.text:
            extra = [e for e in metric.extra_targets if e.year == target.year]
            assert [e.value for e in extra] == [target.value], target.metric
            assert extra[0].source == "talousarvioesitys"
            assert extra[0].label in target.text
        else:
            assert metric.values[target.year] == target.value, target.metric
    assert rest.strip() == ""


# --- Qualitative tables --------------------------------------------------------------------------


def test_qualitative_item_counts_per_group_and_year() -> None:
    encoded: dict[str, dict[int, int | str]] = {}
    for number in QUALITATIVE_TABLES:
        for group in groups_of(number):
            encoded[group.id] = {
                year: len(items) if isinstance(items, list) else "-"
                for year, items in group.years.items()
            }
            for items in group.years.values():
                if isinstance(items, MissingCell):
                    assert items.missing is MissingReason.DASH, group.id
    assert encoded == EXPECTED_ITEMS
    assert sum(1 for _ in agreement().iter_items()) == 54


@pytest.mark.parametrize("number", QUALITATIVE_TABLES)
def test_qualitative_groups_match_the_printed_headings(number: int) -> None:
    printed = printed_groups(number)
    encoded = groups_of(number)
    assert [g.number for g in encoded] == [p.number for p in printed]
    for group, heading in zip(encoded, printed, strict=True):
        assert group.id == f"t{number}_{GROUP_PREFIX[number]}{heading.number}"
        assert_printed_as(group.title, heading.title, group.id)
        if heading.goal_text is None:
            assert group.goal_text is None, group.id
        else:
            assert group.goal_text is not None, group.id
            note = f" {group.note}" if group.note and group.note.startswith("(") else ""
            assert_printed_as(group.goal_text + note, heading.goal_text, group.id)
            goal = re.match(r"Vaikuttavuustavoite (\d)", heading.goal_text)
            assert goal
            assert group.impact_goal == f"g{goal.group(1)}", group.id


@pytest.mark.parametrize("number", QUALITATIVE_TABLES)
def test_qualitative_items_say_exactly_what_is_printed(number: int) -> None:
    """Joined, a year's items are the printed cell: nothing dropped, nothing added."""
    for group, printed in zip(groups_of(number), printed_groups(number), strict=True):
        assert set(group.years) == set(printed.years), group.id
        for year, cell in printed.years.items():
            if cell == "-":
                assert isinstance(group.years[year], MissingCell), f"{group.id} {year}"
                continue
            items = items_of(group, year)
            for index, item in enumerate(items, start=1):
                assert item.id == f"{group.id}_{year}_{index}"
                assert item.text == " ".join(item.text.split()), item.id
                assert not re.search(r"<|\*\*", item.text), item.id
            joined = " ".join(item.text for item in items)
            assert_printed_as(joined, clean_cell(cell), f"{group.id} {year}")


def test_table_3_groups_follow_the_impact_goals() -> None:
    for group in groups_of(3):
        assert group.impact_goal == f"g{group.number}"


def test_items_stating_a_figure_are_linked_to_a_metric_with_that_figure() -> None:
    by_id = metrics()
    linked: dict[str, set[int]] = {}
    for t, group, year, item in agreement().iter_items():
        figure = re.search(r"(\d+) ?%", item.text)
        if figure is None:
            assert item.metric is None, item.id
            continue
        assert item.metric is not None, f"{item.id} states {figure.group(0)} but has no metric"
        metric = by_id[item.metric]
        assert metric.values[year] == Decimal(figure.group(1)), item.id
        assert any(isinstance(r, Metric) and r.id == metric.id for r in t.metrics), item.id
        assert t.column_for(year) is not None, item.id
        linked.setdefault(metric.id, set()).add(year)
        if group.impact_goal is not None:
            assert metric.impact_goal == group.impact_goal, item.id
    assert set(linked) == {
        "complaints_handled_share",
        "security_network_remediation_share",
        "projects_on_schedule_share",
    }
    for metric_id, years in linked.items():
        for year, value in by_id[metric_id].values.items():
            if year not in years:
                assert isinstance(value, MissingCell), f"{metric_id} {year}"
                assert value.missing is MissingReason.DASH


def test_qualitative_table_columns_are_the_printed_row_years() -> None:
    for number in (8, 9):
        years = sorted({y for g in printed_groups(number) for y in g.years})
        expected = [
            (
                y,
                ColumnKind.TAVOITE
                if y in agreement().binding_years
                else ColumnKind.ALUSTAVA_TAVOITE,
                str(y),
            )
            for y in years
        ]
        assert [(c.year, c.kind, c.label) for c in table(number).columns] == expected


# --- Prose ---------------------------------------------------------------------------------------


def test_strategy_is_section_1_verbatim() -> None:
    lines = lines_between("1 Strategiset linjaukset", "2 Yhteiskunnallinen vaikuttavuus")
    strategy = agreement().strategy
    assert strategy is not None
    assert strategy.text == "\n".join(lines).strip()
    bullets = [line[2:] for line in lines if line.startswith("- ")]
    assert strategy.ministry_goals == bullets
    sentence = re.search(r"Valtorin strategiset päätavoitteet ovat (.+?)\.", "\n".join(lines))
    assert sentence
    goals = re.split(r", | ja ", sentence.group(1))
    assert strategy.agency_strategic_goals == goals


def impact_goal_blocks() -> list[tuple[int, str, list[str]]]:
    lines = lines_between("3.1 Vaikuttavuustavoitteet", "Taulukko 2. " + table_title(2))
    blocks: list[tuple[int, str, list[str]]] = []
    for line in lines:
        heading = re.match(r"^([1-9]) (\S.*)$", line)
        if heading:
            blocks.append((int(heading.group(1)), heading.group(2), []))
        elif blocks:
            blocks[-1][2].append(line)
    return blocks


def test_impact_goals_are_section_3_1_verbatim() -> None:
    blocks = impact_goal_blocks()
    goals = agreement().impact_goals
    assert [(g.id, g.number) for g in goals] == [(f"g{n}", n) for n, _, _ in blocks]
    for goal, (_, title, body) in zip(goals, blocks, strict=True):
        assert goal.title == title
        printed = clean_cell(" ".join(body), list_numbers=False)
        assert_printed_as(goal.text, printed, goal.id)
        assert goal.text.count("\n\n") + 1 == len(paragraphs(body)), goal.id
        outcomes = [m.group(1) for line in body if (m := re.match(r"^\d\. (.+)$", line))]
        assert goal.outcomes == outcomes


def test_sections_are_the_numbered_headings() -> None:
    printed = [(number, title) for _, number, title in section_headings()]
    assert [(s.number, s.title) for s in agreement().sections] == printed
    assert len(printed) == 10


# --- Metadata ------------------------------------------------------------------------------------


def section_5_paragraphs() -> list[str]:
    lines = seed_lines()
    start = lines.index("5 Voimassaolo, seuranta ja allekirjoitukset")
    end = lines.index("Valtiovarainministeriö", start)
    return paragraphs(lines[start + 1 : end])


def test_identification_is_as_printed() -> None:
    meta = agreement().meta
    head = [line for line in seed_lines()[:12] if line.strip()]
    day, month, year = head[0].split(".")
    assert meta.date == dt.date(int(year), int(month), int(day))
    assert meta.diary_numbers == head[1:3]
    assert meta.title == head[3]
    assert meta.years.first == min(c.year for c in printed_table(4).columns)
    assert meta.years.last == max(c.year for c in printed_table(4).columns)


def test_signatories_are_as_printed() -> None:
    lines = seed_lines()
    start = lines.index(
        "Valtiovarainministeriö", lines.index("5 Voimassaolo, seuranta ja allekirjoitukset")
    )
    block = [line for line in lines[start:] if line.strip()]
    party_names, people = block[:2], block[2:]
    assert len(people) == 8
    pairs = list(zip(people[::2], people[1::2], strict=True))
    meta = agreement().meta
    party_ids = []
    for printed_name in party_names:
        ids = [
            p.id
            for p in meta.parties
            if p.name == printed_name or p.name.endswith(" " + printed_name)
        ]
        assert len(ids) == 1, printed_name
        party_ids.append(ids[0])
    # Two columns read row by row: the left column's signatory, then the right column's.
    expected = {(name, title, party_ids[i % 2]) for i, (name, title) in enumerate(pairs)}
    assert {(s.name, s.title, s.party) for s in meta.signatories} == expected
    roles = {p.id: p.role for p in meta.parties}
    assert roles == {party_ids[0]: "ministry", party_ids[1]: "agency"}


def test_validity_and_reporting_are_section_5() -> None:
    meta = agreement().meta
    paras = section_5_paragraphs()
    validity = meta.validity
    assert validity is not None
    assert validity.text == paras[0]
    until = re.search(r"voimassa vuoden (\d{4}) loppuun", validity.text)
    preliminary = re.search(r"Vuosille (\d{4})–(\d{4})", validity.text)
    assert until
    assert preliminary
    assert validity.binding_years == [int(until.group(1))]
    assert validity.valid_until == dt.date(int(until.group(1)), 12, 31)
    first, last = int(preliminary.group(1)), int(preliminary.group(2))
    assert validity.preliminary_years == list(range(first, last + 1))

    reporting = meta.reporting
    assert reporting is not None
    assert reporting.text is not None
    report_paras = reporting.text.split("\n\n")
    assert all(p in paras for p in report_paras)
    for report in reporting.reports:
        assert report.text is not None
        assert report.text in report_paras[0]
        month = next(MONTHS[w] for w in report.text.split() if w in MONTHS)
        assert report.due_month == month, report.id
    covers = {r.covers: r for r in reporting.reports}
    assert set(covers) == {"H1", "year"}
    assert "ensimmäiseltä vuosipuoliskolta" in (covers["H1"].text or "")
    assert covers["H1"].due_year_offset == 0
    assert covers["year"].due_year_offset == 1  # February after the year
    meetings = report_paras[1]
    for meeting in reporting.review_meetings:
        adjective, noun = meeting.split()
        assert re.search(rf"{adjective} {noun[:-2]}\w*", meetings), meeting

    covered = [validity.text, *report_paras, *meta.notes]
    assert sorted(covered) == sorted(paras), "every paragraph of section 5 is kept once"


# --- Consistency of the encoding ---------------------------------------------------------------


def all_ids() -> Iterator[str]:
    a = agreement()
    yield from (g.id for g in a.impact_goals)
    for t in a.tables:
        yield t.id
        yield from (row.id for row in t.metrics if isinstance(row, Metric))
        for group in t.groups:
            yield group.id
            for items in group.years.values():
                if isinstance(items, list):
                    yield from (item.id for item in items)
    yield from (identity.id for identity in a.identities)


def test_ids_are_unique_and_references_resolve() -> None:
    ids = list(all_ids())
    assert len(ids) == len(set(ids))
    a = agreement()
    by_id = metrics()
    goals = {g.id for g in a.impact_goals}
    for t in a.tables:
        for row in t.metrics:
            if isinstance(row, ReferenceRow):
                assert row.see in by_id
                assert row.impact_goal in goals
                continue
            assert row.parent is None or row.parent in by_id, row.id
            assert row.impact_goal is None or row.impact_goal in goals, row.id
            if row.formula:
                assert parse(row.formula).names <= by_id.keys(), row.id
        for group in t.groups:
            assert group.impact_goal is None or group.impact_goal in goals, group.id
        for impact in t.impact_rows:
            assert impact.indicator in by_id
            assert all(target.metric in by_id for target in impact.item_targets)
    for identity in a.identities:
        assert parse(identity.formula, allow_comparison=True).names <= by_id.keys(), identity.id


def test_directions_follow_the_line_roles() -> None:
    expected = {
        LineRole.EXPENSE: Direction.LOWER_IS_BETTER,
        LineRole.TOTAL_EXPENSE: Direction.LOWER_IS_BETTER,
        LineRole.NET: Direction.LOWER_IS_BETTER,
        LineRole.INCOME: Direction.HIGHER_IS_BETTER,
        LineRole.TOTAL_INCOME: Direction.HIGHER_IS_BETTER,
        LineRole.FINANCING: Direction.NOT_A_TARGET,
        LineRole.APPROPRIATION: Direction.NOT_A_TARGET,
    }
    for t in (table(11), table(12)):
        for row in t.metrics:
            assert isinstance(row, Metric)
            if row.role is not None:
                assert row.direction is expected[row.role], row.id
            else:
                assert row.direction is Direction.NOT_A_TARGET, row.id
    for row in table(13).metrics:
        assert isinstance(row, Metric)
        assert row.direction is Direction.NOT_A_TARGET


def test_scales_are_stated_for_1_to_5_units() -> None:
    for _, metric in agreement().iter_metrics():
        if "1-5" in metric.unit:
            assert metric.scale is not None, metric.id
            assert (metric.scale.min, metric.scale.max) == (Decimal(1), Decimal(5)), metric.id
        else:
            assert metric.scale is None, metric.id


def evaluation_years(formula_names: frozenset[str], years: list[int] | None) -> list[int]:
    by_id = metrics()
    if years is not None:
        return years
    return sorted({y for name in formula_names for y in by_id[name].values})


def test_identities_hold_or_are_acknowledged_breaks() -> None:
    by_id = metrics()
    breaks: list[tuple[str, int]] = []
    for identity in agreement().identities:
        formula = parse(identity.formula, allow_comparison=True)
        assert formula.comparison is not None, identity.id
        acknowledged = {a.year for a in identity.acknowledged}
        for year in evaluation_years(formula.names, identity.years):
            values = {name: by_id[name].values.get(year) for name in formula.names}
            numbers = {k: v for k, v in values.items() if isinstance(v, Decimal)}
            assert len(numbers) == len(values), f"{identity.id} {year}: a figure is missing"
            left, right = formula.sides(numbers)
            if holds(formula.comparison, left, right, identity.tolerance):
                assert year not in acknowledged, f"{identity.id} {year}: acknowledged but holds"
            else:
                assert year in acknowledged, f"{identity.id} {year}: {left} vs {right}"
                breaks.append((identity.id, year))
    assert sorted(breaks) == [
        ("t11_carried_forward", 2022),
        ("t6_cost_recovery_eur_vs_t11", 2023),
        ("t6_cost_recovery_pct_vs_t11", 2023),
    ]


def test_derived_metrics_reproduce_their_printed_values() -> None:
    by_id = metrics()
    checked = 0
    for metric in by_id.values():
        if metric.formula is None:
            continue
        formula = parse(metric.formula)
        inputs = [by_id[name] for name in formula.names]
        if not all(i.printed for i in inputs):
            continue
        for year, value in metric.values.items():
            assert isinstance(value, Decimal)
            numbers: dict[str, Decimal] = {}
            for i in inputs:
                number = i.values[year]
                assert isinstance(number, Decimal), f"{i.id} {year}"
                numbers[i.id] = number
            assert formula.evaluate(numbers) == value, f"{metric.id} {year}"
            checked += 1
    assert checked == 6


def test_the_project_validator_finds_only_the_acknowledged_breaks() -> None:
    problems = validate(agreement(), loaded().source)
    serious = [p for p in problems if p.severity is not Severity.INFO]
    assert serious == [], "\n".join(str(p) for p in serious)
    identities = {i.id for i in agreement().identities if i.acknowledged}
    for problem in problems:
        assert any(identity in str(problem) for identity in identities), str(problem)


def test_file_header_and_scalars() -> None:
    text = AGREEMENT_FILE.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/agreement.schema.json\n")
    assert agreement().schema_version == 1
    assert not re.search(r"[\r\t]", text)
