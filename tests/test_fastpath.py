"""The hook path reads ``check``'s command line without click, from the same option table: it
must read every spelling as click does, and hand everything else to click."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milestone_lint.check.options import OPTIONS, CheckOptions, read_command_line
from milestone_lint.commands.check import check
from tests.conftest import GOOD_TREE, LONG, commit_all, git, write_tree
from tests.test_commit_gate import probe_run

BAD = f"# Search Handoff - 2025-03-06\n\n## Summary\n- {LONG}\n"


def click_reads(args: list[str]) -> CheckOptions | None:
    """What click makes of ``check ARGS`` (None where it refuses them)."""
    try:
        ctx = check.make_context("check", list(args), resilient_parsing=False)
    except (click.exceptions.Exit, click.ClickException):
        return None
    params = dict(ctx.params)
    return CheckOptions(paths=params.pop("paths"), **params)


def test_the_table_is_every_option_of_check_options() -> None:
    assert sorted(o.dest for o in OPTIONS) == sorted(set(CheckOptions._fields) - {"paths"})
    assert {p.name for p in check.params} == set(CheckOptions._fields)


WORDS = [
    *(flag for option in OPTIONS for flag in option.flags),
    "--format=json", "--format=nope", "--since=origin/main", "-o=x", "--help", "--", "-qo",
    "--qiet", "--selec", "-", "", "json", "full", "sarif", "ML3", "ml301,ML1", "handoffs",
    "afile", "adir", "origin/main", "-x",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=7))
def test_the_hook_reader_reads_as_click_does(
    tmp_path_factory: pytest.TempPathFactory, words: list[str]
) -> None:
    here = tmp_path_factory.mktemp("cwd")
    (here / "adir").mkdir()
    (here / "afile").write_text("x")
    before = os.getcwd()
    os.chdir(here)
    try:
        ours = read_command_line(words)
        theirs = click_reads(words)
    finally:
        os.chdir(before)
    if ours is not None:
        assert ours == theirs


@pytest.mark.parametrize(
    "args",
    [
        ["--staged", "--hook"],
        ["--hook", "--staged"],
        ["--staged", "--hook", "-q"],
        ["--staged", "--hook", "--exit-zero"],
        ["--staged", "--hook", "--format=full", "--no-color"],
        ["--select", "ML1,ML3", "--ignore", "ml305", "--select", "ML2", "handoffs"],
        ["--format", "json", "-o", "report.json", "--config", "milestone-lint.toml"],
        ["--since", "origin/main", "--extend-select", "ML307", "--color", "--no-color"],
    ],
)
def test_every_spelling_is_read_without_click(args: list[str]) -> None:
    ours = read_command_line(args)
    assert ours is not None
    assert ours == click_reads(args)


@pytest.mark.parametrize("args", [["--help"], ["--", "x"], ["--format"], ["--format", "xml"]])
def test_anything_else_is_clicks(args: list[str]) -> None:
    assert read_command_line(args) is None


# --- real commits: every spelling of the hook line gets the gate, and no click ------------------

SPELLINGS = [
    ["check", "--staged", "--hook"],
    ["check", "--hook", "--staged"],
    ["check", "--staged", "--hook", "-q"],
    ["check", "--staged", "--hook", "--exit-zero"],
    ["--staged", "--hook"],
]


@pytest.fixture
def tracked(repo: Path) -> Path:
    write_tree(repo, {**GOOD_TREE, "src/app.txt": "app\n"})
    commit_all(repo, "initial")
    return repo


@pytest.mark.parametrize("args", SPELLINGS)
def test_a_commit_touching_no_root_passes_the_gate_in_every_spelling(
    tracked: Path, args: list[str]
) -> None:
    (tracked / "src/app.txt").write_text("changed\n")
    git(tracked, "add", "src/app.txt")
    assert probe_run(tracked, args) == (0, [], [], "", "")


@pytest.mark.parametrize("args", SPELLINGS)
def test_a_commit_touching_a_root_is_judged_in_every_spelling(
    tracked: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from milestone_lint.commands.group import run_click

    write_tree(tracked, {"handoffs/3-search.md": BAD})
    git(tracked, "add", "handoffs/3-search.md")
    code, modules, _, printed, _ = probe_run(tracked, args)
    assert "click" not in modules
    assert "milestone_lint.check.engine" in modules
    through_click = run_click(list(args))
    assert (code, printed) == (through_click, capsys.readouterr().out)
    assert code == (0 if "--exit-zero" in args else 1)
    assert "ML301" in printed


def test_a_format_that_prints_when_clean_is_not_gated(tracked: Path) -> None:
    """JSON of a clean commit is ``[]``, not nothing: the run judges, as click's would."""
    (tracked / "src/app.txt").write_text("changed\n")
    git(tracked, "add", "src/app.txt")
    code, modules, _, printed, _ = probe_run(
        tracked, ["check", "--staged", "--hook", "--format", "json"]
    )
    assert (code, printed) == (0, "[]\n")
    assert "milestone_lint.check.engine" in modules
    assert "click" not in modules
