"""milestone-lint suggest, driven by real git operations through the installed hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import InstallPreCommit, commit_all, git, write_tree

TREE = {
    "handoffs/1-core/0-milestone-summary.md": "# Core Milestone Summary - 2025-03-01\n",
    "handoffs/1-core/0-lessons-learned.md": "# Lessons\n",
    "handoffs/1-core/1-setup.md": "# Setup Handoff - 2025-03-01\n",
    "handoffs/2-auth.md": "# Auth Handoff - 2025-03-05\n\n## Summary\nLogin.\n",
    "handoffs/3-login.md": "# Login Handoff - 2025-03-06\n\n## Summary\nForm.\n",
    "handoffs/4-tokens.md": "---\ndate: 2025-03-07\n---\n# Token refresh\n\nRotation.\n",
}
PENDING = (
    "3 handoffs are pending in handoffs/ since milestone 1-core (2 Auth, 3 Login, 4 Token refresh)"
)


def expected(what: str, name: str) -> str:
    return (
        f"milestone-lint: {what}, and {PENDING}. Distil them into a milestone:"
        f' milestone-lint new milestone "{name}"'
    )


def sh(repo: Path, *args: str, check: bool = True) -> str:
    """Run git; return what it and its hooks printed (git sends hook output to stderr)."""
    done = subprocess.run(
        ["git", *args], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if check:
        assert done.returncode == 0, done.stdout
    return done.stdout


def commit_files(repo: Path, files: dict[str, str], *args: str) -> str:
    """Write ``files``, stage everything and ``git commit -q`` with ``args``; what git printed."""
    write_tree(repo, files)
    sh(repo, "add", "-A")
    return sh(repo, "commit", "-q", *args)


def conflicted_merge(repo: Path) -> tuple[str, str, str]:
    """feature/profile and main change one line; merged, they conflict, and a commit concludes.

    What git printed for main's commit, for the merge, and for the concluding commit.
    """
    sh(repo, "checkout", "-q", "-b", "feature/profile")
    commit_files(repo, {"src/app.txt": "feature\n"}, "-m", "profile")
    sh(repo, "checkout", "-q", "main")
    main_side = commit_files(repo, {"src/app.txt": "main\n"}, "-m", "chore: main side")
    merge = sh(repo, "merge", "-q", "feature/profile", check=False)
    return main_side, merge, commit_files(repo, {"src/app.txt": "both\n"}, "--no-edit")


def suggestions(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("milestone-lint")]


@pytest.fixture
def hooked(repo: Path, cli: Any) -> Path:
    write_tree(repo, TREE)
    commit_all(repo, "initial")
    assert cli("install", "-t", "post-commit", "-t", "post-merge").code == 0
    return repo


def merge(repo: Path, branch: str) -> str:
    """``git merge --no-ff BRANCH`` with git's own message; what git and its hooks printed."""
    return sh(repo, "merge", "-q", "--no-ff", branch, "-m", f"Merge branch '{branch}'")


def feature(repo: Path, branch: str, message: str = "work on it") -> None:
    sh(repo, "checkout", "-q", "-b", branch)
    commit_files(repo, {f"src/{branch.replace('/', '_')}.txt": "x\n"}, "-m", message)
    sh(repo, "checkout", "-q", "main")


def test_no_ff_merge_of_a_feature_branch(hooked: Path) -> None:
    feature(hooked, "feature/auth-flow")
    output = merge(hooked, "feature/auth-flow")
    assert suggestions(output) == [expected("feature/auth-flow was merged", "auth-flow")]


def test_fast_forward_merge_names_the_branch_from_the_reflog(hooked: Path) -> None:
    feature(hooked, "fix/session-expiry")
    output = sh(hooked, "merge", "-q", "fix/session-expiry")
    assert suggestions(output) == [expected("fix/session-expiry was merged", "session-expiry")]


def test_merging_a_non_feature_branch_is_silent(hooked: Path) -> None:
    feature(hooked, "chore/deps")
    assert suggestions(merge(hooked, "chore/deps")) == []


def test_pulled_github_squash_commit(
    hooked: Path, tmp_path: Path, cli: Any, monkeypatch: Any
) -> None:
    clone = tmp_path / "clone"
    sh(hooked, "clone", "-q", str(hooked), str(clone))
    monkeypatch.chdir(clone)
    assert cli("install", "-t", "post-merge").code == 0
    commit_files(hooked, {"src/login.py": "x\n"}, "--no-verify", "-m", "Add login (#12)")
    output = sh(clone, "pull", "-q", "--ff-only")
    assert suggestions(output) == [expected('"Add login (#12)" was squash-merged', "add-login")]


