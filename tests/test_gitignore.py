"""respect-gitignore: in the working tree, what git ignores is not judged (SPEC §6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, commit_all, diagnostics, git, write_tree

IGNORED = {
    ".gitignore": "handoffs/9-scratch.md\nhandoffs/drafts/\n*.tmp.md\n",
    "handoffs/9-scratch.md": "# Scratch\n\n- a fact\n",  # a gap (ML105) if judged
    "handoffs/drafts/x.md": "# X\n\n- a fact\n",  # not a milestone name (ML107)
    "handoffs/1-core/notes.tmp.md": "# N\n\n- a fact\n",  # not a handoff name (ML101)
}
WHEN_JUDGED = [
    ("ML101", "handoffs/1-core/notes.tmp.md"),
    ("ML105", "handoffs/9-scratch.md"),
    ("ML107", "handoffs/drafts"),
]


@pytest.fixture
def ignoring(tracked: Path) -> Path:
    write_tree(tracked, IGNORED)
    return tracked


def test_ignored_files_and_folders_are_not_judged(ignoring: Path, cli: Any) -> None:
    run = cli("check", "--format", "json")
    assert (run.code, diagnostics(run)) == (0, [])
    # A path named on the command line inside an ignored folder is not judged either.
    assert diagnostics(cli("check", "--format", "json", "handoffs")) == []


def test_respect_gitignore_false_judges_them(ignoring: Path, cli: Any) -> None:
    (ignoring / "milestone-lint.toml").write_text("respect-gitignore = false\n")
    run = cli("check", "--format", "json")
    assert (run.code, diagnostics(run)) == (1, WHEN_JUDGED)


def test_a_tracked_file_is_judged_though_a_pattern_matches_it(ignoring: Path, cli: Any) -> None:
    git(ignoring, "add", "-f", "handoffs/9-scratch.md")
    run = cli("check", "--format", "json")
    assert (run.code, diagnostics(run)) == (1, [("ML105", "handoffs/9-scratch.md")])


def test_the_user_s_excludes_file_counts_and_git_is_asked_once(
    ignoring: Path, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (ignoring / ".gitignore").unlink()
    (ignoring / ".git/info/exclude").write_text("handoffs/9-scratch.md\nhandoffs/drafts/\n")
    excludes = tmp_path / "excludes"
    excludes.write_text("*.tmp.md\n")
    git(ignoring, "config", "core.excludesFile", str(excludes))
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    run = cli("check", "--format", "json")
    assert (run.code, diagnostics(run)) == (0, [])
    asked = [line for line in trace.read_text().splitlines() if "ls-files --others" in line]
    assert len(asked) == 1, asked


def test_staged_judges_the_index_where_nothing_is_ignored(ignoring: Path, cli: Any) -> None:
    git(ignoring, "add", "-A")  # .gitignore keeps the three out
    run = cli("check", "--staged", "--format", "json")
    assert (run.code, diagnostics(run)) == (0, [])
    git(ignoring, "add", "-f", "handoffs/drafts/x.md")
    run = cli("check", "--staged", "--format", "json")
    assert (run.code, diagnostics(run)) == (1, [("ML107", "handoffs/drafts")])


def test_outside_git_nothing_is_ignored(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    write_tree(plain, {**GOOD_TREE, **IGNORED})
    monkeypatch.chdir(plain)
    run = cli("check", "--format", "json")
    assert (run.code, diagnostics(run)) == (1, WHEN_JUDGED)


def test_a_committed_tree_cloned_ignores_the_same(
    ignoring: Path, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commit_all(ignoring, "gitignore")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(ignoring), str(clone))
    write_tree(clone, {k: v for k, v in IGNORED.items() if k != ".gitignore"})
    monkeypatch.chdir(clone)
    run = cli("check", "--format", "json")
    assert (run.code, diagnostics(run)) == (0, [])
