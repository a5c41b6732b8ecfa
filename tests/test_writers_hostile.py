"""The writing commands and reports on hostile trees (issue 21): names too long for a file
system refused in one line, odd file names shown escaped, and a tracked file whose name is not
UTF-8 no obstacle to ``check --fix`` or ``new milestone``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from milestone_lint.write.names import SLUG_MAX
from tests.conftest import commit_all, git, write_tree
from tests.test_create import CORE

PENDING = {"handoffs/2-a.md": "# A - 2025-03-02\n\n## Summary\n- Did a\n"}


def _snapshot(repo: Path) -> tuple[str, list[str]]:
    files = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if ".git" not in p.parts)
    return git(repo, "status", "--porcelain", "--untracked-files=all"), files


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)])
def test_a_milestone_name_too_long_for_a_file_name_is_refused(
    repo: Path, cli: Any, dry_run: tuple[str, ...]
) -> None:
    write_tree(repo, {**CORE, **PENDING})
    commit_all(repo)
    before = _snapshot(repo)
    run = cli("new", "milestone", "a" * 300, *dry_run)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f'milestone-lint: error: milestone name "{"a" * 60}…" makes a name of 300 characters,'
        f" over the {SLUG_MAX} a file name leaves for it; shorten it (nothing was changed)\n"
    )
    assert _snapshot(repo) == before
    # The longest slug allowed is made (the folder holds the number too).
    run = cli("new", "milestone", "b" * SLUG_MAX, *dry_run)
    assert run.code == 0, run.err
    assert run.lines[0].startswith(f"milestone handoffs/2-{'b' * SLUG_MAX}")


def test_a_handoff_title_too_long_for_a_file_name_is_refused(repo: Path, cli: Any) -> None:
    write_tree(repo, CORE)
    commit_all(repo)
    before = _snapshot(repo)
    title = "Word " * 2_000_000  # 10 MB: quoted in part, not echoed back whole
    run = cli("new", "handoff", title)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f'milestone-lint: error: title "{title[:60]}…" makes a name of 9,999,999 characters,'
        f" over the {SLUG_MAX} a file name leaves for it; shorten it (nothing was changed)\n"
    )
    assert _snapshot(repo) == before


def test_a_number_too_long_to_leave_room_for_the_name_is_refused(repo: Path, cli: Any) -> None:
    digits = "9" * 240
    write_tree(repo, {**CORE, f"handoffs/{digits}-a.md": "# A - 2025-03-02\n\n## Summary\n- a\n"})
    before = _snapshot(repo)
    run = cli("new", "handoff", "x" * 20)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        "milestone-lint: error: handoffs: the next name would be 265 bytes (a number of 241"
        " digits), over the 255 a file name may hold; shorten the name or renumber (nothing"
        " was changed)\n"
    )
    assert _snapshot(repo) == before


def test_mcp_tools_refuse_long_names_in_one_line(repo: Path) -> None:
    anyio = pytest.importorskip("anyio")
    pytest.importorskip("mcp")
    from mcp import Client

    from milestone_lint.integrations.mcpserver import build_server

    write_tree(repo, {**CORE, **PENDING})
    commit_all(repo)
    before = _snapshot(repo)
    server = build_server(repo)
    results: dict[str, Any] = {}

    async def session() -> None:
        async with Client(server) as client:
            for tool, arguments in (
                ("new_milestone", {"name": "m" * 300, "dry_run": True}),
                ("new_milestone", {"name": "m" * 300}),
                ("new_handoff", {"title": "t" * 256}),
            ):
                results[f"{tool} {len(arguments)}"] = await client.call_tool(tool, arguments)

    anyio.run(session)
    texts = {name: (r.is_error, r.content[0].text) for name, r in results.items()}
    over = f"over the {SLUG_MAX} a file name leaves for it; shorten it (nothing was changed)"
    milestone = f'milestone name "{"m" * 60}…" makes a name of 300 characters, {over}'
    assert texts == {
        "new_milestone 2": (True, f"Error executing tool new_milestone: {milestone}"),
        "new_milestone 1": (True, f"Error executing tool new_milestone: {milestone}"),
        "new_handoff 1": (
            True,
            f'Error executing tool new_handoff: title "{"t" * 60}…" makes a name of 256'
            f" characters, {over}",
        ),
    }
    assert _snapshot(repo) == before


# --- names shown safely ----------------------------------------------------------------------

ODD = {
    "handoffs/1-co\x1b[31mre/0-milestone-summary.md": "# S - 2025-03-01\n\n## Changes\n- x\n",
    "handoffs/1-co\x1b[31mre/0-lessons-learned.md": "# L\n\n## A\n\n**Problem:** p.\n\n"
    "**Solution:** s.\n",
    "handoffs/1-co\x1b[31mre/1-a\tb.md": "# A - 2025-03-01\n\n## Summary\n- x\n",
    "handoffs/2-new\nline.md": "# B - 2025-03-02\n\n## Summary\n- y\n\n## Odd\n- q\n",
    "handoffs/3-red\x1b[31m.md": "# C - 2025-03-03\n\n## Summary\n- z\n",
}


def test_status_shows_odd_names_escaped(repo: Path, cli: Any) -> None:
    write_tree(repo, ODD)
    run = cli("status")
    assert run.code == 0, run.err
    assert run.lines == [
        "handoffs/ (global numbering)",
        "  milestones: 1",
        "    1-co\\x1b[31mre                   2025-03-01  1 handoff",
        "  pending handoffs: 2",
        "    2-new\\x0aline.md",
        "    3-red\\x1b[31m.md",
        "  milestone due: no (2 pending, min-handoffs 3)",
        "  context: ~21 tokens in 2 0- files (what a fresh session loads)",
    ]
    run = cli("status", "--format", "mermaid")
    assert run.lines == [
        "flowchart LR",
        '  subgraph r0["handoffs/"]',
        '    r0m0["1-co\\x1b[31mre"]',
        '    r0m0h0["1-a\\x09b.md"] --> r0m0',
        '    r0p0["2-new\\x0aline.md"]:::pending',
        '    r0p1["3-red\\x1b[31m.md"]:::pending',
        "  end",
        "  classDef pending stroke-dasharray: 4 4",
    ]
    # JSON carries the names as they are.
    assert cli("status", "--format", "json").json()[0]["pending"] == [
        "2-new\nline.md",
        "3-red\x1b[31m.md",
    ]


NEXT = "next: review the drafted files, run milestone-lint check, then commit"


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_milestone_plan_shows_odd_names_escaped(repo: Path, cli: Any, dry_run: bool) -> None:
    write_tree(repo, ODD)
    commit_all(repo)
    run = cli("new", "milestone", "next", *(["--dry-run"] if dry_run else []))
    assert run.code == 0, run.err
    head = "milestone handoffs/2-next" + (" (dry run: nothing changed)" if dry_run else "")
    left_out = [
        "  left out of the drafts (still in the moved handoffs):",
        '    2-new\\x0aline.md: section "Odd" (no place for it)',
    ]
    # A dry run then prints the drafted files (after a blank line); the plan comes first.
    plan = run.lines[: run.lines.index("")] if dry_run else run.lines
    assert "\x1b" not in run.out
    assert plan == [
        head,
        "  create handoffs/2-next/",
        "  git mv handoffs/2-new\\x0aline.md -> handoffs/2-next/2-new\\x0aline.md",
        "  git mv handoffs/3-red\\x1b[31m.md -> handoffs/2-next/3-red\\x1b[31m.md",
        "  write handoffs/2-next/0-milestone-summary.md (2 bullets drafted)",
        "  write handoffs/2-next/0-lessons-learned.md (0 lessons drafted)",
        *(left_out if dry_run else []),
        "  4 TODO placeholders mark what the handoffs did not say; milestone-lint check lists them",
        *(
            []
            if dry_run
            else ["next: review the drafted files, run milestone-lint check, then commit"]
        ),
    ]
    assert run.err.splitlines() == ([] if dry_run else left_out)
    assert (repo / "handoffs/2-next/2-new\nline.md").is_file() is not dry_run


def test_fix_lines_show_odd_names_escaped(repo: Path, cli: Any) -> None:
    write_tree(repo, {k: v for k, v in ODD.items() if "lessons" not in k})
    commit_all(repo)
    write_tree(repo, {"handoffs/4-a\tb.md": "# D - 2025-03-04\n\n## Summary\n- d\n"})
    (repo / "handoffs/4-a-b.md").write_text("# taken\n")
    run = cli("check", "--fix", "--select", "ML101,ML202", "-q")
    assert [line for line in run.err.splitlines() if "fix" in line] == [
        "fixed ML101: git mv handoffs/1-co\\x1b[31mre/1-a\\x09b.md"
        " -> handoffs/1-co\\x1b[31mre/1-a-b.md",
        "fixed ML101: git mv handoffs/2-new\\x0aline.md -> handoffs/2-new-line.md",
        "fixed ML101: git mv handoffs/3-red\\x1b[31m.md -> handoffs/3-red-31m.md",
        "fixed ML202: created handoffs/1-co\\x1b[31mre/0-lessons-learned.md from the template",
        "not fixed: handoffs/4-a\\x09b.md: not renamed, 4-a-b.md already exists",
    ]
    assert (repo / "handoffs/2-new-line.md").is_file()


# --- names that are not UTF-8 ----------------------------------------------------------------

# Bytes 0xff in a name: not UTF-8. Python holds them as lone surrogates (surrogateescape).
NOT_UTF8 = {
    "docs/\udcffnotes.md": "# Notes\n",
    "handoffs/1-core/\udcffscratch.txt": "scratch\n",
    "handoffs/4-\udcffy.md": "# Y - 2025-03-07\n\n## Summary\n- y\n",
}
UNSTAGED = "its name is not UTF-8, so git is not told of the move; git add -A records it"


def _git(repo: Path, *args: str) -> list[str]:
    """git's output lines as the file system's names (``git`` of conftest reads UTF-8)."""
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)
    return os.fsdecode(done.stdout).splitlines()


def _not_utf8_repo(repo: Path) -> None:
    write_tree(repo, {**CORE, **PENDING, **NOT_UTF8})
    commit_all(repo)
    assert (
        b"handoffs/4-\xffy.md\0"
        in subprocess.run(
            ["git", "ls-files", "-z"], cwd=repo, check=True, capture_output=True, timeout=60
        ).stdout
    )


def test_a_name_that_is_not_utf8_does_not_stop_new_milestone(repo: Path, cli: Any) -> None:
    _not_utf8_repo(repo)
    run = cli("new", "milestone", "core two")
    assert run.code == 0, run.err
    assert run.lines == [
        "milestone handoffs/2-core-two",
        "  create handoffs/2-core-two/",
        "  git mv handoffs/2-a.md -> handoffs/2-core-two/2-a.md",
        "  move handoffs/4-\\xffy.md -> handoffs/2-core-two/4-\\xffy.md",
        f"  handoffs/4-\\xffy.md: {UNSTAGED}",
        "  write handoffs/2-core-two/0-milestone-summary.md (2 bullets drafted)",
        "  write handoffs/2-core-two/0-lessons-learned.md (0 lessons drafted)",
        "  4 TODO placeholders mark what the handoffs did not say; milestone-lint check lists them",
        NEXT,
    ]
    assert (repo / "handoffs/2-core-two/4-\udcffy.md").is_file()
    status = _git(repo, "status", "--porcelain")
    assert ' D "handoffs/4-\\377y.md"' in status
    assert "R  handoffs/2-a.md -> handoffs/2-core-two/2-a.md" in status
    git(repo, "add", "-A")
    assert 'R  "handoffs/4-\\377y.md" -> "handoffs/2-core-two/4-\\377y.md"' in _git(
        repo, "status", "--porcelain"
    )


def test_a_name_that_is_not_utf8_does_not_stop_check_fix(repo: Path, cli: Any) -> None:
    _not_utf8_repo(repo)
    write_tree(repo, {"handoffs/5-Bad_Name.md": "# B - 2025-03-08\n\n## Summary\n- b\n"})
    commit_all(repo, "bad name")
    run = cli("check", "--fix", "--select", "ML101", "-q")
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        f"fixed ML101: renamed handoffs/4-\\xffy.md -> handoffs/4-y.md ({UNSTAGED})",
        "fixed ML101: git mv handoffs/5-Bad_Name.md -> handoffs/5-bad-name.md",
    ]
    assert sorted(_git(repo, "status", "--porcelain")) == [
        ' D "handoffs/4-\\377y.md"',
        "?? handoffs/4-y.md",
        "R  handoffs/5-Bad_Name.md -> handoffs/5-bad-name.md",
    ]


def test_the_hook_reports_a_staged_name_that_is_not_utf8(repo: Path, cli: Any) -> None:
    write_tree(repo, CORE)
    commit_all(repo)
    write_tree(repo, {"handoffs/5-\udcffw.md": "# W - 2025-03-08\n\n## Summary\n- w\n"})
    git(repo, "add", "-A")
    run = cli("check", "--staged", "--hook")
    assert run.code == 1, run.err
    assert run.lines[0] == (
        "handoffs/5-\\xffw.md:1:1: ML101 handoff name is not <N>-<slug>.md; rename it to 5-w.md"
    )
