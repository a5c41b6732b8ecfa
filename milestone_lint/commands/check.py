"""``milestone-lint check``: lint the roots (or the PATHS) and print the diagnostics."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from milestone_lint import __version__
from milestone_lint.config.loader import load_config
from milestone_lint.engine import CheckRequest, run_check
from milestone_lint.errors import EXIT_CLEAN, EXIT_PROBLEMS, MilestoneLintError
from milestone_lint.formatters import FORMAT_NAMES, Report, render
from milestone_lint.rules.registry import BY_CODE, CODES
from milestone_lint.selection import Selection
from milestone_lint.sources.base import Source
from milestone_lint.sources.worktree import WorktreeSource


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept both ``--select ML1 --select ML2`` and ``--select ML1,ML2``."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _statistics(report: Report, as_json: bool) -> str:
    counts = Counter(d.code for d in report.diagnostics)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        import json

        rows = [{"code": c, "name": BY_CODE[c].name, "count": n} for c, n in ordered]
        return json.dumps(rows, indent=2) + "\n"
    return "".join(f"{n:5d}  {c}  {BY_CODE[c].name}\n" for c, n in ordered)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMAT_NAMES),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--select", multiple=True, help="Codes or prefixes to run (replaces the config's).")
@click.option("--ignore", multiple=True, help="Codes or prefixes to skip (adds to the config's).")
@click.option("--extend-select", multiple=True, help="Codes or prefixes to run as well.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each problem.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only: no summary, no warnings.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output (default: on a terminal, no NO_COLOR).",
)
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes (renames, missing system files); never overwrite."
)
@click.option(
    "--exit-non-zero-on-fix", is_flag=True, help="With --fix, exit 1 when anything was fixed."
)
@click.option(
    "--since",
    "since",
    metavar="REF",
    help="Content rules only for files changed since REF (layout still judges every root).",
)
@click.option(
    "--staged",
    is_flag=True,
    help="Judge the git index (what the commit will contain), not the working tree.",
)
@click.option(
    "--hook",
    is_flag=True,
    help="Commit-time run: layout of every root; content rules only for PATHS (with --staged"
    " and no PATHS: the files the commit changes).",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    config_path: str | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    fix: bool,
    exit_non_zero_on_fix: bool,
    since: str | None,
    staged: bool,
    hook: bool,
) -> int:
    """Lint handoff trees: every configured root, or the roots holding PATHS."""
    cwd = Path.cwd()
    loaded = load_config(cwd, Path(config_path) if config_path else None, CODES)
    config = loaded.config
    cli_codes = {"--select": _codes(select), "--ignore": _codes(ignore)}
    cli_codes["--extend-select"] = _codes(extend_select)
    _validate_codes(cli_codes)
    selection = Selection(
        select=cli_codes["--select"] or config.select,
        ignore=config.ignore + cli_codes["--ignore"],
        extend_select=config.extend_select + cli_codes["--extend-select"],
        per_file_ignores=config.per_file_ignores,
    )
    fixed = 0
    if fix:
        if staged:
            raise MilestoneLintError("--fix changes the working tree; run it without --staged")
        fixed = _apply_fixes(cwd, selection)
    source: Source
    if staged:
        from milestone_lint.sources.gitindex import GitIndexSource

        index = GitIndexSource(cwd)
        source, source_base = index, index.base
    else:
        source_base = loaded.repo_root or cwd.resolve()
        source = WorktreeSource(source_base)
    if since is not None:
        from milestone_lint.changes import changed_since

        paths = paths + changed_since(cwd, since)
    baseline = loaded.base / config.baseline if config.baseline else None
    request = CheckRequest(
        loaded,
        cwd.resolve(),
        paths,
        selection,
        hook=hook,
        since=since is not None,
        with_context=baseline is not None,
    )
    result = run_check(source, source_base, request)
    hidden = 0
    if baseline is not None:
        from milestone_lint.baseline import load_baseline, without_known

        known = load_baseline(baseline, config.baseline)
        result.diagnostics, hidden = without_known(result.diagnostics, known)

    # A commit in a repository without handoffs yet is not worth a warning on every commit.
    if not quiet and not hook:
        for warning in result.warnings:
            click.echo(f"milestone-lint: warning: {warning}", err=True)
    report = Report(
        result.diagnostics,
        BY_CODE,
        __version__,
        color=_use_color(color),
        quiet=quiet,
        quiet_when_clean=hook,
        hidden=hidden,
    )
    if statistics:
        output = _statistics(report, as_json=output_format == "json")
    else:
        output = render(output_format, report)
    click.echo(output, nl=False, color=report.color)
    if exit_zero:
        return EXIT_CLEAN
    if result.diagnostics or (fixed and exit_non_zero_on_fix):
        return EXIT_PROBLEMS
    return EXIT_CLEAN


def _apply_fixes(cwd: Path, selection: Selection) -> int:
    """Apply the fixes of the selected rules; report each change on stderr."""
    from milestone_lint.create.fix import apply_fixes

    enabled = {rule.code for rule in BY_CODE.values() if rule.fixable and selection.enabled(rule)}
    fixes, skipped = apply_fixes(cwd, enabled)
    for change in fixes:
        click.echo(f"fixed {change.code}: {change.message}", err=True)
    for note in skipped:
        click.echo(f"not fixed: {note}", err=True)
    return len(fixes)


def _validate_codes(options: dict[str, tuple[str, ...]]) -> None:
    from milestone_lint.config.validate import unknown_code

    for option, codes in options.items():
        for code in codes:
            problem = unknown_code(code, CODES)
            if problem:
                raise MilestoneLintError(f"{option}: {problem}")
