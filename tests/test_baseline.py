"""Adopting the linter with a baseline: old problems hidden, new ones still fail."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import git, write_tree
from tests.test_config import config_error

LONG = " ".join(["word"] * 30)
DEBT = {
    "handoffs/1-setup.md": f"# Setup - 2025-03-01\n\n## Summary\n- {LONG}\n\n## Empty\n",
    "handoffs/2_auth.md": "# Auth - 2025-03-02\n\n- fine\n",
}


def test_baseline_hides_known_problems_and_reports_new_ones(repo: Path, cli: Any) -> None:
    write_tree(repo, DEBT)
    assert cli("check").code == 1
    run = cli("baseline")
    assert run.code == 0
    assert run.lines == [
        "recorded 3 problems in .milestone-lint-baseline.json",
        'add `baseline = ".milestone-lint-baseline.json"` to the configuration to use it',
    ]
    (repo / "milestone-lint.toml").write_text('baseline = ".milestone-lint-baseline.json"\n')
    run = cli("check")
    assert (run.code, run.out) == (0, "All checks passed (3 known problems in the baseline).\n")
    # Lines added above known problems do not bring them back: no line numbers are recorded.
    text = (repo / "handoffs/1-setup.md").read_text()
    (repo / "handoffs/1-setup.md").write_text(
        text.replace("## Summary\n", "## Summary\nIntro.\n\n")
    )
    assert cli("check").code == 0
    # A new problem fails, and only it is shown.
    write_tree(repo, {"handoffs/3-search.md": f"# Search - 2025-03-03\n\n- {LONG}\n"})
    run = cli("check")
    assert run.code == 1
    assert run.lines == [
        "handoffs/3-search.md:3:1: ML301 bullet has 30 words (limit 25); keep one fact per"
        " bullet and split or cut the rest",
        "Found 1 problem in 1 file (3 known problems in the baseline).",
    ]
    # Changing the offending text makes it a new problem.
    (repo / "handoffs/1-setup.md").write_text(text.replace(LONG, LONG + " more"))
    assert "handoffs/1-setup.md:4:1: ML301" in cli("check").out


def test_baseline_never_replaces_a_foreign_file(repo: Path, cli: Any) -> None:
    write_tree(repo, DEBT)
    (repo / "notes.json").write_text('{"mine": true}\n')
    run = cli("baseline", "notes.json")
    assert run.code == 2
    assert "is not a milestone-lint baseline; it was left untouched" in run.err
    assert (repo / "notes.json").read_text() == '{"mine": true}\n'
    assert cli("baseline").code == 0
    assert cli("baseline").code == 0  # its own file is replaced


def test_missing_baseline_file_is_an_error(repo: Path, cli: Any) -> None:
    write_tree(repo, DEBT)
    assert config_error(repo, cli, "milestone-lint.toml", 'baseline = "nope.json"\n') == (
        "milestone-lint: error: nope.json: baseline file not found; create it with"
        " milestone-lint baseline\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"tool": "milestone-lint", "entries": 5}', '"entries" is not a list'),
        ("null", "not a milestone-lint baseline"),
        ("[" * 100_000 + "]" * 100_000, "unreadable baseline (nested too deeply)"),
        ("{", "unreadable baseline (Expecting property name"),
    ],
)
def test_a_broken_baseline_is_one_line(repo: Path, cli: Any, content: str, message: str) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\n- x\n"})
    (repo / "milestone-lint.toml").write_text('baseline = "bl.json"\n')
    (repo / "bl.json").write_text(content)
    run = cli("check")
    assert run.code == 2
    assert run.err.startswith(f"milestone-lint: error: bl.json: {message}")
    assert run.err.count("\n") == 1


def test_baseline_into_a_missing_folder_is_one_line(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\n- x\n"})
    run = cli("baseline", "nodir/x.json")
    assert run.code == 2
    assert run.err == (
        f"milestone-lint: error: nodir/x.json: the folder {repo / 'nodir'} does not exist;"
        " create it, or choose another path\n"
    )
    assert not (repo / "nodir").exists()


def test_fix_with_a_held_index_lock_is_one_line(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1_Setup.md": "# Setup - 2025-03-01\n\n- x\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "x")
    (repo / ".git/index.lock").write_text("")
    run = cli("check", "--fix")
    assert run.code == 2
    assert run.err.endswith(
        "the git index is locked (another git command is running, or one"
        " crashed); wait, or remove the lock, then retry (nothing was"
        " changed)\n"
    )
    assert (repo / "handoffs/1_Setup.md").exists()


SUMMARY = "# Core Milestone Summary\n\n## Changes\n- Models\n"
GAPPED = {
    "handoffs/1-core/0-milestone-summary.md": SUMMARY,
    "handoffs/1-core/0-lessons-learned.md": "# L\n\n## M\n\n**Problem:** a.\n\n**Solution:** b.\n",
    "handoffs/1-core/1-setup.md": "# Setup Handoff\n\n## Summary\nSkeleton.\n",
    "handoffs/3-api.md": "# Api Handoff\n\n## Summary\nRoutes.\n",
}
GAPPED_FOUND = [
    ("ML204", "handoffs/1-core/0-milestone-summary.md"),
    ("ML204", "handoffs/1-core/0-milestone-summary.md"),
    ("ML204", "handoffs/1-core/0-milestone-summary.md"),
    ("ML206", "handoffs/1-core/0-milestone-summary.md"),
    ("ML105", "handoffs/3-api.md"),
]


def test_layout_and_absence_findings_survive_a_reworded_title(repo: Path, cli: Any) -> None:
    write_tree(repo, GAPPED)
    run = cli("check", "--format", "json")
    assert [(d["code"], d["path"]) for d in run.json()] == GAPPED_FOUND
    assert cli("baseline").lines[0] == "recorded 5 problems in .milestone-lint-baseline.json"
    (repo / "milestone-lint.toml").write_text('baseline = ".milestone-lint-baseline.json"\n')
    known = "All checks passed (5 known problems in the baseline).\n"
    assert (cli("check").code, cli("check").out) == (0, known)
    summary, gap = repo / GAPPED_FOUND[0][1], repo / "handoffs/3-api.md"
    for title, api in [
        ("# Core milestone summary", "# API handoff"),  # one word's case
        ("# Core Milestone Summary (v2)", "# Api Handoff (v2)"),
    ]:
        summary.write_text(SUMMARY.replace("# Core Milestone Summary", title))
        gap.write_text(GAPPED["handoffs/3-api.md"].replace("# Api Handoff", api))
        assert (cli("check").code, cli("check").out) == (0, known), title
    # What the finding is about still counts: a fourth missing section is new.
    summary.write_text("# Core\n\n- Models\n")
    run = cli("check", "--format", "json")
    assert [(d["code"], d["message"].split(";")[0]) for d in run.json()] == [
        ("ML204", 'summary has no "Changes" section')
    ]
    # A content finding still goes by its line's text (ML206 pointing at the title's date).
    summary.write_text(SUMMARY.replace("Summary", "Summary 3/11/2025"))
    assert [d["code"] for d in cli("check", "--format", "json").json()] == ["ML206"]


def test_a_baseline_written_by_0_1_still_hides_its_layout_findings(repo: Path, cli: Any) -> None:
    # 0.1.0 hashed line 1's text into a finding about no line: such entries still match.
    write_tree(repo, GAPPED)
    found = cli("check", "--format", "json").json()
    firsts = {d["path"]: (repo / d["path"]).read_text().splitlines()[0] for d in found}
    entries = []
    for d in found:
        text = "\0".join((d["code"], d["path"], d["message"], firsts[d["path"]]))
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        entries.append({"code": d["code"], "path": d["path"], "fingerprint": digest})
    document = {"tool": "milestone-lint", "version": 1, "entries": entries}
    (repo / "old.json").write_text(json.dumps(document))
    (repo / "milestone-lint.toml").write_text('baseline = "old.json"\n')
    run = cli("check")
    assert (run.code, run.out) == (0, "All checks passed (5 known problems in the baseline).\n")
