"""``check --stdin-filename PATH -``: standard input judged as the content of PATH, as an
editor or an agent has it before it is saved (ruff's and markdownlint-cli2's option).

The text goes through the same overlay as MCP's ``lint_text``
(:class:`milestone_lint.sources.overlay.OverlaySource`): PATH's root is judged with PATH
holding the text, whether or not it exists on disk. Nothing is written: no fix, no cache.
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

from milestone_lint.check.options import CheckOptions
from milestone_lint.errors import MilestoneLintError
from milestone_lint.layout.names import is_markdown
from milestone_lint.paths import display
from milestone_lint.sources.base import MAX_FILE_BYTES

_USAGE = "milestone-lint check --stdin-filename PATH -"


def stdin_overlay(
    options: CheckOptions, stream: BinaryIO | None = None
) -> tuple[CheckOptions, dict[str, bytes]]:
    """The run's options with PATH as its one path, and PATH's text read from standard input
    (at most the size cap files have); a clean error for every way the options disagree."""
    path = options.stdin_filename
    if path is None:
        raise MilestoneLintError(
            f"-: standard input is judged only with --stdin-filename PATH (the file it stands"
            f" for): {_USAGE}"
        )
    if options.paths != ("-",):
        raise MilestoneLintError(
            f"--stdin-filename judges standard input: give - as the only path ({_USAGE})"
        )
    for given, flag in ((options.fix, "--fix"), (options.staged, "--staged")):
        if given:
            raise MilestoneLintError(
                f"--stdin-filename judges standard input, not the working tree or the index;"
                f" drop {flag}"
            )
    shown = display(path) if path else '""'
    if not path or not is_markdown(path) or path.endswith(("/", os.sep)) or os.path.isdir(path):
        raise MilestoneLintError(
            f"--stdin-filename {shown}: not a markdown file path; give the path the text"
            " would have, such as handoffs/4-next.md"
        )
    source = stream if stream is not None else sys.stdin.buffer
    try:
        data = source.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise MilestoneLintError(
            f"standard input: cannot read it ({exc.strerror}); pipe the text in"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise MilestoneLintError(
            f"standard input: over {MAX_FILE_BYTES // (1024 * 1024)} MB, the limit a file has;"
            " not judged"
        )
    # The cache is written as a run goes: a text that is not on disk is judged afresh.
    return options._replace(paths=(path,), no_cache=True), {path: data}
