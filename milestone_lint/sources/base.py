"""The interface every source (working tree, git index, a revision) implements."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

from typing import NamedTuple, Protocol

# Larger markdown files are not read: no handoff comes near, and a hook must not be made to
# parse whatever a commit drops in (ML001 reports it).
MAX_FILE_BYTES = 5 * 1024 * 1024


class NotReadable(OSError):
    """A file the tool will not read; ``strerror`` says why (ML001 shows it)."""

    def __init__(self, reason: str, path: str) -> None:
        super().__init__(0, reason, path)


class Listing(NamedTuple):
    """Everything under one root, as ``/``-separated paths relative to that root.

    ``dirs`` holds every folder, including empty ones where the source can know them (git
    cannot). Entries inside folders whose name starts with ``.`` are not listed: by
    convention they are not part of the tree.
    """

    files: tuple[str, ...]
    dirs: tuple[str, ...]


class Changes(NamedTuple):
    """What the commit being judged changes, as ``/``-separated paths relative to the base.

    ``changed`` holds files it adds or whose content it changes (content rules judge these at
    commit time); ``modified`` those of them that existed before (ML401); ``touched`` every
    path it adds, changes or deletes (a root it touches is judged for its layout). ``everything``
    is true when nothing differs outside a commit, as in CI's ``pre-commit run --all-files`` on a
    clean checkout, or before the first commit: then every file is judged. During a commit that
    changes nothing (``--amend`` to reword, ``--allow-empty``) nothing is.
    """

    changed: frozenset[str]
    modified: frozenset[str]
    everything: bool = False
    touched: frozenset[str] = frozenset()


class Source(Protocol):
    """Where the tree being judged comes from. Paths are ``/``-separated, relative to ``base``."""

    def is_dir(self, path: str) -> bool:
        """True when ``path`` is a folder in this source."""
        ...

    def exists(self, path: str) -> bool:
        """True when ``path`` is a file or folder in this source."""
        ...

    def listing(self, root: str) -> Listing:
        """Every file and folder under ``root``."""
        ...

    def read(self, path: str) -> bytes:
        """The content of a file; raises OSError when it cannot be read."""
        ...

    def size(self, path: str) -> int:
        """A file's size in bytes without reading it where that is possible; 0 if unknown."""
        ...

    def blob_id(self, path: str) -> str | None:
        """The git blob id of a file where the source knows it without reading (the index);
        None elsewhere (the content is hashed when read)."""
        ...

    def stat_key(self, path: str) -> list[int] | None:
        """[ctime_ns, mtime_ns, size, inode] of a file where a changed file changes them (the
        working tree: as git's index, ctime too, so an edit with its mtime put back is seen);
        None where content ids are known anyway (the index) or the file is not there."""
        ...

    def glob_dirs(self, pattern: str) -> list[str]:
        """Folders matching a glob relative to ``base`` (``**`` allowed), sorted."""
        ...

    def changes(self) -> Changes | None:
        """What the commit being judged changes; None where there is no commit (work tree)."""
        ...

    def prefetch(self, paths: list[str]) -> None:
        """Read these files in one go where that is cheaper than one at a time (git)."""
        ...
