"""Drafting a milestone's summary and lessons from the handoffs it distils.

Each handoff section is placed by the convention's vocabulary (:mod:`..convention`,
the headings real handoffs use): completed work under Changes, decisions and deviations under
Decisions, discoveries under Discoveries, the latest handoff's state under Current system
state, and every problem with its solution as a lesson, whatever its shape
(``**Problem:**``/``**Solution:**`` pairs, a sub-heading per problem, a problem/solution
table, "X: fixed by Y" bullets).

Before the limits, it consolidates (see :func:`draft`): filler, plans and a handoff describing
itself are dropped; every handoff's own summary line and its deviations ("changed from X to
Y", "instead of") are kept before the score fills the rest; a later handoff's change of an
earlier statement supersedes it; one theme (a bullet's label) appears once, its newest words;
a bullet said in one section is not repeated in another.

It distils within the summary's limits: exact and near-duplicate bullets are merged (the same
words, or nearly the same text with the same numbers: :mod:`.similar`), each section keeps at
most ``section-bullets`` bullets of at most ``bullet-words`` words, chosen by
:func:`priority`. Nothing is cut
silently: what does not fit, and every section that could not be placed, is listed in
``left_out`` (the command prints it; the handoffs themselves move into the milestone, so
nothing is lost).
"""

from __future__ import annotations

import functools
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
_TRAILING |= {"or", "into", "after", "before", "when", "was", "were", "is", "are", "as", "be"}
# Words that open a phrase or qualify the word after them: a title ending on one was cut
# mid-phrase ("Maintaining the system prompt as a single").
_TRAILING |= {"single", "same", "more", "less", "than", "its", "their", "our", "this", "that"}
_TRAILING |= {"each", "every", "any", "all", "some", "very", "not", "without", "between", "via"}
_TRAILING |= {"over", "under", "about", "through", "using", "across", "per", "so", "but", "if"}

# Text that says nothing ("None at this stage"), a plan stated among what was done ("The next
# phase will focus on…"), or a handoff describing itself ("This handoff documents…").
_FILLER = re.compile(r"^(?:\*\*[^*]{1,60}\*\*:?\s*)?(?:none|n/a|nothing|tbd)\b", re.IGNORECASE)
_PLAN = re.compile(
    r"\bwill (?:focus|need|be|continue|implement|add|address|start|begin)\b"
    r"|\bnext (?:phase|step|steps|session)\b|\b(?:plan|planned|planning) to\b",
    re.IGNORECASE,
)
_SELF = re.compile(
    r"\bthis (?:handoff|document|session|note) (?:documents|describes|covers|summari[sz]es"
    r"|captures|records|details|outlines)\b",
    re.IGNORECASE,
)
# A deviation: what a handoff changed from its plan or from an earlier handoff. The "from"
# part names what it supersedes.
_DEVIATION = re.compile(
    r"\b(?:changed|switched|moved|migrated|went|reorgani[sz]ed|converted)\b[^.;]{0,80}?"
    # What is taken ends where its reason starts ("to hierarchical: 55 versions did not fit"):
    # the reason's words are not the new choice's.
    r"\bfrom\s(?P<old>[^.;]{1,80}?)\s(?:to|into)\s(?P<new>[^.;:,(]{1,80}?)"
    r"(?=$|[.;:,(]|\s(?:because|since|as|so|for)\b)"
    r"|\b(?P<new2>[^.;]{1,80}?)\sinstead of\s(?P<old2>[^.;,]{1,80})"
    r"|\breplaced\s(?P<old3>[^.;]{1,80}?)\swith\s(?P<new3>[^.;:,(]{1,80}?)"
    r"(?=$|[.;:,(]|\s(?:because|since|as|so|for)\b)"
    r"|\b(?:initially|originally|first) (?:planned|intended|meant)\b[^.;]{1,80}\bbut\b",
    re.IGNORECASE,
)
# Sections whose first sentence is the handoff's own summary line, kept before any other.
_SUMMARY_TITLES = frozenset({"summary", "executive summary", "overview", "session summary"})
# Words too common to name what a deviation changed from.
_GENERIC = frozenset(
    {"structure", "approach", "system", "file", "files", "format", "design", "using", "based"}
    | {"having", "with", "from", "into", "that", "this", "them", "then", "each", "separate"}
)
_LABEL = re.compile(r"^\*\*(?P<bold>[^*]{2,60}?):?\*\*:?\s|^(?P<plain>[A-Z][\w/ -]{1,40}?):\s")


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
    # The Current system state's TODO when the newest handoff says nothing of it (names it).
    state_todo: str = ""


