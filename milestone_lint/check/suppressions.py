"""Inline suppression comments, markdownlint-style.

``<!-- milestone-lint-disable ML301 ML305 -->`` … ``<!-- milestone-lint-enable ML301 -->``,
``<!-- milestone-lint-disable-next-line ML301 -->``, ``<!-- milestone-lint-disable-line -->``
and ``<!-- milestone-lint-disable-file ML303 -->``; no codes means every rule. Codes may be
prefixes (``ML3``). They apply to content rules, whose diagnostics point into the file.
"""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

from milestone_lint.markdown.model import Comment

_DIRECTIVE = re.compile(
    r"<!--\s*milestone-lint-(?P<verb>disable-file|disable-next-line|disable-line|disable|enable)"
    r"(?P<codes>(?:[\s,]+[A-Za-z0-9]+)*)\s*-->"
)
ALL = ("",)


class _Event(NamedTuple):
    line: int
    disable: bool
    codes: tuple[str, ...]


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", text) if c)
    return codes or ALL


class Suppressions:
    def __init__(self, comments: Iterable[Comment]) -> None:
        self.file: list[str] = []
        self.lines: dict[int, list[str]] = {}
        self.events: list[_Event] = []
        self._timelines: dict[str, tuple[list[int], list[bool]]] = {}
        for comment in comments:
            for match in _DIRECTIVE.finditer(comment.text):
                verb, codes = match["verb"], _codes(match["codes"])
                if verb == "disable-file":
                    self.file.extend(codes)
                elif verb == "disable-next-line":
                    self.lines.setdefault(comment.end_line + 1, []).extend(codes)
                elif verb == "disable-line":
                    for line in range(comment.line, comment.end_line + 1):
                        self.lines.setdefault(line, []).extend(codes)
                else:
                    self.events.append(_Event(comment.line, verb == "disable", codes))
        self.events.sort(key=lambda e: e.line)

    def __bool__(self) -> bool:
        return bool(self.file or self.lines or self.events)

    def file_wide(self, code: str) -> bool:
        """Whether ``code`` is off for the whole file (its rule need not run)."""
        return any(code.startswith(c) for c in self.file)

    def suppressed(self, code: str, line: int) -> bool:
        if self.file_wide(code):
            return True
        if any(code.startswith(c) for c in self.lines.get(line, ())):
            return True
        lines, states = self._timeline(code)
        index = bisect.bisect_right(lines, line) - 1
        return index >= 0 and states[index]

    def _timeline(self, code: str) -> tuple[list[int], list[bool]]:
        # The disable/enable events that name ``code``, once per code: walking every event
        # per finding was quadratic (thousands of comments, thousands of findings).
        timeline = self._timelines.get(code)
        if timeline is None:
            named = [e for e in self.events if any(code.startswith(c) for c in e.codes)]
            timeline = self._timelines[code] = ([e.line for e in named], [e.disable for e in named])
        return timeline
