"""The completion date: ML206."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from milestone_lint.convention.dates import DateReading, find_date
from milestone_lint.convention.headings import heading_matches, synonyms_for
from milestone_lint.convention.vocabulary import DATE_COMPLETED
from milestone_lint.diagnostics import Finding
from milestone_lint.rules.base import HANDOFF, SUMMARY, DocumentContext, Rule
from milestone_lint.rules.examples import CLEAN_SUMMARY, in_summary

if TYPE_CHECKING:
    from milestone_lint.markdown.model import Document

_DATE_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:date(?:\s+completed)?|completed(?:\s+on)?|completion"
    r"\s+date)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)?\s*:)\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_FRONT_KEYS = ("date", "date-completed", "date_completed", "completed")


def _date_line(text: str) -> re.Match[str] | None:
    """A ``Date completed: …`` line, matched on the line with its whitespace runs squeezed.

    The pattern has optional parts between whitespace runs; on a long run of spaces it would
    try every way of sharing them out (a line of 20,000 spaces took 6 s). Most lines name no
    date at all and are passed over without the regex.
    """
    lower = text.lower()
    if "date" not in lower and "complet" not in lower:
        return None
    return _DATE_LINE.match(" ".join(text.split()))


def _code_lines(doc: Document) -> set[int]:
    lines: set[int] = set()
    for block in doc.code_blocks:
        lines.update(range(block.line, block.end_line + 1))
    return lines


def completion_date(doc: Document, synonyms: Mapping[str, tuple[str, ...]]) -> DateReading | None:
    """The first date found where a completion date may be (None when there is none)."""
    for _, text in candidates(doc, synonyms):
        reading = find_date(text)
        if reading is not None:
            return reading
    return None


def candidates(doc: Document, synonyms: Mapping[str, tuple[str, ...]]) -> Iterator[tuple[int, str]]:
    """(line, text) of every place a completion date may be, in order of precedence."""
    for key in _FRONT_KEYS:
        if key in doc.front_matter:
            line = next(
                (
                    n
                    for n in range(1, len(doc.lines) + 1)
                    if doc.lines[n - 1].lower().startswith(key)
                ),
                1,
            )
            yield line, doc.front_matter[key]
    lowered = "\n".join(doc.lines).lower()
    if "date" in lowered or "complet" in lowered:  # else no line can be a date line
        code = _code_lines(doc)
        for number, text in enumerate(doc.lines, start=1):
            match = _date_line(text)
            if match and number not in code and match["value"].strip():
                yield number, match["value"]
    names = synonyms_for(DATE_COMPLETED, synonyms)
    for section in doc.sections:
        if section.level >= 2 and heading_matches(section.title, names) and section.blocks:
            block = section.blocks[0]
            yield block.line, getattr(block, "raw", "")
    title = doc.title
    if title is not None:
        yield title.line, doc.lines[title.line - 1]


def _judge(ctx: DocumentContext, line: int, reading: DateReading) -> Finding | None:
    column = ctx.doc.locate(reading.text, line)[1] if line <= len(ctx.doc.lines) else 1
    end = column + len(reading.text)
    if reading.problem:
        return ctx.finding(f"date {reading.problem}", line, column, line, end)
    assert reading.value is not None
    if ctx.world.in_future(reading.value):
        return ctx.finding(
            f"date {reading.value.isoformat()} is in the future; write the day the work was done",
            line,
            column,
            line,
            end,
        )
    return None


def _check_completion_date(ctx: DocumentContext) -> Iterator[Finding]:
    for line, text in candidates(ctx.doc, ctx.config.summary_synonyms):
        reading = find_date(text)
        if reading is None:
            continue
        finding = _judge(ctx, line, reading)
        if finding is not None:
            yield finding
        return
    if ctx.kind == SUMMARY:
        title = ctx.doc.title
        line, column = (title.line, title.column) if title else (1, 1)
        yield ctx.finding(
            "summary has no completion date; add a line `Date completed: YYYY-MM-DD` (or the"
            " date in the title)",
            line,
            column,
        )


ML206 = Rule(
    code="ML206",
    name="completion-date",
    summary="The completion date is missing, unparseable, ambiguous or in the future.",
    what=(
        "A milestone summary must say when it was completed, in one of: front matter `date:`,"
        " a `Date completed: …` or `**Date:** …` line, a `## Date completed` section, or the"
        " title (`# Auth Milestone Summary - 2025-03-04`). The first found is judged. Dates are"
        " ISO (`2025-03-04`) or written out (`March 4, 2025`); numeric dates such as"
        " `3/11/2025` are reported (March 11 or 3 November?), and a date after today is too."
        " In handoffs a date, when there is one, is judged the same way; a missing one is fine."
    ),
    why=(
        "The date orders milestones in time and tells a reader how stale a summary is."
        " `3/11/2025` reads differently in Europe and the US; an ISO date sorts and reads the"
        " same everywhere."
    ),
    bad=in_summary(CLEAN_SUMMARY.replace("2025-03-04", "31/03/2025")),
    good=in_summary(CLEAN_SUMMARY.replace("2025-03-04", "2025-03-31")),
    config_keys=("summary.synonyms",),
    check_document=_check_completion_date,
    kinds=frozenset({SUMMARY, HANDOFF}),
)

RULES = (ML206,)
