"""Finding and reading configuration files: the one nearest to a folder (up to the repo root),
every one in the repository (:func:`load_all`), and the files they ``extend``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from milestone_lint.config import CANDIDATES, EXTEND_KEY, OWN_KEYS
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
    there is no config file. ``repo_root`` is what output paths are relative to. ``raw`` is the
    table as read, the files it extends merged in; ``origins`` says which file set each key
    (dotted: ``limits.words``); ``extends`` the files it extends, nearest first.
    """

    config: Config
    base: Path
    repo_root: Path | None
    path: Path | None
    raw: Mapping[str, Any] = MappingProxyType({})
    origins: Mapping[str, Path] = MappingProxyType({})
    extends: tuple[Path, ...] = ()


class ConfigFiles(Protocol):
    """Where configuration files are read from: the disk, or (``--staged``) the git index,
    so that a commit is judged by the configuration it will contain."""

    label: str

    def config_file(self, path: Path) -> bytes | None:
        """The file's content, None when there is no such file."""
        ...


MAX_CONFIG_BYTES = 1024 * 1024  # a configuration is a few lines; a committed file may be anything


class DiskFiles:
    """Configuration files as they are on disk. A committed file is untrusted: one reached
    through a link that leaves ``boundary`` (the repository) is refused, and none is read
    past :data:`MAX_CONFIG_BYTES` or waited on (a FIFO, a device: no such file)."""

    label = ""

    def __init__(self, boundary: Path | None = None) -> None:
        self.boundary = boundary

    def config_file(self, path: Path) -> bytes | None:
        if not path.is_file():
            return None
        where = display(shown(path, Path.cwd()))
        if self.boundary is not None and not within(path, self.boundary):
            raise MilestoneLintError(
                f"{where}: a link to outside the repository; milestone-lint reads"
                " no configuration from there: make it a regular file"
            )
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            try:
                if os.fstat(fd).st_size > MAX_CONFIG_BYTES:
                    raise MilestoneLintError(
                        f"{where}: config file is over"
                        f" {MAX_CONFIG_BYTES // 1024} KiB; keep it to its settings"
                    )
                data = os.read(fd, MAX_CONFIG_BYTES + 1)
            finally:
                os.close(fd)
        except OSError as exc:
            raise MilestoneLintError(
                f"{where}: cannot read config file ({exc.strerror}); check that it is readable"
            ) from None
        if len(data) > MAX_CONFIG_BYTES:  # grew since fstat
            raise MilestoneLintError(
                f"{where}: config file is over {MAX_CONFIG_BYTES // 1024} KiB;"
                " keep it to its settings"
            )
        return data


def _discover(
    cwd: Path, repo_root: Path | None, files: ConfigFiles
) -> tuple[Path, dict[str, Any]] | None:
    stop = repo_root if repo_root is not None else Path(cwd.anchor)
    for folder in (cwd, *cwd.parents):
        found = _in_folder(folder, files)
        if found is not None:
            return found
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
        data = DiskFiles(repo_root).config_file(path)
        if data is None:
            raise MilestoneLintError(f"{explicit}: config file not found; check the --config path")
        table = _table_in(path, data)
        if table is None:
            raise MilestoneLintError(
                f"{explicit}: no [tool.milestone-lint] table; add one or point --config elsewhere"
            )
        found: tuple[Path, dict[str, Any]] | None = (path.resolve(), table)
    else:
        found = _discover(cwd, repo_root, files or DiskFiles(repo_root))
    if found is None:
        base = repo_root if repo_root is not None else cwd
        return LoadedConfig(Config(), base, repo_root, None)
    path, table = found
    # A --config file is the user's choice, read from disk with what it extends.
    reader = DiskFiles(repo_root) if explicit is not None else files or DiskFiles(repo_root)
    return _loaded(path, table, Reading(reader, cwd, repo_root, known_codes))


class Reading(NamedTuple):
    """What every configuration of one run is read with: where from, for whom, against what."""

    files: ConfigFiles
    cwd: Path
    repo_root: Path | None
    known_codes: frozenset[str] | None


