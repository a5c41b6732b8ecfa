"""Reading numbers and slugs out of entry names, leniently, so one bad name does not cascade."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import re
from typing import NamedTuple

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_WELL_FORMED = re.compile(rf"(?P<digits>[0-9]+)-(?P<slug>{SLUG})")
_EPIC_WELL_FORMED = re.compile(rf"E(?P<digits>[0-9]+)-(?P<slug>{SLUG})")
# Lenient: a number followed by any separator (or nothing) still counts for numbering rules.
_LEADING_NUMBER = re.compile(r"(?P<digits>[0-9]+)(?=$|[-_ .])")
_EPIC_LEADING = re.compile(r"[Ee](?P<digits>[0-9]+)(?=$|[-_ .])")
MARKDOWN_SUFFIXES = (".md", ".markdown")
# The Handoff System's chat-history step writes the extracted conversation into the root as the
# next number: a transcript, not a handoff written to the template.
_TRANSCRIPT = re.compile(r"[0-9]+-chat[-_]transcript")


class NumberedName(NamedTuple):
    """What a name says about itself.

    ``digits`` is the number as written (``"007"``), ``None`` when the name has no leading
    number; ``well_formed`` is true only for the exact ``<N>-<slug>`` form.
    """

    stem: str
    digits: str | None
    slug: str
    well_formed: bool
    number: int | None  # int(digits), kept: layouts sort and compare numbers many times over

    @property
    def padded(self) -> bool:
        return self.digits is not None and len(self.digits) > 1 and self.digits.startswith("0")


def is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_name_stem(name: str) -> str | None:
    """The stem of a markdown file name, None for any other name (one lowering, not two)."""
    lower = name.lower()
    for suffix in MARKDOWN_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return None


def markdown_stem(name: str) -> str:
    """The stem of a markdown file name; any other name whole."""
    stem = markdown_name_stem(name)
    return name if stem is None else stem


def _value(digits: str) -> int:
    # Python refuses to convert more than 4,300 digits; no real name comes near, but a file
    # name must never crash the run.
    return int(digits[:4000])


def parse_name(stem: str, *, epic: bool = False) -> NumberedName:
    """Parse ``1-setup`` (or ``E2-auth`` with ``epic``), leniently."""
    exact = (_EPIC_WELL_FORMED if epic else _WELL_FORMED).fullmatch(stem)
    if exact:
        return NumberedName(stem, exact["digits"], exact["slug"], True, _value(exact["digits"]))
    loose = (_EPIC_LEADING if epic else _LEADING_NUMBER).match(stem)
    if loose:
        rest = stem[loose.end() :].lstrip("-_ .")
        return NumberedName(stem, loose["digits"], rest, False, _value(loose["digits"]))
    return NumberedName(stem, None, stem, False, None)


def is_transcript(stem: str) -> bool:
    """``16-chat_transcript`` or ``16-chat-transcript``: an extracted conversation."""
    return _TRANSCRIPT.fullmatch(stem) is not None


def is_system_name(name: str) -> bool:
    """``0-…`` entries (any zero padding) are system entries, never handoffs or milestones."""
    if not name.startswith("0"):  # most names: decided without the regex
        return False
    parsed = _LEADING_NUMBER.match(name)
    return parsed is not None and int(parsed["digits"]) == 0


# Latin letters NFKD does not decompose into a base letter and marks.
_LATIN = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)


def _ascii(text: str) -> str:
    """``text`` transliterated to ASCII letters: ``é`` → ``e`` (NFKD, marks dropped), ``ß``
    → ``ss``; "Résumé" slugged without it lost its accented letters (``r-sum``)."""
    import unicodedata  # only for names that are not ASCII; hooks never pay it otherwise

    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def suggest_slug(text: str) -> str:
    """A slug for ``text``: lowercase words joined by single hyphens, letters transliterated
    (``Résumé parsing — ünïcode`` → ``resume-parsing-unicode``)."""
    if not text.isascii():
        text = _ascii(text)
    words = re.findall(r"[a-z0-9]+", _split_camel(text).lower())
    return "-".join(words)


def _split_camel(text: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
