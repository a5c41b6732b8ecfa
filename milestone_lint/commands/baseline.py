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
    from milestone_lint.check.options import CheckOptions
    from milestone_lint.check.run import lint
    from milestone_lint.config.loader import inside, load_config

    cwd = Path.cwd()
    loaded = load_config(cwd, None)
    config = loaded.config
    target = cwd / path if path else loaded.base / (config.baseline or DEFAULT_NAME)
    inside(loaded, target, "baseline file")
    # The run `check` makes (every configuration, nested roots included), none of the
    # baselines applied: what is recorded is every problem there is today.
    report, _, _ = lint(CheckOptions(quiet=True, color=False), cwd=cwd, record=True)
    shown = path or str(target.relative_to(loaded.base))
    write_baseline(cwd, target, shown, report.diagnostics)
    echo(f"recorded {plural(len(report.diagnostics), 'problem')} in {shown}")
    configured = loaded.base / config.baseline if config.baseline else None
    if configured is None or configured.resolve() != target.resolve():
        try:
            rel = target.resolve().relative_to(loaded.base.resolve()).as_posix()
        except ValueError:
            rel = str(target.resolve())
        echo(f'add `baseline = "{rel}"` to the configuration to use it')
    return 0
