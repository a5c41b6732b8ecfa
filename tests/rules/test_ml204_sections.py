"""ML204, ML205, ML207, ML211: the sections a file must have, once and not empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import CLEAN_SUMMARY, HANDOFF, SUMMARY, found, tree


def test_missing_sections_and_synonyms(repo: Path, cli: Any) -> None:
    tree(repo, summary="# Core Summary - 2025-03-04\n\n## Changes Implemented\n- x\n")
    run = cli("check", "--format", "json", "--select", "ML204")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (1, 1, f'summary has no "{name}" section; add "## {name}" with its facts as bullets')
        for name in ("Decisions", "Discoveries", "Current system state")
    ]
    tree(
        repo,
        summary=(
            "# Core Summary\n\nDate completed: 2025-03-04\n\n## 1. Changes Made\n- x\n\n"
            "## Key Decisions and Rationale\n- y: z\n\n## Findings\n- f\n\n## Current State\n- s\n"
        ),
    )
    assert found(cli) == []


def test_configured_synonyms(repo: Path, cli: Any) -> None:
    tree(repo, summary=CLEAN_SUMMARY.replace("## Changes", "## What shipped"))
    assert found(cli, "--select", "ML204") == [("ML204", SUMMARY, 1, 1)]
    (repo / "milestone-lint.toml").write_text(
        '[summary]\nsynonyms = { Changes = ["What shipped"] }\n'
    )
    assert found(cli, "--select", "ML204") == []


def test_empty_section(repo: Path, cli: Any) -> None:
    tree(
        repo,
        handoff=(
            "# Setup Handoff - 2025-03-01\n\n## Summary\n\n## Discoveries\n\n### Detail\n- d\n\n"
            "## Deviations\n<!-- nothing -->\n\n## References\n---\n"
        ),
    )
    assert found(cli) == [
        ("ML205", HANDOFF, 3, 1),
        ("ML205", HANDOFF, 10, 1),
        ("ML205", HANDOFF, 13, 1),
    ]


def test_duplicate_section(repo: Path, cli: Any) -> None:
    tree(repo, summary=CLEAN_SUMMARY + "\n## Changes Implemented\n- more\n")
    run = cli("check", "--format", "json")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            "ML207",
            16,
            1,
            'section "Changes" appears again (first at line 3); merge the two',
        )
    ]


def test_handoff_required_sections(repo: Path, cli: Any) -> None:
    tree(repo)
    assert found(cli, "--select", "ML211") == []
    (repo / "milestone-lint.toml").write_text(
        '[handoff]\nrequired-sections = ["Summary", "Work in Progress"]\n'
    )
    run = cli("check", "--format", "json", "--select", "ML211")
    assert [(d["path"], d["line"], d["message"]) for d in run.json()] == [
        (
            HANDOFF,
            1,
            'handoff has no "Work in Progress" section; add "## Work in Progress" with its'
            " facts as bullets",
        )
    ]


def test_a_heading_that_carries_its_value_is_not_empty(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n- Login works\n\n"
        "## HANDOFF_READY: coder\n\n## Status: done\n\n"
        "## Status:\n\n"  # line 10: a label without its value is still empty
        "## Step 2: Set up the whole database\n\n"  # line 12: a title, not a value
        "## Next\n- Refresh\n"
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML205") == [
        ("ML205", HANDOFF, 10, 1),
        ("ML205", HANDOFF, 12, 1),
    ]


def test_required_handoff_section_with_a_parenthesised_abbreviation(repo: Path, cli: Any) -> None:
    (repo / "milestone-lint.toml").write_text(
        '[handoff]\nrequired-sections = ["Priority Development Requirements", "Risks (open)"]\n'
    )
    text = (
        "# H - 2025-03-01\n\n## Summary\n- Login works\n\n"
        "## Priority Development Requirements (PDR)\n- Refresh tokens\n"
    )
    tree(repo, handoff=text)
    # The template's "(PDR)" heading satisfies the name without it; "Risks (open)" is
    # satisfied by neither heading, so its finding stays.
    run = cli("check", "--format", "json", "--select", "ML211")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            1,
            1,
            'handoff has no "Risks (open)" section; add "## Risks (open)" with its facts as'
            " bullets",
        ),
    ]
    (repo / HANDOFF).write_text(text + "\n## Risks\n- None known\n")
    assert found(cli, "--select", "ML211") == []
