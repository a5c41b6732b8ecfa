"""Plain git hooks for teams without pre-commit: install, and uninstall only what we installed."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from milestone_lint.errors import MilestoneLintError

HOOK_TYPES = ("pre-commit", "pre-merge-commit", "post-commit", "post-merge")
# Hooks that judge and may refuse; the others only suggest and can undo nothing.
BLOCKING = ("pre-commit", "pre-merge-commit")
MARKER = "# milestone-lint-hook: installed by `milestone-lint install`; `milestone-lint uninstall`"
COMMANDS = {
    "pre-commit": ("check", "--staged", "--hook"),
    "pre-merge-commit": ("check", "--staged", "--hook"),
    "post-commit": ("suggest", "--hook-type", "post-commit"),
    "post-merge": ("suggest", "--hook-type", "post-merge"),
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def hook_script(hook_type: str, python: str = sys.executable) -> str:
    """The hook file: runs this installation's Python, else milestone-lint on PATH."""
    args = " ".join(COMMANDS[hook_type])
    # A failing pre-commit hook must block the commit; a post-* hook cannot undo anything,
    # so when the tool is gone it only says so.
    missing_exit = 1 if hook_type in BLOCKING else 0
    return f"""#!/bin/sh
{MARKER} removes it.
PYTHON={_quote(python)}
if [ -x "$PYTHON" ]; then exec "$PYTHON" -m milestone_lint {args} "$@"; fi
if command -v milestone-lint >/dev/null 2>&1; then exec milestone-lint {args} "$@"; fi
echo "milestone-lint: not found ($PYTHON is gone); reinstall it or remove this hook" >&2
exit {missing_exit}
"""


def hooks_dir(cwd: Path) -> Path:
    """Where git runs hooks from: honours core.hooksPath and linked worktrees."""
    from milestone_lint.git.read import GitFailed, git

    try:
        out = git(["rev-parse", "--git-path", "hooks"], cwd)
    except GitFailed:
        raise MilestoneLintError(
            f"{cwd}: not inside a git repository; run milestone-lint install in one"
        ) from None
    return (cwd / os.fsdecode(out).strip()).resolve()


@dataclass(frozen=True)
class HookChange:
    hook_type: str
    path: Path
    action: str


def _ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def install(cwd: Path, hook_types: tuple[str, ...]) -> list[HookChange]:
    """Install the hooks, all or none: a foreign hook in the way stops everything."""
    folder = hooks_dir(cwd)
    targets = [(t, folder / t) for t in hook_types]
    for hook_type, path in targets:
        if (path.exists() or path.is_symlink()) and not _ours(path):
            raise MilestoneLintError(
                f"{path}: a {hook_type} hook that milestone-lint did not install is there; it is"
                f" left untouched. Add `milestone-lint {' '.join(COMMANDS[hook_type])}` to it,"
                " or use pre-commit"
            )
    folder.mkdir(parents=True, exist_ok=True)
    changes: list[HookChange] = []
    for hook_type, path in targets:
        action = "updated" if path.exists() else "installed"
        handle, temp = tempfile.mkstemp(prefix=f".{hook_type}.", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(hook_script(hook_type))
            os.chmod(temp, 0o755)
            os.replace(temp, path)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise MilestoneLintError(f"{path}: cannot write hook ({exc.strerror})") from None
        changes.append(HookChange(hook_type, path, action))
    return changes


def uninstall(cwd: Path, hook_types: tuple[str, ...]) -> list[HookChange]:
    """Remove the hooks milestone-lint installed; leave any other hook alone."""
    folder = hooks_dir(cwd)
    changes: list[HookChange] = []
    for hook_type in hook_types:
        path = folder / hook_type
        if not path.exists():
            continue
        if _ours(path):
            path.unlink()
            changes.append(HookChange(hook_type, path, "removed"))
        else:
            changes.append(HookChange(hook_type, path, "left alone (not installed by us)"))
    return changes
