"""Code fences that swallow the text after them: ML310."""

from __future__ import annotations

from collections.abc import Iterator

from milestone_lint.diagnostics import Finding, excerpt
from milestone_lint.markdown.fences import closes, fence
from milestone_lint.rules.base import DocumentContext, Rule
from milestone_lint.rules.examples import HANDOFF_TITLE, in_handoff


def _check_fences(ctx: DocumentContext) -> Iterator[Finding]:
    lines = ctx.doc.lines
    early = {e.line: e for e in ctx.doc.early_closes}
    # Blocks that open between an early close and the author's own closing fence are that
    # mistake's echo (the closing fence read as an opener): reported with it, never apart.
    echoes = [(e.line, e.intended or e.closing) for e in early.values()]
    for block in sorted(ctx.doc.code_blocks, key=lambda b: b.line):
        if any(first < block.line <= last for first, last in echoes):
            continue
        opening = fence(lines[block.line - 1]) if 0 < block.line <= len(lines) else None
        if opening is None:
            continue  # an indented code block: nothing to close
        marks, info = opening
        cut = early.get(block.line)
        if cut is not None:
            longer = marks[0] * (len(marks) + 1)
            # The advice holds only where the author closed the outer block: elsewhere the
            # longer fence would run to the end of the file.
            advice = (
                f"open and close the outer one with {longer}"
                if cut.intended
                else f"close it with {longer} where it should end, and open it with {longer}"
            )
            yield ctx.finding(
                f"code fence {marks}{excerpt(info)} is closed early on line {cut.closing} by the"
                f" end of the fence nested on line {cut.nested}; {advice}",
                block.line,
                block.column,
            )
            continue
        if block.end_line > len(lines) or not closes(lines[block.end_line - 1], marks):
            yield ctx.finding(
                f"code fence {marks}{excerpt(info)} is never closed: everything after it reads as"
                f" code; close it with {marks}",
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
        " outer block instead. Points at the opening fence, once per broken fence: the"
        " author's own closing fence, read as an opener, is not a second finding, and the"
        " text markdown spills up to it is not judged as prose by any rule."
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
