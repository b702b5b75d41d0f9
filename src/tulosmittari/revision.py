"""An agreement as it was at a git revision, for `tulos diff --rev`.

git runs without a shell, with a timeout; whatever goes wrong (no git, no repository, no such
revision, a file that did not exist then) is a `UsageError` saying which.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tulosmittari.invocation import UsageError, display_name
from tulosmittari.problems import Message

GIT_TIMEOUT = 30  # seconds; `git show` of one file answers at once unless something is wrong


def at_revision(path: Path, rev: str) -> tuple[bytes, str]:
    """The file's bytes at a git revision (`git show REV:<path from the top>`) and the name it
    is shown by (`agreements/2024-2027.yaml@HEAD~1`)."""
    if not rev or rev.startswith("-"):
        raise UsageError(Message("cli.git.not_a_revision", rev=rev))
    if not path.is_file():
        raise UsageError(Message("cli.git.no_such_file", path=display_name(path)))
    folder = path.resolve().parent
    top = _git(
        ["rev-parse", "--show-toplevel"],
        folder,
        Message("cli.git.no_repository", path=display_name(path)),
    )
    root = Path(top.decode("utf-8", "surrogateescape").strip()).resolve()
    relative = path.resolve().relative_to(root).as_posix()
    commit = _git(
        ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        root,
        Message("cli.git.no_such_revision", rev=rev, root=display_name(root)),
    )
    text = _git(
        ["show", f"{commit.decode('ascii').strip()}:{relative}"],
        root,
        Message("cli.git.not_at_revision", path=display_name(relative), rev=rev),
    )
    return text, f"{display_name(relative)}@{rev}"


def _git(args: list[str], folder: Path, failure: Message) -> bytes:
    """git's output; `failure` is the error to give when git answers with an error."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise UsageError(Message("cli.git.missing")) from None
    except subprocess.TimeoutExpired:
        raise UsageError(Message("cli.git.timeout", seconds=GIT_TIMEOUT, what=failure)) from None
    if done.returncode != 0:
        raise UsageError(failure)
    return done.stdout
