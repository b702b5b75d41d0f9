"""A large actuals file is read in two halves at once, the second by a forked process: whatever
the file holds, the answers and the problems must be exactly those of one process reading it all.

Small files are forced through the split here (tiny blocks, no size threshold), with every
feature the reader knows placed at random in either half.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actuals_fixtures import build_agreement
from tulosmittari import actuals
from tulosmittari.actuals import read_actuals
from tulosmittari.periods import Period
from tulosmittari.problems import InputError
from tulosmittari.schema import Agreement

AGREEMENT = build_agreement(extra_flows=12)
FLOWS = [f"flow_{i:04d}" for i in range(12)]
HEADER = "metric,period,value,numerator,denominator,status,note,source"


def periods() -> Iterator[Period]:
    for year in (2024, 2025):
        yield Period.of_year(year)
        for n in (1, 2):
            yield Period.of_half(year, n)
        for n in range(1, 5):
            yield Period.of_quarter(year, n)
        for month in range(1, 13):
            yield Period.of_month(year, month)


def answers(paths: list[Path], agreement: Agreement = AGREEMENT) -> Any:
    """Everything read_actuals tells: each figure as text (exponent included), or the problems."""
    try:
        found = read_actuals(paths, agreement, display_names=[p.name for p in paths])
    except InputError as error:
        return [str(p) for p in error.problems]
    figures = {}
    for metric in sorted(found.metric_ids()):
        for period in periods():
            observed = found.value(metric, period)
            if observed is not None:
                figures[metric, str(period)] = (str(observed.value), observed)
    statuses = {
        (item, str(period)): found.status(item, period)
        for item in sorted(found.item_ids())
        for period in periods()
    }
    return figures, statuses, found.unreported, found.evaluation_periods()


def both_ways(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> tuple[Any, Any, list[bool]]:
    """The answers read whole and read in halves, and whether each half was merged."""
    whole = answers(paths)
    merged: list[bool] = []
    original = actuals._Half.merge

    def merge(half: actuals._Half, file: actuals._FileReader) -> bool:
        merged.append(original(half, file))
        return merged[-1]

    with monkeypatch.context() as patch:
        patch.setattr(actuals, "PARALLEL_BYTES", 0)
        patch.setattr(actuals, "_CHUNK", 512)
        patch.setattr(actuals._Half, "merge", merge)
        patch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)  # one CPU
        halves = answers(paths)
    return whole, halves, merged


def day_rows(rng: random.Random, count: int, start: int = 0) -> list[str]:
    """Plain day rows of 2024 and 2025: flows, a scaled level, a stock and a few shares."""
    rows = []
    for n in range(start, start + count):
        text = (dt.date(2024, 1, 1) + dt.timedelta(days=n // 8)).isoformat()
        metric = [*FLOWS[:5], "customer_satisfaction_users", "personnel", "sla_share"][n % 8]
        if metric == "customer_satisfaction_users":
            rows.append(f"{metric},{text},{rng.randint(100, 500) / 100:.2f},,,,,")
        elif metric == "sla_share":
            rows.append(f"{metric},{text},,{rng.randint(80, 100)},{rng.randint(100, 120)},,,")
        else:
            value = rng.choice([str(rng.randint(-50, 900)), f"{rng.randint(0, 9999) / 100:.2f}"])
            rows.append(f"{metric},{text},{value},,,,,")
    return rows


# a feature a row can add to either half; each is a row (or a change) the reader treats apart
FEATURES = [
    "note",
    "source",
    "comma",
    "blank",
    "comment",
    "repeat_same",
    "repeat_other",
    "month",
    "status",
    "bad_value",
    "unknown_id",
    "quote",
    "empty_figure",
    "out_of_scale",
]


def with_feature(rows: list[str], feature: str, at: int, rng: random.Random) -> None:
    """Change the file at row `at` in the way `feature` names."""
    metric, period, value, *rest = rows[at].split(",")
    if feature == "note":
        rows[at] = ",".join([metric, period, value, *rest[:-2], "huomio", ""])
    elif feature == "source":
        rows[at] = ",".join([metric, period, value, *rest[:-1], f"lähde {at % 3}"])
    elif feature == "comma" and value and "." in value:
        rows[at] = ",".join([metric, period, f'"{value.replace(".", ",")}"', *rest])
    elif feature == "blank":
        rows.insert(at, "")
    elif feature == "comment":
        rows.insert(at, "# välisumma tarkistettu")
    elif feature == "repeat_same":
        rows.insert(at, rows[rng.randrange(len(rows))])
    elif feature == "repeat_other" and value and value[0].isdigit():
        rows.insert(at, ",".join([metric, period, "1" + value, *rest]))
    elif feature == "month":
        rows.insert(at, f"{FLOWS[-1]},{period[:7]},123.5,,,,,")
    elif feature == "status":
        rows.insert(at, f"cloud_strategy,{period},,,,{rng.choice(['met', 'not met'])},,")
    elif feature == "bad_value":
        rows[at] = ",".join([metric, period, "12x", *rest])
    elif feature == "unknown_id":
        rows[at] = ",".join([metric + "x", period, value, *rest])
    elif feature == "quote":
        rows[at] = ",".join([metric, period, value, *rest[:-2], '"rivi\nkaksi"', ""])
    elif feature == "empty_figure":
        rows[at] = ",".join([metric, period, "", *rest[:2], "", *rest[3:]])
    elif feature == "out_of_scale" and metric == "customer_satisfaction_users":
        rows[at] = ",".join([metric, period, "7", *rest])


@pytest.mark.parametrize("seed", range(40))
def test_halves_give_what_one_reading_gives(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    rows = day_rows(rng, rng.randint(300, 1500))
    for feature in rng.sample(FEATURES, rng.randint(0, 3)):
        with_feature(rows, feature, rng.randrange(len(rows)), rng)
    path = tmp_path / "a.csv"
    newline = "\r\n" if seed % 5 == 0 else "\n"
    path.write_bytes((newline.join([HEADER, *rows]) + newline).encode())
    whole, halves, _ = both_ways(monkeypatch, [path])
    assert halves == whole


def test_plain_halves_are_merged_and_figures_stay_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(1)
    first = tmp_path / "a.csv"
    first.write_text("\n".join([HEADER, *day_rows(rng, 4000)]) + "\n", encoding="utf-8")
    second = tmp_path / "b.csv"  # the same months again, in a file read after the first
    second.write_text("\n".join([HEADER, *day_rows(rng, 400, 4000)]) + "\n", encoding="utf-8")
    whole, halves, merged = both_ways(monkeypatch, [first, second])
    assert halves == whole
    assert merged == [True, True], "files of plain day rows are merged, not read again"
    assert isinstance(whole, tuple), whole


@pytest.mark.parametrize("where", ["first", "second"])
def test_a_day_repeated_across_the_halves_is_read_again_and_found(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = day_rows(random.Random(2), 3000)
    repeat = rows[10].replace(rows[10].split(",")[2], "999", 1)
    rows.insert(len(rows) - 5 if where == "second" else 20, repeat)
    path = tmp_path / "a.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    whole, halves, merged = both_ways(monkeypatch, [path])
    assert halves == whole
    assert isinstance(whole, list), "a different figure for the same day is an error"
    assert any("two different values" in p for p in whole)
    assert merged == [False] if where == "second" else merged == [True]


def test_no_fork_beside_other_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked child would inherit other threads' locks without the threads: read it all here."""
    path = tmp_path / "a.csv"
    path.write_text("\n".join([HEADER, *day_rows(random.Random(3), 3000)]) + "\n", encoding="utf-8")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        whole, halves, merged = both_ways(monkeypatch, [path])
    finally:
        release.set()
        other.join()
    assert halves == whole
    assert merged == []
