"""Entry point of ``milestone-lint suggest``: never fails, never writes to the work tree."""

from __future__ import annotations


def run_suggest(hook_type: str | None, hook_args: tuple[str, ...]) -> int:
    """Decide whether to suggest a milestone; always 0 (a post-* hook cannot undo anything)."""
    return 0
