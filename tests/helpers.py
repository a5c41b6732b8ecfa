"""Helpers the rule tests share: a clean milestone to vary one file of, and path-rule trees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import LAYOUT_ONLY, diagnostics, write_tree

SUMMARY = "handoffs/1-core/0-milestone-summary.md"

LESSONS = "handoffs/1-core/0-lessons-learned.md"

HANDOFF = "handoffs/1-core/1-setup.md"

CLEAN_SUMMARY = """\
# Core Milestone Summary - 2025-03-04

## Changes
- Entity models for `User` and `Task`
- REST endpoints with pagination

## Decisions
- UUID keys: IDs are generated offline

## Discoveries
- SQLite lacks `ALTER COLUMN`

## Current system state
- 42 integration tests pass
"""

CLEAN_LESSONS = """\
# Lessons Learned - Core

## Migration Testing

**Problem:** `ALTER COLUMN` fails on SQLite.

**Solution:**
- Use Alembic batch mode
- Run migrations on PostgreSQL in CI

## Tools and Libraries
- SQLAlchemy 2.0 typed mappings
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
