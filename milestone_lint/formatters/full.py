"""Each finding with the line it points at and a caret under its column (ruff's default)."""

from __future__ import annotations

from milestone_lint.formatters.base import Report
from milestone_lint.formatters.text import finding_line, summary_lines

_WIDTH = 100  # characters of a long line shown around the column


def render(report: Report) -> str:
    lines: list[str] = []
    for d in report.diagnostics:
        lines.append(finding_line(report, d))
        if d.source.strip():
            start = max(0, d.column - 1 - _WIDTH // 2) if len(d.source) > _WIDTH else 0
            shown = d.source[start : start + _WIDTH]
            gutter = " " * len(str(d.line))
            lines.append(f"  {d.line} | {shown}")
            lines.append(f"  {gutter} | {' ' * (d.column - 1 - start)}^")
        lines.append("")
    lines += summary_lines(report)
    return "\n".join(lines) + ("\n" if lines else "")
