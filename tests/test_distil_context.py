"""`context --for milestone` and the MCP prompt `distil_milestone`: one deterministic text an
agent distils the next milestone from (SPEC §6 "Agents")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import commit_all, write_tree

PREVIOUS = (
    "# Core Milestone Summary - 2025-03-01\n\n## Changes\n- Models\n\n## Decisions\n"
    "- UUID keys: offline IDs\n\n## Discoveries\n- SQLite quirks\n\n"
    "## Current system state\n- Tests pass\n"
)
TREE = {
    "handoffs/1-core/0-milestone-summary.md": PREVIOUS,
    "handoffs/1-core/0-lessons-learned.md": (
        "# Lessons\n\n## A\n\n**Problem:** x.\n\n**Solution:** y.\n"
    ),
    "handoffs/1-core/1-setup.md": "# Setup - 2025-03-01\n\n## Summary\n- Skeleton\n",
    "handoffs/2-layout.md": (
        "# Layout - 2025-03-02\n\n## Decisions\n- Flat layout for the reference docs\n"
    ),
    "handoffs/3-versions.md": (
        "# Versions - 2025-03-03\n\n## Decisions\n"
        "- Layout changed from flat to hierarchical: 55 versions did not fit one folder\n\n"
        "```bash\nls docs/\n```\n"
    ),
    "handoffs/4-prompt.md": (
        "# Prompt - 2025-03-04\n\n## Summary\n- The system prompt names the reference tree\n\n"
        "## Work in Progress\n- None\n"
    ),
}


@pytest.fixture
def tree(repo: Path) -> Path:
    write_tree(repo, TREE)
    commit_all(repo, "initial")
    return repo


def fenced_after(text: str, heading: str) -> str:
    """The fenced block that follows ``heading`` in the text."""
    match = re.search(re.escape(heading) + r"\n\n(`{3,})markdown\n(.*?)\n\1\n", text, re.S)
    assert match is not None, heading
    return match.group(2)


def test_the_text_holds_instructions_rules_handoffs_previous_summary_and_draft(
    tree: Path, cli: Any
) -> None:
    run = cli("context", "--for", "milestone")
    assert (run.code, run.err) == (0, "")
    text = run.out
    assert text.startswith("# Distil a milestone from handoffs/: handoffs 2–4\n\n")
    for rule in (
        "- Consolidate repeated themes",
        "- A later handoff overrides an earlier one",
        "- Current system state is what works now",
        "- Decisions come with their reasons",
        "- Nothing that is not in the handoffs",
        '1. `milestone-lint new milestone "NAME"` (NAME:',
        "3. `milestone-lint check handoffs` and fix every finding it reports.",
        # The limits are the root's configuration's.
        "at most 500 words, 25 words a bullet, 12 bullets a section.",
    ):
        assert rule in text, rule
    outside = re.sub(r"(`{3,})markdown\n.*?\n\1\n", "", text, flags=re.S)
    headings = re.findall(r"^#{2,3} .*$", outside, re.M)
    assert headings == [
        "## The convention's rules and limits",
        "## The previous milestone's summary (handoffs/1-core/0-milestone-summary.md)",
        "## The handoffs to distil (3)",
        "### Handoff 2: handoffs/2-layout.md",
        "### Handoff 3: handoffs/3-versions.md",
        "### Handoff 4: handoffs/4-prompt.md",
        "## What the deterministic drafter writes",
        "### 0-milestone-summary.md",
        "### 0-lessons-learned.md",
    ]
    assert fenced_after(text, "(handoffs/1-core/0-milestone-summary.md)") == PREVIOUS.rstrip()
    # A handoff's own fence stays inside the longer one around it.
    assert fenced_after(text, "### Handoff 3: handoffs/3-versions.md") == (
        TREE["handoffs/3-versions.md"].rstrip()
    )
    # The draft is what `new milestone NAME` writes.
    drafted = fenced_after(text, "### 0-milestone-summary.md")
    assert cli("new", "milestone", "NAME").code == 0
    written = (tree / "handoffs/2-name/0-milestone-summary.md").read_text()
    assert drafted == written.rstrip()


def test_the_text_is_deterministic_and_the_same_as_json(tree: Path, cli: Any) -> None:
    first = cli("context", "--for", "milestone").out
    assert cli("context", "--for", "milestone").out == first
    run = cli("context", "--for", "milestone", "--format", "json")
    assert run.json() == {"root": "handoffs", "text": first}


def test_a_range_chooses_the_handoffs_as_new_milestone_does(tree: Path, cli: Any) -> None:
    text = cli("context", "--for", "milestone", "--handoffs", "2-3").out
    assert text.startswith("# Distil a milestone from handoffs/: handoffs 2–3\n")
    assert '1. `milestone-lint new milestone "NAME" --handoffs 2-3`' in text
    assert "### Handoff 3: handoffs/3-versions.md" in text
    assert "handoffs/4-prompt.md" not in text


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ("--for", "milestone", "--handoffs", "3-2"),
            "--handoffs 3-2: 3-2 runs backwards; write 2-3",
        ),
        (
            ("--for", "milestone", "--handoffs", "3-4"),
            "--handoffs 3-4: would leave handoff 2 pending below the milestone's (ML106);"
            " distil the oldest first: --handoffs 2-4 (nothing was changed)",
        ),
        (("--handoffs", "2-3"), "--handoffs chooses what to distil; add --for milestone"),
    ],
)
def test_a_bad_request_is_one_line_and_exit_2(
    tree: Path, cli: Any, args: tuple[str, ...], error: str
) -> None:
    run = cli("context", *args)
    assert (run.code, run.out, run.err) == (2, "", f"milestone-lint: error: {error}\n")


def test_no_pending_handoffs_is_one_line(repo: Path, cli: Any) -> None:
    write_tree(repo, {k: v for k, v in TREE.items() if k.startswith("handoffs/1-core/")})
    run = cli("context", "--for", "milestone")
    assert (run.code, run.err) == (
        2,
        "milestone-lint: error: handoffs: no pending handoffs to distil; write some first\n",
    )


def test_the_mcp_prompt_is_the_same_text(tree: Path, cli: Any) -> None:
    anyio = pytest.importorskip("anyio")
    pytest.importorskip("mcp")
    from mcp import Client

    from milestone_lint.integrations.mcpserver import build_server

    expected = cli("context", "--for", "milestone").out
    ranged = cli("context", "--for", "milestone", "--handoffs", "2-3").out
    server = build_server(tree)
    results: dict[str, Any] = {}

    async def session() -> None:
        async with Client(server) as client:
            results["prompts"] = (await client.list_prompts()).prompts
            results["all"] = await client.get_prompt("distil_milestone", {})
            results["ranged"] = await client.get_prompt(
                "distil_milestone", {"root": "handoffs", "handoffs": "2-3"}
            )
            try:
                await client.get_prompt("distil_milestone", {"handoffs": "3-2"})
            except Exception as exc:  # the SDK raises the server's error as its own
                results["bad"] = str(exc)

    anyio.run(session)
    assert [p.name for p in results["prompts"]] == ["distil_milestone"]
    assert sorted(a.name for a in results["prompts"][0].arguments) == ["handoffs", "root"]
    for key, text in (("all", expected), ("ranged", ranged)):
        messages = results[key].messages
        assert [(m.role, m.content.text) for m in messages] == [("user", text)]
    assert "3-2 runs backwards" in results["bad"]
