"""What the server asks of the linter, off the event loop: the findings of a buffer (or of
the whole tree) with the open buffers in place of the disk, and the fixes ``--fix`` plans.

Each call reads the configuration afresh, so an edited configuration file is honoured from
the next judgement on (the server re-judges every open file when one changes).
"""

from __future__ import annotations

from pathlib import Path

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.errors import MilestoneLintError


def findings(
    top: Path, overlay: dict[str, bytes], paths: tuple[str, ...]
) -> tuple[list[Diagnostic], str | None]:
    """The findings for PATHS (relative to ``top``; none: every root), and the one-line error
    that stopped the run (a broken configuration), if any."""
    from milestone_lint.check.options import CheckOptions
    from milestone_lint.check.run import lint

    # No cache: a buffer is judged by its content, and the tree changes under the editor.
    options = CheckOptions(paths=paths, quiet=True, color=False, no_cache=True)
    try:
        report, _, _ = lint(options, overlay=overlay or None, cwd=top)
    except MilestoneLintError as exc:
        return [], str(exc)
    return list(report.diagnostics), None


def disk_text(path: str | None) -> str:
    """A file's text as the disk holds it, for positions in a file no buffer holds: a
    regular file reached through no link, within the size the linter reads (else "")."""
    import os

    from milestone_lint.sources.base import MAX_FILE_BYTES

    if path is None or os.path.islink(path) or not os.path.isfile(path):
        return ""
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


class PlannedEdit:
    """One step of a planned fix, paths relative to the top: a rename, a file's new text,
    or a file created with its text."""

    def __init__(self, op: str, path: str, text: str = "", target: str = "") -> None:
        self.op = op
        self.path = path
        self.text = text
        self.target = target


def planned_fixes(top: Path, code: str) -> tuple[list[PlannedEdit], list[str]]:
    """What ``check --fix`` would do for CODE, as steps (nothing written), and what each fix
    says it does."""
    from milestone_lint.git.journal import Transaction
    from milestone_lint.write.fix import plan_fixes

    tx: Transaction
    tx, fixes = plan_fixes(top, {code})
    steps: list[PlannedEdit] = []
    for step in tx.steps:
        op = step["op"]
        if op == "move":
            steps.append(PlannedEdit("rename", step["src"], target=step["dst"]))
        elif op in ("replace", "create"):
            text = tx.planned(step["path"]).decode("utf-8", "replace")
            steps.append(PlannedEdit(op, step["path"], text))
    return steps, [f"{fix.code}: {fix.message}" for fix in fixes]
