"""Short facts, not stories: ML301, ML302, ML303, ML304."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from milestone_lint.diagnostics import Finding, excerpt
from milestone_lint.rules.base import DocumentContext, Rule
from milestone_lint.rules.examples import (
    CLEAN_SUMMARY,
    HANDOFF_TITLE,
    configured,
    in_handoff,
    in_summary,
)

if TYPE_CHECKING:
    from milestone_lint.markdown.model import ListItem


_KIND_NAMES = {"handoff": "handoff", "summary": "summary", "lessons": "lessons file"}


def _check_long_bullet(ctx: DocumentContext) -> Iterator[Finding]:
    limit = ctx.limits.bullet_words
    for item in ctx.doc.items:
        if item.words > limit:
            yield ctx.finding(
                f"bullet has {item.words} words (limit {limit}); keep one fact per bullet and"
                " split or cut the rest",
                item.line,
                item.column,
            )


ML301 = Rule(
    code="ML301",
    name="long-bullet",
    summary="A list item is over bullet-words words (default 25).",
    what=(
        "Counts the words of each list item's own text (nested items are counted on their own;"
        " code spans, code blocks and a task-list box are not words) and reports items over"
        " `bullet-words`."
    ),
    why=(
        "Every token of a handoff tree is read again by the next person or agent. A bullet is"
        " a fact; a 40-word bullet is a paragraph hiding in a list."
    ),
    bad=in_handoff(
        HANDOFF_TITLE + "## Summary\n"
        "- We spent a long time looking into why the tests were failing and eventually found"
        " that the event loop policy was different on CI, so we pinned it in conftest and now"
        " they pass\n"
    ),
    good=in_handoff(
        HANDOFF_TITLE + "## Summary\n- CI used another event loop policy: pinned in conftest.py\n"
    ),
    config_keys=("limits.bullet-words",),
    check_document=_check_long_bullet,
)


def _is_table(raw: str) -> bool:
    lines = [line.strip() for line in raw.strip().splitlines()]
    return bool(lines) and all(line.startswith("|") or line.count("|") >= 2 for line in lines)


def _check_prose_paragraph(ctx: DocumentContext) -> Iterator[Finding]:
    limit = ctx.limits.paragraph_words
    for paragraph in ctx.doc.paragraphs:
        if paragraph.words > limit and not _is_table(paragraph.raw):
            yield ctx.finding(
                f"paragraph has {paragraph.words} words (limit {limit}); state the facts as"
                " bullets",
                paragraph.line,
                paragraph.column,
            )


ML302 = Rule(
    code="ML302",
    name="prose-paragraph",
    summary="A paragraph is over paragraph-words words (40 in system files, 80 in handoffs).",
    what=(
        "Reports paragraphs (outside lists and code, tables excepted) longer than"
        " `paragraph-words`: 40 words in summaries and lessons, 80 in handoffs, whose template"
        " asks for a 2–3 sentence summary."
    ),
    why=(
        "Facts go in bullets, not stories: a reader scans bullets and skips prose, and an agent"
        " pays for every word either way."
    ),
    bad=in_summary(
        CLEAN_SUMMARY.replace(
            "- Login with OAuth device flow\n",
            "We started by looking at the login flow and then, after some discussion about what"
            " the device flow needs on a machine without a browser, we settled on storing the"
            " tokens in the keyring, which took the rest of the afternoon because the keyring is"
            " locked in CI.\n",
        )
    ),
    good=in_summary(
        CLEAN_SUMMARY.replace(
            "- Login with OAuth device flow\n",
            "- Login with OAuth device flow\n- Tokens stored in the OS keyring\n",
        )
    ),
    config_keys=("limits.paragraph-words",),
    check_document=_check_prose_paragraph,
)


def _check_file_length(ctx: DocumentContext) -> Iterator[Finding]:
    limit = ctx.limits.words
    if ctx.doc.words > limit:
        yield ctx.finding(
            f"{_KIND_NAMES[ctx.kind]} has {ctx.doc.words} words (limit {limit} for a"
            f" {_KIND_NAMES[ctx.kind]}); distil it: keep the facts the next session needs"
        )


_RETELLING = (
    "## Session 1\n- Read the OAuth device flow spec\n- Drafted the token table\n\n"
    "## Session 2\n- Wrote the refresh call\n- Found the clock skew bug\n\n"
    "## Session 3\n- Fixed the clock skew bug\n- Token refresh works\n"
)

ML303 = Rule(
    code="ML303",
    name="file-length",
    summary="A file is over its kind's words limit (summary 500, lessons 800, handoff 1200).",
    what=(
        "Counts the words of a whole file (outside code) and reports files over `words` for"
        " their kind: `[limits.summary]`, `[limits.lessons]`, `[limits.handoff]`."
    ),
    why=(
        "A milestone's 0- files are loaded into every fresh session; a summary that grows"
        " past a page stops being a summary."
    ),
    # The limit lowered to 30 words (a summary's is 500) keeps the example short to read.
    bad=configured(in_handoff(HANDOFF_TITLE + _RETELLING), "[limits.handoff]\nwords = 30\n"),
    good=configured(
        in_handoff(HANDOFF_TITLE + "## Summary\n- Token refresh works\n"),
        "[limits.handoff]\nwords = 30\n",
    ),
    config_keys=("limits.words",),
    check_document=_check_file_length,
)


def _check_section_length(ctx: DocumentContext) -> Iterator[Finding]:
    limit = ctx.limits.section_bullets
    lists: dict[int, list[ListItem]] = {}
    for item in ctx.doc.items:
        lists.setdefault(item.list_number, []).append(item)
    for items in lists.values():
        if len(items) <= limit:
            continue
        first = min(items, key=lambda i: (i.line, i.column))
        above = [h for h in ctx.doc.headings if h.line < first.line]
        where = f' under "{excerpt(above[-1].text)}"' if above else ""
        yield ctx.finding(
            f"this list{where} has {len(items)} bullets (limit {limit}); keep the ones that"
            " matter, or group them under sub-headings",
            first.line,
            first.column,
        )


def _steps(count: int) -> str:
    return "".join(f"- Token endpoint step {n} done\n" for n in range(1, count + 1))


ML304 = Rule(
    code="ML304",
    name="section-length",
    summary="A list has more than section-bullets bullets (default 12).",
    what=(
        "Counts the bullets of each list on its own: consecutive items make one list, whatever"
        " introduces it (a heading, a **Label:** line, a lead-in sentence); a nested list is a"
        " list of its own. Reports each list with more than `section-bullets`, at its first"
        " bullet."
    ),
    why=(
        "Twenty bullets in one list is a changelog, not a summary: the reader cannot tell"
        " which of them matter. Several short lists, each introduced, are already organised."
    ),
    bad=in_handoff(HANDOFF_TITLE + "## Changes\n" + _steps(13)),
    good=in_handoff(HANDOFF_TITLE + "## Changes\n" + _steps(6)),
    config_keys=("limits.section-bullets",),
    check_document=_check_section_length,
)

RULES = (ML301, ML302, ML303, ML304)
