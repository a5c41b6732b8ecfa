"""Finding and reading the configuration file: from the current directory up to the repo root."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from milestone_lint.config.schema import Config
from milestone_lint.config.validate import ConfigBuilder
from milestone_lint.errors import MilestoneLintError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

# Within one folder a dedicated file wins over pyproject.toml, as in ruff: it is the stronger
# signal of intent, and it lets a monorepo package override a shared pyproject.
CANDIDATES = (".milestone-lint.toml", "milestone-lint.toml", "pyproject.toml")
PYPROJECT_TABLE = ("tool", "milestone-lint")


@dataclass(frozen=True)
class LoadedConfig:
    """A configuration together with where it came from.

    ``base`` is the folder that ``roots``, ``exclude`` and ``per-file-ignores`` globs are
    relative to: the config file's folder, or the repo root (else the current folder) when
    there is no config file. ``repo_root`` is what output paths are relative to.
    """

    config: Config
    base: Path
    repo_root: Path | None
    path: Path | None


def find_repo_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a worktree file)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MilestoneLintError(
            f"{path}: cannot read config file ({exc.strerror}); check that it is readable"
        ) from None
    try:
        parsed: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        return parsed
    except UnicodeDecodeError:
        raise MilestoneLintError(
            f"{path}: config file is not UTF-8 text; save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise MilestoneLintError(f"{path}: invalid TOML: {exc}; fix the syntax") from None


def _table_in(path: Path) -> dict[str, Any] | None:
    """The milestone-lint table of a candidate file, or None when a pyproject lacks one."""
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    table: Any = data
    for key in PYPROJECT_TABLE:
        if not isinstance(table, dict) or key not in table:
            return None
        table = table[key]
    if not isinstance(table, dict):
        raise MilestoneLintError(f"{path}: [tool.milestone-lint] must be a table")
    return table


def _discover(cwd: Path, repo_root: Path | None) -> tuple[Path, dict[str, Any]] | None:
    stop = repo_root if repo_root is not None else Path(cwd.anchor)
    for folder in (cwd, *cwd.parents):
        for name in CANDIDATES:
            candidate = folder / name
            if candidate.is_file():
                table = _table_in(candidate)
                if table is not None:
                    return candidate, table
        if folder == stop:
            break
    return None


def load_config(
    cwd: Path, explicit: Path | None, known_codes: frozenset[str] | None = None
) -> LoadedConfig:
    """Find, read and validate the configuration that applies in ``cwd``."""
    cwd = cwd.resolve()
    repo_root = find_repo_root(cwd)
    if explicit is not None:
        path = explicit if explicit.is_absolute() else cwd / explicit
        if not path.is_file():
            raise MilestoneLintError(f"{explicit}: config file not found; check the --config path")
        table = _table_in(path)
        if table is None:
            raise MilestoneLintError(
                f"{explicit}: no [tool.milestone-lint] table; add one or point --config elsewhere"
            )
        found: tuple[Path, dict[str, Any]] | None = (path.resolve(), table)
    else:
        found = _discover(cwd, repo_root)
    if found is None:
        base = repo_root if repo_root is not None else cwd
        return LoadedConfig(ConfigBuilder("", "", known_codes).build({}), base, repo_root, None)
    path, table = found
    prefix = "tool.milestone-lint" if path.name == "pyproject.toml" else ""
    shown = _shown(path, cwd)
    config = ConfigBuilder(shown, prefix, known_codes).build(table)
    return LoadedConfig(config, path.parent, repo_root, path)


def _shown(path: Path, cwd: Path) -> str:
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)
