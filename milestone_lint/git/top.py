"""The one finder of the repository's top: the folder of the work tree that holds ``.git``.

Two ways to the same answer, chosen by what the caller can afford:

* :func:`find_top` looks for ``.git`` (a folder, or the file of a linked worktree or
  submodule) at ``start`` and, with ``climb``, above it, as git's own discovery does, without
  starting git. Configuration discovery, Claude Code's settings file and the commit gate ("does
  the hook run at the top?") ask it; it answers None outside a repository.
* :func:`ask_top` asks git (``rev-parse --show-toplevel``), which also honours ``GIT_DIR`` and
  ``GIT_WORK_TREE`` and answers ``--git-path`` questions in the same process: the journal
  (its state folder and the index) and the suggestion (HEAD, the reflog…) each start one git
  for all of it. :func:`git_path` answers one ``--git-path`` question (where the cache lives)
  without starting git, from ``$GIT_DIR`` or ``.git``.

:func:`toplevel` is the strict form ``--staged`` needs: an error a user can act on outside a
work tree.

Imported on every hook path: it imports only what those paths have loaded already, and
:mod:`milestone_lint.git.read` only when git is asked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import display


def find_top(start: Path, *, climb: bool = True) -> Path | None:
    """The nearest folder at or above ``start`` (only ``start`` itself unless ``climb``)
    holding ``.git``; None when there is none.

    The walk is lexical: give it a resolved path, so that no symbolic link on the way leads
    it out of the tree.
    """
    folder = start
    while not os.path.exists(os.path.join(folder, ".git")):
        if not climb or folder.parent == folder:
            return None
        folder = folder.parent
    return folder


def git_path(top: Path, name: str) -> Path:
    """Where git keeps ``name`` for the work tree at ``top``, as ``git rev-parse --git-path``
    answers for a path of the work tree's own (``milestone-lint/…``: not one of the paths
    linked worktrees share), read without starting git: ``$GIT_DIR`` when set (hooks of a
    linked worktree run with it), else ``.git`` when it is a folder, else the ``gitdir:`` a
    ``.git`` file names (a linked worktree, a submodule); git itself when none of these say.
    """
    env = os.environ.get("GIT_DIR")
    if env:
        return Path(os.path.abspath(env)) / name
    dot_git = top / ".git"
    if dot_git.is_dir():
        return dot_git / name
    try:
        text = dot_git.read_bytes()[:4096].decode("utf-8", "surrogateescape")
    except OSError:
        text = ""
    if text.startswith("gitdir: ") and text.count("\n") <= 1:
        return top / text[len("gitdir: ") :].strip("\r\n") / name
    answer = ask_top(top, (name,))
    if answer is None:
        raise MilestoneLintError(f"{display(str(top))}: not a git repository")
    return answer[1][0]


def ask_top(cwd: Path, git_paths: Sequence[str] = ()) -> tuple[Path, list[Path]] | None:
    """Git's top of the work tree holding ``cwd`` and, in the same process, the absolute
    path git uses for each of ``git_paths`` (``rev-parse --git-path``); None outside a
    repository.

    Any other failure (a bare repository, a broken ``.git``) is :class:`GitFailed` with git's
    own words; git that cannot be started is a :class:`MilestoneLintError`.
    """
    from milestone_lint.git.read import GitFailed, git

    args = ["rev-parse", "--show-toplevel"]
    for name in git_paths:
        args += ["--git-path", name]
    try:
        out = os.fsdecode(git(args, cwd))
    except GitFailed as exc:
        if "not a git repository" in str(exc):
            return None
        raise
    lines = out.splitlines()
    if len(lines) != 1 + len(git_paths) or not lines[0]:
        # Git before 2.25 printed no top in a bare repository instead of failing.
        raise GitFailed(_not_a_work_tree(cwd))
    return Path(lines[0]), [cwd / line for line in lines[1:]]


def toplevel(cwd: Path) -> Path:
    """The top of the work tree holding ``cwd``; a clear error outside one or in a bare repo."""
    if "GIT_WORK_TREE" not in os.environ:
        # Git's own discovery stops at the first folder holding .git; hooks run there. One
        # process fewer a commit.
        found = find_top(cwd, climb=False)
        if found is not None:
            return found
    from milestone_lint.git.read import GitFailed

    try:
        answer = ask_top(cwd)
    except GitFailed as exc:
        if "must be run in a work tree" not in str(exc):
            raise
        raise MilestoneLintError(_not_a_work_tree(cwd)) from None
    if answer is None:
        raise MilestoneLintError(
            f"{display(str(cwd))}: not inside a git repository; --staged reads the git"
            " index, so run it in one"
        )
    return answer[0]


def _not_a_work_tree(cwd: Path) -> str:
    return (
        f"{display(str(cwd))}: not in a work tree (a bare repository or a .git folder); run it"
        " in the repository's work tree"
    )
