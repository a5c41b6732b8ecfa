"""Globs: gitignore's meaning, matched in time linear in the path whatever a committed
configuration holds, and every malformed glob named at load time."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milestone_lint.globs import GlobError, compile_glob, glob_match
from tests.conftest import commit_all, git, write_tree


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
        # As git reads them: stars that are not a whole segment never cross "/".
        ("handoffs/**.md", "handoffs/1-core/a.md", False),
        ("handoffs/**.md", "handoffs/a.md", True),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b", True),
        ("a/**/**/b", "a/x/b", True),
        ("[!]x]", "y", True),
        ("[!]x]", "]", False),
        ("[]a]", "]", True),
        ("[a&&b]", "&", True),
        ("[a-c]x", "bx", True),
        ("*a*a*a*b", "aaaab", True),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


# --- a reference: the meaning written as plain recursion, for small inputs ----------------------


def _reference_segment(pattern: str, name: str) -> bool:
    @functools.cache
    def go(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(name)
        if pattern[i] == "*":
            return go(i + 1, j) or (j < len(name) and go(i, j + 1))
        if j == len(name):
            return False
        return (pattern[i] == "?" or pattern[i] == name[j]) and go(i + 1, j + 1)

    return go(0, 0)


def reference(pattern: str, path: str) -> bool:
    """Path or a parent folder matches; ``**`` whole segments match any number of segments."""
    text = pattern.strip("/")
    parts = text.split("/")
    if "/" not in text:
        parts = ["**", *parts]
    if parts[-1] == "**":
        parts.append("*")
    parts.append("**")  # or a parent folder
    segments = path.split("/")

    @functools.cache
    def go(i: int, j: int) -> bool:
        if i == len(parts):
            return j == len(segments)
        if parts[i] == "**":
            return go(i + 1, j) or (j < len(segments) and go(i, j + 1))
        return j < len(segments) and _reference_segment(parts[i], segments[j]) and go(i + 1, j + 1)

    return go(0, 0)


segment = st.text(alphabet="ab*?", min_size=1, max_size=5)
patterns = st.lists(st.one_of(segment, st.just("**")), min_size=1, max_size=4).map("/".join)
paths = st.lists(st.text(alphabet="ab", min_size=1, max_size=5), min_size=1, max_size=5).map(
    "/".join
)


@settings(max_examples=500, deadline=None)
@given(patterns, paths)
def test_globs_mean_what_the_reference_says(pattern: str, path: str) -> None:
    assert glob_match(pattern, path) is reference(pattern, path)


# --- hostile globs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "******************Z",
        "**/" * 40 + "Z",
        "*a" * 30 + "Z",
        "a*" * 30 + "*/Z",
        "[ab]*" * 40 + "Z",
    ],
)
def test_no_glob_backtracks(pattern: str) -> None:
    """Each of these took seconds to hours as a regex; the target is ~1 ms a path."""
    glob = compile_glob(pattern)
    path = "/".join(["a" * 60] * 30)
    started = time.perf_counter()
    for _ in range(10):
        assert not glob.covers(path)
    assert time.perf_counter() - started < 1.0  # 10x a generous target


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("[z-a]", 'the range "z-a" is reversed; write "a-z"'),
        ("[a--b]", 'the range "a--" is reversed; write "--a"'),
        ("[^]", 'an unclosed "["; close it, or write "[[]" for a literal bracket'),
        ("[[:alpha:]]", "POSIX classes like [:alpha:] are not supported; list the characters"),
        ("handoffs/[draft", 'an unclosed "["; close it, or write "[[]" for a literal bracket'),
        (" ", "an empty pattern matches nothing; remove it"),
    ],
)
def test_malformed_globs_say_why(pattern: str, problem: str) -> None:
    with pytest.raises(GlobError) as raised:
        compile_glob(pattern)
    assert str(raised.value) == problem


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("[z-a]", 'the range "z-a" is reversed; write "a-z"'),
        ("[^]", 'an unclosed "["; close it, or write "[[]" for a literal bracket'),
        ("[[:alpha:]]", "POSIX classes like [:alpha:] are not supported; list the characters"),
    ],
)
def test_a_malformed_glob_is_a_config_error_naming_it(
    repo: Path, cli: Any, pattern: str, problem: str
) -> None:
    config = f'exclude = ["{pattern}"]\n'
    write_tree(repo, {"handoffs/1-setup.md": None, "milestone-lint.toml": config})
    run = cli("check")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f'milestone-lint: error: milestone-lint.toml: "exclude": the glob "{pattern}" is'
        f" malformed: {problem}\n"
    )


def test_a_committed_hostile_exclude_costs_the_hook_nothing(repo: Path, cli: Any) -> None:
    deep = "/".join(["handoffs/0-scripts"] + ["aaaaaaaaaaaaaaaaaaaaa"] * 6)
    write_tree(
        repo,
        {
            "milestone-lint.toml": 'exclude = ["******************Z", "' + "*a" * 30 + 'Z"]\n',
            "handoffs/1-setup.md": "# Setup - 2025-03-01\n\n## Summary\n- a fact\n",
            f"{deep}/notes.txt": "x\n",
        },
    )
    commit_all(repo, "initial")
    write_tree(repo, {"handoffs/2-auth.md": "# Auth - 2025-03-02\n\n## Summary\n- a fact\n"})
    git(repo, "add", "-A")
    started = time.perf_counter()
    run = cli("check", "--staged", "--hook", "--format", "json")
    assert time.perf_counter() - started < 10  # the hook's target is 1 s
    assert (run.code, run.json(), run.err) == (0, [], "")
