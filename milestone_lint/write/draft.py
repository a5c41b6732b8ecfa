"""Drafting a milestone's summary and lessons from the handoffs it distils.

Each handoff section is placed by the convention's vocabulary (:mod:`..convention`,
the headings real handoffs use): completed work under Changes, decisions and deviations under
Decisions, discoveries under Discoveries, the latest handoff's state under Current system
state, and every problem with its solution as a lesson, whatever its shape
(``**Problem:**``/``**Solution:**`` pairs, a sub-heading per problem, a problem/solution
table, "X: fixed by Y" bullets).

It distils within the summary's limits: exact and near-duplicate bullets are merged (the same
words, or nearly the same text with the same numbers: :mod:`.similar`), each section keeps at
most ``section-bullets`` bullets of at most ``bullet-words`` words, chosen by
:func:`priority`. Nothing is cut
silently: what does not fit, and every section that could not be placed, is listed in
``left_out`` (the command prints it; the handoffs themselves move into the milestone, so
nothing is lost).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from milestone_lint.config.schema import KindLimits
from milestone_lint.convention.headings import heading_matches, normalize, synonyms_for
from milestone_lint.convention.lessons import (
    BEFORE_LOOSE_MARKER,
    LOOSE_MARKER,
    PROBLEM_COLUMNS,
    SOLUTION_COLUMNS,
    is_problem,
    lesson_text,
)
from milestone_lint.convention.placeholders import (
    LESSON_TODO,
    PROBLEM_TODO,
    SECTION_TODOS,
    SOLUTION_TODO,
)
from milestone_lint.convention.vocabulary import EMPTY_ITEMS, HANDOFF_SECTIONS, SECTION_OF_KIND
from milestone_lint.markdown.model import Document, ListItem, Paragraph, Section
from milestone_lint.markdown.words import count_words, is_delimiter_row
from milestone_lint.write import similar

SUMMARY_KINDS = tuple(SECTION_OF_KIND)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`*\[])")
# Whitespace around "fixed by" is bounded ({0,4}, not *), as in the lesson markers (see
# convention.lessons). The texts reach these squeezed to single spaces (_one_line), so this is
# defence for any other caller.
_MARKER = re.compile(LOOSE_MARKER, re.IGNORECASE)
_SPLIT_MARKERS = re.compile(BEFORE_LOOSE_MARKER, re.IGNORECASE)
# "Flaky login test: fixed by pinning the loop", "Timeouts → raised the pool size".
_FIXED_BY = re.compile(
    r"^(?P<problem>.+?)\s{0,4}(?::\s{0,4}|\s{1,4}[-—–]{1,3}\s{1,4}|;\s{0,4}|,\s{0,4})"
    r"(?:fixed|solved|resolved|handled)\s{1,4}by\s{1,4}(?P<solution>.+)$"
    r"|^(?P<problem2>.+?)\s{0,4}(?:→|->|=>)\s{0,4}(?P<solution2>.+)$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r",|;|:| — | – | - |\bbecause\b|\bwhen\b|\bwhile\b|\bafter\b", re.IGNORECASE)
_TRAILING = {"a", "an", "the", "in", "of", "to", "for", "with", "on", "at", "by", "from", "and"}
_TRAILING |= {"or", "into", "after", "before", "when", "was", "were", "is", "are"}


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
    left_out: list[str] = field(default_factory=list)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def section_kind(title: str, synonyms: Mapping[str, tuple[str, ...]] | None = None) -> str | None:
    """Where a handoff section goes: a summary section, "lessons", "skip", or None (unknown).

    The handoffs' own headings (``HANDOFF_SECTIONS``), and every heading the rules accept for
    a summary section, configured synonyms included: one vocabulary for both.
    """
    for kind, names in HANDOFF_SECTIONS.items():
        if kind in SECTION_OF_KIND:
            names = (*names, *synonyms_for(SECTION_OF_KIND[kind], synonyms or {}))
        # The rules' own matching: "and …" and a parenthesised suffix ("Changes (done)") too.
        if heading_matches(title, names):
            return kind
    return None


def _texts(blocks: list[ListItem | Paragraph]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, ListItem):
            if block.depth == 0 and block.raw.strip():
                out.append(_one_line(block.raw))
        elif not _table_rows(block.raw):
            out.extend(s for s in _SENTENCE.split(_one_line(block.raw)) if s)
    return out


def _table_rows(raw: str) -> list[list[str]]:
    """The rows of a pipe table (header first), empty for anything else."""
    lines = [line.strip() for line in raw.strip().splitlines()]
    if len(lines) < 2 or not all("|" in line for line in lines):
        return []
    if not is_delimiter_row(lines[1]):
        return []
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[:1] + lines[2:]]


def title_for(problem: str) -> str:
    """A lesson's title when the handoff gives none: the problem's first clause, at most eight
    words, never ending on a word that leaves it hanging ("… left rows in")."""
    # Emphasis and code marks go; an underscore inside a name stays (phase1_technology.json).
    plain = re.sub(r"`|\*+|(?<!\w)_+|_+(?!\w)", "", problem)
    clause = _CLAUSE.split(plain, maxsplit=1)[0]
    words = clause.split()[:8]
    while len(words) > 1 and words[-1].lower().strip(".,") in _TRAILING:
        words.pop()
    title = " ".join(words).rstrip(".,:;") or "Lesson"
    return title[:1].upper() + title[1:]


def _lesson(problem: str, solution: str, title: str = "") -> Lesson:
    return Lesson(title or title_for(problem), problem or PROBLEM_TODO, solution.strip())


def _marked_lessons(texts: list[str], title: str) -> list[Lesson]:
    """``**Problem:**``/``**Solution:**`` pairs, in order; a lone Problem keeps an empty
    solution (the draft marks it TODO)."""
    found: list[Lesson] = []
    problem: str | None = None
    for text in texts:
        for part in _SPLIT_MARKERS.split(text):
            match = _MARKER.match(part)
            if not match:
                continue
            body = part[match.end() :].strip(" *_-")
            if is_problem(match["kind"]):
                if problem is not None:
                    found.append(_lesson(problem, "", title))
                problem = body
            elif problem is not None:
                found.append(_lesson(problem, body, title))
                problem = None
    if problem is not None:
        found.append(_lesson(problem, "", title))
    return found


def _section_lessons(section: Section, doc: Document) -> list[Lesson]:
    """Every lesson of a problems section: per sub-heading when it has them, else its own."""
    subs = [s for s in doc.sections if s.level > section.level]
    subs = [s for s in subs if section.heading.line < s.heading.line < section.end_line]
    groups: list[tuple[str, list[ListItem | Paragraph]]] = [("", _own(section))]
    groups += [(s.title, _own(s)) for s in subs]
    found: list[Lesson] = []
    for title, blocks in groups:
        texts = _texts(blocks)
        marked = _marked_lessons(texts, title)
        if marked:
            found.extend(marked)
        else:
            for text in texts:
                match = _FIXED_BY.match(text.lstrip("-*+ "))
                if match:
                    problem = match["problem"] or match["problem2"]
                    solution = match["solution"] or match["solution2"]
                    found.append(_lesson(problem.strip(" *_"), solution, title))
                elif title and len(texts) > 0:
                    found.append(_lesson(" ".join(texts[:1]), " ".join(texts[1:]), title))
                    break
                else:
                    found.append(_lesson(text, ""))
        for block in blocks:
            if isinstance(block, Paragraph):
                found.extend(_table_lessons(block.raw))
    return found


def _table_lessons(raw: str) -> list[Lesson]:
    rows = _table_rows(raw)
    if not rows:
        return []
    header = [normalize(cell) for cell in rows[0]]
    problem = next((i for i, h in enumerate(header) if h in PROBLEM_COLUMNS), None)
    solution = next((i for i, h in enumerate(header) if h in SOLUTION_COLUMNS), None)
    if problem is None or solution is None:
        return []
    return [
        _lesson(row[problem], row[solution])
        for row in rows[1:]
        if len(row) > max(problem, solution) and row[problem]
    ]


def _own(section: Section) -> list[ListItem | Paragraph]:
    return [b for b in section.blocks if isinstance(b, (ListItem, Paragraph))]


def priority(text: str, recency: int) -> tuple[int, int]:
    """Which bullets a full section keeps first: facts with numbers, names (code, capitalised
    words inside the sentence) or a reason score higher; among equals, the newest handoff's."""
    score = 0
    score += bool(re.search(r"\d", text))
    score += bool(re.search(r"`[^`]+`|(?<=\w )[A-Z][a-zA-Z]+", text))
    score += bool(re.search(r":|\bbecause\b|\bso that\b|\bto avoid\b| — ", text))
    return (score, recency)


