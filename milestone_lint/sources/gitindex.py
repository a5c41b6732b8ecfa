"""The git index: exactly what the commit being made will contain.

Inside a hook git names the index to judge in ``GIT_INDEX_FILE`` (a temporary one for
``git commit -a`` and ``git commit <paths>``); every read goes through git itself
(:mod:`milestone_lint.git.read`), which honours it and reads every index format.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from milestone_lint.git import read as gitread
from milestone_lint.git.top import toplevel
from milestone_lint.globs import compile_glob
from milestone_lint.sources.base import MAX_FILE_BYTES, Changes, Listing, NotReadable

# Statuses of `git diff --name-status` for a file whose content the commit changes in place.
_MODIFIED = frozenset("MT")


class GitIndexSource:
    """Files as staged in the index; ``changes()`` compares them with HEAD, or with
    ``compare[0]...compare[1]`` when pre-commit names a range (``PRE_COMMIT_FROM_REF``)."""

    label = " (as staged)"

    def __init__(
        self,
        cwd: Path,
        compare: tuple[str, str] | None = None,
        reader: gitread.IndexReader | None = None,
    ) -> None:
        self.base = toplevel(cwd).resolve()
        if reader is None or reader.top.resolve() != self.base or reader.compare != compare:
            reader = gitread.IndexReader(self.base, compare)
        self.reader = reader
        self.blobs: dict[str, str] = {}
        self.dirs: set[str] = set()
        self.links: set[str] = set()
        for path, (mode, sha) in reader.entries().items():
            if mode == gitread.GITLINK:
                self.dirs.add(path)  # a submodule: a folder whose files are another repo's
            else:
                self.blobs[path] = sha
                if mode == gitread.SYMLINK:
                    self.links.add(path)
        for file_path in list(self.blobs) + list(self.dirs):
            parent = posixpath.dirname(file_path)
            while parent and parent not in self.dirs:
                self.dirs.add(parent)
                parent = posixpath.dirname(parent)
        self._contents: dict[str, bytes] = {}
        self._changes: Changes | None = None

    # --- Source ----------------------------------------------------------------------------

    @staticmethod
    def _clean(path: str) -> str:
        return posixpath.normpath(path) if path else ""

    def is_dir(self, path: str) -> bool:
        path = self._clean(path)
        return path in ("", ".") or path in self.dirs

    def exists(self, path: str) -> bool:
        path = self._clean(path)
        return path in self.blobs or self.is_dir(path)

    def listing(self, root: str) -> Listing:
        root = self._clean(root)
        prefix = "" if root in ("", ".") else root + "/"

        # As in the working tree: nothing inside a folder whose name starts with ".".
        cut = len(prefix)
        files = [p[cut:] for p in self.blobs if p.startswith(prefix)]
        dirs = [d[cut:] for d in self.dirs if d.startswith(prefix)]
        return Listing(
            tuple(sorted(f for f in files if "/." not in "/" + f.rpartition("/")[0])),
            tuple(sorted(d for d in dirs if "/." not in "/" + d)),
        )

    def read(self, path: str) -> bytes:
        path = self._clean(path)
        if path in self.links:
            # A committed link: its blob is the target's name. Followed only to a file of
            # the same commit, as the work tree would be.
            target = self._link_target(path)
            if target is None:
                raise NotReadable("a symbolic link out of the repository; not followed", path)
            path = target
        sha = self.blobs.get(path)
        if sha is None:
            raise FileNotFoundError(2, "not in the index", path)
        if sha not in self._contents:
            self.prefetch([path])
        data = self._contents.get(sha)
        if data is None:
            raise FileNotFoundError(2, "object missing from the repository", path)
        if len(data) > MAX_FILE_BYTES:
            raise NotReadable(f"over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read", path)
        return data

    def stat_key(self, path: str) -> list[int] | None:
        return None  # the staged blob id is known without reading: no need of a stat

    def size(self, path: str) -> int:
        """The staged size once read (a run prefetches what it judges), else 0."""
        sha = self.blobs.get(self._clean(path))
        data = self._contents.get(sha) if sha is not None else None
        return len(data) if data is not None else 0

    def blob_id(self, path: str) -> str | None:
        """The staged blob id of a file (None for a link: its content is its target's)."""
        path = self._clean(path)
        return None if path in self.links else self.blobs.get(path)

    def _link_target(self, path: str, hops: int = 8) -> str | None:
        """The staged file a staged link leads to, inside the repository; None otherwise."""
        for _ in range(hops):
            sha = self.blobs[path]
            if sha not in self._contents:
                self._contents[sha] = self.reader.objects([sha])[0] or b""
            name = os.fsdecode(self._contents[sha])
            if name.startswith("/"):
                return None
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), name))
            if target.startswith("../") or target == ".." or target not in self.blobs:
                return None
            if target not in self.links:
                return target
            path = target
        return None

    def prefetch(self, paths: list[str]) -> None:
        """One ``git cat-file --batch`` for every file not read yet (by the gate, or before)."""
        wanted: set[str] = set()
        for path in map(self._clean, paths):
            if path in self.links:
                continue  # read when followed
            sha = self.blobs.get(path)
            if sha is None or sha in self._contents:
                continue
            known = self.reader.staged_read(path)
            if known is not None:
                self._contents[sha] = known
            else:
                wanted.add(sha)
        ordered = sorted(wanted)
        for sha, data in zip(ordered, self.reader.objects(ordered), strict=True):
            if data is not None:
                self._contents[sha] = data

    def glob_dirs(self, pattern: str) -> list[str]:
        glob = compile_glob(pattern, anchored=True)
        return sorted(d for d in self.dirs if glob.match(d))

    def changes(self) -> Changes:
        """What the commit changes: against HEAD, or over pre-commit's range."""
        if self._changes is None:
            statuses = self.reader.changes()
            if statuses is None:  # before the first commit: everything staged is new
                every = frozenset(self.blobs)
                self._changes = Changes(every, frozenset(), everything=True, touched=every)
            else:
                self._changes = Changes(
                    frozenset(p for p, s in statuses.items() if s != "D"),
                    frozenset(p for p, s in statuses.items() if s in _MODIFIED),
                    everything=not statuses and not gitread.during_commit(),
                    touched=frozenset(statuses),
                )
        return self._changes

    # --- the configuration, as it will be committed ------------------------------------------

    def config_file(self, path: Path) -> bytes | None:
        """The staged content of a configuration file, None when the index has no such file."""
        try:
            rel = path.resolve().relative_to(self.base).as_posix()
        except ValueError:
            return None
        if rel not in self.blobs:
            return None
        return self.reader.staged_files([rel])[0]
