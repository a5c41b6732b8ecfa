"""History questions, the one module that imports GitPython (~90 ms; never on a hook path).

``check --since REF``: what changed on this branch, so that old debt stays out of a pull
request's run. As ``REF...HEAD`` (towncrier's ``check`` does the same): the changes since
``git merge-base REF HEAD``, so a branch that is behind REF is never judged for what REF
changed; plus what is staged, unstaged or untracked. ML402 asks the same question of every
file, not only the markdown: did a branch that changed the code write a handoff?
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.names import is_markdown
from milestone_lint.paths import display


def _git_said(exc: Any) -> str:
    """git's own first line of complaint (``fatal: detected dubious ownership …``)."""
    # GitPython words it "\n  stderr: 'fatal: …'".
    raw = str(getattr(exc, "stderr", "") or "").rstrip()
    raw = raw[:-1] if raw.endswith("'") and "stderr: '" in raw else raw
    lines = [
        line.strip().removeprefix("stderr:").strip().removeprefix("'") for line in raw.split("\n")
    ]
    said = next((line for line in lines if line.startswith(("fatal:", "error:"))), "")
    return display(said.partition(":")[2].strip()[:200]) if said else ""


def _repo(cwd: Path) -> Any:
    import git

    try:
        return git.Repo(cwd, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise MilestoneLintError(
            f"{display(str(cwd))}: --since needs a git repository; run it in one"
        ) from None


def _merge_base(repo: Any, ref: str) -> str:
    """The commit REF and HEAD last shared, refusing in one line what git refuses."""
    import git

    shown = display(ref)
    try:
        # --end-of-options: a REF that starts with "-" is a revision, not an option; ":/text"
        # (the newest commit whose message matches) is a revision as well.
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", ref)
        commit = repo.git.rev_parse("--verify", "--quiet", f"{sha}^{{commit}}")
    except git.GitCommandError as exc:
        said = _git_said(exc)
        if said:
            raise MilestoneLintError(f"--since {shown}: git said: {said}") from None
        raise MilestoneLintError(
            f"--since {shown}: no such revision; use a branch, tag or commit (e.g. origin/main)"
        ) from None
    try:
        return str(repo.git.merge_base(commit, "HEAD"))
    except git.GitCommandError as exc:
        said = _git_said(exc)
        reason = f"git said: {said}" if said else "it shares no history with HEAD"
        raise MilestoneLintError(
            f"--since {shown}: no merge base with HEAD ({reason}); fetch the full history"
            " (a shallow CI clone needs fetch-depth: 0)"
        ) from None


class BranchChanges(NamedTuple):
    """What a branch changed since it left REF (its merge base with HEAD): committed, staged,
    unstaged or untracked. Paths are relative to ``top`` (the repository's top), ``/``-separated,
    sorted; a rename is its old path deleted and its new path written."""

    top: Path
    written: tuple[str, ...]  # added or changed, present in the work tree
    deleted: tuple[str, ...]

    @property
    def changed(self) -> tuple[str, ...]:
        """Every path the branch touched, written or deleted."""
        return tuple(sorted({*self.written, *self.deleted}))

    def markdown(self, cwd: Path) -> tuple[str, ...]:
        """The markdown files written, relative to ``cwd`` (what ``--since`` narrows to)."""
        return tuple(os.path.relpath(self.top / n, cwd) for n in self.written if is_markdown(n))


def branch_changes(cwd: Path, ref: str) -> BranchChanges:
    """The paths changed on this branch since ``ref``'s merge base, as :class:`BranchChanges`."""
    import git

    repo = _repo(cwd)
    base = _merge_base(repo, ref)
    top = Path(repo.working_tree_dir or cwd)
    try:
        # --no-renames: a file moved out of src/ is a change to src/ as much as to its new place.
        status = repo.git.diff("--name-status", "-z", "--no-renames", base, "--").split("\0")
        untracked = repo.git.ls_files("--others", "--exclude-standard", "-z").split("\0")
    except git.GitCommandError as exc:
        raise MilestoneLintError(
            f"--since {display(ref)}: git said: {_git_said(exc) or 'the diff failed'}"
        ) from None
    # -z --name-status: "M\0path\0D\0path\0…"
    pairs = zip(status[0::2], status[1::2], strict=False)
    written = {n for n in untracked if n}
    deleted: set[str] = set()
    for letter, name in pairs:
        (deleted if letter == "D" else written).add(name)
    # A path git lists as changed but gone from disk (deleted, not yet staged) is deleted.
    gone = {n for n in written if not (top / n).exists()}
    return BranchChanges(top, tuple(sorted(written - gone)), tuple(sorted(deleted | gone)))


def changed_since(cwd: Path, ref: str) -> tuple[str, ...]:
    """Markdown files added or changed on this branch since ``ref``'s merge base (committed,
    staged, unstaged or untracked), as paths relative to ``cwd``; deleted files are left to the
    layout rules."""
    return branch_changes(cwd, ref).markdown(cwd)


def added_at(top: Path, paths: list[str]) -> dict[str, int | None]:
    """When each of ``paths`` (from the top) was first added: the committer time of the oldest
    commit reachable from HEAD that adds it (a merge adds nothing: its branch's commit did);
    None for a path no commit added (new, untracked, or no history yet). ``check --fix`` asks
    this of handoffs that share a number, to move the newer one."""
    import git

    found: dict[str, int | None] = dict.fromkeys(paths)
    if not paths:
        return found
    repo = _repo(top)
    try:
        # -z: names as they are (no quoting); each commit starts with its \x01-marked time.
        out = repo.git.log(
            "--diff-filter=A",
            "--no-renames",
            "-z",
            "--name-only",
            "--format=%x01%ct",
            "--",
            *paths,
        )
    except git.GitCommandError:
        return found  # no HEAD yet, or a history git cannot walk: nothing is known
    when: int | None = None
    for token in str(out).split("\0"):
        token = token.strip("\n")
        if token.startswith("\x01"):
            when = int(token[1:])
        elif token in found and when is not None:
            earlier = found[token]
            found[token] = when if earlier is None else min(earlier, when)
    return found
