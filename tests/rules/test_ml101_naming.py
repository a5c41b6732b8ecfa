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
