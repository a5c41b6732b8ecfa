"""Tolerant heading matching: "Key Decisions", "Decisions made" and "2. Decisions" all match."""

from __future__ import annotations

import re
from collections.abc import Mapping

from milestone_lint.convention.vocabulary import DATE_COMPLETED, HANDOFF_SECTIONS
from milestone_lint.convention.vocabulary import SUMMARY_SYNONYMS as BUILTIN_SYNONYMS


def normalize(text: str) -> str:
    """Lowercase words only: numbering, emphasis, emoji and punctuation dropped; ``&`` read
    as "and" ("Challenges & Solutions" is "challenges and solutions")."""
    text = re.sub(r"^\s*\d+[.)]\s*", "", text.lower()).replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


# A parenthesised suffix: an abbreviation or an aside ("Requirements (PDR)", "Changes (done)").
_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def _bare(text: str) -> str:
    """``text`` normalised without its parenthesised suffix."""
    return normalize(_SUFFIX.sub("", text)) if ")" in text else normalize(text)


def synonyms_for(section: str, extra: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    key = normalize(section)
    names = {key, _bare(section), *BUILTIN_SYNONYMS.get(key, ())}
    for name, more in extra.items():
        if normalize(name) == key:
            names.update(normalize(m) for m in more)
    return tuple(sorted(names))


def heading_matches(heading: str, names: tuple[str, ...]) -> bool:
    """Exact match after normalising, with or without a parenthesised suffix ("Priority
    Development Requirements (PDR)"), or a name followed by "and …" ("Decisions and why")."""
    text = normalize(heading)
    bare = _bare(heading)
    return any(text == name or bare == name or text.startswith(name + " and ") for name in names)


def is_date_section(section: str, extra: Mapping[str, tuple[str, ...]]) -> bool:
    return normalize(section) in synonyms_for(DATE_COMPLETED, extra)


# Each normalised handoff section name, true for those that carry the session's content (a
# Summary, Discoveries), false for the ones any note may have (References, Next steps).
_HANDOFF_HEADINGS = {
    name: kind != "skip" for kind, names in HANDOFF_SECTIONS.items() for name in names
}


def reads_like_handoff(headings: list[str]) -> bool:
    """Whether a file's headings are a handoff's: three or more distinct handoff sections
    (Summary, Discoveries, Next steps…), one of them the session's own content. Two could be
    any note's ("Status", "Notes"); a guide rarely carries three."""
    found: set[str] = set()
    for heading in headings:
        for name in (normalize(heading), _bare(heading)):
            if name in _HANDOFF_HEADINGS:
                found.add(name)
                break
    return len(found) >= 3 and any(_HANDOFF_HEADINGS[name] for name in found)
