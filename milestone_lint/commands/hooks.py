"""``milestone-lint install`` / ``uninstall``: plain git hooks."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.hooks import HOOK_TYPES
from milestone_lint.hooks import install as install_hooks
from milestone_lint.hooks import uninstall as remove_hooks
from milestone_lint.terminal import echo

_TYPES = click.option(
    "--hook-type",
    "-t",
    "hook_types",
    multiple=True,
    type=click.Choice(HOOK_TYPES),
    help="Hook to (un)install; repeatable. Default: all four.",
)


@click.command()
@_TYPES
def install(hook_types: tuple[str, ...]) -> int:
    """Install git hooks: check at pre-commit, suggest a milestone after commits and merges.

    Honours core.hooksPath and worktrees. A hook milestone-lint did not install is never
    overwritten: the command stops and changes nothing.
    """
    for change in install_hooks(Path.cwd(), hook_types or HOOK_TYPES):
        echo(f"{change.action} {change.hook_type} hook: {change.path}")
    return 0


@click.command()
@_TYPES
def uninstall(hook_types: tuple[str, ...]) -> int:
    """Remove the git hooks milestone-lint installed (others are left alone)."""
    changes = remove_hooks(Path.cwd(), hook_types or HOOK_TYPES)
    for change in changes:
        echo(f"{change.action} {change.hook_type} hook: {change.path}")
    if not changes:
        echo("no milestone-lint hook installed")
    return 0