def draft(
    documents: list[Document],
    names: list[str],
    limits: KindLimits,
    lesson_limits: KindLimits | None = None,
    synonyms: Mapping[str, tuple[str, ...]] | None = None,
) -> Draft:
    """Distil ``documents`` (the handoffs, oldest first; ``names`` their file names) within
    the summary's ``limits`` and the lessons file's ``lesson_limits``. Text is copied as the
    documents hold it: their links must already be right from the milestone's folder."""
    result = Draft({kind: [] for kind in SUMMARY_KINDS})
    candidates: dict[str, list[tuple[str, int]]] = {kind: [] for kind in SUMMARY_KINDS}
    latest_state: list[tuple[str, int]] = []
    lesson_keys = similar.Kept()
    for recency, (doc, name) in enumerate(zip(documents, names, strict=True)):
        state_here: list[tuple[str, int]] = []
        for section in doc.sections:
            if section.level < 2:
                if _texts(_own(section)):
                    result.left_out.append(f"{name}: the text under its title (no place for it)")
                continue
            if _inside_placed(section, doc, synonyms):
                continue
            kind = section_kind(section.title, synonyms)
            if kind is None:
                result.left_out.append(f'{name}: section "{section.title}" (no place for it)')
                continue
            if kind == "skip":
                continue
            if kind == "lessons":
                for lesson in _section_lessons(section, doc):
                    if lesson_keys.keep(similar.key(lesson.problem)):
                        result.lessons.append(lesson)
                    else:
                        result.left_out.append(
                            f'{name}: lesson "{lesson.title}" (merged: an earlier one says it)'
                        )
                continue
            blocks = [b for b in section.body_blocks if isinstance(b, (ListItem, Paragraph))]
            texts = [t for t in _texts(blocks) if similar.key(t) not in EMPTY_ITEMS]
            if kind == "state":
                state_here.extend((t, recency) for t in texts)
            else:
                candidates[kind].extend((t, recency) for t in texts)
        if state_here:
            # The state is the latest handoff's: work an earlier one listed as open may be
            # done by now.
            latest_state = state_here
    candidates["state"] = latest_state
    for kind in SUMMARY_KINDS:
        result.bullets[kind] = _fit(kind, candidates[kind], limits, result.left_out)
    _fit_file(result, limits)
    if lesson_limits is not None:
        result.lessons = _fit_lessons(result.lessons, lesson_limits, result.left_out)
    return result


