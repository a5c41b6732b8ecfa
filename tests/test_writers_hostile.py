"""The writing commands and reports on hostile trees (issue 21): names too long for a file
system refused in one line, odd file names shown escaped, and a tracked file whose name is not
UTF-8 no obstacle to ``check --fix`` or ``new milestone``."""

from __future__ import annotations

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
