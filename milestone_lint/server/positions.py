"""Positions between the linter (1-based lines, 1-based columns in code points) and LSP
(0-based lines, 0-based columns in UTF-16 code units, the encoding every client speaks)."""

from __future__ import annotations


def utf16_column(line_text: str, column: int) -> int:
    """The 0-based UTF-16 offset of the 1-based code-point ``column`` in ``line_text``."""
    before = line_text[: max(0, column - 1)]
    # A character outside the BMP (an emoji) is two UTF-16 units.
    return len(before) + sum(1 for char in before if ord(char) > 0xFFFF)


def lsp_position(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """(line, character) for LSP; a line past the end stays where it is (a layout finding
    about the file names no text: 1:1 is 0:0)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return max(0, line - 1), utf16_column(text, column)


def code_point_column(line_text: str, character: int) -> int:
    """The 1-based code-point column of LSP's 0-based UTF-16 ``character``."""
    units = 0
    for index, char in enumerate(line_text):
        if units >= character:
            return index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line_text) + 1
