"""``milestone-lint rules`` and ``milestone-lint rule CODE``: the rule documentation."""

from __future__ import annotations

import difflib

import click

from milestone_lint.commands.completion import rule_codes
from milestone_lint.config.loader import LoadedConfig
from milestone_lint.errors import MilestoneLintError
from milestone_lint.paths import display
from milestone_lint.rules.base import Rule
from milestone_lint.rules.registry import ALL_RULES, BY_CODE
from milestone_lint.terminal import echo


@click.command()
@click.argument("path", required=False, type=click.Path())
def rules(path: str | None) -> int:
    """List every rule: code, name, its level at PATH (default: the current folder) as the
    configuration nearest to it sets it (error, warning or off), whether --fix fixes it,
    summary. At the top of a monorepo that is the top's configuration; a note names the
    nested ones, which set the levels of their own roots."""
    import os

    from milestone_lint.check.selection import Selection
    from milestone_lint.commands.config import nearest_to
    from milestone_lint.rules.registry import CODES

    if path is not None and not os.path.lexists(path) and _rule_named(path) is not None:
        raise MilestoneLintError(
            f'"rules" lists every rule; for one, run milestone-lint rule {path}'
        )
    loaded = nearest_to(path, CODES)
    config = loaded.config
    selection = Selection(
        config.select, config.ignore, config.extend_select, config.per_file_ignores, config.warn
    )
    width = max(len(r.name) for r in ALL_RULES)
    for r in ALL_RULES:
        level = selection.level(r.code) if selection.enabled(r) else "off"
        fix = "fix" if r.fixable else "   "
        echo(f"{r.code}  {r.name:<{width}}  {level:<7}  {fix}  {r.summary}")
    if path is None:
        _note_nested(loaded)
    return 0


def _note_nested(shown: LoadedConfig) -> None:
    """Name the configurations beneath the current folder that set their own levels: at a
    monorepo's top, the table above is the top's alone (one line on stderr, nothing else)."""
    import os
    from pathlib import Path

    from milestone_lint.config.loader import candidates_on_disk, load_all

    top = shown.repo_root
    if top is None:
        return
    here = Path.cwd().resolve()
    configs = load_all(here, None, repo_root=top, found=candidates_on_disk(top))
    nested = [
        c.base
        for c in configs.every
        if c.path is not None and c.base != shown.base and here in (c.base, *c.base.parents)
    ]
    if nested:
        folders = ", ".join(display(os.path.relpath(f, here)) for f in nested)
        sets = "sets its" if len(nested) == 1 else "set their"
        echo(
            f"milestone-lint: note: these are the levels of the configuration here; {folders}"
            f" {sets} own: run milestone-lint rules FOLDER",
            err=True,
        )


def _rule_named(text: str) -> Rule | None:
    wanted = text.strip()
    return BY_CODE.get(wanted.upper()) or next((r for r in ALL_RULES if r.name == wanted), None)


@click.command()
@click.argument("code", shell_complete=rule_codes)
def rule(code: str) -> int:
    """Explain one rule: what it does, why, a bad and a good example, its config keys."""
    found = _rule_named(code)
    if found is None:
        choices = [*BY_CODE, *(r.name for r in ALL_RULES)]
        close = difflib.get_close_matches(code, choices, n=1, cutoff=0.5)
        hint = f'did you mean "{close[0]}"?' if close else "run milestone-lint rules for the list"
        raise MilestoneLintError(f'unknown rule "{code}"; {hint}')
    echo(found.documentation(), nl=False)
    return 0
