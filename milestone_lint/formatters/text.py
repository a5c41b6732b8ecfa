"""``path:line:col: CODE message``, one line a problem, then a count."""

from __future__ import annotations

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.formatters.base import Report
from milestone_lint.paths import plural

_BOLD = "\033[1m"
_RED = "\033[31m"
_CYAN = "\033[36m"
_YELLOW = "\033[33m"
_RESET = "\033[0m"


def finding_line(report: Report, d: Diagnostic) -> str:
    """``path:line:col: CODE message``, coloured when the report is."""
    location = f"{d.path}:{d.line}:{d.column}:"
    code = d.code
    if report.color:
        location = f"{_BOLD}{location}{_RESET}"
        code = f"{_YELLOW if d.is_warning else _RED}{_BOLD}{code}{_RESET}"
    if d.is_warning:
        code += " [warning]"
    return f"{location} {code} {d.message}"


def summary_lines(report: Report) -> list[str]:
    """The closing count (none when quiet, or clean in a hook)."""
    count = len(report.diagnostics)
    if report.quiet or (not count and report.quiet_when_clean):
        return []
    known = f" ({plural(report.hidden, 'known problem')} in the baseline)" if report.hidden else ""
    if count:
        files = plural(report.files_with_problems, "file")
        fixes = sum((d.code, d.path) in report.fixable for d in report.diagnostics)
        fix = f" ({fixes} fixable with --fix)" if fixes else ""
        warnings = count - len(report.errors)
        levels = ""
        if warnings:  # without warnings the count is the errors' (today's line, unchanged)
            levels = f" ({plural(count - warnings, 'error')}, {plural(warnings, 'warning')})"
        summary = f"Found {plural(count, 'problem')}{levels} in {files}{known}.{fix}"
    else:
        summary = f"All checks passed{known}."
    return [f"{_CYAN}{summary}{_RESET}" if report.color and count else summary]


def render(report: Report) -> str:
    lines = [finding_line(report, d) for d in report.diagnostics]
    lines += summary_lines(report)
    return "\n".join(lines) + ("\n" if lines else "")
