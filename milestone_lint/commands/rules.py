"""``milestone-lint rules`` and ``milestone-lint rule CODE``: the rule documentation."""

from __future__ import annotations

import difflib

import click

from milestone_lint.commands.completion import rule_codes
from milestone_lint.errors import MilestoneLintError
from milestone_lint.rules.registry import ALL_RULES, BY_CODE
from milestone_lint.terminal import echo


@click.command()
def rules() -> int:
    """List every rule: code, name, default, whether --fix fixes it, summary."""
    width = max(len(r.name) for r in ALL_RULES)
    for r in ALL_RULES:
        state = "on " if r.default_enabled else "off"
        fix = "fix" if r.fixable else "   "
        echo(f"{r.code}  {r.name:<{width}}  {state}  {fix}  {r.summary}")
    return 0


@click.command()
@click.argument("code", shell_complete=rule_codes)
def rule(code: str) -> int:
    """Explain one rule: what it does, why, a bad and a good example, its config keys."""
    wanted = code.strip().upper()
    found = BY_CODE.get(wanted) or next((r for r in ALL_RULES if r.name == code.strip()), None)
    if found is None:
        choices = [*BY_CODE, *(r.name for r in ALL_RULES)]
        close = difflib.get_close_matches(code, choices, n=1, cutoff=0.5)
        hint = f'did you mean "{close[0]}"?' if close else "run milestone-lint rules for the list"
        raise MilestoneLintError(f'unknown rule "{code}"; {hint}')
    echo(found.documentation(), nl=False)
    return 0
