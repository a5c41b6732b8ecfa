"""``milestone-lint install`` / ``uninstall``: plain git hooks."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.integrations.githooks import HOOK_TYPES
from milestone_lint.integrations.githooks import install as install_hooks
from milestone_lint.integrations.githooks import uninstall as remove_hooks
from milestone_lint.terminal import echo

_TYPES = click.option(
    "--hook-type",
    "-t",
    "hook_types",
    multiple=True,
    type=click.Choice(HOOK_TYPES),
    help="Hook to (un)install; repeatable. Default: all four.",
)


_AGENT = click.option(
    "--agent",
    type=click.Choice(["claude"]),
    help="Instead of git hooks, the hooks of a coding agent (.claude/settings.json).",
)


@click.command()
@_TYPES
@_AGENT
def install(hook_types: tuple[str, ...], agent: str | None) -> int:
    """Install git hooks: check at pre-commit, suggest a milestone after commits and merges.

    Honours core.hooksPath and worktrees. A hook milestone-lint did not install is never
    overwritten: the command stops and changes nothing.

    With --agent claude: merge Claude Code hooks into .claude/settings.json (the restore pack
    at session start; each markdown file the agent writes is linted at once).
    """
    if agent:
        from milestone_lint.integrations.claude import install as install_agent

        path, added = install_agent(Path.cwd())
        for event in added:
            echo(f"installed Claude Code {event} hook: {path}")
        if not added:
            echo(f"Claude Code hooks already installed: {path}")
        return 0
    for change in install_hooks(Path.cwd(), hook_types or HOOK_TYPES):
        echo(f"{change.action} {change.hook_type} hook: {change.path}")
    return 0


@click.command()
@_TYPES
@_AGENT
def uninstall(hook_types: tuple[str, ...], agent: str | None) -> int:
    """Remove the git hooks milestone-lint installed (others are left alone); with --agent
    claude, its entries in .claude/settings.json (nothing else)."""
    if agent:
        from milestone_lint.integrations.claude import uninstall as remove_agent

        path, removed = remove_agent(Path.cwd())
        for event in removed:
            echo(f"removed Claude Code {event} hook: {path}")
        if not removed:
            echo("no milestone-lint Claude Code hook installed")
        return 0
    changes = remove_hooks(Path.cwd(), hook_types or HOOK_TYPES)
    for change in changes:
        echo(f"{change.action} {change.hook_type} hook: {change.path}")
    if not changes:
        echo("no milestone-lint hook installed")
    return 0
