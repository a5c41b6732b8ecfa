"""What a branch did, across every root: ML402, the PR gate (only with ``--since REF``)."""

from __future__ import annotations

from collections.abc import Iterator

from milestone_lint.diagnostics import Finding
from milestone_lint.globs import glob_match_any
from milestone_lint.rules.base import BranchContext, Rule
from milestone_lint.rules.examples import CLEAN_MILESTONE, HANDOFF_TITLE, PENDING_PATH, Example

# Files named in the message: enough to see what the branch is about, one line still.
NAMED = 3


def _in_a_root(path: str, roots: tuple[str, ...]) -> bool:
    return any(not root or path == root or path.startswith(root + "/") for root in roots)


def _needs_handoff(ctx: BranchContext, path: str) -> bool:
    """Whether a changed path matches ``handoff.require-for`` (globs from the config's folder);
    files in a root, and files outside the config's folder, never do."""
    if _in_a_root(path, ctx.roots):
        return False
    prefix = ctx.config_prefix
    if prefix and not path.startswith(prefix + "/"):
        return False
    rel = path[len(prefix) + 1 :] if prefix else path
    return glob_match_any(ctx.config.handoff_require_for, rel)


def _check_handoff_written(ctx: BranchContext) -> Iterator[Finding]:
    if not ctx.roots or any(p in ctx.content_files for p in ctx.written):
        return
    needing = [p for p in ctx.changed if _needs_handoff(ctx, p)]
    if not needing:
        return
    named = ", ".join(needing[:NAMED]) + (", …" if len(needing) > NAMED else "")
    where = ", ".join(f"{root or '.'}/" for root in ctx.roots)
    files = "file" if len(needing) == 1 else "files"
    # Reported at the first file that needs it: in a pull request the annotation lands in
    # the diff, on a file the branch changed.
    yield Finding(
        needing[0],
        f"this branch changes {len(needing)} {files} matching handoff.require-for ({named}) and"
        f" adds or changes no handoff in {where}; write one with"
        " `milestone-lint new handoff TITLE`",
    )


_APP = "src/app.py"
_APP_BEFORE = "def login():\n    return None\n"
_APP_AFTER = "def login():\n    return device_flow()\n"

ML402 = Rule(
    code="ML402",
    name="handoff-required",
    summary="(with --since REF) A branch changes code but writes no handoff.",
    what=(
        "With `--since REF` (a pull request's base), takes the files the branch changed since"
        " it left REF (from the merge base, as `--since` does: what REF changed meanwhile does"
        " not count; committed, staged, unstaged or untracked) and reports the branch when"
        ' some of them match `handoff.require-for` (default `["**"]`: every file) and none'
        " is a handoff, or a milestone's summary or lessons, added or changed in any root."
        " Files in the roots never need a handoff themselves. Off by default; without"
        " `--since` it is silent. In CI: `milestone-lint check --since origin/main"
        " --extend-select ML402`."
    ),
    why=(
        "The convention's first rule is to write a handoff at the end of each work session;"
        " the pull request that forgot its note is the common failure of every fragment"
        " workflow (towncrier users add `towncrier check` to CI for it). Checked at review"
        " time, the note is written while the work is still fresh."
    ),
    bad=Example({_APP: _APP_AFTER}, committed={**CLEAN_MILESTONE, _APP: _APP_BEFORE}, since=True),
    good=Example(
        {
            _APP: _APP_AFTER,
            PENDING_PATH: HANDOFF_TITLE + "## Summary\n- Login runs the OAuth device flow\n",
        },
        committed={**CLEAN_MILESTONE, _APP: _APP_BEFORE},
        since=True,
    ),
    config_keys=("handoff.require-for",),
    default_enabled=False,
    check_branch=_check_handoff_written,
)

RULES = (ML402,)
