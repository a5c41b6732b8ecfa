"""One definition of a word, for every length rule (SPEC §2).

A word is a whitespace-separated token holding at least one letter or digit, outside code
spans, code blocks, tables and HTML comments. What code spans leave behind (``,`` ``(``),
dashes, ``+``, ``/`` and table pipes are not words: counting them reported a 1,170-word
handoff with tables at 1,374 words.
"""

from __future__ import annotations

import re

# A GFM table's delimiter row, stripped: | --- | :---: | or --- | ---, at least one pipe.
# (Matched on the stripped line: no whitespace runs to share out between quantifiers.)
_DELIMITER_ROW = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?|\|\s*:?-+:?\s*\|")


def is_delimiter_row(line: str) -> bool:
    """A pipe table's delimiter row (``|---|:-:|``): what makes the line above a header."""
    return _DELIMITER_ROW.fullmatch(line.strip()) is not None


# A whole token without a letter or digit (each token is tried from its start only: linear).
_NOT_A_WORD = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")


def count_words(text: str) -> int:
    """How many words ``text`` holds (tokens with a letter or a digit)."""
    return len(text.split()) - len(_NOT_A_WORD.findall(text))


def without_tables(text: str) -> str | None:
    """``text`` with the lines of its tables removed; None when it holds no table.

    A table is a header row, a delimiter row (``|---|---|``) and the rows with a pipe that
    follow. Without a delimiter row there is no table, however many pipes a line holds
    (``a | b | c`` in prose, pipes in code spans): counting such a block as a table missed
    52 words of a 1,248-word handoff.
    """
    if "|" not in text:
        return None  # most blocks: no pipe, no table
    lines = text.split("\n")
    table: set[int] = set()
    index = 1
    while index < len(lines):
        line = lines[index]
        if "-" in line and "|" in lines[index - 1] and _DELIMITER_ROW.fullmatch(line.strip()):
            table.update((index - 1, index))
            # The rows go on to the first line without a pipe; the scan resumes there (a
            # resumed scan inside the rows re-walked them per row: quadratic).
            index += 1
            while index < len(lines) and "|" in lines[index]:
                table.add(index)
                index += 1
        index += 1
    if not table:
        return None
    return "\n".join(line for index, line in enumerate(lines) if index not in table)
