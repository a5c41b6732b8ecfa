"""``milestone-lint suggest``: the post-commit / post-merge hook."""

from __future__ import annotations

import click


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--hook-type", type=click.Choice(["post-commit", "post-merge"]), default=None)
@click.argument("hook_args", nargs=-1, type=click.UNPROCESSED)
def suggest(hook_type: str | None, hook_args: tuple[str, ...]) -> int:
    """Suggest recording a milestone after a feature lands (always exits 0)."""
    from milestone_lint.suggest.run import run_suggest

    return run_suggest(hook_type, hook_args)
