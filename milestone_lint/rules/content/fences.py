"""Code fences that swallow the text after them: ML310."""

from __future__ import annotations

import re
from collections.abc import Iterator

from milestone_lint.diagnostics import Finding, excerpt
from milestone_lint.rules.base import DocumentContext, Rule
from milestone_lint.rules.examples import HANDOFF_TITLE, in_handoff

# A fence line once block-quote markers and indentation are set aside.
_FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_CONTAINER = re.compile(r"^[ \t>]*")


def _fence(line: str) -> tuple[str, str] | None:
    """(fence, info string) of a fence line, None for any other line."""
    match = _FENCE.fullmatch(_CONTAINER.sub("", line, count=1).rstrip())
    if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
        return None
    return match["fence"], match["info"].strip()


def _closes(line: str, fence: str) -> bool:
    found = _fence(line)
    return (
        found is not None
        and found[0][0] == fence[0]
        and len(found[0]) >= len(fence)
        and not found[1]
    )


def _check_fences(ctx: DocumentContext) -> Iterator[Finding]:
    lines = ctx.doc.lines
    closed_early_at: set[int] = set()
    for block in sorted(ctx.doc.code_blocks, key=lambda b: b.line):
        opening = _fence(lines[block.line - 1]) if 0 < block.line <= len(lines) else None
        if opening is None:
            continue  # an indented code block: nothing to close
        fence, info = opening
        closing = block.end_line
        if closing > len(lines) or not _closes(lines[closing - 1], fence):
            if not info and block.line in closed_early_at:
                continue  # the dangling fence of a block closed early, reported there
            yield ctx.finding(
                f"code fence {fence}{excerpt(info)} is never closed: everything after it reads as"
                f" code; close it with {fence}",
                block.line,
                block.column,
            )
            continue
        nested = next(
            (
                number
                for number in range(block.line + 1, closing)
                if (found := _fence(lines[number - 1])) is not None
                and found[0][0] == fence[0]
                and len(found[0]) >= len(fence)
                and found[1]
            ),
            None,
        )
        if nested is not None:
            # The text after the early close is prose, and the intended closing fence opens a
            # new block: that one is this mistake too.
            later = [b.line for b in ctx.doc.code_blocks if b.line > closing]
            if later:
                closed_early_at.add(min(later))
            longer = fence[0] * (len(fence) + 1)
            yield ctx.finding(
                f"code fence {fence}{excerpt(info)} is closed early on line {closing} by the end of"
                f" the fence nested on line {nested}; open and close the outer one with {longer}",
                block.line,
                block.column,
            )


ML310 = Rule(
    code="ML310",
    name="unclosed-fence",
    summary="A code fence is never closed, or a nested fence closes it early.",
    what=(
        "Reports a fenced code block that is never closed (it runs to the end of the file, or"
        " of its list item or quote), and one that holds a nested fence with an info string"
        " (```` ```python ````) of the same length: the nested block's closing fence closes the"
        " outer block instead. Points at the opening fence."
    ),
    why=(
        "Everything after an unclosed fence renders as code, and everything after an early"
        " close renders as text: the reader sees a broken handoff, and every rule judges the"
        " wrong thing there (a dozen false findings follow one broken fence)."
    ),
    bad=in_handoff(
        HANDOFF_TITLE + "## Summary\n```markdown\nExample:\n```python\nx = 1\n```\n```\n"
    ),
    good=in_handoff(
        HANDOFF_TITLE + "## Summary\n````markdown\nExample:\n```python\nx = 1\n```\n````\n"
    ),
    check_document=_check_fences,
)

RULES = (ML310,)
