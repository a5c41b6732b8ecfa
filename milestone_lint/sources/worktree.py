"""The working tree: what is on disk now, tracked or not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from milestone_lint.errors import MilestoneLintError
from milestone_lint.globs import Glob, compile_glob
from milestone_lint.paths import display, is_below
from milestone_lint.sources.base import MAX_FILE_BYTES, Changes, Listing, NotReadable


class WorktreeSource:
    """Reads the file system under ``base``; with ``gitignore`` (``base`` the top of a work
    tree), what git ignores and does not track is left out of every listing, as ruff does."""

    def __init__(self, base: Path, gitignore: bool = False) -> None:
        self.base = base
        self._real_base = os.path.realpath(base)
        self._real_dirs: dict[str, str] = {}
        self._gitignore = gitignore
        self._ignored: tuple[frozenset[str], frozenset[str]] | None = None

    def _ignored_paths(self) -> tuple[frozenset[str], frozenset[str]]:
        """(files, folders) git ignores, relative to the base: asked once, on first listing."""
        if self._ignored is None:
            if self._gitignore:
                from milestone_lint.git.read import ignored_under

                self._ignored = ignored_under(self.base)
            else:
                self._ignored = (frozenset(), frozenset())
        return self._ignored

    def _abs(self, path: str) -> str:
        return os.path.join(self.base, path) if path else str(self.base)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(self._abs(path))

    def exists(self, path: str) -> bool:
        return os.path.lexists(self._abs(path))

    def listing(self, root: str) -> Listing:
        """Every file and folder under ``root``, folders first-to-last as ``os.walk`` would
        give them, but with an explicit stack (Python 3.11's walk recurses: a tree 1,000
        folders deep raised RecursionError). ``.`` folders are skipped; a link to a folder is
        listed as a file and not entered (it could leave the tree or loop), nor is a folder
        on another file system (a mount point)."""
        top = self._abs(root)
        files: list[str] = []
        dirs: list[str] = []
        ignored_files, ignored_dirs = self._ignored_paths()
        # Paths git gave are from the base; the listing's are from the root.
        at = "" if root in ("", ".") else root.strip("/") + "/"
        if ignored_dirs and any(at.startswith(d + "/") for d in ignored_dirs):
            return Listing((), ())  # the root itself lies in an ignored folder
        # A link to a folder is a file here and an ignored folder to git ("link/").
        gone = ignored_files | ignored_dirs
        try:
            device = os.stat(top).st_dev
        except OSError as exc:
            raise _cannot_list(exc, top) from None
        stack = [""]
        while stack:
            prefix = stack.pop()
            folder = os.path.join(top, prefix) if prefix else top
            subdirs: list[tuple[str, bool]] = []
            names: list[str] = []
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        try:
                            is_dir = entry.is_dir()
                        except OSError:
                            is_dir = False
                        if not is_dir:
                            names.append(entry.name)
                        elif not entry.name.startswith("."):
                            subdirs.append((entry.name, entry.is_symlink()))
            except OSError as exc:
                raise _cannot_list(exc, folder) from None
            subdirs.sort()
            descend: list[str] = []
            for name, linked in subdirs:
                rel = prefix + name
                if ignored_dirs and at + rel in ignored_dirs:
                    continue  # neither listed nor entered
                if linked:
                    files.append(rel)
                    continue
                dirs.append(rel)
                try:
                    if os.stat(os.path.join(top, rel)).st_dev == device:
                        descend.append(rel + "/")
                except OSError:
                    continue
            if gone:
                names = [n for n in names if at + prefix + n not in gone]
            files.extend(prefix + n for n in sorted(names))
            stack.extend(reversed(descend))
        return Listing(tuple(files), tuple(dirs))

    def glob_dirs(self, pattern: str) -> list[str]:
        """Folders matching ``pattern`` (anchored at the base), found without entering a
        link, a ``.`` folder, or deeper than the glob can match. A link to a folder is a
        match (discovery then refuses one that leads out of the repository)."""
        glob = compile_glob(pattern, anchored=True)
        literal = glob.literal
        if literal is not None:
            return [literal] if os.path.isdir(self._abs(literal)) else []
        return sorted(d for d in walk_dirs(str(self.base), glob) if glob.match(d))

    def read(self, path: str) -> bytes:
        """A regular file's bytes, through no link that leaves the tree, up to the size cap.

        A FIFO or a device (a committed link to /dev/zero) would hang or exhaust the run; a
        link out of the repository would judge, and quote, a file that is not the team's.
        """
        real = self._resolve(self._abs(path))
        if not is_below(real, self._real_base):
            raise NotReadable("a symbolic link out of the repository; not followed", path)
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise NotReadable("not a regular file", path)
            if info.st_size > MAX_FILE_BYTES:
                raise NotReadable(f"over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read", path)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                return handle.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)

    def blob_id(self, path: str) -> str | None:
        return None  # known only by reading: the content is hashed then

    def stat_key(self, path: str) -> list[int] | None:
        try:
            info = os.stat(self._abs(path))
        except OSError:
            return None
        # ctime first: an edit whose mtime was put back (touch -r) still moves it, and it is
        # never older than mtime, so the cache's is-it-recent test reads it.
        return [info.st_ctime_ns, info.st_mtime_ns, info.st_size, info.st_ino]

    def size(self, path: str) -> int:
        try:
            return os.stat(self._abs(path)).st_size
        except OSError:
            return 0

    def _resolve(self, full: str) -> str:
        """``full`` with every link followed: its folder resolved once for all its files (a
        whole-tree run resolved each file's every component, 17,000 lstat calls for 1,400
        files), then the file itself when it is a link."""
        folder, name = os.path.split(full)
        real_folder = self._real_dirs.get(folder)
        if real_folder is None:
            real_folder = self._real_dirs[folder] = os.path.realpath(folder)
        candidate = os.path.join(real_folder, name)
        return os.path.realpath(candidate) if os.path.islink(candidate) else candidate

    def changes(self) -> Changes | None:
        return None

    def prefetch(self, paths: list[str]) -> None:
        """Files are read as they are judged: nothing to gain from reading them first."""


def _cannot_list(exc: OSError, where: str) -> MilestoneLintError:
    return MilestoneLintError(
        f"{display(exc.filename or where)}: cannot list folder ({exc.strerror}); check its"
        " permissions"
    )


def walk_dirs(top: str, glob: Glob) -> list[str]:
    """Folders below ``top`` (``/``-separated, relative) that could hold a match of ``glob``:
    pruned by the glob's segments before its first ``**``, never deeper than a glob without
    ``**`` can match; no link entered (a link to a folder is listed, for the caller to judge),
    no ``.`` folder, no other file system (a mount point such as /proc) crossed. Iterative: a
    tree 1,000 folders deep is no recursion."""
    head, bounded = glob.head, glob.bounded
    try:
        device = os.lstat(top).st_dev
    except OSError:
        return []
    found: list[str] = []
    stack = [("", 0)]
    while stack:
        rel, depth = stack.pop()
        if bounded and depth >= len(head):
            continue
        try:
            entries = list(os.scandir(os.path.join(top, rel) if rel else top))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            try:
                if name.startswith(".") or not entry.is_dir():
                    continue
                if depth < len(head) and not head[depth].match(name):
                    continue
                child = f"{rel}/{name}" if rel else name
                found.append(child)
                if not entry.is_symlink() and entry.stat().st_dev == device:
                    stack.append((child, depth + 1))
            except OSError:
                continue
    return found


def find_files(top: str, names: frozenset[str]) -> list[str]:
    """Files below ``top`` (``/``-separated, relative) whose name is one of ``names``, found as
    the listing walks: no link entered, no ``.`` folder, no other file system, no folder
    holding its own ``.git`` (another repository's files are not this one's, and the index
    never lists them either). A folder that cannot be listed is passed over: a configuration
    is looked for everywhere, and one unreadable folder must not stop every run."""
    try:
        device = os.lstat(top).st_dev
    except OSError:
        return []
    found: list[str] = []
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(top, rel) if rel else top))
        except OSError:
            continue
        if rel and any(entry.name == ".git" for entry in entries):
            continue
        for entry in entries:
            name = entry.name
            child = f"{rel}/{name}" if rel else name
            try:
                if not entry.is_dir(follow_symlinks=False):
                    if name in names and not entry.is_symlink():
                        found.append(child)
                elif not name.startswith(".") and entry.stat().st_dev == device:
                    stack.append(child)
            except OSError:
                continue
    return sorted(found)
