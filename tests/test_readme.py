"""What the README shows a new user holds: its first screen gives the two commands and the
agreement reference, its agreement example validates and checks, and its meeting screen is what
`tulos summary` prints at an 80 × 24 terminal."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, Tulos

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_first_screen_gives_the_two_commands_and_the_reference() -> None:
    first_screen = "\n".join(README.splitlines()[:24])
    assert "make run" in first_screen
    assert "make test" in first_screen
    assert "docs/agreement-format.md" in first_screen


def test_the_agreement_example_validates_and_checks(tulos: Tulos, tmp_path: Path) -> None:
    (example,) = re.findall(r"```yaml\n(.*?)```", README, re.S)
    agreement = tmp_path / "agreement.yaml"
    agreement.write_text(example, encoding="utf-8")
    actuals = tmp_path / "actuals.csv"
    actuals.write_text("metric;period;value\nsick_days;2021;8,7\n", encoding="utf-8")
    assert tulos("validate", agreement).code == 0
    ran = tulos("check", actuals, "-a", agreement, "--format", "json")
    assert (ran.code, ran.err) == (0, "")
    assert '"outcome": "pass"' in ran.out


def test_the_meeting_screen_is_what_summary_prints(tulos: Tulos) -> None:
    (screen,) = re.findall(r"```text\n(.*?)```", README, re.S)
    ran = tulos(
        "summary",
        "actuals/2024-h1.csv",
        cwd=REPO,
        terminal=True,
        size=(24, 80),
        env={"NO_COLOR": "1"},
    )
    assert ran.out.replace("\r\n", "\n") == screen
