"""ML001: files that cannot be judged are reported, and the run goes on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import found, tree


def test_unreadable_files_are_reported_and_the_run_goes_on(repo: Path, cli: Any) -> None:
    tree(repo)
    (repo / "handoffs/2-latin.md").write_bytes("# T\n\ncaf\xe9\n".encode("latin-1"))
    (repo / "handoffs/3-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (repo / "handoffs/4-utf16.md").write_bytes("# T\n".encode("utf-16"))
    (repo / "handoffs/5-long.md").write_text("# T - 2025-01-01\n\n- " + "w " * 30 + "\n")
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            "ML001",
            "handoffs/2-latin.md",
            3,
            4,
            "file is not valid UTF-8 (byte 0xe9); re-save it as UTF-8",
        ),
        (
            "ML001",
            "handoffs/3-binary.md",
            3,
            1,
            "file is binary (NUL byte), not markdown text; remove it or rename it without .md",
        ),
        ("ML001", "handoffs/4-utf16.md", 1, 1, "file is UTF-16, not UTF-8; re-save it as UTF-8"),
        (
            "ML301",
            "handoffs/5-long.md",
            3,
            1,
            "bullet has 30 words (limit 25); keep one fact per bullet and split or cut the rest",
        ),
    ]


def test_empty_and_odd_files_are_judged(repo: Path, cli: Any) -> None:
    tree(repo)
    (repo / "handoffs/2-empty.md").write_text("")
    (repo / "handoffs/3-fence.md").write_text("# T\n\n```\nunterminated - [DATE]\n")
    (repo / "handoffs/4-crlf.md").write_bytes(b"\xef\xbb\xbf# T\r\n\r\n## Empty\r\n")
    # The title holds a sub-section (an empty one): only the sub-section is empty. The fence
    # is never closed (ML310), and what it swallows is not judged.
    assert found(cli) == [
        ("ML310", "handoffs/3-fence.md", 3, 1),
        ("ML205", "handoffs/4-crlf.md", 3, 1),
    ]