def _fit_file(result: Draft, limits: KindLimits) -> None:
    """The whole summary within its words: the weakest bullets go first (listed)."""
    overhead = 30  # title, date and the section headings
    total = overhead + sum(count_words(b) for bullets in result.bullets.values() for b in bullets)
    if total <= limits.words:
        return
    ranked = sorted(
        ((priority(text, -index), kind, text) for kind, bullets in result.bullets.items()
         for index, text in enumerate(bullets)),
        key=lambda entry: entry[0],
    )  # fmt: skip
    dropped = 0
    for _, kind, text in ranked:
        if total <= limits.words:
            break
        result.bullets[kind].remove(text)
        total -= count_words(text)
        dropped += 1
    result.left_out.append(
        f"summary: {dropped} more bullet{'s' if dropped > 1 else ''} past its {limits.words} words"
    )


def _shorten(text: str, limit: int) -> str | None:
    """``text`` if within ``limit`` words, else its first sentence if that is; else None."""
    if count_words(text) <= limit:
        return text
    first = _SENTENCE.split(text, maxsplit=1)[0]
    return first if count_words(first) <= limit else None


def _fit_lessons(lessons: list[Lesson], limits: KindLimits, left_out: list[str]) -> list[Lesson]:
    """Each Problem and Solution a short paragraph, the file within its words: the lessons
    that do not fit are listed, by their titles."""
    fitting: list[Lesson] = []
    for lesson in lessons:
        problem = _shorten(lesson.problem, limits.paragraph_words)
        solution = _shorten(lesson.solution, limits.paragraph_words) if lesson.solution else ""
        if problem is None or solution is None:
            left_out.append(f'lessons: "{lesson.title}" (too long to distil; see its handoff)')
            continue
        if (problem, solution) != (lesson.problem, lesson.solution):
            left_out.append(f'lessons: the rest of "{lesson.title}" after its first sentence')
        fitting.append(Lesson(lesson.title, problem, solution))

    def words(lesson: Lesson) -> int:
        # The heading and the two labels count too.
        return count_words(f"{lesson.title} Problem: {lesson.problem} Solution: {lesson.solution}")

    budget = limits.words - 10  # the file's title
    order = sorted(
        range(len(fitting)),
        key=lambda i: priority(fitting[i].problem + " " + fitting[i].solution, -i),
        reverse=True,
    )
    kept: set[int] = set()
    for index in order:
        if words(fitting[index]) <= budget:
            kept.add(index)
            budget -= words(fitting[index])
        else:
            left_out.append(f'lessons: "{fitting[index].title}" (past the lessons file\'s words)')
    return [lesson for i, lesson in enumerate(fitting) if i in kept]


