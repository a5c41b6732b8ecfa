"""The command lines git hooks run on every commit, served without click.

``check`` with any of its options (:func:`milestone_lint.check.options.read_command_line`,
built from the same table as click's command: the published ``check --staged --hook`` and every
other spelling a user's ``args:`` makes of it, CI jobs, editors), ``suggest [--hook-type T]
[ARGS]`` and the Claude Code hooks ``claude-hook session-start|post-tool-use``.
Recognising them here spares every commit the import of click (about as long as starting
Python itself). Anything else, ``--help`` and every error included, goes through click.
"""

from __future__ import annotations

import os

# Every command and where it lives: the group loads each on first use, and this module tells a
# command word from a path without importing click (one module fewer on every commit).
COMMANDS = {
    "check": "milestone_lint.commands.check:check",
    "rules": "milestone_lint.commands.rules:rules",
    "rule": "milestone_lint.commands.rules:rule",
    "suggest": "milestone_lint.commands.suggest:suggest",
    "install": "milestone_lint.commands.install:install",
    "uninstall": "milestone_lint.commands.install:uninstall",
    "new": "milestone_lint.commands.new:new",
    "status": "milestone_lint.commands.status:status",
    "init": "milestone_lint.commands.init:init",
    "baseline": "milestone_lint.commands.baseline:baseline",
    "config": "milestone_lint.commands.config:config",
    "context": "milestone_lint.commands.context:context",
    "claude-hook": "milestone_lint.commands.claude_hook:claude_hook",
    "mcp": "milestone_lint.commands.mcp:mcp",
    "server": "milestone_lint.commands.server:server",
    "completion": "milestone_lint.commands.completion:completion",
}
# Read by the group itself, never as ``check``'s (milestone-lint --help, --version).
GROUP_FLAGS = ("--help", "-h", "--version", "-V")

_SUGGEST_TYPES = ("post-commit", "post-merge")


def dispatch(args: list[str]) -> int | None:
    """The exit code of a hook command line, or None when it is not one (click's turn)."""
    check_args = _check_arguments(args)
    if check_args is not None:
        from milestone_lint.check.options import read_command_line

        options = read_command_line(check_args)
        if options is None:
            return None
        from milestone_lint.check.run import run

        return run(options)
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


def _check_arguments(args: list[str]) -> list[str] | None:
    """``check``'s own arguments when the command line is a check (``milestone-lint check …``,
    or no command word before options or an existing path, as the group reads it); else None."""
    if not args:
        return None  # the group's default: click prints no help, runs check; rare by hand
    first = args[0]
    if first == "check":
        return args[1:]
    if first in COMMANDS or first in GROUP_FLAGS:
        return None
    if first.startswith("-") or os.path.lexists(first):
        return args
    return None  # a misspelt command: the group suggests the right one
