"""The convention's section names and the headings that count as each, read alike by the
rules (ML204, ML207), the drafter and the configuration's validator."""

from __future__ import annotations

# The milestone summary's sections, as its template writes them; their order is the
# template's, and the default of `summary.required-sections`.
DATE_COMPLETED = "Date completed"
CHANGES = "Changes"
DECISIONS = "Decisions"
DISCOVERIES = "Discoveries"
CURRENT_STATE = "Current system state"
SUMMARY_SECTIONS = (DATE_COMPLETED, CHANGES, DECISIONS, DISCOVERIES, CURRENT_STATE)

# The summary section each kind of drafted bullet fills (the template's field names).
SECTION_OF_KIND = {
    "changes": CHANGES,
    "decisions": DECISIONS,
    "discoveries": DISCOVERIES,
    "state": CURRENT_STATE,
}

# The sections `new handoff` writes when `handoff.required-sections` is empty: the Handoff
# System's template.
HANDOFF_TEMPLATE_SECTIONS = (
    "Summary",
    "Priority Development Requirements (PDR)",
    "Discoveries",
    "Problems & Solutions",
    "Work in Progress",
    "Deviations",
    "References",
)


def _names(*headings: str) -> tuple[str, ...]:
    return headings


# Where a handoff's section goes in the milestone, by its heading (normalised: lowercase words,
# numbering and punctuation dropped), gathered from the template and from real handoffs.
# "skip": known sections a summary does not carry (the handoffs move into the milestone).
HANDOFF_SECTIONS: dict[str, tuple[str, ...]] = {
    "changes": _names(
        "summary", "work completed", "completed work", "changes", "changes made",
        "changes implemented", "implemented changes", "key changes", "what changed",
        "what was done", "accomplishments", "completed", "implementation summary",
        "implementation", "implementation details", "artifacts produced", "deliverables",
        "progress", "session summary", "work done", "completed tasks", "executive summary",
        "overview", "key accomplishments", "achievements",
        "key achievements", "technical achievements", "features implemented",
        "completed features", "implemented features", "what was accomplished",
    ),
    "decisions": _names(
        "deviations", "decisions", "key decisions", "deviations and decisions",
        "decisions made", "technical decisions", "key technical decisions", "design decisions",
        "architectural decisions", "architecture decisions", "core architecture decisions",
        "key design decisions", "design choices", "changes from plan", "changes to plan",
    ),
    "discoveries": _names(
        "discoveries", "key discoveries", "discoveries made", "findings", "key findings",
        "insights", "observations", "learnings", "key insights", "technical insights",
        "technical discoveries",
    ),
    "state": _names(
        "work in progress", "in progress", "current state", "current status",
        "current project status", "current project state", "project state",
        "current system state", "system state", "status", "current status and next steps",
    ),
    "lessons": _names(
        "problems solutions", "problems and solutions", "issues and solutions",
        "issues and resolutions", "problems encountered", "issues encountered", "problems",
        "issues", "challenges", "challenges and solutions", "lessons learned", "lessons",
        "bugs fixed", "troubleshooting", "technical challenges", "challenges encountered",
        "issues fixed", "problems fixed", "key lessons",
    ),
    "skip": _names(
        "references", "priority development requirements", "priority development requirements pdr",
        "pdr", "next steps", "open questions", "open issues", "notes", "additional notes",
        "links", "files", "files changed", "related files", "next steps and recommendations",
        "future work", "future development", "recommendations", "todo", "key handoffs",
    ),
}  # fmt: skip

# Items that say there is nothing to say ("- None", "- N/A"), by their normalised words.
EMPTY_ITEMS = frozenset({"", "none", "n a", "na", "nothing", "none yet", "no", "nil", "tbd"})


# The milestone summary's sections and the headings that count as each (ML204, ML207 and the
# drafter read this; `summary.synonyms` in the configuration adds to it).
SUMMARY_SYNONYMS: dict[str, tuple[str, ...]] = {
    DATE_COMPLETED.lower(): (
        "date completed",
        "date",
        "completion date",
        "completed",
        "completed on",
    ),
    CHANGES.lower(): (
        "changes",
        "changes implemented",
        "changes made",
        "implemented changes",
        "key changes",
        "what changed",
    ),
    DECISIONS.lower(): (
        "decisions",
        "key decisions",
        "decisions made",
        "design decisions",
        "technical decisions",
        "architectural decisions",
    ),
    DISCOVERIES.lower(): ("discoveries", "key discoveries", "discoveries made", "findings"),
    CURRENT_STATE.lower(): (
        "current system state",
        "current state",
        "system state",
        "current status",
        "state of the system",
        "current project state",
        "project state",
    ),
}

# The columns of a task board kept as numbered folders in a root (`1-pending/`,
# `2-in_progress/`, `3-done/`): work states, not milestones, whose whole name (lowercase, `_`
# and spaces read as `-`) is one of these. A milestone is named for what it delivered; none is
# named "done". "wip" is left to `generic-names` (ML108), where users already configure it.
WORK_STATES = frozenset(
    {
        "pending", "todo", "to-do", "backlog", "icebox", "ready", "next", "up-next",
        "doing", "active", "in-progress", "inprogress", "ongoing", "current",
        "review", "in-review", "blocked", "on-hold", "waiting",
        "done", "complete", "completed", "finished", "closed",
        "archive", "archived", "cancelled", "canceled",
    }
)  # fmt: skip


def is_work_state(slug: str) -> bool:
    """Whether a folder's slug (``in_progress``, ``In Progress``, ``done``) names a work state."""
    return "-".join(slug.lower().replace("_", " ").split()) in WORK_STATES


# Words in the name of a root's own 0- file that say it documents the system (`0-README.md`,
# `0-instructions.md`, `0-handoff-template.md`): such a file stays a system entry whatever its
# headings (a template carries a handoff's sections).
SYSTEM_NOTE_WORDS = frozenset(
    {
        "readme", "index", "instructions", "instruction", "guide", "template", "templates",
        "overview", "system", "prompt", "prompts", "rules", "conventions", "convention",
        "about", "howto", "workflow", "process", "contributing", "changelog", "license",
    }
)  # fmt: skip
