"""Benchmarks: startup and throughput, as ratios against the floor and the alternatives.

    python bench/bench.py [--files 1420] [--runs 15]

Builds a synthetic handoff tree (40 milestones of ~35 handoffs, like the 1,420-file tree in
shared/FACTS.md) in a temporary git repository and times, as medians of wall time:

* the floor: `python -c pass`, and `python -c "import click"` (what any click CLI pays);
* the commit-time paths: `check --staged --hook` on a commit touching no markdown and on one
  touching 3 files, and `suggest` after an ordinary commit;
* a full `check` of the tree, and markdown parsing throughput against bare mistune;
* pymarkdown and markdownlint-cli2 when they are on PATH (else FACTS.md's numbers are shown).

Numbers vary between machines; compare the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTS = {"pymarkdown (FACTS.md)": (15.8, 0.22), "markdownlint-cli2 (FACTS.md)": (2.67, 0.28)}


def median_time(command: list[str], cwd: Path, runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build_tree(repo: Path, files: int) -> list[str]:
    per = 35
    number = 1
    paths: list[str] = []
    # About 4.5 KB a handoff, as in the 6.4 MB / 1,420-file tree of FACTS.md: the template's
    # sections, a few bullets each, prose, a table and a code block.
    prose = (
        "Refactored the session store so that tokens are refreshed before they expire and the"
        " retry loop no longer hammers the identity provider when it is down. "
    ) * 3
    sections = "".join(
        f"## {title}\n{prose}\n\n"
        + "".join(
            f"- {title} fact {n}: the cache keeps {n * 10} entries per user\n" for n in range(5)
        )
        + "\n"
        for title in ("Summary", "Discoveries", "Problems & Solutions", "Work in Progress")
    )
    table = "| file | change |\n|---|---|\n" + "".join(
        f"| src/m{n}.py | edit |\n" for n in range(8)
    )
    body = sections + "## References\n" + table + "\n```python\n" + "x = 1\n" * 20 + "```\n"
    for milestone in range(1, files // (per + 2) + 1):
        folder = repo / "handoffs" / f"{milestone}-part-{milestone}"
        folder.mkdir(parents=True)
        (folder / "0-milestone-summary.md").write_text(
            f"# Part {milestone} Milestone Summary - 2025-03-04\n\n## Changes\n- x\n\n"
            "## Decisions\n- y: z\n\n## Discoveries\n- d\n\n## Current system state\n- s\n"
        )
        (folder / "0-lessons-learned.md").write_text(
            "# Lessons\n\n## A\n\n**Problem:** p.\n\n**Solution:** s.\n"
        )
        for _ in range(per):
            path = folder / f"{number}-note-{number}.md"
            path.write_text(f"# Note {number} Handoff - 2025-03-01\n\n{body}")
            paths.append(str(path.relative_to(repo)))
            number += 1
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1420)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@b", GIT_COMMITTER_NAME="b")
    env.update(GIT_COMMITTER_EMAIL="b@b", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    lint = [sys.executable, "-m", "milestone_lint"]
    with tempfile.TemporaryDirectory() as temp:
        repo = Path(temp) / "repo"
        repo.mkdir()
        paths = build_tree(repo, options.files)
        (repo / "src.txt").write_text("x\n")
        for args in (
            ["init", "-q", "-b", "main"],
            ["add", "-A"],
            ["commit", "-q", "-m", "docs: t"],
        ):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True)
        size = sum((repo / p).stat().st_size for p in paths)
        runs = options.runs
        rows: list[tuple[str, float]] = []

        def timed(label: str, command: list[str]) -> float:
            value = median_time(command, repo, runs, env)
            rows.append((label, value))
            return value

        floor = timed("python -c pass (floor)", [sys.executable, "-c", "pass"])
        timed("python -c 'import click'", [sys.executable, "-c", "import click"])
        timed("milestone-lint --version", [*lint, "--version"])
        (repo / "src.txt").write_text("y\n")
        subprocess.run(["git", "add", "src.txt"], cwd=repo, env=env, check=True)
        timed(
            "check --staged --hook (commit touches no markdown)",
            [*lint, "check", "--staged", "--hook"],
        )
        three = paths[-3:]
        timed("check --staged --hook (3 files)", [*lint, "check", "--staged", "--hook", *three])
        timed(
            "suggest (after an ordinary commit)", [*lint, "suggest", "--hook-type", "post-commit"]
        )
        whole = timed(
            f"check, whole tree ({len(paths)} handoffs)", [*lint, "check", "-q", "--exit-zero"]
        )
        three_manual = timed("check, 3 files", [*lint, "check", "-q", "--exit-zero", *three])

        print(f"tree: {len(paths)} handoffs, {size / 1e6:.1f} MB; median of {runs} runs")
        for label, value in rows:
            print(f"  {label:<55} {value * 1000:8.1f} ms  {value / floor:6.1f}x floor")

        print("alternatives (whole tree / 3 files):")
        for tool, command in (
            ("pymarkdown", ["pymarkdown", "scan", "-r", "handoffs"]),
            ("markdownlint-cli2", ["markdownlint-cli2", "handoffs/**/*.md"]),
        ):
            if shutil.which(command[0]):
                value = median_time(command, repo, max(3, runs // 5), env)
                print(f"  {tool:<30} {value:6.2f} s  ({value / whole:5.1f}x milestone-lint)")
        for tool, (tree_s, three_s) in FACTS.items():
            print(
                f"  {tool:<30} {tree_s:6.2f} s / {three_s:.2f} s"
                f"  ({tree_s / whole:5.1f}x / {three_s / three_manual:4.1f}x milestone-lint)"
            )

        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        import mistune

        from milestone_lint.markdown import parse_markdown

        texts = [(repo / p).read_text() for p in paths]
        start = time.perf_counter()
        for text in texts:
            parse_markdown(text)
        ours = time.perf_counter() - start
        md = mistune.create_markdown(renderer=None)
        start = time.perf_counter()
        for text in texts:
            md(text)
        bare = time.perf_counter() - start
        print(
            f"parsing: markdown layer {size / ours / 1e6:.1f} MB/s, bare mistune"
            f" {size / bare / 1e6:.1f} MB/s ({ours / bare:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
