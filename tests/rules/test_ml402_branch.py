"""ML402: a branch that changes files but writes no handoff (the PR gate, with --since)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import commit_all, git, write_tree

NEW_HANDOFF = "# Login Handoff - 2025-03-06\n\n## Summary\nDevice flow.\n"


@pytest.fixture
def branch(tracked: Path) -> Path:
    """GOOD_TREE and src/app.py on main, and a branch `topic` made from it, checked out."""
    write_tree(tracked, {"src/app.py": "print(1)\n", "docs/guide.txt": "guide\n"})
    commit_all(tracked, "code")
    git(tracked, "checkout", "-q", "-b", "topic")
    return tracked


def gate(cli: Any, *args: str) -> list[tuple[str, str, str]]:
    run = cli("check", "--since", "main", "--format", "json", "--extend-select", "ML402", *args)
    assert run.err == "", run.err
    return [(d["code"], d["path"], d["message"]) for d in run.json()]


def test_fires_on_a_code_only_branch(branch: Path, cli: Any) -> None:
    write_tree(branch, {"src/app.py": "print(2)\n", "src/db.py": "x = 1\n"})
    commit_all(branch, "more code")
    assert gate(cli) == [
        (
            "ML402",
            "src/app.py",
            "this branch changes 2 files matching handoff.require-for (src/app.py, src/db.py)"
            " and adds or changes no handoff in handoffs/; write one with"
            " `milestone-lint new handoff TITLE`",
        )
    ]
    run = cli("check", "--since", "main", "--extend-select", "ML402")
    assert run.code == 1
    assert run.out.startswith("src/app.py:1:1: ML402 this branch changes 2 files")


def test_a_deleted_file_is_a_change_too(branch: Path, cli: Any) -> None:
    git(branch, "rm", "-q", "docs/guide.txt")
    assert [path for _, path, _ in gate(cli)] == ["docs/guide.txt"]


def test_silent_once_a_handoff_is_added(branch: Path, cli: Any) -> None:
    write_tree(branch, {"src/app.py": "print(2)\n"})
    commit_all(branch, "code")
    # Not yet committed: the branch's work tree counts, as --since judges it.
    write_tree(branch, {"handoffs/3-login.md": NEW_HANDOFF})
    assert gate(cli) == []
    commit_all(branch, "handoff")
    assert gate(cli) == []


def test_an_edited_pending_handoff_counts(branch: Path, cli: Any) -> None:
    write_tree(branch, {"src/app.py": "print(2)\n"})
    with (branch / "handoffs/2-auth.md").open("a") as handoff:
        handoff.write("- Device flow\n")
    assert gate(cli) == []


def test_a_branch_that_only_changes_the_roots_needs_nothing(branch: Path, cli: Any) -> None:
    # The root's README is not a handoff, but files in the roots never need one.
    write_tree(branch, {"handoffs/README.md": "# How we write handoffs\n"})
    commit_all(branch, "readme")
    assert gate(cli) == []


def test_require_for_names_the_files_that_need_one(branch: Path, cli: Any) -> None:
    write_tree(branch, {"milestone-lint.toml": '[handoff]\nrequire-for = ["src/**"]\n'})
    git(branch, "add", "milestone-lint.toml")
    git(branch, "commit", "-q", "--no-verify", "-m", "config")
    git(branch, "checkout", "-q", "main")
    git(branch, "merge", "-q", "topic")
    git(branch, "checkout", "-q", "topic")
    write_tree(branch, {"docs/guide.txt": "a better guide\n"})
    commit_all(branch, "docs")
    assert gate(cli) == []
    write_tree(branch, {"src/app.py": "print(3)\n"})
    assert [path for _, path, _ in gate(cli)] == ["src/app.py"]


def test_what_main_did_since_the_branch_left_it_does_not_count(branch: Path, cli: Any) -> None:
    write_tree(branch, {"handoffs/README.md": "# How we write handoffs\n"})
    commit_all(branch, "readme")
    # main moves on with code of its own; the branch, behind it, changed only the root.
    git(branch, "checkout", "-q", "main")
    write_tree(branch, {"src/app.py": "print('main')\n"})
    commit_all(branch, "main's code")
    git(branch, "checkout", "-q", "topic")
    assert gate(cli) == []
    write_tree(branch, {"src/db.py": "x = 1\n"})
    assert [path for _, path, _ in gate(cli)] == ["src/db.py"]


def test_off_by_default_and_silent_without_since(branch: Path, cli: Any) -> None:
    write_tree(branch, {"src/app.py": "print(2)\n"})
    commit_all(branch, "code")
    run = cli("check", "--since", "main", "--format", "json")
    assert (run.code, run.json()) == (0, [])
    run = cli("check", "--extend-select", "ML402", "--format", "json")
    assert (run.code, run.json()) == (0, [])


def test_a_warning_when_warned(branch: Path, cli: Any) -> None:
    write_tree(branch, {"src/app.py": "print(2)\n"})
    run = cli("check", "--since", "main", "--extend-select", "ML402", "--warn", "ML402")
    assert run.code == 0
    assert run.out.startswith("src/app.py:1:1: ML402 [warning] this branch changes 1 file ")
