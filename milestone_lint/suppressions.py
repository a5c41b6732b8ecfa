"""Inline suppression comments, markdownlint-style.

``<!-- milestone-lint-disable ML301 ML305 -->`` … ``<!-- milestone-lint-enable ML301 -->``,
``<!-- milestone-lint-disable-next-line ML301 -->``, ``<!-- milestone-lint-disable-line -->``
and ``<!-- milestone-lint-disable-file ML303 -->``; no codes means every rule. Codes may be
prefixes (``ML3``). They apply to content rules, whose diagnostics point into the file.
"""

from __future__ import annotations

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

    def suppressed(self, code: str, line: int) -> bool:
        if any(code.startswith(c) for c in self.file):
            return True
        if any(code.startswith(c) for c in self.lines.get(line, ())):
            return True
        off = False
        for event in self.events:
            if event.line > line:
                break
            if any(code.startswith(c) for c in event.codes):
                off = event.disable
        return off
