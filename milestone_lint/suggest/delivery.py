"""Did the commit just made, or the merge just finished, deliver something? Pure functions."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import fnmatch
import re
from collections.abc import Sequence
from typing import NamedTuple

from milestone_lint.layout.names import suggest_slug
from milestone_lint.suggest.gitstate import Commit

_MERGE_BRANCH = re.compile(r"^Merge (?:remote-tracking )?branch '(?P<branch>[^']+)'")
_MERGE_PR = re.compile(r"^Merge pull request #(?P<number>\d+) from [^/\s]+/(?P<branch>\S+)")
_SQUASHED_PR = re.compile(r"^(?P<title>.+?)\s*\(#(?P<number>\d+)\)\s*$")
_CONVENTIONAL = re.compile(
    r"^(?P<type>feat|fix|[a-z]+)(?:\((?P<scope>[^)]*)\))?(?P<bang>!)?:\s*(?P<description>.+)$"
)
_REFLOG_MERGE = re.compile(r"^merge (?P<branch>\S+): ")


class Delivery(NamedTuple):
    """What was delivered: a sentence for people, and a milestone name."""

    what: str
    name: str
    merge: bool = False


# A subject is quoted in a one-line suggestion: a commit message pasted whole into its first
# line (a megabyte of it, once) must not become a megabyte of terminal output.
SUBJECT_SHOWN = 72


def quoted(subject: str) -> str:
    """``subject`` in quotes, cut at a word to at most SUBJECT_SHOWN characters."""
    if len(subject) > SUBJECT_SHOWN:
        # One past the room left for "…": a word ending just there is kept whole.
        cut = subject[:SUBJECT_SHOWN]
        cut = cut.rsplit(" ", 1)[0] if " " in cut[SUBJECT_SHOWN // 2 :] else cut[:-1]
        subject = cut.rstrip() + "…"
    return f'"{subject}"'


def branch_matches(branch: str, patterns: Sequence[str]) -> bool:
    """``feature/*`` also matches GitHub's ``feature-x`` spelling of a branch."""
    branch = branch.removeprefix("origin/").removeprefix("refs/heads/")
    candidates = {branch, branch.replace("-", "/", 1)}
    return any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns)


def name_from_branch(branch: str) -> str:
    """``feature/auth-flow`` → ``auth-flow``; ``owner/feature-x`` → ``x``."""
    tail = branch.rsplit("/", 1)[-1]
    for prefix in ("feature-", "feat-", "fix-", "hotfix-"):
        if tail.startswith(prefix) and "/" not in branch:
            tail = tail[len(prefix) :]
    return suggest_slug(tail) or "milestone"


def name_from_text(text: str) -> str:
    words = suggest_slug(text).split("-")
    return "-".join(words[:5]) or "milestone"


def conventional_delivery(message: str) -> str | None:
    """The description of a delivering conventional commit (feat, feat!, fix!, BREAKING)."""
    subject = message.split("\n", 1)[0].strip()
    match = _CONVENTIONAL.match(subject)
    breaking = re.search(r"^BREAKING[ -]CHANGE:", message, re.MULTILINE) is not None
    if match is None:
        return None
    if match["type"] == "feat" or match["bang"] or breaking:
        return match["description"].strip()
    return None


def from_merge_commit(commit: Commit, patterns: Sequence[str]) -> Delivery | None:
    subject = commit.subject
    pr = _MERGE_PR.match(subject)
    if pr and branch_matches(pr["branch"], patterns):
        return Delivery(
            f"pull request #{pr['number']} ({pr['branch']}) was merged",
            name_from_branch(pr["branch"]),
            merge=True,
        )
    merged = _MERGE_BRANCH.match(subject)
    if merged and branch_matches(merged["branch"], patterns):
        branch = merged["branch"].removeprefix("origin/")
        return Delivery(f"{branch} was merged", name_from_branch(branch), merge=True)
    return None


def squashed_pull_request(subject: str) -> str | None:
    """The title of a GitHub squash-merge subject (``Add login (#12)``), else None."""
    match = _SQUASHED_PR.match(subject)
    if match is None or subject.startswith("Merge "):
        return None
    return match["title"]


def from_commits(commits: Sequence[Commit], patterns: Sequence[str]) -> Delivery | None:
    """The first delivery among commits (newest first): merges, squashed PRs, feat commits."""
    for commit in commits:
        found = from_merge_commit(commit, patterns)
        if found:
            return found
    for commit in commits:
        title = squashed_pull_request(commit.subject)
        if title is not None:
            description = conventional_delivery(title) or title
            return Delivery(
                f"{quoted(commit.subject)} was squash-merged",
                name_from_text(description),
                merge=True,
            )
    for commit in commits:
        feature = conventional_delivery(commit.message)
        if feature:
            return Delivery(
                f"{quoted(commit.subject)} delivered a feature", name_from_text(feature)
            )
    return None


def from_reflog(reflog: str, patterns: Sequence[str]) -> Delivery | None:
    """A fast-forward merge leaves no merge commit; the reflog still names the branch."""
    match = _REFLOG_MERGE.match(reflog)
    if match and branch_matches(match["branch"], patterns):
        branch = match["branch"]
        return Delivery(f"{branch} was merged", name_from_branch(branch), merge=True)
    return None
