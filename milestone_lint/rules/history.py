"""What a commit does to history: ML401 (only where the source knows HEAD, i.e. --staged)."""

from __future__ import annotations

from collections.abc import Iterator

from milestone_lint.diagnostics import Finding
from milestone_lint.rules.base import LayoutContext, Rule
from milestone_lint.rules.examples import (
    ARCHIVED_PATH,
    CLEAN_HANDOFF,
    CLEAN_MILESTONE,
    HANDOFF_TITLE,
    PENDING_PATH,
    Example,
)


def _check_archived_edit(ctx: LayoutContext) -> Iterator[Finding]:
    changes = ctx.store.source.changes()
    if changes is None:
        return
    for milestone in ctx.layout.milestones:
        for handoff in milestone.handoffs:
            if ctx.store.full(handoff.path) in changes.modified:
                yield Finding(
                    handoff.path,
                    f"{handoff.filename} is archived in {milestone.path}/ and this commit changes"
                    " it; record new facts in a new handoff (or the milestone's 0- files)",
                )


ML401 = Rule(
    code="ML401",
    name="archived-handoff-edited",
    summary="(staged mode) A commit changes the content of a handoff already archived.",
    what=(
        "With `--staged` (as in the pre-commit hook), compares each handoff inside a milestone"
        " folder with HEAD and reports it when the commit changes its content. Moving a"
        " handoff into a milestone folder is not an edit: only a file already at that path in"
        " HEAD is compared. Without `--staged` there is no commit to judge and the rule is"
        " silent."
    ),
    why=(
        "Archived handoffs are the record the milestone summary was distilled from. Editing"
        " one silently makes the summary and its sources disagree; new facts belong in a new"
        " handoff."
    ),
    bad=Example(
        {ARCHIVED_PATH: CLEAN_HANDOFF + "- Fixed a typo in the device code prompt\n"},
        committed=CLEAN_MILESTONE,
    ),
    good=Example(
        {PENDING_PATH: HANDOFF_TITLE + "## Summary\n- Fixed a typo in the device code prompt\n"},
        committed=CLEAN_MILESTONE,
    ),
    check_layout=_check_archived_edit,
)

RULES = (ML401,)
