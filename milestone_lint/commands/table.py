"""Every command's name and where it lives: the click group loads each on first use, and the
hook path (:mod:`.fastpath`) tells a command word from a path without importing click."""

from __future__ import annotations

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
}
# Read by the group itself, never as ``check``'s (milestone-lint --help, --version).
GROUP_FLAGS = ("--help", "-h", "--version")
