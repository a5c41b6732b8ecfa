"""new handoff, new milestone, status, init and --fix, in real repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import commit_all, git, write_tree

TODAY = dt.date.today().isoformat()
CORE = {
    "handoffs/1-core/0-milestone-summary.md": (
        "# Core Milestone Summary - 2025-03-01\n\n## Changes\n- Models\n\n## Decisions\n"
        "- UUID keys: offline IDs\n\n## Discoveries\n- SQLite quirks\n\n"
        "## Current system state\n- Tests pass\n"
    ),
    "handoffs/1-core/0-lessons-learned.md": (
        "# Lessons\n\n## Migrations\n\n**Problem:** SQLite.\n\n**Solution:** Batch mode.\n"
    ),
    "handoffs/1-core/1-setup.md": "# Setup Handoff - 2025-03-01\n\n## Summary\nSkeleton.\n",
}
PENDING = {
    "handoffs/2-auth.md": """\
# Auth Handoff - 2025-03-05

## Summary
Implemented login with the OAuth device flow. Tokens are stored in the OS keyring.

## Discoveries
- The keyring is locked in CI: tests use a fake backend

## Problems & Solutions
- **Problem:** Login hung in CI
- **Solution:** Fake keyring backend in conftest

## Work in Progress
- Refresh-token rotation: 70%

## Deviations
- Dropped PKCE: the provider does not support it

## References
- [setup](1-core/1-setup.md), [next](3-login.md)
""",
    "handoffs/3-login.md": """\
# Login Handoff - 2025-03-06

## Summary
Added the login form.

## Discoveries
- The keyring is locked in CI: tests use a fake backend
- Device flow polls every 5 s

## Problems & Solutions

**Problem:** Form lost focus on error.

**Solution:** Keep focus on the first invalid field.

## Work in Progress
- Logout: 20%

## Deviations
- Inline error messages, not toasts: screen readers announce them
""",
    "handoffs/4-tokens.md": """\
# Tokens Handoff - 2025-03-07

## Summary
Token refresh worker runs every minute.

## Discoveries
- Clock skew of 2 s is common

## Problems & Solutions
- **Problem:** Clock skew expired tokens early
- **Solution:** Refresh 30 s before expiry

## Work in Progress
- Token revocation: not started

## Deviations
- Refresh in a thread, not asyncio: the client library blocks
""",
}


@pytest.fixture
def project(repo: Path) -> Path:
    write_tree(repo, {**CORE, **PENDING, "NOTES.md": "See [auth](handoffs/2-auth.md).\n"})
    write_tree(repo, {"handoffs/README.md": "# Handoffs\n\nSee [login](3-login.md).\n"})
    commit_all(repo, "initial")
    return repo


def test_new_milestone_distils_moves_and_lints_clean_but_placeholders(
    project: Path, cli: Any
) -> None:
    run = cli("new", "milestone", "Auth flow")
    assert run.code == 0, run.err
    assert run.lines[0] == "milestone handoffs/2-auth-flow"
    status = git(project, "status", "--porcelain").splitlines()
    assert sorted(status) == [
        "A  handoffs/2-auth-flow/0-lessons-learned.md",
        "A  handoffs/2-auth-flow/0-milestone-summary.md",
        "M  handoffs/README.md",
        "R  handoffs/2-auth.md -> handoffs/2-auth-flow/2-auth.md",
        "R  handoffs/3-login.md -> handoffs/2-auth-flow/3-login.md",
        "R  handoffs/4-tokens.md -> handoffs/2-auth-flow/4-tokens.md",
    ]
    summary = (project / "handoffs/2-auth-flow/0-milestone-summary.md").read_text()
    assert (
        summary
        == f"""\
# Auth flow Milestone Summary - {TODAY}

## Changes
- Implemented login with the OAuth device flow.
- Tokens are stored in the OS keyring.
- Added the login form.
- Token refresh worker runs every minute.

## Decisions
- Dropped PKCE: the provider does not support it
- Inline error messages, not toasts: screen readers announce them
- Refresh in a thread, not asyncio: the client library blocks

## Discoveries
- The keyring is locked in CI: tests use a fake backend
- Device flow polls every 5 s
- Clock skew of 2 s is common

