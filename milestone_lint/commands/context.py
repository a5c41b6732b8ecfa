"""``milestone-lint context``: the restore-session pack."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.reports.context import DEFAULT_BUDGET
from milestone_lint.terminal import echo
from milestone_lint.terminal import report as report_out


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--budget",
    type=click.IntRange(min=100),
    default=DEFAULT_BUDGET,
    show_default=True,
    help="Estimated tokens (characters / 4) the pack may take, per root.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
def context(paths: tuple[str, ...], budget: int, output_format: str) -> int:
    """Print what a fresh session reads first: every milestone's 0- files in number order,
    then the pending handoffs (the newest marked as the one to act on), then what was included
    and left out. Over budget, older milestones shrink first; the newest handoff stays whole.

    PATHS choose the roots as for check."""
    from milestone_lint.reports.context import packs_for, render

    packs, warnings = packs_for(Path.cwd(), paths, budget)
    for warning in warnings:
        echo(f"milestone-lint: warning: {warning}", err=True)
    if output_format == "json":
        report_out(render(packs, "json"), machine=True)
    else:
        echo(render(packs, "markdown"), nl=False)  # escaped: file content reaches a terminal
    return 0
