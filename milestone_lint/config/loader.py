"""Finding and reading the configuration file: from the current directory up to the repo root."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from milestone_lint.config import CANDIDATES
from milestone_lint.config.files import table_in as _table_in
from milestone_lint.config.schema import Config
from milestone_lint.config.validate import ConfigBuilder
from milestone_lint.errors import MilestoneLintError
from milestone_lint.git.top import find_top
from milestone_lint.paths import display, within


class LoadedConfig(NamedTuple):
    """A configuration together with where it came from.

    ``base`` is the folder that ``roots``, ``exclude`` and ``per-file-ignores`` globs are
    relative to: the config file's folder, or the repo root (else the current folder) when
    there is no config file. ``repo_root`` is what output paths are relative to.
    """

    config: Config
    base: Path
    repo_root: Path | None
    path: Path | None


class ConfigFiles(Protocol):
    """Where configuration files are read from: the disk, or (``--staged``) the git index,
    so that a commit is judged by the configuration it will contain."""

    label: str

    def config_file(self, path: Path) -> bytes | None:
        """The file's content, None when there is no such file."""
        ...


class DiskFiles:
    """Configuration files as they are on disk."""

    label = ""

    def config_file(self, path: Path) -> bytes | None:
        if not path.is_file():
            return None
        try:
            return path.read_bytes()
        except OSError as exc:
            raise MilestoneLintError(
                f"{path}: cannot read config file ({exc.strerror}); check that it is readable"
            ) from None


def _discover(
    cwd: Path, repo_root: Path | None, files: ConfigFiles
) -> tuple[Path, dict[str, Any]] | None:
    stop = repo_root if repo_root is not None else Path(cwd.anchor)
    for folder in (cwd, *cwd.parents):
        for name in CANDIDATES:
            candidate = folder / name
            data = files.config_file(candidate)
            if data is not None:
                table = _table_in(candidate, data, files.label)
                if table is not None:
                    return candidate, table
        if folder == stop:
            break
    return None


def load_config(
    cwd: Path,
    explicit: Path | None,
    known_codes: frozenset[str] | None = None,
    files: ConfigFiles | None = None,
    repo_root: Path | None = None,
) -> LoadedConfig:
    """Find, read and validate the configuration that applies in ``cwd``.

    ``files`` says where found configuration files are read from (default: the disk); an
    explicit ``--config`` file is the user's choice and is always read from disk.
    """
    cwd = cwd.resolve()
    if repo_root is None:
        repo_root = find_top(cwd)
    if explicit is not None:
        path = explicit if explicit.is_absolute() else cwd / explicit
        boundary = repo_root or cwd
        if not within(path, boundary) or os.path.realpath(path) == os.path.realpath(boundary):
            raise MilestoneLintError(
                f"{display(str(explicit))}: --config names a file outside"
                f" {display(str(boundary))}; use a configuration inside the repository"
            )
        data = DiskFiles().config_file(path)
        if data is None:
            raise MilestoneLintError(f"{explicit}: config file not found; check the --config path")
        table = _table_in(path, data)
        if table is None:
            raise MilestoneLintError(
                f"{explicit}: no [tool.milestone-lint] table; add one or point --config elsewhere"
            )
        found: tuple[Path, dict[str, Any]] | None = (path.resolve(), table)
    else:
        found = _discover(cwd, repo_root, files or DiskFiles())
    if found is None:
        base = repo_root if repo_root is not None else cwd
        return LoadedConfig(Config(), base, repo_root, None)
    path, table = found
    prefix = "tool.milestone-lint" if path.name == "pyproject.toml" else ""
    shown_at = shown(path, cwd)
    config = ConfigBuilder(shown_at, prefix, known_codes).build(table)
    return LoadedConfig(config, path.parent, repo_root, path)


def boundary_of(loaded: LoadedConfig) -> str:
    """What the tool may read and write beneath: the repository (outside git: the
    configuration's folder), links resolved."""
    return os.path.realpath(loaded.repo_root or loaded.base)


def inside(loaded: LoadedConfig, path: Path, what: str) -> Path:
    """``path``, refused unless it resolves inside the repository (outside git: inside the
    configuration's folder): the tool reads and writes nothing beyond it."""
    boundary = boundary_of(loaded)
    if not within(path, boundary):
        scope = "the repository" if loaded.repo_root else "the configuration's folder"
        raise MilestoneLintError(
            f"{display(str(path))}: the {what} is outside {scope} ({display(boundary)}); use a"
            " path inside it"
        )
    return path


def shown(path: Path, cwd: Path) -> str:
    """A configuration file's path as errors name it: relative to ``cwd`` when below it."""
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


def read_table(path: Path) -> dict[str, Any]:
    """The milestone-lint table of a configuration file, as written ({} when it has none)."""
    data = DiskFiles().config_file(path)
    return (_table_in(path, data) if data is not None else None) or {}