def _prefix(path: Path) -> str:
    return "tool.milestone-lint" if path.name == "pyproject.toml" else ""


def _loaded(path: Path, table: dict[str, Any], how: Reading) -> LoadedConfig:
    raw, origins, extends = _extended(path, table, how, ())
    config = ConfigBuilder(shown(path, how.cwd), _prefix(path), how.known_codes).build(raw)
    return LoadedConfig(
        config,
        path.parent,
        how.repo_root,
        path,
        MappingProxyType(raw),
        MappingProxyType(origins),
        extends,
    )


def _leaves(table: Mapping[str, Any], path: Path, at: str = "") -> dict[str, Path]:
    """Every key of ``table`` and of its tables, dotted, with the file that set it."""
    out: dict[str, Path] = {}
    for key, value in table.items():
        dotted = f"{at}.{key}" if at else key
        out[dotted] = path
        if isinstance(value, dict):
            out.update(_leaves(value, path, dotted))
    return out


def merged(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent`` key by key, tables merged the same way: a child that sets
    ``[limits] words`` keeps the parent's other limits."""
    out = dict(parent)
    for key, value in child.items():
        below = out.get(key)
        out[key] = (
            merged(below, value) if isinstance(value, dict) and isinstance(below, dict) else value
        )
    return out


def _extended(
    path: Path, table: dict[str, Any], how: Reading, chain: tuple[Path, ...]
) -> tuple[dict[str, Any], dict[str, Path], tuple[Path, ...]]:
    """``table`` with the configuration it extends (and so on up) merged beneath it, where
    each key came from, and the files extended (nearest first). The extended file is read as
    ``how`` reads (the index, with --staged); its settings apply as if written here (globs
    relative to this folder), but for :data:`OWN_KEYS`."""
    origins = _leaves(table, path)
    if EXTEND_KEY not in table:
        return table, origins, ()
    origin = shown(path, how.cwd)
    # The one key read before validation: checked as the validator checks it.
    ConfigBuilder(origin, _prefix(path), how.known_codes).build({EXTEND_KEY: table[EXTEND_KEY]})
    named: str = table[EXTEND_KEY]
    if not named:
        return table, origins, ()  # "": extends nothing
    target = Path(os.path.normpath(path.parent / named))
    boundary = how.repo_root or Path(os.path.commonpath([how.cwd, path.parent]))
    if os.path.isabs(named) or not within(target, boundary) or target == boundary:
        raise MilestoneLintError(
            f'{display(origin)}: "extend" names {display(named)}, outside the repository'
            f" ({display(str(boundary))}); extend a configuration inside it"
        )
    chain = (*chain, path)
    if target in chain:
        cycle = " → ".join(display(shown(p, how.cwd)) for p in (*chain, target))
        raise MilestoneLintError(
            f'{display(origin)}: "extend" makes a cycle ({cycle}); remove one of these extends'
        )
    data = how.files.config_file(target)
    if data is None:
        raise MilestoneLintError(
            f'{display(origin)}: "extend" names {display(named)}{how.files.label}, which does'
            " not exist; point it at a configuration file"
        )
    parent = _table_in(target, data, how.files.label)
    if parent is None:
        raise MilestoneLintError(
            f'{display(origin)}: "extend" names {display(named)}, which has no'
            " [tool.milestone-lint] table; add one or extend another file"
        )
    parent_raw, parent_origins, above = _extended(target, parent, how, chain)
    # Validated as its own file, so that a mistake there is named where it is written.
    ConfigBuilder(shown(target, how.cwd), _prefix(target), how.known_codes).build(parent_raw)
    inherited = {k: v for k, v in parent_raw.items() if k not in OWN_KEYS}
    kept = {k: p for k, p in parent_origins.items() if k.split(".")[0] not in OWN_KEYS}
    return merged(inherited, table), {**kept, **origins}, (target, *above)


def load_all(
    cwd: Path,
    explicit: Path | None,
    known_codes: frozenset[str] | None = None,
    files: ConfigFiles | None = None,
    repo_root: Path | None = None,
    found: Iterable[str] = (),
    near: Iterable[Path] = (),
) -> Configurations:
    """Every configuration that judges something: with ``explicit`` (--config) that one alone;
    else the one at the repository's top (outside git: the one nearest ``cwd``) and each file
    of ``found`` (candidate paths relative to the top, as the source lists them), the first
    candidate holding a table winning in each folder, as in :func:`load_config`. Outside git,
    ``near`` (the PATHS, absolute) stands in for ``found``: the configuration nearest each."""
    primary = load_config(cwd, explicit, known_codes, files, repo_root)
    if explicit is not None:
        return Configurations(primary, (primary,), explicit=True)
    top = primary.repo_root
    if top is not None and primary.path is not None and primary.path.parent != top:
        primary = load_config(top, None, known_codes, files, top)  # the top's, never cwd's
    how = Reading(files or DiskFiles(top), cwd, top, known_codes)
    hits: dict[Path, tuple[Path, dict[str, Any]]] = {}
    if top is None:
        # Outside git nothing bounds a walk (a run in the home folder): the configurations
        # are the one found from cwd and those nearest to the PATHS given.
        for path in near:
            folder = path if path.is_dir() else path.parent
            inner = within(folder, primary.base)
            hit = _discover(folder, primary.base, how.files) if inner else None
            if hit is not None:
                hits.setdefault(hit[0].parent, hit)
    else:
        folders = {os.path.dirname(p) for p in found if os.path.basename(p) in CANDIDATES}
        for name in sorted(folders - {""}):  # the top's is the primary one
            hit = _in_folder(top / name, how.files)
            if hit is not None:
                hits[top / name] = hit
    every = [primary]
    for where, (path, table) in sorted(hits.items()):
        if where != primary.base:
            every.append(_loaded(path, table, how))
    return Configurations(primary, tuple(every), explicit=False)


def candidates_on_disk(top: Path) -> list[str]:
    """The configuration files in the working tree under ``top`` (a repository's), relative
    to it: tracked, or untracked and not ignored, as git lists them. A configuration in an
    ignored folder (``node_modules``, a virtualenv) is not the project's, and git skips those
    folders without listing them, where a walk would read every file in them. As the walk
    does, a ``.`` folder is passed over; git lists no other repository's files."""
    from milestone_lint.git.read import GitFailed, git

    specs = [f":(glob)**/{name}" for name in CANDIDATES]
    args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *specs]
    try:
        out = os.fsdecode(git(args, top))
    except GitFailed:
        from milestone_lint.sources.worktree import find_files

        return find_files(str(top), frozenset(CANDIDATES))
    found = {
        entry
        for entry in out.split("\0")
        if os.path.basename(entry) in CANDIDATES
        and not any(part.startswith(".") for part in entry.split("/")[:-1])
    }
    return sorted(found)


