"""GitLab Code Quality: a JSON list GitLab shows in merge requests (artifacts:reports)."""

from __future__ import annotations

import json
from collections import Counter

from milestone_lint.check.baseline import fingerprint
from milestone_lint.formatters.base import Report


def render(report: Report) -> str:
    issues = []
    seen: Counter[str] = Counter()
    for d in report.diagnostics:
        # The baseline's: by content, not line number, so a finding keeps its identity
        # across edits above it. GitLab merges findings that share one, so the n-th repeat
        # of an identical finding gets ":n" (as ruff salts them): stable while the order is.
        base = fingerprint(d)
        repeat = seen[base]
        seen[base] += 1
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": f"{base}:{repeat}" if repeat else base,
                # What fails the run is major; a warning (the `warn` setting) is minor.
                "severity": "minor" if d.is_warning else "major",
                "location": {"path": d.path, "lines": {"begin": d.line}},
            }
        )
    return json.dumps(issues, indent=2) + "\n"
