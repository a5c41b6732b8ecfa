"""SARIF 2.1.0, with the metadata of every rule, for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from milestone_lint.check.baseline import fingerprint
from milestone_lint.formatters.base import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_entry(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": rule.why, "markdown": rule.documentation()},
        "defaultConfiguration": {"level": "error", "enabled": rule.default_enabled},
        "properties": {"tags": ["milestone-lint"]},
    }


def render(report: Report) -> str:
    rules = sorted(report.rules.values(), key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for d in report.diagnostics:
        end_line, end_column = report.end(d)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": d.severity,
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        # A URI, not a path: spaces, "#", "%" and non-ASCII percent-encoded
                        # (the schema's uri-reference), relative to the repository's root.
                        "artifactLocation": {
                            "uri": quote(d.path, safe="/"),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        },
                    }
                }
            ],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        # The baseline's content fingerprint: code scanning tracks a finding across edits.
        result["partialFingerprints"] = {"milestoneLint/v1": fingerprint(d)}
        results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "milestone-lint",
                        "version": report.version,
                        "informationUri": "https://pypi.org/project/milestone-lint/",
                        "rules": [_rule_entry(r) for r in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
