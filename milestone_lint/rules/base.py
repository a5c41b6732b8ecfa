"""What a rule is: a code, a name, its documentation, and one check function.

Four kinds of check, by what they look at:

* ``check_layout`` — one root's layout (names, numbers, which files exist);
* ``check_document`` — one markdown file's document model (``kinds`` says which files);
* ``check_root`` — all the system files of a root together (the context budget);
* ``check_branch`` — what a branch changed since ``--since REF``, across every root (the PR
  gate); run only with ``--since``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from milestone_lint.check.documents import DocumentStore
from milestone_lint.config.schema import Config, KindLimits
from milestone_lint.diagnostics import Finding
from milestone_lint.layout.model import RootLayout
from milestone_lint.layout.numbering import NumberingReport, analyse
from milestone_lint.markdown.fences import fenced
from milestone_lint.rules.examples import Example

if TYPE_CHECKING:
    from milestone_lint.markdown.model import Document

HANDOFF = "handoff"
SUMMARY = "summary"
LESSONS = "lessons"
ALL_KINDS = frozenset({HANDOFF, SUMMARY, LESSONS})


class LayoutContext:
    """What a path rule may look at: one root's layout and the configuration."""

    def __init__(self, layout: RootLayout, config: Config, store: DocumentStore) -> None:
        self.layout = layout
        self.config = config
        self.store = store

    @cached_property
    def numbering(self) -> NumberingReport:
        return analyse(self.layout, self.config.numbering, self.config.number_width)


class World:
    """What a content rule may learn beyond its own file, each answer recorded.

    A file's findings are cached by its content; the few that also depend on the rest of the
    tree or on the date (ML309, ML206) are only reusable while these answers hold. So a rule
    asks here, never the store or the clock, and the cache keeps the questions with the
    findings and asks them again on the next run (:meth:`holds`).
    """

    def __init__(
        self,
        store: DocumentStore,
        today: dt.date,
        files_named: Callable[[str], list[str]] = lambda name: [],
        handoffs_in: Callable[[str], list[str]] = lambda folder: [],
    ) -> None:
        self._store = store
        self._today = today
        self._files_named = files_named
        self._handoffs_in = handoffs_in
        self.asked: list[tuple[str, str, object]] = []
        self._known: dict[tuple[str, str], object] = {}

    def _answer(self, question: str, subject: str) -> object:
        if question == "exists":
            return self._store.exists(subject)
        if question == "named":
            return self._files_named(subject)
        if question == "future":
            return subject > self._today.isoformat()
        if question == "sources":
            return [f"{path}\0{self._content_key(path)}" for path in self._handoffs_in(subject)]
        raise ValueError(question)

    def _content_key(self, path: str) -> str:
        """What changes when a file's content does, as cheaply as the source knows it: a stat
        of the work tree, else the blob id (the index knows it; an editor's buffer is hashed)."""
        stat = self._store.source.stat_key(self._store.full(path))
        if stat is not None:
            return ",".join(map(str, stat))
        return self._store.blob(path) or ""

    def _ask(self, question: str, subject: str) -> object:
        # One record a question: a file linking one target a thousand times asks once.
        key = (question, subject)
        if key in self._known:
            return self._known[key]
        answer = self._known[key] = self._answer(question, subject)
        self.asked.append((question, subject, answer))
        return answer

    def exists(self, rel: str) -> bool:
        """Whether a file or folder (relative to the root) is in the tree judged."""
        return bool(self._ask("exists", rel))

    def files_named(self, name: str) -> list[str]:
        """The root's files of that name (relative to the root), sorted."""
        answer = self._ask("named", name)
        assert isinstance(answer, list)
        return answer

    def milestone_sources(self, folder: str) -> list[str]:
        """The texts of the handoffs a milestone folder (from the root) distils, and their
        names (a summary may cite a handoff by its number or name); none for another folder.
        Recorded by each handoff's path and content key, so a cached verdict on the milestone's
        0- files is judged again when a handoff changes, comes or goes."""
        paths = self._handoffs_in(folder)
        self._ask("sources", folder)
        return [*paths, *(self._store.text_once(p) or "" for p in paths)]

    def in_future(self, day: dt.date) -> bool:
        """Whether ``day`` is after today."""
        return bool(self._ask("future", day.isoformat()))

    def holds(self, asked: Sequence[Sequence[Any]]) -> bool:
        """Whether every recorded question still gets its recorded answer."""
        try:
            return all(self._answer(str(q), str(s)) == a for q, s, a in asked)
        except (ValueError, TypeError):
            return False  # a question from another version: judge the file afresh


class DocumentContext(NamedTuple):
    """What a content rule may look at: one parsed file, its kind and its limits, and (through
    ``world``, recorded) what it needs to know of the rest of the tree."""

    path: str
    kind: str
    doc: Document
    config: Config
    world: World

    @property
    def limits(self) -> KindLimits:
        return self.config.limits_for(self.kind)

    def finding(
        self, message: str, line: int = 1, column: int = 1, end_line: int = 0, end_column: int = 0
    ) -> Finding:
        return Finding(self.path, message, line, column, end_line, end_column)


class RootContext(NamedTuple):
    """All the content files of a root, for rules that judge them together."""

    layout: RootLayout
    config: Config
    store: DocumentStore
    system_files: tuple[str, ...] = ()


class BranchContext(NamedTuple):
    """What a branch rule may look at: the paths the branch changed (relative to the
    repository's top, as the ``written`` of :class:`~milestone_lint.git.history.BranchChanges`
    are), the roots and the content files in them, and where the configuration's globs start."""

    changed: tuple[str, ...]
    written: frozenset[str]
    roots: tuple[str, ...]
    content_files: frozenset[str]
    config: Config
    config_prefix: str  # the config file's folder relative to the top ("" at the top)


LayoutCheck = Callable[[LayoutContext], Iterable[Finding]]
DocumentCheck = Callable[[DocumentContext], Iterable[Finding]]
RootCheck = Callable[[RootContext], Iterable[Finding]]
BranchCheck = Callable[[BranchContext], Iterable[Finding]]


class Rule(NamedTuple):
    """One rule. ``what``/``why``/``bad``/``good`` are what ``milestone-lint rule CODE`` prints;
    the examples are trees a test builds and checks (the bad fires this rule alone, the good
    nothing)."""

    code: str
    name: str
    summary: str
    what: str
    why: str
    bad: Example
    good: Example
    config_keys: tuple[str, ...] = ()
    default_enabled: bool = True
    fixable: bool = False
    check_layout: LayoutCheck | None = None
    check_document: DocumentCheck | None = None
    check_root: RootCheck | None = None
    check_branch: BranchCheck | None = None
    kinds: frozenset[str] = ALL_KINDS

    def documentation(self) -> str:
        """The rule's full documentation as markdown."""
        keys = ", ".join(f"`{k}`" for k in self.config_keys) or "none"
        default = "on" if self.default_enabled else "off (enable with `extend-select`)"
        return (
            f"# {self.code} {self.name}\n\n{self.summary}\n\nDefault: {default}."
            f" Configuration: {keys}.\n\n"
            f"## What it does\n{self.what}\n\n## Why this matters\n{self.why}\n\n"
            f"## Example\nBad:\n{fenced(self.bad.render())}\n\n"
            f"Good:\n{fenced(self.good.render())}\n"
        )
