"""Turn mistune's positioned tokens into the document model."""

from __future__ import annotations

import bisect
import re
from collections.abc import MutableMapping
from typing import Any

from mistune.inline_parser import InlineParser

from milestone_lint.markdown.fences import displaced, early_closes
from milestone_lint.markdown.model import (
    Block,
    CodeBlock,
    Comment,
    Document,
    Heading,
    Link,
    ListItem,
    Paragraph,
    Section,
)
from milestone_lint.markdown.positions import (
    COLUMN,
    ITEM_POSITIONS,
    LINE,
    REF_POSITIONS,
    Token,
    parse_blocks,
)
from milestone_lint.markdown.prepare import Prepared, prepare
from milestone_lint.markdown.words import count_words, without_tables

_INLINE = InlineParser()
# mistune's emphasis pass is superlinear on blocks dense with ``*``/``_`` runs (50,000
# ``**Problem:**`` in one paragraph: 1 s of 1.4). No rule reads emphasis, only the words,
# links and comments around it: a block this large is read without it.
_PLAIN_INLINE = InlineParser()
_PLAIN_INLINE.rules = [rule for rule in _PLAIN_INLINE.rules if rule != "emphasis"]
LARGE_BLOCK = 32 * 1024
# Where an inline rule of mistune's can start: escapes, code spans, emphasis, links and
# images, autolinks and HTML, line breaks. A text without any is one plain text token.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<\n]")
# How many openers a link's search walks before taking the first (see _Builder.seek).
_SEEK_STEPS = 16
# What an autolink's text can be: a URI with a scheme, or an e-mail address.
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+")
_CHECKBOX = re.compile(r"^\[[ xX]\](\s|$)")
HTML_LINK = re.compile(r"""\b(?P<attr>src|href)\s*=\s*["'](?P<url>[^"']+)["']""", re.IGNORECASE)


class _Text:
    """Original text with offsets, to place inline things (links, comments) exactly."""

    def __init__(self, lines: list[str]) -> None:
        self.text = "\n".join(lines)
        self.starts = [0]
        for line in lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def offset(self, line: int, column: int) -> int:
        if line - 1 >= len(self.starts):
            return len(self.text)
        return self.starts[line - 1] + column - 1

    def line_end(self, line: int) -> int:
        """The offset just past ``line`` (its newline included)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


class _Inline:
    """What one block's inline content yields: words, prose, links and comments."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.prose: list[str] = []
        # (url, label, how it is written: link, image, autolink or html, is an image)
        self.links: list[tuple[str, str, str, bool]] = []
        self.comments: list[str] = []

    def walk(self, tokens: list[Token], in_link: bool = False) -> None:
        for token in tokens:
            kind = token["type"]
            if kind == "text":
                self.words.append(token["raw"])
                self.prose.append(" " if in_link else token["raw"])
            elif kind in ("codespan", "softbreak", "linebreak"):
                self.words.append(" ")
                self.prose.append(" ")
            elif kind == "inline_html":
                raw = token["raw"]
                if raw.startswith("<!--"):
                    self.comments.append(raw)
                else:
                    self.prose.append(raw)
                    for match in HTML_LINK.finditer(raw):
                        image = match["attr"].lower() == "src"
                        self.links.append((match["url"], "", "html", image))
                self.words.append(" ")
            elif kind in ("link", "image") and _footnote(token.get("ref", "")):
                # "[^1]" resolved through "[^1]: x.md": mistune knows no footnotes and reads
                # a reference link; in GFM it is a footnote mark, neither a link nor a word.
                # Kept in the list only to be placed, so that the links after it are too.
                label = _plain(token.get("children", []))
                self.links.append(("", label, "footnote", kind == "image"))
                self.words.append(" ")
                self.prose.append(" ")
            elif kind in ("link", "image"):
                url = token.get("attrs", {}).get("url", "")
                label = _plain(token.get("children", []))
                # An autolink's text is its address: "<a@b.c>" is (mailto:a@b.c, a@b.c).
                bare = kind == "link" and _ADDRESS.fullmatch(label) is not None
                self.links.append((url, label, "bare" if bare else kind, kind == "image"))
                self.words.append(" ")
                self.walk(token.get("children", []), in_link=True)
                self.words.append(" ")
                self.prose.append(" ")
            elif "children" in token:
                self.walk(token["children"], in_link)
            elif "raw" in token:
                self.words.append(token["raw"])
                self.prose.append(" " if in_link else token["raw"])


