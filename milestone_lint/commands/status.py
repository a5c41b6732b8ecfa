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
@click.argument("paths", nargs=-1, type=click.Path())
def status(output_format: str, root: str | None, paths: tuple[str, ...]) -> int:
    """Milestones, pending handoffs, whether a milestone is due, context tokens of 0- files.

    PATHS (files or folders) choose the roots as for check: the roots they lie in, or the roots
    found beneath a folder."""
    from milestone_lint.layout.project import open_projects, projects_for_paths
    from milestone_lint.reports import status as report

    if root:
        projects = open_projects(Path.cwd(), root)
    else:
        projects, warnings = projects_for_paths(Path.cwd(), paths)
        for warning in warnings:
            echo(f"milestone-lint: warning: {warning}", err=True)
    statuses = [report.root_status(p) for p in projects]
    if output_format == "json":
        report_out(report.as_json(statuses) + "\n", machine=True)
    elif output_format == "mermaid":
        echo(report.as_mermaid(statuses))
    else:
        echo("\n\n".join(report.as_text(s) for s in statuses))
    return 0
