"""GitHub Actions workflow commands: each problem becomes an annotation on the file."""

from __future__ import annotations

from milestone_lint.formatters.base import Report


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for d in report.diagnostics:
        end_line, end_column = report.end(d)
        rule = report.rules.get(d.code)
        title = f"{d.code} {rule.name}" if rule else d.code
        lines.append(
            f"::{d.severity} file={_property(d.path)},line={d.line},col={d.column},"
            f"endLine={end_line},endColumn={end_column},title={_property(title)}::{_data(d.message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
