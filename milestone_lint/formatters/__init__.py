"""Stage: output formats, one small module each, all behind :func:`render`."""

from __future__ import annotations

from collections.abc import Callable

from milestone_lint.check.options import FORMAT_NAMES, STATISTICS_FORMATS
from milestone_lint.formatters.base import Report


def _renderer(name: str) -> Callable[[Report], str]:
    # Imported on demand: a commit-time run pays only for the format it prints.
    if name == "text":
        from milestone_lint.formatters.text import render
    elif name == "full":
        from milestone_lint.formatters.full import render
    elif name == "gitlab":
        from milestone_lint.formatters.gitlab import render
    elif name == "json":
        from milestone_lint.formatters.json_format import render
    elif name == "github":
        from milestone_lint.formatters.github import render
    elif name == "sarif":
        from milestone_lint.formatters.sarif import render
    elif name == "junit":
        from milestone_lint.formatters.junit import render
    else:  # pragma: no cover - click restricts the choice
        raise ValueError(name)
    return render


def render(name: str, report: Report) -> str:
    return _renderer(name)(report)


__all__ = ["FORMAT_NAMES", "STATISTICS_FORMATS", "Report", "render"]
