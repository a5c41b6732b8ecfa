"""ML103–ML106: padding, duplicates, gaps and the numbering style of a root."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_tree
from tests.helpers import layout_config, lint, milestone

# These trees hold placeholder files; content rules have their own tests.
pytestmark = pytest.mark.usefixtures("layout_only")


PER_DIRECTORY_TREE = [
    *milestone("1-core-entities", "1-api-setup.md", "2-core-entities.md"),
    *milestone("2-auth", "1-login.md", "2-tokens.md", "3-refresh.md"),
    "handoffs/1-relationship-fixes.md",
    "handoffs/2-search.md",
    "handoffs/0-instructions/0-intro.md",
    "handoffs/0-instructions/prompts/CH-create-handoff.md",
    "handoffs/0-system/chat-history/2025-03-20-notes.md",
    "handoffs/README.md",
    "handoffs/.clinerules",
    "handoffs/.vscode/settings.json",
]


GLOBAL_TREE = [
    *milestone("1-core-entities", "1-api-setup.md", "2-core-entities.md"),
    *milestone("2-auth", "3-login.md", "4-tokens.md"),
    "handoffs/5-relationship-fixes.md",
    "handoffs/6-search.md",
    "handoffs/0-system/instructions/1-handoff-instructions.md",
]


@pytest.mark.parametrize("mode", ["auto", "per-directory"])
def test_per_directory_tree_is_clean(repo: Path, cli: Any, mode: str) -> None:
    write_tree(repo, PER_DIRECTORY_TREE)
    assert lint(cli, "--config", str(layout_config(repo, f'numbering = "{mode}"'))) == []


@pytest.mark.parametrize("mode", ["auto", "global"])
def test_global_tree_is_clean(repo: Path, cli: Any, mode: str) -> None:
    write_tree(repo, GLOBAL_TREE)
    assert lint(cli, "--config", str(layout_config(repo, f'numbering = "{mode}"'))) == []


def test_global_tree_under_per_directory_reports_gaps(repo: Path, cli: Any) -> None:
    write_tree(repo, GLOBAL_TREE)
    layout_config(repo, 'numbering = "per-directory"')
    assert lint(cli) == [
        ("ML105", "handoffs/2-auth/3-login.md"),
        ("ML105", "handoffs/5-relationship-fixes.md"),
    ]


def test_per_directory_tree_under_global_reports_order_once_per_folder(
    repo: Path, cli: Any
) -> None:
    write_tree(repo, PER_DIRECTORY_TREE)
    layout_config(repo, 'numbering = "global"')
    assert lint(cli) == [
        ("ML106", "handoffs/1-relationship-fixes.md"),
        ("ML106", "handoffs/2-auth/1-login.md"),
    ]


def test_auto_reports_the_folder_that_breaks_the_majority_style(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-setup.md", "2-api.md"),
            *milestone("2-auth", "3-login.md"),
            *milestone("3-search", "4-index.md"),
            "handoffs/1-refactor.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["line"], d["column"]) for d in run.json()] == [
        ("ML106", "handoffs/1-refactor.md", 1, 1)
    ]
    assert "continue from 5" in run.json()[0]["message"]


def test_auto_per_directory_majority_reports_a_continuing_folder(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-setup.md", "2-api.md"),
            *milestone("2-auth", "1-login.md"),
            *milestone("3-search", "2-index.md"),
            "handoffs/1-refactor.md",
        ],
    )
    assert lint(cli) == [("ML106", "handoffs/3-search/2-index.md")]


def test_padding_reports_the_minority(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "001-state.md", "002-api.md"),
            "handoffs/003-auth.md",
            "handoffs/4-search.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML103",
            "handoffs/4-search.md",
            "handoff number 4 should be written with 3 digits (004) like the other handoffs here",
        )
    ]


def test_padding_minority_padded(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md", "handoffs/2-b.md", "handoffs/03-c.md"])
    assert lint(cli) == [("ML103", "handoffs/03-c.md")]


def test_padding_is_fine_for_numbers_wider_than_the_padding(repo: Path, cli: Any) -> None:
    names = [f"handoffs/{n:02d}-note.md" for n in range(1, 13)] + ["handoffs/100-x.md"]
    write_tree(repo, names)
    # 100 is wide enough on its own; the gap 13–99 is real.
    assert lint(cli) == [("ML105", "handoffs/100-x.md")]


def test_number_width_is_enforced(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/001-a.md", "handoffs/2-b.md", "handoffs/0003-c.md"])
    layout_config(repo, "number-width = 3")
    assert lint(cli) == [("ML103", "handoffs/0003-c.md"), ("ML103", "handoffs/2-b.md")]


def test_milestone_padding_is_judged_apart_from_handoffs(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("01-core", "001-a.md"),
            *milestone("2-auth", "002-b.md"),
            *milestone("03-search", "003-c.md"),
        ],
    )
    assert lint(cli) == [("ML103", "handoffs/2-auth")]


def test_duplicate_numbers(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-a.md"),
            *milestone("2-auth", "2-b.md"),
            *milestone("2-search", "3-c.md"),
            "handoffs/4-chat-transcript.md",
            "handoffs/4-workflow.md",
            "handoffs/5-x.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML104",
            "handoffs/2-search",
            "milestone number 2 is also used by 2-auth; give each its own number",
        ),
        (
            "ML104",
            "handoffs/4-workflow.md",
            "handoff number 4 is also used by 4-chat-transcript.md; give each its own number",
        ),
    ]


def test_padded_and_unpadded_same_value_is_a_duplicate(repo: Path, cli: Any) -> None:
    write_tree(repo, ["handoffs/001-state.md", "handoffs/002-api.md", "handoffs/1-stray.md"])
    assert lint(cli) == [("ML103", "handoffs/1-stray.md"), ("ML104", "handoffs/1-stray.md")]


def test_gaps(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        [
            *milestone("1-core", "1-a.md"),
            *milestone("3-auth", "2-b.md"),
            "handoffs/3-c.md",
            "handoffs/6-f.md",
        ],
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML105",
            "handoffs/3-auth",
            "milestone numbering skips 2: renumber, or restore the missing milestone",
        ),
        (
            "ML105",
            "handoffs/6-f.md",
            "handoff numbering skips 4–5: renumber, or restore the missing handoffs",
        ),
    ]


def test_per_directory_gap_names_the_folder(repo: Path, cli: Any) -> None:
    write_tree(repo, [*milestone("1-core", "1-a.md", "3-c.md")])
    layout_config(repo, 'numbering = "per-directory"')
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML105",
            "handoffs/1-core/3-c.md",
            "handoff numbering skips 2 in 1-core/: renumber, or restore the missing handoff",
        )
    ]


# --- issue 25: handoffs numbered from zero are handoffs, not system files ----------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # A tree made only of zero-padded handoffs was "All checks passed": 000 is handoff 0.
        (["000-setup.md", "001-auth.md", "002-api.md"], [("ML105", "handoffs/000-setup.md")]),
        (["00-notes.md", "01-auth.md"], [("ML105", "handoffs/00-notes.md")]),
        # A plain 0- file, or one narrower than the handoffs, stays a system file.
        (["0-notes.md", "001-auth.md", "002-api.md"], []),
        (["0-instructions.md", "1-auth.md", "2-api.md"], []),
    ],
)
def test_zero_numbered_handoffs(
    repo: Path, cli: Any, names: list[str], expected: list[tuple[str, str]]
) -> None:
    write_tree(repo, [f"handoffs/{name}" for name in names])
    assert lint(cli) == expected
    run = cli("check", "--format", "json")
    assert [d["message"] for d in run.json()] == [
        "handoff numbering starts at 1, not 0: renumber from 1 (0- names are for system files)"
    ] * len(expected)
