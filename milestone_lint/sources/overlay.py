"""The working tree with some files as they would be: what an agent proposes, judged before it
is written (the MCP server's ``lint_text``)."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import display, within
from milestone_lint.sources.base import Changes, Listing, Source


class OverlaySource:
    """``inner`` with ``overlay``'s files (paths relative to ``cwd``) in place of, or beside,
    those on disk."""

    def __init__(self, inner: Source, base: Path, cwd: Path, overlay: dict[str, bytes]) -> None:
        self.inner = inner
        self.files: dict[str, bytes] = {}
        real_base = os.path.realpath(base)
        for path, data in overlay.items():
            full = os.path.join(cwd, path)
            if not within(os.path.dirname(full) or ".", real_base):
                raise MilestoneLintError(
                    f"{display(path)}: outside the repository ({display(real_base)}); give a"
                    " path inside it"
                )
            real = os.path.join(os.path.realpath(os.path.dirname(full)), os.path.basename(full))
            rel = os.path.relpath(real, real_base).replace(os.sep, "/")
            self.files[rel] = data
        self.dirs: set[str] = set()
        for rel in self.files:
            parent = posixpath.dirname(rel)
            while parent:
                self.dirs.add(parent)
                parent = posixpath.dirname(parent)

    def is_dir(self, path: str) -> bool:
        return posixpath.normpath(path) in self.dirs or self.inner.is_dir(path)

    def exists(self, path: str) -> bool:
        clean = posixpath.normpath(path)
        return clean in self.files or clean in self.dirs or self.inner.exists(path)

    def listing(self, root: str) -> Listing:
        inner = self.inner.listing(root)
        prefix = "" if root in ("", ".") else posixpath.normpath(root) + "/"
        files = set(inner.files)
        dirs = set(inner.dirs)
        for rel in self.files:
            if rel.startswith(prefix) and "/." not in "/" + rel[len(prefix) :]:
                files.add(rel[len(prefix) :])
        for rel in self.dirs:
            if rel.startswith(prefix) and "/." not in "/" + rel[len(prefix) :]:
                dirs.add(rel[len(prefix) :])
        return Listing(tuple(sorted(files)), tuple(sorted(dirs)))

    def read(self, path: str) -> bytes:
        clean = posixpath.normpath(path)
        if clean in self.files:
            return self.files[clean]
        return self.inner.read(path)

    def blob_id(self, path: str) -> str | None:
        if posixpath.normpath(path) in self.files:
            return None
        return self.inner.blob_id(path)

    def stat_key(self, path: str) -> list[int] | None:
        if posixpath.normpath(path) in self.files:
            return None  # not what is on disk: judged by its content
        return self.inner.stat_key(path)

    def size(self, path: str) -> int:
        clean = posixpath.normpath(path)
        if clean in self.files:
            return len(self.files[clean])
        return self.inner.size(path)

    def glob_dirs(self, pattern: str) -> list[str]:
        return self.inner.glob_dirs(pattern)

    def changes(self) -> Changes | None:
        return None

    def prefetch(self, paths: list[str]) -> None:
        self.inner.prefetch([p for p in paths if posixpath.normpath(p) not in self.files])