def test_conflicted_merge_concluded_by_commit(hooked: Path) -> None:
    main_side, merge, output = conflicted_merge(hooked)
    assert suggestions(main_side) == []
    assert "CONFLICT" in merge
    assert suggestions(merge) == []
    assert suggestions(output) == [expected("feature/profile was merged", "profile")]


def test_local_squash_merge_then_commit(hooked: Path) -> None:
    feature(hooked, "feature/search")
    assert suggestions(sh(hooked, "merge", "-q", "--squash", "feature/search")) == []
    output = sh(hooked, "commit", "-q", "-m", "Search")
    assert suggestions(output) == [expected("feature/search was squash-merged", "search")]


def test_feat_commit_on_main(hooked: Path) -> None:
    output = commit_files(hooked, {"src/x.txt": "x\n"}, "-m", "feat(auth): add token refresh")
    assert suggestions(output) == [
        expected('"feat(auth): add token refresh" delivered a feature', "add-token-refresh")
    ]


def test_a_long_subject_is_quoted_short(hooked: Path) -> None:
    # A whole message pasted into the subject line: the suggestion stays one short line.
    write_tree(hooked, {"src/x.txt": "x\n"})
    sh(hooked, "add", "-A")
    subject = "feat: add token refresh " + "and more words " * 5_000
    output = sh(hooked, "commit", "-q", "-m", subject)
    assert suggestions(output) == [
        expected(
            '"feat: add token refresh and more words and more words and more words…"'
            " delivered a feature",
            "add-token-refresh-and-more",
        )
    ]


@pytest.mark.parametrize("message", ["docs: typo", "fix: small bug", "Refactor the parser"])
def test_non_delivering_commits_are_silent(hooked: Path, message: str) -> None:
    assert commit_files(hooked, {"src/x.txt": "x\n"}, "-m", message) == ""


def test_breaking_change_in_the_body(hooked: Path) -> None:
    output = commit_files(
        hooked, {"src/x.txt": "x\n"}, "-m", "refactor: new API", "-m", "BREAKING CHANGE: renamed"
    )
    assert len(suggestions(output)) == 1


def test_feat_commits_on_a_feature_branch_wait_for_the_merge(hooked: Path) -> None:
    sh(hooked, "checkout", "-q", "-b", "feature/wip")
    assert commit_files(hooked, {"src/x.txt": "x\n"}, "-m", "feat: half done") == ""


def test_too_few_pending_handoffs_is_silent(hooked: Path) -> None:
    (hooked / "milestone-lint.toml").write_text("[suggest]\nmin-handoffs = 4\n")
    feature(hooked, "feature/auth-flow")
    assert suggestions(merge(hooked, "feature/auth-flow")) == []


def test_rebase_and_amend_are_silent(hooked: Path) -> None:
    sh(hooked, "checkout", "-q", "-b", "topic")
    for n in range(3):
        commit_files(hooked, {f"src/t{n}.txt": "x\n"}, "--no-verify", "-m", f"feat: part {n}")
    sh(hooked, "checkout", "-q", "main")
    commit_files(hooked, {"src/main.txt": "x\n"}, "--no-verify", "-m", "chore: main")
    sh(hooked, "checkout", "-q", "topic")
    assert sh(hooked, "rebase", "-q", "main") == ""
    sh(hooked, "checkout", "-q", "main")
    assert sh(hooked, "commit", "-q", "--amend", "-m", "feat: amended") == ""


def test_same_head_is_suggested_once(hooked: Path, cli: Any) -> None:
    assert len(suggestions(commit_files(hooked, {"src/x.txt": "x\n"}, "-m", "feat: x"))) == 1
    run = cli("suggest", "--hook-type", "post-commit")
    assert (run.code, run.out, run.err) == (0, "", "")
    assert git(hooked, "status", "--porcelain") == ""


def test_duplicate_numbers_after_a_merge(hooked: Path) -> None:
    sh(hooked, "checkout", "-q", "-b", "feature/a")
    commit_files(hooked, {"handoffs/5-api.md": "# API\n"}, "-m", "api")
    sh(hooked, "checkout", "-q", "main")
    commit_files(hooked, {"handoffs/5-cache.md": "# Cache\n"}, "-m", "cache")
    output = merge(hooked, "feature/a")
    assert suggestions(output)[0] == (
        "milestone-lint: warning: after the merge, handoffs/ holds 2 handoffs numbered 5"
        " (5-api.md, 5-cache.md); renumber them with `milestone-lint check --fix` (the newer"
        " one moves, links follow)"
    )
    assert len(suggestions(output)) == 2


