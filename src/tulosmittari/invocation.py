"""What a command line asks for, checked and interpreted without Typer.

`cli.py` parses; this module decides what the values mean, so that every option is validated
where it is parsed and each rule is a plain function a test can call: paths as people are shown
them, years and periods, which results make `--fail-on` exit 1, the periods a check covers and
the input limits set in the environment, and the few things the command says of its own beside
its output (validate's verdict per file, rows of a form not filled in). A value that is no good
is a `UsageError`: one line, in the reader's language, and exit 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tulosmittari.numbers import Lang
from tulosmittari.periods import MAX_YEAR, MIN_YEAR, Granularity, Period, PeriodError
from tulosmittari.problems import ExitCode, Location, Message, Problem, Severity

if TYPE_CHECKING:
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import YearSpan


class UsageError(Exception):
    """A command line or setting that cannot be run: exit 2 with this one line."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


# --- The command line as a whole ---------------------------------------------------------------


def language_of(arguments: Sequence[str], environment: Mapping[str, str]) -> Lang:
    """The language of diagnostics, known before Typer parses anything (its own errors are
    diagnostics too): `--lang` as given, else $TULOS_LANG, else Finnish. A value that is no
    language is left for `--lang`'s own check to refuse."""
    given = None
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            given = arguments[index + 1]
        elif argument.startswith("--lang="):
            given = argument.removeprefix("--lang=")
    for candidate in (given, environment.get("TULOS_LANG")):
        if candidate and candidate.strip().lower() in ("fi", "en"):
            return "en" if candidate.strip().lower() == "en" else "fi"
    return "fi"


def require_a_command(arguments: Sequence[str], commands: Sequence[str]) -> None:
    """A command line names one of `commands` (or asks for help or the version); without one,
    a line saying which there are, rather than the whole help on stderr. Only `--debug` may
    come before the command."""
    for argument in arguments:
        if argument in ("--help", "--version"):
            return
        if argument == "--debug":
            continue
        if argument.startswith("-"):  # an option the parser refuses, or `--`: it says which
            return
        if argument in commands:
            return
        raise UsageError(Message("cli.usage.unknown_command", name=argument, commands=commands))
    raise UsageError(Message("cli.usage.no_command", commands=commands))


def default_agreement(folder: Path) -> Path:
    """The agreement when none is named: the only `*.yaml` in `folder`."""
    found = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(Message("cli.no_agreement", folder=display_name(folder)))
    raise UsageError(Message("cli.many_agreements", count=len(found), folder=display_name(folder)))


# --- Paths -------------------------------------------------------------------------------------

