"""Bounds on what the reader takes in: bytes and rows of a file or pipe, rows repeated, and no
more reading once an input is known to be unusable."""

from __future__ import annotations

import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actuals_fixtures import build_agreement, problems_of, read, write
from tulosmittari import actuals
from tulosmittari.actuals import ReadLimits, read_actuals
from tulosmittari.i18n import problem_line
from tulosmittari.numbers import format_number
from tulosmittari.periods import Period
from tulosmittari.problems import InputError
from tulosmittari.schema import Agreement


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    return build_agreement()


def problems_within(agreement: Agreement, path: Path, limits: ReadLimits, name: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_actuals([path], agreement, display_names=[name], limits=limits)
    return [str(p) for p in caught.value.problems]


DAYS = "".join(f"operating_costs,2024-01-{d:02d},{d}\n" for d in range(1, 29))


def test_a_file_over_the_row_limit_is_refused_at_the_first_row_beyond(
    agreement: Agreement, tmp_path: Path
) -> None:
    path = write(tmp_path, "metric,period,value\n" + DAYS)
    assert problems_within(agreement, path, ReadLimits(max_rows=10), "a.csv") == [
        "a.csv:11: error: the input has more than 10 rows, the most tulos reads from one file or"
        " pipe: split it, or raise the limit with the environment variable TULOS_MAX_ROWS"
    ]
    assert read_actuals([path], agreement, limits=ReadLimits(max_rows=29)).years() == [2024]


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(
    agreement: Agreement, tmp_path: Path
) -> None:
    path = write(tmp_path, "metric,period,value\n" + DAYS)
    size = path.stat().st_size
    assert problems_within(agreement, path, ReadLimits(max_bytes=size - 1), "a.csv") == [
        f"a.csv: error: the input is larger than {size - 1:,} bytes, the most tulos reads from one"
        " file or pipe: split it, or raise the limit with the environment variable"
        " TULOS_MAX_BYTES"
    ]
    assert read_actuals([path], agreement, limits=ReadLimits(max_bytes=size)).years() == [2024]


def endless_pipe(first: bytes, then: bytes) -> tuple[int, threading.Thread]:
    """A pipe that another thread writes `first`, then `then` until its reader goes away."""
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "wb", buffering=0) as out:
            try:
                out.write(first)
                while True:
                    out.write(then)
            except OSError:
                pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return read_end, writer


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        (
            ReadLimits(max_rows=100_000),
            "pipe:100001: error: the input has more than 100,000 rows, the most tulos reads from"
            " one file or pipe: split it, or raise the limit with the environment variable"
            " TULOS_MAX_ROWS",
        ),
        (
            ReadLimits(max_bytes=1 << 20),
            "the input is larger than 1,048,576 bytes, the most tulos reads from one file or pipe:"
            " split it, or raise the limit with the environment variable TULOS_MAX_BYTES",
        ),
    ],
    ids=["rows", "bytes"],
)
def test_a_pipe_that_never_ends_is_bounded_the_same_way(
    agreement: Agreement, limits: ReadLimits, expected: str
) -> None:
    """Comments without end: nothing is repeated or wrong, only the limits end it."""
    read_end, writer = endless_pipe(b"metric,period,value\n", b"# more to come\n" * 1000)
    try:
        problems = problems_within(agreement, Path(f"/dev/fd/{read_end}"), limits, "pipe")
    finally:
        os.close(read_end)
        writer.join(timeout=5)
    assert len(problems) == 1
    assert problems[0].endswith(expected)


def test_an_identical_row_repeated_too_often_is_one_error_naming_the_first_and_reading_stops(
    agreement: Agreement, tmp_path: Path
) -> None:
    rows = "operating_costs,2024-H1,5\n" * 1_001 + "nope,2024,1\n"
    path = write(tmp_path, "metric,period,value\n" + rows)
    assert problems_of(agreement, path) == [
        "a.csv:1002:3 [value]: error: 'operating_costs' for 2024-H1 is repeated 1,000 times,"
        " from a.csv:2 on: a row repeated so often is not actuals; give each figure once"
    ]  # the unknown id after it was not read
    fewer = write(tmp_path, "metric,period,value\n" + "operating_costs,2024-H1,5\n" * 1_000)
    observed = read(agreement, fewer).value("operating_costs", Period.parse("2024-H1"))
    assert observed is not None
    assert (observed.value, observed.count) == (Decimal(5), 1)


