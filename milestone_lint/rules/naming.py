"""Names of handoffs and milestone folders: ML101, ML107, ML108."""

from __future__ import annotations

import re
from collections.abc import Iterator

from milestone_lint.convention.headings import reads_like_handoff
from milestone_lint.convention.vocabulary import SYSTEM_NOTE_WORDS
from milestone_lint.diagnostics import Finding
from milestone_lint.layout.model import Epic, Handoff, Milestone
from milestone_lint.layout.names import markdown_stem, parse_name, suggest_slug
from milestone_lint.layout.numbering import GLOBAL
from milestone_lint.rules.base import LayoutContext, Rule
from milestone_lint.rules.examples import layout, milestone_folder


def _better_handoff_name(handoff: Handoff) -> str | None:
    name = handoff.name
    slug = suggest_slug(name.slug)
    if name.digits is None or not slug:
        return None
    return f"{name.digits}-{slug}.md"


def _check_handoff_name(ctx: LayoutContext) -> Iterator[Finding]:
    for handoff in ctx.layout.handoffs:
        if (handoff.name.well_formed and handoff.filename.endswith(".md")) or handoff.transcript:
            continue
        better = _better_handoff_name(handoff)
        if better and better != handoff.filename:
            hint = f"rename it to {better}"
        elif handoff.name.digits is None and handoff.folder.path == "":
            hint = (
                "number it (<N>-<slug>.md) if it is a handoff, or give it a 0- prefix or move it"
                " into a 0- folder if it documents the system"
            )
        else:
            hint = "name it <N>-<slug>.md: a number, a hyphen, lowercase words joined by hyphens"
        yield Finding(handoff.path, f"handoff name is not <N>-<slug>.md; {hint}")
    yield from _check_system_notes(ctx)


def _check_system_notes(ctx: LayoutContext) -> Iterator[Finding]:
    """A root's own 0- file that reads like a handoff (``0-first-session.md`` with a Summary,
    Discoveries and Next steps) is a handoff out of the sequence, never judged: say what to
    rename it to. One whose name says it documents the system stays silent."""
    layout = ctx.layout
    for name in layout.system_notes:
        slug = suggest_slug(parse_name(markdown_stem(name)).slug)
        if not slug or SYSTEM_NOTE_WORDS.intersection(slug.split("-")):
            continue
        doc = ctx.store.document(name)
        if doc is None:
            continue
        # A level-1 first heading is the title ("# Notes"), not one of the sections.
        title = 1 if doc.headings and doc.headings[0].level == 1 else 0
        if not reads_like_handoff([h.text for h in doc.headings[title:]]):
            continue
        number = layout.next_handoff_number(ctx.numbering.style == GLOBAL)
        digits = str(number).zfill(layout.handoff_width(ctx.config.number_width))
        yield Finding(
            name,
            f"{name} reads like a handoff, but 0- files are system files, never judged; rename"
            f" it to {digits}-{slug}.md",
        )


ML101 = Rule(
    code="ML101",
    name="handoff-name",
    summary="A markdown file in a root or milestone folder is not named <N>-<slug>.md.",
    what=(
        "Checks that every markdown file in a root or a milestone folder, other than 0- system"
        " files and a root README.md, is named `<N>-<slug>.md`: a number, one hyphen, and a slug"
        " of lowercase letters and digits in words joined by single hyphens. A root's own `0-`"
        " file that reads like a handoff (three of a handoff's sections: Summary, Discoveries,"
        " Next steps…) is reported too, with the name to give it, unless its name says it"
        " documents the system (`0-README.md`, `0-instructions.md`, `0-handoff-template.md`)."
    ),
    why=(
        "The number orders the handoffs and tells the next session which note is the newest;"
        " the slug says what it covers at a glance. Tools (and this linter's numbering rules)"
        " rely on the exact form. A file without a number is invisible to the sequence."
    ),
    bad=layout("1_setup.md", "2_Auth Flow.md"),
    good=layout("1-setup.md", "2-auth-flow.md"),
    fixable=True,
    check_layout=_check_handoff_name,
)


# Folders named in one message: a board has a few columns, a hostile tree thousands.
_NAMED = 5


def _state_folders(ctx: LayoutContext) -> Iterator[Finding]:
    """One finding for the root for its task board (``1-pending/``, ``2-in_progress/``), not
    ML201, ML202 and ML203 for each column."""
    states = ctx.layout.state_folders
    if not states:
        return
    named = ", ".join(f"{s}/" for s in states[:_NAMED])
    if len(states) > _NAMED:
        named += f" and {len(states) - _NAMED} more"
    if len(states) > 1:
        what = f"folders {named} are work states (a task board), not milestones: none holds a"
        them = "them"
    else:
        what = f"folder {named} is a work state, not a milestone: it holds no"
        them = "it"
    yield Finding(
        "",
        f"numbered {what} 0- file; add {them} to exclude or move {them} out of the root (a"
        f" milestone named for a state needs its {ctx.config.summary_file})",
    )


