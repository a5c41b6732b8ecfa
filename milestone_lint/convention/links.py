"""What a link target means on disk."""

from __future__ import annotations

import re
from urllib.parse import unquote

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def link_path(target: str) -> str | None:
    """The relative file path a link points at, or None (a URL, an anchor, an absolute path)."""
    target = target.strip()
    if not target or target.startswith(("#", "/", "\\\\")) or _SCHEME.match(target):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return path or None
