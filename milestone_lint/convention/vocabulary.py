"""The convention's section names and the headings that count as each, read alike by the
rules (ML204, ML207), the drafter and the configuration's validator."""

from __future__ import annotations


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
        "progress", "session summary", "work done", "completed tasks",
    ),
    "decisions": _names(
        "deviations", "decisions", "key decisions", "deviations and decisions",
        "decisions made", "technical decisions", "key technical decisions", "design decisions",
        "architectural decisions", "architecture decisions",
    ),
    "discoveries": _names(
        "discoveries", "key discoveries", "discoveries made", "findings", "key findings",
        "insights", "observations", "learnings",
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
        "bugs fixed", "troubleshooting",
    ),
    "skip": _names(
        "references", "priority development requirements", "priority development requirements pdr",
        "pdr", "next steps", "open questions", "open issues", "notes", "additional notes",
        "links", "files", "files changed", "related files",
    ),
}  # fmt: skip

# Items that say there is nothing to say ("- None", "- N/A"), by their normalised words.
EMPTY_ITEMS = frozenset({"", "none", "n a", "na", "nothing", "none yet", "no", "nil", "tbd"})


# The milestone summary's sections and the headings that count as each (ML204, ML207 and the
# drafter read this; `summary.synonyms` in the configuration adds to it).
SUMMARY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date completed": ("date completed", "date", "completion date", "completed", "completed on"),
    "changes": (
        "changes",
        "changes implemented",
        "changes made",
        "implemented changes",
        "key changes",
        "what changed",
    ),
    "decisions": (
        "decisions",
        "key decisions",
        "decisions made",
        "design decisions",
        "technical decisions",
        "architectural decisions",
    ),
    "discoveries": ("discoveries", "key discoveries", "discoveries made", "findings"),
    "current system state": (
        "current system state",
        "current state",
        "system state",
        "current status",
        "state of the system",
        "current project state",
        "project state",
    ),
}
