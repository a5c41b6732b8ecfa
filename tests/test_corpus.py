"""The real-world trees in shared/corpus: every run finishes, and each finding is one we defend.

``corpus_expected/<tree>.txt`` lists every diagnostic (code, path in the root, line, column).
Each was reviewed against the tree (see the issue notes for the reasoning per rule); a change
that adds or removes one must be argued the same way, then the file updated.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS

EXPECTED = Path(__file__).parent / "corpus_expected"
TREES = sorted(p.stem for p in EXPECTED.glob("*.txt"))


def _expected(tree: str) -> list[str]:
    lines = (EXPECTED / f"{tree}.txt").read_text().splitlines()
    return [line for line in lines if line and not line.startswith("#")]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus is not beside this checkout")
@pytest.mark.parametrize("tree", TREES)
def test_corpus_tree(tree: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy, so that the output does not depend on where shared/ sits or on a repo around it.
    shutil.copytree(CORPUS / tree / "handoffs", tmp_path / "handoffs")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--format", "json", "handoffs")
    assert run.err == ""
    expected = _expected(tree)
    assert run.code == (1 if expected else 0)
    found = [
        f"{d['code']} {d['path'].removeprefix('handoffs/') if d['path'] != 'handoffs' else '.'}"
        f":{d['line']}:{d['column']}"
        for d in run.json()
    ]
    assert found == expected


def test_every_corpus_tree_is_covered() -> None:
    if CORPUS.is_dir():
        assert sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) == TREES
