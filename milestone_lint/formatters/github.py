"""GitHub Actions workflow commands: each problem becomes an annotation on the file.

GitHub shows at most 10 error and 10 warning annotations a step (actions/toolkit,
``docs/problem-matchers.md``) and drops the rest. So the findings in the files the pull
request changed (``Report.changed``, from ``--since``) are annotated first, each level is cut at
its limit, and the rest are printed as plain log lines with one notice saying how many; the
step summary (:mod:`.summary`) lists every one.
"""

from __future__ import annotations

from collections.abc import Sequence

from milestone_lint.diagnostics import Diagnostic
from milestone_lint.formatters.base import Report

# Annotations GitHub shows per step, per level.
LIMIT = 10


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def in_order(report: Report) -> list[Diagnostic]:
    """The findings, those in the changed files first (each part in the report's order)."""
    changed = report.changed
    return sorted(report.diagnostics, key=lambda d: d.path not in changed)


def annotated(report: Report) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(annotated, not annotated): the first ``LIMIT`` of each level :func:`in_order`."""
    shown: list[Diagnostic] = []
    rest: list[Diagnostic] = []
    count = {"error": 0, "warning": 0}
    for d in in_order(report):
        count[d.severity] = count.get(d.severity, 0) + 1
        (shown if count[d.severity] <= LIMIT else rest).append(d)
    return shown, rest


def _annotation(report: Report, d: Diagnostic) -> str:
    end_line, end_column = report.end(d)
    rule = report.rules.get(d.code)
    title = f"{d.code} {rule.name}" if rule else d.code
    return (
        f"::{d.severity} file={_property(d.path)},line={d.line},col={d.column},"
        f"endLine={end_line},endColumn={end_column},title={_property(title)}::{_data(d.message)}"
    )


def _plain(rest: Sequence[Diagnostic]) -> list[str]:
    # Not workflow commands: a line starting "::" would be read as one.
    return [
        f"{d.path}:{d.line}:{d.column}: {d.code}{' [warning]' if d.is_warning else ''}"
        f" {d.message}".replace("\r", " ").replace("\n", " ")
        for d in rest
    ]


def render(report: Report) -> str:
    shown, rest = annotated(report)
    lines = [_annotation(report, d) for d in shown]
    if rest:
        lines += _plain(rest)
        total = len(report.diagnostics)
        lines.append(
            f"::notice title=milestone-lint::{len(rest)} of {total} findings not annotated"
            f" (GitHub shows {LIMIT} errors and {LIMIT} warnings a step); all are in the log"
            " above and in the step summary (--step-summary)"
        )
    return "\n".join(lines) + ("\n" if lines else "")
