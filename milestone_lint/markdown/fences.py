"""Code fences as their author meant them, beside how markdown reads them.

Markdown closes a fenced block at the first bare fence of its kind: a ```` ```bash ```` example
inside a ```` ```markdown ```` template ends the template at the example's closing fence. The
text after it renders as prose, and the author's own closing fence opens a new block (each
later fence flips prose and code). The author meant fences with an info string to nest there;
:func:`early_closes` reads the file that way, so that rules judge the text the author wrote as
text, and ML310 reports the broken fence once.
"""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import re
from collections.abc import Sequence
from typing import NamedTuple

# A fence line once block-quote markers and indentation are set aside.
_FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)")
_CONTAINER = re.compile(r"^[ \t>]*")


def fence(line: str) -> tuple[str, str] | None:
    """(fence, info string) of a fence line, None for any other line."""
    if "```" not in line and "~~~" not in line:
        return None  # most lines: decided without the regexes
    match = _FENCE.fullmatch(_CONTAINER.sub("", line, count=1).rstrip())
    if match is None or (match["fence"][0] == "`" and "`" in match["info"]):
        return None
    return match["fence"], match["info"].strip()


def closes(line: str, opening: str) -> bool:
    """Whether ``line`` closes a block opened by the fence ``opening``."""
    found = fence(line)
    return (
        found is not None
        and found[0][0] == opening[0]
        and len(found[0]) >= len(opening)
        and not found[1]
    )


class EarlyClose(NamedTuple):
    """A block markdown closes at ``closing``, where the fence nested at ``nested`` ends.

    ``intended`` is the line of the author's own closing fence (0: none before the end);
    lines ``line`` to ``intended`` are one code block as written.
    """

    line: int
    nested: int
    closing: int
    intended: int


def _nested(lines: Sequence[str], line: int, closing: int, opening: str) -> int:
    """The first fence with an info string inside the block, of the opening's kind and at
    least its length (one that markdown does not take as a closing fence), else 0."""
    for number in range(line + 1, closing):
        found = fence(lines[number - 1])
        if (
            found is not None
            and found[0][0] == opening[0]
            and len(found[0]) >= len(opening)
            and found[1]
        ):
            return number
    return 0


def _intended_end(lines: Sequence[str], closing: int, opening: str) -> int:
    """Where the author's block ends, reading each nested fence with an info string as an
    inner opener and each bare one as the close of the innermost: 0 if it never does."""
    depth = 1  # the nested block just closed; the outer one is still open
    for number in range(closing + 1, len(lines) + 1):
        found = fence(lines[number - 1])
        if found is None or found[0][0] != opening[0] or len(found[0]) < len(opening):
            continue
        depth += 1 if found[1] else -1
        if depth == 0:
            return number
    return 0


def early_closes(lines: Sequence[str], blocks: Sequence[tuple[int, int]]) -> list[EarlyClose]:
    """The fenced blocks (``(line, end_line)`` as markdown reads them) that a nested fence
    closes early. A block opening inside one found before (between its opening and its
    intended close) is that mistake's echo, not another one."""
    found: list[EarlyClose] = []
    reach = 0
    for line, end_line in sorted(blocks):
        if line <= reach or not 0 < line <= len(lines) or end_line > len(lines):
            continue
        opening = fence(lines[line - 1])
        if opening is None or not closes(lines[end_line - 1], opening[0]):
            continue
        nested = _nested(lines, line, end_line, opening[0])
        if not nested:
            continue
        intended = _intended_end(lines, end_line, opening[0])
        found.append(EarlyClose(line, nested, end_line, intended))
        reach = intended or end_line
    return found


def displaced(early: Sequence[EarlyClose]) -> list[tuple[int, int]]:
    """The line ranges (first, last) that markdown reads as text but the author wrote as
    code: after each early close, up to the author's own closing fence."""
    return [(e.closing + 1, e.intended) for e in early if e.intended > e.closing + 1]


def fenced(text: str, info: str = "") -> str:
    """``text`` in a fence longer than any run of backticks in it, so that whatever it holds
    (a handoff with its own fences, ML310's examples) stays inside."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"
