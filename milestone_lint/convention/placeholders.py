"""The words of the convention's template slots, and the TODOs a written file leaves to fill.

``PLACEHOLDER_WORDS`` are the words the Handoff System's templates put between brackets for
the author to replace (``[DATE]``, ``[TOPIC]``, ``[Project/Feature]``, ``[Issue
description]``, ``[Progress %]``…), gathered from the templates of the trees in
``shared/corpus/realworld``. A capitalised bracket made only of these words (and numbers) is a
slot left in place, wherever it stands; any other bracket is text someone wrote.
"""

from __future__ import annotations

PLACEHOLDER_WORDS = frozenset(
    (
        "date",
        "time",
        "topic",
        "specific",
        "title",
        "name",
        "feature",
        "component",
        "project",
        "module",
        "area",
        "phase",
        "new",
        "description",
        "details",
        "detail",
        "summary",
        "notes",
        "note",
        "status",
        "progress",
        "rationale",
        "reason",
        "reasons",
        "decision",
        "decisions",
        "change",
        "changes",
        "major",
        "minor",
        "discovery",
        "discoveries",
        "finding",
        "findings",
        "unexpected",
        "problem",
        "problems",
        "issue",
        "issues",
        "solution",
        "solutions",
        "applied",
        "step",
        "steps",
        "task",
        "tasks",
        "result",
        "results",
        "lesson",
        "lessons",
        "tool",
        "tools",
        "library",
        "libraries",
        "pattern",
        "patterns",
        "theme",
        "themes",
        "approach",
        "handling",
        "testing",
        "usage",
        "value",
        "impact",
        "category",
        "categories",
        "edge",
        "case",
        "cases",
        "item",
        "items",
        "milestone",
        "handoff",
        "link",
        "url",
        "path",
        "file",
        "files",
        "version",
        "owner",
        "priority",
        "requirement",
        "requirements",
        "work",
        "remaining",
        "next",
        "action",
        "actions",
        "question",
        "questions",
    )
)

# What a milestone's files say where nothing filled a section, in one wording for the drafter
# (`new milestone`: the handoffs said nothing of it) and for `check --fix` (a missing file
# created, nothing distilled yet): ML306 reports each until someone writes the section.
SECTION_TODOS = {
    "changes": "- TODO: list what changed",
    "decisions": "- TODO: add the decisions, each with its reason",
    "discoveries": "- TODO: add the discoveries, or drop the section",
    "state": "- TODO: say what works now and what is in progress",
}
LESSON_TODO = ("TODO: lessons", "TODO: a problem met in this milestone.", "TODO: what solved it.")
# The drafter's, where a handoff gives one half of a lesson only.
PROBLEM_TODO = "TODO: state the problem"
SOLUTION_TODO = "TODO: the handoffs give no solution; add what fixed it"
# `check --fix`'s, when no handoff of the milestone says when it was completed.
DATE_TODO = "TODO: YYYY-MM-DD"
