"""Every index git writes is read through git itself: v4, split, sparse, linked worktrees.

Each repository gets the installed pre-commit hook and two real commits: one touching only a
non-markdown file (passes), one staging a bad handoff (refused with the exact diagnostic).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, LONG, commit_all, git, write_tree
from tests.test_staged import commit

BAD = f"# Search Handoff - 2025-03-06\n\n## Summary\n- {LONG}\n"


def index_version(git_dir: Path) -> int:
    return int.from_bytes((git_dir / "index").read_bytes()[4:8], "big")


def _plain(repo: Path) -> Path:
    return repo


def _version_4(repo: Path) -> Path:
    git(repo, "config", "feature.manyFiles", "true")
    git(repo, "update-index", "--index-version", "4")
    assert index_version(repo / ".git") == 4
    return repo


def _split(repo: Path) -> Path:
    git(repo, "config", "core.splitIndex", "true")
    git(repo, "update-index", "--split-index")
    assert list((repo / ".git").glob("sharedindex.*"))
    return repo


def _sparse(repo: Path) -> Path:
    git(repo, "sparse-checkout", "set", "--cone", "--sparse-index", "handoffs")
    assert not (repo / "src").exists()
    # The index itself holds src/ as one sparse directory entry.
    assert "040000" in git(repo, "ls-files", "-s", "--sparse")
    return repo


def _worktree(repo: Path) -> Path:
    linked = repo.parent / "linked"
    git(repo, "worktree", "add", "-q", "-b", "side", str(linked))
    assert (linked / ".git").is_file()
    return linked


MODES = {
    "plain": _plain,
    "version-4": _version_4,
    "split": _split,
    "sparse": _sparse,
    "worktree": _worktree,
}


@pytest.fixture(params=list(MODES))
def work(request: pytest.FixtureRequest, repo: Path, cli: Any) -> Path:
    write_tree(repo, {**GOOD_TREE, "src/app.txt": "app\n"})
    commit_all(repo, "initial")
    assert cli("install", "-t", "pre-commit").code == 0
    prepared: Path = MODES[request.param](repo)
    return prepared


def test_a_commit_touching_no_markdown_passes(work: Path) -> None:
    (work / "notes.txt").write_text("x\n")
    git(work, "add", "notes.txt")
    done = commit(work)
    assert (done.returncode, done.stdout) == (0, "")


def test_a_bad_handoff_is_refused_with_its_exact_diagnostic(work: Path) -> None:
    write_tree(work, {"handoffs/3-search.md": BAD})
    git(work, "add", "handoffs/3-search.md")
    done = commit(work)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "handoffs/3-search.md:4:1: ML301 bullet has 30 words (limit 25); keep one fact per"
        " bullet and split or cut the rest",
        "Found 1 problem in 1 file.",
    ]
    assert git(work, "log", "-1", "--format=%s").strip() == "initial"


def test_sparse_directories_are_expanded_and_judged(repo: Path, cli: Any) -> None:
    write_tree(repo, {**GOOD_TREE, "src/app.txt": "app\n"})
    commit_all(repo, "initial")
    git(repo, "sparse-checkout", "set", "--cone", "--sparse-index", "src")
    assert not (repo / "handoffs").exists()
    # Nothing of the root is on disk, but all of it is in the index, and judged there.
    git(repo, "rm", "-q", "--cached", "--sparse", "handoffs/1-core/0-lessons-learned.md")
    run = cli("check", "--staged", "--format", "json")
    assert [(d["code"], d["path"]) for d in run.json()] == [("ML202", "handoffs/1-core")]


@pytest.mark.parametrize("damage", ["garbage", "directory"])
def test_an_index_git_cannot_read_is_an_error_not_an_empty_tree(
    repo: Path, cli: Any, damage: str
) -> None:
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    index = repo / ".git" / "index"
    index.unlink()
    if damage == "garbage":
        index.write_bytes(b"DIRC\x00\x00\x00\x02garbage")
    else:
        index.mkdir()
    for args in (("check", "--staged"), ("check", "--staged", "--hook")):
        run = cli(*args)
        assert run.code == 2, args
        assert run.out == ""
        assert run.err.startswith(f"milestone-lint: error: git ls-files failed in {repo}: ")
        assert run.err.endswith("; run `git status` there to see what git needs\n")
        assert len(run.err.splitlines()) == 1


def test_git_index_file_relative_to_the_top_is_honoured_from_a_subfolder(
    repo: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    other = repo / ".git" / "other-index"
    env = {**os.environ, "GIT_INDEX_FILE": str(other)}
    subprocess.run(["git", "read-tree", "HEAD"], cwd=repo, env=env, check=True)
    write_tree(repo, {"handoffs/3-search.md": BAD})
    subprocess.run(["git", "add", "handoffs/3-search.md"], cwd=repo, env=env, check=True)
    monkeypatch.chdir(repo / "handoffs")
    monkeypatch.setenv("GIT_INDEX_FILE", "../.git/other-index")
    run = cli("check", "--staged", "--format", "json")
    assert [(d["code"], d["path"], d["line"]) for d in run.json()] == [
        ("ML301", "handoffs/3-search.md", 4)
    ]
