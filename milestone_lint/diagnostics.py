"""A diagnostic is an immutable record; everything after the rules only filters and prints them."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

from typing import NamedTuple


class Diagnostic(NamedTuple):
    """One problem found in one file.

    ``path`` is the display path: relative to the repository root, ``/``-separated, with
    control characters escaped (see :func:`milestone_lint.paths.display`). Layout rules,
    which judge names rather than text, report line 1, column 1.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int = 0
    end_column: int = 0
    # The offending line's text, filled only for baselines: they match problems by content,
    # not by line number, so that an edit above a known problem does not reveal it again.
    context: str = ""
    # The offending line as written (escaped), for the ``full`` format's excerpt.
    source: str = ""
    # "error" (fails the run) or "warning" (printed; fails it only with --strict).
    severity: str = "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


class Finding(NamedTuple):
    """What a rule reports: a path relative to its root, a message, and where in the file.

    Path rules leave the position at 1:1; content rules give the exact start (and, when they
    know it, the end) of the heading, item or paragraph at fault.
    """

    path: str
    message: str
    line: int = 1
    column: int = 1
    end_line: int = 0
    end_column: int = 0


# Text of a file quoted in a message (a heading, a link target, a fence's info): a finding
# is one line, and a 100 KB heading must not make it 100 KB.
EXCERPT = 80


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` as quoted in a message: cut to ``limit`` characters, "…" marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
