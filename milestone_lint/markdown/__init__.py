"""Stage: markdown. Text in, a small document model with exact positions out.

Rules read only :mod:`.model`. mistune is imported by :mod:`.parse` on the first parse, not
when the model is imported, so a run that parses nothing never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from milestone_lint.markdown.model import Document


def parse_markdown(raw: str) -> Document:
    """Parse markdown text into a :class:`Document` with exact positions."""
    from milestone_lint.markdown.parse import parse_markdown as parse

    return parse(raw)


__all__ = ["parse_markdown"]
