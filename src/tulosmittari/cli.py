"""The `tulos` command: parses options, wires the core together and maps errors to exit codes.

The only module that knows Typer. Results go to stdout, diagnostics to stderr. Core modules are
imported inside the commands so that `tulos --help` does not pay for Pydantic's schema build.
What option values mean, and what is not Typer's business, is in `invocation` (values), `output`
(where output goes) and `process` (signals, streams, crashes).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tulosmittari import __version__, diagnostics
from tulosmittari.invocation import (
    UsageError,
    default_agreement,
    display_name,
    exit_code_for_report,
    input_limits,
    language_of,
    parse_fail_on,
    parse_period,
    parse_year,
    require_a_command,
    validation_verdict,
)
from tulosmittari.output import (
    PendingStdout,
    StdoutClosedError,
    StdoutWriteError,
    append_step_summary,
    deliver,
    write_atomic,
)
from tulosmittari.pipeline import check_actuals, load_valid, valid
from tulosmittari.problems import ExitCode, InputError, Message, Problem
from tulosmittari.process import (
    Terminated,
    internal_error,
    signals_end_the_run,
    standard_streams,
    without_pydantic_plugins,
)
from tulosmittari.render import RenderOptions, View, formats_for, renderer

if TYPE_CHECKING:
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement

app = typer.Typer(
    name="tulos",
    help="Check a Finnish government performance agreement (tulossopimus) against actuals.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

AGREEMENTS_DIR = Path("agreements")
STDOUT_NAME = "-"  # `-o -`: stdout, as the convention is


def _file(output: Path | None) -> Path | None:
    """The file `-o` names, or None for stdout (no `-o`, or `-o -`)."""
    return None if output is None or str(output) == STDOUT_NAME else output


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
    except ValueError:
        given = lang or os.environ.get("TULOS_LANG", "")
        raise UsageError(Message("cli.unknown_language", language=given.strip().lower())) from None
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
        raise UsageError(Message("cli.unknown_format", format=fmt, formats=", ".join(offered)))
    return fmt


def _emit(text: str, output: Path | None, force: bool, inputs: list[Path]) -> None:
    """The command's output to stdout, or to the file `-o` names (see `output`)."""
    if output is None:
        sys.stdout.write(text)
        return
    name = display_name(output)
    write_atomic(output, text, name=name, force=force, protected=inputs)
    diagnostics.say(Message("cli.wrote", path=name))


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
        help="Write to this file (atomically) instead of stdout; - is stdout.",
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
    list[Path], typer.Argument(help="Actuals CSV files.", show_default=False, metavar="ACTUALS")
]
YearOption = Annotated[
    str | None,
    typer.Option("--year", "-y", help="Only this year.", show_default=False, metavar="YEAR"),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Evaluate this period (2024, 2024-H1, 2024-Q3, ...) instead of "
        "the one the actuals cover.",
        show_default=False,
        metavar="PERIOD",
    ),
]
FailOnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when this holds; repeatable: fail (a target failed; the default), warn (a "
        "target warned or failed), incomplete (figures for part of a period only), unexplained "
        "(a miss with no note), never.",
        show_default=False,
        metavar="CONDITION",
    ),
]


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Agreement files (default: every agreements/*.yaml).",
            show_default=False,
            metavar="FILES",
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
    from tulosmittari.problems import exit_code_for
    from tulosmittari.validation import validate as validate_agreement

    output = _file(output)
    chosen = _format(fmt, "problems", output)
    options = _options(chosen, lang, output=output)
    paths = files or (sorted(AGREEMENTS_DIR.glob("*.yaml")) if AGREEMENTS_DIR.is_dir() else [])
    if not paths:
        raise UsageError(Message("cli.no_agreement_files", folder=AGREEMENTS_DIR))
    problems: list[Problem] = []
    unusable = False
    for path in paths:
        name = display_name(path)
        try:
            loaded = load_agreement(path, display_name=name)
        except InputError as error:  # its verdict on stderr is the error itself
            problems.extend(error.problems)
            for problem in error.problems:
                diagnostics.report(problem)
            unusable = True
            continue
        found = list(loaded.problems)
        if loaded.agreement is not None:
            found.extend(validate_agreement(loaded.agreement, loaded.source))
        problems.extend(found)
        diagnostics.line(diagnostics.word(validation_verdict(name, found)))
    _emit(renderer(chosen).render_problems(problems, options), output, force, paths)
    raise typer.Exit(ExitCode.UNUSABLE if unusable else exit_code_for(problems))


@app.command()
def targets(
    agreement: AgreementOption = None,
    year: YearOption = None,
    fmt: Annotated[str | None, _format_option("targets")] = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """List the agreement's targets by table and year."""
    output = _file(output)
    chosen = _format(fmt, "targets", output)
    options = _options(chosen, lang, output=output)
    only = parse_year(year) if year is not None else None
    agreement_path = agreement or default_agreement(AGREEMENTS_DIR)
    loaded = load_valid(agreement_path)
    assert loaded.agreement is not None
    span = loaded.agreement.meta.years
    if only is not None and only not in span:
        raise UsageError(Message("cli.year_outside", year=only, first=span.first, last=span.last))
    text = renderer(chosen).render_targets(loaded.agreement, options, only)
    _emit(text, output, force, [agreement_path])


@app.command()
def check(
    actuals: ActualsArgument,
    agreement: AgreementOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str | None, _format_option("check")] = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="One column per period.")] = False,
    fail_on: FailOnOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Check actuals against the agreement: pass/fail per target and period.

    Exit 0 when nothing fails, 1 when a target fails (see --fail-on), 2 for unusable input.
    """
    output = _file(output)
    chosen = _format(fmt, "check", output)
    options = _options(chosen, lang, by_year, output)
    conditions = parse_fail_on(fail_on)
    _, report, inputs = _checked(actuals, agreement, year, period)
    module = renderer(chosen)
    _emit(module.render_check(report, options), output, force, inputs)
    if hasattr(module, "step_summary"):
        warning = append_step_summary(module.step_summary(report, options), os.environ)
        if warning is not None:
            diagnostics.say(warning, "warning")
    raise typer.Exit(exit_code_for_report(report, conditions))


def _checked(
    actuals: list[Path], agreement: Path | None, year: str | None, period: str | None
) -> tuple[Agreement, CheckReport, list[Path]]:
    """The check `check`, `summary` and `report` make, every option value refused first."""
    only_year = parse_year(year) if year is not None else None
    only_period = parse_period(period, "--period") if period is not None else None
    limits = input_limits(os.environ)  # refused here, before anything is read
    agreement_path = agreement or default_agreement(AGREEMENTS_DIR)
    checked = check_actuals(
        actuals, agreement_path, only_year, only_period, diagnostics.report, limits
    )
    return checked.agreement, checked.report, checked.inputs


@app.command()
def summary(
    actuals: ActualsArgument,
    agreement: AgreementOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    fmt: Annotated[str | None, _format_option("summary")] = None,
    fail_on: FailOnOption = None,
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

    output = _file(output)
    chosen = _format(fmt, "summary", output)
    given = [
        *(display_name(path) for path in actuals),
        *(["--agreement", display_name(agreement)] if agreement is not None else []),
        *(["--year", year] if year is not None else []),
        *(["--period", period] if period is not None else []),
        *(["--lang", lang] if lang is not None else []),
    ]
    command = shlex.join(["tulos", "check", *given])
    options = _options(chosen, lang, output=output, full=everything, check_command=command)
    conditions = parse_fail_on(fail_on)
    loaded, report, inputs = _checked(actuals, agreement, year, period)
    text = renderer(chosen).render_summary(summarize(loaded, report), options)
    _emit(text, output, force, inputs)
    raise typer.Exit(exit_code_for_report(report, conditions))


@app.command()
def report(
    actuals: ActualsArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The HTML file to write; - is stdout.", show_default=False
        ),
    ],
    agreement: AgreementOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    fail_on: FailOnOption = None,
    lang: LangOption = None,
    force: ForceOption = False,
) -> None:
    """Write one self-contained HTML report (summary, a chart per metric) to open offline.

    Exit codes as for check.
    """
    from tulosmittari.render.html import render_report
    from tulosmittari.summary import summarize

    destination = _file(output)
    options = _options("html", lang, output=destination)
    conditions = parse_fail_on(fail_on)
    loaded, checked, inputs = _checked(actuals, agreement, year, period)
    text = render_report(loaded, checked, summarize(loaded, checked), options)
    _emit(text, destination, force, inputs)
    raise typer.Exit(exit_code_for_report(checked, conditions))


@app.command()
def template(
    period: Annotated[
        str,
        typer.Argument(
            help="The period the form is for: 2024, 2024-H1, ...",
            show_default=False,
            metavar="PERIOD",
        ),
    ],
    agreement: AgreementOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Write the actuals form for a period: a row per figure and qualitative item due, to fill in.

    Semicolon-separated UTF-8 with a byte-order mark, as Finnish Excel opens it.
    """
    from tulosmittari.template import render_template, template_rows

    output = _file(output)
    options = _options("csv", lang, output=output)
    chosen = parse_period(period, "PERIOD", days=True)
    agreement_path = agreement or default_agreement(AGREEMENTS_DIR)
    loaded = load_valid(agreement_path)
    assert loaded.agreement is not None
    span = loaded.agreement.meta.years
    if chosen.year not in span:
        raise UsageError(
            Message("cli.period_outside", period=period, first=span.first, last=span.last)
        )
    rows = template_rows(loaded.agreement, chosen, options.lang)
    _emit(render_template(rows), output, force, [agreement_path])


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
    from tulosmittari.problems import Location, Severity
    from tulosmittari.revision import at_revision

    chosen = _format(fmt, "diff")
    options = _options(chosen, lang)
    paths = files or []
    if rev is None:
        if len(paths) != 2:
            raise UsageError(Message("cli.diff.two_files"))
        old_path, new_path = paths
        old, old_name = load_valid(old_path), display_name(old_path)
    else:
        if len(paths) > 1:
            raise UsageError(Message("cli.diff.one_file"))
        new_path = paths[0] if paths else default_agreement(AGREEMENTS_DIR)
        text, old_name = at_revision(new_path, rev)
        hint = Problem(Location(old_name), Message("cli.invalid_at_revision"), Severity.INFO)
        old = valid(load_agreement_text(text, old_name), hint)
    new = load_valid(new_path, baseline=old.agreement)
    assert old.agreement is not None
    assert new.agreement is not None
    new_name = display_name(new_path)
    result = diff_agreements(
        old.agreement,
        new.agreement,
        old_source=old_name,
        new_source=new_name,
        locate=new.source.locate,
    )
    if actuals:
        from tulosmittari.actuals import ReadLimits, read_actuals
        from tulosmittari.evaluation import evaluate

        names = [display_name(path) for path in actuals]
        limits = ReadLimits(**input_limits(os.environ))
        observations = read_actuals(actuals, new.agreement, display_names=names, limits=limits)
        periods = observations.evaluation_periods()
        before = evaluate(old.agreement, observations, periods, agreement_file=old_name)
        after = evaluate(new.agreement, observations, periods, agreement_file=new_name)
        result = with_flips(result, before, after)
    sys.stdout.write(renderer(chosen).render_diff(result, options))
    raise typer.Exit(ExitCode.FINDINGS if result.changed else ExitCode.OK)


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
    from tulosmittari.starter import StarterError, parse_years, starter_text

    output = _file(output)
    chosen = _options("plain", lang, output=output).lang
    try:
        first, last = parse_years(years)
        text = starter_text(agreement_id, title, first, last, chosen)
    except StarterError as error:
        raise UsageError(error.message) from None
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


# --- Usage errors: Typer's, in the tool's own words --------------------------------------------


def _command_names() -> list[str]:
    return [
        command.name or typer.main.get_command_name(command.callback.__name__)
        for command in app.registered_commands
        if command.callback is not None
    ]


def _usage_message(error: typer.TyperException) -> Message:
    """What Typer found wrong with the command line, as one line of the catalogue."""
    from typer._click import exceptions as click

    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "tulos"
    if isinstance(error, click.NoSuchOption):
        if error.possibilities:
            suggestions = sorted(error.possibilities)
            return Message(
                "cli.usage.unknown_option_suggest",
                option=error.option_name,
                suggestions=suggestions,
            )
        return Message("cli.usage.unknown_option", option=error.option_name, command=command)
    if isinstance(error, click.MissingParameter) and error.param is not None:
        if error.param.param_type_name == "option":
            option = max(error.param.opts, key=len)
            return Message("cli.usage.missing_option", command=command, option=option)
        name = (error.param.name or "").upper()
        return Message("cli.usage.missing_argument", command=command, name=name)
    if isinstance(error, click.BadOptionUsage):  # the parser's two cases; its context is None
        flag = error.message.endswith("does not take a value.")
        key = "cli.usage.takes_no_value" if flag else "cli.usage.needs_value"
        return Message(key, option=error.option_name)
    if isinstance(error, click.BadParameter):
        hint = error.param.get_error_hint() if error.param is not None else "?"
        return Message("cli.usage.bad_value", option=hint, detail=error.message)
    extra = "Got unexpected extra argument(s) ("
    if isinstance(error, click.UsageError) and error.message.startswith(extra):
        arguments = error.message.removeprefix(extra).removesuffix(")")
        return Message("cli.usage.extra_arguments", command=command, arguments=arguments)
    return Message("cli.usage.other", detail=error.format_message())


# --- The entry point ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Entry point: every outcome becomes one of the documented exit codes.

    stdout is held while the command runs and written at the end (`output.deliver`), so that a
    full disk or a closed pipe is one error in one place, Typer's own help included.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    diagnostics.language = language_of(arguments, os.environ)
    without_pydantic_plugins()
    with standard_streams(), signals_end_the_run():
        try:
            pending = PendingStdout(sys.stdout)
            with contextlib.redirect_stdout(pending):
                code = _run(arguments)
            deliver(pending)
        except StdoutClosedError:  # the reader went away, as `head` does: nothing to say, to no one
            return ExitCode.CLOSED_PIPE
        except StdoutWriteError as error:
            diagnostics.say(error.message, "error")
            return ExitCode.INTERNAL if code == ExitCode.INTERNAL else ExitCode.UNUSABLE
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        except Terminated as ended:
            diagnostics.say(Message("cli.terminated", signal=str(ended)))
            return ended.exit_code
        except Exception as error:  # writing stdout failed in a way no write should
            return internal_error(error, arguments, diagnostics.language)
    if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into this code, silently
        diagnostics.say(Message("cli.interrupted"))
    return code


def _run(arguments: list[str]) -> int:
    """The command, its failures turned into lines on stderr and an exit code."""
    try:
        require_a_command(arguments, _command_names())
        code = app(args=arguments, standalone_mode=False, prog_name="tulos")
    except typer.Exit as exit_:
        code = exit_.exit_code
    except typer.Abort:  # end of input at a prompt, which tulos never shows
        return ExitCode.INTERRUPTED
    except typer.TyperException as error:  # usage errors: unknown option, missing argument
        diagnostics.say(_usage_message(error), "error")
        return ExitCode.UNUSABLE
    except UsageError as error:
        diagnostics.say(error.message, "error")
        return ExitCode.UNUSABLE
    except InputError as error:
        for problem in error.problems:
            diagnostics.report(problem)
        return ExitCode.UNUSABLE
    except Exception as error:  # the last line of defence: never a bare traceback
        return internal_error(error, arguments, diagnostics.language)
    return int(code) if isinstance(code, int) else ExitCode.OK
