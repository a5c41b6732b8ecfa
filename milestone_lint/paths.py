"""Path helpers: safe display of odd file names, and gitignore-style glob matching."""

from __future__ import annotations

import functools
import os
import re


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


@functools.lru_cache(maxsize=512)
def glob_regex(pattern: str, anchored: bool | None = None) -> re.Pattern[str]:
    """Translate a glob with ``**`` into a regex over ``/``-separated paths.

    ``*`` and ``?`` never cross ``/``; ``**`` matches any number of whole segments. A pattern
    without ``/`` matches a name at any depth, as in ``.gitignore``, unless ``anchored``.
    """
    pat = pattern.strip()
    if anchored is None:
        anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    i = 0
    parts: list[str] = []
    while i < len(pat):
        ch = pat[i]
        if pat.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            parts.append(".*")
            i += 2
        elif ch == "*":
            parts.append("[^/]*")
            i += 1
        elif ch == "?":
            parts.append("[^/]")
            i += 1
        elif ch == "[":
            end = pat.find("]", i + 2)
            if end == -1:
                parts.append(re.escape(ch))
                i += 1
            else:
                body = pat[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                parts.append("[" + body.replace("\\", "\\\\") + "]")
                i = end + 1
        else:
            parts.append(re.escape(ch))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(parts) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """True when ``path`` (relative, ``/``-separated) or one of its parent folders matches."""
    regex = glob_regex(pattern)
    if regex.match(path):
        return True
    parts = path.split("/")
    return any(regex.match("/".join(parts[:n])) for n in range(1, len(parts)))


def glob_match_any(patterns: tuple[str, ...], path: str) -> bool:
    return any(glob_match(p, path) for p in patterns)


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