## Current system state
- Token revocation: not started
"""
    )
    lessons = (project / "handoffs/2-auth-flow/0-lessons-learned.md").read_text()
    assert "## Login hung in CI\n\n**Problem:** Login hung in CI\n\n" in lessons
    assert "**Solution:** Keep focus on the first invalid field." in lessons
    assert "**Solution:** Refresh 30 s before expiry" in lessons
    moved = (project / "handoffs/2-auth-flow/2-auth.md").read_text()
    assert "- [setup](../1-core/1-setup.md), [next](3-login.md)" in moved
    assert (project / "handoffs/README.md").read_text() == (
        "# Handoffs\n\nSee [login](2-auth-flow/3-login.md).\n"
    )
    check = cli("check", "--format", "json")
    assert check.json() == []


def test_silent_handoffs_leave_placeholders_that_check_reports(repo: Path, cli: Any) -> None:
    write_tree(repo, {**CORE, "handoffs/2-a.md": "# A\n\n## Summary\nDid A.\n"})
    commit_all(repo)
    assert cli("new", "milestone", "alpha").code == 0
    run = cli("check", "--format", "json")
    assert {d["code"] for d in run.json()} == {"ML306"}
    assert [d["path"] for d in run.json()].count("handoffs/2-alpha/0-milestone-summary.md") == 3


def test_dry_run_changes_nothing(project: Path, cli: Any) -> None:
    before = git(project, "status", "--porcelain")
    run = cli("new", "milestone", "Auth flow", "--handoffs", "2-3", "--dry-run")
    assert run.code == 0
    end = run.lines.index("  left out of the drafts (still in the moved handoffs):")
    assert run.lines[:end] == [
        "milestone handoffs/2-auth-flow (dry run: nothing changed)",
        "  create handoffs/2-auth-flow/",
        "  git mv handoffs/2-auth.md -> handoffs/2-auth-flow/2-auth.md",
        "  git mv handoffs/3-login.md -> handoffs/2-auth-flow/3-login.md",
        "  fix relative links in handoffs/2-auth-flow/2-auth.md",
        "  fix relative links in handoffs/README.md",
        "  write handoffs/2-auth-flow/0-milestone-summary.md (8 bullets drafted)",
        "  write handoffs/2-auth-flow/0-lessons-learned.md (2 lessons drafted)",
    ]
    assert git(project, "status", "--porcelain") == before
    assert not (project / "handoffs/2-auth-flow").exists()
    # The drafted files follow, each under a line naming it: what the real run writes.
    summary_head = "--- handoffs/2-auth-flow/0-milestone-summary.md (drafted) ---\n"
    lessons_head = "\n\n--- handoffs/2-auth-flow/0-lessons-learned.md (drafted) ---\n"
    summary, lessons = run.out.split(summary_head, 1)[1].split(lessons_head)
    assert cli("new", "milestone", "Auth flow", "--handoffs", "2-3").code == 0
    folder = project / "handoffs/2-auth-flow"
    # (Trailing blank lines aside: the output ends each file at its last line.)
    assert (folder / "0-milestone-summary.md").read_text().rstrip("\n") == summary
    assert (folder / "0-lessons-learned.md").read_text().rstrip("\n") == lessons.rstrip("\n")


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("exists", ("auth",), "handoffs/2-auth: already exists; nothing was changed"),
        ("none", ("auth", "--handoffs", "2,9"), "--handoffs 2,9: no pending handoff numbered 9"),
        ("none", ("auth", "--handoffs", "x"), '--handoffs "x": write numbers and ranges'),
        ("none", ("auth", "--handoffs", "4-2"), "--handoffs 4-2: 4-2 runs backwards; write 2-4"),
        (
            "none",
            ("auth", "--handoffs", "2,4"),
            "--handoffs 2,4: would leave handoff 3 pending below the milestone's (ML106);"
            " distil the oldest first: --handoffs 2-4 (nothing was changed)",
        ),
        (
            "none",
            ("auth", "--handoffs", "3-4"),
            "--handoffs 3-4: would leave handoff 2 pending below the milestone's (ML106);"
            " distil the oldest first: --handoffs 2-4 (nothing was changed)",
        ),
        ("none", ("auth", "--handoffs", "2--3"), '--handoffs "2--3": write numbers and ranges'),
        ("none", ("auth", "--handoffs", ""), '--handoffs "": write numbers and ranges'),
        ("none", ("auth", "--handoffs", "-3"), '--handoffs "-3": write numbers and ranges'),
        (
            "none",
            ("auth", "--handoffs", "2-100000000000"),
            "--handoffs 2-100000000000: no pending handoff numbered 5; pending handoffs are"
            " numbered 2-4 (see milestone-lint status)",
        ),
        ("unstaged", ("auth",), "handoffs/3-login.md: unstaged changes would be mixed"),
        ("locked", ("auth",), "the git index is locked"),
        ("none", ("!!!",), 'milestone name "!!!" has no ASCII letters or digits'),
    ],
)
def test_refusals_change_nothing(
    project: Path, cli: Any, setup: str, args: tuple[str, ...], message: str
) -> None:
    if setup == "exists":
        (project / "handoffs/2-auth").write_text("a file where the folder would go\n")
    elif setup == "unstaged":
        (project / "handoffs/3-login.md").write_text("# Login - 2025-03-06\n\nchanged\n")
    elif setup == "locked":
        (project / ".git/index.lock").write_text("")
    before = git(project, "status", "--porcelain", "--untracked-files=all")
    run = cli("new", "milestone", *args)
    assert run.code == 2
    assert message in run.err
    assert run.err.count("\n") == 1
    (project / ".git/index.lock").unlink(missing_ok=True)
    assert git(project, "status", "--porcelain", "--untracked-files=all") == before


def test_untracked_handoffs_move_without_git(tmp_path: Path, cli: Any, monkeypatch: Any) -> None:
    write_tree(tmp_path, {**CORE, **PENDING})
    monkeypatch.chdir(tmp_path)
    run = cli("new", "milestone", "auth")
    assert run.code == 0, run.err
    assert "  move handoffs/2-auth.md -> handoffs/2-auth/2-auth.md" in run.lines
    assert (tmp_path / "handoffs/2-auth/4-tokens.md").exists()


def test_new_handoff_numbers_and_template(project: Path, cli: Any) -> None:
    run = cli("new", "handoff", "Session expiry!")
    assert (run.code, run.out) == (0, "handoffs/5-session-expiry.md\n")
    text = (project / "handoffs/5-session-expiry.md").read_text()
    assert text.startswith(f"# Session expiry! Handoff - {TODAY}\n\n## Summary\n")
    assert "## Problems & Solutions" in text
    (project / "milestone-lint.toml").write_text(
        '[handoff]\nrequired-sections = ["Goal", "Notes"]\n'
    )
    run = cli("new", "handoff", "Next")
    assert run.out == "handoffs/6-next.md\n"
    assert (
        project / "handoffs/6-next.md"
    ).read_text() == f"# Next Handoff - {TODAY}\n\n## Goal\n\n## Notes\n"


def test_new_handoff_per_directory_and_padding(repo: Path, cli: Any) -> None:
    write_tree(repo, [*CORE, "handoffs/2-api/0-milestone-summary.md", "handoffs/2-api/1-x.md"])
    write_tree(repo, ["handoffs/1-y.md"])
    assert cli("new", "handoff", "z").out == "handoffs/2-z.md\n"
    (repo / "milestone-lint.toml").write_text("number-width = 3\n")
    assert cli("new", "handoff", "w").out == "handoffs/003-w.md\n"


def test_new_handoff_errors(repo: Path, cli: Any) -> None:
    run = cli("new", "handoff", "x")
    assert run.code == 2
    assert "run `milestone-lint init`" in run.err
    (repo / "handoffs").mkdir()
    assert cli("new", "handoff", "???").code == 2


def test_status_formats(project: Path, cli: Any) -> None:
    run = cli("status")
    assert run.code == 0
    assert run.lines[:3] == [
        "handoffs/ (global numbering)",
        "  milestones: 1",
        f"    {'1-core':<32} 2025-03-01  1 handoff",
    ]
    assert "  milestone due: yes (3 pending, min-handoffs 3)" in run.lines
    data = cli("status", "--format", "json").json()
    assert data[0]["pending"] == ["2-auth.md", "3-login.md", "4-tokens.md"]
    assert data[0]["milestones"][0] == {
        "number": 1,
        "name": "1-core",
        "date": "2025-03-01",
        "handoffs": ["1-setup.md"],
    }
    summary = CORE["handoffs/1-core/0-milestone-summary.md"]
    lessons = CORE["handoffs/1-core/0-lessons-learned.md"]
    assert data[0]["context_tokens"] == -(-len(summary) // 4) - (-len(lessons) // 4)
    mermaid = cli("status", "--format", "mermaid").lines
    assert mermaid[0] == "flowchart LR"
    assert '    r0m0h0["1-setup.md"] --> r0m0' in mermaid
    assert '    r0p2["4-tokens.md"]:::pending' in mermaid


def test_init_creates_and_never_overwrites(repo: Path, cli: Any) -> None:
    run = cli("init")
    assert run.lines[:3] == [
        "created handoffs/",
        "created handoffs/README.md",
        "created milestone-lint.toml",
    ]
    assert "      - id: milestone-suggest" in run.lines
    (repo / "handoffs/README.md").write_text("mine\n")
    run = cli("init")
    assert run.lines[:3] == [
        "kept handoffs/ (already there)",
        "kept handoffs/README.md (already there)",
        "kept milestone-lint.toml (configuration already there)",
    ]
    assert (repo / "handoffs/README.md").read_text() == "mine\n"
    assert cli("check").code == 0


def test_fix_renames_and_creates(repo: Path, cli: Any) -> None:
    write_tree(
        repo,
        {
            "handoffs/1-core/001-a.md": "# A - 2025-01-01\n\n- x\n",
            "handoffs/1-core/2_b.md": "# B - 2025-01-01\n\n- x\n",
            "handoffs/003-c.md": "# C - 2025-01-01\n\n- x\n",
            "handoffs/3-c.md": "# C again - 2025-01-01\n\n- x\n",
            "handoffs/004-d.md": "# D - 2025-01-01\n\n- x\n",
        },
    )
    commit_all(repo)
    run = cli("check", "--fix", "--select", "ML101,ML103,ML201,ML202", "--format", "json")
    assert run.err.splitlines() == [
        "fixed ML101: git mv handoffs/1-core/2_b.md -> handoffs/1-core/002-b.md",
        "fixed ML201: created handoffs/1-core/0-milestone-summary.md from the template",
        "fixed ML202: created handoffs/1-core/0-lessons-learned.md from the template",
        "not fixed: handoffs/3-c.md: not renamed, 003-c.md already exists",
    ]
    # The tracked file is renamed in the index too, as git mv would; the root is tracked, so
    # the files created in it are staged (issue 24: untracked, the next commit said "create it").
    assert git(repo, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        "A  handoffs/1-core/0-lessons-learned.md",
        "A  handoffs/1-core/0-milestone-summary.md",
        "R  handoffs/1-core/2_b.md -> handoffs/1-core/002-b.md",
    ]
    # Fixable only where --fix would change it: 3-c.md's rename target is taken.
    assert [(d["code"], d["path"], d["fixable"]) for d in run.json()] == [
        ("ML103", "handoffs/3-c.md", False)
    ]
    assert run.code == 1
    # Dated from its newest handoff, not today: the milestone was completed back then.
    summary = (repo / "handoffs/1-core/0-milestone-summary.md").read_text()
    assert summary.splitlines()[0] == "# Core Milestone Summary - 2025-01-01"
    assert (repo / "handoffs/3-c.md").read_text() == "# C again - 2025-01-01\n\n- x\n"
    (repo / "handoffs/3-c.md").rename(repo / "handoffs/5-e.md")
    run = cli("check", "--fix", "--select", "ML103")
    assert run.code == 0
    assert run.err == "fixed ML103: renamed handoffs/5-e.md -> handoffs/005-e.md\n"
    (repo / "handoffs/6-f.md").write_text("# F\n")
    run = cli("check", "--fix", "--select", "ML103", "--exit-non-zero-on-fix")
    assert run.code == 1
    assert cli("check", "--fix", "--staged").code == 2


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_init_adds_its_table_to_an_existing_pyproject(repo: Path, cli: Any, newline: str) -> None:
    original = f'[project]{newline}name = "app"{newline}'.encode()
    (repo / "pyproject.toml").write_bytes(original)
    run = cli("init")
    assert run.code == 0, run.err
    assert "added [tool.milestone-lint] to pyproject.toml" in run.lines
    data = (repo / "pyproject.toml").read_bytes()
    assert data.startswith(
        original + newline.encode() + b"[tool.milestone-lint]" + newline.encode()
    )
    assert data.count(b"\r\n") == (data.count(b"\n") if newline == "\r\n" else 0)
    assert not (repo / "milestone-lint.toml").exists()
    assert cli("check").code == 0
    assert "kept pyproject.toml (configuration already there)" in cli("init").lines
