"""ML101, ML107, ML108: names of handoffs and milestone folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_tree
from tests.helpers import layout_config, lint, milestone

# These trees hold placeholder files; content rules have their own tests.
pytestmark = pytest.mark.usefixtures("layout_only")


def test_handoff_name(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-setup.md",
            "handoffs/2_auth.md",
            "handoffs/3-Setup Notes.md",
            "handoffs/notes.md",
            "handoffs/4-ok.markdown",
            *milestone("1-core", "1-fine.md", "2-Bad_Name.md"),
        ],
    )
    run = cli("check", "--format", "json")
    found = [(d["code"], d["path"], d["message"]) for d in run.json()]
    assert found == [
        ("ML101", "handoffs/1-core/2-Bad_Name.md", _msg("rename it to 2-bad-name.md")),
        ("ML101", "handoffs/2_auth.md", _msg("rename it to 2-auth.md")),
        ("ML101", "handoffs/3-Setup Notes.md", _msg("rename it to 3-setup-notes.md")),
        ("ML101", "handoffs/4-ok.markdown", _msg("rename it to 4-ok.md")),
        (
            "ML101",
            "handoffs/notes.md",
            _msg(
                "number it (<N>-<slug>.md) if it is a handoff, or give it a 0- prefix or move it"
                " into a 0- folder if it documents the system"
            ),
        ),
    ]


def _msg(hint: str) -> str:
    return f"handoff name is not <N>-<slug>.md; {hint}"


def test_milestone_name(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-AN-AW_Progression", "1-a.md"),
            *milestone("2-Foundation Systems", "2-b.md"),
            "handoffs/notes/todo.md",
            "handoffs/E1-identity/0-epic-summary.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML107",
            "handoffs/1-AN-AW_Progression",
            "milestone folder 1-AN-AW_Progression/ is not <N>-<slug> (lowercase words joined by"
            " hyphens); rename it to 1-an-aw-progression",
        ),
        (
            "ML107",
            "handoffs/2-Foundation Systems",
            "milestone folder 2-Foundation Systems/ is not <N>-<slug> (lowercase words joined by"
            " hyphens); rename it to 2-foundation-systems",
        ),
        (
            "ML107",
            "handoffs/E1-identity",
            "folder E1-identity/ looks like an epic but epics are off; set epics = true or rename"
            " it <N>-<slug>",
        ),
        (
            "ML107",
            "handoffs/notes",
            "folder notes/ is not a milestone (<N>-<slug>) nor a 0- system folder; number it, or"
            " prefix it with 0- if it holds system files",
        ),
    ]


def test_generic_milestone_names(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-misc", "1-a.md"),
            *milestone("2-final-changes", "2-b.md"),
            *milestone("3-milestone-3", "3-c.md"),
            *milestone("4-implementation-milestone", "4-d.md"),
        ],
    )
    assert lint(cli) == [
        ("ML108", "handoffs/1-misc"),
        ("ML108", "handoffs/2-final-changes"),
        ("ML108", "handoffs/3-milestone-3"),
    ]


def test_generic_names_are_configurable(repo: Path, cli: Any) -> None:
    write_tree(repo, [*milestone("1-misc", "1-a.md"), *milestone("2-polish", "2-b.md")])
    layout_config(repo, 'generic-names = ["polish"]')
    assert lint(cli) == [("ML108", "handoffs/2-polish")]


def _found(cli: Any) -> list[tuple[str, str, int, int, str]]:
    run = cli("check", "--format", "json")
    assert run.err == ""
    return [(d["code"], d["path"], d["line"], d["column"], d["message"]) for d in run.json()]


# A task board kept in the root (issue 25): three columns, then a real milestone lacking its
# lessons, and a pending handoff.
BOARD = [
    "handoffs/1-pending/4-search.md",
    "handoffs/2-in_progress/5-export.md",
    "handoffs/2-in_progress/6-import.md",
    "handoffs/3-done/3-login.md",
    "handoffs/1-auth/0-milestone-summary.md",
    "handoffs/1-auth/1-setup.md",
    "handoffs/2-next.md",
]


def test_numbered_state_folders_are_one_finding_for_the_root(repo: Path, cli: Any) -> None:
    # Was ML201, ML202 for each column, ML107 "rename it to 2-in-progress", and ML104 for two
    # milestones numbered 1 and two numbered 2.
    write_tree(repo, BOARD)
    assert _found(cli) == [
        (
            "ML107",
            "handoffs",
            1,
            1,
            "numbered folders 1-pending/, 2-in_progress/, 3-done/ are work states (a task"
            " board), not milestones: none holds a 0- file; add them to exclude or move them out"
            " of the root (a milestone named for a state needs its 0-milestone-summary.md)",
        ),
        # The root's true milestone is still judged.
        (
            "ML202",
            "handoffs/1-auth",
            1,
            1,
            "milestone 1-auth/ has no 0-lessons-learned.md; create it with the lessons"
            " (Problem/Solution) distilled from its handoffs",
        ),
    ]
    # Configured away as the message says: the board's folders excluded.
    layout_config(
        repo, 'exclude = ["handoffs/1-pending", "handoffs/2-in_progress", "handoffs/3-done"]'
    )
    assert lint(cli) == [("ML202", "handoffs/1-auth")]


def test_a_state_named_folder_with_system_files_is_a_milestone(repo: Path, cli: Any) -> None:
    # The true twin: a 0- file makes the folder a milestone, judged (and named) as one.
    write_tree(
        repo,
        [
            *milestone("1-auth", "1-setup.md"),
            "handoffs/2-in_progress/0-milestone-summary.md",
            "handoffs/2-in_progress/2-export.md",
            "handoffs/3-done/3-login.md",
        ],
    )
    assert _found(cli) == [
        (
            "ML107",
            "handoffs",
            1,
            1,
            "numbered folder 3-done/ is a work state, not a milestone: it holds no 0- file; add"
            " it to exclude or move it out of the root (a milestone named for a state needs its"
            " 0-milestone-summary.md)",
        ),
        (
            "ML107",
            "handoffs/2-in_progress",
            1,
            1,
            "milestone folder 2-in_progress/ is not <N>-<slug> (lowercase words joined by"
            " hyphens); rename it to 2-in-progress",
        ),
        (
            "ML202",
            "handoffs/2-in_progress",
            1,
            1,
            "milestone 2-in_progress/ has no 0-lessons-learned.md; create it with the lessons"
            " (Problem/Solution) distilled from its handoffs",
        ),
    ]


SESSION = """\
# First session - 2025-03-01

