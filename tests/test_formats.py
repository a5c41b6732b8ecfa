"""SARIF and JUnit that validate against their published schemas, for any file name; GitLab
fingerprints that GitLab never merges."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import xmlschema

from tests.conftest import write_tree

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
# The Jenkins xUnit plugin's schema (its source is named at the top of the file).
JUNIT = xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))
HOSTILE_NAMES = [
    "handoffs/1-Setup Notes.md",
    "handoffs/2-#hash.md",
    "handoffs/3-100%.md",
    "handoffs/4-日本語.md",
    "handoffs/5-[draft].md",
    "handoffs/6-\x1b]0;x\x07.md",
]


def test_sarif_validates_for_hostile_names(repo: Path, cli: Any) -> None:
    write_tree(repo, {name: "# T\n\n- a fact\n" for name in HOSTILE_NAMES})
    run = cli("check", "--format", "sarif")
    assert run.code == 1
    sarif = json.loads(run.out)
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(sarif), key=str)
    assert errors == [], errors[0].message if errors else ""
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "handoffs/1-Setup%20Notes.md" in uris
    assert "handoffs/2-%23hash.md" in uris
    assert "handoffs/3-100%25.md" in uris
    assert "handoffs/4-%E6%97%A5%E6%9C%AC%E8%AA%9E.md" in uris
    # Every result carries the baseline's fingerprint, stable when lines move.
    assert all(len(r["partialFingerprints"]["milestoneLint/v1"]) == 16 for r in results)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["help"]["markdown"] and r["fullDescription"]["text"] for r in rules)


def test_sarif_fingerprint_survives_moved_lines(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\nIt works, I think.\n"})

    def fingerprints() -> list[str]:
        out = json.loads(cli("check", "--format", "sarif", "--select", "ML305").out)
        return [r["partialFingerprints"]["milestoneLint/v1"] for r in out["runs"][0]["results"]]

    before = fingerprints()
    (repo / "handoffs/1-a.md").write_text("# A - 2025-03-01\n\nMore.\n\nIt works, I think.\n")
    assert fingerprints() == before


def _junit_cases(report: str) -> tuple[ET.Element, list[ET.Element]]:
    """The report's suite and test cases, once the schema has accepted it."""
    assert [str(e.reason) for e in JUNIT.iter_errors(report)] == []
    suite = ET.fromstring(report).find("testsuite")
    assert suite is not None
    return suite, suite.findall("testcase")


def test_junit_validates_for_hostile_names_errors_and_warnings(repo: Path, cli: Any) -> None:
    write_tree(repo, {name: "# T\n\nIt works, I think.\n" for name in HOSTILE_NAMES})
    (repo / "milestone-lint.toml").write_text('warn = ["ML305"]\n')
    run = cli("check", "--format", "junit")
    assert run.code == 1
    suite, cases = _junit_cases(run.out)
    failures = [f for c in cases for f in c.findall("failure")]
    warnings = [o.text or "" for c in cases for o in c.findall("system-out")]
    assert (suite.get("tests"), suite.get("failures")) == ("12", "6")
    assert {f.get("type") for f in failures} == {"ML101"}
    assert len(warnings) == 6
    assert all(w.startswith("warning: handoffs/") and " ML305 " in w for w in warnings)
    assert "handoffs/6-\\x1b]0;x\\x07.md" in {c.get("classname") for c in cases}


def test_junit_clean_run_validates(repo: Path, cli: Any) -> None:
    write_tree(repo, {"handoffs/1-a.md": "# A - 2025-03-01\n\n- a fact\n"})
    run = cli("check", "--format", "junit")
    assert run.code == 0
    suite, cases = _junit_cases(run.out)
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    assert [(c.get("name"), list(c)) for c in cases] == [("milestone-lint", [])]


def test_gitlab_identical_findings_get_distinct_stable_fingerprints(repo: Path, cli: Any) -> None:
    same = "It works, I think."
    write_tree(repo, {"handoffs/1-a.md": f"# A - 2025-03-01\n\n{same}\n\n{same}\n\n{same}\n"})

    def fingerprints() -> list[tuple[int, str]]:
        issues = json.loads(cli("check", "--format", "gitlab", "--select", "ML305").out)
        return [(i["location"]["lines"]["begin"], i["fingerprint"]) for i in issues]

    first = fingerprints()
    base = first[0][1]
    assert len(base) == 16
    assert first == [(3, base), (5, f"{base}:1"), (7, f"{base}:2")]
    # Lines added above keep every identity, the repeats' included.
    text = (repo / "handoffs/1-a.md").read_text()
    (repo / "handoffs/1-a.md").write_text(text.replace("\n\n", "\n\nMore.\n\n", 1))
    assert [f for _, f in fingerprints()] == [base, f"{base}:1", f"{base}:2"]
