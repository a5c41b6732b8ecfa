"""The real-world trees in shared/corpus: every run finishes, and each finding is one we defend.

The expected lists below were reviewed one by one (see the issue notes): each is a true problem
of that tree. A change that adds or removes a diagnostic here must be argued the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS

EXPECTED: dict[str, list[tuple[str, str]]] = {
    "Michaelzag__RooArmy": [],
    "okeefe123__mask-generation-tool": [],
    "albi2__thesis-text-to-SQL": [
        # The milestone's only handoff was given a 0- name, so the folder holds no handoff.
        ("ML203", "1-database-schema-engine"),
        ("ML102", "1-database-schema-engine/0-database-creation-and-schema-engine.md"),
    ],
    "cannuri__RooCode-Tips-Tricks": [
        # Template guides at the root: neither numbered handoffs nor 0- system files.
        ("ML101", "handoff-system-advanced.md"),
        ("ML101", "handoff-system-basic.md"),
        ("ML101", "handoff-system-guide.md"),
        ("ML101", "handoff-system.md"),
    ],
    "xlfish233__RooFlow": [
        ("ML101", "handoff-system-advanced.md"),
        ("ML101", "handoff-system-basic.md"),
        ("ML101", "handoff-system-guide.md"),
        ("ML101", "handoff-system.md"),
    ],
    "darolishes__BondBridge": [("ML105", "5-app-structure.md")],
    "jsonify__isotope": [
        ("ML107", "1-AN-AW-GL_ProgressionSystem"),
        ("ML103", "1-AN-AW-GL_ProgressionSystem/1-project-structure-and-progression.md"),
        ("ML104", "1-AN-AW-GL_ProgressionSystem/1-project-structure-and-progression.md"),
        ("ML107", "2-Foundation Systems"),
    ],
    "jsonify__performance-review-tracker": [
        # History shows the handoffs were moved into the milestones and later moved back out.
        ("ML203", "1-implementation-milestone"),
        ("ML101", "16-chat_transcript.md"),
        ("ML104", "16-workflow-testing.md"),
        ("ML203", "2-cli-documentation-milestone"),
        ("ML203", "3-workflow-performance-milestone"),
    ],
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
@pytest.mark.parametrize("tree", sorted(EXPECTED))
def test_corpus_tree(tree: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy, so that the output does not depend on where shared/ sits or on a repo around it.
    shutil.copytree(CORPUS / tree / "handoffs", tmp_path / "handoffs")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--format", "json", "handoffs")
    assert run.err == ""
    assert run.code == (1 if EXPECTED[tree] else 0)
    found = [(d["code"], str(Path(d["path"]).relative_to("handoffs"))) for d in run.json()]
    assert found == EXPECTED[tree]


def test_every_corpus_tree_is_covered() -> None:
    if CORPUS.is_dir():
        assert sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) == sorted(EXPECTED)
