"""What changed since a revision, for ``check --since REF`` (old debt stays out of a PR's run)."""

from __future__ import annotations

import os
from pathlib import Path

from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.names import is_markdown


def changed_since(cwd: Path, ref: str) -> tuple[str, ...]:
    """Markdown files added or changed since ``ref`` (committed, staged, unstaged or
    untracked), as paths relative to ``cwd``; deleted files are left to the layout rules."""
    import git

    try:
        repo = git.Repo(cwd, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise MilestoneLintError(f"{cwd}: --since needs a git repository; run it in one") from None
    try:
        repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
    except git.GitCommandError:
        raise MilestoneLintError(
            f"--since {ref}: no such revision; use a branch, tag or commit (e.g. origin/main)"
        ) from None
    work = Path(repo.working_tree_dir or cwd)
    names = repo.git.diff("--name-only", "-z", "--diff-filter=ACMRT", ref, "--").split("\0")
    names += repo.git.ls_files("--others", "--exclude-standard", "-z").split("\0")
    found = sorted({n for n in names if n and is_markdown(n) and (work / n).exists()})
    return tuple(os.path.relpath(work / n, cwd) for n in found)
