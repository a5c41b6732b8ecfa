"""What every formatter receives."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.rules.base import Rule


class Report(NamedTuple):
    diagnostics: Sequence[Diagnostic]
    rules: Mapping[str, Rule]
    version: str
    color: bool = False
    quiet: bool = False
    quiet_when_clean: bool = False
    hidden: int = 0
    # (code, path) of the findings --fix would change.
    fixable: frozenset[tuple[str, str]] = frozenset()
    # Display paths of the files the branch changed (--since): the GitHub format and the step
    # summary put their findings first.
    changed: frozenset[str] = frozenset()

    @property
    def errors(self) -> list[Diagnostic]:
        """The findings that fail the run (warnings fail it only with --strict)."""
        return [d for d in self.diagnostics if not d.is_warning]

    @property
    def files_with_problems(self) -> int:
        return len({d.path for d in self.diagnostics})

    def end(self, diagnostic: Diagnostic) -> tuple[int, int]:
        """End position, defaulting to the start when a rule gave none."""
        return (diagnostic.end_line or diagnostic.line, diagnostic.end_column or diagnostic.column)
