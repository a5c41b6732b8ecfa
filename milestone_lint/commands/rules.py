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
    """List every rule: code, name, its level here (error, warning or off, as the
    configuration found from this folder sets it), whether --fix fixes it, summary."""
    from pathlib import Path

    from milestone_lint.check.selection import Selection
    from milestone_lint.config.loader import load_config
    from milestone_lint.rules.registry import CODES

    config = load_config(Path.cwd(), None, CODES).config
    selection = Selection(
        config.select, config.ignore, config.extend_select, config.per_file_ignores, config.warn
    )
    width = max(len(r.name) for r in ALL_RULES)
    for r in ALL_RULES:
        level = selection.level(r.code) if selection.enabled(r) else "off"
        fix = "fix" if r.fixable else "   "
        echo(f"{r.code}  {r.name:<{width}}  {level:<7}  {fix}  {r.summary}")
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
