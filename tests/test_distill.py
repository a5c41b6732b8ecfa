"""new milestone distils: every shape of lesson, the latest state, within the limits, and
nothing cut silently (issue 12)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, write_tree
from tests.test_create import CORE


def section(text: str, title: str) -> list[str]:
    """The bullets of one ``##`` section of a drafted file."""
    part = text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [line for line in part.splitlines() if line.strip()]


def distil(repo: Path, cli: Any, handoffs: dict[str, str], *args: str) -> Any:
    write_tree(repo, {**CORE, **handoffs})
    return cli("new", "milestone", "auth", *args)


def test_lessons_in_every_shape(repo: Path, cli: Any) -> None:
    handoffs = {
        "handoffs/2-a.md": (
            "# A - 2025-03-05\n\n## Problems & Solutions\n"
            "- **Problem:** Login hung in CI\n- **Solution:** Fake keyring backend\n"
        ),
        "handoffs/3-b.md": (
            "# B - 2025-03-06\n\n## Issues and Resolutions\n\n"
            "### Orphan rows after author delete\n\n"
            "Deleting an author left rows in the comments table.\n\n"
            "Added ON DELETE CASCADE to the foreign key.\n"
        ),
        "handoffs/4-c.md": (
            "# C - 2025-03-07\n\n## Problems encountered\n\n"
            "| Problem | Solution |\n|---|---|\n| Slow search | Added a trigram index |\n\n"
            "## Lessons Learned\n"
            "- Flaky login test: fixed by pinning the event loop\n"
            "- Timeouts on upload → raised the proxy body limit\n"
        ),
    }
    run = distil(repo, cli, handoffs)
    assert run.code == 0, run.err
    lessons = (repo / "handoffs/2-auth/0-lessons-learned.md").read_text()
    assert [line for line in lessons.splitlines() if line.startswith("## ")] == [
        "## Login hung in CI",
        "## Orphan rows after author delete",
        "## Slow search",
        "## Flaky login test",
        "## Timeouts on upload",
    ]
    assert "**Solution:** Added ON DELETE CASCADE to the foreign key." in lessons
    assert "**Solution:** Added a trigram index" in lessons
    assert "**Solution:** pinning the event loop" in lessons
    assert "**Solution:** raised the proxy body limit" in lessons
    assert "TODO" not in lessons


def test_state_is_the_latest_and_empty_items_are_dropped(repo: Path, cli: Any) -> None:
    handoffs = {
        "handoffs/2-a.md": "# A - 2025-03-05\n\n## Work in Progress\n- Logout: 20%\n- None\n",
        "handoffs/3-b.md": "# B - 2025-03-06\n\n## Current Project State\n- Logout done\n- N/A\n",
        "handoffs/4-c.md": "# C - 2025-03-07\n\n## Summary\nPolished the form.\n",
    }
    assert distil(repo, cli, handoffs).code == 0
    summary = (repo / "handoffs/2-auth/0-milestone-summary.md").read_text()
    # 4-c.md, the newest, says nothing of the state: an older one's may be stale.
    assert section(summary, "Current system state") == [
        "- TODO: say what works now and what is in progress"
        " (4-c.md, the newest handoff, says nothing of it)"
    ]


