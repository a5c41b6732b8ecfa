"""ML311: a milestone's 0- files state only numbers, code and paths its handoffs hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import commit_all, git, staged, write_tree
from tests.helpers import HANDOFF, LESSONS, SUMMARY, tree

GROUNDED_HANDOFF = """\
# Setup Handoff - 2025-03-01

## Summary
- The queue holds 1,000 jobs; `make deploy` ships it from deploy/run.sh
- Cache hits rose to 97 of 100 requests, 30x faster
"""

SUMMARY_TEXT = """\
# Core Milestone Summary - 2025-03-04

## Changes
- The queue holds ~1000 jobs, 30x faster, 97% hits: `make deploy` runs run.sh
- 45+ tests pass with ~90% coverage in 200 ms
- Uses `make release` and scripts/build.py

## Decisions
- Milestone 1 (core) moved to Python 3.11.2 on 2025-03-02 at 14:30 in 2024: 1st pick

## Discoveries
1. First finding
12. Twelfth finding, from handoff `014`

## Current system state
- Works
"""


def found(cli: Any, *args: str) -> list[tuple[str, int, int, str]]:
    run = cli("check", "--format", "json", "--select", "ML311", *args)
    assert run.err == ""
    return [(d["path"], d["line"], d["column"], d["message"]) for d in run.json()]


def message(what: str, text: str) -> str:
    return (
        f'{what} "{text}" is not in its only handoff (1-core/); a milestone distils its'
        " handoffs: keep to what they record, or add it to the handoff it comes from"
    )


EXPECTED = [
    (SUMMARY, 5, 3, message("number", "45+")),
    (SUMMARY, 5, 23, message("number", "~90%")),
    (SUMMARY, 5, 40, message("number", "200 ms")),
    (SUMMARY, 6, 9, message("code span", "make release")),  # its text, inside the ticks
    (SUMMARY, 6, 27, message("path", "scripts/build.py")),
]


def test_invented_facts_are_found_and_grounded_ones_are_not(repo: Path, cli: Any) -> None:
    tree(repo, summary=SUMMARY_TEXT, handoff=GROUNDED_HANDOFF)
    # By value (~1000 is 1,000; 97% is 97; 30x is 30), by text, by file name (run.sh); not
    # dates, times, years, versions, ordinals, the milestone's number and name, list numbers
    # or a handoff cited by its padded number.
    assert found(cli) == EXPECTED


def test_lessons_are_held_to_the_handoffs_too(repo: Path, cli: Any) -> None:
    lessons = (
        "# Lessons Learned - Core\n\n## Migrations\n\n"
        "**Problem:** `ALTER TABLE` took 45 s.\n\n**Solution:** Batch mode.\n"
    )
    tree(repo, lessons=lessons)
    assert found(cli) == [
        (LESSONS, 5, 15, message("code span", "ALTER TABLE")),
        (LESSONS, 5, 33, message("number", "45")),
    ]


def test_a_milestone_without_handoffs_and_pending_handoffs_are_silent(repo: Path, cli: Any) -> None:
    tree(repo, summary=SUMMARY_TEXT)
    (repo / HANDOFF).unlink()
    write_tree(repo, {"handoffs/2-next.md": "# Next - 2025-03-05\n\n## Summary\n- 45+ tests\n"})
    assert found(cli) == []


def test_the_staged_handoffs_are_what_the_summary_is_held_to(repo: Path, cli: Any) -> None:
    tree(repo, summary=SUMMARY_TEXT, handoff=GROUNDED_HANDOFF)
    commit_all(repo, "initial")
    assert [(p, line, col) for p, line, col, _ in found(cli)] == [e[:3] for e in EXPECTED]
    # The handoff on disk now records the figures; the index does not yet.
    grounded = GROUNDED_HANDOFF + "- 45+ tests, ~90% coverage, 200 ms; `make release` build.py\n"
    (repo / HANDOFF).write_text(grounded)
    (repo / SUMMARY).write_text(SUMMARY_TEXT + "- More\n")
    git(repo, "add", SUMMARY)
    assert staged(cli, "--select", "ML311") == [("ML311", *e[:3]) for e in EXPECTED]
    assert found(cli) == []
    git(repo, "add", HANDOFF)
    assert staged(cli, "--select", "ML311") == []


def test_a_cached_verdict_is_judged_again_when_a_handoff_changes(repo: Path, cli: Any) -> None:
    tree(repo, summary=SUMMARY_TEXT, handoff=GROUNDED_HANDOFF)
    assert len(found(cli)) == 5
    assert len(found(cli)) == 5  # from the cache
    (repo / HANDOFF).write_text(
        GROUNDED_HANDOFF + "- 45+ tests, ~90% coverage, 200 ms; `make release` build.py\n"
    )
    assert found(cli) == []
    write_tree(repo, {"handoffs/1-core/2-more.md": "# More - 2025-03-03\n\n## Summary\n- x\n"})
    (repo / HANDOFF).write_text(GROUNDED_HANDOFF)
    assert [m[:3] for m in found(cli)] == [e[:3] for e in EXPECTED]


def test_an_editor_buffer_of_the_summary_is_judged(repo: Path, cli: Any, capsys: Any) -> None:
    tree(repo, summary="# Core Milestone Summary - 2025-03-04\n", handoff=GROUNDED_HANDOFF)
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(SUMMARY_TEXT.encode()))
    try:
        run = cli(
            "check", "--format", "json", "--select", "ML311", "--stdin-filename", SUMMARY, "-"
        )
    finally:
        sys.stdin = stdin
    assert [(d["line"], d["column"]) for d in run.json()] == [e[1:3] for e in EXPECTED]


def test_hostile_text_is_read_in_linear_time() -> None:
    """Runs a regex could rescan from each of their starts (a.md 20,000 times took 18 s)."""
    import time

    from milestone_lint.convention.facts import Sources, facts_in

    for text in ("a.md" * 20_000, "](" * 40_000, "<a:" * 30_000, "1," * 50_000, "`a" * 40_000):
        start = time.perf_counter()
        found = facts_in(text)
        Sources([text]).supports(found[0]) if found else None
        assert time.perf_counter() - start < 5, text[:8]  # ~0.1-0.3 s here: 10x and more
