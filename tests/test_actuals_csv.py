"""The CSV layer of actuals files: lines decoded a block at a time whatever the size, the
header, each row's fields, and the problems that stop a file or are capped per file."""

from __future__ import annotations

import csv
import io
import time
from decimal import Decimal
from pathlib import Path

import pytest

from actuals_fixtures import build_agreement, problems_of, read_text, write
from tulosmittari.actuals import ReadLimits
from tulosmittari.actuals_csv import MAX_PROBLEMS, CsvFile, Header, Lines, Problems
from tulosmittari.periods import Period
from tulosmittari.problems import InputError, Location, Message, Problem
from tulosmittari.schema import Agreement

D = Decimal
P = Period.parse
LIMITS = ReadLimits()


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    return build_agreement()


def fields_of(
    path: Path, limits: ReadLimits = LIMITS
) -> tuple[Header | None, list[tuple[int, list[str]]], list[str]]:
    """The header, each row's line and fields, and the problems, as the reader gets them."""
    problems = Problems(path.name)
    text = CsvFile(path, path.name, problems, limits.max_bytes, limits.max_rows)
    found: list[tuple[int, list[str]]] = []
    headers: list[Header] = []

    def use(header: Header, lines: Lines) -> None:
        headers.append(header)
        for line, raw in lines:
            fields = text.split(line, raw, lines, header)
            if fields is not None:
                found.append((line, fields))

    text.read(use)
    return (headers[0] if headers else None), found, [str(p) for p in problems.all()]


# --- lines and fields, whatever the blocks --------------------------------------------------


def large_rows(count: int, newline: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """A file of three-byte characters, quoted fields over lines and varying lengths, so that
    blocks of any size end inside characters, quoted fields and line ends; and its rows."""
    lines = ["metric;period;value;note"]
    expected = []
    line = 2
    for n in range(count):
        note = "€" * (n % 37)
        row = ["operating_costs", f"2024-01-{n % 28 + 1:02d}", str(n), note]
        if n % 7 == 3:
            note = f'a "quoted" {note};{newline}over lines'
            row[3] = note.replace(newline, "\n")
            lines.append(";".join([*row[:3], '"' + note.replace('"', '""') + '"']))
        else:
            lines.append(";".join(row))
        expected.append((line, row))
        line += 1 + (n % 7 == 3)
    return newline.join(lines) + newline, expected


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("prefix", [0, 1, 2])
def test_lines_and_fields_come_out_whole_across_blocks(
    tmp_path: Path, newline: str, prefix: int
) -> None:
    text, expected = large_rows(12_000, newline)  # about 700 KB
    path = write(tmp_path, "#" * prefix + newline + text)  # shifts every block's end
    header, rows, problems = fields_of(path)
    assert problems == []
    assert header == Header(";", {"metric": 0, "period": 1, "value": 2, "note": 3}, 4, 2)
    assert rows == [(line + 1, fields) for line, fields in expected]
    reference = list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=";"))
    assert [fields for _, fields in rows] == reference[1:]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            b"\xe4",
            "the file is not UTF-8: byte 0xE4 (in Windows-1252 or Latin-1 it is 'ä'); "
            "save it as UTF-8 (in Excel: CSV UTF-8)",
        ),
        (
            b"\x00",
            "the file contains NUL bytes: it is not a text CSV file (a spreadsheet or UTF-16 "
            "file?); save it as CSV UTF-8",
        ),
    ],
    ids=["not UTF-8", "NUL"],
)
def test_a_bad_byte_deep_in_a_file_is_placed_and_the_rows_before_it_are_read(
    tmp_path: Path, bad: bytes, message: str
) -> None:
    text, expected = large_rows(20_000, "\n")
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode() + "ä€,".encode() + bad + b",1\nlater,2024,1\n")
    _, rows, problems = fields_of(path)
    line = text.count("\n") + 1
    assert problems == [f"a.csv:{line}:4: error: {message}"]
    assert rows == expected


def test_the_header_sets_the_delimiter_and_drops_unnamed_columns_at_its_end(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, '# export\n\n "Metric"\t PERIOD \tvalue\t\t\noperating_costs\t2024\t5\n')
    header, rows, problems = fields_of(path)
    assert header == Header("\t", {"metric": 0, "period": 1, "value": 2}, 3, 3)
    assert (rows, problems) == ([(4, ["operating_costs", "2024", "5"])], [])


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("after", ["", "#", "# comment", ";;"], ids=["", "#", "comment", ";;"])
def test_a_header_without_rows_is_the_same_whatever_the_line_ends(
    tmp_path: Path, newline: str, after: str
) -> None:
    header, rows, problems = fields_of(write(tmp_path, f"metric;period;value{newline}{after}"))
    assert header == Header(";", {"metric": 0, "period": 1, "value": 2}, 3, 1)
    assert (rows, problems) == ([], [])


def test_an_empty_file_and_an_empty_pipe_say_which(tmp_path: Path) -> None:
    header, rows, problems = fields_of(write(tmp_path, "# nothing\n\n"))
    assert (header, rows) == (None, [])
    assert problems == [
        "a.csv: error: the file is empty: it needs a header row such as metric,period,value"
    ]


# --- problems -------------------------------------------------------------------------------


def tag(n: int) -> Message:
    """A message told apart by its parameter."""
    return Message("actuals.header.unnamed", column=n)


