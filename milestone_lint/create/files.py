"""Writing files without ever overwriting one."""

from __future__ import annotations

import os
from pathlib import Path

from milestone_lint.errors import MilestoneLintError


def write_new(path: Path, text: str, shown: str) -> None:
    """Create ``path`` with ``text``; refuse if anything is already there."""
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise MilestoneLintError(f"{shown}: already exists; it was left untouched") from None
    except OSError as exc:
        raise MilestoneLintError(f"{shown}: cannot create it ({exc.strerror})") from None


def replace_text(path: Path, text: str) -> None:
    """Rewrite a file we own in this run, atomically (no half-written file on failure)."""
    temp = path.with_name(f".{path.name}.milestone-lint.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
