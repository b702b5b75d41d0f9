"""Large, seeded inputs for `make bench`: an agreement of many metrics and its daily actuals.

    python benchmarks/generate.py --out DIR [--metrics 700] [--rows 1000000 ...] [--seed 2024]

writes, the same bytes for the same arguments:

* DIR/agreement.yaml: an agency's agreement for 2022–2027 in the project's own schema, valid
  (`tulos validate` passes): tables of flows and levels, every direction, scales, tolerances,
  budget-proposal targets, derived metrics with formulas, totals with identities, reference rows,
  a societal-impact table and qualitative items;
* DIR/daily-N.csv for each --rows N: N rows `metric,period,value`, one per metric and day over
  2024–2027 (fewer rows, fewer days: every size covers the same months); mostly two-decimal
  values, some whole numbers, a few negative (a break-even balance), totals exactly the sum of
  their parts;
* DIR/yearly.csv: the surveys' 2024 figures and the qualitative items' 2024 statuses.

The files are made for a benchmark and a test of the numbers; the names and figures mean nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

YEARS = range(2022, 2028)
TARGET_YEARS = range(2024, 2028)
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)
PER_TABLE = 35
PARTS = 3  # lines of each total


@dataclass(frozen=True)
class Kind:
    """A family of metrics: how they are measured, judged and written day by day."""

    name: str
    title: str  # Finnish, as a table would print it
    unit: str
    symbol: str | None
    period_kind: str  # flow or level
    direction: str
    decimals: int  # of a daily value: 0 whole numbers, 2 cents
    aggregation: str | None = None

    @property
    def scale(self) -> tuple[int, int] | None:
        return SCALE if self.unit == "asteikko 1-5" else None


SCALE = (1, 5)
COST = Kind("cost", "Toimintamenot", "1000 euroa", "t€", "flow", "lower_is_better", 2)
RATING = Kind("rating", "Asiakastyytyväisyys", "asteikko 1-5", "", "level", "higher_is_better", 2)
KINDS = (  # with how often each is drawn
    (COST, 22),
    (Kind("income", "Tuotot", "1000 euroa", "t€", "flow", "higher_is_better", 2), 10),
    (Kind("volume", "Käsitellyt asiat", "kpl", None, "flow", "higher_is_better", 0), 18),
    (Kind("share", "Ajallaan ratkaistut", "%", None, "level", "higher_is_better", 2), 18),
    (Kind("time", "Käsittelyaika", "h", None, "level", "lower_is_better", 2), 12),
    (RATING, 12),
    (Kind("balance", "Kustannusvastaavuus", "1000 euroa", "t€", "flow", "break_even", 2), 2),
    (Kind("staff", "Henkilöstö", "htv", None, "level", "not_a_target", 0, aggregation="last"), 2),
)
SURVEY = Kind("survey", "Kyselyn tulos", "asteikko 1-5", "", "level", "higher_is_better", 2)
RATIO = Kind("ratio", "Osuus kokonaismenoista", "%", None, "level", "lower_is_better", 1)
MEAN = Kind("index", "Tyytyväisyysindeksi", "asteikko 1-5", "", "level", "higher_is_better", 2)

PLAIN = re.compile("[a-z][a-z0-9_]*")  # ids and words that need no quotes
STATUSES = ("met", "partly met", "not met", "toteutunut", "osittain toteutunut", "ei toteutunut")


@dataclass
class Metric:
    index: int
    kind: Kind
    printed: dict[int, Decimal]  # the agreement's figure for each year
    daily: bool = True  # written to the daily file
    formula: str | None = None
    tolerance: dict[str, Decimal] | None = None
    tae: Decimal | None = None  # a budget-proposal target for 2024
    footnote: bool = False
    impact_goal: str | None = None
    parts: list[Metric] = field(default_factory=list)  # a total's lines

    @property
    def id(self) -> str:
        return f"m{self.index:03d}_{self.kind.name}"


# --- The agreement -----------------------------------------------------------------------------


def plan(count: int, rng: random.Random) -> list[Metric]:
    """`count` metrics: mostly daily ones of every kind, with surveys, totals and derived ones."""
    if count < 12:
        raise SystemExit("give at least 12 metrics")
    surveys = max(1, count // 120)
    families = max(1, count // 175)
    derived = max(2, count // 120)
    plain = count - surveys - families * (PARTS + 1) - derived
    kinds, weights = zip(*KINDS, strict=True)
    metrics: list[Metric] = []

    def add(kind: Kind, daily: bool = True) -> Metric:
        metrics.append(Metric(len(metrics), kind, _printed(kind, rng), daily))
        return metrics[-1]

    for n in range(plain):
        kind = RATING if n < 2 else rng.choices(kinds, weights)[0]  # two for a derived mean
        metric = add(kind)
        if kind.direction == "break_even":
            metric.printed = {year: Decimal(0) for year in YEARS}
            metric.tolerance = {"absolute": Decimal(500)}
        elif kind.period_kind == "level" and rng.random() < 0.3:
            metric.tolerance = (
                {"relative": Decimal("0.02")}
                if rng.random() < 0.5
                else {"absolute": Decimal(rng.randint(1, 3))}
            )
        if kind.direction != "not_a_target" and rng.random() < 0.03:
            metric.tae = _jitter(metric.printed[2024], kind, rng)
        metric.footnote = rng.random() < 0.05
    for _ in range(surveys):
        add(SURVEY, daily=False)
    totals = []
    for _ in range(families):
        total = add(COST)
        total.parts = [add(COST) for _ in range(PARTS)]
        parts = total.parts
        total.printed = {y: sum((p.printed[y] for p in parts), Decimal(0)) for y in YEARS}
        totals.append(total)
    ratings = [m for m in metrics if m.kind is RATING]
    for d in range(derived):
        if d % 2 == 0:
            total = totals[d // 2 % len(totals)]
            part = total.parts[d // 2 % PARTS]
            metric = add(RATIO, daily=False)
            metric.formula = f"round(100 * {part.id} / {total.id}, 1)"
            metric.printed = {y: _ratio(part.printed[y], total.printed[y]) for y in YEARS}
        else:
            a, b = rng.sample(ratings, 2)
            metric = add(MEAN, daily=False)
            metric.formula = f"mean({a.id}, {b.id})"
            metric.printed = {y: (a.printed[y] + b.printed[y]) / 2 for y in YEARS}
    goals = [f"g{g}" for g in range(1, 5)]
    for metric in metrics:
        metric.impact_goal = goals[metric.index % len(goals)] if rng.random() < 0.6 else None
    return metrics


def _printed(kind: Kind, rng: random.Random) -> dict[int, Decimal]:
    """Six yearly figures that drift a little from a base, as a table prints them."""
    if kind.scale is not None:
        base = Decimal(rng.randint(30, 42)) / 10
        step = Decimal("0.1")
    elif kind.unit == "%":
        base = Decimal(rng.randint(600, 960)) / 10
        step = Decimal("0.5")
    elif kind.unit == "h":
        base = Decimal(rng.randint(20, 400)) / 10
        step = Decimal("0.2")
    elif kind.name == "staff":
        base = Decimal(rng.randint(200, 2000))
        step = Decimal(10)
    else:  # euros and counts
        base = Decimal(rng.randint(2_000, 900_000))
        step = (base / 50).to_integral_value()
    figures = {}
    for year in YEARS:
        figures[year] = base
        base += step * rng.randint(-1, 2)
        if kind.scale is not None:
            base = min(max(base, Decimal(kind.scale[0])), Decimal(kind.scale[1]))
    return figures


def _jitter(value: Decimal, kind: Kind, rng: random.Random) -> Decimal:
    shifted = value * Decimal(rng.choice((98, 101, 103))) / 100
    return shifted.quantize(Decimal("0.1") if kind.period_kind == "level" else Decimal(1))


def _ratio(part: Decimal, total: Decimal) -> Decimal:
    """`round(100 * part / total, 1)` as the formula language computes it: 60 digits, half up."""
    with localcontext() as context:
        context.prec = 60
        return (100 * part / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def agreement_yaml(metrics: list[Metric], items: list[list[list[str]]]) -> str:
    """The agreement as YAML text, written out by hand so that it reads like the bundled one."""
    tables = [metrics[i : i + PER_TABLE] for i in range(0, len(metrics), PER_TABLE)]
    impact = [m for m in metrics if m.tae is not None][:4] or [metrics[0]]
    data = {
        "schema_version": 1,
        "meta": {
            "id": "bench_agency_2024_2027",
            "title": "Ministeriön ja Mittausviraston välinen tulossopimus vuosille 2024–2027",
            "title_en": "A generated agreement for benchmarks (no real agency)",
            "date": "2023-12-15",
            "diary_numbers": ["VN/0000/2023"],
            "parties": [
                {"id": "ministry", "name": "Ministeriö", "role": "ministry"},
                {"id": "agency", "name": "Mittausvirasto", "role": "agency"},
            ],
            "signatories": [
                {"party": "ministry", "name": "Ministeri", "title": "Ministeri"},
                {"party": "agency", "name": "Pääjohtaja", "title": "Pääjohtaja"},
            ],
            "years": {"first": YEARS[0], "last": YEARS[-1]},
            "validity": {
                "binding_years": [2024],
                "preliminary_years": [2025, 2026, 2027],
                "valid_until": "2024-12-31",
                "text": "Sopimus on voimassa vuoden 2024 loppuun.",
            },
            "reporting": {
                "reports": [
                    {
                        "id": "valiraportti",
                        "name": "Väliraportti",
                        "covers": "H1",
                        "due_month": 8,
                        "due_year_offset": 0,
                    },
                    {
                        "id": "toimintakertomus",
                        "name": "Toimintakertomus",
                        "covers": "year",
                        "due_month": 2,
                        "due_year_offset": 1,
                    },
                ],
            },
        },
        "strategy": {
            "text": "Virasto mittaa ja raportoi.",
            "ministry_goals": ["tuottava hallinto"],
            "agency_strategic_goals": ["tyytyväinen asiakas", "kustannustehokas toiminta"],
        },
        "sections": [
            {"number": "2", "title": "Yhteiskunnallinen vaikuttavuus"},
            {"number": "3.2", "title": "Toiminnallinen tuloksellisuus"},
            {"number": "3.3", "title": "Laadulliset tavoitteet"},
        ],
        "impact_goals": [
            {
                "id": f"g{g}",
                "number": g,
                "title": f"Vaikuttavuustavoite {g}",
                "text": f"Vaikuttavuustavoitteen {g} kuvaus.",
            }
            for g in range(1, 5)
        ],
        "tables": [
            {
                "id": "t1",
                "number": 1,
                "title": "Yhteiskunnallinen vaikuttavuus",
                "section": "2",
                "impact_rows": [
                    {
                        "goal": "Hallinto toimii tuloksellisesti",
                        "indicator": impact[0].id,
                        "chapter_goal": "Palvelut tuotetaan kustannustehokkaasti",
                        "item_targets": [
                            {
                                "metric": m.id,
                                "year": 2024,
                                "value": m.tae or m.printed[2024],
                                "text": f"{m.kind.title} {m.index}",
                            }
                            for m in impact
                        ],
                    }
                ],
            },
            *(_table(n, rows, metrics) for n, rows in enumerate(tables, start=2)),
            _qualitative(len(tables) + 2, items),
        ],
        "identities": [
            {
                "id": f"total_{m.id}",
                "name": f"{m.kind.title} {m.index} = rivien summa",
                "formula": f"{m.id} == sum({', '.join(p.id for p in m.parts)})",
                "tolerance": 1,
            }
            for m in metrics
            if m.parts
        ],
    }
    header = "# Generated by benchmarks/generate.py: a benchmark input, not a real agreement.\n\n"
    return header + "".join(_yaml(data))


def _table(number: int, rows: list[Metric], metrics: list[Metric]) -> dict[str, object]:
    kinds = (
        "toteuma",
        "arvio",
        "tavoite",
        "alustava_tavoite",
        "alustava_tavoite",
        "alustava_tavoite",
    )
    labels = (
        "Toteuma",
        "Arvio",
        "Tavoite",
        "Alustava tavoite",
        "Alustava tavoite",
        "Alustava tavoite",
    )
    body: list[dict[str, object]] = [_metric(m) for m in rows]
    if number % 5 == 0:  # now and then a row that points at a metric printed elsewhere
        seen = metrics[(number * 7) % len(metrics)]
        body.insert(
            1,
            {
                "see": seen.id,
                "name": f"{seen.kind.title} {seen.index}",
                "text": "Viite: toinen taulukko",
            },
        )
    return {
        "id": f"t{number}",
        "number": number,
        "title": f"Toiminnallisen tuloksellisuuden tavoitteet {number}",
        "section": "3.2",
        "columns": [
            {"year": y, "kind": k, "label": f"{label} {y}"}
            for y, k, label in zip(YEARS, kinds, labels, strict=True)
        ],
        "metrics": body,
        "footnotes": [{"mark": "1", "text": "Laskentatapa muuttui vuonna 2023."}],
    }


def _metric(metric: Metric) -> dict[str, object]:
    kind = metric.kind
    entry: dict[str, object] = {
        "id": metric.id,
        "name": f"{kind.title} {metric.index}",
        "name_en": f"{kind.name.capitalize()} {metric.index}",
        "unit": kind.unit,
    }
    if kind.symbol is not None:
        entry["symbol"] = kind.symbol
    if kind.scale is not None:
        entry["scale"] = {"min": kind.scale[0], "max": kind.scale[1]}
    entry["direction"] = kind.direction
    if kind.direction == "break_even":
        entry["bounds"] = {}  # a balance may be negative
    entry["period_kind"] = kind.period_kind
    if kind.aggregation:
        entry["aggregation"] = kind.aggregation
    if kind is SURVEY:
        entry["yearly_only"] = True
    if metric.tae is not None:
        entry["tae"] = True
    if metric.impact_goal:
        entry["impact_goal"] = metric.impact_goal
    if metric.footnote:
        entry["footnotes"] = ["1"]
    if metric.tolerance:
        entry["tolerance"] = metric.tolerance
    if metric.formula:
        entry["formula"] = metric.formula
    entry["values"] = dict(metric.printed)
    if metric.tae is not None:
        entry["extra_targets"] = [
            {
                "year": 2024,
                "value": metric.tae,
                "source": "talousarvioesitys",
                "label": f"alustava TAE-tavoite {metric.tae}",
            }
        ]
    return entry


def qualitative_items(metrics: list[Metric], rng: random.Random) -> list[list[list[str]]]:
    """Item ids by group and target year: a few development projects with yearly milestones."""
    groups = max(1, len(metrics) // 175)
    return [
        [[f"q{g}_{year}_{k}" for k in range(1, rng.randint(2, 4))] for year in TARGET_YEARS]
        for g in range(1, groups + 1)
    ]


def _qualitative(number: int, items: list[list[list[str]]]) -> dict[str, object]:
    return {
        "id": f"t{number}",
        "number": number,
        "title": "Laadulliset tavoitteet",
        "section": "3.3",
        "groups": [
            {
                "id": f"q{g}",
                "number": g,
                "title": f"Kehittämishanke {g}",
                "impact_goal": f"g{g % 4 + 1}",
                "years": {
                    year: [{"id": i, "text": f"Hankkeen {g} vaihe {i[-1]} ({year})"} for i in ids]
                    for year, ids in zip(TARGET_YEARS, by_year, strict=True)
                },
            }
            for g, by_year in enumerate(items, start=1)
        ],
    }


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    assert isinstance(value, str)
    if PLAIN.fullmatch(value) and value not in ("true", "false", "null"):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _flow(value: object) -> str | None:
    """A value on one line (`[2024]`, `{min: 1, max: 5}`), or None when it needs a block."""
    if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, dict) and not any(isinstance(v, dict | list) for v in value.values()):
        text = "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
        return text if len(text) <= 90 else None
    if isinstance(value, dict | list):
        return None
    return _scalar(value)


def _yaml(value: Mapping[Any, object], indent: int = 0) -> Iterator[str]:
    """Block style, with short mappings and lists of plain values on one line."""
    pad = " " * indent
    for key, item in value.items():
        flow = _flow(item)
        if flow is not None:
            yield f"{pad}{key}: {flow}\n"
        elif isinstance(item, dict):
            yield f"{pad}{key}:\n"
            yield from _yaml(item, indent + 2)
        else:
            assert isinstance(item, list)
            yield f"{pad}{key}:\n"
            for entry in item:
                flow = _flow(entry)
                if flow is not None:
                    yield f"{pad}  - {flow}\n"
                    continue
                first = True
                for line in _yaml(entry, indent + 4):
                    yield f"{pad}  - {line[indent + 4 :]}" if first else line
                    first = False


# --- The actuals -------------------------------------------------------------------------------


def daily_rows(metrics: list[Metric], rows: int, seed: int) -> Iterator[str]:
    """`rows` lines over 2024–2027, every daily metric in turn on each day given.

    Fewer rows give fewer days, spread evenly over the same four years (every second or fourth
    day), so that every size has the same months, metrics and results: what grows with the rows
    is only what a reader keeps per row. Flows scale by the days left out, to keep their sums.
    """
    rng = random.Random(seed)
    daily = [m for m in metrics if m.daily and not m.parts]
    totals = [m for m in metrics if m.parts]
    per_day = len(daily) + len(totals)
    days = -(-rows // per_day)
    span = (LAST_DAY - FIRST_DAY).days + 1
    if days > span:
        raise SystemExit(f"{rows} rows of {per_day} metrics a day need more days than 2024–2027")
    written = 0
    for n in range(days):
        day = FIRST_DAY + dt.timedelta(days=n * span // days)
        text = day.isoformat()
        cents: dict[int, int] = {}
        for metric in daily:
            value = _daily_value(metric, day, span / days, rng)
            cents[metric.index] = value
            yield f"{metric.id},{text},{_shown(value, metric.kind.decimals)}\n"
            written += 1
            if written == rows:
                return
        for total in totals:  # exactly the sum of its lines, as an accounting export gives it
            value = sum(cents[p.index] for p in total.parts)
            yield f"{total.id},{text},{_shown(value, 2)}\n"
            written += 1
            if written == rows:
                return


def _daily_value(metric: Metric, day: dt.date, spacing: float, rng: random.Random) -> int:
    """A day's figure in hundredths (or whole units when the kind has no decimals); a flow's
    covers `spacing` days."""
    kind = metric.kind
    target = metric.printed[day.year]
    scale = 100 if kind.decimals else 1
    if kind.direction == "break_even":
        return rng.randint(-5000, 5000)
    if kind.period_kind == "flow":
        mean = float(target) * scale * spacing / (366 if day.year % 4 == 0 else 365)
        return max(0, round(mean * rng.uniform(0.85, 1.16)))
    value = round(float(target) * scale * rng.uniform(0.94, 1.06))
    if kind.scale is not None:
        value = min(max(value, kind.scale[0] * scale), kind.scale[1] * scale)
    if kind.unit == "%":  # a share cannot pass 100
        value = min(value, 100 * scale)
    return value


def _shown(value: int, decimals: int) -> str:
    if not decimals:
        return str(value)
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 100)
    return f"{sign}{whole}.{cents:02d}"


def yearly_rows(metrics: list[Metric], items: list[list[list[str]]], seed: int) -> Iterator[str]:
    """Surveys' 2024 figures and a 2024 status for each qualitative item, half of them for H1."""
    rng = random.Random(seed + 1)
    yield "metric,period,value,status,note\n"
    for metric in metrics:
        if metric.kind is SURVEY:
            value = Decimal(rng.randint(280, 460)) / 100
            yield f"{metric.id},2024,{value},,kysely syksyllä 2024\n"
    first_year = [item for group in items for item in group[0]]
    for n, item in enumerate(first_year):
        period = "2024-H1" if n % 2 == 0 else "2024"
        yield f"{item},{period},,{rng.choice(STATUSES)},\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write to")
    parser.add_argument("--metrics", type=int, default=700)
    parser.add_argument("--rows", type=int, action="append", help="daily rows (repeatable)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rows = args.rows or [1_000_000]
    rng = random.Random(args.seed)
    metrics = plan(args.metrics, rng)
    items = qualitative_items(metrics, rng)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "agreement.yaml", [agreement_yaml(metrics, items)])
    _write(out / "yearly.csv", yearly_rows(metrics, items, args.seed))
    for count in rows:
        lines = daily_rows(metrics, count, args.seed)
        _write(out / f"daily-{count}.csv", ["metric,period,value\n", *lines])
    return 0


def _write(path: Path, chunks: Iterator[str] | list[str]) -> None:
    """Atomically, so that an interrupted run never leaves a short file to benchmark."""
    partial = path.with_suffix(path.suffix + ".partial")
    with partial.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(chunks)
    partial.replace(path)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
