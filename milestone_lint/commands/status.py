"""``milestone-lint status``."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.terminal import echo
from milestone_lint.terminal import report as report_out


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "mermaid"]),
    default="text",
    show_default=True,
)
@click.option("--root", help="Only this handoffs root.")
def status(output_format: str, root: str | None) -> int:
    """Milestones, pending handoffs, whether a milestone is due, context tokens of 0- files."""
    from milestone_lint.create import status as report
    from milestone_lint.create.project import open_projects

    statuses = [report.root_status(p) for p in open_projects(Path.cwd(), root)]
    if output_format == "json":
        report_out(report.as_json(statuses) + "\n", machine=True)
    elif output_format == "mermaid":
        echo(report.as_mermaid(statuses))
    else:
        echo("\n\n".join(report.as_text(s) for s in statuses))
    return 0
