"""``milestone-lint init``."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.terminal import echo


@click.command()
def init() -> int:
    """Create handoffs/ with a README of the convention and a starter config; never overwrites.

    Prints the .pre-commit-config.yaml snippet to add.
    """
    from milestone_lint.write.init import PRE_COMMIT_SNIPPET
    from milestone_lint.write.init import init as run_init

    for line in run_init(Path.cwd()):
        echo(line)
    echo("\nAdd the hooks to .pre-commit-config.yaml (then run pre-commit install):\n")
    echo(PRE_COMMIT_SNIPPET)
    echo("\nor, without pre-commit: milestone-lint install")
    return 0
