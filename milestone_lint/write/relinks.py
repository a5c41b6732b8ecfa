"""Relative links a move would break, and their rewritten targets."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from urllib.parse import unquote

from milestone_lint.convention.links import link_path
from milestone_lint.markdown.model import Document


def _new_location(path: str, moves: Mapping[str, str]) -> str:
    return moves.get(path, path)


def rewrite_links(
    text: str,
    doc: Document,
    old_path: str,
    moves: Mapping[str, str],
    exists: Callable[[str], bool],
) -> str | None:
    """``text`` with every relative link fixed for the moves, or None when nothing changes.

    ``old_path`` is the file's root-relative path before the moves; targets resolve against
    its folder then, and against its new folder after.
    """
    new_path = _new_location(old_path, moves)
    old_dir, new_dir = posixpath.dirname(old_path), posixpath.dirname(new_path)
    lines = text.split("\n")
    changed = False
    for link in sorted(doc.links, key=lambda k: (k.line, k.column), reverse=True):
        target = link_path(link.target)
        if target is None:
            continue
        resolved = posixpath.normpath(posixpath.join(old_dir, target))
        if not exists(resolved):
            continue  # already broken: not ours to guess
        moved_to = _new_location(resolved, moves)
        relative = posixpath.relpath(moved_to, new_dir or ".")
        if posixpath.normpath(posixpath.join(new_dir, target)) == moved_to:
            continue
        fragment = link.target[len(link.target.split("#", 1)[0]) :]
        if _replace(lines, link.line, link.column, link.target, relative + fragment):
            changed = True
    return "\n".join(lines) if changed else None


def _replace(lines: list[str], line: int, column: int, old: str, new: str) -> bool:
    """Replace the first written form of ``old`` at or after (line, column)."""
    forms = dict.fromkeys([old, unquote(old), old.replace("%20", " ")])
    for number in range(line - 1, min(len(lines), line + 5)):
        start = column - 1 if number == line - 1 else 0
        text = lines[number]
        for form in forms:
            for opener in ("](", "](<", "]: ", "]: <", '="', "='"):
                at = text.find(opener + form, start)
                if at >= 0:
                    at += len(opener)
                    lines[number] = text[:at] + new + text[at + len(form) :]
                    return True
    return False
