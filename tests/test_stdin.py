"""``check --stdin-filename PATH -``: standard input judged as PATH's content, in PATH's root,
with nothing written (SPEC §3). Run as editors run it: a real process, text on a real pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from milestone_lint.sources.base import MAX_FILE_BYTES
from tests.conftest import git

FILLER = "# Next Handoff - 2025-03-06\n\n## Summary\nIt works, I think.\n"


def _check(cwd: Path, stdin: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "MILESTONE_LINT_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "milestone_lint", "check", *args], cwd=cwd, input=stdin,
        capture_output=True, env=env, check=False, timeout=60,
    )  # fmt: skip


def _state(repo: Path) -> tuple[str, list[str]]:
    """What a run could have written: git's view of the tree and the git dir's entries."""
    return git(repo, "status", "--porcelain", "--ignored"), sorted(os.listdir(repo / ".git"))


def test_standard_input_is_judged_as_the_file_it_names(tracked: Path) -> None:
    before = _state(tracked)
    done = _check(tracked, FILLER.encode(), "--stdin-filename", "handoffs/3-next.md", "-")
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.decode().splitlines() == [
        'handoffs/3-next.md:4:11: ML305 filler "I think": state it as a fact, or say what is'
        " uncertain",
        "Found 1 problem in 1 file.",
    ]
    assert not (tracked / "handoffs/3-next.md").exists()
    assert _state(tracked) == before  # no file, no cache, nothing in the index


def test_the_layout_of_its_root_is_judged_as_if_the_file_were_there(tracked: Path) -> None:
    # As 5-next.md the text leaves a gap after 2-auth.md; on disk there is none.
    text = FILLER.replace("It works, I think.", "Routes.")
    done = _check(tracked, text.encode(), "--stdin-filename", "handoffs/5-next.md", "-")
    assert (done.returncode, done.stderr) == (1, b"")
    assert done.stdout.decode().splitlines()[0] == (
        "handoffs/5-next.md:1:1: ML105 handoff numbering skips 3–4: renumber, or restore the"
        " missing handoffs"
    )
    clean = _check(tracked, text.encode(), "--stdin-filename", "handoffs/3-next.md", "-")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, b"All checks passed.\n", b"")


def test_an_existing_file_is_judged_by_the_text_not_the_disk(tracked: Path) -> None:
    on_disk = (tracked / "handoffs/2-auth.md").read_bytes()
    done = _check(tracked, FILLER.encode(), "--stdin-filename", "handoffs/2-auth.md", "-",
                  "--format", "json")  # fmt: skip
    found = [(d["code"], d["path"], d["line"], d["column"]) for d in json.loads(done.stdout)]
    assert (done.returncode, found) == (1, [("ML305", "handoffs/2-auth.md", 4, 11)])
    assert (tracked / "handoffs/2-auth.md").read_bytes() == on_disk
    # From a subfolder, PATH is relative to where the command runs.
    sub = _check(tracked / "handoffs", FILLER.encode(), "--stdin-filename", "2-auth.md", "-")
    assert sub.stdout.decode().startswith("handoffs/2-auth.md:4:11: ML305 ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-"], "-: standard input is judged only with --stdin-filename PATH (the file it stands"
         " for): milestone-lint check --stdin-filename PATH -"),
        (["--stdin-filename", "handoffs/3-x.md"], "--stdin-filename judges standard input: give"
         " - as the only path (milestone-lint check --stdin-filename PATH -)"),
        (["--stdin-filename", "handoffs/3-x.md", "-", "handoffs"], "--stdin-filename judges"
         " standard input: give - as the only path (milestone-lint check --stdin-filename PATH"
         " -)"),
        (["--stdin-filename", "handoffs/3-x.md", "--fix", "-"], "--stdin-filename judges"
         " standard input, not the working tree or the index; drop --fix"),
        (["--stdin-filename", "handoffs/3-x.md", "--staged", "-"], "--stdin-filename judges"
         " standard input, not the working tree or the index; drop --staged"),
        (["--stdin-filename", "handoffs/3-x.txt", "-"], "--stdin-filename handoffs/3-x.txt: not a"
         " markdown file path; give the path the text would have, such as handoffs/4-next.md"),
        (["--stdin-filename", "handoffs", "-"], "--stdin-filename handoffs: not a markdown file"
         " path; give the path the text would have, such as handoffs/4-next.md"),
        (["--stdin-filename", "../outside.md", "-"], "../outside.md: outside the repository"
         " ({top}); give a path inside it"),
    ],
)  # fmt: skip
def test_every_misuse_is_one_line_and_exit_2(tracked: Path, args: list[str], message: str) -> None:
    before = _state(tracked)
    done = _check(tracked, FILLER.encode(), *args)
    expected = f"milestone-lint: error: {message.format(top=tracked)}\n"
    assert (done.returncode, done.stdout, done.stderr.decode()) == (2, b"", expected)
    assert _state(tracked) == before


def test_standard_input_over_the_file_cap_is_refused(tracked: Path) -> None:
    big = b"- a fact\n" * (MAX_FILE_BYTES // 9 + 2)
    done = _check(tracked, big, "--stdin-filename", "handoffs/3-next.md", "-")
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (
        b"milestone-lint: error: standard input: over 5 MB, the limit a file has; not judged\n"
    )


def test_endless_standard_input_is_cut_at_the_cap_not_waited_on(tracked: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "milestone_lint", "check", "--stdin-filename",
             "handoffs/3-next.md", "-"], cwd=tracked, stdin=zero, capture_output=True,
            check=False, timeout=60,
        )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.endswith(b"over 5 MB, the limit a file has; not judged\n")


def test_text_that_is_not_utf8_is_ml001(tracked: Path) -> None:
    done = _check(tracked, b"# T\n\n\xff\xfe\n", "--stdin-filename", "handoffs/3-next.md", "-")
    assert (done.returncode, done.stdout.decode().splitlines()) == (
        1,
        [
            "handoffs/3-next.md:3:1: ML001 file is not valid UTF-8 (byte 0xff); re-save it as"
            " UTF-8",
            "Found 1 problem in 1 file.",
        ],
    )
