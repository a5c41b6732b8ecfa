"""mistune's block parser, taught to remember where each block starts in the original file.

mistune 3 records no positions (lepture/mistune#218). Top-level blocks start at the parser's
cursor, but list items and block quotes are parsed again in *child* states over text whose
markers were stripped, so their offsets belong to another string. Two facts make the mapping
exact without copying mistune's parsing logic:

* every line of a child's text comes from exactly one line of its parent (markers and leading
  indentation are removed, lines are never joined or split), so a child's line ``k`` is its
  parent's line ``origin + k``;
* only *leading* whitespace and container markers are rewritten (tabs expanded, ``>`` and
  list markers stripped), so the rest of a line, from its first non-blank character, is a
  verbatim suffix of the original line; that gives the column.

The hooks below record, for each token, the original (line, column) of its first non-blank
character, and for each list item the position of its marker.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, MutableMapping
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.list_parser import LIST_PATTERN

Token = dict[str, Any]
_LIST_LINE = re.compile(LIST_PATTERN)
_NEWLINE = re.compile("\n")
LINE = "_line"
COLUMN = "_column"
ITEM_POSITIONS = "__milestone_lint_items__"
REF_POSITIONS = "__milestone_lint_refs__"
ORIGINAL_LINES = "__milestone_lint_lines__"


class PositionedState(BlockState):
    """A block state that knows which original line each of its lines came from."""

    def __init__(self, parent: Any | None = None) -> None:
        super().__init__(parent)
        self._line_starts: list[int] | None = [0]
        self.line_count = 1
        self.original_line: list[int] = []
        self.quote_origin: int | None = None
        self.list_origin: int | None = None
        # The container collecting its lines on this very state ("list", "block_quote"):
        # a block parsed on it meanwhile is the one that ends that container.
        self.collecting: str | None = None
        self.deferred = False

    def process(self, src: str) -> None:
        super().process(src)
        # Offsets of line starts are built when first needed: most child states (a one-line
        # list item) never need them, and a parse makes tens of thousands of child states.
        self._line_starts = None
        self.line_count = src.count("\n") + 1
        if self.parent is None:
            self.original_line = list(range(1, self.line_count + 1))

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.src))]
        return self._line_starts

    # --- mapping ---------------------------------------------------------------------------

    def line_index(self, offset: int) -> int:
        if self.line_count == 1:
            return 0
        starts = self._line_starts
        if starts is None:
            starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index if index > 0 else 0

    def position(self, offset: int) -> tuple[int, int]:
        """Original (line, column) of the first non-blank character at or after ``offset``."""
        # Called for every token: the one-line case (most list items) skips the bisect.
        index = 0 if self.line_count == 1 else self.line_index(offset)
        src = self.src
        line_end = src.find("\n", offset)
        local = src[offset:] if line_end < 0 else src[offset:line_end]
        rest = local.lstrip(" \t").rstrip()
        number = self.original_line[min(index, len(self.original_line) - 1)]
        original: list[str] = self.env[ORIGINAL_LINES]
        text = original[number - 1].rstrip() if number - 1 < len(original) else ""
        if rest and text.endswith(rest):
            return number, len(text) - len(rest) + 1
        return number, len(local) - len(local.lstrip(" \t")) + 1

    def _mark(self, token: Token) -> None:
        if LINE not in token and token.get("type") != "blank_line":
            token[LINE], token[COLUMN] = self.position(self.cursor)

    # --- hooks: tokens start at the cursor ---------------------------------------------------

    def append_token(self, token: Token) -> None:
        self._mark(token)
        super().append_token(token)

    def add_paragraph(self, text: str) -> None:
        before = self.last_token()
        super().add_paragraph(text)
        after = self.last_token()
        if after is not before:
            self._mark(after)

    def child_state(self, src: str, lazy_line_starts: set[int] | None = None) -> BlockState:
        child = super().child_state(src, lazy_line_starts)
        assert isinstance(child, PositionedState)
        first = 0
        if self.quote_origin is not None:
            first = self.line_index(self.quote_origin)
        elif self.list_origin is not None:
            starts = self.line_starts
            marker = self.line_index(self.list_origin)
            line_text = self.get_line(starts[marker])
            match = _LIST_LINE.match(line_text.rstrip("\n"))
            blank_first = match is not None and not match.group("list_3").strip()
            first = marker + (1 if blank_first else 0)
            items: dict[int, tuple[int, int]] = self.env[ITEM_POSITIONS]
            items[id(child.tokens)] = self.position(starts[marker])
            # The next item's marker is the last line consumed so far (mistune reads it to
            # know the item ended); for the last item this value is never used.
            self.list_origin = starts[self.line_index(max(self.cursor - 1, 0))]
        count = child.line_count
        mapped = self.original_line[first : first + count]
        if len(mapped) < count:
            last = mapped[-1] if mapped else self.original_line[-1]
            mapped += [last] * (count - len(mapped))
        child.original_line = mapped
        return child


def _place_new(state: PositionedState, before: int, kind: str, start: int) -> None:
    """Containers are appended once parsed, when the cursor is past them: fix their start.

    New tokens sit at index ``before`` or later (mistune appends, or inserts just before a
    block that ended the container), so only those are looked at.
    """
    for token in state.tokens[before:]:
        if token["type"] == kind:
            token[LINE], token[COLUMN] = state.position(start)


class PositionedBlockParser(BlockParser):
    """Records where block quotes, lists and reference definitions start."""

    state_cls = PositionedState

    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:
        # mistune ends a list at a "> quote" line by parsing that quote then and there, and
        # the quote at a "- item" line by parsing that list: lines alternating between the
        # two (no blank line) nest one call per line, and 200 of them raise RecursionError
        # (they also came back out of order). The ending block is left to the parse loop
        # instead: the container ends at its line, which is parsed next, at the same depth.
        assert isinstance(state, PositionedState)
        if state.collecting is not None and _ends_without_parsing(m):
            state.deferred = True
            return state.cursor
        return super().parse_method(m, state)

    def parse_block_quote(self, m: re.Match[str], state: BlockState) -> int:
        return self._parse_container("block_quote", super().parse_block_quote, m, state)

    def parse_list(self, m: re.Match[str], state: BlockState) -> int:
        return self._parse_container("list", super().parse_list, m, state)

    def _parse_container(
        self,
        kind: str,
        parse: Callable[[re.Match[str], BlockState], int],
        m: re.Match[str],
        state: BlockState,
    ) -> int:
        """Parse a quote or a list with its origin and collecting state set, then restored
        (containers nest), and place the tokens it made."""
        assert isinstance(state, PositionedState)
        start = state.cursor
        before = len(state.tokens)
        saved = (state.quote_origin, state.list_origin, state.collecting, state.deferred)
        quote = kind == "block_quote"
        state.quote_origin, state.list_origin = (start, None) if quote else (None, start)
        state.collecting, state.deferred = kind, False
        try:
            end = parse(m, state)
            if quote and state.deferred and len(state.tokens) >= 2:
                # mistune puts a quote ended by a parsed block just before that block (the
                # last token); none was parsed, so the quote goes last.
                state.tokens.append(state.tokens.pop(-2))
        finally:
            state.quote_origin, state.list_origin, state.collecting, state.deferred = saved
        _place_new(state, before, kind, start)
        return end

    def parse_raw_html(self, m: re.Match[str], state: BlockState) -> int | None:
        assert isinstance(state, PositionedState)
        start = state.cursor
        before = len(state.tokens)
        end = super().parse_raw_html(m, state)
        # HTML blocks move the cursor to their end marker before the token is appended.
        _place_new(state, before, "block_html", start)
        return end

    def parse_ref_link(self, m: re.Match[str], state: BlockState) -> int | None:
        assert isinstance(state, PositionedState)
        start = state.cursor
        links = state.env["ref_links"]
        known = len(links)
        end = super().parse_ref_link(m, state)
        if end and len(links) > known:
            # A dict keeps insertion order: the new keys are the last ones. (Copying the set
            # of keys for each definition made 20,000 definitions take 16 s.)
            refs: list[tuple[str, int, int]] = state.env[REF_POSITIONS]
            line, column = state.position(start)
            for key in itertools.islice(reversed(links), len(links) - known):
                refs.append((key, line, column))
        return end


def _ends_without_parsing(m: re.Match[str]) -> bool:
    """Whether the block ``m`` starts surely ends the container collecting its lines: a block
    quote always does; a list item only when it may interrupt a paragraph (it has text, and
    an ordered one starts at 1), else mistune decides, by parsing."""
    if m.lastgroup == "block_quote":
        return True
    if m.lastgroup != "list":
        return False
    marker, text = m.group("list_2"), m.group("list_3")
    if not text or not text.strip():
        return False
    return marker[-1] not in ".)" or int(marker[:-1]) == 1


def parse_blocks(text: str, lines: list[str]) -> tuple[list[Token], MutableMapping[str, Any]]:
    """Block tokens of ``text`` (positions attached) and the parse environment."""
    parser = PositionedBlockParser()
    state = PositionedState()
    state.env[ITEM_POSITIONS] = {}
    state.env[REF_POSITIONS] = []
    state.env[ORIGINAL_LINES] = lines
    state.process(text)
    parser.parse(state)
    return state.tokens, state.env
