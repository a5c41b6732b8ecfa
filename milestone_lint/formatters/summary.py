"""The GitHub step summary (``--step-summary PATH``): every finding as a markdown table.

Annotations stop at GitHub's per-step limits (:mod:`.github`); the summary is where every
finding is seen, in the same order (the changed files' first), with how many the annotations
left out. GitHub takes up to 1 MiB of summary a step: past that the rows are cut, and the cut
is said in the summary.
"""

from __future__ import annotations

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.formatters.base import Report
from milestone_lint.formatters.github import LIMIT, annotated, in_order

# GitHub's limit is 1 MiB a step; the margin is for the closing note.
MAX_BYTES = 1024 * 1024 - 4096


def _cell(text: str) -> str:
    """Text that stays inside its table cell and renders as text, never as HTML."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _row(d: Diagnostic, changed: frozenset[str], rule_names: dict[str, str]) -> str:
    where = f"{_cell(d.path)}:{d.line}:{d.column}"
    mark = " (changed)" if d.path in changed else ""
    name = rule_names.get(d.code, "")
    code = f"{d.code} {name}".strip()
    return f"| {d.severity} | {where}{mark} | {code} | {_cell(d.message)} |\n"


def render(report: Report) -> str:
    """The summary's markdown: a heading, the counts, then one row a finding."""
    found = report.diagnostics
    if not found:
        return "## milestone-lint\n\nNo problems found.\n"
    errors = len(report.errors)
    warnings = len(found) - errors
    _, rest = annotated(report)
    lines = [
        "## milestone-lint\n\n",
        f"{len(found)} problems ({errors} errors, {warnings} warnings) in"
        f" {report.files_with_problems} files.",
    ]
    if rest:
        lines.append(
            f" {len(rest)} not annotated (GitHub shows {LIMIT} errors and {LIMIT} warnings a"
            " step): they are listed here."
        )
    lines.append("\n\n| level | where | rule | message |\n|---|---|---|---|\n")
    size = sum(len(part.encode()) for part in lines)
    names = {code: rule.name for code, rule in report.rules.items()}
    for shown, d in enumerate(in_order(report)):
        row = _row(d, report.changed, names)
        size += len(row.encode())
        if size > MAX_BYTES:
            lines.append(
                f"\n{len(found) - shown} more rows cut: GitHub keeps 1 MiB of summary a step."
                " Run `milestone-lint check` to see them all.\n"
            )
            break
        lines.append(row)
    return "".join(lines)