def test_silent_outside_a_repo_and_before_the_first_commit(
    tmp_path: Path, cli: Any, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("suggest").out == ""
    git(tmp_path, "init", "-q")
    run = cli("suggest", "--hook-type", "post-commit")
    assert (run.code, run.out, run.err) == (0, "", "")


def test_broken_config_is_one_line_and_exit_0(hooked: Path, cli: Any) -> None:
    (hooked / "milestone-lint.toml").write_text("[suggest]\nmin-handofs = 2\n")
    commit_files(hooked, {"src/x.txt": "x\n"}, "--no-verify", "-m", "feat: x")
    run = cli("suggest", "--hook-type", "post-commit")
    assert run.code == 0
    assert run.out == ""
    assert run.err == (
        "milestone-lint suggest: cannot judge: milestone-lint.toml: [suggest] unknown key"
        ' "min-handofs"; did you mean "min-handoffs"?\n'
    )


def test_corrupt_repository_is_one_line_and_exit_0(hooked: Path, cli: Any) -> None:
    (hooked / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    head = git(hooked, "rev-parse", "HEAD").strip()
    obj = hooked / ".git" / "objects" / head[:2] / head[2:]
    obj.chmod(0o644)
    obj.write_bytes(b"garbage")
    (hooked / ".git" / "ORIG_HEAD").write_text("0" * 40 + "\n")
    run = cli("suggest", "--hook-type", "post-merge")
    assert run.code == 0
    assert run.out == ""
    assert run.err.startswith("milestone-lint suggest: cannot judge: ")
    assert run.err.count("\n") == 1


@pytest.mark.slow
def test_suggest_through_pre_commit(install_pre_commit: InstallPreCommit) -> None:
    hooks = "      - id: milestone-suggest\n        verbose: true\n"
    repo = install_pre_commit("pre-commit, post-commit, post-merge", hooks, TREE)
    feature(repo, "feature/auth-flow")
    output = merge(repo, "feature/auth-flow")
    assert expected("feature/auth-flow was merged", "auth-flow") in output.splitlines()
    # A conflicted merge, concluded by `git commit` (post-commit fires, not post-merge).
    _, merged, output = conflicted_merge(repo)
    assert "CONFLICT" in merged
    assert expected("feature/profile was merged", "profile") in output.splitlines()


def test_cherry_pick_revert_and_bisect_are_silent(hooked: Path, cli: Any) -> None:
    sh(hooked, "checkout", "-q", "-b", "topic")
    commit_files(hooked, {"src/t.txt": "x\n"}, "--no-verify", "-m", "feat: picked")
    sh(hooked, "checkout", "-q", "main")
    assert suggestions(sh(hooked, "cherry-pick", "topic")) == []
    assert suggestions(sh(hooked, "revert", "--no-edit", "HEAD")) == []
    # A delivering HEAD that no hook has seen: silent while a bisect runs, heard after.
    assert cli("uninstall").code == 0
    commit_files(hooked, {"src/u.txt": "x\n"}, "-m", "feat: unseen")
    sh(hooked, "bisect", "start")
    run = cli("suggest")
    assert (run.code, run.out, run.err) == (0, "", "")
    for leftover in (hooked / ".git").glob("BISECT_*"):
        leftover.unlink()  # as if the bisect had ended here, without moving HEAD
    assert len(suggestions(cli("suggest").out)) == 1


def nothing_pending(repo: Path, cli: Any) -> None:
    """The core milestone alone, committed, with the post-merge hook installed."""
    write_tree(repo, {k: v for k, v in TREE.items() if k.startswith("handoffs/1-core/")})
    commit_all(repo, "initial")
    assert cli("install", "-t", "post-merge").code == 0


def _merge_bringing(repo: Path, files: dict[str, str]) -> str:
    sh(repo, "checkout", "-q", "-b", "feature/search")
    commit_files(repo, files, "-m", "search")
    sh(repo, "checkout", "-q", "main")
    commit_files(repo, {"src/main.txt": "main moves on\n"}, "-m", "chore: main")
    return merge(repo, "feature/search")


def test_the_suggestion_distils_the_branch_handoffs(repo: Path, cli: Any) -> None:
    base = {k: v for k, v in TREE.items() if not k.startswith(("handoffs/2", "handoffs/3"))}
    base["handoffs/4-tokens.md"] = TREE["handoffs/2-auth.md"].replace("Auth", "Tokens")
    write_tree(repo, {k.replace("4-tokens", "2-tokens"): v for k, v in base.items()})
    commit_all(repo, "initial")
    assert cli("install", "-t", "post-merge").code == 0
    output = _merge_bringing(
        repo,
        {
            "handoffs/3-search.md": "# Search Handoff - 2025-03-06\n",
            "handoffs/4-ranking.md": "# Ranking Handoff - 2025-03-07\n",
        },
    )
    # Handoff 2 was pending on main before the branch: it gets its own milestone first.
    assert suggestions(output) == [
        "milestone-lint: feature/search was merged, and 3 handoffs are pending in handoffs/"
        " since milestone 1-core (2 Tokens, 3 Search, 4 Ranking). Older handoffs come first:"
        ' milestone-lint new milestone "tokens" --handoffs 2-2; then the branch\'s:'
        ' milestone-lint new milestone "search" --handoffs 3-4'
    ]


def test_the_suggestion_takes_the_oldest_when_they_are_the_branch(repo: Path, cli: Any) -> None:
    nothing_pending(repo, cli)
    output = _merge_bringing(
        repo,
        {
            "handoffs/2-search.md": "# Search Handoff - 2025-03-06\n",
            "handoffs/3-ranking.md": "# Ranking Handoff - 2025-03-07\n",
            "handoffs/4-facets.md": "# Facets Handoff - 2025-03-08\n",
        },
    )
    assert suggestions(output)[0].endswith(
        '. Distil them into a milestone: milestone-lint new milestone "search"'
    )


def test_the_suggestion_names_the_branch_handoffs_when_oldest(repo: Path, cli: Any) -> None:
    nothing_pending(repo, cli)
    sh(repo, "checkout", "-q", "-b", "feature/search")
    write_tree(repo, {"handoffs/2-search.md": "# Search Handoff - 2025-03-06\n"})
    commit_files(
        repo, {"handoffs/3-ranking.md": "# Ranking Handoff - 2025-03-07\n"}, "-m", "search"
    )
    sh(repo, "checkout", "-q", "main")
    commit_files(
        repo,
        {"handoffs/4-hotfix.md": "# Hotfix Handoff - 2025-03-08\n"},
        "-m",
        "chore: hotfix notes",
    )
    output = merge(repo, "feature/search")
    assert suggestions(output)[0].endswith(
        '. Distil the branch\'s into a milestone: milestone-lint new milestone "search"'
        " --handoffs 2-3"
    )


def test_concurrent_runs_suggest_once(repo: Path) -> None:
    """Ten post-merge runs at once (hooks of concurrent git commands): one suggestion."""
    write_tree(repo, TREE)
    commit_all(repo, "initial")
    feature(repo, "feature/auth-flow")
    merge(repo, "feature/auth-flow")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    command = [sys.executable, "-m", "milestone_lint", "suggest", "--hook-type", "post-merge"]
    runs = [
        subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(10)
    ]
    printed = [run.communicate(timeout=60)[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 10
    assert sorted(suggestions("".join(printed))) == [
        expected("feature/auth-flow was merged", "auth-flow")
    ]


def test_a_package_s_root_and_min_handoffs_are_its_own(repo: Path, cli: Any) -> None:
    """A monorepo: the root only a package's configuration names is suggested for, when its
    own min-handoffs is reached (the top's default, 3, would wait)."""
    package = {
        "packages/app/milestone-lint.toml": "[suggest]\nmin-handoffs = 2\n",
        "packages/app/handoffs/1-auth.md": "# Auth\n\n## Summary\nLogin.\n",
        "packages/app/handoffs/2-login.md": "# Login\n\n## Summary\nForm.\n",
    }
    write_tree(repo, package)
    commit_all(repo, "initial")
    assert cli("install", "-t", "post-commit", "-t", "post-merge").code == 0
    sh(repo, "checkout", "-q", "-b", "feature/profile")
    commit_files(repo, {"src/app.txt": "feature\n"}, "-m", "profile")
    sh(repo, "checkout", "-q", "main")
    assert suggestions(merge(repo, "feature/profile")) == [
        "milestone-lint: feature/profile was merged, and 2 handoffs are pending in"
        " packages/app/handoffs/ and no milestone yet (1 Auth, 2 Login). Distil them into a"
        " milestone:"
        ' milestone-lint new milestone "profile"'
    ]