def test_near_duplicates_merge_and_limits_hold(repo: Path, cli: Any) -> None:
    facts = "".join(f"- Fact {n}: the cache keeps {n} entries\n" for n in range(15))
    handoffs = {
        "handoffs/2-a.md": (
            "# A - 2025-03-05\n\n## Discoveries\n- The keyring is locked in CI: use a fake\n"
            + facts
        ),
        "handoffs/3-b.md": (
            "# B - 2025-03-06\n\n## Discoveries\n- The keyring is locked in CI: use a fake.\n\n"
            "## Random Thoughts\n- maybe rewrite it all\n"
        ),
    }
    run = distil(repo, cli, handoffs, "--dry-run")
    assert run.code == 0, run.err
    assert "  left out of the drafts (still in the moved handoffs):" in run.lines
    assert '    3-b.md: section "Random Thoughts" (no place for it)' in run.lines
    assert [line for line in run.lines if "past the limit" in line] == [
        f'    discoveries: "Fact {n}: the cache keeps {n}…" (past the limit of 12)'
        for n in range(11, 15)
    ]
    run = distil(repo, cli, handoffs)
    assert run.code == 0, run.err
    assert '    3-b.md: section "Random Thoughts" (no place for it)' in run.err.splitlines()
    summary = (repo / "handoffs/2-auth/0-milestone-summary.md").read_text()
    discoveries = section(summary, "Discoveries")
    assert len(discoveries) == 12
    # Said in both handoffs: once, in the newer one's words (a later handoff's statement
    # stands for the theme).
    assert discoveries.count("- The keyring is locked in CI: use a fake.") == 1
    assert not any(line == "- The keyring is locked in CI: use a fake" for line in discoveries)
    merged = '    2-a.md: "The keyring is locked in CI:…" (merged into 3-b.md\'s)'
    assert merged in run.err.splitlines()
    drafts = ["handoffs/2-auth/0-milestone-summary.md", "handoffs/2-auth/0-lessons-learned.md"]
    check = cli("check", "--format", "json", "--ignore", "ML306", *drafts)
    assert [d["code"] for d in check.json() if d["path"] in drafts] == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
@pytest.mark.parametrize(
    "tree", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
)
def test_real_trees_distil_into_drafts_that_pass(
    tree: str, tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CORPUS / tree / "handoffs", tmp_path / "handoffs")
    monkeypatch.chdir(tmp_path)
    run = cli("new", "milestone", "distilled work")
    if "no pending handoffs" in run.err:
        pytest.skip("nothing pending in this tree")
    assert run.code == 0, run.err
    folder = run.lines[0].split()[1]
    drafts = [f"{folder}/0-milestone-summary.md", f"{folder}/0-lessons-learned.md"]
    check = cli("check", "--format", "json", "--select", "ML2,ML3", "--ignore", "ML306", *drafts)
    assert [(d["code"], d["path"], d["line"]) for d in check.json() if d["path"] in drafts] == []


def test_links_copied_into_the_draft_still_resolve(repo: Path, cli: Any) -> None:
    handoffs = {
        "docs/arch.md": "# Architecture\n",
        "handoffs/2-a.md": (
            "# A - 2025-03-05\n\n## Discoveries\n"
            "- The design is in [arch](../docs/arch.md), built on [setup](1-core/1-setup.md)\n"
            "- Details in [b](3-b.md)\n"
        ),
        "handoffs/3-b.md": "# B - 2025-03-06\n\n## Summary\nMore.\n",
    }
    assert distil(repo, cli, handoffs).code == 0
    summary = (repo / "handoffs/2-auth/0-milestone-summary.md").read_text()
    assert section(summary, "Discoveries") == [
        "- The design is in [arch](../../docs/arch.md), built on [setup](../1-core/1-setup.md)",
        "- Details in [b](3-b.md)",
    ]
    drafts = ["handoffs/2-auth/0-milestone-summary.md"]
    assert cli("check", "--format", "json", "--select", "ML309", *drafts).json() == []


def test_links_in_drafted_lessons_are_rewritten_as_the_moved_handoff_is(
    repo: Path, cli: Any
) -> None:
    handoffs = {
        "docs/ci.md": "# CI\n",
        "handoffs/2-a.md": (
            "# A - 2025-03-05\n\n## Problems & Solutions\n"
            "- **Problem:** Login hung, see [log](../docs/ci.md#hang)\n"
            "- **Solution:** Fake backend from [setup](1-core/1-setup.md)\n"
        ),
    }
    assert distil(repo, cli, handoffs).code == 0
    lessons = (repo / "handoffs/2-auth/0-lessons-learned.md").read_text()
    assert lessons.split("\n\n", 1)[1] == (
        "## Login hung\n\n"
        "**Problem:** Login hung, see [log](../../docs/ci.md#hang)\n\n"
        "**Solution:** Fake backend from [setup](../1-core/1-setup.md)\n\n"
    )
    moved = (repo / "handoffs/2-auth/2-a.md").read_text()
    assert "- **Problem:** Login hung, see [log](../../docs/ci.md#hang)\n" in moved


