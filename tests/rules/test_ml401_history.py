"""ML401: a commit that edits an archived handoff (staged mode only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import git, staged, write_tree


def test_archived_handoff_edited(tracked: Path, cli: Any) -> None:
    (tracked / "handoffs/1-core/1-setup.md").write_text("# Setup Handoff - 2025-03-01\n\n- typo\n")
    git(tracked, "add", "-A")
    run = cli("check", "--staged", "--format", "json", "--select", "ML401")
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML401",
            "handoffs/1-core/1-setup.md",
            "1-setup.md is archived in 1-core/ and this commit changes it; record new facts in"
            " a new handoff (or the milestone's 0- files)",
        )
    ]
    assert cli("check", "--select", "ML401").code == 0


def test_moving_a_handoff_into_a_milestone_is_not_an_edit(tracked: Path, cli: Any) -> None:
    write_tree(tracked, {"handoffs/2-api/0-milestone-summary.md": "# x\n"})
    git(tracked, "mv", "handoffs/2-auth.md", "handoffs/1-core/2-auth.md")
    assert staged(cli, "--select", "ML401") == []
