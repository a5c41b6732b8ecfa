"""Bad input never crashes: arbitrary markdown text, arbitrary file names, the bench script."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milestone_lint.cli import main
from milestone_lint.markdown import parse_markdown

MARKDOWN_ALPHABET = st.sampled_from(
    [*"#->*+`~|[]()!<>:\\_ \t\r\n\ufeff\u00e9\x00\x1b12.", "**", "```", "---", "<!--", "-->"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET, max_size=200).map("".join))
def test_any_text_parses_with_positions_inside_the_file(text: str) -> None:
    doc = parse_markdown(text)
    last = max(len(doc.lines), 1)
    positions = [(h.line, h.column) for h in doc.headings]
    positions += [(p.line, p.column) for p in doc.paragraphs]
    positions += [(i.line, i.column) for i in doc.items]
    positions += [(k.line, k.column) for k in doc.links]
    positions += [(c.line, c.column) for c in doc.comments]
    for line, column in positions:
        assert 1 <= line <= last, text
        assert column >= 1, text


NAME = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"),
    min_size=1,
    max_size=12,
).filter(lambda n: n not in (".", ".."))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(st.sampled_from(["", "1-core/", "2-x/"]), NAME), max_size=8))
def test_any_file_names_are_judged_without_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[tuple[str, str]]
) -> None:
    root = tmp_path / f"case{len(list(tmp_path.iterdir()))}" / "handoffs"
    root.mkdir(parents=True)
    for folder, name in names:
        target = root / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(b"# T\n\n- x\n")
    before = os.getcwd()
    os.chdir(root.parent)  # a PATH must lie inside the tree the run stands in
    try:
        for fmt in ("text", "json", "sarif", "junit", "github"):
            code = main(["check", "--format", fmt, "handoffs"])
            captured = capsys.readouterr()
            assert code in (0, 1), captured.err
            assert "Traceback" not in captured.err
            assert "\x1b" not in captured.out
    finally:
        os.chdir(before)


@pytest.mark.slow
def test_bench_script_runs(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[1] / "bench" / "bench.py"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        [sys.executable, str(script), "--files", "40", "--runs", "1", "--no-rumdl"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    labels = [line.split("  ")[1] for line in done.stdout.splitlines() if " / " in line]
    spellings = ["", " (--hook --staged)", " (-q)", " (--exit-zero)"]
    assert labels[:9] == [
        *(f"commit touching no root{s} / import click" for s in spellings),
        "suggest after an ordinary commit / import click",
        *(f"3 staged handoffs{s} / import click, mistune" for s in spellings),
    ]
    assert "check, whole tree" in done.stdout
    assert "1x warm check / one-process mistune parse" in done.stdout
    assert "peak RSS, cold check of the 5x tree" in done.stdout
    assert "broken links: " in done.stdout


def test_parallel_judging_gives_the_same_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import milestone_lint.check.engine as engine

    root = tmp_path / "handoffs"
    root.mkdir()
    for n in range(1, 241):
        bullet = " ".join(["word"] * (20 + n % 10))
        (root / f"{n}-note.md").write_text(f"# Note {n} - 2025-01-0{1 + n % 9}\n\n- {bullet}\n")
    (root / "241-bad.md").write_bytes(b"\xff\xfe\x00")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1)
    assert main(["check", "--format", "json", "--no-cache"]) == 1
    parallel = capsys.readouterr().out
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 10**12)
    assert main(["check", "--format", "json", "--no-cache"]) == 1
    sequential = capsys.readouterr().out
    assert parallel == sequential
    assert parallel.count('"ML301"') == 96
    # Judged in workers, cached in the parent: the warm run says the same.
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1)
    for _ in range(2):
        assert main(["check", "--format", "json"]) == 1
        assert capsys.readouterr().out == parallel


def test_broken_link_suggestions_scale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each broken link used to scan every file of the root: 10,000 links x 2,000 files.
    root = tmp_path / "handoffs"
    root.mkdir()
    for n in range(3, 2003):
        (root / f"{n}-note.md").write_text("# N\n")
    (root / "1-core").mkdir()
    (root / "1-core" / "target.md").write_text("# T\n")
    links = "".join(f"- [x](missing-{n}.md) and [t](target.md)\n" for n in range(5000))
    (root / "2-links.md").write_text("# L - 2025-03-01\n\n" + links)
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    code = main(["check", "-q", "--exit-zero", "--select", "ML309", "handoffs/2-links.md"])
    assert code == 0
    assert time.monotonic() - start < 20  # generous: about 1 s here


def test_the_pool_counts_the_cpus_this_process_may_use() -> None:
    script = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))});"
        " from milestone_lint.check.parallel import usable_cpus, can_fork;"
        " print(usable_cpus(), can_fork())"
    )
    if not hasattr(os, "sched_setaffinity"):
        pytest.skip("no CPU affinity on this system")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "False"]


def test_parallel_judging_survives_a_child_that_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that dies (here: killed by its own signal) has its share judged by the parent."""
    import signal as signals

    import milestone_lint.check.engine as engine
    from milestone_lint.check.parallel import map_forked

    root = tmp_path / "handoffs"
    root.mkdir()
    for n in range(1, 41):
        (root / f"{n}-note.md").write_text(f"# Note {n} - 2025-01-01\n\n- {'word ' * 30}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 10**12)
    assert main(["check", "--format", "json", "--no-cache"]) == 1
    sequential = capsys.readouterr().out
    parent = os.getpid()

    def dies_in_children(share: list[tuple[str, str]]) -> list[engine.Judged]:
        if os.getpid() != parent:
            os.kill(os.getpid(), signals.SIGKILL)
        return engine._judge_chunk(share)

    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(
        engine, "map_forked", lambda work, shares: map_forked(dies_in_children, shares)
    )
    assert main(["check", "--format", "json", "--no-cache"]) == 1
    assert capsys.readouterr().out == sequential
