"""The interface every source (working tree, git index, a revision) implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Listing:
    """Everything under one root, as ``/``-separated paths relative to that root.

    ``dirs`` holds every folder, including empty ones where the source can know them (git
    cannot). Entries inside folders whose name starts with ``.`` are not listed: by
    convention they are not part of the tree.
    """

    files: tuple[str, ...]
    dirs: tuple[str, ...]


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

    def glob_dirs(self, pattern: str) -> list[str]:
        """Folders matching a glob relative to ``base`` (``**`` allowed), sorted."""
        ...
