"""The root a creating command works on, and what it already holds."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from milestone_lint.config.loader import LoadedConfig, load_config
from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.discovery import configured_roots
from milestone_lint.layout.model import RootLayout, layout_for
from milestone_lint.layout.numbering import GLOBAL, analyse
from milestone_lint.paths import display
from milestone_lint.sources.worktree import WorktreeSource


class Project(NamedTuple):
    """One root opened for a command. A NamedTuple, as the layout model avoids dataclasses
    (see there): Claude Code's SessionStart hook opens every root."""

    loaded: LoadedConfig
    base: Path
    root: Path
    rel: str
    layout: RootLayout
    source: WorktreeSource
    today: dt.date

    def path(self, rel: str) -> Path:
        return self.root / rel if rel else self.root

    def shown(self, rel: str) -> str:
        """A root-relative path as users see it (relative to the repository root)."""
        return self.layout.display(rel)

    @property
    def numbering_style(self) -> str:
        return analyse(self.layout, self.loaded.config.numbering, 0).style

    def handoff_width(self) -> int:
        """Digits new handoff numbers get: number-width, else the padding already used."""
        if self.loaded.config.number_width:
            return self.loaded.config.number_width
        padded = [h.name.digits or "" for h in self.layout.handoffs if h.name.padded]
        return max((len(d) for d in padded), default=0)

    def milestone_width(self) -> int:
        padded = [m.name.digits or "" for m in self.layout.milestones if m.name.padded]
        return max((len(d) for d in padded), default=0)

    def next_handoff_number(self) -> int:
        numbers = [h.name.number for h in self.layout.handoffs if h.name.number is not None]
        if self.numbering_style == GLOBAL or not self.layout.milestones:
            return max(numbers, default=0) + 1
        return max((h.name.number or 0 for h in self.layout.numbered_pending()), default=0) + 1

    def next_milestone_number(self) -> int:
        numbers = [m.name.number for m in self.layout.milestones if m.name.number is not None]
        return max(numbers, default=0) + 1


def _roots(cwd: Path, root_option: str | None) -> tuple[LoadedConfig, Path, list[Path]]:
    loaded = load_config(cwd, None)
    base = (loaded.repo_root or loaded.base).resolve()
    if root_option:
        root = (cwd / root_option).resolve()
        if not root.is_dir():
            raise MilestoneLintError(f"{root_option}: no such folder; check --root")
        if root != base and base not in root.parents:
            raise MilestoneLintError(f"{root_option}: outside the repository; run from inside it")
        return loaded, base, [root]
    roots = configured_roots(loaded, WorktreeSource(base), base)
    if not roots:
        raise MilestoneLintError(
            f"no root matches roots = {list(loaded.config.roots)}; run `milestone-lint init`"
            " to create handoffs/, or set roots in the config"
        )
    return loaded, base, roots


def open_projects(cwd: Path, root_option: str | None) -> list[Project]:
    """Every configured root (or the --root one)."""
    loaded, base, roots = _roots(cwd, root_option)
    return [_project(loaded, base, root) for root in roots]


def open_project(cwd: Path, root_option: str | None) -> Project:
    """The one root to work on: --root, else the only configured root."""
    loaded, base, roots = _roots(cwd, root_option)
    if len(roots) > 1:
        names = ", ".join(display(str(r.relative_to(base))) for r in roots)
        raise MilestoneLintError(f"several roots ({names}); choose one with --root")
    return _project(loaded, base, roots[0])


def _project(loaded: LoadedConfig, base: Path, root: Path) -> Project:
    source = WorktreeSource(base)
    rel = root.relative_to(base).as_posix() if root != base else ""
    layout = layout_for(rel, source.listing(rel), loaded.config)
    return Project(loaded, base, root, rel, layout, source, dt.date.today())


def projects_for_paths(
    cwd: Path, paths: tuple[str, ...], loaded: LoadedConfig | None = None
) -> tuple[list[Project], list[str]]:
    """The roots PATHS lie in or hold, found as ``check`` finds them (with no PATHS: the
    configured roots, else those beneath the current folder); and discovery's warnings.
    ``loaded``: the configuration, when the caller has read it already."""
    from milestone_lint.layout.discovery import discover

    loaded = loaded or load_config(cwd, None)
    base = (loaded.repo_root or loaded.base).resolve()
    source = WorktreeSource(base)
    if not paths and not configured_roots(loaded, source, base):
        paths = (".",)
    found = discover(loaded, cwd.resolve(), source, base, paths)
    projects = [_project(loaded, base, target.abs_path) for target in found.targets]
    from milestone_lint.git.leftover import leftover_note

    note = leftover_note(loaded.repo_root, cwd)  # an interrupted writer: said, never undone
    return projects, list(found.warnings) + ([note] if note else [])
