"""The `tulos` command: parses options, wires the core together and maps errors to exit codes.

The only module that knows Typer. Results go to stdout, diagnostics to stderr. Core modules are
imported inside the commands so that `tulos --help` does not pay for Pydantic's schema build.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from tulosmittari import __version__
from tulosmittari.numbers import Lang
from tulosmittari.problems import ExitCode, InputError, Problem
from tulosmittari.render import RenderOptions, View, formats_for, renderer

if TYPE_CHECKING:
    from tulosmittari.loading import LoadedAgreement
    from tulosmittari.problems import Location
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement

app = typer.Typer(
    name="tulos",
    help="Check a Finnish government performance agreement (tulossopimus) against actuals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

AGREEMENTS_DIR = Path("agreements")
_diagnostics_lang: Lang = "fi"  # set by main() from the command line, before anything is said
REPORT_TO = "the tulosmittari maintainers, with that traceback and the command you ran"


class FailOn(StrEnum):
    WARN = "warn"
    FAIL = "fail"
    NEVER = "never"


def _stderr(text: str) -> None:
    """A diagnostic; names and paths in it come from files, so control characters are shown."""
    from tulosmittari.safe_text import clean

    text = clean(text)
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def _report(problem: Problem) -> None:
    """A problem on stderr, one line, in the language of the command line."""
    from tulosmittari.i18n import problem_line

    _stderr(problem_line(problem, _diagnostics_lang))


def _fail(problems: list[Problem], code: ExitCode = ExitCode.UNUSABLE) -> NoReturn:
    for problem in problems:
        _report(problem)
    raise typer.Exit(code)


def _usage(message: str) -> NoReturn:
    _stderr(f"tulos: error: {message}")
    raise typer.Exit(ExitCode.UNUSABLE)


def _terminal(output: Path | None) -> bool:
    """Output goes to a person at a terminal, who has not asked for no colour."""
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


MIN_WIDTH = 60  # columns: narrower than this, a table of figures no longer reads
PAGE_WIDTH = 100  # columns of a page off a terminal, unless COLUMNS says otherwise
PAGE_LINES = 40  # lines of a one-screen view off a terminal: about one printed page


def _options(
    fmt: str,
    lang: str | None,
    by_year: bool = False,
    output: Path | None = None,
    *,
    full: bool = False,
    check_command: str = "tulos check",
) -> RenderOptions:
    """How to render for this reader: the language, and the page the output goes to.

    At a terminal the page is the terminal (less the line its prompt takes after the output);
    elsewhere as wide as COLUMNS says, else PAGE_WIDTH, and PAGE_LINES long.
    """
    from tulosmittari.i18n import resolve_lang

    try:
        chosen = resolve_lang(lang)
    except ValueError as error:
        _usage(str(error))
    if output is None and sys.stdout.isatty():
        size = os.get_terminal_size()
        width, height = size.columns, max(size.lines - 1, 1)
    else:
        columns = os.environ.get("COLUMNS", "").strip()
        width = int(columns) if columns.isdigit() and int(columns) > 0 else PAGE_WIDTH
        height = PAGE_LINES
    color = fmt == "table" and _terminal(output)
    return RenderOptions(
        lang=chosen,
        width=max(MIN_WIDTH, width),
        color=color,
        by_year=by_year,
        height=height,
        full=full,
        check_command=check_command,
    )


def _format(fmt: str | None, view: View, output: Path | None = None) -> str:
    """The chosen format; by default Rich tables at a terminal, plain text anywhere else."""
    if fmt is None:
        return "table" if _terminal(output) else "plain"
    offered = [f.name for f in formats_for(view)]
    if fmt not in offered:
        _usage(f"unknown format '{fmt}': choose from {', '.join(offered)}")
    return fmt


def _default_agreement() -> Path:
    found = sorted(AGREEMENTS_DIR.glob("*.yaml")) if AGREEMENTS_DIR.is_dir() else []
    if len(found) == 1:
        return found[0]
    if not found:
        _usage(f"no agreement found in {AGREEMENTS_DIR}/: give one with --agreement PATH")
    _usage(f"{len(found)} agreements in {AGREEMENTS_DIR}/: choose one with --agreement PATH")


def _load_valid(path: Path, baseline: Agreement | None = None) -> LoadedAgreement:
    """An agreement good enough to check against; anything less is unusable input. `baseline`,
    its earlier version, places a broken identity at the figure the edit changed."""
    from tulosmittari.loading import load_agreement

    try:
        loaded = load_agreement(path)
    except InputError as error:
        _fail(error.problems)
    return _valid(loaded, _hint(path), baseline)


def _valid(
    loaded: LoadedAgreement, hint: Problem, baseline: Agreement | None = None
) -> LoadedAgreement:
    """Schema problems or validation errors make an agreement unusable; `hint` says what to do."""
    from tulosmittari.problems import Severity
    from tulosmittari.validation import validate

    if loaded.agreement is None:
        _fail([*loaded.problems, hint])
    found = validate(loaded.agreement, loaded.source, baseline=baseline)
    errors = [p for p in found if p.severity is Severity.ERROR]
    if errors:
        _fail([*errors, hint])
    return loaded


def _hint(path: Path) -> Problem:
    from tulosmittari.problems import Location, Severity

    return Problem(
        Location(str(path)),
        f"the agreement is not valid; run `tulos validate {path}` and fix what it reports",
        Severity.INFO,
    )


def _emit(text: str, output: Path | None, force: bool, inputs: list[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from tulosmittari.output import write_atomic

    try:
        write_atomic(output, text, force=force, protected=inputs)
    except InputError as error:
        _fail(error.problems)
    _stderr(f"tulos: wrote {output}")


LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="fi or en (default: $TULOS_LANG, else fi).", show_default=False),
]
AgreementOption = Annotated[
    Path | None,
    typer.Option(
        "--agreement",
        "-a",
        help="The agreement YAML (default: the only one in agreements/).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]


def _format_option(view: View) -> Any:
    """`-f/--format` for a command showing `view`: its choices and their help, from the renderer
    registry, so that `--help` lists exactly the formats the command accepts."""
    offered = formats_for(view)
    choices = "; ".join(f"{f.name}: {f.help}" for f in offered)
    return typer.Option(
        "--format",
        "-f",
        metavar=f"<{'|'.join(f.name for f in offered)}>",
        help=f"{choices} (default: table at a terminal without NO_COLOR, else plain).",
        show_default=False,
    )


ActualsArgument = Annotated[
    list[Path], typer.Argument(help="Actuals CSV files.", show_default=False)
]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help="Only this year.")]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Evaluate this period (2024, 2024-H1, 2024-Q3, ...) instead of "
        "the one the actuals cover.",
        show_default=False,
    ),
]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 on this outcome or worse.")]


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Agreement files (default: every agreements/*.yaml).", show_default=False
        ),
    ] = None,
    fmt: Annotated[str | None, _format_option("problems")] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Validate agreement files: schema, references, scales, formulas and identities.

    Exit 0 valid, 1 findings, 2 unreadable file.
    """
    from tulosmittari.loading import load_agreement
    from tulosmittari.problems import Severity, exit_code_for
    from tulosmittari.validation import validate as validate_agreement

    chosen = _format(fmt, "problems", output)
    options = _options(chosen, lang, output=output)
    paths = files or (sorted(AGREEMENTS_DIR.glob("*.yaml")) if AGREEMENTS_DIR.is_dir() else [])
    if not paths:
        _usage(f"no agreement files given and none in {AGREEMENTS_DIR}/")
    problems: list[Problem] = []
    unusable = False
    for path in paths:
        try:
            loaded = load_agreement(path)
        except InputError as error:  # its verdict on stderr is the error itself
            problems.extend(error.problems)
            for problem in error.problems:
                _report(problem)
            unusable = True
            continue
        found = list(loaded.problems)
        if loaded.agreement is not None:
            found.extend(validate_agreement(loaded.agreement, loaded.source))
        problems.extend(found)
        errors = sum(p.severity is Severity.ERROR for p in found)
        infos = sum(p.severity is Severity.INFO for p in found)
        verdict = f"{errors} finding(s)" if errors else "valid"
        note = f", {infos} acknowledged discrepancy(ies) noted" if infos else ""
        _stderr(f"{path}: {verdict}{note}")
    _emit(renderer(chosen).render_problems(problems, options), output, force, paths)
    raise typer.Exit(ExitCode.UNUSABLE if unusable else exit_code_for(problems))


