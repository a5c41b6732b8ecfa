"""Reading dates as people write them, and saying exactly what is wrong with one."""

# No ``from __future__ import annotations``: NamedTuple compiles string annotations into
# ForwardRefs at import (about 50 µs a field, on every commit); real ones cost nothing.

import datetime as dt
import re
from typing import NamedTuple

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")
_NAMED = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\d/.-])")


class DateReading(NamedTuple):
    """A date found in text: its value when it is one, and what is wrong otherwise."""

    text: str
    start: int
    value: dt.date | None
    problem: str | None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> DateReading | None:
    """The first date-like text in ``text``, read; None when there is none."""
    candidates: list[DateReading] = []
    iso = ISO.search(text)
    if iso:
        value = _make(int(iso[1]), int(iso[2]), int(iso[3]))
        problem = None if value else f'"{iso[0]}" is not a real date'
        if value and (len(iso[2]) != 2 or len(iso[3]) != 2):
            problem = f'"{iso[0]}" is not zero-padded; write {value.isoformat()}'
        candidates.append(DateReading(iso[0], iso.start(), value, problem))
    named = _NAMED.search(text)
    if named:
        month = _MONTHS[(named["m1"] or named["m2"]).lower()]
        day = int(named["d1"] or named["d2"])
        year = int(named["y1"] or named["y2"])
        value = _make(year, month, day)
        problem = None if value else f'"{named[0]}" is not a real date'
        candidates.append(DateReading(named[0], named.start(), value, problem))
    numeric = _NUMERIC.search(text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        candidates.append(_numeric(numeric[0], numeric.start(), first, second, year))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c.start)


def _numeric(text: str, start: int, first: int, second: int, year: int) -> DateReading:
    as_month_day = _make(year, first, second)
    as_day_month = _make(year, second, first)
    if as_month_day and as_day_month and first != second:
        return DateReading(
            text,
            start,
            None,
            f'"{text}" is ambiguous ({as_month_day:%B} {second} or {as_day_month:%B} {first});'
            f" write it as YYYY-MM-DD",
        )
    value = as_month_day or as_day_month
    if value is None:
        return DateReading(text, start, None, f'"{text}" is not a real date')
    return DateReading(
        text, start, None, f'"{text}" is not ISO; write {value.isoformat()} (YYYY-MM-DD)'
    )
