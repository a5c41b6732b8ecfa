"""What the shell completes beyond commands and choices: rule codes, in any case."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem


def rule_codes(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Codes (and their names, as help) starting with what was typed: ``ml3`` → ML301…"""
    from click.shell_completion import CompletionItem  # only when the shell asks

    from milestone_lint.rules.registry import ALL_RULES

    typed = incomplete.upper()
    return [CompletionItem(r.code, help=r.name) for r in ALL_RULES if r.code.startswith(typed)]
