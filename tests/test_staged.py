"""--staged judges the index: real repos, real commits through the installed plain git hooks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, LONG, commit_all, git, staged, write_tree


def test_staged_sees_the_index_not_the_working_tree(tracked: Path, cli: Any) -> None:
    bad = f"# Auth Handoff - 2025-03-05\n\n## Summary\n- {LONG}\n"
    (tracked / "handoffs/2-auth.md").write_text(bad)
    git(tracked, "add", "handoffs/2-auth.md")
    (tracked / "handoffs/2-auth.md").write_text(GOOD_TREE["handoffs/2-auth.md"])
    assert staged(cli) == [("ML301", "handoffs/2-auth.md", 4, 1)]
    assert cli("check").code == 0


def test_untracked_files_are_invisible(tracked: Path, cli: Any) -> None:
    write_tree(tracked, ["handoffs/junk notes.md", "handoffs/1-core/scratch/x.md"])
    assert staged(cli) == []
    assert [d[0] for d in staged(cli, "--hook")] == []


def test_staged_deletion_of_a_system_file(tracked: Path, cli: Any) -> None:
    git(tracked, "rm", "-q", "--cached", "handoffs/1-core/0-lessons-learned.md")
    assert (tracked / "handoffs/1-core/0-lessons-learned.md").exists()
    assert staged(cli, "--hook") == [("ML202", "handoffs/1-core", 1, 1)]


def test_partially_staged_file_is_judged_as_staged(tracked: Path, cli: Any) -> None:
    # What `git add -p` leaves: the index holds a blob that is in no file on disk.
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=tracked,
        input=f"# Auth Handoff - 2025-03-05\n\n## Summary\n- {LONG}\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    git(tracked, "update-index", "--cacheinfo", f"100644,{blob},handoffs/2-auth.md")
    assert staged(cli, "--hook", "handoffs/2-auth.md") == [("ML301", "handoffs/2-auth.md", 4, 1)]


def test_hook_without_paths_judges_the_files_the_commit_changes(tracked: Path, cli: Any) -> None:
    # Old debt in a file the commit does not touch is not reported at commit time.
    (tracked / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n## Summary\n- {LONG}\n")
    commit_all(tracked, "debt")
    write_tree(tracked, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    git(tracked, "add", "handoffs/3-search.md")
    assert staged(cli, "--hook") == [("ML301", "handoffs/3-search.md", 3, 1)]
    assert [d[1] for d in staged(cli)] == ["handoffs/2-auth.md", "handoffs/3-search.md"]


def test_git_index_file_is_honoured(tracked: Path, cli: Any, monkeypatch: Any) -> None:
    (tracked / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n- {LONG}\n")
    other = tracked / ".git" / "next-index-test.lock"
    env = {**os.environ, "GIT_INDEX_FILE": str(other)}
    subprocess.run(["git", "read-tree", "HEAD"], cwd=tracked, env=env, check=True)
    subprocess.run(["git", "add", "handoffs/2-auth.md"], cwd=tracked, env=env, check=True)
    assert staged(cli) == []
    monkeypatch.setenv("GIT_INDEX_FILE", str(other.relative_to(tracked)))
    assert staged(cli) == [("ML301", "handoffs/2-auth.md", 3, 1)]


def test_staged_outside_a_repository(tmp_path: Path, cli: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--staged")
    assert run.code == 2
    assert run.err.startswith("milestone-lint: error: ")
    assert "not inside a git repository" in run.err


# --- plain git hooks -----------------------------------------------------------------------


def commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # git sends a hook's output to stderr; read both as one.
    return subprocess.run(
        ["git", "commit", "-q", "-m", "change", *args],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


@pytest.fixture
def hooked(tracked: Path, cli: Any) -> Path:
    run = cli("install", "--hook-type", "pre-commit")
    assert run.code == 0, run.err
    return tracked


def test_installed_hook_refuses_a_commit_that_drops_the_lessons(hooked: Path) -> None:
    git(hooked, "rm", "-q", "handoffs/1-core/0-lessons-learned.md")
    done = commit(hooked)
    assert done.returncode == 1
    assert "handoffs/1-core:1:1: ML202" in done.stdout
    assert git(hooked, "rev-list", "--count", "HEAD").strip() == "1"


def test_installed_hook_judges_the_staged_version(hooked: Path) -> None:
    (hooked / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n- {LONG}\n")
    git(hooked, "add", "handoffs/2-auth.md")
    (hooked / "handoffs/2-auth.md").write_text(GOOD_TREE["handoffs/2-auth.md"])
    done = commit(hooked)
    assert done.returncode == 1
    assert "handoffs/2-auth.md:3:1: ML301" in done.stdout


def test_installed_hook_ignores_untracked_junk_and_passes_clean_commits(hooked: Path) -> None:
    write_tree(hooked, ["handoffs/Junk Notes.md", "handoffs/1-core/tmp/x.log"])
    write_tree(hooked, {"handoffs/3-search.md": "# Search - 2025-03-06\n\n## Summary\nBM25.\n"})
    git(hooked, "add", "handoffs/3-search.md")
    done = commit(hooked)
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""  # a passing hook stays quiet
    assert git(hooked, "rev-list", "--count", "HEAD").strip() == "2"


def test_commit_all_judges_the_temporary_index(hooked: Path) -> None:
    (hooked / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n- {LONG}\n")
    done = commit(hooked, "-a")
    assert done.returncode == 1
    assert "handoffs/2-auth.md:3:1: ML301" in done.stdout
    done = commit(hooked, "handoffs/2-auth.md")
    assert done.returncode == 1
    assert "handoffs/2-auth.md:3:1: ML301" in done.stdout


def test_hook_in_a_repository_without_handoffs_is_silent(repo: Path, cli: Any) -> None:
    write_tree(repo, ["docs/readme.md"])
    git(repo, "add", "-A")
    run = cli("check", "--staged", "--hook", "docs/readme.md")
    assert (run.code, run.out, run.err) == (0, "", "")


def test_missing_git_index_file_is_an_error(tracked: Path, cli: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("GIT_INDEX_FILE", str(tracked / ".git" / "no-such-index"))
    run = cli("check", "--staged")
    assert run.code == 2
    assert "GIT_INDEX_FILE names no file" in run.err


def test_since_narrows_content_rules_to_what_changed(tracked: Path, cli: Any) -> None:
    (tracked / "handoffs/2-auth.md").write_text(f"# Auth - 2025-03-05\n\n## Summary\n- {LONG}\n")
    commit_all(tracked, "old debt")
    git(tracked, "checkout", "-q", "-b", "feature/search")
    write_tree(tracked, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    commit_all(tracked, "new handoff")
    write_tree(tracked, {"handoffs/4-cache.md": f"# Cache - 2025-03-07\n\n- {LONG}\n"})
    git(tracked, "rm", "-q", "handoffs/1-core/0-lessons-learned.md")
    run = cli("check", "--since", "main", "--format", "json")
    assert [(d["code"], d["path"]) for d in run.json()] == [
        ("ML202", "handoffs/1-core"),
        ("ML301", "handoffs/3-search.md"),
        ("ML301", "handoffs/4-cache.md"),
    ]
    assert [d["path"] for d in cli("check", "--format", "json").json()].count(
        "handoffs/2-auth.md"
    ) == 1
    bad = cli("check", "--since", "no-such-branch")
    assert bad.code == 2
    assert bad.err == (
        "milestone-lint: error: --since no-such-branch: no such revision; use a branch, tag or"
        " commit (e.g. origin/main)\n"
    )


def test_since_judges_from_the_merge_base(tracked: Path, cli: Any) -> None:
    """A branch behind main is never judged for what main changed since it forked."""
    git(tracked, "checkout", "-q", "-b", "feature/search")
    write_tree(tracked, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    commit_all(tracked, "branch work")
    git(tracked, "checkout", "-q", "main")
    write_tree(tracked, {"handoffs/2-auth.md": f"# Auth - 2025-03-05\n\n## Summary\n- {LONG}\n"})
    commit_all(tracked, "main moves on, with debt")
    git(tracked, "checkout", "-q", "feature/search")
    run = cli("check", "--since", "main", "--format", "json")
    assert [(d["code"], d["path"], d["line"]) for d in run.json()] == [
        ("ML301", "handoffs/3-search.md", 3)
    ]


def test_since_takes_any_revision_git_takes(tracked: Path, cli: Any) -> None:
    write_tree(tracked, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    commit_all(tracked, "feat: search handoff")
    for ref in (":/initial", "HEAD~1", "main~1"):
        run = cli("check", "--since", ref, "--format", "json")
        assert [(d["code"], d["path"]) for d in run.json()] == [
            ("ML301", "handoffs/3-search.md")
        ], ref
    bad = cli("check", "--since", "--output=x")
    assert (bad.code, bad.out) == (2, "")
    assert bad.err == (
        "milestone-lint: error: --since --output=x: no such revision; use a branch, tag or"
        " commit (e.g. origin/main)\n"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to hand the repository to another user")
def test_since_says_what_git_refused(tracked: Path, cli: Any) -> None:
    for folder, _, names in os.walk(tracked):
        for name in [".", *names]:
            os.chown(os.path.join(folder, name), 65534, 65534)
    run = cli("check", "--since", "main")
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(
        "milestone-lint: error: --since main: git said: detected dubious ownership in repository"
        f" at '{tracked}'"
    )
    assert run.err.count("\n") == 1
