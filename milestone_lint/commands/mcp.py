"""``milestone-lint mcp``: the MCP server (extra ``milestone-lint[mcp]``)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
def mcp() -> int:
    """Serve the linter and the tree's writers to MCP clients over stdio: tools lint,
    lint_text, new_handoff, new_milestone, status, context; resource handoffs://context.

    Needs the extra: pip install 'milestone-lint[mcp]'."""
    from milestone_lint.integrations.mcpserver import serve

    return serve(Path.cwd())
