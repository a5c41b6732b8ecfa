"""The click group: commands loaded on first use; ``milestone-lint [PATHS]`` means ``check``."""

from __future__ import annotations

import difflib
import importlib
import os

import click

from milestone_lint import __version__
from milestone_lint.commands.fastpath import COMMANDS as _COMMANDS
from milestone_lint.commands.fastpath import GROUP_FLAGS as _GROUP_FLAGS
from milestone_lint.errors import EXIT_ERROR
from milestone_lint.terminal import echo


class _LazyGroup(click.Group):
    """Loads a command's module on first use; ``milestone-lint [PATHS]`` means ``check``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and ctx.resilient_parsing:
            # Shell completion of the first word: offer the commands, not check's paths.
            return super().parse_args(ctx, args)
        if not args or (args[0] not in _COMMANDS and args[0] not in _GROUP_FLAGS):
            first = args[0] if args else ""
            if first and not first.startswith("-") and not os.path.lexists(first):
                close = difflib.get_close_matches(first, list(_COMMANDS), n=1, cutoff=0.6)
                if close:
                    raise click.UsageError(
                        f'"{first}" is neither a command nor a file; did you mean'
                        f' "milestone-lint {close[0]}"'
                    )
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="milestone-lint")
def cli() -> None:
    """Lint handoff and milestone trees (project memory for people and coding agents).

    Without a command, runs `check`.
    """


def run_click(args: list[str]) -> int:
    """Run the group on ``args``; click's own errors become one line and exit code 2."""
    try:
        result = cli.main(args=args, prog_name="milestone-lint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        echo("milestone-lint: aborted", err=True)
        return 130
    except click.ClickException as exc:
        echo(f"milestone-lint: error: {_with_hint(exc)}", err=True)
        return EXIT_ERROR
    return result if isinstance(result, int) else 0


def _with_hint(exc: click.ClickException) -> str:
    """click's message; a usage error ends in the help of the command it was made on
    (``see milestone-lint check --help``: that is where the option or argument is listed)."""
    # One line whatever click wrote ("Choose from:\n\tbash,\n\tzsh"): errors are one line.
    message = " ".join(exc.format_message().split())
    if not isinstance(exc, click.UsageError):
        return message
    command = exc.ctx.command_path if exc.ctx is not None else "milestone-lint"
    return f"{message.rstrip('.')}; see {command} --help"
