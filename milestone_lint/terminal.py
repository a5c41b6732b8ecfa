"""Everything the tool prints goes out through here: safe on a terminal, in any encoding.

File names, headings, commit subjects and echoed arguments can hold anything, escape
sequences and bidi overrides included; a name like ``5-\\e]0;PWNED\\a x.md`` must not retitle
a terminal or hide text. Human output has every control character escaped (line breaks and
tabs aside), and characters the stream's encoding cannot carry are written as escapes instead
of failing. Machine formats (JSON, SARIF, JUnit, GitLab) are written as UTF-8 bytes whatever
the locale, so the encoding they declare is the one they have.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

from milestone_lint.paths import escape_char

# ASCII printable, line breaks and tabs pass as they are; anything else is looked at closely.
_PLAIN = re.compile(r"[\n\t\x20-\x7e]*")


def safe(text: str) -> str:
    """``text`` with every non-printable character (but line breaks and tabs) escaped."""
    if _PLAIN.fullmatch(text):
        return text
    return "".join(ch if ch in "\n\t" or ch.isprintable() else escape_char(ch) for ch in text)


def _write(stream: TextIO, text: str) -> None:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print human output (stderr with ``err``), escaped."""
    stream = sys.stderr if err else sys.stdout
    _write(stream, safe(text) + ("\n" if nl else ""))
    stream.flush()


def report(text: str, machine: bool) -> None:
    """Print a report: UTF-8 bytes for a machine format; for text, as the stream can carry it
    (its names and messages are escaped where the report is built, colours kept)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if machine and buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8", "surrogateescape"))
        buffer.flush()
        return
    _write(stream, text)
    stream.flush()
