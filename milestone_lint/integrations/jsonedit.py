"""Edit a JSON file in place: insert or remove one member or element, every other byte kept.

Settings files are written by people and by other tools, each in its own layout (arrays on one
line, a key order, blank lines). Loading and dumping them would rewrite all of it; here a value
is added as text beside its siblings, in the file's own indentation, and removed as exactly
that text, so adding then removing gives the file back byte for byte.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")
_SPACE = re.compile(r"[ \t\n\r]*")


class Member(NamedTuple):
    """One member of an object (``key`` set) or element of an array; ``start`` is where it
    begins: its key's opening quote, or the value itself."""

    key: str | None
    start: int
    node: Node


class Node(NamedTuple):
    """A value's span ``[start, end)`` and, for objects and arrays, their members in order."""

    start: int
    end: int
    kind: str  # "object", "array" or "scalar"
    members: list[Member]


_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)


def scanstring(text: str, at: int) -> tuple[str, int]:
    """The string whose body starts at ``at`` (after its opening quote), and where it ends."""
    match = _STRING_BODY.match(text, at)
    if match is None:
        raise ValueError(f"unterminated string at {at}")
    value: str = json.loads(text[at - 1 : match.end()])
    return value, match.end()


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    assert match is not None
    return match.end()


def _value(text: str, at: int) -> Node:
    at = _skip(text, at)
    char = text[at : at + 1]
    if char in ("{", "["):
        start, closing = at, "}" if char == "{" else "]"
        kind = "object" if char == "{" else "array"
        members: list[Member] = []
        at = _skip(text, at + 1)
        if text[at] == closing:
            return Node(start, at + 1, kind, members)
        while True:
            at = _skip(text, at)
            member_start, key = at, None
            if kind == "object":
                key, at = scanstring(text, at + 1)
                at = _skip(text, at) + 1  # past the colon
            node = _value(text, at)
            members.append(Member(key, member_start, node))
            at = _skip(text, node.end)
            if text[at] == ",":
                at += 1
                continue
            return Node(start, at + 1, kind, members)
    if char == '"':
        _, end = scanstring(text, at + 1)
        return Node(at, end, "scalar", [])
    match = _SCALAR.match(text, at)
    if match is None:
        raise ValueError(f"unexpected {char!r} at {at}")
    return Node(at, match.end(), "scalar", [])


def parse(text: str) -> Node:
    """The spans of a JSON text already known to be valid (``json.loads`` said so)."""
    return _value(text, 0)


def unit(text: str) -> str:
    """The file's indentation step (two spaces when it cannot tell)."""
    match = re.search(r"^[{\[][ \t]*\r?\n([ \t]+)\S", text)
    return match.group(1) if match else "  "


def _line_indent(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    match = _SPACE.match(text, start)
    line = text[start : match.end() if match else start]
    return line.replace("\n", "").replace("\r", "")


def render(value: Any, indent: str, step: str) -> str:
    """``value`` as JSON in the file's style, its lines after the first at ``indent``."""
    dumped = json.dumps(value, indent=step, ensure_ascii=False)
    return dumped.replace("\n", "\n" + indent)


def append(text: str, container: Node, value: Any, key: str | None = None) -> str:
    """``text`` with ``value`` (as ``key`` in an object) added after the container's last
    member, in the container's indentation."""
    step = unit(text)
    outer = _line_indent(text, container.start)
    inner = outer + step
    item = render(value, inner, step)
    if key is not None:
        item = json.dumps(key, ensure_ascii=False) + ": " + item
    newline = "\r\n" if "\r\n" in text else "\n"
    if container.members:
        last = container.members[-1].node
        return text[: last.end] + "," + newline + inner + item + text[last.end :]
    close = container.end - 1
    return text[: container.start + 1] + newline + inner + item + newline + outer + text[close:]


def remove(text: str, container: Node, index: int) -> str:
    """``text`` without the container's member ``index`` and its separator: the inverse of
    :func:`append` for a last member."""
    members = container.members
    node = members[index].node
    if index > 0:
        return text[: members[index - 1].node.end] + text[node.end :]
    if len(members) > 1:
        return text[: members[0].start] + text[members[1].start :]
    return text[: container.start + 1] + text[container.end - 1 :]