## Summary
Set up the repository.

## Discoveries
- The API needs a token

## Next steps
- Add login
"""


def test_a_root_0_file_that_reads_like_a_handoff_is_renamed(repo: Path, cli: Any) -> None:
    # Was silent: a 0- file in a root is a system entry, and this handoff was never judged.
    files = {
        "handoffs/001-setup.md": "# Setup\n",
        "handoffs/002-auth.md": "# Auth\n",
        "handoffs/0-first-session.md": SESSION,
        # Documented system entries with the same sections stay silent: a name that says it
        # documents the system, a system folder, a note with only some of the sections.
        "handoffs/0-README.md": SESSION,
        "handoffs/0-handoff-template.md": SESSION,
        "handoffs/0-instructions/0-first-session.md": SESSION,
        "handoffs/0-notes.md": "# Notes\n\n## Summary\n- x\n\n## Next steps\n- y\n",
        "handoffs/0-extract.sh": "#!/bin/sh\n",
    }
    write_tree(repo, files)
    assert _found(cli) == [
        (
            "ML101",
            "handoffs/0-first-session.md",
            1,
            1,
            "0-first-session.md reads like a handoff, but 0- files are system files, never"
            " judged; rename it to 003-first-session.md",
        )
    ]
    # The true twin: named as the message says, it is handoff 3, padded as its siblings (no
    # ML103, ML104 or ML105).
    (repo / "handoffs/0-first-session.md").rename(repo / "handoffs/003-first-session.md")
    assert lint(cli) == []
