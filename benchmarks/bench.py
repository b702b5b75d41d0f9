"""`make bench`: whole `tulos` processes against baselines measured side by side.

Each case runs as a child process, once to warm up (Python writes its bytecode caches then, as
on any machine where tulos is installed), then `--runs` times interleaved with its baseline
(A B A B ...), so that a machine busy for a moment slows both alike; start-up cases, of a few
hundred milliseconds and the noisiest, run three times as often. Wall time is the median;
peak RSS is the child's, from `os.wait4`: tulos does all its work, large files included, in that
one process. Output goes to /dev/null, so `check` renders its default off a terminal: plain text.

Numbers vary by ±10 % between runs of the same machine: targets are judged on ratios to a
baseline where there is one, and otherwise on this machine's absolute budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
MIB = 1024 * 1024
FLOOR = "import typer, yaml, rich.table; from pydantic import BaseModel"
# tulos turns off Pydantic's plugin scan; the floors that build models do the same
NO_PLUGINS = "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'; "
ONE_MODEL = f"{NO_PLUGINS}{FLOOR}\nclass One(BaseModel):\n    x: int"
SCHEMA = f"{NO_PLUGINS}{FLOOR}; import tulosmittari.schema"
ROW_COUNTS = (250_000, 500_000, 1_000_000)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak: int  # bytes


@dataclass(frozen=True)
class Case:
    name: str
    command: Sequence[str]
    baseline_name: str
    baseline: Sequence[str]
    large: bool = False  # a large input: seconds a run, so fewer runs


def run_once(command: Sequence[str], env: dict[str, str], errors: Path) -> Run:
    """One child, stdout to /dev/null: its wall time and its own peak RSS."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(command[0], list(command), env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: a target failed or yamllint found something; both are answers
        detail = errors.read_text(encoding="utf-8", errors="replace")
        raise SystemExit(f"{' '.join(command)} exited {code}:\n{detail}")
    return Run(seconds, usage.ru_maxrss * 1024)  # Linux counts in KiB


@dataclass(frozen=True)
class Measured:
    ours: Run
    theirs: Run
    ratio: float  # the median of each run's ratio to the baseline run beside it


def measure(case: Case, runs: int, env: dict[str, str], errors: Path) -> Measured:
    """Medians of `runs` runs of the case and its baseline, in turns, after one of each.

    The ratio is taken pair by pair before the median, so that a slow spell of the machine,
    which slows a run and the baseline beside it alike, cancels out of it."""
    run_once(case.command, env, errors)
    run_once(case.baseline, env, errors)
    ours: list[Run] = []
    theirs: list[Run] = []
    for _ in range(runs):
        ours.append(run_once(case.command, env, errors))
        theirs.append(run_once(case.baseline, env, errors))
    ratio = statistics.median(o.seconds / t.seconds for o, t in zip(ours, theirs, strict=True))
    return Measured(_median(ours), _median(theirs), ratio)


def _median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.peak for r in runs))


def fold(path: Path) -> None:
    """The baseline of the large cases: the least a reader of the rows can do, exactly.

    A stdlib loop over the lines that splits each with `str.rpartition` and sums its Decimal
    value per metric and month in a dict: no checks, no messages, no report.
    """
    totals: dict[str, Decimal] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            key, _, value = line.rpartition(",")
            month = key[:-3]
            totals[month] = totals.get(month, 0) + Decimal(value)
    print(len(totals))


def large_case(rows: int) -> str:
    return f"tulos check {rows:_} rows".replace("_", " ")


def cases(data: Path) -> list[Case]:
    python, tulos = str(BIN / "python"), str(BIN / "tulos")
    agreement = str(data / "agreement.yaml")
    bundled = "agreements/2024-2027.yaml"
    found = [
        Case(
            "tulos check actuals/2024-h1.csv",
            [tulos, "check", "actuals/2024-h1.csv"],
            "import floor",
            [python, "-c", FLOOR],
        ),
        Case(
            "Typer alone: the same check, body empty",
            [python, str(HERE / "typer_floor.py"), "check", "actuals/2024-h1.csv"],
            "import floor",
            [python, "-c", FLOOR],
        ),
        Case(
            "Typer and the schema's models: the least a check costs",
            [python, str(HERE / "typer_floor.py"), "--schema", "check", "actuals/2024-h1.csv"],
            "import floor",
            [python, "-c", FLOOR],
        ),
        Case(
            "Pydantic at work: the floor and one model",
            [python, "-c", ONE_MODEL],
            "import floor",
            [python, "-c", FLOOR],
        ),
        Case(
            "the floor and the schema's models",
            [python, "-c", SCHEMA],
            "import floor",
            [python, "-c", FLOOR],
        ),
        Case(
            "the H1 check against that floor: tulos's own share",
            [tulos, "check", "actuals/2024-h1.csv"],
            "floor + schema",
            [python, "-c", SCHEMA],
        ),
        Case(
            f"tulos validate {bundled}",
            [tulos, "validate", bundled],
            "yamllint",
            [str(BIN / "yamllint"), bundled],
        ),
        Case("tulos --help", [tulos, "--help"], "python -c pass", [python, "-c", "pass"]),
    ]
    for rows in ROW_COUNTS:
        daily = str(data / f"daily-{rows}.csv")
        found.append(
            Case(
                large_case(rows),
                [tulos, "check", "--agreement", agreement, daily],
                "stdlib fold",
                [python, __file__, "--fold", daily],
                large=True,
            )
        )
    return found


