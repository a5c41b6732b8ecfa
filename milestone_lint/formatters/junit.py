"""JUnit XML: one test suite, one test case a problem (or one passing case): an error is a
failure, a warning a passing case whose ``system-out`` says what it found."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from milestone_lint.formatters.base import Report


def render(report: Report) -> str:
    suites = ET.Element("testsuites", name="milestone-lint")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="milestone-lint",
        tests=str(max(1, len(report.diagnostics))),
        failures=str(len(report.errors)),
        errors="0",
    )
    if not report.diagnostics:
        ET.SubElement(suite, "testcase", name="milestone-lint", classname="milestone-lint")
    for d in report.diagnostics:
        case = ET.SubElement(
            suite,
            "testcase",
            name=f"{d.code} {d.path}:{d.line}:{d.column}",
            classname=d.path,
            file=d.path,
            line=str(d.line),
        )
        text = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
        if d.is_warning:
            ET.SubElement(case, "system-out").text = f"warning: {text}"
        else:
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = text
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