def _check_milestone_name(ctx: LayoutContext) -> Iterator[Finding]:
    layout = ctx.layout
    yield from _state_folders(ctx)
    for stray in layout.stray_folders:
        name = stray.path
        if not ctx.config.epics and re.match(r"[Ee][0-9]+-", name):
            yield Finding(
                name,
                f"folder {name}/ looks like an epic but epics are off; set epics = true or"
                " rename it <N>-<slug>",
            )
            continue
        yield Finding(
            name,
            f"folder {name}/ is not a milestone (<N>-<slug>) nor a 0- system folder; number it,"
            " or prefix it with 0- if it holds system files",
        )
    for milestone in layout.milestones:
        if milestone.name.well_formed:
            continue
        base = milestone.path.rsplit("/", 1)[-1]
        slug = suggest_slug(milestone.name.slug)
        generic = set(ctx.config.generic_names)
        if slug and not all(w in generic or w.isdigit() for w in slug.split("-")):
            hint = f"rename it to {milestone.name.digits}-{slug}"
        else:
            # Its words name nothing (ML108 would say so of the rename): ask for a real name.
            hint = f"rename it to {milestone.name.digits}-<what-it-delivered>, e.g. a feature"
        yield Finding(
            milestone.path,
            f"milestone folder {base}/ is not <N>-<slug> (lowercase words joined by hyphens);"
            f" {hint}",
        )
    for epic in layout.epics:
        if not epic.name.well_formed:
            yield Finding(
                epic.path,
                f"epic folder {epic.path}/ is not E<N>-<slug>; rename it"
                f" E{epic.name.digits}-{suggest_slug(epic.name.slug) or 'name'}",
            )
        for stray in epic.stray:
            if stray.is_dir:
                yield Finding(
                    stray.path,
                    f"folder {stray.path}/ in an epic is not a milestone (<N>-<slug>); number it"
                    " or move it out",
                )


ML107 = Rule(
    code="ML107",
    name="milestone-name",
    summary="A folder in a root is not <N>-<slug>, a 0- system folder, or an epic E<N>-<slug>.",
    what=(
        "Checks every folder directly in a root. It must be a milestone folder `<N>-<slug>`"
        " (slug: lowercase words joined by single hyphens), a `0-` system folder, or, with"
        " `epics = true`, an epic folder `E<N>-<slug>`. Folders starting with `.` are ignored."
        " Numbered folders named for a work state (`1-pending/`, `2-in_progress/`, `3-done/`)"
        " that hold no `0-` file are a task board, not milestones: one finding for the root"
        " names them, and no milestone rule judges them."
    ),
    why=(
        "Milestones are read in number order to rebuild a project's history. A folder with"
        " spaces, capitals or underscores breaks shell scripts and links, and a folder without"
        " a number is neither history nor system: nobody knows when to read it."
    ),
    bad=layout(*milestone_folder("1-Foundation Systems", "1-models.md"), "notes/"),
    good=layout(*milestone_folder("1-foundation-systems", "1-models.md"), "0-notes/"),
    config_keys=("epics",),
    check_layout=_check_milestone_name,
)


def _check_generic_name(ctx: LayoutContext) -> Iterator[Finding]:
    generic = set(ctx.config.generic_names)
    folders: list[Milestone | Epic] = [*ctx.layout.milestones, *ctx.layout.epics]
    for folder in folders:
        words = [w for w in re.split(r"[^a-z0-9]+", folder.name.slug.lower()) if w]
        if words and all(w in generic or w.isdigit() for w in words):
            yield Finding(
                folder.path,
                f'name "{folder.name.slug}" says nothing about what was achieved; name the'
                f" feature or component it delivered (e.g. {folder.name.digits or 3}-auth-flow)",
            )


ML108 = Rule(
    code="ML108",
    name="generic-milestone-name",
    summary="A milestone or epic name names no achievement (milestone, misc, wip, updates…).",
    what=(
        "Flags a milestone (or epic) folder whose slug is made only of generic words from"
        " `generic-names` (and numbers): `milestone`, `misc`, `wip`, `final-changes`,"
        " `milestone-2`."
    ),
    why=(
        "The folder name is the index of the project's memory: a reader scanning `handoffs/`"
        " decides from it what to open. `3-misc` tells them nothing; `3-auth-flow` does."
    ),
    bad=layout(*milestone_folder("1-misc-updates", "1-refresh.md")),
    good=layout(*milestone_folder("1-session-refresh", "1-refresh.md")),
    config_keys=("generic-names",),
    check_layout=_check_generic_name,
)

RULES = (ML101, ML107, ML108)
