"""What a rule is: a code, a name, its documentation, and one check function."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from milestone_lint.config.schema import Config
from milestone_lint.layout.model import RootLayout
from milestone_lint.layout.numbering import Finding, NumberingReport, analyse


@dataclass(frozen=True)
class LayoutContext:
    """What a path rule may look at: one root's layout and the configuration."""

    layout: RootLayout
    config: Config
    reader: Callable[[str], str | None]

    def read_text(self, path: str) -> str | None:
        """The text of a file of this root (path relative to it); None when unreadable."""
        return self.reader(path)

    @cached_property
    def numbering(self) -> NumberingReport:
        return analyse(self.layout, self.config.numbering, self.config.number_width)


LayoutCheck = Callable[[LayoutContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule. ``what``/``why``/``bad``/``good`` are what ``milestone-lint rule CODE`` prints."""

    code: str
    name: str
    summary: str
    what: str
    why: str
    bad: str
    good: str
    config_keys: tuple[str, ...] = ()
    default_enabled: bool = True
    fixable: bool = False
    check_layout: LayoutCheck | None = None

    def documentation(self) -> str:
        """The rule's full documentation as markdown."""
        keys = ", ".join(f"`{k}`" for k in self.config_keys) or "none"
        default = "on" if self.default_enabled else "off (enable with `extend-select`)"
        return (
            f"# {self.code} {self.name}\n\n{self.summary}\n\nDefault: {default}."
            f" Configuration: {keys}.\n\n"
            f"## What it does\n{self.what}\n\n## Why this matters\n{self.why}\n\n"
            f"## Example\nBad:\n```\n{self.bad.strip()}\n```\n\n"
            f"Good:\n```\n{self.good.strip()}\n```\n"
        )