def _footnote(label: str) -> bool:
    """Whether a reference label names a GFM footnote (``[^1]``, ``[^note]``): GFM reads
    such a label as a footnote whatever follows it, never as a link reference."""
    return label.startswith("^")


def _plain(tokens: list[Token]) -> str:
    out: list[str] = []
    for token in tokens:
        if "children" in token:
            out.append(_plain(token["children"]))
        elif token["type"] == "text" or token["type"] == "codespan":
            out.append(token["raw"])
    return "".join(out)


class _Builder:
    def __init__(self, prepared: Prepared, env: MutableMapping[str, Any]) -> None:
        self.doc = Document(lines=prepared.lines, front_matter=prepared.front_matter)
        self.env = env
        self.items: dict[int, tuple[int, int]] = env[ITEM_POSITIONS]
        self.text = _Text(prepared.lines)
        self.search_from = 0
        self.lists = 0

    def inline(self, text: str) -> _Inline:
        result = _Inline()
        text = text.strip(" \r\n\t\f")
        if not _INLINE_SYNTAX.search(text):
            # No character any inline rule starts at: mistune would return the text as it is
            # (most bullets). Parsing it costs as much as the rest of the model.
            if text:
                result.walk([{"type": "text", "raw": text}])
            return result
        parser = _PLAIN_INLINE if len(text) > LARGE_BLOCK else _INLINE
        result.walk(parser(text, self.env))
        return result

    def words_outside_tables(self, text: str, found: _Inline) -> str:
        """The text words are counted in: the block's, less any table in it."""
        rest = without_tables(text)
        if rest is None:
            return "".join(found.words)
        return "".join(self.inline(rest).words) if rest.strip() else ""

    def seek(self, opener: str, needle: str, start: int, end: int, exact: bool = False) -> int:
        """Where ``needle`` starts at one of the next few ``opener``s in [start, end), else
        (unless ``exact``) the first ``opener`` there, else -1.

        Walking openers instead of searching the needle keeps a needle absent from the
        source (a label with emphasis or escapes, a comment across quote markers) from
        scanning the rest of the block once per link: that was quadratic on blocks of
        thousands of links.
        """
        text = self.text.text
        first = found = text.find(opener, start, end)
        for _ in range(_SEEK_STEPS):
            if found < 0:
                break
            if text.startswith(needle, found):
                return found
            found = text.find(opener, found + 1, end)
        return -1 if exact else first

    def record_inline(self, found: _Inline, line: int, column: int, end_line: int) -> None:
        # Each search starts past the previous find: two links with one label ("[x](a.md)
        # and [x](b.md)") are two places, not the first one twice. No search leaves the
        # block (its last line is ``end_line``).
        text = self.text
        end = text.line_end(end_line)
        start = text.offset(line, column)
        for url, label, kind, image in found.links:
            at = -1
            if kind == "bare":  # "<http://x>", or "[http://x](http://x)"
                at = self.seek("<", "<" + label + ">", start, end, exact=True)
            if kind == "html":
                at = self.seek(url, url, start, end)
            elif at < 0:
                opener = "![" if image else "["
                at = self.seek(opener, opener + label, start, end)
            place = text.position(at) if at >= 0 else text.position(start)
            if kind != "footnote":
                self.doc.links.append(Link(url, place[0], place[1], image=image))
            if at >= 0:
                start = at + 1
        start = text.offset(line, column)
        for raw in found.comments:
            at = self.seek("<!--", raw, start, end)
            place = text.position(at) if at >= 0 else text.position(start)
            self.doc.comments.append(Comment(raw, place[0], place[1], place[0] + raw.count("\n")))
            if at >= 0:
                start = at + 1

    def walk(self, tokens: list[Token], depth: int, in_quote: bool) -> None:
        for token in tokens:
            kind = token["type"]
            line, column = token.get(LINE, 0), token.get(COLUMN, 0)
            if kind == "heading":
                found = self.inline(token["text"])
                text = "".join(found.words).strip()
                raw_line = self.doc.lines[line - 1] if 0 < line <= len(self.doc.lines) else ""
                end = len(raw_line.rstrip()) + 1
                # A setext heading's text may span lines (each ends with a newline); its
                # underline is the line after them.
                last = line + token["text"].count("\n") + 1
                end_line = line if token.get("style") == "atx" else last - 1
                level = token["attrs"]["level"]
                self.doc.headings.append(
                    Heading(level, " ".join(text.split()), line, column, end, end_line)
                )
                self.doc.words += count_words(text)
                self.record_inline(found, line, column, last)
            elif kind in ("paragraph", "block_text"):
                found = self.inline(token["text"])
                words = self.words_outside_tables(token["text"], found)
                count = count_words(words)
                self.doc.paragraphs.append(
                    Paragraph(
                        token["text"], words, "".join(found.prose), line, column, in_quote, count
                    )
                )
                self.doc.words += count
                self.record_inline(found, line, column, line + token["text"].count("\n"))
            elif kind == "block_code":
                raw = token.get("raw", "")
                fenced = token.get("style") == "fenced"
                end_line = line + raw.count("\n") + (1 if fenced else 0)
                if fenced and raw and not raw.endswith("\n"):
                    end_line += 1
                info = token.get("attrs", {}).get("info", "")
                self.doc.code_blocks.append(CodeBlock(line, column, end_line, info))
            elif kind == "block_html":
                raw = token.get("raw", "")
                if raw.lstrip().startswith("<!--"):
                    end_line = line + raw.rstrip("\n").count("\n")
                    self.doc.comments.append(Comment(raw.strip(), line, column, end_line))
                else:
                    self.doc.other_lines.add(line)
                    self.doc.html_blocks.append((raw, line, column))
                    start = self.text.offset(line, column)
                    end = self.text.line_end(line + raw.count("\n"))
                    for match in HTML_LINK.finditer(raw):
                        url = match["url"]
                        found_at = self.seek(url, url, start, end)
                        at = self.text.position(found_at if found_at >= 0 else start)
                        image = match["attr"].lower() == "src"
                        self.doc.links.append(Link(url, at[0], at[1], image=image))
                        if found_at >= 0:
                            start = found_at + 1
            elif kind == "block_quote":
                self.walk(token["children"], depth, True)
            elif kind == "list":
                self.lists += 1
                number = self.lists
                for item in token["children"]:
                    self.list_item(item, depth + 1, in_quote, number)

    def list_item(self, item: Token, depth: int, in_quote: bool, number: int) -> None:
        line, column = self.items.get(id(item["children"]), (0, 0))
        own = [c for c in item["children"] if c["type"] in ("paragraph", "block_text")]
        raw = "\n".join(c["text"].strip() for c in own)
        checkbox = _CHECKBOX.match(raw)
        # A task-list box is syntax, not words: "[ ] write tests" is three words.
        own_text = raw[checkbox.end() :] if checkbox else raw
        found = self.inline(own_text)
        # The bullet's own words: a table in the item is not part of them.
        words = self.words_outside_tables(own_text, found)
        first = own[0] if own else None
        count = count_words(words)
        self.doc.items.append(
            ListItem(
                raw,
                words,
                "".join(found.prose),
                line,
                column,
                depth,
                bool(checkbox),
                number,
                in_quote,
                count,
            )
        )
        self.doc.words += count
        if first is not None:
            last = own[-1]
            end_line = last.get(LINE, line) + last["text"].count("\n")
            self.record_inline(found, first.get(LINE, line), first.get(COLUMN, column), end_line)
        rest = [c for c in item["children"] if c["type"] not in ("paragraph", "block_text")]
        self.walk(rest, depth, in_quote)

    def references(self) -> None:
        refs: list[tuple[str, int, int]] = self.env[REF_POSITIONS]
        for key, line, column in refs:
            if _footnote(key):
                continue  # "[^note]: text" defines a GFM footnote, not a link target
            url = self.env["ref_links"].get(key, {}).get("url", "")
            self.doc.links.append(Link(url, line, column, definition=True))

    def sections(self) -> None:
        doc = self.doc
        headings = sorted(doc.headings, key=lambda h: h.line)
        last_line = len(doc.lines) + 1
        blocks: list[Block] = doc.blocks
        block_lines = [b.line for b in blocks]
        other = sorted(doc.other_lines)
        # Where each heading's section ends: the next heading of the same or a higher level.
        ends = [last_line] * len(headings)
        open_headings: list[int] = []
        for index, heading in enumerate(headings):
            while open_headings and headings[open_headings[-1]].level >= heading.level:
                ends[open_headings.pop()] = heading.line
            open_headings.append(index)
        for index, heading in enumerate(headings):
            own_end = headings[index + 1].line if index + 1 < len(headings) else last_line
            first = bisect.bisect_right(block_lines, heading.line)
            section = Section(heading, end_line=ends[index])
            section.body_blocks = blocks[first : bisect.bisect_left(block_lines, ends[index])]
            section.blocks = blocks[first : bisect.bisect_left(block_lines, own_end)]
            low = bisect.bisect_right(other, heading.line)
            section.has_other_content = low < len(other) and other[low] < ends[index]
            section.has_subsections = own_end < ends[index]
            doc.sections.append(section)


