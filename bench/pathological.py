"""Pathological inputs: no markdown file under 1 MB may take more than 1 s to judge.

    python bench/pathological.py

Each input is a file a hook may meet (typed, pasted or generated); it is judged alone with
``milestone-lint check`` in a fresh process, and its wall time printed beside the target.
The drafting section times ``new milestone --dry-run`` over many pending handoffs (target
0.5 s of drafting over 500; the whole command is printed).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from milestone_lint.check.documents import MAX_MARKS

TARGET = 1.0
HEAD = "# Note Handoff - 2025-03-01\n\n"


def _refs(n: int) -> str:
    return "".join(f"[r{i}]: http://example.com/{i}\n" for i in range(n))


# Mark-dense inputs come twice: as the issue met them (now over the limit, so ML001 says the
# file is too long to judge, at once) and just under the limit, judged in full.
UNDER = MAX_MARKS - 200


# name → (file name in the root, content)
INPUTS: dict[str, Callable[[], tuple[str, str]]] = {
    "40,000 spaces on a line": lambda: ("2-a.md", HEAD + " " * 40_000 + "x\n"),
    "a bullet of 40,000 spaces": lambda: ("2-a.md", HEAD + "- " + " " * 40_000 + "x date\n"),
    "20,000 reference definitions": lambda: ("2-a.md", HEAD + _refs(20_000)),
    f"{UNDER // 2:,} reference definitions": lambda: ("2-a.md", HEAD + _refs(UNDER // 2)),
    "50,000 **Problem:** in a paragraph": lambda: (
        "1-core/0-lessons-learned.md",
        "# Lessons\n\n## A\n\n" + "**Problem:** x " * 50_000 + "\n",
    ),
    "200,000 [ in a paragraph": lambda: ("2-a.md", HEAD + "[" * 200_000 + "\n"),
    f"{UNDER:,} [ in a paragraph": lambda: ("2-a.md", HEAD + "[" * UNDER + "\n"),
    "200,000 ` in a paragraph": lambda: ("2-a.md", HEAD + "`" * 200_000 + "\n"),
    "100,000 `x` code spans": lambda: ("2-a.md", HEAD + "`x` " * 100_000 + "\n"),
    f"{UNDER:,} `x` code spans": lambda: ("2-a.md", HEAD + "`x` " * UNDER + "\n"),
    "200,000 < in a paragraph": lambda: ("2-a.md", HEAD + "<" * 200_000 + "\n"),
    f"{UNDER:,} < in a paragraph": lambda: ("2-a.md", HEAD + "<" * UNDER + "\n"),
    "50,000 unclosed <!--": lambda: ("2-a.md", HEAD + "<!-- " * 50_000 + "\n"),
    f"{UNDER:,} unclosed <!--": lambda: ("2-a.md", HEAD + "<!-- " * UNDER + "\n"),
    "200,000 * on a line": lambda: ("2-a.md", HEAD + "*" * 200_000 + "\n"),
    "100,000 *a* emphases": lambda: ("2-a.md", HEAD + "*a* " * 100_000 + "\n"),
    "5,000 nested block quotes": lambda: ("2-a.md", HEAD + ">" * 5_000 + " x\n"),
    "700 nested lists": lambda: (
        "2-a.md",
        HEAD + "".join("  " * i + "- x\n" for i in range(700)),
    ),
    "50,000 list items": lambda: ("2-a.md", HEAD + "- word\n" * 50_000),
    f"{UNDER:,} list items": lambda: ("2-a.md", HEAD + "- word\n" * UNDER),
    f"{UNDER // 2:,} pairs of * and + bullets": lambda: (
        "2-a.md",
        HEAD + "* a\n+ b\n" * (UNDER // 2),
    ),
    "a megabyte of one-word bullets": lambda: ("2-a.md", HEAD + "- a\n" * 260_000),
    "eight lists opened on each of 20,000 lines": lambda: (
        "2-a.md",
        HEAD + "- - - - - - - - a\n" * 20_000,
    ),
    f"{UNDER // 2:,} list items and quotes alternating": lambda: (
        "2-a.md",
        HEAD + "- b\n> q\n" * (UNDER // 2),
    ),
    "20,000 headings": lambda: ("2-a.md", HEAD + "## Heading\n\ntext\n\n" * 20_000),
    f"{UNDER // 4:,} headings": lambda: ("2-a.md", HEAD + "## Heading\n\ntext\n\n" * (UNDER // 4)),
    "50,000 fillers on a line": lambda: ("2-a.md", HEAD + "basically " * 50_000 + "\n"),
    "50,000 [TODO] on a line": lambda: ("2-a.md", HEAD + "[TODO] " * 50_000 + "\n"),
    f"{UNDER:,} [TODO] on a line": lambda: ("2-a.md", HEAD + "[TODO] " * UNDER + "\n"),
    "a megabyte of TBD (250,000 placeholders)": lambda: ("2-a.md", HEAD + "TBD " * 250_000 + "\n"),
    "a megabyte of escapes": lambda: ("2-a.md", HEAD + "\\* " * 330_000 + "\n"),
    "a table of 20,000 columns": lambda: (
        "2-a.md",
        HEAD + "|a" * 20_000 + "|\n" + "|-" * 20_000 + "|\n" + "|x" * 20_000 + "|\n",
    ),
    f"{UNDER // 2:,} two-line tables in a paragraph": lambda: (
        "2-a.md",
        HEAD + "a|b\n-|-\n" * (UNDER // 2),
    ),
    "30,000 broken links": lambda: ("2-a.md", HEAD + "[x](missing.md) " * 30_000 + "\n"),
    f"{UNDER:,} broken links": lambda: ("2-a.md", HEAD + "[x](missing.md) " * UNDER + "\n"),
    f"{UNDER:,} autolinks in a paragraph": lambda: ("2-a.md", HEAD + "<a@b.c> " * UNDER + "\n"),
    f"{UNDER:,} links with emphasised labels": lambda: (
        "2-a.md",
        HEAD + "[**x**](y.md) " * UNDER + "\n",
    ),
    f"{UNDER // 3:,} comments across quote markers": lambda: (
        "2-a.md",
        HEAD + "> a <!-- x\n> y -->\n" * (UNDER // 3),
    ),
    f"{UNDER // 6:,} disable/enable comments around fillers": lambda: (
        "2-a.md",
        HEAD
        + (
            "<!-- milestone-lint-disable ML305 -->\nbasically x\n"
            "<!-- milestone-lint-enable ML305 -->\nbasically y\n"
        )
        * (UNDER // 6),
    ),
    "100,000 dates on a line": lambda: ("2-a.md", HEAD + "3/11/2025 " * 100_000 + "\n"),
    "an unclosed < before 20,000 'your'": lambda: ("2-a.md", HEAD + "<" + "your " * 20_000 + "\n"),
    "a 900 KB line of words": lambda: ("2-a.md", HEAD + "word " * 180_000 + "\n"),
}
# Committed configurations a hook may meet: name → milestone-lint.toml (issue 21: a regex per
# star backtracked, 80 s a commit for the first one).
CONFIGS: dict[str, str] = {
    "exclude ******************Z": 'exclude = ["******************Z"]\n',
    "exclude (*a)x30 Z, 40x **/": 'exclude = ["' + "*a" * 30 + 'Z", "' + "**/" * 40 + 'Z"]\n',
    "per-file-ignores [ab]* x40": '[per-file-ignores]\n"' + "[ab]*" * 40 + 'Z" = ["ML3"]\n',
}

# Drafting: many pending handoffs of distinct bullets with no numbers (one group for the
# near-duplicate merge), one bullet in eight a near copy of an earlier one. Issue 21: every
# bullet was compared with every kept one, 14.6 s for 120, 86 s for 250, 280 s for 500.
DRAFT_TARGET = 0.5
DRAFTING = (120, 250, 500)
_SYLLABLES = (*(c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"), "ing", "ed", "er")


def pending_handoffs(count: int, seed: int = 21) -> dict[str, str]:
    """``count`` pending handoffs (root-relative name → text), the same for the same seed."""
    rng = random.Random(seed)
    words = sorted({"".join(rng.choices(_SYLLABLES, k=rng.randint(1, 3))) for _ in range(3000)})
    written: list[str] = []

    def bullet() -> str:
        if written and rng.random() < 0.125:
            old = written[rng.randrange(len(written))].split()
            old[rng.randrange(len(old))] = rng.choice(words)  # one word changed
            return " ".join(old)
        text = " ".join(rng.choices(words, k=rng.randint(6, 14))).capitalize()
        written.append(text)
        return text

    def bullets(n: int) -> str:
        return "".join(f"- {bullet()}\n" for _ in range(n))

    return {
        f"{n}-step-{n}.md": f"# Step {n} - 2025-03-01\n\n## Changes\n{bullets(6)}\n"
        f"## Decisions\n{bullets(2)}\n## Discoveries\n{bullets(2)}\n"
        f"## Problems and Solutions\n- **Problem:** {bullet()}\n- **Solution:** {bullet()}\n"
        for n in range(2, count + 2)
    }


def run_drafting(count: int, temp: Path) -> tuple[float, int, str]:
    """``new milestone --dry-run`` over ``count`` pending handoffs, in a fresh process."""
    root = temp / f"drafting_{count}" / "handoffs"
    (root / "1-core").mkdir(parents=True)
    (root / "1-core/0-milestone-summary.md").write_text("# S - 2025-03-01\n\n## Changes\n- x\n")
    (root / "1-core/0-lessons-learned.md").write_text("# L\n\n## A\n\n**Problem:** p.\n")
    (root / "1-core/1-a.md").write_text(HEAD + "- x\n")
    for rel, text in pending_handoffs(count).items():
        (root / rel).write_text(text)
    return timed(["new", "milestone", "many", "--dry-run"], root.parent, 600)


def time_drafting(count: int) -> float:
    """The drafting alone (parsed documents in, the draft out), in this process."""
    from milestone_lint.config.schema import Config
    from milestone_lint.markdown import parse_markdown
    from milestone_lint.write.draft import draft

    texts = pending_handoffs(count)
    documents = [parse_markdown(text) for text in texts.values()]
    config = Config()
    start = time.perf_counter()
    draft(documents, list(texts), config.limits_for("summary"), config.limits_for("lessons"))
    return time.perf_counter() - start


def run(
    name: str, make: Callable[[], tuple[str, str]], temp: Path, config: str = ""
) -> tuple[float, int, str]:
    # A folder of its own per input: two names may map to one ("200,000 [" and "200,000 `").
    folder = "".join(c if c.isalnum() else "_" for c in name)
    root = Path(tempfile.mkdtemp(prefix=folder[:40], dir=temp)) / "handoffs"
    (root / "1-core").mkdir(parents=True)
    (root / "1-core/0-milestone-summary.md").write_text("# S - 2025-03-01\n\n## Changes\n- x\n")
    (root / "1-core/0-lessons-learned.md").write_text(
        "# L\n\n## A\n\n**Problem:** p.\n\n**Solution:** s.\n"
    )
    (root / "1-core/1-a.md").write_text(HEAD + "- x\n")
    rel, text = make()
    (root / rel).write_text(text)
    if config:
        (root.parent / "milestone-lint.toml").write_text(config)
        deep = root / "0-scripts" / "/".join(["a" * 40] * 20)  # long paths to match against
        deep.mkdir(parents=True)
        (deep / "notes.md").write_text("x\n")
    return timed(["check", "-q", "--exit-zero", f"handoffs/{rel}"], root.parent, 120)


def timed(args: list[str], cwd: Path, timeout: float) -> tuple[float, int, str]:
    """``milestone-lint args`` in a fresh process (no GIT_ variables): wall time, exit code
    and the end of stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return time.perf_counter() - start, done.returncode, done.stderr.strip()[-200:]


