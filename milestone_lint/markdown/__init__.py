"""The markdown layer: text in, a small document model with exact positions out.

Rules read only :mod:`.model`; mistune (imported by :mod:`.positions`) stays behind this package.
"""

from milestone_lint.markdown.model import (
    CodeBlock,
    Comment,
    Document,
    Heading,
    Link,
    ListItem,
    Paragraph,
    Section,
)
from milestone_lint.markdown.parse import parse_markdown

__all__ = [
    "CodeBlock",
    "Comment",
    "Document",
    "Heading",
    "Link",
    "ListItem",
    "Paragraph",
    "Section",
    "parse_markdown",
]
