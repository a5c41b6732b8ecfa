"""Sections of summaries and handoffs: ML204, ML205, ML207, ML211."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from milestone_lint.convention.headings import heading_matches, is_date_section, synonyms_for
from milestone_lint.diagnostics import Finding, excerpt
from milestone_lint.rules.base import HANDOFF, SUMMARY, DocumentContext, Rule
from milestone_lint.rules.examples import (
    CLEAN_SUMMARY,
    HANDOFF_TITLE,
    configured,
    in_handoff,
    in_summary,
)

if TYPE_CHECKING:
    from milestone_lint.markdown.model import Heading


def _sub_headings(ctx: DocumentContext) -> list[Heading]:
    return [h for h in ctx.doc.headings if h.level >= 2]


def _anchor(ctx: DocumentContext) -> tuple[int, int]:
    title = ctx.doc.title
    return (title.line, title.column) if title else (1, 1)


def _missing(ctx: DocumentContext, required: tuple[str, ...], what: str) -> Iterator[Finding]:
    extra = ctx.config.summary_synonyms
    headings = _sub_headings(ctx)
    for section in required:
        if what == "summary" and is_date_section(section, extra):
            continue  # The date may live in four other places; ML206 judges it.
        names = synonyms_for(section, extra if what == "summary" else {})
        if not any(heading_matches(h.text, names) for h in headings):
            line, column = _anchor(ctx)
            yield ctx.finding(
                f'{what} has no "{section}" section; add "## {section}" with its facts as bullets',
                line,
                column,
            )


def _check_missing_section(ctx: DocumentContext) -> Iterator[Finding]:
    return _missing(ctx, ctx.config.summary_required_sections, "summary")


ML204 = Rule(
    code="ML204",
    name="missing-section",
    summary="A milestone summary lacks a required section.",
    what=(
        "Checks that a milestone summary has a heading for each section in"
        " `summary.required-sections` (Changes, Decisions, Discoveries, Current system state by"
        ' default). Matching is case-insensitive and tolerant: "Changes Implemented",'
        ' "Key Decisions", "Decisions made", "Current State" and "System State" all count, and'
        " `summary.synonyms` adds more. The completion date is judged by ML206 instead, since"
        " it may also live in the title, a `Date completed:` line or front matter."
    ),
    why=(
        "A summary is read to rebuild context in a fresh session. Without a Decisions section"
        " the next session re-argues settled questions; without Current system state it does"
        " not know what works."
    ),
    bad=in_summary(CLEAN_SUMMARY.split("\n## Decisions")[0]),
    good=in_summary(CLEAN_SUMMARY),
    config_keys=("summary.required-sections", "summary.synonyms"),
    check_document=_check_missing_section,
    kinds=frozenset({SUMMARY}),
)


# A heading that carries its own value ("## HANDOFF_READY: coder", "## Status: done"): a
# label of up to three words, a value of up to three. ("## Step 2: Set up the database" is a
# title, and empty if nothing follows.)
_LABEL_VALUE = re.compile(r"[^\s:]+(?: [^\s:]+){0,2}: *[^\s:]+(?: [^\s:]+){0,2}")


def _check_empty_section(ctx: DocumentContext) -> Iterator[Finding]:
    for section in ctx.doc.sections:
        if not section.has_content():
            heading = section.heading
            if ":" in heading.text and _LABEL_VALUE.fullmatch(heading.text):
                continue
            yield ctx.finding(
                f'section "{excerpt(heading.text)}" is empty; write its facts or remove the'
                " heading",
                heading.line,
                heading.column,
                heading.line,
                heading.end_column,
            )


ML205 = Rule(
    code="ML205",
    name="empty-section",
    summary="A heading has nothing under it before the next heading of the same or higher level.",
    what=(
        "Reports a heading followed by no paragraph, list, code block or table before the next"
        " heading of the same or a higher level. A sub-heading with content counts as content"
        " of its parent. Comments do not count. A heading that carries its own value"
        " (`## Status: done`, `## HANDOFF_READY: coder`) is not empty."
    ),
    why=(
        "An empty section is a template left unfilled or a fact that went missing; either way"
        " the reader pays for a heading that says nothing."
    ),
    bad=in_handoff(HANDOFF_TITLE + "## Discoveries\n\n## Current system state\n- Login works\n"),
    good=in_handoff(
        HANDOFF_TITLE + "## Discoveries\n- The keyring is locked in CI\n\n"
        "## Current system state\n- Login works\n"
    ),
    check_document=_check_empty_section,
)


def _check_duplicate_section(ctx: DocumentContext) -> Iterator[Finding]:
    extra = ctx.config.summary_synonyms
    headings = _sub_headings(ctx)
    for section in ctx.config.summary_required_sections:
        names = synonyms_for(section, extra)
        found = [h for h in headings if heading_matches(h.text, names)]
        for heading in found[1:]:
            yield ctx.finding(
                f'section "{section}" appears again (first at line {found[0].line}); merge the two',
                heading.line,
                heading.column,
                heading.line,
                heading.end_column,
            )


ML207 = Rule(
    code="ML207",
    name="duplicate-section",
    summary="A required section appears twice in a summary.",
    what=(
        "Reports the second (and later) heading that matches the same required section of a"
        ' milestone summary, e.g. "## Changes" and "## Changes Implemented".'
    ),
    why="Readers stop at the first match; facts in the second copy are effectively lost.",
    bad=in_summary(CLEAN_SUMMARY + "\n## Changes Implemented\n- Logout\n"),
    good=in_summary(CLEAN_SUMMARY.replace("flow\n", "flow\n- Logout\n", 1)),
    config_keys=("summary.required-sections", "summary.synonyms"),
    check_document=_check_duplicate_section,
    kinds=frozenset({SUMMARY}),
)


def _check_handoff_section(ctx: DocumentContext) -> Iterator[Finding]:
    return _missing(ctx, ctx.config.handoff_required_sections, "handoff")


_REQUIRED = '[handoff]\nrequired-sections = ["Summary", "Work in Progress"]\n'

ML211 = Rule(
    code="ML211",
    name="handoff-section",
    summary="A handoff lacks a section listed in handoff.required-sections.",
    what=(
        "Checks every handoff for a heading matching each name in"
        " `handoff.required-sections` (case-insensitive, punctuation ignored). The list is"
        " empty by default, so the rule is silent until a team configures its template, e.g."
        ' ["Summary", "Discoveries", "Problems & Solutions", "Work in Progress"].'
    ),
    why=(
        "A team template makes handoffs comparable and lets `new milestone` gather each"
        " section; a handoff without its Work in Progress leaves the next session guessing."
    ),
    bad=configured(in_handoff(HANDOFF_TITLE + "## Summary\nStarted login.\n"), _REQUIRED),
    good=configured(
        in_handoff(
            HANDOFF_TITLE + "## Summary\nStarted login.\n\n## Work in Progress\n- Refresh\n"
        ),
        _REQUIRED,
    ),
    config_keys=("handoff.required-sections",),
    check_document=_check_handoff_section,
    kinds=frozenset({HANDOFF}),
)

RULES = (ML204, ML205, ML207, ML211)