def _in_folder(folder: Path, files: ConfigFiles) -> tuple[Path, dict[str, Any]] | None:
    for name in CANDIDATES:
        candidate = folder / name
        data = files.config_file(candidate)
        if data is not None:
            table = _table_in(candidate, data, files.label)
            if table is not None:
                return candidate, table
    return None


class Configurations:
    """The configurations of one run, and which judges each folder: the nearest one above it
    (up to the repository's top), or the ``--config`` one for every folder."""

    def __init__(
        self, primary: LoadedConfig, every: tuple[LoadedConfig, ...], explicit: bool
    ) -> None:
        self.primary = primary
        self.every = every
        self.explicit = explicit
        # Deepest folder first: the first holding a folder is the nearest to it.
        self._by_depth = sorted(every, key=lambda c: -len(c.base.parts))

    @classmethod
    def single(cls, loaded: LoadedConfig) -> Configurations:
        """One configuration for every folder (callers that read one)."""
        return cls(loaded, (loaded,), explicit=True)

    def nearest(self, folder: Path) -> LoadedConfig:
        """The configuration that judges ``folder`` (and what lies in it)."""
        if self.explicit:
            return self.primary
        for loaded in self._by_depth:
            if folder == loaded.base or loaded.base in folder.parents:
                return loaded
        return self.primary


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
