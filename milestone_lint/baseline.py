"""Baselines: adopt the linter in a repository with old debt, and still fail on every new problem.

A baseline records each diagnostic as (code, path, fingerprint). The fingerprint hashes the
message and the offending line's text, never the line number, so edits elsewhere in a file do
not bring a known problem back; changing the offending text does, as it should.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.errors import MilestoneLintError

DEFAULT_NAME = ".milestone-lint-baseline.json"
_TOOL = "milestone-lint"
Key = tuple[str, str, str]


def fingerprint(diagnostic: Diagnostic) -> str:
    text = "\0".join((diagnostic.code, diagnostic.path, diagnostic.message, diagnostic.context))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _key(diagnostic: Diagnostic) -> Key:
    return (diagnostic.code, diagnostic.path, fingerprint(diagnostic))


def write_baseline(path: Path, shown: str, diagnostics: Sequence[Diagnostic]) -> None:
    """Write (or replace) a baseline file; refuse to replace any other file."""
    if path.exists():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            existing = None
        if not isinstance(existing, dict) or existing.get("tool") != _TOOL:
            raise MilestoneLintError(
                f"{shown}: exists and is not a milestone-lint baseline; it was left untouched"
            )
    entries = [{"code": c, "path": p, "fingerprint": f} for c, p, f in map(_key, diagnostics)]
    document = {"tool": _TOOL, "version": 1, "entries": entries}
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    os.replace(temp, path)


def load_baseline(path: Path, shown: str) -> Counter[Key]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MilestoneLintError(
            f"{shown}: baseline file not found; create it with milestone-lint baseline"
        ) from None
    except (OSError, ValueError) as exc:
        raise MilestoneLintError(f"{shown}: unreadable baseline ({exc}); recreate it") from None
    if not isinstance(data, dict) or data.get("tool") != _TOOL:
        raise MilestoneLintError(f"{shown}: not a milestone-lint baseline; recreate it")
    known: Counter[Key] = Counter()
    for entry in data.get("entries", []):
        if isinstance(entry, dict):
            known[
                (str(entry.get("code")), str(entry.get("path")), str(entry.get("fingerprint")))
            ] += 1
    return known


def without_known(
    diagnostics: Iterable[Diagnostic], known: Counter[Key]
) -> tuple[list[Diagnostic], int]:
    """The diagnostics not in the baseline, and how many were."""
    remaining = Counter(known)
    new: list[Diagnostic] = []
    hidden = 0
    for diagnostic in diagnostics:
        key = _key(diagnostic)
        if remaining[key] > 0:
            remaining[key] -= 1
            hidden += 1
        else:
            new.append(diagnostic)
    return new, hidden