def test_problems_come_in_reading_order_with_row_problems_after_cells() -> None:
    problems = Problems("a.csv")
    problems.at(3, 2, "period", tag(5))
    problems.at(2, None, None, tag(4))
    problems.at(2, 3, "value", tag(3))
    problems.at(2, 1, "metric", tag(2))
    problems.add(Problem(Location("a.csv"), tag(1)), always=True)
    assert [p.message for p in problems.all()] == [tag(n) for n in range(1, 6)]


def test_problems_beyond_the_cap_are_counted_after_reading_and_whole_file_ones_kept() -> None:
    problems = Problems("a.csv")
    for line in range(MAX_PROBLEMS + 1):
        problems.at(line + 2, 1, "metric", tag(1))
    assert problems.full
    problems.add(Problem(Location("a.csv", 900), tag(2)), always=True)
    shown = [str(p) for p in problems.all()]
    assert len(shown) == MAX_PROBLEMS + 2
    assert shown[-2:] == [
        "a.csv:900: error: column 2 of the header has no name",
        "a.csv: error: … and 1 more problem",
    ]


def test_quoted_fields_hold_delimiters_quotes_and_line_breaks(
    agreement: Agreement, tmp_path: Path
) -> None:
    text = (
        "metric;period;value;note;source\n"
        'operating_costs;2024-01;"1;5";"a ""quoted"" note;\nover two lines";ledger\n'
        "operating_costs;2024-02;2;;\n"
    )
    with pytest.raises(InputError):  # "1;5" is a value with a stray ; in it, not a number
        read_text(agreement, tmp_path, text)
    text = text.replace('"1;5"', '"1,5"')
    actuals = read_text(agreement, tmp_path, text)
    observed = actuals.value("operating_costs", P("2024-Q1"))
    assert observed is not None
    assert observed.value == D("3.5")
    assert observed.notes == ('a "quoted" note;\nover two lines',)
    assert observed.sources == ("ledger",)
    second = actuals.value("operating_costs", P("2024-02"))
    assert second is not None
    assert second.first_location == Location("a.csv", 4)  # the note's line break counts


def test_a_quote_in_an_ignored_column_may_open_a_field_over_lines(
    agreement: Agreement, tmp_path: Path
) -> None:
    text = (
        "metric,name,period,value\n"
        'operating_costs,"Costs,\noperating_costs,x,2024-01-02,99\n""total""",2024-01-01,5\n'
        "operating_costs,,2024-01-03,7\n"
    )
    observed = read_text(agreement, tmp_path, text).value("operating_costs", P("2024-01"))
    assert observed is not None
    assert (observed.value, observed.count) == (D(12), 2)


def test_reading_stops_at_the_problem_after_the_cap(agreement: Agreement, tmp_path: Path) -> None:
    rows = "".join(f"operating_costs,2024-01-{d % 28 + 1:02d},x{d}\n" for d in range(150))
    problems = problems_of(agreement, write(tmp_path, "metric,period,value\n" + rows))
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-2].startswith("a.csv:101:3 [value]: error: 'x99' is not a number")
    assert (
        problems[-1] == "a.csv:102: error: reading stopped here after 100 problems: fix those first"
    )


def test_rows_before_a_whole_file_problem_are_still_checked(
    agreement: Agreement, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"metric,period,value\nnope,2024,1\noperating_costs,2024,2\n\xe4\n")
    assert problems_of(agreement, path) == [
        "a.csv:2:1 [metric]: error: unknown metric or item 'nope': use the ids of the agreement",
        "a.csv:4:1: error: the file is not UTF-8: byte 0xE4 (in Windows-1252 or Latin-1 it is "
        "'ä'); save it as UTF-8 (in Excel: CSV UTF-8)",
    ]


def test_a_missing_file_is_a_problem_not_a_traceback(agreement: Agreement, tmp_path: Path) -> None:
    problems = problems_of(agreement, tmp_path / "missing.csv")
    assert problems == ["missing.csv: error: cannot read the file: No such file or directory"]


def test_a_ten_megabyte_line_is_rejected_quickly(agreement: Agreement, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    with path.open("wb") as out:
        out.write(b"metric,period,value\noperating_costs,2024,")
        out.write(b"9" * (10 << 20))
        out.write(b"\noperating_costs,2025,1\n")
    started = time.perf_counter()
    problems = problems_of(agreement, path)
    assert time.perf_counter() - started < 2
    assert problems == [
        "a.csv:2: error: line 2 is longer than 1 MiB: this is not a CSV file of actuals"
    ]


def test_a_file_without_line_breaks_is_rejected_quickly(
    agreement: Agreement, tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"metric," * (2 << 20))
    assert problems_of(agreement, path) == [
        "a.csv:1: error: line 1 is longer than 1 MiB: this is not a CSV file of actuals"
    ]


def test_an_unclosed_quote_stops_after_one_mebibyte(agreement: Agreement, tmp_path: Path) -> None:
    line = "operating_costs,2024-01-01,1\n"
    text = 'metric,period,value,note\noperating_costs,2024,1,"open\n' + line * 50_000
    assert problems_of(agreement, write(tmp_path, text)) == [
        "a.csv:2: error: the quoted field that starts on line 2 runs over 1 MiB: "
        "is a closing quote missing?"
    ]
