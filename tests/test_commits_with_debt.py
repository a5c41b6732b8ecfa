"""A commit is judged by what it changes: rewording, empty and code-only commits pass a tree
that holds old debt; a commit that brings a problem is refused; a manual run judges it all
(SPEC §5). Through the plain git hook and through real pre-commit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_TREE, LONG, InstallPreCommit, commit_all, git, write_tree

# Committed with --no-verify: a bullet too long (ML301) and a milestone without lessons (ML202).
DEBT = {
    **GOOD_TREE,
    "handoffs/2-auth.md": f"# Auth Handoff - 2025-03-05\n\n## Summary\n- {LONG}\n",
}
BAD = f"# Search Handoff - 2025-03-06\n\n## Summary\n- {LONG}\n"


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def with_debt(repo: Path) -> Path:
    git(repo, "rm", "-q", "handoffs/1-core/0-lessons-learned.md")
    git(repo, "commit", "-q", "--no-verify", "-m", "old debt")
    return repo


def assert_judged_by_what_changes(repo: Path) -> None:
    start = commits(repo)
    for args in (["--amend", "-m", "reword"], ["--allow-empty", "-m", "empty"]):
        done = run(repo, "git", "commit", *args)
        assert done.returncode == 0, done.stdout
    write_tree(repo, {"src/app.txt": "code\n"})
    git(repo, "add", "src/app.txt")
    done = run(repo, "git", "commit", "-m", "code only")
    assert done.returncode == 0, done.stdout
    assert commits(repo) == start + 2  # the amend replaced one
    # An amend that stages a bad handoff is still refused, for that handoff alone.
    write_tree(repo, {"handoffs/3-search.md": BAD})
    git(repo, "add", "handoffs/3-search.md")
    done = run(repo, "git", "commit", "--amend", "--no-edit")
    assert done.returncode == 1, done.stdout
    assert "handoffs/3-search.md:4:1: ML301" in done.stdout
    assert "handoffs/2-auth.md" not in done.stdout
    assert commits(repo) == start + 2


def test_the_plain_hook_judges_a_commit_by_what_it_changes(repo: Path) -> None:
    write_tree(repo, DEBT)
    commit_all(repo, "initial")
    installed = run(repo, sys.executable, "-m", "milestone_lint", "install")
    assert installed.returncode == 0, installed.stdout
    with_debt(repo)
    assert_judged_by_what_changes(repo)
    # By hand, the whole tree is judged.
    done = run(repo, sys.executable, "-m", "milestone_lint", "check", "--staged", "--hook")
    assert done.returncode == 1
    assert "handoffs/1-core:1:1: ML202" in done.stdout


@pytest.mark.slow
def test_pre_commit_judges_a_commit_by_what_it_changes(
    install_pre_commit: InstallPreCommit,
) -> None:
    repo = install_pre_commit("pre-commit", "      - id: milestone-lint\n", DEBT)
    with_debt(repo)
    assert_judged_by_what_changes(repo)
    git(repo, "reset", "-q")  # unstage the bad handoff: --all-files judges the tree
    done = run(repo, sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert done.returncode == 1, done.stdout
    assert "handoffs/1-core:1:1: ML202" in done.stdout
    assert "handoffs/2-auth.md:4:1: ML301" in done.stdout
