"""Trees a repository can commit that once crashed or fooled the run: folders nested a
thousand deep, edits hidden behind a restored mtime."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, write_tree


@pytest.fixture
def nest() -> Iterator[Callable[[Path, int], None]]:
    """Folders nested ``depth`` deep, made and removed one at a time: makedirs and rmtree
    (pytest's own clean-up of old temporary folders included) recurse, and would fail."""
    made: list[str] = []

    def make(base: Path, depth: int) -> None:
        base.mkdir(parents=True, exist_ok=True)
        folder = str(base)
        for _ in range(depth):
            folder += "/d"
            os.mkdir(folder)
            made.append(folder)
        with open(folder + "/notes.md", "w") as handle:
            handle.write("# deep\n")
        made.append(folder + "/notes.md")

    yield make
    for path in reversed(made):
        (os.remove if path.endswith(".md") else os.rmdir)(path)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("check", "--format", "json"), 0),
        (("status", "--format", "json"), 0),
        (("context", "--format", "json"), 0),
    ],
)
def test_a_folder_a_thousand_deep_is_no_crash(
    repo: Path, cli: Any, nest: Callable[[Path, int], None], args: tuple[str, ...], code: int
) -> None:
    write_tree(repo, GOOD_TREE)
    nest(repo / "handoffs" / "0-scripts", 1_000)  # a system folder: listed, never judged
    run = cli(*args)
    assert (run.code, run.err) == (code, "")
    if args[0] == "check":
        assert run.json() == []


def test_an_edit_with_its_mtime_put_back_is_seen(repo: Path, cli: Any) -> None:
    """Same size, same mtime, same inode (``touch -r``): the cache must not replay the old
    verdict; the ctime moved, as git's index notices."""
    write_tree(repo, GOOD_TREE)
    handoff = repo / "handoffs/2-auth.md"
    clean = handoff.read_text()
    past = time.time() - 3600
    os.utime(handoff, (past, past))
    time.sleep(2.1)  # a stat younger than 2 s is never trusted
    assert cli("check", "--format", "json").json() == []
    assert cli("check", "--format", "json").json() == []  # the stat is kept now
    bad = clean.replace("Login.", "TODO x")
    assert len(bad) == len(clean)
    before = os.stat(handoff)
    handoff.write_text(bad)
    os.utime(handoff, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(handoff)
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == (
        before.st_mtime_ns,
        before.st_size,
        before.st_ino,
    )
    found = [(d["code"], d["path"], d["line"]) for d in cli("check", "--format", "json").json()]
    assert found == [("ML306", "handoffs/2-auth.md", 4)]
