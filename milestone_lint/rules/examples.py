"""A rule's bad and good examples: real trees that a test builds and ``rule CODE`` prints.

An example is the files of a repository (path from its top → content), not a description of
them: tests/rules/test_examples.py writes each into a fresh ``git init`` repository, runs
``check`` on it and requires the bad one to fire its rule alone and the good one nothing.
The helpers below put one file in a tree that is otherwise clean (a milestone with both system
files and a handoff), so that an example shows only the file it is about.
"""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

from collections.abc import Mapping
from typing import NamedTuple

ROOT = "handoffs"
CONFIG = "milestone-lint.toml"
SUMMARY_PATH = f"{ROOT}/1-auth/0-milestone-summary.md"
LESSONS_PATH = f"{ROOT}/1-auth/0-lessons-learned.md"
ARCHIVED_PATH = f"{ROOT}/1-auth/1-login.md"
PENDING_PATH = f"{ROOT}/2-tokens.md"

CLEAN_SUMMARY = """\
# Auth Milestone Summary - 2025-03-04

## Changes
- Login with OAuth device flow

## Decisions
- Tokens in the OS keyring: no secrets on disk

## Discoveries
- The keyring is locked in CI

## Current system state
- Login works on Linux
"""
CLEAN_LESSONS = """\
# Lessons Learned - Auth

## Flaky tests

**Problem:** Tests failed at random on CI.

**Solution:** Pin the event loop policy in the test setup.
"""
CLEAN_HANDOFF = """\
# Login Handoff - 2025-03-01

## Summary
- Started the OAuth device flow

## Work in Progress
- Token refresh
"""
# The pending handoff's first lines, for examples about a handoff's body.
HANDOFF_TITLE = "# Tokens Handoff - 2025-03-05\n\n"
CLEAN_MILESTONE: Mapping[str, str] = {
    SUMMARY_PATH: CLEAN_SUMMARY,
    LESSONS_PATH: CLEAN_LESSONS,
    ARCHIVED_PATH: CLEAN_HANDOFF,
}

Content = str | bytes


class Example(NamedTuple):
    """One example tree.

    ``files``: path from the repository's top → content (``bytes`` for a file that is not UTF-8);
    a path ending in ``/`` is an empty folder. ``shown``: the files whose content ``rule CODE``
    prints (a configuration file among them); with ``tree`` the paths are listed as well.
    ``committed``: when given, that tree is committed first, ``files`` are written over it and
    staged, and the run is ``check --staged`` (what the commit would change).
    """

    files: Mapping[str, Content]
    shown: tuple[str, ...] = ()
    tree: bool = True
    committed: Mapping[str, Content] | None = None
    since: bool = False

    def render(self) -> str:
        """The example as ``rule CODE`` prints it: a tree listing, then the files shown."""
        parts: list[str] = []
        if self.committed is not None:
            changed = [p for p in self.files if self.committed.get(p) != self.files[p]]
            notes = ("edited" if p in self.committed else "new" for p in changed)
            before, after = (
                ("main", "the branch (check --since main)")
                if self.since
                else (
                    "HEAD",
                    "staged (check --staged)",
                )
            )
            parts.append(f"{before}:\n" + _listing(self.committed))
            parts.append(
                f"{after}:\n"
                + "\n".join(f"  {p}  ({note})" for p, note in zip(changed, notes, strict=True))
            )
        elif self.tree:
            parts.append(_listing(self.files))
        for path in self.shown:
            parts.append(f"{path}:\n{_text(self.files[path]).rstrip()}")
        return "\n\n".join(parts)


def _text(content: Content) -> str:
    if isinstance(content, str):
        return content
    # Bytes that are not UTF-8, shown as Python writes them, so the reader sees the bad byte.
    return content.decode("latin-1").encode("unicode_escape").decode("ascii").replace("\\n", "\n")


def _listing(files: Mapping[str, Content]) -> str:
    """Paths as an indented tree, folders before the files in them, the config left out."""
    lines: list[str] = []
    seen: set[str] = set()
    for path in sorted(p for p in files if p != CONFIG):
        parts = path.rstrip("/").split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in seen:
                seen.add(folder)
                lines.append("  " * (depth - 1) + parts[depth - 1] + "/")
        if path.endswith("/"):
            seen.add(path.rstrip("/"))
        lines.append("  " * (len(parts) - 1) + parts[-1] + ("/" if path.endswith("/") else ""))
    return "\n".join(lines)


def configured(example: Example, config: str) -> Example:
    """``example`` run with ``config`` as its milestone-lint.toml, shown first."""
    return example._replace(files={CONFIG: config, **example.files}, shown=(CONFIG, *example.shown))


def _one_file(path: str, content: Content, base: Mapping[str, Content]) -> Example:
    return Example({**base, path: content}, shown=(path,), tree=False)


def in_summary(text: str) -> Example:
    """``text`` as a milestone's summary, beside a clean lessons file and handoff."""
    return _one_file(SUMMARY_PATH, text, CLEAN_MILESTONE)


def in_lessons(text: str) -> Example:
    """``text`` as a milestone's lessons file, beside a clean summary and handoff."""
    return _one_file(LESSONS_PATH, text, CLEAN_MILESTONE)


def in_handoff(content: Content) -> Example:
    """``content`` as the pending handoff after a clean milestone."""
    return _one_file(PENDING_PATH, content, CLEAN_MILESTONE)


def layout(*paths: str, root: str = ROOT) -> Example:
    """A tree of paths under ``root``, each file a clean handoff (system files clean too)."""
    files: dict[str, Content] = {}
    for path in paths:
        full = f"{root}/{path}"
        name = path.rsplit("/", 1)[-1]
        if path.endswith("/"):
            files[full] = ""
        elif name == "0-milestone-summary.md":
            files[full] = CLEAN_SUMMARY
        elif name == "0-lessons-learned.md":
            files[full] = CLEAN_LESSONS
        else:
            files[full] = CLEAN_HANDOFF
    return Example(files)


def milestone_folder(folder: str, *handoffs: str) -> tuple[str, ...]:
    """A milestone folder's paths for :func:`layout`: both system files, then its handoffs."""
    system = (f"{folder}/0-milestone-summary.md", f"{folder}/0-lessons-learned.md")
    return (*system, *(f"{folder}/{name}" for name in handoffs))
