"""GitLab Code Quality: a JSON list GitLab shows in merge requests (artifacts:reports)."""

from __future__ import annotations

import json

from milestone_lint.check.baseline import fingerprint
from milestone_lint.formatters.base import Report


def render(report: Report) -> str:
    issues = [
        {
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            # The baseline's: by content, not line number, so a finding keeps its identity
            # across edits above it.
            "fingerprint": fingerprint(d),
            # What fails the run is major; a warning (the `warn` setting) is minor.
            "severity": "minor" if d.is_warning else "major",
            "location": {"path": d.path, "lines": {"begin": d.line}},
        }
        for d in report.diagnostics
    ]
    return json.dumps(issues, indent=2) + "\n"
