"""Drafting a milestone's summary and lessons from the handoffs it distils.

Each handoff section lands where the milestone template wants it: Summary / Work completed
under Changes, Deviations and decisions under Decisions, Discoveries under Discoveries, Work in
Progress under Current system state, and each Problem/Solution pair as a lesson. Repeated
bullets are merged; where the handoffs said nothing, a clearly marked TODO stands in (and
``milestone-lint check`` reports it, so it is not forgotten).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from milestone_lint.markdown.model import Document, ListItem, Paragraph
from milestone_lint.rules.content.headings import normalize

SECTION_MAP = {
    "changes": ("summary", "work completed", "completed work", "changes", "changes made",
                "changes implemented", "what was done", "accomplishments", "completed"),
    "decisions": ("deviations", "decisions", "key decisions", "deviations and decisions",
                  "decisions made"),
    "discoveries": ("discoveries", "key discoveries", "findings"),
    "state": ("work in progress", "in progress", "current state", "current status",
              "current project status", "current system state", "status"),
    "problems": ("problems solutions", "problems and solutions", "issues and solutions",
                 "problems", "issues"),
}  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`*\[])")
_MARKER = re.compile(
    r"(?:\*\*|__)?\s*(?P<kind>problem|issue|solution|fix)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*",
    re.IGNORECASE,
)
_PLACEHOLDER = {
    "changes": "- TODO: the handoffs recorded no completed work; list what changed",
    "decisions": "- TODO: the handoffs recorded no decisions; add them with their reasons",
    "discoveries": "- TODO: the handoffs recorded no discoveries; add them or drop the section",
    "state": "- TODO: the handoffs recorded no work in progress; say what works now",
}


@dataclass
class Lesson:
    title: str
    problem: str
    solution: str


@dataclass
class Draft:
    bullets: dict[str, list[str]] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)
    placeholders: int = 0


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _section_kind(title: str) -> str | None:
    name = normalize(title)
    for kind, names in SECTION_MAP.items():
        if name in names:
            return kind
    return None


def _texts(blocks: list[ListItem | Paragraph]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, ListItem):
            if block.depth == 0 and block.raw.strip():
                out.append(_one_line(block.raw))
        else:
            out.extend(s for s in _SENTENCE.split(_one_line(block.raw)) if s)
    return out


def _lessons(texts: list[str]) -> list[Lesson]:
    """Problem/Solution pairs, in order; a Problem without a Solution gets a TODO."""
    found: list[Lesson] = []
    problem: str | None = None
    for text in texts:
        for part in re.split(
            r"(?=(?:\*\*|__)?\s*(?:problem|issue|solution|fix)\s*(?:\*\*|__)?\s*:)",
            text,
            flags=re.IGNORECASE,
        ):
            match = _MARKER.match(part)
            if not match:
                continue
            body = part[match.end() :].strip(" *_-")
            if match["kind"].lower() in ("problem", "issue"):
                if problem is not None:
                    found.append(_lesson(problem, ""))
                problem = body
            elif problem is not None:
                found.append(_lesson(problem, body))
                problem = None
    if problem is not None:
        found.append(_lesson(problem, ""))
    return found


def _lesson(problem: str, solution: str) -> Lesson:
    words = re.sub(r"[`*_]", "", problem).split()[:6]
    title = " ".join(words).rstrip(".,:;") or "Lesson"
    return Lesson(title[:1].upper() + title[1:], problem or "TODO: state the problem", solution)


def draft(documents: list[Document]) -> Draft:
    result = Draft({kind: [] for kind in _PLACEHOLDER})
    seen: set[str] = set()
    lesson_keys: set[str] = set()
    for doc in documents:
        for section in doc.sections:
            if section.level < 2:
                continue
            kind = _section_kind(section.title)
            if kind is None:
                continue
            blocks = [b for b in section.body_blocks if isinstance(b, (ListItem, Paragraph))]
            texts = _texts(blocks)
            if kind == "problems":
                for lesson in _lessons(texts):
                    key = _key(lesson.problem)
                    if key not in lesson_keys:
                        lesson_keys.add(key)
                        result.lessons.append(lesson)
                continue
            for text in texts:
                key = _key(text)
                if key and key not in seen:
                    seen.add(key)
                    result.bullets[kind].append(text)
    return result


def summary_fields(result: Draft) -> dict[str, str]:
    fields: dict[str, str] = {}
    for kind, placeholder in _PLACEHOLDER.items():
        bullets = result.bullets.get(kind, [])
        if bullets:
            fields[kind] = "\n".join(f"- {b}" for b in bullets)
        else:
            fields[kind] = placeholder
            result.placeholders += 1
    return fields


def lessons_text(result: Draft) -> str:
    if not result.lessons:
        result.placeholders += 1
        return (
            "## TODO: lessons\n\n**Problem:** TODO: the handoffs recorded no problem and"
            " solution.\n\n**Solution:** TODO: add what was learned, as Problem/Solution pairs.\n"
        )
    parts = []
    for lesson in result.lessons:
        solution = lesson.solution
        if not solution:
            solution = "TODO: the handoffs give no solution; add what fixed it"
            result.placeholders += 1
        parts.append(
            f"## {lesson.title}\n\n**Problem:** {lesson.problem}\n\n**Solution:** {solution}\n"
        )
    return "\n".join(parts)
