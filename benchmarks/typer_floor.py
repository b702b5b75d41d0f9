"""Typer alone: a `tulos` command line parsed and its options coerced, every command's body empty.

What the command-line layer costs before tulos does any work of its own; `bench.py` runs it with
the arguments of `tulos check` to show how much of check's time is Typer's. With `--schema`
first, it also makes the schema's models, as any command that reads an agreement must: the least
a check can cost with this stack, before it reads a byte.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

from tulosmittari import cli


def _emptied(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)  # the same signature, so the same options
    def empty(*args: Any, **kwargs: Any) -> None:
        return None

    return empty


for info in cli.app.registered_commands:
    if info.callback is not None:
        info.callback = _emptied(info.callback)

if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--schema"]:
        import tulosmittari.schema  # noqa: F401  (the models are made on import)

        arguments = arguments[1:]
    sys.exit(cli.main(arguments))
