"""Glob matching and safe display of file names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from milestone_lint.paths import display, glob_match


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("handoffs/0-*/**", "handoffs/0-system/scripts/a.md", True),
        ("handoffs/0-*/**", "handoffs/1-core/a.md", False),
        ("handoffs/1-legacy/**", "handoffs/1-legacy/2-x.md", True),
        ("*.log", "handoffs/1-core/debug.log", True),
        ("handoffs/*.md", "handoffs/1-core/a.md", False),
        ("handoffs/*.md", "handoffs/a.md", True),
        ("handoffs/1-core", "handoffs/1-core/a.md", True),
        ("**/2_*.md", "handoffs/2_auth.md", True),
        ("handoffs/[12]-*.md", "handoffs/2-a.md", True),
        ("handoffs/[!12]-*.md", "handoffs/2-a.md", False),
        ("handoffs/?-a.md", "handoffs/12-a.md", False),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


@given(st.text())
def test_display_is_always_printable(name: str) -> None:
    shown = display(name)
    assert shown.isprintable()


@given(st.text(), st.text())
def test_distinct_names_stay_distinct(a: str, b: str) -> None:
    if a != b:
        assert display(a) != display(b)


def test_display_examples() -> None:
    assert display("1-a.md") == "1-a.md"
    assert display("2-\x1b[31m.md") == "2-\\x1b[31m.md"
    assert display("caf\udce9") == "caf\\xe9"
    assert display("a\u202eb") == "a\\u202eb"
    # A C1 control and an undecodable byte of the same value must not look alike.
    assert display("\x85") == "\\u0085"
    assert display("\udc85") == "\\x85"
