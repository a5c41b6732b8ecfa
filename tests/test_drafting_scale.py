"""Drafting is linear in bullets (issue 21): the near-duplicate merge reads an index of word
stems instead of comparing every bullet with every kept one, and still merges what difflib
calls near, however far apart the two bullets are."""

from __future__ import annotations

import difflib
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from milestone_lint.write import similar
from tests.conftest import write_tree
from tests.test_create import CORE
from tests.test_pathological import BENCH


def _all_pairs(keys: list[str]) -> list[bool]:
    """What the drafter merged before the index: every key against every kept one, by
    difflib alone (its own cheap upper bounds first, which never change the answer)."""
    kept: list[str] = []
    out: list[bool] = []
    for new in keys:
        numbers = re.findall(r"\d+", new)
        near = False
        for old in kept:
            if new == old:
                near = True
            elif numbers == re.findall(r"\d+", old):
                matcher = difflib.SequenceMatcher(None, new, old)
                near = (
                    matcher.real_quick_ratio() >= similar.SIMILAR
                    and matcher.quick_ratio() >= similar.SIMILAR
                    and matcher.ratio() >= similar.SIMILAR
                )
            if near:
                break
        out.append(not near)
        if not near:
            kept.append(new)
    return out


def test_the_index_merges_what_comparing_every_pair_merges() -> None:
    texts = BENCH.pending_handoffs(30)
    keys = [
        similar.key(line[2:])
        for text in texts.values()
        for line in text.splitlines()
        if line.startswith("- ")
    ]
    # Near copies far from their originals, and bullets that differ only in a number.
    rng = random.Random(5)
    keys += [keys[rng.randrange(100)] + " again" for _ in range(20)]
    keys += [f"the cache keeps {n} entries per worker" for n in range(40)]
    expected = _all_pairs(keys)
    assert len(keys) > 10 * similar.SMALL
    assert expected.count(False) > 50  # the input does hold merges
    kept = similar.Kept()
    assert [kept.keep(key) for key in keys] == expected


def test_a_lesson_repeated_three_hundred_handoffs_later_is_merged(repo: Path, cli: Any) -> None:
    rng = random.Random(7)
    words = [f"w{rng.randrange(10**6)}" for _ in range(3000)]
    handoffs = {}
    for n in range(2, 302):
        problem = " ".join(rng.sample(words, 9))
        handoffs[f"handoffs/{n}-h{n}.md"] = (
            f"# H{n} - 2025-03-01\n\n## Problems and Solutions\n"
            f"- **Problem:** Import {problem}\n- **Solution:** Batch it\n"
        )
    first = handoffs["handoffs/2-h2.md"].split("**Problem:** ")[1].split("\n")[0]
    handoffs["handoffs/302-again.md"] = (
        "# Again - 2025-03-02\n\n## Problems and Solutions\n"
        f"- **Problem:** {first}, once more\n- **Solution:** Batch it\n"
    )
    write_tree(repo, {**CORE, **handoffs})
    run = cli("new", "milestone", "many", "--dry-run")
    assert run.code == 0, run.err
    merged = [line.strip() for line in run.lines if "(merged: an earlier one says it)" in line]
    title = " ".join(first.split()[:8])
    assert merged == [f'302-again.md: lesson "{title}" (merged: an earlier one says it)']


def test_dry_run_over_500_pending_handoffs_takes_under_five_seconds(repo: Path) -> None:
    # 10x the target of 0.5 s of drafting, for the whole command in a fresh process.
    pending = {f"handoffs/{rel}": text for rel, text in BENCH.pending_handoffs(500).items()}
    core = {path: text for path, text in CORE.items() if path.startswith("handoffs/1-core/")}
    write_tree(repo, {**core, **pending})
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "new", "milestone", "many", "--dry-run"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == "milestone handoffs/2-many (dry run: nothing changed)"
    assert sum(line.startswith("  move handoffs/") for line in lines) == 500
    assert elapsed < 5.0, f"{elapsed:.1f} s"
    assert not (repo / "handoffs/2-many").exists()


def test_under_small_every_kept_key_is_compared_past_it_the_stems_decide() -> None:
    # Near by difflib (0.92), yet no word stem in common: found by the comparison of every
    # kept key while a group is small, taken as distinct once the index picks candidates.
    first, second = "abcdefghijkl mnopqrstuvwx", "zbcdefghijkl znopqrstuvwx"
    assert difflib.SequenceMatcher(None, second, first).ratio() >= similar.SIMILAR
    for fillers, merged in ((0, True), (similar.SMALL - 1, True), (similar.SMALL, False)):
        kept = similar.Kept()
        rng = random.Random(fillers)
        for _ in range(fillers):
            assert kept.keep(" ".join("".join(rng.choices("aeioukst", k=9)) for _ in range(3)))
        assert kept.keep(first)
        assert kept.keep(second) is not merged, fillers
