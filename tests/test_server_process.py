"""``milestone-lint server`` as a process: the protocol's start and end over raw stdio, a
message it cannot read, the missing extra, and no other command importing pygls."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import commit_all, write_tree

SUMMARY = (
    "# Core Milestone Summary - 2025-03-04\n\n## Changes\n- Models\n\n## Decisions\n"
    "- UUID keys: offline IDs\n\n## Discoveries\n- SQLite quirks\n\n"
    "## Current system state\n- Tests pass\n"
)
TREE = {
    "handoffs/1-core/0-milestone-summary.md": SUMMARY,
    "handoffs/1-core/0-lessons-learned.md": (
        "# Lessons\n\n## Migrations\n\n**Problem:** SQLite.\n\n**Solution:** Batch mode.\n"
    ),
    "handoffs/1-core/1-setup.md": "# Setup Handoff - 2025-03-01\n\n## Summary\nSkeleton.\n",
    "handoffs/2-auth.md": "# Auth Handoff - 2025-03-05\n\n## Summary\nLogin.\n",
}
SERVER = [sys.executable, "-m", "milestone_lint", "server", "--debounce-ms", "20"]


@pytest.fixture
def tree(repo: Path) -> Path:
    write_tree(repo, TREE)
    commit_all(repo, "initial")
    return repo


def test_initialize_shutdown_exit_over_raw_stdio(tree: Path) -> None:
    """The protocol's own end: shutdown answered, exit ends the process with 0."""

    def message(body: dict[str, Any]) -> bytes:
        data = json.dumps(body).encode()
        return b"Content-Length: %d\r\n\r\n" % len(data) + data

    stdin = b"".join(
        [
            message(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": tree.as_uri(), "capabilities": {}},
                }
            ),
            b"Content-Length: 9\r\n\r\n{not json",  # no JSON: survived
            message({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            message({"jsonrpc": "2.0", "method": "exit"}),
        ]
    )
    done = subprocess.run(SERVER, input=stdin, capture_output=True, timeout=60, cwd=tree)
    assert done.returncode == 0, done.stderr
    # One line for the message it could not read, no traceback.
    assert done.stderr.decode() == (
        "milestone-lint server: Unable to handle message: JSONDecodeError: Expecting property"
        " name enclosed in double quotes: line 1 column 2 (char 1)\n"
    )
    replies = [
        json.loads(part.split(b"\r\n\r\n", 1)[1])
        for part in done.stdout.split(b"Content-Length: ")[1:]
    ]
    answered = {r["id"]: r for r in replies if "id" in r}
    assert answered[1]["result"]["serverInfo"]["name"] == "milestone-lint"
    assert answered[2]["result"] is None


def test_without_the_extra_the_command_says_how_to_get_it(tree: Path) -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None;"
        " from milestone_lint.cli import main; sys.exit(main(['server']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tree
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "milestone-lint: error: milestone-lint server needs pygls: pip install"
        " 'milestone-lint[lsp]' (then point the editor at `milestone-lint server`)\n"
    )


def test_no_other_command_imports_pygls(tree: Path) -> None:
    code = (
        "import sys; from milestone_lint.cli import main; main(['check']);"
        " main(['context']); print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('pygls', 'lsprotocol')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tree
    )
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_neovim_reads_the_servers_diagnostics(tree: Path, tmp_path: Path) -> None:
    """A real editor, headless: Neovim's own LSP client opens a bad handoff and gets its
    findings, where `check` puts them."""
    (tree / "handoffs/2-auth.md").write_text(
        "# Auth Handoff - 2025-03-05\n\n## Summary\n- We basically did it\n"
    )
    out = tmp_path / "diagnostics.txt"
    script = Path(__file__).parent / "editors" / "neovim.lua"
    env = {
        **os.environ,
        "ML_ROOT": str(tree),
        "ML_FILE": str(tree / "handoffs/2-auth.md"),
        "ML_OUT": str(out),
        "ML_CMD": " ".join(SERVER),
    }
    done = subprocess.run(
        ["nvim", "--headless", "--clean", "-c", f"luafile {script}"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text() == 'ML305 4:6 filler "basically": drop "basically"\n'
