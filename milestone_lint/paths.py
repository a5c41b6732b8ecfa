"""Path helpers: safe display of odd file names, and what lies inside a folder (globs:
:mod:`.globs`)."""

from __future__ import annotations

import os


def display(text: str) -> str:
    """Return ``text`` with every non-printable character escaped.

    File names may hold anything but ``/`` and NUL; an escape sequence or a bidi override in a
    name must never reach a terminal, a CI log or an XML report raw. Undecodable bytes arrive
    from ``os`` as lone surrogates (``surrogateescape``) and are shown as the byte they stood
    for. Backslashes are doubled so that distinct names stay distinct once shown.
    """
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(
        "\\\\" if ch == "\\" else ch if ch.isprintable() else escape_char(ch) for ch in text
    )


def escape_char(ch: str) -> str:
    """How a character that must not be shown raw is written: ``\\x1b``, ``\\u202e``…

    Undecodable bytes arrive from ``os`` as lone surrogates (``surrogateescape``) and are
    shown as the byte they stood for.
    """
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def plural(count: int, word: str) -> str:
    """``1 handoff``, ``2 handoffs``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def within(path: str | os.PathLike[str], boundary: str | os.PathLike[str]) -> bool:
    """True when ``path`` resolves (links followed) to ``boundary`` or somewhere below it."""
    return is_below(os.path.realpath(path), os.path.realpath(boundary))


def is_below(real: str, top: str) -> bool:
    """True when the resolved path ``real`` is ``top`` or somewhere below it (no resolving
    here: for callers that resolved both already)."""
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)
