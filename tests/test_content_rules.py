"""Content rules on real files: exact code, path, line and column, and what must not be flagged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_tree

SUMMARY = "handoffs/1-core/0-milestone-summary.md"
LESSONS = "handoffs/1-core/0-lessons-learned.md"
HANDOFF = "handoffs/1-core/1-setup.md"

CLEAN_SUMMARY = """\
# Core Milestone Summary - 2025-03-04

## Changes
- Entity models for `User` and `Task`
- REST endpoints with pagination

## Decisions
- UUID keys: IDs are generated offline

## Discoveries
- SQLite lacks `ALTER COLUMN`

## Current system state
- 42 integration tests pass
"""
CLEAN_LESSONS = """\
# Lessons Learned - Core

## Migration Testing

**Problem:** `ALTER COLUMN` fails on SQLite.

**Solution:**
- Use Alembic batch mode
- Run migrations on PostgreSQL in CI

## Tools and Libraries
- SQLAlchemy 2.0 typed mappings
"""
CLEAN_HANDOFF = """\
# Setup Handoff - 2025-03-01

## Summary
Set up the application skeleton.
"""


def tree(repo: Path, **files: str) -> None:
    contents = {SUMMARY: CLEAN_SUMMARY, LESSONS: CLEAN_LESSONS, HANDOFF: CLEAN_HANDOFF}
    names = {"summary": SUMMARY, "lessons": LESSONS, "handoff": HANDOFF}
    for key, text in files.items():
        contents[names.get(key, key)] = text
    write_tree(repo, contents)


def found(cli: Any, *args: str) -> list[tuple[str, str, int, int]]:
    run = cli("check", "--format", "json", *args)
    assert run.err == ""
    assert run.code in (0, 1)
    return [(d["code"], d["path"], d["line"], d["column"]) for d in run.json()]


def test_clean_tree_is_clean(repo: Path, cli: Any) -> None:
    tree(repo)
    assert found(cli) == []


def test_missing_sections_and_synonyms(repo: Path, cli: Any) -> None:
    tree(repo, summary="# Core Summary - 2025-03-04\n\n## Changes Implemented\n- x\n")
    run = cli("check", "--format", "json", "--select", "ML204")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (1, 1, f'summary has no "{name}" section; add "## {name}" with its facts as bullets')
        for name in ("Decisions", "Discoveries", "Current system state")
    ]
    tree(
        repo,
        summary=(
            "# Core Summary\n\nDate completed: 2025-03-04\n\n## 1. Changes Made\n- x\n\n"
            "## Key Decisions and Rationale\n- y: z\n\n## Findings\n- f\n\n## Current State\n- s\n"
        ),
    )
    assert found(cli) == []


def test_configured_synonyms(repo: Path, cli: Any) -> None:
    tree(repo, summary=CLEAN_SUMMARY.replace("## Changes", "## What shipped"))
    assert found(cli, "--select", "ML204") == [("ML204", SUMMARY, 1, 1)]
    (repo / "milestone-lint.toml").write_text(
        '[summary]\nsynonyms = { Changes = ["What shipped"] }\n'
    )
    assert found(cli, "--select", "ML204") == []


def test_empty_section(repo: Path, cli: Any) -> None:
    tree(
        repo,
        handoff=(
            "# Setup Handoff - 2025-03-01\n\n## Summary\n\n## Discoveries\n\n### Detail\n- d\n\n"
            "## Deviations\n<!-- nothing -->\n\n## References\n---\n"
        ),
    )
    assert found(cli) == [
        ("ML205", HANDOFF, 3, 1),
        ("ML205", HANDOFF, 10, 1),
        ("ML205", HANDOFF, 13, 1),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Core Summary - 2025-03-04\n", []),
        ("# Core Summary\n\nDate completed: March 4, 2025\n", []),
        ("---\ndate: 2025-03-04\n---\n# Core Summary\n", []),
        ("# Core Summary\n\n**Date:** 2025-03-04\n", []),
        ("# Core Summary\n\n## Date Completed\n2025-03-04\n", []),
        ("# Core Summary\n\n- **Date completed**: 4 March 2025\n", []),
        (
            "# Core Summary\n",
            [
                (
                    1,
                    1,
                    "summary has no completion date; add a line `Date completed: YYYY-MM-DD`"
                    " (or the date in the title)",
                )
            ],
        ),
        (
            "# Core Summary - 3/11/2025\n",
            [
                (
                    1,
                    18,
                    'date "3/11/2025" is ambiguous (March 11 or November 3); write it as'
                    " YYYY-MM-DD",
                )
            ],
        ),
        (
            "# Core Summary\n\nDate completed: 31/03/2025\n",
            [(3, 17, 'date "31/03/2025" is not ISO; write 2025-03-31 (YYYY-MM-DD)')],
        ),
        (
            "# Core Summary - 2999-01-01\n",
            [(1, 18, "date 2999-01-01 is in the future; write the day the work was done")],
        ),
        ("# Core Summary - 2025-02-30\n", [(1, 18, 'date "2025-02-30" is not a real date')]),
    ],
)
def test_completion_date(repo: Path, cli: Any, text: str, expected: list[Any]) -> None:
    tree(repo, summary=text)
    run = cli("check", "--format", "json", "--select", "ML206")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == expected


def test_handoff_dates_are_judged_only_when_present(repo: Path, cli: Any) -> None:
    tree(repo, handoff="# Setup Handoff\n\n## Summary\nx\n")
    assert found(cli, "--select", "ML206") == []
    tree(repo, handoff="# Setup Handoff - 31/03/2025\n\n## Summary\nx\n")
    assert found(cli, "--select", "ML206") == [("ML206", HANDOFF, 1, 19)]


def test_duplicate_section(repo: Path, cli: Any) -> None:
    tree(repo, summary=CLEAN_SUMMARY + "\n## Changes Implemented\n- more\n")
    run = cli("check", "--format", "json")
    assert [(d["code"], d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            "ML207",
            16,
            1,
            'section "Changes" appears again (first at line 3); merge the two',
        )
    ]


LESSON_CASES = [
    ("## A\n\n**Solution:** pin it.\n", [("ML208", 3, 1), ("ML210", 1, 1)]),
    ("## A\n\n**Problem:**\n\n**Solution:** pin it.\n", [("ML208", 3, 1), ("ML210", 1, 1)]),
    ("## A\n\n**Problem:** flaky.\n", [("ML209", 3, 1), ("ML210", 1, 1)]),
    ("## A\n\n**Problem:** flaky.\n\n**Solution:**\n", [("ML209", 5, 1), ("ML210", 1, 1)]),
    (
        "## A\n\n**Problem:** one.\n\n**Problem:** two.\n\n**Solution:** fix.\n",
        [("ML209", 3, 1)],
    ),
    ("## A\n\n- **Problem**: flaky\n- **Solution**: pin\n", []),
    ("## A\n\n**Problem:** flaky.\n**Solution:** pin.\n", []),
    ("## A\n\n**Problem:**\nTests fail.\n\n**Solution:**\n```\npin()\n```\n", []),
    ("## Tools and Libraries\n- pytest\n\n## Edge Cases\n- empty input\n", [("ML210", 1, 1)]),
]


@pytest.mark.parametrize(("body", "expected"), LESSON_CASES)
def test_lessons(repo: Path, cli: Any, body: str, expected: list[Any]) -> None:
    tree(repo, lessons="# Lessons\n\n" + body)
    got = found(cli, "--select", "ML208,ML209,ML210")
    shifted = [(code, line + 2 if line > 1 else line, col) for code, line, col in expected]
    assert [(c, line, col) for c, _, line, col in got] == sorted(shifted, key=lambda x: x[1])
    assert all(path == LESSONS for _, path, _, _ in got)


def test_handoff_required_sections(repo: Path, cli: Any) -> None:
    tree(repo)
    assert found(cli, "--select", "ML211") == []
    (repo / "milestone-lint.toml").write_text(
        '[handoff]\nrequired-sections = ["Summary", "Work in Progress"]\n'
    )
    run = cli("check", "--format", "json", "--select", "ML211")
    assert [(d["path"], d["line"], d["message"]) for d in run.json()] == [
        (
            HANDOFF,
            1,
            'handoff has no "Work in Progress" section; add "## Work in Progress" with its'
            " facts as bullets",
        )
    ]


def test_long_bullet(repo: Path, cli: Any) -> None:
    words26 = " ".join(["word"] * 26)
    body = (
        f"# H - 2025-03-01\n\n## Summary\n- {words26}\n  - {words26}\n"
        f"- {' '.join(['w'] * 25)} `{' '.join(['code'] * 9)}`\n- [ ] {' '.join(['w'] * 25)}\n"
    )
    tree(repo, handoff=body)
    assert found(cli) == [("ML301", HANDOFF, 4, 1), ("ML301", HANDOFF, 5, 3)]
    (repo / "milestone-lint.toml").write_text("[limits.handoff]\nbullet-words = 30\n")
    assert found(cli) == []


def test_prose_paragraph_limits_per_kind(repo: Path, cli: Any) -> None:
    para = " ".join(["word"] * 41)
    table = "| a | b |\n|---|---|\n" + f"| {para} | {para} |\n"
    tree(
        repo,
        handoff=f"# H - 2025-03-01\n\n## Summary\n{para}\n\n{table}",
        summary=CLEAN_SUMMARY + f"\n## Notes\n\n  {para}\n",
    )
    assert found(cli) == [("ML302", SUMMARY, 18, 3)]


def test_file_length_and_section_length(repo: Path, cli: Any) -> None:
    bullets = "".join(f"- fact {n}\n" for n in range(13))
    tree(repo, handoff=f"# H - 2025-03-01\n\n## Summary\n{bullets}\n## Next\n- x\n")
    assert found(cli) == [("ML304", HANDOFF, 4, 1)]
    (repo / "milestone-lint.toml").write_text(
        "[limits.handoff]\nwords = 20\nsection-bullets = 20\n"
    )
    run = cli("check", "--format", "json")
    assert [(d["code"], d["line"], d["message"]) for d in run.json()] == [
        (
            "ML303",
            1,
            "handoff has 31 words (limit 20 for a handoff); distil it: keep the facts the next"
            " session needs",
        )
    ]


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


def test_context_budget(repo: Path, cli: Any) -> None:
    tree(repo)
    assert found(cli, "--extend-select", "ML308") == []
    (repo / "milestone-lint.toml").write_text("[limits]\ncontext-tokens = 50\n")
    run = cli("check", "--format", "json", "--extend-select", "ML308")
    summary, lessons = -(-len(CLEAN_SUMMARY) // 4), -(-len(CLEAN_LESSONS) // 4)
    assert [(d["code"], d["path"], d["message"]) for d in run.json()] == [
        (
            "ML308",
            "handoffs",
            f"the milestones' 0- files hold about {summary + lessons} tokens (limit 50); distil"
            f" the largest (1-core/0-milestone-summary.md, {summary} tokens) or group old"
            " milestones into an epic",
        )
    ]


def test_broken_links(repo: Path, cli: Any) -> None:
    tree(
        repo,
        handoff=(
            "# H - 2025-03-01\n\n## Summary\nSee [a](../2-old.md), [b](0-lessons-learned.md),"
            " [c](https://x.y/z), [d](#summary)\n\n- ![img](missing.png)\n"
            "- [moved](2-next.md#part)\n"
        ),
    )
    write_tree(repo, ["handoffs/2-auth/2-next.md", "handoffs/2-auth/0-milestone-summary.md"])
    run = cli("check", "--format", "json", "--select", "ML309")
    assert [(d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            4,
            5,
            'link target "../2-old.md" does not exist; fix the path: links resolve from the'
            " file's own folder",
        ),
        (
            6,
            3,
            'image target "missing.png" does not exist; fix the path: links resolve from the'
            " file's own folder",
        ),
        (7, 3, 'link target "2-next.md" does not exist; did you mean ../2-auth/2-next.md?'),
    ]


def test_unreadable_files_are_reported_and_the_run_goes_on(repo: Path, cli: Any) -> None:
    tree(repo)
    (repo / "handoffs/2-latin.md").write_bytes("# T\n\ncaf\xe9\n".encode("latin-1"))
    (repo / "handoffs/3-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (repo / "handoffs/4-utf16.md").write_bytes("# T\n".encode("utf-16"))
    (repo / "handoffs/5-long.md").write_text("# T - 2025-01-01\n\n- " + "w " * 30 + "\n")
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"], d["line"], d["column"], d["message"]) for d in run.json()] == [
        (
            "ML001",
            "handoffs/2-latin.md",
            3,
            4,
            "file is not valid UTF-8 (byte 0xe9); re-save it as UTF-8",
        ),
        (
            "ML001",
            "handoffs/3-binary.md",
            3,
            1,
            "file is binary (NUL byte), not markdown text; remove it or rename it without .md",
        ),
        ("ML001", "handoffs/4-utf16.md", 1, 1, "file is UTF-16, not UTF-8; re-save it as UTF-8"),
        (
            "ML301",
            "handoffs/5-long.md",
            3,
            1,
            "bullet has 30 words (limit 25); keep one fact per bullet and split or cut the rest",
        ),
    ]


def test_empty_and_odd_files_are_judged(repo: Path, cli: Any) -> None:
    tree(repo)
    (repo / "handoffs/2-empty.md").write_text("")
    (repo / "handoffs/3-fence.md").write_text("# T\n\n```\nunterminated - [DATE]\n")
    (repo / "handoffs/4-crlf.md").write_bytes(b"\xef\xbb\xbf# T\r\n\r\n## Empty\r\n")
    # The title holds a sub-section (an empty one): only the sub-section is empty. The fence
    # is never closed (ML310), and what it swallows is not judged.
    assert found(cli) == [
        ("ML310", "handoffs/3-fence.md", 3, 1),
        ("ML205", "handoffs/4-crlf.md", 3, 1),
    ]


def test_suppression_comments(repo: Path, cli: Any) -> None:
    long = " ".join(["w"] * 30)
    handoff = f"""\
