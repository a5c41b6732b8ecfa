"""The git index: exactly what the commit being made will contain.

Inside a hook git names the index to judge in ``GIT_INDEX_FILE``: a temporary one for
``git commit -a`` and ``git commit <paths>``. GitPython ignores that variable
(``repo.index`` always opens ``<git dir>/index``), so the path is passed explicitly.
GitPython is imported here only, on the ``--staged`` path: it costs ~100 ms at startup.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any

from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import glob_regex
from milestone_lint.sources.base import Listing


def _open_repo(cwd: Path) -> Any:
    import git

    try:
        return git.Repo(cwd, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise MilestoneLintError(
            f"{cwd}: not inside a git repository; --staged reads the git index, so run it in one"
        ) from None


class GitIndexSource:
    """Files as staged in the index, compared with HEAD for ML401 and for hook runs."""

    def __init__(self, cwd: Path) -> None:
        import git

        self.repo = _open_repo(cwd)
        if self.repo.working_tree_dir is None:
            raise MilestoneLintError(f"{self.repo.git_dir}: bare repository; run in a work tree")
        self.base = Path(self.repo.working_tree_dir).resolve()
        named = os.environ.get("GIT_INDEX_FILE")
        path = os.path.abspath(named) if named else os.path.join(self.repo.git_dir, "index")
        if named and not os.path.exists(path):
            # GitPython would read a missing file as an empty index: every file "deleted".
            raise MilestoneLintError(
                f"{named}: GIT_INDEX_FILE names no file; unset it or point it at an index"
            )
        try:
            entries = git.IndexFile(self.repo, file_path=path).entries
        except Exception as exc:  # GitPython raises many types for a damaged index
            raise MilestoneLintError(
                f"{path}: cannot read the git index ({exc}); run `git status` to check the repo"
            ) from None
        self.blobs: dict[str, bytes] = {}
        for (entry_path, stage), entry in entries.items():
            # Unmerged paths have stages 1-3; the commit cannot be made until they are
            # resolved, so any version will do to judge the layout.
            if stage == 0 or entry_path not in self.blobs:
                self.blobs[str(entry_path)] = entry.binsha
        self.dirs: set[str] = set()
        for file_path in self.blobs:
            parent = posixpath.dirname(file_path)
            while parent and parent not in self.dirs:
                self.dirs.add(parent)
                parent = posixpath.dirname(parent)
        self._head: dict[str, bytes] | None = None

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

        def visible(rel: str) -> bool:
            # As in the working tree: nothing inside a folder whose name starts with ".".
            return not any(part.startswith(".") for part in rel.split("/")[:-1])

        files = sorted(p[len(prefix) :] for p in self.blobs if p.startswith(prefix))
        dirs = sorted(d[len(prefix) :] for d in self.dirs if d.startswith(prefix))
        return Listing(
            tuple(f for f in files if visible(f)),
            tuple(d for d in dirs if visible(d + "/x")),
        )

    def read(self, path: str) -> bytes:
        sha = self.blobs.get(self._clean(path))
        if sha is None:
            raise FileNotFoundError(2, "not in the index", path)
        data: bytes = self.repo.odb.stream(sha).read()
        return data

    def glob_dirs(self, pattern: str) -> list[str]:
        regex = glob_regex(pattern, anchored=True)
        return sorted(d for d in self.dirs if regex.match(d))

    # --- what the commit changes -----------------------------------------------------------

    def head_blobs(self) -> dict[str, bytes]:
        """Blob ids of HEAD's files (empty before the first commit).

        `git ls-tree` through GitPython's command wrapper: walking the tree object by object in
        Python costs ~100 ms on 1,400 files, on every commit.
        """
        if self._head is None:
            self._head = {}
            if self.repo.head.is_valid():
                listing = self.repo.git.ls_tree("-r", "-z", "--full-tree", "HEAD")
                for record in listing.split("\0"):
                    meta, _, path = record.partition("\t")
                    parts = meta.split()
                    if len(parts) == 3 and parts[1] == "blob":
                        self._head[path] = bytes.fromhex(parts[2])
        return self._head

    def changed(self, path: str) -> bool:
        """True when the commit adds or changes ``path`` (compared with HEAD)."""
        path = self._clean(path)
        return self.blobs.get(path) != self.head_blobs().get(path)

    def modified(self, path: str) -> bool:
        """True when ``path`` exists in HEAD and the commit changes its content."""
        path = self._clean(path)
        before = self.head_blobs().get(path)
        return before is not None and path in self.blobs and self.blobs[path] != before