def _leave_out_displaced(doc: Document) -> None:
    """Drop what a fence closed early spilled into the text (the rest of a template after its
    nested example): the author wrote it as code, and no rule judges it as their prose."""
    if not doc.code_blocks:
        return
    doc.early_closes = early_closes(doc.lines, [(b.line, b.end_line) for b in doc.code_blocks])
    spans = displaced(doc.early_closes)
    if not spans:
        return

    def inside(line: int) -> bool:
        return any(first <= line <= last for first, last in spans)

    kept_paragraphs = [p for p in doc.paragraphs if not inside(p.line)]
    kept_items = [i for i in doc.items if not inside(i.line)]
    kept_headings = [h for h in doc.headings if not inside(h.line)]
    doc.words -= sum(p.words for p in doc.paragraphs) - sum(p.words for p in kept_paragraphs)
    doc.words -= sum(i.words for i in doc.items) - sum(i.words for i in kept_items)
    dropped = [h for h in doc.headings if inside(h.line)]
    doc.words -= sum(count_words(h.text) for h in dropped)
    doc.paragraphs, doc.items, doc.headings = kept_paragraphs, kept_items, kept_headings
    doc.links = [link for link in doc.links if not inside(link.line)]
    doc.html_blocks = [block for block in doc.html_blocks if not inside(block[1])]
    doc.other_lines = {line for line in doc.other_lines if not inside(line)}


def parse_markdown(raw: str) -> Document:
    """Parse markdown text into a :class:`Document` with exact positions."""
    prepared = prepare(raw)
    tokens, env = parse_blocks(prepared.text, prepared.lines)
    builder = _Builder(prepared, env)
    builder.walk(tokens, -1, False)
    builder.references()
    _leave_out_displaced(builder.doc)
    builder.sections()
    doc = builder.doc
    doc.paragraphs.sort(key=lambda p: (p.line, p.column))
    doc.items.sort(key=lambda i: (i.line, i.column))
    doc.links.sort(key=lambda link: (link.line, link.column))
    doc.comments.sort(key=lambda c: (c.line, c.column))
    return doc
