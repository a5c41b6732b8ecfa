"""The convention's token estimate: what a fresh session pays to read a text."""

from __future__ import annotations

import math


def estimated_tokens(text: str) -> int:
    """The estimate the convention uses: one token per four characters, rounded up."""
    return estimated_tokens_of(len(text))


def estimated_tokens_of(characters: int) -> int:
    """The same estimate, from a count of characters."""
    return math.ceil(characters / 4)
