"""Which bullets the drafter merges: the same words, or nearly the same text with the same
numbers, found without comparing every bullet with every kept one.

Two texts are near duplicates when their normalised keys are equal, or when they hold the same
numbers ("Fact 1" and "Fact 2" are two facts, however alike) and
:class:`difflib.SequenceMatcher` rates them at least ``SIMILAR``.

Asking that of every kept bullet was quadratic (issue 21: 280 s for 500 pending handoffs), so
the kept bullets are indexed. Only bullets with the same numbers can match, so each list of
numbers is a group of its own. Up to ``SMALL`` kept bullets in a group, each new one is compared
with all of them, as before. Past that, an index from
word stems (a word's first ``STEM`` letters, so "caches" meets "cache") to the kept bullets
picks the candidates. A candidate must share at least half the stems of the longer of the two,
and its length must allow the ratio; the best ``CAP`` of them are compared. A pair that shares
fewer stems than that is taken as distinct, although difflib might rate some such pairs near
(over every bullet of the real trees in our corpus pooled, 2,730 keys, the index merged 949 of
the 950 pairs that comparing every pair merged; each tree's drafts came out the same).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from typing import NamedTuple

SIMILAR = 0.85
SMALL = 32
CAP = 8
STEM = 4
# The most index entries one new bullet may look through: a bullet of common words reads
# the newest kept bullets that hold them, not all of them.
BUDGET = 1024
_NUMBER = re.compile(r"\d+")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 "


def key(text: str) -> str:
    """The normalised text bullets are compared on: lowercase words and numbers."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


class _Key(NamedTuple):
    """A key with what the cheap tests read: its word stems and its letter counts."""

    text: str
    stems: frozenset[str]
    letters: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Key:
        stems = frozenset(word[:STEM] for word in text.split())
        return cls(text, stems, tuple(map(text.count, _ALPHABET)))


@functools.lru_cache(maxsize=8192)
def _key_of(text: str) -> _Key:
    """A text's key, built once: a bullet is asked about in its section and in the others."""
    return _Key.of(text)


def _near(new: _Key, kept: _Key) -> bool:
    """``SequenceMatcher(new, kept).ratio() >= SIMILAR``, its two upper bounds first (as
    difflib's own ``real_quick_ratio`` and ``quick_ratio``: the lengths, then the letters in
    common), which rule most pairs out for a fraction of the cost."""
    total = len(new.text) + len(kept.text)
    if 2 * min(len(new.text), len(kept.text)) < SIMILAR * total:
        return False
    if 2 * sum(map(min, new.letters, kept.letters)) < SIMILAR * total:
        return False
    return difflib.SequenceMatcher(None, new.text, kept.text).ratio() >= SIMILAR


def _shares_stems(new: _Key, kept: _Key) -> bool:
    """Half the stems of the longer of the two in common: the blocking rule."""
    return 2 * len(new.stems & kept.stems) >= max(len(new.stems), len(kept.stems))


class _Group:
    """The kept keys that hold one list of numbers, and the stem index over them."""

    def __init__(self) -> None:
        self.keys: list[_Key] = []
        self.index: dict[str, list[int]] = {}

    def add(self, new: _Key) -> None:
        at = len(self.keys)
        self.keys.append(new)
        for stem in new.stems:
            self.index.setdefault(stem, []).append(at)

    def has_near(self, new: _Key) -> bool:
        if len(self.keys) <= SMALL:
            return any(_near(new, kept) for kept in self.keys)
        return any(_near(new, self.keys[at]) for at in self._candidates(new))

    def _candidates(self, new: _Key) -> list[int]:
        """The kept keys that share half the stems of the longer of the pair, most shared
        first, at most ``CAP``.

        The index is read rarest stem first, at most ``BUDGET`` entries (the newest of a
        long list). Within the budget the counts are exact; past it they fall short, and
        the stems of the best counted are compared instead.
        """
        postings = sorted((self.index[s] for s in new.stems if s in self.index), key=len)
        shared: Counter[int] = Counter()
        budget = BUDGET
        for posting in postings:
            shared.update(posting[-budget:])
            budget -= len(posting)
            if budget < 0:
                break
        size = len(new.stems)
        if budget >= 0:
            found = sorted(((n, at) for at, n in shared.items() if 2 * n >= size), reverse=True)
            fits = [at for n, at in found if 2 * n >= len(self.keys[at].stems)]
        else:
            best = [at for at, _ in shared.most_common(4 * CAP)]
            fits = [at for at in best if _shares_stems(new, self.keys[at])]
        return fits[:CAP]


class Kept:
    """The keys kept so far; :meth:`keep` says whether a new one is kept or merged."""

    def __init__(self) -> None:
        self._exact: set[str] = set()
        self._groups: dict[tuple[str, ...], _Group] = {}

    def keep(self, new: str) -> bool:
        """Keep ``new`` unless a kept key is the same or near it; True when kept."""
        if self.has(new):
            return False
        self.add(new)
        return True

    def add(self, new: str) -> None:
        """Keep ``new``, known to be near no kept key (:meth:`has` said so)."""
        self._exact.add(new)
        self._groups.setdefault(tuple(_NUMBER.findall(new)), _Group()).add(_key_of(new))

    def has(self, new: str) -> bool:
        """Whether a kept key is ``new`` or near it (nothing kept)."""
        if new in self._exact:
            return True
        group = self._groups.get(tuple(_NUMBER.findall(new)))
        return group is not None and group.has_near(_key_of(new))
