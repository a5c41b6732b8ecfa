"""Every rule's documented examples, run: the bad one fires that rule alone, the good one nothing.

The examples are the ones ``milestone-lint rule CODE`` prints (``Rule.bad``/``Rule.good``), built
here in a fresh repository and judged by the real ``check``, so a documented example cannot drift
from what the rule does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from milestone_lint.rules.base import Rule
from milestone_lint.rules.examples import Example
from milestone_lint.rules.registry import ALL_RULES
from tests.conftest import commit_all, git, write_tree


def codes_found(repo: Path, cli: Any, rule: Rule, example: Example) -> list[str]:
    """The codes ``check --format json`` reports for ``example`` built in ``repo``."""
    args = ["check", "--format", "json"]
    if example.since:
        assert example.committed is not None
        write_tree(repo, example.committed)
        commit_all(repo)
        git(repo, "branch", "-M", "main")
        git(repo, "checkout", "-q", "-b", "topic")
        write_tree(repo, example.files)
        commit_all(repo)
        args += ["--since", "main"]
    elif example.committed is not None:
        write_tree(repo, example.committed)
        commit_all(repo)
        write_tree(repo, example.files)
        git(repo, "add", "-A")
        args.append("--staged")
    else:
        write_tree(repo, example.files)
    if not rule.default_enabled:
        args += ["--extend-select", rule.code]
    run = cli(*args)
    assert run.err == ""
    assert run.code == (1 if run.json() else 0)
    return [d["code"] for d in run.json()]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_bad_example_fires_its_rule_alone(repo: Path, cli: Any, rule: Rule) -> None:
    codes = codes_found(repo, cli, rule, rule.bad)
    assert codes
    assert set(codes) == {rule.code}


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_the_good_example_fires_nothing(repo: Path, cli: Any, rule: Rule) -> None:
    assert codes_found(repo, cli, rule, rule.good) == []


def test_rule_prints_a_layout_example_as_a_tree(cli: Any) -> None:
    run = cli("rule", "ML105")
    assert run.code == 0
    assert run.out.split("## Example\n", 1)[1] == (
        "Bad:\n```\nhandoffs/\n  1-setup.md\n  2-implementation.md\n  5-app-structure.md\n```\n\n"
        "Good:\n```\nhandoffs/\n  1-setup.md\n  2-implementation.md\n  3-app-structure.md\n```\n"
    )


def test_rule_prints_a_content_example_as_its_file(cli: Any) -> None:
    run = cli("rule", "ML001")
    assert run.out.split("## Example\n", 1)[1] == (
        "Bad:\n```\nhandoffs/2-tokens.md:\n# Tokens Handoff - 2025-03-05\n\n## Summary\n"
        "- Tokens for the caf\\xe9 kiosk\n```\n\n"
        "Good:\n```\nhandoffs/2-tokens.md:\n# Tokens Handoff - 2025-03-05\n\n## Summary\n"
        "- Tokens for the café kiosk\n```\n"
    )


def test_rule_prints_a_staged_example_as_head_and_the_change(cli: Any) -> None:
    bad = cli("rule", "ML401").out.split("Bad:\n", 1)[1].split("\n\nGood:", 1)[0]
    assert bad == (
        "```\nHEAD:\nhandoffs/\n  1-auth/\n    0-lessons-learned.md\n    0-milestone-summary.md\n"
        "    1-login.md\n\nstaged (check --staged):\n  handoffs/1-auth/1-login.md  (edited)\n```"
    )


def test_a_fence_in_an_example_gets_a_longer_fence_around_it(cli: Any) -> None:
    doc = cli("rule", "ML310").out
    assert "Bad:\n````\nhandoffs/2-tokens.md:\n" in doc
    assert doc.endswith("````\n`````\n")
