"""Gitignore-style globs over ``/``-separated paths, matched in time linear in the path.

A glob comes from a configuration file that a repository commits, so it is untrusted input: a
regex translation with one ``.*`` per star backtracks exponentially (a committed
``exclude = ["******************Z"]`` once made every commit's hook take 80 s). Here a path is
split into segments and matched segment by segment:

* ``**`` as a whole segment matches any number of segments (``a/**/b``, ``**/b``); a trailing
  ``/**`` matches everything inside (at least one segment). Elsewhere a run of stars is one
  ``*``, as git reads it.
* Within a segment, ``*`` and ``?`` never cross ``/``; the pieces between stars have a fixed
  length, so the leftmost place each can go is always right, and each is tried once (an
  atomic group, written as a lookahead and a back-reference so that Python 3.10 has it).
* ``[abc]``, ``[a-z]``, ``[!a]`` / ``[^a]`` (``]`` first is a member) are classes; an unclosed
  ``[``, a reversed range or a POSIX class is a :class:`GlobError`, which configuration
  validation reports with the glob's key.

A pattern without ``/`` (but a trailing one) matches a name at any depth, unless ``anchored``.
"""

from __future__ import annotations

import functools
import re

# A whole-segment ``**``: any number of segments, none included.
ANY_SEGMENTS = None


class GlobError(ValueError):
    """A glob that cannot mean what its author wanted; the message says why."""


def _class(pattern: str, start: int) -> tuple[str, int]:
    """The regex of the class opening at ``start`` and the index after it."""
    i = start + 1
    negate = i < len(pattern) and pattern[i] in "!^"
    i += negate
    members: list[str] = []
    first = True
    while i < len(pattern) and (pattern[i] != "]" or first):
        ch = pattern[i]
        if ch == "[" and pattern.startswith(("[:", "[=", "[."), i):
            raise GlobError("POSIX classes like [:alpha:] are not supported; list the characters")
        if i + 2 < len(pattern) and pattern[i + 1] == "-" and pattern[i + 2] != "]":
            low, high = ch, pattern[i + 2]
            if low > high:
                raise GlobError(f'the range "{low}-{high}" is reversed; write "{high}-{low}"')
            members.append(f"{re.escape(low)}-{re.escape(high)}")
            i += 3
        else:
            members.append(re.escape(ch))
            i += 1
        first = False
    if i >= len(pattern):
        raise GlobError('an unclosed "["; close it, or write "[[]" for a literal bracket')
    return "[" + ("^" if negate else "") + "".join(members) + "]", i + 1


def _pieces(segment: str) -> list[str]:
    """The segment's fixed-length pieces as regexes, split where stars stand (a star run is
    one empty-string marker between them)."""
    pieces: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(segment):
        ch = segment[i]
        if ch == "*":
            pieces.append("".join(current))
            current = []
            while i < len(segment) and segment[i] == "*":
                i += 1
            continue
        if ch == "?":
            current.append(".")
            i += 1
        elif ch == "[":
            regex, i = _class(segment, i)
            current.append(regex)
        else:
            current.append(re.escape(ch))
            i += 1
    pieces.append("".join(current))
    return pieces


def _segment_regex(segment: str) -> re.Pattern[str]:
    pieces = _pieces(segment)
    if len(pieces) == 1:
        return re.compile(f"(?s:{pieces[0]})\\Z")
    head, *middle, tail = pieces
    parts = [head]
    for n, piece in enumerate(middle):
        # The leftmost place the piece can go, taken once: no backtracking into it.
        parts.append(f"(?=(?P<g{n}>.*?{piece}))(?P=g{n})")
    parts.append(f".*{tail}")
    return re.compile("(?s:" + "".join(parts) + ")\\Z")


class Glob:
    """One compiled glob; :meth:`match` a whole path, :meth:`covers` a path or its folders."""

    def __init__(self, pattern: str, anchored: bool | None = None) -> None:
        text = pattern.strip()
        if anchored is None:
            anchored = "/" in text.rstrip("/")
        text = text.strip("/")
        if not text:
            raise GlobError("an empty pattern matches nothing; remove it")
        parts: list[re.Pattern[str] | None] = [] if anchored else [ANY_SEGMENTS]
        segments = text.split("/")
        for n, segment in enumerate(segments):
            if segment == "**":
                if not parts or parts[-1] is not ANY_SEGMENTS:  # **/** is one **
                    parts.append(ANY_SEGMENTS)
                if n == len(segments) - 1:
                    parts.append(_segment_regex("*"))  # a/** : everything inside a
            elif segment:
                parts.append(_segment_regex(segment))
        self.pattern = pattern
        self.parts = tuple(parts)
        self._groups = _split(self.parts)

    def match(self, path: str) -> bool:
        """True when the whole ``path`` matches."""
        return _match(self._groups, [s for s in path.split("/") if s])

    def covers(self, path: str) -> bool:
        """True when ``path`` or one of its parent folders matches (an excluded folder
        excludes what it holds)."""
        return _match((*self._groups, ()), [s for s in path.split("/") if s])

    @property
    def head(self) -> Group:
        """The segment patterns before the first ``**``: a walk prunes by them."""
        return self._groups[0]

    @property
    def bounded(self) -> bool:
        """No ``**``: a match is exactly as deep as the glob."""
        return len(self._groups) == 1

    @property
    def literal(self) -> str | None:
        """The path itself when the glob has no wildcard (found without listing a folder)."""
        if any(p is ANY_SEGMENTS for p in self.parts):
            return None
        text = self.pattern.strip().strip("/")
        return None if any(c in text for c in "*?[") else text


Group = tuple[re.Pattern[str], ...]


def _split(parts: tuple[re.Pattern[str] | None, ...]) -> tuple[Group, ...]:
    """The runs of segment patterns between whole-segment ``**``: matching the first run at
    the start, the last at the end, and each other one at its leftmost place is exact."""
    groups: list[Group] = []
    current: list[re.Pattern[str]] = []
    for part in parts:
        if part is ANY_SEGMENTS:
            groups.append(tuple(current))
            current = []
        else:
            current.append(part)
    groups.append(tuple(current))
    return tuple(groups)


def _run_matches(group: Group, segments: list[str], start: int) -> bool:
    return all(p.match(s) for p, s in zip(group, segments[start : start + len(group)], strict=True))


def _match(groups: tuple[Group, ...], segments: list[str]) -> bool:
    if len(groups) == 1:
        (only,) = groups
        return len(only) == len(segments) and _run_matches(only, segments, 0)
    head, *middle, tail = groups
    end = len(segments) - len(tail)
    if end < len(head) or not _run_matches(head, segments, 0):
        return False
    if not _run_matches(tail, segments, end):
        return False
    at = len(head)
    for group in middle:
        found = next(
            (j for j in range(at, end - len(group) + 1) if _run_matches(group, segments, j)),
            None,
        )
        if found is None:
            return False
        at = found + len(group)
    return True


@functools.lru_cache(maxsize=512)
def compile_glob(pattern: str, anchored: bool | None = None) -> Glob:
    """The compiled glob (cached: the same globs are asked of every file of a tree)."""
    return Glob(pattern, anchored)


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` is malformed, or None when it is a glob."""
    try:
        compile_glob(pattern)
    except GlobError as exc:
        return str(exc)
    return None


def glob_match(pattern: str, path: str) -> bool:
    """True when ``path`` (relative, ``/``-separated) or one of its parent folders matches."""
    return compile_glob(pattern).covers(path)


def glob_match_any(patterns: tuple[str, ...], path: str) -> bool:
    return any(glob_match(p, path) for p in patterns)
