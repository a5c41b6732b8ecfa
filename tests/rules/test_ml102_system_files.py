"""ML102, ML109, ML201–ML203: what a milestone (or epic) folder must and may hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_tree
from tests.helpers import layout_config, lint, milestone

# These trees hold placeholder files; content rules have their own tests.
pytestmark = pytest.mark.usefixtures("layout_only")


def test_unknown_system_file_suggests_the_closest_name(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-core/0-milestone-sumary.md",
            "handoffs/1-core/0-lessons-learned.md",
            "handoffs/1-core/0-notes.md",
            "handoffs/1-core/1-setup.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        ("ML201", "handoffs/1-core", _missing("1-core", "0-milestone-summary.md", False)),
        (
            "ML102",
            "handoffs/1-core/0-milestone-sumary.md",
            "0-milestone-sumary.md is not a known system file; did you mean"
            " 0-milestone-summary.md?",
        ),
        (
            "ML102",
            "handoffs/1-core/0-notes.md",
            "0-notes.md is not a known system file; system files are 0-milestone-summary.md,"
            " 0-lessons-learned.md; if this is a handoff, number it without the 0- prefix",
        ),
    ]


def _missing(folder: str, name: str, lessons: bool) -> str:
    tail = (
        " with the lessons (Problem/Solution) distilled from its handoffs"
        if lessons
        else " with the completion date, changes, decisions and discoveries"
    )
    return f"milestone {folder}/ has no {name}; create it{tail}"


def test_unexpected_entries(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        {
            "handoffs/1-core/0-milestone-summary.md": "# S\n\n![flow](auth%20flow.png)\n",
            "handoffs/1-core/0-lessons-learned.md": "# L\n\n[ref]: ./schema.svg\n",
            "handoffs/1-core/1-a.md": '# A\n\n<img src="chart.jpg">\n',
            "handoffs/1-core/auth flow.png": "x",
            "handoffs/1-core/schema.svg": "x",
            "handoffs/1-core/chart.jpg": "x",
            "handoffs/1-core/debug.log": "x",
            "handoffs/1-core/old/1-a.md": "x",
            "handoffs/1-core/.DS_Store": "x",
        },
    )
    assert lint(cli) == [("ML109", "handoffs/1-core/debug.log"), ("ML109", "handoffs/1-core/old")]


def test_missing_system_files_and_empty_milestone(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-core/0-milestone-summary.md",
            "handoffs/1-core/1-a.md",
            "handoffs/2-auth/0-lessons-learned.md",
            "handoffs/2-auth/2-b.md",
            "handoffs/3-search/0-milestone-summary.md",
            "handoffs/3-search/0-lessons-learned.md",
            "handoffs/4-empty/",
        ],
    )
    assert lint(cli) == [
        ("ML202", "handoffs/1-core"),
        ("ML201", "handoffs/2-auth"),
        ("ML203", "handoffs/3-search"),
        ("ML201", "handoffs/4-empty"),
        ("ML202", "handoffs/4-empty"),
        ("ML203", "handoffs/4-empty"),
    ]


def test_system_files_are_configurable(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-core/0-milestone-summary.md",
            "handoffs/1-core/0-milestone-lessons-learned.md",
            "handoffs/1-core/1-a.md",
        ],
    )
    layout_config(
        repo, 'system-files = ["0-milestone-summary.md", "0-milestone-lessons-learned.md"]'
    )
    assert lint(cli) == []


EPIC_TREE = [
    "handoffs/E1-identity/0-epic-summary.md",
    "handoffs/E1-identity/0-epic-lessons-learned.md",
    *[p.replace("handoffs/", "handoffs/E1-identity/") for p in milestone("1-auth", "1-a.md")],
    *[p.replace("handoffs/", "handoffs/E1-identity/") for p in milestone("2-roles", "2-b.md")],
    *milestone("3-audit", "3-c.md"),
    "handoffs/4-next.md",
]


def test_epics_pass_when_enabled(repo: Path, cli: Any) -> None:
    write_tree(repo, EPIC_TREE)
    layout_config(repo, "epics = true")
    assert lint(cli) == []


def test_epic_problems(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *EPIC_TREE,
            "handoffs/E2-billing/0-epic-sumary.md",
            "handoffs/E2-billing/notes.txt",
            "handoffs/E4-Big Thing/0-epic-summary.md",
        ],
    )
    layout_config(repo, "epics = true")
    assert lint(cli) == [
        ("ML201", "handoffs/E2-billing"),
        ("ML202", "handoffs/E2-billing"),
        ("ML203", "handoffs/E2-billing"),
        ("ML102", "handoffs/E2-billing/0-epic-sumary.md"),
        ("ML109", "handoffs/E2-billing/notes.txt"),
        ("ML105", "handoffs/E4-Big Thing"),
        ("ML107", "handoffs/E4-Big Thing"),
        ("ML202", "handoffs/E4-Big Thing"),
        ("ML203", "handoffs/E4-Big Thing"),
    ]


def test_dot_entries_and_system_folders_are_never_judged(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            "handoffs/1-a.md",
            "handoffs/0-instructions/Whatever Name.md",
            "handoffs/0-instructions/7-x.md",
            "handoffs/0-system/scripts/README.md",
            "handoffs/0-system/chat-history/2025-03-20-x_clean.md",
            "handoffs/0-notes.md",
            "handoffs/.github/x.md",
            "handoffs/.clinerules-handoff-manager",
            "handoffs/README.md",
            "handoffs/diagram.png",
        ],
    )
    assert lint(cli) == []
