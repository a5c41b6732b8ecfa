"""The command lines git hooks run on every commit, served without click.

Hooks run exactly the command lines this project publishes (`.pre-commit-hooks.yaml`,
`milestone-lint install`): ``check --staged --hook`` and ``suggest [--hook-type T] [ARGS]``,
the Claude Code hooks ``claude-hook session-start|post-tool-use``, and ``check`` with only
paths and plain flags (CI jobs, editors).
Recognising them here spares every commit the import of click (about as long as starting
Python itself). Any other command line, ``--help`` included, goes through click.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from milestone_lint.check.run import CheckOptions

HOOK_CHECK = ["check", "--staged", "--hook"]
# `check` with nothing but these flags and paths (what CI jobs and editors run) needs no option
# parser either: a warm run of a whole tree takes about as long as importing click.
_PLAIN_FLAGS = {
    "-q": "quiet",
    "--quiet": "quiet",
    "--exit-zero": "exit_zero",
    "--no-cache": "no_cache",
    "--staged": "staged",
    "--statistics": "statistics",
}
_SUGGEST_TYPES = ("post-commit", "post-merge")


def dispatch(args: list[str]) -> int | None:
    """The exit code of a hook command line, or None when it is not one (click's turn)."""
    if args == HOOK_CHECK:
        from milestone_lint.check.gate import commit_concerns_handoffs, pre_commit_range
        from milestone_lint.git.read import IndexReader

        reader = IndexReader(Path.cwd(), pre_commit_range())
        if not commit_concerns_handoffs(reader):
            return 0
        reader.start_entries()
        from milestone_lint.check.run import CheckOptions, run

        return run(CheckOptions(staged=True, hook=True), reader)
    plain = _plain_check(args)
    if plain is not None:
        from milestone_lint.check.run import run

        return run(plain)
    if args[:1] == ["claude-hook"] and args[1:] in (["session-start"], ["post-tool-use"]):
        # Run by Claude Code after every file it writes: most writes are not handoffs and
        # must cost no more than reading the hook's JSON.
        from milestone_lint.integrations.claude import run_hook

        return run_hook(args[1])
    if args[:1] == ["suggest"]:
        rest = args[1:]
        hook_type = None
        if rest[:1] == ["--hook-type"] and len(rest) > 1 and rest[1] in _SUGGEST_TYPES:
            hook_type, rest = rest[1], rest[2:]
        if any(arg.startswith("-") for arg in rest):
            return None
        from milestone_lint.suggest.run import run_suggest

        return run_suggest(hook_type, tuple(rest))
    return None


def _plain_check(args: list[str]) -> CheckOptions | None:
    """The options of ``check [PATHS] [-q] [--exit-zero] [--no-cache] [--staged]
    [--statistics]`` exactly as click would make them; None for anything else."""
    if args[:1] != ["check"]:
        return None
    flags: dict[str, Any] = {}  # each True; Any for _replace
    paths: list[str] = []
    for arg in args[1:]:
        if arg.startswith("-"):
            name = _PLAIN_FLAGS.get(arg)
            if name is None:
                return None  # any other option, --help, "--": click's
            flags[name] = True
        elif arg:
            paths.append(arg)
        else:
            return None
    from milestone_lint.check.run import CheckOptions

    return CheckOptions(paths=tuple(paths))._replace(**flags)
