"""What reading commands say about a writer's journal (:mod:`.journal`) they find.

A journal that outlives its command means the tree is half changed: a writer killed by
SIGKILL or a power loss, or one that is writing right now. ``check``, ``status``, ``context``
and the MCP reading tools then say so in one line; they do not undo it. Undoing is the next
writing command's work, under the lock: a reader that wrote would fight git for the index
during a commit (the hook runs while git holds ``index.lock``), would break read-only
checkouts, and outside git would carry out a journal that came with the files (``.milestone-
lint/`` in an unpacked archive is anyone's). A reader only reads the journal's command name
and pid.

The journal is found as the writer places it, without starting git: ``<git dir>/milestone-
lint/journal.json`` (:func:`milestone_lint.git.top.git_path`: ``$GIT_DIR``, ``.git`` a folder,
or the ``gitdir:`` file of a linked worktree), else
``.milestone-lint/journal.json`` in the folder the command works in. Costs one ``stat`` when
there is none.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from milestone_lint.paths import display

_WRITERS = "new handoff, new milestone, check --fix, init or baseline"


def _state_dir(top: Path | None, cwd: Path) -> Path:
    """Where the journal's writer keeps its state: under the git directory as git names it
    (``$GIT_DIR`` included, as the journal finds it), else beside the files outside git."""
    if top is None:
        return cwd / ".milestone-lint"
    from milestone_lint.errors import MilestoneLintError
    from milestone_lint.git.top import git_path

    try:
        return git_path(top, "milestone-lint")
    except MilestoneLintError:
        return top / ".git" / "milestone-lint"


def _held(lock: Path) -> bool:
    """True when a writer holds the workspace's lock (it is still running)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks to ask
        return False
    try:
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # a lock taken here goes with it
    return False


def leftover_note(top: Path | None, cwd: Path) -> str | None:
    """One line on a journal left at the repository ``top`` (None: outside git, ``cwd``);
    None when there is none."""
    state = _state_dir(top, cwd)
    journal = state / "journal.json"
    if not os.path.lexists(journal):
        return None
    what = "a writing command"
    try:
        # No link followed, no FIFO waited on, no more than a journal's size read.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(journal, flags)
        try:
            raw = os.read(fd, 1 << 20) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
        finally:
            os.close(fd)
        import json  # only when a journal is there: every check run costs one stat

        record = json.loads(raw)
        command, pid = record.get("command"), record.get("pid")
        if isinstance(command, str) and isinstance(pid, int):
            what = f"`{display(command[:40])}` (pid {pid})"
    except (OSError, ValueError, AttributeError, RecursionError):
        pass
    if _held(state / "lock"):
        return f"{what} is writing this tree right now; what is read now may show it half done"
    return (
        f"an interrupted {what} left this tree half changed ({display(str(journal))}); what"
        f" is read now shows it so. The next writing command ({_WRITERS}) undoes it first"
    )
