"""ML305, ML306, ML307: filler, template placeholders, decisions without a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import CLEAN_HANDOFF, CLEAN_SUMMARY, HANDOFF, SUMMARY, found, tree


def test_filler_positions(repo: Path, cli: Any) -> None:
    tree(
        repo,
        handoff=(
            "# H - 2025-03-01\n\n## Summary\nWe basically refactored it\n"
            "in order to speed it up. `basically in code`\n\n- I think it works\n"
        ),
    )
    run = cli("check", "--format", "json")
    assert [(d["line"], d["column"], d["end_column"], d["message"]) for d in run.json()] == [
        (4, 4, 13, 'filler "basically": drop "basically"'),
        (5, 1, 12, 'filler "in order to": write "to"'),
        (7, 3, 10, 'filler "I think": state it as a fact, or say what is uncertain'),
    ]


def test_placeholders(repo: Path, cli: Any) -> None:
    summary = """\
# [Project/Feature] Milestone Summary - [DATE]

## Changes
- [Major change 1]
- See [the setup](1-setup.md) and [Setup][ref] and note[^1]
- [x] done, [ ] open
- [Auth flow]: 50% - login works

## Decisions
- [Decision 1]: [Rationale]
- TODO decide on caching, TBD later
- Write `TODO` in code only

## Discoveries
- <fill in>

[ref]: 1-setup.md
"""
    tree(repo, summary=summary)
    run = cli("check", "--format", "json", "--select", "ML306")
    assert [(d["line"], d["column"], d["message"].split('"')[1]) for d in run.json()] == [
        (1, 3, "[Project/Feature]"),
        (1, 41, "[DATE]"),
        (4, 3, "[Major change 1]"),
        (10, 3, "[Decision 1]"),
        (10, 17, "[Rationale]"),
        (11, 3, "TODO"),
        (11, 27, "TBD"),
        (15, 3, "<fill in>"),
    ]


def test_template_line_read_as_a_definition(repo: Path, cli: Any) -> None:
    tree(repo, handoff=CLEAN_HANDOFF + "\n## Work in Progress\n- [Feature]: [Progress]%\n")
    assert found(cli) == [("ML306", HANDOFF, 7, 3), ("ML306", HANDOFF, 7, 14)]


def test_decision_rationale_is_off_by_default(repo: Path, cli: Any) -> None:
    summary = CLEAN_SUMMARY.replace(
        "- UUID keys: IDs are generated offline",
        "- UUID keys: IDs are generated offline\n- Use PostgreSQL\n- Keep SQLite because tests",
    )
    tree(repo, summary=summary)
    assert found(cli) == []
    assert found(cli, "--extend-select", "ML307") == [("ML307", SUMMARY, 9, 1)]


# --- ML306: what templates put in place, never every bracket --------------------------------


def test_tags_and_wiki_links_are_not_placeholders(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        "- The owners are on [[Team page]] and [[ BACKEND_MANIFEST ]].\n"
        "- Scored [F×A] on the matrix; release is [A / not locked] for now.\n"
        "- The header shows [ACTIVE] once the job runs.\n"
        "- Files follow ([technology]-v[version].md).\n"
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML306") == []


def test_template_slots_are_still_placeholders(repo: Path, cli: Any) -> None:
    text = (
        "# H - [DATE]\n\n## Summary\n"
        "- [Decision 1]: [Rationale]\n"
        "- **Recipient:** [Recipient Name/Team]\n"
        "- Done for [Project/Feature] in [Task 2].\n"
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML306") == [
        ("ML306", HANDOFF, 1, 7),
        ("ML306", HANDOFF, 4, 3),
        ("ML306", HANDOFF, 4, 17),
        ("ML306", HANDOFF, 5, 18),
        ("ML306", HANDOFF, 6, 12),
        ("ML306", HANDOFF, 6, 33),
    ]


# --- ML305: quotations are left alone; the phrase is where it is -----------------------------


def test_filler_in_quotations_is_left_alone(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        '> "I think we basically need to restart it," the user wrote.\n\n'
        '- The prompt was "in order to fix it, basically restart" and it worked.\n'
        "- We refactored it, which I think was right.\n"
    )
    tree(repo, handoff=text)
    run = cli("check", "--format", "json", "--select", "ML305")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (7, 27, 'filler "I think": state it as a fact, or say what is uncertain')
    ]


# --- issue 25: slots after a label, brackets in quoted UI copy ---------------------------------


def test_slots_after_a_label_are_placeholders(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        "- **Problem:** [What broke]\n"  # line 4: the rule's own documented example
        "- Visual parity: [Confirmed / With caveats]\n"  # line 5: spaced alternatives
        "- Status: [ACTIVE]\n"  # a value someone set, in capitals
        "- Note: [A / not locked]\n"  # a lowercase alternative: text
        "- Login: [Auth] tokens expire hourly\n"  # words after the bracket: filled in
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML306") == [
        ("ML306", HANDOFF, 4, 16),
        ("ML306", HANDOFF, 5, 18),
    ]


def test_brackets_inside_quoted_ui_copy_are_text(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        '- Toast reads "🏆 [Name] won with 12 homeruns!" after a game\n'
        '- Title: "[Title]"\n'  # line 5: the quote holds nothing but the slot
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML306") == [("ML306", HANDOFF, 5, 11)]


def test_filler_in_a_prompt_pasted_between_tags_is_left_alone(repo: Path, cli: Any) -> None:
    text = (
        "# H - 2025-03-01\n\n## Summary\n"
        "<user_starting_prompt>\n\n"
        "I think we basically need a login page.\n\n"
        "- in order to ship it, add OAuth\n\n"
        "</user_starting_prompt>\n\n"
        "I think the login works.\n\n"  # line 12: the author's own words again
        "<details>\n\nIt basically works.\n\n</details>\n"  # line 16: HTML holds the author's
        "<note>\n\nunclosed, so basically prose\n"  # line 21: an unclosed tag wraps nothing
    )
    tree(repo, handoff=text)
    assert found(cli, "--select", "ML305") == [
        ("ML305", HANDOFF, 12, 1),
        ("ML305", HANDOFF, 16, 4),
        ("ML305", HANDOFF, 21, 14),
    ]
