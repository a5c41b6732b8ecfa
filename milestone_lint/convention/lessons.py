"""A lesson's two halves, Problem and Solution: the words that mark them, as the lessons file
writes them and as handoffs write them, and the layout of one lesson."""

from __future__ import annotations

import re

PROBLEM_WORDS = ("problem", "issue")
SOLUTION_WORDS = ("solution", "fix")
_KIND = "|".join((*PROBLEM_WORDS, *SOLUTION_WORDS))
# Handoffs also mark a solution "Resolution:" or "Workaround:"; the drafter reads them as
# Solution (the lessons file it writes says **Solution:**, which ML208/ML209 hold it to).
HANDOFF_SOLUTION_WORDS = (*SOLUTION_WORDS, "resolution", "resolved", "workaround")
_LOOSE_KIND = "|".join((*PROBLEM_WORDS, *HANDOFF_SOLUTION_WORDS))

# The convention's marker, in bold: **Problem:** and **Problem**: (the colon inside or outside
# the bold), also with __. The rules hold lessons files to it (ML208, ML209, ML210).
MARKER = re.compile(
    rf"(?P<open>\*\*|__)\s*(?P<kind>{_KIND})\s*(?::\s*(?P=open)|(?P=open)\s*:)",
    re.IGNORECASE,
)

# Handoffs are written freely, so the drafter also reads the marker without bold
# ("Problem: …"). Patterns, not compiled here: compiling costs 0.36 ms at an import every
# commit pays, and only the drafter needs them. Whitespace inside is bounded ({0,4}, not *):
# an unbounded run between two optional parts is tried every way at every position (a
# 40,000-space string took 36 s to split); nobody writes five spaces between "**" and
# "Problem".
LOOSE_MARKER = (
    rf"(?:\*\*|__)?\s{{0,4}}\b(?P<kind>{_LOOSE_KIND})\s{{0,4}}(?:\*\*|__)?\s{{0,4}}:"
    r"\s{0,4}(?:\*\*|__)?\s*"
)
BEFORE_LOOSE_MARKER = (
    rf"(?=(?:\*\*|__)?\s{{0,4}}\b(?:{_LOOSE_KIND})\s{{0,4}}(?:\*\*|__)?\s{{0,4}}:)"
)

# The column headers of a problem/solution table in a handoff.
PROBLEM_COLUMNS = ("problem", "issue", "bug")
SOLUTION_COLUMNS = ("solution", "fix", "resolution", "fixed by")


def is_problem(kind: str) -> bool:
    """Whether a marker's word (``MARKER``'s ``kind``) opens the Problem half."""
    return kind.lower() in PROBLEM_WORDS


def lesson_text(title: str, problem: str, solution: str) -> str:
    """One lesson as the lessons file lays it out: a heading, then the two bold halves."""
    return f"## {title}\n\n**Problem:** {problem}\n\n**Solution:** {solution}\n"
