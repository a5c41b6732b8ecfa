"""Warnings (``warn``, ``--warn``) are printed in every format and fail the run only with
``--strict``; everything else enabled is an error (SPEC §6 "Severity")."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, LONG, commit_all, git, write_tree

WARN_ML3 = 'warn = ["ML3"]\n'


@pytest.fixture
def mixed(repo: Path) -> Path:
    """One error (ML202: no lessons) and one warning (ML301, with warn = ["ML3"])."""
    tree = {**GOOD_TREE, "handoffs/2-auth.md": f"# Auth - 2025-03-05\n\n## Summary\n- {LONG}\n"}
    del tree["handoffs/1-core/0-lessons-learned.md"]
    write_tree(repo, {**tree, "milestone-lint.toml": WARN_ML3})
    return repo


def levels(run: Any) -> list[tuple[str, str, int, str]]:
    return [(d["code"], d["path"], d["line"], d["severity"]) for d in run.json()]


def test_text_marks_warnings_and_counts_both(mixed: Path, cli: Any) -> None:
    run = cli("check")
    assert run.code == 1
    assert run.lines[0].startswith(
        "handoffs/1-core:1:1: ML202 milestone 1-core/ has no 0-lessons-learned.md"
    )
    assert run.lines[1].startswith("handoffs/2-auth.md:4:1: ML301 [warning] bullet has 30 words")
    assert (
        run.lines[2] == "Found 2 problems (1 error, 1 warning) in 2 files. (1 fixable with --fix)"
    )


def test_only_warnings_pass_unless_strict(mixed: Path, cli: Any) -> None:
    write_tree(mixed, {"handoffs/1-core/0-lessons-learned.md": GOOD_TREE[
        "handoffs/1-core/0-lessons-learned.md"
    ]})  # fmt: skip
    run = cli("check")
    assert run.code == 0
    assert run.lines == [
        run.lines[0],
        "Found 1 problem (0 errors, 1 warning) in 1 file.",
    ]
    assert "ML301 [warning]" in run.lines[0]
    assert cli("check", "--strict").code == 1
    assert cli("check", "--strict", "--exit-zero").code == 0


def test_every_format_carries_the_level(mixed: Path, cli: Any) -> None:
    assert levels(cli("check", "--format", "json")) == [
        ("ML202", "handoffs/1-core", 1, "error"),
        ("ML301", "handoffs/2-auth.md", 4, "warning"),
    ]
    sarif = json.loads(cli("check", "--format", "sarif").out)
    assert [(r["ruleId"], r["level"]) for r in sarif["runs"][0]["results"]] == [
        ("ML202", "error"),
        ("ML301", "warning"),
    ]
    gitlab = json.loads(cli("check", "--format", "gitlab").out)
    assert [(i["check_name"], i["severity"]) for i in gitlab] == [
        ("ML202", "major"),
        ("ML301", "minor"),
    ]
    github = cli("check", "--format", "github").lines
    assert [line.split(" ", 1)[0] for line in github] == ["::error", "::warning"]
    junit = ET.fromstring(cli("check", "--format", "junit").out)
    suite = junit.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [c.find("failure") is not None for c in cases] == [True, False]
    out = cases[1].find("system-out")
    assert out is not None
    assert out.text is not None
    assert out.text.startswith("warning: handoffs/2-auth.md:4:1: ML301 bullet has 30 words")


def test_the_command_line_warns_and_the_longest_prefix_decides(mixed: Path, cli: Any) -> None:
    (mixed / "milestone-lint.toml").unlink()
    assert levels(cli("check", "--format", "json")) == [
        ("ML202", "handoffs/1-core", 1, "error"),
        ("ML301", "handoffs/2-auth.md", 4, "error"),
    ]
    assert levels(cli("check", "--format", "json", "--warn", "ml3,ML2")) == [
        ("ML202", "handoffs/1-core", 1, "warning"),
        ("ML301", "handoffs/2-auth.md", 4, "warning"),
    ]
    repo = mixed
    # select names ML301 whole: longer than warn's ML3, so it is an error again.
    (repo / "milestone-lint.toml").write_text('warn = ["ML3"]\nextend-select = ["ML301"]\n')
    assert levels(cli("check", "--format", "json"))[1] == (
        "ML301",
        "handoffs/2-auth.md",
        4,
        "error",
    )
    # warn enables a rule that is off by default, as a warning.
    (repo / "milestone-lint.toml").write_text('warn = ["ML307"]\n')
    rules = {line.split()[0]: line.split()[2] for line in cli("rules").lines}
    assert (rules["ML307"], rules["ML301"], rules["ML308"]) == ("warning", "error", "off")


def test_a_commit_with_only_warnings_goes_through_and_shows_them(repo: Path) -> None:
    write_tree(repo, {**GOOD_TREE, "milestone-lint.toml": WARN_ML3})
    commit_all(repo, "initial")
    subprocess.run([sys.executable, "-m", "milestone_lint", "install"], cwd=repo, check=True)
    write_tree(repo, {"handoffs/3-search.md": f"# Search - 2025-03-06\n\n## Summary\n- {LONG}\n"})
    git(repo, "add", "-A")
    done = subprocess.run(
        ["git", "commit", "-m", "search"], cwd=repo, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "handoffs/3-search.md:4:1: ML301 [warning]" in done.stdout + done.stderr
