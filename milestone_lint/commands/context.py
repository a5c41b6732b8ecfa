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
@click.option(
    "--for",
    "purpose",
    type=click.Choice(["session", "milestone"]),
    default="session",
    show_default=True,
    help="session: the restore pack; milestone: what an agent distils the next milestone from.",
)
@click.option(
    "--handoffs",
    "spec",
    metavar="RANGE",
    help="With --for milestone: the pending handoffs to distil, as for new milestone (5-8).",
)
def context(
    paths: tuple[str, ...], budget: int, output_format: str, purpose: str, spec: str | None
) -> int:
    """Print what a fresh session reads first: every milestone's 0- files in number order,
    then the pending handoffs (the newest marked as the one to act on), then what was included
    and left out. Over budget, older milestones shrink first; the newest handoff stays whole.

    With --for milestone: one text an agent distils the next milestone from (instructions,
    the rules and limits, the handoffs with their numbers, the previous milestone's summary
    and the deterministic draft); --budget does not cut it.

    PATHS choose the roots as for check."""
    if purpose == "milestone":
        return _for_milestone(paths, output_format, spec)
    if spec is not None:
        from milestone_lint.errors import MilestoneLintError

        raise MilestoneLintError("--handoffs chooses what to distil; add --for milestone")
    from milestone_lint.reports.context import packs_for, render

    packs, warnings = packs_for(Path.cwd(), paths, budget)
    for warning in warnings:
        echo(f"milestone-lint: warning: {warning}", err=True)
    if output_format == "json":
        report_out(render(packs, "json"), machine=True)
    else:
        echo(render(packs, "markdown"), nl=False)  # escaped: file content reaches a terminal
    return 0


def _for_milestone(paths: tuple[str, ...], output_format: str, spec: str | None) -> int:
    import json

    from milestone_lint.reports.distil import distil_text, root_to_distil

    project, warnings = root_to_distil(Path.cwd(), paths)
    for warning in warnings:
        echo(f"milestone-lint: warning: {warning}", err=True)
    text = distil_text(project, spec)
    if output_format == "json":
        document = {"root": project.shown(""), "text": text}
        report_out(json.dumps(document, indent=2) + "\n", machine=True)
    else:
        echo(text, nl=False)
    return 0