# H - 2025-03-01

## Summary
- {long}
<!-- milestone-lint-disable ML301 -->
- {long} basically
<!-- milestone-lint-enable ML301 -->
- {long}
<!-- milestone-lint-disable-next-line -->
- {long} basically
- {long} <!-- milestone-lint-disable-line ML301 -->
"""
    tree(repo, handoff=handoff)
    assert found(cli) == [
        ("ML301", HANDOFF, 4, 1),
        ("ML305", HANDOFF, 6, 63),
        ("ML301", HANDOFF, 8, 1),
    ]
    tree(repo, handoff="<!-- milestone-lint-disable-file ML3 -->\n" + handoff)
    assert found(cli) == []
    tree(repo, handoff="<!-- milestone-lint-disable-file -->\n# H - 3/11/2025\n\n## Empty\n")
    assert found(cli) == []


SPEC_LESSONS = """\
## Config Library Migration

**Problem:** `Cannot import Settings from library`

**Solution:**
- Update dependency version
- Use new config pattern
- Update initialization with correct prefix

## Null Value Handling

**Problem:** `Invalid value in transformation`

**Solution:**
- Create sanitization function
- Replace invalid values with null
- Apply to all values before serialization
"""
SPEC_SUMMARY = """\
## Changes
- Data connector with batch processing
- Optimized query approach (30x faster)
- Cross-platform path handling

