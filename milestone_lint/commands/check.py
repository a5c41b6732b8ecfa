"""``milestone-lint check``: the command line of a lint run (the run: :mod:`..check.run`).

Its options are :data:`milestone_lint.check.options.OPTIONS`, declared once: the hook path reads
the same table without click.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from milestone_lint.check.options import FLAG, MULTIPLE, OPTIONS, TOGGLE, CheckOptions, Option
from milestone_lint.check.run import run
from milestone_lint.commands.completion import rule_codes

_DEFAULTS = CheckOptions._field_defaults


def _click_option(option: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    settings: dict[str, Any] = {"help": option.help}
    if option.kind == FLAG:
        return click.option(*option.flags, option.dest, is_flag=True, **settings)
    if option.kind == TOGGLE:
        on, off = option.flags
        return click.option(f"{on}/{off}", option.dest, default=_DEFAULTS[option.dest], **settings)
    if option.choices:
        settings.update(type=click.Choice(option.choices), show_default=True)
    elif option.file:
        settings.update(type=click.Path(dir_okay=False))
    if option.metavar:
        settings.update(metavar=option.metavar)
    if option.codes:
        settings.update(shell_complete=rule_codes)
    if option.kind == MULTIPLE:
        settings.update(multiple=True)
    else:
        settings.update(default=_DEFAULTS[option.dest])
    return click.option(*option.flags, option.dest, **settings)


def _command(function: Callable[..., int]) -> click.Command:
    for option in reversed(OPTIONS):
        function = _click_option(option)(function)
    function = click.argument("paths", nargs=-1, type=click.Path())(function)
    return click.command(name="check")(function)


def _check(paths: tuple[str, ...], **options: Any) -> int:
    """Lint handoff trees: every configured root, or the roots holding PATHS."""
    return run(CheckOptions(paths=paths, **options))


check = _command(_check)