@app.command()
def targets(
    agreement: AgreementOption = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only this year.")] = None,
    fmt: Annotated[str | None, _format_option("targets")] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """List the agreement's targets by table and year."""
    chosen = _format(fmt, "targets", output)
    options = _options(chosen, lang, output=output)
    agreement_path = agreement or _default_agreement()
    loaded = _load_valid(agreement_path)
    assert loaded.agreement is not None
    span = loaded.agreement.meta.years
    if year is not None and year not in span:
        _usage(f"--year {year} is outside the agreement's years {span.first}–{span.last}")
    text = renderer(chosen).render_targets(loaded.agreement, options, year)
    _emit(text, output, force, [agreement_path])


@app.command()
def check(
    actuals: ActualsArgument,
    agreement: AgreementOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str | None, _format_option("check")] = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="One column per period.")] = False,
    fail_on: FailOnOption = FailOn.FAIL,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Check actuals against the agreement: pass/fail per target and period.

    Exit 0 when nothing fails, 1 when a target fails (see --fail-on), 2 for unusable input.
    """
    chosen = _format(fmt, "check", output)
    options = _options(chosen, lang, by_year, output)
    _, report, inputs = _checked(actuals, agreement, year, period)
    module = renderer(chosen)
    _emit(module.render_check(report, options), output, force, inputs)
    if hasattr(module, "step_summary"):
        _append_step_summary(module.step_summary(report, options))
    _exit_for(report, fail_on)


def _checked(
    actuals: list[Path], agreement: Path | None, year: int | None, period: str | None
) -> tuple[Agreement, CheckReport, list[Path]]:
    """What `check`, `summary` and `report` share: the agreement, the check and the inputs."""
    from tulosmittari.actuals import read_actuals
    from tulosmittari.evaluation import evaluate
    from tulosmittari.periods import Granularity, Period

    agreement_path = agreement or _default_agreement()
    loaded = _load_valid(agreement_path)
    assert loaded.agreement is not None
    try:
        observations = read_actuals(actuals, loaded.agreement)
    except InputError as error:
        _fail(error.problems)
    _warn_unreported(observations.unreported)
    if period is not None:
        try:
            periods = [Period.parse(period)]
        except ValueError as error:
            _usage(f"--period: {error}")
        if periods[0].granularity is Granularity.DAY:
            _usage(f"--period {period}: give a year, half, quarter or month, not a day")
    else:
        periods = observations.evaluation_periods()
    if year is not None:
        periods = [p for p in periods if p.year == year] or (
            [] if period is not None else [Period.parse(str(year))]
        )
    report = evaluate(
        loaded.agreement,
        observations,
        periods,
        agreement_file=str(agreement_path),
        source=loaded.source,
    )
    for problem in report.problems:
        _report(problem)
    return loaded.agreement, report, [agreement_path, *actuals]


def _warn_unreported(rows: Sequence[Location]) -> None:
    """Rows left empty (an unfilled form) count as no data; say which, once per file."""
    by_file: dict[str, list[int]] = {}
    for location in rows:
        by_file.setdefault(location.file, []).append(location.line or 0)
    for file, lines in by_file.items():
        shown = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
        _stderr(
            f"{file}: warning: {len(lines)} row(s) have neither a value nor a status and count"
            f" as not reported yet (line {shown})"
        )


def _exit_for(report: CheckReport, fail_on: FailOn) -> NoReturn:
    """Exit 1 when a target fails (or warns, with --fail-on warn), else 0."""
    from tulosmittari.results import Outcome

    counts = report.counts()
    failing = {
        FailOn.FAIL: counts[Outcome.FAIL],
        FailOn.WARN: counts[Outcome.FAIL] + counts[Outcome.WARN],
        FailOn.NEVER: 0,
    }[fail_on]
    raise typer.Exit(ExitCode.FINDINGS if failing else ExitCode.OK)


def _append_step_summary(text: str) -> None:
    """GitHub Actions shows on the run's page what a step appends to $GITHUB_STEP_SUMMARY."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        _stderr(f"tulos: warning: cannot append the step summary to {path}: {error.strerror}")


