"""Writing commands are transactions: interrupted, killed, out of disk or raced, they lose
nothing and leave nothing half done. Real processes, real signals, real git."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOOD_TREE, commit_all, git, write_tree

HANDOFFS = 24
# The core milestone of the staged tests, without their pending handoff.
CORE = {k: v for k, v in GOOD_TREE.items() if k.startswith("handoffs/1-core/")}


def handoff(number: int) -> str:
    return (
        f"# Step {number} Handoff - 2025-03-05\n\n## Summary\nStep {number} done.\n\n"
        f"## Discoveries\n- Fact {number}: the cache holds {number} entries\n\n"
        "## References\n- [setup](1-core/1-setup.md)\n"
    )


@pytest.fixture
def tree(repo: Path) -> Path:
    """Tracked pending handoffs, a CRLF read-only index page linking to them, and work the
    commands must not touch: an unstaged edit elsewhere, an untracked file in the root."""
    files = dict(CORE)
    files.update({f"handoffs/{n}-step-{n}.md": handoff(n) for n in range(2, HANDOFFS + 2)})
    write_tree(repo, files)
    index_page = "# Index\r\n\r\n" + "".join(
        f"- [step {n}]({n}-step-{n}.md)\r\n" for n in range(2, HANDOFFS + 2)
    )
    (repo / "handoffs/README.md").write_bytes(b"\xef\xbb\xbf" + index_page.encode())
    (repo / "notes.txt").write_text("notes\n")
    (repo / "milestone-lint.toml").write_text('roots = ["handoffs"]\n')
    commit_all(repo, "initial")
    os.chmod(repo / "handoffs/README.md", 0o444)
    (repo / "notes.txt").write_text("an unstaged edit\n")
    (repo / "handoffs/scratch.txt").write_text("untracked\n")
    return repo


def snapshot(repo: Path) -> tuple[dict[str, tuple[str, int]], str, str]:
    """Every file's content hash and mode, git's status and its index listing."""
    files: dict[str, tuple[str, int]] = {}
    for folder, dirs, names in os.walk(repo):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in names:
            path = Path(folder, name)
            data = path.read_bytes()
            files[str(path.relative_to(repo))] = (
                hashlib.sha256(data).hexdigest(),
                path.stat().st_mode & 0o7777,
            )
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    return files, status, git(repo, "ls-files", "-s")


def assert_nothing_left(repo: Path) -> None:
    assert not (repo / ".git/index.lock").exists()
    assert not (repo / ".git/milestone-lint/journal.json").exists()
    assert list((repo / ".git/milestone-lint").glob("backup-*")) == []
    git(repo, "fsck", "--no-progress")  # raises when the repository is damaged


def start(repo: Path, *args: str, delay: float = 0.0, **env: str) -> subprocess.Popen[str]:
    environment = {**os.environ, **env}
    if delay:
        environment["MILESTONE_LINT_STEP_DELAY"] = str(delay)
    return subprocess.Popen(
        [sys.executable, "-m", "milestone_lint", *args],
        cwd=repo,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the run never reached the point to interrupt"
        time.sleep(0.005)


def moved(repo: Path) -> int:
    folder = repo / "handoffs/2-auth"
    return len(list(folder.glob("*-step-*.md"))) if folder.is_dir() else -1


def test_a_completed_milestone_touches_only_what_it_owns(tree: Path) -> None:
    done = start(tree, "new", "milestone", "auth")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    readme = tree / "handoffs/README.md"
    # Rewritten in place: BOM and CRLF kept, mode kept, links one folder deeper.
    assert readme.read_bytes().startswith(
        b"\xef\xbb\xbf# Index\r\n\r\n- [step 2](2-auth/2-step-2.md)\r\n"
    )
    assert readme.stat().st_mode & 0o777 == 0o444
    status = git(tree, "status", "--porcelain").splitlines()
    assert " M notes.txt" in status  # the unrelated edit stays unstaged
    assert "?? handoffs/scratch.txt" in status  # the untracked file stays untracked
    assert "R  handoffs/2-step-2.md -> handoffs/2-auth/2-step-2.md" in status
    assert "M  handoffs/README.md" in status
    assert "A  handoffs/2-auth/0-milestone-summary.md" in status
    assert_nothing_left(tree)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "point"),
    [
        (signal.SIGINT, lambda repo: moved(repo) >= 0),  # the folder exists, nothing moved
        (signal.SIGTERM, lambda repo: moved(repo) >= HANDOFFS // 2),  # halfway through
        (signal.SIGHUP, lambda repo: moved(repo) == HANDOFFS),  # moved; links, drafts next
        (
            signal.SIGTERM,
            lambda repo: (repo / "handoffs/2-auth/0-milestone-summary.md").exists(),
        ),  # drafted; the index next
    ],
    ids=["int-at-start", "term-halfway", "hup-after-moves", "term-before-staging"],
)
def test_a_signal_at_any_point_undoes_everything(
    tree: Path, signum: int, point: Callable[[Path], bool]
) -> None:
    before = snapshot(tree)
    run = start(tree, "new", "milestone", "auth", delay=0.02)
    wait_for(lambda: point(tree))
    run.send_signal(signum)
    out, err = run.communicate(timeout=60)
    name = signal.Signals(signum).name
    assert run.returncode == 128 + signum, err
    assert err == (
        f"milestone-lint: error: new milestone: interrupted by {name}; every change was undone\n"
    )
    assert out == ""
    assert snapshot(tree) == before
    assert_nothing_left(tree)


def test_after_a_kill_the_next_writing_command_undoes_first(tree: Path) -> None:
    before = snapshot(tree)
    run = start(tree, "new", "milestone", "auth", delay=0.02)
    wait_for(lambda: moved(tree) >= 5)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=60)
    assert snapshot(tree) != before  # half done: what a power loss would leave
    assert (tree / ".git/milestone-lint/journal.json").exists()
    after = start(tree, "init")
    _, err = after.communicate(timeout=60)
    assert after.returncode == 0, err
    assert err.startswith("milestone-lint: an interrupted `new milestone` (pid ")
    assert err.endswith(") had left changes behind; they were undone\n")
    assert snapshot(tree) == before
    assert_nothing_left(tree)


def test_a_full_disk_midway_undoes_everything(tree: Path) -> None:
    # The index page grows past the file-size limit when rewritten: every handoff has moved
    # by then. Python ignores SIGXFSZ, so the write fails with EFBIG.
    page = tree / "handoffs/README.md"
    os.chmod(page, 0o644)
    page.write_bytes(page.read_bytes() + b"x" * 40_000 + b"\r\n")
    commit_all(tree, "big page")
    (tree / "notes.txt").write_text("an unstaged edit\n")
    before = snapshot(tree)
    command = f"ulimit -f 24 && exec {sys.executable} -m milestone_lint new milestone auth"
    done = subprocess.run(["bash", "-c", command], cwd=tree, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("milestone-lint: error: new milestone: ")
    assert "File too large; every change was undone\n" in done.stderr
    assert snapshot(tree) == before
    assert_nothing_left(tree)


def test_a_held_index_lock_is_a_refusal_that_changes_nothing(tree: Path) -> None:
    (tree / ".git/index.lock").write_text("")
    before = snapshot(tree)
    done = start(tree, "new", "milestone", "auth")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 2
    assert "the git index is locked" in err
    assert "nothing was changed" in err
    assert snapshot(tree) == before
    (tree / ".git/index.lock").unlink()
    assert_nothing_left(tree)


def test_a_file_to_rewrite_with_unstaged_changes_is_refused(tree: Path) -> None:
    page = tree / "handoffs/README.md"
    os.chmod(page, 0o644)
    page.write_bytes(page.read_bytes() + b"- an unstaged line\r\n")
    before = snapshot(tree)
    done = start(tree, "new", "milestone", "auth")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 2
    assert err == (
        "milestone-lint: error: handoffs/README.md: unstaged changes would be mixed into what"
        " new milestone stages; git add or stash them first (nothing was changed)\n"
    )
    assert snapshot(tree) == before


def test_concurrent_new_handoffs_take_distinct_numbers(tree: Path) -> None:
    runs = [start(tree, "new", "handoff", f"Parallel work {n}") for n in range(8)]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0] * 8, outputs
    numbers = sorted(int(out.split("/")[1].split("-")[0]) for out, _ in outputs)
    first = HANDOFFS + 2
    assert numbers == list(range(first, first + 8))


def test_fix_renames_in_the_index_and_undoes_on_interrupt(tree: Path) -> None:
    for n in (3, 4):
        git(tree, "mv", f"handoffs/{n}-step-{n}.md", f"handoffs/{n}_Step {n}.md")
    commit_all(tree, "bad names")
    (tree / "notes.txt").write_text("an unstaged edit\n")
    before = snapshot(tree)
    run = start(tree, "check", "--fix", "--select", "ML101", delay=0.3)
    wait_for(lambda: (tree / "handoffs/3-step-3.md").exists())
    run.send_signal(signal.SIGTERM)
    run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM
    assert snapshot(tree) == before
    done = start(tree, "check", "--fix", "--select", "ML101")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    status = git(tree, "status", "--porcelain").splitlines()
    assert 'R  "handoffs/3_Step 3.md" -> handoffs/3-step-3.md' in status
    assert 'R  "handoffs/4_Step 4.md" -> handoffs/4-step-4.md' in status
    assert_nothing_left(tree)


def test_a_read_only_file_in_the_way_undoes_everything(tree: Path) -> None:
    # Immutable even for root: the move of the 12th handoff fails after 11 have moved.
    stuck = tree / "handoffs/13-step-13.md"
    if subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        before = snapshot(tree)
        done = start(tree, "new", "milestone", "auth")
        _, err = done.communicate(timeout=60)
        assert done.returncode == 2
        assert err.startswith("milestone-lint: error: new milestone: ")
        assert err.endswith("Operation not permitted; every change was undone\n")
        assert snapshot(tree) == before
        assert_nothing_left(tree)
    finally:
        subprocess.run(["chattr", "-i", str(stuck)], check=True)