# Folders nested this deep in a 0- system folder (issue 21: ~990 raised RecursionError in check,
# status, context and new milestone).
NESTING = 1_000


def run_nesting(temp: Path) -> list[tuple[str, tuple[float, int, str]]]:
    """Each reading command over a root holding a folder NESTING deep; the tree is made and
    removed one folder at a time (makedirs and rmtree recurse)."""
    root = temp / "nesting" / "handoffs"
    (root / "0-scripts").mkdir(parents=True)
    for n in (1, 2, 3):
        (root / f"{n}-h{n}.md").write_text(HEAD + f"- fact {n}\n")
    folders = [str(root / "0-scripts")]
    for _ in range(NESTING):
        folders.append(folders[-1] + "/d")
        os.mkdir(folders[-1])
    try:
        return [
            (f"{command} over {NESTING:,} nested folders", timed([command], root.parent, 120))
            for command in ("check", "status", "context")
        ]
    finally:
        for folder in reversed(folders[1:]):
            os.rmdir(folder)


def report(name: str, size: str, result: tuple[float, int, str]) -> int:
    """Print one row; 1 when the input missed its target."""
    elapsed, code, err = result
    ok = elapsed <= TARGET and code == 0
    note = "" if ok else f"  MISSED{f' (exit {code}: {err})' if code else ''}"
    print(f"{name:<44} {size:>8} {elapsed:6.2f}s{note}")
    return 0 if ok else 1


def main() -> int:
    missed = 0
    with tempfile.TemporaryDirectory() as temp:
        print(f"{'input':<44} {'size':>8} {'time':>7}  target {TARGET:.0f} s")
        for name, make in INPUTS.items():
            size = f"{len(make()[1].encode()) / 1024:6.0f}KB"
            missed += report(name, size, run(name, make, Path(temp)))
        for name, config in CONFIGS.items():
            plain = lambda: ("2-a.md", HEAD + "- x\n")  # noqa: E731
            missed += report(name, "config", run(name, plain, Path(temp), config))
        for name, result in run_nesting(Path(temp)):
            missed += report(name, "tree", result)
        print(f"\n{'new milestone --dry-run':<44} {'drafting':>8} {'whole':>7}  target")
        for count in DRAFTING:
            alone = time_drafting(count)
            elapsed, code, err = run_drafting(count, Path(temp))
            ok = alone <= DRAFT_TARGET and code == 0
            note = "" if ok else f"  MISSED{f' (exit {code}: {err})' if code else ''}"
            name = f"{count} pending handoffs"
            print(f"{name:<44} {alone:7.2f}s {elapsed:6.2f}s  {DRAFT_TARGET} s{note}")
            missed += not ok
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
