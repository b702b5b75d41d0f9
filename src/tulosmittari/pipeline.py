"""The steps the commands share, without Typer: a valid agreement, and a check of actuals.

An agreement that does not load or does not validate is unusable (an InputError with a hint on
what to do); the check reads the actuals under their display names, chooses the periods and
evaluates them, passing each warning to `say` as soon as it is known.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tulosmittari.invocation import display_name, select_periods, unreported_warnings
from tulosmittari.periods import Period
from tulosmittari.problems import InputError, Location, Message, Problem, Severity

if TYPE_CHECKING:
    from tulosmittari.loading import LoadedAgreement
    from tulosmittari.results import CheckReport
    from tulosmittari.schema import Agreement


def load_valid(path: Path, baseline: Agreement | None = None) -> LoadedAgreement:
    """An agreement good enough to check against; anything less is unusable input. `baseline`,
    its earlier version, places a broken identity at the figure the edit changed."""
    from tulosmittari.loading import load_agreement

    name = display_name(path)
    return valid(load_agreement(path, display_name=name), _invalid_hint(name), baseline)


def _invalid_hint(name: str) -> Problem:
    return Problem(Location(name), Message("cli.invalid_agreement", path=name), Severity.INFO)


def valid(
    loaded: LoadedAgreement, hint: Problem, baseline: Agreement | None = None
) -> LoadedAgreement:
    """Schema problems or validation errors make an agreement unusable; `hint` says what to do."""
    from tulosmittari.validation import validate

    if loaded.agreement is None:
        raise InputError([*loaded.problems, hint])
    found = validate(loaded.agreement, loaded.source, baseline=baseline)
    errors = [p for p in found if p.severity is Severity.ERROR]
    if errors:
        raise InputError([*errors, hint])
    return loaded


@dataclass(frozen=True)
class Checked:
    """What `check`, `summary` and `report` share: the agreement, the check and the inputs."""

    agreement: Agreement
    report: CheckReport
    inputs: list[Path]  # every file read, never to be overwritten by `-o`


def check_actuals(
    actuals: list[Path],
    agreement_path: Path,
    year: int | None,
    period: Period | None,
    say: Callable[[Problem], None],
    limits: Mapping[str, int],
) -> Checked:
    """Read the actuals against the agreement, within `limits` (`ReadLimits`' arguments), and
    evaluate the periods chosen."""
    from tulosmittari.actuals import ReadLimits, read_actuals
    from tulosmittari.evaluation import evaluate

    loaded = load_valid(agreement_path)
    assert loaded.agreement is not None
    names = [display_name(path) for path in actuals]
    observations = read_actuals(
        actuals, loaded.agreement, display_names=names, limits=ReadLimits(**limits)
    )
    for warning in unreported_warnings(observations.unreported):
        say(warning)
    covered = observations.evaluation_periods()
    periods = select_periods(covered, loaded.agreement.meta.years, year, period)
    report = evaluate(
        loaded.agreement,
        observations,
        periods,
        agreement_file=display_name(agreement_path),
        source=loaded.source,
    )
    for problem in report.problems:
        say(problem)
    return Checked(loaded.agreement, report, [agreement_path, *actuals])
