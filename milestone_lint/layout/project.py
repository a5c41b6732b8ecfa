"""The roots a command works on, each with the configuration nearest to it (as ``check``
judges it), and what each already holds."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from milestone_lint.config.loader import (
    Configurations,
    LoadedConfig,
    candidates_on_disk,
    load_all,
)
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.top import find_top
from milestone_lint.layout.discovery import configured_roots
from milestone_lint.layout.model import RootLayout, layout_for
from milestone_lint.layout.numbering import GLOBAL, analyse
from milestone_lint.paths import display
from milestone_lint.sources.worktree import WorktreeSource


class Project(NamedTuple):
    """One root opened for a command, with ``loaded``, the configuration nearest to it (its
    numbering, width, system files and limits). A NamedTuple, as the layout model avoids
    dataclasses (see there): Claude Code's SessionStart hook opens every root."""

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
        return self.layout.handoff_width(self.loaded.config.number_width)

    def milestone_width(self) -> int:
        padded = [m.name.digits or "" for m in self.layout.milestones if m.name.padded]
        return max((len(d) for d in padded), default=0)

    def next_handoff_number(self) -> int:
        return self.layout.next_handoff_number(self.numbering_style == GLOBAL)

    def next_milestone_number(self) -> int:
        numbers = [m.name.number for m in self.layout.milestones if m.name.number is not None]
        return max(numbers, default=0) + 1


def configurations(
    cwd: Path, near: tuple[Path, ...] = (), top: Path | None = None
) -> Configurations:
    """Every configuration of the repository, as ``check`` reads them from disk (outside git:
    the one nearest ``cwd`` and those nearest ``near``). ``top``: the repository's, when known."""
    top = top or find_top(cwd.resolve())
    found = candidates_on_disk(top) if top is not None else ()
    return load_all(cwd, None, repo_root=top, found=found, near=() if top else near)


def _every_root(configs: Configurations, base: Path) -> list[Path]:
    source = WorktreeSource(base)
    return sorted({r for each in configs.every for r in configured_roots(each, source, base)})


def _base(configs: Configurations) -> Path:
    return (configs.primary.repo_root or configs.primary.base).resolve()


def _roots(cwd: Path, root_option: str | None) -> tuple[Configurations, Path, list[Path]]:
    configs = configurations(cwd)
    base = _base(configs)
    if root_option:
        root = (cwd / root_option).resolve()
        if not root.is_dir():
            raise MilestoneLintError(f"{root_option}: no such folder; check --root")
        if root != base and base not in root.parents:
            raise MilestoneLintError(f"{root_option}: outside the repository; run from inside it")
        return configs, base, [root]
    roots = _every_root(configs, base)
    if not roots:
        patterns = list(configs.nearest(cwd.resolve()).config.roots)
        raise MilestoneLintError(
            f"no root matches roots = {patterns}; run `milestone-lint init`"
            " to create handoffs/, or set roots in the config"
        )
    return configs, base, roots


def open_projects(cwd: Path, root_option: str | None) -> list[Project]:
    """Every root of every configuration (or the --root one), each with its own."""
    configs, base, roots = _roots(cwd, root_option)
    return [_project(configs, base, root) for root in roots]


def open_project(cwd: Path, root_option: str | None) -> Project:
    """The one root to work on: --root; else the root the current folder lies in; else the
    one beneath it; else the one the configuration nearest to it names."""
    configs, base, roots = _roots(cwd, root_option)
    here = cwd.resolve()
    holding = [r for r in roots if r == here or r in here.parents]
    beneath = [r for r in roots if here == r or here in r.parents]
    if holding:
        roots = holding[-1:]  # sorted: the last is the innermost
    elif beneath:
        roots = beneath
    elif len(roots) > 1:
        named = configured_roots(configs.nearest(here), WorktreeSource(base), base)
        roots = named or roots
    if len(roots) > 1:
        names = ", ".join(display(str(r.relative_to(base))) for r in roots)
        raise MilestoneLintError(f"several roots ({names}); choose one with --root")
    return _project(configs, base, roots[0])


def _project(configs: Configurations, base: Path, root: Path) -> Project:
    loaded = configs.nearest(root)
    source = WorktreeSource(base)
    rel = root.relative_to(base).as_posix() if root != base else ""
    layout = layout_for(rel, source.listing(rel), loaded.config)
    return Project(loaded, base, root, rel, layout, source, dt.date.today())


def projects_for_paths(
    cwd: Path, paths: tuple[str, ...], loaded: LoadedConfig | None = None
) -> tuple[list[Project], list[str]]:
    """The roots PATHS lie in or hold, found as ``check`` finds them (with no PATHS: every
    configuration's roots, else those beneath the current folder), each with the configuration
    nearest to it; and discovery's warnings. ``loaded``: the configuration nearest ``cwd``, when
    the caller has read it already (the others are looked for under its repository's top)."""
    from milestone_lint.layout.discovery import discover

    here = cwd.resolve()
    top = loaded.repo_root if loaded is not None else None
    configs = configurations(cwd, tuple(here / p for p in paths), top)
    base = _base(configs)
    if not paths and not _every_root(configs, base):
        paths = (".",)
    found = discover(configs.primary, here, WorktreeSource(base), base, paths, configs=configs)
    projects = [_project(configs, base, target.abs_path) for target in found.targets]
    from milestone_lint.git.leftover import leftover_note

    # An interrupted writer: said, never undone.
    note = leftover_note(configs.primary.repo_root, cwd)
    return projects, list(found.warnings) + ([note] if note else [])
