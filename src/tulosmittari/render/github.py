"""GitHub Actions workflow commands: an annotation at the agreement's line for each failed or
warned target (a notice for one whose figures cover part of its period), and one per validation
problem; a Markdown step summary beside them.

Values are escaped as the runner expects (`%`, CR and LF in every value, `:` and `,` too in
properties), so a name from a file can neither end its annotation nor start a command of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from tulosmittari.i18n import describe_reason, message, outcome_label, result_name, word
from tulosmittari.numbers import Lang
from tulosmittari.problems import Location, Problem, Severity
from tulosmittari.render import RenderOptions
from tulosmittari.render import markdown as markdown_renderer
from tulosmittari.render.grid import summary_line
from tulosmittari.results import CheckReport, Outcome, TargetResult
from tulosmittari.safe_text import clean

COMMAND = {Outcome.FAIL: "error", Outcome.WARN: "warning", Outcome.INCOMPLETE: "notice"}
SEVERITY_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, location: Location | None, title: str, text: str) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, leaving out what is unknown."""
    properties = []
    if location is not None:
        properties.append(f"file={escape_property(location.file)}")
        if location.line is not None:
            properties.append(f"line={location.line}")
            if location.column is not None:
                properties.append(f"col={location.column}")
    properties.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(properties)}::{escape_data(text)}\n"


def _result_annotation(result: TargetResult, lang: Lang) -> str:
    title = message(
        "github.title",
        lang,
        table=result.table_number,
        name=result_name(result, lang),
        period=result.period,
    )
    text = f"{outcome_label(result.outcome, lang)}: {describe_reason(result, lang)}"
    return annotation(COMMAND[result.outcome], result.location, title, text)


def render_check(report: CheckReport, options: RenderOptions) -> str:
    """The annotations, then the summary line as an ordinary log line."""
    lines = [_result_annotation(r, options.lang) for r in report.results if r.outcome in COMMAND]
    lines.append(clean(summary_line(report, options.lang)) + "\n")
    return "".join(lines)


def render_problems(problems: Sequence[Problem], options: RenderOptions) -> str:
    return "".join(
        annotation(SEVERITY_COMMAND[p.severity], p.location, p.code, word(p.message, options.lang))
        for p in problems
    )


def step_summary(report: CheckReport, options: RenderOptions) -> str:
    """What the job's summary page shows: the Markdown rendering of the same report."""
    return markdown_renderer.render_check(report, options)
