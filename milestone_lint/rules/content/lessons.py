"""Lessons pair a Problem with its Solution: ML208, ML209, ML210."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING

from milestone_lint.convention.lessons import MARKER, is_problem
from milestone_lint.diagnostics import Finding
from milestone_lint.rules.base import LESSONS, DocumentContext, Rule
from milestone_lint.rules.examples import CLEAN_LESSONS, in_lessons

if TYPE_CHECKING:
    from milestone_lint.markdown.model import Block, Document


# Plain classes, not dataclasses, as in the layout model (see there): this judges every
# staged lessons file on the commit path.
class _Marker:
    """A **Problem:** or **Solution:** marker; ``has_content`` may be learnt from the blocks
    after it."""

    def __init__(self, problem: bool, text: str, line: int, column: int, content: bool) -> None:
        self.problem = problem
        self.text = text
        self.line = line
        self.column = column
        self.has_content = content


def _markers(doc: Document, blocks: list[Block]) -> list[_Marker]:
    """Markers of one section in order; a marker's content may be in the blocks after it."""
    from milestone_lint.markdown.model import CodeBlock

    found: list[_Marker] = []
    for block in blocks:
        if isinstance(block, CodeBlock):
            if found:
                found[-1].has_content = True
            continue
        raw = block.raw
        matches = list(MARKER.finditer(raw))
        if not matches:
            if found and raw.strip():
                found[-1].has_content = True
            continue
        if found and raw[: matches[0].start()].strip(" -*\n"):
            found[-1].has_content = True
        # Lines and columns are found moving forward from the previous marker: counting from
        # the block's start for each marker made 50,000 markers in a paragraph take 18 s.
        newlines, counted = 0, 0
        previous = (0, 0)
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(raw)
            content = raw[match.end() : end].strip(" \t\n*_-")
            newlines += raw.count("\n", counted, match.start())
            counted = match.start()
            line = block.line + newlines
            start_column = block.column if line == block.line else 1
            if previous[0] == line:
                start_column = max(start_column, previous[1])
            line, column = doc.locate(match.group(0), line, start_column)
            previous = (line, column + len(match.group(0)))
            found.append(
                _Marker(is_problem(match["kind"]), match.group(0), line, column, bool(content))
            )
    return found


class _Judgement:
    def __init__(self) -> None:
        self.findings: list[tuple[str, _Marker, str]] = []
        self.pairs = 0


# ML208, ML209 and ML210 each ask for the same judgement of a document: made once.
_JUDGED: weakref.WeakKeyDictionary[Document, _Judgement] = weakref.WeakKeyDictionary()


def _judge(doc: Document) -> _Judgement:
    known = _JUDGED.get(doc)
    if known is None:
        known = _JUDGED[doc] = _judge_afresh(doc)
    return known


def _judge_afresh(doc: Document) -> _Judgement:
    judgement = _Judgement()
    chunks: list[list[Block]] = [s.blocks for s in doc.sections]
    first_heading = min((h.line for h in doc.headings), default=len(doc.lines) + 1)
    chunks.insert(0, [b for b in doc.blocks if b.line < first_heading])
    for blocks in chunks:
        open_problem: _Marker | None = None
        for marker in _markers(doc, blocks):
            if marker.problem:
                if open_problem is not None:
                    judgement.findings.append(("ML209", open_problem, "no Solution follows it"))
                open_problem = marker
                if not marker.has_content:
                    judgement.findings.append(("ML208", marker, "the Problem is empty"))
                continue
            if open_problem is None:
                judgement.findings.append(("ML208", marker, "no Problem comes before it"))
            elif not marker.has_content:
                judgement.findings.append(("ML209", marker, "the Solution is empty"))
            elif open_problem.has_content:
                judgement.pairs += 1
            open_problem = None
        if open_problem is not None:
            judgement.findings.append(("ML209", open_problem, "no Solution follows it"))
    return judgement


def _report(ctx: DocumentContext, code: str) -> Iterator[Finding]:
    for found_code, marker, reason in _judge(ctx.doc).findings:
        if found_code != code:
            continue
        if code == "ML208":
            advice = "state the problem in one line after **Problem:**"
        else:
            advice = "add **Solution:** with what fixed it"
        yield ctx.finding(
            f"incomplete lesson: {reason}; {advice}",
            marker.line,
            marker.column,
            marker.line,
            marker.column + len(marker.text),
        )


def _check_problem(ctx: DocumentContext) -> Iterator[Finding]:
    return _report(ctx, "ML208")


def _check_solution(ctx: DocumentContext) -> Iterator[Finding]:
    return _report(ctx, "ML209")


def _check_no_lessons(ctx: DocumentContext) -> Iterator[Finding]:
    if _judge(ctx.doc).pairs == 0:
        title = ctx.doc.title
        line, column = (title.line, title.column) if title else (1, 1)
        yield ctx.finding(
            "lessons file records no lesson; pair a **Problem:** with its **Solution:** under a"
            " ## heading per lesson",
            line,
            column,
        )


_TITLE = "# Lessons Learned - Auth\n\n## Flaky tests\n\n"
# A file whose one lesson lacks its problem or its solution also records none (ML210): the bad
# examples of ML208 and ML209 come after a complete lesson.
_AFTER_ONE = CLEAN_LESSONS + "\n## Token expiry\n\n"
_GOOD = in_lessons(CLEAN_LESSONS)

ML208 = Rule(
    code="ML208",
    name="lesson-problem",
    summary="A lesson gives a **Solution:** but no **Problem:** (or an empty one).",
    what=(
        "In a lessons file, every `**Solution:**` must follow a `**Problem:**` in the same"
        " section, and a Problem must say something (on its line or in the blocks after it)."
        " `**Problem**:`, with the colon outside the bold, counts too."
    ),
    why=(
        "A solution without its problem cannot be recognised the next time the problem shows"
        " up, which is the only time anyone reads it."
    ),
    bad=in_lessons(_AFTER_ONE + "**Solution:** Refresh the token a minute early.\n"),
    good=_GOOD,
    check_document=_check_problem,
    kinds=frozenset({LESSONS}),
)

ML209 = Rule(
    code="ML209",
    name="lesson-solution",
    summary="A lesson states a **Problem:** but no **Solution:** with content.",
    what=(
        "In a lessons file, every `**Problem:**` must be followed, in the same section and"
        " before the next Problem, by a `**Solution:**` that says something (on its line or in"
        " a list or code block after it)."
    ),
    why="A problem without its solution is a warning with no way out; the lesson is half-kept.",
    bad=in_lessons(_AFTER_ONE + "**Problem:** Tokens expired mid-request.\n"),
    good=_GOOD,
    check_document=_check_solution,
    kinds=frozenset({LESSONS}),
)

ML210 = Rule(
    code="ML210",
    name="no-lessons",
    summary="A lessons file holds no Problem/Solution pair at all.",
    what=(
        "Reports, once per file, a lessons file without a single complete `**Problem:**` /"
        " `**Solution:**` pair. Sections such as Tools and Libraries or Edge Cases are lists,"
        " not lessons, and are not required to pair anything."
    ),
    why=(
        "Lessons are the part of a milestone that prevents repeated mistakes. A file of"
        " narrative or tool lists records what happened, not what to do next time."
    ),
    bad=in_lessons(_TITLE + "Tests failed at random; we pinned the event loop.\n"),
    good=_GOOD,
    check_document=_check_no_lessons,
    kinds=frozenset({LESSONS}),
)

RULES = (ML208, ML209, ML210)
