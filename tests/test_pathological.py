"""Pathological input never hangs the hook: each input of bench/pathological.py is judged
well within 10× the 1 s target (the bench prints the real times)."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import write_tree

# Each input is built to be hard: about a second a test.
pytestmark = pytest.mark.slow

LIMIT = 10.0


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "pathological.py"
    spec = importlib.util.spec_from_file_location("pathological_bench", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


@pytest.mark.parametrize("name", list(BENCH.INPUTS))
def test_judged_within_ten_times_the_target(
    name: str, tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel, text = BENCH.INPUTS[name]()
    assert len(text.encode()) < 1024 * 1024
    write_tree(
        tmp_path,
        {
            "handoffs/1-core/0-milestone-summary.md": "# S - 2025-03-01\n\n## Changes\n- x\n",
            "handoffs/1-core/0-lessons-learned.md": "# L\n\n## A\n\n**Problem:** p.\n\n"
            "**Solution:** s.\n",
            "handoffs/1-core/1-a.md": "# A - 2025-03-01\n\n- x\n",
            f"handoffs/{rel}": text,
        },
    )
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    run = cli("check", "-q", "--exit-zero", f"handoffs/{rel}")
    elapsed = time.perf_counter() - start
    assert (run.code, run.err) == (0, "")
    assert elapsed < LIMIT, f"{name}: {elapsed:.1f} s"


def test_drafting_a_milestone_from_pathological_handoffs(
    repo: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Drafting reads every pending handoff: long whitespace runs and separator runs where
    # the lesson patterns look (markers, "fixed by", arrows) must not make it hang.
    spaces = " " * 40_000
    section = "## Problems & Solutions\n"
    texts = {
        "handoffs/1-a.md": f"# A - 2025-03-01\n\n{section}- **Problem:**{spaces}x\n",
        "handoffs/2-b.md": f"# B - 2025-03-02\n\n{section}- problem{spaces}\n",
        "handoffs/3-c.md": f"# C - 2025-03-03\n\n{section}- a{spaces}-\n"
        f"- a ->{spaces}\n- x{', ' * 20_000}\n",
    }
    write_tree(repo, texts)
    start = time.perf_counter()
    run = cli("new", "milestone", "core")
    elapsed = time.perf_counter() - start
    assert run.code == 0, run.err
    assert (repo / "handoffs/1-core/0-lessons-learned.md").is_file()
    assert elapsed < LIMIT, f"{elapsed:.1f} s"


CLEAN_CORE = {
    "handoffs/1-core/0-milestone-summary.md": "# S - 2025-03-01\n\n## Changes\n- x\n",
    "handoffs/1-core/0-lessons-learned.md": "# L\n\n## A\n\n**Problem:** p.\n\n**Solution:** s.\n",
    "handoffs/1-core/1-a.md": "# A - 2025-03-01\n\n- x\n",
}


def _json(cli: Any, *args: str) -> list[tuple[str, str, int, int, str]]:
    run = cli("check", "--format", "json", "--no-cache", *args)
    assert run.err == ""
    return [(d["code"], d["path"], d["line"], d["column"], d["message"]) for d in run.json()]


def test_a_file_too_dense_to_judge_is_reported_not_judged(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from milestone_lint.check.documents import MAX_MARKS

    head = "# Note Handoff - 2025-03-01\n\n"
    over = head + "- [x](missing.md) TODO\n" * (MAX_MARKS // 2)
    write_tree(tmp_path, {**CLEAN_CORE, "handoffs/2-a.md": over})
    monkeypatch.chdir(tmp_path)
    lines = over.count("\n") + 1
    assert _json(cli, "handoffs/2-a.md") == [
        (
            "ML001",
            "handoffs/2-a.md",
            1,
            1,
            f"file is too long to judge: {lines:,} lines and {MAX_MARKS // 2:,} links, tags,"
            f" code spans or escapes, over the {MAX_MARKS:,} judged in one file; split it",
        )
    ]
    # One item fewer and the file is judged in full: its broken links are each reported.
    under = head + "- [x](missing.md) TODO\n" * ((MAX_MARKS - 10) // 2)
    write_tree(tmp_path, {"handoffs/2-a.md": under})
    found = _json(cli, "handoffs/2-a.md")
    assert "ML001" not in {code for code, *_ in found}
    broken = [(line, column) for code, _, line, column, _ in found if code == "ML309"]
    assert broken == [(3 + i, 3) for i in range((MAX_MARKS - 10) // 2)]


def test_more_findings_than_a_file_may_hold_are_one_ml001(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from milestone_lint.check.documents import MAX_FINDINGS

    head = "# Note Handoff - 2025-03-01\n\n"
    write_tree(tmp_path, {**CLEAN_CORE, "handoffs/2-a.md": head + "TBD " * (MAX_FINDINGS + 1)})
    monkeypatch.chdir(tmp_path)
    assert _json(cli, "handoffs/2-a.md") == [
        (
            "ML001",
            "handoffs/2-a.md",
            1,
            1,
            f"file is too long to judge: over {MAX_FINDINGS:,} findings in one file; split it",
        )
    ]
    # Under the limit (other rules report the paragraph too), every one is reported.
    count = MAX_FINDINGS - 10
    write_tree(tmp_path, {"handoffs/2-a.md": head + "TBD " * count})
    found = _json(cli, "handoffs/2-a.md")
    assert "ML001" not in {code for code, *_ in found}
    placeholders = [(line, column) for code, _, line, column, _ in found if code == "ML306"]
    assert placeholders == [(3, 1 + 4 * i) for i in range(count)]
    # A rule turned off for the file is not run: its findings are no cost and no count.
    off = "<!-- milestone-lint-disable-file ML3 -->\n"
    write_tree(tmp_path, {"handoffs/2-a.md": off + head + "TBD " * (MAX_FINDINGS * 2)})
    assert _json(cli, "handoffs/2-a.md") == []


def test_a_parser_recursing_too_deep_is_a_finding_not_a_crash(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No markdown known to us recurses that deep any more (lists and quotes alternating
    # did); a stack kept short stands in for whatever comes next.
    import inspect
    import sys

    nested = "".join("  " * i + "- x\n" for i in range(5)) + "> " * 5 + "q\n"
    write_tree(tmp_path, {**CLEAN_CORE, "handoffs/2-a.md": "# N - 2025-03-01\n\n" + nested})
    monkeypatch.chdir(tmp_path)
    assert "ML001" not in {code for code, *_ in _json(cli, "handoffs/2-a.md")}
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(len(inspect.stack()) + 30)
        run = cli("check", "-q", "--no-cache", "handoffs/2-a.md")
    finally:
        sys.setrecursionlimit(limit)
    assert (run.code, run.err) == (1, "")
    assert run.out == (
        "handoffs/2-a.md:1:1: ML001 file is nested too deeply to judge; split it or flatten"
        " its lists\n"
    )
