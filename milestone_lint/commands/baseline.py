"""``milestone-lint baseline [PATH]``: record today's problems so that only new ones fail."""

from __future__ import annotations

from pathlib import Path

import click

from milestone_lint.paths import plural
from milestone_lint.terminal import echo


@click.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def baseline(path: str | None) -> int:
    """Record every current problem in PATH (default: the config's baseline, else
    .milestone-lint-baseline.json); with `baseline = PATH` in the config, check then reports
    only problems that are not in it."""
    from milestone_lint.check.baseline import DEFAULT_NAME, write_baseline
    from milestone_lint.check.engine import CheckRequest, run_check
    from milestone_lint.check.selection import Selection
    from milestone_lint.config.loader import load_config
    from milestone_lint.sources.worktree import WorktreeSource

    cwd = Path.cwd()
    loaded = load_config(cwd, None)
    config = loaded.config
    from milestone_lint.config.loader import inside

    target = cwd / path if path else loaded.base / (config.baseline or DEFAULT_NAME)
    inside(loaded, target, "baseline file")
    selection = Selection(
        config.select, config.ignore, config.extend_select, config.per_file_ignores, config.warn
    )
    base = loaded.repo_root or loaded.base
    request = CheckRequest(loaded, cwd.resolve(), (), selection, with_context=True)
    gitignore = config.respect_gitignore and loaded.repo_root is not None
    result = run_check(WorktreeSource(base, gitignore), base, request)
    shown = path or str(target.relative_to(loaded.base))
    write_baseline(cwd, target, shown, result.diagnostics)
    echo(f"recorded {plural(len(result.diagnostics), 'problem')} in {shown}")
    configured = loaded.base / config.baseline if config.baseline else None
    if configured is None or configured.resolve() != target.resolve():
        try:
            rel = target.resolve().relative_to(loaded.base.resolve()).as_posix()
        except ValueError:
            rel = str(target.resolve())
        echo(f'add `baseline = "{rel}"` to the configuration to use it')
    return 0
