"""``milestone-lint new handoff`` and ``new milestone``."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.terminal import echo

_ROOT = click.option("--root", help="The handoffs root to work in (when several are configured).")


@click.group()
def new() -> None:
    """Create a handoff, or distil pending handoffs into a milestone."""


@new.command()
@click.argument("title")
@_ROOT
def handoff(title: str, root: str | None) -> int:
    """Write the next handoff: number, slug from TITLE, today's date, the sections."""
    from milestone_lint.write.handoff import new_handoff

    echo(new_handoff(Path.cwd(), root, title))
    return 0


@new.command()
@click.argument("name")
@click.option("--handoffs", "spec", help="Pending handoffs to distil, e.g. 5-8 (default: all).")
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing.")
@_ROOT
def milestone(name: str, spec: str | None, dry_run: bool, root: str | None) -> int:
    """Create the next milestone NAME: move the handoffs in, draft summary and lessons.

    Tracked handoffs move in the index too, so git shows renames; relative links the move
    would break are rewritten. All or nothing: on any failure or interrupt every change is
    undone, index included.
    """
    from milestone_lint.write.milestone import create_milestone

    lines, notes = create_milestone(Path.cwd(), root, name, spec, dry_run)
    for line in lines:
        echo(line)
    for line in notes:
        echo(line, err=True)
    if not dry_run:
        echo("next: review the drafted files, run milestone-lint check, then commit")
    return 0
