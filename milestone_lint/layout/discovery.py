"""Which roots to judge, and by which configuration: the root globs of every configuration
(each relative to its own folder), narrowed or extended by PATH arguments; each root judged by
the configuration nearest to it."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import os
from pathlib import Path
from typing import NamedTuple

from milestone_lint.config import DEFAULT_ROOTS
from milestone_lint.config.loader import Configurations, LoadedConfig, boundary_of, shown
from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import display, within
from milestone_lint.sources.base import Source


class Target(NamedTuple):
    """One root to judge.

    ``rel`` is the root's path relative to the source's base (``/``-separated, may start with
    ``..`` for a root outside the repository); ``glob_rel`` is relative to the folder of
    ``loaded``, for ``exclude`` and ``per-file-ignores``. ``focus`` lists the files or folders
    (relative to the root) that content rules are narrowed to; None means the whole root, ``()``
    none. ``loaded`` is the configuration nearest to the root, which judges all of it: a root's
    layout (its numbering, its milestones) is one whole, so a configuration inside a root does
    not split it.
    """

    abs_path: Path
    rel: str
    glob_rel: str
    focus: tuple[str, ...] | None
    loaded: LoadedConfig


class Discovery(NamedTuple):
    targets: tuple[Target, ...]
    warnings: tuple[str, ...]


def _posix_rel(path: Path, start: Path) -> str:
    rel = os.path.relpath(path, start)
    return "" if rel == "." else rel.replace(os.sep, "/")


def configured_roots(loaded: LoadedConfig, source: Source, source_base: Path) -> list[Path]:
    """Folders matching the ``roots`` globs (relative to the config's folder) in the source.

    A root must resolve inside the repository (outside git: inside the config's folder),
    links followed: the tool never judges, nor writes, anything outside it.
    """
    found: set[Path] = set()
    prefix = _posix_rel(loaded.base, source_base)
    boundary = boundary_of(loaded)
    # The default root missing is fine (nothing to judge, said once); roots a configuration
    # names must each match a folder.
    explicit = loaded.path is not None and loaded.config.roots != DEFAULT_ROOTS
    for pattern in loaded.config.roots:
        if os.path.isabs(pattern) or prefix.startswith("..") or ".." in pattern.split("/"):
            raise _outside(loaded, pattern, pattern)
        joined = f"{prefix}/{pattern}" if prefix else pattern
        matched = source.glob_dirs(joined)
        if not matched and explicit:
            raise _matches_nothing(loaded, pattern, source, joined)
        for rel in matched:
            root = Path(os.path.abspath(source_base / rel))
            if not within(root, boundary):
                raise _outside(loaded, pattern, os.path.realpath(root))
            found.add(root)
    return sorted(found)


def _matches_nothing(
    loaded: LoadedConfig, pattern: str, source: Source, joined: str
) -> MilestoneLintError:
    """A configured root that names no folder: a typo (``handoff`` for ``handoffs``) must not
    switch the linter off without a word, as a warning pre-commit hides would."""
    import difflib

    parent, _, name = joined.strip("/").rpartition("/")
    folders = [d.rpartition("/")[2] for d in source.glob_dirs(f"{parent}/*" if parent else "*")]
    close = difflib.get_close_matches(name, folders, n=1, cutoff=0.6)
    hint = f"; did you mean {display(close[0])}?" if close else "; fix roots or create the folder"
    where = display(shown(loaded.path, Path.cwd())) if loaded.path else "the configuration"
    return MilestoneLintError(f'{where}: roots entry "{display(pattern)}" matches nothing{hint}')


def _outside(loaded: LoadedConfig, pattern: str, where: str) -> MilestoneLintError:
    place = display(str(loaded.path)) if loaded.path else "the configuration"
    scope = "the repository" if loaded.repo_root else "the configuration's folder"
    return MilestoneLintError(
        f'{place}: roots entry "{display(pattern)}" leads to {display(where)}, outside {scope};'
        " roots must be folders inside it"
    )


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _roots_beneath(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Roots found under an explicit folder argument that is outside every configured root."""
    from milestone_lint.globs import compile_glob
    from milestone_lint.sources.worktree import WorktreeSource

    names = [p.strip().rstrip("/").rsplit("/", 1)[-1] for p in patterns]
    if any(compile_glob(name, anchored=True).match(folder.name) for name in names):
        return [folder]
    found: set[Path] = set()
    source = WorktreeSource(folder)
    for pattern, name in zip(patterns, names, strict=True):
        for candidate in (pattern, "**/" + name):
            for rel in source.glob_dirs(candidate):
                found.add(Path(os.path.abspath(folder / rel)))
    # A root inside another found root (handoffs/x/handoffs) is part of the outer one.
    return sorted(p for p in found if not any(o != p and _inside(p, o) for o in found))


def discover(
    loaded: LoadedConfig,
    cwd: Path,
    source: Source,
    source_base: Path,
    paths: tuple[str, ...],
    all_roots: bool = False,
    configs: Configurations | None = None,
) -> Discovery:
    """Resolve PATH arguments (or, without any, the configured roots) into targets.

    ``configs``: every configuration of the run (default: ``loaded`` alone); each contributes
    its roots, and each root is judged by the one nearest to it, wherever the run started.
    With ``all_roots`` (a commit-time run, or --since), every configured root is judged for its
    layout, since a commit may delete or rename entries that pre-commit never names, while
    content rules are narrowed to the PATHS given.
    """
    configs = configs or Configurations.single(loaded)
    roots = sorted(
        {root for each in configs.every for root in configured_roots(each, source, source_base)}
    )
    warnings: list[str] = []
    chosen: dict[Path, list[str] | None] = {}

    if not paths or all_roots:
        for root in roots:
            chosen[root] = [] if all_roots else None
        if not roots:
            warnings.append(
                f"no root matches roots = {list(loaded.config.roots)} under"
                f" {display(str(loaded.base))}; nothing to check (set roots in the config)"
            )
    boundary = boundary_of(loaded)
    for raw in paths:
        path = Path(os.path.abspath(cwd / raw))
        if not within(path, boundary):
            # Never a walk of "/" (with /proc in it), nor a judgement of someone else's files.
            scope = "the repository" if loaded.repo_root else "the configuration's folder"
            raise MilestoneLintError(
                f"{display(raw)}: outside {scope} ({display(boundary)}); give a path inside it"
            )
        in_source = source.exists(_posix_rel(path, source_base))
        if not os.path.lexists(path) and not in_source:
            raise MilestoneLintError(f"{display(raw)}: no such file or folder; check the path")
        owner = next((r for r in roots if _inside(path, r)), None)
        if owner is not None:
            focus = chosen.setdefault(owner, [])
            if path == owner:
                chosen[owner] = None
            elif focus is not None:
                focus.append(_posix_rel(path, owner))
            continue
        patterns = configs.nearest(path).config.roots
        if path.is_dir():
            beneath = _roots_beneath(path, patterns)
            if not beneath:
                warnings.append(
                    f"{display(raw)}: holds no folder matching roots ="
                    f" {list(patterns)}; nothing checked there"
                )
            for root in beneath:
                chosen[root] = None
        else:
            # Not part of any handoff tree: said once, never taken for a clean check.
            warnings.append(
                f"{display(raw)}: outside every root (roots = {list(patterns)});"
                " nothing checked there"
            )

    targets = []
    for root, focus in sorted(chosen.items()):
        judge = configs.nearest(root)
        targets.append(
            Target(
                abs_path=root,
                rel=_posix_rel(root, source_base),
                glob_rel=_posix_rel(root, judge.base),
                focus=None if focus is None else tuple(sorted(set(focus))),
                loaded=judge,
            )
        )
    return Discovery(tuple(targets), tuple(warnings))