def _inside_placed(
    section: Section, doc: Document, synonyms: Mapping[str, tuple[str, ...]] | None
) -> bool:
    """A sub-section of a section already placed travels with it."""
    return any(
        other.level < section.level
        and other.level >= 2
        and other.heading.line < section.heading.line < other.end_line
        and section_kind(other.title, synonyms) is not None
        for other in doc.sections
    )


def _fit(
    kind: str, found: list[tuple[str, int]], limits: KindLimits, left_out: list[str]
) -> list[str]:
    """Merged and chosen bullets of one section, in their order; the rest listed."""
    kept = similar.Kept()
    unique: list[tuple[str, int]] = []
    for text, recency in found:
        normalised = similar.key(text)
        if normalised and kept.keep(normalised):
            unique.append((text, recency))
    fitting: list[tuple[str, int]] = []
    for text, recency in unique:
        if count_words(text) > limits.bullet_words:
            first = _SENTENCE.split(text, maxsplit=1)[0]
            if count_words(first) <= limits.bullet_words:
                left_out.append(f"{kind}: the rest of a bullet after its first sentence")
                text = first
            else:
                left_out.append(f"{kind}: a bullet of {count_words(text)} words")
                continue
        fitting.append((text, recency))
    if len(fitting) <= limits.section_bullets:
        return [text for text, _ in fitting]
    ranked = sorted(range(len(fitting)), key=lambda i: priority(*fitting[i]), reverse=True)
    chosen = set(ranked[: limits.section_bullets])
    dropped = len(fitting) - len(chosen)
    left_out.append(f"{kind}: {dropped} more bullet{'s' if dropped > 1 else ''} past the limit")
    return [text for i, (text, _) in enumerate(fitting) if i in chosen]


def summary_fields(result: Draft) -> dict[str, str]:
    fields: dict[str, str] = {}
    for kind, placeholder in SECTION_TODOS.items():
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
        return lesson_text(*LESSON_TODO)
    parts = []
    for lesson in result.lessons:
        solution = lesson.solution
        if not solution:
            solution = SOLUTION_TODO
            result.placeholders += 1
        parts.append(lesson_text(lesson.title, lesson.problem, solution))
    return "\n".join(parts)
