"""GitLab Code Quality: a JSON list GitLab shows in merge requests (artifacts:reports)."""

from __future__ import annotations

import json

from milestone_lint.check.baseline import fingerprint
from milestone_lint.formatters.base import Report

# Structure (names, numbers, required files) blocks a tree's use; wording is a matter of style.
_SEVERITY = {"ML0": "critical", "ML1": "major", "ML2": "major", "ML3": "minor", "ML4": "major"}


def render(report: Report) -> str:
    issues = [
        {
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            # The baseline's: by content, not line number, so a finding keeps its identity
            # across edits above it.
            "fingerprint": fingerprint(d),
            "severity": _SEVERITY.get(d.code[:3], "minor"),
            "location": {"path": d.path, "lines": {"begin": d.line}},
        }
        for d in report.diagnostics
    ]
    return json.dumps(issues, indent=2) + "\n"
