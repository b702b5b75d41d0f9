"""The format registry: what it declares matches what each module renders, every command offers
and explains exactly its formats, and answering that imports no renderer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tulosmittari.cli import main
from tulosmittari.render import FORMATS, VIEWS, View, formats_for, renderer

REPO = Path(__file__).resolve().parent.parent
EVERY = ["table", "plain", "markdown", "json", "csv", "github"]
TEXT = ["table", "plain", "markdown", "json"]
OFFERED = {  # command: the formats it takes, in the order --help and errors list them
    "validate": EVERY,
    "check": EVERY,
    "targets": TEXT,
    "summary": TEXT,
    "diff": TEXT,
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_format_declares_the_views_its_module_renders(name: str) -> None:
    module = renderer(name)
    defined = {
        attribute.removeprefix("render_")
        for attribute in vars(module)
        if attribute.startswith("render_") and callable(getattr(module, attribute))
    }
    assert defined == set(FORMATS[name].views)


def test_each_view_is_offered_by_the_formats_a_command_takes() -> None:
    view_of: dict[str, View] = {
        "validate": "problems",
        "check": "check",
        "targets": "targets",
        "summary": "summary",
        "diff": "diff",
    }
    assert set(view_of.values()) == set(VIEWS)
    for command, view in view_of.items():
        assert [f.name for f in formats_for(view)] == OFFERED[command]


@pytest.mark.parametrize("command", list(OFFERED))
def test_help_lists_exactly_the_formats_of_the_command(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"-f, --format <{'|'.join(OFFERED[command])}>" in out
    words = " ".join(out.split())  # --help wraps the text to the terminal
    for name in FORMATS:
        line = f"{name}: {FORMATS[name].help}"
        assert (line in words) is (name in OFFERED[command]), line
    assert "(default: table at a terminal without NO_COLOR, else plain)" in words


@pytest.mark.parametrize(
    ("args", "refused"),
    [
        (["diff", "old.yaml", "new.yaml"], "csv"),
        (["diff", "old.yaml", "new.yaml"], "github"),
        (["targets"], "csv"),
        (["summary", "actuals.csv"], "github"),
        (["check", "actuals.csv"], "html"),
        (["validate", "a.yaml"], "yaml"),
    ],
)
def test_a_format_the_command_does_not_offer_is_refused_with_the_list(
    args: list[str], refused: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*args, "--format", refused, "--lang", "en"])
    captured = capsys.readouterr()
    offered = ", ".join(OFFERED[args[0]])
    assert (code, captured.out) == (2, "")
    assert captured.err == f"tulos: error: unknown format '{refused}': choose from {offered}\n"


def _renderers_imported(*args: str) -> set[str]:
    """The renderer modules (and their libraries) that `tulos ARGS` imports, as Python's own
    `-v` lists them on stderr: `import 'name' # loader`."""
    done = subprocess.run(
        [sys.executable, "-v", "-m", "tulosmittari", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    imported = {
        line.split("'")[1] for line in done.stderr.splitlines() if line.startswith("import '")
    }
    return {
        m for m in imported if m.startswith("tulosmittari.render.") or m in ("rich", "tabulate")
    }


def test_help_and_a_diff_import_only_what_they_show() -> None:
    assert _renderers_imported("check", "--help") == set()
    agreement = str(REPO / "tests" / "data" / "agreements" / "valid" / "minimal.yaml")
    imported = _renderers_imported("diff", agreement, agreement, "--format", "json")
    assert imported == {
        "tulosmittari.render.json",
        "tulosmittari.render.diff_grids",
        "tulosmittari.render.grid",
    }
