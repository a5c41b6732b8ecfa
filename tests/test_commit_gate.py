"""What a commit is judged by: the staged configuration, the commit's own files, and a gate
that lets a commit touching no root through at the cost of git calls alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.conftest import GOOD_TREE, LONG, commit_all, git, write_tree

BAD = f"# Search Handoff - 2025-03-06\n\n## Summary\n- {LONG}\n"
IGNORE_ML301 = 'ignore = ["ML301"]\n'


@pytest.fixture
def tracked(repo: Path) -> Path:
    write_tree(repo, {**GOOD_TREE, "src/app.txt": "app\n"})
    commit_all(repo, "initial")
    return repo


def staged_codes(cli: Any, *args: str) -> list[tuple[str, str, int]]:
    run = cli("check", "--staged", "--hook", "--format", "json", *args)
    assert run.err == "", run.err
    return [(d["code"], d["path"], d["line"]) for d in run.json()]


# --- the configuration that will be committed --------------------------------------------------


def test_an_untracked_config_changes_nothing(tracked: Path, cli: Any) -> None:
    write_tree(tracked, {"handoffs/3-search.md": BAD})
    git(tracked, "add", "handoffs/3-search.md")
    (tracked / ".milestone-lint.toml").write_text(IGNORE_ML301)
    assert staged_codes(cli) == [("ML301", "handoffs/3-search.md", 4)]
    # The working tree's view does use it.
    assert cli("check", "--format", "json").json() == []


def test_an_unstaged_config_edit_changes_nothing(tracked: Path, cli: Any) -> None:
    (tracked / "pyproject.toml").write_text(f"[tool.milestone-lint]\n{IGNORE_ML301}")
    commit_all(tracked, "config")
    write_tree(tracked, {"handoffs/3-search.md": BAD})
    git(tracked, "add", "handoffs/3-search.md")
    (tracked / "pyproject.toml").write_text("[tool.milestone-lint]\n")
    assert staged_codes(cli) == []
    assert [d["code"] for d in cli("check", "--format", "json").json()] == ["ML301"]


def test_a_staged_config_edit_counts(tracked: Path, cli: Any) -> None:
    write_tree(tracked, {"handoffs/3-search.md": BAD})
    git(tracked, "add", "handoffs/3-search.md")
    assert staged_codes(cli) == [("ML301", "handoffs/3-search.md", 4)]
    (tracked / "pyproject.toml").write_text(f"[tool.milestone-lint]\n{IGNORE_ML301}")
    git(tracked, "add", "pyproject.toml")
    assert staged_codes(cli) == []
    # Staged, then edited on disk: the staged version still rules the commit.
    (tracked / "pyproject.toml").write_text("[tool.milestone-lint]\n")
    assert staged_codes(cli) == []


def test_a_broken_staged_config_is_named_as_staged(tracked: Path, cli: Any) -> None:
    (tracked / "milestone-lint.toml").write_text("roots = [\n")
    git(tracked, "add", "milestone-lint.toml")
    (tracked / "milestone-lint.toml").write_text('roots = ["handoffs"]\n')
    run = cli("check", "--staged", "--hook")
    assert run.code == 2
    assert run.err.startswith(
        f"milestone-lint: error: {tracked / 'milestone-lint.toml'} (as staged): invalid TOML:"
    )


def test_a_staged_roots_change_moves_what_is_judged(tracked: Path, cli: Any) -> None:
    write_tree(tracked, {"notes/1-core/1-setup.md": "# Setup - 2025-03-01\n\n- fact\n"})
    (tracked / ".milestone-lint.toml").write_text('roots = ["notes"]\n')
    git(tracked, "add", "-A")
    assert [(c, p) for c, p, _ in staged_codes(cli)] == [
        ("ML201", "notes/1-core"),
        ("ML202", "notes/1-core"),
    ]


# --- the gate ----------------------------------------------------------------------------------

HOOK_CHECK = ["check", "--staged", "--hook"]
HEAVY = (
    "click",
    "mistune",
    "milestone_lint.rules",
    "milestone_lint.check.engine",
    "milestone_lint.markdown",
    "tomllib",
    "git",
    "dataclasses",
)
# Runs the entry point as a hook does, then prints what it loaded: the heavy modules (top-level
# names, milestone_lint's whole) and the milestone_lint modules that define a dataclass.
PROBE = (
    "import sys; from milestone_lint.cli import main; code = main(sys.argv[2:]);"
    " sys.stdout.flush(); heavy = tuple(sys.argv[1].split(','));"
    " loaded = sorted({m.split('.')[0] if not m.startswith('milestone_lint') else m"
    " for m in sys.modules if m.startswith(heavy)});"
    " defining = sorted(n for n, m in list(sys.modules.items()) if n.startswith('milestone_lint')"
    " and any(isinstance(v, type) and v.__module__ == n and '__dataclass_fields__' in vars(v)"
    " for v in vars(m).values()));"
    " import json; print(json.dumps([code, loaded, defining]))"
)


class Probed(NamedTuple):
    code: int
    loaded: list[str]  # heavy modules
    defining: list[str]  # milestone_lint modules defining a dataclass
    printed: str  # what the run printed on stdout
    err: str  # and on stderr


def probe_run(cwd: Path, args: list[str], heavy: tuple[str, ...] = HEAVY) -> Probed:
    """Run ``milestone-lint ARGS`` as a hook does and say what it loaded and printed."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(heavy), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    *printed, last = done.stdout.split("\n")[:-1]
    code, loaded, defining = json.loads(last)
    return Probed(code, loaded, defining, "".join(line + "\n" for line in printed), done.stderr)


