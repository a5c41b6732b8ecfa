"""What git says about the commit just made, read with as few processes as possible.

The suggestion runs after every commit, so it avoids GitPython (~90 ms to import) and reads
through :mod:`milestone_lint.git.read` like every other git read: one ``git rev-parse`` names
the files, the reflog's last line says what made HEAD (``commit:``,
``commit (amend):``, ``merge feature/x: Fast-forward``, ``rebase (pick):``, ``cherry-pick:``…),
and one ``git log`` reads the messages only when a delivery is possible.
"""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from milestone_lint.errors import MilestoneLintError

# Files whose presence means a rebase, cherry-pick, revert or bisect is under way.
IN_PROGRESS = ("rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD", "REVERT_HEAD", "BISECT_LOG")
_NAMED = ("logs/HEAD", "HEAD", "ORIG_HEAD", "milestone-lint", *IN_PROGRESS)


class GitUnavailable(Exception):
    """Not in a repository, or git cannot be run: the suggestion stays silent."""


class GitBroken(Exception):
    """A repository that cannot be read: worth one line saying so."""


# NamedTuples, not dataclasses, in all of suggest/: the suggestion runs after every commit,
# and importing dataclasses (with inspect) would cost ~5 ms of it.


class Commit(NamedTuple):
    sha: str
    parents: tuple[str, ...]
    message: str

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0].strip()


class GitState(NamedTuple):
    toplevel: Path
    paths: dict[str, Path]
    head: str | None
    branch: str | None
    reflog: str

    def path(self, name: str) -> Path:
        return self.paths[name]

    @property
    def in_progress(self) -> bool:
        return any(self.paths[name].exists() for name in IN_PROGRESS)

    @property
    def orig_head(self) -> str | None:
        try:
            return self.paths["ORIG_HEAD"].read_text().strip() or None
        except OSError:
            return None


@contextlib.contextmanager
def _git_errors() -> Iterator[None]:
    """A git that fails is a broken repository (GitBroken); one that cannot run, GitUnavailable."""
    from milestone_lint.git.read import GitFailed

    try:
        yield
    except GitFailed as exc:
        raise GitBroken(str(exc)) from None
    except MilestoneLintError as exc:  # git cannot be run at all
        raise GitUnavailable(str(exc)) from None


def _git(cwd: Path, *args: str) -> str:
    from milestone_lint.git.read import git

    with _git_errors():
        return os.fsdecode(git(list(args), cwd))


def read_state(cwd: Path) -> GitState:
    """HEAD, the branch and the reflog's last entry; GitUnavailable outside a repository."""
    from milestone_lint.git.top import ask_top

    with _git_errors():
        found = ask_top(cwd, _NAMED)
    if found is None:
        raise GitUnavailable("not a git repository")
    toplevel, named = found
    paths = {name: path.resolve() for name, path in zip(_NAMED, named, strict=True)}
    head_ref = _read(paths["HEAD"])
    branch = (
        head_ref[len("ref: refs/heads/") :] if head_ref.startswith("ref: refs/heads/") else None
    )
    last = _last_line(paths["logs/HEAD"])
    head: str | None = None
    reflog = ""
    if last:
        fields, _, reflog = last.partition("\t")
        head = fields.split(" ", 2)[1] if fields.count(" ") >= 2 else None
    if head is None or set(head) == {"0"}:
        # No reflog (core.logAllRefUpdates off): ask git; an unborn branch has no HEAD.
        try:
            head = _git(cwd, "rev-parse", "--verify", "-q", "HEAD").strip() or None
        except GitBroken:
            head = None
    return GitState(toplevel, paths, head, branch, reflog)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _last_line(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 8192))
            tail = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = [line for line in tail.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def commits(cwd: Path, revision_range: str) -> list[Commit]:
    """The commits of a range (or one commit), newest first, with their full messages."""
    out = _git(cwd, "log", "--format=%H%x00%P%x00%B%x1e", revision_range, "--")
    found: list[Commit] = []
    for record in out.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        sha, parents, message = record.split("\x00", 2)
        found.append(Commit(sha, tuple(parents.split()), message.strip()))
    return found


def head_commit(cwd: Path) -> Commit | None:
    found = commits(cwd, "-1")
    return found[0] if found else None


def added_files(cwd: Path, base: str, head: str) -> set[str]:
    """Files ``head`` has that ``base`` had not (paths from the top of the work tree)."""
    out = _git(cwd, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=A", base, head)
    return set(out.split("\0")) - {""}