@app.command()
def summary(
    actuals: ActualsArgument,
    agreement: AgreementOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str | None, _format_option("summary")] = None,
    fail_on: FailOnOption = FailOn.FAIL,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="The full summary: outcomes by impact goal and table, every miss, the "
            "projections and each metric's trend, however long.",
        ),
    ] = False,
) -> None:
    """One screen for a meeting: the outcomes counted and what needs attention first.

    It fits the terminal, or 40 lines off one; --all gives the full summary. Exit codes as for
    check.
    """
    import shlex

    from tulosmittari.summary import summarize

    chosen = _format(fmt, "summary", output)
    given = [
        *(str(path) for path in actuals),
        *(["--agreement", str(agreement)] if agreement is not None else []),
        *(["--year", str(year)] if year is not None else []),
        *(["--period", period] if period is not None else []),
        *(["--lang", lang] if lang is not None else []),
    ]
    command = shlex.join(["tulos", "check", *given])
    options = _options(chosen, lang, output=output, full=everything, check_command=command)
    loaded, report, inputs = _checked(actuals, agreement, year, period)
    text = renderer(chosen).render_summary(summarize(loaded, report), options)
    _emit(text, output, force, inputs)
    _exit_for(report, fail_on)


@app.command()
def report(
    actuals: ActualsArgument,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write.", show_default=False),
    ],
    agreement: AgreementOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    fail_on: FailOnOption = FailOn.FAIL,
    lang: LangOption = None,
    force: ForceOption = False,
) -> None:
    """Write one self-contained HTML report (summary, a chart per metric) to open offline.

    Exit codes as for check.
    """
    from tulosmittari.render.html import render_report
    from tulosmittari.summary import summarize

    options = _options("html", lang, output=output)
    loaded, checked, inputs = _checked(actuals, agreement, year, period)
    text = render_report(loaded, checked, summarize(loaded, checked), options)
    _emit(text, output, force, inputs)
    _exit_for(checked, fail_on)


