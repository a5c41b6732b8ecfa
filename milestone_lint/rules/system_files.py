"""What a milestone (or epic) folder must and may hold: ML102, ML109, ML201, ML202, ML203."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from milestone_lint.convention.links import link_path
from milestone_lint.diagnostics import Finding
from milestone_lint.layout.model import EPIC_SYSTEM_FILES, Milestone
from milestone_lint.layout.names import is_markdown
from milestone_lint.rules.base import LayoutContext, Rule
from milestone_lint.rules.examples import (
    CLEAN_MILESTONE,
    CLEAN_SUMMARY,
    ROOT,
    SUMMARY_PATH,
    Example,
    layout,
    milestone_folder,
)


def _check_unknown_system_file(ctx: LayoutContext) -> Iterator[Finding]:
    known = list(ctx.config.system_files)
    pairs = [(m.unknown_system_files, known) for m in ctx.layout.milestones]
    pairs += [(e.unknown_system_files, list(EPIC_SYSTEM_FILES)) for e in ctx.layout.epics]
    for paths, choices in pairs:
        for path in paths:
            import difflib  # only when there is something to suggest

            name = path.rsplit("/", 1)[-1]
            close = difflib.get_close_matches(name, choices, n=1, cutoff=0.75)
            if close:
                hint = f"did you mean {close[0]}?"
            else:
                hint = (
                    "system files are " + ", ".join(choices) + "; if this is a handoff, number it"
                    " without the 0- prefix"
                )
            yield Finding(path, f"{name} is not a known system file; {hint}")


ML102 = Rule(
    code="ML102",
    name="unknown-system-file",
    summary="A 0- file in a milestone folder is not a known system file.",
    what=(
        "In a milestone folder, the `0-` prefix is reserved for the system files listed in"
        " `system-files` (in an epic folder: `0-epic-summary.md` and"
        " `0-epic-lessons-learned.md`). Any other `0-` file is reported, with the closest"
        " known name when it looks like a typo."
    ),
    why=(
        "Tools and people load `0-` files as the milestone's distilled context. A typo"
        " (`0-milestone-sumary.md`) means the real summary is missing, and a handoff given a"
        " `0-` name drops out of the numbered history."
    ),
    bad=layout(*milestone_folder("1-auth", "1-login.md"), "1-auth/0-notes.md"),
    good=layout(*milestone_folder("1-auth", "1-login.md", "2-notes.md")),
    config_keys=("system-files",),
    check_layout=_check_unknown_system_file,
)


def _linked_targets(ctx: LayoutContext, milestone: Milestone) -> set[str]:
    """Paths (relative to the root) that the folder's markdown files link to."""
    targets: set[str] = set()
    for path in milestone.files:
        if not is_markdown(path):
            continue
        doc = ctx.store.document(path)
        if doc is None:
            continue
        folder = posixpath.dirname(path)
        for link in doc.links:
            target = link_path(link.target)
            if target is not None:
                targets.add(posixpath.normpath(posixpath.join(folder, target)))
    return targets


def _check_unexpected_entry(ctx: LayoutContext) -> Iterator[Finding]:
    for milestone in ctx.layout.milestones:
        for nested in milestone.nested_dirs:
            yield Finding(
                nested,
                f"folder {nested.rsplit('/', 1)[-1]}/ inside a milestone folder; milestones hold"
                " only handoffs and their system files, so move its content up or out",
            )
        if not milestone.other_files:
            continue
        linked = _linked_targets(ctx, milestone)
        for path in milestone.other_files:
            if path in linked:
                continue
            yield Finding(
                path,
                f"{path.rsplit('/', 1)[-1]} is neither a handoff nor linked from this milestone's"
                " markdown; link it where it is used, or move it out",
            )
    for epic in ctx.layout.epics:
        for stray in epic.stray:
            if not stray.is_dir:
                yield Finding(
                    stray.path,
                    f"{stray.path.rsplit('/', 1)[-1]} sits directly in an epic folder; epics hold"
                    " milestone folders and their 0- files, so move it into a milestone",
                )


_LINKED = CLEAN_SUMMARY.replace("on Linux", "on Linux, as drawn in ![the flow](auth-flow.png)")
_PNG = b"\x89PNG\r\n\x1a\n"

