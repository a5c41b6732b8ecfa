"""``milestone-lint suggest``: decide, print at most one paragraph (per root), exit 0.

It runs as a post-commit and post-merge hook: it must never fail a commit (it could not undo
one anyway), never write to the work tree, and stay silent unless something was delivered.
State (which HEADs were already suggested, a pending local squash) lives under the git dir.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from milestone_lint.errors import MilestoneLintError
from milestone_lint.suggest.delivery import (
    Delivery,
    branch_matches,
    conventional_delivery,
    from_commits,
    from_merge_commit,
    from_reflog,
    name_from_branch,
    name_from_text,
    squashed_pull_request,
)
from milestone_lint.suggest.gitstate import (
    Commit,
    GitBroken,
    GitState,
    GitUnavailable,
    added_files,
    commits,
    head_commit,
    read_state,
)
from milestone_lint.terminal import echo

if TYPE_CHECKING:
    from milestone_lint.suggest.pending import Pending

# Reflog actions that replay or rewrite history: never a moment to suggest anything.
_SILENT_ACTIONS = (
    "commit (amend)",
    "rebase",
    "cherry-pick",
    "revert",
    "reset",
    "checkout",
    "am",
    "stash",
)
_KEEP_SUGGESTED = 50
# How long a run waits for another deciding for the same repository (a decision takes ~0.1 s).
_LOCK_WAIT = 5.0


def _remembered(state: GitState) -> set[str]:
    try:
        return set((state.path("milestone-lint") / "suggested").read_text().split())
    except OSError:
        return set()


def _remember(state: GitState, sha: str) -> None:
    folder = state.path("milestone-lint")
    known = [s for s in _remembered(state) if s != sha][-_KEEP_SUGGESTED:]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "suggested").write_text("\n".join([*known, sha]) + "\n")


def _squash_file(state: GitState) -> Path:
    return state.path("milestone-lint") / "squash"


def _hook_kind(hook_type: str | None, state: GitState, env: Mapping[str, str]) -> str:
    if hook_type:
        return hook_type
    if "PRE_COMMIT_IS_SQUASH_MERGE" in env:
        return "post-merge"
    return "post-merge" if state.reflog.startswith(("merge ", "pull")) else "post-commit"


def _after_merge(state: GitState, cwd: Path, patterns: tuple[str, ...]) -> Delivery | None:
    found = from_reflog(state.reflog, patterns)
    if found:
        return found
    orig = state.orig_head
    if orig and state.head and orig != state.head:
        return from_commits(commits(cwd, f"{orig}..{state.head}"), patterns)
    return None


def _may_deliver(state: GitState, commit: Commit) -> bool:
    """Whether a commit could deliver anything, decided without reading the configuration.

    Most commits deliver nothing; saying so before the config, the rules and the layout are
    imported keeps the post-commit hook close to the cost of starting Python.
    """
    return (
        len(commit.parents) > 1
        or _squash_file(state).exists()
        or conventional_delivery(commit.message) is not None
        or squashed_pull_request(commit.subject) is not None
    )


def _after_commit(state: GitState, commit: Commit, patterns: tuple[str, ...]) -> Delivery | None:
    squash = _squash_file(state)
    if squash.exists():
        recorded = squash.read_text().split()
        squash.unlink()
        if recorded and commit.parents and recorded[0] == commit.parents[0]:
            branch = recorded[1] if len(recorded) > 1 else ""
            if branch and branch_matches(branch, patterns):
                return Delivery(f"{branch} was squash-merged", name_from_branch(branch), True)
            if not branch:
                return Delivery(
                    "a squash merge was committed", name_from_text(commit.subject), True
                )
    if len(commit.parents) > 1:
        return from_merge_commit(commit, patterns)
    if state.branch and branch_matches(state.branch, patterns):
        # Work in progress on a feature branch: its merge is the moment, not each commit.
        return None
    return from_commits([commit], patterns)


def _paragraph(delivery: Delivery, pending: Pending, brought: set[str]) -> str:
    """The suggestion, with the command that distils what fits one milestone.

    ``brought``: the files the merge added. When older handoffs from elsewhere are pending
    before the merge's own, a milestone named after the branch would sweep them in: they get
    their own milestone first, named after what they hold (a milestone takes the oldest pending
    handoffs, so that order is the only valid one).
    """
    listed = ", ".join(f"{n} {title}" for n, title in pending.handoffs)
    after = f"since milestone {pending.after}" if pending.after else "and no milestone yet"
    count = len(pending.handoffs)
    head = (
        f"milestone-lint: {delivery.what}, and {count} handoffs are pending in {pending.root}/"
        f" {after} ({listed})."
    )
    own = [i for i, path in enumerate(pending.paths) if path in brought]
    command = f'milestone-lint new milestone "{delivery.name}"'
    if not own or len(own) == count:
        return f"{head} Distil them into a milestone: {command}"
    first, last = pending.handoffs[0][0], pending.handoffs[own[-1]][0]
    if own == list(range(len(own))):
        return f"{head} Distil the branch's into a milestone: {command} --handoffs {first}-{last}"
    older = pending.handoffs[: own[0]]
    name = name_from_text(older[0][1])
    return (
        f'{head} Older handoffs come first: milestone-lint new milestone "{name}"'
        f" --handoffs {first}-{older[-1][0]}; then the branch's: {command}"
        f" --handoffs {pending.handoffs[own[0]][0]}-{last}"
    )


def decide(
    cwd: Path, hook_type: str | None, hook_args: tuple[str, ...], env: Mapping[str, str]
) -> list[str]:
    """The lines to print (empty: stay silent)."""
    state = read_state(cwd)
    if state.head is None or state.branch is None or state.in_progress:
        return []
    kind = _hook_kind(hook_type, state, env)
    squash_flag = (hook_args[:1] == ("1",)) or env.get("PRE_COMMIT_IS_SQUASH_MERGE") == "1"
    if kind == "post-merge" and squash_flag:
        # `merge --squash` commits nothing: remember the branch for the commit that follows.
        action = env.get("GIT_REFLOG_ACTION", "")
        branch = action.split(" ", 1)[1] if action.startswith("merge ") else ""
        folder = state.path("milestone-lint")
        folder.mkdir(parents=True, exist_ok=True)
        _squash_file(state).write_text(f"{state.head} {branch}\n")
        return []
    if kind == "post-commit" and state.reflog.startswith(_SILENT_ACTIONS):
        return []
    with _deciding(state) as alone:
        if not alone or state.head in _remembered(state):
            return []
        return _suggest(state, cwd, kind)


@contextlib.contextmanager
def _deciding(state: GitState) -> Iterator[bool]:
    """Held while one run decides for this repository (post-commit and post-merge may both
    fire, and hooks of concurrent git commands run side by side): ten concurrent runs after one
    merge once printed the suggestion ten times. Yields False when another run held it too
    long: that run is deciding, and says what is to be said."""
    from milestone_lint.git.lock import held

    folder = state.path("milestone-lint")
    folder.mkdir(parents=True, exist_ok=True)
    with held(folder / "suggest.lock", _LOCK_WAIT, 0o644) as alone:
        yield alone


def _suggest(state: GitState, cwd: Path, kind: str) -> list[str]:
    """The lines to print for a HEAD not suggested yet (held under :func:`_deciding`)."""
    assert state.head is not None
    commit = head_commit(cwd) if kind == "post-commit" else None
    if kind == "post-commit" and (commit is None or not _may_deliver(state, commit)):
        return []

    from milestone_lint.layout.project import configurations
    from milestone_lint.suggest.pending import pending_handoffs

    configs = configurations(cwd, top=state.toplevel)
    patterns = configs.primary.config.suggest_branches
    if commit is None:
        delivery = _after_merge(state, cwd, patterns)
        merged = True
    else:
        delivery = _after_commit(state, commit, patterns)
        merged = len(commit.parents) > 1
    if delivery is None and not merged:
        return []

    brought: set[str] = set()
    base = state.orig_head if commit is None else (commit.parents[0] if commit.parents else None)
    if merged and base and state.head:
        brought = added_files(cwd, base, state.head)
    lines: list[str] = []
    for loaded, pending in pending_handoffs(configs, state.toplevel):
        if merged:
            for number, names in pending.duplicates:
                lines.append(
                    f"milestone-lint: warning: after the merge, {pending.root}/ holds"
                    f" {len(names)} handoffs numbered {number} ({', '.join(names)}); renumber them"
                    " with `milestone-lint check --fix` (the newer one moves, links follow)"
                )
        if delivery and len(pending.handoffs) >= loaded.config.suggest_min_handoffs:
            lines.append(_paragraph(delivery, pending, brought))
    if lines:
        _remember(state, state.head)
    return lines


def run_suggest(hook_type: str | None, hook_args: tuple[str, ...]) -> int:
    """Decide whether to suggest a milestone; always 0 (a post-* hook cannot undo anything)."""
    try:
        lines = decide(Path.cwd(), hook_type, hook_args, os.environ)
    except GitUnavailable:
        return 0
    except (GitBroken, MilestoneLintError, OSError) as exc:
        echo(f"milestone-lint suggest: cannot judge: {exc}", err=True)
        return 0
    except Exception as exc:  # A post-commit hook must never show a traceback.
        echo(
            f"milestone-lint suggest: cannot judge: internal error ({type(exc).__name__}:"
            f" {exc}); please report it",
            err=True,
        )
        return 0
    for line in lines:
        echo(line)
    return 0
