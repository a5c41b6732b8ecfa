"""The command line: a thin click group. Options in, one library call, exit code out."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from milestone_lint import __version__
from milestone_lint.commands.check import check
from milestone_lint.commands.hooks import install, uninstall
from milestone_lint.commands.rules import rule, rules
from milestone_lint.commands.suggest import suggest
from milestone_lint.errors import EXIT_ERROR, MilestoneLintError
from milestone_lint.paths import display

_GROUP_FLAGS = ("--help", "-h", "--version")


class _DefaultToCheck(click.Group):
    """``milestone-lint [PATHS]`` means ``milestone-lint check [PATHS]``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in _GROUP_FLAGS):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="milestone-lint")
def cli() -> None:
    """Lint handoff and milestone trees (project memory for people and coding agents).

    Without a command, runs `check`.
    """


for command in (check, rules, rule, suggest, install, uninstall):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every error becomes one line on stderr and exit code 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=args, prog_name="milestone-lint", standalone_mode=False)
    except MilestoneLintError as exc:
        click.echo(f"milestone-lint: error: {exc}", err=True)
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("milestone-lint: aborted", err=True)
        return 130
    except click.ClickException as exc:
        hint = "; see milestone-lint --help" if isinstance(exc, click.UsageError) else ""
        click.echo(f"milestone-lint: error: {display(exc.format_message())}{hint}", err=True)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; nothing useful is left to print.
        sys.stderr.close()
        return EXIT_ERROR
    return result if isinstance(result, int) else 0
