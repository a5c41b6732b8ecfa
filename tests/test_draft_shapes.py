"""The drafter on the shapes real handoffs take (issue 26): supersession, one theme across
three handoffs, label bullets with nested items, a nested decisions section, `Fix:` lessons,
`&` headings, "None" work in progress in the newest handoff, a one-sentence long Summary, and
sections with no place named, never dropped silently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.test_distill import distil, section

SUPERSEDED = {
    "handoffs/2-a.md": (
        "# A - 2025-03-02\n\n## Decisions\n"
        "- Flat layout for the reference docs: one folder is simple\n"
        "- Tokens in the keyring: no secrets on disk\n"
    ),
    "handoffs/3-b.md": (
        "# B - 2025-03-03\n\n## Decisions\n"
        "- Layout changed from flat to hierarchical: 55 versions did not fit one folder\n\n"
        "## Work in Progress\n- Refresh tokens\n"
    ),
    "handoffs/4-c.md": (
        "# C - 2025-03-04\n\n## Summary\n"
        "The reference system now serves every technology version from one hierarchical tree"
        " that the prompt names, so that each mode reads only the documents of the versions it"
        " supports, and the old flat files, the duplicated examples and the hand-kept index that"
        " drifted from the files are gone for good with all their links.\n\n"
        "## Work in Progress\n- None\n\n## Notes\n- Ask the team about caching\n\n"
        "## Next Steps\n- Add search\n\n## Open questions\n- Who owns the index?\n"
    ),
}
THEMES = {
    "handoffs/2-a.md": (
        "# A - 2025-03-02\n\n## Summary\n- **Intake:** a form-based intake for new requests\n\n"
        "## Key Accomplishments\n- **Key Features Implemented:**\n  - Request search\n"
        "  - Status badges\n\n## Challenges & Solutions\n"
        "- **Problem:** The form lost drafts on reload\n- **Fix:** Save drafts to local storage\n"
    ),
    "handoffs/3-b.md": (
        "# B - 2025-03-03\n\n## Decisions\n- **Intake:** form-based intake, no email parsing\n\n"
        "## Implementation\n- Wired the form to the API\n\n### Technical Decisions\n"
        "- Validation on the server: clients are untrusted\n"
    ),
    "handoffs/4-c.md": (
        "# C - 2025-03-04\n\n## Discoveries\n- **Intake:** the form-based intake halves triage"
        " time\n\n## Work in Progress\n- Email notifications\n"
    ),
}


def drafted(repo: Path, cli: Any, handoffs: dict[str, str]) -> tuple[str, str, list[str]]:
    run = distil(repo, cli, handoffs)
    assert run.code == 0, run.err
    folder = repo / "handoffs/2-auth"
    summary = (folder / "0-milestone-summary.md").read_text()
    lessons = (folder / "0-lessons-learned.md").read_text()
    return summary, lessons, run.err.splitlines()


def test_a_later_change_supersedes_and_the_newest_state_is_the_state(repo: Path, cli: Any) -> None:
    summary, _, left_out = drafted(repo, cli, SUPERSEDED)
    assert section(summary, "Decisions") == [
        "- Tokens in the keyring: no secrets on disk",
        "- Layout changed from flat to hierarchical: 55 versions did not fit one folder",
    ]
    # A one-sentence Summary of 59 words is the milestone's main change: cut at a clause,
    # never dropped.
    assert section(summary, "Changes") == [
        "- The reference system now serves every technology version from one hierarchical"
        " tree that the prompt names…"
    ]
    # The newest handoff says "None": an older handoff's open item is not shown as open.
    assert section(summary, "Current system state") == [
        "- TODO: say what works now and what is in progress (4-c.md, the newest handoff,"
        " says nothing of it)"
    ]
    assert left_out == [
        "  left out of the drafts (still in the moved handoffs):",
        '    4-c.md: section "Notes" (no place in a summary)',
        '    4-c.md: section "Next Steps" (no place in a summary)',
        '    4-c.md: section "Open questions" (no place in a summary)',
        '    2-a.md: "Flat layout for the reference docs:…" (superseded by 3-b.md)',
        '    changes: the rest of "The reference system now serves every…"',
    ]


def test_one_theme_once_labels_with_their_items_nested_sections_and_fix_lessons(
    repo: Path, cli: Any
) -> None:
    summary, lessons, left_out = drafted(repo, cli, THEMES)
    assert section(summary, "Changes") == [
        "- **Key Features Implemented:** Request search; Status badges",
        "- Wired the form to the API",
    ]
    # "### Technical Decisions" under "## Implementation" is placed by its own heading.
    assert section(summary, "Decisions") == ["- Validation on the server: clients are untrusted"]
    # The intake told in three handoffs, under one label: once, in the newest words.
    assert section(summary, "Discoveries") == [
        "- **Intake:** the form-based intake halves triage time"
    ]
    assert section(summary, "Current system state") == ["- Email notifications"]
    assert left_out == [
        "  left out of the drafts (still in the moved handoffs):",
        '    2-a.md: "Intake: a form-based intake for new…" (merged into 4-c.md\'s)',
        '    3-b.md: "Intake: form-based intake, no email parsing" (merged into 4-c.md\'s)',
    ]
    # "Challenges & Solutions" reads as "Challenges and Solutions"; `Fix:` is the solution.
    assert lessons.split("\n", 2)[2] == (
        "## The form lost drafts on reload\n\n**Problem:** The form lost drafts on reload\n\n"
        "**Solution:** Save drafts to local storage\n\n"
    )
    check = cli("check", "--format", "json", "--ignore", "ML306", "handoffs/2-auth")
    assert [(d["code"], d["path"]) for d in check.json()] == []
