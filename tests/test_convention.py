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
