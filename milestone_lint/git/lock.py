"""An exclusive advisory lock on a file under the git directory, waited for a bounded time:
the journal's (one writer at a time) and the suggestion's (one decision per HEAD)."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


@contextlib.contextmanager
def held(path: Path, seconds: float, mode: int = 0o600) -> Iterator[bool]:
    """Yields True once ``path`` (created, never through a link) is locked, False when another
    process held it for ``seconds``; closing the file releases the lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks
        yield True
        return
    fd = os.open(path, _FLAGS, mode)
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    yield False
                    return
                time.sleep(0.02)
        yield True
    finally:
        os.close(fd)
