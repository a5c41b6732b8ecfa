"""``milestone-lint check``: the command line of a lint run (the run: :mod:`..check.run`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from milestone_lint.check.run import CheckOptions, run
from milestone_lint.commands.completion import rule_codes
from milestone_lint.formatters import FORMAT_NAMES

F = TypeVar("F", bound=Callable[..., Any])


def _codes_option(name: str, help_text: str) -> Callable[[F], F]:
    """An option taking rule codes or prefixes, repeatable, completed by the shell."""
    return click.option(name, multiple=True, shell_complete=rule_codes, help=help_text)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output-file",
    "-o",
    "output_file",
    type=click.Path(dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
@_codes_option("--select", "Codes or prefixes to run (replaces the config's).")
@_codes_option("--ignore", "Codes or prefixes to skip (adds to the config's).")
@_codes_option("--extend-select", "Codes or prefixes to run as well.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each problem.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only: no summary, no warnings.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output (default: on a terminal, no NO_COLOR).",
)
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes (renames, missing system files); never overwrite."
)
@click.option(
    "--exit-non-zero-on-fix", is_flag=True, help="With --fix, exit 1 when anything was fixed."
)
@click.option(
    "--since",
    "since",
    metavar="REF",
    help="Content rules only for files changed since REF (layout still judges every root).",
)
@click.option(
    "--staged",
    is_flag=True,
    help="Judge the git index (what the commit will contain, configuration included), not the"
    " working tree.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Judge every file afresh: neither read nor write the findings cache (cache-dir).",
)
@click.option(
    "--hook",
    is_flag=True,
    help="Commit-time run: layout of every root; content rules for PATHS, else (with --staged)"
    " for the files the commit changes, or every file when the index equals HEAD.",
)
def check(paths: tuple[str, ...], **options: object) -> int:
    """Lint handoff trees: every configured root, or the roots holding PATHS."""
    return run(CheckOptions(paths=paths, **options))  # type: ignore[arg-type]
