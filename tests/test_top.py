"""The one finder of the repository's top, in real repositories and a linked worktree."""

from __future__ import annotations

from pathlib import Path

import pytest

from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.top import ask_top, find_top, toplevel
from tests.conftest import git


@pytest.fixture
def linked(repo: Path, tmp_path: Path) -> Path:
    """A linked worktree of ``repo`` (its ``.git`` is a file), with a sub-folder."""
    git(repo, "commit", "-q", "--allow-empty", "-m", "first")
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", str(linked))
    (linked / "notes" / "deep").mkdir(parents=True)
    return linked


def test_the_walk_and_git_find_the_same_top(linked: Path, repo: Path) -> None:
    deep = linked / "notes" / "deep"
    assert find_top(deep) == linked
    assert find_top(deep, climb=False) is None
    assert find_top(linked, climb=False) == linked
    state = repo / ".git" / "worktrees" / "linked"
    assert ask_top(deep, ("milestone-lint", "index")) == (
        linked,
        [state / "milestone-lint", state / "index"],
    )
    assert toplevel(deep) == linked


def test_outside_a_repository(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    assert find_top(outside) is None
    assert ask_top(outside) is None
    with pytest.raises(MilestoneLintError) as raised:
        toplevel(outside)
    assert str(raised.value) == (
        f"{outside}: not inside a git repository; --staged reads the git index, so run it in one"
    )


def test_a_bare_repository_is_not_a_work_tree(tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    with pytest.raises(MilestoneLintError) as raised:
        toplevel(bare)
    assert str(raised.value) == (
        f"{bare}: not in a work tree (a bare repository or a .git folder); run it in the"
        " repository's work tree"
    )
