"""The published hooks, run by real pre-commit (one hook environment for the whole session)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOOD_TREE, LONG, InstallPreCommit, commit_all, git, write_tree

# Real pre-commit builds and runs the hooks: seconds a test.
pytestmark = pytest.mark.slow


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


@pytest.fixture
def pc_repo(install_pre_commit: InstallPreCommit) -> Path:
    hooks = "      - id: milestone-lint\n      - id: milestone-suggest\n"
    hook_types = "pre-commit, pre-merge-commit, post-commit, post-merge"
    return install_pre_commit(hook_types, hooks, GOOD_TREE)


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


def test_all_files_on_a_large_tree_prints_each_finding_once(pc_repo: Path) -> None:
    # pre-commit splits a hook's file list at about 128 KiB of arguments; with this many names
    # a hook taking file names would run several times and repeat every layout finding.
    names = [
        f"handoffs/1-core/{n}-a-handoff-with-a-rather-long-descriptive-slug-number-{n}.md"
        for n in range(1, 2601)
    ]
    assert sum(len(name) + 1 for name in names) > 160 * 1024
    git(pc_repo, "rm", "-q", "handoffs/1-core/1-setup.md")
    write_tree(pc_repo, dict.fromkeys(names, "# Note - 2025-03-01\n\n- a fact\n"))
    git(pc_repo, "rm", "-q", "handoffs/2-auth.md")
    write_tree(pc_repo, {"handoffs/2601-auth.md": f"# Auth - 2025-03-05\n\n- {LONG}\n"})
    git(pc_repo, "rm", "-q", "handoffs/1-core/0-lessons-learned.md")
    commit_all(pc_repo, "big tree")
    done = run(pc_repo, sys.executable, "-m", "pre_commit", "run", "milestone-lint", "--all-files")
    assert done.returncode == 1, done.stdout
    findings = [line for line in done.stdout.splitlines() if ": ML" in line]
    assert findings == [
        "handoffs/1-core:1:1: ML202 milestone 1-core/ has no 0-lessons-learned.md; create it"
        " with the lessons (Problem/Solution) distilled from its handoffs",
        "handoffs/2601-auth.md:3:1: ML301 bullet has 30 words (limit 25); keep one fact per"
        " bullet and split or cut the rest",
    ]
    assert [line for line in done.stdout.splitlines() if line.startswith("Found ")] == [
        "Found 2 problems in 2 files. (1 fixable with --fix)"
    ]


def merge_feature_with_a_bad_handoff(repo: Path) -> str:
    """A feature branch adds a bad handoff; main moves on, so the merge makes a commit."""
    git(repo, "checkout", "-q", "-b", "feature/search")
    write_tree(repo, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "search")
    git(repo, "checkout", "-q", "main")
    write_tree(repo, {"src.txt": "main moves on\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "main")
    return git(repo, "rev-parse", "HEAD").strip()


def test_pre_merge_commit_refuses_a_merge_bringing_a_bad_handoff(pc_repo: Path) -> None:
    head = merge_feature_with_a_bad_handoff(pc_repo)
    done = run(pc_repo, "git", "merge", "--no-ff", "-m", "merge search", "feature/search")
    assert done.returncode != 0, done.stdout
    assert "handoffs/3-search.md:3:1: ML301" in done.stdout
    assert git(pc_repo, "rev-parse", "HEAD").strip() == head


def test_installed_pre_merge_commit_hook_refuses_the_merge(repo: Path) -> None:
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    installed = run(repo, sys.executable, "-m", "milestone_lint", "install")
    assert "installed pre-merge-commit hook" in installed.stdout
    head = merge_feature_with_a_bad_handoff(repo)
    done = run(repo, "git", "merge", "--no-ff", "-m", "merge search", "feature/search")
    assert done.returncode != 0, done.stdout
    assert "handoffs/3-search.md:3:1: ML301" in done.stdout
    assert git(repo, "rev-parse", "HEAD").strip() == head
    # Fixed, the merge goes through.
    (repo / "handoffs/3-search.md").write_text("# Search - 2025-03-06\n\n- BM25 ranking\n")
    git(repo, "add", "handoffs/3-search.md")
    done = run(repo, "git", "commit", "--no-edit")
    assert done.returncode == 0, done.stdout
    assert len(git(repo, "log", "-1", "--format=%P").split()) == 2


def _yaml_blocks(text: str) -> list[str]:
    return [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]


def commit_with(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-m", "feat: search"], cwd=repo, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False,
    )  # fmt: skip


def _commit_through(repo: Path, config: str, env: dict[str, str]) -> None:
    """Install ``config`` with real pre-commit; a bad handoff is refused, a good one passes."""
    (repo / ".pre-commit-config.yaml").write_text(config)
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    write_tree(repo, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n- {LONG}\n"})
    git(repo, "add", "-A")
    done = commit_with(repo, env)
    assert done.returncode == 1, done.stdout
    assert "handoffs/3-search.md:3:1: ML301" in done.stdout
    (repo / "handoffs/3-search.md").write_text("# Search - 2025-03-06\n\n## Summary\nBM25.\n")
    git(repo, "add", "-A")
    done = commit_with(repo, env)
    assert done.returncode == 0, done.stdout
    assert "milestone-suggest" in done.stdout  # verbose: the suggestion hook's output shows


def _readme_remote_snippet() -> str:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    [remote] = [b for b in _yaml_blocks(readme) if "milestone-lint/milestone-lint" in b]
    return remote


@pytest.mark.parametrize("where", ["init", "README"])
def test_the_published_snippets_work_as_printed(
    repo: Path, project_snapshot: tuple[Path, str], pre_commit_home: Path, where: str
) -> None:
    from milestone_lint.write.init import PRE_COMMIT_SNIPPET

    snippet = PRE_COMMIT_SNIPPET if where == "init" else _readme_remote_snippet()
    snapshot, sha = project_snapshot
    config = snippet.replace("https://github.com/milestone-lint/milestone-lint", str(snapshot))
    config = re.sub(r"rev: .*", f"rev: {sha}", config)  # the placeholder, comment and all
    assert str(snapshot) in config
    assert sha in config
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home)}
    _commit_through(repo, config, env)


def test_the_readme_local_form_works_as_printed(repo: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    [local] = [block for block in _yaml_blocks(readme) if "repo: local" in block]
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    # `language: system` runs milestone-lint from PATH: this environment's.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path}
    _commit_through(repo, local, env)


def test_init_writes_no_link_that_leads_nowhere(repo: Path) -> None:
    from milestone_lint.write.init import PRE_COMMIT_SNIPPET, init

    init(repo)
    written = [p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts]
    assert written
    for path in written:
        assert "://" not in path.read_text(), path  # nothing published to link to yet
    # No release is tagged: the snippet names a placeholder, not a tag that does not exist.
    assert "    rev: <tag or commit SHA>  #" in PRE_COMMIT_SNIPPET