@dataclass
class _Candidate:
    """A bullet on its way into a section: where it came from, and whether it is kept
    before the score fills the rest (a handoff's summary line, a deviation)."""

    text: str
    recency: int
    kind: str
    first: bool = False


def first_words(text: str, count: int = 6) -> str:
    """How the left-out list names a bullet: its first words, without markup."""
    words = re.sub(r"[`*_]", "", text).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _noise(text: str) -> str | None:
    """Why ``text`` is no bullet of a summary, or None."""
    if _FILLER.match(text):
        return "says nothing"
    if _PLAN.search(text) and not _DEVIATION.search(text):
        return "a plan, not done"
    if _SELF.search(text):
        return "describes the handoff"
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def section_kind(title: str, synonyms: Mapping[str, tuple[str, ...]] | None = None) -> str | None:
    """Where a handoff section goes: a summary section, "lessons", "skip", or None (unknown).

    The handoffs' own headings (``HANDOFF_SECTIONS``), and every heading the rules accept for
    a summary section, configured synonyms included: one vocabulary for both.
    """
    extra = tuple(sorted((k, tuple(v)) for k, v in (synonyms or {}).items()))
    return _section_kind(title, extra)


@functools.lru_cache(maxsize=4096)
def _section_kind(title: str, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    # Cached: 500 handoffs bring the same dozen headings 2,000 times.
    synonyms = dict(extra)
    for kind, names in HANDOFF_SECTIONS.items():
        if kind in SECTION_OF_KIND:
            names = (*names, *synonyms_for(SECTION_OF_KIND[kind], synonyms))
        # The rules' own matching: "and …" and a parenthesised suffix ("Changes (done)") too.
        if heading_matches(title, names):
            return kind
    return None


def _texts(blocks: list[ListItem | Paragraph]) -> list[str]:
    """The bullets of ``blocks``: each top-level item with its nested items joined after it
    (a label bullet, ``**Key Features:**``, is nothing without them), and each sentence of a
    paragraph."""
    out: list[str] = []
    parent = -1  # the index in out of the last top-level item, while its nested items follow
    joined = 0  # nested items joined to it so far
    for block in blocks:
        if isinstance(block, ListItem):
            text = _one_line(block.raw)
            if block.depth == 0:
                parent = len(out) if text else -1
                joined = 0
                if text:
                    out.append(text)
            elif parent >= 0 and text:
                head = out[parent]
                label = head.endswith((":", ":**"))
                # After the first nested item, the rest are items of one list.
                glue = "; " if joined else (" " if label else ": ")
                out[parent] = head + glue + text.rstrip(".")
                joined += 1
        elif not _table_rows(block.raw):
            parent = -1
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


def _unmarked(text: str) -> str:
    """``text`` without the markers that open it: a solution written "**Fix:** …" under a
    Solution label is the fix, not "**Solution:** **Fix:** …" (which fails ML208/ML209)."""
    text = text.strip()
    while match := _MARKER.match(text):
        text = text[match.end() :].strip(" *_-")
    return text


def _lesson(problem: str, solution: str, title: str = "") -> Lesson:
    problem, solution = _unmarked(problem), _unmarked(solution)
    return Lesson(title or title_for(problem), problem or PROBLEM_TODO, solution)


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
            elif problem is not None and body:
                found.append(_lesson(problem, body, title))
                problem = None
    if problem is not None:
        found.append(_lesson(problem, "", title))
    return found


def _section_lessons(section: Section, subs: list[Section]) -> tuple[list[Lesson], list[str]]:
    """Every lesson of a problems section (``subs``: its sub-sections that travel with it, a
    sub-heading per problem), and its insights: a bullet with no problem or solution in it
    is a discovery, not a lesson whose Solution is a TODO."""
    groups: list[tuple[str, list[ListItem | Paragraph]]] = [("", _own(section))]
    groups += [(s.title, _own(s)) for s in subs]
    found: list[Lesson] = []
    insights: list[str] = []
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
                elif title and len(texts) > 1:
                    found.append(_lesson(" ".join(texts[:1]), " ".join(texts[1:]), title))
                    break
                else:
                    insights.append(f"{title}: {text}" if title else text)
        for block in blocks:
            if isinstance(block, Paragraph):
                found.extend(_table_lessons(block.raw))
    return found, insights


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
    documents hold it: their links must already be right from the milestone's folder.

    A section is placed by its own heading, at any level; a sub-section whose heading has
    no place travels with the nearest placed section above it. The Current system state is
    the newest handoff's alone (work an older one listed as open may be done by now): when
    it says nothing, or "None", a TODO names it. Then, in order: :func:`_supersede`,
    :func:`_merge_themes`, and per section :func:`_fit`.
    """
    result = Draft({kind: [] for kind in SUMMARY_KINDS})
    found: list[_Candidate] = []
    lesson_keys = similar.Kept()
    newest = len(documents) - 1
    for recency, (doc, name) in enumerate(zip(documents, names, strict=True)):
        for section, kind, subs in _placed(doc, synonyms):
            if section.level < 2:
                if _texts(_own(section)):
                    result.left_out.append(f"{name}: the text under its title (no place for it)")
                continue
            if kind is None:
                if _texts(_own(section)):
                    result.left_out.append(f'{name}: section "{section.title}" (no place for it)')
                continue
            if kind == "skip":
                if any(_texts(_own(s)) for s in (section, *subs)):
                    result.left_out.append(
                        f'{name}: section "{section.title}" (no place in a summary)'
                    )
                continue
            if kind == "lessons":
                lessons, insights = _section_lessons(section, subs)
                for lesson in lessons:
                    if lesson_keys.keep(similar.key(lesson.problem)):
                        result.lessons.append(lesson)
                    else:
                        result.left_out.append(
                            f'{name}: lesson "{lesson.title}" (merged: an earlier one says it)'
                        )
                found.extend(_candidates(insights, recency, "discoveries", name, result))
                continue
            if kind == "state" and recency != newest:
                continue
            texts = [t for s in (section, *subs) for t in _texts(_own(s))]
            texts = [t for t in texts if similar.key(t) not in EMPTY_ITEMS]
            head = normalize(section.title) in _SUMMARY_TITLES
            found.extend(_candidates(texts, recency, kind, name, result, head))
    if documents and not any(c.kind == "state" for c in found):
        result.state_todo = (
            f"{SECTION_TODOS['state']} ({names[newest]}, the newest handoff, says nothing of it)"
        )
    found = _supersede(found, names, result.left_out)
    found = _merge_themes(found, names, result.left_out)
    said = similar.Kept()  # a bullet said in one section is not repeated in another
    chosen = {
        kind: _fit(kind, [c for c in found if c.kind == kind], limits, result.left_out, said)
        for kind in SUMMARY_KINDS
    }
    _fit_file(chosen, limits, result.left_out)
    result.bullets = {kind: [c.text for c in chosen[kind]] for kind in SUMMARY_KINDS}
    if lesson_limits is not None:
        result.lessons = _fit_lessons(result.lessons, lesson_limits, result.left_out)
    return result


def _placed(
    doc: Document, synonyms: Mapping[str, tuple[str, ...]] | None
) -> list[tuple[Section, str | None, list[Section]]]:
    """Each section that is placed by its own heading (or has none), its kind, and the
    sub-sections with no place of their own that travel with it."""
    out: list[tuple[Section, str | None, list[Section]]] = []
    open_: list[tuple[Section, str | None, list[Section]]] = []  # the placed sections above
    for section in doc.sections:
        while open_ and not (
            open_[-1][0].level < section.level
            and open_[-1][0].heading.line < section.heading.line < open_[-1][0].end_line
        ):
            open_.pop()
        kind = section_kind(section.title, synonyms) if section.level >= 2 else None
        carrier = next((entry for entry in reversed(open_) if entry[1] is not None), None)
        if kind is None and carrier is not None:
            carrier[2].append(section)
            continue
        entry: tuple[Section, str | None, list[Section]] = (section, kind, [])
        out.append(entry)
        open_.append(entry)
    return out


def _candidates(
    texts: list[str], recency: int, kind: str, name: str, result: Draft, head: bool = False
) -> list[_Candidate]:
    """``texts`` as bullets of ``kind``, noise named in the left-out list. The first of a
    summary section (``head``) and every deviation are kept before the score fills the rest."""
    out: list[_Candidate] = []
    for index, text in enumerate(texts):
        why = _noise(text)
        if why is not None:
            result.left_out.append(f'{name}: "{first_words(text)}" ({why})')
            continue
        first = (head and index == 0) or bool(_DEVIATION.search(text))
        out.append(_Candidate(text, recency, kind, first))
    return out


def _words(text: str) -> set[str]:
    """The content words of ``text`` by their stems (four letters or more)."""
    return {w[: similar.STEM + 2] for w in similar.key(text).split() if len(w) >= 4} - {
        g[: similar.STEM + 2] for g in _GENERIC
    }


def _supersede(found: list[_Candidate], names: list[str], left_out: list[str]) -> list[_Candidate]:
    """A later handoff's change supersedes what an earlier one said of the same subject.

    The heuristic: a deviation ("changed from a flat layout to a hierarchical one", "Y
    instead of X", "replaced X with Y") names what it leaves (X) and what it takes (Y). An
    earlier handoff's bullet, in any section, that holds every content word of X and none of
    Y states the old choice: it is left out, named, as superseded by the later handoff. A
    bullet of the same handoff, or a later one, is never superseded (it may state the new
    choice's consequence).
    """
    changes: list[tuple[int, set[str], set[str]]] = []
    for candidate in found:
        for match in _DEVIATION.finditer(candidate.text):
            old = _words(match["old"] or match["old2"] or match["old3"] or "")
            new = _words(match["new"] or match["new2"] or match["new3"] or "")
            if old and old - new:
                changes.append((candidate.recency, old - new, new))
    if not changes:
        return found
    # Indexed by one word of what each change leaves: a bullet is compared only with the
    # changes whose word it holds (500 handoffs: thousands of bullets, hundreds of changes).
    by_word: dict[str, list[tuple[int, set[str], set[str]]]] = {}
    for change in changes:
        by_word.setdefault(min(change[1]), []).append(change)
    kept: list[_Candidate] = []
    for candidate in found:
        words = _words(candidate.text)
        later = min(
            (
                r
                for word in words & by_word.keys()
                for r, old, new in by_word[word]
                if r > candidate.recency and old <= words and not new & words
            ),
            default=None,
        )
        if later is None:
            kept.append(candidate)
        else:
            left_out.append(
                f'{names[candidate.recency]}: "{first_words(candidate.text)}"'
                f" (superseded by {names[later]})"
            )
    return kept


def _label(text: str) -> str:
    """A bullet's theme when it names one: its label (``**Form intake:** …``, ``Cache: …``)."""
    match = _LABEL.match(text)
    if not match:
        return ""
    return similar.key(match["bold"] or match["plain"] or "")


def _merge_themes(
    found: list[_Candidate], names: list[str], left_out: list[str]
) -> list[_Candidate]:
    """One theme, one bullet: bullets with the same label, across sections and handoffs,
    keep the newest one's words, where it stands (it is the current choice); the older are
    named as merged."""
    newest: dict[str, int] = {}
    for index, candidate in enumerate(found):
        label = _label(candidate.text)
        if label and candidate.kind != "state":
            newest[label] = index
    kept: list[_Candidate] = []
    for index, candidate in enumerate(found):
        label = _label(candidate.text)
        if candidate.kind == "state" or not label or newest[label] == index:
            kept.append(candidate)
            continue
        winner = found[newest[label]]
        if winner.recency == candidate.recency and winner.kind != candidate.kind:
            kept.append(candidate)  # one handoff's two sections may share a label
            continue
        winner.first = winner.first or candidate.first
        left_out.append(
            f'{names[candidate.recency]}: "{first_words(candidate.text)}"'
            f" (merged into {names[winner.recency]}'s)"
        )
    return kept


def _fit_file(chosen: dict[str, list[_Candidate]], limits: KindLimits, left_out: list[str]) -> None:
    """The whole summary within its words: the weakest bullets go first (each listed): not a
    summary line or deviation, the lowest score, the oldest handoff's."""
    overhead = 30  # title, date and the section headings
    total = overhead + sum(count_words(c.text) for bullets in chosen.values() for c in bullets)
    if total <= limits.words:
        return
    ranked = sorted(
        (c for bullets in chosen.values() for c in bullets),
        key=lambda c: (c.first, *priority(c.text, c.recency)),
    )
    for candidate in ranked:
        if total <= limits.words:
            break
        chosen[candidate.kind].remove(candidate)
        total -= count_words(candidate.text)
        left_out.append(
            f'{candidate.kind}: "{first_words(candidate.text)}" (past the summary\'s'
            f" {limits.words} words)"
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


def _cut(text: str, limit: int) -> str | None:
    """``text`` within ``limit`` words: itself, its first sentence, or (for a bullet that
    must stay) its words up to the last clause that fits."""
    if count_words(text) <= limit:
        return text
    first = _SENTENCE.split(text, maxsplit=1)[0]
    if count_words(first) <= limit:
        return first
    return None


def _clause_cut(text: str, limit: int) -> str:
    words = text.split()
    while len(words) > 1 and count_words(" ".join(words)) > limit:
        words.pop()
    cut = " ".join(words)
    at = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" — "))
    if at > len(cut) // 2:
        cut = cut[:at]
    while len(cut.split()) > 1 and cut.split()[-1].lower() in _TRAILING:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


def _fit(
    kind: str,
    found: list[_Candidate],
    limits: KindLimits,
    left_out: list[str],
    said: similar.Kept | None = None,
) -> list[_Candidate]:
    """Merged and chosen bullets of one section, in their order; the rest listed by their
    first words. A summary line or a deviation is kept before the score fills the rest, cut
    at a clause when even its first sentence is too long (never dropped)."""
    # Repeats within the section merge; a bullet another section already states is not said
    # twice. Only what a section finally keeps counts as said: a bullet cut past its limit
    # must not silence its near twin elsewhere.
    kept = similar.Kept()
    unique: list[_Candidate] = []
    for candidate in found:
        normalised = similar.key(candidate.text)
        if not normalised or not kept.keep(normalised):
            continue
        if said is not None and said.has(normalised):
            left_out.append(f'{kind}: "{first_words(candidate.text)}" (said in another section)')
        else:
            unique.append(candidate)
    fitting: list[_Candidate] = []
    for candidate in unique:
        text = _cut(candidate.text, limits.bullet_words)
        if text is None and candidate.first:
            text = _clause_cut(candidate.text, limits.bullet_words)
        if text is None:
            left_out.append(
                f'{kind}: "{first_words(candidate.text)}" (a bullet of'
                f" {count_words(candidate.text)} words)"
            )
            continue
        if text != candidate.text:
            left_out.append(f'{kind}: the rest of "{first_words(candidate.text)}"')
        fitting.append(_Candidate(text, candidate.recency, kind, candidate.first))
    if len(fitting) <= limits.section_bullets:
        _said(said, fitting)
        return fitting
    ranked = sorted(
        range(len(fitting)),
        key=lambda i: (fitting[i].first, *priority(fitting[i].text, fitting[i].recency)),
        reverse=True,
    )
    chosen = set(ranked[: limits.section_bullets])
    for i, candidate in enumerate(fitting):
        if i not in chosen:
            left_out.append(
                f'{kind}: "{first_words(candidate.text)}" (past the limit of'
                f" {limits.section_bullets})"
            )
    final = [c for i, c in enumerate(fitting) if i in chosen]
    _said(said, final)
    return final


def _said(said: similar.Kept | None, kept: list[_Candidate]) -> None:
    if said is not None:
        for candidate in kept:
            # Near nothing said (asked above) nor each other (merged above).
            said.add(similar.key(candidate.text))


def summary_fields(result: Draft) -> dict[str, str]:
    fields: dict[str, str] = {}
    for kind, placeholder in SECTION_TODOS.items():
        bullets = result.bullets.get(kind, [])
        if bullets:
            fields[kind] = "\n".join(f"- {b}" for b in bullets)
        else:
            fields[kind] = (
                result.state_todo if kind == "state" and result.state_todo else placeholder
            )
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
