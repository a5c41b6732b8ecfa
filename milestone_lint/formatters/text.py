"""``path:line:col: CODE message``, one line a problem, then a count."""

from __future__ import annotations

from milestone_lint.formatters.base import Report
from milestone_lint.paths import plural

_BOLD = "\033[1m"
_RED = "\033[31m"
_CYAN = "\033[36m"
_RESET = "\033[0m"


def render(report: Report) -> str:
    lines: list[str] = []
    for d in report.diagnostics:
        location = f"{d.path}:{d.line}:{d.column}:"
        code = d.code
        if report.color:
            location = f"{_BOLD}{location}{_RESET}"
            code = f"{_RED}{_BOLD}{code}{_RESET}"
        lines.append(f"{location} {code} {d.message}")
    count = len(report.diagnostics)
    if not report.quiet and (count or not report.quiet_when_clean):
        known = (
            f" ({plural(report.hidden, 'known problem')} in the baseline)" if report.hidden else ""
        )
        if count:
            files = plural(report.files_with_problems, "file")
            summary = f"Found {plural(count, 'problem')} in {files}{known}."
        else:
            summary = f"All checks passed{known}."
        lines.append(f"{_CYAN}{summary}{_RESET}" if report.color and count else summary)
    return "\n".join(lines) + ("\n" if lines else "")