@app.command()
def template(
    period: Annotated[
        str,
        typer.Argument(help="The period the form is for: 2024, 2024-H1, ...", show_default=False),
    ],
    agreement: AgreementOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Write the actuals form for a period: a row per figure and qualitative item due, to fill in.

    Semicolon-separated UTF-8 with a byte-order mark, as Finnish Excel opens it.
    """
    from tulosmittari.periods import Period
    from tulosmittari.template import render_template, template_rows

    options = _options("csv", lang, output=output)
    try:
        chosen = Period.parse(period)
    except ValueError as error:
        _usage(f"PERIOD: {error}")
    agreement_path = agreement or _default_agreement()
    loaded = _load_valid(agreement_path)
    assert loaded.agreement is not None
    span = loaded.agreement.meta.years
    if chosen.year not in span:
        _usage(f"{period} is outside the agreement's years {span.first}–{span.last}")
    rows = template_rows(loaded.agreement, chosen, options.lang)
    _emit(render_template(rows), output, force, [agreement_path])


GIT_TIMEOUT = 30  # seconds; `git show` of one file answers at once unless something is wrong


def _git(args: list[str], folder: Path, what: str) -> bytes:
    """Run git without a shell; `what` is the one-line error to show if it fails."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        _usage("--rev needs git, and git was not found")
    except subprocess.TimeoutExpired:
        _usage(f"git did not answer within {GIT_TIMEOUT} s ({what})")
    if done.returncode != 0:
        _usage(what)
    return done.stdout


def _at_revision(path: Path, rev: str) -> tuple[bytes, str]:
    """The file's bytes at a git revision (`git show REV:<path from the top>`) and its name."""
    if not rev or rev.startswith("-"):
        _usage(f"--rev {rev!r} is not a revision")
    if not path.is_file():
        _usage(f"{path}: no such file")
    folder = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder, f"{path} is not in a git repository")
    root = Path(top.decode("utf-8", "surrogateescape").strip()).resolve()
    relative = path.resolve().relative_to(root).as_posix()
    commit = _git(
        ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        root,
        f"--rev {rev}: no such revision in {root}",
    )
    text = _git(
        ["show", f"{commit.decode('ascii').strip()}:{relative}"],
        root,
        f"{relative} did not exist at revision {rev}",
    )
    return text, f"{relative}@{rev}"


