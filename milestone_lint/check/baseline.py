"""Baselines: adopt the linter in a repository with old debt, and still fail on every new problem.

A baseline records each diagnostic as (code, path, fingerprint). The fingerprint hashes the
message and the offending line's text, never the line number, so edits elsewhere in a file do
not bring a known problem back; changing the offending text does, as it should. A finding about
no line — a layout rule's (names, numbers, which files exist) or an absence (a missing section,
a missing date), all placed at 1:1 — is fingerprinted by what it is about alone: its code, path
and message (which names the numbers and sections involved), so rewording a title leaves it
known.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import display

DEFAULT_NAME = ".milestone-lint-baseline.json"
_TOOL = "milestone-lint"
Key = tuple[str, str, str]


def _about_no_line(diagnostic: Diagnostic) -> bool:
    """Whether the finding points at no text: the whole file, or a name in the layout."""
    d = diagnostic
    return (d.line, d.column) == (1, 1) and d.end_line <= 1 and d.end_column <= 1


def _hash(diagnostic: Diagnostic, context: str) -> str:
    text = "\0".join((diagnostic.code, diagnostic.path, diagnostic.message, context))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def fingerprint(diagnostic: Diagnostic) -> str:
    """16 hex digits naming a finding by its content, never its line number."""
    return _hash(diagnostic, "" if _about_no_line(diagnostic) else diagnostic.context)


def _key(diagnostic: Diagnostic) -> Key:
    return (diagnostic.code, diagnostic.path, fingerprint(diagnostic))


def _recorded_before(diagnostic: Diagnostic) -> Key | None:
    """The key baselines written by 0.1.0 gave a finding about no line (line 1's text
    in it), so that upgrading does not bring their known problems back; None if the same."""
    if not _about_no_line(diagnostic) or not diagnostic.context:
        return None
    return (diagnostic.code, diagnostic.path, _hash(diagnostic, diagnostic.context))


def write_baseline(cwd: Path, path: Path, shown: str, diagnostics: Sequence[Diagnostic]) -> None:
    """Write (or replace) a baseline file, whole; refuse to replace any other file."""
    from milestone_lint.git.journal import transaction

    if not path.parent.is_dir():
        raise MilestoneLintError(
            f"{shown}: the folder {display(str(path.parent))} does not exist; create it, or"
            " choose another path"
        )
    entries = [{"code": c, "path": p, "fingerprint": f} for c, p, f in map(_key, diagnostics)]
    document = {"tool": _TOOL, "version": 1, "entries": entries}
    data = (json.dumps(document, indent=2) + "\n").encode("utf-8")
    with transaction(cwd, "baseline") as tx:
        rel = tx.workspace.rel(path)
        if path.exists() or path.is_symlink():
            if not path.is_file() or path.is_symlink() or _load(path) is None:
                raise MilestoneLintError(
                    f"{shown}: exists and is not a milestone-lint baseline; it was left untouched"
                )
            tx.replace(rel, data)
        else:
            tx.create(rel, data)
        tx.apply()


def _load(path: Path) -> dict[str, object] | None:
    """A baseline document, or None when the file is not one."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("tool") == _TOOL else None


def load_baseline(path: Path, shown: str) -> Counter[Key]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MilestoneLintError(
            f"{shown}: baseline file not found; create it with milestone-lint baseline"
        ) from None
    except OSError as exc:
        raise MilestoneLintError(
            f"{shown}: cannot read the baseline ({exc.strerror}); check its permissions"
        ) from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise MilestoneLintError(
            f"{shown}: unreadable baseline ({reason}); recreate it with milestone-lint baseline"
        ) from None
    if not isinstance(data, dict) or data.get("tool") != _TOOL:
        raise MilestoneLintError(
            f"{shown}: not a milestone-lint baseline; recreate it with milestone-lint baseline"
        )
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise MilestoneLintError(
            f'{shown}: "entries" is not a list; recreate it with milestone-lint baseline'
        )
    known: Counter[Key] = Counter()
    for entry in entries:
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
        for key in (_key(diagnostic), _recorded_before(diagnostic)):
            if key is not None and remaining[key] > 0:
                remaining[key] -= 1
                hidden += 1
                break
        else:
            new.append(diagnostic)
    return new, hidden
