"""A monorepo: every configuration contributes its roots, each root is judged by the
configuration nearest to it, and ``extend`` inherits key by key (SPEC §4). The same verdict
from the repository root, a subfolder, with file paths, in the hook and through pre-commit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import InstallPreCommit, commit_all, git, write_tree

HANDOFF = "# Setup\n\n## Summary\n\n- basically one two three four five six\n- two\n- three\n"
CONFIGS = {
    # The shared settings: a section holds at most 2 bullets.
    "pyproject.toml": (
        '[tool.milestone-lint]\nroots = ["packages/b/handoffs"]\n\n'
        "[tool.milestone-lint.limits]\nsection-bullets = 2\n"
    ),
    # Package a: inherits them, with shorter bullets and filler as a warning; its roots are
    # its own (the default, handoffs beside it).
    "packages/a/milestone-lint.toml": (
        'extend = "../../pyproject.toml"\nwarn = ["ML305"]\n\n[limits]\nbullet-words = 5\n'
    ),
}
HANDOFFS = {
    "packages/a/handoffs/1-setup.md": HANDOFF,
    "packages/b/handoffs/1-setup.md": HANDOFF,
}
A = "packages/a/handoffs/1-setup.md"
B = "packages/b/handoffs/1-setup.md"
EXPECTED = [
    ("ML301", A, 5, 1, "error"),  # a's own limit
    ("ML304", A, 5, 1, "error"),  # inherited: [limits] merged key by key
    ("ML305", A, 5, 3, "warning"),  # a's warn
    ("ML304", B, 5, 1, "error"),
    ("ML305", B, 5, 3, "error"),
]
TEXT = [
    f"{A}:5:1: ML301 bullet has 7 words (limit 5); keep one fact per bullet and split or cut"
    " the rest",
    f'{A}:5:1: ML304 this list under "Summary" has 3 bullets (limit 2); keep the ones that'
    " matter, or group them under sub-headings",
    f'{A}:5:3: ML305 [warning] filler "basically": drop "basically"',
    f'{B}:5:1: ML304 this list under "Summary" has 3 bullets (limit 2); keep the ones that'
    " matter, or group them under sub-headings",
    f'{B}:5:3: ML305 filler "basically": drop "basically"',
]


def found(run: Any) -> list[tuple[str, str, int, int, str]]:
    assert run.code == 1, run.out + run.err
    return [(d["code"], d["path"], d["line"], d["column"], d["severity"]) for d in run.json()]


def shell(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )


def test_each_root_is_judged_by_its_nearest_configuration_wherever_the_run_starts(
    repo: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, {**CONFIGS, **HANDOFFS})
    commit_all(repo)
    from_root = cli("check", "--format", "json")
    assert found(from_root) == EXPECTED
    assert found(cli("check", "--format", "json", A, B)) == EXPECTED
    assert found(cli("check", "--staged", "--format", "json")) == EXPECTED
    for folder in ("packages/a", "packages/b/handoffs", "packages"):
        monkeypatch.chdir(repo / folder)
        assert cli("check", "--format", "json").out == from_root.out, folder
    monkeypatch.chdir(repo / "packages/a")
    assert found(cli("check", "--format", "json", "handoffs/1-setup.md")) == EXPECTED[:3]
    assert found(cli("check", "--format", "json", "../b/handoffs")) == EXPECTED[3:]
    # --config overrides the nearest configuration for every file: a's alone, its roots.
    only_a = cli("check", "--format", "json", "--config", "milestone-lint.toml")
    assert found(only_a) == EXPECTED[:3]


def test_config_names_the_file_each_setting_came_from(
    repo: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(repo, CONFIGS)
    monkeypatch.chdir(repo / "packages/a")
    run = cli("config")
    assert run.code == 0, run.err
    assert run.lines[:2] == [
        f"# {repo / 'packages/a/milestone-lint.toml'}",
        "# extends pyproject.toml",
    ]
    own = "# packages/a/milestone-lint.toml"
    assert f'extend = "../../pyproject.toml"  {own}' in run.lines
    assert f'warn = ["ML305"]  {own}' in run.lines
    assert f"bullet-words = 5  {own}" in run.lines
    assert "section-bullets = 2  # pyproject.toml" in run.lines
    assert 'roots = ["handoffs"]  # default' in run.lines  # roots are never inherited


def test_staged_reads_every_configuration_from_the_index(repo: Path, cli: Any) -> None:
    write_tree(repo, {**CONFIGS, **HANDOFFS})
    commit_all(repo)
    # Unstaged: a's bullets may be long again, and b gets a configuration of its own.
    write_tree(
        repo,
        {
            "packages/a/milestone-lint.toml": 'extend = "../../pyproject.toml"\n',
            "packages/b/milestone-lint.toml": 'select = ["ML1"]\n',
        },
    )
    assert found(cli("check", "--staged", "--format", "json")) == EXPECTED
    on_disk = found(cli("check", "--format", "json"))
    assert on_disk == [("ML304", A, 5, 1, "error"), ("ML305", A, 5, 3, "error")]


def test_the_plain_hook_and_pre_commit_judge_as_the_check_does(
    install_pre_commit: InstallPreCommit,
) -> None:
    repo = install_pre_commit("pre-commit", "      - id: milestone-lint\n", CONFIGS)
    write_tree(repo, HANDOFFS)
    git(repo, "add", "-A")
    done = shell(repo, "git", "commit", "-m", "handoffs")
    assert done.returncode == 1, done.stdout
    assert [line for line in done.stdout.splitlines() if ": ML" in line] == TEXT
    (repo / ".git/hooks/pre-commit").unlink()
    installed = shell(repo, sys.executable, "-m", "milestone_lint", "install")
    assert installed.returncode == 0, installed.stdout
    done = shell(repo, "git", "commit", "-m", "handoffs")
    assert done.returncode == 1, done.stdout
    assert [line for line in done.stdout.splitlines() if ": ML" in line] == TEXT
    hook = shell(repo, sys.executable, "-m", "milestone_lint", "check", "--staged", "--hook")
    assert [line for line in hook.stdout.splitlines() if ": ML" in line] == TEXT


def test_the_commit_gate_knows_the_roots_of_nested_configurations(repo: Path) -> None:
    # The top names no root there: only packages/c's configuration makes notes/ a root.
    write_tree(
        repo,
        {
            "pyproject.toml": '[tool.milestone-lint]\nroots = ["docs/handoffs"]\n',
            "docs/handoffs/1-start.md": "# Start\n\n## Summary\n\n- Begun.\n",
            "packages/c/milestone-lint.toml": 'roots = ["notes"]\n',
            "packages/c/notes/1-start.md": "# Start\n\n## Summary\n\n- Begun.\n",
        },
    )
    commit_all(repo)
    installed = shell(repo, sys.executable, "-m", "milestone_lint", "install")
    assert installed.returncode == 0, installed.stdout
    write_tree(repo, {"packages/c/src/app.py": "print()\n"})
    git(repo, "add", "-A")
    # As git runs the hook: a code-only commit costs the gate's two git calls, no more,
    # although three folders' configuration files are looked for.
    trace = repo.parent / "trace"
    env = {**os.environ, "GIT_INDEX_FILE": str(repo / ".git/index"), "GIT_TRACE": str(trace)}
    args = [sys.executable, "-m", "milestone_lint", "check", "--staged", "--hook"]
    hook = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert (hook.returncode, hook.stdout, hook.stderr) == (0, "", "")
    started = [
        line.split("git ", 1)[1]
        for line in trace.read_text().splitlines()
        if "trace: built-in: git " in line
    ]
    assert sorted(c.split()[0] for c in started) == ["cat-file", "diff-index"], started
    assert shell(repo, "git", "commit", "-m", "code").returncode == 0
    write_tree(repo, {"packages/c/notes/2-misnamed_file.md": "# Next\n\n## Summary\n\n- On.\n"})
    git(repo, "add", "-A")
    done = shell(repo, "git", "commit", "-m", "handoff")
    assert done.returncode == 1, done.stdout
    assert "packages/c/notes/2-misnamed_file.md:1:1: ML101" in done.stdout


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        (
            {
                "a/milestone-lint.toml": 'extend = "../b/milestone-lint.toml"\n',
                "b/milestone-lint.toml": 'extend = "../a/milestone-lint.toml"\n',
            },
            'b/milestone-lint.toml: "extend" makes a cycle (a/milestone-lint.toml →'
            " b/milestone-lint.toml → a/milestone-lint.toml); remove one of these extends",
        ),
        (
            {"a/milestone-lint.toml": 'extend = "../base.toml"\n'},
            'a/milestone-lint.toml: "extend" names ../base.toml, which does not exist; point'
            " it at a configuration file",
        ),
        (
            {"a/milestone-lint.toml": 'extend = "../../outside.toml"\n'},
            'a/milestone-lint.toml: "extend" names ../../outside.toml, outside the repository'
            " ({repo}); extend a configuration inside it",
        ),
        (
            {
                "a/milestone-lint.toml": 'extend = "../pyproject.toml"\n',
                "pyproject.toml": "[project]\nname = 'x'\n",
            },
            'a/milestone-lint.toml: "extend" names ../pyproject.toml, which has no'
            " [tool.milestone-lint] table; add one or extend another file",
        ),
    ],
)
def test_a_broken_extend_is_an_exit_2_error_naming_the_file(
    repo: Path, cli: Any, tree: dict[str, str], message: str
) -> None:
    (repo.parent / "outside.toml").write_text("select = ['ML1']\n")  # a file, but not ours
    write_tree(repo, tree)
    run = cli("check")
    assert (run.code, run.out) == (2, "")
    assert run.err == f"milestone-lint: error: {message.format(repo=repo)}\n"


def test_baseline_records_every_configurations_roots(repo: Path, cli: Any) -> None:
    """`baseline` makes the run `check` makes: the nested package's root is recorded too."""
    write_tree(repo, {**CONFIGS, **HANDOFFS})
    run = cli("baseline")
    assert run.code == 0
    assert run.lines[0] == f"recorded {len(EXPECTED)} problems in .milestone-lint-baseline.json"
    config = repo / "pyproject.toml"
    config.write_text(
        config.read_text().replace("roots =", 'baseline = ".milestone-lint-baseline.json"\nroots =')
    )
    run = cli("check")
    assert (run.code, run.out) == (
        0,
        f"All checks passed ({len(EXPECTED)} known problems in the baseline).\n",
    )


def test_a_configuration_in_an_ignored_folder_is_not_the_projects(repo: Path, cli: Any) -> None:
    """A dependency's own configuration (node_modules, a virtualenv) judges nothing: git does
    not list ignored folders, and the run does not walk them."""
    write_tree(
        repo,
        {
            ".gitignore": "node_modules/\n",
            "node_modules/pkg/milestone-lint.toml": 'roots = ["handoffs"]\n',
            "node_modules/pkg/handoffs/1-setup.md": HANDOFF,
            "handoffs/1-setup.md": "# Setup - 2025-03-01\n\n## Summary\n\n- done\n",
        },
    )
    run = cli("check")
    assert (run.code, run.out) == (0, "All checks passed.\n")
    # Once the folder is no longer ignored, its configuration names a root of the project.
    (repo / ".gitignore").write_text("")
    assert "node_modules/pkg/handoffs/1-setup.md" in cli("check").out
