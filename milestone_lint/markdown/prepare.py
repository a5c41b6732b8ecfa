"""Text normalisation that keeps every line where it was: BOM, line endings, front matter."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import re
from typing import NamedTuple

_FRONT_MATTER_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_KEY_VALUE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")


class Prepared(NamedTuple):
    """The text mistune sees, line for line the same as the file.

    ``lines`` are the file's lines without line endings (a BOM dropped from the first), so
    ``lines[n - 1]`` is line ``n`` as an editor shows it. Front matter lines are blanked in
    ``text`` so that mistune does not read them as a rule or a setext heading.
    """

    text: str
    lines: list[str]
    front_matter: dict[str, str]
    front_matter_end: int


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def prepare(raw: str) -> Prepared:
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    front: dict[str, str] = {}
    end = 0
    if lines and lines[0].rstrip() in _FRONT_MATTER_FENCES:
        closers = _FRONT_MATTER_FENCES[lines[0].rstrip()]
        for index in range(1, len(lines)):
            if lines[index].rstrip() in closers:
                end = index + 1
                break
        for line in lines[1 : end - 1] if end else ():
            match = _KEY_VALUE.match(line)
            if match and not line.startswith((" ", "\t")):
                front[match.group(1).lower()] = _unquote(match.group(2))
    shown = [""] * end + lines[end:]
    return Prepared("\n".join(shown) + "\n", lines, front, end)
