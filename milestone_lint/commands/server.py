"""``milestone-lint server``: the language server (extra ``milestone-lint[lsp]``)."""

from __future__ import annotations

import click

from milestone_lint.errors import MilestoneLintError

INSTALL_HINT = (
    "milestone-lint server needs pygls: pip install 'milestone-lint[lsp]'"
    " (then point the editor at `milestone-lint server`)"
)


@click.command()
@click.option(
    "--debounce-ms",
    type=click.IntRange(min=0, max=10_000),
    default=150,
    show_default=True,
    help="How long after the last change a buffer is judged.",
)
def server(debounce_ms: int) -> int:
    """Serve diagnostics, fixes, rule docs and heading completion to an editor, over stdio
    (LSP 3.17): buffers are judged as you type, with their root's layout.

    Needs the extra: pip install 'milestone-lint[lsp]'."""
    try:
        from milestone_lint.server.app import serve
    except ImportError:
        raise MilestoneLintError(INSTALL_HINT) from None
    return serve(debounce_ms / 1000)
