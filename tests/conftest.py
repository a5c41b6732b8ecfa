"""Shared fixtures: a scrubbed environment, real trees on disk, and the CLI run in-process."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from milestone_lint.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "realworld"


@pytest.fixture(autouse=True)
def _scrub_git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test run from inside a git hook must never touch the real repository."""
    for name in list(os.environ):
        if name.startswith("GIT_") or name in {"NO_COLOR", "PRE_COMMIT"}:
            monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.com")


def write_tree(base: Path, files: Iterable[str] | dict[str, str]) -> Path:
    """Create files (``dir/`` entries make empty folders); content defaults to a heading."""
    items = files.items() if isinstance(files, dict) else ((f, None) for f in files)
    for rel, content in items:
        target = base / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content if content is not None else f"# {target.stem}\n\n- a fact\n")
    return base


LAYOUT_ONLY = 'select = ["ML1", "ML201", "ML202", "ML203"]\n'


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
