"""ML309: relative links whose target does not exist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import write_tree
from tests.helpers import tree


def test_broken_links(repo: Path, cli: Any) -> None:
    tree(
        repo,
        handoff=(
            "# H - 2025-03-01\n\n## Summary\nSee [a](../2-old.md), [b](0-lessons-learned.md),"
            " [c](https://x.y/z), [d](#summary)\n\n- ![img](missing.png)\n"
            "- [moved](2-next.md#part)\n"
        ),
    )
    write_tree(repo, ["handoffs/2-auth/2-next.md", "handoffs/2-auth/0-milestone-summary.md"])
    run = cli("check", "--format", "json", "--select", "ML309")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            4,
            5,
            'link target "../2-old.md" does not exist; fix the path: links resolve from the'
            " file's own folder",
        ),
        (
            6,
            3,
            'image target "missing.png" does not exist; fix the path: links resolve from the'
            " file's own folder",
        ),
        (7, 3, 'link target "2-next.md" does not exist; did you mean ../2-auth/2-next.md?'),
    ]
