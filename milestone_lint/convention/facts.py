"""The checkable facts of a text: numbers, quantities, code spans and file paths (ML311).

A milestone's ``0-`` files distil its handoffs; what they state that a reader would act on
without checking — "45+ tests", "~90% coverage", `make deploy`, ``src/auth/token.py`` — must
come from those handoffs. This module finds such facts in a block's markdown source and tells
whether a set of source texts supports each one.

Matching is lenient on form, strict on substance. A number is supported when the same value
appears as a number anywhere in the sources (``~1,000`` matches ``1000``, ``90%`` any ``90``:
the unit is the summary's wording, the value is the fact); a code span when its text appears
in them (in a code span or not, case and spacing aside); a path when the path or its file name
does. Dates, times and years are not facts here (ML206 owns dates), nor versions of three parts
(``3.11.2``; ``3.11`` is a number like any other: a summary that says 3.11 where the handoffs
say 3.12 is wrong), ordinals, numbers inside words (``ML311``, ``v2``, ``OAuth2``) or numbers
written with a leading zero (``014`` cites a handoff).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

NUMBER = "number"
CODE = "code span"
PATH = "path"

# Code spans (any run of backticks, closed by the same run) and link targets / URLs: the
# spans are facts of their own; targets and URLs are ML309's and hold no prose.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Bounded: a scheme is short and a link target is one line, so a long run of word
# characters or of "](" is not rescanned from each of its starts ("a.md" 20,000 times took
# 18 s unbounded).
_LINK_TARGET = re.compile(
    r"\]\([^)\n]{0,512}\)|<[a-z][a-z0-9+.-]{0,31}:[^>\s]{0,512}>"
    r"|\b[a-z][a-z0-9+.-]{0,31}://\S+",
    re.IGNORECASE,
)
# Dates and times in the forms handoffs use; blanked before numbers are looked for.
_DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?\b"
    r"|\b\d{4}/\d{1,2}/\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b",
    re.I,
)
_UNITS = (
    r"%|x|×|ms|µs|ns|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|"
    r"[kmgt]i?b|bytes?|loc|fps|px|[kmg]?hz|rpm|k\b|m\b|tokens?|lines?"
)
# A number standing alone (not in a word, a version or a path), with what may measure it.
_QUANTITY = re.compile(
    r"(?<![\w.,/\\-])(?P<approx>[~≈<>]|±)?"
    r"(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<plus>\+)?"
    rf"(?:\s?(?P<unit>{_UNITS}))?"
    r"(?![\w]|[.,]\w|/\w)",
    re.I,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b", re.I)
_ANY_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_EXTENSIONS = (
    "md|markdown|txt|rst|py|pyi|js|mjs|cjs|ts|tsx|jsx|vue|svelte|json|jsonl|toml|ya?ml|ini|cfg|"
    "conf|env|lock|sh|bash|zsh|ps1|bat|css|scss|sass|less|html?|xml|svg|png|jpe?g|gif|webp|pdf|"
    "csv|tsv|sql|db|sqlite|go|rs|java|kt|kts|swift|c|h|cc|cpp|hpp|cs|rb|php|pl|lua|r|ipynb|"
    "gradle|tf|proto|graphql|gql|dockerfile|log"
)
# A word that may name a file: segments joined by "/" (no nested repetition, so no
# backtracking on "a.mda.md…"); whether it is a path is decided by :func:`_a_path`.
_PATH = re.compile(r"(?<![\w@~./\\-])(?P<path>(?:\.{1,2}/|~/)?[\w@.-]+(?:/[\w@.-]*)*)(?![\w/\\-])")
_EXTENSION_END = re.compile(rf"\.(?:{_EXTENSIONS})$", re.I)


class Fact(NamedTuple):
    """One checkable statement: what it is, as written, its normal form, where it starts in
    the text it was found in (a character offset)."""

    kind: str
    text: str
    key: str
    start: int


def number_key(value: str) -> str:
    """A number's value as text: thousands separators and leading zeros dropped."""
    plain = value.replace(",", "")
    whole, dot, fraction = plain.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if dot and fraction else whole


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2099


def _a_number(value: str, unit: str | None) -> bool:
    """Whether a number is a fact to check: measured (a unit, a percentage, a factor), else of
    two or more digits; not a year, and not written with a leading zero (``014``, ``007``: a
    handoff's or an item's number cited, never a quantity)."""
    if value[:1] == "0" and value[1:2].isdigit():
        return False
    if unit is not None:
        return True
    return sum(c.isdigit() for c in value) >= 2 and not _is_year(value)


def _a_path(token: str) -> bool:
    """Whether a token the path pattern found names a file or folder, not prose with a slash
    ("and/or", "client/server", "UI/UX") or a framework named like a file ("Node.js")."""
    if "/" not in token:
        stem = token.split(".", 1)[0]
        if not stem or _EXTENSION_END.search(token) is None:
            return False  # a word, a number, ".env" alone
        return not (token.lower().endswith(".js") and stem[:1].isupper())
    if token.startswith(("./", "../", "~/")) or token.endswith("/"):
        return len(token.strip("./~")) > 1
    return _EXTENSION_END.search(token) is not None


def facts_in(raw: str, numbers: bool = True) -> list[Fact]:
    """The facts of a block's markdown source, in order of appearance."""
    found: list[Fact] = []
    for match in _CODE_SPAN.finditer(raw):
        content = match.group(2).strip()
        if content.isdigit():
            # `42` is a number set in code; `014` cites a handoff by its number.
            if numbers and _a_number(content, None):
                found.append(Fact(NUMBER, content, number_key(content), match.start(2)))
        elif any(c.isalnum() for c in content):
            found.append(Fact(CODE, content, _spaced(content), match.start()))
    prose = _blank(_blank(raw, _CODE_SPAN), _LINK_TARGET)
    chars = list(prose)
    for match in _PATH.finditer(prose):
        token = match.group("path").rstrip(".")
        if _a_path(token):
            found.append(Fact(PATH, token, token.lower(), match.start()))
            chars[match.start() : match.start() + len(token)] = " " * len(token)
    if numbers:
        prose = _blank("".join(chars), _DATE)
        for match in _QUANTITY.finditer(prose):
            value, unit = match.group("value"), match.group("unit")
            if _ORDINAL.match(prose, match.start("value") + len(value) - 1):
                continue
            if not _a_number(value, unit):
                continue
            text = match.group(0).rstrip()
            found.append(Fact(NUMBER, text, number_key(value), match.start()))
    found.sort(key=lambda f: f.start)
    return found


def _spaced(text: str) -> str:
    return " ".join(text.lower().split())


class Sources:
    """The texts a milestone distils (its handoffs' contents and names), asked about facts."""

    def __init__(self, texts: Iterable[str]) -> None:
        joined = "\n".join(texts)
        self._lowered = joined.lower()
        self._spaced = _spaced(joined)
        self._numbers = {number_key(m.group(0)) for m in _ANY_NUMBER.finditer(joined)}

    def supports(self, fact: Fact) -> bool:
        if fact.kind == NUMBER:
            return fact.key in self._numbers
        if fact.kind == CODE:
            return fact.key in self._spaced
        base = fact.key.rstrip("/").rsplit("/", 1)[-1]
        return fact.key.rstrip("/") in self._lowered or (bool(base) and base in self._lowered)
