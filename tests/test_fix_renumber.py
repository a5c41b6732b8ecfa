"""check --fix after real merges: renumbering (ML104/ML105) with links, renames that keep their
links, created files staged, --diff, --fix inside real pre-commit, and SIGINT midway."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import InstallPreCommit, commit_all, git, write_tree
from tests.test_transactions import assert_nothing_left, snapshot, start, wait_for

CONFIG = 'select = ["ML1", "ML201", "ML202", "ML309"]\n'
CORE = {
    "handoffs/1-core/0-milestone-summary.md": "# Core Milestone Summary - 2025-03-04\n",
    "handoffs/1-core/0-lessons-learned.md": "# Lessons\n",
    "handoffs/1-core/1-setup.md": "# Setup\n",
    "handoffs/1-core/2-api.md": "# API\n",
}


def commit_at(repo: Path, message: str, when: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commit everything with a fixed committer date: which duplicate is newer is the test."""
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)
    commit_all(repo, message)
    monkeypatch.delenv("GIT_COMMITTER_DATE")


@pytest.fixture
def merged(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main with handoffs 3–6 merged with branch a (adds 7-alpha, committed last) and branch b
    (adds 7-beta and 8-gamma, committed first); README.md links to two of them."""
    write_tree(
        repo, {**CORE, **{f"handoffs/{n}-step-{n}.md": f"# Step {n}\n" for n in range(3, 7)}}
    )
    (repo / "milestone-lint.toml").write_text(CONFIG)
    (repo / "README.md").write_text("# Project\n")
    commit_at(repo, "initial", "2025-01-01T00:00:00", monkeypatch)
    git(repo, "checkout", "-q", "-b", "b")
    write_tree(
        repo,
        {"handoffs/7-beta.md": "# Beta\n", "handoffs/8-gamma.md": "# Gamma\n\n- [b](7-beta.md)\n"},
    )
    commit_at(repo, "b", "2025-02-01T00:00:00", monkeypatch)
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "a")
    (repo / "handoffs/7-alpha.md").write_text("# Alpha\n\n- [before](6-step-6.md)\n")
    (repo / "README.md").write_text(
        "# Project\n\n- [alpha](handoffs/7-alpha.md)\n- [gamma](<handoffs/8-gamma.md#notes>)\n"
    )
    commit_at(repo, "a", "2025-03-01T00:00:00", monkeypatch)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "b")
    git(repo, "merge", "-q", "--no-edit", "a")
    return repo


def fix_pending(repo: Path, cli: Any, pending: dict[str, str]) -> Any:
    """Commit the core milestone and ``pending`` handoffs, then run ``check --fix``."""
    write_tree(repo, {**CORE, **pending})
    (repo / "milestone-lint.toml").write_text(CONFIG)
    commit_all(repo)
    return cli("check", "--fix")


def test_fix_renumbers_the_newer_duplicate_after_a_real_merge(merged: Path, cli: Any) -> None:
    assert [(d["code"], d["path"]) for d in cli("check", "--format", "json").json()] == [
        ("ML104", "handoffs/7-beta.md")
    ]
    run = cli("check", "--fix")
    # 7-alpha was added by the newer commit: it moves to 8, and 8-gamma shifts to 9.
    assert run.err.splitlines() == [
        "fixed ML104: git mv handoffs/7-alpha.md -> handoffs/8-alpha.md",
        "fixed ML104: git mv handoffs/8-gamma.md -> handoffs/9-gamma.md",
        "fixed ML104: rewrote the links to the moved files in README.md",
    ]
    assert run.code == 0, run.out
    assert (merged / "README.md").read_text() == (
        "# Project\n\n- [alpha](handoffs/8-alpha.md)\n- [gamma](<handoffs/9-gamma.md#notes>)\n"
    )
    assert (merged / "handoffs/9-gamma.md").read_text() == "# Gamma\n\n- [b](7-beta.md)\n"
    assert git(merged, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        "M  README.md",
        "R  handoffs/7-alpha.md -> handoffs/8-alpha.md",
        "R  handoffs/8-gamma.md -> handoffs/9-gamma.md",
    ]
    assert cli("check").code == 0
    assert_nothing_left(merged)


def test_diff_changes_nothing_and_its_patch_is_the_fix(
    merged: Path, cli: Any, tmp_path: Path
) -> None:
    before = snapshot(merged)
    run = cli("check", "--fix", "--diff")
    assert run.code == 1
    assert snapshot(merged) == before
    assert run.out.splitlines()[:4] == [
        "diff --git a/handoffs/7-alpha.md b/handoffs/8-alpha.md",
        "similarity index 100%",
        "rename from handoffs/7-alpha.md",
        "rename to handoffs/8-alpha.md",
    ]
    assert "+- [alpha](handoffs/8-alpha.md)" in run.out.splitlines()
    assert run.err.splitlines()[0] == (
        "would fix ML104: renamed handoffs/7-alpha.md -> handoffs/8-alpha.md"
    )
    # The patch, applied by git to a clone, gives the same tree as --fix itself.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(merged), str(clone))
    (tmp_path / "fix.patch").write_text(run.out)
    git(clone, "apply", "--index", str(tmp_path / "fix.patch"))
    assert cli("check", "--fix").code == 0
    assert snapshot(clone)[1:] == snapshot(merged)[1:]  # git status and the index listing
    assert cli("check", "--fix", "--diff").out == ""
    assert cli("check", "--fix", "--diff").code == 0
    assert cli("check", "--diff").code == 2
    assert cli("check", "--fix", "--diff", "--staged").code == 2


def test_a_gap_closes_from_the_top_and_archived_handoffs_stay(repo: Path, cli: Any) -> None:
    pending = {"handoffs/3-a.md": "# A\n\n- [c](6-c.md)\n", "handoffs/5-b.md": "# B\n"}
    run = fix_pending(repo, cli, {**pending, "handoffs/6-c.md": "# C\n"})
    assert run.err.splitlines() == [
        "fixed ML105: git mv handoffs/5-b.md -> handoffs/4-b.md",
        "fixed ML105: git mv handoffs/6-c.md -> handoffs/5-c.md",
        "fixed ML105: rewrote the links to the moved files in handoffs/3-a.md",
    ]
    assert (repo / "handoffs/3-a.md").read_text() == "# A\n\n- [c](5-c.md)\n"
    assert sorted(p.name for p in (repo / "handoffs/1-core").iterdir()) == [
        "0-lessons-learned.md",
        "0-milestone-summary.md",
        "1-setup.md",
        "2-api.md",
    ]
    assert cli("check").code == 0


def test_a_rename_rewrites_the_link_to_it(repo: Path, cli: Any) -> None:
    pending = {"handoffs/3_Auth Flow.md": "# Auth\n"}
    run = fix_pending(
        repo, cli, {**pending, "handoffs/4-next.md": "# Next\n\n- [auth](3_Auth%20Flow.md)\n"}
    )
    assert run.err.splitlines() == [
        "fixed ML101: git mv handoffs/3_Auth Flow.md -> handoffs/3-auth-flow.md",
        "fixed ML101: rewrote the links to the moved files in handoffs/4-next.md",
    ]
    assert run.code == 0, run.out
    assert (repo / "handoffs/4-next.md").read_text() == "# Next\n\n- [auth](3-auth-flow.md)\n"
    assert git(repo, "status", "--porcelain").splitlines() == [
        'R  "handoffs/3_Auth Flow.md" -> handoffs/3-auth-flow.md',
        "M  handoffs/4-next.md",
    ]


def test_a_created_system_file_is_staged_in_a_tracked_root(repo: Path, cli: Any) -> None:
    files = {k: v for k, v in CORE.items() if not k.endswith("0-lessons-learned.md")}
    write_tree(repo, files)
    (repo / "milestone-lint.toml").write_text(CONFIG)
    commit_all(repo)
    run = cli("check", "--fix")
    assert (
        run.err == "fixed ML202: created handoffs/1-core/0-lessons-learned.md from the template\n"
    )
    assert git(repo, "status", "--porcelain").splitlines() == [
        "A  handoffs/1-core/0-lessons-learned.md"
    ]
    git(repo, "commit", "-q", "--no-verify", "-m", "lessons")
    assert cli("check", "--staged").code == 0


def hooked_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    """A real ``git commit`` that runs the installed hooks, with their output."""
    return subprocess.run(
        ["git", "commit", "-m", "search"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_fix_in_the_pre_commit_hook_fixes_the_work_tree_and_fails_once(
    install_pre_commit: InstallPreCommit,
) -> None:
    hooks = "      - id: milestone-lint\n        args: [--fix]\n"
    tree = {**CORE, "milestone-lint.toml": CONFIG, "handoffs/3-next.md": "# Next\n"}
    repo = install_pre_commit("pre-commit", hooks, tree)
    index_before = git(repo, "ls-files", "-s")
    write_tree(
        repo,
        {
            "handoffs/4_Search Notes.md": "# Search\n",
            "handoffs/3-next.md": "# Next\n\n- [search](4_Search%20Notes.md)\n",
        },
    )
    git(repo, "add", "-A")
    staged = git(repo, "ls-files", "-s")
    first = hooked_commit(repo)
    assert first.returncode == 1, first.stdout
    assert (
        "fixed ML101: renamed handoffs/4_Search Notes.md -> handoffs/4-search-notes.md"
        in first.stdout
    )
    assert "files were modified by this hook" in first.stdout
    assert git(repo, "ls-files", "-s") == staged != index_before  # the index: untouched
    assert (repo / "handoffs/3-next.md").read_text() == "# Next\n\n- [search](4-search-notes.md)\n"
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"
    git(repo, "add", "-A")
    second = hooked_commit(repo)
    assert second.returncode == 0, second.stdout
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "2"


RENUMBERED = 300


def test_sigint_during_a_300_file_renumbering_undoes_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(
        repo, {f"handoffs/{n}-step-{n}.md": f"# Step {n}\n" for n in range(1, RENUMBERED + 1)}
    )
    (repo / "handoffs/README.md").write_text(
        "# Index\n\n" + "".join(f"- [{n}]({n}-step-{n}.md)\n" for n in range(1, 301))
    )
    (repo / "milestone-lint.toml").write_text(CONFIG)
    commit_at(repo, "initial", "2025-01-01T00:00:00", monkeypatch)
    (repo / "handoffs/1-late.md").write_text("# Late\n")  # the newer 1: all 300 shift up
    commit_at(repo, "late", "2025-02-01T00:00:00", monkeypatch)
    before = snapshot(repo)

    def shifted() -> int:
        return sum(
            1 for n in range(1, RENUMBERED + 1) if (repo / f"handoffs/{n + 1}-step-{n}.md").exists()
        )

    run = start(repo, "check", "--fix", delay=0.01)
    wait_for(lambda: shifted() >= 50)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGINT, err
    assert (
        err.splitlines()[-1]
        == "milestone-lint: error: check --fix: interrupted by SIGINT; every change was undone"
    )
    assert snapshot(repo) == before
    assert_nothing_left(repo)
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "check", "--fix"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert shifted() == RENUMBERED - 1
    assert (repo / "handoffs/2-late.md").exists()
