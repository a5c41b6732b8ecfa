"""A monorepo seen by the commands beside ``check`` (issue 22): ``status``, ``context``, ``new``,
``rules``, ``config`` and Claude Code's SessionStart hook take every configuration's roots, each
root with the configuration nearest to it, wherever they start (SPEC §4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import commit_all, git, write_tree

SUMMARY = "# Setup\n\n## Date completed\n\n2024-01-01\n"
LESSONS = "# Lessons\n\n- One.\n"
HANDOFF = "# Next\n\n## Summary\n\n- Begun.\n"
TREE = {
    # The shared settings: 3-digit numbers, a milestone due at 5 pending handoffs. They judge
    # packages/b, which has no configuration of its own.
    "pyproject.toml": (
        '[tool.milestone-lint]\nroots = ["packages/b/handoffs"]\nnumber-width = 3\n\n'
        "[tool.milestone-lint.suggest]\nmin-handoffs = 5\n"
    ),
    # Package a inherits min-handoffs, with 2-digit numbers and system files of its own names.
    "packages/a/milestone-lint.toml": (
        'extend = "../../pyproject.toml"\nnumber-width = 2\nwarn = ["ML305"]\n'
        'system-files = ["0-summary.md", "0-lessons.md"]\n'
    ),
    "packages/a/src/app.py": "print()\n",
    "packages/a/handoffs/01-setup/0-summary.md": SUMMARY,
    "packages/a/handoffs/01-setup/0-lessons.md": LESSONS,
    "packages/a/handoffs/02-next.md": HANDOFF,
    "packages/b/handoffs/001-setup/0-milestone-summary.md": SUMMARY,
    "packages/b/handoffs/001-setup/0-lessons-learned.md": LESSONS,
    "packages/b/handoffs/002-next.md": HANDOFF,
}
A, B = "packages/a/handoffs", "packages/b/handoffs"


def block(root: str, milestone: str, handoff: str) -> str:
    return (
        f"{root}/ (global numbering)\n"
        "  milestones: 1\n"
        f"    {milestone:<32} 2024-01-01  0 handoffs\n"
        "  pending handoffs: 1\n"
        f"    {handoff}\n"
        "  milestone due: no (1 pending, min-handoffs 5)\n"
        # Two 0- files in each: a's by its own system-files, b's by the defaults.
        "  context: ~15 tokens in 2 0- files (what a fresh session loads)\n"
    )


STATUS_A = block(A, "01-setup", "02-next.md")
STATUS_B = block(B, "001-setup", "002-next.md")


@pytest.fixture
def mono(repo: Path) -> Path:
    write_tree(repo, TREE)
    commit_all(repo)
    return repo


def test_status_lists_every_root_with_its_own_settings_wherever_it_starts(
    mono: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = cli("status")
    assert (both.code, both.out, both.err) == (0, f"{STATUS_A}\n{STATUS_B}", "")
    for folder in ("packages/a", "packages/a/src", "packages/b/handoffs"):
        monkeypatch.chdir(mono / folder)
        assert cli("status").out == both.out, folder
    monkeypatch.chdir(mono)
    assert cli("status", "--root", A).out == STATUS_A
    assert cli("status", "--root", B).out == STATUS_B
    assert cli("status", "packages/a").out == STATUS_A
    assert cli("status", f"{B}/002-next.md").out == STATUS_B
    rows = cli("status", "--format", "json").json()
    assert [(r["root"], r["pending"], r["min_handoffs"], r["context_files"]) for r in rows] == [
        (A, ["02-next.md"], 5, 2),
        (B, ["002-next.md"], 5, 2),
    ]
    monkeypatch.chdir(mono / "packages/a")
    assert cli("status", ".").out == STATUS_A
    assert cli("status", "../b/handoffs").out == STATUS_B


def included(run: Any) -> list[tuple[str, list[str]]]:
    assert run.code == 0, run.err
    return [(p["root"], [i["path"] for i in p["included"]]) for p in run.json()]


def test_context_packs_each_root_by_its_own_system_files(
    mono: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The handoff to act on first, then the milestones' 0- files (SPEC §6 "Agents").
    pack_a = (A, [f"{A}/02-next.md", f"{A}/01-setup/0-summary.md", f"{A}/01-setup/0-lessons.md"])
    pack_b = (
        B,
        [
            f"{B}/002-next.md",
            f"{B}/001-setup/0-milestone-summary.md",
            f"{B}/001-setup/0-lessons-learned.md",
        ],
    )
    both = cli("context", "--format", "json")
    assert included(both) == [pack_a, pack_b]
    assert included(cli("context", "--format", "json", "packages/a")) == [pack_a]
    assert included(cli("context", "--format", "json", B)) == [pack_b]
    monkeypatch.chdir(mono / "packages/a")
    assert cli("context", "--format", "json").out == both.out
    assert included(cli("context", "--format", "json", ".")) == [pack_a]


def test_claude_session_start_packs_every_root_of_every_configuration(mono: Path, cli: Any) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "claude-hook", "session-start"],
        input=json.dumps({"hook_event_name": "SessionStart", "cwd": str(mono)}),
        cwd=mono,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    # The default budget (2,500) shared between the two roots.
    assert done.stdout == cli("context", "--budget", "1250").out
    assert f"{A}/01-setup/0-summary.md" in done.stdout
    assert f"{B}/001-setup/0-milestone-summary.md" in done.stdout


def test_new_handoff_numbers_as_the_root_s_configuration_says(
    mono: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    several = cli("new", "handoff", "Next step")
    assert (several.code, several.out) == (2, "")
    assert several.err == (
        f"milestone-lint: error: several roots ({A}, {B}); choose one with --root\n"
    )
    assert cli("new", "handoff", "Wide", "--root", B).out == f"{B}/003-wide.md\n"
    assert cli("new", "handoff", "Narrow", "--root", A).out == f"{A}/03-narrow.md\n"
    # Without --root: the root a package folder holds, the root the folder lies in, else the
    # one the configuration nearest to it names (packages/a/src: a's).
    for folder, title, made in (
        ("packages/a", "From a", f"{A}/04-from-a.md"),
        ("packages/a/src", "From src", f"{A}/05-from-src.md"),
        ("packages/b/handoffs", "From b", f"{B}/004-from-b.md"),
    ):
        monkeypatch.chdir(mono / folder)
        run = cli("new", "handoff", title)
        assert (run.code, run.out, run.err) == (0, f"{made}\n", ""), folder
    assert sorted(p.name for p in (mono / A).glob("*.md")) == [
        "02-next.md",
        "03-narrow.md",
        "04-from-a.md",
        "05-from-src.md",
    ]
    assert sorted(p.name for p in (mono / B).glob("*.md")) == [
        "002-next.md",
        "003-wide.md",
        "004-from-b.md",
    ]


def test_new_milestone_names_its_folder_and_system_files_as_the_root_s_configuration_says(
    mono: Path, cli: Any
) -> None:
    for root, number, summary, lessons in (
        (A, "02", "0-summary.md", "0-lessons.md"),
        (B, "002", "0-milestone-summary.md", "0-lessons-learned.md"),
    ):
        made = cli("new", "milestone", "Next step", "--root", root)
        assert made.code == 0, made.err
        folder = f"{root}/{number}-next-step"
        assert made.lines[:5] == [
            f"milestone {folder}",
            f"  create {folder}/",
            f"  git mv {root}/{number}-next.md -> {folder}/{number}-next.md",
            f"  write {folder}/{summary} (1 bullet drafted)",
            f"  write {folder}/{lessons} (0 lessons drafted)",
        ]
    assert git(mono, "status", "--porcelain").splitlines() == [
        f"A  {A}/02-next-step/0-lessons.md",
        f"A  {A}/02-next-step/0-summary.md",
        f"R  {A}/02-next.md -> {A}/02-next-step/02-next.md",
        f"A  {B}/002-next-step/0-lessons-learned.md",
        f"A  {B}/002-next-step/0-milestone-summary.md",
        f"R  {B}/002-next.md -> {B}/002-next-step/002-next.md",
    ]


def levels(run: Any, *codes: str) -> list[list[str]]:
    assert run.code == 0, run.err
    return [line.split()[:3] for line in run.lines if line.split()[0] in codes]


FILLER_ERROR = [["ML305", "filler", "error"]]
FILLER_WARNING = [["ML305", "filler", "warning"]]
NOTE = (
    "milestone-lint: note: these are the levels of the configuration here; packages/a sets its"
    " own: run milestone-lint rules FOLDER\n"
)


def test_rules_shows_the_levels_of_the_configuration_nearest_path(
    mono: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At the top: the top's levels, and a note that package a sets its own.
    top = cli("rules")
    assert (levels(top, "ML305"), top.err) == (FILLER_ERROR, NOTE)
    for path in ("packages/a", f"{A}/02-next.md", "packages/a/src"):
        run = cli("rules", path)
        assert (levels(run, "ML305"), run.err) == (FILLER_WARNING, ""), path
    run = cli("rules", B)
    assert (levels(run, "ML305"), run.err) == (FILLER_ERROR, "")
    monkeypatch.chdir(mono / "packages/a")
    here = cli("rules")
    assert (levels(here, "ML305"), here.err) == (FILLER_WARNING, "")
    assert levels(cli("rules", "../b"), "ML305") == FILLER_ERROR
    monkeypatch.chdir(mono / "packages")
    assert cli("rules").err == NOTE.replace("packages/a sets", "a sets")


@pytest.mark.parametrize("command", ["rules", "config"])
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("packages/c", "packages/c: no such file or folder; check the path"),
        ("../elsewhere", "../elsewhere: outside the repository ({repo}); give a path inside it"),
    ],
)
def test_rules_and_config_refuse_a_path_that_is_not_in_the_repository(
    mono: Path, cli: Any, command: str, path: str, message: str
) -> None:
    (mono.parent / "elsewhere").mkdir(exist_ok=True)
    run = cli(command, path)
    assert (run.code, run.out) == (2, "")
    assert run.err == f"milestone-lint: error: {message.format(repo=mono)}\n"


def test_rules_with_a_rule_code_still_points_at_rule(mono: Path, cli: Any) -> None:
    run = cli("rules", "ML301")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        'milestone-lint: error: "rules" lists every rule; for one, run milestone-lint rule ML301\n'
    )


def test_config_shows_the_configuration_nearest_path(
    mono: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = "# packages/a/milestone-lint.toml"
    for path in ("packages/a", f"{A}/02-next.md"):
        run = cli("config", path)
        assert run.code == 0, run.err
        assert run.lines[:2] == [
            f"# {mono / 'packages/a/milestone-lint.toml'}",
            "# extends pyproject.toml",
        ]
        assert f"number-width = 2  {own}" in run.lines
        assert 'roots = ["handoffs"]  # default' in run.lines
        assert "min-handoffs = 5  # pyproject.toml" in run.lines
    top = cli("config", B)
    assert top.lines[0] == f"# {mono / 'pyproject.toml'}"
    assert "number-width = 3  # pyproject.toml" in top.lines
    assert top.out == cli("config").out  # no PATH: the current folder's, the top's
    monkeypatch.chdir(mono / "packages/a/src")
    assert cli("config").out == cli("config", "..").out
    assert cli("config", "../../b").out == top.out


def test_claude_session_start_finds_roots_that_only_a_package_names(repo: Path, cli: Any) -> None:
    """No configuration at the top: the package's own names its root (handoffs beside it)."""
    write_tree(
        repo,
        {
            "packages/a/milestone-lint.toml": "number-width = 2\n",
            "packages/a/handoffs/01-next.md": HANDOFF,
        },
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "claude-hook", "session-start"],
        input=json.dumps({"hook_event_name": "SessionStart", "cwd": str(repo)}),
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == cli("context").out
    assert f"## {A}/01-next.md (newest: act on this one)\n" in done.stdout
