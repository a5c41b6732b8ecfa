"""Suppression comments: ranges, lines, files, by code and by prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import HANDOFF, found, tree


def test_suppression_comments(repo: Path, cli: Any) -> None:
    long = " ".join(["w"] * 30)
    handoff = f"""\
# H - 2025-03-01

## Summary
- {long}
<!-- milestone-lint-disable ML301 -->
- {long} basically
<!-- milestone-lint-enable ML301 -->
- {long}
<!-- milestone-lint-disable-next-line -->
- {long} basically
- {long} <!-- milestone-lint-disable-line ML301 -->
"""
    tree(repo, handoff=handoff)
    assert found(cli) == [
        ("ML301", HANDOFF, 4, 1),
        ("ML305", HANDOFF, 6, 63),
        ("ML301", HANDOFF, 8, 1),
    ]
    tree(repo, handoff="<!-- milestone-lint-disable-file ML3 -->\n" + handoff)
    assert found(cli) == []
    tree(repo, handoff="<!-- milestone-lint-disable-file -->\n# H - 3/11/2025\n\n## Empty\n")
    assert found(cli) == []


def test_suppression_ranges_follow_codes_and_prefixes() -> None:
    from milestone_lint.check.suppressions import Suppressions
    from milestone_lint.markdown.model import Comment

    said = [
        (2, "disable ML3"),
        (5, "enable ML305"),
        (8, "disable"),
        (10, "enable ML301"),
        (10, "disable-next-line ML101"),
    ]
    rules = Suppressions(
        Comment(f"<!-- milestone-lint-{text} -->", line, 1, line) for line, text in said
    )
    judged = {
        (code, line): rules.suppressed(code, line)
        for code in ("ML301", "ML305", "ML101")
        for line in (1, 3, 6, 9, 11)
    }
    off = {key for key, value in judged.items() if value}
    assert off == {
        ("ML301", 3),
        ("ML305", 3),
        ("ML301", 6),
        ("ML301", 9),
        ("ML305", 9),
        ("ML101", 9),
        ("ML305", 11),
        ("ML101", 11),
    }
