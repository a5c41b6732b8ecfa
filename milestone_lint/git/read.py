"""Running git: every git command the project runs, except ``check --since``'s history
question, is started here, and every read is a plumbing command.

Why plumbing and not GitPython: these reads run on every commit. ``git ls-files -s -z``
reads every index format git has (version 4 from ``feature.manyFiles``, split indexes, sparse
indexes, which it expands so that every path is listed) and honours ``GIT_INDEX_FILE``;
GitPython's own index reader knows versions 1-3 only and costs ~90 ms to import. The writing
commands change the index through :mod:`.journal`, which runs ``git update-index`` from here
too; GitPython serves only the history question of ``check --since`` (:mod:`.history`).

A git command that fails is a :class:`MilestoneLintError` carrying git's own message (exit 2):
an index that cannot be read is never taken for an empty one.

This module is imported by the commit gate, so it imports nothing heavy; git is started
through :mod:`milestone_lint.git.spawn`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.spawn import Child, start
from milestone_lint.paths import display

if TYPE_CHECKING:
    from collections.abc import Iterable

# File modes in the index: a submodule is a commit, not a file to judge; a symbolic link's
# blob holds the name of its target.
GITLINK = "160000"
SYMLINK = "120000"


class GitFailed(MilestoneLintError):
    """A git command exited non-zero; the message holds git's own words."""


def _environment() -> dict[str, str] | None:
    """The environment for git: ``GIT_INDEX_FILE`` made absolute.

    Git hooks may set it relative to the work tree's top; every call here runs at the top
    (``-C``), so a relative name taken from another folder would point elsewhere.
    """
    named = os.environ.get("GIT_INDEX_FILE")
    if not named or os.path.isabs(named):
        return None
    return {**os.environ, "GIT_INDEX_FILE": os.path.abspath(named)}


def _start(args: list[str], cwd: Path | str, stdin: bool = False) -> Child:
    try:
        return start(["git", "-C", os.fspath(cwd), *args], _environment(), stdin)
    except OSError as exc:
        raise MilestoneLintError(
            f"cannot run git ({exc.strerror}); install git or put it on PATH"
        ) from None


def _finish(process: Child, args: list[str], cwd: Path | str, stdin: bytes = b"") -> bytes:
    code, out, err = process.communicate(stdin)
    if code != 0:
        said = os.fsdecode(err).strip().splitlines()
        message = "; ".join(line.strip() for line in said if line.strip()) or "no message"
        command = next((a for a in args if not a.startswith("-")), "")
        raise GitFailed(
            f"git {command} failed in {display(str(cwd))}: {display(message)};"
            " run `git status` there to see what git needs"
        )
    return out


def git(args: list[str], cwd: Path | str, stdin: bytes | None = None) -> bytes:
    """Run ``git args`` in ``cwd``; its standard output, or GitFailed with its message."""
    return _finish(_start(args, cwd, stdin is not None), args, cwd, stdin or b"")


def during_commit() -> bool:
    """True inside the hooks of a ``git commit`` (plain, ``-a``, ``<paths>``, ``--amend``,
    ``--allow-empty``), which export ``GIT_INDEX_FILE``; false for a manual ``pre-commit run
    --all-files`` or a CI job, which judge the tree as it is, and for pre-commit's ref ranges."""
    return bool(os.environ.get("GIT_INDEX_FILE")) and not (
        os.environ.get("PRE_COMMIT_FROM_REF") and os.environ.get("PRE_COMMIT_TO_REF")
    )


def check_index_file() -> None:
    """A ``GIT_INDEX_FILE`` naming no file is an error: git would read it as an empty index,
    and every file would look deleted."""
    named = os.environ.get("GIT_INDEX_FILE")
    if named and not os.path.exists(named):
        raise MilestoneLintError(
            f"{display(named)}: GIT_INDEX_FILE names no file; unset it or point it at an index"
        )


def parse_entries(out: bytes) -> dict[str, tuple[str, str]]:
    """``ls-files -s -z`` output → path → (mode, object id).

    Unmerged paths have stages 1-3; the commit cannot be made until they are resolved, so any
    version will do to judge the layout, and stage 0 wins when present.
    """
    entries: dict[str, tuple[str, str]] = {}
    # One decode for the whole listing: on every commit, per-record work is what it costs.
    for record in os.fsdecode(out).split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, sha, stage = meta.split(" ")
        if stage == "0" or path not in entries:
            entries[path] = (mode, sha)
    return entries


def _parse_batch(out: bytes, count: int) -> list[bytes | None]:
    """``cat-file --batch`` output for ``count`` requests; None for a missing object."""
    found: list[bytes | None] = []
    at = 0
    for _ in range(count):
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        at = end + 1
        if len(header) != 3:  # "<name> missing", "<name> ambiguous"
            found.append(None)
            continue
        size = int(header[2])
        found.append(out[at : at + size])
        at += size + 1
    return found


def _name_status(out: bytes) -> dict[str, str]:
    fields = out.split(b"\0")
    return {
        os.fsdecode(fields[i + 1]): os.fsdecode(fields[i])[:1]
        for i in range(0, len(fields) - 1, 2)
        if fields[i]
    }


def _requests(names: Iterable[str]) -> bytes:
    """``cat-file --batch`` requests, one a line, encoded as the names were decoded: a name
    that is not UTF-8 goes back to git as the bytes it came as (``surrogateescape``)."""
    return os.fsencode("".join(name + "\n" for name in names))


_LS_FILES = ["ls-files", "-s", "-z", "--full-name"]


