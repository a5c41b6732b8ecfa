"""Helpers the rule tests share: a clean milestone to vary one file of, and path-rule trees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import LAYOUT_ONLY, diagnostics, write_tree

SUMMARY = "handoffs/1-core/0-milestone-summary.md"

LESSONS = "handoffs/1-core/0-lessons-learned.md"

HANDOFF = "handoffs/1-core/1-setup.md"

# The 0- files state no number, code span or path (ML311 would hold them to the handoff,
# which tests vary).
CLEAN_SUMMARY = """\
# Core Milestone Summary - 2025-03-04

## Changes
- Entity models for User and Task
- REST endpoints with pagination

## Decisions
- UUID keys: IDs are generated offline

## Discoveries
- SQLite lacks ALTER COLUMN

## Current system state
- Integration tests pass
"""

CLEAN_LESSONS = """\
# Lessons Learned - Core

## Migration Testing

**Problem:** ALTER COLUMN fails on SQLite.

**Solution:**
- Use Alembic batch mode
- Run migrations on PostgreSQL in CI

## Tools and Libraries
- SQLAlchemy typed mappings
"""

CLEAN_HANDOFF = """\
# Setup Handoff - 2025-03-01

## Summary
Set up the application skeleton.
"""


def tree(repo: Path, **files: str) -> None:
    contents = {SUMMARY: CLEAN_SUMMARY, LESSONS: CLEAN_LESSONS, HANDOFF: CLEAN_HANDOFF}
    names = {"summary": SUMMARY, "lessons": LESSONS, "handoff": HANDOFF}
    for key, text in files.items():
        contents[names.get(key, key)] = text
    write_tree(repo, contents)


def found(cli: Any, *args: str) -> list[tuple[str, str, int, int]]:
    run = cli("check", "--format", "json", *args)
    assert run.err == ""
    assert run.code in (0, 1)
    return [(d["code"], d["path"], d["line"], d["column"]) for d in run.json()]


SYSTEM = ("0-milestone-summary.md", "0-lessons-learned.md")


def milestone(folder: str, *handoffs: str) -> list[str]:
    return [f"handoffs/{folder}/{name}" for name in (*SYSTEM, *handoffs)]


def lint(cli: Any, *args: str) -> list[tuple[str, str]]:
    run = cli("check", "--format", "json", *args)
    assert run.code in (0, 1), run.err
    assert run.err == ""
    return diagnostics(run)


def layout_config(repo: Path, body: str) -> Path:
    path = repo / "milestone-lint.toml"
    path.write_text(LAYOUT_ONLY + body + "\n")
    return path


def restore_tree(milestones: int = 20, pending: int = 40, per_milestone: int = 2) -> dict[str, str]:
    """A generated handoff tree for the restore pack: MILESTONES folders (summary, lessons,
    PER_MILESTONE handoffs each), then PENDING handoffs, each a few hundred characters to
    about 1.5 KB, with code blocks, tables and front matter here and there."""
    files: dict[str, str] = {}
    number = 0
    for m in range(1, milestones + 1):
        folder = f"handoffs/{m}-part-{m}"
        files[f"{folder}/0-milestone-summary.md"] = (
            f"# Part {m} Milestone Summary - 2025-01-{m % 28 + 1:02d}\n\n## Changes\n"
            + "".join(f"- part {m} change {i}: the store keeps {i * m} entries\n" for i in range(8))
            + "\n## Current system state\n- works\n"
        )
        files[f"{folder}/0-lessons-learned.md"] = (
            f"# Lessons - part {m}\n\n## Caching\n\n**Problem:** slow.\n\n**Solution:** cache.\n"
        )
        for _ in range(per_milestone):
            number += 1
            files[f"{folder}/{number}-work-{number}.md"] = f"# Work {number} - 2025-01-01\n\n- x\n"
    for p in range(pending):
        number += 1
        facts = range(p % 9 + 3)
        body = "".join(f"- step {number} fact {i}: the queue holds {i} jobs\n" for i in facts)
        extra = ""
        if p % 3 == 0:
            extra = "\n## Commands\n\n```bash\n# run the tests\npytest -q\n```\n"
        if p % 4 == 1:
            extra += "\n## Numbers\n\n| run | ms |\n|---|---|\n| cold | 310 |\n\nCold runs win.\n"
        head = "---\nauthor: bot\n---\n" if p % 5 == 2 else ""
        files[f"handoffs/{number}-step-{number}.md"] = (
            f"{head}# Step {number} Handoff - 2025-04-{p % 28 + 1:02d}\n\n## Summary\n{body}"
            f"{extra}\n## Work in Progress\n- the next thing for step {number}\n"
        )
    return files
