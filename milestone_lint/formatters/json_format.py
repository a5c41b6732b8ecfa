"""A JSON list of diagnostic objects, stable keys, for other tools."""

from __future__ import annotations

import json

from milestone_lint.formatters.base import Report


def render(report: Report) -> str:
    return json.dumps(items(report), indent=2) + "\n"


def items(report: Report) -> list[dict[str, object]]:
    """Each diagnostic as the JSON object it is written as."""
    items: list[dict[str, object]] = []
    for d in report.diagnostics:
        rule = report.rules.get(d.code)
        end_line, end_column = report.end(d)
        items.append(
            {
                "code": d.code,
                "name": rule.name if rule else "",
                "severity": d.severity,
                "message": d.message,
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "end_line": end_line,
                "end_column": end_column,
                "fixable": (d.code, d.path) in report.fixable,
            }
        )
    return items