class IndexReader:
    """One run's questions to git about the index of the work tree at ``top``, each asked once.

    The commit gate and the check that may follow it share one reader, so a commit that does
    concern a root does not ask git the same thing twice. ``compare`` is pre-commit's
    ``(from_ref, to_ref)``; without it changes are the index's against HEAD.
    """

    def __init__(self, top: Path, compare: tuple[str, str] | None = None) -> None:
        self.top = top
        self.compare = compare
        self._changes: dict[str, str] | None = None
        self._changes_read = False
        self._staged: dict[str, bytes | None] = {}
        self._listing: Child | None = None
        self._batch: tuple[Child, list[str]] | None = None

    def start_entries(self) -> None:
        """Start listing the index in the background: git works on another core while Python
        imports what the check needs."""
        if self._listing is None:
            check_index_file()
            self._listing = _start(_LS_FILES, self.top)

    def entries(self) -> dict[str, tuple[str, str]]:
        """Every path in the index (sparse directories expanded): path → (mode, object id)."""
        self.start_entries()
        assert self._listing is not None
        listing, self._listing = self._listing, None
        return parse_entries(_finish(listing, _LS_FILES, self.top))

    def objects(self, names: list[str]) -> list[bytes | None]:
        """Object contents (ids, or ``:path`` for a staged file) in the order asked, None for
        a missing one: one ``git cat-file --batch`` for all of them."""
        if not names:
            return []
        stdin = _requests(names)
        return _parse_batch(git(["cat-file", "--batch"], self.top, stdin=stdin), len(names))

    def start_staged(self, paths: list[str]) -> None:
        """Start reading staged files now (git works while the caller asks git something else);
        the next :meth:`staged_files` collects them, with whatever else it asks for."""
        if self._batch is None:
            process = _start(["cat-file", "--batch"], self.top, stdin=True)
            process.feed(_requests(f":{p}" for p in paths))
            self._batch = (process, list(paths))

    def staged_files(self, paths: list[str]) -> list[bytes | None]:
        """The staged contents of files (paths from the top), None where the index has none."""
        asked: list[str] = []
        process = None
        if self._batch is not None:
            (process, asked), self._batch = self._batch, None
        missing = [p for p in dict.fromkeys(paths) if p not in self._staged and p not in asked]
        if process is None and missing:
            process = _start(["cat-file", "--batch"], self.top, stdin=True)
        if process is not None:
            names = asked + missing
            stdin = _requests(f":{p}" for p in missing)
            out = _finish(process, ["cat-file"], self.top, stdin)
            for path, data in zip(names, _parse_batch(out, len(names)), strict=True):
                self._staged[path] = data
        return [self._staged[p] for p in paths]

    def staged_read(self, path: str) -> bytes | None:
        """A staged file's content if it was read already (None when not, or not staged)."""
        return self._staged.get(path)

    def changes(self) -> dict[str, str] | None:
        """What the commit changes: path → status letter (A, M, D, T…).

        Against HEAD (``git diff-index --cached``), or over ``from...to`` (what pre-commit
        judges with ``--from-ref``/``--to-ref``). None before the first commit.
        """
        if not self._changes_read:
            self._changes = self._read_changes()
            self._changes_read = True
        return self._changes

    def _read_changes(self) -> dict[str, str] | None:
        if self.compare is not None:
            args = ["diff", "--name-status", "-z", "--no-renames", "--no-color", "--no-ext-diff"]
            from_ref, to_ref = self.compare
            return _name_status(git([*args, f"{from_ref}...{to_ref}", "--"], self.top))
        check_index_file()
        args = ["diff-index", "--cached", "--name-status", "-z", "--no-renames", "HEAD", "--"]
        try:
            out = git(args, self.top)
        except GitFailed:
            if unborn_head(self.top):
                return None
            raise
        return _name_status(out)


def unborn_head(top: Path) -> bool:
    """True before the first commit (HEAD names a branch that does not exist yet)."""
    try:
        git(["rev-parse", "--verify", "--quiet", "HEAD"], top)
    except GitFailed:
        return True
    return False


def tracked_under(top: Path, folder: str) -> dict[str, tuple[str, str]]:
    """The index entries under ``folder`` (from the top): path → (mode, object id)."""
    args = ["--literal-pathspecs", "ls-files", "-s", "-z", "--full-name", "--", folder or "."]
    return parse_entries(git(args, top))


def unstaged(top: Path, paths: list[str]) -> set[str]:
    """Which of ``paths`` (files or folders, from the top) have changes not staged."""
    if not paths:
        return set()
    args = ["--literal-pathspecs", "diff", "--name-only", "-z", "--no-ext-diff", "--", *paths]
    return set(os.fsdecode(git(args, top)).split("\0")) - {""}


def ignored_under(base: Path) -> tuple[frozenset[str], frozenset[str]]:
    """What git ignores below ``base`` and does not track, relative to it: (files, folders).

    One ``git ls-files --others --ignored --exclude-standard --directory`` for the whole run
    (every .gitignore, .git/info/exclude and core.excludesFile, as ``git status`` reads them);
    ``--directory`` names a wholly ignored folder once instead of every file in it (a
    node_modules of 100,000 files is one line). Outside a work tree: nothing is ignored.
    """
    args = ["ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z"]
    try:
        out = os.fsdecode(git(args, base))
    except GitFailed:
        return frozenset(), frozenset()
    files: set[str] = set()
    folders: set[str] = set()
    for entry in out.split("\0"):
        if entry.endswith("/"):
            folders.add(entry[:-1])
        elif entry:
            files.add(entry)
    return frozenset(files), frozenset(folders)
