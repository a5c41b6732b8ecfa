"""Numbering of handoffs, milestones and epics: ML103–ML106 (analysis in layout.numbering)."""

from __future__ import annotations

from collections.abc import Iterator

from milestone_lint.diagnostics import Finding
from milestone_lint.rules.base import LayoutContext, Rule
from milestone_lint.rules.examples import layout, milestone_folder


def _padding(ctx: LayoutContext) -> Iterator[Finding]:
    yield from ctx.numbering.padding


def _duplicates(ctx: LayoutContext) -> Iterator[Finding]:
    yield from ctx.numbering.duplicates


def _gaps(ctx: LayoutContext) -> Iterator[Finding]:
    yield from ctx.numbering.gaps


def _order(ctx: LayoutContext) -> Iterator[Finding]:
    yield from ctx.numbering.order


ML103 = Rule(
    code="ML103",
    name="number-padding",
    summary="A root mixes zero-padded and unpadded numbers, or a number has the wrong width.",
    what=(
        "Within a root, handoff numbers must be written all unpadded (`7-`) or all padded to"
        " one width (`007-`); milestone folder numbers likewise, on their own. With"
        " `number-width = N`, every handoff number must have N digits. The minority style is"
        " reported."
    ),
    why=(
        "Mixed widths sort wrongly in every file listing (`10-` before `2-`, `001-` apart from"
        " `1-`), so the newest handoff is no longer the last one shown."
    ),
    bad=layout("001-project-state.md", "002-api.md", "3-auth.md"),
    good=layout("001-project-state.md", "002-api.md", "003-auth.md"),
    config_keys=("number-width",),
    fixable=True,
    check_layout=_padding,
)

ML104 = Rule(
    code="ML104",
    name="duplicate-number",
    summary="Two handoffs, or two milestone folders, share a number.",
    what=(
        "Reports a handoff whose number another handoff already uses (within its folder under"
        " per-directory numbering, within the whole root under global numbering), and a"
        " milestone or epic folder whose number another one uses. The first in name order is"
        " kept; the others are reported."
    ),
    why=(
        "A number names one session. Two branches that each add `7-…md` merge without a"
        " conflict, and from then on 'handoff 7' means two things."
    ),
    bad=layout("1-chat-transcript.md", "1-workflow-testing.md"),
    good=layout("1-chat-transcript.md", "2-workflow-testing.md"),
    config_keys=("numbering",),
    fixable=True,
    check_layout=_duplicates,
)

ML105 = Rule(
    code="ML105",
    name="numbering-gap",
    summary="A sequence skips numbers.",
    what=(
        "Handoffs (per folder or over the whole root, as the numbering style says), milestone"
        " folders and epic folders are numbered 1, 2, 3… without gaps. The first entry after a"
        " gap is reported."
    ),
    why=(
        "A gap usually means a handoff was lost (deleted, never committed, or left on a branch)."
        " If it was intentional, renumbering keeps the next reader from searching for it."
    ),
    bad=layout("1-setup.md", "2-implementation.md", "5-app-structure.md"),
    good=layout("1-setup.md", "2-implementation.md", "3-app-structure.md"),
    config_keys=("numbering",),
    fixable=True,
    check_layout=_gaps,
)

_GLOBAL = (
    *milestone_folder("1-core", "1-setup.md", "2-api.md"),
    *milestone_folder("2-auth", "3-login.md", "4-tokens.md"),
)

ML106 = Rule(
    code="ML106",
    name="numbering-order",
    summary="Numbering breaks the root's style (global versus per-directory).",
    what=(
        'Under `numbering = "global"`, handoffs form one sequence in milestone order: a folder'
        " whose handoffs start at or below a number already used in an earlier milestone is"
        ' reported (pending handoffs come after all archived ones). Under `"auto"` (the'
        " default), the style each root uses is decided from the tree (each step from one"
        " folder to the next either continues the sequence or restarts at 1; the majority"
        " wins), and a folder that follows the other style is reported. Reported folders are"
        " left out of ML104/ML105 so one mistake is one diagnostic."
    ),
    why=(
        "Readers find a handoff by its number. If one folder restarts at 1 while the others"
        " continue, 'handoff 3' becomes ambiguous and the history can no longer be read in order."
    ),
    bad=layout(*_GLOBAL, "1-refactor.md"),  # restarts at 1
    good=layout(*_GLOBAL, "5-refactor.md"),
    config_keys=("numbering",),
    check_layout=_order,
)

RULES = (ML103, ML104, ML105, ML106)
