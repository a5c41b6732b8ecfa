"""Content rules together: a clean tree, the convention's own examples, messages kept short."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import SUMMARY, found, tree


def test_clean_tree_is_clean(repo: Path, cli: Any) -> None:
    tree(repo)
    assert found(cli) == []


SPEC_LESSONS = """\
## Config Library Migration

**Problem:** `Cannot import Settings from library`

**Solution:**
- Update dependency version
- Use new config pattern
- Update initialization with correct prefix

## Null Value Handling

**Problem:** `Invalid value in transformation`

**Solution:**
- Create sanitization function
- Replace invalid values with null
- Apply to all values before serialization
"""


SPEC_SUMMARY = """\
## Changes
- Data connector with batch processing
- Optimized query approach (30x faster)
- Cross-platform path handling

## Decisions
- Validation library update: 40% faster
- Nested env vars for configuration
- Default fallback for missing references

## Discoveries
- Duplicate entities: Item A has IDs 64, 125
- Relationship gaps: 246/252 entities connected
- Missing refs: IDs 53, 54 not in dataset
"""


def test_the_conventions_own_examples_lint_clean_when_complete(repo: Path, cli: Any) -> None:
    summary = (
        "# Data Milestone Summary - 2025-03-04\n\n"
        + SPEC_SUMMARY
        + "\n## Current system state\n- Import runs nightly\n"
    )
    tree(repo, summary=summary, lessons="# Lessons Learned - Data\n\n" + SPEC_LESSONS)
    # ML311 aside: the SPEC's examples distil handoffs it does not show.
    assert found(cli, "--ignore", "ML311") == []
    # As the template ships it, only the parts it leaves to the writer are reported.
    tree(repo, summary=SPEC_SUMMARY, lessons=SPEC_LESSONS)
    assert found(cli, "--ignore", "ML311") == [
        ("ML204", SUMMARY, 1, 1),
        ("ML206", SUMMARY, 1, 1),
    ]


def test_text_quoted_in_a_message_is_cut_short(repo: Path, cli: Any) -> None:
    # A finding is one line: a 300-character heading or link target is quoted in 80.
    heading = "Notes " * 50
    target = "missing/" + "x" * 300 + ".md"
    tree(
        repo,
        handoff=f"# Setup Handoff - 2025-03-01\n\n## Summary\nSee [it]({target}).\n\n"
        f"## {heading.strip()}\n",
    )
    run = cli("check", "--format", "json")
    shown = {(d["code"], d["message"]) for d in run.json()}
    assert (
        "ML205",
        f'section "{heading[:79]}…" is empty; write its facts or remove the heading',
    ) in shown
    assert (
        "ML309",
        f'link target "{target[:79]}…" does not exist;'
        " fix the path: links resolve from the file's own folder",
    ) in shown
