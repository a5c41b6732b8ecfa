"""Shared fixtures: a scrubbed environment, real trees on disk, and the CLI run in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from milestone_lint.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "realworld"


PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _scrub_git_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A test run from inside a git hook must never touch the real repository.

    Every ``GIT_*`` variable goes (``GIT_DIR``, ``GIT_INDEX_FILE``…), and git reads neither
    the system's nor the user's configuration (a global core.hooksPath would steal hooks).
    """
    for name in list(os.environ):
        if name.startswith(("GIT_", "PRE_COMMIT")) or name in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name)
    global_config = tmp_path_factory.getbasetemp() / "gitconfig"
    if not global_config.exists():
        global_config.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # A bug must show as a traceback in tests, not as the one line users get.
    monkeypatch.setenv("MILESTONE_LINT_DEBUG", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.com")


def write_tree(base: Path, files: Iterable[str] | Mapping[str, str | bytes]) -> Path:
    """Create files (``dir/`` entries make empty folders); content defaults to a heading."""
    items = files.items() if isinstance(files, Mapping) else ((f, None) for f in files)
    for rel, content in items:
        target = base / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content if content is not None else f"# {target.stem}\n\n- a fact\n")
    return base


LAYOUT_ONLY = 'select = ["ML1", "ML201", "ML202", "ML203"]\n'


# A clean tree, committed by ``tracked``: a milestone and a pending handoff.
LONG = " ".join(["word"] * 30)
GOOD_TREE = {
    "handoffs/1-core/0-milestone-summary.md": (
        "# Core Milestone Summary - 2025-03-04\n\n## Changes\n- Models\n\n## Decisions\n"
        "- UUID keys: offline IDs\n\n## Discoveries\n- SQLite quirks\n\n"
        "## Current system state\n- Tests pass\n"
    ),
    "handoffs/1-core/0-lessons-learned.md": (
        "# Lessons\n\n## Migrations\n\n**Problem:** SQLite.\n\n**Solution:** Batch mode.\n"
    ),
    "handoffs/1-core/1-setup.md": "# Setup Handoff - 2025-03-01\n\n## Summary\nSkeleton.\n",
    "handoffs/2-auth.md": "# Auth Handoff - 2025-03-05\n\n## Summary\nLogin.\n",
}


def run_module(
    args: Iterable[str],
    cwd: Path,
    *,
    stdin: str | None = None,
    keep_debug: bool = True,
    timeout: float | None = None,
    before: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m milestone_lint ARGS`` as a user or a hook starts it: its own process (in
    the test's scrubbed environment), text in and out; without ``keep_debug``, as users run it
    (no traceback on an internal error). ``before`` runs in the child first (resource limits)."""
    env = dict(os.environ)
    if not keep_debug:
        env.pop("MILESTONE_LINT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "milestone_lint", *args],
        input=stdin,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=before,
        timeout=timeout,
        check=False,
    )


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository, made the current directory."""
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    monkeypatch.chdir(path)
    return path


@pytest.fixture
def layout_only(repo: Path) -> None:
    """Only the path rules run: the test's files are placeholders, not content to judge."""
    (repo / "milestone-lint.toml").write_text(LAYOUT_ONLY + "\n")


@pytest.fixture
def tracked(repo: Path) -> Path:
    """The repository with GOOD_TREE committed."""
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    return repo


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def diagnostics(run: Run) -> list[tuple[str, str]]:
    """(code, path) pairs of a ``--format json`` run."""
    return [(d["code"], d["path"]) for d in run.json()]


def staged(cli: Any, *args: str) -> list[tuple[str, str, int, int]]:
    """(code, path, line, column) of a ``check --staged --format json`` run."""
    run = cli("check", "--staged", "--format", "json", *args)
    assert run.err == "", run.err
    return [(d["code"], d["path"], d["line"], d["column"]) for d in run.json()]


def commit_all(repo: Path, message: str = "commit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project's tracked files, working-tree versions, committed in a fresh repo.

    pre-commit pins a hook repository to a commit; a snapshot lets the tests run the hooks
    exactly as they are in this checkout, committed or not.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=PROJECT,
            capture_output=True,
            check=True,
            env=env,
        )
        .stdout.decode()
        .split("\0")
    )
    snapshot = tmp_path_factory.mktemp("project") / "milestone-lint"
    for rel in filter(None, listed):
        source = PROJECT / rel
        if source.is_file():
            target = snapshot / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    clean = {**env, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "snapshot"],
    ):
        subprocess.run(["git", *args], cwd=snapshot, check=True, env=clean, capture_output=True)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=snapshot,
        check=True,
        env=clean,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return snapshot, sha


def snapshot_config(snapshot: tuple[Path, str], hook_types: str, hooks: str) -> str:
    """A .pre-commit-config.yaml taking ``hooks`` (YAML under ``hooks:``) from the snapshot."""
    path, sha = snapshot
    return (
        f"default_install_hook_types: [{hook_types}]\n"
        f"repos:\n  - repo: {path}\n    rev: {sha}\n    hooks:\n{hooks}"
    )


InstallPreCommit = Callable[[str, str, Mapping[str, str]], Path]


@pytest.fixture
def install_pre_commit(
    repo: Path,
    project_snapshot: tuple[Path, str],
    pre_commit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> InstallPreCommit:
    """Commit a tree in ``repo`` and install this checkout's hooks there with real pre-commit."""

    def install(hook_types: str, hooks: str, tree: Mapping[str, str]) -> Path:
        monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
        config = snapshot_config(project_snapshot, hook_types, hooks)
        (repo / ".pre-commit-config.yaml").write_text(config)
        write_tree(repo, tree)
        commit_all(repo, "initial")
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", "install"],
            cwd=repo,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return repo

    return install


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the whole session: building it costs tens of seconds."""
    return tmp_path_factory.mktemp("pre-commit-home")
