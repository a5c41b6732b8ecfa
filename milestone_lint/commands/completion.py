"""Shell completion: ``milestone-lint completion SHELL`` prints the script, and what the shell
completes beyond commands and choices (rule codes, in any case)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

_SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", metavar="SHELL", type=click.Choice(_SHELLS))
def completion(shell: str) -> int:
    """Print the completion script for SHELL; load it from the shell's startup file, e.g.
    `eval "$(milestone-lint completion bash)"`."""
    from click.shell_completion import get_completion_class

    from milestone_lint.commands.group import cli
    from milestone_lint.terminal import echo

    script_class = get_completion_class(shell)
    assert script_class is not None  # every name in _SHELLS is one of click's
    # The same variable the console script answers to, so the script's callbacks reach it.
    script = script_class(cli, {}, "milestone-lint", "_MILESTONE_LINT_COMPLETE").source()
    echo(script.rstrip("\n"))
    return 0


def rule_codes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Codes (and their names, as help) starting with what was typed: ``ml3`` → ML301…"""
    from click.shell_completion import CompletionItem  # only when the shell asks

    from milestone_lint.rules.registry import ALL_RULES

    typed = incomplete.upper()
    return [CompletionItem(r.code, help=r.name) for r in ALL_RULES if r.code.startswith(typed)]