def run_probe(
    cwd: Path, args: list[str] = HOOK_CHECK, heavy: tuple[str, ...] = HEAVY
) -> tuple[int, list[str], list[str]]:
    """Exit code, heavy modules loaded, and milestone_lint modules defining a dataclass."""
    return probe_run(cwd, args, heavy)[:3]


def probe(cwd: Path) -> tuple[int, list[str]]:
    code, loaded, _ = run_probe(cwd)
    return code, loaded


def test_a_commit_touching_no_root_imports_no_rule_and_parses_nothing(tracked: Path) -> None:
    (tracked / "src/app.txt").write_text("changed\n")
    git(tracked, "add", "src/app.txt")
    assert probe(tracked) == (0, [])


def test_a_commit_touching_a_root_runs_the_check(tracked: Path) -> None:
    write_tree(tracked, {"handoffs/3-search.md": BAD})
    git(tracked, "add", "handoffs/3-search.md")
    code, modules = probe(tracked)
    assert code == 1
    assert "milestone_lint.check.engine" in modules
    assert "mistune" in modules
    assert "click" not in modules  # the hook's command line skips click


def test_hook_paths_load_no_gitpython_and_define_no_dataclass(tracked: Path) -> None:
    write_tree(tracked, {"handoffs/3-search.md": BAD})
    git(tracked, "add", "handoffs/3-search.md")
    code, loaded, defining = run_probe(tracked)
    assert code == 1
    assert "mistune" in loaded  # the handoff was parsed and judged
    assert "git" not in loaded
    # No module of the check defines a dataclass (mistune's list parser imports the module).
    assert defining == []


def test_the_suggestion_loads_neither_gitpython_nor_dataclasses(tracked: Path) -> None:
    write_tree(tracked, {"handoffs/3-search.md": "# Search Handoff - 2025-03-06\n"})
    commit_all(tracked, "feat: search")
    # What shows the suggestion ran through to the pending handoffs: the layout and its reader.
    heavy = (*HEAVY, "milestone_lint.layout.model", "milestone_lint.suggest.pending")
    args = ["suggest", "--hook-type", "post-commit"]
    assert run_probe(tracked, args, heavy) == (
        0,
        ["milestone_lint.layout.model", "milestone_lint.suggest.pending"],
        [],
    )


@pytest.mark.parametrize(
    "change",
    [
        "pyproject.toml",  # a config file anywhere may move the roots
        "handoffs/1-core/diagram.png",  # a non-markdown file in a root (ML109)
    ],
)
def test_the_gate_lets_root_and_config_changes_through(tracked: Path, change: str) -> None:
    write_tree(tracked, {change: "[tool.other]\n"})
    git(tracked, "add", change)
    code, modules = probe(tracked)
    assert "milestone_lint.check.engine" in modules
    assert code == (1 if change.endswith(".png") else 0)


def test_a_deletion_in_a_root_is_judged(tracked: Path) -> None:
    git(tracked, "rm", "-q", "--cached", "handoffs/1-core/0-lessons-learned.md")
    code, modules = probe(tracked)
    assert code == 1
    assert "milestone_lint.check.engine" in modules


def test_the_gate_reads_roots_from_the_staged_config(tracked: Path, cli: Any) -> None:
    (tracked / "pyproject.toml").write_text('[tool.milestone-lint]\nroots = ["src"]\n')
    commit_all(tracked, "config")
    (tracked / "src/app.txt").write_text("changed\n")
    git(tracked, "add", "src/app.txt")
    code, modules = probe(tracked)
    assert "milestone_lint.check.engine" in modules  # src/ is a root now
    assert code == 0


# --- which files the hook judges ---------------------------------------------------------------


def test_every_file_when_the_index_equals_head(tracked: Path, cli: Any) -> None:
    # As CI's `pre-commit run --all-files` on a clean checkout: old debt is reported.
    (tracked / "handoffs/2-auth.md").write_text(BAD.replace("Search", "Auth"))
    commit_all(tracked, "debt")
    assert staged_codes(cli) == [("ML301", "handoffs/2-auth.md", 4)]


def test_pre_commit_range_narrows_content_rules(
    tracked: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tracked / "handoffs/2-auth.md").write_text(BAD.replace("Search", "Auth"))
    commit_all(tracked, "old debt")
    git(tracked, "checkout", "-q", "-b", "feature/search")
    write_tree(tracked, {"handoffs/3-search.md": BAD})
    commit_all(tracked, "search")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    assert staged_codes(cli) == [("ML301", "handoffs/3-search.md", 4)]
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "no-such-ref")
    run = cli("check", "--staged", "--hook")
    assert run.code == 2
    assert run.err.startswith(f"milestone-lint: error: git diff failed in {tracked}: fatal: ")


def test_a_root_that_climbs_out_sends_the_commit_to_the_check(tracked: Path) -> None:
    """roots = ["docs/.."] is refused by discovery; the gate must not pass it unjudged."""
    (tracked / "milestone-lint.toml").write_text('roots = ["docs/.."]\n')
    commit_all(tracked, "config")
    (tracked / "src/app.txt").write_text("changed\n")
    git(tracked, "add", "src/app.txt")
    code, _ = probe(tracked)
    assert code == 2  # the full check ran, and refused the root
