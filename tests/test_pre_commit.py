"""The published hooks, run by real pre-commit (one hook environment for the whole session)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import commit_all, git, write_tree
from tests.test_staged import GOOD_TREE, LONG


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.fixture
def pc_repo(
    repo: Path,
    project_snapshot: tuple[Path, str],
    pre_commit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    snapshot, sha = project_snapshot
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    (repo / ".pre-commit-config.yaml").write_text(
        "default_install_hook_types: [pre-commit, post-commit, post-merge]\n"
        f"repos:\n  - repo: {snapshot}\n    rev: {sha}\n    hooks:\n"
        "      - id: milestone-lint\n      - id: milestone-suggest\n"
    )
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    installed = run(repo, sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout
    return repo


def commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(repo, "git", "commit", "-m", "change", *args)


def head_count(repo: Path) -> str:
    return git(repo, "rev-list", "--count", "HEAD").strip()


def test_pre_commit_refuses_dropping_the_lessons(pc_repo: Path) -> None:
    git(pc_repo, "rm", "-q", "handoffs/1-core/0-lessons-learned.md")
    done = commit(pc_repo)
    assert done.returncode == 1, done.stdout
    assert "handoffs/1-core:1:1: ML202" in done.stdout
    assert head_count(pc_repo) == "1"


def test_pre_commit_judges_the_staged_version_and_ignores_untracked(pc_repo: Path) -> None:
    (pc_repo / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n- {LONG}\n")
    git(pc_repo, "add", "handoffs/2-auth.md")
    (pc_repo / "handoffs/2-auth.md").write_text(GOOD_TREE["handoffs/2-auth.md"])
    write_tree(pc_repo, ["handoffs/Untracked Junk.md"])
    done = commit(pc_repo)
    assert done.returncode == 1, done.stdout
    assert "handoffs/2-auth.md:3:1: ML301" in done.stdout
    assert "Untracked" not in done.stdout
    (pc_repo / "handoffs/2-auth.md").write_text("# Auth - 2025-03-05\n\n## Summary\nLogin works.\n")
    git(pc_repo, "add", "handoffs/2-auth.md")
    done = commit(pc_repo)
    assert done.returncode == 0, done.stdout
    assert head_count(pc_repo) == "2"


def test_pre_commit_commit_all_judges_the_temporary_index(pc_repo: Path) -> None:
    (pc_repo / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n- {LONG}\n")
    done = commit(pc_repo, "-a")
    assert done.returncode == 1, done.stdout
    assert "handoffs/2-auth.md:3:1: ML301" in done.stdout
    assert head_count(pc_repo) == "1"


def test_try_repo(pc_repo: Path, project_snapshot: tuple[Path, str]) -> None:
    snapshot, _ = project_snapshot
    write_tree(pc_repo, ["handoffs/3_search.md"])
    git(pc_repo, "add", "-A")
    done = run(
        pc_repo, sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "milestone-lint"
    )
    assert done.returncode == 1, done.stdout
    assert "handoffs/3_search.md:1:1: ML101 handoff name is not <N>-<slug>.md" in done.stdout
