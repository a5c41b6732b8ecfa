"""JUnit XML, valid against the Jenkins xUnit plugin's ``junit-10.xsd`` (what Jenkins, GitLab
and most CI servers read): one test suite, one test case a problem (or one passing case); an
error is a failure, a warning a passing case whose ``system-out`` says what it found."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from milestone_lint.formatters.base import Report

# Characters XML 1.0 cannot hold at all, escaped or not (a file name may carry them):
# written as \xNN so that the report still parses and still says which file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(report: Report) -> str:
    count, failures = str(max(1, len(report.diagnostics))), str(len(report.errors))
    suites = ET.Element(
        "testsuites", name="milestone-lint", tests=count, failures=failures, errors="0"
    )
    suite = ET.SubElement(
        suites, "testsuite", name="milestone-lint", tests=count, failures=failures, errors="0"
    )
    if not report.diagnostics:
        ET.SubElement(suite, "testcase", name="milestone-lint", classname="milestone-lint")
    for d in report.diagnostics:
        # The schema gives a test case no file or line attribute: the name carries both.
        path = _xml(d.path)
        case = ET.SubElement(
            suite, "testcase", name=f"{d.code} {path}:{d.line}:{d.column}", classname=path
        )
        text = _xml(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")
        if d.is_warning:
            ET.SubElement(case, "system-out").text = f"warning: {text}"
        else:
            failure = ET.SubElement(case, "failure", message=_xml(d.message), type=d.code)
            failure.text = text
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
