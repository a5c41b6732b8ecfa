"""Stage: where the tool plugs into others: plain git hooks (:mod:`.githooks`), Claude Code's
hooks (:mod:`.claude`, settings edited in place by :mod:`.jsonedit`), the MCP server
(:mod:`.mcpserver`, its stdio wire :mod:`.mcpwire`).
"""
