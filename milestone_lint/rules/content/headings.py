"""Tolerant heading matching: "Key Decisions", "Decisions made" and "2. Decisions" all match."""

from __future__ import annotations

import re
from collections.abc import Mapping

BUILTIN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date completed": ("date completed", "date", "completion date", "completed", "completed on"),
    "changes": (
        "changes",
        "changes implemented",
        "changes made",
        "implemented changes",
        "key changes",
        "what changed",
    ),
    "decisions": (
        "decisions",
        "key decisions",
        "decisions made",
        "design decisions",
        "technical decisions",
        "architectural decisions",
    ),
    "discoveries": ("discoveries", "key discoveries", "discoveries made", "findings"),
    "current system state": (
        "current system state",
        "current state",
        "system state",
        "current status",
        "state of the system",
        "current project state",
        "project state",
    ),
}


def normalize(text: str) -> str:
    """Lowercase words only: numbering, emphasis, emoji and punctuation dropped."""
    text = re.sub(r"^\s*\d+[.)]\s*", "", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


def synonyms_for(section: str, extra: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    key = normalize(section)
    names = {key, *BUILTIN_SYNONYMS.get(key, ())}
    for name, more in extra.items():
        if normalize(name) == key:
            names.update(normalize(m) for m in more)
    return tuple(sorted(names))


def heading_matches(heading: str, names: tuple[str, ...]) -> bool:
    """Exact match after normalising, or a name followed by "and …" ("Decisions and why")."""
    text = normalize(heading)
    return any(text == name or text.startswith(name + " and ") for name in names)


def is_date_section(section: str, extra: Mapping[str, tuple[str, ...]]) -> bool:
    return normalize(section) in synonyms_for("Date completed", extra)
