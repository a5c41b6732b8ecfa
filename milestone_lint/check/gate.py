"""The commit gate: does the commit being made concern any handoff root at all?

Most commits touch no handoff. Deciding that from git's list of the commit's changes and the
staged configurations alone (the top's and those in the folders above the changed paths: only
they can name a root holding one), before click, the rules or the parser are imported, keeps such a
commit at the cost of starting Python and two git calls.

The gate only ever answers "no" when it is sure: anything it cannot read or judge (a config it
cannot parse, a root outside the repository, a git error) sends the commit to the full check,
which judges it or reports the problem.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any

from milestone_lint.config import BASELINE_KEY, CANDIDATES, DEFAULT_ROOTS, ROOTS_KEY
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git import read as gitread
from milestone_lint.git.top import find_top
from milestone_lint.globs import GlobError, compile_glob

# Changed markdown files read along with the configuration, for the check that follows when
# the commit does concern a root: one git call instead of two. Bounded: a commit that changes
# thousands of files gets them read once they are known to matter.
READ_AHEAD = 32


# Folders above the changed paths whose configuration files the gate reads (three names each,
# in the one git call that reads the top's): a commit spread over more goes to the full check.
MAX_FOLDERS = 64


def _folders_above(paths: list[str]) -> list[str] | None:
    """Every folder holding a changed path, the top ("") first; None when too many.

    Only a configuration in one of them can name a root holding the path: a configuration's
    roots lie below its own folder."""
    folders: dict[str, None] = {"": None}
    for path in paths:
        folder = posixpath.dirname(path)
        while folder and folder not in folders:
            folders[folder] = None
            folder = posixpath.dirname(folder)
        if len(folders) > MAX_FOLDERS:
            return None
    return list(folders)


def _staged_settings(
    reader: gitread.IndexReader, folders: list[str], changed: list[str]
) -> dict[str, dict[str, Any]] | None:
    """Each folder's staged milestone-lint table, for the folders holding one (the top always:
    {} when it has none), or None when one cannot be read here (the full check says why)."""
    names = [posixpath.join(f, name) for f in folders for name in CANDIDATES]
    ahead = [p for p in changed if p.lower().endswith(".md")][:READ_AHEAD]
    contents = reader.staged_files([*names, *ahead])
    found: dict[str, dict[str, Any]] = {}
    for at, (name, data) in enumerate(zip(names, contents, strict=False)):
        folder = folders[at // len(CANDIDATES)]
        if data is None or folder in found:
            continue  # in each folder the first candidate holding a table wins
        from milestone_lint.config.files import table_in

        try:
            table = table_in(Path(name), data)
        except MilestoneLintError:
            return None  # the full check says what is wrong with it
        if table is not None:
            found[folder] = table
    return {"": {}, **found}


def _root_patterns(settings: dict[str, Any]) -> tuple[str, ...] | None:
    roots = settings.get(ROOTS_KEY, DEFAULT_ROOTS)
    if not isinstance(roots, (list, tuple)) or not all(isinstance(r, str) for r in roots):
        return None
    for root in roots:
        # As discovery refuses them: absolute, or a ".." segment anywhere ("docs/..").
        if root.startswith("/") or ".." in root.split("/") or not root.strip("/"):
            return None  # outside the repository or the whole of it: let the check decide
    return tuple(roots)


def _under_a_root(path: str, patterns: tuple[str, ...]) -> bool:
    try:
        globs = [compile_glob(p, anchored=True) for p in patterns]
    except GlobError:
        return True  # a malformed glob: the full check says what is wrong with it
    folder = posixpath.dirname(path)
    while folder:
        if any(g.match(folder) for g in globs):
            return True
        folder = posixpath.dirname(folder)
    return False


def pre_commit_range() -> tuple[str, str] | None:
    """pre-commit's ``--from-ref``/``--to-ref`` (CI, pre-push): the range a hook run judges."""
    from_ref = os.environ.get("PRE_COMMIT_FROM_REF")
    to_ref = os.environ.get("PRE_COMMIT_TO_REF")
    return (from_ref, to_ref) if from_ref and to_ref else None


def commit_concerns_handoffs(reader: gitread.IndexReader) -> bool:
    """False only when the commit's changes surely touch no root and no configuration.

    ``reader.top`` is the folder the hook runs in; it must hold ``.git`` (git runs hooks at
    the top of the work tree), else configuration files further up could apply.
    """
    if find_top(reader.top, climb=False) is None:
        return True
    try:
        reader.start_staged(list(CANDIDATES))  # read while git compares the index with HEAD
        statuses = reader.changes()
        if statuses is None:
            return True  # no HEAD yet: every file is new, and judged
        if not statuses:
            # Nothing differs from HEAD: during a commit (--amend to reword, --allow-empty) it
            # changes nothing and passes; outside one (pre-commit run --all-files) the whole
            # tree is judged.
            return not gitread.during_commit()
        if any(posixpath.basename(path) in CANDIDATES for path in statuses):
            return True
        folders = _folders_above(list(statuses))
        if folders is None:
            return True
        configs = _staged_settings(reader, folders, [p for p, s in statuses.items() if s != "D"])
    except MilestoneLintError:
        return True
    if configs is None:
        return True
    for folder, settings in configs.items():
        patterns = _root_patterns(settings)
        if patterns is None:
            return True
        prefix = folder + "/" if folder else ""
        below = [p[len(prefix) :] for p in statuses if p.startswith(prefix)]
        baseline = settings.get(BASELINE_KEY)
        if isinstance(baseline, str) and posixpath.normpath(baseline) in below:
            return True
        if any(_under_a_root(path, patterns) for path in below):
            return True
    return False
