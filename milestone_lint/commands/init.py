"""``milestone-lint init``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
def init() -> int:
    """Create handoffs/ with a README of the convention and a starter config; never overwrites.

    Prints the .pre-commit-config.yaml snippet to add.
    """
    from milestone_lint.create.init import PRE_COMMIT_SNIPPET
    from milestone_lint.create.init import init as run_init

    for line in run_init(Path.cwd()):
        click.echo(line)
    click.echo("\nAdd the hooks to .pre-commit-config.yaml (then run pre-commit install):\n")
    click.echo(PRE_COMMIT_SNIPPET)
    click.echo("\nor, without pre-commit: milestone-lint install")
    return 0