@app.command()
def diff(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="OLD NEW; with --rev, the one FILE (default: the only agreements/*.yaml).",
            show_default=False,
            metavar="OLD NEW | FILE",
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            "-r",
            help="Compare FILE as it was at this git revision with FILE now.",
            show_default=False,
            metavar="REV",
        ),
    ] = None,
    actuals: Annotated[
        list[Path] | None,
        typer.Option(
            "--actuals",
            help="Actuals CSV file (repeatable), read against the new version: also show the "
            "outcomes the edit flips.",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    fmt: Annotated[str | None, _format_option("diff")] = None,
    lang: LangOption = None,
) -> None:
    """Show what an edit of an agreement changes in meaning: targets (easier or harder), binding
    years, rows, items, formulas, metadata.

    Exit 0 no change, 1 changes (CI can require a review), 2 unusable input on either side.
    """
    from tulosmittari.diff import diff_agreements, with_flips
    from tulosmittari.loading import load_agreement_text

    chosen = _format(fmt, "diff")
    options = _options(chosen, lang)
    paths = files or []
    if rev is None:
        if len(paths) != 2:
            _usage("give two agreement files, OLD NEW, or one file with --rev REV")
        old_path, new_path = paths
        old, old_name = _load_valid(old_path), str(old_path)
    else:
        if len(paths) > 1:
            _usage("with --rev give one agreement file (the old side is its git revision)")
        new_path = paths[0] if paths else _default_agreement()
        text, old_name = _at_revision(new_path, rev)
        try:
            loaded = load_agreement_text(text, old_name)
        except InputError as error:
            _fail(error.problems)
        old = _valid(loaded, _revision_hint(old_name))
    new = _load_valid(new_path, baseline=old.agreement)
    assert old.agreement is not None
    assert new.agreement is not None
    result = diff_agreements(
        old.agreement,
        new.agreement,
        old_source=old_name,
        new_source=str(new_path),
        locate=new.source.locate,
    )
    if actuals:
        from tulosmittari.actuals import read_actuals
        from tulosmittari.evaluation import evaluate

        try:
            observations = read_actuals(actuals, new.agreement)
        except InputError as error:
            _fail(error.problems)
        periods = observations.evaluation_periods()
        before = evaluate(old.agreement, observations, periods, agreement_file=old_name)
        after = evaluate(new.agreement, observations, periods, agreement_file=str(new_path))
        result = with_flips(result, before, after)
    sys.stdout.write(renderer(chosen).render_diff(result, options))
    raise typer.Exit(ExitCode.FINDINGS if result.changed else ExitCode.OK)


def _revision_hint(name: str) -> Problem:
    from tulosmittari.problems import Location, Severity

    return Problem(
        Location(name),
        "the agreement at that revision is not valid; compare with a revision that is",
        Severity.INFO,
    )


@app.command()
def init(
    agreement_id: Annotated[
        str,
        typer.Option(
            "--id",
            help="The agreement's id: a-z, 0-9 and _, e.g. vm_virasto_2024_2027.",
            show_default=False,
        ),
    ],
    title: Annotated[
        str, typer.Option("--title", help="Its title as printed.", show_default=False)
    ],
    years: Annotated[
        str,
        typer.Option(
            "--years", help="The years it covers: 2022-2025, or one year.", show_default=False
        ),
    ],
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Write a minimal agreement to fill in, commented; it validates as it is.

    To stdout, or with -o to a file, never over an existing one without --force.
    """
    from tulosmittari.i18n import word
    from tulosmittari.starter import StarterError, parse_years, starter_text

    chosen = _options("plain", lang, output=output).lang
    try:
        first, last = parse_years(years)
        text = starter_text(agreement_id, title, first, last, chosen)
    except StarterError as error:
        _usage(word(error.message, chosen))
    _emit(text, output, force, [])


@app.command()
def schema(
    markdown: Annotated[
        bool,
        typer.Option(
            "--markdown", help="Print the format's reference in Markdown instead (for docs/)."
        ),
    ] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of agreement files, for editors and CI.

    The committed copies are made with `tulos schema > schema/agreement.schema.json` and
    `tulos schema --markdown > docs/agreement-format.md`.
    """
    if markdown:
        from tulosmittari.schema_docs import agreement_format_markdown

        sys.stdout.write(agreement_format_markdown())
        return
    from tulosmittari.schema_file import schema_text

    sys.stdout.write(schema_text())


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"tulos {__version__}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
) -> None:
    """Check a Finnish government performance agreement (tulossopimus) against actuals."""
    # --debug is read from the arguments by main(), which must see it for errors before this runs


def _internal_error(error: BaseException, argv: Sequence[str]) -> int:
    """One line instead of a traceback; the traceback goes to a file (or stderr with --debug).

    Needs nothing beyond the standard library, so that it works whatever broke.
    """
    details = "".join(traceback.format_exception(error))
    if "--debug" in argv:
        sys.stderr.write(_printable(details, keep="\n"))
        return ExitCode.INTERNAL
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="tulos-crash-", suffix=".txt", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(details)
        where = f"the traceback is in {handle.name!r} (or run with --debug)"
    except OSError:
        where = "run with --debug to see the traceback"
    sys.stderr.write(
        f"tulos: internal error: {_printable(repr(error))}. This is a bug in tulosmittari "
        f"{__version__}; {where}. Please report it to {REPORT_TO}.\n"
    )
    return ExitCode.INTERNAL


def _printable(text: str, keep: str = "") -> str:
    """Control characters, line breaks (unless kept) and bidi overrides as escapes, as `clean()`
    does, but without importing anything that might be what is broken."""
    return "".join(c if c.isprintable() or c in keep else ascii(c)[1:-1] for c in text)


def _show_usage_error(error: typer.TyperException) -> None:
    """Click's usage message (it quotes the command line, paths included) shown literally."""
    show = getattr(error, "show", None)
    if callable(show):
        buffer = io.StringIO()
        show(file=buffer)
        _stderr(buffer.getvalue())
    else:
        _stderr(f"tulos: error: {error}")


def _without_pydantic_plugins() -> None:
    """Pydantic looks for plugins in the entry points of every installed distribution the first
    time a model is built (about 20 ms of a check on the development machine); tulos has no
    use for them. A value the user set wins: an empty one lets installed plugins run."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _language_of(arguments: Sequence[str]) -> Lang:
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
    for candidate in (given, os.environ.get("TULOS_LANG")):
        if candidate and candidate.strip().lower() in ("fi", "en"):
            return "en" if candidate.strip().lower() == "en" else "fi"
    return "fi"


def main(argv: list[str] | None = None) -> int:
    """Entry point: every outcome becomes one of the documented exit codes."""
    global _diagnostics_lang
    arguments = sys.argv[1:] if argv is None else argv
    _diagnostics_lang = _language_of(arguments)
    _without_pydantic_plugins()
    try:
        code = app(args=arguments, standalone_mode=False, prog_name="tulos")
    except typer.Exit as exit_:
        code = exit_.exit_code
    except typer.Abort:
        _stderr("tulos: aborted")
        return ExitCode.UNUSABLE
    except typer.TyperException as error:  # usage errors: unknown option, missing argument
        _show_usage_error(error)
        return ExitCode.UNUSABLE
    except InputError as error:
        for problem in error.problems:
            _report(problem)
        return ExitCode.UNUSABLE
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    except Exception as error:  # the last line of defence: never a bare traceback
        return _internal_error(error, arguments)
    if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into this code, silently
        sys.stderr.write("tulos: interrupted\n")
    return int(code) if isinstance(code, int) else ExitCode.OK