def targets(results: dict[str, Measured]) -> list[tuple[str, str, bool]]:
    """Each target of issues 8 and 12: what it asks, what was measured, whether it is met."""
    checked = results["tulos check actuals/2024-h1.csv"]
    check, ratio = checked.ours, checked.ratio
    validated = next(v for k, v in results.items() if k.startswith("tulos validate"))
    helped = results["tulos --help"].ours
    large = [results[large_case(rows)].ours for rows in ROW_COUNTS]
    ratio_large = results[large_case(ROW_COUNTS[-1])].ratio
    growth = (large[-1].peak - large[0].peak) / MIB
    return [
        ("check H1 ≤ 1.5 × the import floor (issue 12)", f"{ratio:.2f}×", ratio <= 1.5),
        ("check H1 peak RSS ≤ 50 MiB", f"{check.peak / MIB:.0f} MiB", check.peak <= 50 * MIB),
        (
            "validate faster than yamllint",
            f"{validated.ratio:.2f}×",
            validated.ratio < 1,
        ),
        ("--help ≤ 150 ms", f"{helped.seconds * 1000:.0f} ms", helped.seconds <= 0.150),
        ("1 000 000 rows ≤ 3 × the stdlib fold", f"{ratio_large:.2f}×", ratio_large <= 3),
        (
            "1 000 000 rows ≤ 100 MiB",
            f"{large[-1].peak / MIB:.0f} MiB",
            large[-1].peak <= 100 * MIB,
        ),
        (
            "memory flat as rows grow (250 000 → 1 000 000: ≤ +10 MiB)",
            " → ".join(f"{r.peak / MIB:.0f}" for r in large) + " MiB",
            growth <= 10,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        help="runs of each large case after a warm-up; 3 × that of each start-up case",
    )
    parser.add_argument("--fold", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fold is not None:
        fold(args.fold)
        return 0
    missing = [p for p in (BIN / "tulos", BIN / "yamllint") if not p.exists()]
    if missing or not (args.data / "daily-1000000.csv").exists():
        raise SystemExit("run `make bench`: it installs yamllint and generates the inputs")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("TULOS_LANG", None)
    os.chdir(ROOT)
    results: dict[str, Measured] = {}
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        errors = Path(folder) / "stderr"
        for case in cases(args.data):
            runs = args.runs if case.large else 3 * args.runs
            measured = results[case.name] = measure(case, runs, env, errors)
            ours, theirs = measured.ours, measured.theirs
            rows.append(
                (
                    case.name,
                    f"{ours.seconds * 1000:.0f}",
                    f"{ours.peak / MIB:.0f}",
                    case.baseline_name,
                    f"{theirs.seconds * 1000:.0f}",
                    f"{theirs.peak / MIB:.0f}",
                    f"{measured.ratio:.2f}",
                )
            )
            print(f"measured {case.name}", file=sys.stderr)
    headers = ("case", "median ms", "peak MiB", "baseline", "median ms", "peak MiB", "ratio*")
    fold_seconds = results[large_case(ROW_COUNTS[-1])].theirs.seconds
    print(
        f"{3 * args.runs} runs of each start-up case and {args.runs} of each large one after a"
        f" warm-up, interleaved with the baseline, on Python {sys.version.split()[0]}. The"
        f" machine's speed: the stdlib fold of 1 000 000 rows took {fold_seconds:.2f} s here,"
        " 0.5 s where issue 8 set its targets.\n"
    )
    print(tabulate(rows, headers, tablefmt="github", disable_numparse=True))
    print("\n*the median of the ratios of runs side by side, not the ratio of the medians\n")
    verdicts = [(t, m, "met" if ok else "NOT MET") for t, m, ok in targets(results)]
    print(tabulate(verdicts, ("target", "measured", ""), tablefmt="github"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
