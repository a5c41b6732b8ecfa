"""``milestone-lint claude-hook EVENT``: what the Claude Code hooks run (hidden; the hook path
serves the two events without click, :mod:`.fastpath`)."""

from __future__ import annotations

import click


@click.command(name="claude-hook", hidden=True)
@click.argument("event", type=click.Choice(["session-start", "post-tool-use"]))
def claude_hook(event: str) -> int:
    """What the Claude Code hooks run (see install --agent claude); reads the hook's JSON."""
    from milestone_lint.integrations.claude import run_hook

    return run_hook(event)
