"""``milestone-lint new handoff`` and ``new milestone``."""

from __future__ import annotations

from pathlib import Path

import click

_ROOT = click.option("--root", help="The handoffs root to work in (when several are configured).")


@click.group()
def new() -> None:
    """Create a handoff, or distil pending handoffs into a milestone."""


@new.command()
@click.argument("title")
@_ROOT
def handoff(title: str, root: str | None) -> int:
    """Write the next handoff: number, slug from TITLE, today's date, the sections."""
    from milestone_lint.create.handoff import new_handoff
    from milestone_lint.create.project import open_project

    click.echo(new_handoff(open_project(Path.cwd(), root), title))
    return 0


@new.command()
@click.argument("name")
@click.option("--handoffs", "spec", help="Pending handoffs to distil, e.g. 5-8 (default: all).")
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing.")
@_ROOT
def milestone(name: str, spec: str | None, dry_run: bool, root: str | None) -> int:
    """Create the next milestone NAME: move the handoffs in, draft summary and lessons.

    Tracked handoffs move with git mv, so git shows renames; relative links the move would
    break are rewritten. All or nothing: on any failure every change is rolled back.
    """
    from milestone_lint.create.milestone import describe, execute, plan_milestone
    from milestone_lint.create.project import git_repo, open_project

    project = open_project(Path.cwd(), root)
    repo = git_repo(project)
    plan = plan_milestone(project, name, spec, repo)
    if not dry_run:
        execute(project, plan, repo)
    for line in describe(project, plan, dry_run):
        click.echo(line)
    if not dry_run:
        click.echo("next: review the drafted files, run milestone-lint check, then commit")
    return 0
