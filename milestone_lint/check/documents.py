"""Markdown files of one root, read and parsed on demand, each at most once."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from milestone_lint.sources.base import Source

if TYPE_CHECKING:
    from milestone_lint.markdown.model import Document


class Reading(NamedTuple):
    """A file's text, or why there is none (the ML001 message)."""

    text: str | None
    problem: str | None = None
    line: int = 1
    column: int = 1


def decode(data: bytes) -> Reading:
    """UTF-8 text, or a precise reason why the bytes are not markdown text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Reading(None, "file is UTF-16, not UTF-8; re-save it as UTF-8")
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return Reading(
            None,
            "file is binary (NUL byte), not markdown text; remove it or rename it without .md",
            line,
            1,
        )
    try:
        return Reading(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        return Reading(
            None,
            f"file is not valid UTF-8 (byte 0x{byte:02x}); re-save it as UTF-8",
            line,
            column,
        )


# Judging costs per line and per link, tag, code span or escape, not per byte: a megabyte of prose
# is judged in 0.15 s, a megabyte of one-word bullets would take 7 s (mistune alone: 4.7 s).
# A hook must answer within a second whatever it is given, so a file with more of these
# than this is reported (ML001) and not judged. The largest real handoff met holds 578.
MAX_MARKS = 15_000
# Findings are a cost too (~4 µs each, to find, place and show): a megabyte of "TBD " holds
# 250,000. Past this many in one file, the file is reported (ML001) instead: no reader wants
# the list.
MAX_FINDINGS = 20_000


def too_dense(text: str) -> str | None:
    """Why ``text`` is too long to judge (the ML001 message), or None."""
    if len(text) < MAX_MARKS:
        return None  # fewer characters than the limit: fewer marks too (most files)
    lines = text.count("\n") + 1
    marks = text.count("[") + text.count("<") + text.count("\\") + text.count("`") // 2
    # Containers opened on one line ("- - - a", "> 1. > a") each cost as much as a line: a
    # line's run of markers and indentation, when long enough to nest. (Compiled here, in
    # the rare large file, not at every commit's import.)
    runs = re.findall(r"(?m)^[ \t>*+\-\d.)]{4,}", text)
    marks += sum(len(p) - p.count(" ") - p.count("\t") for p in runs)
    if lines + marks <= MAX_MARKS:
        return None
    return (
        f"file is too long to judge: {lines:,} lines and {marks:,} links, tags, code spans or"
        f" escapes, over the {MAX_MARKS:,} judged in one file; split it"
    )


class DocumentStore:
    """Reads through a source; paths are relative to the root ``root``."""

    def __init__(self, source: Source, root: str) -> None:
        self.source = source
        self.root = root
        self._readings: dict[str, Reading] = {}
        self._documents: dict[str, Document | None] = {}
        # Git blob ids of the files read, kept while the content cache is in use.
        self.hashing = False
        self._blobs: dict[str, str] = {}

    def full(self, rel: str) -> str:
        return f"{self.root}/{rel}" if self.root and rel else self.root or rel

    def read(self, rel: str) -> Reading:
        if rel not in self._readings:
            try:
                data = self.source.read(self.full(rel))
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                self._readings[rel] = Reading(None, f"file cannot be read ({reason})")
            else:
                self._readings[rel] = decode(data)
                if self.hashing:
                    from milestone_lint.check.cache import blob_id

                    self._blobs[rel] = blob_id(data)
        return self._readings[rel]

    def blob(self, rel: str) -> str | None:
        """The git blob id of a file's content (the index knows it without reading); None
        when the file cannot be read."""
        known = self.source.blob_id(self.full(rel))
        if known is not None:
            return known
        self.hashing = True
        if rel not in self._blobs:
            self._readings.pop(rel, None)
            self.read(rel)
        return self._blobs.get(rel)

    def size(self, rel: str) -> int:
        """The file's size in bytes, as near as is cheap (0 when it cannot be known)."""
        reading = self._readings.get(rel)
        if reading is not None:
            return len(reading.text or "")
        return self.source.size(self.full(rel))

    def forget(self, rel: str) -> None:
        """Drop what was read and parsed of a file judged: a large tree is not held whole."""
        self._readings.pop(rel, None)
        self._documents.pop(rel, None)

    def text(self, rel: str) -> str | None:
        return self.read(rel).text

    def text_once(self, rel: str) -> str | None:
        """A file's text read for another file's judgement (a summary's handoffs): kept only
        if it was read already, so a large tree is not held whole."""
        if rel in self._readings:
            return self._readings[rel].text
        try:
            return decode(self.source.read(self.full(rel))).text
        except OSError:
            return None

    def document(self, rel: str) -> Document | None:
        """The parsed document, or None when the file is not readable text."""
        if rel not in self._documents:
            text = self.text(rel)
            if text is None:
                self._documents[rel] = None
            else:
                from milestone_lint.markdown.parse import parse_markdown

                self._documents[rel] = parse_markdown(text)
        return self._documents[rel]

    def exists(self, rel: str) -> bool:
        return self.source.exists(self.full(rel))
