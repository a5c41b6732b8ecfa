"""Roots a configuration names must exist: a typo never switches the linter off in silence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, commit_all, git, write_tree
from tests.test_config import config_error


@pytest.mark.parametrize(
    ("roots", "said"),
    [
        ('["handoff"]', 'roots entry "handoff" matches nothing; did you mean handoffs?'),
        (
            '["handoffs", "docs/handofs"]',
            'roots entry "docs/handofs" matches nothing; did you mean handoffs?',
        ),
        ('["notes"]', 'roots entry "notes" matches nothing; fix roots or create the folder'),
        (
            '["packages/*/handoffs"]',
            'roots entry "packages/*/handoffs" matches nothing; fix roots or create the folder',
        ),
    ],
)
def test_a_configured_root_that_matches_nothing_is_an_error(
    repo: Path, cli: Any, roots: str, said: str
) -> None:
    write_tree(repo, {**GOOD_TREE, "docs/handoffs/1-a.md": "# A - 2025-03-01\n\n- a fact\n"})
    err = config_error(repo, cli, "milestone-lint.toml", f"roots = {roots}\n")
    assert err == f"milestone-lint: error: milestone-lint.toml: {said}\n"


def test_the_default_root_missing_is_said_once_not_an_error(repo: Path, cli: Any) -> None:
    write_tree(repo, {"src/app.txt": "x\n", "milestone-lint.toml": "epics = false\n"})
    run = cli("check")
    assert (run.code, run.out) == (0, "")
    assert run.err.count("\n") == 1
    assert "no root matches roots = ['handoffs']" in run.err


def test_the_hook_refuses_a_commit_whose_config_names_no_root(repo: Path) -> None:
    write_tree(repo, GOOD_TREE)
    commit_all(repo, "initial")
    subprocess.run([sys.executable, "-m", "milestone_lint", "install"], cwd=repo, check=True)
    (repo / "milestone-lint.toml").write_text('roots = ["handoff"]\n')
    git(repo, "add", "milestone-lint.toml")
    done = subprocess.run(
        ["git", "commit", "-m", "config"], cwd=repo, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert 'roots entry "handoff" matches nothing; did you mean handoffs?' in done.stderr