def test_free_form_handoffs_and_every_lesson_accounted_for(repo: Path, cli: Any) -> None:
    handoffs = {
        "handoffs/2-a.md": (
            "# Session notes\n\nWe talked about the importer.\n\n## Random Thoughts\n- later\n\n"
            "## Problems\n- **Problem:** Import timed out\n- **Solution:** Batch the rows\n"
        ),
        "handoffs/3-b.md": (
            "# More notes\n\n## Issues\n- **Problem:** Import timed out.\n"
            "- **Solution:** Batched the rows\n"
        ),
    }
    run = distil(repo, cli, handoffs, "--dry-run")
    assert run.code == 0, run.err
    assert [line.strip() for line in run.lines if line.startswith("    ")] == [
        "2-a.md: the text under its title (no place for it)",
        '2-a.md: section "Random Thoughts" (no place for it)',
        '3-b.md: lesson "Import timed out" (merged: an earlier one says it)',
    ]
    assert distil(repo, cli, handoffs).code == 0
    summary = (repo / "handoffs/2-auth/0-milestone-summary.md").read_text()
    # Nothing placeable: the template's sections stand with their TODOs, ready to write.
    assert section(summary, "Changes") == ["- TODO: list what changed"]
    lessons = (repo / "handoffs/2-auth/0-lessons-learned.md").read_text()
    assert lessons.count("**Problem:** Import timed out") == 1


def test_configured_synonyms_and_the_summary_words(repo: Path, cli: Any) -> None:
    (repo / "milestone-lint.toml").write_text('[summary.synonyms]\n"Decisions" = ["Choices"]\n')
    long = " ".join(f"w{n}" for n in range(20))
    other = " ".join(f"d{n}" for n in range(20))  # not the changes' words: not merged
    handoffs = {
        f"handoffs/{n}-h{n}.md": (
            f"# H{n} - 2025-03-0{n}\n\n## Choices\n- Picked option {n}: it is faster\n\n"
            "## Summary\n" + "".join(f"- Change {n}.{m} {long}\n" for m in range(4)) + "\n"
            "## Discoveries\n" + "".join(f"- Found {n}.{m} {other}\n" for m in range(4))
        )
        for n in range(2, 6)
    }
    run = distil(repo, cli, handoffs)
    assert run.code == 0, run.err
    summary = (repo / "handoffs/2-auth/0-milestone-summary.md").read_text()
    assert "- Picked option 5: it is faster" in section(summary, "Decisions")
    # Each bullet cut for the summary's words is named, by its first words.
    cut = [line for line in run.err.splitlines() if "past the summary's 500 words" in line]
    assert cut
    assert all(re.match(r'    (changes|discoveries): "(Change|Found) \d', x) for x in cut)
    drafts = ["handoffs/2-auth/0-milestone-summary.md"]
    check = cli("check", "--format", "json", "--ignore", "ML306", *drafts)
    assert [d["code"] for d in check.json() if d["path"] in drafts] == []


def test_a_lesson_title_keeps_the_underscores_of_a_name(repo: Path, cli: Any) -> None:
    """Emphasis marks go from a drafted title; a file name's underscores stay (ML311 holds the
    title to the handoff, which spells the name with them)."""
    handoffs = {
        "handoffs/2-a.md": (
            "# A - 2025-03-05\n\n## Problems & Solutions\n"
            "- **Problem:** Hard-coded options in phase1_technology.json limited _growth_\n"
            "- **Solution:** Read them from the config\n"
        ),
    }
    assert distil(repo, cli, handoffs).code == 0
    lessons = (repo / "handoffs/2-auth/0-lessons-learned.md").read_text()
    assert "## Hard-coded options in phase1_technology.json limited growth\n" in lessons
    assert cli("check", "--select", "ML311", "handoffs/2-auth").code == 0