ML109 = Rule(
    code="ML109",
    name="unexpected-entry",
    summary="A milestone folder holds a nested folder or an unreferenced non-markdown file.",
    what=(
        "Inside a milestone folder, reports any nested folder and any non-markdown file that"
        " none of the folder's markdown files links to (inline link, image, reference"
        " definition or HTML `src`/`href`). A linked diagram is fine. Entries starting with `.`"
        " are ignored."
    ),
    why=(
        "A milestone folder is read as a unit by the next session. Stray exports, logs and"
        " scratch folders cost attention and tokens and hide what matters; a file someone links"
        " to has earned its place."
    ),
    bad=layout(*milestone_folder("1-auth", "1-login.md"), "1-auth/debug.log", "1-auth/old/"),
    good=Example(
        {**CLEAN_MILESTONE, SUMMARY_PATH: _LINKED, f"{ROOT}/1-auth/auth-flow.png": _PNG},
        shown=(SUMMARY_PATH,),
    ),
    check_layout=_check_unexpected_entry,
)


def _check_missing(ctx: LayoutContext, lessons: bool) -> Iterator[Finding]:
    required = ctx.config.lessons_file if lessons else ctx.config.summary_file
    for milestone in ctx.layout.milestones:
        if required not in milestone.system_files:
            yield Finding(
                milestone.path,
                f"milestone {milestone.path}/ has no {required}; create it"
                + (
                    " with the lessons (Problem/Solution) distilled from its handoffs"
                    if lessons
                    else " with the completion date, changes, decisions and discoveries"
                ),
            )
    epic_file = EPIC_SYSTEM_FILES[1 if lessons else 0]
    for epic in ctx.layout.epics:
        if epic_file not in epic.system_files:
            yield Finding(epic.path, f"epic {epic.path}/ has no {epic_file}; create it")


def _check_missing_summary(ctx: LayoutContext) -> Iterator[Finding]:
    return _check_missing(ctx, lessons=False)


def _check_missing_lessons(ctx: LayoutContext) -> Iterator[Finding]:
    return _check_missing(ctx, lessons=True)


ML201 = Rule(
    code="ML201",
    name="missing-summary",
    summary="A milestone folder lacks 0-milestone-summary.md.",
    what=(
        "Every milestone folder must hold the summary file named in `system-files`"
        " (`0-milestone-summary.md` by default); every epic folder `0-epic-summary.md`."
    ),
    why=(
        "The summary is what a fresh session reads instead of every handoff: without it the"
        " milestone's knowledge is only in long notes, or lost."
    ),
    bad=layout("1-auth/0-lessons-learned.md", "1-auth/1-login.md"),
    good=layout(*milestone_folder("1-auth", "1-login.md")),
    config_keys=("system-files",),
    fixable=True,
    check_layout=_check_missing_summary,
)

ML202 = Rule(
    code="ML202",
    name="missing-lessons",
    summary="A milestone folder lacks 0-lessons-learned.md.",
    what=(
        "Every milestone folder must hold the lessons file named in `system-files`"
        " (`0-lessons-learned.md` by default); every epic folder `0-epic-lessons-learned.md`."
    ),
    why=(
        "Lessons (a problem paired with its solution) are what keeps the next session from"
        " repeating a mistake; a milestone without them distilled only half of its handoffs."
    ),
    bad=layout("1-auth/0-milestone-summary.md", "1-auth/1-login.md"),
    good=layout(*milestone_folder("1-auth", "1-login.md")),
    config_keys=("system-files",),
    fixable=True,
    check_layout=_check_missing_lessons,
)


def _check_empty_milestone(ctx: LayoutContext) -> Iterator[Finding]:
    for milestone in ctx.layout.milestones:
        if not milestone.handoffs:
            yield Finding(
                milestone.path,
                f"milestone {milestone.path}/ holds no handoffs; move the handoffs it distills"
                " into it",
            )
    for epic in ctx.layout.epics:
        if not epic.milestones:
            yield Finding(
                epic.path, f"epic {epic.path}/ holds no milestone folders; move them into it"
            )


ML203 = Rule(
    code="ML203",
    name="empty-milestone",
    summary="A milestone folder holds no handoffs (nothing was distilled into it).",
    what=(
        "Reports a milestone folder with no handoff in it (only system files, or nothing), and"
        " an epic folder with no milestone folder in it."
    ),
    why=(
        "A milestone records which handoffs it distilled by holding them. Left in the root,"
        " those handoffs keep counting as pending, and nobody can trace a summary back to its"
        " sources."
    ),
    bad=layout(*milestone_folder("1-auth"), "1-login.md"),
    good=layout(*milestone_folder("1-auth", "1-login.md")),
    check_layout=_check_empty_milestone,
)

RULES = (ML102, ML109, ML201, ML202, ML203)
