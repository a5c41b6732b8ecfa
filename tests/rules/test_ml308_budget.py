"""ML308: the context budget of a root's 0- files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import CLEAN_LESSONS, CLEAN_SUMMARY, found, tree


def test_context_budget(repo: Path, cli: Any) -> None:
    tree(repo)
    assert found(cli, "--extend-select", "ML308") == []
    (repo / "milestone-lint.toml").write_text("[limits]\ncontext-tokens = 50\n")
    run = cli("check", "--format", "json", "--extend-select", "ML308")
    summary, lessons = -(-len(CLEAN_SUMMARY) // 4), -(-len(CLEAN_LESSONS) // 4)
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML308",
            "handoffs",
            f"the milestones' 0- files hold about {summary + lessons} tokens (limit 50); distil"
            f" the largest (1-core/0-milestone-summary.md, {summary} tokens) or group old"
            " milestones into an epic",
        )
    ]
