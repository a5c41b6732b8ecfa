"""Completion on a folder URI (found by review): an empty result, no internal error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def _message(body: dict[str, Any]) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_completion_on_a_missing_folder_is_no_internal_error(tmp_path: Path) -> None:
    """Completion on a folder URI in a folder that is not a git repository answered -32603
    with a Python traceback in its data; an editor expects an empty result."""
    root = tmp_path.as_uri()
    stdin = b"".join(
        [
            _message(
                {
                    "jsonrpc": "2.0",
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": root, "capabilities": {}},
                }
            ),
            _message({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            _message(
                {
                    "jsonrpc": "2.0",
                    "id": 4,
                    "method": "textDocument/completion",
                    "params": {
                        "textDocument": {"uri": root + "/handoffs/"},
                        "position": {"line": 0, "character": 0},
                    },
                }
            ),
            _message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            _message({"jsonrpc": "2.0", "method": "exit"}),
        ]
    )
    done = subprocess.run(
        [sys.executable, "-m", "milestone_lint", "server", "--debounce-ms", "20"],
        input=stdin,
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    replies = [
        json.loads(part.split(b"\r\n\r\n", 1)[1])
        for part in done.stdout.split(b"Content-Length: ")[1:]
    ]
    answered = {r["id"]: r for r in replies if "id" in r}
    assert "error" not in answered[4], answered[4]["error"]["message"]
    assert done.stderr.decode() == ""