def test_the_same_data_twice_stops_the_second_reading(
    agreement: Agreement, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: the same 1 M-row file given twice was read to its end twice, and again in the
    second pass that compares repeated days; now the second file stops at the limit."""
    monkeypatch.setattr(actuals, "MAX_REPEATS", 100)
    rows = "".join(
        f"{m},2024-{mo:02d}-{d:02d},{d}\n"
        for mo in range(1, 13)
        for d in range(1, 29)
        for m in ("operating_costs", "outages_per_month")
    )
    a = write(tmp_path, "metric,period,value\n" + rows, "a.csv")
    b = write(tmp_path, "metric,period,value\n" + rows + "nope,2024,1\n", "b.csv")
    assert problems_of(agreement, a, b) == [
        "b.csv:102:3 [value]: error: more than 100 rows repeat a metric and day given earlier:"
        " is the same data in the files twice?"
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    number=st.decimals(
        min_value=-10_000_000, max_value=10_000_000, places=3, allow_nan=False, allow_infinity=False
    ),
    lang=st.sampled_from(["en", "fi"]),
)
def test_a_figure_as_the_report_prints_it_reads_back_as_that_figure_or_is_refused(
    agreement: Agreement, tmp_path_factory: pytest.TempPathFactory, number: Decimal, lang: str
) -> None:
    """Issue 16: what `--lang en` prints, pasted back as an actual, means the same or nothing."""
    printed = format_number(number, "en" if lang == "en" else "fi")
    digits = printed.replace("\u00a0", "").replace("\u2212", "-")
    shown = Decimal(digits.replace(",", "") if lang == "en" else digits.replace(",", "."))
    path = tmp_path_factory.mktemp("back") / "a.csv"
    path.write_text(f'metric,period,value\nnet_costs,2024,"{printed}"\n', encoding="utf-8")
    try:
        observed = read(agreement, path).value("net_costs", Period.parse("2024"))
    except InputError:
        assert lang == "en"  # Finnish output is never ambiguous
        return
    assert observed is not None
    assert observed.value == shown


@pytest.mark.parametrize(
    ("text", "limits", "expected"),
    [
        (
            "metric,period,value\n" + "operating_costs,2024-03,5\n" * 1_001,
            ReadLimits(),
            "a.csv:1002:3 [value]: error: mittarin 'operating_costs' rivi jaksolle 2024-03 toistuu"
            " 1\u00a0000 kertaa kohdasta a.csv:2 alkaen: näin monesti toistuva rivi ei ole"
            " toteumia; anna kukin luku kerran",
        ),
        (
            "metric,period,value\n" + "operating_costs,2024-03,5\n" * 20,
            ReadLimits(max_rows=10),
            "a.csv:11: error: syötteessä on yli 10 riviä, eikä tulos lue enempää yhdestä"
            " tiedostosta tai putkesta: jaa se osiin tai nosta rajaa ympäristömuuttujalla"
            " TULOS_MAX_ROWS",
        ),
        (
            "metric,period,value\n" + "operating_costs,2024-03,5\n" * 20,
            ReadLimits(max_bytes=100),
            "a.csv: error: syötteessä on yli 100 tavua, eikä tulos lue enempää yhdestä"
            " tiedostosta tai putkesta: jaa se osiin tai nosta rajaa ympäristömuuttujalla"
            " TULOS_MAX_BYTES",
        ),
        (
            "metric,period,value\n" + "nope,2024,1\n" * 101,
            ReadLimits(),
            "a.csv:102: error: lukeminen lopetettiin tähän 100 virheen jälkeen: korjaa ensin ne",
        ),
        (
            "metric,period,value,numerator,denominator\nsla_share,2024-01,95,,\n"
            "sla_share,2024-02,,97,100\n",
            ReadLimits(),
            "a.csv:2:3 [value]: error: mittarilla 'sla_share' on vuonna 2024 sekä osoittajana ja"
            " nimittäjänä annettuja lukuja (a.csv:3) että pelkkiä arvoja (a.csv:2), eikä niitä voi"
            " yhdistää: anna vuoden jokaisella rivillä osoittaja ja nimittäjä (numerator,"
            " denominator)",
        ),
        (
            "metric,period,value,numerator,denominator\nsick_days,2024,414.6,3400,820\n",
            ReadLimits(),
            "a.csv:2:3 [value]: error: arvo 414.6 ei vastaa suhdelukua 3400 / 820 = 4,15",
        ),
        (
            "metric,period,value\noperating_costs,2024,-5\n",
            ReadLimits(),
            "a.csv:2:3 [value]: error: −5 on pienempi kuin 0, mittarin 'operating_costs' pienin"
            " mahdollinen luku: tarkista luku ja sen etumerkki (jos mittari voi olla negatiivinen,"
            " sopimus sanoo sen kohdassa bounds)",
        ),
        (
            'metric,period,value\noutages_per_month,2024-01,2.5\noperating_costs,2024,"465,668"\n',
            ReadLimits(),
            "a.csv:3:3 [value]: error: luvussa '465,668' on pilkku ennen kolmea numeroa, ja tämä"
            " tiedosto kirjoittaa desimaalit pisteellä (rivi 2): luku on luultavasti 465 668"
            " englantilaisella tuhaterottimella kirjoitettuna; kirjoita 465668 tai 465 668 (tai"
            " 465.6680, jos tarkoitit desimaalilukua)",
        ),
    ],
    ids=["same row", "rows", "bytes", "stopped", "both ways", "ratio", "below", "comma"],
)
def test_the_readers_messages_in_finnish(
    agreement: Agreement, tmp_path: Path, text: str, limits: ReadLimits, expected: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_actuals([write(tmp_path, text)], agreement, display_names=["a.csv"], limits=limits)
    assert problem_line(caught.value.problems[-1], "fi") == expected
