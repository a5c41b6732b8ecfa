"""``check --fix --diff``: a planned transaction shown as a git-style patch, nothing applied.

Renames as ``git diff -M`` writes them (``rename from`` / ``rename to``, with the rewritten
links as a hunk when the moved file changes too), rewritten files as unified diffs, created
files against ``/dev/null``: ``git apply`` takes the output as it is, so what is shown is
exactly what ``--fix`` would do.
"""

from __future__ import annotations

import difflib
from typing import Any

from milestone_lint.git.journal import Transaction

_NO_NEWLINE = "\\ No newline at end of file\n"


def _text(data: bytes) -> list[str]:
    return data.decode("utf-8", "surrogateescape").splitlines(keepends=True)


def _hunks(before: bytes, after: bytes, old: str, new: str) -> str:
    lines = difflib.unified_diff(_text(before), _text(after), old, new, lineterm="\n")
    out: list[str] = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n" + _NO_NEWLINE)
    return "".join(out)


def render_patch(tx: Transaction) -> str:
    """The planned steps of ``tx`` as one patch, paths from the workspace's top."""
    moved_from = {step["dst"]: step["src"] for step in tx.steps if step["op"] == "move"}
    rewritten = {step["path"]: step for step in tx.steps if step["op"] == "replace"}
    return "".join(_part(tx, step, moved_from, rewritten) for step in tx.steps)


def _part(
    tx: Transaction,
    step: dict[str, Any],
    moved_from: dict[str, str],
    rewritten: dict[str, dict[str, Any]],
) -> str:
    op = step["op"]
    ws = tx.workspace
    if op == "move":
        src, dst = step["src"], step["dst"]
        head = f"diff --git a/{src} b/{dst}\n"
        if dst not in rewritten:
            return head + f"similarity index 100%\nrename from {src}\nrename to {dst}\n"
        before = ws.path(src).read_bytes()
        body = _hunks(before, tx.planned(dst), f"a/{src}", f"b/{dst}")
        return head + f"rename from {src}\nrename to {dst}\n" + body
    if op == "replace":
        path = step["path"]
        if path in moved_from:
            return ""  # shown with its rename
        body = _hunks(ws.path(path).read_bytes(), tx.planned(path), f"a/{path}", f"b/{path}")
        return f"diff --git a/{path} b/{path}\n" + body
    if op == "create":
        path = step["path"]
        body = _hunks(b"", tx.planned(path), "/dev/null", f"b/{path}")
        return f"diff --git a/{path} b/{path}\nnew file mode 100644\n" + body
    return ""  # mkdir and stage show as the files they hold