_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as Python keeps them
_SURROGATE = re.compile("[\ud800-\udfff]")


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as it is shown and written everywhere: a byte of the name that is not UTF-8
    (`h1\\xff.csv`) as `\\xff`, so that every output stays valid UTF-8 whatever the file is
    called. The CLI turns each path into its display name once; only display names go on."""
    return without_surrogates(os.fspath(path))


def without_surrogates(text: str) -> str:
    """Text from the command line made valid UTF-8: an undecodable byte Python kept as a lone
    surrogate as `\\xNN`, any other lone surrogate as `\\uNNNN`."""
    text = _UNDECODABLE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- Years and periods -------------------------------------------------------------------------

_YEAR = re.compile("[0-9]{4}")


def parse_year(text: str) -> int:
    """`--year`: four digits within the years a period may have; not `2_024`, not `+2024`."""
    if _YEAR.fullmatch(text) and MIN_YEAR <= int(text) <= MAX_YEAR:
        return int(text)
    raise UsageError(Message("cli.bad_year", text=text, first=MIN_YEAR, last=MAX_YEAR))


def parse_period(text: str, option: str, *, days: bool = False) -> Period:
    """A period option or argument: a year, half, quarter or month; a day only where `days`
    (a report is never of a day, a form may be)."""
    try:
        period = Period.parse(text)
    except PeriodError as error:
        raise UsageError(Message("cli.bad_period", option=option, reason=error.message)) from None
    if period.granularity is Granularity.DAY and not days:
        raise UsageError(Message("cli.period_is_a_day", option=option, period=text))
    return period


def select_periods(
    covered: Sequence[Period], years: YearSpan, year: int | None, period: Period | None
) -> list[Period]:
    """The periods to check: those the actuals cover (`covered`), unless `--year` or `--period`
    choose. A choice outside the agreement's years, or that misses every period the actuals
    cover, would check nothing and pass: it is a usage error naming what each covers. With no
    figures at all (a form not filled in yet) any period of the agreement may be checked."""
    if year is not None and period is not None and period.year != year:
        raise UsageError(
            Message("cli.year_and_period", year=year, period=str(period), period_year=period.year)
        )
    if period is not None:
        chosen, selection = [period], f"--period {period}"
    elif year is not None:
        chosen = [p for p in covered if p.year == year] or [Period.of_year(year)]
        selection = f"--year {year}"
    else:
        return list(covered)
    outside = any(p.year not in years for p in chosen)
    if outside or (covered and not any(c.overlaps(p) for c in chosen for p in covered)):
        raise UsageError(
            Message(
                "cli.nothing_to_check",
                selection=selection,
                first=years.first,
                last=years.last,
                actuals=_coverage(covered),
            )
        )
    return chosen


def _coverage(covered: Sequence[Period]) -> Message:
    if not covered:
        return Message("cli.actuals_empty")
    return Message("cli.actuals_cover", count=len(covered), periods=[str(p) for p in covered])


# --- What the command says besides its output -------------------------------------------------


def validation_verdict(name: str, found: Sequence[Problem]) -> Message:
    """`FILE: valid` or `FILE: N findings`, and the acknowledged discrepancies noted."""
    errors = sum(p.severity is Severity.ERROR for p in found)
    noted = sum(p.severity is Severity.INFO for p in found)
    verdict = (
        Message("cli.verdict.findings", count=errors) if errors else Message("cli.verdict.valid")
    )
    if not noted:
        return Message("cli.verdict", path=name, verdict=verdict)
    acknowledged = Message("cli.verdict.acknowledged", count=noted)
    return Message("cli.verdict_noted", path=name, verdict=verdict, noted=acknowledged)


SHOWN_LINES = 10  # of the rows not reported yet, those listed by line


def unreported_warnings(rows: Sequence[Location]) -> list[Problem]:
    """Rows left empty (an unfilled form) count as no data: a warning per file saying which."""
    by_file: dict[str, list[int]] = {}
    for location in rows:
        by_file.setdefault(location.file, []).append(location.line or 0)
    warnings = []
    for file, lines in by_file.items():
        more = len(lines) - SHOWN_LINES
        message = (
            Message("cli.unreported", count=len(lines), lines=lines)
            if more <= 0
            else Message(
                "cli.unreported_more",
                count=len(lines),
                lines=", ".join(map(str, lines[:SHOWN_LINES])),
                more=more,
            )
        )
        warnings.append(Problem(Location(file), message, Severity.WARNING))
    return warnings


# --- --fail-on ---------------------------------------------------------------------------------


class FailOn(StrEnum):
    """A condition that makes check, summary and report exit 1; `--fail-on` may name several."""

    FAIL = "fail"  # a target failed
    WARN = "warn"  # a target warned or failed
    INCOMPLETE = "incomplete"  # a target could not be judged on part of its period
    UNEXPLAINED = "unexplained"  # a miss (fail or warn) with no note explaining it
    NEVER = "never"  # exit 0 whatever the results


def parse_fail_on(values: Sequence[str] | None) -> frozenset[FailOn]:
    """`--fail-on` as given, once or more; `fail` when not given. `never` stands alone."""
    if not values:
        return frozenset({FailOn.FAIL})
    choices = [c.value for c in FailOn]
    for value in values:
        if value not in choices:
            raise UsageError(
                Message("cli.bad_choice", option="--fail-on", value=value, choices=choices)
            )
    chosen = frozenset(FailOn(v) for v in values)
    if FailOn.NEVER in chosen and len(chosen) > 1:
        raise UsageError(Message("cli.fail_on_never_alone"))
    return chosen


def exit_code_for_report(report: CheckReport, conditions: Iterable[FailOn]) -> ExitCode:
    """Exit 1 when any chosen condition holds of the results, else 0."""
    from tulosmittari.results import Outcome

    outcomes = {r.outcome for r in report.results}
    holds = {
        FailOn.FAIL: Outcome.FAIL in outcomes,
        FailOn.WARN: bool(outcomes & {Outcome.FAIL, Outcome.WARN}),
        FailOn.INCOMPLETE: Outcome.INCOMPLETE in outcomes,
        FailOn.UNEXPLAINED: any(r.unexplained for r in report.results),
        FailOn.NEVER: False,
    }
    return ExitCode.FINDINGS if any(holds[c] for c in conditions) else ExitCode.OK


# --- Limits on input ---------------------------------------------------------------------------

LIMIT_SETTINGS = {"TULOS_MAX_BYTES": "max_bytes", "TULOS_MAX_ROWS": "max_rows"}
_LIMIT = re.compile("[0-9]{1,18}")  # up to a billion billion; Python refuses longer int texts


def input_limits(environment: Mapping[str, str]) -> dict[str, int]:
    """The limits on actuals set in the environment, as `ReadLimits` arguments: a positive
    whole number each; unset or empty keeps the reader's default."""
    limits: dict[str, int] = {}
    for setting, argument in LIMIT_SETTINGS.items():
        text = environment.get(setting, "").strip()
        if not text:
            continue
        if not _LIMIT.fullmatch(text) or int(text) == 0:
            raise UsageError(Message("cli.bad_limit", setting=setting, value=text))
        limits[argument] = int(text)
    return limits
