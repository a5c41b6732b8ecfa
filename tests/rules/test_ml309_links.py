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


def test_gfm_footnotes_are_not_links(repo: Path, cli: Any) -> None:
    # Footnote definitions that read like a link definition ("[^1]: ./x.md") and the marks
    # that mistune resolves through them; a real link beside or inside them is still judged.
    text = (
        "# Setup - 2025-03-01\n\n## Summary\n"
        "Uses SQLite[^1] and WAL[^note], [^1][] and [see][^note], then [gone](gone.md).\n\n"
        "- A bullet[^1] with [a broken one](nope.md)\n\n"
        "| fact | source |\n|---|---|\n| WAL | [^note] [t](t.md) |\n\n"
        "[^1]: ./version-3.45.md\n"
        '[^note]: docs/wal.md "the docs"\n'
        "[^2]: See [the guide](guide.md).\n"
    )
    write_tree(repo, {"handoffs/1-setup.md": text})
    run = cli("check", "--format", "json", "--select", "ML309,ML306")
    assert [(d["line"], d["column"], d["message"].split(";")[0]) for d in run.json()] == [
        (4, 63, 'link target "gone.md" does not exist'),
        (6, 21, 'link target "nope.md" does not exist'),
        (10, 17, 'link target "t.md" does not exist'),
        (14, 11, 'link target "guide.md" does not exist'),
    ]
