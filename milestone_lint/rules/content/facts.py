"""A milestone's 0- files hold to its handoffs: ML311."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from milestone_lint.diagnostics import Finding, excerpt
from milestone_lint.markdown.model import Heading, ListItem, Paragraph
from milestone_lint.rules.base import LESSONS, SUMMARY, DocumentContext, Rule
from milestone_lint.rules.examples import (
    ARCHIVED_PATH,
    CLEAN_HANDOFF,
    CLEAN_MILESTONE,
    CLEAN_SUMMARY,
    SUMMARY_PATH,
    Example,
    in_summary,
)


def _check_unsupported_fact(ctx: DocumentContext) -> Iterator[Finding]:
    folder = posixpath.dirname(ctx.path)
    if not folder:
        return
    # Imported here: its patterns take ~5 ms to compile, which a commit that stages only
    # handoffs (no 0- file) should not pay.
    from milestone_lint.convention.facts import NUMBER, Sources, facts_in

    blocks: list[Heading | Paragraph | ListItem] = [*ctx.doc.headings]
    blocks += ctx.doc.paragraphs
    blocks += ctx.doc.items
    blocks.sort(key=lambda b: (b.line, b.column))
    stated = [(b, facts) for b in blocks if (facts := facts_in(_raw(b)))]
    if not stated:
        return  # nothing to hold to the handoffs: they are not read
    texts = ctx.world.milestone_sources(folder)
    count = len(texts) // 2  # names, then contents
    if not count:
        return  # no handoff here (an epic's file, a milestone without its handoffs): silent
    # The milestone's own number and name are the summary's to state.
    sources = Sources([posixpath.basename(folder), *texts])
    for block, facts in stated:
        line, column = block.line, block.column
        for fact in facts:
            line, column = ctx.doc.locate(fact.text, line, column)
            if not sources.supports(fact):
                what = "number" if fact.kind == NUMBER else fact.kind
                where = "not in its only handoff" if count == 1 else f"in none of its {count}"
                if count > 1:
                    where += " handoffs"
                yield ctx.finding(
                    f'{what} "{excerpt(fact.text)}" is {where}'
                    f" ({posixpath.basename(folder)}/); a milestone distils its handoffs: keep"
                    " to what they record, or add it to the handoff it comes from",
                    line,
                    column,
                )
            column += max(1, len(fact.text))


def _raw(block: Heading | Paragraph | ListItem) -> str:
    return block.text if isinstance(block, Heading) else block.raw


_GROUNDED_HANDOFF = CLEAN_HANDOFF.replace(
    "- Started the OAuth device flow\n",
    "- Started the OAuth device flow in `auth/device.py`; 12 tests pass\n",
)

ML311 = Rule(
    code="ML311",
    name="unsupported-fact",
    summary="A milestone's 0- file states a number, code span or path none of its handoffs holds.",
    what=(
        "In a milestone's 0- files, finds numbers with two or more digits, percentages and"
        " measured quantities (`45+ tests`, `~90%`, `30x`, `200 ms`), code spans and file paths"
        " (`src/auth.py`, `docs/`), and reports each one that none of the milestone's own"
        " handoffs contains. A number matches by value (`~1,000` is `1000`), a code span by its"
        " text, a path by itself or its file name. Dates, times, years, three-part versions, list"
        " numbering, and the milestone's own number and name are not checked; nor is a"
        " milestone folder that holds no handoff (its handoffs are elsewhere: nothing to hold"
        " it to)."
    ),
    why=(
        "A summary is read instead of its handoffs, so a number it states is trusted without"
        ' a check. Summaries an agent writes often hold figures no handoff recorded ("45+'
        ' tests, ~90% coverage", "~1000 LOC"): a summary must distil, not invent.'
    ),
    bad=in_summary(
        CLEAN_SUMMARY.replace(
            "- Login works on Linux\n", "- Login works on Linux; 45+ tests, ~90% coverage\n"
        )
    ),
    good=Example(
        {
            **CLEAN_MILESTONE,
            ARCHIVED_PATH: _GROUNDED_HANDOFF,
            SUMMARY_PATH: CLEAN_SUMMARY.replace(
                "- Login works on Linux\n", "- Login works on Linux (`auth/device.py`): 12 tests\n"
            ),
        },
        shown=(ARCHIVED_PATH, SUMMARY_PATH),
        tree=False,
    ),
    kinds=frozenset({SUMMARY, LESSONS}),
    check_document=_check_unsupported_fact,
)

RULES = (ML311,)
