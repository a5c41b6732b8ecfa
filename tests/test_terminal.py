"""Hostile names never reach a terminal raw; output survives any stdout encoding."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD_TREE, commit_all, git, write_tree

HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\u202e"
# What a terminal must never receive from us: C0 controls but line breaks, tabs and the
# carriage return a pty adds, DEL, C1 controls, bidi overrides.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def in_pty(cwd: Path, *args: str, **env: str) -> tuple[int, str]:
    """Run milestone-lint with stdout and stderr on a real pseudo-terminal."""
    master, slave = pty.openpty()
    environment = {**os.environ, "NO_COLOR": "1", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "milestone_lint", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=environment,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def hostile(repo: Path) -> Path:
    write_tree(repo, GOOD_TREE)
    write_tree(
        repo,
        {
            f"handoffs/3-{HOSTILE} x.md": f"# Login {HOSTILE} Handoff - 2025-03-06\n\n- a\n",
            "handoffs/4-tokens.md": f"# Tokens {HOSTILE} - 2025-03-07\n\n- b\n",
            "handoffs/5-cache.md": f"# Cache {HOSTILE} - 2025-03-08\n\n- c\n",
        },
    )
    commit_all(repo, f"feat: tokens {HOSTILE}")
    return repo


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("status",),
        ("status", "--format", "mermaid"),
        ("new", "milestone", "auth", "--dry-run"),
        ("check", "--fix", "--select", "ML101"),
        ("suggest", "--hook-type", "post-commit"),
        ("check", "--config", f"{HOSTILE}.toml"),
        ("check", "--since", HOSTILE),
        ("check", "--select", HOSTILE),
        ("new", "handoff", HOSTILE),
        ("context",),
        ("context", "--format", "json"),
        ("install", "--agent", "claude"),
    ],
    ids=lambda args: " ".join(a.encode("unicode_escape").decode() for a in args),
)
def test_no_raw_control_character_reaches_the_terminal(
    hostile: Path, args: tuple[str, ...]
) -> None:
    code, shown = in_pty(hostile, *args)
    assert code in (0, 1, 2), shown
    assert shown.strip(), "the command printed nothing to check"
    assert not RAW.findall(shown), shown


def test_hostile_git_index_file_and_folder_are_escaped(hostile: Path) -> None:
    folder = hostile / f"sub{HOSTILE}"
    folder.mkdir()
    code, shown = in_pty(folder, "check", "--staged", GIT_INDEX_FILE=f"/nowhere/{HOSTILE}")
    assert code == 2
    assert not RAW.findall(shown), shown
    assert "GIT_INDEX_FILE names no file" in shown


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_any_stdout_encoding(repo: Path, encoding: str) -> None:
    write_tree(
        repo,
        {
            **GOOD_TREE,
            "handoffs/3-日本語.md": "# Тест 日本 Handoff - 2025-03-06\n\n- факт\n",
        },
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding}

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "milestone_lint", *args],
            cwd=repo,
            capture_output=True,
            env=env,
            check=False,
        )

    for args in (
        ("check",),
        ("status",),
        ("context",),
        ("new", "milestone", "auth", "--dry-run"),
    ):
        done = run(*args)
        assert done.returncode in (0, 1), done.stderr
        assert b"Traceback" not in done.stderr
        done.stdout.decode(encoding)  # what the stream declares is what it holds
    suite = ET.fromstring(run("check", "--format", "junit").stdout)  # well-formed UTF-8
    assert "日本語" in ET.tostring(suite, encoding="unicode")
    text = run("check", "--select", "ML101").stdout.decode(encoding)
    assert "handoffs/3-\\u65e5\\u672c\\u8a9e.md:1:1: ML101" in text


def test_deeply_nested_config_is_one_line(repo: Path, cli: Any) -> None:
    write_tree(repo, GOOD_TREE)
    (repo / "milestone-lint.toml").write_text("x = " + "[" * 10_000 + "]" * 10_000 + "\n")
    run = cli("check")
    assert run.code == 2
    assert run.err.endswith("invalid TOML: nested too deeply; fix the syntax\n")
    git(repo, "add", "-A")
    assert cli("check", "--staged", "--hook").code == 2
