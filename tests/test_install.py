"""milestone-lint install / uninstall: where hooks go, and never touching a foreign hook."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from milestone_lint.integrations.githooks import MARKER
from tests.conftest import commit_all, git, write_tree


def assert_refused(repo: Path, bad_name: str) -> None:
    """Stage a badly named handoff: the installed hook must refuse the commit."""
    write_tree(repo, [bad_name])
    git(repo, "add", "-A")
    done = subprocess.run(
        ["git", "commit", "-q", "-m", "y"], cwd=repo, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert f"{bad_name}:1:1: ML101" in done.stderr


def test_install_all_four_and_uninstall(repo: Path, cli: Any) -> None:
    run = cli("install")
    hooks = repo / ".git" / "hooks"
    assert run.code == 0
    assert run.lines == [
        f"installed {name} hook: {hooks / name}"
        for name in ("pre-commit", "pre-merge-commit", "post-commit", "post-merge")
    ]
    for name in ("pre-commit", "pre-merge-commit", "post-commit", "post-merge"):
        text = (hooks / name).read_text()
        assert MARKER in text
        assert os.access(hooks / name, os.X_OK)
    assert "check --staged --hook" in (hooks / "pre-commit").read_text()
    assert "check --staged --hook" in (hooks / "pre-merge-commit").read_text()
    assert "suggest --hook-type post-merge" in (hooks / "post-merge").read_text()
    assert cli("install", "-t", "pre-commit").lines == [
        f"updated pre-commit hook: {hooks / 'pre-commit'}"
    ]
    run = cli("uninstall")
    assert run.lines == [
        f"removed {name} hook: {hooks / name}"
        for name in ("pre-commit", "pre-merge-commit", "post-commit", "post-merge")
    ]
    assert not (hooks / "pre-commit").exists()
    assert cli("uninstall").lines == ["no milestone-lint hook installed"]


def test_foreign_hook_is_never_overwritten_or_deleted(repo: Path, cli: Any) -> None:
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "post-merge").write_text("#!/bin/sh\necho mine\n")
    run = cli("install")
    assert run.code == 2
    assert run.err.count("\n") == 1
    assert "post-merge hook that milestone-lint did not install" in run.err
    # All or nothing: the pre-commit hook was not installed either.
    assert not (hooks / "pre-commit").exists()
    assert (hooks / "post-merge").read_text() == "#!/bin/sh\necho mine\n"
    assert cli("install", "-t", "pre-commit").code == 0
    run = cli("uninstall")
    assert f"left alone (not installed by us) post-merge hook: {hooks / 'post-merge'}" in run.lines
    assert (hooks / "post-merge").read_text() == "#!/bin/sh\necho mine\n"


def test_core_hooks_path_is_honoured(repo: Path, cli: Any) -> None:
    git(repo, "config", "core.hooksPath", ".githooks")
    assert cli("install", "-t", "pre-commit").code == 0
    assert MARKER in (repo / ".githooks" / "pre-commit").read_text()
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    write_tree(repo, ["handoffs/1-a.md"])
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "x") == ""
    assert_refused(repo, "handoffs/bad name.md")


def test_worktrees_share_the_hooks(repo: Path, cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    write_tree(repo, ["handoffs/1-a.md"])
    commit_all(repo)
    worktree = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", str(worktree), "-b", "feature/x")
    monkeypatch.chdir(worktree)
    assert cli("install", "-t", "pre-commit").code == 0
    assert MARKER in (repo / ".git" / "hooks" / "pre-commit").read_text()
    assert_refused(worktree, "handoffs/Bad.md")


def test_install_outside_a_repository(tmp_path: Path, cli: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("install")
    assert run.code == 2
    assert "not inside a git repository" in run.err
