"""The convention's names, said once: what init, new handoff, new milestone and --fix write
agrees with what the rules and the drafter read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from milestone_lint.convention.vocabulary import (
    HANDOFF_TEMPLATE_SECTIONS,
    SECTION_OF_KIND,
    SUMMARY_SECTIONS,
)
from milestone_lint.templates import render
from milestone_lint.write.draft import section_kind
from tests.conftest import commit_all, write_tree


def test_init_writes_the_summary_sections_the_rules_require(repo: Path, cli: Any) -> None:
    assert cli("init").code == 0
    config = (repo / "milestone-lint.toml").read_text()
    assert (
        'required-sections = ["Date completed", "Changes", "Decisions", "Discoveries",'
        ' "Current system state"]\n'
    ) in config
    assert cli("check").code == 0


def test_the_summary_template_writes_the_sections_in_their_order() -> None:
    fields = {kind: f"- {kind}" for kind in SECTION_OF_KIND}
    text = render("milestone-summary.md", title="T", date="2025-03-01", **fields)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["Changes", "Decisions", "Discoveries", "Current system state"]
    assert headings == [name for name in SUMMARY_SECTIONS if name != "Date completed"]
    assert headings == list(SECTION_OF_KIND.values())


def test_every_section_new_handoff_writes_has_a_place_in_the_draft() -> None:
    assert {name: section_kind(name) for name in HANDOFF_TEMPLATE_SECTIONS} == {
        "Summary": "changes",
        "Priority Development Requirements (PDR)": "skip",
        "Discoveries": "discoveries",
        "Problems & Solutions": "lessons",
        "Work in Progress": "state",
        "Deviations": "decisions",
        "References": "skip",
    }


SILENT_TODOS = [
    "## Changes",
    "- TODO: list what changed",
    "## Decisions",
    "- TODO: add the decisions, each with its reason",
    "## Discoveries",
    "- TODO: add the discoveries, or drop the section",
    "## Current system state",
    "- TODO: say what works now and what is in progress",
]
LESSON_TODOS = (
    "## TODO: lessons\n\n**Problem:** TODO: a problem met in this milestone.\n\n"
    "**Solution:** TODO: what solved it.\n"
)


def _body(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines()[1:] if line.strip()]


def test_the_drafter_and_fix_leave_the_same_todos(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        {
            "handoffs/1-old/1-a.md": "# A - 2025-01-01\n\n## Notes\n- x\n",
            "handoffs/2-b.md": "# B - 2025-03-01\n\n## Notes\n- y\n",
        },
    )
    commit_all(repo)
    fixed = cli("check", "--fix", "--select", "ML201,ML202")
    assert fixed.code == 0, fixed.err
    assert cli("new", "milestone", "beta").code == 0
    # The drafter also names the handoff its current state would come from.
    named = "- TODO: say what works now and what is in progress"
    drafted = [
        f"{line} (2-b.md, the newest handoff, says nothing of it)" if line == named else line
        for line in SILENT_TODOS
    ]
    for folder, expected in (("handoffs/1-old", SILENT_TODOS), ("handoffs/2-beta", drafted)):
        assert _body(repo / folder / "0-milestone-summary.md") == expected
        lessons = (repo / folder / "0-lessons-learned.md").read_text()
        assert lessons.split("\n", 2)[2] == LESSON_TODOS + "\n"
    check = cli("check", "--format", "json", "--select", "ML306")
    todos = [(d["path"], d["line"], d["column"]) for d in check.json()]
    assert todos == [
        (f"handoffs/{folder}/{name}", line, column)
        for folder in ("1-old", "2-beta")
        for name, line, column in [
            ("0-lessons-learned.md", 3, 4),
            ("0-lessons-learned.md", 5, 14),
            ("0-lessons-learned.md", 7, 15),
            ("0-milestone-summary.md", 4, 3),
            ("0-milestone-summary.md", 7, 3),
            ("0-milestone-summary.md", 10, 3),
            ("0-milestone-summary.md", 13, 3),
        ]
    ]
