"""The handoffs waiting for a milestone, read from the work tree after the commit or merge."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import re
from pathlib import Path
from typing import NamedTuple

from milestone_lint.config.loader import Configurations, LoadedConfig
from milestone_lint.layout.discovery import configured_roots
from milestone_lint.layout.model import Handoff, RootLayout, layout_for
from milestone_lint.sources.worktree import WorktreeSource

_TITLE_NOISE = re.compile(
    r"\s*(?:[-–—:]\s*)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\s*$|\s+handoff\b", re.IGNORECASE
)


class Pending(NamedTuple):
    """A root's pending handoffs: (number, title) in number order, and their paths from the
    top of the work tree, in the same order."""

    root: str
    handoffs: list[tuple[int, str]]
    after: str | None
    duplicates: list[tuple[int, list[str]]]
    paths: tuple[str, ...] = ()


def _title(source: WorktreeSource, root: str, handoff: Handoff) -> str:
    try:
        head = source.read(f"{root}/{handoff.path}" if root else handoff.path)[:4096]
    except OSError:
        head = b""
    for line in head.decode("utf-8", errors="replace").splitlines():
        if line.startswith("# "):
            title = _TITLE_NOISE.sub("", line[2:].strip()).strip(" -–—:")
            if title:
                return title
    return handoff.name.slug.replace("-", " ").capitalize()


def _pending(source: WorktreeSource, rel: str, layout: RootLayout) -> Pending:
    numbered = layout.pending_handoffs()
    handoffs = [(h.name.number or 0, _title(source, rel, h)) for h in numbered]
    groups: dict[int, list[str]] = {}
    for handoff in numbered:
        groups.setdefault(handoff.name.number or 0, []).append(handoff.filename)
    duplicates = [(n, names) for n, names in sorted(groups.items()) if len(names) > 1]
    after = layout.milestones[-1].path if layout.milestones else None
    paths = tuple(f"{rel}/{h.path}" if rel else h.path for h in numbered)
    return Pending(layout.root, handoffs, after, duplicates, paths)


def pending_handoffs(configs: Configurations, toplevel: Path) -> list[tuple[LoadedConfig, Pending]]:
    """Every configuration's roots (a monorepo's packages name their own), each read with the
    configuration nearest to it, which also says when a milestone is due there."""
    source = WorktreeSource(toplevel)
    roots = {r for each in configs.every for r in configured_roots(each, source, toplevel)}
    found: list[tuple[LoadedConfig, Pending]] = []
    for root in sorted(roots):
        loaded = configs.nearest(root)
        rel = root.relative_to(toplevel).as_posix() if root != toplevel else ""
        layout = layout_for(rel, source.listing(rel), loaded.config)
        found.append((loaded, _pending(source, rel, layout)))
    return found
