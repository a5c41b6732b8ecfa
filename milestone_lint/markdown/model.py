"""The document model rules read. Every element knows its 1-based line and column."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

from typing import NamedTuple

from milestone_lint.markdown.fences import EarlyClose
from milestone_lint.markdown.words import count_words


class Heading(NamedTuple):
    """A heading: ``line`` is its first, ``end_line`` its last (a setext heading's underline)."""

    level: int
    text: str
    line: int
    column: int
    end_column: int
    end_line: int


class Paragraph(NamedTuple):
    """A paragraph outside list items (a paragraph inside one is part of the item).

    ``raw`` is the markdown source text; ``words_text`` is what words are counted in (code
    removed, link text kept); ``prose`` is text outside code and links, for phrase rules.
    """

    raw: str
    words_text: str
    prose: str
    line: int
    column: int
    in_quote: bool
    word_count: int = -1  # counted once by the parser; -1: count on demand

    @property
    def words(self) -> int:
        return self.word_count if self.word_count >= 0 else count_words(self.words_text)


class ListItem(NamedTuple):
    """A list item: its marker's position and its own text (nested items are separate).

    ``list_number`` tells which list it belongs to (lists numbered in document order; a
    nested list is a list of its own): consecutive items make one list, whatever introduces it.
    """

    raw: str
    words_text: str
    prose: str
    line: int
    column: int
    depth: int
    checkbox: bool
    list_number: int = 0
    in_quote: bool = False
    word_count: int = -1  # counted once by the parser; -1: count on demand

    @property
    def words(self) -> int:
        return self.word_count if self.word_count >= 0 else count_words(self.words_text)


class CodeBlock(NamedTuple):
    line: int
    column: int
    end_line: int
    info: str


class Link(NamedTuple):
    """An inline link or image, or a reference definition (``definition``)."""

    target: str
    line: int
    column: int
    image: bool = False
    definition: bool = False


class Comment(NamedTuple):
    """An HTML comment outside code, where suppression directives live."""

    text: str
    line: int
    column: int
    end_line: int


Block = Paragraph | ListItem | CodeBlock


class Section:
    """A heading and everything up to the next heading of the same or a higher level.

    ``blocks`` holds the section's own blocks (before any sub-heading); ``body_blocks`` also
    those of its sub-sections. (Plain classes here: a dataclass costs more to define at
    import, on every commit, than a document costs to parse.)
    """

    def __init__(self, heading: Heading, end_line: int = 0) -> None:
        self.heading = heading
        self.blocks: list[Block] = []
        self.body_blocks: list[Block] = []
        self.end_line = end_line
        self.has_other_content = False
        self.has_subsections = False

    def __repr__(self) -> str:
        return f"Section({self.heading.text!r}, line {self.heading.line})"

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def title(self) -> str:
        return self.heading.text

    @property
    def items(self) -> list[ListItem]:
        return [b for b in self.blocks if isinstance(b, ListItem)]

    def has_content(self) -> bool:
        """Anything under the heading: blocks, HTML, or sub-headings (even empty ones)."""
        return bool(self.body_blocks) or self.has_other_content or self.has_subsections


class Document:
    """One parsed markdown file: its blocks in order of appearance, each with its position."""

    def __init__(self, lines: list[str], front_matter: dict[str, str]) -> None:
        self.lines = lines
        self.front_matter = front_matter
        self.headings: list[Heading] = []
        self.paragraphs: list[Paragraph] = []
        self.items: list[ListItem] = []
        self.code_blocks: list[CodeBlock] = []
        self.links: list[Link] = []
        self.comments: list[Comment] = []
        self.sections: list[Section] = []
        self.other_lines: set[int] = set()
        self.html_blocks: list[tuple[str, int, int]] = []
        self.words = 0
        # Fenced blocks a nested fence closed early (ML310); the text markdown then shows
        # up to the author's own closing fence is left out of the model (see .fences).
        self.early_closes: list[EarlyClose] = []
        self._lowered: dict[int, str] = {}

    def locate(
        self,
        fragment: str,
        line: int,
        column: int = 1,
        max_lines: int = 200,
        ignore_case: bool = False,
    ) -> tuple[int, int]:
        """Where ``fragment`` first occurs at or after (line, column), within ``max_lines``.

        Inline things (a phrase, a marker, a date) carry no position of their own; their block
        does, and the fragment is found from there. Falls back to (line, column).
        """
        if not ignore_case and 0 < line <= len(self.lines) and "\n" not in fragment:
            # Most fragments stand on their block's line: one search, no loop.
            found = self.lines[line - 1].find(fragment, column - 1) if fragment else -1
            if found >= 0:
                return line, found + 1
        needle = fragment.split("\n", 1)[0]
        if not needle:
            return line, column
        if ignore_case:
            needle = needle.lower()
        for number in range(line, min(len(self.lines), line + max_lines - 1) + 1):
            start = column - 1 if number == line else 0
            text = self._lower(number) if ignore_case else self.lines[number - 1]
            found = text.find(needle, start)
            if found >= 0:
                return number, found + 1
        return line, column

    def _lower(self, number: int) -> str:
        # Lowered once per line: a rule locating many phrases on one long line would
        # otherwise lower the whole line for each (50,000 fillers on a line: 7.7 s).
        lowered = self._lowered.get(number)
        if lowered is None:
            lowered = self._lowered[number] = self.lines[number - 1].lower()
        return lowered

    @property
    def title(self) -> Heading | None:
        return next((h for h in self.headings if h.level == 1), None)

    @property
    def blocks(self) -> list[Block]:
        """Paragraphs, list items and code blocks in document order."""
        merged: list[Block] = [*self.paragraphs, *self.items, *self.code_blocks]
        return sorted(merged, key=lambda b: (b.line, b.column))