## Decisions
- Validation library update: 40% faster
- Nested env vars for configuration
- Default fallback for missing references

## Discoveries
- Duplicate entities: Item A has IDs 64, 125
- Relationship gaps: 246/252 entities connected
- Missing refs: IDs 53, 54 not in dataset
"""


def test_the_conventions_own_examples_lint_clean_when_complete(repo: Path, cli: Any) -> None:
    summary = (
        "# Data Milestone Summary - 2025-03-04\n\n"
        + SPEC_SUMMARY
        + "\n## Current system state\n- Import runs nightly\n"
    )
    tree(repo, summary=summary, lessons="# Lessons Learned - Data\n\n" + SPEC_LESSONS)
    assert found(cli) == []
    # As the template ships it, only the parts it leaves to the writer are reported.
    tree(repo, summary=SPEC_SUMMARY, lessons=SPEC_LESSONS)
    assert found(cli) == [
        ("ML204", SUMMARY, 1, 1),
        ("ML206", SUMMARY, 1, 1),
    ]


def test_suppression_ranges_follow_codes_and_prefixes() -> None:
    from milestone_lint.check.suppressions import Suppressions
    from milestone_lint.markdown.model import Comment

    said = [
        (2, "disable ML3"),
        (5, "enable ML305"),
        (8, "disable"),
        (10, "enable ML301"),
        (10, "disable-next-line ML101"),
    ]
    rules = Suppressions(
        Comment(f"<!-- milestone-lint-{text} -->", line, 1, line) for line, text in said
    )
    judged = {
        (code, line): rules.suppressed(code, line)
        for code in ("ML301", "ML305", "ML101")
        for line in (1, 3, 6, 9, 11)
    }
    off = {key for key, value in judged.items() if value}
    assert off == {
        ("ML301", 3),
        ("ML305", 3),
        ("ML301", 6),
        ("ML301", 9),
        ("ML305", 9),
        ("ML101", 9),
        ("ML305", 11),
        ("ML101", 11),
    }


def test_text_quoted_in_a_message_is_cut_short(repo: Path, cli: Any) -> None:
    # A finding is one line: a 300-character heading or link target is quoted in 80.
    heading = "Notes " * 50
    target = "missing/" + "x" * 300 + ".md"
    tree(
        repo,
        handoff=f"# Setup Handoff - 2025-03-01\n\n## Summary\nSee [it]({target}).\n\n"
        f"## {heading.strip()}\n",
    )
    run = cli("check", "--format", "json")
    shown = {(d["code"], d["message"]) for d in run.json()}
    assert (
        "ML205",
        f'section "{heading[:79]}…" is empty; write its facts or remove the heading',
    ) in shown
    assert (
        "ML309",
        f'link target "{target[:79]}…" does not exist;'
        " fix the path: links resolve from the file's own folder",
    ) in shown
